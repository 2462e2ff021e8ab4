"""Temporal expressions in plain Python: a regex grammar that finds them and a normaliser
that turns them into TimeML-style values, resolved against a reference date (the
publication date) and the tense of the clause. No spaCy here; :mod:`storyline.stages.times`
adds the parse (tense, numbers that are not years) on top.

Values come at the precision the text gives and never more: "March 2023" → ``2023-03``,
"early 2020" → ``2020``, "the third quarter" → ``2022-Q3``, "last week" → ``2022-W05``,
"now" → ``PRESENT_REF``. :func:`iso_prefix` turns such a value into the ISO 8601 prefix
the document model stores (a quarter is its year; a week is its month when the week lies
inside one month, else its year; vague references have none).

Kinds of expression:

* ``absolute`` — resolvable without a reference date when they carry a year;
* ``relative`` — need the reference date ("last year", "on Friday", "in March");
  without one their value is None;
* ``anchored`` — relative to another event ("a day earlier", "seven months later"):
  None, since the event's date is not known here;
* ``vague`` — ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` ("now", "recently");
* ``period`` — a decade or century ("the 1990s"): a TimeML value with no ISO prefix;
* ``duration`` — "the past year", "the past week": a stretch of time, not a date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from storyline.stages.times_search import Core, Scan, shapes, words

Tense = Literal["past", "present", "future"]
Kind = Literal["absolute", "relative", "anchored", "vague", "period", "duration"]

ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        MONTHS[_name.lower()] = _i
        MONTHS[_name.lower()[:3]] = _i
MONTHS["sept"] = 9
WEEKDAYS = {n.lower(): i for i, n in enumerate(calendar.day_name)}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "several": 0,
    "few": 0, "a few": 0,
}  # fmt: skip
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}


@dataclass(frozen=True, slots=True)
class Context:
    """What resolution may use: the reference date, the clause's tense, the sentence.

    The tense can be given instead as ``tense_of``, a function that works it out from the
    parse: resolution calls it only for the rules that need the tense (a weekday, a month
    without a year), which saves the work for the other expressions.
    """

    reference: date | None = None
    tense: Tense | None = None
    sentence: str = ""
    tense_of: Callable[[], Tense | None] | None = None

    def clause_tense(self) -> Tense | None:
        return self.tense if self.tense_of is None else self.tense_of()


@dataclass(frozen=True, slots=True)
class Resolved:
    """A normalised value (TimeML style, or None) and the kind of expression."""

    value: str | None
    kind: Kind


@dataclass(frozen=True, slots=True)
class Found:
    """A temporal expression found in a text: its span, the rule, and the regex match."""

    start: int
    end: int
    text: str
    rule: str
    match: re.Match[str]

    def resolve(self, ctx: Context) -> Resolved:
        return _RULES[self.rule][1](self.match, ctx)


# ------------------------------------------------------------------------- the grammar

_MON = (
    r"(?P<mon>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_MONFULL = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d%]|:\d)"
_YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)(?![\d%]|,\d|\.\d|\s*(?:per\s?cent|percent)\b)"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WDOPT = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_PART = r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
_EDGE = (
    r"(?:(?P<edge>early|late|mid|the\s+(?:beginning|start|end|middle|turn|first\s+half"
    r"|second\s+half)\s+of|end\s+of|start\s+of|(?:earlier|later)\s+in)[\s-]+)?"
)
_NUM = (
    r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|fifteen|twenty|thirty|forty|fifty|several|a\s+few)"
)
_UNIT = r"(?P<unit>days?|weeks?|months?|years?|decades?)"
_REL = r"(?P<rel>last|this|next|past|previous|coming|current)"
_QORD = r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)"
_CUE_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|till|through|from|of|during|before|after|between|and|to|"
    r"last|this|next|early|late|mid|end|on|that|each|every)\s*-?\s*$)",
    re.IGNORECASE,
)

Handler = Callable[[re.Match[str], Context], Resolved]
_RULES: dict[str, tuple[re.Pattern[str], Handler]] = {}
_CORES: dict[str, Core] = {}


def _rule(name: str, pattern: str, flags: int = 0, *, core: Core) -> Callable[[Handler], Handler]:
    """Register a rule: its pattern, its handler, and its core, the piece every match
    contains and the most runs of word characters a match can have before it (which
    :func:`find` uses to try the pattern only where it can match)."""

    def register(func: Handler) -> Handler:
        _RULES[name] = (re.compile(r"(?<![\w$£€])" + pattern + r"(?!\w)", flags), func)
        _CORES[name] = core
        return func

    return register


# Cores (see storyline.stages.times_search): a month name as the rules read one (always
# followed by a character that is not a word character), a year's four digits.
_MONTH_NAME = _MON + r"(?!\w)"
_YEAR_DIGITS = (r"1[6-9]\d\d", r"20\d\d")
_AGO = r"ago|earlier|later|before|after|ahead|previously|from\s+now"


_I = re.IGNORECASE


def _mkey(m: re.Match[str]) -> str:
    raw = m.group("mon").lower().rstrip(".")
    return raw if raw in MONTHS else raw[:3]


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _pick_year(month: int, day: int | None, ctx: Context) -> int | None:
    """The year of a month (and day) written without one, from the reference and tense.

    Of the reference's year and its neighbours: in a past-tense clause the latest that is
    not more than a month after the reference, in a future-tense one the earliest that is
    not more than a month before it, otherwise the nearest (the earlier on a tie).
    """
    ref = ctx.reference
    if ref is None:
        return None
    here = ref.year * 12 + ref.month - 1
    options = [ref.year - 1, ref.year, ref.year + 1]
    tense = ctx.clause_tense()

    def distance(year: int) -> float:
        months: float = year * 12 + month - 1 - here
        if day is not None:
            months += (day - ref.day) / 31
        return months

    if tense == "past":
        return max((y for y in options if distance(y) <= 1), default=ref.year)
    if tense == "future":
        return min((y for y in options if distance(y) >= -1), default=ref.year)
    return min(options, key=lambda y: (abs(distance(y)), y))  # a tie: news looks back


@_rule(
    "iso",
    r"(?P<year>(?:1[6-9]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)",
    core=shapes(r"-[01]\d-[0-3]\d", runs_before=1),  # the year's 4 digits before
)
def _iso(m: re.Match[str], ctx: Context) -> Resolved:
    y, mo, d = int(m.group("year")), int(m.group("m")), int(m.group("d"))
    return Resolved(f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None, "absolute")


@_rule(
    "slash",
    r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<year>(?:1[6-9]|20)\d\d)(?![\d/])",
    core=shapes(r"/[0-3]?\d/", runs_before=1),  # the month's digits before
)
def _slash(m: re.Match[str], ctx: Context) -> Resolved:
    y, mo, d = int(m.group("year")), int(m.group("m")), int(m.group("d"))
    if not _valid(y, mo, d) and _valid(y, d, mo):
        mo, d = d, mo
    return Resolved(f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None, "absolute")


def _day_month(m: re.Match[str], ctx: Context) -> Resolved:
    month, day = MONTHS[_mkey(m)], int(m.group("day"))
    if m.group("year"):
        year: int | None = int(m.group("year"))
        kind: Kind = "absolute"
    else:
        year, kind = _pick_year(month, day, ctx), "relative"
        named = re.match(r"\s*(\w+day)\b", m.group(0))
        if year is not None and named and named.group(1).lower() in WEEKDAYS:
            wd = WEEKDAYS[named.group(1).lower()]
            fits = [y for y in (year, year - 1, year + 1) if _valid(y, month, day)
                    and date(y, month, day).weekday() == wd]  # fmt: skip
            year = fits[0] if fits else year
    if year is None or not _valid(year, month, day):
        return Resolved(None, kind)
    return Resolved(f"{year:04d}-{month:02d}-{day:02d}", kind)


_rule(
    "mdy",
    _WDOPT + r"(?:the\s+)?" + _MON + r"\s+" + _DAY + r"(?:,?\s+" + _YEAR + r")?",
    core=shapes(_MONTH_NAME, runs_before=2),  # "Monday, the"
)(_day_month)
_rule(
    "dmy",
    _WDOPT + r"(?:the\s+)?" + _DAY + r"(?:\s+of)?\s+" + _MON + r"(?:,?\s+" + _YEAR + r")?",
    core=shapes(_MONTH_NAME, runs_before=4),  # "Monday, the 4th of"
)(_day_month)


@_rule(
    "my",
    _EDGE + _MON + r"(?:\s+of)?,?\s+" + _YEAR,
    core=shapes(_MONTH_NAME, runs_before=4),  # "the second half of"
)
def _month_year(m: re.Match[str], ctx: Context) -> Resolved:
    return Resolved(f"{int(m.group('year')):04d}-{MONTHS[_mkey(m)]:02d}", "absolute")


@_rule("month", r"(?:(?P<rel>(?i:last|this|next|past|coming))\s+)?" + _EDGE + _MONFULL
       + r"(?:(?:,\s*|\s+)(?P<ry>last|this|next)\s+year)?",
       core=shapes(_MONTH_NAME, runs_before=5))  # "last" "the second half of"  # fmt: skip
def _month_alone(m: re.Match[str], ctx: Context) -> Resolved:
    month = MONTHS[_mkey(m)]
    ref = ctx.reference
    if ref is None:
        return Resolved(None, "relative")
    rel, ry = m.group("rel"), m.group("ry")
    if ry:
        year = ref.year + {"last": -1, "this": 0, "next": 1}[ry.lower()]
    elif rel and rel.lower() in ("last", "past"):
        year = ref.year if month < ref.month else ref.year - 1
    elif rel and rel.lower() in ("next", "coming"):
        year = ref.year if month > ref.month else ref.year + 1
    elif rel:
        year = ref.year
    else:
        year = _pick_year(month, None, ctx) or ref.year
    return Resolved(f"{year:04d}-{month:02d}", "relative")


@_rule("year", r"(?:(?P<pre>fiscal|calendar|the\s+(?:fiscal\s+)?year)\s+)?" + _EDGE
       + r"(?:fiscal\s+)?" + _YEAR + r"(?:[-–/](?P<y2>\d{2}|\d{4})(?!\d))?",
       # before the year's digits: "the fiscal year", "the first half of", "fiscal"
       core=shapes(*_YEAR_DIGITS, runs_before=8))  # fmt: skip
def _year(m: re.Match[str], ctx: Context) -> Resolved:
    return Resolved(m.group("year"), "absolute")


@_rule(
    "decade",
    r"(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<dec>(?:1[6-9]|20)\d)0'?s",
    core=shapes(*_YEAR_DIGITS, runs_before=2),  # "the mid"
)
def _decade(m: re.Match[str], ctx: Context) -> Resolved:
    return Resolved(m.group("dec"), "period")


@_rule(
    "day",
    r"(?:(?:early|late)\s+)?(?P<word>today|tonight|yesterday|tomorrow)" + _PART,
    _I,
    core=words("to(?:day|night|morrow)", "yesterday", runs_before=1),  # "early"
)
def _day(m: re.Match[str], ctx: Context) -> Resolved:
    if ctx.reference is None:
        return Resolved(None, "relative")
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m.group("word").lower()]
    return Resolved((ctx.reference + timedelta(days=shift)).isoformat(), "relative")


@_rule(
    "weekday",
    r"(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?\s+(?:[A-Z]{2,4}\s+)?)?"
    r"(?:(?P<rel>(?i:last|this|next|past|coming))\s+)?" + _WD + r"(?:'s)?" + _PART,
    core=shapes(_WD, runs_before=6),  # "10:30 a.m. EST last"
)
def _weekday(m: re.Match[str], ctx: Context) -> Resolved:
    ref = ctx.reference
    if ref is None:
        return Resolved(None, "relative")
    wd = WEEKDAYS[m.group("wd").lower()]
    rel = (m.group("rel") or "").lower()
    back = (ref.weekday() - wd) % 7
    ahead = (wd - ref.weekday()) % 7
    if rel in ("last", "past"):
        shift = -(back or 7)
    elif rel in ("next", "coming"):
        shift = ahead or 7
    else:
        tense = ctx.clause_tense()
        if tense == "future":
            shift = ahead
        elif tense in ("past", None) or back <= ahead:
            shift = -back  # no verb to tell ("Thursday's closing price"): news looks back
        else:
            shift = ahead
    return Resolved((ref + timedelta(days=shift)).isoformat(), "relative")


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _prev_quarter(d: date) -> tuple[int, int]:
    year, q = _quarter_of(d)
    return (year, q - 1) if q > 1 else (year - 1, 4)


@_rule(
    "unit",
    r"(?:(?P<mod>earlier|later|early|late)\s+)?(?:the\s+)?" + _REL
    + r"\s+(?P<unit>year|month|week|weekend|quarter|summer|spring|fall|autumn|winter)"
    + r"(?:'s)?",
    _I,
    core=words("year", "month", "week", "quarter", "summer", "spring", "fall", "autumn",
               "winter", runs_before=3),  # "earlier" "the" "last"
)  # fmt: skip
def _unit(m: re.Match[str], ctx: Context) -> Resolved:
    ref = ctx.reference
    if ref is None:
        return Resolved(None, "relative")
    rel, unit = m.group("rel").lower(), m.group("unit").lower()
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit == "year":
        if rel == "past":
            return Resolved(None, "duration")  # "the past year" is a duration
        return Resolved(str(ref.year + step), "relative")
    if unit == "month":
        if rel == "past":
            return Resolved(None, "duration")
        month0 = ref.year * 12 + ref.month - 1 + step
        return Resolved(f"{month0 // 12:04d}-{month0 % 12 + 1:02d}", "relative")
    if unit in ("week", "weekend"):
        if rel == "past":
            return Resolved(None, "duration")
        value = _week(ref + timedelta(days=7 * step))
        return Resolved(value + ("-WE" if unit == "weekend" else ""), "relative")
    if unit == "quarter":
        year, q = _quarter_of(ref)
        q0 = year * 4 + q - 1 + step
        return Resolved(f"{q0 // 4:04d}-Q{q0 % 4 + 1}", "relative")
    season = SEASONS[unit]
    ended = ref.month >= {"SP": 6, "SU": 9, "FA": 12, "WI": 13}[season]
    started = ref.month >= {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    if step < 0:
        year = ref.year if ended else ref.year - 1
    elif step > 0:
        year = ref.year + 1 if started else ref.year
    else:
        year = ref.year
    return Resolved(f"{year:04d}-{season}", "relative")


@_rule(
    "season",
    r"(?:the\s+)?(?P<s>spring|summer|fall|autumn|winter)\s+(?:of\s+)?" + _YEAR,
    _I,
    core=shapes(*_YEAR_DIGITS, runs_before=3),  # "the summer of"
)
def _season(m: re.Match[str], ctx: Context) -> Resolved:
    return Resolved(f"{m.group('year')}-{SEASONS[m.group('s').lower()]}", "absolute")


_AGO_CORE = words(
    *(unit + r"s?\s+(?:" + _AGO + ")" for unit in ("day", "week", "month", "year", "decade")),
    runs_before=4,  # "more than a few"
)


@_rule("ago", r"(?:(?:almost|nearly|about|some|more\s+than|over)\s+)?" + _NUM + r"\s+" + _UNIT
       + r"\s+(?P<dir>" + _AGO + ")", _I, core=_AGO_CORE)  # fmt: skip
def _ago(m: re.Match[str], ctx: Context) -> Resolved:
    direction = m.group("dir").lower()
    if direction not in ("ago", "from now"):
        return Resolved(None, "anchored")
    ref = ctx.reference
    n = _number(m.group("n"))
    if ref is None or n is None:
        return Resolved(None, "relative")
    sign = -1 if direction == "ago" else 1
    unit = m.group("unit").lower().rstrip("s")
    if unit == "day":
        return Resolved((ref + timedelta(days=sign * n)).isoformat(), "relative")
    if unit == "week":
        return Resolved(_week(ref + timedelta(days=sign * 7 * n)), "relative")
    if unit == "month":
        month0 = ref.year * 12 + ref.month - 1 + sign * n
        return Resolved(f"{month0 // 12:04d}-{month0 % 12 + 1:02d}", "relative")
    years = n * (10 if unit == "decade" else 1)
    if "quarter" in ctx.sentence.lower() and unit == "year" and n == 1:
        year, q = _prev_quarter(ref)
        return Resolved(f"{year + sign:04d}-Q{q}", "relative")
    return Resolved(f"{ref.year + sign * years:04d}", "relative")


_SHIFT = re.compile(
    r"(?P<n>\w+(?:\s+few)?)\s+(?P<unit>day|week|month|year|decade)s?\s+"
    r"(?P<dir>earlier|later|before|after|ahead|previously)",
    re.IGNORECASE,
)


def shift_from(text: str, anchor: str | None, ctx: Context) -> str | None:
    """The value of an expression anchored on another ("a day earlier", "two years later")
    given the anchor's value, at the coarser of the two precisions; None if it can't be."""
    m = _SHIFT.search(text)
    if not m:
        return None
    n = _number(m.group("n"))
    unit = m.group("unit").lower()
    sign = 1 if m.group("dir").lower() in ("later", "after", "ahead") else -1
    if anchor is None:
        if unit == "year" and n == 1 and "quarter" in ctx.sentence.lower() and ctx.reference:
            year, q = _prev_quarter(ctx.reference)
            return f"{year + sign:04d}-Q{q}"
        return None
    if n is None:
        return None
    if unit == "decade":
        unit, n = "year", n * 10
    parts = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4]))?$", anchor)
    if not parts:
        return None
    year = int(parts.group(1))
    if parts.group(4):
        if unit != "year":
            return None
        return f"{year + sign * n:04d}-Q{parts.group(4)}"
    if unit == "year":
        return (
            anchor.replace(parts.group(1), f"{year + sign * n:04d}", 1)
            if not (parts.group(3) and parts.group(2) == "02" and parts.group(3) == "29")
            else None
        )
    if parts.group(2) is None:
        return None
    month0 = year * 12 + int(parts.group(2)) - 1
    if unit == "month":
        month0 += sign * n
        if parts.group(3):
            day = int(parts.group(3))
            y, mo = month0 // 12, month0 % 12 + 1
            return f"{y:04d}-{mo:02d}-{day:02d}" if _valid(y, mo, day) else f"{y:04d}-{mo:02d}"
        return f"{month0 // 12:04d}-{month0 % 12 + 1:02d}"
    if parts.group(3) is None:
        return None
    when = date(year, int(parts.group(2)), int(parts.group(3)))
    days = n * (7 if unit == "week" else 1)
    return (when + timedelta(days=sign * days)).isoformat()


def days_before_event(text: str) -> int | None:
    """How many days a "<n> <days|weeks> ahead/before/after" expression anchored on a
    named event ("a day ahead of the summit") lies from it: negative before, positive
    after; None when it is no such expression."""
    m = _SHIFT.fullmatch(text.strip())
    n = _number(m.group("n")) if m else None
    if m is None or n is None or m.group("unit").lower() not in ("day", "week"):
        return None
    days = n * (7 if m.group("unit").lower() == "week" else 1)
    return days if m.group("dir").lower() in ("later", "after") else -days


def _number(word: str) -> int | None:
    word = re.sub(r"\s+", " ", word.lower())
    if word.isdigit():
        return int(word)
    n = NUMBERS.get(word)
    return n or None


@_rule(
    "day_anchor",
    r"(?:the\s+(?:day|week|month|year)\s+(?:before|after)(?!\s+(?:yesterday|last|next|this))"
    r"|the\s+(?:next|following|previous|preceding)\s+(?:day|morning|week|month|year)"
    r"|(?:earlier|later)\s+that\s+(?:day|week|month|year)|that\s+same\s+day|the\s+same\s+day)",
    _I,
    core=words("day", "morning", "week", "month", "year", runs_before=2),  # "earlier that"
)
def _day_anchor(m: re.Match[str], ctx: Context) -> Resolved:
    return Resolved(None, "anchored")


@_rule(
    "quarter",
    r"(?:(?P<pre>the|this|last|next|its|their|(?P<yy>(?:1[6-9]|20)\d\d)(?:'s)?"
    r"|the\s+(?:latest|current|fiscal|year-(?:ago|earlier)))\s+)?(?:fiscal\s+)?"
    + _QORD + r"[\s-]+(?:fiscal[\s-]+)?quarter(?:\s+of\s+(?:fiscal\s+)?" + _YEAR + r")?",
    _I,
    core=words("quarter", runs_before=6),  # "the year-ago fiscal first fiscal"
)  # fmt: skip
def _quarter(m: re.Match[str], ctx: Context) -> Resolved:
    q = ORDINALS[m.group("q").lower()]
    year_text = m.group("year") or m.group("yy")
    if year_text:
        return Resolved(f"{year_text}-Q{q}", "absolute")
    ref = ctx.reference
    if ref is None:
        return Resolved(None, "relative")
    pre = (m.group("pre") or "").lower()
    year, current = _quarter_of(ref)
    tense = ctx.clause_tense()
    if "year-" in pre or pre == "last":
        year -= 1
    elif pre == "next" or (tense == "future" and q < current):
        year += 1 if q < current else 0
    elif q > current and tense != "future":
        year -= 1
    return Resolved(f"{year:04d}-Q{q}", "relative")


@_rule(
    "the_quarter",
    r"(?:the\s+(?:latest|most\s+recent|recent|just-ended|past|year-(?:ago|earlier)|same)\s+"
    r"(?:fiscal\s+)?(?:quarter|period)|the\s+quarter|year-(?:earlier|ago)(?=\s+(?:quarter|"
    r"period|levels?|results?|figures?|profits?|earnings|net)))",
    _I,
    core=words("quarter", "period", "year-", runs_before=4),  # "the most recent fiscal"
)
def _the_quarter(m: re.Match[str], ctx: Context) -> Resolved:
    ref = ctx.reference
    if ref is None:
        return Resolved(None, "relative")
    year, q = _prev_quarter(ref)
    text = m.group(0).lower()
    if "year-" in text:
        year -= 1
    elif "period" in text and "quarter" not in ctx.sentence.lower():
        return Resolved(None, "anchored")
    return Resolved(f"{year:04d}-Q{q}", "relative")


@_rule("half", r"(?:the\s+)?(?P<h>first|second)\s+half(?:\s+of\s+(?:(?P<ry>last|this|next)\s+"
       r"year|(?:fiscal\s+)?" + _YEAR + r"))?", _I,
       core=words("half", runs_before=2))  # "the first"  # fmt: skip
def _half(m: re.Match[str], ctx: Context) -> Resolved:
    h = 1 if m.group("h").lower() == "first" else 2
    if m.group("year"):
        return Resolved(f"{m.group('year')}-H{h}", "absolute")
    ref = ctx.reference
    if ref is None:
        return Resolved(None, "relative")
    year = ref.year + {"last": -1, "next": 1}.get((m.group("ry") or "").lower(), 0)
    return Resolved(f"{year:04d}-H{h}", "relative")


@_rule(
    "vague",
    r"(?P<v>now|currently|nowadays|these\s+days|at\s+present|at\s+the\s+moment|presently"
    r"|recently|lately|in\s+recent\s+(?:years|months|weeks|days)|recent\s+(?:years|months)"
    r"|the\s+past|previously|formerly|the\s+future|future|soon|shortly)",
    _I,
    core=words("now", "current", "these", "present", "moment", "recent", "lately", "past",
               "previously", "formerly", "future", "soon", "shortly", runs_before=2),  # "at the"
)  # fmt: skip
def _vague(m: re.Match[str], ctx: Context) -> Resolved:
    v = m.group("v").lower()
    if v in ("recently", "lately", "the past", "previously", "formerly") or "recent" in v:
        return Resolved("PAST_REF", "vague")
    if v in ("the future", "future", "soon", "shortly"):
        return Resolved("FUTURE_REF", "vague")
    return Resolved("PRESENT_REF", "vague")


# ------------------------------------------------------------------------------ search

_AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "jun", "jul", "sep", "dec"})
_MONTH_RULES = frozenset({"month"})


# A run of capitalised words: r"\b[A-Z][A-Z'’]+…" written with the first letter before the
# word-boundary test (a capital not preceded by a word character), so that re can look for
# capitals instead of trying the pattern at every character; the matches are the same.
_CAPS_RUN = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z'’]+(?:[ \t,]+[A-Z][A-Z'’]*)+\b")
_CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)


def _decapitalised(text: str) -> str:
    """``text`` with runs of capitalised words ("IN THE FIRST WEEK OF FEBRUARY", a lede
    set in capitals) written in ordinary case, same length, so the grammar reads them."""

    def ordinary(m: re.Match[str]) -> str:
        words = re.split(r"(\W+)", m.group(0).lower())
        return "".join(w.capitalize() if w in _CALENDAR_WORDS else w for w in words)

    return _CAPS_RUN.sub(ordinary, text)


def find(text: str) -> list[Found]:
    """Every temporal expression in ``text``, longest first where they overlap.

    Each rule's matches are those of ``pattern.finditer`` over the decapitalised text,
    found by trying the pattern only around its core (:mod:`storyline.stages.times_search`).
    """
    original, text = text, _decapitalised(text)
    scan = Scan(text)
    cands: list[Candidate] = []
    for order, (name, (pattern, _)) in enumerate(_RULES.items()):
        for m in scan.matches(pattern, _CORES[name]):
            if m.end() <= m.start() or not _plausible(name, m, text):
                continue
            cands.append((m.start(), -(m.end() - m.start()), order, name, m))
    return longest_first(original, cands)


Candidate = tuple[int, int, int, str, re.Match[str]]  # start, -length, rule order, rule, match


def longest_first(original: str, cands: list[Candidate]) -> list[Found]:
    """The candidates that do not overlap an earlier one, taking at each start the longest
    (then the first rule); ``original`` is the text before decapitalising."""
    taken: list[Found] = []
    last_end = -1
    for start, _neg, _order, name, m in sorted(cands):
        if start < last_end:
            continue
        end = m.end()
        taken.append(Found(start, end, original[start:end], name, m))
        last_end = end
    return taken


def _plausible(rule: str, m: re.Match[str], text: str) -> bool:
    groups = m.groupdict()
    if groups.get("mon"):
        key = _mkey(m)
        if key not in MONTHS:
            return False
        if (
            rule in _MONTH_RULES
            and key in _AMBIGUOUS_MONTHS
            and not (groups.get("rel") or groups.get("edge") or groups.get("ry"))
        ):
            return bool(_CUE_BEFORE.search(text[max(0, m.start() - 12) : m.start()]))
    if groups.get("day") is not None and not 1 <= int(groups["day"]) <= 31:
        return False
    if rule == "vague" and m.group(0).lower() == "future":
        return not re.match(r"\s+\w+", text[m.end() :]) or bool(
            re.match(r"\s+(?:of|is|was|will)\b", text[m.end() :])
        )
    return True


def resolve_all(found: list[Found], ctx: Context) -> list[Resolved]:
    return [f.resolve(ctx) for f in found]


def iso_prefix(value: str | None) -> str | None:
    """The ISO 8601 prefix a TimeML-style value denotes, or None (see the module doc)."""
    if value is None:
        return None
    if ISO_PREFIX.match(value):
        return value
    m = re.match(r"^(\d{4})-W(\d{2})(-WE)?$", value)
    if m:
        year, week = int(m.group(1)), int(m.group(2))
        first = date.fromisocalendar(year, week, 6 if m.group(3) else 1)
        last = date.fromisocalendar(year, week, 7)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.year:04d}-{first.month:02d}"
        return f"{last.year:04d}" if first.year == last.year else None
    m = re.match(r"^(\d{4})-(?:Q[1-4]|H[12]|SP|SU|FA|WI)$", value)
    if m:
        return m.group(1)
    return None


def coarse_reference(value: str | None) -> tuple[date, Literal["month", "year"]] | None:
    """A reference known only to the month ("2022-02") or year ("2022"): a stand-in day in
    it and the precision that relative values resolved against it may have."""
    if value is None:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?$", value)
    if not m or not 1 <= int(m.group(2) or 1) <= 12:
        return None
    if m.group(2):
        return date(int(m.group(1)), int(m.group(2)), 15), "month"
    return date(int(m.group(1)), 7, 1), "year"


def within_precision(found: Found, value: str | None, precision: Literal["month", "year"]) -> bool:
    """Whether a TimeML value resolved against a coarse reference is as sure as the reference:
    against a month, a day only when the text names it ("February 4"), never a weekday or
    a week; against a year, a year only (or a month of a year the text names relative to
    it, "March last year")."""
    if value is None:
        return True
    iso = iso_prefix(value)
    if iso is None or "-W" in value:
        return False
    rule = found.rule
    if precision == "year":  # only what the year and the text settle: "March last year"
        return len(iso) == 4 or (rule == "month" and bool(found.match.groupdict().get("ry")))
    if rule in ("mdy", "dmy"):
        return True
    return len(iso) <= 7 and rule not in ("day", "weekday")


def parse_reference(value: str | None) -> date | None:
    """The reference date from an ISO prefix; only a full day can anchor resolution."""
    if value is None:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# public names for the rules of storyline.stages.times_extra, registered below
rule = _rule
pick_year = _pick_year
week_of = _week

from storyline.stages import times_extra  # noqa: E402, F401  (registers more rules)
