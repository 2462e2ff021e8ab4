"""Question analysis: the question's type, the entities it names, and its content words.

Types: ``amount`` (how much / how many), ``when``, ``where``, ``who``, ``said`` (what did
X say), ``stance`` (what does X think of Y, what do X oppose) and ``what`` (anything
else). Entities are found by the names and aliases the store resolved, longest first;
capitalised words that are no known entity are kept as ``unknown`` names, so a question
about something the articles never mention can be answered "not found".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.ask.model import EntityRef, Question, QuestionType
from storyline.ask.text import STOP, content_words
from storyline.store.ask_queries import AskEntity

OPPOSE_WORDS = (
    "oppose",
    "opposes",
    "opposed",
    "reject",
    "rejects",
    "rejected",
    "criticise",
    "criticises",
    "criticised",
    "criticize",
    "criticizes",
    "criticized",
    "condemn",
    "condemns",
    "condemned",
    "denounce",
    "denounces",
    "denounced",
    "against",
)
SUPPORT_WORDS = (
    "support",
    "supports",
    "supported",
    "back",
    "backs",
    "backed",
    "endorse",
    "endorses",
    "endorsed",
    "favour",
    "favours",
    "favor",
    "favors",
    "welcome",
    "welcomes",
    "welcomed",
)
_POLAR = "|".join(OPPOSE_WORDS + SUPPORT_WORDS)
_SAY = "say|said|tell|told|claim|claimed|argue|argued|warn|warned|add|added|note|noted|state|stated"

# question words and frames that are no content of the question
FRAME_WORDS = frozenset(
    [
        "how",
        "much",
        "many",
        "long",
        "big",
        "large",
        "when",
        "where",
        "who",
        "whom",
        "whose",
        "what",
        "which",
        "why",
        "date",
        "day",
        "year",
        "month",
        "time",
        "place",
        "city",
        "country",
        "countries",
        "person",
        "people",
        "quote",
        "quotes",
        "quoted",
        "amount",
        "number",
        "value",
        "size",
        "volume",
        "total",
        "percentage",
        "share",
    ]
)
# capitalised but no names: a question about "September" is no question about an unknown actor
DATE_WORDS = frozenset(name.lower() for name in (*calendar.month_name[1:], *calendar.day_name))

_FOCUS = {
    "person": "person",
    "people": "person",
    "official": "person",
    "officials": "person",
    "leader": "person",
    "leaders": "person",
    "analyst": "person",
    "analysts": "person",
    "expert": "person",
    "experts": "person",
    "minister": "person",
    "country": "country",
    "countries": "country",
    "company": "org",
    "companies": "org",
    "firm": "org",
    "firms": "org",
    "organisation": "org",
    "organization": "org",
    "city": "place",
    "place": "place",
}

_TYPE_RULES: tuple[tuple[QuestionType, re.Pattern[str]], ...] = (
    (
        "stance",
        re.compile(r"\bwhat (?:does|do|did) (?P<x>.+?) (?:think|feel) (?:of|about) (?P<y>.+)"),
    ),
    (
        "stance",
        re.compile(
            r"\b(?:what (?:is|are|was|were) )?(?P<x>[^?]+?)(?:'s|’s|') (?:position|view|views|"
            r"stance|opinion|attitude) (?:on|of|about|towards?) (?P<y>.+)"
        ),
    ),
    ("stance", re.compile(rf"\bwhat (?:does|do|did|has|have) (?P<x>.+?) (?:{_POLAR})\b(?P<y>.*)")),
    ("stance", re.compile(rf"^\s*(?:does|do|did) (?P<x>.+?) (?:{_POLAR}) (?P<y>.+)")),
    (
        "said",
        re.compile(rf"\bwhat (?:did|does|do|has|have|had) (?P<x>.+?) (?:{_SAY})\b(?P<y>.*)"),
    ),
    ("said", re.compile(r"\bwhat was said by (?P<x>.+?)(?: (?:about|on) (?P<y>.+))?$")),
    ("said", re.compile(r"\bquotes? (?:of|by|from) (?P<x>.+?)(?: (?:about|on) (?P<y>.+))?$")),
    ("amount", re.compile(r"\bhow (?:much|many|big|large|long)\b")),
    (
        "amount",
        re.compile(
            r"\bwhat (?:is|was|were|are) the (?:value|size|volume|amount|total|number|level)\b"
            r"|\bwhat (?:percentage|share|proportion)\b"
        ),
    ),
    (
        "when",
        re.compile(
            r"^\s*when\b|\bwhat (?:date|day|year|month)\b|\bon (?:which|what) (?:date|day)\b"
            r"|\bin (?:which|what) (?:year|month)\b"
        ),
    ),
    ("where", re.compile(r"^\s*where\b|\bin (?:which|what) (?:city|place|town)\b")),
    (
        "who",
        re.compile(
            r"^\s*(?:who|whom|whose)\b|\bwhich (?:person|people|officials?|leaders?|analysts?|"
            r"experts?|ministers?|country|countries|compan(?:y|ies)|firms?|organi[sz]ations?)\b"
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class _Surface:
    text: str
    entity: AskEntity
    is_name: bool


class EntityLinker:
    """Finds the store's entities in a question by their names and aliases, longest first."""

    def __init__(self, entities: Sequence[AskEntity]) -> None:
        by_key: dict[str, _Surface] = {}
        for entity in entities:
            for text, is_name in ((entity.name, True), *((a, False) for a in entity.aliases)):
                words = text.strip()
                if len(words) < 2 or (words.lower() in STOP and not _case_sensitive(words)):
                    continue
                key = words if _case_sensitive(words) else words.casefold()
                old = by_key.get(key)
                # a name beats an alias; among equals, the first entity keeps it
                if old is None or (is_name and not old.is_name):
                    by_key[key] = _Surface(words, entity, is_name)
        # a person's surname alone ("Modi") names them when no other entity uses it
        surnames: dict[str, list[AskEntity]] = {}
        for entity in entities:
            parts = entity.name.split()
            if entity.type == "PERSON" and len(parts) > 1 and len(parts[-1]) > 2:
                surnames.setdefault(parts[-1].casefold(), []).append(entity)
        for key, owners in surnames.items():
            if len(owners) == 1 and key not in by_key and key not in STOP:
                by_key[key] = _Surface(owners[0].name.split()[-1], owners[0], False)
        self._surfaces = sorted(by_key.values(), key=lambda s: -len(s.text))

    def find(self, text: str) -> list[tuple[int, int, _Surface]]:
        """(start, end, surface) of every entity named in the text, without overlaps."""
        taken: list[tuple[int, int, _Surface]] = []
        folded = text.casefold()
        for surface in self._surfaces:
            haystack = text if _case_sensitive(surface.text) else folded
            needle = surface.text if _case_sensitive(surface.text) else surface.text.casefold()
            for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack):
                a, b = m.start(), m.end()
                if any(a < tb and ta < b for ta, tb, _ in taken):
                    continue
                taken.append((a, b, surface))
        return sorted(taken, key=lambda t: t[0])


def _case_sensitive(words: str) -> bool:
    """Acronyms (US, EU, SCO) must match in capitals, so "us" is never the United States."""
    return len(words) <= 4 and words.isupper()


def _refs(found: list[tuple[int, int, _Surface]], lo: int = 0, hi: int = 10**9) -> list[EntityRef]:
    out: dict[str, EntityRef] = {}
    for a, b, s in found:
        if a >= lo and b <= hi and s.entity.id not in out:
            e = s.entity
            out[e.id] = EntityRef(e.id, e.name, e.type, s.text, e.aliases)
    return list(out.values())


def _polarity(text: str) -> str | None:
    words = set(re.findall(r"[a-z]+", text.lower()))
    if words & set(OPPOSE_WORDS):
        return "oppose"
    if words & set(SUPPORT_WORDS):
        return "support"
    return None


def _unknown_names(question: str, found: list[tuple[int, int, _Surface]]) -> list[str]:
    out = []
    for m in re.finditer(r"\b[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*", question):
        if any(m.start() < b and a < m.end() for a, b, _ in found):
            continue
        words = [w for w in m.group().split() if w.lower() not in STOP | FRAME_WORDS | DATE_WORDS]
        if words:
            out.append(re.sub(r"['’]s?$", "", " ".join(words)).strip())
    return [w for w in out if w]


def _focus(lowered: str) -> str | None:
    m = re.search(r"\b(?:which|what) (\w+)", lowered)
    if m and m.group(1) in _FOCUS:
        return _FOCUS[m.group(1)]
    if re.match(r"\s*who", lowered):
        return "person"
    if re.search(r"\bhow many\b", lowered):
        return "count"
    if re.search(r"\bhow long\b", lowered):
        return "duration"
    if re.search(r"\b(?:share|percentage|proportion|per ?cent)\b", lowered):
        return "percent"
    return None


def _unhyphen(word: str, entity_words: set[str]) -> list[str]:
    """ "china-russia" → [] when both parts are names the question links; else the word."""
    parts = word.split("-")
    if len(parts) > 1 and any(p in entity_words for p in parts):
        return [p for p in parts if p not in entity_words and len(p) > 1]
    return [word]


def analyse(question: str, linker: EntityLinker) -> Question:
    """Take a question apart (no store access beyond the linker's entity table)."""
    text = " ".join(question.split())
    lowered = text.lower()
    found = linker.find(text)
    qtype: QuestionType = "what"
    match: re.Match[str] | None = None
    for candidate, pattern in _TYPE_RULES:
        match = pattern.search(lowered)
        if match:
            qtype = candidate
            break
    entities = _refs(found)
    entity_words = {w for _, _, s in found for w in content_words(s.text)}
    polar_words = set(OPPOSE_WORDS + SUPPORT_WORDS)
    keywords = [
        part
        for w in content_words(text)
        for part in _unhyphen(w, entity_words)
        if part not in FRAME_WORDS and part not in entity_words and part not in polar_words
    ]
    subject: list[EntityRef] = []
    subject_text = ""
    topic: list[EntityRef] = []
    topic_words: list[str] = []
    if match is not None and "x" in match.groupdict() and match.group("x") is not None:
        subject = _refs(found, match.start("x"), match.end("x"))
        subject_text = text[match.start("x") : match.end("x")]
        if match.groupdict().get("y"):
            y_lo, y_hi = match.start("y"), match.end("y")
            topic = _refs(found, y_lo, y_hi)
            y_entity_words = {w for a, b, s in found if a >= y_lo for w in content_words(s.text)}
            topic_words = [
                w
                for w in content_words(text[y_lo:y_hi])
                if w not in y_entity_words and w not in FRAME_WORDS and w not in polar_words
            ]
    polarity = _polarity(lowered) if qtype in ("stance", "who", "what") else None
    return Question(
        text=text,
        type=qtype,
        entities=tuple(entities),
        keywords=tuple(dict.fromkeys(keywords)),
        subject=tuple(subject),
        topic=tuple(topic),
        topic_words=tuple(dict.fromkeys(topic_words)),
        polarity=polarity,
        unknown=tuple(_unknown_names(text, found)),
        focus=_focus(lowered),
        subject_text=subject_text,
    )
