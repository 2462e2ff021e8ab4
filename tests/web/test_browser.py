"""The pages in a real browser: Debian's chromium, headless, driven by Playwright, against a
real uvicorn server on 127.0.0.1. In CI a missing chromium fails these tests; locally they
skip with the command that installs it."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    try:
        yield pg
    finally:
        context.close()


def api(page: Any, base_url: str, path: str) -> Any:
    return page.request.get(base_url + path).json()


def distinct_colours(page: Any, png: bytes) -> int:
    """How many colours a PNG has, decoded by the browser itself (on a blank page)."""
    data = base64.b64encode(png).decode()
    page.goto("about:blank")
    return int(
        page.evaluate(
            """async (src) => {
              const img = new Image(); img.src = src; await img.decode();
              const c = document.createElement('canvas');
              c.width = img.width; c.height = img.height;
              const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
              const px = ctx.getImageData(0, 0, c.width, c.height).data;
              const seen = new Set();
              for (let i = 0; i < px.length; i += 4) {
                seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
                if (seen.size > 50) break;
              }
              return seen.size;
            }""",
            "data:image/png;base64," + data,
        )
    )


def test_no_script_from_article_text_runs(page: Any, base_url: str) -> None:
    hostile = next(
        d for d in api(page, base_url, "/api/documents")["items"] if "script" in d["title"]
    )
    dahl = api(page, base_url, "/api/entities?q=Dahl")["items"][0]["id"]
    paths = [
        "/",
        "/documents",
        f"/documents/{hostile['id']}",
        f"/entities/{dahl}",
        "/quotes",
        "/positions",
        "/figures",
        "/timeline",
        "/graph",
        "/search?q=council",
    ]
    for path in paths:
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        page.evaluate(  # would fire any injected onmouseover / onfocus handler
            "document.querySelectorAll('body *').forEach(el => {"
            " el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));"
            " el.dispatchEvent(new FocusEvent('focus')); })"
        )
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
        assert page.evaluate("[...document.scripts].map(s => s.getAttribute('src'))") == [
            "/static/app.js"
        ], path
        assert (
            page.evaluate(
                "[...document.querySelectorAll('[href]')].filter("
                "a => a.getAttribute('href').trim().toLowerCase().startsWith('javascript:')).length"
            )
            == 0
        ), path
    assert page.dialogs == []
    page.goto(base_url + f"/documents/{hostile['id']}")
    shown = page.inner_text("main")
    assert '<script>window.__pwned = 1; alert("xss")</script>' in shown
    assert "<img src=x onerror=" in shown


def test_follow_an_actor_to_a_quote_to_its_sentence(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="Ana Lindqvist").first.click()
    page.wait_for_url("**/entities/*")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Ana Lindqvist")
    quote = page.locator("li.quote", has_text="built to last")
    quote.locator("a.cite").click()
    page.wait_for_url("**/documents/*#q_*")
    target = page.evaluate(
        "(() => { const t = document.querySelector(':target');"
        " return t && [t.tagName, t.className, t.textContent]; })()"
    )
    assert target is not None
    assert target[0] == "MARK" and "hl-quote" in target[1]
    assert "built to last" in target[2]
    page.get_by_role("link", name="quote: Ana Lindqvist").first.click()
    page.wait_for_url("**/facts/q_*")
    assert "built to last" in page.inner_text("blockquote.evidence")


def test_timeline_and_figure_chart_render(page: Any, base_url: str) -> None:
    page.goto(base_url + "/timeline")
    chart = page.locator("svg.timeline-chart")
    assert chart.count() == 1 and page.locator("svg.timeline-chart circle").count() >= 2
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 40
    assert distinct_colours(page, chart.screenshot()) > 3

    page.goto(base_url + "/figures")
    bars = page.locator("svg.figure-chart rect")
    assert bars.count() >= 2
    widths = {round(float(bars.nth(i).get_attribute("width") or 0)) for i in range(bars.count())}
    assert len(widths) >= 2  # 12 and 14 billion: bars of different lengths
    shot = page.locator("svg.figure-chart").first.screenshot()
    assert distinct_colours(page, shot) > 3

    page.goto(base_url + "/graph")
    assert page.locator("svg.graph-chart a.node").count() >= 3
    assert distinct_colours(page, page.locator("svg.graph-chart").screenshot()) > 3


def test_keyboard_navigation(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.goto(base_url + "/")
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert {"Overview", "Documents", "Actors", "Timeline", "Graph"} <= set(reached)
    # actors on the graph are links one can reach and follow from the keyboard
    page.goto(base_url + "/graph")
    page.locator("svg.graph-chart a.node").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/entities/*")
    # a search from the keyboard
    page.goto(base_url + "/")
    page.get_by_label("Search sentences and facts").fill("14 billion")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=*")
    assert "$14 billion" in page.inner_text("ol.hits")


def test_every_control_has_a_label(page: Any, base_url: str) -> None:
    for path in ["/", "/entities", "/quotes", "/graph", "/search?q=trade", "/figures"]:
        page.goto(base_url + path)
        unlabelled = page.evaluate(
            """[...document.querySelectorAll('input, select, textarea')]
                 .filter(el => el.type !== 'hidden')
                 .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
                 .map(el => el.name || el.id)"""
        )
        assert unlabelled == [], (path, unlabelled)
        nameless = page.evaluate(
            """[...document.querySelectorAll('button, a[href]')]
                 .filter(el => !(el.textContent.trim() || el.getAttribute('aria-label')
                                 || el.querySelector('title')))
                 .map(el => el.outerHTML.slice(0, 80))"""
        )
        assert nameless == [], (path, nameless)
        charts = page.evaluate(
            "[...document.querySelectorAll('svg.chart')].filter("
            "s => s.getAttribute('role') !== 'img' || !s.getAttribute('aria-label')).length"
        )
        assert charts == 0, path


def test_pages_fit_a_phone(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        pg = context.new_page()
        for path in ["/", "/quotes", "/figures", "/timeline"]:
            pg.goto(base_url + path)
            overflow = pg.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 1, (path, overflow)
    finally:
        context.close()
