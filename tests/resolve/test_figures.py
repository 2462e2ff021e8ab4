"""Figure groups across documents: which figures group, and whether they agree."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyline.document import Figure
from storyline.resolve.figures import (
    group_figures,
    group_label,
    group_rows,
    half_step,
    interval,
    values_agree,
)

TRADE = "Argentina-Brazil bilateral trade"


def fig(
    text: str,
    value: float,
    *,
    subject: str | None = TRADE,
    kind: str | None = "actual",
    period: str | None = "2021",
    hedge: str | None = None,
    unit: str = "USD",
) -> Figure:
    return Figure(0, len(text), text, value, unit, subject, kind, period, hedge)  # type: ignore[arg-type]


OUTLETS = {"d1": "Ledger", "d2": "Wire", "d3": None}


def test_same_measure_in_two_documents_groups_and_agrees_within_a_hedge() -> None:
    items = [
        ("f1", "d1", fig("about $140 billion", 140e9, hedge="about")),
        ("f2", "d2", fig("US$146.9 billion", 146.9e9)),
    ]
    (g,) = group_figures(items, OUTLETS)
    assert (g.subject, g.period, g.kind, g.unit) == (TRADE, "2021", "actual", "USD")
    assert g.figure_ids == ("f1", "f2")
    assert g.agree is True
    assert g.id.startswith("g_")
    assert g.label == f"{TRADE}, 2021"
    assert g.outlets == ("Ledger", "Wire")


def test_rounding_without_a_hedge_does_not_cover_a_different_value() -> None:
    a = fig("$140 billion", 140e9)
    b = fig("US$146.9 billion", 146.9e9)
    assert not values_agree([a, b])
    assert values_agree([fig("$140 billion", 140e9), fig("US$140bn", 140e9)])
    assert values_agree([fig("$190 billion", 190e9, hedge="around"), fig("$190.3bn", 190.3e9)])


def test_targets_that_differ_disagree() -> None:
    items = [
        ("f1", "d1", fig("$250bn", 250e9, kind="target", period="2024")),
        ("f2", "d2", fig("$200bn", 200e9, kind="target", period="2024")),
    ]
    (g,) = group_figures(items, OUTLETS)
    assert (g.agree, g.label) == (False, f"{TRADE} target, 2024")


def test_a_target_without_a_year_joins_the_single_dated_target() -> None:
    items = [
        ("f1", "d1", fig("$250bn", 250e9, kind="target", period="2024")),
        ("f2", "d2", fig("$250 billion", 250e9, kind="target", period=None)),
    ]
    (g,) = group_figures(items, OUTLETS)
    assert (g.period, g.figure_ids, g.agree) == ("2024", ("f1", "f2"), True)


def test_what_does_not_group() -> None:
    items = [
        # one document only
        ("f1", "d1", fig("$140bn", 140e9)),
        ("f2", "d1", fig("$140 billion", 140e9)),
        # different period, kind, unit or no subject
        ("f3", "d2", fig("$140bn", 140e9, period="2020")),
        ("f4", "d3", fig("$140bn", 140e9, kind="target")),
        ("f5", "d2", fig("140 billion yuan", 140e9, unit="CNY")),
        ("f6", "d2", fig("$140bn", 140e9, subject=None)),
        ("f7", "d3", fig("$140bn", 140e9, subject=None)),
    ]
    assert group_figures(items, OUTLETS) == []


def test_groups_are_deterministic_and_rows_list_each_outlet() -> None:
    items = [
        ("f2", "d2", fig("$146.9bn", 146.9e9)),
        ("f1", "d1", fig("about $140 billion", 140e9, hedge="about")),
        ("f3", "d3", fig("$147bn", 147e9)),
    ]
    one = group_figures(items, OUTLETS)
    two = group_figures(list(reversed(items)), OUTLETS)
    assert one == two
    rows = group_rows(one[0], items, OUTLETS)
    assert [(r.outlet, r.value, r.text) for r in rows] == [
        ("Ledger", 140e9, "about $140 billion"),
        ("Wire", 146.9e9, "$146.9bn"),
        (None, 147e9, "$147bn"),
    ]


def test_intervals() -> None:
    assert half_step(fig("$140 billion", 140e9)) == 5e9
    assert half_step(fig("$146.9bn", 146.9e9)) == 0.05e9
    assert interval(fig("$200bn", 200e9)) == (190e9, 210e9)  # capped at 5%
    assert interval(fig("more than $5bn", 5e9, hedge="more than")) == (5e9, 6.25e9)
    assert interval(fig("nearly 40 percent", 40.0, hedge="nearly", unit="percent")) == (36.0, 40.0)
    assert values_agree([fig("38 times", 38, unit="count"), fig("38 meetings", 38, unit="count")])
    assert not values_agree([fig("38", 38, unit="count"), fig("39", 39, unit="count")])


def test_labels() -> None:
    assert group_label(TRADE, "2024", "target") == f"{TRADE} target, 2024"
    assert group_label(TRADE, None, "forecast") == f"{TRADE} forecast"
    assert group_label("meetings", None, None) == "meetings"


@given(value=st.floats(min_value=1, max_value=1e13), hedge=st.sampled_from([None, "about"]))
def test_a_figure_agrees_with_itself(value: float, hedge: str | None) -> None:
    f = fig(f"${value:.1f}", value, hedge=hedge)
    lo, hi = interval(f)
    assert lo <= value <= hi
    assert values_agree([f, f])
