"""The framing view, measured on three versions of one event written with different framings
(``corpus/``; the differences built in are listed in ``expected.json``)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.evaluation.brief import framing_check
from storyline.store import StoreReader
from storyline.store.brief_queries import (
    FactDocument,
    FactMention,
    FactQuote,
    FactSentence,
    StoryFacts,
)
from storyline.story_views.framing import Framing, build_framing, framing_from_facts
from storyline.story_views.scope import story_scope
from storyline.story_views.voices import group_label, outlet_voices
from storyline.story_views.wording import _count, log_odds_z
from tests.framing.corpus_dbs import EXPECTED

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def framing(versions_db: Path) -> Framing:
    with StoreReader(versions_db) as reader:
        return build_framing(reader)


def test_the_framing_recovers_the_differences_built_into_the_versions(framing: Framing) -> None:
    missed = [item for item in EXPECTED["framing"] if not framing_check(framing, item)]
    # 29 of 29 when measured (python -m storyline.evaluation.brief); a floor against drift
    assert len(missed) <= 2, missed
    kinds = Counter(item["kind"] for item in missed)
    assert kinds["voice-top"] == 0 and kinds["disagreement"] == 0


def test_each_outlet_quotes_its_own_side(framing: Framing) -> None:
    tops = {o.outlet: o.voice_groups[0].label for o in framing.outlets}
    assert tops == {
        "The Northern Courier": "officials of Norway",
        "The Atlantic Monitor": "analysts",
        "The Saga Post": "officials of Iceland",
    }


def test_every_claim_carries_evidence_pointing_at_its_words(
    framing: Framing, versions_db: Path
) -> None:
    with StoreReader(versions_db) as reader:
        texts = {s.document.id: s.document.text for s in reader.documents()}
    evidence: list[dict[str, Any]] = []

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            if {"doc", "start", "end", "text"} <= set(node):
                evidence.append(node)
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(framing.to_dict())
    assert len(evidence) > 50
    for e in evidence:
        assert " ".join(texts[e["doc"]][e["start"] : e["end"]].split()) == e["text"]
    json.dumps(framing.to_dict())  # JSON-ready for the web app


def test_figure_disagreements_show_each_outlets_value(framing: Framing) -> None:
    confirmed = [d for d in framing.disagreements if d.confirmed]
    assert confirmed and {v.outlet for v in confirmed[0].values} == {
        "The Northern Courier",
        "The Saga Post",
    }


def test_cli_framing_prints_outlets_voices_and_wording(versions_db: Path) -> None:
    result = CliRunner().invoke(app, ["framing", "--db", str(versions_db)])
    assert result.exit_code == 0, result.output
    for words in ("== The Saga Post", "officials of Iceland", "“mackerel grab”", "DISAGREE"):
        assert words in result.output


def test_cli_framing_rejects_an_unknown_event(versions_db: Path) -> None:
    result = CliRunner().invoke(app, ["framing", "--db", str(versions_db), "--event", "v_x"])
    assert result.exit_code == 2 and "v_x" in result.output


# ------------------------------------------------------------------ hand-built facts


def _mention(doc: str, start: int, text: str, etype: str, entity: str, kb: str | None) -> Any:
    end = start + len(text)
    return FactMention(doc, start, end, text, etype, kb, None, None, entity, text, etype, kb)


def test_a_state_speaking_is_an_official_voice_and_a_statement_is_a_document() -> None:
    text = "Norway said the deal was fair. The statement said talks would go on."
    doc = FactDocument("d_1", "one.txt", None, "Alpha", None, text)
    facts = StoryFacts(
        documents=(doc,),
        sentences=(FactSentence("d_1", 0, 0, 30), FactSentence("d_1", 1, 31, len(text))),
        mentions=(_mention("d_1", 0, "Norway", "GPE", "e_no", "Q20"),),
        quotes=(
            FactQuote("d_1", 12, 29, "the deal was fair", False, "Norway", 0, 6),
            FactQuote(
                "d_1", 50, len(text) - 1, "talks would go on", False, "The statement", None, None
            ),
        ),
        figures=(),
        stances=(),
        event_mentions=(),
        events=(),
        times=(),
    )
    scope = story_scope(facts)
    voices, groups = outlet_voices(scope, scope.quotes())["Alpha"]
    assert {(v.speaker, v.category, v.side) for v in voices} == {
        ("Norway", "official", "Norway"),
        ("The statement", "document", None),
    }
    assert {g.label for g in groups} == {"officials of Norway", "documents"}
    assert framing_from_facts(facts).outlets[0].quotes == 2


def test_group_labels_read_naturally() -> None:
    assert group_label("official", "Iceland") == "officials of Iceland"
    assert group_label("analyst", None) == "analysts"
    assert group_label("institution", "Iceland") == "institutions (Iceland)"


def test_log_odds_grows_with_exclusive_use(versions_db: Path) -> None:
    with StoreReader(versions_db) as reader:
        scope = story_scope(reader.story_facts())
    counts = _count(scope)
    outlet = "The Saga Post"
    assert log_odds_z(counts, outlet, "fair share") > log_odds_z(counts, outlet, "accord")
    assert log_odds_z(counts, "The Northern Courier", "fair share") < 0
