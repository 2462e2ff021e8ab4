"""The times grammar's fast search finds exactly what trying every rule everywhere finds."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.stages import times_search
from storyline.stages.times_rules import (
    _CALENDAR_WORDS,
    _CORES,
    _RULES,
    Candidate,
    Found,
    _decapitalised,
    _plausible,
    find,
    longest_first,
)
from storyline.stages.times_search import Scan, fold, starts_of

# ------------------------------------------------------------- the reference: the old search

_OLD_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'’]+(?:[ \t,]+[A-Z][A-Z'’]*)+\b")


def _old_decapitalised(text: str) -> str:
    def ordinary(m: re.Match[str]) -> str:
        words = re.split(r"(\W+)", m.group(0).lower())
        return "".join(w.capitalize() if w in _CALENDAR_WORDS else w for w in words)

    return _OLD_CAPS_RUN.sub(ordinary, text)


def _reference_find(text: str) -> list[Found]:
    """``find`` as it was: every rule's pattern run with ``finditer`` over the whole text."""
    original, text = text, _old_decapitalised(text)
    cands: list[Candidate] = []
    for order, (name, (pattern, _)) in enumerate(_RULES.items()):
        for m in pattern.finditer(text):
            if m.end() <= m.start() or not _plausible(name, m, text):
                continue
            cands.append((m.start(), -(m.end() - m.start()), order, name, m))
    return longest_first(original, cands)


def _summary(found: list[Found]) -> list[tuple[Any, ...]]:
    return [(f.start, f.end, f.text, f.rule, f.match.span(), f.match.groups()) for f in found]


def _assert_same_as_reference(text: str) -> None:
    decapitalised = _decapitalised(text)
    assert decapitalised == _old_decapitalised(text)
    scan = Scan(decapitalised)
    for name, (pattern, _) in _RULES.items():
        fast = [(m.span(), m.groups()) for m in scan.matches(pattern, _CORES[name])]
        every = [(m.span(), m.groups()) for m in pattern.finditer(decapitalised)]
        assert fast == every, name
    assert _summary(find(text)) == _summary(_reference_find(text))


# ------------------------------------------------------------------------------ the cases

_EDGE_CASES = [
    "",
    "now",
    "Now.",
    "2019",
    "in 2019",
    "$2019",
    "£2019 and €2020, 2021%",
    "2021 percent",
    "2021  per cent and 2021,5",
    "March",
    "in March",
    "March 4",
    "4 March",
    "the 4th of March, 2022",
    "Monday, the 4th of March 2022 at 10:30 a.m. EST last Friday's morning",
    "10:30am EST Monday",
    "Monday, the March 4, 2022",
    "(Jan. 3, 2021)",
    "Sept. 31",
    "Sep.3,2021",
    "mid-March",
    "the second half of March 2021",
    "last the second half of December",
    "the fiscal year the first half of fiscal 2021-22",
    "fiscal 2021–22 and 2012/13",
    "the early 1990s, the mid-1980's",
    "1990s",
    "early today",
    "late tonight",
    "TODAY",
    "yesterday morning",
    "earlier the last quarter's",
    "later this weekend",
    "the past year",
    "the coming Summer",
    "the summer of 2019",
    "Winter 2020",
    "more than a few years ago",
    "about 3 days from now",
    "three  years\nago",
    "٣ days ago",
    "two decades later",
    "the day before yesterday",
    "the day before",
    "earlier that week",
    "that same day",
    "the same day",
    "the year-ago fiscal first fiscal quarter of fiscal 2021",
    "1999's 3rd-quarter",
    "the 4th quarter",
    "the most recent fiscal quarter",
    "the just-ended period",
    "year-earlier results",
    "year-ago",
    "the first half of last year",
    "second half of fiscal 2020",
    "at the moment",
    "at present",
    "in recent years",
    "recent months",
    "the past",
    "the future of",
    "future plans",
    "a future",
    "the future",
    "soon, shortly, formerly, previously, lately, nowadays, these days",
    "known snow knows",
    "IN THE FIRST WEEK OF FEBRUARY, AS THE crisis grew",
    "ON MONDAY, MARCH 4, 2022",
    "THE EU'S SUMMIT ON FRIDAY",
    "2021-11-30",
    "x2021-11-30",
    "2021-13-45",
    "3/4/2021",
    "12/31/1999/",
    "13/12/2020",
    "ſoon, İN RECENT YEARS, ıt, K",
    "FEBRUARY 4",
    "Frıday",
    "\xa0Monday\xa0",
    "Monday\tMarch\n4",
    "€now£2019$March",
    *(
        f"It was {words}."
        for words in (
            "tomorrow",
            "this month",
            "next spring",
            "last fall",
            "last autumn",
            "this winter",
            "the 2020s",
            "summer of 1999",
            "five weeks ago",
            "two months later",
            "the following morning",
            "the previous month",
            "the year before",
            "currently",
            "lately",
            "previously",
            "formerly",
            "soon",
            "shortly",
            "these days",
        )
    ),
]


@pytest.mark.parametrize("text", _EDGE_CASES)
def test_edge_cases_find_what_the_reference_finds(text: str) -> None:
    _assert_same_as_reference(text)
    _assert_same_as_reference(f"({text})")
    _assert_same_as_reference(f"He said: “{text}”, then $ {text}£{text}.")


_FRAGMENTS = st.sampled_from(
    [
        "January", "Jan.", "Jan", "jan", "JANUARY", "Sept.", "Sep", "September", "Sept",
        "May", "may", "March", "march", "MARCH", "Mar.", "June", "Jun", "Dec.", "Decem",
        "Monday", "monday", "MONDAY", "Friday's", "Sunday", "the", "The", "THE", "of", "in",
        "early", "late", "mid", "mid-", "end of", "the turn of", "the first half of", "last",
        "this", "next", "past", "coming", "current", "previous", "fiscal", "calendar",
        "year", "years", "Year", "YEAR", "month", "months", "week", "weekend", "quarter",
        "Quarter", "period", "half", "first", "second", "third", "4th", "1st", "3rd",
        "summer", "fall", "spring", "winter", "autumn", "ago", "earlier", "later", "before",
        "after", "ahead", "previously", "from now", "now", "Now", "NOW", "nowadays", "know",
        "currently", "these days", "at present", "at the moment", "recently", "lately",
        "in recent years", "recent months", "the past", "the future", "future", "soon",
        "shortly", "formerly", "today", "Tonight", "yesterday", "tomorrow", "morning",
        "evening", "night", "that", "same", "day", "days", "decade", "decades", "a few",
        "several", "two", "twenty", "a", "an", "more than", "nearly", "about", "3", "10",
        "31", "04", "2022", "1999", "1600", "2099", "1990s", "1990's", "2012-13", "2021-11-30",
        "3/4/2021", "12/31/1999", "10:30", "10am", "a.m.", "p.m.", "EST", "year-ago",
        "year-earlier", "just-ended", "most recent", "results", "levels", "per cent",
        "percent", "%", "ſ", "İ", "ı", "K", "٣", "x", "said", "SAID", "U.S.",
    ]
)  # fmt: skip
_SEPARATORS = st.sampled_from(
    ["", " ", " ", " ", "  ", "\n", ", ", ",", ".", ". ", "-", "–", "/", "'s", "’", "'",
     "$", "£", "€", "(", ")", ": ", ":", "\t", "\xa0", "5", "_"]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(_FRAGMENTS, _SEPARATORS), max_size=14), _SEPARATORS)
def test_random_texts_find_what_the_reference_finds(
    pieces: list[tuple[str, str]], first: str
) -> None:
    _assert_same_as_reference(first + "".join(word + sep for word, sep in pieces))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aeoinrstdhyMJFSODN0129 -,.'/$€ſİıK", max_size=60))
def test_random_characters_find_what_the_reference_finds(text: str) -> None:
    _assert_same_as_reference(text)


def test_texts_that_cannot_be_folded_search_every_rule_everywhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(times_search, "fold", lambda text: None)
    _assert_same_as_reference("In recent years, the first half of 2021 and now, TODAY.")


# ------------------------------------------------------------------- what the search needs


def test_no_rule_matches_the_empty_string() -> None:
    for name, (pattern, _) in _RULES.items():
        assert re._parser.parse(pattern.pattern, pattern.flags).getwidth()[0] > 0, name  # type: ignore[attr-defined]


def test_folding_turns_every_case_insensitive_ascii_letter_into_it() -> None:
    every_character = "".join(map(chr, range(0x110000)))
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for m in re.finditer(letter, every_character, re.IGNORECASE):
            assert fold(m.group()) == letter, hex(ord(m.group()))
    assert fold("İN ſoon Kİ") == "in soon ki"


def test_folding_keeps_spaces_and_hyphens() -> None:
    every_character = "".join(map(chr, range(0x110000)))
    for m in re.finditer(r"[\s-]", every_character):
        assert fold(m.group()) == m.group(), hex(ord(m.group()))


def test_core_positions_include_overlapping_ones() -> None:
    assert starts_of(re.compile("aa"), "aaaa") == [0, 1, 2]
    assert starts_of(re.compile(r"20\d\d"), "2020202") == [0, 2]
