"""Reading publication dates from short strings: cue lines, page headers, URLs, metadata.

Values are ISO 8601 prefixes and never more precise than the evidence: "March 2022" is
``2022-03``, never a made-up day. Only short strings are read here (a date line, a
field); dates inside body sentences are not publication dates and are never looked at.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    _MONTHS[calendar.month_name[_i].lower()] = _i
    _MONTHS[calendar.month_name[_i].lower()[:3]] = _i
_MONTHS["sept"] = 9

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAY = (
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?"
)

_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # 2022-03-02, 2022-03-02T05:00:00Z, 2022/03/02, 2022.03.02
        r"(?<!\d)" + _YEAR + r"(?P<sep>[-/.])(?P<month_n>\d{1,2})(?P=sep)" + _DAY + r"(?!\d)",
        # March 2, 2022 · Mar. 02 2022
        r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b",
        # 2 March 2022 · 2nd of March, 2022
        r"(?<!\d)" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b",
        # 02/03/2022 · 2.3.2022 (day and month told apart only when one is above 12)
        r"(?<!\d)(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)" + _YEAR + r"\b",
        # March 2022
        r"\b" + _MONTH + r",?\s+" + _YEAR + r"\b",
    )
)
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\.\d+)?\s*(?:[ap]\.?m\.?)?(?![\w])"
    r"|\b\d{1,2}\s*[ap]\.?m\.?(?![\w])",
    re.IGNORECASE,
)
_ISO_TIME = re.compile(r"^T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?")
_ZONE = re.compile(
    r"\b(?:[A-Z]{2,5}|UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\b|[+-]\d{2}:?\d{2}\b"
)
_FILLER = re.compile(r"\b(?:at|on|the)\b", re.IGNORECASE)
_LEFTOVER = re.compile(r"[\s,.;:|·•/()\[\]\-–—TZ]*")

CUE = re.compile(
    r"^(?P<cue>(?:first\s+)?published|(?:last\s+)?updated|posted(?:\s+on)?"
    r"|(?:last\s+)?modified|released|issued)\b\s*(?:on|at)?\s*[:\-–—|]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
"""A date cue: "Published: …", "Updated …", "Posted on …" (group ``rest`` is what follows)."""
_CUE_SPLIT = re.compile(
    r"\s+[|·•]\s+|(?<!\blast)(?<!\bfirst)\s+(?=(?:first\s+)?published\b|(?:last\s+)?updated\b|posted\b"
    r"|(?:last\s+)?modified\b)",
    re.IGNORECASE,
)
_UPDATE = re.compile(r"^(?:last\s+)?(?:updated|modified)\b", re.IGNORECASE)
_RELATIVE_TIME = re.compile(
    r"^(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago\W*$"
    r"|^(?:yesterday|today|just\s+now)\b",
    re.IGNORECASE,
)


def cue_segments(line: str) -> list[str]:
    """A date line cut into its parts: "May 2, 2024 | Updated: May 3" → two segments."""
    return [s.strip() for s in _CUE_SPLIT.split(line) if s.strip()]


def is_update_cue(segment: str) -> bool:
    """True for "Updated …"/"Last modified …": a later date than the publication."""
    return _UPDATE.match(segment) is not None


def is_date_line(line: str) -> bool:
    """A line made only of dates and date cues ("Published: May 2, 2024 | Updated 2 hours ago").

    At least one part must be a cue; a lone date is :func:`is_bare_date`. A cue may be
    followed by "by NAME" ("Posted on May 2, 2024 by Jane Roe").
    """
    if len(line) > 160:
        return False
    cued = False
    for segment in cue_segments(line):
        m = CUE.match(segment)
        if m is None:
            if not is_bare_date(segment):
                return False
            continue
        rest = re.split(r"\s+by\s+", m.group("rest"), maxsplit=1)[0]
        if not (_RELATIVE_TIME.match(rest) or is_bare_time(rest) or is_bare_date(rest)):
            return False
        cued = True
    return cued


_URL_DATE = (
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=/|$|[^\d])"),
    re.compile(r"/((?:19|20)\d{2})-(\d{2})-(\d{2})(?=/|$|[^\d])"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?=/|$|[^\d])"),
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})(?=/)"),
)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """The ISO prefix for a date, or None if it is not a real date."""
    if not 1900 <= year <= 2100:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first date expression in a short string: (ISO prefix, start, end), or None."""
    best: tuple[str, int, int] | None = None
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            value = _value(m)
            if value is None:
                continue
            if best is None or m.start() < best[1]:
                best = (value, m.start(), m.end())
            break
    return best


def _value(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    year = int(m.group("year"))
    if groups.get("a") is not None:
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 and b <= 12:
            return _iso(year, b, a)
        if b > 12 and a <= 12:
            return _iso(year, a, b)
        if a == b:
            return _iso(year, a, b)
        return _iso(year)  # 03/02/2022: March 2 or 3 February — only the year is sure
    if groups.get("month_n") is not None:
        month = int(m.group("month_n"))
    else:
        month = _MONTHS[m.group("month").lower().rstrip(".")]
    day = groups.get("day")
    return _iso(year, month, int(day) if day is not None else None)


def parse_date(text: str) -> str | None:
    """The ISO prefix of the first date in a short string, or None."""
    found = find_date(text)
    return found[0] if found else None


def parse_given_date(value: str) -> str | None:
    """A date given as metadata ("2022-03-02T05:00:00Z", "2 March 2022", "2022") as ISO."""
    value = value.strip()
    if re.fullmatch(r"(?:19|20)\d{2}", value):
        return value
    m = re.fullmatch(r"((?:19|20)\d{2})-(\d{2})", value)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)))
    return parse_date(value)


def is_bare_time(text: str) -> bool:
    """True for a time of day alone ("18:42 CET", "10:15 am")."""
    if not text or len(text) > 30 or not _TIME.search(text):
        return False
    rest = _ZONE.sub(" ", _TIME.sub(" ", text))
    return _LEFTOVER.fullmatch(rest) is not None


def is_bare_date(line: str) -> bool:
    """True if the line is only a date (with a weekday, time or time zone around it)."""
    if len(line) > 60:
        return False
    found = find_date(line)
    if found is None:
        return False
    _, start, end = found
    after = _ISO_TIME.sub(" ", line[end:], count=1)  # 2021-11-02T08:15:00Z
    rest = line[:start] + " " + after
    rest = re.sub(_WEEKDAY, " ", rest, flags=re.IGNORECASE)
    rest = _TIME.sub(" ", rest)
    rest = _ZONE.sub(" ", rest)
    rest = _FILLER.sub(" ", rest)
    return _LEFTOVER.fullmatch(rest) is not None


def date_from_url(url: str) -> str | None:
    """The date a URL path spells (``/2022/02/04/``, ``/2022-02-04-…``, ``/2022/02/``)."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE).split("?")[0]
    for i, pattern in enumerate(_URL_DATE):
        m = pattern.search(path)
        if m is None:
            continue
        parts = [int(g) for g in m.groups()]
        value = _iso(parts[0], parts[1], parts[2]) if i < 3 else _iso(parts[0], parts[1])
        if value is not None:
            return value
    return None


# ------------------------------------------------------------------ datelines

_AGENCY = r"(?:\s*\((?P<agency>[A-Za-z][\w .&-]{0,24})\)|\s*/(?P<agency2>[A-Za-z][\w .&-]{0,24})/)"
_PLACE = (
    r"(?P<place>[A-Z][A-Za-z.'’\-]*(?:[ ]+[A-Z][A-Za-z.'’\-]*){0,3}"
    r"(?:,[ ]+[A-Z][A-Za-z.'’\-]*(?:[ ]+[A-Z][A-Za-z.'’\-]*){0,2})?)"
)
_DL_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DL_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?"
_DATELINE = re.compile(
    r"(?:^|(?<=\n))" + _PLACE + r"(?:" + _AGENCY + r")?,\s*"
    r"(?:" + _WEEKDAY + r",?\s+)?"
    r"(?:"
    + _MONTH
    + r"\s+"
    + _DL_DAY
    + r"|"
    + _DL_DAY.replace("day>", "day_b>")
    + r"\s+(?P<month_b>"
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\.?)"
    + _DL_YEAR
    + r"(?:"
    + _AGENCY.replace("agency>", "agency_b>").replace("agency2>", "agency_c>")
    + r")?"
    r"\s*(?:[-–—_:]+|\.(?=\s))\s*(?=[A-Z\"“‘'(])",
    re.IGNORECASE,
)
_YEAR_IN_TEXT = re.compile(r"(?<![\w$£€.,])((?:19|20)\d{2})(?![\w%])")


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline opening a paragraph: "LAGOS, 2 June 2024 -", "BEIJING, May 16 /TASS/.".

    ``year`` is None when the dateline leaves it out; ``start``/``end`` span the dateline
    (place, date, agency and separator) in the text it was read from.
    """

    start: int
    end: int
    month: int
    day: int
    year: int | None

    def value(self, year: int | None = None) -> str | None:
        """The ISO date, with ``year`` standing in for a year the dateline leaves out."""
        y = self.year if self.year is not None else year
        return _iso(y, self.month, self.day) if y is not None else None


def find_dateline(text: str, *, within: int = 800) -> Dateline | None:
    """The dateline at the start of one of the text's first paragraphs, or None.

    Only the opening ``within`` characters are read: a dateline heads the story. The
    place must be capitalised ("LAGOS", "Lagos, Nigeria"), the date a month and a day
    (the year may be missing) and a dash, colon or full stop must follow before the story.
    The place's first word is in capitals ("KYIV, Ukraine, March 3 —") unless a news
    agency is named ("Beijing, May 16 (Xinhua) --"): a caption "At Ground Zero, September
    11, 2001." is no dateline.
    """
    for m in _DATELINE.finditer(text[:within]):
        place = m.group("place")
        if not all(w[0].isupper() for w in place.replace(",", " ").split()):
            continue  # matched ignoring case: the place must still be capitalised
        agency = any(m.group(g) for g in ("agency", "agency2", "agency_b", "agency_c"))
        if not (agency or re.fullmatch(r"[A-Z][A-Z.'’\-]+,?", place.split()[0])):
            continue  # "At Ground Zero, September 11, 2001." is a caption
        first = place.split()[0].lower().rstrip(",.")
        if first in _MONTHS or re.fullmatch(_WEEKDAY, first, re.IGNORECASE):
            continue  # "May 16, 2024: …" is a date line, not a dateline
        found = _dateline(m)
        if found is not None:
            return found
    return None


def _dateline(m: re.Match[str]) -> Dateline | None:
    month_name = m.group("month") or m.group("month_b")
    day = int(m.group("day") or m.group("day_b"))
    month = _MONTHS[month_name.lower().rstrip(".")]
    year = int(m.group("year")) if m.group("year") else None
    if _iso(year or 2000, month, day) is None:
        return None
    return Dateline(m.start(), m.end(), month, day, year)


def year_for(month: int, day: int, near: str) -> int | None:
    """The year putting month-day nearest to the ISO date (or year/month) ``near``:
    "Dec 30" near 2023-01-02 is 2022; near a bare year, that year."""
    try:
        y = int(near[:4])
    except ValueError:
        return None
    if len(near) < 10:
        return y
    try:
        ref = date.fromisoformat(near[:10])
    except ValueError:
        return y
    options = []
    for cand in (y - 1, y, y + 1):
        try:
            options.append((abs((date(cand, month, day) - ref).days), cand))
        except ValueError:
            continue
    return min(options)[1] if options else None


def text_year(text: str) -> tuple[int, str] | None:
    """The year a text speaks of most (the latest on a tie), with its first occurrence's
    surroundings as evidence: the year of an article whose dateline leaves it out."""
    counts: dict[int, int] = {}
    first: dict[int, int] = {}
    for m in _YEAR_IN_TEXT.finditer(text):
        y = int(m.group(1))
        counts[y] = counts.get(y, 0) + 1
        first.setdefault(y, m.start())
    if not counts:
        return None
    year = max(counts, key=lambda y: (counts[y], y))
    at = first[year]
    snippet = " ".join(text[max(0, at - 40) : at + 44].split())
    return year, snippet
