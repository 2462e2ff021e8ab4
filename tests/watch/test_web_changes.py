"""The changes in the web app: ``/changes`` ("since your last visit", a cookie, no
script), the badge in the navigation, and ``/changes.atom`` for feed readers; over the
database the real ``storyline watch`` runs built, in-process and in headless chromium."""

from __future__ import annotations

from typing import Any

import pytest
from defusedxml.ElementTree import fromstring

from storyline.web.app import create_app
from tests.watch.conftest import Polls
from tests.web.browser import MISSING, chromium_path, in_ci, launched_browser, running_server
from tests.web.conftest import make_client

pytestmark = pytest.mark.slow
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_atom_feed_has_one_entry_per_change_set_with_cited_links(polls: Polls) -> None:
    client = make_client(polls.db)
    response = client.get("/changes.atom")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}id").text == "http://testserver/changes.atom"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2  # one per poll that added articles
    newest = entries[0]
    assert newest.find(f"{ATOM}updated").text >= entries[1].find(f"{ATOM}updated").text
    content = newest.find(f"{ATOM}content")
    assert content.get("type") == "html"
    html = content.text or ""
    assert "Ilse Marholt now opposes" in html and "$19 billion" in html
    link = html.split('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert link.startswith("http://testserver/documents/d_") and "?hl=" in link
    assert link.endswith("#focus")
    page = client.get(link.removeprefix("http://testserver").split("#")[0])
    assert page.status_code == 200 and 'id="focus"' in page.text


def test_the_feed_answers_only_to_allowed_hosts(polls: Polls) -> None:
    from starlette.testclient import TestClient

    app = create_app(polls.db, allowed_hosts=frozenset({"127.0.0.1", "localhost"}))
    client = TestClient(app, base_url="http://127.0.0.1")
    assert client.get("/changes.atom").status_code == 200
    assert client.get("/changes.atom", headers={"Host": "evil.example"}).status_code == 400


def test_since_your_last_visit_uses_a_cookie(polls: Polls) -> None:
    client = make_client(polls.db)
    overview = client.get("/").text
    assert 'class="badge new" title="changes since your last visit"' in overview
    first = client.get("/changes")
    assert first.status_code == 200
    assert "storyline_seen" in first.headers["set-cookie"]
    assert "HttpOnly" in first.headers["set-cookie"]
    assert first.text.count('<span class="badge new">new</span>') >= 5
    second = client.get("/changes")  # the client sends the cookie back
    assert "Nothing new since your last visit." in second.text
    assert "Earlier changes" in second.text and "Ilse Marholt now opposes" in second.text
    assert "changes since your last visit" not in client.get("/").text


def test_the_changes_page_in_chromium(polls: Polls) -> None:
    if chromium_path() is None:
        if in_ci():
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    with running_server(polls.db) as base, launched_browser() as browser:
        context = browser.new_context()
        page: Any = context.new_page()
        page.goto(base + "/")
        badge = page.locator("nav a[href='/changes'] .badge")
        assert int(badge.inner_text()) >= 5
        badge.click()
        page.wait_for_url(base + "/changes")
        assert page.locator("#since + section .badge.new").count() >= 1
        page.locator("li.change.changed_position a.cite").first.click()
        page.wait_for_url("**/documents/**")
        assert "Ilse Marholt opposes" in page.locator("#focus").inner_text()
        page.goto(base + "/changes")
        assert "Nothing new since your last visit." in page.inner_text("main")
        assert page.locator("nav a[href='/changes'] .badge").count() == 0
        context.close()


def test_article_text_in_the_feed_is_escaped_and_clean() -> None:
    from storyline.store.watch import StoredChange
    from storyline.web.changes import _entry_html

    hostile = "Ana <script>alert(1)</script> \x1b[31mVale\u202e"
    change = StoredChange(
        1,
        1,
        "2026-12-03T10:00:00+00:00",
        "new_actor",
        "e_1",
        f"new actor: {hostile} (PERSON)",
        (
            {
                "doc_id": "d_1",
                "start": 0,
                "end": 4,
                "role": "new",
                "text": hostile,
                "outlet": '"><img src=x>',
                "published": None,
            },
        ),
    )
    html = _entry_html("http://127.0.0.1:8000", [change])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "\x1b" not in html and "\u202e" not in html
    assert 'href="http://127.0.0.1:8000/documents/d_1?hl=0-4#focus"' in html
