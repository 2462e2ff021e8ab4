"""The per-document stages, in the order they run. Importing this registers them all."""

from __future__ import annotations

from storyline.stages import (  # noqa: F401  (registration)
    entities,
    events,
    figures,
    quotes,
    sentences,
    stances,
    times,
)
from storyline.stages.registry import REGISTRY, StageSpec, check_chain

DEFAULT_CHAIN: tuple[str, ...] = (
    "sentences",
    "entities",
    "quotes",
    "stances",
    "figures",
    "times",
    "events",
)


def default_chain(language: str = "en") -> tuple[StageSpec, ...]:
    """The registered stages of the default chain, checked; for Russian or Chinese, that
    language's chain (:mod:`storyline.lang`, imported only then)."""
    if language != "en":
        from storyline.lang import chain

        return chain(language)
    specs = tuple(REGISTRY[name] for name in DEFAULT_CHAIN)
    check_chain(specs)
    return specs
