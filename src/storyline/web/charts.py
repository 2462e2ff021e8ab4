"""Charts as inline SVG, drawn on the server: figure comparisons, the timeline, the actor
graph. The web pages and the one-file report share them; no chart needs JavaScript.

Every label is escaped; links come from a ``url(kind, id)`` function so the report can
point at its own anchors and the web app at its pages.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup, escape

from storyline.web.graph_layout import layout, place_labels, strongest, text_width

Url = Callable[[str, str], str]

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

CLUSTER_COLOURS = (
    "#1f6feb", "#d1242f", "#1a7f37", "#8250df", "#d4760b",
    "#0e8a9e", "#8a5a2b", "#bf3989", "#6f7d00", "#3d4fa3",
)  # fmt: skip
UNGROUPED = "#8c959f"
SHAPES = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "NORP": "group"}


@dataclass(frozen=True, slots=True)
class Cluster:
    """A community of the graph as the legend shows it."""

    colour: str
    size: int
    names: tuple[str, ...]  # its most mentioned actors


@dataclass(frozen=True, slots=True)
class GraphPicture:
    """The drawn graph (it renders as its SVG) and the communities its colours stand for."""

    svg: Markup
    clusters: tuple[Cluster, ...]
    ungrouped: int  # actors in groups too small for a colour of their own
    labelled: int  # actors whose name is written next to them (the rest show on hover)
    drawn: int = 0  # links drawn (each actor's strongest), of
    links: int = 0  # all links between the actors

    def __html__(self) -> str:
        return str(self.svg)

    def __bool__(self) -> bool:
        return bool(self.svg)


def _sizes(n: int) -> tuple[float, float, float]:
    """Drawing width and the smallest and largest node radius for ``n`` actors."""
    t = min(max(n - 60, 0) / 240, 1.0)
    return 960 + 280 * min(max(n - 80, 0) / 220, 1.0), 4 - 1.2 * t, 18 - 7 * t


def _hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Convex hull, counter-clockwise (monotone chain)."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    upper: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _mark(kind: str, x: float, y: float, r: float, colour: str, title: str) -> str:
    """A node's symbol: circle (person), square (organisation), diamond (place), triangle
    (group), each about the area of a circle of radius ``r``."""
    inside = f' fill="{colour}"><title>{title}</title>'
    if kind == "org":
        s = r * 1.7
        return (
            f'<rect class="mark" x="{x - s / 2:.1f}" y="{y - s / 2:.1f}" width="{s:.1f}" '
            f'height="{s:.1f}" rx="2"{inside}</rect>'
        )
    if kind == "place":
        d = r * 1.25
        return (
            f'<path class="mark" d="M{x:.1f} {y - d:.1f}L{x + d:.1f} {y:.1f}L{x:.1f} '
            f'{y + d:.1f}L{x - d:.1f} {y:.1f}Z"{inside}</path>'
        )
    if kind == "group":
        d = r * 1.35
        return (
            f'<path class="mark" d="M{x:.1f} {y - d:.1f}L{x + d * 0.87:.1f} {y + d / 2:.1f}'
            f'L{x - d * 0.87:.1f} {y + d / 2:.1f}Z"{inside}</path>'
        )
    return f'<circle class="mark" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"{inside}</circle>'


def graph_chart(graph: dict[str, Any], url: Url) -> GraphPicture:
    """The actor graph: communities by colour (with a soft outline around each), type by
    shape, size by mentions, edge colour by kind; names written where they fit."""
    nodes = graph["nodes"]
    if not nodes:
        return GraphPicture(Markup(""), (), 0, 0)
    n = len(nodes)
    index = {node["id"]: i for i, node in enumerate(nodes)}
    pairs = [(index[e["source"]], index[e["target"]], float(e["weight"])) for e in graph["edges"]]
    width, rmin, rmax = _sizes(n)
    top = max(node["mentions"] for node in nodes) or 1
    radii = [rmin + (rmax - rmin) * math.sqrt(node["mentions"] / top) for node in nodes]
    # the most mentioned actors first: their names are written first, in a bigger font
    order = sorted(range(n), key=lambda i: (-nodes[i]["mentions"], nodes[i]["name"]))
    big = set(order[: max(3, n // 30)])
    rank = {i: r for r, i in enumerate(order)}
    texts = [_short(node["name"]) for node in nodes]
    sizes = [13.0 if i in big else 11.0 for i in range(n)]
    grown = [text_size * (1.15 if i in big else 1.0) for i, text_size in enumerate(sizes)]
    room = [
        math.hypot(text_width(texts[i], grown[i]) / 2, radii[i] + grown[i] * 1.25 + 2)
        if i in big
        else radii[i]
        for i in range(n)
    ]
    drawn = layout(n, pairs, radii, width=width, pad=14, room=room)
    xy, height, comm = drawn.xy, drawn.height, drawn.community
    members: dict[int, list[int]] = {}
    for i, c in enumerate(comm):
        members.setdefault(c, []).append(i)
    colour_of: dict[int, str] = {}
    for c in sorted(members):
        if len(members[c]) >= 3 and len(colour_of) < len(CLUSTER_COLOURS):
            colour_of[c] = CLUSTER_COLOURS[len(colour_of)]
    marks = [r * 1.15 for r in radii]  # squares and diamonds reach a little past r
    labels = place_labels(xy, marks, texts, grown, order, width, height)
    parts = [
        f'<svg class="chart graph-chart" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="Network of {n} actors and {len(graph["edges"])} links" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>Network of {n} actors</title><g class=hulls>",
    ]
    for c, colour in colour_of.items():
        pts = _hull([(float(xy[i, 0]), float(xy[i, 1])) for i in members[c]])
        if len(pts) < 2:
            continue
        path = "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in pts) + "Z"
        pad = 2 * (max(radii[i] for i in members[c]) * 0.5 + 8)
        parts.append(
            f'<path class="hull" d="{path}" fill="{colour}" stroke="{colour}" '
            f'stroke-width="{pad:.0f}" stroke-linejoin="round" opacity=".12"/>'
        )
    parts.append("</g><g class=edges>")
    ranked = [
        (a, b, w * (3 if e["kind"] in ("support", "oppose") else 1))
        for (a, b, w), e in zip(pairs, graph["edges"], strict=True)
    ]
    shown = [graph["edges"][i] for i in strongest(n, ranked, 4 if n <= 100 else 3)]
    heaviest = max((e["weight"] for e in shown), default=1) or 1
    for e in sorted(shown, key=lambda e: (e["weight"], e["kind"], e["source"], e["target"])):
        (x1, y1), (x2, y2) = xy[index[e["source"]]], xy[index[e["target"]]]
        colour = EDGE_COLOURS.get(e["kind"], "#8c959f")
        stroke = 0.6 + 2.6 * math.sqrt(e["weight"] / heaviest)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{colour}" stroke-width="{stroke:.1f}" class="{_e(e["kind"])}" '
            f'data-a="{_e(e["source"])}" data-b="{_e(e["target"])}"><title>{_e(e["kind"])}: '
            f"{_e(e['label'])} ({e['weight']})</title></line>"
        )
    # the font also as attributes: the label boxes were measured for it, stylesheet or not
    parts.append('</g><g class=nodes font-family="system-ui, sans-serif" font-size="11">')
    for i in order:  # the most mentioned first: the first a keyboard reaches
        node, lab = nodes[i], labels[i]
        x, y = float(xy[i, 0]), float(xy[i, 1])
        colour = colour_of.get(comm[i], UNGROUPED)
        kind = SHAPES.get(node["type"], "person")
        cls = "lab big" if i in big else "lab"
        font = ' font-size="13" font-weight="600"' if i in big else ""
        hidden = "" if lab.shown else ' visibility="hidden"'
        title = f"{_e(node['name'])} ({_e(node['type'])}, {node['mentions']} mentions)"
        parts.append(
            f'<a href="{_e(url("entity", node["id"]))}" class="node {kind}" '
            f'data-id="{_e(node["id"])}">{_mark(kind, x, y, radii[i], colour, title)}'
            f'<text class="{cls}{"" if lab.shown else " off"}"{font} x="{lab.x:.1f}" '
            f'y="{lab.baseline:.1f}"{hidden}>{_e(texts[i])}</text></a>'
        )
    parts.append("</g></svg>")
    clusters = tuple(
        Cluster(
            colour,
            len(members[c]),
            tuple(nodes[i]["name"] for i in sorted(members[c], key=rank.__getitem__)[:3]),
        )
        for c, colour in colour_of.items()
    )
    return GraphPicture(
        Markup("".join(parts)),
        clusters,
        sum(len(m) for c, m in members.items() if c not in colour_of),
        sum(1 for lab in labels if lab.shown),
        len(shown),
        len(graph["edges"]),
    )


def _short(name: str, limit: int = 24) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"
