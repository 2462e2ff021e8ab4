"""Fast search for the times grammar's rules, with exactly the matches ``finditer`` gives.

Every rule of :mod:`storyline.stages.times_rules` starts with the lookbehind
``(?<![\\w$£€])`` and, often, optional words ("the", "early", "last"), so ``re`` cannot
skip ahead to a likely start: it tries the whole pattern at every character of the text.
Here each rule also names its **core**, a piece every one of its matches contains (a
month name, a four-digit year, the word "quarter"), and the most runs of word characters
(``\\w+``) a match can have before the core starts. Cores are found with regexes that
begin with a literal or a small set of characters, which ``re`` searches for quickly; a
match can then only start at a core or at the start of one of those few runs before it.

The rule's own pattern is tried at just those places, with ``Pattern.match`` on the whole
text, so its lookbehind and lookaheads see exactly what they see under ``finditer``; and
the matches are taken left to right, each from the end of the one before, as ``finditer``
takes them. As long as the places tried include every place where the pattern matches,
the result is the same list of matches (same spans, same groups).

Rules matched ignoring case look for their core words in a **folded** copy of the text:
lowercased, and with the few non-ASCII letters that ``re.IGNORECASE`` equates with ASCII
letters (long s, dotless i, dotted capital I) written as those letters, so every
case-insensitive occurrence of a word is a plain lowercase occurrence there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

_RUN = re.compile(r"\w+")
# Letters that re.IGNORECASE matches to an ASCII letter but str.lower() leaves elsewhere
# ("ſ" and "ı" stay as they are, "İ" becomes two characters); the Kelvin sign lowers to k.
_FOLD_FIXES = {"ſ": "s", "ı": "i", "İ": "i"}


def fold(text: str) -> str | None:
    """``text`` lowercased character by character (see the module doc), or None when
    lowercasing would change its length, so positions in the two would not agree."""
    folded = text
    for letter, ascii_letter in _FOLD_FIXES.items():
        folded = folded.replace(letter, ascii_letter)  # quicker than translate
    folded = folded.lower()
    return folded if len(folded) == len(text) else None


@dataclass(frozen=True, slots=True)
class Core:
    """Where a rule's matches can be: a piece each match contains, and the words before it.

    ``patterns`` find, between them, the start of that piece in every match (each is
    searched for at every position, overlapping ones included; they should begin with a
    literal or a character set so that the search is quick). ``folded``: the patterns are
    lowercase and are searched in the folded text, for a rule that ignores case.
    ``runs_before``: the most runs of word characters a match can have before the piece.
    """

    patterns: tuple[re.Pattern[str], ...]
    runs_before: int
    folded: bool = False


def words(*lowercase: str, runs_before: int) -> Core:
    """A core of lowercase words, for a rule matched ignoring case. Each may be a pattern
    that begins with a word (so that it is searched quickly), spaces written ``\\s``."""
    return Core(tuple(re.compile(w) for w in lowercase), runs_before, folded=True)


def shapes(*patterns: str, runs_before: int) -> Core:
    """A core of regexes searched in the text itself, case and all."""
    return Core(tuple(re.compile(p) for p in patterns), runs_before)


def starts_of(pattern: re.Pattern[str], text: str) -> list[int]:
    """Every position where ``pattern`` matches, overlapping matches included."""
    found: list[int] = []
    m = pattern.search(text)
    while m is not None:
        found.append(m.start())
        m = pattern.search(text, m.start() + 1)
    return found


class Scan:
    """One text prepared for the rules: its folded copy, its reverse (to step back over
    words; made when first needed), and the positions of each core pattern, found once
    and shared by the rules."""

    __slots__ = ("_folded", "_hits", "_reversed", "_runs", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded = fold(text)
        self._reversed: str | None = None  # made when first needed
        self._hits: dict[re.Pattern[str], list[int]] = {}
        self._runs: dict[int, tuple[int, list[int]]] = {}

    def matches(self, pattern: re.Pattern[str], core: Core) -> Iterator[re.Match[str]]:
        """The matches of a rule's ``pattern``, as ``pattern.finditer(text)`` yields them.

        The pattern must never match the empty string (each rule needs at least one
        character), and ``core`` must hold for every match (see :class:`Core`).
        """
        if core.folded and self._folded is None:
            yield from pattern.finditer(self.text)
            return
        end = 0
        for start in self._candidates(core):
            if start < end:
                continue
            m = pattern.match(self.text, start)
            if m is not None:
                yield m
                end = m.end()

    def _candidates(self, core: Core) -> list[int]:
        """Where a match of the core's rule can start, in order: at each place the core
        is, or at the start of one of the ``runs_before`` runs of word characters before."""
        places: set[int] = set()
        for pattern in core.patterns:
            for at in self._core_hits(pattern, core.folded):
                places.add(at)
                places.update(self._run_starts_before(at, core.runs_before))
        return sorted(places)

    def _core_hits(self, pattern: re.Pattern[str], folded: bool) -> list[int]:
        hits = self._hits.get(pattern)
        if hits is None:
            text = self._folded if folded else self.text
            assert text is not None  # matches() searches every rule when there's no fold
            hits = self._hits[pattern] = starts_of(pattern, text)
        return hits

    def _run_starts_before(self, at: int, count: int) -> list[int]:
        """The starts of the last ``count`` runs of word characters before ``at`` (a run
        that ``at`` cuts counts as one, from its start), nearest first. Kept for the
        other rules whose cores are found at the same place."""
        counted, starts = self._runs.get(at, (-1, []))
        if count > counted:
            size = len(self.text)
            if self._reversed is None:
                self._reversed = self.text[::-1]
            runs = islice(_RUN.finditer(self._reversed, size - at), count)
            starts = [size - run.end() for run in runs]
            self._runs[at] = count, starts
        return starts[:count]
