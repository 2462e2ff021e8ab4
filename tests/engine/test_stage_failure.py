"""A stage that raises on one article skips that article, names the stage and the error,
and the run goes on with the others (in this process and in a worker's code path)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.document import RawArticle, Skipped
from storyline.engines.workers import _Settings, _Worker
from storyline.stages import REGISTRY
from storyline.stages.registry import StageInput, signature
from storyline.store import StoreReader, StoreWriter

POISON = "Quarlbeck"  # a made-up word: the failing stage raises on articles that contain it

GOOD = [
    "Mayor Dana Whitlock met farmers in Ostrava on Monday. She promised 2 million euros.",
    "Council leader Piet Vahl said the new bridge would open in May.",
]
BAD = f"The {POISON} committee met on Friday and approved the budget of 5 million euros."


@pytest.fixture
def failing_figures(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    spec = REGISTRY["figures"]

    def boom(item: StageInput) -> dict[str, tuple[object, ...]]:
        if POISON in item.document.text:
            raise ZeroDivisionError("a made-up fault")
        return spec.func(item)

    monkeypatch.setitem(REGISTRY, "figures", dataclasses.replace(spec, func=boom))
    yield


def test_the_run_skips_the_article_and_stores_the_others(
    tmp_path: Path, failing_figures: None
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate([*GOOD, BAD]):
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "story.db"
    result = CliRunner().invoke(app, ["analyze", str(folder), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "stage figures@" in result.output and "ZeroDivisionError" in result.output
    with StoreReader(db) as reader:
        assert reader.counts()["documents"] == 2
        (skipped,) = reader.skipped()
    assert skipped.source.endswith("a2.txt")
    assert "ZeroDivisionError: a made-up fault" in skipped.reason
    assert "report the article" in skipped.reason


def test_a_worker_returns_a_skip_in_place_of_the_document(
    tmp_path: Path, failing_figures: None
) -> None:
    from storyline.stages import default_chain

    db = tmp_path / "story.db"
    StoreWriter(db).close()  # an empty story: nothing stored yet
    worker = _Worker(_Settings(str(db), signature(default_chain()), 4))
    try:
        out = worker.run([RawArticle(f"r{i}", t, "text") for i, t in enumerate([*GOOD, BAD])])
    finally:
        worker.reader.close()
    assert [type(p).__name__ for p, _ in out] == ["Document", "Document", "Skipped"]
    assert all(layers is not None for _, layers in out[:2])
    skipped, layers = out[2]
    assert isinstance(skipped, Skipped) and layers is None
    assert skipped.source == "r2" and "stage figures@" in skipped.reason
