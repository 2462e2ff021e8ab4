"""The one-file HTML report: self-contained (no script, nothing fetched), escaped, complete,
and fine on an empty database; opened offline in headless chromium."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.clock import FixedClock
from storyline.report import build_report
from storyline.store import StoreReader
from tests.web.browser import MISSING, chromium_path, in_ci, launched_browser

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(story_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(app, ["report", "--db", str(story_db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_report_is_one_self_contained_file(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    parser = Tags()
    parser.feed(html)
    names = {tag for tag, _ in parser.tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
    for tag, attrs in parser.tags:
        assert "src" not in attrs, tag
        assert not any(a.startswith("on") for a in attrs), (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#") or re.match(r"https?://", href), href
    assert not re.search(r"url\(", html, re.I)  # no fonts or images pulled in by CSS
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "<svg" in html and "<style>" in html


def test_report_has_every_section(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    for section in ("overview", "timeline", "figures", "quotes", "positions", "sources"):
        assert f'id="{section}"' in html, section
    assert "Ana Lindqvist" in html and "built to last" in html
    assert "12 billion USD" in html and "14 billion USD" in html and "disagree" in html
    assert "Greenpeace" in html and "oppose" in html
    assert "Harbour Post" in html and "Fjord Daily" in html
    assert 'href="https://harbour.example/pact"' in html


def test_report_escapes_article_text(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    for raw in ("<script>window", "<img src=x", "<b onmouseover", "<svg onload"):
        assert raw not in html
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I)
    assert "&lt;script&gt;window.__pwned = 1" in html


def test_report_of_an_empty_database(empty_db: Path) -> None:
    with StoreReader(empty_db) as reader:
        html = build_report(reader, FixedClock(datetime(2024, 1, 1, tzinfo=UTC)))
    assert "No documents." in html and "No events found." in html
    assert "No figure was reported by more than one source." in html
    assert "2024-01-01T00:00" in html


def test_report_opens_offline_in_chromium(report: Path) -> None:
    if chromium_path() is None:
        if in_ci():
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    with launched_browser() as browser:
        page: Any = browser.new_page()
        requests: list[str] = []
        dialogs: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(report.as_uri())
        assert requests == [report.as_uri()]
        assert page.evaluate("typeof window.__pwned") == "undefined" and dialogs == []
        assert page.locator("svg.timeline-chart circle").count() >= 2
        assert page.locator("svg.figure-chart rect").count() >= 2
        assert '<script>window.__pwned = 1; alert("xss")</script>' in page.inner_text("body")
