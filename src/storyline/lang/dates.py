"""Dates and relative times written in Russian and Chinese, resolved to ISO prefixes.

Russian: «16 мая 2024 года», «16 мая» (the year of the reference date), «в мае 2024 года»,
«в 2024 году», «сегодня», «вчера», «завтра», «в прошлом году», «в этом году», «в следующем
году». Chinese: 2024年5月16日, 5月16日, 2024年5月, 2024年, 今天/今日, 昨天/昨日, 明天/明日,
去年, 今年, 明年, and the dateline of a report («本报北京5月16日电», «新华社莫斯科5月16日电»).

:func:`find_times` gives every expression with its value (None when it needs a reference
date that is missing); :func:`date_claims` the publication dates a text states in its
first lines (a full date, or a dateline's month and day with a year stated before it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.document import DateClaim

_RU_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_RU_MONTH = r"(?P<month>январ[яеь]|феврал[яеь]|марта?|марте|апрел[яеь]|ма[яйе]|июн[яеь]|июл[яеь]|августа?|августе|сентябр[яеь]|октябр[яеь]|ноябр[яеь]|декабр[яеь])"  # noqa: E501
_RU_DATE = re.compile(
    r"(?<![\w\d])(?:(?P<day>[0-3]?\d)\s+)?"
    + _RU_MONTH
    + r"(?:\s+(?P<year>(?:19|20)\d\d)(?:\s+(?:года|г\.))?)?(?!\w)",
    re.IGNORECASE,
)  # fmt: skip
_RU_YEAR = re.compile(r"(?<![\w\d])в\s+(?P<year>(?:19|20)\d\d)\s+году(?!\w)", re.IGNORECASE)
_RU_RELATIVE = {
    "сегодня": ("day", 0), "вчера": ("day", -1), "завтра": ("day", 1),
    "позавчера": ("day", -2), "послезавтра": ("day", 2),
    "в прошлом году": ("year", -1), "в этом году": ("year", 0), "в нынешнем году": ("year", 0),
    "в следующем году": ("year", 1), "в прошлом месяце": ("month", -1),
    "в этом месяце": ("month", 0), "в следующем месяце": ("month", 1),
}  # fmt: skip
_RU_REL = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(_RU_RELATIVE, key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)

_ZH_DATE = re.compile(
    r"(?:(?P<year>(?:19|20)\d\d)年)?(?:(?P<month>1[0-2]|0?[1-9])月(?:(?P<day>[12]\d|3[01]|0?[1-9])[日号])?)?"
)
_ZH_DAY = re.compile(r"(?<![\d月])(?P<day>[12]\d|3[01]|0?[1-9])日(?!电)")
_ZH_RELATIVE = {
    "今天": ("day", 0), "今日": ("day", 0), "昨天": ("day", -1), "昨日": ("day", -1),
    "明天": ("day", 1), "明日": ("day", 1), "前天": ("day", -2), "后天": ("day", 2),
    "去年": ("year", -1), "今年": ("year", 0), "明年": ("year", 1),
    "上个月": ("month", -1), "本月": ("month", 0), "下个月": ("month", 1),
}  # fmt: skip
_ZH_REL = re.compile("|".join(sorted(_ZH_RELATIVE, key=len, reverse=True)))
# 本报北京5月16日电 / 新华社莫斯科5月16日电 (记者 …)
_ZH_DATELINE = re.compile(
    r"(?:本报|新华社|中新社|人民网|央视网)?[\u4e00-\u9fff]{0,8}?(?P<month>1[0-2]|0?[1-9])月(?P<day>[12]\d|3[01]|0?[1-9])日电"
)


@dataclass(frozen=True, slots=True)
class Found:
    """A time expression: offsets, text, its ISO prefix or None, and the anchor used."""

    start: int
    end: int
    text: str
    value: str | None
    anchor: str | None = None


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _ref_year(reference: str | None) -> int | None:
    return int(reference[:4]) if reference and reference[:4].isdigit() else None


def _shift(reference: str | None, unit: str, amount: int) -> str | None:
    if not reference:
        return None
    year = int(reference[:4])
    if unit == "year":
        return f"{year + amount:04d}"
    if len(reference) < 7:
        return None
    month = int(reference[5:7])
    if unit == "month":
        total = year * 12 + month - 1 + amount
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    if len(reference) < 10:
        return None
    return (date.fromisoformat(reference[:10]) + timedelta(days=amount)).isoformat()


def _ru_month(word: str) -> int:
    w = word.casefold()
    for stem in sorted(_RU_MONTHS, key=len, reverse=True):
        if w.startswith(stem):
            return _RU_MONTHS[stem]
    raise ValueError(word)


def _ru_times(text: str, reference: str | None) -> list[Found]:
    found: list[Found] = []
    for m in _RU_DATE.finditer(text):
        # a month alone: only "в мае", not the verb "мая" or a name
        alone = m.group("day") is None and m.group("year") is None
        if alone and not re.search(r"(?<!\w)в\s+$", text[max(0, m.start() - 3) : m.start()]):
            continue
        month = _ru_month(m.group("month"))
        day = int(m.group("day")) if m.group("day") else None
        year = int(m.group("year")) if m.group("year") else None
        anchor = None
        if year is None:
            year, anchor = _ref_year(reference), reference
        found.append(Found(m.start(), m.end(), m.group(0), _iso(year, month, day), anchor))
    for m in _RU_YEAR.finditer(text):
        found.append(Found(m.start(), m.end(), m.group(0), m.group("year")))
    for m in _RU_REL.finditer(text):
        unit, amount = _RU_RELATIVE[m.group(0).casefold()]
        found.append(
            Found(m.start(), m.end(), m.group(0), _shift(reference, unit, amount), reference)
        )
    return found


def _zh_times(text: str, reference: str | None) -> list[Found]:
    found: list[Found] = []
    for m in _ZH_DATE.finditer(text):
        if not m.group(0) or (m.group("month") is None and m.group("year") is None):
            continue
        if m.group(0).endswith("月") and m.group("year") is None:
            continue  # "5月" alone: too often a count of months
        year = int(m.group("year")) if m.group("year") else None
        month = int(m.group("month")) if m.group("month") else None
        day = int(m.group("day")) if m.group("day") else None
        anchor = None
        if year is None:
            year, anchor = _ref_year(reference), reference
        found.append(Found(m.start(), m.end(), m.group(0), _iso(year, month, day), anchor))
    for m in _ZH_DAY.finditer(text):  # "16日": a day of the reference month
        ref = reference if reference and len(reference) >= 7 else None
        value = _iso(int(ref[:4]), int(ref[5:7]), int(m.group("day"))) if ref else None
        found.append(Found(m.start(), m.end(), m.group(0), value, reference))
    for m in _ZH_REL.finditer(text):
        unit, amount = _ZH_RELATIVE[m.group(0)]
        found.append(
            Found(m.start(), m.end(), m.group(0), _shift(reference, unit, amount), reference)
        )
    return found


def find_times(text: str, language: str, reference: str | None) -> list[Found]:
    """Every time expression of ``text`` in ``language`` (``ru``/``zh``), in text order,
    resolved against ``reference`` (an ISO date prefix) where it needs one."""
    found = _ru_times(text, reference) if language == "ru" else _zh_times(text, reference)
    found.sort(key=lambda f: (f.start, -f.end))
    out: list[Found] = []
    for f in found:  # no overlaps: the longest at each start wins
        if not out or f.start >= out[-1].end:
            out.append(f)
    return out


def date_claims(text: str, language: str) -> list[DateClaim]:
    """Publication dates the first lines of a Russian or Chinese article state: a full date
    in its first 300 characters, or (Chinese) a dateline's month and day, with the year
    stated before the dateline."""
    head = text[:300]
    full = [f for f in find_times(head, language, None) if f.value and len(f.value) == 10]
    claims = [DateClaim(f.value, "text-cue", f.text) for f in full[:1] if f.value]
    if language == "zh" and not claims:
        m = _ZH_DATELINE.search(head)
        # the year: one the page states before the dateline ("2024年" in its header)
        years = [
            f.value[:4] for f in find_times(head[: m.start()] if m else "", "zh", None) if f.value
        ]
        if m is not None and years:
            value = _iso(int(years[0]), int(m.group("month")), int(m.group("day")))
            if value:
                claims.append(DateClaim(value, "text-cue", m.group(0)))
    return claims
