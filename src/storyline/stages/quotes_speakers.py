"""Speakers of quotations: the subject of a speech cue, its phrase and the mention behind it.

See :mod:`storyline.stages.quotes` for the rules; this module holds the speaker half.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline.document import Mention
from storyline.stages.quotes_coref import Referents, Salience, description_of, states_named

PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
DOCUMENT_NOUNS = frozenset(
    {
        "statement", "report", "communique", "communiqué", "declaration", "editorial",
        "article", "document", "letter", "release", "readout", "memo", "study", "paper",
        "survey", "commentary", "post", "message", "announcement", "notice", "transcript",
    }
)  # fmt: skip
# heads of a speaker phrase that speak for several at once ("the two countries said")
COLLECTIVE_HEADS = frozenset(
    {"side", "country", "nation", "government", "leader", "president", "party", "state"}
)
# speech verbs whose passive subject is the one spoken to ("she was told", "he was asked")
HEARER_LEMMAS = frozenset({"tell", "ask", "warn", "urge", "remind", "advise"})
RELATIVE_PRONOUNS = frozenset({"that", "which", "who"})
# "X quoted/cited Y as saying": Y is the speaker, X (often a news agency) reports
QUOTER_LEMMAS = frozenset({"quote", "cite", "report"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NOMINAL_POS = frozenset({"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PART"})
_SPEAKER_LABELS = ("PERSON", "ORG", "WORK", "GPE", "NORP", "LOC", "EVENT", "OTHER")


# ------------------------------------------------------------------------ speakers


class MentionIndex:
    """The mentions of a document, looked up by character offset."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.mentions]

    def at(self, offset: int) -> Mention | None:
        i = bisect_right(self._starts, offset) - 1
        while i >= 0:
            m = self.mentions[i]
            if m.start <= offset < m.end:
                return m
            if m.end <= offset and i < len(self.mentions) and m.start < offset - 200:
                break
            i -= 1
        return None

    def within(self, start: int, end: int) -> list[Mention]:
        i = bisect_right(self._starts, start - 1)
        out: list[Mention] = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if m.end <= end:
                out.append(m)
            i += 1
        return out

    def before(self, offset: int) -> list[Mention]:
        """Mentions ending at or before ``offset``, nearest first."""
        i = bisect_right(self._starts, offset)
        return [m for m in reversed(self.mentions[:i]) if m.end <= offset]


@dataclass(frozen=True, slots=True)
class Speaker:
    text: str | None
    mention: Mention | None
    via: str | None = None


def _speaker_phrase(tok: Any) -> tuple[int, int]:
    """The subject phrase of ``tok``: its subtree, cut at a comma, dash or bracket after it."""
    sub = list(tok.subtree)
    left = sub[0].i
    right = sub[-1].i
    for t in sub:
        if t.i > tok.i and (
            t.text in {",", "(", "—", "–", ";", ":"}
            or t.dep_ == "relcl"
            or (t.lower_ in RELATIVE_PRONOUNS and t.head.dep_ == "relcl")
            or "\n" in t.text
        ):
            right = t.i - 1
            break
    for t in sub:
        if t.i < tok.i and (t.text in {",", "(", "—", "–"} or "\n" in t.text):
            left = t.i + 1
    while right > left and tok.doc[right].is_punct:
        right -= 1
    if right - left > 14:  # a long description: keep its head words only
        left = max(left, tok.i - 4)
        right = min(right, tok.i + 4)
    return tok.doc[left].idx, tok.doc[right].idx + len(tok.doc[right])


def _phrase_mention(tok: Any, a: int, b: int, index: MentionIndex) -> Mention | None:
    on_head = index.at(tok.idx)
    if on_head is not None:
        return on_head
    inside = index.within(a, b)
    for label in _SPEAKER_LABELS:
        for m in inside:
            if m.label == label:
                return m
    return None


def _subject_of(verb: Any) -> Any | None:
    cur = verb
    for _ in range(3):
        subj = [c for c in cur.children if c.dep_ in SUBJECT_DEPS]
        if subj:
            return subj[0]
        if cur.dep_ in {"conj", "xcomp", "advcl"} and cur.head is not cur:
            cur = cur.head
            continue
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep":  # "she sang before asking"
            cur = cur.head.head
            continue
        break
    return None


def _nominal_head(toks: Sequence[Any]) -> Any | None:
    """The head of the first run of noun-phrase words in ``toks``."""
    run: list[Any] = []
    for t in toks:
        if t.ent_type_ in {"DATE", "TIME"}:  # "said Monday", "said Thursday morning"
            break
        if t.text == "." and t.whitespace_:
            break  # the end of a sentence, not "U.S."
        if t.pos_ in _NOMINAL_POS or (run and t.text in {".", "-"} and "\n" not in t.text):
            run.append(t)
        elif run or t.pos_ not in {"ADV", "SPACE"}:
            break
    run = [t for t in run if t.pos_ in {"PROPN", "NOUN", "PRON"}]
    if not run:
        return None
    ids = {t.i for t in run}
    heads = [t for t in run if t.head.i not in ids]
    return heads[-1] if heads else run[-1]


def adjacent_speaker(cue: Any, blocked: Sequence[tuple[int, int]]) -> Any | None:
    """The noun phrase right after the cue ("…,” said Leslie Wimes", "Said Ellis:") or right
    before it ("…,” Chief Chuck Jordan said"), outside any quotation."""

    def free(t: Any) -> bool:
        return not any(a <= t.idx < b for a, b in blocked)

    doc = cue.doc
    after = [t for t in doc[cue.i + 1 : cue.i + 9] if free(t)]
    found = _nominal_head(after)
    if found is not None:
        return found
    before: list[Any] = []
    for t in reversed(doc[max(0, cue.i - 8) : cue.i]):
        if not free(t) or t.text in {",", "\n", "“", "”", '"'}:
            break
        if t.text in {".", "!", "?"} and t.whitespace_:
            break  # the previous sentence's end
        before.insert(0, t)
    return _nominal_head(before) if before else None


def speaker_token(cue: Any) -> Any | None:
    """The token naming the speaker of a speech cue, or None."""
    if cue.lower_ == "according":
        for c in cue.children:
            if c.lower_ == "to":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                return objs[0] if objs else None
        nxt = cue.nbor(1) if cue.i + 1 < len(cue.doc) else None
        if nxt is not None and nxt.lower_ == "to":
            objs = [g for g in nxt.children if g.dep_ == "pobj"]
            return objs[0] if objs else None
        return None
    head = cue.head
    quoter = None
    if cue.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_ in QUOTER_LEMMAS:
        quoter = head.head  # "Xinhua quoted Xi as saying", "Xi was quoted as saying"
    elif cue.dep_ in {"xcomp", "advcl", "acl", "ccomp"} and head.lemma_ in {"quote", "cite"}:
        quoter = head  # "TASS quoted Putin saying"
    elif cue.lemma_ in QUOTER_LEMMAS:
        # "TASS reported Putin as saying": the cue found is the reporting verb itself
        for prep in cue.children:
            if prep.lower_ == "as" and any(g.dep_ == "pcomp" for g in prep.children):
                quoter = cue
    if quoter is None:
        # "“…,” Xinhua reported, citing Xi": the one cited speaks, not the agency
        for c in cue.children:
            cites = c.dep_ in {"advcl", "xcomp", "conj"} and c.lemma_ in {"cite", "quote"}
            if cites and any(g.dep_ == "dobj" and g.ent_type_ == "PERSON" for g in c.children):
                quoter = c
    if quoter is not None:
        objs = [c for c in quoter.children if c.dep_ in {"dobj", "nsubjpass"}]
        if objs:
            return objs[0]
    if cue.lemma_ == "quote":
        return None
    subject = _subject_of(cue)
    if (
        subject is not None
        and subject.dep_ == "nsubjpass"
        and subject.head is cue
        and cue.lemma_ in HEARER_LEMMAS
    ):
        return None  # "he was told to go back inside": the one told is no speaker
    return subject


class SpeakerResolver:
    """Names the speaker of a cue: the subject phrase, the mention behind it and how it was
    found (``via``). Cues are resolved in text order, so "he" can look back at the speakers
    of the statements before it."""

    def __init__(
        self, doc: Any, index: MentionIndex, text: str | None = None, when: str | None = None
    ) -> None:
        self.doc = doc
        # the parsed text; spaCy rebuilds Doc.text from the tokens on every access
        self.text: str = doc.text if text is None else text
        self.index = index
        self.when = when
        self.named: list[Mention] = []  # person speakers so far, in text order
        self.things: list[Mention] = []  # other speakers so far (works, organisations)
        # speakers so far with a mention: (phrase span, head, the phrase's nouns, mention)
        self.spoken: list[tuple[tuple[int, int], str, set[str], Mention]] = []
        self.blocked: list[tuple[int, int]] = []  # the quotations' outer spans
        self._salience: Salience | None = None

    @property
    def salience(self) -> Salience:
        if self._salience is None:
            refs = Referents(self.doc, self.index.mentions, self.blocked, self.when)
            self._salience = Salience(self.doc, refs)
            self._salience.blocked = self.blocked
        return self._salience

    def _quoted(self, tok: Any) -> bool:
        return any(a <= tok.idx < b for a, b in self.blocked)

    def resolve(self, cue: Any) -> Speaker:
        """The speaker of a cue, remembered as the latest statement's speaker."""
        who = self.find(cue)
        self.record(cue.idx, who)
        return who

    def record(self, offset: int, who: Speaker) -> None:
        if who.text is None:
            return
        self.salience.record(offset, who.mention)
        m = who.mention
        if m is not None and m.label == "PERSON":
            self.named.append(m)
        elif m is not None:
            self.things.append(m)

    def find(self, cue: Any) -> Speaker:
        """The speaker of a cue (see the module :mod:`storyline.stages.quotes`)."""
        if cue.lemma_ in HEARER_LEMMAS and any(c.dep_ == "auxpass" for c in cue.children):
            # "he was told …": the one told is no speaker; "… told by officials": they are
            agents = [g for c in cue.children if c.dep_ == "agent" for g in c.children]
            tok = next((g for g in agents if g.dep_ == "pobj"), None)
            if tok is None:
                return Speaker(None, None)
        else:
            tok = speaker_token(cue)
        if (tok is None or self._quoted(tok)) and cue.lower_ != "according":
            # no subject, or one inside a quotation (a misparse): the phrase next to the cue
            tok = adjacent_speaker(cue, self.blocked)
        if tok is None or not _same_sentence(cue, tok):
            return Speaker(None, None)
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            tok = tok.head.head  # "a statement that says", "Trump, who said": the noun
        if tok.pos_ == "PRON" or tok.lower_ in PERSONAL_PRONOUNS:
            return self._pronoun(tok, cue)
        a, b = _speaker_phrase(tok)
        phrase_toks = [t for t in tok.doc[tok.left_edge.i : tok.right_edge.i + 1] if a <= t.idx < b]
        mention = _phrase_mention(tok, a, b, self.index)
        written = self.text[a:b]
        if tok.lower_ in {"both", "two"} or (
            (tok.lower_ in COLLECTIVE_HEADS or tok.lemma_.lower() in COLLECTIVE_HEADS)
            and _counted(phrase_toks)
        ):
            return Speaker(written, self._joint_work(cue), "collective")
        who = self._find_phrase(tok, phrase_toks, mention, written)
        if who.mention is not None:
            lemmas = {t.lemma_.lower() for t in phrase_toks if t.pos_ == "NOUN"}
            span = (phrase_toks[0].idx, phrase_toks[-1].idx + len(phrase_toks[-1]))
            self.spoken.append((span, tok.lemma_.lower(), lemmas, who.mention))
        return who

    def _find_phrase(
        self, tok: Any, phrase_toks: Sequence[Any], mention: Mention | None, written: str
    ) -> Speaker:
        on_head = mention is not None and mention.start <= tok.idx < mention.end
        if not on_head and (mention is None or mention.label != "PERSON"):
            named = self._apposed(tok)
            if named is not None:  # "The foreign minister, Jane Roe, said"
                return Speaker(written, named, "apposition")
            described = description_of(tok, phrase_toks)
            if described is not None:
                role, words = described
                found = self.salience.referents.describe(role, states_named(words), tok.idx)
                if found is not None:
                    return Speaker(written, found[1], found[2])
                if mention is not None and mention.label in {"ORG", "WORK"}:
                    return Speaker(written, mention, "description")  # "the Kremlin spokesman"
                if mention is None:
                    return Speaker(written, self._spoke_before(tok), "description")
                return Speaker(written, None, "description")
        definite = bool(phrase_toks) and phrase_toks[0].lower_ == "the"
        if mention is None and tok.pos_ == "NOUN" and definite:
            earlier = None if tok.lemma_.lower() in DOCUMENT_NOUNS else self._spoke_before(tok)
            if earlier is not None:  # "a spokesman for the X Brigade" … "the group"
                return Speaker(written, earlier, "description")
        if mention is None and tok.lemma_.lower() in DOCUMENT_NOUNS:
            issuer = self._issuer(tok)
            return Speaker(written, issuer, "collective" if issuer is not None else None)
        named_head = mention is not None or tok.pos_ == "PROPN"
        return Speaker(written, mention, "name" if named_head else "description")

    def _spoke_before(self, tok: Any) -> Mention | None:
        """For "the spokesman"/"the group said": the body or person behind an earlier
        speaker with that head noun, or the organisation of an earlier speaker whose phrase
        used the noun ("a spokesman for a rebel group called the X Brigade" … "the group"),
        within the last 1,500 characters."""
        lemma = tok.lemma_.lower()
        # the noun's last use before, outside quotations: it must be in that speaker's phrase
        last = next(
            (
                t
                for t in reversed(tok.doc[max(0, tok.i - 400) : tok.i])
                if t.lemma_.lower() == lemma and not self._quoted(t)
            ),
            None,
        )
        if last is None:
            return None
        for (a, b), head, lemmas, m in reversed(self.spoken):
            if not a <= last.idx < b or tok.idx - a > 1500:
                continue
            # the same head ("a spokesman" … "the spokesman"), or the organisation's noun
            if lemma == head or (lemma in lemmas and m.label == "ORG"):
                return m
        return None

    def _apposed(self, tok: Any) -> Mention | None:
        """A person named in apposition to the speaker's head ("the minister, Jane Roe,")."""
        for c in tok.children:
            if c.dep_ == "appos" and not self._quoted(c):
                m = self.index.at(c.idx)
                if m is not None and m.label == "PERSON":
                    return m
        return None

    def _pronoun(self, tok: Any, cue: Any) -> Speaker:
        low = tok.lower_
        if low in PERSONAL_PRONOUNS:
            ref = self.salience.pronoun(tok)
            mention = ref.name_mention if ref is not None else self._antecedent(tok, low)
            return Speaker(tok.text, mention, "pronoun")
        if low == "it":
            return Speaker(tok.text, self._thing_before(tok), "pronoun")
        if low == "they":
            work = self._joint_work(cue, near_only=True)
            if work is not None:
                return Speaker(tok.text, work, "collective")
            return Speaker(tok.text, self._group_before(tok), "pronoun")
        return Speaker(tok.text, None, "pronoun")

    def _joint_work(self, cue: Any, *, near_only: bool = False) -> Mention | None:
        """The joint statement that speaks for several: a WORK mention in the cue's sentence
        ("said in a joint statement"), else (unless ``near_only``) the latest one before."""
        sent = cue.sent
        for m in self.index.within(sent.start_char, sent.end_char):
            if m.label == "WORK" and "joint" in m.name.lower():
                return m
        if near_only:
            return None
        for m in self.index.before(cue.idx):
            if m.label == "WORK" and "joint" in m.name.lower():
                return m
        return None

    def _group_before(self, pron: Any) -> Mention | None:
        """ "They said": the last speaker that was an organisation or a group, when it spoke
        in the previous two sentences."""
        return self._thing_before(pron)

    def _thing_before(self, pron: Any) -> Mention | None:
        """ "It said": the last speaker that was not a person (a statement, a ministry),
        when it spoke in the previous two sentences."""
        if not self.things:
            return None
        last = self.things[-1]
        sent = pron.sent
        earlier = [s for s in self.doc.sents if s.end <= sent.start][-2:]
        lo = earlier[0].start_char if earlier else sent.start_char
        return last if last.start >= lo else None

    def _antecedent(self, pron: Any, low: str) -> Mention | None:
        """The most recent person who was a subject or a speaker before the pronoun (of the
        pronoun's gender where the text tells it)."""
        gender = "f" if low in {"she", "her"} else "m"
        refs = self.salience.referents
        fallback: Mention | None = None
        for m in self.index.before(pron.idx):
            if m.label != "PERSON" or any(a <= m.start < b for a, b in self.blocked):
                continue
            ref = refs.referent(m)
            if ref is not None and ref.gender not in {None, gender}:
                continue
            if fallback is None:
                fallback = m
            if m in self.named:
                return m
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in SUBJECT_DEPS | {"appos"}:
                return m
        return fallback

    def _issuer(self, tok: Any) -> Mention | None:
        """For "the statement said": who issued the statement, from an earlier sentence
        (or this one: "the White House released a statement that says")."""
        lemma = tok.lemma_.lower()
        if tok.dep_ in {"dobj", "nsubjpass"}:
            subj = _subject_of(tok.head)
            if subj is not None and subj.pos_ != "PRON":
                a, b = _speaker_phrase(subj)
                m = _phrase_mention(subj, a, b, self.index)
                if m is not None:
                    return m
        for earlier in reversed(self.doc[: tok.i]):
            if earlier.lemma_.lower() != lemma or earlier.i == tok.i:
                continue
            on = self.index.at(earlier.idx)
            if on is not None:
                return on
            for c in earlier.children:
                if c.dep_ in {"poss", "compound", "amod"}:
                    m = self.index.at(c.idx)
                    if m is not None and m.label != "NORP":
                        return m
            if earlier.dep_ in {"dobj", "nsubjpass"}:
                subj = _subject_of(earlier.head)
                if subj is not None and subj.pos_ != "PRON":
                    a, b = _speaker_phrase(subj)
                    m = _phrase_mention(subj, a, b, self.index)
                    if m is not None:
                        return m
        return None


def _counted(phrase: Sequence[Any]) -> bool:
    """ "the two countries", "both sides": a phrase that counts several."""
    return any(t.lower_ in {"two", "both", "three", "all"} for t in phrase)


def _same_sentence(cue: Any, tok: Any) -> bool:
    """The speaker is not past the end of the cue's sentence ("…,” said X. Defence spending
    reached …": "Defence spending" is no speaker)."""
    if tok.i <= cue.i:
        return True
    return not any(
        t.text in {".", "!", "?"} and t.whitespace_ and t.i + 1 < len(t.doc)
        for t in cue.doc[cue.i + 1 : tok.i]
    )
