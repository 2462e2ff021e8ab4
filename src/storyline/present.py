"""Plain-text views of a story for the terminal: quotes, positions, figures, timeline.

Each function takes the export-shaped story (:func:`storyline.export.json_export.build_export`)
and returns lines, so the CLI stays thin and the views are easy to test. Article text is
returned as plain strings; the CLI prints them as Rich ``Text`` (never as markup).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Story = dict[str, Any]


def _entities(story: Story) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in story["entities"]}


def _documents(story: Story) -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in story["documents"]}


def _matches(entity: dict[str, Any] | None, text: str | None, wanted: str) -> bool:
    wanted = wanted.casefold()
    names = [text or ""]
    if entity is not None:
        names += [entity["name"], *entity["aliases"]]
    return any(wanted in n.casefold() for n in names if n)


def source_label(doc: dict[str, Any]) -> str:
    """How a document is cited in the terminal: outlet and date, else its source."""
    outlet = doc.get("outlet") or doc["source"].rsplit("/", 1)[-1]
    if doc.get("published"):
        return f"{outlet}, {doc['published']}"
    if doc.get("published_inferred"):
        return f"{outlet}, about {doc['published_inferred']} (inferred)"
    return f"{outlet}, undated"


def sources_label(item: dict[str, Any]) -> str:
    """How many independent reports state a group, event or position, and in how many
    copies when copies of one article were grouped: ``3 independent reports, 7 copies``."""
    sources, copies = item.get("sources", 0), item.get("copies", 0)
    label = f"{sources} independent report{'s' if sources != 1 else ''}"
    return f"{label}, {copies} copies" if copies > sources else label


def quote_lines(story: Story, speaker: str | None = None) -> list[str]:
    """Quotes grouped by speaker (resolved entity, else as written), with outlet and date."""
    entities, docs = _entities(story), _documents(story)
    groups: dict[str, list[str]] = {}
    for q in story["quotes"]:
        entity = entities.get(q["speaker"]) if q["speaker"] else None
        if speaker and not _matches(entity, q["speaker_text"], speaker):
            continue
        who = entity["name"] if entity else (q["speaker_text"] or "unattributed")
        words = f"“{q['text']}”" if q["direct"] else f"(reported) {q['text']}"
        groups.setdefault(who, []).append(f"    {words}  [{source_label(docs[q['doc']])}]")
    lines: list[str] = []
    for who in sorted(groups, key=lambda w: (-len(groups[w]), w)):
        lines.append(f"{who} ({len(groups[who])})")
        lines.extend(groups[who])
    return lines


def _names(ids: Iterable[str], entities: dict[str, dict[str, Any]]) -> str:
    return " and ".join(entities[i]["name"] for i in ids if i in entities)


def position_lines(story: Story, holder: str | None = None) -> list[str]:
    """Aggregated positions: who supports or opposes what, with every piece of evidence."""
    entities, docs = _entities(story), _documents(story)
    stances = {s["id"]: s for s in story["stances"]}
    lines: list[str] = []
    for p in story.get("positions", []):
        holders = [entities.get(h) for h in p["holders"]]
        if holder and not any(_matches(h, None, holder) for h in holders):
            continue
        who = _names(p["holders"], entities) or "unnamed holders"
        evidence = [stances[s] for s in p["stances"] if s in stances]
        lines.append(
            f"{who} {p['polarity']}: {p['target']} ({len(evidence)} evidence) · {sources_label(p)}"
        )
        for s in evidence:
            doc = docs[s["doc"]]
            lines.append(f"    {doc['text'][s['start'] : s['end']]}  [{source_label(doc)}]")
    return lines


def _format_value(value: float, unit: str) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:g} {word} {unit}"
    return f"{value:g} {unit}"


def figure_lines(story: Story, conflicts_only: bool = False) -> list[str]:
    """Figure groups: subject, period, kind, each outlet's value and words, and a mark."""
    docs = _documents(story)
    figures = {f["id"]: f for f in story["figures"]}
    lines: list[str] = []
    for g in story["figure_groups"]:
        if conflicts_only and g["agree"]:
            continue
        mark = "agree" if g["agree"] else "DISAGREE"
        lines.append(f"[{mark}] {g['label']}  ({sources_label(g)})")
        for fid in g["figures"]:
            f = figures[fid]
            doc = docs[f["doc"]]
            value = _format_value(f["value"], f["unit"])
            words = f"{f['hedge']} {f['text']}" if f.get("hedge") else f["text"]
            lines.append(f"    {value:<28} “{words}”  [{source_label(doc)}]")
    return lines


def timeline_lines(story: Story, actor: str | None = None) -> list[str]:
    """Dated events in order, each with its sources."""
    entities, docs = _entities(story), _documents(story)
    lines: list[str] = []
    for v in sorted(story["events"], key=lambda v: (v["date"] is None, v["date"] or "", v["id"])):
        participants = [entities.get(p) for p in v["participants"]]
        if actor and not any(_matches(p, None, actor) for p in participants):
            continue
        sources = sorted({source_label(docs[m["doc"]]) for m in v["mentions"]})
        lines.append(f"{v['date'] or 'undated':<10}  {v['type']:<9} {v['label']}")
        lines.append(f"            {sources_label(v)}: {'; '.join(sources)}")
    return lines
