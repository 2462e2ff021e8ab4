"""Positions aggregated from stances written for these tests."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.document import Polarity, Stance
from storyline.resolve.positions import aggregate_positions, normalise_target, singular


def stance(
    holders: tuple[tuple[int, int], ...],
    target: str,
    polarity: Polarity = "oppose",
    target_start: int = 100,
) -> Stance:
    return Stance(
        start=0,
        end=200,
        holders=holders,
        holder_text="x",
        polarity=polarity,
        target=target,
        target_start=target_start,
        target_end=target_start + len(target),
        cue="oppose",
    )


ENTITIES = {
    ("d1", 0, 5): "e_ru",
    ("d1", 10, 15): "e_cn",
    ("d2", 0, 5): "e_cn",
    ("d2", 10, 15): "e_ru",
    ("d2", 100, 104): "e_nato",
    ("d3", 100, 104): "e_nato",
    ("d3", 0, 5): "e_cn",
}


def test_normalised_targets() -> None:
    assert normalise_target("the enlargements of NATO") == "enlargement of nato"
    assert normalise_target("Enlargement of  NATO") == "enlargement of nato"
    assert normalise_target("any new sanctions") == "new sanction"
    assert [singular(w) for w in ("policies", "crisis", "us", "taxes")] == [
        "policy",
        "crisis",
        "us",
        "tax",
    ]


def test_same_holders_polarity_and_target_make_one_position() -> None:
    items = [
        ("s1", "d1", stance(((0, 5), (10, 15)), "the enlargement of NATO")),
        ("s2", "d2", stance(((10, 15), (0, 5)), "enlargements of NATO", target_start=120)),
        ("s3", "d1", stance(((0, 5), (10, 15)), "the enlargement of NATO", "support")),
        ("s4", "d2", stance(((0, 5),), "NATO")),
        ("s5", "d3", stance(((0, 5),), "Nato")),
        ("s6", "d3", stance(((50, 55),), "NATO")),  # holder resolves to nothing
    ]
    positions = aggregate_positions(items, ENTITIES)
    got = {(p.holders, p.polarity, p.target, p.target_entity, p.stance_ids) for p in positions}
    assert got == {
        (("e_cn", "e_ru"), "oppose", "the enlargement of NATO", None, ("s1", "s2")),
        (("e_cn", "e_ru"), "support", "the enlargement of NATO", None, ("s3",)),
        (("e_cn",), "oppose", "NATO", "e_nato", ("s4", "s5")),
    }
    assert all(p.id.startswith("p_") for p in positions)


@given(st.permutations(range(4)))
def test_order_does_not_matter(order: list[int]) -> None:
    items = [
        ("s1", "d1", stance(((0, 5),), "sanctions")),
        ("s2", "d1", stance(((10, 15),), "the sanction", target_start=150)),
        ("s3", "d2", stance(((0, 5),), "sanctions", "support")),
        ("s4", "d2", stance(((10, 15),), "Sanctions")),
    ]
    base = aggregate_positions(items, ENTITIES)
    assert aggregate_positions([items[i] for i in order], ENTITIES) == base


def test_names_inside_targets_and_same_meaning_nouns_make_one_position() -> None:
    long_name = "the expansion of the Atlantic Alliance"
    short_name = "enlargement of Alliance"
    entities = {
        ("a", 0, 5): "e_x",
        ("a", 10, 15): "e_y",
        ("a", 100 + long_name.index("Atlantic"), 100 + len(long_name)): "e_alliance",
        ("b", 0, 5): "e_y",
        ("b", 10, 15): "e_x",
        ("b", 100 + short_name.index("Alliance"), 100 + len(short_name)): "e_alliance",
    }
    items = [
        ("s1", "a", stance(((0, 5), (10, 15)), long_name)),
        ("s2", "b", stance(((0, 5), (10, 15)), short_name)),
    ]
    (position,) = aggregate_positions(items, entities)
    assert position.stance_ids == ("s1", "s2")
    assert position.holders == ("e_x", "e_y")
