"""More rules of the times grammar (:mod:`storyline.stages.times_rules` registers them):
the current unit, holidays, centuries and spelled decades.

* **the current unit** — "the year", "the full year", "the current fiscal year",
  "year-end", "the end of the year", "earlier in the year" are the reference's year; "the
  week", "earlier in the week" its ISO week; "the month" its month; "the weekend" the
  weekend of its week (in a past-tense clause told before Saturday, the one before). Not
  when something follows that anchors it elsewhere ("the year before", "the week of
  April 10", "the year 2000", "the year in which").
* **holidays** — "Thanksgiving", "Christmas Day", "New Year's Eve", "Election Day", "Labor
  Day", "Easter"…: the day in the year given, else the one "last"/"next" points to, else
  the year a month and day without one gets (the clause's tense decides).
* **centuries** — "the 20th century" → ``19``, "this century" → the reference's
  (TimeML writes a century as its first two digits; no ISO prefix, like a decade).
* **spelled decades** — "the nineties", "the '80s" → ``199``, ``198``.
* **in N units** — "in two weeks" in a clause that is not past (else a duration); "the
  week after next", "the year after next".
* **numeric dates** — "2015/08/12", "21.04.2016", "21-04-2016".
* **bare seasons** — "summer", "the early summer", "this past winter" (see
  :func:`_bare_season`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from storyline.stages.times_rules import Context, Resolved, pick_year, rule, week_of
from storyline.stages.times_search import shapes, words

_I = re.IGNORECASE
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)(?![\d%])"
# what makes "the year"/"the week" point elsewhere than the reference's
_ELSEWHERE = (
    r"(?!\s+(?:before|after|earlier|later|ago|since|prior|ahead|following|previous|of\b"
    r"|to\b|in\s+which|when|that|through|ending|ended|starting|beginning|commencing|\d|'\d"
    r"|(?:1[6-9]|20)\d\d|one|two|three|four|five|six|seven|eight|nine|ten))"
)


@rule(
    "this_unit",
    r"(?:(?:(?:(?P<mod>earlier|later)\s+in\s+the|(?:at\s+|by\s+)?(?:the\s+)?(?:end|start"
    r"|beginning)\s+of(?:\s+the)?)\s+|the\s+)(?:(?:current|full|entire|whole|calendar"
    r"|fiscal)\s+){0,2}"
    r"(?P<unit>year|weekend|week|month)(?![\w‐-])" + _ELSEWHERE
    + r"|(?P<end>year(?:'s|’s)?[\s-]end))",
    _I,
    core=words("year", "week", "month", runs_before=8),  # "at the end of the full fiscal"
)  # fmt: skip
def _this_unit(m: re.Match[str], ctx: Context) -> Resolved:
    ref = ctx.reference
    if ref is None:
        return Resolved(None, "relative")
    unit = "year" if m.group("end") else m.group("unit").lower()
    if unit == "year":
        return Resolved(f"{ref.year:04d}", "relative")
    if unit == "month":
        return Resolved(f"{ref.year:04d}-{ref.month:02d}", "relative")
    if unit == "week":
        return Resolved(week_of(ref), "relative")
    day = ref
    if ref.weekday() < 5 and ctx.clause_tense() == "past":
        day = ref - timedelta(days=7)  # "spent the weekend" told on a Thursday: the last one
    return Resolved(week_of(day) + "-WE", "relative")


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (n = -1: the last)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _holiday(name: str, year: int) -> date:
    key = re.sub(r"\W+", " ", name.lower()).strip()
    if key.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)
    if key.startswith("christmas eve"):
        return date(year, 12, 24)
    if key.startswith("christmas"):
        return date(year, 12, 25)
    if key.startswith("new year s eve"):
        return date(year, 12, 31)
    if key.startswith("new year"):
        return date(year, 1, 1)
    if key.startswith("independence"):
        return date(year, 7, 4)
    if key.startswith("election"):
        return _nth_weekday(year, 11, 0, 1) + timedelta(days=1)  # after the first Monday
    if key.startswith("labor"):
        return _nth_weekday(year, 9, 0, 1)
    if key.startswith("memorial"):
        return _nth_weekday(year, 5, 0, -1)
    if key.startswith("veterans"):
        return date(year, 11, 11)
    if key.startswith("halloween"):
        return date(year, 10, 31)
    if key.startswith("valentine"):
        return date(year, 2, 14)
    if key.startswith("boxing"):
        return date(year, 12, 26)
    if key.startswith("easter monday"):
        return _easter(year) + timedelta(days=1)
    if key.startswith("good friday"):
        return _easter(year) - timedelta(days=2)
    return _easter(year)  # Easter, Easter Sunday


_HOLIDAYS = (
    r"(?P<h>Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|New\s+Year(?:'s|’s)\s+(?:Day|Eve)"
    r"|Independence\s+Day|Election\s+Day|Labor\s+Day|Memorial\s+Day|Veterans(?:'|’)?\s+Day"
    r"|Halloween|Valentine(?:'s|’s)\s+Day|Boxing\s+Day|Good\s+Friday|Easter(?:\s+(?:Sunday|Monday))?)"
)


@rule(
    "holiday",
    r"(?:(?P<rel>last|this|next)\s+)?" + _HOLIDAYS + r"(?:,?\s+(?:of\s+)?" + _YEAR + r")?",
    core=shapes(
        "Thanksgiving", "Christmas", "New", "Independence", "Election", "Labor", "Memorial",
        "Veterans", "Halloween", "Valentine", "Boxing", "Good", "Easter", runs_before=1,
    ),
)  # fmt: skip
def _holiday_rule(m: re.Match[str], ctx: Context) -> Resolved:
    name = m.group("h")
    if m.group("year"):
        return Resolved(_holiday(name, int(m.group("year"))).isoformat(), "absolute")
    ref = ctx.reference
    if ref is None:
        return Resolved(None, "relative")
    rel = (m.group("rel") or "").lower()
    this_year = _holiday(name, ref.year)
    if rel == "last":
        year = ref.year if this_year < ref else ref.year - 1
    elif rel == "next":
        year = ref.year if this_year > ref else ref.year + 1
    elif rel == "this":
        year = ref.year
    else:
        year = pick_year(this_year.month, this_year.day, ctx) or ref.year
    return Resolved(_holiday(name, year).isoformat(), "relative")


_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}  # fmt: skip


@rule(
    "century",
    r"(?:the\s+)?(?:(?P<rel>this|last|next|past|previous)|(?P<n>\d{1,2})(?:st|nd|rd|th)"
    r"|(?P<w>twenty[-\s]first|[a-z]+))[-\s]+century",
    _I,
    core=words("century", runs_before=3),  # "the twenty first"
)
def _century(m: re.Match[str], ctx: Context) -> Resolved:
    if m.group("n") or m.group("w"):
        n = int(m.group("n")) if m.group("n") else _ORDINAL_WORDS.get(m.group("w").lower())
        if n is None or not 1 <= n <= 21:
            return Resolved(None, "period")
        return Resolved(f"{n - 1:02d}", "period")
    if ctx.reference is None:
        return Resolved(None, "period")
    step = {"this": 0, "next": 1}.get(m.group("rel").lower(), -1)
    return Resolved(f"{ctx.reference.year // 100 + step:02d}", "period")


_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip


@rule(
    "spelled_decade",
    r"the\s+(?:(?:early|late|mid)[\s-]+)?(?:(?P<w>twenties|thirties|forties|fifties|sixties"
    r"|seventies|eighties|nineties)|['’](?P<d>[2-9])0s)",
    _I,
    core=words("ties", "['’][2-9]0s", runs_before=3),  # "the mid-", "nine|ties"
)
def _spelled_decade(m: re.Match[str], ctx: Context) -> Resolved:
    digit = _DECADE_WORDS[m.group("w").lower()] if m.group("w") else int(m.group("d"))
    return Resolved(f"19{digit}", "period")


_NUMBER = (
    r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|a\s+few|a\s+couple\s+of)"
)
_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


@rule(
    "in_units",
    r"in\s+(?:about\s+|around\s+|roughly\s+)?" + _NUMBER + r"\s+(?P<unit>days?|weeks?|months?"
    r"|years?)(?:'|’)?(?:\s+time)?(?!\s+or\b)",
    _I,
    core=words("in\\s", runs_before=0),
)
def _in_units(m: re.Match[str], ctx: Context) -> Resolved:
    """ "in two weeks" in a clause that is not past: that long after the reference (in a
    past clause, "rose 10% in two weeks", it is a duration)."""
    ref = ctx.reference
    word = re.sub(r"\s+", " ", m.group("n").lower())
    n = int(word) if word.isdigit() else _COUNTS.get(word)
    if n is None or ctx.clause_tense() == "past":
        return Resolved(None, "duration")
    if ref is None:
        return Resolved(None, "relative")
    unit = m.group("unit").lower().rstrip("s")
    if unit == "day":
        return Resolved((ref + timedelta(days=n)).isoformat(), "relative")
    if unit == "week":
        return Resolved(week_of(ref + timedelta(days=7 * n)), "relative")
    if unit == "month":
        month0 = ref.year * 12 + ref.month - 1 + n
        return Resolved(f"{month0 // 12:04d}-{month0 % 12 + 1:02d}", "relative")
    return Resolved(f"{ref.year + n:04d}", "relative")


@rule(
    "after_next",
    r"(?:the\s+)?(?P<unit>week|weekend|month|year)\s+after(?:\s+the)?\s+next",
    _I,
    core=words("week", "month", "year", runs_before=1),
)
def _after_next(m: re.Match[str], ctx: Context) -> Resolved:
    ref = ctx.reference
    if ref is None:
        return Resolved(None, "relative")
    unit = m.group("unit").lower()
    if unit == "year":
        return Resolved(f"{ref.year + 2:04d}", "relative")
    if unit == "month":
        month0 = ref.year * 12 + ref.month + 1
        return Resolved(f"{month0 // 12:04d}-{month0 % 12 + 1:02d}", "relative")
    value = week_of(ref + timedelta(days=14))
    return Resolved(value + ("-WE" if unit == "weekend" else ""), "relative")


_SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "winter": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@rule(
    "bare_season",
    r"(?:(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?|(?:this\s+)?past\s+)"
    r"(?P<s>spring|summer|autumn|winter)(?!\s+(?:of|\d|'\d))",
    core=words("spring", "summer", "autumn", "winter", runs_before=3),  # "this past"
)
def _bare_season(m: re.Match[str], ctx: Context) -> Resolved:
    """ "summer", "the early summer", "this past winter" (lowercase: "Arab Spring" is a
    name): the season of the year the clause's tense points to — in a past clause the
    latest that has begun by the reference, in a future one the next not yet over,
    otherwise the reference's year."""
    ref = ctx.reference
    if ref is None:
        return Resolved(None, "relative")
    code = _SEASON_CODES[m.group("s")]
    start = _SEASON_START[code]
    tense = "past" if "past" in m.group(0) else ctx.clause_tense()
    year = ref.year
    if tense == "past" and ref.month < start:
        year -= 1
    elif tense == "future" and ref.month >= start + 3 and code != "WI":
        year += 1
    return Resolved(f"{year:04d}-{code}", "relative")


def _day_value(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


@rule(
    "numeric",
    r"(?:(?P<y1>(?:1[6-9]|20)\d\d)(?P<s1>[/.])(?P<m1>[01]?\d)(?P=s1)(?P<d1>[0-3]?\d)"
    r"|(?P<a>[0-3]?\d)(?P<s2>[.\-/])(?P<b>[01]?\d)(?P=s2)(?P<y2>(?:1[6-9]|20)\d\d))(?![\d.\-/]\d)",
    core=shapes(r"[/.][01]?\d[/.]", r"[.\-/][01]?\d[.\-/]", runs_before=1),
)
def _numeric(m: re.Match[str], ctx: Context) -> Resolved:
    """ "2015/08/12", "2015.08.12" (year first); "21.04.2016", "21-04-2016", "3-7-2017"
    (month first when both could be, as the slash rule reads "3/7/2017")."""
    if m.group("y1"):
        value = _day_value(int(m.group("y1")), int(m.group("m1")), int(m.group("d1")))
        return Resolved(value, "absolute")
    year, a, b = int(m.group("y2")), int(m.group("a")), int(m.group("b"))
    value = _day_value(year, a, b) or _day_value(year, b, a)
    return Resolved(value, "absolute")
