"""The article inside an HTML page: main text and metadata (trafilatura), date (htmldate)."""

from __future__ import annotations

from dataclasses import dataclass

from storyline.errors import NoArticleFound
from storyline.ingest.dates import parse_given_date

__all__ = ["MIN_ARTICLE_CHARS", "HtmlPage", "extract_html"]

MIN_ARTICLE_CHARS = 200
"""Less main text than this and the page is taken to have no article (a menu, a wall)."""

_NO_ARTICLE = (
    "no article text found in the HTML (it may be an index page, a login wall or a page "
    "built by JavaScript); save the article text as a .txt file instead"
)


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What an HTML page yielded: its main text (one paragraph per line) and metadata."""

    text: str
    title: str | None = None
    sitename: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    url: str | None = None


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _authors(value: object) -> tuple[str, ...]:
    text = _clean_field(value)
    if text is None:
        return ()
    names: list[str] = []
    for name in text.split(";"):
        name = name.strip()
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _paragraphs(text: str) -> str:
    """trafilatura's lines as paragraphs; consecutive list items ("- …") stay together."""
    out: list[str] = []
    previous_item = False
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        item = line.startswith("- ")
        if item and previous_item:
            out[-1] += "\n" + line
        else:
            out.append(line)
        previous_item = item
    return "\n\n".join(out)


def publication_date(html: str) -> str | None:
    """The page's publication date from its metadata (htmldate, no guessing from body text)."""
    import htmldate

    try:
        found = htmldate.find_date(html, original_date=True, extensive_search=False)
    except Exception:  # htmldate fails on some malformed pages; a date is optional
        return None
    return parse_given_date(found) if isinstance(found, str) else None


def extract_html(html: str, url: str | None = None) -> HtmlPage:
    """Main text and metadata of an HTML page; :class:`NoArticleFound` if it has no article."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            favor_recall=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
        )
    except Exception as exc:  # malformed markup can break the extractor
        raise NoArticleFound(f"{_NO_ARTICLE} ({type(exc).__name__})") from None
    text = getattr(doc, "text", None)
    if not isinstance(text, str) or len(" ".join(text.split())) < MIN_ARTICLE_CHARS:
        raise NoArticleFound(_NO_ARTICLE)
    return HtmlPage(
        text=_paragraphs(text),
        title=_clean_field(getattr(doc, "title", None)),
        sitename=_clean_field(getattr(doc, "sitename", None)),
        authors=_authors(getattr(doc, "author", None)),
        date=publication_date(html),
        url=_clean_field(getattr(doc, "url", None)) or url,
    )
