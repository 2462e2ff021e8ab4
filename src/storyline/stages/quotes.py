"""The ``quotes`` stage: who said what, as direct quotations and reported speech.

**Direct quotations** are found from the quote marks: curly (“…”, ‘…’) or straight ("…")
double marks, paired within a paragraph; a paragraph that opens a quote without closing
it continues into the next paragraph when that one opens with a quote mark (the
newspaper convention), so one quote can span sentences and paragraphs. Curly single
marks (‘…’) count outside double quotes; straight single marks are too often
apostrophes. The span covers the words between the marks (``text`` never starts or ends
with a mark, nor with the comma before the closing mark).

A quoted phrase of one to three words counts only when a speech cue governs it or sits
next to it (``X said the ties were "unprecedented"``); otherwise it is a title, a slogan or
a scare quote. A longer quotation without a cue keeps the speaker of the quotation just
before it when that one ended in the same or the previous paragraph.

**Reported speech** without marks ("Putin said that the relationship … cannot be compared")
is the clausal complement (``ccomp``) of a speech verb, without a leading "that" and the
final punctuation, ``direct=False``; "according to X, …" reports the rest of its sentence.
A clause that overlaps a direct quotation is not reported twice.

**The speech cue** of a direct quotation is the nearest speech verb (said, told, added,
noted, stressed, warned, …) or "according to" in the sentences the quotation spans,
outside any quotation and with no other quotation in between; when the quotation ends its
sentence with a comma-mark ("…,”) or starts one after a colon, the first words of the next
or the last words of the previous sentence are looked at too (the parser often splits
``…,” he said.``).

**The speaker** is the subject of the cue (``nsubj``; "according to" → its object; "X quoted
Y as saying" → Y; "Y was quoted as saying" → Y). ``speaker_text`` is the subject phrase as
written, cut at a comma after its head ("Danil Bochkov, from the X Council, said" →
"Danil Bochkov"); ``speaker_start``/``speaker_end`` are the offsets of a mention of the
``mentions`` layer: the one on the head word, else the first person, organisation, work,
place or group named in the phrase ("a spokesman for the foreign ministry").

Speakers are resolved in text order (see :mod:`storyline.stages.quotes_coref`): a definite
description ("the Russian leader", "the expert") points at the person the article
introduced with that title or apposition, else at no one; "he"/"she" at the speaker of the
previous statement or the subject of the previous sentence's main clause, by gender where
the text tells it. A document-like subject ("the statement said", "the report") with no
name in it points at the nearest earlier sentence using the same noun: the mention on that
noun (a titled work), its possessor or the subject of the verb that governs it ("the two
presidents issued a joint statement"), else None; "the two countries", "both sides" and
"they said in a joint statement" point at the joint statement. "Xinhua quoted Xi as
saying", "TASS reported Putin as saying": the speaker is the one quoted, not the agency. A
quotation signed after a dash on its line ("“…” ― Jane Roe") is Jane Roe's; a partial
quotation without a cue is the named subject's of the verb above it ("Putin called the
attack a “stab in the back”"). Each quote records how its speaker was found in
``speaker_via``. Quotes in the headline (the article's title, or a first line in Title
Case) are left out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from storyline.document import Mention, Quote, Sentence
from storyline.stages.quotes_speakers import (
    DOCUMENT_NOUNS,
    PERSONAL_PRONOUNS,
    MentionIndex,
    Speaker,
    SpeakerResolver,
    speaker_token,
)
from storyline.stages.registry import StageInput, StageOutput, stage
from storyline.stages.token_table import AUX, VERB, TokenTable

__all__ = [
    "DOCUMENT_NOUNS",
    "PERSONAL_PRONOUNS",
    "MentionIndex",
    "QuoteRegion",
    "Speaker",
    "SpeakerResolver",
    "find_quote_regions",
    "find_quotes",
    "speaker_token",
    "word_count",
]

SPEECH_LEMMAS = frozenset(
    {
        "say", "tell", "add", "note", "stress", "warn", "claim", "insist", "argue", "explain",
        "write", "state", "declare", "announce", "comment", "remark", "reply", "respond",
        "emphasise", "emphasize", "observe", "acknowledge", "admit", "recall", "predict",
        "urge", "complain", "conclude", "tweet", "continue", "assert", "maintain", "contend",
        "allege", "confirm", "suggest", "report", "caution", "concede", "quip", "joke",
        "underline", "underscore", "reiterate", "point", "ask", "deny", "repeat", "vow",
        "pledge", "promise", "indicate", "agree", "reaffirm", "estimate", "recount",
    }
)  # fmt: skip
# speech verbs whose clausal complement is reported speech (not "ask", "agree", ...)
REPORT_LEMMAS = frozenset(
    {
        "say", "tell", "add", "note", "stress", "warn", "claim", "insist", "argue", "explain",
        "write", "state", "declare", "announce", "emphasise", "emphasize", "observe",
        "acknowledge", "admit", "predict", "assert", "maintain", "contend", "allege",
        "confirm", "report", "caution", "concede", "underline", "underscore", "reiterate",
        "repeat", "vow", "pledge", "promise", "indicate", "reaffirm", "tweet", "complain",
        "recall", "suggest", "conclude", "remark", "reply", "respond", "estimate",
    }
)  # fmt: skip
_OPEN_DOUBLE = frozenset("“„«")
_CLOSE_DOUBLE = frozenset("”»")
_STRAIGHT = '"'
_DOUBLE_MARK = re.compile('[“„«”»"]')
_SINGLE_MARK = re.compile("[‘’]")
_QUOTE_CHARS = frozenset('“”„«»"‘’')
_FULL_QUOTE_OPENERS = frozenset(".?!:,;—–-([…") | _QUOTE_CHARS
_MAX_CUE_DISTANCE = 140  # characters between a quotation and its speech verb
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# "” ― Jane Roe" / "” — Jane Roe, teacher": a dash, then one to five capitalised words
_SIGNATURE = re.compile(
    r"[ \t\xa0]*[―—–-][ \t\xa0]*((?:[A-Z][\w.’'-]*)(?:[ \t\xa0]+[A-Z][\w.’'-]*){0,4})[ \t\xa0.,]*$"
)
_FINITE_HINT = frozenset({VERB, AUX})  # parts of speech (``tok.pos``)


# --------------------------------------------------------------------- quote marks


@dataclass(frozen=True, slots=True)
class QuoteRegion:
    """A quotation found from its marks: ``start``/``end`` inside the marks, and the marks'
    outer offsets ``outer_start``/``outer_end`` (the end is the text's end when unclosed)."""

    start: int
    end: int
    outer_start: int
    outer_end: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _double_marks(text: str, a: int, b: int) -> list[tuple[int, str]]:
    """The double quote marks of text[a:b] as (offset, "open"|"close")."""
    marks: list[tuple[int, str]] = []
    open_now = False
    for found in _DOUBLE_MARK.finditer(text, a, b):
        i = found.start()
        c = text[i]
        if c in _OPEN_DOUBLE:
            kind = "open"
        elif c in _CLOSE_DOUBLE:
            kind = "close"
        else:  # a straight mark
            kind = "close" if open_now else "open"
        open_now = kind == "open"
        marks.append((i, kind))
    return marks


def find_quote_regions(text: str) -> list[QuoteRegion]:
    """Every quotation between double marks (and curly single marks outside them)."""
    regions: list[QuoteRegion] = []
    pending: int | None = None  # an open quote carried over from the previous paragraph
    paragraphs = _paragraphs(text)
    for a, b in paragraphs:
        first = a
        while first < b and text[first].isspace():
            first += 1
        opener: int | None = None
        marks = _double_marks(text, a, b)
        if pending is not None:
            if marks and marks[0][0] == first and marks[0][1] == "open":
                opener = pending
                marks = marks[1:]
            pending = None
        for pos, kind in marks:
            if kind == "open":
                opener = pos
            elif opener is not None:
                regions.append(QuoteRegion(opener + 1, pos, opener, pos + 1))
                opener = None
        if opener is not None:
            pending = opener
            # if the next paragraph does not continue it, it ends with this paragraph
            nxt = b + 1
            while nxt < len(text) and text[nxt].isspace():
                nxt += 1
            if nxt >= len(text) or text[nxt] not in _OPEN_DOUBLE | {_STRAIGHT}:
                regions.append(QuoteRegion(opener + 1, b, opener, b))
                pending = None
    regions.extend(_single_regions(text, regions, paragraphs))
    trimmed = (_trimmed(text, r) for r in regions)
    return sorted((r for r in trimmed if r.end > r.start), key=lambda r: (r.start, r.end))


def _single_regions(
    text: str, doubles: Sequence[QuoteRegion], paragraphs: Sequence[tuple[int, int]]
) -> list[QuoteRegion]:
    found: list[QuoteRegion] = []
    for a, b in paragraphs:
        opener: int | None = None
        for mark in _SINGLE_MARK.finditer(text, a, b):
            i = mark.start()
            c = text[i]
            before = text[i - 1] if i > a else " "
            after = text[i + 1] if i + 1 < b else " "
            opens = c == "‘" and (before.isspace() or before in "([—–-")
            closes = (
                c == "’" and opener is not None and not after.isalnum() and not before.isspace()
            )
            # most ’ are apostrophes: only a mark that opens or closes is looked up
            if not (opens or closes) or any(r.outer_start <= i < r.outer_end for r in doubles):
                continue
            if opens:
                opener = i
            elif opener is not None:  # it closes
                found.append(QuoteRegion(opener + 1, i, opener, i + 1))
                opener = None
    return found


def _trimmed(text: str, r: QuoteRegion) -> QuoteRegion:
    s, e = r.start, r.end
    while s < e and (text[s].isspace() or text[s] in _QUOTE_CHARS):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in _QUOTE_CHARS or text[e - 1] == ","):
        e -= 1
    return QuoteRegion(s, e, r.outer_start, r.outer_end)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _words_upto(text: str, limit: int) -> int:
    """``min(word_count(text), limit)``, without finding the words past the limit."""
    return sum(1 for _ in islice(_WORD.finditer(text), limit))


# -------------------------------------------------------------------------- cues


@dataclass(eq=False, slots=True)
class _Pending:
    """A quotation found, its speaker not yet resolved: ``cue`` (a token) or None,
    ``at`` where the statement starts (its cue or its quote), ``turn_of`` the quote whose
    speaker it continues."""

    start: int
    end: int
    direct: bool
    cue: Any | None
    at: int
    turn_of: _Pending | None = None
    reported: bool = False
    signed: Speaker | None = None  # the name signing the quote after a dash
    hidden: bool = False  # resolved (a later quote may continue its turn) but not kept

    @property
    def cue_text(self) -> str | None:
        return _cue_text(self.cue) if self.cue is not None else None


def _is_cue(tok: Any) -> bool:
    if tok.lower_ == "according":
        return bool(tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to")
    return bool(tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in SPEECH_LEMMAS)


class QuoteFinder:
    """Finds the quotations of one parsed document with their cues and speakers."""

    def __init__(
        self,
        doc: Any,
        text: str,
        sentences: Sequence[Sentence],
        index: MentionIndex,
        *,
        when: str | None = None,
        title: str | None = None,
    ):
        self.doc = doc
        self.text = text
        self.title = title
        self.sentences = sorted((s.start, s.end) for s in sentences) or [(0, len(text))]
        self._sent_starts = [s for s, _ in self.sentences]
        self.index = index
        self.speakers = SpeakerResolver(doc, index, text, when)
        # the tokens that can be cues, found once: most tokens are no speech verb
        table = TokenTable(doc)
        according = table.with_lower("according").tolist()
        verbs = table.with_pos(VERB, AUX)
        verb_lemmas = list(zip(verbs.tolist(), table.lemmas_at(verbs), strict=True))
        speech = [i for i, lemma in verb_lemmas if lemma in SPEECH_LEMMAS]
        reporting = [i for i, lemma in verb_lemmas if lemma in REPORT_LEMMAS]
        self._reporting = table.tokens(according, reporting)
        self._cues = [tok for tok in table.tokens(according, speech) if _is_cue(tok)]
        self._cue_ids = [tok.i for tok in self._cues]

    def _sentence_at(self, offset: int) -> int:
        return max(0, bisect_right(self._sent_starts, offset) - 1)

    def _tokens(self, a: int, b: int) -> list[Any]:
        span = self.doc.char_span(a, b, alignment_mode="expand")
        return list(span) if span is not None else []

    def _cues_in(self, a: int, b: int) -> list[Any]:
        """The cue tokens among the tokens of text[a:b] (as ``_tokens`` finds them)."""
        span = self.doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            return []
        lo = bisect_left(self._cue_ids, span.start)
        hi = bisect_left(self._cue_ids, span.end, lo)
        return self._cues[lo:hi]

    def _cue_for(self, r: QuoteRegion, blocked: Sequence[tuple[int, int]]) -> Any | None:
        """The speech cue of the quotation ``r`` (``blocked``: every quotation's outer span)."""
        text = self.text
        si = self._sentence_at(r.outer_start)
        sj = self._sentence_at(max(r.outer_start, r.outer_end - 1))
        a, b = self.sentences[si][0], self.sentences[sj][1]
        # the parser often splits `…,” he said.` and `He said: “…`
        after = text[r.outer_end : b]
        if not after.strip(' .,!?;:”"’\n') and sj + 1 < len(self.sentences):
            nxt = self.sentences[sj + 1]
            inner = text[r.start : r.end].rstrip()
            if inner.endswith((",", "?", "!")) or text[r.end : r.outer_end + 1].startswith(","):
                b = min(nxt[1], nxt[0] + 60)
        # never across a paragraph break outside the quotation
        a = max(a, text.rfind("\n", 0, r.outer_start) + 1)
        brk = text.find("\n", r.outer_end)
        b = min(b, brk if brk >= 0 else len(text))
        before = text[a : r.outer_start]
        if not before.strip() and si > 0:
            prev = self.sentences[si - 1]
            if text[prev[0] : prev[1]].rstrip().endswith(":"):
                a = max(prev[0], prev[1] - 120)
        best: tuple[int, Any] | None = None
        for tok in self._cues_in(a, b):
            if any(s <= tok.idx < e for s, e in blocked):
                continue
            if tok.idx >= r.outer_end:
                gap = (r.outer_end, tok.idx)
            elif tok.idx + len(tok) <= r.outer_start:
                gap = (tok.idx + len(tok), r.outer_start)
            else:
                continue
            if gap[1] - gap[0] > _MAX_CUE_DISTANCE:
                continue
            if any(gap[0] <= s and e <= gap[1] for s, e in blocked):
                continue  # another quotation stands in between
            dist = gap[1] - gap[0]
            if best is None or dist < best[0]:
                best = (dist, tok)
        return best[1] if best is not None else None

    def _governs(self, cue: Any, r: QuoteRegion) -> bool:
        """The cue governs the quoted words (a partial quote) or sits right next to them."""
        inner = self._tokens(r.start, r.end)
        if inner and all(cue in t.ancestors for t in inner):
            return True
        if cue.idx >= r.outer_end:
            return bool(cue.idx - r.outer_end <= 25)
        return bool(r.outer_start - (cue.idx + len(cue)) <= 25)

    def direct(self) -> tuple[list[_Pending], list[QuoteRegion]]:
        """The direct quotations with their cues, speakers not yet resolved."""
        regions = find_quote_regions(self.text)
        blocked = [(r.outer_start, r.outer_end) for r in regions]
        self.speakers.blocked = blocked
        found: list[_Pending] = []
        last: _Pending | None = None  # the previous quote
        for r in regions:
            words = _words_upto(self.text[r.start : r.end], 4)  # none, up to three, more
            if words == 0 or self._in_headline(r.outer_start):
                continue
            cue = self._cue_for(r, blocked)
            if words <= 3 and (cue is None or not self._governs(cue, r)):
                continue
            full = not self.is_partial(r)
            signed = self._signed(r) if cue is None else None
            if cue is not None:
                item = _Pending(r.start, r.end, full, cue, min(r.start, cue.idx))
            elif signed is not None:
                item = _Pending(r.start, r.end, full, None, r.start, signed=signed)
            elif last is not None and self._follows(last, r):
                item = _Pending(r.start, r.end, full, None, r.start, turn_of=last)
            elif self._is_clause(r):
                item = _Pending(r.start, r.end, full, None, r.start)
            else:
                continue
            found.append(item)
            last = item
        return found, regions

    def _in_headline(self, offset: int) -> bool:
        """The offset is in the article's headline (the title given with it, or a first
        line in Title Case with no final stop): a headline quotes no one itself."""
        para_start = self.text.rfind("\n", 0, offset) + 1
        if self.text[:para_start].strip():
            return False  # not the first paragraph
        end = self.text.find("\n", para_start)
        line = self.text[para_start : end if end >= 0 else len(self.text)].strip()
        if self.title and " ".join(line.split()).lower() == " ".join(self.title.split()).lower():
            return True
        words = [w for w in _WORD.findall(line) if len(w) > 3]
        capital = sum(w[0].isupper() for w in words)
        return (
            len(words) >= 3
            and capital >= 0.7 * len(words)
            and not line.rstrip(' ”’"').endswith((".", "!", "?"))
        )

    def _signed(self, r: QuoteRegion) -> Speaker | None:
        """A quotation signed after a dash on its line: “…” ― Jane Roe (a pull quote or an
        epigraph): the name after the dash, up to the line's end."""
        end = self.text.find("\n", r.outer_end)
        end = len(self.text) if end < 0 else end
        rest = self.text[r.outer_end : end]
        found = _SIGNATURE.match(rest)
        if found is None:
            return None
        a = r.outer_end + found.start(1)
        b = r.outer_end + found.end(1)
        named = [m for m in self.index.within(a, b) if m.label in {"PERSON", "ORG"}]
        return Speaker(self.text[a:b], named[0] if named else None, "name")

    def _own_speaker(self, item: _Pending) -> Speaker | None:
        """The named subject of the verb a partial quotation without a cue stands under."""
        inner = self._tokens(item.start, item.end)
        if not inner:
            return None
        for verb in inner[0].ancestors:
            if verb.pos_ != "VERB" or item.start <= verb.idx < item.end:
                continue
            subject = speaker_token(verb)
            if subject is None:
                continue  # "… issued a statement calling it “…”": the verb above
            named = self.index.at(subject.idx)
            if named is None or named.label not in {"PERSON", "ORG", "GPE", "NORP"}:
                return None  # "Mr. Comey’s dismissal came “…”": no one speaks
            break
        else:
            return None
        who = self.speakers.find(verb)
        return who if who.mention == named else None

    def resolve(self, items: Sequence[_Pending]) -> list[Quote]:
        """Speakers for every statement, in text order (so pronouns look back at the
        speakers before them), and the quotes."""
        quotes: list[Quote] = []
        done: dict[int, Quote] = {}
        for item in sorted(items, key=lambda p: (p.at, p.start)):
            text = self.text[item.start : item.end]
            if item.signed is not None:
                q = _quote(self.text, item.start, item.end, item.direct, item.signed, None)
                self.speakers.record(item.start, item.signed)
            elif item.cue is not None:
                who = self.speakers.resolve(item.cue)
                if who.text is None and item.reported:
                    continue
                q = _quote(self.text, item.start, item.end, item.direct, who, item.cue_text)
            elif not item.direct and (own := self._own_speaker(item)) is not None:
                # "Putin called the action a “stab in the back”": its sentence names who
                q = _quote(self.text, item.start, item.end, False, own, None)
                self.speakers.record(item.start, own)
            elif item.turn_of is not None and id(item.turn_of) in done:
                prev = done[id(item.turn_of)]
                via = "turn" if prev.speaker_text is not None else None
                q = Quote(
                    item.start,
                    item.end,
                    text,
                    item.direct,
                    prev.speaker_text,
                    prev.speaker_start,
                    prev.speaker_end,
                    None,
                    via,
                )
            else:
                q = Quote(item.start, item.end, text, item.direct)
            done[id(item)] = q
            if not item.hidden:
                quotes.append(q)
        return quotes

    def is_partial(self, r: QuoteRegion) -> bool:
        """A quotation inside a sentence of the writer's ("said the talks were “historic”"):
        its opening mark follows a word of the same paragraph, not the start of a sentence,
        a colon, a comma or a dash."""
        para_start = self.text.rfind("\n", 0, r.outer_start) + 1
        before = self.text[para_start : r.outer_start].rstrip()
        return bool(before) and before[-1] not in _FULL_QUOTE_OPENERS

    def _follows(self, prev: _Pending, r: QuoteRegion) -> bool:
        """The quotation comes in the same or the next paragraph after ``prev``."""
        between = self.text[prev.end : r.outer_start]
        return between.count("\n\n") + (between.count("\n") > 0) <= 2 and len(between) < 400

    def _is_clause(self, r: QuoteRegion) -> bool:
        toks = self._tokens(r.start, r.end)
        return _words_upto(self.text[r.start : r.end], 6) >= 6 and any(
            t.pos in _FINITE_HINT for t in toks
        )

    def reported(self, regions: Sequence[QuoteRegion]) -> list[_Pending]:
        found: list[_Pending] = []
        for tok in self._reporting:  # no other token is "according" or a reporting verb
            if tok.lower_ == "according" and _is_cue(tok):
                q = self._according(tok, regions)
                if q is not None:
                    found.append(q)
                continue
            if tok.pos_ not in {"VERB", "AUX"} or tok.lemma_.lower() not in REPORT_LEMMAS:
                continue
            comps = [c for c in tok.children if c.dep_ == "ccomp"]
            if not comps:
                continue
            sub = list(comps[0].subtree)
            a, b = _trim_clause(self.text, sub)
            if b <= a or _words_upto(self.text[a:b], 3) < 3:
                continue
            if any(self._crosses(r, a, b) for r in regions):
                continue
            if not any(t.pos in _FINITE_HINT for t in sub):
                continue
            found.append(_Pending(a, b, False, tok, min(a, tok.idx), reported=True))
        return found

    def _crosses(self, r: QuoteRegion, a: int, b: int) -> bool:
        """A reported clause a..b may hold partial quotations, not overlap others."""
        if not (r.outer_start < b and a < r.outer_end):
            return False
        return not (a <= r.outer_start and r.outer_end <= b + 1 and self.is_partial(r))

    def _according(self, tok: Any, regions: Sequence[QuoteRegion]) -> _Pending | None:
        si = self._sentence_at(tok.idx)
        s_start, s_end = self.sentences[si]
        phrase = [tok]
        for t in self.doc[tok.i + 1 :]:
            if t.idx >= s_end or t.text in {",", ";", "—", "–"}:
                break
            phrase.append(t)
        p_start, p_end = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
        if self.text[s_start:p_start].strip(" ,\n"):
            if self.text[p_end:s_end].strip(" ,.\n"):
                return None  # in the middle of its sentence
            a, b = s_start, p_start
        else:
            a, b = p_end, s_end
        a, b = _strip(self.text, a, b)
        if _words_upto(self.text[a:b], 3) < 3:
            return None
        if any(self._crosses(r, a, b) for r in regions):
            return None
        return _Pending(a, b, False, tok, min(a, tok.idx), reported=True)


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",;:—–" or text[a] in _QUOTE_CHARS):
        a += 1
    while b > a and (
        text[b - 1].isspace() or text[b - 1] in ".,;:!?—–" or text[b - 1] in _QUOTE_CHARS
    ):
        b -= 1
    return a, b


def _trim_clause(text: str, sub: Sequence[Any]) -> tuple[int, int]:
    toks = list(sub)
    while toks and ((toks[0].lower_ == "that" and toks[0].dep_ == "mark") or toks[0].is_punct):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    if not toks:
        return 0, 0
    return _strip(text, toks[0].idx, toks[-1].idx + len(toks[-1]))


def _cue_text(cue: Any) -> str:
    if cue.lower_ == "according":
        return "according to"
    parts = [c.text for c in cue.children if c.dep_ == "prt"]
    return " ".join([cue.text, *parts])


def _quote(text: str, a: int, b: int, direct: bool, who: Speaker, cue: str | None) -> Quote:
    m = who.mention
    return Quote(
        a,
        b,
        text[a:b],
        direct,
        who.text,
        m.start if m else None,
        m.end if m else None,
        cue,
        who.via if who.text is not None else None,
    )


def find_quotes(
    doc: Any,
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    *,
    when: str | None = None,
    title: str | None = None,
) -> tuple[Quote, ...]:
    """The quotations of one parsed document, in text order. ``when`` is the article's
    date (for office holders), ``title`` its headline (quotes in it are left out)."""
    finder = QuoteFinder(doc, text, sentences, MentionIndex(mentions), when=when, title=title)
    direct, regions = finder.direct()
    reported = finder.reported(regions)
    # a partial quotation inside a reported clause is reported with it, not twice
    for q in direct:
        q.hidden = not q.direct and any(r.start <= q.start and q.end <= r.end for r in reported)
    found = finder.resolve(direct + reported)
    return tuple(sorted(found, key=lambda q: (q.start, q.end)))


@stage("quotes", version=3, adds=["quotes"], needs=["parse", "sentences", "mentions"])
def quotes(inp: StageInput) -> StageOutput:
    sentences = [s for s in inp.layers.get("sentences", ()) if isinstance(s, Sentence)]
    mentions = [m for m in inp.layers.get("mentions", ()) if isinstance(m, Mention)]
    meta = inp.document.meta
    return {
        "quotes": find_quotes(
            inp.parse,
            inp.document.text,
            sentences,
            mentions,
            when=meta.reference_date,
            title=meta.title,
        )
    }
