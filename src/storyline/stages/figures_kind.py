"""Kind, period, rate and duration of a figure, read from its clause.

See :mod:`storyline.stages.figures` for the rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from storyline.document import FigureKind
from storyline.stages.figures_subject import TARGET_WORDS, Context

_RAISE_VERBS = frozenset(
    {"increase", "boost", "raise", "double", "lift", "bring", "expand", "grow", "push"}
)
_NONFINITE_DEPS = frozenset({"xcomp", "pcomp", "acl", "advcl", "amod", "prep", "pobj"})
_FORECAST_WORDS = frozenset(
    {"expect", "forecast", "project", "predict", "anticipate", "likely", "could", "may",
     "might", "projection", "outlook", "unlikely", "track"}
)  # fmt: skip
_ESTIMATE_WORDS = frozenset({"estimate", "estimated", "approximate", "reckon", "calculate"})
_NOW_WORDS = frozenset({"now", "currently", "presently", "today"})
_WORD_NUMS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    "twenty-five|thirty|forty|fifty"
)
_DURATION = re.compile(
    r"\b(?:(?:over|for|within|during|in)\s+(?:the\s+)?(?:next|coming|following|past|last)?"
    r"\s*(?:\d+|" + _WORD_NUMS + r")\s+(?:years?|months?|decades?)"
    r"|(?:a|an|the)\s+(?:\d+|" + _WORD_NUMS + r")-(?:year|month|decade)(?!-old))\b",
    re.IGNORECASE,
)
_TIME_CUES = re.compile(
    r"\b(?P<since>(?:since|from|after|before|until|between)\s+(?:19|20)\d\d)\b"
    r"|\b(?P<by>by\s+(?:the\s+end\s+of\s+)?(?P<byyear>(?:19|20)\d\d))\b"
    r"|\b(?P<in>(?:in|during|for|of|throughout)\s+(?:the\s+(?:first|second|third|fourth|last)"
    r"\s+(?:quarter|half|\w+\s+months)\s+of\s+)?(?:fiscal\s+)?(?P<inyear>(?:19|20)\d\d))\b"
    r"(?![-–/]\d)"
    r"|\b(?P<rel>(?P<relword>last|this|next|past)\s+(?P<relunit>year|month))\b"
    r"|\b(?P<now>now|currently|at present|so far|to date|today)\b"
    r"|(?<![\w-])(?P<bare>(?:19|20)\d\d)(?![\w-])",
    re.IGNORECASE,
)


# ------------------------------------------------------------------- kind, period


def clause_head(tok: Any) -> Any:
    """The finite clause the figure belongs to (climbing through non-finite verbs)."""
    t = tok
    for _ in range(30):
        if t.head.i == t.i:
            return t
        finite = t.pos_ in ("VERB", "AUX") and t.dep_ not in _NONFINITE_DEPS
        finite = finite and t.tag_ not in ("VBG", "TO") and t.dep_ not in ("aux", "auxpass")
        if finite and not (t.tag_ == "VB" and t.dep_ != "ROOT"):
            return t
        t = t.head
    return t


def clause_tokens(head: Any, figure: Any) -> list[Any]:
    """The clause's tokens, without conjoined clauses that do not hold the figure."""
    excluded: set[int] = set()
    for c in head.children:
        if c.dep_ in ("conj", "parataxis", "ccomp", "advcl") and c.pos_ in ("VERB", "AUX"):
            sub = {t.i for t in c.subtree}
            if figure.i not in sub:
                excluded |= sub
    return [t for t in head.subtree if t.i not in excluded]


_DELIVERY_NOUNS = frozenset({"supply", "delivery", "shipment", "sale", "purchase", "export"})
_DEAL_NOUNS = frozenset({"agreement", "deal", "contract", "accord", "memorandum", "pact"})


def _deal_volume(gov: Any | None) -> bool:
    """ "an agreement on the supply of 100 million tonnes": what a deal says will be
    delivered is a target, like "Rosneft would supply 100 million tonnes", even when the
    deal was signed in the past."""
    if gov is None or gov.pos_ != "NOUN" or gov.lemma_.lower() not in _DELIVERY_NOUNS:
        return False
    tok = gov
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in _DEAL_NOUNS:
            return True
    return False


def clause_kind(
    tokens: Sequence[Any], gov: Any | None, via: str, has_by_year: bool, time_cue: bool
) -> FigureKind | None:
    # each attribute read once: a token builds its strings anew on every read
    lowers = [t.lower_ for t in tokens]
    named = [t.pos_ == "PROPN" for t in tokens]  # "May 4" is no modal "may"
    words = [t for t, propn in zip(tokens, named, strict=True) if not propn]
    # the verb "target" ("ads targeting Trump", "targeted sites") aims at someone, not a goal
    lemmas = {t.lemma_.lower() for t in words if t.pos_ != "VERB" or t.lemma_ != "target"}
    lemmas |= {lower for lower, propn in zip(lowers, named, strict=True) if not propn}
    if lemmas & TARGET_WORDS:
        return "target"
    if lemmas & _FORECAST_WORDS or "set to" in " ".join(lowers):
        return "forecast"
    if lemmas & _ESTIMATE_WORDS:
        return "estimate"
    tags = [t.tag_ for t in tokens]
    raise_to = (gov is not None and gov.lemma_.lower() in _RAISE_VERBS and via == "to") and not any(
        tag == "VBD" and t.lemma_.lower() in _RAISE_VERBS
        for t, tag in zip(tokens, tags, strict=True)
    )
    modal = any(lower in ("will", "would", "shall", "'ll") for lower in lowers)
    if raise_to or modal or has_by_year or _deal_volume(gov):
        return "target"
    past = any(
        tag in ("VBD", "VBN") and t.dep_ not in ("amod", "acl")
        for t, tag in zip(tokens, tags, strict=True)
    )
    present = any(tag in ("VBZ", "VBP") for tag in tags)
    if past or time_cue or (present and lemmas & _NOW_WORDS):
        return "actual"
    if present:
        return "actual"
    return None


PRESENT = "PRESENT"  # "now", "currently": :func:`present_period` gives its time


def present_period(rate: str | None, ctx: Context) -> str | None:
    """The time a figure said to hold "now" refers to. A yearly rate ("around $140 billion a
    year now") is the publication year's, or in the first half of a year the last complete
    year's — the one whose total such a figure reports. Anything else ("5,000 cases so far")
    holds on the publication date itself, as precisely as the document gives it: a running
    count on one day is not the same year's count a month later."""
    if ctx.pub_year is None:
        return None
    yearly = rate is not None and ("year" in rate or rate in ("annual", "annually", "per annum"))
    if yearly and ctx.pub_month is not None and ctx.pub_month <= 6:
        return str(ctx.pub_year - 1)
    if yearly:
        return str(ctx.pub_year)
    return ctx.pub_date or str(ctx.pub_year)


PLACE_LABELS = frozenset({"GPE", "LOC"})
_LOCATIVE = frozenset({"in", "across", "throughout", "within", "inside", "at"})


def clause_place(
    anchors: Sequence[Any], head: Any, subject: str | None, ctx: Context
) -> str | None:
    """Where the figure holds: the places after a locative preposition ("in", "across"…) of
    the figure, the noun it measures or its clause's verb ("1,200 new cases in Florida"), or
    named by the clause's subject ("Florida reported 1,200 cases"), leaving out those its
    subject already names, sorted and joined by ", ". Places reached otherwise — an agent's
    nationality, a route ("through Kazakhstan") — say nothing of where the figure holds."""
    tokens: list[Any] = []
    for anchor in (*anchors, head):
        if anchor is None:
            continue
        for prep in anchor.children:
            if prep.dep_ == "prep" and prep.lower_ in _LOCATIVE:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        tokens.extend(obj.subtree)
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            tokens.extend(c.subtree)
    names: set[str] = set()
    for t in tokens:
        for m in ctx.by_token.get(t.i, ()):
            if m.label in PLACE_LABELS:
                name = m.canonical or m.name
                if subject is None or name not in subject:
                    names.add(name)
    return ", ".join(sorted(names)) or None


def clause_period(
    text: str, spans: Sequence[tuple[int, int]], fig: tuple[int, int], ctx: Context
) -> tuple[str | None, bool, bool]:
    """The period nearest the figure in its clause; whether it is "by YEAR"; any time cue.
    A present cue ("now") comes back as :data:`PRESENT`."""
    best: tuple[int, str | None, bool] | None = None
    cue = False
    for start, end in spans:
        if not _may_hold_time_cue(text[start:end]):
            continue
        for m in _TIME_CUES.finditer(text, start, end):
            a, b = m.start(), m.end()
            if (a < fig[1] and b > fig[0]) or m.group("since"):
                continue
            value: str | None = None
            by = False
            if m.group("byyear"):
                value, by = m.group("byyear"), True
            elif m.group("inyear"):
                value = m.group("inyear")
            elif m.group("rel"):
                value = _relative(m.group("relword").lower(), m.group("relunit").lower(), ctx)
            elif m.group("now"):
                value = PRESENT if ctx.pub_year else None
            elif m.group("bare"):
                value = m.group("bare")
            cue = True
            dist = fig[0] - b if b <= fig[0] else a - fig[1]
            if m.group("bare"):
                dist += 1000  # a year not introduced by a preposition is a weak cue
            if best is None or dist < best[0]:
                best = (dist, value, by)
    if best is None:
        return None, False, cue
    return best[1], best[2], cue


# Every match of these regexes holds one of these words (in any case), or for _TIME_CUES
# "19" or "20" (a year): a clause without one need not be searched.
_CUE_WORDS = ("year", "month", "now", "currently", "present", "so far", "to date", "today")
_DURATION_WORDS = ("year", "month", "decade")
_RATE_WORDS = ("year", "day", "month", "ann")


def _may_hold(chunk: str, words: tuple[str, ...]) -> bool:
    """Does ``chunk`` hold one of ``words`` (lowercase), ignoring case as a regex does? A
    chunk with "ı" or "ſ" is said to ("i" and "s" match them when case is ignored)."""
    if "ı" in chunk or "ſ" in chunk:
        return True
    lowered = chunk.lower()
    return any(word in lowered for word in words)


def _may_hold_time_cue(chunk: str) -> bool:
    """Can :data:`_TIME_CUES` match in ``chunk``?"""
    return "19" in chunk or "20" in chunk or _may_hold(chunk, _CUE_WORDS)


def _relative(word: str, unit: str, ctx: Context) -> str | None:
    if ctx.pub_year is None:
        return None
    shift = {"last": -1, "past": -1, "this": 0, "next": 1}[word]
    if unit == "year":
        return str(ctx.pub_year + shift)
    if ctx.pub_month is None:
        return None
    month = ctx.pub_month + shift
    year = ctx.pub_year
    if month < 1:
        month, year = 12, year - 1
    elif month > 12:
        month, year = 1, year + 1
    return f"{year:04d}-{month:02d}"


_RATE_IN_CLAUSE = re.compile(
    r"\b(?:annually|yearly|each year|every year|per (?:day|year|annum|month)"
    r"|a (?:day|year|month)(?! ago| earlier| later| before| after))\b",
    re.IGNORECASE,
)


def clause_rate(text: str, spans: Sequence[tuple[int, int]], fig: tuple[int, int]) -> str | None:
    """A rate after the figure in its clause ("38 bcm of gas annually")."""
    for start, end in spans:
        if not _may_hold(text[max(start, fig[1]) : end], _RATE_WORDS):
            continue
        for m in _RATE_IN_CLAUSE.finditer(text, max(start, fig[1]), end):
            return m.group(0)
    return None


def clause_duration(
    text: str, spans: Sequence[tuple[int, int]], fig: tuple[int, int]
) -> str | None:
    best: tuple[int, str] | None = None
    for start, end in spans:
        if not _may_hold(text[start:end], _DURATION_WORDS):
            continue
        for m in _DURATION.finditer(text, start, end):
            if m.start() < fig[1] and m.end() > fig[0]:
                continue
            dist = abs(m.start() - fig[0])
            if best is None or dist < best[0]:
                best = (dist, m.group(0))
    return best[1] if best else None


def token_spans(tokens: Sequence[Any]) -> list[tuple[int, int]]:
    """Contiguous character ranges covered by the tokens."""
    spans: list[tuple[int, int]] = []
    prev: Any = None  # the token before ``t`` in the list
    for t in sorted(tokens, key=lambda t: t.i):
        a = t.idx
        b = a + len(t)
        if spans and t.i > 0:
            # the token before ``t`` in the document, mostly the one before it in the list
            before = prev if prev.i == t.i - 1 else t.doc[t.i - 1]
            joined = spans[-1][1] >= a - 1 - len(before.whitespace_)
        else:
            joined = False
        if joined:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
        prev = t
    return spans


# ------------------------------------------------------------- qualifier and direction

_QUALIFIERS = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "some": "about", "circa": "about", "close to": "about", "more than": "more than",
    "over": "more than", "above": "more than", "upwards of": "more than",
    "just over": "more than", "well over": "more than", "at least": "at least",
    "less than": "less than", "fewer than": "less than", "under": "less than",
    "below": "less than", "just under": "less than", "at most": "at most",
    "up to": "up to", "as much as": "up to", "as many as": "up to", "nearly": "nearly",
    "almost": "nearly",
}  # fmt: skip


def qualifier(hedge: str | None) -> str | None:
    """A hedge as one of ``about``, ``more than``, ``at least``, ``less than``, ``at most``,
    ``up to``, ``nearly`` ("roughly" → about, "over" → more than, "as many as" → up to)."""
    return _QUALIFIERS.get(hedge.lower()) if hedge else None


_UP = (
    r"ros[ei]|risen|rising|rises|increas\w*|gr[eo]w\w*|climb\w*|jump\w*|surg\w*|soar\w*|"
    r"gain\w*|ballooned|swelled|boost\w*|raised"
)
_DOWN = (
    r"f[ae]ll|fallen|falling|falls|drop\w*|declin\w*|decreas\w*|slid|slipped|sank|sunk|"
    r"plung\w*|tumbl\w*|slump\w*|shr[aiu]nk\w*|cut|cuts|lost|los[ei]ng?|reduc\w*|"
    r"lower\w*|dipped|eased"
)
_HEDGE_WORDS = r"(?:(?:by|to|some|about|around|nearly|almost|more than|over|an estimated|a)\s+)*"
_DIRECTION_BEFORE = re.compile(
    r"\b(?:(?:(?P<up>"
    + _UP
    + r")|(?P<down>"
    + _DOWN
    + r"))\s+"
    + _HEDGE_WORDS
    + r"|(?P<up2>up)\s+(?:by\s+)?|(?P<down2>down)\s+(?:by\s+)?)$",
    re.IGNORECASE,
)
_DIRECTION_AFTER = re.compile(
    r"^\s*(?:(?P<up>increase|rise|jump|gain|growth|hike|surge|higher|more)"
    r"|(?P<down>decrease|drop|fall|decline|cut|reduction|loss|lower|less|fewer|slump))\b",
    re.IGNORECASE,
)


def direction(text: str, start: int, end: int) -> str | None:
    """``up`` or ``down`` when the words around a figure state a change ("rose 5%", "fell
    by $2bn", "up 34 cents", "a 5% increase"), else None."""
    before = _DIRECTION_BEFORE.search(text, max(0, start - 60), start)
    m = before or _DIRECTION_AFTER.match(text[end : end + 20])
    if m is None:
        return None
    if m.group("up") or ("up2" in m.re.groupindex and m.group("up2")):
        return "up"
    return "down"
