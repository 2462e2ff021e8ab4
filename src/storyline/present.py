"""Plain-text views of a story for the terminal: quotes, positions, figures, timeline.

Each function reads a bounded list through :class:`storyline.store.lists.ListQueries` and
returns lines, so the CLI stays thin, a view costs what it prints, and the views are easy
to test. Article text is returned as plain strings; the CLI prints them as Rich ``Text``
(never as markup).
"""

from __future__ import annotations

from typing import Any

from storyline.store.lists import ListQueries

Row = dict[str, Any]


def source_label(doc: Row) -> str:
    """How a document is cited in the terminal: outlet and date, else its source."""
    outlet = doc.get("outlet") or doc["source"].rsplit("/", 1)[-1]
    if doc.get("published"):
        return f"{outlet}, {doc['published']}"
    if doc.get("published_inferred"):
        return f"{outlet}, about {doc['published_inferred']} (inferred)"
    return f"{outlet}, undated"


def sources_label(item: Row) -> str:
    """How many independent reports state a group, event or position, and in how many
    copies when copies of one article were grouped: ``3 independent reports, 7 copies``."""
    sources, copies = item.get("sources", 0), item.get("copies", 0)
    label = f"{sources} independent report{'s' if sources != 1 else ''}"
    return f"{label}, {copies} copies" if copies > sources else label


def more_line(shown: int, total: int, what: str) -> list[str]:
    """The closing line of a view cut at ``--limit``: how many more there are."""
    if total <= shown:
        return []
    return [f"… and {total - shown} more {what} (use --limit 0 to show all)"]


def quote_lines(
    lists: ListQueries, speaker: str | None = None, limit: int | None = None
) -> list[str]:
    """Quotes grouped by speaker (resolved entity, else as written), speakers with the most
    quotes first, each quote with outlet and date."""
    if speaker:
        quotes = lists.quotes_by_speaker(speaker)
        ranked = sorted(quotes, key=lambda who: (-len(quotes[who]), who))
        total, speakers = len(ranked), ranked[:limit] if limit else ranked
    else:
        groups, total = lists.speaker_groups(limit)
        speakers = [g["who"] for g in groups]
        quotes = lists.quotes_of(speakers)
    lines: list[str] = []
    for who in speakers:
        said = quotes.get(who, [])
        lines.append(f"{who} ({len(said)})")
        for q in said:
            words = f"“{q['text']}”" if q["direct"] else f"(reported) {q['text']}"
            lines.append(f"    {words}  [{source_label(q)}]")
    return lines + more_line(len(speakers), total, "speakers")


def position_lines(
    lists: ListQueries, holder: str | None = None, limit: int | None = None
) -> list[str]:
    """Aggregated positions: who supports or opposes what, with every piece of evidence."""
    positions, total = lists.positions(holder, limit)
    lines: list[str] = []
    for p in positions:
        who = " and ".join(p["holders"]) or "unnamed holders"
        lines.append(
            f"{who} {p['polarity']}: {p['target']} ({len(p['evidence'])} evidence) · "
            f"{sources_label(p)}"
        )
        for s in p["evidence"]:
            lines.append(f"    {s['evidence']}  [{source_label(s)}]")
    return lines + more_line(len(positions), total, "positions")


def _format_value(value: float, unit: str) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:g} {word} {unit}"
    return f"{value:g} {unit}"


def figure_lines(
    lists: ListQueries, conflicts_only: bool = False, limit: int | None = None
) -> list[str]:
    """Figure groups: subject, period, kind, each outlet's value and words, and a mark."""
    groups, total = lists.figure_groups(conflicts_only, limit)
    docs = lists.documents([f["doc"] for g in groups for f in g["figures"]])
    lines: list[str] = []
    for g in groups:
        mark = "agree" if g["agree"] else "DISAGREE"
        lines.append(f"[{mark}] {g['label']}  ({sources_label(g)})")
        for f in g["figures"]:
            value = _format_value(f["value"], f["unit"])
            words = f"{f['hedge']} {f['text']}" if f.get("hedge") else f["text"]
            lines.append(f"    {value:<28} “{words}”  [{source_label(docs[f['doc']])}]")
    return lines + more_line(len(groups), total, "figure groups")


def timeline_lines(
    lists: ListQueries, actor: str | None = None, limit: int | None = None
) -> list[str]:
    """Dated events in order, each with its sources."""
    events, total = lists.events(actor, limit)
    lines: list[str] = []
    for v in events:
        sources = sorted({source_label(c) for c in v["cited"]})
        lines.append(f"{v['date'] or 'undated':<10}  {v['type']:<9} {v['label']}")
        lines.append(f"            {sources_label(v)}: {'; '.join(sources)}")
    return lines + more_line(len(events), total, "events")
