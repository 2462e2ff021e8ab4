"""Stages: small functions over a document, registered under a versioned name.

A stage declares the layers it ``needs`` and the layers it ``adds`` (like spaCy's
``@Language.component``). ``parse`` is the layer the NLP backbone provides (the spaCy
``Doc`` of the clean text); it is never stored. The runner checks the chain with
:func:`check_chain` before it starts, so a missing dependency fails at once, not after
an hour of analysis.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.document import Document, Layers
from storyline.errors import PipelineError, StageFailed

PARSE = "parse"


@dataclass(frozen=True, slots=True)
class StageInput:
    """What a stage sees: the document, the spaCy parse of its text, and earlier layers."""

    document: Document
    parse: Any
    layers: Layers


StageOutput = Mapping[str, tuple[object, ...]]
StageFunc = Callable[[StageInput], StageOutput]


@dataclass(frozen=True, slots=True)
class StageSpec:
    """A registered stage: its name, version, what it needs and adds, and the function."""

    name: str
    version: int
    adds: tuple[str, ...]
    needs: tuple[str, ...]
    func: StageFunc

    @property
    def key(self) -> str:
        return f"{self.name}@{self.version}"


REGISTRY: dict[str, StageSpec] = {}


def stage(
    name: str, *, version: int, adds: Sequence[str], needs: Sequence[str] = ()
) -> Callable[[StageFunc], StageFunc]:
    """Register ``func`` as the stage ``name@version``; it must return exactly ``adds``."""

    def register(func: StageFunc) -> StageFunc:
        if name in REGISTRY:
            raise PipelineError(f"stage {name!r} is registered twice; rename one of them")
        REGISTRY[name] = StageSpec(name, version, tuple(adds), tuple(needs), func)
        return func

    return register


def check_chain(specs: Sequence[StageSpec]) -> None:
    """Fail before a run if a stage needs a layer that no earlier stage adds."""
    available = {PARSE}
    seen: set[str] = set()
    for spec in specs:
        if spec.name in seen:
            raise PipelineError(f"stage {spec.name!r} appears twice in the chain; list it once")
        seen.add(spec.name)
        missing = [n for n in spec.needs if n not in available]
        if missing:
            raise PipelineError(
                f"stage {spec.key} needs {', '.join(missing)}, which no earlier stage adds; "
                "put the stage that adds it first"
            )
        clash = [a for a in spec.adds if a in available]
        if clash:
            raise PipelineError(
                f"stage {spec.key} adds {', '.join(clash)}, which an earlier stage already adds"
            )
        available.update(spec.adds)


def run_stages(
    specs: Sequence[StageSpec], document: Document, parse: Any
) -> dict[str, tuple[object, ...]]:
    """Run the chain over one document and return every layer the stages added.

    A stage that raises is reported as :class:`StageFailed` naming the stage and the error,
    which the engines turn into a skipped article (spaCy's ``Language.pipe`` error handler
    plays the same part); a stage that returns other layers than it declares is a
    :class:`PipelineError`, a fault of the chain rather than of the article.
    """
    layers: dict[str, tuple[object, ...]] = {}
    for spec in specs:
        try:
            out = spec.func(StageInput(document, parse, layers))
        except Exception as exc:  # one article's failure must not end the run
            raise StageFailed(
                f"stage {spec.key} failed on this article ({type(exc).__name__}: {exc}); "
                "it is skipped and the run goes on: report the article with this message"
            ) from exc
        if set(out) != set(spec.adds):
            raise PipelineError(
                f"stage {spec.key} returned {sorted(out)} but declares {sorted(spec.adds)}"
            )
        layers.update(out)
    return layers


def signature(specs: Sequence[StageSpec]) -> str:
    """The versioned names of a chain, e.g. ``sentences@1,entities@1``; stored per document."""
    return ",".join(s.key for s in specs)
