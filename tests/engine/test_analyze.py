"""`storyline analyze` as a user runs it: bad inputs, duplicates, re-runs, interruptions."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from storyline.engines import local
from storyline.store import StoreReader
from tests.e2e.conftest import run_cli

pytestmark = pytest.mark.slow

ARTICLE_ONE = """Ministers agree to widen rail links between Kazakhstan and China

The transport ministers of Kazakhstan and China agreed on Tuesday to add a third border \
crossing for freight trains, officials in Astana said after the talks.

The new crossing is meant to ease queues at Khorgos, where containers bound for Europe \
often wait for several days before customs clearance.

Officials said construction could begin next year once both governments approve the budget \
and the route is surveyed by engineers from both countries.
"""

ARTICLE_TWO = """Port of Rotterdam reports record container volumes

The Port of Rotterdam said on Thursday that it handled more containers last year than in \
any year before, helped by a recovery in trade with Asia.

The port authority said larger ships and longer opening hours at its terminals allowed it \
to clear vessels faster than its rivals in Antwerp and Hamburg.

Analysts cautioned that freight rates remain volatile and that the record may not be \
repeated if demand in Europe weakens during the coming months.
"""

ARTICLE_GERMAN = """Die Bundesregierung plant neue Investitionen in die Bahn

Die Regierung in Berlin will in den kommenden Jahren deutlich mehr Geld in das Schienennetz \
investieren, teilte das Verkehrsministerium am Mittwoch mit.

Nach Angaben des Ministeriums sollen vor allem marode Brücken und Stellwerke erneuert werden, \
damit Züge wieder pünktlicher fahren und mehr Güter auf die Schiene kommen.
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_bad_inputs_are_reported_and_the_run_completes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "good.txt", ARTICLE_ONE)
    write(folder / "empty.txt", "")
    write(folder / "binary.txt", bytes(range(256)) * 40)
    write(folder / "latin1.txt", ARTICLE_TWO.replace("Port", "Pört").encode("utf-16-le"))
    write(folder / "nobody.html", "<html><head><title>x</title></head><body></body></html>")
    write(folder / "notes.pdf", b"%PDF-1.4 not really")
    lines = [json.dumps({"text": ARTICLE_TWO, "outlet": "Harbour Ledger"}), "{not json", ""]
    write(folder / "wire.jsonl", "\n".join(lines) + "\n")
    db = tmp_path / "s.db"

    result = run_cli("analyze", str(folder), "--db", str(db), "--quiet")

    assert result.exit_code == 0, result.output
    assert "2 analysed" in result.output
    for name in (
        "empty.txt",
        "binary.txt",
        "latin1.txt",
        "nobody.html",
        "notes.pdf",
        "wire.jsonl:2",
    ):
        lines_about = [ln for ln in result.output.splitlines() if name in ln]
        assert len(lines_about) == 1, (name, result.output)
    with StoreReader(db) as reader:
        assert reader.counts()["analysed"] == 2
        skipped = {Path(s.source).name for s in reader.skipped()}
    assert {"empty.txt", "binary.txt", "nobody.html", "notes.pdf"} <= skipped
    outlets = {d["outlet"] for d in json.loads(export(db, tmp_path))["documents"]}
    assert "Harbour Ledger" in outlets


def export(db: Path, tmp: Path) -> str:
    out = tmp / "x.json"
    assert run_cli("export", "--db", str(db), "-o", str(out), "--force").exit_code == 0
    return out.read_text(encoding="utf-8")


def test_same_article_twice_is_stored_once_and_reruns_change_nothing(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", ARTICLE_ONE)
    b = write(tmp_path / "copy" / "b.txt", ARTICLE_ONE)
    db = tmp_path / "s.db"
    first = run_cli("analyze", str(a), str(b), "--db", str(db), "--quiet")
    assert first.exit_code == 0
    assert "1 analysed" in first.output and "1 duplicates" in first.output
    before = export(db, tmp_path)
    second = run_cli("analyze", str(a), str(b), "--db", str(db), "--quiet")
    assert "1 unchanged" in second.output and "0 analysed" in second.output
    assert export(db, tmp_path) == before
    (doc,) = json.loads(before)["documents"]
    assert sorted(Path(s).name for s in doc["sources"]) == ["a.txt", "b.txt"]


def test_nothing_analysable_exits_non_zero(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.txt", "")
    result = run_cli(
        "analyze", str(empty), str(tmp_path / "missing.txt"), "--db", str(tmp_path / "s.db")
    )
    assert result.exit_code == 1
    assert "missing.txt" in result.output and "empty.txt" in result.output


def test_non_english_articles_are_stored_but_not_analysed(tmp_path: Path) -> None:
    de = write(tmp_path / "bahn.txt", ARTICLE_GERMAN)
    en = write(tmp_path / "rail.txt", ARTICLE_ONE)
    db = tmp_path / "s.db"
    result = run_cli("analyze", str(de), str(en), "--db", str(db), "--quiet")
    assert result.exit_code == 0
    assert "1 not analysed" in result.output
    docs = {Path(d["source"]).name: d for d in json.loads(export(db, tmp_path))["documents"]}
    assert docs["bahn.txt"]["language"] == "de"
    assert docs["bahn.txt"]["status"] == "not_analysed"
    assert "English" in docs["bahn.txt"]["status_reason"]


def test_interrupted_run_keeps_complete_documents_and_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = write(tmp_path / "in" / "a.txt", ARTICLE_ONE)
    write(tmp_path / "in" / "b.txt", ARTICLE_TWO)
    db = tmp_path / "s.db"
    real = local.StoreWriter.write_analysis
    calls = {"n": 0}

    def interrupt_second(self: local.StoreWriter, analysis: local.Analysis, **kw: object) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        real(self, analysis, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(local.StoreWriter, "write_analysis", interrupt_second)
    monkeypatch.setattr(local, "BATCH_SIZE", 1)
    result = run_cli("analyze", str(a.parent), "--db", str(db), "--quiet")
    assert result.exit_code == 130
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    conn.close()

    monkeypatch.setattr(local.StoreWriter, "write_analysis", real)
    resumed = run_cli("analyze", str(a.parent), "--db", str(db), "--quiet")
    assert "1 analysed" in resumed.output and "1 unchanged" in resumed.output
    with StoreReader(db) as reader:
        assert reader.counts()["documents"] == 2


def test_changed_pipeline_reanalyses_stored_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = write(tmp_path / "a.txt", ARTICLE_ONE)
    db = tmp_path / "s.db"
    run_cli("analyze", str(a), "--db", str(db), "--quiet")
    monkeypatch.setattr(local, "signature", lambda specs: "sentences@1,entities@999")
    result = run_cli("analyze", str(a), "--db", str(db), "--quiet")
    assert "1 re-analysed" in result.output
    with StoreReader(db) as reader:
        (stored,) = reader.documents()
        assert stored.pipeline == "sentences@1,entities@999"
        assert reader.counts()["sentences"] > 0
