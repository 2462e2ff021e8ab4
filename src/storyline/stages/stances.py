"""The ``stances`` stage: stated positions, as holders supporting or opposing a target.

Cues, read from the dependency parse (also inside quotations, so "both countries 'oppose'
the enlargement of NATO" in a joint statement counts):

* **verbs** with a direct object: oppose, reject, condemn, criticise, denounce, resist,
  object (to), protest → ``oppose``; support, back, endorse, welcome, reaffirm, favour,
  champion, defend, uphold → ``support``;
* **verb + preposition**: warn against, stand against, speak out against, be concerned
  about / over, object to → ``oppose``; stand by / with → ``support``; "will not adhere to"
  (a negated adhere) → ``oppose``; predicative "opposed to", "critical of", "worried
  about" → ``oppose``, "supportive of" → ``support``;
* **negated compliance**: "will not comply with / abide by / adhere to / recognise / join /
  accept X", "refused to accept X" → ``oppose`` (also "refused to back X");
* **nouns**: "opposition to X", "support for X" (also "understanding and support for"),
  the object of a verb of stating (voice, express, reaffirm, reiterate, declare, show,
  pledge, offer, give, state) or with a possessor ("China's support for Russia"); also
  "denouncement / condemnation / rejection of X" listed after a colon, held by the issuers
  of a statement named in the same sentence ("A joint statement by X and Y …: …").

The **holders** are the subject of the cue (of the verb of stating for nouns; the
possessor; for a passive, the agent), with its conjuncts ("China and Russia oppose" → two
holders), climbing from an infinitive ("X pledged to oppose Z and support W", also inside a
quotation) or an adverbial gerund ("X backed Y by opposing Z") to the verb above, as offsets
of mentions of the ``mentions`` layer. "the two countries", "both sides" and the like stand
for the two most recent coordinated places named before ("Russia and China"), else the
holders are empty and ``holder_text`` keeps the words; "the two presidents" (leaders,
ministers) for the last coordinated pair of people. "we"/"I" inside a quotation stand for
the quotation's speaker; "they"/"it" for the subject of a governing verb ("X and Y said they
were concerned"), else the latest coordinated names ("they") or single place or
organisation ("it") in this or the previous sentence. ``target`` is the object phrase
without a leading article, cut at a comma, a relative clause, a dash or a listed stance noun,
at most 12 words (not cut inside a hyphenated word); ``start``/``end`` cover the sentence.
A negated cue ("did not oppose") is dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline.document import Mention, Polarity, Quote, Sentence, Stance
from storyline.stages.quotes import MentionIndex
from storyline.stages.registry import StageInput, StageOutput, stage
from storyline.stages.token_table import ADJ, NOUN, VERB, Positions, TokenTable

VERB_POLARITY: dict[str, Polarity] = {
    "oppose": "oppose",
    "reject": "oppose",
    "condemn": "oppose",
    "criticise": "oppose",
    "criticize": "oppose",
    "denounce": "oppose",
    "resist": "oppose",
    "protest": "oppose",
    "deplore": "oppose",
    "support": "support",
    "back": "support",
    "endorse": "support",
    "welcome": "support",
    "reaffirm": "support",
    "favour": "support",
    "favor": "support",
    "champion": "support",
    "uphold": "support",
    "applaud": "support",
    "praise": "support",
    "counter": "oppose",
}
# verbs of compliance: negated ("will not adhere to", "refused to accept") they state opposition
COMPLY_PREP: dict[str, str] = {"adhere": "to", "comply": "with", "abide": "by", "submit": "to"}
COMPLY_OBJ = frozenset({"recognise", "recognize", "accept", "join", "sign", "ratify", "honour"})
REFUSE_VERBS = frozenset({"refuse", "decline"})
# verbs whose subject also holds the stance of their infinitive ("pledged to oppose X")
_CLIMB_DEPS = frozenset({"conj", "xcomp", "acomp", "ccomp", "dep", "advcl"})
# verb (or adjective) + preposition → polarity
PREP_POLARITY: dict[tuple[str, str], Polarity] = {
    ("warn", "against"): "oppose",
    ("stand", "against"): "oppose",
    ("speak", "against"): "oppose",
    ("caution", "against"): "oppose",
    ("object", "to"): "oppose",
    ("concerned", "about"): "oppose",
    ("concerned", "over"): "oppose",
    ("concerned", "by"): "oppose",
    ("stand", "by"): "support",
    ("stand", "with"): "support",
    ("worried", "about"): "oppose",
    ("alarmed", "by"): "oppose",
    ("opposed", "to"): "oppose",
    ("critical", "of"): "oppose",
    ("hostile", "to"): "oppose",
    ("supportive", "of"): "support",
}
NOUN_POLARITY: dict[tuple[str, str], Polarity] = {
    ("opposition", "to"): "oppose",
    ("objection", "to"): "oppose",
    ("support", "for"): "support",
    ("backing", "for"): "support",
    ("denouncement", "of"): "oppose",
    ("condemnation", "of"): "oppose",
    ("rejection", "of"): "oppose",
    ("criticism", "of"): "oppose",
    ("endorsement", "of"): "support",
}
_STANCE_NOUNS = frozenset(n for n, _ in NOUN_POLARITY)
_PREP_HEADS = frozenset(w for w, _ in PREP_POLARITY)
# the lemmas of the verbs that can be cues with an object or of compliance
_VERB_CUES = frozenset(VERB_POLARITY) | COMPLY_OBJ | frozenset(COMPLY_PREP)
# a document that states the positions of its issuers ("a joint statement issued by X and Y")
_STATEMENT_NOUNS = frozenset({"statement", "declaration", "communique", "communiqué"})
STATING_VERBS = frozenset(
    {
        "voice", "express", "reaffirm", "reiterate", "declare", "show", "pledge", "offer",
        "give", "state", "signal", "confirm", "announce", "extend", "restate", "register",
    }
)  # fmt: skip
# a reaffirmed "support for X" is the noun's stance, not "reaffirm" of the noun
_COLLECTIVE = frozenset({"countries", "sides", "nations", "states", "parties", "governments"})
_LEADERS = frozenset({"presidents", "leaders", "ministers", "premiers", "chancellors"})
_PAIR_NOUNS = frozenset({"side", "country", "nation", "government"})
_ARTICLES = frozenset({"the", "a", "an"})
_FIRST_PERSON = frozenset({"we", "i", "us"})
_MAX_TARGET_WORDS = 12


def _negated(tok: Any) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    head = tok.head
    return tok.dep_ in {"xcomp", "acomp"} and any(c.dep_ == "neg" for c in head.children)


def _refused(tok: Any) -> bool:
    """``tok`` is the infinitive of "refused to" / "declined to" (or conjoined with one);
    not of a negated refusal ("did not refuse to accept")."""
    cur = tok.head if tok.dep_ == "conj" else tok
    if cur.dep_ != "xcomp" or cur.head.lemma_.lower() not in REFUSE_VERBS:
        return False
    return not any(c.dep_ == "neg" for c in cur.head.children)


def _subject(tok: Any, passive_ok: bool = False) -> Any | None:
    """The subject of ``tok``'s clause, climbing from an infinitive, a conjunct, a
    complement or an adverbial gerund ("backed Y by opposing Z") to the verb above."""
    cur = tok
    for _ in range(5):
        for c in cur.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and not (
                c.dep_ == "nsubjpass" and cur.lemma_ in VERB_POLARITY and not passive_ok
            ):
                return c
        for aux in (c for c in cur.children if c.dep_ in {"aux", "auxpass"}):
            for c in aux.children:  # "Poland is opposed to" parsed with Poland under "is"
                if c.dep_ in {"nsubj", "nsubjpass"}:
                    return c
        agents = [c for c in cur.children if c.dep_ == "agent"]
        for a in agents:
            objs = [g for g in a.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
        if cur.dep_ in _CLIMB_DEPS and cur.head is not cur:
            cur = cur.head
            continue
        if cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.lower_ in {"by", "in"}:
            cur = cur.head.head
            continue
        break
    return None


def _conjuncts(tok: Any) -> list[Any]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_conjuncts(c))
    return out


def _span(tok: Any) -> tuple[int, int]:
    sub = list(tok.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1])


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue token, the token whose subject holds the stance, the object and polarity."""

    tok: Any
    bearer: Any
    obj: Any
    polarity: Polarity
    words: str
    passive_ok: bool = False  # "Poland is opposed to": the passive subject holds it
    holder: Any | None = None  # the holder token itself (a statement's issuers)


class StanceFinder:
    def __init__(
        self,
        doc: Any,
        text: str,
        sentences: Sequence[Sentence],
        mentions: Sequence[Mention],
        quotes: Sequence[Quote],
    ) -> None:
        self.doc = doc
        self.text = text
        self.sentences = sorted((s.start, s.end) for s in sentences) or [(0, len(text))]
        self.index = MentionIndex(mentions)
        self.mentions = list(mentions)
        self.quotes = list(quotes)

    # ------------------------------------------------------------------ holders

    def _holders(self, subj: Any) -> tuple[tuple[tuple[int, int], ...], str]:
        a, b = _span(subj)
        cut = [t for t in subj.subtree if t.i > subj.i and t.text in {",", "(", "—"}]
        if cut and not any(c.dep_ == "conj" for c in subj.children):
            b = cut[0].idx
        holder_text = self.text[a:b].strip()
        low = subj.lower_
        if low in _FIRST_PERSON:
            for q in self.quotes:
                if q.start <= subj.idx < q.end and q.speaker_start is not None:
                    assert q.speaker_end is not None
                    return ((q.speaker_start, q.speaker_end),), holder_text
            return (), holder_text
        if subj.pos_ == "PRON":
            antecedent = self._antecedent(subj)
            if antecedent is None:
                return (), holder_text
            return self._holders(antecedent)
        collective = low in _COLLECTIVE or low == "both" or subj.lemma_.lower() in _PAIR_NOUNS
        if collective and any(t.lower_ in {"two", "both"} for t in subj.subtree):
            return self._salient_pair(subj.idx) or self._pair_before(subj.idx), holder_text
        if low in _LEADERS and any(t.lower_ in {"two", "both"} for t in subj.subtree):
            pair = self._pair_before(subj.idx, "PERSON") or self._salient_pair(subj.idx)
            return pair or self._pair_before(subj.idx), holder_text
        found: list[tuple[int, int]] = []
        for conj in _conjuncts(subj):
            m = self.index.at(conj.idx)
            if m is None:
                ca, cb = _span(conj)
                inside = [x for x in self.index.within(ca, cb) if x.label != "NORP"]
                m = inside[0] if inside and conj.pos_ == "PROPN" else None
            if m is not None and (m.start, m.end) not in found:
                found.append((m.start, m.end))
        return tuple(found), holder_text

    def _antecedent(self, pron: Any) -> Any | None:
        """What "they"/"it" stands for: the subject of a governing verb ("X and Y said they
        were concerned"; "Canada reaffirmed … and it opposed"), else the most recent actor of
        the same number in this or the previous sentence (for "they", coordinated names)."""
        plural = pron.lower_ == "they"
        if not plural and pron.lower_ != "it":
            return None
        cur = pron.head
        for _ in range(5):
            if cur.dep_ not in _CLIMB_DEPS or cur.head is cur:
                break
            cur = cur.head
            subj = next((c for c in cur.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is None or subj.pos_ == "PRON":
                continue
            if self._number_fits(subj, plural):
                return subj
            break
        sent_start = pron.sent.start
        prev = self.doc[sent_start - 1].sent.start if sent_start > 0 else 0
        limit = self.doc[prev].idx
        for m in self.index.before(pron.idx):
            if m.start < limit:
                break
            if m.label not in {"GPE", "ORG"}:
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            first = root.head if root.dep_ == "conj" else root
            if plural == any(c.dep_ == "conj" for c in first.children):
                return first
        return None

    def _number_fits(self, subj: Any, plural: bool) -> bool:
        coordinated = any(c.dep_ == "conj" for c in subj.children)
        if plural:
            return coordinated or subj.tag_ in {"NNS", "NNPS"}
        m = self.index.at(subj.idx)
        if m is not None:
            return m.label in {"GPE", "ORG"} and not coordinated
        return subj.tag_ == "NN" and not coordinated

    def _salient_pair(self, offset: int) -> tuple[tuple[int, int], ...]:
        """The document's main pair of states: coordinated somewhere ("Russia and China")
        and, of all such pairs, the most mentioned.

        In a report on two countries' relations, "the two countries" and "both sides" mean
        those two, not whichever pair was named last.
        """
        counts: Counter[str] = Counter()
        spans: dict[str, list[tuple[int, int]]] = {}
        for m in self.mentions:
            if m.label not in ("GPE", "NORP") or m.kb_id is None:
                continue
            counts[m.kb_id] += 1
            if m.label == "GPE":
                spans.setdefault(m.kb_id, []).append((m.start, m.end))
        pairs: set[tuple[str, str]] = set()
        for m in self.mentions:
            if m.label != "GPE" or m.kb_id is None:
                continue
            partner = self._coordinated_with(m)
            if partner is not None and partner.kb_id not in (None, m.kb_id):
                pairs.add(tuple(sorted((m.kb_id, str(partner.kb_id)))))  # type: ignore[arg-type]
        if not pairs:
            return ()
        best = max(sorted(pairs), key=lambda p: counts[p[0]] + counts[p[1]])
        if counts[best[0]] + counts[best[1]] < 6:
            return ()
        chosen = []
        for key in best:
            before = [sp for sp in spans[key] if sp[0] < offset]
            chosen.append(before[-1] if before else spans[key][0])
        return tuple(sorted(chosen))

    def _coordinated_with(self, m: Mention) -> Mention | None:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.root.dep_ != "conj":
            return None
        other = self.index.at(span.root.head.idx)
        return other if other is not None and other.label == "GPE" else None

    def _pair_before(self, offset: int, label: str = "GPE") -> tuple[tuple[int, int], ...]:
        """The two most recent coordinated places ("Russia and China") before ``offset``
        (or people, for ``label="PERSON"``)."""
        for m in self.index.before(offset):
            if m.label != label:
                continue
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            partner = root.head if root.dep_ == "conj" else None
            if partner is None:
                continue
            other = self.index.at(partner.idx)
            if other is not None and other.label == label and other != m:
                return ((other.start, other.end), (m.start, m.end))
        return ()

    # ------------------------------------------------------------------- target

    def _target(self, tok: Any) -> tuple[int, int] | None:
        toks = list(tok.subtree)
        kept: list[Any] = []
        for t in toks:
            if t.i > tok.i and (
                t.text in {",", ";", "—", "–", "(", ":"}
                or t.dep_ == "relcl"
                or "\n" in t.text
                or (t.dep_ == "conj" and t.lemma_.lower() in _STANCE_NOUNS)
            ):
                break
            kept.append(t)
        while kept and (kept[0].lower_ in _ARTICLES or kept[0].is_punct):
            kept = kept[1:]
        while kept and (kept[-1].is_punct or kept[-1].lower_ in {"and", "or"}):
            kept = kept[:-1]
        if not kept:
            return None
        if len([t for t in kept if not t.is_punct]) > _MAX_TARGET_WORDS:
            kept = kept[: _MAX_TARGET_WORDS + 1]
            while kept and not kept[-1].whitespace_ and kept[-1].i + 1 < len(self.doc):
                kept = kept[:-1]  # do not cut inside a hyphenated word ("Asia-Pacific")
            while kept and kept[-1].pos_ in {"ADP", "DET", "CCONJ", "PUNCT", "PART"}:
                kept = kept[:-1]
        if not kept:
            return None
        a, b = kept[0].idx, kept[-1].idx + len(kept[-1])
        while b > a and self.text[b - 1] in "'\"”’‘“":
            b -= 1
        while a < b and self.text[a] in "'\"”’‘“":
            a += 1
        return (a, b) if b > a else None

    @staticmethod
    def _pobj(prep: Any) -> Any | None:
        objs = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
        return objs[0] if objs else None

    # -------------------------------------------------------------------- cues

    def _cues(self) -> list[Cue]:
        """Every cue of the document, with the token whose subject holds it."""
        found: list[Cue] = []
        for tok in _cue_candidates(TokenTable(self.doc)):
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB" and self._verb_cues(tok, lemma, found):
                continue
            if tok.pos_ in {"VERB", "ADJ"} or lemma == "concerned":
                for prep in tok.children:
                    keys = [(tok.lower_, prep.lower_), (lemma, prep.lower_)]
                    key = next((k for k in keys if k in PREP_POLARITY), None)
                    if prep.dep_ != "prep" or key is None:
                        continue
                    obj = self._pobj(prep)
                    if obj is None or _negated(tok) or _refused(tok):
                        continue
                    words = f"{tok.text} {prep.text}"
                    found.append(Cue(tok, tok, obj, PREP_POLARITY[key], words, passive_ok=True))
            if tok.pos_ == "NOUN":
                for prep in self._noun_preps(tok):
                    key = (lemma, prep.lower_)
                    if key not in NOUN_POLARITY:
                        continue
                    obj = self._pobj(prep)
                    if obj is None:
                        continue
                    words = f"{tok.text} {prep.text}"
                    bearer = self._noun_bearer(tok)
                    if bearer is not None and not _negated(bearer):
                        found.append(Cue(tok, bearer, obj, NOUN_POLARITY[key], words))
                    elif bearer is None and (issuer := self._issuer(tok)) is not None:
                        found.append(Cue(tok, tok, obj, NOUN_POLARITY[key], words, holder=issuer))
        return found

    def _verb_cues(self, tok: Any, lemma: str, found: list[Cue]) -> bool:
        """Cues of a verb with an object; True when ``tok`` was read as one."""
        inner = tok.head if tok.dep_ == "conj" else tok
        under_refusal = inner.dep_ == "xcomp" and inner.head.lemma_.lower() in REFUSE_VERBS
        refused = _refused(tok)
        if under_refusal and not refused:
            return True  # "did not refuse to accept X": no position either way
        negated = _negated(tok) and not refused
        if lemma in VERB_POLARITY:
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            if not objs:
                return False
            obj = objs[0]
            pol = VERB_POLARITY[lemma]
            if lemma in STATING_VERBS | {"reaffirm", "welcome"} and obj.lemma_ in {
                "support",
                "opposition",
            }:
                return True  # "reaffirmed support for X": the noun's stance
            if negated:
                return True
            if refused:  # "refused to back X" opposes X; "refused to condemn X" says nothing
                if pol == "support":
                    found.append(Cue(tok, tok, obj, "oppose", f"{tok.head.text} to {tok.text}"))
                return True
            found.append(Cue(tok, tok, obj, pol, tok.text))
            return True
        if not (negated or refused):
            return False
        not_ = f"{tok.head.text} to" if refused else "not"
        if lemma in COMPLY_OBJ:
            for obj in (c for c in tok.children if c.dep_ == "dobj"):
                found.append(Cue(tok, tok, obj, "oppose", f"{not_} {tok.text}"))
                return True
        if lemma in COMPLY_PREP:
            for prep in tok.children:
                obj = self._pobj(prep) if prep.lower_ == COMPLY_PREP[lemma] else None
                if obj is not None:
                    found.append(Cue(tok, tok, obj, "oppose", f"{not_} {tok.text} {prep.text}"))
                    return True
        return False

    def _issuer(self, noun: Any) -> Any | None:
        """For a stance noun listed after a colon ("A joint statement by X and Y …: a
        denouncement of Z"), the statement's issuers, when named in the same sentence."""
        sent = noun.sent
        colons = [t for t in sent if t.text == ":" and t.i < noun.i]
        if not colons:
            return None
        for st in sent:
            if st.i >= colons[-1].i or st.lemma_.lower() not in _STATEMENT_NOUNS:
                continue
            for c in st.children:
                if c.dep_ == "poss":
                    return c
                if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"}:
                    obj = self._pobj(c)
                    if obj is not None and obj.pos_ == "PROPN":
                        return obj
                if c.dep_ == "acl":  # "issued by X and Y"
                    for a in c.children:
                        if a.dep_ == "agent" and (obj := self._pobj(a)) is not None:
                            return obj
            head = st.head
            if st.dep_ == "dobj" and head.lemma_.lower() in {"issue", "sign", "release", "adopt"}:
                subj = _subject(head)
                if subj is not None and subj.pos_ == "PROPN":
                    return subj
        return None

    @staticmethod
    def _noun_preps(tok: Any) -> list[Any]:
        preps = [c for c in tok.children if c.dep_ == "prep"]
        if not preps and tok.dep_ == "conj":  # "understanding and support for": on the first
            preps = [c for c in tok.head.children if c.dep_ == "prep"]
        if not preps:  # "understanding and support for" parsed with "for" on the last conj
            for c in tok.children:
                if c.dep_ == "conj":
                    preps = [g for g in c.children if g.dep_ == "prep"]
        return preps

    @staticmethod
    def _noun_bearer(tok: Any) -> Any | None:
        """The token whose subject holds a noun's stance (or the noun, for a possessor)."""
        if any(c.dep_ == "poss" for c in tok.children):
            return tok
        head = tok.head if tok.dep_ != "conj" else tok.head.head
        first = tok if tok.dep_ != "conj" else tok.head
        if first.dep_ == "dobj" and head.lemma_.lower() in STATING_VERBS:
            return head
        return None

    def find(self) -> tuple[Stance, ...]:
        out: list[Stance] = []
        seen: set[tuple[int, int, str]] = set()
        for cue in self._cues():
            bearer, obj, pol, words = cue.bearer, cue.obj, cue.polarity, cue.words
            poss = [c for c in bearer.children if c.dep_ == "poss"] if bearer is cue.tok else []
            if cue.holder is not None:
                subj = cue.holder
            elif poss and bearer.pos_ == "NOUN":
                subj = poss[0]
            else:
                subj = _subject(bearer, passive_ok=cue.passive_ok)
            if subj is None:
                continue
            target = self._target(obj)
            if target is None:
                continue
            holders, holder_text = self._holders(subj)
            if not holder_text:
                continue
            s_start, s_end = self._sentence(cue.tok.idx)
            key = (target[0], target[1], pol)
            if key in seen:
                continue
            seen.add(key)
            out.append(
                Stance(
                    start=s_start,
                    end=s_end,
                    holders=holders,
                    holder_text=holder_text,
                    polarity=pol,
                    target=self.text[target[0] : target[1]],
                    target_start=target[0],
                    target_end=target[1],
                    cue=words,
                )
            )
        return tuple(sorted(out, key=lambda s: (s.start, s.target_start)))

    def _sentence(self, offset: int) -> tuple[int, int]:
        for a, b in self.sentences:
            if a <= offset < b:
                return a, b
        return 0, len(self.text)


def _cue_candidates(table: TokenTable) -> list[Any]:
    """The tokens that ``StanceFinder._cues`` can read as a cue, in text order: a verb with
    an object or of compliance, a listed stance noun, and a verb, an adjective or
    "concerned" heading a preposition (``_prep_cues``). No other token adds a cue, so the
    Token objects of the rest of the document are never built."""
    return table.tokens(
        table.with_lemma(_VERB_CUES, table.with_pos(VERB)),
        table.with_lemma(_STANCE_NOUNS, table.with_pos(NOUN)),
        _prep_cues(table, table.heads_of("prep")),
    )


def _prep_cues(table: TokenTable, heads: Positions) -> list[int]:
    """The ``heads`` of a preposition that can start a listed pair (``PREP_POLARITY``):
    a verb or an adjective, or "concerned" whatever its part of speech, whose lemma or
    word comes first in a pair."""
    by_lemma: list[int] = []
    others: list[int] = []  # verbs and adjectives whose lemma is not listed: by their word
    for i, pos, lemma in zip(
        heads.tolist(), table.pos_at(heads), table.lemmas_at(heads), strict=True
    ):
        if (pos in (VERB, ADJ) or lemma == "concerned") and lemma in _PREP_HEADS:
            by_lemma.append(i)
        elif pos in (VERB, ADJ):
            others.append(i)
    return by_lemma + table.with_lower_among(_PREP_HEADS, others)


def find_stances(
    doc: Any,
    text: str,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
) -> tuple[Stance, ...]:
    """The stances stated in one parsed document, in text order."""
    return StanceFinder(doc, text, sentences, mentions, quotes).find()


@stage("stances", version=2, adds=["stances"], needs=["parse", "sentences", "mentions", "quotes"])
def stances(inp: StageInput) -> StageOutput:
    layers = inp.layers
    sentences = [s for s in layers.get("sentences", ()) if isinstance(s, Sentence)]
    mentions = [m for m in layers.get("mentions", ()) if isinstance(m, Mention)]
    quotes = [q for q in layers.get("quotes", ()) if isinstance(q, Quote)]
    return {"stances": find_stances(inp.parse, inp.document.text, sentences, mentions, quotes)}
