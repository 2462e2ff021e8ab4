"""Plain-text views of the brief and the framing for the terminal (lines, never markup)."""

from __future__ import annotations

from storyline.story_views.brief import Brief, BriefLine, Citation, Disagreement
from storyline.story_views.evidence import Evidence
from storyline.story_views.framing import Framing, OutletFraming


def _cite(c: Citation | Evidence) -> str:
    return f"{c.outlet}, {c.published or 'undated'}, {c.doc}:{c.start}-{c.end}"


def source_mark(sources: int, copies: int) -> str:
    """``[3 sources]``; ``[2 independent reports, 4 copies]`` when copies are among them."""
    if copies > sources:
        reports = "1 independent report" if sources == 1 else f"{sources} independent reports"
        return f"[{reports}, {copies} copies]"
    return "[1 source]" if sources == 1 else f"[{sources} sources]"


def _outlets(citations: tuple[Citation, ...]) -> str:
    return ", ".join(dict.fromkeys(c.outlet for c in citations))


def disagreement_text(line: BriefLine, d: Disagreement) -> str:
    """``$5 billion [The Courier] · $6 billion [The Saga Post]``: what the line (or the
    sources ``d`` differs from) says, then what ``d`` says."""
    against = d.versus or line.citations
    return (
        f"{', '.join(d.instead_of)} [{_outlets(against)}] · "
        f"{', '.join(d.says)} [{_outlets(d.citations)}]"
    )


def brief_lines(brief: Brief) -> list[str]:
    """One numbered line per brief line, marked with how many independent reports (and
    copies) state it, and its citations (outlet, date, document and offsets) under it;
    then where similar sentences state other values, each version with its sources."""
    lines = [f"Brief of {brief.label} ({brief.documents} documents)"]
    for n, line in enumerate(brief.lines, start=1):
        lines.append(f"{n:>2}. {source_mark(line.sources, line.copies)} {line.text}")
        for c in line.citations:
            lines.append(f"      - {_cite(c)}")
        for d in line.disagreements:
            lines.append(f"      sources differ: {disagreement_text(line, d)}")
            for c in d.citations:
                lines.append(f"        - {_cite(c)}: {d.text}")
    return lines


def _outlet_lines(o: OutletFraming) -> list[str]:
    lines = [f"== {o.outlet} ({len(o.documents)} documents, {o.quotes} quotes)"]
    if o.voice_groups:
        lines.append("  voices: " + "; ".join(f"{g.label} {g.count}" for g in o.voice_groups))
        for v in o.voices:
            first = v.evidence[0]
            lines.append(
                f"    {v.speaker} ({v.group}) ×{v.count}: “{first.text}”  [{_cite(first)}]"
            )
    if o.wording:
        lines.append("  wording:")
        for w in o.wording:
            around = f" around {w.anchor}" if w.anchor else ""
            instead = "; ".join(f"{out}: “{term}”" for out, term in w.instead)
            lines.append(
                f"    “{w.term}” ×{w.count} (others ×{w.others}, z {w.z:.2f}){around}"
                + (f"; others there: {instead}" if instead else "")
            )
            for example in w.evidence:
                lines.append(f"      e.g. {example.text}  [{_cite(example)}]")
    if o.emphasis:
        lines.append("  names that no other outlet names:")
        for item in o.emphasis:
            first = item.evidence[0]
            lines.append(
                f"    {item.name} ({item.type}) ×{item.count}: {first.text}  [{_cite(first)}]"
            )
    if o.omissions:
        lines.append("  leaves out what most others name:")
        for om in o.omissions:
            lines.append(f"    {om.name} ({om.type}), named by {', '.join(om.named_by)}")
            for example in om.evidence[:2]:
                lines.append(f"      e.g. {example.text}  [{_cite(example)}]")
    if o.topics or o.topics_left_out:
        lines.append("  measures:")
        for t in o.topics:
            lines.append(f"    only here: {t.name}: {t.evidence[0].text}  [{_cite(t.evidence[0])}]")
        for t in o.topics_left_out:
            lines.append(f"    left out: {t.name}, reported by {', '.join(t.outlets)}")
            for example in t.evidence[:2]:
                lines.append(f"      e.g. {example.text}  [{_cite(example)}]")
    if o.claims:
        lines.append("  exclusive claims:")
        for c in o.claims:
            lines.append(f"    {c.text}  [{_cite(c.evidence)}]")
            lines.append(f"      ({c.reason})")
    return lines


def framing_lines(framing: Framing) -> list[str]:
    """Per outlet: voices, wording, emphasis, omissions and exclusive claims; then the
    figures outlets disagree on. Every item ends with its citation."""
    lines = [f"Framing of {framing.label} ({len(framing.outlets)} outlets)"]
    for o in framing.outlets:
        lines.extend(_outlet_lines(o))
    if framing.disagreements:
        lines.append("== figures the outlets disagree on")
        for d in framing.disagreements:
            mark = "DISAGREE" if d.confirmed else "possible disagreement"
            lines.append(f"  [{mark}] {d.label}")
            for v in d.values:
                lines.append(f"    {v.outlet}: {v.text}: {v.evidence.text}  [{_cite(v.evidence)}]")
    return lines
