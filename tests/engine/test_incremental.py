"""Incremental runs, `storyline remove` and `--workers`: the story is always the one a
fresh run over the same inputs would build, and stored documents are not parsed again."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from storyline.document import Analysis, Document
from storyline.engines import loader, local
from storyline.export.json_export import build_export
from storyline.store import StoreReader
from tests.e2e.conftest import run_cli
from tests.engine.articles import FJORD_POST, HARBOUR_LEDGER, NORTH_WIRE, corpus, write

pytestmark = pytest.mark.slow


def story(db: Path) -> dict[str, Any]:
    with StoreReader(db) as reader:
        return build_export(reader)


def same_story(a: dict[str, Any], b: dict[str, Any]) -> None:
    """Two exports are the same story (compared section by section for readable failures)."""
    assert a.keys() == b.keys()
    for key in a:
        assert a[key] == b[key], key


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources of every document the NLP backbone and the stages run on."""
    seen: list[str] = []
    real = local.analyse_documents

    def counting(documents: Sequence[Document], *args: Any, **kw: Any) -> Iterator[Analysis]:
        docs = list(documents)
        seen.extend(d.source for d in docs)
        return real(docs, *args, **kw)

    monkeypatch.setattr(local, "analyse_documents", counting)
    return seen


def entity_docs(export: dict[str, Any], name: str) -> set[str]:
    return {m["doc"] for e in export["entities"] if e["name"] == name for m in e["mentions"]}


def test_new_articles_join_the_story_without_parsing_stored_ones(
    tmp_path: Path, parsed: list[str]
) -> None:
    fjord = write(tmp_path / "in" / "fjord.txt", FJORD_POST)
    north = write(tmp_path / "in" / "north.txt", NORTH_WIRE)
    db = tmp_path / "s.db"
    local.analyze([str(fjord)], db)
    before = story(db)
    assert parsed == [str(fjord)]

    report = local.analyze([str(fjord), str(north)], db)

    assert parsed == [str(fjord), str(north)]  # the stored article was not parsed again
    assert report.unchanged == [str(fjord)] and report.analysed == [str(north)]
    after = story(db)
    fresh_db = tmp_path / "fresh.db"
    local.analyze([str(fjord), str(north)], fresh_db)
    same_story(after, story(fresh_db))
    # the views now hold the new article: one entity across both, and shared groups
    ids = {d["source"]: d["id"] for d in after["documents"]}
    both = {ids[str(fjord)], ids[str(north)]}
    assert entity_docs(after, "Kari Holm") == both
    assert entity_docs(before, "Kari Holm") == {ids[str(fjord)]}
    grouped = [g for g in after["figure_groups"] if len(g["figures"]) > 1]
    assert grouped, after["figure_groups"]
    mention_docs = [{m["doc"] for m in e["mentions"]} for e in after["events"]]
    assert any(docs == both for docs in mention_docs), after["events"]
    # stored rows of the first article are untouched
    assert [d for d in before["documents"]] == [
        d for d in after["documents"] if d["source"] == str(fjord)
    ]


def test_remove_gives_the_story_without_the_source(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    fjord = write(folder / "fjord.txt", FJORD_POST)
    north = write(folder / "north.txt", NORTH_WIRE)
    harbour = write(folder / "harbour.txt", HARBOUR_LEDGER)
    copy = write(tmp_path / "copies" / "fjord.txt", FJORD_POST)
    db = tmp_path / "s.db"
    assert run_cli("analyze", str(folder), str(copy), "--db", str(db), "-q").exit_code == 0

    result = run_cli("remove", str(north), "--db", str(db))

    assert result.exit_code == 0, result.output
    assert "removed 1 sources; 1 documents deleted" in result.output
    expected_db = tmp_path / "expected.db"
    local.analyze([str(fjord), str(harbour), str(copy)], expected_db)
    same_story(story(db), story(expected_db))
    with StoreReader(db) as reader:
        counts = reader.counts()
    assert counts["documents"] == 2

    # a document another source still gives stays, with that source as its first
    assert run_cli("remove", str(folder), "--db", str(db)).exit_code == 0
    left = story(db)
    (doc,) = left["documents"]
    assert doc["source"] == str(copy) and doc["sources"] == [str(copy)]
    assert entity_docs(left, "Kari Holm") == {doc["id"]}
    only_copy = tmp_path / "copy.db"
    local.analyze([str(copy)], only_copy)
    same_story(left, story(only_copy))


def test_remove_of_an_unknown_source_says_what_to_do(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    local.analyze([str(write(tmp_path / "a.txt", HARBOUR_LEDGER))], db)
    result = run_cli("remove", str(tmp_path / "nothing.txt"), "--db", str(db))
    assert result.exit_code == 1
    assert "no stored source" in result.output and "storyline info" in result.output
    missing = run_cli("remove", "x.txt", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 2 and "no such database" in missing.output


def test_workers_build_the_same_story_as_one_process(tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in")
    one, many = tmp_path / "one.db", tmp_path / "many.db"
    serial = local.analyze([str(folder)], one, batch_size=2)
    parallel = local.analyze([str(folder)], many, workers=2, batch_size=2)

    assert len(parallel.analysed) == len(serial.analysed) == 4
    for field in ("analysed", "unchanged", "duplicates", "not_analysed", "skipped"):
        assert getattr(parallel, field) == getattr(serial, field), field
    same_story(story(one), story(many))
    again = local.analyze([str(folder)], many, workers=2, batch_size=2)
    assert not again.analysed and len(again.unchanged) == 5
    assert json.dumps(story(many)) == json.dumps(story(one))


def test_an_edited_article_replaces_its_older_version(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    fjord = write(folder / "fjord.txt", FJORD_POST)
    write(folder / "north.txt", NORTH_WIRE)
    copy = write(tmp_path / "copies" / "fjord.txt", FJORD_POST)
    db = tmp_path / "s.db"
    assert run_cli("analyze", str(folder), str(copy), "--db", str(db), "-q").exit_code == 0

    # the outlet corrects its article: the same input now gives another text
    edited = FJORD_POST + "\n\nThis article was corrected to give the minister's full title."
    write(fjord, edited)
    assert run_cli("analyze", str(folder), str(copy), "--db", str(db), "-q").exit_code == 0
    expected_db = tmp_path / "expected.db"
    local.analyze([str(folder), str(copy)], expected_db)
    same_story(story(db), story(expected_db))

    # once no input gives the older version it goes, with all its facts
    write(copy, edited)
    assert run_cli("analyze", str(folder), str(copy), "--db", str(db), "-q").exit_code == 0
    fresh_db = tmp_path / "fresh.db"
    local.analyze([str(folder), str(copy)], fresh_db)
    same_story(story(db), story(fresh_db))
    with StoreReader(db) as reader:
        assert reader.counts()["documents"] == 2


@pytest.fixture
def resolutions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per full resolution of the story."""
    calls: list[int] = []
    real = local.resolve_story

    def counting(store: Any, **kw: Any) -> int:
        calls.append(1)
        return real(store, **kw)

    monkeypatch.setattr(local, "resolve_story", counting)
    return calls


def test_an_unchanged_rerun_does_not_resolve_the_story_again(
    tmp_path: Path, resolutions: list[int]
) -> None:
    fjord = write(tmp_path / "in" / "fjord.txt", FJORD_POST)
    north = write(tmp_path / "in" / "north.txt", NORTH_WIRE)
    db = tmp_path / "s.db"
    first = local.analyze([str(fjord), str(north)], db)
    assert resolutions == [1]
    before = story(db)
    again = local.analyze([str(fjord), str(north)], db)
    assert resolutions == [1] and again.entities == first.entities
    assert len(again.unchanged) == 2
    same_story(before, story(db))
    # a new article, a removed one and a changed resolution code each resolve again
    ledger = write(tmp_path / "in" / "ledger.txt", HARBOUR_LEDGER)
    local.analyze([str(ledger)], db)
    assert resolutions == [1, 1]
    local.remove(db, str(ledger))
    assert resolutions == [1, 1, 1]
    same_story(before, story(db))
    local.resolution_key.cache_clear()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(loader, "__version__", "0-upgraded")
            local.analyze([str(fjord)], db)
    finally:
        local.resolution_key.cache_clear()
    assert resolutions == [1, 1, 1, 1]


def test_a_resolution_that_did_not_finish_is_done_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fjord = write(tmp_path / "in" / "fjord.txt", FJORD_POST)
    db = tmp_path / "s.db"
    real = local.resolve_story

    def interrupted(store: Any, **kw: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(local, "resolve_story", interrupted)
    with pytest.raises(KeyboardInterrupt):
        local.analyze([str(fjord)], db)
    monkeypatch.setattr(local, "resolve_story", real)
    local.analyze([str(fjord)], db)
    fresh = tmp_path / "fresh.db"
    local.analyze([str(fjord)], fresh)
    same_story(story(fresh), story(db))


def test_an_unchanged_input_is_not_prepared_again_but_an_edited_one_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fjord = write(tmp_path / "in" / "fjord.txt", FJORD_POST)
    north = write(tmp_path / "in" / "north.txt", NORTH_WIRE)
    db = tmp_path / "s.db"
    local.analyze([str(tmp_path / "in")], db)
    prepared: list[str] = []
    real = local.prepare

    def counting(raw: Any) -> Any:
        prepared.append(raw.source)
        return real(raw)

    monkeypatch.setattr(local, "prepare", counting)
    again = local.analyze([str(tmp_path / "in")], db)
    assert prepared == [] and sorted(again.unchanged) == sorted([str(fjord), str(north)])
    write(tmp_path / "in" / "north.txt", NORTH_WIRE + "\n\nThe ferry company said more later.")
    edited = local.analyze([str(tmp_path / "in")], db)
    assert prepared == [str(north)]
    assert edited.unchanged == [str(fjord)] and edited.analysed == [str(north)]
    fresh = tmp_path / "fresh.db"
    local.analyze([str(tmp_path / "in")], fresh)
    same_story(story(fresh), story(db))
