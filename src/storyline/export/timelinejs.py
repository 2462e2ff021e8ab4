"""TimelineJS 3 JSON: ``{"title": …, "events": [{"start_date", "text", "group", …}]}``.

Only dated events can be placed on a TimelineJS timeline; undated ones are left out.
TimelineJS renders ``text`` fields as HTML, so every piece of article text is escaped
here and only http(s) links are kept.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any, BinaryIO

from storyline.present import sources_label
from storyline.store import StoreReader


def _date(value: str | None) -> dict[str, int] | None:
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if m is None:
        return None
    parts = {"year": int(m.group(1))}
    if m.group(2):
        parts["month"] = int(m.group(2))
    if m.group(3):
        parts["day"] = int(m.group(3))
    return parts


def _source(report: dict[str, Any]) -> str:
    outlet = html.escape(report["outlet"] or "unknown outlet")
    title = html.escape(report["title"] or "untitled")
    when = html.escape(report["published"] or "undated")
    url = report.get("url")
    if url and re.match(r"https?://", url):
        title = f'<a href="{html.escape(url, quote=True)}">{title}</a>'
    return f"<li>{outlet}, {when}: {title} — “{html.escape(report['evidence'])}”</li>"


def build_timeline(reader: StoreReader) -> dict[str, Any]:
    events = []
    for v in reader.queries.events(limit=1_000_000):
        start = _date(v["date"])
        if start is None:
            continue
        who = ", ".join(html.escape(p["name"]) for p in v["participants"])
        body = f"<p>{who}</p>" if who else ""
        body += f"<p>{sources_label(v)}</p>"
        body += "<ul>" + "".join(_source(r) for r in v["reports"]) + "</ul>"
        events.append(
            {
                "unique_id": v["id"],
                "start_date": {**start, "display_date": v["date"]},
                "text": {"headline": html.escape(v["label"]), "text": body},
                "group": v["type"],
            }
        )
    counts = reader.counts()
    return {
        "title": {
            "text": {
                "headline": "The story",
                "text": f"<p>{len(events)} dated events from {counts['documents']} articles</p>",
            }
        },
        "events": events,
    }


def write_timelinejs(reader: StoreReader, out: BinaryIO) -> None:
    out.write((json.dumps(build_timeline(reader), ensure_ascii=False, indent=1) + "\n").encode())
