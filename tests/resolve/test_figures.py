"""Figure groups across documents: which figures group, and whether they agree."""

from __future__ import annotations

from dataclasses import replace

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


# ------------------------------------------------------------- one measure per group


def running(
    text: str,
    value: float,
    subject: str = "coronavirus cases",
    *,
    place: str | None = None,
    period: str | None = None,
    kind: str | None = "actual",
    unit: str = "count",
) -> Figure:
    return Figure(0, len(text), text, value, unit, subject, kind, period, place=place)  # type: ignore[arg-type]


def test_bare_nouns_and_pronouns_are_no_measure() -> None:
    dates = {"d1": "2020-05-14", "d2": "2020-05-14"}
    no_measure = ("people", "reasons", "cases", "share of they", "it growth", "United States")
    polls = ("share of voter", "share of United States", "share of Ohio respondent")
    for subject in no_measure + polls:
        items = [
            ("f1", "d1", running("2 reasons", 2, subject)),
            ("f2", "d2", running("3 reasons", 3, subject)),
        ]
        assert group_figures(items, OUTLETS, dates) == [], subject
    for subject in ("share of dead", "share of Gulf oil exports", "coronavirus cases"):
        items = [
            ("f1", "d1", running("2 reasons", 2, subject)),
            ("f2", "d2", running("3 reasons", 3, subject)),
        ]
        assert len(group_figures(items, OUTLETS, dates)) == 1, subject


def test_counts_for_different_places_never_group() -> None:
    dates = {"d1": "2020-05-14", "d2": "2020-05-14", "d3": "2020-05-15"}
    items = [
        ("f1", "d1", running("1,200 cases", 1200, place="Florida")),
        ("f2", "d2", running("640 cases", 640, place="Georgia")),
        ("f3", "d3", running("1,200 new cases", 1200, place=None)),
    ]
    assert group_figures(items, OUTLETS, dates) == []


def test_running_counts_group_within_days_and_split_across_weeks() -> None:
    dates = {"d1": "2020-05-14", "d2": "2020-05-15T08:00:00Z", "d3": "2020-05-28", "d4": None}
    outlets = {**OUTLETS, "d4": "Daily"}
    us = "United States"
    items = [
        ("f1", "d1", running("80,000 deaths", 80_000, "coronavirus deaths", place=us)),
        ("f2", "d2", running("92,000 deaths", 92_000, "coronavirus deaths", place=us)),
        ("f3", "d3", running("100,000 deaths", 100_000, "coronavirus deaths", place=us)),
        ("f4", "d4", running("91,000 deaths", 91_000, "coronavirus deaths", place=us)),
    ]
    (g,) = group_figures(items, outlets, dates)
    assert g.figure_ids == ("f1", "f2")  # the 28th is two weeks on; the undated one is unknown
    assert g.period == "2020-05" and g.place == "United States"
    assert g.label == "coronavirus deaths in United States, 2020-05-14 to 2020-05-15"
    assert g.agree is False  # 80,000 vs 92,000


def test_a_window_starts_again_after_a_gap() -> None:
    days = ["2020-03-01", "2020-03-02", "2020-03-06", "2020-03-07"]
    dates = {f"d{i}": day for i, day in enumerate(days)}
    items = [(f"f{i}", f"d{i}", running("5 cases", 5, "virus cases")) for i in range(4)]
    groups = group_figures(items, {}, dates)
    assert [g.figure_ids for g in groups] == [("f0", "f1"), ("f2", "f3")]
    assert len({g.id for g in groups}) == 2


def test_a_period_still_open_at_publication_is_running_and_a_past_one_is_closed() -> None:
    # "in 2020" written in May 2020 and in December 2020 counts different things
    dates = {"d1": "2020-05-14", "d2": "2020-12-20", "d3": "2021-01-10", "d4": "2021-03-01"}
    items = [
        ("f1", "d1", running("1 million", 1e6, period="2020", place="India")),
        ("f2", "d2", running("10 million", 10e6, period="2020", place="India")),
        # "in 2020" after the year closed: the same total
        ("f3", "d3", running("10.3 million", 10.3e6, period="2020", place="India")),
        ("f4", "d4", running("10.3 million", 10.3e6, period="2020", place="India")),
    ]
    (g,) = group_figures(items, OUTLETS, dates)
    assert (g.figure_ids, g.period, g.agree) == (("f3", "f4"), "2020", True)


def test_a_present_figure_is_dated_by_its_day() -> None:
    dates = {"d1": "2020-05-14", "d2": "2020-05-15"}
    items = [
        ("f1", "d1", running("5,000", 5000, "virus tests", period="2020-05-14")),
        ("f2", "d2", running("5,000", 5000, "virus tests", period=None)),
    ]
    (g,) = group_figures(items, OUTLETS, dates)
    assert (g.period, g.agree) == ("2020-05", True)


def test_named_bills_do_not_share_a_group() -> None:
    dates = {"d1": "2020-05-14", "d2": "2020-05-14"}
    items = [
        ("f1", "d1", running("$2 trillion", 2e12, "CARES Act relief package", unit="USD")),
        ("f2", "d2", running("$3 trillion", 3e12, "HEROES Act relief package", unit="USD")),
    ]
    assert group_figures(items, OUTLETS, dates) == []


def test_a_target_holds_for_a_month_of_reports_not_a_year() -> None:
    dates = {"d1": "2020-05-10", "d2": "2020-06-01", "d3": "2020-06-02", "d4": "2021-06-01"}
    items = [
        ("f1", "d1", running("$100bn", 100e9, "IMF aid pledge", kind="target", unit="USD")),
        ("f2", "d2", running("$120bn", 120e9, "IMF aid pledge", kind="target", unit="USD")),
        ("f3", "d3", running("$120bn", 120e9, "IMF aid pledge", kind="forecast", unit="USD")),
        ("f4", "d4", running("$90bn", 90e9, "IMF aid pledge", kind="target", unit="USD")),
        ("f5", "d5", running("$90bn", 90e9, "IMF aid pledge", kind="target", unit="USD")),
    ]
    groups = group_figures(items, {}, dates)
    # d5 has no date: it stays with no one (the undated of a plan group among themselves)
    assert [(g.figure_ids, g.period, g.agree) for g in groups] == [(("f1", "f2"), None, False)]
    more = group_figures([*items, ("f6", "d6", items[4][2])], {}, dates)
    assert {g.figure_ids for g in more} == {("f1", "f2"), ("f5", "f6")}
    assert len({g.id for g in more}) == 2


def test_a_date_known_to_the_month_may_be_any_day_of_it() -> None:
    dates = {"d1": "2022-02", "d2": "2022-03-02", "d3": "2022-02-03", "d4": "2022-02-25"}
    items = [
        ("f1", "d1", running("38th", 38, "Lee-Ortiz meetings")),
        ("f2", "d2", running("38 times", 38, "Lee-Ortiz meetings")),
    ]
    (g,) = group_figures(items, OUTLETS, dates)
    assert (g.figure_ids, g.period) == (("f1", "f2"), "2022")
    assert g.label == "Lee-Ortiz meetings, 2022-02 to 2022-03-02"
    # each pair within the window: early and late February never share a group
    items = [(f"f{i}", f"d{i}", running("3", 3, "Lee-Ortiz meetings")) for i in (1, 3, 4)]
    groups = group_figures(items, {}, dates)
    assert [g.figure_ids for g in groups] == [("f1", "f3")]


def test_a_target_with_no_year_joins_the_dated_one_of_its_own_place() -> None:
    dates = {"d1": "2020-05-10", "d2": "2020-06-01", "d3": "2020-06-02", "d4": "2020-06-03"}
    pledge = "IMF aid pledge"
    items = [
        ("f1", "d1", running("$5bn", 5e9, pledge, kind="target", period="2025", unit="USD")),
        ("f2", "d2", running("$5bn", 5e9, pledge, kind="target", unit="USD")),
        ("f3", "d3", running("$7bn", 7e9, pledge, kind="target", place="Kenya", unit="USD")),
        ("f4", "d4", running("$7bn", 7e9, pledge, kind="target", place="Kenya", unit="USD")),
    ]
    groups = group_figures(items, OUTLETS, dates)
    assert [(g.figure_ids, g.period, g.place) for g in groups] == [
        (("f3", "f4"), None, "Kenya"),  # no dated Kenyan target to join
        (("f1", "f2"), "2025", None),
    ]


def test_a_plan_with_neither_year_nor_name_is_nobodys() -> None:
    dates = {"d1": "2020-05-10", "d2": "2020-05-12"}
    items = [
        ("f1", "d1", running("20,000 jobs", 20_000, "permanent jobs", kind="target")),
        ("f2", "d2", running("15,000 jobs", 15_000, "permanent jobs", kind="target")),
    ]
    assert group_figures(items, OUTLETS, dates) == []
    dated = [(fid, doc, replace(f, period="2024")) for fid, doc, f in items]
    assert len(group_figures(dated, OUTLETS, dates)) == 1


def test_remainders_increments_and_attributions_are_other_measures() -> None:
    dates = {"d1": "2020-05-10", "d2": "2020-05-11", "d3": "2020-05-11"}
    items = [
        ("f1", "d1", running("six world powers", 6, "world powers")),
        ("f2", "d2", running("five other world powers", 5, "world powers")),
        ("f3", "d3", running("5 other world powers", 5, "world powers")),
        ("f4", "d1", running("two officials", 2, "State Department officials")),
        ("f5", "d2", running("three officials", 3, "State Department officials")),
    ]
    (g,) = group_figures(items, OUTLETS, dates)
    assert (g.subject, g.figure_ids, g.agree) == ("other world powers", ("f2", "f3"), True)


def test_a_count_of_its_own_parties_and_a_subject_one_article_splits_are_no_measure() -> None:
    dates = {"d1": "2020-05-10", "d2": "2020-05-11"}
    economies = "Brazil-India largest economies"
    turns = "degrees in turn"
    items = [
        ("f1", "d1", running("two largest economies", 2, economies)),
        ("f2", "d2", running("two largest economies", 2, economies)),
        ("f3", "d1", running("90-degree", 90, turns)),
        ("f4", "d1", running("360-degree", 360, turns)),
        ("f5", "d2", running("360-degree", 360, turns)),
    ]
    assert group_figures(items, OUTLETS, dates) == []
    # the same count twice in one article is no ambiguity
    again = [
        ("f6", "d1", running("360-degree", 360, turns)),
        ("f7", "d1", running("a 360-degree", 360, turns)),
        ("f8", "d2", running("360-degree", 360, turns)),
    ]
    (g,) = group_figures(again, OUTLETS, dates)
    assert g.figure_ids == ("f6", "f7", "f8")


def test_a_target_with_no_year_joins_a_dated_one_reported_near_it_only() -> None:
    dates = {"d1": "2019-01-10", "d2": "2020-06-01", "d3": "2020-06-03"}
    troops = "Ruritania troops"
    items = [
        ("f1", "d1", running("8,000 troops", 8000, troops, kind="target", period="2014")),
        ("f2", "d2", running("2,000 troops", 2000, troops, kind="target")),
        ("f3", "d3", running("2,000 troops", 2000, troops, kind="target")),
    ]
    (g,) = group_figures(items, OUTLETS, dates)
    assert (g.figure_ids, g.period, g.label) == (("f2", "f3"), None, f"{troops} target")


def test_values_far_apart_are_two_measures_and_one_is_no_count() -> None:
    dates = {"d1": "2020-05-10", "d2": "2020-05-11"}
    goods = "Ruritania goods"
    items = [
        ("f1", "d1", running("$500 billion", 500e9, goods, unit="USD")),
        ("f2", "d2", running("$50bn", 50e9, goods, unit="USD")),
        ("f3", "d1", running("1-rated", 1, "rated newsletters")),
        ("f4", "d2", running("1-rated", 1, "rated newsletters")),
    ]
    assert group_figures(items, OUTLETS, dates) == []
    close = [items[0], ("f5", "d2", running("$260bn", 260e9, goods, unit="USD"))]
    (g,) = group_figures(close, OUTLETS, dates)
    assert g.agree is False  # under twofold: a disagreement


def test_a_plan_said_now_has_no_period_of_its_own() -> None:
    dates = {"d1": "2020-05-10", "d2": "2020-05-10"}
    troops = "Ruritania troops"
    items = [
        ("f1", "d1", running("5,500", 5500, troops, kind="target", period="2020-05-10")),
        ("f2", "d2", running("5,500", 5500, troops, kind="target")),
    ]
    (g,) = group_figures(items, OUTLETS, dates)
    assert (g.period, g.label) == (None, f"{troops} target")


def test_copies_of_one_report_do_not_make_a_group() -> None:
    items = [
        ("f1", "d1", fig("$140 billion", 140e9)),
        ("f2", "d2", fig("$140 billion", 140e9)),
        ("f3", "d3", fig("$165 billion", 165e9)),
    ]
    # d1 and d2 are copies of one syndicated article: agreeing with each other is no check
    assert group_figures(items[:2], OUTLETS, reports={"d1": "r_a", "d2": "r_a"}) == []
    (g,) = group_figures(items, OUTLETS, reports={"d1": "r_a", "d2": "r_a", "d3": "r_b"})
    assert g.figure_ids == ("f1", "f2", "f3") and g.agree is False
    # without reports every document is its own report, as before
    assert len(group_figures(items[:2], OUTLETS)) == 1
