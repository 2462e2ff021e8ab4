"""Honest corroboration on written articles, through the real pipeline: a line counts only
independent reports that state the same fact, shows where sources differ, and never leads
with boilerplate."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.store import StoreReader
from storyline.story_views.brief import Brief, BriefLine, build_brief
from storyline.story_views.framing import build_framing
from tests.brief import disagreeing as corpus
from tests.e2e.conftest import VALIDATOR

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(disagreeing_db: Path) -> Path:
    return disagreeing_db


@pytest.fixture(scope="module")
def brief(db: Path) -> Brief:
    with StoreReader(db) as reader:
        return build_brief(reader, length=40)


def _lines_with(brief: Brief, words: str) -> list[BriefLine]:
    return [line for line in brief.lines if words in line.text]


def test_thirty_and_fifty_killed_are_a_disagreement_not_two_sources(brief: Brief) -> None:
    (line,) = _lines_with(brief, "passenger ferry capsized")
    assert line.sources == 1 and len(line.citations) == 1
    (d,) = line.disagreements
    versions = {line.outlets[0]: line.text, d.outlets[0]: d.text}
    assert set(versions) == {"Harbour Gazette", "Velmora Daily"}
    assert versions["Velmora Daily"].startswith("30 people")
    assert versions["Harbour Gazette"].startswith("At least 50 people")
    assert any("30" in s for s in (*d.says, *d.instead_of))
    assert any("50" in s for s in (*d.says, *d.instead_of))


def test_four_trade_values_are_one_source_each_and_all_shown(brief: Brief) -> None:
    (line,) = _lines_with(brief, "Trade between Arlesia and Benmark")
    assert line.sources == 1 and line.copies == 1
    outlets = {line.outlets[0], *(o for d in line.disagreements for o in d.outlets)}
    assert outlets == set(corpus.TRADE_VALUES)
    says = sorted(s for d in line.disagreements for s in d.says)
    assert len(says) == 3 and all(s.startswith("$") and "billion" in s for s in says)


def test_a_quote_by_one_minister_is_not_corroborated_by_another_ministers(
    brief: Brief,
) -> None:
    for line in _lines_with(brief, "said Italy opposed the new Adriatic fishing quotas"):
        assert line.sources == 1
        assert len({c.outlet for c in line.citations}) == 1


def test_a_wire_story_in_three_outlets_and_one_own_report_are_two_reports(
    brief: Brief, db: Path
) -> None:
    (line,) = _lines_with(brief, "400,000 residents")
    assert (line.sources, line.copies) == (2, 4)
    assert set(line.outlets) == {*corpus.WIRE_OUTLETS, "Korvala Observer"}
    result = CliRunner().invoke(app, ["brief", "--db", str(db), "--length", "40"])
    assert result.exit_code == 0, result.output
    assert "[2 independent reports, 4 copies] " in result.output
    assert "sources differ: at least 50 people [Harbour Gazette] · 30 people" in result.output


def test_a_newsletter_prompt_on_ten_unrelated_pages_is_never_in_the_brief(
    brief: Brief, db: Path
) -> None:
    with StoreReader(db) as reader:
        texts = {s.document.id: s.document.text for s in reader.documents()}
    quoted = [
        texts[c.doc][c.start : c.end]
        for line in brief.lines
        for c in (*line.citations, *(c for d in line.disagreements for c in d.citations))
    ]
    assert brief.lines and quoted
    assert not any("newsletter" in q or "send their comments" in q for q in quoted)
    # the pages' own news is still there
    assert any("red panda cubs" in line.text for line in brief.lines)


def test_the_export_counts_reports_and_copies_and_lists_disagreements(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "story.json"
    result = CliRunner().invoke(app, ["export", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    story = json.loads(out.read_text(encoding="utf-8"))
    lines = story["brief"]
    assert lines and all({"sources", "copies", "disagreements"} <= set(line) for line in lines)
    dam = next(line for line in lines if "400,000 residents" in line["text"])
    assert (dam["sources"], dam["copies"], len(dam["citations"])) == (2, 4, 4)
    ferry = next(line for line in lines if "passenger ferry" in line["text"])
    (d,) = ferry["disagreements"]
    texts = {doc["id"]: doc["text"] for doc in story["documents"]}
    c = d["citations"][0]
    assert texts[c["doc"]][c["start"] : c["end"]] == d["text"]
    if VALIDATOR.exists():
        check = subprocess.run(
            [sys.executable, str(VALIDATOR), str(out)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stdout + check.stderr


def test_a_wire_story_run_by_three_outlets_is_one_report_in_the_framing(db: Path) -> None:
    """Copies are not outlets confirming each other: a figure only the wire story gives is
    an exclusive claim of each outlet that ran it, naming the others' copies."""
    with StoreReader(db) as reader:
        framing = build_framing(reader)
    for outlet in corpus.WIRE_OUTLETS:
        o = framing.outlet(outlet)
        assert o is not None
        (claim,) = [c for c in o.claims if "90 million cubic metres" in c.text]
        others = sorted(set(corpus.WIRE_OUTLETS) - {outlet})
        assert "one independent report" in claim.reason
        assert all(other in claim.reason for other in others)
    own = framing.outlet("Korvala Observer")
    assert own is not None and not any("cubic metres" in c.text for c in own.claims)


def test_the_web_brief_and_the_report_show_counts_and_where_sources_differ(
    db: Path, tmp_path: Path
) -> None:
    from storyline.story_views.present import source_mark
    from tests.web.conftest import make_client

    with StoreReader(db) as reader:
        top = build_brief(reader, length=5)
    differing = [line for line in top.lines if line.disagreements]
    assert differing, "the written corpus puts a disagreement among the top lines"
    page = make_client(db).get("/").text
    report = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", "--db", str(db), "-o", str(report)])
    assert result.exit_code == 0, result.output
    for html in (page, report.read_text(encoding="utf-8")):
        assert "Sources differ: " in html
        for line in top.lines:
            assert source_mark(line.sources, line.copies) in html
        for d in differing[0].disagreements:
            for said in d.says:
                assert said in html
