"""Cleaning by input kind: text given as already extracted, and text used as given.

The ``full`` mode (:func:`storyline.ingest.clean.clean_text`) is for scraped pages and
scraped text: it finds the article among the site's chrome by where lines stand. Text a
crawler or an extractor already isolated (a JSONL ``text`` field) has no page around it,
and those positional rules would cost it content: result tables, lists, capitalised
headlines and datelines look like page furniture to them. Such text gets ``light``
(:func:`keep_content`), which judges each line alone with the same line classifiers;
``none`` (:func:`as_given`) only normalises whitespace. :func:`clean_as` picks the mode.
"""

from __future__ import annotations

from storyline.document import CleanMode
from storyline.ingest.clean import (
    Cleaned,
    _classify,
    _is_sentence,
    _key,
    _Line,
    _long_prose,
    _split,
    clean_text,
    normalise_line,
)
from storyline.ingest.dates import CUE, cue_segments

__all__ = ["as_given", "clean_as", "keep_content"]

# kinds a light clean drops: chrome (walls too), credits, "Published:" cues (which go to
# metadata); "related" and tag lines are dropped alone, never what follows them
_NOT_CONTENT = frozenset({"chrome", "credit", "cue", "related", "tags"})


def keep_content(text: str) -> Cleaned:
    """Text already extracted (a crawler's body, a JSONL ``text``): keep every content line.

    Lines are judged one at a time by the same rules as :func:`clean_text`'s first step;
    only what is unmistakably not the article goes: chrome (share bars, newsletter and
    cookie prompts, "Advertisement", a lone "Read more"), sign-in prompts, image credits,
    "Published:" cues and bylines (kept as metadata), "related" and tag headers; a
    byline or comment-section line that reads as a sentence stays. Nothing is judged by
    where it stands, so lists, result tables, capitalised headlines and datelines stay, and a
    short article is never cut. A bare date line stays too (and, before the first
    paragraph, is read as a date of the article). Lines keep their layout: one newline
    inside a paragraph group, a blank line between groups; only a repeated long paragraph
    is dropped.
    """
    lines = _split(text, given=True)
    for line in lines:
        _classify(line, given=True)
    first = next((i for i, line in enumerate(lines) if line.prose), len(lines))
    keep = [False] * len(lines)
    lead_dates: list[str] = []
    for i, line in enumerate(lines):
        if line.kind in _NOT_CONTENT:
            continue
        if line.kind in {"comments", "byline"} and not _is_sentence(line.text):
            continue  # ("No comment on the deal." and "By Friday, talks had…" are content)
        keep[i] = True
        if line.kind == "date" and i < first:
            lead_dates.append(line.text)
    headline = next(
        (i for i in range(first) if keep[i] and lines[i].kind == "text" and not lines[i].bullet),
        None,
    )
    cue_lines = [
        segment
        for line in lines
        if line.kind == "cue"
        for segment in cue_segments(line.text)
        if CUE.match(segment)
    ]
    seen: set[str] = set()
    out: list[str] = []
    previous: _Line | None = None
    for line, kept in zip(lines, keep, strict=True):
        if not kept:
            continue
        if _long_prose(line):
            key = _key(line.text)
            if key in seen:
                continue
            seen.add(key)
        if previous is not None:
            out.append("\n" if previous.block == line.block else "\n\n")
        out.append(line.text)
        previous = line
    return Cleaned(
        text="".join(out),
        headline=lines[headline].text if headline is not None else None,
        bylines=tuple(
            x.text for x, k in zip(lines, keep, strict=True) if x.kind == "byline" and not k
        ),
        cue_lines=tuple(cue_lines),
        lead_dates=tuple(lead_dates),
        lines=tuple(x.text for x in lines),
    )


def as_given(text: str) -> Cleaned:
    """The text as given: whitespace normalised (one space inside a line, one newline
    between lines, a blank line between paragraph groups), nothing dropped."""
    groups: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = normalise_line(raw)
        if line:
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    kept = [g for g in groups if g]
    return Cleaned(
        text="\n\n".join("\n".join(g) for g in kept),
        lines=tuple(line for g in kept for line in g),
    )


def clean_as(text: str, mode: CleanMode, *, extracted: bool = False) -> Cleaned:
    """Clean ``text`` in ``mode``: ``full`` (:func:`clean_text`; ``extracted`` for text an
    HTML extractor isolated), ``light`` (:func:`keep_content`) or ``none``
    (:func:`as_given`)."""
    if mode == "light":
        return keep_content(text)
    if mode == "none":
        return as_given(text)
    return clean_text(text, light=extracted)
