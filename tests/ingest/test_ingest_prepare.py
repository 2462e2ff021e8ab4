"""prepare(): raw article in, Document (clean text, metadata, language, id) or Skipped out."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.document import Document, RawArticle, Skipped, document_id
from storyline.ingest import iter_inputs, prepare

FIXTURES = Path(__file__).parent / "fixtures"


def prepared(name: str) -> Document:
    (raw,) = list(iter_inputs([str(FIXTURES / name)]))
    assert isinstance(raw, RawArticle)
    document = prepare(raw)
    assert isinstance(document, Document), document
    return document


def claims(document: Document) -> list[tuple[str, str]]:
    return [(c.value, c.origin) for c in document.meta.dates]


def test_magazine_metadata() -> None:
    doc = prepared("magazine_signin_wall.txt")
    meta = doc.meta
    assert meta.title == "The telescope that unfolded itself a million miles from Earth"
    assert (meta.published, meta.published_origin) == ("2022-07-14", "text-cue")
    assert claims(doc) == [("2022-07-14", "text-cue")]  # not the dates inside the caption/body
    assert meta.dates[0].evidence == "Published : Jul 14, 2022 09:30 IST"
    assert meta.language == "en" and doc.analysable
    assert doc.id == document_id(doc.text)
    assert doc.source.endswith("magazine_signin_wall.txt")


def test_blog_metadata() -> None:
    meta = prepared("blog_pingbacks.txt").meta
    assert meta.title == "The Week A Giant Container Ship Blocked The Suez Canal"
    assert (meta.outlet, meta.outlet_origin) == ("Harbour Notes", "site-suffix")
    assert meta.authors == ("Lena Kovac",)
    assert (meta.published, meta.published_origin) == ("2021-04-02", "text-cue")


def test_newspaper_metadata() -> None:
    meta = prepared("newspaper_authors_byline.txt").meta
    assert meta.title == "Finland becomes Nato's 31st member as its flag is raised in Brussels"
    assert (meta.outlet, meta.outlet_origin) == ("NDT", "byline")
    assert meta.authors == ("Mara Lind", "Tomas Berg")
    assert meta.published is None and meta.dates == ()


def test_header_date_is_kept_with_its_origin() -> None:
    meta = prepared("header_menu_indented.txt").meta
    assert meta.title == "Orion capsule splashes down after 25-day trip around the Moon"
    assert (meta.published, meta.inferred_date) == (None, "2024")
    assert (meta.dates[0].value, meta.dates[0].origin) == ("2024-03-04", "page-header")
    assert meta.dates[0].evidence == "Monday, March 4, 2024"


def test_wire_and_newsletter_metadata() -> None:
    wire = prepared("wire_service.txt").meta
    assert wire.authors == ("Kenji Mori", "Ana Ruiz")
    assert (wire.published, wire.published_origin) == ("2024-02-17", "text-cue")
    assert wire.dates[0].evidence == "February 17, 2024 9:32 AM GMT+9"
    promo = prepared("newsletter_promo.txt").meta
    assert promo.title == "Glaciers in the Alps lost a record share of their ice in 2022"
    assert (promo.published, promo.published_origin) == ("2022-09-28", "text-cue")


def test_columns_layout_metadata() -> None:
    meta = prepared("columns_layout.txt").meta
    assert meta.title == "Notre-Dame reopens five years after the fire that toppled its spire"
    assert (meta.outlet, meta.outlet_origin) == ("The Example Gazette", "copyright")
    assert meta.authors == ("Claire Duval",)
    assert (meta.published, meta.published_origin) == ("2024-12-07", "text-cue")
    assert claims(meta_doc := prepared("columns_layout.txt")) == [
        ("2024-12-07", "text-cue"),
        ("2024-12-07", "page-header"),
    ]
    assert meta_doc.meta.dates[0].evidence == "Published: 7 December 2024"


def test_html_page() -> None:
    doc = prepared("news_page.html")
    meta = doc.meta
    assert meta.title == "Perseverance rover lands in Jezero Crater"
    assert (meta.outlet, meta.outlet_origin) == ("The Example Courier", "html")
    assert meta.authors == ("Ines Marlow",)
    assert (meta.published, meta.published_origin) == ("2021-02-19", "html-metadata")
    assert ("2021-02-19", "url") in claims(doc)
    assert meta.url == "https://courier.example.org/science/2021/02/19/perseverance-lands"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Perseverance rover lands in Jezero Crater"
    assert "Searching for signs of ancient life" in paragraphs
    assert paragraphs[-1].startswith("Mission controllers at the Jet Propulsion Laboratory")
    for chrome in ("Sport", "Log in", "Related stories", "sky crane works", "Leave a Reply", "©"):
        assert chrome not in doc.text


def test_html_without_an_article_is_skipped() -> None:
    (raw,) = list(iter_inputs([str(FIXTURES / "no_article.html")]))
    assert isinstance(raw, RawArticle)
    result = prepare(raw)
    assert isinstance(result, Skipped)
    assert result.reason.startswith("no article text found in the HTML")
    assert result.source == raw.source


def test_only_chrome_is_skipped() -> None:
    raw = RawArticle("menu.txt", "Log in\n\nSubscribe now\n\nMenu\n\nShare", "text")
    result = prepare(raw)
    assert isinstance(result, Skipped)
    assert result.reason.startswith("no article text left after removing site chrome")


def test_non_english_is_a_document_with_its_language() -> None:
    text = (
        "Le télescope James Webb a été lancé le 25 décembre 2021 depuis Kourou, en Guyane, "
        "à bord d'une fusée Ariane 5. Son miroir principal mesure 6,5 mètres de diamètre et "
        "se compose de dix-huit segments hexagonaux."
    )
    result = prepare(RawArticle("fr.txt", text, "text"))
    assert isinstance(result, Document)
    assert result.meta.language == "fr"
    assert not result.analysable


def test_the_same_article_from_two_sources_is_one_document(tmp_path: Path) -> None:
    text = (FIXTURES / "newspaper_authors_byline.txt").read_text(encoding="utf-8")
    # a scraped page pasted into JSONL says so: "clean": "full" cleans it as the .txt file
    fields = {"text": text, "outlet": "Given Outlet", "published": "2023-04-04", "clean": "full"}
    line = json.dumps(fields)
    (tmp_path / "batch.jsonl").write_text(line + "\n", encoding="utf-8")
    (from_jsonl,) = list(iter_inputs([str(tmp_path / "batch.jsonl")]))
    assert isinstance(from_jsonl, RawArticle)
    a = prepare(from_jsonl)
    b = prepared("newspaper_authors_byline.txt")
    assert isinstance(a, Document)
    assert a.id == b.id
    assert (a.meta.outlet, a.meta.outlet_origin) == ("Given Outlet", "given")
    assert (a.meta.published, a.meta.published_origin) == ("2023-04-04", "given")
    assert a.source == f"{tmp_path / 'batch.jsonl'}:1"
