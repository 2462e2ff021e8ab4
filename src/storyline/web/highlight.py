"""Article text with every extraction highlighted, as safe HTML.

Spans may nest (a name inside a quote) or cross (a figure running past the end of a
quote); crossing spans are split at the boundary so the HTML stays well formed. Clause
facts (quotes, stances, event mentions) become ``<mark>`` elements followed by a small
link to the fact; word facts (names, figures, dates) become links themselves. Every
piece of article text goes through :func:`markupsafe.escape`.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

CLAUSE = 0  # quotes, stances, event mentions: marked, with a fact link after them
WORD = 1  # names, figures, dates: links


@dataclass(frozen=True, slots=True)
class Highlight:
    """One span of the text to highlight."""

    start: int
    end: int
    kind: str  # quote, stance, event, mention, figure, time, focus
    fact_id: str
    href: str | None
    label: str
    level: int = WORD


@dataclass(slots=True)
class _Node:
    span: Highlight
    start: int
    end: int
    first: bool
    last: bool = True
    children: list[_Node] = field(default_factory=list)


def _nest(spans: Sequence[Highlight], length: int) -> list[_Node]:
    """Spans as a tree; a span crossing its parent's end is split there."""
    queue: list[tuple[int, int, int, int, Highlight, bool]] = []
    for i, s in enumerate(spans):
        start, end = max(0, s.start), min(length, s.end)
        if start < end:
            heapq.heappush(queue, (start, -end, s.level, i, s, True))
    roots: list[_Node] = []
    stack: list[_Node] = []
    pieces: dict[int, _Node] = {}
    while queue:
        start, neg_end, level, i, span, first = heapq.heappop(queue)
        end = -neg_end
        while stack and stack[-1].end <= start:
            stack.pop()
        if stack and end > stack[-1].end:
            cut = stack[-1].end
            heapq.heappush(queue, (cut, -end, level, i, span, False))
            end = cut
        node = _Node(span, start, end, first)
        if i in pieces:
            pieces[i].last = False
        pieces[i] = node
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _attrs(**values: str | None) -> str:
    return "".join(
        f' {k.rstrip("_").replace("_", "-")}="{escape(v)}"' for k, v in values.items() if v
    )


def _render(text: str, nodes: list[_Node], start: int, end: int, in_link: bool) -> list[str]:
    out: list[str] = []
    pos = start
    for node in nodes:
        out.append(str(escape(text[pos : node.start])))
        s = node.span
        anchor = s.fact_id if node.first else None
        cls = f"hl hl-{s.kind}"
        link = s.level == WORD and s.href is not None and not in_link
        if link:
            out.append(f"<a{_attrs(class_=cls, id=anchor, href=s.href, title=s.label)}>")
        elif s.level == WORD:
            out.append(f"<span{_attrs(class_=cls, id=anchor, title=s.label)}>")
        else:
            out.append(f"<mark{_attrs(class_=cls, id=anchor, title=s.label)}>")
        out.extend(_render(text, node.children, node.start, node.end, in_link or link))
        out.append("</a>" if link else "</span>" if s.level == WORD else "</mark>")
        if s.level == CLAUSE and node.last and s.href and not in_link:
            out.append(
                f"<a{_attrs(class_='fact-link fact-' + s.kind, href=s.href, aria_label=s.label)}>"
                f"{escape(s.kind[0])}</a>"
            )
        pos = node.end
    out.append(str(escape(text[pos:end])))
    return out


def highlight(text: str, spans: Sequence[Highlight]) -> Markup:
    """The whole text as HTML with the spans highlighted (text escaped, markup well formed)."""
    return Markup("".join(_render(text, _nest(spans, len(text)), 0, len(text), False)))


def document_spans(
    doc: dict[str, Any],
    url: Callable[[str, str], str],
    focus: tuple[int, int] | None = None,
) -> list[Highlight]:
    """The highlights of a document as :meth:`StoryQueries.document` returns it.

    ``url(kind, id)`` builds a link (kinds: ``entity``, ``fact``); ``focus`` marks one more
    span (a search hit or a graph edge's evidence) with the anchor ``focus``.
    """
    spans: list[Highlight] = []
    if focus is not None:
        spans.append(Highlight(focus[0], focus[1], "focus", "focus", None, "", CLAUSE - 1))
    for q in doc["quotes"]:
        who = q["speaker_name"] or q["speaker_text"] or "unattributed"
        spans.append(
            Highlight(
                q["start"],
                q["end"],
                "quote",
                q["id"],
                url("fact", q["id"]),
                f"quote: {who}",
                CLAUSE,
            )
        )
    for s in doc["stances"]:
        label = f"stance: {s['holder_text']} {s['polarity']} {s['target']}"
        spans.append(
            Highlight(s["start"], s["end"], "stance", s["id"], url("fact", s["id"]), label, CLAUSE)
        )
    for v in doc["events"]:
        label = f"event ({v['type']}): {v['label']}"
        spans.append(
            Highlight(v["start"], v["end"], "event", v["id"], url("fact", v["id"]), label, CLAUSE)
        )
    for m in doc["mentions"]:
        href = url("entity", m["entity"]) if m["entity"] else None
        label = f"{m['label']}: {m['entity_name'] or m['text']}"
        spans.append(Highlight(m["start"], m["end"], "mention", m["id"], href, label))
    for f in doc["figures"]:
        label = f"figure: {f['subject'] or 'unknown subject'}"
        spans.append(
            Highlight(f["start"], f["end"], "figure", f["id"], url("fact", f["id"]), label)
        )
    for t in doc["times"]:
        label = f"date: {t['value'] or 'unresolved'}"
        spans.append(Highlight(t["start"], t["end"], "time", t["id"], url("fact", t["id"]), label))
    return spans
