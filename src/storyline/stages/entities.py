"""The ``entities`` stage: the names of actors in one document, as mentions.

Two sources, merged per document:

* **spaCy's NER** (``PERSON``, ``ORG``, ``GPE``, ``LOC``, ``NORP``, ``EVENT``; ``FAC`` → ``LOC``,
  ``WORK_OF_ART``/``LAW`` → ``WORK``, ``PRODUCT`` → ``OTHER``; dates, numbers, money and
  languages are dropped);
* **the gazetteer** (:mod:`storyline.gazetteer`), matched over the parse's tokens with two
  spaCy ``PhraseMatcher`` built once per process: single-word names case-sensitively (so
  "US" is not "us"; an all-capitals variant is added for headlines, except for acronyms),
  longer names case-insensitively, provided their first capitalised word is capitalised
  in the text too ("the Chinese foreign ministry" matches, "the west of the country" does
  not). A name glued to a suffix in one token ("U.S.-led") is matched inside the token.

Where the two overlap the gazetteer wins and sets ``kb_id`` and ``canonical``, unless the
NER span is a longer proper name around it, one with a capitalised word the gazetteer
did not match ("East China Normal University", "Russian International Affairs Council",
"Spartak Moscow"): then the NER span stands. "Xi-Putin summit" and "the China-Russia
trade fair" give two gazetteer mentions each, since their other words are lowercase.

Spans hold the name only: a leading "the", titles ("President", "Foreign Minister") and
a possessive "'s" are outside it; the title seen just before a person's name is kept as
its ``role``. A hyphenated person span whose parts are surnames of people named in the
document ("Smith-Jones" when both appear) is split into one mention per person.

**Demonyms** ("Chinese", "Russians", "Sino-") are mentions labelled ``NORP`` that carry the
kb_id and canonical name of their country (``origin="gazetteer-demonym"``): the resolver
links them to the country's entity, whose type stays ``GPE`` (the gazetteer's type wins),
so a story counts "Chinese firms" as a mention of China while the mention keeps saying
that the text used an adjective.

**Capitals** are the state when they act and the city when they are a place: "Moscow and
Beijing seek", "Washington warned", "pressure on Moscow", "Washington's goal" are
mentions of Russia, China and the US (label of the state, ``origin="gazetteer-metonym"``);
"in Beijing", "flew to Moscow", "visited Moscow", "the Beijing Olympics" are the city.
The dependency parse decides: subjects, agents, possessors (also "Moscow and Beijing's
views") and most objects act, as does the object of "from"/"to" after a noun that is not
a journey ("a message to Moscow", "support from Beijing", but "a trip to Moscow"); the
object of a place preposition (in, at, to, from, ...) or of a motion verb (visit, leave,
...) and a modifier of a noun are places; a conjunct takes the role of the first conjunct.

An NER span is cut at line breaks and spaced dashes ("Romania - Cosmin Contra"), and a
place's or person's at commas; numbers trailing a name ("Durham 114") are cut off.

A person's surname alone is that person: once "Michael Jordan" is in the document, a bare
"Jordan" is a person, not the country, and a "Lebed" that NER missed is a mention
(``origin="propagated"``); for Chinese, Korean and Vietnamese names the family name is
the first word ("Wang" for "Wang Zhizhi").

A known person's surname after another given name ("Ivanka Trump", "Melania Trump"), or
a known person's name before "Jr." ("Donald Trump Jr."), is a relative: a person's name
without the gazetteer's entry. An NER span labelled a firm, group or place that reads as
a person's name ("Anatol Brisk": a common given name, then capitalised words none of which
names firms or places) is a person (:mod:`storyline.stages.entities_people`).

Junk is dropped: widget text around names (a name glued to the next word, "Anthony Fauci
Anthony FauciSunday"; the same words twice, "Jane Roe/AP Jane Roe/AP"), spans with fewer
than two letters ("R."), without a capital letter,
that are only titles or part of one ("Energy" in "Energy Minister"), single words that
are not nouns ("Seemingly"), and time zones ("GMT").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Any

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LOWER, POS, SPACY
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id

from storyline.document import EntityType, Mention
from storyline.gazetteer import AliasHit, GazEntry, Gazetteer, load_gazetteer
from storyline.resolve.names import EAST_ASIAN_SURNAMES, fold, given_names_agree
from storyline.stages.entities_people import given_names, is_boilerplate, reads_as_person
from storyline.stages.entities_works import work_mentions
from storyline.stages.registry import StageInput, StageOutput, stage
from storyline.stages.token_table import strings_of

_NER_LABELS: dict[str, EntityType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "FAC": "LOC",
    "EVENT": "EVENT",
    "WORK_OF_ART": "WORK",
    "LAW": "WORK",
    "PRODUCT": "OTHER",
}
_DETERMINERS = frozenset(
    get_string_id(w) for w in ("the", "a", "an", "this", "that", "these", "those")
)  # as hashes of the lowercased word, like _Tokens.lower
_THE = get_string_id("the")
_POSSESSIVES = frozenset({"'s", "’s", "'", "’", "s"})
_PLACE_PREPOSITIONS = frozenset(
    {
        "in", "at", "to", "from", "into", "near", "outside", "inside", "across", "around",
        "throughout", "via", "within", "toward", "towards", "through", "onto", "beyond",
        "along", "past", "off", "of", "out", "until", "till", "en",
    }
)  # fmt: skip
_MOTION_VERBS = frozenset(
    {
        "visit", "leave", "reach", "enter", "tour", "attack", "bomb", "strike", "shell",
        "capture", "seize", "evacuate", "encircle", "besiege", "surround", "liberate",
        "occupy", "fly", "travel", "arrive", "return", "move", "relocate", "host",
    }
)  # fmt: skip
_MOTION_NOUNS = frozenset(
    {
        "trip", "visit", "flight", "journey", "return", "road", "way", "route", "arrival",
        "travel", "voyage", "tour", "mission", "delegation", "train", "pipeline", "border",
        "distance", "kilometre", "kilometer", "mile", "km", "highway", "railway", "drive",
    }
)  # fmt: skip
_TIME_ZONES = frozenset(
    {"GMT", "UTC", "IST", "EST", "EDT", "CST", "CDT", "PST", "PDT", "BST", "CET", "CEST", "MSK"}
)
_DASHES = frozenset({"-", "–", "—", "--"})
_NOT_PERSON = frozenset({"ORG", "GPE", "LOC", "NORP", "OTHER"})
_NUMBERLESS = frozenset({"PERSON", "GPE", "LOC", "NORP"})
_NOT_NAME_POS = frozenset(
    POS_IDS[p]
    for p in ("ADV", "VERB", "AUX", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "INTJ", "PART")
)
_PROPN: int = POS_IDS["PROPN"]
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "poss", "expl"})
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


@dataclass(slots=True)
class _Cand:
    """A candidate name: its token range (for overlaps) and character range (the span)."""

    tok_start: int
    tok_end: int
    start: int
    end: int
    label: EntityType
    hit: AliasHit | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class _Tokens:
    """The token attributes the rules below read, as lists indexed by token number.

    Read once per document through ``Doc.to_array``: reading them from the ``Doc``
    builds a ``Token`` for every access, and the rules look at most tokens of a document
    several times. ``full`` is the document's text; token ``i`` is ``full[idx[i]:ends[i]]``
    (:meth:`word`); ``lower`` holds the hashes of the tokens' ``lower_`` (spaCy's
    ``LOWER``: the titles and determiners below are compared by hash), ``pos`` their
    part-of-speech ids.
    """

    full: str
    lower: list[int]
    idx: list[int]
    ends: list[int]
    pos: list[int]

    @classmethod
    def of(cls, doc: Any, full: str) -> _Tokens:
        """The table of ``doc``, whose text is ``full``."""
        cols = doc.to_array([LOWER, IDX, SPACY, POS])
        # a token ends where the next one starts (the text's end for the last), less a space
        starts = cols[:, 1].astype(np.int64)
        ends = np.append(starts[1:], len(full)) - cols[:, 2].astype(np.int64)
        lower, pos = cols[:, 0].tolist(), cols[:, 3].tolist()
        return cls(full, lower, starts.tolist(), ends.tolist(), pos)

    def word(self, i: int) -> str:
        """The text of token ``i``."""
        return self.full[self.idx[i] : self.ends[i]]

    def end(self, i: int) -> int:
        """The character offset where token ``i`` ends."""
        return self.ends[i]

    def at(self, offset: int) -> int:
        """The token holding character ``offset`` (or the space after it)."""
        return bisect_right(self.idx, offset) - 1

    def with_hyphen(self) -> list[int]:
        """The tokens with a "-" in them, in order (found in the text: few have one)."""
        found: list[int] = []
        at = self.full.find("-")
        while at >= 0:
            i = self.at(at)
            if not found or found[-1] != i:
                found.append(i)
            at = self.full.find("-", at + 1)
        return found

    def spelled(self, words: set[str]) -> list[int]:
        """The tokens whose text is one of ``words``, in order (found in the text)."""
        found: set[int] = set()
        for word in words:
            at = self.full.find(word)
            while at >= 0:
                i = self.at(at)
                if self.idx[i] == at and self.ends[i] == at + len(word):
                    found.add(i)
                at = self.full.find(word, at + 1)
        return sorted(found)


_Flags = tuple[bool, bool, bool]  # is_punct, is_space, like_num
_FLAGS: tuple[Any, dict[str, _Flags]] | None = None  # the last vocabulary's, by word


def _lexical_flags(vocab: Any, word: str) -> _Flags:
    """``is_punct``, ``is_space`` and ``like_num`` of a word, as its tokens have them: read
    from the vocabulary's entry once per process (a token would be built for each read)."""
    global _FLAGS
    if _FLAGS is None or _FLAGS[0] is not vocab:
        _FLAGS = (vocab, {})
    known = _FLAGS[1]
    flags = known.get(word)
    if flags is None:
        if len(known) > 1_000_000:
            known.clear()
        lex = vocab[word]
        flags = known[word] = (lex.is_punct, lex.is_space, lex.like_num)
    return flags


# --------------------------------------------------------------------------- matchers


@dataclass(frozen=True, slots=True)
class _Matchers:
    exact: Any
    lower: Any
    titles: frozenset[tuple[int, ...]]  # as hashes of the lowercased words
    longest_title: int
    title_starts: frozenset[int]  # the first word of every title, to rule tokens out fast


_CACHE: dict[int, tuple[Any, _Matchers]] = {}


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return not letters or all(c.isupper() for c in letters) or "." in word


def _matchers(vocab: Any, gaz: Gazetteer) -> _Matchers:
    """The gazetteer's phrase matchers for this vocabulary, built once per process."""
    cached = _CACHE.get(id(vocab))
    if cached is not None and cached[0] is vocab:
        return cached[1]
    from spacy.lang.en import English
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    tokenizer = English().tokenizer  # the rules en_core_web_sm tokenizes with
    exact = PhraseMatcher(vocab, attr="ORTH")
    lower = PhraseMatcher(vocab, attr="LOWER")
    # The patterns are made in the tokenizer's own vocabulary: a phrase matcher compares
    # the words' hashes, the same in every vocabulary, and the document's vocabulary is
    # spared an entry for every word of the gazetteer.
    for surface in gaz.aliases:
        pattern = tokenizer(surface)
        if len(pattern) == 1:
            # an all-capitals variant for headlines, but not for acronyms or short words
            # ("XI" is a numeral in "WORLD XI", not Xi Jinping)
            short = _is_acronym(surface) or len(surface) < 4
            variants = {surface} if short else {surface, surface.upper()}
            exact.add(surface, [Doc(pattern.vocab, words=[v]) for v in sorted(variants)])
        else:
            lower.add(surface, [pattern])
    titles = frozenset(tuple(t.lower for t in tokenizer(title)) for title in gaz.titles)
    longest = max((len(t) for t in titles), default=1)
    built = _Matchers(exact, lower, titles, longest, frozenset(t[0] for t in titles if t))
    _CACHE[id(vocab)] = (vocab, built)
    return built


# ------------------------------------------------------------------------ gazetteer


def _capitalised_like(alias_words: list[str], toks: _Tokens, s: int, e: int) -> bool:
    """A case-insensitive match (tokens ``s`` to ``e``) counts if the alias's first
    capitalised word is capitalised."""
    for alias_word, i in zip(alias_words, range(s, e), strict=False):
        if any(c.isupper() for c in alias_word):
            return any(c.isupper() for c in toks.word(i))
    return True


def _gazetteer_candidates(doc: Any, toks: _Tokens, gaz: Gazetteer, m: _Matchers) -> list[_Cand]:
    found: list[_Cand] = []
    vocab = doc.vocab
    for matcher, exact in ((m.exact, True), (m.lower, False)):
        for match_id, s, e in matcher(doc):
            surface = vocab.strings[match_id]
            hit = gaz.hit(surface)
            if hit is None:
                continue
            if not exact and not _capitalised_like(surface.replace("-", " - ").split(), toks, s, e):
                continue
            while s < e - 1 and toks.lower[s] == _THE:
                s += 1
            found.append(_Cand(s, e, toks.idx[s], toks.end(e - 1), "GPE", hit))
    found.extend(_inside_token_candidates(toks, gaz))
    found = [_kin(toks, cand) for cand in found]
    chosen: list[_Cand] = []
    taken: set[int] = set()
    for cand in sorted(found, key=lambda c: (-(c.end - c.start), c.start)):
        tokens = range(cand.tok_start, cand.tok_end)
        if taken.isdisjoint(tokens):
            chosen.append(cand)
            taken.update(tokens)
    return chosen


_JUNIOR = frozenset({"Jr", "Jr.", "Sr", "Sr."})


def _kin(toks: _Tokens, cand: _Cand) -> _Cand:
    """A known person's surname after another given name, or their name before "Jr.", is
    a relative: "Ivanka Trump", "Donald Trump Jr." are people of their own, not the
    gazetteer's Donald Trump (the candidate becomes a person's name without an entry)."""
    hit = cand.hit
    if hit is None or hit.entry.type != "PERSON":
        return cand
    s, e = cand.tok_start, cand.tok_end
    if e < len(toks.idx) and toks.word(e).rstrip(",") in _JUNIOR:
        return _Cand(s, e + 1, cand.start, toks.end(e), "PERSON")
    if hit.kind != "short" or s == 0:
        return cand
    before = toks.word(s - 1)
    own = hit.entry.name.split()[0]
    adjacent = toks.idx[s - 1] + len(before) + 1 == cand.start
    if adjacent and before in given_names() and not given_names_agree(before, own):
        return _Cand(s - 1, e, toks.idx[s - 1], cand.end, "PERSON")
    return cand


def _inside_token_candidates(toks: _Tokens, gaz: Gazetteer) -> list[_Cand]:
    """Names glued to other words by a hyphen inside one token: "U.S.-led", "EU-wide"."""
    found: list[_Cand] = []
    for i in toks.with_hyphen():
        word = toks.word(i)
        if len(word) < 4:
            continue
        offset = 0
        for part in word.split("-"):
            hit = gaz.hit(part) if part else None
            if hit is not None and hit.kind in ("name", "demonym", "short"):
                start = toks.idx[i] + offset
                found.append(_Cand(i, i + 1, start, start + len(part), "GPE", hit))
            offset += len(part) + 1
    return found


# ------------------------------------------------------------------------------ NER


def _title_at(toks: _Tokens, i: int, end: int, m: _Matchers) -> int:
    """The length of the longest title starting at token ``i`` (0 if none)."""
    if end <= i or i >= len(toks.lower) or toks.lower[i] not in m.title_starts:
        return 0
    words = toks.lower[i : i + min(m.longest_title, end - i)]
    for k in range(min(m.longest_title, end - i), 0, -1):
        if tuple(words[:k]) in m.titles:
            return k
    return 0


def _in_title(toks: _Tokens, s: int, e: int, m: _Matchers) -> bool:
    """Is ``doc[s:e]`` (part of) a title: "Energy" in "Energy Minister", "State" in
    "Secretary of State"?"""
    for i in range(max(0, s - m.longest_title + 1), s + 1):
        if toks.lower[i] in m.title_starts and i + _title_at(toks, i, len(toks.lower), m) >= e:
            return True
    return False


def _title_before(doc: Any, toks: _Tokens, i: int, m: _Matchers) -> str | None:
    """The title just before token ``i`` ("Foreign Minister" in "Foreign Minister Wang Yi")."""
    for k in range(min(m.longest_title, i), 0, -1):
        if toks.lower[i - k] in m.title_starts and tuple(toks.lower[i - k : i]) in m.titles:
            return str(doc[i - k : i].text)
    return None


def _pieces(doc: Any, toks: _Tokens, s: int, e: int, label: EntityType) -> list[tuple[int, int]]:
    """An NER span cut at line breaks and spaced dashes (and commas, for places and people)."""
    out: list[tuple[int, int]] = []
    start = s
    for i in range(s, e):
        word = toks.word(i)
        spaced_dash = word in _DASHES and i > 0 and _spaced(doc, i)
        comma = word == "," and label in ("GPE", "LOC", "PERSON")
        if "\n" in word or spaced_dash or comma:
            out.append((start, i))
            start = i + 1
    out.append((start, e))
    return [(a, b) for a, b in out if b > a]


def _spaced(doc: Any, i: int) -> bool:
    """Is token ``i`` preceded and followed by whitespace?"""
    return bool(doc[i].whitespace_) and bool(doc[i - 1].whitespace_)


def _trim(
    doc: Any, toks: _Tokens, s: int, e: int, label: EntityType, gaz: Gazetteer, m: _Matchers
) -> tuple[int, int, str | None]:
    """Strip determiners, titles, possessives, punctuation (and, for names, numbers)."""
    lower, vocab = toks.lower, doc.vocab
    while e > s:
        word = toks.word(e - 1)
        punct, space, like_num = _lexical_flags(vocab, word)
        if not (word in _POSSESSIVES or punct or space or (label in _NUMBERLESS and like_num)):
            break
        e -= 1
    # "[Photo] Xi Jinping": a closing bracket whose opening one lies outside the span ends
    # what came before, a label, not part of the name
    opened = 0
    for i in range(s, e):
        word = toks.word(i)
        if word in ("(", "["):
            opened += 1
        elif word in (")", "]"):
            if opened:
                opened -= 1
            else:
                s = i + 1
    role = None
    while s < e:
        if lower[s] in _DETERMINERS:
            s += 1
            continue
        punct, space, _ = _lexical_flags(vocab, toks.word(s))
        if punct or space:
            s += 1
            continue
        k = _title_at(toks, s, e, m) if label == "PERSON" else 0
        if k and s + k < e:
            role = str(doc[s : s + k].text)
            s += k
            continue
        hit = gaz.hit(toks.word(s)) if label == "PERSON" else None
        if hit is not None and hit.kind == "demonym" and _title_at(toks, s + 1, e, m):
            s += 1
            continue
        break
    return s, e, role


def _entity_spans(doc: Any) -> list[tuple[int, int, str]]:
    """``doc.ents`` as (start, end, label) triples, read from the tokens' IOB tags the way
    ``Doc.ents`` reads them, without building a ``Span`` for every entity."""
    cols = doc.to_array([ENT_IOB, ENT_TYPE]).astype(np.int64)
    iob, types = cols[:, 0], cols[:, 1]
    begins = (iob == 3) & (types != 0)  # "B" with a label; any other token but "I" ends one
    inside = iob == 1
    opened = np.concatenate(([False], begins[:-1] | inside[:-1]))
    if np.any(inside & ~opened):
        return [(e.start, e.end, e.label_) for e in doc.ents]  # an "I" outside: spaCy raises
    starts = np.flatnonzero(begins)
    stops = np.flatnonzero(~inside)  # the tokens that end the entity before them
    nexts = np.searchsorted(stops, starts, side="right")
    ends = np.append(stops, len(iob))[nexts]
    labels = strings_of(types[starts].tolist(), doc.vocab)
    return list(zip(starts.tolist(), ends.tolist(), labels, strict=True))


def _ner_candidates(doc: Any, toks: _Tokens, gaz: Gazetteer, m: _Matchers) -> list[_Cand]:
    found: list[_Cand] = []
    for start, end, ner_label in _entity_spans(doc):
        label = _NER_LABELS.get(ner_label)
        if label is None:
            continue
        for a, b in _pieces(doc, toks, start, end, label):
            s, e, role = _trim(doc, toks, a, b, label, gaz, m)
            if s >= e or _in_title(toks, s, e, m):
                continue
            if e - s == 1 and label != "NORP" and toks.pos[s] in _NOT_NAME_POS:
                continue  # "Seemingly", "Unlock": a capitalised word that is not a name
            found.append(_Cand(s, e, toks.idx[s], toks.end(e - 1), label, role=role))
    return found


def _title_tokens(toks: _Tokens, s: int, e: int, m: _Matchers) -> set[int]:
    """The tokens of ``doc[s:e]`` that are part of a title ("Quad Foreign Ministers")."""
    found: set[int] = set()
    for i in range(s, e):
        found.update(range(i, i + _title_at(toks, i, e, m)))
    return found


def _merge(
    ner: list[_Cand], gazetteer: list[_Cand], doc: Any, toks: _Tokens, m: _Matchers
) -> list[_Cand]:
    """Gazetteer wins on overlap, unless the NER span is a longer proper name around it.

    The gazetteer candidates do not share tokens, so the ones an NER span overlaps are
    found through the tokens it covers.
    """
    owner = {i: j for j, g in enumerate(gazetteer) for i in range(g.tok_start, g.tok_end)}
    dropped: set[int] = set()
    kept: list[_Cand] = []
    for cand in ner:
        tokens = range(cand.tok_start, cand.tok_end)
        if owner.keys().isdisjoint(tokens):
            kept.append(cand)
            continue
        overlapping = {owner[i] for i in tokens if i in owner}
        inside = [
            j
            for j in sorted(overlapping)
            if gazetteer[j].tok_start >= cand.tok_start and gazetteer[j].tok_end <= cand.tok_end
        ]
        if len(inside) < len(overlapping):
            continue  # a gazetteer name crosses the span's edge
        if inside:
            covered = {
                i for j in inside for i in range(gazetteer[j].tok_start, gazetteer[j].tok_end)
            }
            covered |= _title_tokens(toks, cand.tok_start, cand.tok_end, m)
            extra = [
                toks.word(i)
                for i in range(cand.tok_start, cand.tok_end)
                if i not in covered
                and not _lexical_flags(doc.vocab, toks.word(i))[0]
                and toks.word(i) not in _POSSESSIVES
            ]
            if not any(word[:1].isupper() for word in extra):
                continue
            dropped.update(inside)
        kept.append(cand)
    kept.extend(g for j, g in enumerate(gazetteer) if j not in dropped)
    return sorted(kept, key=lambda c: (c.start, c.end))


# ------------------------------------------------------------------------- capitals


def _acts(doc: Any, cand: _Cand) -> bool:
    """Does the capital in this span act as its state (subject, agent, ...) or is it a place?"""
    tok = doc[cand.tok_end - 1]
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    group = [tok, *tok.conjuncts]
    if any(t.i + 1 < len(doc) and doc[t.i + 1].text in _POSSESSIVES for t in group):
        return True  # "Moscow and Beijing's views", whatever the parse made of it
    dep, head = tok.dep_, tok.head
    if dep in _ACTING_DEPS:
        return True
    if dep == "pobj" and head.lower_ in ("from", "to") and head.head.pos_ in ("NOUN", "PROPN"):
        return head.head.lemma_.lower() not in _MOTION_NOUNS  # "support from Beijing"
    if dep == "pobj":
        return head.lower_ not in _PLACE_PREPOSITIONS
    if dep in ("dobj", "dative", "oprd"):
        return head.lemma_.lower() not in _MOTION_VERBS
    return False


# ------------------------------------------------------------------------- mentions


@lru_cache(maxsize=65536)  # names recur within and across documents
def _normalise(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split())


@lru_cache(maxsize=65536)
def _is_junk(text: str) -> bool:
    """One letter ("R."), no capital letter, no letters at all, or a time zone: not a name."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or not any(c.isupper() for c in letters):
        return True
    return text in _TIME_ZONES


_PUBLICATION_NOUNS = frozenset({"newspaper", "daily", "paper", "weekly", "magazine", "tabloid"})


def _publication_named(doc: Any, text: str, cand: _Cand) -> Mention | None:
    """A demonym used as a title, "The Australian" (a newspaper), is not the nation.

    It is a publication when a capitalised "The" stands before it mid-sentence and it heads
    its own noun phrase (nothing follows that it could modify, or only "newspaper" and kin).
    """
    i = cand.tok_start
    if i == 0 or doc[i - 1].text != "The" or cand.tok_end != i + 1:
        return None
    if doc[i].text.endswith("s"):
        return None  # "The Americans were able to": a people; titles are singular
    the = doc[i - 1]
    opening = the.i == 0 or doc[the.i - 1].is_quote or "\n" in doc[the.i - 1].text_with_ws
    after = doc[i + 1] if i + 1 < len(doc) else None
    if after is not None and after.text in _DASHES:
        return None  # "The Israeli-Palestinian conflict"
    heads_phrase = after is None or after.pos_ not in ("NOUN", "PROPN", "ADJ")
    if after is not None and after.lower_ in _PUBLICATION_NOUNS:
        heads_phrase = True
    starts = the.i == the.sent.start or opening
    if not heads_phrase or (starts and after is not None and after.is_alpha):
        return None
    start, end = the.idx, cand.end
    name = text[start:end]
    return Mention(start, end, name, "ORG", _normalise(name), None, None, "publication")


def _word_after(toks: _Tokens, cand: _Cand) -> str:
    """The token after a candidate, when only a space separates them."""
    i = cand.tok_end
    if i >= len(toks.idx) or toks.idx[i] - cand.end > 1:
        return ""
    return toks.word(i)


def _mention(
    doc: Any, toks: _Tokens, full: str, cand: _Cand, gaz: Gazetteer, m: _Matchers
) -> Mention | None:
    text = full[cand.start : cand.end]
    if _is_junk(text):
        return None
    label: EntityType = cand.label
    kb_id: str | None = None
    canonical: str | None = None
    origin = "ner"
    if cand.hit is not None:
        entry: GazEntry = cand.hit.entry
        origin = "gazetteer"
        if cand.hit.kind == "demonym":
            publication = _publication_named(doc, full, cand)
            if publication is not None:
                return publication
            label, origin = "NORP", "gazetteer-demonym"
        elif cand.hit.kind == "capital" and entry.stands_for and _acts(doc, cand):
            state = gaz.entry(entry.stands_for)
            if state is not None:
                entry, origin = state, "gazetteer-metonym"
        if origin != "gazetteer-demonym":
            label = entry.type
        kb_id, canonical = entry.kb_id, entry.name
    elif is_boilerplate(text, _word_after(toks, cand)):
        return None
    elif label in _NOT_PERSON and reads_as_person(text):
        label = "PERSON"
    role = cand.role
    if label == "PERSON" and role is None:
        role = _title_before(doc, toks, cand.tok_start, m)
    return Mention(
        cand.start, cand.end, text, label, _normalise(text), kb_id, canonical, origin, role
    )


def _surnames(mentions: list[Mention]) -> set[str]:
    """The words that stand for a person named in full in the document ("Lebed", "Wang")."""
    found: set[str] = set()
    for x in mentions:
        words = x.text.split()
        if x.label == "PERSON" and len(words) > 1:
            found.add(words[-1])
            if fold(words[0]) in EAST_ASIAN_SURNAMES and len(words) <= 3:
                found.add(words[0])
    return found


def _propagate_surnames(
    doc: Any, toks: _Tokens, mentions: list[Mention], m: _Matchers
) -> list[Mention]:
    """A person's surname alone is that person, not a place or a firm, and is a mention.

    Once "Alexander Lebed" or "Michael Jordan" is in the document, a bare "Lebed" that
    NER missed, or a "Jordan" read as the country, is a person (``origin="propagated"``).
    """
    surnames = _surnames(mentions)
    if not surnames:
        return mentions
    out: list[Mention] = []
    for x in mentions:
        relabel = (
            x.text in surnames
            and x.label in ("ORG", "GPE", "LOC")
            and x.origin in ("ner", "gazetteer", "gazetteer-metonym")
            and not (x.label == "ORG" and x.kb_id)  # "al-Qaeda" stays the group
        )
        if relabel:
            out.append(Mention(x.start, x.end, x.text, "PERSON", x.name, origin="propagated"))
        else:
            out.append(x)
    named = toks.spelled(surnames)
    covered = _coverage(mentions)
    for i in named:
        word = toks.word(i)
        if not covered(toks.idx[i]) and toks.pos[i] == _PROPN and _title_at(toks, i, i + 1, m) == 0:
            role = _title_before(doc, toks, i, m)
            out.append(
                Mention(
                    toks.idx[i], toks.end(i), word, "PERSON", word,
                    origin="propagated", role=role,
                )
            )  # fmt: skip
    return sorted(out, key=lambda x: (x.start, x.end))


def _coverage(mentions: list[Mention]) -> Callable[[int], bool]:
    """A test of whether a character offset lies inside one of ``mentions``."""
    spans = sorted((x.start, x.end) for x in mentions)
    starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))  # the furthest end so far

    def covered(offset: int) -> bool:
        k = bisect_right(starts, offset)
        return k > 0 and reach[k - 1] > offset

    return covered


_LISTED = re.compile(r"-|, | and | & ")


def _split_hyphenated_people(mentions: list[Mention]) -> list[Mention]:
    """ "Smith-Jones talks", "Smith and Jones", "Smith, Jones" with both named in the
    document → one person mention each."""
    surnames = _surnames(mentions) | {
        x.text for x in mentions if x.label == "PERSON" and x.canonical
    }
    out: list[Mention] = []
    for x in mentions:
        cuts = list(_LISTED.finditer(x.text)) if x.origin == "ner" else []
        bounds = [0, *(i for c in cuts for i in (c.start(), c.end())), len(x.text)]
        spans = list(zip(bounds[::2], bounds[1::2], strict=True))
        if not cuts or not all(x.text[a:b] in surnames for a, b in spans):
            out.append(x)
            continue
        for a, b in spans:
            part = x.text[a:b]
            out.append(Mention(x.start + a, x.start + b, part, "PERSON", part))
    return out


def extract_mentions(doc: Any, text: str | None = None) -> tuple[Mention, ...]:
    """The mentions of actors in a parsed document (see the module docstring).

    ``text`` is the parsed text when the caller has it (spaCy rebuilds ``Doc.text`` from
    the tokens on every access).
    """
    gaz = load_gazetteer()
    m = _matchers(doc.vocab, gaz)
    full = doc.text if text is None else text
    toks = _Tokens.of(doc, full)
    ner = _ner_candidates(doc, toks, gaz, m)
    merged = _merge(ner, _gazetteer_candidates(doc, toks, gaz, m), doc, toks, m)
    found = (_mention(doc, toks, full, c, gaz, m) for c in merged)
    mentions = [x for x in found if x is not None]
    people = _split_hyphenated_people(_propagate_surnames(doc, toks, mentions, m))
    return tuple(_drop_common_words(people, full))


_LOWER_WORD = re.compile(r"\b[a-z][a-z]+\b")


def _drop_common_words(mentions: list[Mention], full: str) -> list[Mention]:
    """A lone capitalised word tagged as a person that is nobody's surname in the document
    and that the document also writes in lower case ("Manhunt" above "the manhunt went
    on"), or that is all capitals ("ROTC", "LEFT"), is a word, not a person."""
    lone = {
        (x.start, x.end)
        for x in mentions
        if x.label == "PERSON" and x.origin == "ner" and " " not in x.text
    }
    if not lone:
        return mentions
    surnames = {s.casefold() for s in _surnames(mentions)}
    lower = set(_LOWER_WORD.findall(full))
    out = []
    for x in mentions:
        word = x.text.casefold()
        common = word in lower or (x.text.isupper() and x.text.isalpha())
        if (x.start, x.end) in lone and word not in surnames and common:
            continue
        out.append(x)
    return out


@stage("entities", version=3, adds=["mentions"], needs=["parse", "sentences"])
def entities(inp: StageInput) -> StageOutput:
    text = inp.document.text
    names = extract_mentions(inp.parse, text)
    works = work_mentions(inp.parse, text, names, inp.document.meta.reference_date)
    return {"mentions": tuple(sorted((*names, *works), key=lambda m: (m.start, m.end)))}
