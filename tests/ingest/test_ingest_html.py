"""HTML pages: main text (lists kept as bullets), metadata, charset, pages without articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.document import Document, RawArticle
from storyline.errors import NoArticleFound
from storyline.ingest import iter_inputs, prepare
from storyline.ingest.dates import is_date_line
from storyline.ingest.html import extract_html

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}"><title>Rosetta ends its mission</title>
<meta property="og:site_name" content="Example Science Daily"></head>
<body><nav><a href="/">Home</a> <a href="/space">Space</a></nav>
<article><h1>Rosetta ends its mission on a comet</h1>
<p>The European Space Agency's Rosetta spacecraft ended its mission on 30 September 2016 by
descending onto the surface of comet 67P/Churyumov–Gerasimenko, which it had studied for
more than two years.</p>
<p>During its time at the comet the spacecraft and its lander, Philae, achieved several
firsts:</p>
<ul><li>the first orbit of a comet nucleus;</li><li>the first landing on a comet, in
November 2014;</li><li>the first close look at a comet as it passed the Sun.</li></ul>
<p>Mission controllers in Darmstadt, Germany, confirmed the end of the mission when the
signal from the spacecraft was lost.</p>
</article></body></html>
"""


def test_lists_become_bullets_and_paragraphs_are_blank_line_separated() -> None:
    raw = RawArticle("page.html", PAGE.format(charset="utf-8"), "html")
    doc = prepare(raw)
    assert isinstance(doc, Document)
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Rosetta ends its mission on a comet"
    assert paragraphs[2].endswith("achieved several firsts:")
    assert paragraphs[3] == (
        "• the first orbit of a comet nucleus;\n"
        "• the first landing on a comet, in November 2014;\n"
        "• the first close look at a comet as it passed the Sun."
    )
    assert doc.meta.outlet == "Example Science Daily"
    assert doc.meta.published is None  # dates in the body are not publication dates


def test_a_latin1_page_declaring_its_charset(tmp_path: Path) -> None:
    page = PAGE.format(charset="iso-8859-1").replace("–", "-") + "<!-- café -->"
    (tmp_path / "page.html").write_bytes(page.encode("latin-1"))
    (raw,) = list(iter_inputs([str(tmp_path / "page.html")]))
    assert isinstance(raw, RawArticle)
    assert raw.content.endswith("<!-- café -->")


def test_no_article() -> None:
    with pytest.raises(NoArticleFound, match=r"^no article text found in the HTML"):
        extract_html("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(NoArticleFound):
        extract_html("")


def test_date_lines() -> None:
    assert is_date_line("Published: March 2, 2022 | Updated: March 3, 2022")
    assert is_date_line("March 2, 2022 10:00 AM GMT Updated 2 hours ago")
    assert is_date_line("Posted on April 2, 2021 by Lena Kovac")
    assert not is_date_line("March 2, 2022")  # a bare date, not a cue line
    assert not is_date_line("Updated guidance was published on Tuesday")
