"""``storyline report``: the story as one self-contained HTML file to read offline or e-mail.

Inline CSS and SVG only: no script, no font, no image or style from the network (the page
declares a Content-Security-Policy that forbids loading anything). Long lists are capped
(:data:`LIMITS`) so the file stays small on big databases; the caps are stated in the file.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from storyline import __version__
from storyline.clock import Clock, SystemClock
from storyline.outputs import database_files, output_file
from storyline.store import StoreReader
from storyline.story_views.stored import story_brief
from storyline.web.charts import figure_chart, timeline_chart
from storyline.web.render import STATIC, environment

LIMITS = {
    "actors": 40,
    "speakers": 30,
    "quotes_per_speaker": 8,
    "positions": 100,
    "events": 300,
    "figure_groups": 200,
    "documents": 2000,
}


def report_url(kind: str, ident: str) -> str:
    """Links inside the report point at its own sections."""
    return {
        "entity": f"#{ident}",
        "document": f"#{ident}",
        "fact": "#sources",
        "event": f"#{ident}",
        "group": f"#{ident}",
    }[kind]


def _environment() -> Environment:
    return environment("storyline.report", report_url)


def build_report(reader: StoreReader, clock: Clock | None = None) -> str:
    """The whole report as one HTML string."""
    q = reader.queries
    overview = q.overview(actors=LIMITS["actors"], figures=0, events=0)
    groups, group_total = q.figure_groups(limit=LIMITS["figure_groups"])
    events = q.events(limit=LIMITS["events"])
    speakers = []
    for s in q.speakers(limit=LIMITS["speakers"]):
        quotes, total = q.quote_page(speaker=s["id"], limit=LIMITS["quotes_per_speaker"])
        speakers.append({**s, "items": quotes, "total": total})
    documents, doc_total = q.document_page(limit=LIMITS["documents"])
    known = {a["id"] for a in overview["actors"]}
    when: datetime = (clock or SystemClock()).now()

    context: dict[str, Any] = {
        "data": overview,
        "brief": story_brief(reader, length=8),
        "groups": [(g, figure_chart(g, report_url)) for g in groups],
        "group_total": group_total,
        "events": events,
        "event_total": q.event_count(),
        "timeline": timeline_chart(events, report_url),
        "speakers": speakers,
        "positions": q.positions(limit=LIMITS["positions"]),
        "documents": documents,
        "doc_total": doc_total,
        "known": known,
        "limits": LIMITS,
        "css": Markup((STATIC / "style.css").read_text(encoding="utf-8")),  # our own file
        "version": __version__,
        "made": when.isoformat(timespec="minutes"),
    }
    return _environment().get_template("report.html").render(**context)


def write_report(
    reader: StoreReader, out: Path, clock: Clock | None = None, *, force: bool = False
) -> None:
    """Write the report to ``out`` by the rules of :mod:`storyline.outputs` (whole, then
    moved into place; ``-`` is standard output; the database read is never written over)."""
    html = build_report(reader, clock)
    with output_file(out, force=force, protect=database_files(reader.path)) as fh:
        fh.write(html.encode("utf-8"))
