"""`storyline analyze` cleans by input kind: a JSONL `text` keeps its content lines, and
the names in them reach the entity stage; `--clean` sets one mode for every input."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from tests.e2e.conftest import run_cli

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "ingest" / "fixtures"
WIRE = (FIXTURES / "given_wire_results.txt").read_text(encoding="utf-8")
SHORT = "Storm Closes Oslo Airport.\nHeavy Snow Grounded All Flights On Monday, Avinor Said."
# names that stand only in the results table and the points list
TABLE_NAMES = {"Luca Ferrante", "Tomas Lindqvist", "Isabel Moreau", "Henrik Dahl"}


@contextmanager
def analyse(tmp_path: Path, name: str, *options: str) -> Iterator[sqlite3.Connection]:
    inputs = tmp_path / "wire.jsonl"
    if not inputs.exists():
        rows = [{"source": "wire", "text": WIRE}, {"source": "short", "text": SHORT}]
        inputs.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / f"{name}.db"
    result = run_cli("analyze", str(inputs), "--db", str(db), "--quiet", *options)
    assert result.exit_code == 0, result.output
    with closing(sqlite3.connect(db)) as conn:
        conn.row_factory = sqlite3.Row
        yield conn


def mentions(conn: sqlite3.Connection, source: str) -> list[tuple[int, int, str]]:
    return [
        (r["start"], r["end"], r["text"])
        for r in conn.execute(
            "SELECT m.start, m.end, m.text FROM mentions m JOIN documents d ON d.id = m.doc_id "
            "WHERE d.source = ? ORDER BY m.start",
            (source,),
        )
    ]


def test_jsonl_text_keeps_tables_lists_headline_dateline_and_their_names(tmp_path: Path) -> None:
    with analyse(tmp_path, "auto") as conn:
        docs = {r["source"]: r for r in conn.execute("SELECT * FROM documents")}
        assert set(docs) == {"wire", "short"}  # the two-sentence article is analysed
        assert all(d["status"] == "analysed" and d["cleaning"] == "light" for d in docs.values())
        text = docs["wire"]["text"]
        for line in (
            "CYCLING - VAN DER BERG TAKES ALPINE STAGE , KOWALSKA KEEPS LEAD",
            "GRENOBLE , France 2026-07-14",
            "3. Tomas Lindqvist ( Sweden ) Baltic Velo 1:02",
            "Henrik Dahl ( Norway ) 1:15",
            "- Lindqvist 25",
        ):
            assert line in text.split("\n"), line
        for chrome in (
            "Share this article",
            "Advertisement",
            "Sign up for our newsletter",
            "cookies",
        ):
            assert chrome not in text, chrome

        found = mentions(conn, "wire")
        assert {t for _, _, t in found} >= TABLE_NAMES
        dateline = text.index("GRENOBLE")
        points = text.index("Points for the day")
        assert any(dateline <= s < text.index("\n", dateline) for s, _, _ in found)  # dateline
        assert any(s > points for s, _, _ in found)  # the points list
        assert any(t == "Oslo" for _, _, t in mentions(conn, "short"))

        exported = tmp_path / "story.json"
        assert (
            run_cli("export", "--db", str(tmp_path / "auto.db"), "-o", str(exported)).exit_code == 0
        )
        story = json.loads(exported.read_text(encoding="utf-8"))
        assert {d["cleaning"] for d in story["documents"]} == {"light"}


def test_clean_full_is_the_scraped_page_cleaner(tmp_path: Path) -> None:
    with analyse(tmp_path, "full", "--clean", "full") as conn:
        (wire,) = conn.execute("SELECT text, cleaning FROM documents WHERE source = 'wire'")
        assert wire["cleaning"] == "full"
        assert "Henrik Dahl" not in wire["text"] and "GRENOBLE" not in wire["text"]
        assert not TABLE_NAMES & {t for _, _, t in mentions(conn, "wire")}
        (skipped,) = conn.execute("SELECT source, reason FROM skipped")
        assert skipped["source"] == "short" and "--clean light" in skipped["reason"]


def test_clean_none_keeps_the_text_as_given(tmp_path: Path) -> None:
    with analyse(tmp_path, "none", "--clean", "none") as conn:
        (wire,) = conn.execute("SELECT text, cleaning FROM documents WHERE source = 'wire'")
        assert wire["cleaning"] == "none"
        assert [ln for ln in wire["text"].split("\n") if ln] == [
            ln for ln in WIRE.split("\n") if ln
        ]


def test_an_unknown_mode_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli("analyze", str(tmp_path), "--db", str(tmp_path / "x.db"), "--clean", "hard")
    assert result.exit_code == 2
    assert "unknown cleaning mode 'hard'" in result.output and "--clean auto" in result.output


def test_worker_processes_clean_in_the_mode_given(tmp_path: Path) -> None:
    from storyline.engines import local

    inputs = tmp_path / "wire.jsonl"
    rows = [{"source": "wire", "text": WIRE}, {"source": "short", "text": SHORT}]
    inputs.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "w.db"
    # two inputs, batches of one: both go to the two worker processes
    report = local.analyze([str(inputs)], db, workers=2, batch_size=1, clean="none")
    assert len(report.analysed) == 2
    with closing(sqlite3.connect(db)) as conn:
        rows_ = dict(conn.execute("SELECT source, cleaning FROM documents"))
        (text,) = conn.execute("SELECT text FROM documents WHERE source = 'wire'").fetchone()
    assert rows_ == {"wire": "none", "short": "none"}
    assert "Advertisement" in text
