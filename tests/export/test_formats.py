"""Every export format, checked by parsing what was written: GEXF and GraphML with
ElementTree (namespaces, declared attributes, edges between existing nodes), FollowTheMoney
by its schema rules (and by the followthemoney library), TimelineJS by its structure, CSV
and Parquet by reading them back."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.export import DEFAULT_OUTPUT, FORMATS, export
from storyline.export.gexf import xml_text
from storyline.store import StoreReader
from tests.web.storydb import HOSTILE_MARKERS

pytestmark = pytest.mark.slow

GEXF = "{http://gexf.net/1.3}"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def write(db: Path, fmt: str, out: Path) -> Path:
    with StoreReader(db) as reader:
        export(reader, fmt, out)
    return out


def names(db: Path) -> dict[str, str]:
    with StoreReader(db) as reader:
        return {e["id"]: e["name"] for e in reader.entities()}


# ------------------------------------------------------------------------ graphs


def test_gexf_is_a_valid_graph(story_db: Path, tmp_path: Path) -> None:
    root = ET.parse(write(story_db, "gexf", tmp_path / "s.gexf")).getroot()
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    graph = root.find(f"{GEXF}graph")
    assert graph is not None and graph.get("defaultedgetype") == "undirected"
    declared = {
        (block.get("class"), a.get("id"))
        for block in graph.findall(f"{GEXF}attributes")
        for a in block.findall(f"{GEXF}attribute")
    }
    nodes = graph.findall(f"{GEXF}nodes/{GEXF}node")
    edges = graph.findall(f"{GEXF}edges/{GEXF}edge")
    node_ids = {n.get("id") for n in nodes}
    assert len(node_ids) == len(nodes) >= 4
    assert all(n.get("label") for n in nodes)
    for n in nodes:
        for v in n.findall(f"{GEXF}attvalues/{GEXF}attvalue"):
            assert ("node", v.get("for")) in declared
    edge_ids = [e.get("id") for e in edges]
    assert len(set(edge_ids)) == len(edge_ids) > 0
    labels = {n.get("id"): n.get("label") for n in nodes}
    pairs = set()
    for e in edges:
        assert e.get("source") in node_ids and e.get("target") in node_ids
        assert float(e.get("weight") or 0) > 0
        values = {
            v.get("for"): v.get("value") for v in e.findall(f"{GEXF}attvalues/{GEXF}attvalue")
        }
        assert {("edge", k) for k in values} <= declared
        assert re.fullmatch(r"(d_\w+:\d+-\d+ ?)+", values["evidence"] or "")
        if values["kind"] in ("support", "oppose"):
            assert e.get("type") == "directed"
        pairs.add(frozenset((labels[e.get("source")], labels[e.get("target")])))
    assert frozenset(("Norway", "Chile")) in pairs


def test_graphml_is_a_valid_graph(story_db: Path, tmp_path: Path) -> None:
    root = ET.parse(write(story_db, "graphml", tmp_path / "s.graphml")).getroot()
    assert root.tag == f"{GRAPHML}graphml"
    keys = {k.get("id"): k.get("for") for k in root.findall(f"{GRAPHML}key")}
    assert all(root.find(f"{GRAPHML}key[@id='{k}']").get("attr.type") for k in keys)  # type: ignore[union-attr]
    graph = root.find(f"{GRAPHML}graph")
    assert graph is not None and graph.get("edgedefault") == "undirected"
    nodes = {n.get("id"): n for n in graph.findall(f"{GRAPHML}node")}
    assert len(nodes) >= 4
    for node in nodes.values():
        for d in node.findall(f"{GRAPHML}data"):
            assert keys[d.get("key")] == "node"
    edges = graph.findall(f"{GRAPHML}edge")
    assert edges
    for e in edges:
        assert e.get("source") in nodes and e.get("target") in nodes
        for d in e.findall(f"{GRAPHML}data"):
            assert keys[d.get("key")] == "edge"


def test_xml_drops_characters_xml_forbids() -> None:
    assert xml_text("a\x01b\x0bc\td") == "abc\td"
    root = ET.Element("x", {"label": xml_text("bad \x02 <script>")})
    assert ET.fromstring(ET.tostring(root)).get("label") == "bad  <script>"


# --------------------------------------------------------------------------- ftm

FTM_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$")
REQUIRED = {
    "Person": {"name"},
    "Organization": {"name"},
    "Territory": {"name"},
    "Mention": {"document", "name"},
    "Event": {"name"},
    "Article": set(),
}
REFERENCES = {  # (schema, property) → schemas the referenced entity may have
    ("Mention", "document"): {"Article"},
    ("Mention", "resolved"): {"Person", "Organization"},
    ("Event", "involved"): {"Person", "Organization"},
    ("Event", "proof"): {"Article"},
}


def ftm_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_ftm_follows_the_schema_rules(story_db: Path, tmp_path: Path) -> None:
    entities = ftm_lines(write(story_db, "ftm", tmp_path / "s.ftm.json"))
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities)
    schemas = {e["schema"] for e in entities}
    assert schemas == set(REQUIRED)
    for e in entities:
        assert set(e) == {"id", "schema", "properties"}
        assert FTM_ID.match(e["id"]), e["id"]
        props = e["properties"]
        assert REQUIRED[e["schema"]] <= set(props), e
        assert all(
            isinstance(v, list) and v and all(isinstance(x, str) for x in v) for v in props.values()
        )
        for prop, values in props.items():
            allowed = REFERENCES.get((e["schema"], prop))
            if allowed:
                for ref in values:
                    assert by_id[ref]["schema"] in allowed, (e["id"], prop, ref)
    people = {e["properties"]["name"][0] for e in entities if e["schema"] == "Person"}
    assert {"Ana Lindqvist", "Tomas Ibarra"} <= people
    articles = [e for e in entities if e["schema"] == "Article"]
    assert {a["properties"]["publisher"][0] for a in articles} >= {"Harbour Post", "Fjord Daily"}
    hostile = next(a for a in articles if "script" in a["properties"]["title"][0])
    assert "sourceUrl" not in hostile["properties"]  # javascript: is not a URL to keep
    events = [e for e in entities if e["schema"] == "Event"]
    assert any(e["properties"].get("involved") for e in events)


def test_ftm_loads_in_followthemoney(story_db: Path, tmp_path: Path) -> None:
    model = pytest.importorskip("followthemoney").model
    entities = ftm_lines(write(story_db, "ftm", tmp_path / "s.ftm.json"))
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)  # cleans: invalid values are dropped
        assert proxy.schema.name == data["schema"]
        assert proxy.to_dict()["properties"] == data["properties"], data["id"]
        for prop in proxy.schema.required:
            assert proxy.get(prop), (data["id"], prop)


# --------------------------------------------------------------------- timelinejs


def test_timelinejs_structure(story_db: Path, tmp_path: Path) -> None:
    data = json.loads(write(story_db, "timelinejs", tmp_path / "t.json").read_text("utf-8"))
    assert set(data) == {"title", "events"}
    assert data["title"]["text"]["headline"]
    assert data["events"]
    ids = set()
    for event in data["events"]:
        start = event["start_date"]
        assert isinstance(start["year"], int) and 1 <= start.get("month", 1) <= 12
        assert 1 <= start.get("day", 1) <= 31
        assert event["text"]["headline"] and event["group"]
        ids.add(event["unique_id"])
        for marker in HOSTILE_MARKERS:
            assert marker not in json.dumps(event), marker
    assert len(ids) == len(data["events"])


# ------------------------------------------------------------------------ tables


def test_csv_folder_has_every_table(story_db: Path, tmp_path: Path) -> None:
    out = write(story_db, "csv", tmp_path / "tables")
    with StoreReader(story_db) as reader:
        counts = reader.counts()
    rows = {}
    for path in out.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            rows[path.stem] = list(csv.DictReader(fh))
    for table in (
        "documents",
        "entities",
        "mentions",
        "quotes",
        "figures",
        "events",
        "figure_groups",
        "positions",
        "quote_speakers",
        "sentences",
    ):
        assert table in rows, table
    for table in ("documents", "entities", "quotes", "figures", "events", "positions"):
        assert len(rows[table]) == counts[table], table
    doc = rows["documents"][0]
    assert doc["text"] and doc["id"].startswith("d_")
    lindqvist = {e["id"] for e in rows["entities"] if e["name"] == "Ana Lindqvist"}
    assert any(r["entity_id"] in lindqvist for r in rows["quote_speakers"])


def test_parquet_folder_reads_back_typed(story_db: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = write(story_db, "parquet", tmp_path / "tables")
    with StoreReader(story_db) as reader:
        counts = reader.counts()
    quotes = pq.read_table(out / "quotes.parquet")
    assert quotes.num_rows == counts["quotes"]
    assert str(quotes.schema.field("start").type) == "int64"
    assert str(quotes.schema.field("text").type) == "string"
    figures = pq.read_table(out / "figures.parquet")
    assert str(figures.schema.field("value").type) == "double"
    assert sorted(figures.column("value").to_pylist())[-1] == 14e9


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_writes_an_empty_database(empty_db: Path, tmp_path: Path, fmt: str) -> None:
    out = write(empty_db, fmt, tmp_path / DEFAULT_OUTPUT[fmt])
    assert out.exists()
    if fmt in ("gexf", "graphml"):
        ET.parse(out)
    elif fmt in ("json", "timelinejs"):
        json.loads(out.read_text("utf-8"))
    elif fmt == "ftm":
        assert out.read_text("utf-8") == ""
    else:
        assert any(out.iterdir())


def test_cli_default_outputs_and_errors(story_db: Path, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--db", str(story_db), "--format", "gexf"])
    assert result.exit_code == 0 and (tmp_path / "story.gexf").exists()
    result = runner.invoke(app, ["export", "--db", str(story_db), "-f", "pdf"])
    assert result.exit_code == 2 and "choose one of" in result.output
    (tmp_path / "file").write_text("x")
    result = runner.invoke(app, ["export", "--db", str(story_db), "-f", "csv", "-o", "file"])
    assert result.exit_code == 2 and "folder" in result.output


def test_json_quotes_say_how_their_speaker_was_found(story_db: Path, tmp_path: Path) -> None:
    from storyline.document import SPEAKER_VIA

    out = write(story_db, "json", tmp_path / "story.json")
    quotes = json.loads(out.read_text(encoding="utf-8"))["quotes"]
    assert quotes
    for q in quotes:
        assert q["speaker_via"] in (*SPEAKER_VIA, None)
        assert (q["speaker_via"] is None) == (q["speaker_text"] is None)
    assert any(q["speaker_via"] == "name" and q["speaker"] for q in quotes)
    with StoreReader(story_db) as reader:
        rows = {r["speaker_via"] for r in reader.conn.execute("SELECT speaker_via FROM quotes")}
    assert rows == {q["speaker_via"] for q in quotes}
