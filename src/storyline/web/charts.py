"""Charts as inline SVG, drawn on the server: figure comparisons, the timeline, the actor
graph. The web pages and the one-file report share them; no chart needs JavaScript.

Every label is escaped; links come from a ``url(kind, id)`` function so the report can
point at its own anchors and the web app at its pages.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import numpy as np
from markupsafe import Markup, escape

Url = Callable[[str, str], str]

TYPE_COLOURS = {
    "PERSON": "#1f6feb",
    "ORG": "#b35900",
    "GPE": "#1a7f37",
    "LOC": "#1a7f37",
    "NORP": "#8250df",
}
EDGE_COLOURS = {
    "co-mention": "#8c959f",
    "event": "#0969da",
    "support": "#1a7f37",
    "oppose": "#cf222e",
}


def format_value(value: float, unit: str) -> str:
    """A figure for people: 140000000000 USD → "140 billion USD"."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:g} {word} {unit}"
    if unit == "percent":
        return f"{value:g}%"
    return f"{value:g} {unit}"


def _e(value: object) -> str:
    return str(escape(value))


# ---------------------------------------------------------------------- figures


def figure_chart(group: dict[str, Any], url: Url) -> Markup:
    """One horizontal bar per reported value of a figure group, labelled with its outlet."""
    members = group["figures"]
    if not members:
        return Markup("")
    top = max(abs(float(f["value"])) for f in members) or 1.0
    width, label_w, row = 640, 210, 30
    bar_w = width - label_w - 150
    height = row * len(members) + 10
    title = f"{group['label']}: {'outlets agree' if group['agree'] else 'outlets disagree'}"
    parts = [
        f'<svg class="chart figure-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_e(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{_e(title)}</title>",
    ]
    for i, f in enumerate(members):
        y = 5 + i * row
        w = max(2.0, bar_w * abs(float(f["value"])) / top)
        source = f"{f['outlet'] or 'unknown outlet'}, {f['published'] or 'undated'}"
        value = format_value(float(f["value"]), f["unit"])
        parts.append(
            f'<a href="{_e(url("fact", f["id"]))}"><g class="bar">'
            f"<title>{_e(source)}: {_e(f['text'])}</title>"
            f'<text x="{label_w - 8}" y="{y + 19}" text-anchor="end">{_e(source[:34])}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row - 10}" rx="3"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 19}">{_e(value)}</text></g></a>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


# --------------------------------------------------------------------- timeline


def parse_date(value: str | None) -> date | None:
    """The first day an ISO prefix (2022, 2022-02, 2022-02-04) can mean, or None."""
    if not value:
        return None
    bits = value.split("-")
    try:
        year = int(bits[0])
        month = int(bits[1]) if len(bits) > 1 else 1
        day = int(bits[2][:2]) if len(bits) > 2 else 1
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def timeline_chart(events: Sequence[dict[str, Any]], url: Url) -> Markup:
    """Dated events on a time axis, one lane per event type; each dot links to its event."""
    dated = [(parse_date(v["date"]), v) for v in events]
    points = [(d, v) for d, v in dated if d is not None]
    if not points:
        return Markup("")
    types = sorted({v["type"] for _, v in points})
    first = min(d for d, _ in points).toordinal()
    last = max(d for d, _ in points).toordinal()
    span = max(last - first, 1)
    width, left, lane = 900, 110, 34
    inner = width - left - 30
    height = 46 + lane * len(types)
    parts = [
        f'<svg class="chart timeline-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Timeline of {len(points)} dated events" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>Timeline of {len(points)} dated events</title>",
    ]
    for i, t in enumerate(types):
        y = 20 + i * lane + lane / 2
        parts.append(
            f'<text class="lane" x="{left - 10}" y="{y + 4:.0f}" text-anchor="end">{_e(t)}</text>'
            f'<line class="lane-line" x1="{left}" x2="{width - 20}" y1="{y:.0f}" y2="{y:.0f}"/>'
        )
    years = range(date.fromordinal(first).year, date.fromordinal(last).year + 2)
    for year in years:
        x = left + inner * (date(year, 1, 1).toordinal() - first) / span
        if left <= x <= width - 20:
            parts.append(
                f'<line class="tick" x1="{x:.1f}" x2="{x:.1f}" y1="14" y2="{height - 6}"/>'
                f'<text class="tick-label" x="{x + 3:.1f}" y="12">{year}</text>'
            )
    start_label, end_label = date.fromordinal(first).isoformat(), date.fromordinal(last).isoformat()
    parts.append(f'<text class="tick-label" x="{left}" y="{height - 2}">{start_label}</text>')
    if last != first:
        parts.append(
            f'<text class="tick-label" x="{width - 20}" y="{height - 2}" text-anchor="end">'
            f"{end_label}</text>"
        )
    for d, v in points:
        x = left + inner * (d.toordinal() - first) / span
        y = 20 + types.index(v["type"]) * lane + lane / 2
        r = 6 + min(6, 2 * (len(v.get("reports", ())) - 1))
        parts.append(
            f'<a href="{_e(url("event", v["id"]))}"><circle class="event-dot type-{_e(v["type"])}"'
            f' cx="{x:.1f}" cy="{y:.0f}" r="{r}"><title>{_e(v["date"])} {_e(v["label"])}'
            "</title></circle></a>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


# ------------------------------------------------------------------------ graph


def layout(n: int, edges: Sequence[tuple[int, int, float]], steps: int = 200) -> np.ndarray:
    """Fruchterman–Reingold positions in [0, 1]², deterministic (fixed seed)."""
    if n == 0:
        return np.zeros((0, 2))
    rng = np.random.default_rng(7)
    angle = np.linspace(0, 2 * math.pi, n, endpoint=False)
    pos = np.stack([np.cos(angle), np.sin(angle)], axis=1) * 0.5 + rng.normal(0, 0.05, (n, 2))
    k = math.sqrt(1.0 / n)
    adj = np.zeros((n, n))
    for a, b, w in edges:
        adj[a, b] = adj[b, a] = adj[a, b] + math.log1p(w)
    temp = 0.1
    for _ in range(steps):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.linalg.norm(delta, axis=2) + 1e-9
        force = k * k / dist - adj * dist * dist / k
        disp = (delta / dist[:, :, None] * force[:, :, None]).sum(axis=1)
        disp -= pos * 0.05  # gravity keeps loose parts on the page
        length = np.linalg.norm(disp, axis=1) + 1e-9
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
        temp *= 0.98
    pos -= pos.min(axis=0)
    scale = pos.max(axis=0)
    scale[scale == 0] = 1
    result: np.ndarray = pos / scale
    return result


def graph_chart(graph: dict[str, Any], url: Url) -> Markup:
    """The actor graph: node size by mentions, colour by type, edge colour by kind."""
    nodes = graph["nodes"]
    if not nodes:
        return Markup("")
    index = {n["id"]: i for i, n in enumerate(nodes)}
    pairs = [(index[e["source"]], index[e["target"]], float(e["weight"])) for e in graph["edges"]]
    pos = layout(len(nodes), pairs)
    width, height, pad = 960, 640, 60
    xy = [(pad + p[0] * (width - 2 * pad), pad + p[1] * (height - 2 * pad)) for p in pos]
    top = max(n["mentions"] for n in nodes) or 1
    parts = [
        f'<svg class="chart graph-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Network of {len(nodes)} actors and {len(graph["edges"])} links" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>Network of {len(nodes)} actors</title><g class=edges>",
    ]
    for e in graph["edges"]:
        (x1, y1), (x2, y2) = xy[index[e["source"]]], xy[index[e["target"]]]
        colour = EDGE_COLOURS.get(e["kind"], "#8c959f")
        stroke = min(6.0, 0.6 + math.log1p(e["weight"]))
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{colour}" stroke-width="{stroke:.1f}" data-a="{_e(e["source"])}" '
            f'data-b="{_e(e["target"])}"><title>{_e(e["kind"])}: {_e(e["label"])} '
            f"({e['weight']})</title></line>"
        )
    parts.append("</g><g class=nodes>")
    for n, (x, y) in zip(nodes, xy, strict=True):
        r = 5 + 13 * math.sqrt(n["mentions"] / top)
        colour = TYPE_COLOURS.get(n["type"], "#57606a")
        parts.append(
            f'<a href="{_e(url("entity", n["id"]))}" class="node" data-id="{_e(n["id"])}">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}">'
            f"<title>{_e(n['name'])} ({_e(n['type'])}, {n['mentions']} mentions)</title></circle>"
            f'<text x="{x:.1f}" y="{y - r - 3:.1f}" text-anchor="middle">{_e(n["name"][:28])}'
            "</text></a>"
        )
    parts.append("</g></svg>")
    return Markup("".join(parts))
