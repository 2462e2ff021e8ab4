"""Article text cannot reorder a page: the bidi embeddings, overrides and isolates of a hostile
article (``tests/hostile_story.py``) are in no page the web app serves, neither in the HTML
nor in what headless chromium shows; the marks right-to-left text needs stay allowed."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from storyline.sanitize import BIDI_CONTROLS
from storyline.web.render import finalize
from tests.hostile_story import PAGE_BAD, RLO
from tests.web.browser import running_server
from tests.web.conftest import make_client

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hostile_client(hostile_db: Path) -> Any:
    return make_client(hostile_db)


def paths(client: Any) -> list[str]:
    (doc,) = client.get("/api/documents").json()["items"]
    holm = client.get("/api/entities", params={"q": "Holm"}).json()["items"][0]["id"]
    facts = [q["id"] for q in client.get(f"/api/entities/{holm}").json()["quotes"]]
    return [
        "/",
        "/documents",
        f"/documents/{doc['id']}",
        "/entities",
        f"/entities/{holm}",
        "/quotes",
        "/quotes?" + urlencode({"outlet": doc["outlet"]}),
        "/positions",
        "/figures",
        "/timeline",
        "/graph",
        "/search?q=tally",
        "/ask?q=What+did+Holm+say",
        *(f"/facts/{f}" for f in facts),
    ]


def test_the_database_holds_the_overrides(hostile_client: Any) -> None:
    (doc,) = hostile_client.get("/api/documents").json()["items"]
    assert RLO in doc["title"] and RLO in doc["outlet"]  # the JSON API gives data as stored


def test_no_page_has_a_bidi_control(hostile_client: Any) -> None:
    for path in paths(hostile_client):
        response = hostile_client.get(path)
        assert response.status_code == 200, path
        assert not set(response.text) & BIDI_CONTROLS, path
    assert "Tidende" in hostile_client.get("/documents").text


def test_the_outlet_filter_still_finds_an_outlet_shown_without_its_overrides(
    hostile_client: Any,
) -> None:
    html = hostile_client.get("/quotes", params={"outlet": "@Tromso Tidende\x1b[2J"}).text
    assert "is what the tally" in html and "selected" in html


def test_finalize_keeps_markup_and_marks() -> None:
    from markupsafe import Markup

    value = finalize(Markup(f"<b>a{RLO}b</b>\u200f"))
    assert isinstance(value, Markup) and value == Markup("<b>ab</b>\u200f")
    assert finalize(f"x{RLO}\u2066y") == "xy" and finalize(3) == 3 and finalize(None) is None


def test_chromium_shows_no_bidi_control(
    hostile_db: Path, hostile_client: Any, browser: Any
) -> None:
    with running_server(hostile_db) as base:
        page = browser.new_page()
        try:
            for path in paths(hostile_client):
                page.goto(base + path)
                shown = page.inner_text("body")
                for ch in PAGE_BAD:
                    assert ch not in shown, (path, repr(ch))
                titles = page.evaluate(
                    "[...document.querySelectorAll('[title], [aria-label]')].map("
                    "e => (e.getAttribute('title') || '') + (e.getAttribute('aria-label') || ''))"
                    ".join('')"
                )
                assert not set(titles) & BIDI_CONTROLS, path
                assert not set(page.title()) & BIDI_CONTROLS, path
            page.goto(base + "/documents")
            assert "eltit" in page.inner_text("main")  # shown in stored order, not reversed
        finally:
            page.close()
