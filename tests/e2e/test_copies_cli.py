"""Independent reports end to end, through the real CLI: a wire story carried by four
outlets and two independent reports (tests/e2e/copies_corpus.py) are analysed; the export
groups the copies into one report with its wire as origin, and every count of sources (figure
groups, events, positions, web pages, the HTML report, terminal views, ``info``) counts
independent reports and shows copies beside them. Analysing the copies in two runs gives the
same reports as one run, and removing the lead copy re-forms the report around a new lead."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

from tests.e2e import copies_corpus as c
from tests.e2e.conftest import VALIDATOR, run_cli

ARTICLES = [  # source, text, outlet, published
    ("wire.txt", c.WIRE, "Wire Daily", "2023-06-12"),
    ("edited.txt", c.EDITED, "Norland Times", "2023-06-12"),
    ("cut.txt", c.CUT, "Vesk Post", "2023-06-13"),
    ("added.txt", c.ADDED, "Harbour News", "2023-06-14"),
    ("ind1.txt", c.INDEPENDENT_1, "Norland Times", "2023-06-13"),
    ("ind2.txt", c.INDEPENDENT_2, "Capital Herald", "2023-06-12"),
]
COPIES = {"wire.txt", "edited.txt", "cut.txt", "added.txt"}


def write_inputs(path: Path, sources: set[str] | None = None) -> Path:
    lines = [
        json.dumps(
            {"source": s, "text": t, "outlet": o, "published": p, "title": f"Pipeline ({o})"}
        )
        for s, t, o, p in ARTICLES
        if sources is None or s in sources
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def analyse(db: Path, *inputs: Path) -> None:
    result = run_cli("analyze", *map(str, inputs), "--db", str(db), "--quiet")
    assert result.exit_code == 0, result.output


def export(db: Path, out: Path) -> dict[str, Any]:
    result = run_cli("export", "--db", str(db), "-o", str(out))
    assert result.exit_code == 0, result.output
    return dict(json.loads(out.read_text(encoding="utf-8")))


def by_source(story: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["source"]: d for d in story["documents"]}


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], Path]:
    tmp = tmp_path_factory.mktemp("copies")
    db = tmp / "story.db"
    analyse(db, write_inputs(tmp / "articles.jsonl"))
    return db, export(db, tmp / "story.json"), tmp


def test_export_groups_copies_into_one_report_with_its_wire(
    analysed: tuple[Path, dict[str, Any], Path],
) -> None:
    _, story, tmp = analysed
    if VALIDATOR.is_file():
        check = subprocess.run(
            [sys.executable, str(VALIDATOR), str(tmp / "story.json")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert check.returncode == 0, check.stdout + check.stderr
    docs = by_source(story)
    assert len(story["reports"]) == 3  # 6 documents, 3 independent reports
    (wire,) = [r for r in story["reports"] if r["copies"] > 1]
    assert {docs[s]["id"] for s in COPIES} == set(wire["documents"])
    assert wire["copies"] == 4
    assert (wire["origin"], wire["origin_evidence"]) == ("Reuters", "(Reuters)")
    assert wire["outlets"] == ["Harbour News", "Norland Times", "Vesk Post", "Wire Daily"]
    # the lead is the earliest copy (then the smallest id); every copy keeps its outlet
    assert wire["documents"][0] == min(docs["wire.txt"]["id"], docs["edited.txt"]["id"])
    for source in COPIES:
        assert docs[source]["report"] == wire["id"]
        assert 0.3 <= docs[source]["copy_similarity"] <= 1.0
    assert docs["ind1.txt"]["report"] != docs["ind2.txt"]["report"] != wire["id"]
    assert docs["ind1.txt"]["copy_similarity"] == 1.0


def _the(items: list[dict[str, Any]], words: str, key: str = "label") -> dict[str, Any]:
    (item,) = [x for x in items if words in (x.get(key) or "")]
    return item


def test_groups_events_and_positions_count_independent_reports(
    analysed: tuple[Path, dict[str, Any], Path],
) -> None:
    _, story, _ = analysed
    # the trade figure: stated by the wire (in four copies) and by one independent report
    trade = _the(story["figure_groups"], "trade")
    assert (trade["sources"], trade["copies"]) == (2, 5)
    meeting = _the(story["events"], "meet")
    assert (meeting["sources"], meeting["copies"]) == (2, 5)
    opposed = _the(story["positions"], "pipeline", "target")
    assert (opposed["sources"], opposed["copies"]) == (2, 5)
    # a figure only the wire gives is no cross-check, however many outlets carry it
    assert not [g for g in story["figure_groups"] if "gas output" in g["label"]]
    assert len([f for f in story["figures"] if f["subject"] == "gas output"]) >= 2


def test_terminal_views_show_independent_reports_and_copies(
    analysed: tuple[Path, dict[str, Any], Path],
) -> None:
    db = str(analysed[0])
    figures = run_cli("figures", "--db", db)
    assert "trade, 2022  (2 independent reports, 5 copies)" in figures.output
    timeline = run_cli("timeline", "--db", db)
    assert "2 independent reports, 5 copies: " in timeline.output
    positions = run_cli("positions", "--db", db)
    assert "pipeline (" in positions.output and "· 2 independent reports, 5 copies" in (
        positions.output
    )
    info = run_cli("info", "--db", db)
    assert "independent reports 3" in info.output
    assert "6 analysed documents carry 3 independent reports" in info.output


def test_web_pages_and_report_show_independent_reports(
    analysed: tuple[Path, dict[str, Any], Path],
) -> None:
    db, story, tmp = analysed
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from starlette.testclient import TestClient
    from storyline.web.app import create_app

    client = TestClient(create_app(db))
    badge = "2 independent reports, 5 copies"
    for path in ("/figures", "/timeline", "/positions", "/"):
        page = client.get(path)
        assert page.status_code == 200 and badge in page.text, path
    assert "6 articles carry 3 independent reports" in client.get("/").text
    lind = client.get("/api/entities", params={"q": "Anna Lind"}).json()["items"][0]
    entity = client.get(f"/entities/{lind['id']}").text
    assert "named in" in entity and "independent reports" in entity
    # the document page names its report, its origin and its other copies with outlets
    docs = by_source(story)
    page = client.get(f"/documents/{docs['cut.txt']['id']}").text
    report_id = docs["cut.txt"]["report"]
    assert report_id in page and "origin: <strong>Reuters</strong> · evidence: (Reuters)" in page
    assert "(a copy of a report cited above)" in client.get("/figures").text
    for other in ("Wire Daily", "Norland Times", "Harbour News"):
        assert other in page
    api = client.get(f"/api/documents/{docs['cut.txt']['id']}").json()["report"]
    assert api["id"] == report_id and api["copies"] == 4
    assert {d["doc"] for d in api["documents"]} == {docs[s]["id"] for s in COPIES}
    # the HTML report shows the same counts
    out = tmp / "report.html"
    assert run_cli("report", "--db", str(db), "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert badge in html and "6 articles carry 3 independent reports" in html
    assert "(a copy of a report cited above)" in html


def _reports(story: dict[str, Any]) -> list[tuple[str, tuple[str, ...], str | None]]:
    return [(r["id"], tuple(r["documents"]), r["origin"]) for r in story["reports"]]


def test_two_runs_give_the_reports_of_one_and_removing_the_lead_makes_a_new_one(
    analysed: tuple[Path, dict[str, Any], Path], tmp_path: Path
) -> None:
    _, once, _ = analysed
    db = tmp_path / "two.db"
    analyse(db, write_inputs(tmp_path / "first.jsonl", {"wire.txt", "ind1.txt", "cut.txt"}))
    analyse(db, write_inputs(tmp_path / "all.jsonl"))
    twice = export(db, tmp_path / "twice.json")
    assert _reports(twice) == _reports(once)
    for doc in ("report", "copy_similarity"):
        assert {d["id"]: d[doc] for d in twice["documents"]} == {
            d["id"]: d[doc] for d in once["documents"]
        }
    for kind in ("figure_groups", "events", "positions"):
        assert sorted((x["id"], x["sources"], x["copies"]) for x in twice[kind]) == sorted(
            (x["id"], x["sources"], x["copies"]) for x in once[kind]
        )

    # remove the lead copy: the other three copies form the report again, with a new lead
    docs = by_source(once)
    (old,) = [r for r in once["reports"] if r["copies"] > 1]
    lead_source = next(s for s, d in docs.items() if d["id"] == old["documents"][0])
    removed = run_cli("remove", lead_source, "--db", str(db))
    assert removed.exit_code == 0, removed.output
    after = export(db, tmp_path / "after.json")
    (new,) = [r for r in after["reports"] if r["copies"] > 1]
    assert new["copies"] == 3 and old["documents"][0] not in new["documents"]
    assert set(new["documents"]) == set(old["documents"][1:])
    assert new["documents"][0] == old["documents"][1] and new["id"] != old["id"]
    assert new["origin"] == "Reuters"
    assert all(d["report"] == new["id"] for d in after["documents"] if d["id"] in new["documents"])


def test_fingerprints_of_an_older_layout_are_made_again(tmp_path: Path) -> None:
    import sqlite3

    from storyline.engines.local import resolve_reports
    from storyline.resolve.copies import PERMUTATIONS, SIGNATURE_BYTES
    from storyline.store import StoreWriter

    db = tmp_path / "old.db"
    analyse(db, write_inputs(tmp_path / "copies.jsonl", COPIES | {"ind1.txt"}))
    before = export(db, tmp_path / "before.json")
    with sqlite3.connect(db) as conn:  # as a database made before openings were kept
        conn.execute(
            "UPDATE document_signatures SET signature = substr(signature, 1, ?)",
            (4 * PERMUTATIONS,),
        )
    with StoreWriter(db) as store:
        resolve_reports(store)
    with sqlite3.connect(db) as conn:
        lengths = {r[0] for r in conn.execute("SELECT length(signature) FROM document_signatures")}
    assert lengths == {SIGNATURE_BYTES}
    assert _reports(export(db, tmp_path / "after.json")) == _reports(before)


def test_csv_and_timeline_exports_carry_reports_and_counts(
    analysed: tuple[Path, dict[str, Any], Path],
) -> None:
    import csv

    db, story, tmp = analysed
    folder = tmp / "tables"
    assert run_cli("export", "--db", str(db), "-f", "csv", "-o", str(folder)).exit_code == 0

    def rows(name: str) -> list[dict[str, str]]:
        with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    assert {r["doc_id"]: r["report_id"] for r in rows("report_documents")} == {
        d["id"]: d["report"] for d in story["documents"]
    }
    counts = {
        (r["kind"], r["id"]): (int(r["sources"]), int(r["copies"])) for r in rows("source_counts")
    }
    for kind in ("figure_groups", "events", "positions"):
        for item in story[kind]:
            assert counts[(kind, item["id"])] == (item["sources"], item["copies"])
    assert len(rows("reports")) == 3
    assert not (folder / "document_signatures.csv").exists()
    timeline = tmp / "timeline.json"
    assert (
        run_cli("export", "--db", str(db), "-f", "timelinejs", "-o", str(timeline)).exit_code == 0
    )
    assert "2 independent reports, 5 copies" in timeline.read_text(encoding="utf-8")
