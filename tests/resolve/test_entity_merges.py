"""The split and merge check of ``storyline.evaluation.entity_merges`` on entities written
for these tests."""

from __future__ import annotations

from typing import Any

from storyline.evaluation.entity_merges import check, render, totals


def entity(
    eid: str, name: str, etype: str, *forms: str, kb_id: str | None = None
) -> dict[str, Any]:
    mentions = [{"doc": f"d{i % 3}", "text": f} for i, f in enumerate(forms)]
    return {"id": eid, "name": name, "type": etype, "kb_id": kb_id, "mentions": mentions}


ENTITIES = [
    entity("a", "James Halloran", "PERSON", *["Halloran"] * 6, "James Halloran"),
    entity("b", "Jim Halloran", "PERSON", "Jim Halloran", "Jim Halloran"),
    entity("c", "Halloran", "PERSON", "Halloran"),
    entity("d", "Donald Velk", "PERSON", *["Velk"] * 5, "Donald Velk", "Ivana Velk"),
    entity("e", "New York City", "GPE", *["New York City"] * 4, "New York State"),
    entity("f", "Marta Quill Marta", "PERSON", "Marta Quill Marta"),
]


def test_splits_and_merges_are_flagged() -> None:
    top = {a.name: a for a in check(ENTITIES, 4)}
    assert set(top) == {"James Halloran", "Donald Velk", "New York City", "Jim Halloran"}
    splits = " ".join(top["James Halloran"].splits)
    assert "Jim Halloran" in splits and "bare surname alone: 1 entities" in splits
    assert top["Donald Velk"].merges == ["'Ivana Velk' ×1 is not 'Donald Velk'"]
    assert top["New York City"].merges == ["holds a state's and a city's names"]
    assert "flagged as split" in render(list(top.values()))


def test_totals_count_over_every_entity() -> None:
    from storyline.evaluation.entity_merges import _actors

    counts = totals(_actors(ENTITIES))
    assert counts["bare_surname_entities"] == 1
    assert counts["same_name_pairs"] == 1
    assert counts["mixed_given_names"] == 1
    assert counts["state_city"] == 1
    assert counts["boilerplate"] == 1
