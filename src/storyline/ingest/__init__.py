"""Ingest: inputs (files, folders, JSONL, URLs) in, clean documents with metadata out.

Two calls make the layer:

* :func:`iter_inputs` turns paths and URLs into :class:`~storyline.document.RawArticle`
  objects, one article at a time; an input that cannot be read becomes a
  :class:`~storyline.document.Skipped` with a one-line reason. It never raises.
* :func:`prepare` turns one raw article into a :class:`~storyline.document.Document`
  (clean text, metadata, language, id), or Skipped when no article text is left.

Both depend on one article only, so they run in any worker process.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from storyline.document import Document, RawArticle, Skipped, document_id
from storyline.errors import InputError
from storyline.ingest.clean import Cleaned, clean_text
from storyline.ingest.files import iter_path
from storyline.ingest.html import HtmlPage, extract_html
from storyline.ingest.metadata import build_metadata
from storyline.ingest.urls import FetchedPage, Fetcher, HttpxFetcher, fetch_input, is_url

__all__ = [
    "Cleaned",
    "FetchedPage",
    "Fetcher",
    "HttpxFetcher",
    "clean_text",
    "iter_inputs",
    "prepare",
]

NOTHING_LEFT = (
    "no article text left after removing site chrome; check that the input is an article "
    "(not a menu, a login page or a comment thread)"
)


def iter_inputs(
    paths: Sequence[str], fetcher: Fetcher | None = None
) -> Iterator[RawArticle | Skipped]:
    """Every article in ``paths`` (files, folders walked recursively, JSONL lines, URLs).

    Folders are walked in sorted order, hidden files and folders skipped. URLs are
    fetched with ``fetcher`` (an :class:`HttpxFetcher` made on first need and closed at
    the end when none is given). Bad input never raises: it is yielded as Skipped.
    """
    own: HttpxFetcher | None = None
    try:
        for path in paths:
            try:
                if is_url(path):
                    active = fetcher
                    if active is None:
                        own = own or HttpxFetcher()
                        active = own
                    yield fetch_input(path, active)
                else:
                    yield from iter_path(path)
            except InputError as exc:
                yield Skipped(path, str(exc))
            except (OSError, ValueError) as exc:  # a filesystem or URL oddity we did not foresee
                yield Skipped(
                    path, f"cannot read it ({type(exc).__name__}: {exc}); check the input"
                )
    finally:
        if own is not None:
            own.close()


def _clean(raw: RawArticle) -> tuple[Cleaned, HtmlPage | None]:
    if raw.format == "html":
        page = extract_html(raw.content, raw.url)
        return clean_text(page.text, light=True), page
    return clean_text(raw.content), None


def prepare(raw: RawArticle) -> Document | Skipped:
    """Clean text, metadata, language and id of one article; Skipped if nothing is left.

    HTML goes through the main-text extractor and then a light clean; text gets the full
    clean. Non-English articles are returned as Documents (``meta.language`` says which
    language); it is the runner's business not to analyse them.
    """
    try:
        cleaned, page = _clean(raw)
    except InputError as exc:
        return Skipped(raw.source, str(exc))
    if not cleaned.text.strip():
        return Skipped(raw.source, NOTHING_LEFT)
    meta = build_metadata(raw, cleaned, page)
    return Document(id=document_id(cleaned.text), source=raw.source, text=cleaned.text, meta=meta)
