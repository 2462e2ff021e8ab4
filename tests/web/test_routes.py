"""Every page and API route, in process: status, content, escaping, errors, empty databases."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from storyline.store import StoreReader, StoreWriter
from tests.web.conftest import make_client

pytestmark = pytest.mark.slow

PAGES = [
    "/",
    "/documents",
    "/entities",
    "/entities?type=PERSON&q=lind",
    "/quotes",
    "/positions",
    "/figures",
    "/figures?conflicts=true",
    "/timeline",
    "/graph",
    "/graph?nodes=5",
    "/search",
    "/search?q=trade",
    "/ask",
    "/ask?q=What+did+Lindqvist+say%3F",
    "/api/docs",
]
API = [
    "/api/overview",
    "/api/documents",
    "/api/entities",
    "/api/quotes",
    "/api/positions",
    "/api/figures",
    "/api/timeline",
    "/api/graph",
    "/api/search?q=trade",
    "/api/ask?q=What+did+Lindqvist+say%3F",
    "/api/brief",
    "/api/openapi.json",
]


def ids(client: Any) -> dict[str, str]:
    """One id of each kind from the API: a document, an entity, facts of every kind."""
    doc = client.get("/api/documents").json()["items"][0]["id"]
    full = client.get(f"/api/documents/{doc}").json()
    out = {"doc": doc, "entity": client.get("/api/entities").json()["items"][0]["id"]}
    for kind in ("quotes", "stances", "figures", "times", "events"):
        for d in client.get("/api/documents").json()["items"]:
            items = client.get(f"/api/documents/{d['id']}").json()[kind]
            if items:
                out[kind] = items[0]["id"]
                break
    assert full["text"]
    return out


def entity_id(client: Any, name: str) -> str:
    items = client.get("/api/entities", params={"q": name}).json()["items"]
    assert items, name
    return str(items[0]["id"])


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders(client: Any, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    assert "<main" in r.text


@pytest.mark.parametrize("path", API)
def test_every_api_route_answers_json(client: Any, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    assert isinstance(r.json(), dict)


def test_pages_of_each_thing_render(client: Any) -> None:
    found = ids(client)
    assert set(found) >= {"doc", "entity", "quotes", "stances", "figures", "times", "events"}
    assert client.get(f"/documents/{found['doc']}").status_code == 200
    assert client.get(f"/entities/{found['entity']}").status_code == 200
    for kind in ("quotes", "stances", "figures", "times", "events"):
        page = client.get(f"/facts/{found[kind]}")
        assert page.status_code == 200, kind
        assert f"/documents/{client.get('/api/facts/' + found[kind]).json()['doc']}" in page.text
    assert client.get(f"/facts/{found['entity']}", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("path", PAGES + API[:-1])
def test_empty_database_renders_every_view(empty_client: Any, path: str) -> None:
    r = empty_client.get(path)
    assert r.status_code == 200, r.text[:300]
    if not path.startswith("/search?q="):
        return
    assert "No sentence contains every word" in r.text


def test_empty_states_are_said(empty_client: Any) -> None:
    text = empty_client.get("/").text
    assert "No documents yet" in text and "No events found" in text
    assert "no figure was reported by more than one source" in empty_client.get("/figures").text
    assert "No events found" in empty_client.get("/timeline").text
    assert "No actors found" in empty_client.get("/graph").text
    assert "No quotes match" in empty_client.get("/quotes").text


def test_api_errors_have_one_shape(client: Any) -> None:
    for path, status in [
        ("/api/documents/d_nope", 404),
        ("/api/entities/e_nope", 404),
        ("/api/facts/q_nope", 404),
        ("/api/no-such-route", 404),
        ("/api/documents?page=0", 422),
        ("/api/quotes?size=100000", 422),
        ("/api/search", 422),
    ]:
        r = client.get(path)
        assert r.status_code == status, path
        body = r.json()
        assert set(body) == {"error"}, path
        assert body["error"]["status"] == status
        assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_html_errors_are_pages(client: Any) -> None:
    r = client.get("/documents/d_nope")
    assert r.status_code == 404
    assert "no document with id" in r.text and "<main" in r.text
    assert client.get("/documents?page=abc").status_code == 422


def test_missing_database_is_a_503_with_the_fix(tmp_path: Path) -> None:
    r = make_client(tmp_path / "none.db").get("/api/overview")
    assert r.status_code == 503
    assert "storyline analyze" in r.json()["error"]["message"]


def test_security_headers(client: Any) -> None:
    headers = client.get("/").headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"


def test_openapi_describes_the_api(client: Any) -> None:
    spec = client.get("/api/openapi.json").json()
    assert {"/api/documents/{doc_id}", "/api/quotes", "/api/search"} <= set(spec["paths"])
    docs = client.get("/api/docs").text
    assert "GET /api/quotes" in docs and "cdn" not in docs.lower()


def test_hostile_text_is_escaped_on_every_page(client: Any) -> None:
    hostile = next(
        d for d in client.get("/api/documents").json()["items"] if "script" in (d["title"] or "")
    )
    dahl = entity_id(client, "Dahl")
    pages = [*PAGES, f"/documents/{hostile['id']}", f"/entities/{dahl}", "/search?q=council"]
    pages += [f"/facts/{q['id']}" for q in client.get(f"/api/entities/{dahl}").json()["quotes"]]
    for path in pages:
        html = client.get(path).text
        for marker in ("<script>window", "<img src=x", "<b onmouseover", "<svg onload"):
            assert marker not in html, (path, marker)
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I), path
        assert html.count("<script") == 1, path  # only /static/app.js
    page = client.get(f"/documents/{hostile['id']}").text
    assert "&lt;script&gt;window.__pwned = 1" in page
    assert "&lt;img src=x onerror=" in page


def test_highlights_cover_their_evidence(client: Any) -> None:
    doc = next(
        d for d in client.get("/api/documents").json()["items"] if d["outlet"] == "Fjord Daily"
    )
    data = client.get(f"/api/documents/{doc['id']}").json()
    html = client.get(f"/documents/{doc['id']}").text
    for q in data["quotes"]:
        assert f'id="{q["id"]}"' in html
        assert f'href="/facts/{q["id"]}"' in html
    for f in data["figures"]:
        assert f'href="/facts/{f["id"]}"' in html
    for m in data["mentions"]:
        if m["entity"]:
            assert f'href="/entities/{m["entity"]}"' in html


def test_actor_page_lists_what_they_said_across_articles(client: Any) -> None:
    lindqvist = entity_id(client, "Lindqvist")
    data = client.get(f"/api/entities/{lindqvist}").json()
    assert {q["outlet"] for q in data["quotes"]} == {"Harbour Post", "Fjord Daily"}
    assert {o["outlet"] for o in data["by_outlet"]} >= {"Harbour Post", "Fjord Daily"}
    html = client.get(f"/entities/{lindqvist}").text
    assert "built to last" in html and "protects our fishermen" in html
    assert "Harbour Post" in html and "Fjord Daily" in html


def test_quotes_filter_by_speaker_and_outlet(client: Any) -> None:
    lindqvist = entity_id(client, "Lindqvist")
    items = client.get("/api/quotes", params={"speaker": lindqvist}).json()["items"]
    assert items and all(q["speaker"] == lindqvist for q in items)
    fjord = client.get("/api/quotes", params={"speaker": lindqvist, "outlet": "Fjord Daily"})
    assert [q["outlet"] for q in fjord.json()["items"]] == ["Fjord Daily"] * len(
        fjord.json()["items"]
    )
    assert len(fjord.json()["items"]) < len(items)
    html = client.get("/quotes", params={"speaker": lindqvist}).text
    assert "built to last" in html and "ignore science" not in html


def test_lists_are_paginated(client: Any) -> None:
    first = client.get("/api/quotes", params={"size": 2}).json()
    second = client.get("/api/quotes", params={"size": 2, "page": 2}).json()
    assert first["total"] == second["total"] > 4
    assert len(first["items"]) == 2
    assert {q["id"] for q in first["items"]}.isdisjoint({q["id"] for q in second["items"]})


def test_search_finds_a_figures_sentence(client: Any) -> None:
    result = client.get("/api/search", params={"q": "14 billion"}).json()
    assert any("$14 billion" in s["sentence"] for s in result["sentences"])
    assert any(f["text"] == "$14 billion" for f in result["figures"])
    html = client.get("/search", params={"q": "14 billion"}).text
    hit = re.search(r'href="(/documents/d_\w+\?hl=\d+-\d+#focus)"', html)
    assert hit
    focused = client.get(hit.group(1).replace("&amp;", "&")).text
    assert re.search(r'<mark class="hl hl-focus" id="focus">(<[^>]+>)*Trade between', focused)


def test_search_survives_fts_syntax(client: Any) -> None:
    for q in ['"', "AND OR NOT", "a*(", "NEAR(x y)", "'; DROP TABLE quotes; --"]:
        assert client.get("/api/search", params={"q": q}).status_code == 200


def test_figures_page_shows_the_disagreement(client: Any) -> None:
    groups = client.get("/api/figures").json()["items"]
    trade = next(g for g in groups if "trade" in g["label"])
    assert trade["agree"] is False
    assert {f["outlet"] for f in trade["figures"]} == {"Harbour Post", "Fjord Daily"}
    html = client.get("/figures").text
    assert "disagree" in html and "12 billion USD" in html and "14 billion USD" in html
    assert html.count("<rect") >= 2


def test_graph_edges_carry_evidence(client: Any) -> None:
    graph = client.get("/api/graph").json()
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    pair = {
        frozenset((names[e["source"]], names[e["target"]]))
        for e in graph["edges"]
        if e["kind"] == "co-mention"
    }
    assert frozenset(("Norway", "Chile")) in pair
    for e in graph["edges"]:
        assert e["evidence"] and all({"doc", "start", "end"} <= set(c) for c in e["evidence"])


def test_server_reads_while_analyze_writes(story_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "live.db"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{story_db}{suffix}").exists():
            shutil.copy(f"{story_db}{suffix}", f"{copy}{suffix}")
    client = make_client(copy)
    before = client.get("/api/overview").json()["counts"]["quotes"]
    with StoreWriter(copy) as writer:
        writer.conn.execute("BEGIN IMMEDIATE")  # a writer mid-transaction, as analyze is
        writer.conn.execute("DELETE FROM quotes")
        assert client.get("/api/overview").json()["counts"]["quotes"] == before
        assert client.get("/quotes").status_code == 200
        writer.conn.execute("COMMIT")
    assert client.get("/api/overview").json()["counts"]["quotes"] == 0


def test_the_app_opens_the_database_read_only(story_db: Path) -> None:
    import sqlite3

    with StoreReader(story_db) as reader, pytest.raises(sqlite3.OperationalError):
        reader.conn.execute("CREATE TABLE intruder(x)")


def test_overview_shows_the_brief_with_citations(client: Any) -> None:
    brief = client.get("/api/brief", params={"length": 3}).json()
    assert 1 <= len(brief["lines"]) <= 3
    html = client.get("/").text
    assert 'data-slot="brief"' in html and "In brief" in html
    first = brief["lines"][0]["citations"][0]
    assert f"/documents/{first['doc']}?hl={first['start']}-{first['end']}#focus" in html


def test_ask_answers_with_cited_sentences(client: Any) -> None:
    result = client.get("/api/ask", params={"q": "What did Lindqvist say?"}).json()
    assert result["found"] and "built to last" in result["answer"]
    html = client.get("/ask", params={"q": "What did Lindqvist say?"}).text
    assert "built to last" in html
    for c in result["citations"]:
        assert f"/documents/{c['doc']}?hl={c['start']}-{c['end']}#focus" in html
    assert 'data-slot="ask"' in client.get("/").text
    missing = client.get("/ask", params={"q": "What did Zorblax say?"}).text
    assert "Not found" in missing


def test_serve_and_report_name_a_missing_database(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from storyline.cli import app

    missing = tmp_path / "none.db"
    for command in (["serve", "--db", str(missing)], ["report", "--db", str(missing)]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 2, command
        assert "none.db" in result.output and "storyline analyze" in result.output
