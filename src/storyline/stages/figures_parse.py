"""Numbers in running text, without a parse: money, quantities with units, percentages,
fractions and bare numbers (count candidates), normalised to base units.

:func:`scan` finds every candidate in a text as a :class:`Quantity` whose span is the
figure's own words ("US$140 billion", "100 million tonnes", "25 per cent", "38 bcm"). Money
and quantities carry their unit; bare numbers (``unit=None``) carry the word that follows
them or is hyphen-attached ("five people", "a 5,300-word document", "their 38th meeting"),
and the ``figures`` stage decides with the dependency parse whether they count something.
Years ("in 2019", "2012-13"), times of day, dates and ages are not candidates.

:mod:`storyline.stages.figures_words` reads the words around a span (hedges, rates) and
inflects the nouns subjects are made of.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from storyline.stages.figures_units import (
    UNIT_WORDS,
    celsius,
    degree_measure,
)
from storyline.stages.figures_words import singular
from storyline.stages.times_search import Scan, words

# ------------------------------------------------------------------------- numbers

_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_WORD_EXTRA = {"a dozen": 12, "dozen": 12, "a hundred": 100, "a thousand": 1000}
# parts of a scale: "half a million", "a quarter billion", "three quarters billion"
_PARTS = {
    "half": 0.5, "a half": 0.5, "half a": 0.5, "quarter": 0.25, "a quarter": 0.25,
    "quarter of a": 0.25, "a quarter of a": 0.25, "three quarters": 0.75,
    "three-quarters": 0.75, "three quarters of a": 0.75,
}  # fmt: skip
SCALES = {
    "trillion": 1e12, "tn": 1e12, "trn": 1e12, "billion": 1e9, "bn": 1e9, "bln": 1e9,
    "b": 1e9, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3,
    "hundred": 1e2, "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5,
}  # fmt: skip

_WORD_NUM = (
    r"(?:(?:" + "|".join(sorted(_PARTS, key=len, reverse=True)).replace(" ", r"\s+") + r")"
    r"(?=[\s-](?:trillion|billion|million|thousand)\b)"
    r"|(?:"
    + "|".join(_TENS)
    + r")(?:[-\s](?:"
    + "|".join(k for k in _ONES if _ONES[k] < 10)
    + r"))?"
    r"|" + "|".join(sorted(_ONES, key=len, reverse=True)) + r"|a dozen|dozen|a hundred|a thousand)"
)
# A number: a numeral or a written number not glued to a word before it, an ordinal
# suffix, a scale glued to it ("5bn") or after it ("5 billion"). Numerals and written
# numbers are two regexes (no match of one can overlap a match of the other): in
# ``_NUMERAL`` the look-behind comes after the first digit, so the regex engine skips
# ahead to the next digit instead of trying every character; ``_WRITTEN`` is tried only
# where a number word starts (:class:`~storyline.stages.times_search.Scan`).
_NUMBER_TAIL = (
    r"(?:(?P<ord>st|nd|rd|th)(?![A-Za-z]))?"
    r"(?:(?P<att>bn|tn|trn|mn|mln|bln|m|b|k)(?![A-Za-z])"
    r"|(?:\s|-)(?P<scale>trillion|billion|million|thousand|hundred|bn|tn|trn|mn|bln|mln"
    r"|crores?|lakhs?)(?![A-Za-z]))?"
    r"(?![0-9])"
)
_NUMERAL = re.compile(
    r"(?P<num>\d(?<![\w.,/:%=&?#-]\d)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d?(?:,\d\d)+,\d{3}(?:\.\d+)?"
    r"|\d*\s\d/\d{1,2}(?![\d/])|/\d{1,2}(?![\d/])|\d*½|\d*(?:\.\d+)?))" + _NUMBER_TAIL,
    re.IGNORECASE,
)
_WRITTEN = re.compile(r"(?<![\w.,/:-])(?P<num>" + _WORD_NUM + r")" + _NUMBER_TAIL, re.IGNORECASE)
# a currency code glued to its number: "USD227 billion", "usd115.5"
_GLUED_CODE = re.compile(
    r"(?<![A-Za-z$])(?P<code>usd|eur|gbp|cny|jpy|inr|rub|rmb)(?P<num>\d(?:\d{0,2}(?:,\d{3})+|\d*)"
    r"(?:\.\d+)?)" + _NUMBER_TAIL,
    re.IGNORECASE,
)


def _shortest(spellings: Iterable[str]) -> tuple[str, ...]:
    """``spellings`` without those that start with another of them ("fourteen": "four")."""
    found = set(spellings)
    return tuple(sorted(w for w in found if not any(w != v and w.startswith(v) for v in found)))


_NUMBER_WORDS = _shortest(
    (*_TENS, *_ONES, *_WORD_EXTRA, *_PARTS)
)  # every written number starts with one


# the places a written number or a fraction can start (their regexes ignore case)
_WRITTEN_CORE = words(*map(re.escape, _NUMBER_WORDS), runs_before=0)


def number_matches(text: str, search: Scan | None = None) -> list[re.Match[str]]:
    """Every number in ``text`` (groups ``num``, ``ord``, ``att``, ``scale``), in order.

    Written numbers are tried only where a number word starts (``search``: the text's
    :class:`~storyline.stages.times_search.Scan`, when the caller has one)."""
    numerals = list(_NUMERAL.finditer(text))
    written = list((search or Scan(text)).matches(_WRITTEN, _WRITTEN_CORE))
    if not written:
        return numerals
    return sorted((*numerals, *written), key=lambda m: m.start())


def word_value(word: str) -> float | None:
    """The value of a written number: "five" → 5, "twenty-one" → 21, "a dozen" → 12."""
    w = " ".join(word.lower().split())
    if w in _ONES:
        return float(_ONES[w])
    if w in _WORD_EXTRA:
        return float(_WORD_EXTRA[w])
    if w.replace("-", " ") in _PARTS:
        return _PARTS[w.replace("-", " ")]
    tens, _, ones = w.replace(" ", "-").partition("-")
    if tens in _TENS and (not ones or ones in _ONES):
        return float(_TENS[tens] + (_ONES[ones] if ones else 0))
    return None


def number_value(text: str) -> float | None:
    """The value of a numeral ("5,300", "1.2", "10 1/2", "4½") or a written number."""
    t = text.replace(",", "")
    whole, _, part = t.replace("½", " 1/2").strip().rpartition(" ")
    if "/" in part:
        top, _, bottom = part.partition("/")
        if not top.isdigit() or not bottom.isdigit() or int(bottom) == 0:
            return None
        return (float(whole) if whole else 0.0) + int(top) / int(bottom)
    try:
        return float(t)
    except ValueError:
        return word_value(text)


# -------------------------------------------------------------------------- units

_CURRENCY_PREFIX: tuple[tuple[str, str], ...] = (
    ("U.S.$", "USD"), ("U.S $", "USD"), ("US $", "USD"), ("USD$", "USD"), ("HK $", "HKD"),
    ("C $", "CAD"), ("CAD$", "CAD"), ("AUD$", "AUD"), ("NZD$", "NZD"), ("MXN$", "MXN"),
    ("MEX$", "MXN"), ("US$", "USD"), ("USD", "USD"), ("A$", "AUD"), ("AU$", "AUD"),
    ("C$", "CAD"), ("CA$", "CAD"), ("HK$", "HKD"), ("S$", "SGD"), ("NZ$", "NZD"),
    ("RMB", "CNY"), ("CNY", "CNY"), ("EUR", "EUR"), ("GBP", "GBP"), ("JPY", "JPY"),
    ("INR", "INR"), ("RUB", "RUB"), ("Rs.", "INR"), ("Rs", "INR"), ("₹", "INR"), ("$", "USD"),
    ("€", "EUR"), ("£", "GBP"), ("¥", "CNY"), ("₽", "RUB"), ("₿", "BTC"),
)  # fmt: skip
_CURRENCY_WORDS: tuple[tuple[str, str], ...] = (
    ("us dollars", "USD"), ("u.s. dollars", "USD"), ("american dollars", "USD"),
    ("dollars", "USD"), ("dollar", "USD"), ("yuan", "CNY"), ("renminbi", "CNY"),
    ("rmb", "CNY"), ("euros", "EUR"), ("euro", "EUR"), ("pounds sterling", "GBP"),
    ("pounds", "GBP"), ("roubles", "RUB"), ("rubles", "RUB"), ("rouble", "RUB"),
    ("ruble", "RUB"), ("yen", "JPY"), ("rupees", "INR"), ("rupee", "INR"), ("usd", "USD"),
    ("eur", "EUR"), ("cny", "CNY"), ("rub", "RUB"), ("gbp", "GBP"), ("jpy", "JPY"),
    ("inr", "INR"), ("australian dollars", "AUD"), ("canadian dollars", "CAD"),
    ("hong kong dollars", "HKD"), ("chinese yuan", "CNY"), ("japanese yen", "JPY"),
    ("swiss francs", "CHF"), ("francs", "FRF"), ("franc", "FRF"), ("pesos", "MXN"),
    ("finnish markka", "FIM"), ("pesetas", "ESP"), ("dutch guilders", "NLG"),
    ("guilders", "NLG"), ("turkish lira", "TRY"), ("lira", "TRY"), ("bitcoins", "BTC"),
    ("bitcoin", "BTC"), ("btc", "BTC"), ("us dollar", "USD"), ("cents", "USD"),
    ("cent", "USD"), ("pence", "GBP"), ("penny", "GBP"), ("chf", "CHF"), ("cad", "CAD"),
    ("aud", "AUD"), ("musd", "USD"), ("meur", "EUR"), ("mgbp", "GBP"), ("satoshis", "BTC"),
    ("satoshi", "BTC"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("元", "CNY"), ("₡", "CRC"),
    ("₾", "GEL"), ("₭", "LAK"), ("₿", "BTC"),
)  # fmt: skip
# coins: a hundredth of their currency
_SUBUNITS = frozenset({"cents", "cent", "pence", "penny"})
# currency words that are not one unit of their currency: coins, millions ("30 MUSD")
_WORD_FACTORS = {
    **dict.fromkeys(_SUBUNITS, 0.01), "satoshis": 1e-8, "satoshi": 1e-8, "musd": 1e6,
    "meur": 1e6, "mgbp": 1e6,
}  # fmt: skip
_FRACTIONS = {
    "one-third": 100 / 3, "a third": 100 / 3, "one third": 100 / 3, "two-thirds": 200 / 3,
    "two thirds": 200 / 3, "one-quarter": 25.0, "a quarter": 25.0, "one quarter": 25.0,
    "three-quarters": 75.0, "three quarters": 75.0, "one-half": 50.0, "half": 50.0,
    "one-fifth": 20.0, "a fifth": 20.0, "one fifth": 20.0, "a tenth": 10.0,
    "one-tenth": 10.0,
}  # fmt: skip
_FRACTION = re.compile(
    r"(?<![\w-])(?P<frac>"
    + "|".join(sorted(map(re.escape, _FRACTIONS), key=len, reverse=True))
    + r")(?=\s+of\b|\s+(?:the|their|its|his|her)\b)",
    re.IGNORECASE,
)
_FRACTION_CORE = words(*map(re.escape, _FRACTIONS), runs_before=0)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_BEFORE = re.compile(r"\b(?:" + _MONTHS + r")\.?\s*$", re.IGNORECASE)
_LONGEST_MONTH = max(len(m) for m in _MONTHS.split("|")) + 1  # with its dot
# matched right after a number (``match(text, end)``)
_DATE_AFTER = re.compile(
    r"(?::\d|\s*(?:" + _MONTHS + r")\b|\s*(?:a\.?m\.?|p\.?m\.?|o'clock)(?!\w))", re.IGNORECASE
)
_AGE_AFTER = re.compile(r"(?:-|\s)years?(?:-|\s)old\b|-year-old", re.IGNORECASE)
_YEAR_RANGE_AFTER = re.compile(r"[-–/]\d{2,4}\b")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in text, with its unit (None for a bare number) in base units.

    ``noun`` is, for a bare number, the word after it or hyphen-attached to it ("people",
    "word"); ``ordinal`` says it was written "38th"; ``attached`` says the noun was joined
    with a hyphen ("5,300-word"); ``rate`` is a rate the unit itself carries ("bpd").
    ``digits`` is the numeral as written, for precision ("140", "146.9"). ``range_high``
    is, for the lower bound of a range ("between 5 and 7 million jobs", "$5 to $7 billion",
    ), the start of its upper bound, whose scale and unit it has taken. ``measure`` is the
    kind of quantity (:func:`~storyline.stages.figures_units.measure_of`; None for a bare
    number) and ``unit_text`` the unit as written ("miles", "$", "bcm").
    """

    start: int
    end: int
    value: float
    unit: str | None
    digits: str
    noun: str | None = None
    ordinal: bool = False
    attached: bool = False
    rate: str | None = None
    range_high: int | None = None
    measure: str | None = None
    unit_text: str | None = None


# The unit and currency tables as the spellings to look for ("probes": a surface with the
# gap allowed between it and the number), in the tables' order of preference, filed under
# the characters next to the number, so a lookup only tries the few that can match.

_Probe = tuple[str, str, int]  # (probe, surface, table row)
_Probes = dict[str, list[_Probe]]


def _by_last_char(probes: list[_Probe]) -> _Probes:
    """``probes`` filed under their last character, in order."""
    filed: _Probes = {}
    for probe in probes:
        filed.setdefault(probe[0][-1], []).append(probe)
    return filed


def _by_first_chars(probes: list[_Probe]) -> _Probes:
    """``probes`` filed under their first two characters, in order; a one-character probe
    is filed under itself and under every pair it starts. Look a text up under its first
    two characters, and if they are not filed, under its first one (see :func:`_probing`)."""
    keys = {probe[:2] for probe, _, _ in probes}
    return {
        key: [p for p in probes if p[0].startswith(key) or key.startswith(p[0])] for key in keys
    }


def _probing(probes: _Probes, lowered: str) -> list[_Probe]:
    """The probes that may start ``lowered``, in order (filed by :func:`_by_first_chars`)."""
    found = probes.get(lowered[:2])
    return found if found is not None else probes.get(lowered[:1], [])


def _prefix_probes() -> _Probes:
    probes = []
    for row, (surface, _) in enumerate(_CURRENCY_PREFIX):
        for gap in ("", " ", "\u00a0"):
            probes.append(((surface + gap).lower(), surface, row))
    return _by_last_char(probes)


def _word_probes(table: Sequence[tuple[Any, ...]], gaps: tuple[str, ...], glued: bool) -> _Probes:
    """``glued``: may a word be written right after the number ("5km", but not "5yen")?"""
    probes = []
    for row, (surface, *_) in enumerate(table):
        for gap in gaps:
            if gap == "" and surface[0].isascii() and surface[0].isalpha() and not glued:
                continue  # "5yen" is not written; "5dollars" neither
            if gap == "-" and surface[0] == "%":
                continue  # nor "5-%"
            if gap and surface in ("c", "f"):
                continue  # "-5C", but not "grade 5 c"
            probes.append((gap + surface, surface, row))
    return _by_first_chars(probes)


_PREFIX_PROBES = _prefix_probes()
_CURRENCY_CODES = tuple(r for r in _CURRENCY_WORDS if len(r[0]) == 3 and r[1] == r[0].upper())
_MONEY_PROBES = _word_probes(_CURRENCY_WORDS, (" ", "", "-"), glued=False)
_CODE_PROBES = _word_probes(_CURRENCY_CODES, (" ", ""), glued=True)
_UNIT_PROBES = _word_probes(UNIT_WORDS, (" ", "-", "", "\u00a0"), glued=True)


def _match_prefix(text: str, end: int) -> tuple[int, str] | None:
    """A currency symbol or code ending at ``end`` (a code may be followed by a space)."""
    if end == 0:
        return None
    for probe, surface, row in _PREFIX_PROBES.get(text[end - 1].lower(), ()):
        s = end - len(probe)
        if s < 0 or text[s:end].lower() != probe:
            continue
        if s > 0 and text[s - 1].isalnum() and surface[0].isalpha():
            continue
        return s, _CURRENCY_PREFIX[row][1]
    return None


def _match_words(text: str, pos: int, probes: _Probes) -> tuple[int, int] | None:
    """The first currency word (or unit) spelled at ``pos``: where it ends and its row."""
    lowered = text[pos : pos + 40].lower()
    for probe, surface, row in _probing(probes, lowered):
        if not lowered.startswith(probe):
            continue
        end = pos + len(probe)
        if surface[-1].isalnum() and end < len(text) and text[end].isalnum():
            continue
        return end, row
    return None


def _match_money(text: str, pos: int, codes_only: bool = False) -> tuple[int, str, float] | None:
    """A currency word or code after a number ("5 billion yuan"): where it ends, the code
    and the factor to it (a cent is a hundredth of a dollar)."""
    found = _match_words(text, pos, _CODE_PROBES if codes_only else _MONEY_PROBES)
    if found is None:
        return None
    table = _CURRENCY_CODES if codes_only else _CURRENCY_WORDS
    surface, code = table[found[1]]
    return found[0], code, _WORD_FACTORS.get(surface, 1.0)


def _match_unit(text: str, pos: int) -> tuple[int, str, float, str | None, str] | None:
    """A unit after a number: where it ends, base unit, factor, rate and measure."""
    found = _match_words(text, pos, _UNIT_PROBES)
    if found is None:
        return None
    _, unit, mult, rate, measure = UNIT_WORDS[found[1]]
    return found[0], unit, mult, rate, measure


_COUNT_ADJECTIVES = frozenset(
    {"other", "more", "new", "additional", "separate", "different", "major", "key", "big"}
)
_NEXT_WORD = re.compile(r"(?:-(?P<att>[A-Za-z]+)|\s+(?P<word>[A-Za-z]+))")


def _is_year(digits: str, has_scale: bool) -> bool:
    return not has_scale and bool(re.fullmatch(r"1[5-9]\d\d|20\d\d|21\d\d", digits))


def scan(text: str) -> list[Quantity]:
    """Every number candidate in ``text`` (see the module docstring), in text order."""
    found: list[Quantity] = []
    taken: set[int] = set()
    search = Scan(text)

    def add(q: Quantity | None) -> None:
        if q is not None and not taken.intersection(range(q.start, q.end)):
            found.append(q)
            taken.update(range(q.start, q.end))

    fractions = [*search.matches(_FRACTION, _FRACTION_CORE), *_FRACTION_BY.finditer(text)]
    for m in fractions:
        value = round(_FRACTIONS[m.group("frac").lower()], 2)
        frac = m.group("frac")
        add(Quantity(m.start("frac"), m.end("frac"), value, "percent", frac, measure="percent"))
    for m in _MULTIPLE.finditer(text):
        add(_multiple(m))
    for m in _GLUED_CODE.finditer(text):
        add(_glued_code(m))
    for m in number_matches(text, search):
        add(_candidate(text, m))
    for m in _MINUS_SIGN.finditer(text):
        add(_below_zero(text, m.start()))
    ordered = _coins(text, sorted(found, key=lambda q: q.start))
    return _ranges(text, _carry_currency(text, ordered))


# "cut by a fifth", "grew by a third" (not "too clever by half")
_FRACTION_BY = re.compile(
    r"\b(?:cut|cuts|slash\w*|reduc\w*|lower\w*|decreas\w*|declin\w*|f[ae]ll\w*|drop\w*|"
    r"shr[aiu]nk\w*|increas\w*|r[io]se[ns]?|rising|gr[eo]w\w*|rais\w*|boost\w*|expand\w*|"
    r"jump\w*|climb\w*)\s+(?:\w+\s+)?(?:by\s+)?(?P<frac>"
    + "|".join(sorted(map(re.escape, _FRACTIONS), key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_MULTIPLES = {
    "doubled": 2.0, "doubling": 2.0, "tripled": 3.0, "trebled": 3.0, "tripling": 3.0,
    "quadrupled": 4.0, "halved": 0.5, "halving": 0.5,
}  # fmt: skip
_MULTIPLE = re.compile(
    r"(?<![\w-])(?:(?P<verb>" + "|".join(_MULTIPLES) + r")"
    r"|(?P<num>\d+(?:\.\d+)?|" + _WORD_NUM + r")[-\s]?fold)(?![\w-])(?!\s+down\b)",
    re.IGNORECASE,
)


_MINUS_SIGN = re.compile(r"(?<![\w.,/:-])[-−](?=\d)")


def _below_zero(text: str, sign: int) -> Quantity | None:
    """A temperature below zero written with a sign ("-5C", "-5 degrees Fahrenheit"): the
    number regex leaves out numbers after a hyphen, which are mostly ranges and names."""
    unsigned = text[:sign] + " " + text[sign + 1 :]
    m = _NUMERAL.match(unsigned, sign + 1)
    q = _candidate(unsigned, m) if m is not None else None
    if q is None or q.measure != "temperature":
        return None
    if "f" in (q.unit_text or "").lower():  # Fahrenheit below zero, then in Celsius
        return replace(q, start=sign, value=(-(q.value * 9 / 5 + 32) - 32) * 5 / 9)
    return replace(q, start=sign, value=-q.value)


def _multiple(m: re.Match[str]) -> Quantity | None:
    """A multiple: "doubled" → 2 times, "a threefold rise" → 3 times."""
    written = m.group("verb") or m.group("num")
    value = _MULTIPLES[written.lower()] if m.group("verb") else number_value(written)
    if value is None:
        return None
    return Quantity(m.start(), m.end(), value, "times", written, measure="multiple")


def _glued_code(m: re.Match[str]) -> Quantity | None:
    base = number_value(m.group("num"))
    if base is None or m.group("ord"):
        return None
    scale = SCALES.get((m.group("att") or m.group("scale") or "").lower(), 1.0)
    code = m.group("code").upper()
    unit = "CNY" if code == "RMB" else code
    return Quantity(
        m.start(), m.end(), base * scale, unit, m.group("num"), measure="money",
        unit_text=m.group("code"),
    )  # fmt: skip


# a bare scaled number after money in its sentence takes its currency: "exports of $50bn
# and imports of 48bn"; only when no noun follows it ("48bn people" counts people)
_CARRY_WORDS = frozenset(
    {"in", "on", "at", "by", "for", "from", "to", "and", "or", "last", "this", "next", "a",
     "an", "the", "of", "over", "with", "while", "compared", "against", "versus", "vs",
     "year", "worth", "previously", "earlier", "before", "after"}
)  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


_COIN_GAP = re.compile(r"\s*(?:and\s+)?")


def _coins(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "3 dollars 50 cents", "thirteen dollars and forty-five cents": one sum of money."""
    out: list[Quantity] = []
    for q in found:
        last = out[-1] if out else None
        coin = (q.unit_text or "").lower() in _SUBUNITS
        joined = last is not None and _COIN_GAP.fullmatch(text, last.end, q.start) is not None
        if last is None or not joined or (last.unit_text or "").lower() in _SUBUNITS:
            out.append(q)
        elif coin and last.unit == q.unit:
            out[-1] = replace(last, end=q.end, value=last.value + q.value)
        elif _cents(q, last):  # "15 dollars 50", "one dollar and two"
            out[-1] = replace(last, end=q.end, value=last.value + q.value / 100)
        elif last.unit_text in _FEET and q.unit_text in _INCHES:  # "5 feet 2 inches"
            out[-1] = replace(last, end=q.end, value=last.value + q.value)
        else:
            out.append(q)
    return out


_FEET = frozenset({"feet", "foot", "ft"})
_INCHES = frozenset({"inches", "inch", "in"})


def _cents(q: Quantity, money: Quantity) -> bool:
    """Is a bare number the cents of the money written before it ("15 dollars 50")?"""
    written = (money.unit_text or "").lower()
    if money.measure != "money" or not written.isalpha() or q.unit is not None:
        return False
    if q.ordinal or q.attached or not 0 < q.value < 100 or not float(q.value).is_integer():
        return False
    return q.noun is None or q.noun.lower() in ("and", "or", "more", "to", "for")


def _carry_currency(text: str, found: list[Quantity]) -> list[Quantity]:
    out = list(found)
    money: Quantity | None = None
    for i, q in enumerate(found):
        if q.measure == "money":
            money = q
            continue
        if q.unit is not None or q.ordinal or q.attached or money is None:
            continue
        if q.value == number_value(q.digits) or q.value < 1e6:
            continue  # only "48bn", "3.5 million": a count of a thing is not money
        if q.noun is not None and q.noun.lower() not in _CARRY_WORDS:
            continue
        if q.start - money.end > 300 or _SENTENCE_END.search(text, money.end, q.start):
            continue
        out[i] = replace(q, unit=money.unit, measure="money")
    return out


_RANGE_GAP = re.compile(r"\s*(?:and|to|or|-|–)\s*(?:US\$|\$|€|£|¥)?", re.IGNORECASE)


def _ranges(text: str, found: list[Quantity]) -> list[Quantity]:
    """Lower bounds of ranges take the scale and unit of their upper bound.

    "between 5 and 7 million" → 5 million; "$5 to $7 billion" → $5 billion. Only
    when the lower bound has no scale of its own, a unit of none or the
    same, and a numeral no larger than the upper bound's.
    """
    out = list(found)
    for i in range(len(found) - 1):
        low, high = found[i], found[i + 1]
        gap = _RANGE_GAP.fullmatch(text, low.end, high.start)
        if gap is None or low.ordinal or low.attached or high.ordinal:
            continue
        low_raw, high_raw = number_value(low.digits), number_value(high.digits)
        if low_raw is None or high_raw is None or not low_raw or not high_raw:
            continue
        if low.value != low_raw or low.unit not in (None, high.unit) or low_raw > high_raw:
            continue
        if low.unit is not None and low.unit_text != high.unit_text:
            continue  # "13 dollars and 45 cents" is no range
        if high.unit is None and high.value == high_raw:
            continue  # two bare numbers: nothing to carry over
        value = low_raw * high.value / high_raw
        out[i] = replace(low, value=value, unit=high.unit, noun=high.noun, rate=high.rate)
        out[i] = replace(out[i], range_high=high.start)
    return out


def _month_before(text: str, start: int) -> bool:
    """Does a month name end right before ``start`` (only spaces between)?

    The same as ``_DATE_BEFORE.search(text[:start])``, but it looks only at the few
    characters a match can start in instead of scanning the whole text before the number.
    """
    k = start
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return _DATE_BEFORE.search(text, max(0, k - _LONGEST_MONTH), start) is not None


_TIME_AFTER = re.compile(
    r"(?P<gap>\s*-\s*|\s+)(?P<unit>years?|months?|weeks?|days?|hours?|minutes?|seconds?"
    r"|decades?|centur(?:y|ies))(?![A-Za-z])",
    re.IGNORECASE,
)
_OLD_AFTER = re.compile(r"\s*-?\s*(?:old\b|of\s+age\b)|s?\s*of\s+age\b", re.IGNORECASE)
_AGO_AFTER = re.compile(r"\s+(?:ago|earlier|before)\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"(?<![\w-])(?:aged|age|ages)\s+$", re.IGNORECASE)
_YO_AFTER = re.compile(r"\s*(?:yo|y/o|yrs? old)\b", re.IGNORECASE)
_TIMES_AFTER = re.compile(
    r"\s+times\s+(?=(?:as|more|higher|larger|bigger|greater|less|lower|smaller|faster|"
    r"the|over|that|what)\b)",
    re.IGNORECASE,
)
# a pound weighs where the sentence weighs, else it is sterling
_MONEY_CONTEXT = re.compile(
    r"\b(?:paid|pay|pays|cost|costs|fined|fine|worth|price|priced|spend|spent|sold|bought|"
    r"raise[sd]?|salary|budget|fund|funds|funding|deal|bid|profit|loss|revenue|sales|"
    r"sterling|british|uk|london|bank|loan|debt|tax|wage|earn|earned|million|billion)\b",
    re.IGNORECASE,
)
_MASS_CONTEXT = re.compile(r"\b(?:weigh|weighs|weighed|weight|heavy|lost|gained)\b", re.I)
_NEGATIVE_BEFORE = re.compile(r"(?<![\w-])minus\s+$", re.IGNORECASE)
_DASH_BEFORE = re.compile(r"(?:^|(?<![\d\s])\s|\()[-−]\s?$")


def _sentence_around(text: str, start: int, end: int) -> str:
    """The words around a number up to the nearest sentence ends (at most 200 characters)."""
    lo = max(0, start - 200)
    before = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    after = _SENTENCE_END.search(text, end, min(len(text), end + 200))
    return text[before[-1] if before else lo : after.start() if after else end + 200]


def _time_quantity(text: str, m: re.Match[str], base: float, digits: str) -> Quantity | None:
    """A duration ("three-day visit", "4 1/2 hours") or an age ("aged 71", "71-year-old")."""
    start, end = m.start(), m.end()
    aged = _AGE_BEFORE.search(text, max(0, start - 8), start)
    if aged is not None:
        unit_m = _TIME_AFTER.match(text, end)
        unit = singular(unit_m.group("unit")) if unit_m else "year"
        stop = unit_m.end() if unit_m else end
        old = _OLD_AFTER.match(text, stop)
        return Quantity(
            aged.start(), old.end() if old else stop, base, unit, digits, measure="age",
            unit_text=unit_m.group("unit") if unit_m else None,
        )  # fmt: skip
    yo = _YO_AFTER.match(text, end)
    if yo is not None:
        return Quantity(start, yo.end(), base, "year", digits, measure="age", unit_text="yo")
    t = _TIME_AFTER.match(text, end)
    if t is None:
        return None
    unit = singular(t.group("unit"))
    unit = "century" if unit == "centurie" else unit
    old = _OLD_AFTER.match(text, t.end())
    if old is not None:
        return Quantity(
            start, old.end(), base, unit, digits, measure="age", unit_text=t.group("unit")
        )
    if _AGO_AFTER.match(text, t.end()):
        return None  # "three years ago" is a date
    attached = "-" in t.group("gap")
    return Quantity(
        start, t.end(), base, unit, digits, noun=t.group("unit"), attached=attached,
        measure="duration", unit_text=t.group("unit"),
    )  # fmt: skip


def _candidate(text: str, m: re.Match[str]) -> Quantity | None:
    digits = m.group("num")
    base = number_value(digits)
    if base is None:
        return None
    scale_word = (m.group("att") or m.group("scale") or "").lower()
    scale = SCALES.get(scale_word, 1.0)
    start, end = m.start(), m.end()
    numeric = digits[0].isdigit()
    fraction = "/" in digits or "½" in digits
    ordinal = m.group("ord") is not None
    if numeric and (_month_before(text, start) or _DATE_AFTER.match(text, end)):
        return None
    if _YEAR_RANGE_AFTER.match(text, end):
        return None
    prefix = _match_prefix(text, start) if numeric else None
    if prefix is not None:
        if ordinal:
            return None
        unit_end = end
        # "$5 billion dollars" is rare; a trailing code ("$5bn USD") is absorbed
        tail = _match_money(text, end, codes_only=True)
        if tail is not None and tail[1] == prefix[1]:
            unit_end = tail[0]
        written = text[prefix[0] : start].strip()
        return Quantity(
            prefix[0], unit_end, base * scale, prefix[1], digits, measure="money",
            unit_text=written,
        )  # fmt: skip
    if ordinal:
        if fraction:
            return None
        nxt = _NEXT_WORD.match(text, end)
        noun = nxt.group("word") if nxt and nxt.group("word") else None
        return Quantity(start, end, base, None, digits, noun=noun, ordinal=True)
    # a scale word may come again as part of the unit ("38 billion cubic metres")
    unit = _match_unit(text, end)
    if unit is not None:
        unit_end, unit_name, mult, rate, measure = unit
        value = base * scale * mult
        before = text[max(0, start - 8) : start]
        dash = measure == "temperature" and _DASH_BEFORE.search(before)
        if dash or _NEGATIVE_BEFORE.search(before):
            value = -value  # "minus five percent", "-5 degrees"
        if unit_name == "fahrenheit" and _CHANGE_NEAR.search(text, max(0, start - 30), start):
            value, unit_name = value * 5 / 9, "celsius"  # a change of 0.5°F is 0.28°C
        value, unit_name = celsius(value, unit_name)
        if unit_name == "degree" or text[end:unit_end].lower() in ("c", "f"):
            measure = degree_measure(_sentence_around(text, start, end))
            if measure != "temperature" and unit_name != "degree":
                return None  # "11c" a share, "the 13F filing", "a Boeing 777F"
        return Quantity(
            start, unit_end, value, unit_name, digits, rate=rate, measure=measure,
            unit_text=text[end:unit_end].strip(" -\u00a0"),
        )  # fmt: skip
    money = _match_money(text, end) or _match_money(text, end, codes_only=True)
    if money is not None and _SIGN_THEN_NUMBER.match(text, end):
        money = None  # "1 $10 bill": the sign is the next number's
    if money is not None:
        written = text[end : money[0]].strip(" -")
        late = _SCALE_AFTER.match(text, money[0]) if scale == 1.0 else None
        if late is not None:  # "75 USD million"
            scale = SCALES[late.group(1).lower()]
            money = (late.end(), money[1], money[2])
        if written.lower() in ("pound", "pounds") and scale == 1.0:
            around = _sentence_around(text, start, end)
            if _MASS_CONTEXT.search(around) or not _MONEY_CONTEXT.search(around):
                return Quantity(
                    start, money[0], base * _POUND_MASS, "tonne", digits, measure="mass",
                    unit_text=written,
                )  # fmt: skip
        return Quantity(
            start, money[0], base * scale * money[2], money[1], digits, measure="money",
            unit_text=written,
        )  # fmt: skip
    if end < len(text) and text[end].isalpha():
        return None  # a number glued to a word that is no unit ("5G", "3D")
    if not m.group("att") and not m.group("scale"):
        timed = _time_quantity(text, m, base, digits)
        if timed is not None:
            return timed
    if fraction:
        return None  # "24/7", "9/11": a fraction needs its unit
    if numeric and "," not in digits and "." not in digits and _is_year(digits, scale != 1.0):
        return None
    if m.group("att") is not None and not numeric:
        return None
    times = _TIMES_AFTER.match(text, end)
    if times is not None:
        return Quantity(
            start, end + len(times.group(0).rstrip()), base * scale, "times", digits,
            measure="multiple", unit_text="times",
        )  # fmt: skip
    nxt = _NEXT_WORD.match(text, end)
    word: str | None = None
    attached = False
    if nxt is not None:
        if nxt.group("att"):
            word, attached = nxt.group("att"), True
        else:
            word = nxt.group("word")
            for _ in range(3):
                if word.lower() not in _COUNT_ADJECTIVES:
                    break
                nxt = _NEXT_WORD.match(text, nxt.end())
                if nxt is None or not nxt.group("word"):
                    break
                word = nxt.group("word")
    if m.group("att") and m.group("att").lower() in ("m", "b", "k") and word is None:
        return None
    return Quantity(start, end, base * scale, None, digits, noun=word, attached=attached)


_POUND_MASS = 4.5359237e-4  # tonnes
_CHANGE_NEAR = re.compile(
    r"\b(?:by|increas\w*|decreas\w*|r[io]se[ns]?|rising|warm\w*|cool\w*|f[ae]ll\w*|"
    r"drop\w*)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_SIGN_THEN_NUMBER = re.compile(r"\s*[$€£]\s?\d")
_SCALE_AFTER = re.compile(r"\s+(trillion|billion|million|thousand|bn|mn)\b", re.IGNORECASE)
