"""The read model's stored views: the whole-story brief, the actor graph and the entity
counts are computed when resolution runs, equal what the read side would compute, and
are refreshed by every run that changes the documents (an incremental run, ``remove``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.engines import local
from storyline.store import StoreReader, StoreWriter
from storyline.story_views.brief import build_brief
from storyline.story_views.framing import build_framing
from storyline.story_views.present import framing_lines
from storyline.story_views.stored import (
    BRIEF,
    BRIEF_LINES,
    FRAMING,
    GRAPH_NODES,
    graph_name,
    story_brief,
    story_framing_lines,
)
from tests.e2e.conftest import run_cli
from tests.engine.articles import FJORD_POST, HARBOUR_LEDGER, NORTH_WIRE, write

pytestmark = pytest.mark.slow


def assert_stored_brief_is_computed_one(db: Path) -> None:
    with StoreReader(db) as reader:
        assert reader.story_view(BRIEF) is not None, "no current stored brief"
        for length in (1, 3, 5, 8, 10, BRIEF_LINES):
            assert story_brief(reader, length) == build_brief(reader, length=length), length


def stored_brief(db: Path) -> str:
    with StoreReader(db) as reader:
        raw = reader.story_view(BRIEF)
    assert raw is not None
    return raw


def test_stored_views_equal_the_computed_ones(corpus_db: Path) -> None:
    assert_stored_brief_is_computed_one(corpus_db)
    with StoreReader(corpus_db) as reader:
        brief = story_brief(reader)
        assert brief.lines and brief.documents == 5
        assert reader.story_view(FRAMING) is not None
        framing = story_framing_lines(reader)
        assert framing == framing_lines(build_framing(reader)) and len(framing) > 5
        graph = reader.story_view(graph_name(GRAPH_NODES))
        assert graph is not None
        assert json.loads(graph) == reader.queries.actor_graph(max_nodes=GRAPH_NODES)
        # the stored counts are the mentions and documents of each entity's links
        counted = {
            e["id"]: (len(e["mentions"]), len({m["doc"] for m in e["mentions"]}))
            for e in reader.entities()
        }
        rows, total = reader.queries.entity_page(limit=10_000)
    assert total == len(counted) and len(rows) == total
    assert {r["id"]: (r["mentions"], r["documents"]) for r in rows} == counted
    assert [r["mentions"] for r in rows] == sorted((r["mentions"] for r in rows), reverse=True)


def test_stored_brief_is_refreshed_by_incremental_runs_and_remove(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    fjord = write(folder / "fjord.txt", FJORD_POST)
    north = write(folder / "north.txt", NORTH_WIRE)
    harbour = write(folder / "harbour.txt", HARBOUR_LEDGER)
    db = tmp_path / "s.db"

    local.analyze([str(fjord)], db)
    assert_stored_brief_is_computed_one(db)
    first = stored_brief(db)

    local.analyze([str(fjord), str(north), str(harbour)], db)  # two new articles
    assert_stored_brief_is_computed_one(db)
    grown = stored_brief(db)
    assert json.loads(grown)["documents"] == 3 and grown != first

    assert run_cli("remove", str(north), "--db", str(db)).exit_code == 0
    assert_stored_brief_is_computed_one(db)
    assert json.loads(stored_brief(db))["documents"] == 2

    assert run_cli("remove", str(harbour), "--db", str(db)).exit_code == 0
    assert stored_brief(db) == first  # the story of the first run again


def test_a_stored_view_older_than_the_documents_is_not_used(tmp_path: Path) -> None:
    fjord = write(tmp_path / "in" / "fjord.txt", FJORD_POST)
    db = tmp_path / "s.db"
    local.analyze([str(fjord)], db)
    with StoreWriter(db) as store:  # a document stored but not yet resolved
        store.remove_source(str(fjord))
    with StoreReader(db) as reader:
        assert reader.story_view(BRIEF) is None
        assert story_brief(reader).lines == ()  # computed: nothing left to summarise
