"""Highlighting: nested and crossing spans give well-formed, escaped HTML that keeps the text."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from storyline.web.charts import format_value, parse_date
from storyline.web.highlight import CLAUSE, WORD, Highlight, highlight
from storyline.web.render import json_script, safe_url, wikidata

VOID: set[str] = set()


class Checker(HTMLParser):
    """Checks that tags nest properly and collects the text (without fact-link letters)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.links_in_links = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a" and any(t == "a" for t, _ in self.stack):
            self.links_in_links += 1
        self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, (tag, self.stack)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and "fact-link" in (self.stack[-1][1].get("class") or ""):
            return
        self.text.append(data)


def check(text: str, spans: list[Highlight]) -> Checker:
    out = highlight(text, spans)
    checker = Checker()
    checker.feed(str(out))
    checker.close()
    assert not checker.stack
    assert "".join(checker.text) == text
    assert checker.links_in_links == 0
    return checker


def test_nested_and_crossing_spans_stay_well_formed() -> None:
    text = 'Ana said "trade hit $12 billion" on Monday.'
    spans = [
        Highlight(0, 43, "stance", "s_1", "/facts/s_1", "stance", CLAUSE),
        Highlight(10, 31, "quote", "q_1", "/facts/q_1", "quote", CLAUSE),
        Highlight(0, 3, "mention", "m_1", "/entities/e_1", "Ana"),
        Highlight(20, 40, "figure", "f_1", "/facts/f_1", "crosses the quote's end"),
        Highlight(33, 42, "time", "t_1", "/facts/t_1", "date"),
    ]
    checker = check(text, spans)
    assert checker.links_in_links == 0
    page = str(highlight(text, spans))
    assert page.count('id="f_1"') == 1  # a split span keeps one anchor
    assert page.count('href="/facts/q_1"') == 1  # one fact link after the quote


def test_text_and_labels_are_escaped() -> None:
    text = '<script>alert(1)</script> & "x" <img onerror=y>'
    spans = [Highlight(0, 8, "mention", "m_1", '/e/"><script>', 'a"b<c>', WORD)]
    out = str(highlight(text, spans))
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out and "&amp;" in out
    assert 'href="/e/&#34;&gt;&lt;script&gt;"' in out
    check(text, spans)


@given(
    st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=40),
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(1, 20), st.sampled_from([CLAUSE, WORD])),
        max_size=8,
    ),
)
def test_any_spans_give_well_formed_html_with_the_same_text(
    text: str, raw: list[tuple[int, int, int]]
) -> None:
    spans = [
        Highlight(a, a + n, "quote" if lvl == CLAUSE else "figure", f"x{i}", f"/f/{i}", "l", lvl)
        for i, (a, n, lvl) in enumerate(raw)
    ]
    check(text, spans)


def test_only_http_urls_become_links() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "//x", ""):
        assert safe_url(bad) is None
    assert wikidata("Q42") == "https://www.wikidata.org/wiki/Q42"
    assert wikidata('Q1"><script>') is None


def test_json_in_a_script_block_cannot_close_it() -> None:
    out = str(json_script({"t": "</script><script>alert(1)</script>"}))
    assert "</script>" not in out and "<" not in out
    assert html.unescape(out) == out  # no HTML entities: it is JSON with \\u escapes


def test_chart_helpers() -> None:
    assert format_value(140e9, "USD") == "140 billion USD"
    assert format_value(5, "percent") == "5%"
    assert parse_date("2022") is not None and parse_date("2022-02-30") is None
    assert parse_date(None) is None
