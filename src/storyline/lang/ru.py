"""Russian: the natasha backbone and the ``ru.*`` stages.

The backbone (natasha 1.6: razdel segmentation, slovnet morphology and NER over navec
embeddings, pymorphy2 lemmas; every model ships inside the wheels) gives tokens with their
part of speech and lemma, sentences, and PER/LOC/ORG spans with their normal form.

* ``ru.sentences``: natasha's sentences, also cut at paragraph breaks.
* ``ru.entities``: NER spans (PER → PERSON, ORG → ORG, LOC → GPE) and the gazetteer's Russian
  names in any case («Путина», «России»); a mention's ``name`` is its nominative («Путин»).
* ``ru.quotes``: «…» and „…“ with a speech verb (заявил, сказал, отметил, подчеркнул,
  сообщил, добавил, пояснил…) before («Путин заявил: «…»») or after («…», — заявил Путин),
  reported speech («Путин заявил, что …») and «по словам X, …».
* ``ru.figures``: money (руб., долл., евро, юаней; тыс., млн, млрд, трлн) and percentages.
* ``ru.times``: see :mod:`storyline.lang.dates`.
* ``ru.events``: переговоры, встреча/встретились, визит, подписали (CONSULT, AGREE).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from storyline.document import Figure, Mention, Quote, Sentence
from storyline.lang.common import (
    events_from_cues,
    gazetteer_mention,
    label_of,
    merge,
    previous_person,
    quote,
    sentence_of,
    speaker_after,
    speaker_before,
    times_layer,
    unique_quotes,
)
from storyline.lang.names import find_ru
from storyline.stages.registry import StageInput, StageOutput, stage
from storyline.stages.sentences import split_at_breaks


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    pos: str
    lemma: str


@dataclass(frozen=True, slots=True)
class Parse:
    """natasha's analysis of one text: tokens, sentences and NER spans (with normal forms)."""

    tokens: tuple[Token, ...]
    sentences: tuple[tuple[int, int], ...]
    spans: tuple[tuple[int, int, str, str], ...]  # start, end, PER/LOC/ORG, normal form


class Backbone:
    """natasha's segmenter, morphology, NER and lemmatiser, loaded once."""

    def __init__(self) -> None:
        import pymorphy2_dicts_ru

        # pymorphy2 finds its dictionary through pkg_resources unless told where it is
        os.environ.setdefault("PYMORPHY2_DICT_PATH", pymorphy2_dicts_ru.get_path())
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

        embedding = NewsEmbedding()
        self.segmenter = Segmenter()
        self.morph = NewsMorphTagger(embedding)
        self.ner = NewsNERTagger(embedding)
        self.vocab = MorphVocab()

    def __call__(self, text: str) -> Parse:
        from natasha import Doc

        doc: Any = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph)
        doc.tag_ner(self.ner)
        tokens = []
        for t in doc.tokens:
            lemma = t.text.casefold()
            # lemmas are read for names and event words only: lemmatising every word
            # would cost a fifth of the parse
            if t.pos == "PROPN" or t.text.casefold().startswith(_LEMMA_PREFIXES):
                t.lemmatize(self.vocab)
                lemma = t.lemma or lemma
            tokens.append(Token(t.start, t.stop, t.text, t.pos or "", lemma))
        spans = []
        for s in doc.spans:
            s.normalize(self.vocab)
            spans.append((s.start, s.stop, s.type, s.normal or s.text))
        return Parse(tuple(tokens), tuple((s.start, s.stop) for s in doc.sents), tuple(spans))


# the beginnings of the words ru.events reads by lemma (see _EVENT_LEMMAS)
_LEMMA_PREFIXES = ("переговор", "встре", "визит", "саммит", "подпис", "соглашени")


@lru_cache(maxsize=1)
def load_backbone() -> Backbone:
    """The Russian backbone, loaded on first use (about a second)."""
    return Backbone()


def _parse(inp: StageInput) -> Parse:
    parse = inp.parse
    assert isinstance(parse, Parse)
    return parse


def _layer(inp: StageInput, name: str, kind: type[Any]) -> list[Any]:
    return [a for a in inp.layers[name] if isinstance(a, kind)]


@stage("ru.sentences", version=1, adds=["sentences"], needs=["parse"])
def sentences(inp: StageInput) -> StageOutput:
    text = inp.document.text
    out: list[Sentence] = []
    for start, end in _parse(inp).sentences:
        out.extend(split_at_breaks(text, start, end))
    return {"sentences": tuple(out)}


_UPPER_WORD = re.compile(r"[А-ЯЁA-Z]")


@stage("ru.entities", version=1, adds=["mentions"], needs=["parse", "sentences"])
def entities(inp: StageInput) -> StageOutput:
    text = inp.document.text
    parse = _parse(inp)
    words = [(t.start, t.end, t.text) for t in parse.tokens]
    gazetteer = []
    for i, j, entry in find_ru(words):
        start, end = words[i][0], words[j - 1][1]
        # a name's nominative: the gazetteer's own form when all its words matched
        gazetteer.append(
            gazetteer_mention(start, end, text[start:end], _nominative(parse, i, j), entry)
        )
    ner = []
    for start, end, kind, normal in parse.spans:
        label = label_of(kind)
        surface = text[start:end]
        if label is None or not _UPPER_WORD.match(surface):
            continue
        ner.append(Mention(start, end, surface, label, " ".join(normal.split())))
    return {"mentions": merge(ner, gazetteer)}


def _nominative(parse: Parse, i: int, j: int) -> str:
    words = []
    for t in parse.tokens[i:j]:
        lemma = t.lemma if t.pos == "PROPN" and t.lemma and not t.text.isupper() else t.text
        words.append(lemma[:1].upper() + lemma[1:] if t.text[:1].isupper() else lemma)
    return " ".join(words)


_CUE = (
    r"(?:заяв|сказа|отмет|подчеркн|сообщ|добав|поясн|указа|заверил|признал|уточн|"
    r"констатировал|напомн|предупред|говор|считает|полагает)\w*"
)
_QUOTED = re.compile(r"«(?P<a>[^«»]{4,}?)»|„(?P<b>[^„“]{4,}?)“|“(?P<c>[^“”]{4,}?)”")
_CUE_AFTER = re.compile(r"\s*[,.!?…]?\s*[—–-]\s*(?P<cue>" + _CUE + r")", re.IGNORECASE)
_CUE_BEFORE = re.compile(r"(?P<cue>" + _CUE + r")\s*:\s*$", re.IGNORECASE)
_THAT = re.compile(r"(?P<cue>" + _CUE + r"),\s+(?:что|будто)\s+", re.IGNORECASE)
_ACCORDING = re.compile(r"(?<!\w)(?P<cue>[Пп]о\s+(?:словам|мнению|данным|информации))\s+", re.U)
_PRONOUNS = frozenset({"он", "она", "они"})


@stage("ru.quotes", version=1, adds=["quotes"], needs=["parse", "sentences", "mentions"])
def quotes(inp: StageInput) -> StageOutput:
    text = inp.document.text
    sents = _layer(inp, "sentences", Sentence)
    mentions = _layer(inp, "mentions", Mention)
    found: list[Quote | None] = []
    for m in _QUOTED.finditer(text):
        q_start = m.start() + 1
        q_end = m.end() - 1
        sent = sentence_of(sents, m.start())
        after = _CUE_AFTER.match(text, m.end())
        if after is not None:
            cue_end = after.end()
            speaker = speaker_after(mentions, None, cue_end, 60)
            word = re.match(r"\s*(\w+)", text[cue_end:])
            if word and word.group(1).casefold() in _PRONOUNS:
                speaker = previous_person(mentions, m.start())
            found.append(quote(text, q_start, q_end, True, after.group("cue"), speaker))
            continue
        line_start = sent.start if sent is not None else max(0, m.start() - 200)
        before = _CUE_BEFORE.search(text, line_start, m.start())
        if before is not None:
            speaker = speaker_before(mentions, sent, before.start(), 60)
            found.append(quote(text, q_start, q_end, True, before.group("cue"), speaker))
    for sent in sents:
        for m in _THAT.finditer(text, sent.start, sent.end):
            speaker = speaker_before(mentions, sent, m.start(), 60)
            found.append(quote(text, m.end(), sent.end, False, m.group("cue"), speaker))
        for m in _ACCORDING.finditer(text, sent.start, sent.end):
            speaker = speaker_after(mentions, sent, m.end(), 3)
            comma = text.find(",", speaker.end if speaker else m.end(), sent.end)
            if speaker is not None and comma >= 0:
                found.append(quote(text, comma + 1, sent.end, False, m.group("cue"), speaker))
    return {"quotes": unique_quotes([q for q in found if q is not None])}


_NUMBER = r"(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)"
_SCALE = r"(?:\s*(?P<scale>трлн|млрд|млн|тыс)\.?)?"
_UNIT = r"\s*(?P<unit>руб\w*\.?|долл\w*\.?|\$|евро|юан\w*|%|процент\w*)"
_FIGURE = re.compile(r"(?<![\w\d])" + _NUMBER + _SCALE + _UNIT + r"(?!\w)", re.IGNORECASE)
_SCALES = {"тыс": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12}
_UNITS = (("руб", "RUB"), ("долл", "USD"), ("$", "USD"), ("евро", "EUR"), ("юан", "CNY"))


def _unit(word: str) -> str:
    w = word.casefold()
    if w == "%" or w.startswith("процент"):
        return "percent"
    return next(code for prefix, code in _UNITS if w.startswith(prefix))


@stage("ru.figures", version=1, adds=["figures"], needs=["parse", "sentences", "mentions"])
def figures(inp: StageInput) -> StageOutput:
    text = inp.document.text
    out = []
    for m in _FIGURE.finditer(text):
        number = re.sub(r"[ \u00a0\u202f]", "", m.group("num")).replace(",", ".")
        value = float(number) * _SCALES.get((m.group("scale") or "").casefold(), 1.0)
        out.append(Figure(m.start(), m.end(), m.group(0), value, _unit(m.group("unit"))))
    return {"figures": tuple(out)}


@stage("ru.times", version=1, adds=["times"], needs=["parse", "sentences"])
def times(inp: StageInput) -> StageOutput:
    return times_layer(inp, "ru")


_EVENT_LEMMAS = {
    "переговоры": ("CONSULT", "holds talks with"),
    "переговор": ("CONSULT", "holds talks with"),
    "встреча": ("CONSULT", "meets"),
    "встретиться": ("CONSULT", "meets"),
    "встречаться": ("CONSULT", "meets"),
    "визит": ("CONSULT", "visits"),
    "саммит": ("CONSULT", "holds a summit with"),
    "подписать": ("AGREE", "signs an agreement with"),
    "подписывать": ("AGREE", "signs an agreement with"),
    "соглашение": ("AGREE", "signs an agreement with"),
}


@stage(
    "ru.events",
    version=1,
    adds=["events"],
    needs=["parse", "sentences", "mentions", "times"],
)
def events(inp: StageInput) -> StageOutput:
    cues = []
    for t in _parse(inp).tokens:
        hit = _EVENT_LEMMAS.get(t.lemma)
        if hit is not None:
            cues.append((t.start, t.end, t.text, hit[0], hit[1]))
    return events_from_cues(inp, cues)
