"""What the watched feeds changed: the "since your last visit" page and the Atom feed.

``/changes`` lists the change sets ``storyline watch`` stored, newest first; the changes
since the browser's last visit (a cookie holding the time of the newest change set it
was shown, no script needed) come first, marked new, and the navigation shows their
count as a badge on every page. ``/changes.atom`` is the same as an Atom feed (one entry
per change set, each change with its cited sentences and links to them), for any feed
reader; its links use the host name the request came to, which the Host check
(:mod:`storyline.web.hosts`) has already vetted.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Annotated
from urllib.parse import quote
from xml.etree.ElementTree import Element, SubElement, tostring

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from storyline import __version__
from storyline.errors import StorylineError
from storyline.sanitize import strip_bidi
from storyline.store import StoreReader
from storyline.store.watch import StoredChange, change_count, latest_change, read_changes
from storyline.web.app import Reader
from storyline.web.render import TEMPLATES

router = APIRouter(include_in_schema=False)

COOKIE = "storyline_seen"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
KIND_LABELS = {
    "new_actor": "new actor",
    "new_position": "new position",
    "changed_position": "changed position",
    "contradicting_figure": "figure contradicts",
    "new_event": "new event",
    "event_dated": "event dated",
    "event_redated": "event redated",
    "new_report": "new report",
}


def last_visit(request: Request) -> str | None:
    """The time of the newest change set this browser was shown, from its cookie."""
    value = request.cookies.get(COOKIE, "")
    return value if _ISO.match(value) else None


def unseen_changes(request: Request) -> int:
    """How many changes were stored since this browser's last visit to /changes."""
    try:
        with StoreReader(request.app.state.db) as reader:
            return change_count(reader.conn, last_visit(request))
    except StorylineError:
        return 0


def evidence_link(ev: dict[str, object]) -> str:
    return f"/documents/{quote(str(ev['doc_id']), safe='')}?hl={ev['start']}-{ev['end']}#focus"


def detail(change: StoredChange) -> str:
    """The summary without its kind in front (the page shows the kind as a badge)."""
    prefix = KIND_LABELS.get(change.kind, change.kind) + ": "
    return change.summary.removeprefix(prefix)


def _sets(changes: list[StoredChange]) -> list[tuple[int, str, list[StoredChange]]]:
    grouped: dict[int, tuple[str, list[StoredChange]]] = {}
    for change in changes:
        grouped.setdefault(change.set_id, (change.at, []))[1].append(change)
    return [(k, at, items) for k, (at, items) in grouped.items()]


def _title(items: list[StoredChange]) -> str:
    counts = Counter(KIND_LABELS.get(c.kind, c.kind) for c in items)
    parts = [f"{n} × {label}" if n > 1 else label for label, n in counts.most_common()]
    return f"{len(items)} changes: " + ", ".join(parts)


@router.get("/changes", response_class=HTMLResponse)
def changes_page(
    request: Request,
    reader: Reader,
    all_changes: Annotated[bool, Query(alias="all")] = False,
) -> HTMLResponse:
    seen = last_visit(request)
    found = read_changes(reader.conn)
    newest = latest_change(reader.conn)
    fresh = [c for c in found if seen is None or c.at > seen]
    older = [c for c in found if seen is not None and c.at <= seen]
    html = TEMPLATES.get_template(
        "changes.html"
    ).render(
        request_path=request.url.path,
        nav="changes",
        version=__version__,
        new_changes=0,  # this page shows them: the badge goes
        seen=seen,
        fresh=_sets(fresh),
        older=_sets(older) if all_changes or not fresh else _sets(older)[:3],
        more=not all_changes and len(_sets(older)) > 3 and bool(fresh),
        labels=KIND_LABELS,
        link=evidence_link,
        title=_title,
        detail=detail,
    )
    response = HTMLResponse(html)
    if newest:
        response.set_cookie(
            COOKIE, newest, max_age=400 * 86400, httponly=True, samesite="strict", path="/"
        )
    return response


@router.get("/changes.atom")
def changes_feed(request: Request, reader: Reader) -> Response:
    base = str(request.base_url).rstrip("/")
    found = read_changes(reader.conn, limit=1000)
    feed = Element("feed", xmlns="http://www.w3.org/2005/Atom")
    SubElement(feed, "title").text = "storyline: what changed in the story"
    SubElement(feed, "id").text = f"{base}/changes.atom"
    SubElement(feed, "link", rel="self", href=f"{base}/changes.atom")
    SubElement(feed, "link", rel="alternate", href=f"{base}/changes")
    SubElement(feed, "updated").text = latest_change(reader.conn) or "1970-01-01T00:00:00+00:00"
    SubElement(feed, "generator", version=__version__).text = "storyline"
    for set_id, at, items in _sets(found)[:50]:
        entry = SubElement(feed, "entry")
        SubElement(entry, "title").text = _clean(_title(items))
        SubElement(entry, "id").text = f"{base}/changes#set-{set_id}"
        SubElement(entry, "link", rel="alternate", href=f"{base}/changes#set-{set_id}")
        SubElement(entry, "updated").text = at
        SubElement(entry, "author").append(_name("storyline watch"))
        SubElement(entry, "content", type="html").text = _entry_html(base, items)
    body = b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(feed, encoding="utf-8").split(
        b"?>", 1
    )[-1].lstrip(b"\n")
    return Response(body, media_type="application/atom+xml; charset=utf-8")


def _name(text: str) -> Element:
    node = Element("name")
    node.text = text
    return node


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text: str) -> str:
    """Text fit for XML (no control characters) and without bidi controls."""
    return _CONTROL.sub("", strip_bidi(text))


def _entry_html(base: str, items: list[StoredChange]) -> str:
    """The entry's content: the changes with their cited sentences, as escaped HTML."""
    from markupsafe import escape

    parts = ["<ul>"]
    for change in items:
        parts.append(f"<li><p>{escape(_clean(change.summary))}</p><ul>")
        for ev in change.evidence:
            role = "before" if ev["role"] == "before" else "source"
            where = f"{ev['outlet'] or 'outlet unknown'}, {ev['published'] or 'undated'}"
            parts.append(
                f'<li>{role}: <a href="{escape(base + evidence_link(ev))}">{escape(_clean(where))}'
                f"</a>: \u201c{escape(_clean(str(ev['text'])))}\u201d</li>"
            )
        parts.append("</ul></li>")
    parts.append("</ul>")
    return "".join(parts)
