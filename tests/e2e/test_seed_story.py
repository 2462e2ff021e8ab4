"""The story the seed articles tell, as the issues state it (skipped when ../shared is
absent): the 2022 meeting as one dated event with its sources, the dated side events, the
figure groups across outlets, and the joint statement as one speaking WORK."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.test_seeds import Story, docs_by_source, entity_named

pytestmark = pytest.mark.slow


def _names(story: dict[str, Any], ids: list[str]) -> set[str]:
    by_id = {e["id"]: e["name"] for e in story["entities"]}
    return {by_id[i] for i in ids}


def test_undated_articles_are_dated_from_the_events_they_report(seeds_story: Story) -> None:
    docs = docs_by_source(seeds_story[0])
    for key in ("001", "002", "003"):
        assert docs[key]["published"] is None
        assert (docs[key]["published_inferred"] or "").startswith("2022-02"), key
        assert docs[key]["published_inferred_from"]


def test_the_2022_meeting_is_one_event_with_its_sources(seeds_story: Story) -> None:
    story = seeds_story[0]
    docs = docs_by_source(story)
    putin, xi = entity_named(story, "Vladimir Putin"), entity_named(story, "Xi Jinping")
    meetings = [
        e for e in story["events"]
        if e["type"] == "CONSULT" and e["date"] == "2022-02-04"
        and {putin["id"], xi["id"]} <= set(e["participants"])
    ]  # fmt: skip
    assert len(meetings) == 1
    sources = {m["doc"] for m in meetings[0]["mentions"]}
    assert len(sources & {docs[k]["id"] for k in ("000", "001", "002", "003")}) >= 3


def test_side_events_have_their_month(seeds_story: Story) -> None:
    story = seeds_story[0]
    dated = [((e["date"] or "")[:7], _names(story, e["participants"])) for e in story["events"]]
    assert ("2022-02", {"Wang Yi", "Sergei Lavrov"}) in dated  # the foreign ministers' talks
    assert any(month == "2022-02" and "Quad" in names for month, names in dated)
    assert any(month == "2023-03" and "Xi Jinping" in names for month, names in dated)


def test_figure_groups_across_outlets(seeds_story: Story) -> None:
    story = seeds_story[0]
    docs = docs_by_source(story)
    figures = {f["id"]: f for f in story["figures"]}

    def group(pred: Any) -> tuple[bool, set[str]]:
        hits = [g for g in story["figure_groups"] if pred(g)]
        assert len(hits) == 1, [g["label"] for g in story["figure_groups"]]
        keys = {
            k for k, d in docs.items() for f in hits[0]["figures"] if figures[f]["doc"] == d["id"]
        }
        return hits[0]["agree"], keys

    target = group(lambda g: "trade" in g["label"] and "target" in g["label"])
    assert target == (False, {"000", "001", "002"})
    assert group(lambda g: "trade" in g["label"] and "2021" in g["label"]) == (True, {"001", "002"})
    assert group(lambda g: "Rosneft" in g["label"]) == (True, {"000", "002"})
    assert group(lambda g: "meetings" in g["label"]) == (True, {"000", "001"})


def test_the_joint_statement_speaks_as_one_work(seeds_story: Story) -> None:
    story = seeds_story[0]
    works = [e for e in story["entities"] if e["type"] == "WORK" and "joint statement" in e["name"]]
    statement = next(e for e in works if "2022" in e["name"])
    assert len({m["doc"] for m in statement["mentions"]}) >= 3
    said = [q for q in story["quotes"] if q["speaker"] == statement["id"]]
    assert len(said) >= 10
