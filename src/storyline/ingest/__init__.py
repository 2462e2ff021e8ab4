"""Ingest: inputs (files, folders, JSONL, URLs) in, clean documents with metadata out.

Two calls make the layer:

* :func:`iter_inputs` turns paths and URLs into :class:`~storyline.document.RawArticle`
  objects, one article at a time; an input that cannot be read becomes a
  :class:`~storyline.document.Skipped` with a one-line reason. It never raises.
* :func:`prepare` turns one raw article into a :class:`~storyline.document.Document`
  (clean text, metadata, language, id), or Skipped when no article text is left.

How text is cleaned depends on its kind (``RawArticle.clean``): ``full`` for scraped
pages and scraped text files, ``light`` for a JSONL line's ``text`` (already extracted),
``none`` to use the text as given; ``iter_inputs(..., clean=MODE)`` sets one mode for
every input (``storyline analyze --clean``).

Both depend on one article only, so they run in any worker process.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from storyline.document import CleanMode, Document, RawArticle, Skipped, document_id
from storyline.errors import InputError
from storyline.ingest.clean import Cleaned, clean_text
from storyline.ingest.files import iter_path
from storyline.ingest.html import HtmlPage, extract_html
from storyline.ingest.light import clean_as
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
    "with_clean",
]

NOTHING_LEFT = (
    "no article text left after removing site chrome; check that the input is an article "
    "(not a menu, a login page or a comment thread), or give --clean light if it is "
    "already the article's text"
)
NOTHING_KEPT = (
    "no article text left: every line is site chrome (sign-in, share or newsletter "
    "prompts); check that the input is an article, or give --clean none to keep it as is"
)


def with_clean(item: RawArticle | Skipped, clean: CleanMode | None) -> RawArticle | Skipped:
    """The article to be cleaned in mode ``clean`` (None: as its input kind says)."""
    if clean is None or isinstance(item, Skipped) or item.clean == clean:
        return item
    return replace(item, clean=clean)


def iter_inputs(
    paths: Sequence[str], fetcher: Fetcher | None = None, clean: CleanMode | None = None
) -> Iterator[RawArticle | Skipped]:
    """Every article in ``paths`` (files, folders walked recursively, JSONL lines, URLs).

    Folders are walked in sorted order, hidden files and folders skipped. URLs are
    fetched with ``fetcher`` (an :class:`HttpxFetcher` made on first need and closed at
    the end when none is given). Bad input never raises: it is yielded as Skipped.
    ``clean`` sets the cleaning mode of every article, over its kind and a JSONL line's
    own ``clean`` field.
    """
    for item in _iter_inputs(paths, fetcher):
        yield with_clean(item, clean)


def _iter_inputs(paths: Sequence[str], fetcher: Fetcher | None) -> Iterator[RawArticle | Skipped]:
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


def _clean(raw: RawArticle, mode: CleanMode) -> tuple[Cleaned, HtmlPage | None]:
    if raw.format == "html":
        page = extract_html(raw.content, raw.url)
        return clean_as(page.text, mode, extracted=True), page
    return clean_as(raw.content, mode), None


def prepare(raw: RawArticle) -> Document | Skipped:
    """Clean text, metadata, language and id of one article; Skipped if nothing is left.

    HTML goes through the main-text extractor first. In the ``full`` mode (the default)
    extracted HTML gets a light pass of the scraped-page cleaner and text the whole of
    it; ``light`` and ``none`` keep more (:mod:`storyline.ingest.light`); the mode used
    is ``meta.cleaning``. Non-English articles are returned as Documents
    (``meta.language`` says which language); it is the runner's business not to analyse
    them.
    """
    mode: CleanMode = raw.clean or "full"
    try:
        cleaned, page = _clean(raw, mode)
    except InputError as exc:
        return Skipped(raw.source, str(exc))
    if not cleaned.text.strip():
        return Skipped(raw.source, NOTHING_LEFT if mode == "full" else NOTHING_KEPT)
    meta = replace(build_metadata(raw, cleaned, page), cleaning=mode)
    return Document(id=document_id(cleaned.text), source=raw.source, text=cleaned.text, meta=meta)
