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


def default_chain() -> tuple[StageSpec, ...]:
    """The registered stages of the default chain, checked."""
    specs = tuple(REGISTRY[name] for name in DEFAULT_CHAIN)
    check_chain(specs)
    return specs
