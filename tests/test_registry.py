"""The stage registry checks the chain before a run starts."""

from __future__ import annotations

import pytest

from storyline.document import Document, Metadata
from storyline.errors import PipelineError
from storyline.stages import DEFAULT_CHAIN, default_chain
from storyline.stages.registry import StageInput, StageOutput, StageSpec, check_chain, run_stages


def _fn(out: dict[str, tuple[object, ...]]) -> StageSpec:
    def f(inp: StageInput) -> StageOutput:
        return out

    return StageSpec("s", 1, tuple(out), (), f)


def spec(name: str, adds: tuple[str, ...], needs: tuple[str, ...] = ()) -> StageSpec:
    def f(inp: StageInput) -> StageOutput:
        return {a: () for a in adds}

    return StageSpec(name, 1, adds, needs, f)


def test_default_chain_is_consistent() -> None:
    specs = default_chain()
    assert [s.name for s in specs] == list(DEFAULT_CHAIN)
    assert all(s.version >= 1 for s in specs)


def test_missing_dependency_is_reported_before_running() -> None:
    with pytest.raises(PipelineError, match="needs sentences"):
        check_chain([spec("entities", ("mentions",), ("parse", "sentences"))])


def test_stage_listed_twice_is_rejected() -> None:
    with pytest.raises(PipelineError, match="twice"):
        check_chain([spec("a", ("x",)), spec("a", ("y",))])


def test_two_stages_adding_the_same_layer_are_rejected() -> None:
    with pytest.raises(PipelineError, match="already adds"):
        check_chain([spec("a", ("x",)), spec("b", ("x",))])


def test_stage_must_return_what_it_declares() -> None:
    doc = Document("d_1", "x.txt", "Some text.", Metadata())
    bad = StageSpec("bad", 1, ("x",), (), lambda inp: {"y": ()})
    with pytest.raises(PipelineError, match="declares"):
        run_stages([bad], doc, parse=None)


def test_stages_see_earlier_layers() -> None:
    doc = Document("d_1", "x.txt", "Some text.", Metadata())
    first = StageSpec("first", 1, ("x",), (), lambda inp: {"x": (1,)})
    second = StageSpec("second", 1, ("y",), ("x",), lambda inp: {"y": inp.layers["x"] * 2})
    layers = run_stages([first, second], doc, parse=None)
    assert layers == {"x": (1,), "y": (1, 1)}
