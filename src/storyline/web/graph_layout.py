"""Where the actor graph's nodes and labels go: communities, positions, readable labels.

Pure functions of the graph, deterministic (same graph → same picture, no clock, no global
random state), fast enough for 300 actors during a request:

1. :func:`communities` groups actors with the Louvain method (greedy modularity: move each
   node to the neighbouring community that gains most, then merge communities into nodes
   and repeat), in a fixed node order so ties always break the same way.
2. :func:`layout` draws each community on its own with a force-directed layout (degree
   scaled repulsion as in ForceAtlas2, so hubs get room; gravity, so no actor flies off),
   packs the communities as discs (area by size) that attract each other by the links
   between them, and turns each disc so its outward links point at their neighbours. A
   separate part of the graph is just one more disc: nothing ends up far at an edge.
3. :func:`place_labels` puts labels by importance at the first free place around their node
   (right, left, above, below, diagonals); a label that would cover another label or a node
   is left out (the picture shows it on hover and focus).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Edge = tuple[int, int, float]

# Advance widths of ASCII 32..126 in DejaVu Sans (the widest common sans-serif; Chromium's
# system-ui on Debian), in hundredths of an em, measured with canvas measureText.
_WIDTHS = (
    "32,40,46,84,64,95,78,27,39,39,50,84,32,36,32,34,64,64,64,64,64,64,64,64,64,64,34,34,84,84,"
    "84,53,100,68,69,70,77,63,58,77,75,29,29,66,56,86,75,79,60,79,69,63,61,73,68,99,69,61,69,"
    "39,34,39,84,50,50,61,63,55,63,62,35,63,63,28,28,58,28,97,63,61,63,63,41,52,39,63,59,82,"
    "59,59,52,64,34,64,84"
)
ASCII_EM = tuple(int(w) / 100 for w in _WIDTHS.split(","))


def text_width(text: str, size: float) -> float:
    """A generous estimate of the rendered width of ``text`` at font size ``size``."""
    em = 0.0
    for ch in text:
        code = ord(ch)
        if 32 <= code < 127:
            em += ASCII_EM[code - 32]
        else:
            em += 1.0 if code >= 0x2E80 or ch == "…" else 0.72  # wide; accented letters
    return em * size * 1.04 + 2


# ------------------------------------------------------------------ communities


def merged_edges(n: int, edges: Sequence[Edge]) -> dict[tuple[int, int], float]:
    """One undirected weight per pair of distinct nodes (parallel edges added up)."""
    out: dict[tuple[int, int], float] = {}
    for a, b, w in edges:
        if a != b and 0 <= a < n and 0 <= b < n:
            key = (a, b) if a < b else (b, a)
            out[key] = out.get(key, 0.0) + w
    return out


def communities(n: int, edges: Sequence[Edge]) -> list[int]:
    """Community of each node (Louvain), numbered 0, 1, … by size, largest first; ties by
    the lowest node index. A node without edges is a community of its own."""
    adj: list[dict[int, float]] = [{} for _ in range(n)]
    for (a, b), w in sorted(merged_edges(n, edges).items()):
        adj[a][b] = w
        adj[b][a] = w
    membership = list(range(n))
    for _ in range(32):  # levels; each one merges, so few are ever needed
        level = _one_level(adj)
        if level is None:
            break
        membership = [level[c] for c in membership]
        adj = _aggregate(adj, level)
    sizes: dict[int, int] = {}
    first: dict[int, int] = {}
    for i, c in enumerate(membership):
        sizes[c] = sizes.get(c, 0) + 1
        first.setdefault(c, i)
    order = sorted(sizes, key=lambda c: (-sizes[c], first[c]))
    number = {c: i for i, c in enumerate(order)}
    return [number[c] for c in membership]


def _one_level(adj: list[dict[int, float]]) -> list[int] | None:
    """Local moves until none gains modularity; community of each node (renumbered 0…k-1),
    or None when no node moved."""
    n = len(adj)
    degree = [sum(row.values()) for row in adj]  # a self-loop's weight is stored doubled
    m2 = sum(degree)
    if m2 <= 0:
        return None
    comm = list(range(n))
    total = degree[:]
    moved = False
    for _ in range(100):  # passes; each move gains, so this ends long before the bound
        changed = False
        for i in range(n):
            own, k = comm[i], degree[i]
            links: dict[int, float] = {}
            for j, w in adj[i].items():
                if j != i:
                    links[comm[j]] = links.get(comm[j], 0.0) + w
            total[own] -= k
            best, gain = own, links.get(own, 0.0) - total[own] * k / m2
            for c in sorted(links):
                g = links[c] - total[c] * k / m2
                if g > gain + 1e-12:
                    best, gain = c, g
            total[best] += k
            if best != own:
                comm[i] = best
                changed = moved = True
        if not changed:
            break
    if not moved:
        return None
    number: dict[int, int] = {}
    return [number.setdefault(c, len(number)) for c in comm]


def _aggregate(adj: list[dict[int, float]], level: list[int]) -> list[dict[int, float]]:
    """The graph of communities: weights between them added up, inside ones as self-loops."""
    out: list[dict[int, float]] = [{} for _ in range(max(level) + 1)]
    for i, row in enumerate(adj):
        ci = level[i]
        for j, w in row.items():
            cj = level[j]
            out[ci][cj] = out[ci].get(cj, 0.0) + w
    return out


# ------------------------------------------------------------------------ layout


def _spring(n: int, edges: Sequence[Edge], steps: int = 120) -> np.ndarray:
    """Force-directed positions of one connected-or-not group, centred, about unit spread."""
    if n <= 3:  # a dot, a pair side by side, a triangle: nothing to work out
        turn = np.arange(n) * 2 * math.pi / n + (math.pi / 2 if n == 3 else 0.0)
        fixed: np.ndarray = np.stack([np.cos(turn), np.sin(turn)], axis=1)
        return fixed * (0.0 if n == 1 else 0.6)
    rng = np.random.default_rng(7)
    angle = np.arange(n) * 2.399963  # golden angle: an even start that breaks symmetry
    radius = np.sqrt((np.arange(n) + 0.5) / n)
    pos = np.stack([np.cos(angle), np.sin(angle)], axis=1) * radius[:, None]
    pos += rng.normal(0, 0.01, (n, 2))
    adj = np.zeros((n, n))
    for a, b, w in edges:
        adj[a, b] += w
        adj[b, a] += w
    mass = 1.0 + (adj > 0).sum(axis=1)
    top = adj.max() or 1.0
    adj = adj / top
    repel = 0.02 * mass[:, None] * mass[None, :] / n
    gravity = 0.3
    temp = 0.1
    for _ in range(steps):
        dist2 = _dist2(pos)
        force = repel / dist2 - adj * np.sqrt(dist2) * 2.0
        disp = _along(force, pos)  # Σ_j force_ij (pos_i - pos_j)
        disp -= gravity * mass[:, None] * pos / np.sqrt((pos**2).sum(axis=1) + 0.01)[:, None]
        disp /= mass[:, None]
        length = np.sqrt((disp**2).sum(axis=1)) + 1e-12
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
        temp = max(temp * 0.975, 0.004)
    pos -= pos.mean(axis=0)
    return pos


def _dist2(pos: np.ndarray) -> np.ndarray:
    """Squared distances between all pairs (never zero)."""
    sq = (pos**2).sum(axis=1)
    d2: np.ndarray = np.maximum(sq[:, None] + sq[None, :] - 2 * pos @ pos.T, 0.0) + 1e-6
    return d2


def _along(coef: np.ndarray, pos: np.ndarray) -> np.ndarray:
    """Σ_j coef_ij (pos_i - pos_j) for every i."""
    out: np.ndarray = coef.sum(axis=1)[:, None] * pos - coef @ pos
    return out


@dataclass(frozen=True, slots=True)
class Layout:
    """Node centres in drawing units, the drawing's size, and each node's community."""

    xy: np.ndarray
    width: float
    height: float
    community: list[int]


def layout(
    n: int,
    edges: Sequence[Edge],
    radii: Sequence[float],
    width: float = 960.0,
    aspect: tuple[float, float] = (0.5, 0.78),
    pad: float = 8.0,
    room: Sequence[float] | None = None,
) -> Layout:
    """Positions of ``n`` nodes of the given radii inside a drawing ``width`` wide; its
    height follows the picture, between ``aspect`` times the width. ``room`` (default: the
    radii) is how far other nodes keep from each node: more for one whose label must fit."""
    if n == 0:
        return Layout(np.zeros((0, 2)), width, width * aspect[0], [])
    pairs = merged_edges(n, edges)
    weighted = [(a, b, 1.0 + math.log1p(w)) for (a, b), w in sorted(pairs.items())]
    comm = communities(n, weighted)
    k = max(comm) + 1
    members: list[list[int]] = [[] for _ in range(k)]
    for i, c in enumerate(comm):
        members[c].append(i)
    local = {m: j for group in members for j, m in enumerate(group)}
    inner: list[list[Edge]] = [[] for _ in range(k)]
    outer: list[Edge] = []
    for a, b, w in weighted:
        if comm[a] == comm[b]:
            inner[comm[a]].append((local[a], local[b], w))
        else:
            outer.append((a, b, w))
    r = np.asarray(radii, dtype=float)
    # each community drawn on its own, scaled to a disc whose area follows its nodes' needs
    shapes: list[np.ndarray] = []
    disc = np.zeros(k)
    for c in range(k):
        pos = _spring(len(members[c]), inner[c])
        need = float(((r[members[c]] * 2 + 26) ** 2).sum())  # room per node, label included
        disc[c] = math.sqrt(need / math.pi) if len(members[c]) > 1 else float(r[members[c][0]])
        spread = np.sqrt((pos**2).sum(axis=1))
        reach = float(np.percentile(spread, 90)) if len(spread) > 1 else 0.0
        if reach > 0:
            pos = pos / reach * disc[c] * 0.85
            far = np.sqrt((pos**2).sum(axis=1))
            over = far > disc[c]
            pos[over] *= (disc[c] / far[over])[:, None]  # a straggler comes to the rim
        shapes.append(pos)
    centre = _pack(disc, outer, comm, aspect)
    xy = np.zeros((n, 2))
    ends = np.array([(a, b) for a, b, _ in outer], dtype=int).reshape(-1, 2)
    src = np.concatenate([ends[:, 0], ends[:, 1]])  # each outward link seen from both ends
    dst = np.concatenate([ends[:, 1], ends[:, 0]])
    wts = np.array([w for _, _, w in outer] * 2, dtype=float)
    group = np.asarray(comm, dtype=int)
    spot = np.array([local[i] for i in range(n)], dtype=int)
    for c in range(k):
        out = group[src] == c
        target = centre[group[dst[out]]] - centre[c]
        turned = _turn(shapes[c], spot[src[out]], target, wts[out])
        xy[members[c]] = centre[c] + turned
    keep = r if room is None else np.maximum(np.asarray(room, dtype=float), r)
    return _fit(xy, r, keep, width, aspect, pad, comm)


def _pack(
    disc: np.ndarray, outer: Sequence[Edge], comm: Sequence[int], aspect: tuple[float, float]
) -> np.ndarray:
    """Centres for discs of radius ``disc``: linked discs attract, all fall toward the
    centre (more strongly up and down, for a wide picture), none overlap."""
    k = len(disc)
    order = np.argsort(-disc, kind="stable")
    angle = np.arange(k) * 2.399963
    scale = float(disc.mean()) * 2.0 + 1.0
    spiral = (
        np.stack([np.cos(angle), np.sin(angle)], axis=1) * (np.sqrt(np.arange(k)) * scale)[:, None]
    )
    pos = np.zeros((k, 2))
    pos[order] = spiral
    if k == 1:
        return pos
    link = np.zeros((k, k))
    for a, b, w in outer:
        link[comm[a], comm[b]] += w
        link[comm[b], comm[a]] += w
    link /= link.max() or 1.0
    area = disc**2 + 1.0
    squash = np.array([1.0, 1.0 / max(aspect[0], 0.3) ** 0.5])
    gap = 6.0
    total = float(disc.sum())
    part = _Parting(disc, area, gap)
    steps = max(50, min(150, 12_000 // k))  # many small discs settle fast and cost more
    linked = bool(link.any())
    for step in range(steps):
        pull = -_along(link, pos) * 0.03 if linked else np.zeros_like(pos)
        pull -= pos * squash * 0.1
        cap = total * 0.05 * (1 - step / steps) + 0.5
        length = np.sqrt((pull**2).sum(axis=1)) + 1e-12
        pos += pull / length[:, None] * np.minimum(length, cap)[:, None]
        pos = part(pos, 2)
    pos = part(pos, 40)
    return _level(pos - (pos * area[:, None]).sum(axis=0) / area.sum(), area)


def _level(pos: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Turned so the picture's long axis lies across (a wide screen has room that way)."""
    cov = (pos * weight[:, None]).T @ pos
    values, vectors = np.linalg.eigh(cov)
    axis = vectors[:, int(np.argmax(values))]
    if axis[0] < 0 or (axis[0] == 0 and axis[1] < 0):
        axis = -axis  # a fixed sign: the same picture every time
    c, s = float(axis[0]), float(axis[1])
    out: np.ndarray = pos @ np.array([[c, -s], [s, c]])
    return out


def strongest(n: int, edges: Sequence[Edge], per_node: int) -> list[int]:
    """Indexes of the edges worth drawing: each node's ``per_node`` strongest (ties: the
    earlier edge), so every linked node keeps its main links and hubs do not drown the rest."""
    by_node: list[list[tuple[float, int]]] = [[] for _ in range(n)]
    for i, (a, b, w) in enumerate(edges):
        by_node[a].append((-w, i))
        by_node[b].append((-w, i))
    keep: set[int] = set()
    for links in by_node:
        keep.update(i for _, i in sorted(links)[:per_node])
    return sorted(keep)


class _Parting:
    """Pushes overlapping discs apart (the bigger one moves less); built once per set of
    discs, as the pairwise targets do not change between rounds."""

    def __init__(self, radius: np.ndarray, area: np.ndarray, gap: float) -> None:
        n = len(radius)
        self.share = area[None, :] / (area[:, None] + area[None, :])  # i's part of a push
        self.want = radius[:, None] + radius[None, :] + gap
        np.fill_diagonal(self.want, 0.0)
        angle = np.arange(n) * 2.399963  # discs on one spot part in fixed directions
        self.nudge = np.stack([np.cos(angle), np.sin(angle)], axis=1) * 1e-3

    def __call__(self, pos: np.ndarray, rounds: int) -> np.ndarray:
        pos = pos + self.nudge
        for _ in range(rounds):
            dist = np.sqrt(_dist2(pos))
            overlap = np.maximum(self.want - dist, 0.0)
            if not overlap.any():
                break
            pos = pos + _along(overlap * self.share / dist, pos) * 0.6
        return pos


def _turn(shape: np.ndarray, mine: np.ndarray, target: np.ndarray, wts: np.ndarray) -> np.ndarray:
    """The shape turned (and mirrored if better) so its outward links are shortest: node
    ``mine[k]`` has a link of weight ``wts[k]`` toward ``target[k]`` (relative to the shape's
    centre)."""
    if not len(mine) or len(shape) < 2:
        return shape
    pts = shape[mine]
    best, best_cost = shape, math.inf
    for mirror in (1.0, -1.0):
        flipped = shape * np.array([1.0, mirror])
        fp = pts * np.array([1.0, mirror])
        for t in range(24):
            turn = t * math.pi / 12
            c, s = math.cos(turn), math.sin(turn)
            rot = np.array([[c, -s], [s, c]])
            cost = float((np.sqrt(((fp @ rot.T - target) ** 2).sum(axis=1)) * wts).sum())
            if cost < best_cost - 1e-9:
                best, best_cost = flipped @ rot.T, cost
    return best


def _fit(
    xy: np.ndarray,
    r: np.ndarray,
    keep: np.ndarray,
    width: float,
    aspect: tuple[float, float],
    pad: float,
    comm: list[int],
) -> Layout:
    """Scale into the drawing (height from the picture's shape), then part touching nodes."""
    low = (xy - r[:, None]).min(axis=0)
    high = (xy + r[:, None]).max(axis=0)
    size = np.maximum(high - low, 1e-9)
    height = float(np.clip(width * size[1] / size[0], width * aspect[0], width * aspect[1]))
    inner = np.array([width - 2 * pad, height - 2 * pad])
    rmax = float(r.max()) if len(r) else 0.0
    scale = float(min((inner - 2 * rmax) / np.maximum(size - 2 * rmax, 1e-9)))
    scale = max(scale, 1e-9)
    out = (xy - (low + high) / 2) * scale + np.array([width / 2, height / 2])
    out = _Parting(keep, keep**2 + 1.0, 3.0)(out, 40)
    lo = pad + r[:, None]
    hi = np.array([width, height])[None, :] - pad - r[:, None]
    return Layout(np.clip(out, lo, hi), width, height, comm)


# ------------------------------------------------------------------------ labels


@dataclass(frozen=True, slots=True)
class Label:
    """A label's box (left, top, width, height) and baseline; ``shown`` False when no free
    place was found."""

    x: float
    y: float
    w: float
    h: float
    baseline: float
    shown: bool


def place_labels(
    xy: np.ndarray,
    radii: Sequence[float],
    texts: Sequence[str],
    sizes: Sequence[float],
    order: Sequence[int],
    width: float,
    height: float,
    margin: float = 2.0,
) -> list[Label]:
    """A label per node, tried in ``order`` (most important first) at eight places around
    the node; one that overlaps a placed label or any other node, or leaves the drawing,
    is not shown."""
    n = len(texts)
    r = np.asarray(radii, dtype=float)
    boxes = np.zeros((n, 4))  # x0, y0, x1, y1 of placed labels
    placed = np.zeros(n, dtype=bool)
    out: list[Label | None] = [None] * n
    for i in order:
        x, y = float(xy[i, 0]), float(xy[i, 1])
        w, h = text_width(texts[i], sizes[i]), sizes[i] * 1.25
        ri = float(r[i])
        d = ri * 0.72 + 2
        candidates = (
            (x + ri + 3, y - h / 2),
            (x - ri - 3 - w, y - h / 2),
            (x - w / 2, y - ri - 1 - h),
            (x - w / 2, y + ri + 1),
            (x + d, y - d - h),
            (x + d, y + d),
            (x - d - w, y - d - h),
            (x - d - w, y + d),
        )
        chosen = None
        for left, top in candidates:
            box = (left, top, left + w, top + h)
            if box[0] < margin or box[1] < margin:
                continue
            if box[2] > width - margin or box[3] > height - margin:
                continue
            if _hits_labels(box, boxes[placed], margin) or _hits_nodes(box, xy, r, i):
                continue
            chosen = box
            break
        if chosen is None:
            left, top = candidates[0]
            out[i] = Label(left, top, w, h, top + sizes[i] * 0.95, False)
            continue
        boxes[i] = chosen
        placed[i] = True
        out[i] = Label(chosen[0], chosen[1], w, h, chosen[1] + sizes[i] * 0.95, True)
    return [lab if lab is not None else Label(0, 0, 0, 0, 0, False) for lab in out]


def _hits_labels(box: tuple[float, float, float, float], placed: np.ndarray, m: float) -> bool:
    if not len(placed):
        return False
    return bool(
        (
            (placed[:, 0] < box[2] + m)
            & (placed[:, 2] > box[0] - m)
            & (placed[:, 1] < box[3] + m)
            & (placed[:, 3] > box[1] - m)
        ).any()
    )


def _hits_nodes(
    box: tuple[float, float, float, float], xy: np.ndarray, r: np.ndarray, own: int
) -> bool:
    nearest_x = np.clip(xy[:, 0], box[0], box[2])
    nearest_y = np.clip(xy[:, 1], box[1], box[3])
    close = (xy[:, 0] - nearest_x) ** 2 + (xy[:, 1] - nearest_y) ** 2 < (r + 1) ** 2
    close[own] = False
    return bool(close.any())
