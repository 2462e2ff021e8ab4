"""Feeds and sitemaps read into entries: RSS 2.0, Atom, news sitemaps, sitemaps, indexes.

XML from the network is untrusted: it is parsed with ``defusedxml``, which refuses
entity declarations (no "billion laughs", no external entities) and never fetches
anything a document names. What kind of document it is comes from its root element, not
from the URL or the content type, which servers often get wrong.

An entry's title, date and authors are *given* metadata, as a JSONL line's fields are:
they win over what is found in the article page. A plain sitemap gives only its URLs and
their ``lastmod``; its entries without ``lastmod`` are left out (nothing tells whether
they are new, and a site's whole sitemap is not a story).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Literal
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from storyline.errors import FeedError

FeedKind = Literal["rss", "atom", "sitemap", "sitemapindex"]

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
DC = "{http://purl.org/dc/elements/1.1/}"
MAX_ENTRIES = 5000
"""Entries read from one document at most (a sitemap may list 50,000)."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One article a feed or sitemap lists, with the metadata it gives."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO 8601
    authors: tuple[str, ...] = ()
    outlet: str | None = None  # a news sitemap's publication name
    updated: str | None = None  # a sitemap's lastmod, an Atom entry's updated


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """What one fetched document is and what it lists (articles, or sitemaps for an index)."""

    kind: FeedKind
    entries: tuple[FeedEntry, ...]
    sitemaps: tuple[str, ...] = ()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(node: Element | None) -> str | None:
    if node is None:
        return None
    text = " ".join("".join(node.itertext()).split())
    return text or None


def _iso(value: str | None) -> str | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom, sitemaps) date as ISO 8601; None if neither."""
    if not value:
        return None
    value = value.strip()
    if re.match(r"\d{4}-\d{2}(-\d{2})?", value):
        return value
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return when.strftime("%Y-%m-%dT%H:%M:%S")


def _child(node: Element, *names: str) -> Element | None:
    for name in names:
        found = node.find(name)
        if found is not None:
            return found
    return None


def parse_feed(body: bytes, url: str) -> ParsedFeed:
    """Read a fetched feed or sitemap; raises FeedError when it is neither or is malformed."""
    try:
        root = fromstring(body)
    except DefusedXmlException:
        raise FeedError(
            "the XML declares entities, which are refused (they can expand without "
            "bound or read local files); ask the site for a plain feed"
        ) from None
    except ParseError as exc:
        raise FeedError(f"not well-formed XML ({exc}); check the feed URL") from None
    name = _local(root.tag)
    if name == "rss" or name == "RDF":
        return ParsedFeed("rss", _rss(root))
    if root.tag == f"{ATOM}feed":
        return ParsedFeed("atom", _atom(root, url))
    if name == "urlset":
        return ParsedFeed("sitemap", _urlset(root))
    if name == "sitemapindex":
        locs = [_text(s.find(f"{SITEMAP}loc")) or _text(s.find("loc")) for s in root]
        return ParsedFeed("sitemapindex", (), tuple(x for x in locs if x)[:MAX_ENTRIES])
    raise FeedError(
        f"{url}: neither a feed (RSS, Atom) nor a sitemap (root element <{name}>); check the URL"
    )


def _rss(root: Element) -> tuple[FeedEntry, ...]:
    # RSS 2.0: rss/channel/item; RSS 1.0 (RDF): items are children of the root
    items = [n for n in root.iter() if _local(n.tag) == "item"][:MAX_ENTRIES]
    entries: list[FeedEntry] = []
    for item in items:
        fields = {_local(c.tag): c for c in item}
        link = _text(fields.get("link"))
        guid = fields.get("guid")
        if not link and guid is not None and guid.get("isPermaLink", "true") != "false":
            link = _text(guid)
        if not link:
            continue
        authors = [a for c in item if _local(c.tag) in ("creator", "author") and (a := _text(c))]
        entries.append(
            FeedEntry(
                url=link,
                title=_text(fields.get("title")),
                published=_iso(_text(fields.get("pubDate")) or _text(fields.get("date"))),
                authors=tuple(_author_name(a) for a in authors),
            )
        )
    return tuple(entries)


def _author_name(value: str) -> str:
    """RSS ``author`` is often ``mail@example.org (Name)``: the name."""
    m = re.fullmatch(r"\S+@\S+\s*\((.+)\)", value)
    return m.group(1).strip() if m else value


def _atom(root: Element, url: str) -> tuple[FeedEntry, ...]:
    entries: list[FeedEntry] = []
    for entry in root.findall(f"{ATOM}entry")[:MAX_ENTRIES]:
        link = None
        for candidate in entry.findall(f"{ATOM}link"):
            if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
                link = candidate.get("href")
                break
        if not link:
            continue
        authors = tuple(
            a for node in entry.findall(f"{ATOM}author") if (a := _text(node.find(f"{ATOM}name")))
        )
        updated = _iso(_text(entry.find(f"{ATOM}updated")))
        entries.append(
            FeedEntry(
                url=link,
                title=_text(entry.find(f"{ATOM}title")),
                published=_iso(_text(entry.find(f"{ATOM}published"))),
                authors=authors,
                updated=updated,
            )
        )
    return tuple(entries)


def _urlset(root: Element) -> tuple[FeedEntry, ...]:
    entries: list[FeedEntry] = []
    for node in list(root)[:MAX_ENTRIES]:
        loc = _text(_child(node, f"{SITEMAP}loc", "loc"))
        if not loc:
            continue
        lastmod = _iso(_text(_child(node, f"{SITEMAP}lastmod", "lastmod")))
        news = node.find(f"{NEWS}news")
        if news is not None:
            entries.append(
                FeedEntry(
                    url=loc,
                    title=_text(news.find(f"{NEWS}title")),
                    published=_iso(_text(news.find(f"{NEWS}publication_date"))),
                    outlet=_text(news.find(f"{NEWS}publication/{NEWS}name")),
                    updated=lastmod,
                )
            )
        elif lastmod:
            entries.append(FeedEntry(url=loc, updated=lastmod))
    return tuple(entries)
