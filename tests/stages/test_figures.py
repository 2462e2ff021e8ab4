"""The figures stage: the number parser (no spaCy) and the stage on sentences written here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import storyline.stages  # registers sentences and entities
import storyline.stages.figures  # noqa: F401  (registers figures)
from storyline.document import Document, Figure, Metadata, document_id
from storyline.stages.figures_parse import Quantity, scan, word_value
from storyline.stages.figures_words import hedge_before, plural, rate_after, singular
from storyline.stages.registry import REGISTRY, run_stages


def only(text: str) -> Quantity:
    found = scan(text)
    assert len(found) == 1, found
    return found[0]


def test_stage_is_registered_with_its_contract() -> None:
    spec = REGISTRY["figures"]
    assert (spec.version, spec.adds, spec.needs) == (
        6,
        ("figures",),
        ("parse", "sentences", "mentions"),
    )


# --------------------------------------------------------------------------- parser


@pytest.mark.parametrize(
    ("text", "words", "value", "unit"),
    [
        ("exports of US$140 billion in all", "US$140 billion", 140e9, "USD"),
        ("a $250bn plan", "$250bn", 250e9, "USD"),
        ("a $250 billion plan", "$250 billion", 250e9, "USD"),
        ("worth 1.2 trillion yuan", "1.2 trillion yuan", 1.2e12, "CNY"),
        ("worth RMB 5 billion", "RMB 5 billion", 5e9, "CNY"),
        ("a €3m grant", "€3m", 3e6, "EUR"),
        ("a £2.5bn loan", "£2.5bn", 2.5e9, "GBP"),
        ("about 140 billion dollars", "140 billion dollars", 140e9, "USD"),
        ("USD 7 billion", "USD 7 billion", 7e9, "USD"),
        ("7 billion USD", "7 billion USD", 7e9, "USD"),
        ("300 million roubles", "300 million roubles", 3e8, "RUB"),
        ("¥900 million", "¥900 million", 9e8, "CNY"),
        ("100 million tonnes of grain", "100 million tonnes", 1e8, "tonne"),
        ("100m tonnes of grain", "100m tonnes", 1e8, "tonne"),
        ("10 million cubic metres of water", "10 million cubic metres", 1e7, "cubic_metre"),
        ("10bn cubic metres of water", "10bn cubic metres", 1e10, "cubic_metre"),
        ("a pipe carrying 38 bcm", "38 bcm", 38e9, "cubic_metre"),
        ("12 billion cubic meters", "12 billion cubic meters", 12e9, "cubic_metre"),
        ("2 million barrels of crude", "2 million barrels", 2e6, "barrel"),
        ("a 2,000 km line", "2,000 km", 2000.0, "km"),
        ("300 kilometres away", "300 kilometres", 300.0, "km"),
        ("40 miles away", "40 miles", 40 * 1.609344, "km"),
        ("63 percent of voters", "63 percent", 63.0, "percent"),
        ("25 per cent of voters", "25 per cent", 25.0, "percent"),
        ("up 25% on the year", "25%", 25.0, "percent"),
        ("one-third of the crop", "one-third", 33.33, "percent"),
        ("two-thirds of the crop", "two-thirds", 66.67, "percent"),
        ("half of the crop", "half", 50.0, "percent"),
        ("rates rose 2 percentage points", "2 percentage points", 2.0, "percentage_point"),
    ],
)
def test_parser_units(text: str, words: str, value: float, unit: str) -> None:
    q = only(text)
    assert (text[q.start : q.end], q.unit) == (words, unit)
    assert q.value == pytest.approx(value)


def test_barrels_per_day_carry_their_rate() -> None:
    for text, rate in [("1.5 million barrels per day", "per day"), ("900,000 bpd", "per day")]:
        q = only(text)
        assert (q.unit, q.rate) == ("barrel", rate)
    assert only("900,000 bpd").value == 900_000


@pytest.mark.parametrize(
    ("text", "words", "value", "noun", "ordinal", "attached"),
    [
        ("met on 38 occasions", "38", 38.0, "occasions", False, False),
        ("signed 15 other cooperation deals", "15", 15.0, "cooperation", False, False),
        ("five people died", "five", 5.0, "people", False, False),
        ("twenty-one guns", "twenty-one", 21.0, "guns", False, False),
        ("a 5,300-word document", "5,300", 5300.0, "word", False, True),
        ("their 38th meeting", "38th", 38.0, "meeting", True, False),
        ("10m people", "10m", 1e7, "people", False, False),
    ],
)
def test_parser_bare_numbers(
    text: str, words: str, value: float, noun: str, ordinal: bool, attached: bool
) -> None:
    q = only(text)
    assert (text[q.start : q.end], q.unit, q.noun) == (words, None, noun)
    assert (q.value, q.ordinal, q.attached) == (value, ordinal, attached)


@pytest.mark.parametrize(
    "text",
    [
        "It happened in 2019.",
        "the 2012-13 season",
        "on 4 February",
        "on February 4",
        "at 10:30",
        "at 9 pm",
    ],
)
def test_parser_skips_years_dates_and_times(text: str) -> None:
    assert scan(text) == []


def test_written_numbers() -> None:
    assert [word_value(w) for w in ("five", "Twelve", "forty-two", "a dozen", "zillion")] == [
        5.0,
        12.0,
        42.0,
        12.0,
        None,
    ]


@pytest.mark.parametrize(
    ("before", "hedge"),
    [
        ("trade of around ", "around"),
        ("More than ", "more than"),
        ("nearly ", "nearly"),
        ("at least ", "at least"),
        ("up to ", "up to"),
        ("roughly ", "roughly"),
        ("some ", "some"),
        ("trade of ", None),
        ("handsome ", None),
    ],
)
def test_hedges(before: str, hedge: str | None) -> None:
    text = before + "$5bn"
    assert hedge_before(text, len(before)) == hedge


def test_rates_after_a_figure() -> None:
    text = "$5bn a year and 3 bcm annually and 2 tonnes per day, and 4 tonnes."
    ends = [q.end for q in scan(text)]
    assert [r[0] if (r := rate_after(text, e)) else None for e in ends] == [
        "a year",
        "annually",
        "per day",
        None,
    ]


def test_inflection() -> None:
    assert [singular(w) for w in ("deals", "companies", "people", "talks")] == [
        "deal",
        "company",
        "people",
        "talk",
    ]
    assert [plural(w) for w in ("meeting", "company", "people", "box")] == [
        "meetings",
        "companies",
        "people",
        "boxes",
    ]


_CURRENCIES = [("US$", "", "USD"), ("$", "", "USD"), ("€", "", "EUR"), ("£", "", "GBP")]
_CURRENCIES += [("RMB ", "", "CNY"), ("", " yuan", "CNY"), ("", " euros", "EUR")]
_SCALES = [("", 1.0), (" million", 1e6), (" billion", 1e9), ("bn", 1e9), (" trillion", 1e12)]


@given(
    whole=st.integers(min_value=1, max_value=999_999),
    tenths=st.one_of(st.none(), st.integers(min_value=0, max_value=9)),
    currency=st.sampled_from(_CURRENCIES),
    scale=st.sampled_from(_SCALES),
    filler=st.sampled_from(["Trade was ", "It cost about ", "(", "A sum of "]),
)
def test_money_strings_parse_to_their_value(
    whole: int,
    tenths: int | None,
    currency: tuple[str, str, str],
    scale: tuple[str, float],
    filler: str,
) -> None:
    prefix, suffix, code = currency
    number = f"{whole:,}" + (f".{tenths}" if tenths is not None else "")
    words = f"{prefix}{number}{scale[0]}{suffix}"
    text = f"{filler}{words} in all."
    q = only(text)
    assert (text[q.start : q.end], q.unit) == (words, code)
    expected = (whole + (tenths or 0) / 10) * scale[1]
    assert q.value == pytest.approx(expected)


# ---------------------------------------------------------------------------- stage

Analyse = Callable[..., tuple[Figure, ...]]


@pytest.fixture(scope="module")
def figures_of(nlp: Any) -> Analyse:
    """``figures_of(text, published=None)``: the figures of sentences, entities, figures."""
    chain = [REGISTRY["sentences"], REGISTRY["entities"], REGISTRY["figures"]]

    def analyse(text: str, published: str | None = "2022-06-15") -> tuple[Figure, ...]:
        document = Document(document_id(text), "test", text, Metadata(published=published))
        found = run_stages(chain, document, nlp(text))["figures"]
        figures = tuple(f for f in found if isinstance(f, Figure))
        assert len(figures) == len(found)
        for f in figures:
            assert text[f.start : f.end] == f.text, f
        return figures

    return analyse


def by_text(figures: tuple[Figure, ...]) -> dict[str, Figure]:
    return {f.text: f for f in figures}


@pytest.mark.slow
def test_trade_actual_and_target(figures_of: Analyse) -> None:
    text = (
        "Trade between Brazil and Argentina reached US$41 billion last year, and the two "
        "countries aim to boost it to $60bn by 2026."
    )
    found = by_text(figures_of(text))
    actual, target = found["US$41 billion"], found["$60bn"]
    assert (actual.value, actual.unit) == (41e9, "USD")
    assert (actual.subject, actual.kind, actual.period) == (
        "Argentina-Brazil bilateral trade",
        "actual",
        "2021",
    )
    assert (target.subject, target.kind, target.period) == (
        "Argentina-Brazil bilateral trade",
        "target",
        "2026",
    )


@pytest.mark.slow
def test_same_trade_in_other_words_has_the_same_subject(figures_of: Analyse) -> None:
    texts = [
        "Brazil's trade with Argentina grew to $38bn in 2020.",
        "Bilateral trade between Argentina and Brazil was $38 billion in 2020.",
        "Argentina and Brazil met again. Trade between the two countries hit $38bn in 2020. "
        "Brazil and Argentina signed deals.",
    ]
    for text in texts:
        (f,) = [f for f in figures_of(text) if f.unit == "USD"]
        assert (f.subject, f.kind, f.period) == (
            "Argentina-Brazil bilateral trade",
            "actual",
            "2020",
        )


@pytest.mark.slow
def test_a_supply_deal(figures_of: Analyse) -> None:
    text = (
        "Under the deal, Petrobras would supply 20 million tonnes of oil to India over the "
        "next 10 years."
    )
    (f,) = [f for f in figures_of(text) if f.salient]
    assert (f.text, f.value, f.unit) == ("20 million tonnes", 2e7, "tonne")
    assert f.subject is not None and f.subject.endswith("oil supply to India")
    assert (f.kind, f.duration) == ("target", "over the next 10 years")


@pytest.mark.slow
def test_percent_growth_and_share(figures_of: Analyse) -> None:
    found = by_text(
        figures_of(
            "Trade between Chile and Peru rose 12 per cent in 2021. One-third of Peru's "
            "copper goes to Chile."
        )
    )
    growth = found["12 per cent"]
    assert (growth.unit, growth.subject, growth.period) == (
        "percent",
        "Chile-Peru bilateral trade growth",
        "2021",
    )
    share = found["One-third"]
    assert (share.value, share.subject) == (33.33, "share of Peru copper")


@pytest.mark.slow
def test_counts(figures_of: Analyse) -> None:
    found = by_text(
        figures_of(
            "Scholz and Macron have met 12 times since 2019. It was their 12th meeting, and "
            "they signed 15 other cooperation deals. A 5,300-word document was released."
        )
    )
    assert found["12 times"].unit == "count"
    assert found["12 times"].subject == "Macron-Scholz meetings"
    assert found["12 times"].period is None  # "since 2019" is not the period
    assert (found["12th meeting"].value, found["12th meeting"].subject) == (
        12.0,
        "Macron-Scholz meetings",
    )
    assert found["15 other cooperation deals"].subject == "cooperation deals"
    assert found["5,300-word"].value == 5300


@pytest.mark.slow
def test_not_figures(figures_of: Analyse) -> None:
    text = (
        "In 2019, the 70-year-old minister arrived at 10:30 on 4 February. The two countries "
        "met over 10 years at the G20 summit."
    )
    found = figures_of(text)
    assert [f for f in found if f.salient] == []
    # the age and the duration are figures of their own, which the story views leave out
    assert [(f.text, f.measure) for f in found] == [
        ("70-year-old", "age"),
        ("10 years", "duration"),
    ]


@pytest.mark.slow
def test_hedges_kinds_and_periods(figures_of: Analyse) -> None:
    found = by_text(
        figures_of(
            "Trade between Chile and Peru is expected to reach around $30 billion this year. "
            "Analysts estimate the bilateral trade at $28bn. Chile now exports 2 million "
            "barrels per day."
        )
    )
    forecast = found["$30 billion"]
    assert (forecast.kind, forecast.period, forecast.hedge) == ("forecast", "2022", "around")
    assert found["$28bn"].kind == "estimate"
    barrels = found["2 million barrels per day"]
    assert (barrels.unit, barrels.rate, barrels.kind, barrels.period) == (
        "barrel",
        "per day",
        "actual",
        "2022-06-15",  # a rate that holds "now": the published day's
    )


@pytest.mark.slow
def test_without_a_published_date_only_absolute_years_resolve(figures_of: Analyse) -> None:
    text = "Trade between Chile and Peru grew to $20bn last year and to $25bn in 2021."
    found = by_text(figures_of(text, published=None))
    assert found["$20bn"].period is None
    assert found["$25bn"].period == "2021"


@pytest.mark.slow
def test_every_span_slices_the_text(figures_of: Analyse) -> None:
    text = (
        "Some 3,000 workers built a 1,200 km line for €4.5bn. Output hit 900,000 bpd, up "
        "7% from 2020, while about half of the gas went abroad."
    )
    figures = figures_of(text)
    assert {f.unit for f in figures} >= {"count", "km", "EUR", "barrel", "percent"}


@pytest.mark.slow
def test_goal_in_trade_meetings_on_occasions_and_deal_agents(figures_of: Analyse) -> None:
    goal = by_text(
        figures_of(
            "Chile and Peru have set a goal of reaching US$50 billion in trade by 2027. Trade "
            "between the two countries rose to a record US$30 billion last year."
        )
    )
    assert (goal["US$50 billion"].subject, goal["US$50 billion"].kind) == (
        "Chile-Peru bilateral trade",
        "target",
    )
    assert goal["US$50 billion"].period == "2027"
    (met,) = figures_of(
        "Scholz had met his French counterpart Emmanuel Macron on 12 different occasions."
    )
    assert met.subject == "Macron-Scholz meetings"
    said = figures_of("Petrobras announced that it would supply 20 million tonnes of oil to India.")
    deal = figures_of(
        "It is an agreement between Petrobras and ONGC on the supply of 20 million tonnes of "
        "oil to India."
    )
    assert said[0].subject == deal[0].subject == "Petrobras oil supply to India"


@pytest.mark.slow
def test_range_lower_bounds_take_the_upper_scale(figures_of: Analyse) -> None:
    found = by_text(
        figures_of("Between 5 and 7 million jobs depend on it, worth $2 to $3 billion.")
    )
    assert (found["5"].value, found["5"].unit) == (5e6, "count")
    assert (found["$2"].value, found["$2"].unit) == (2e9, "USD")


@pytest.mark.slow
def test_bare_trade_after_a_stray_conjunct_is_the_pairs_trade(figures_of: Analyse) -> None:
    text = (
        "Brazil and Argentina signed a pact on Monday. Argentina's statistics office says "
        "Brazil is its biggest trading partner and trade jumped by a fifth to a record "
        "US$40 billion last year."
    )
    f = by_text(figures_of(text))["US$40 billion"]
    assert (f.subject, f.kind, f.period) == ("Argentina-Brazil bilateral trade", "actual", "2021")


@pytest.mark.slow
def test_a_yearly_rate_now_early_in_a_year_is_last_years_total(figures_of: Analyse) -> None:
    text = "Brazil and Argentina trade a lot. It is around $40 billion a year now."
    assert by_text(figures_of(text, published="2022-02"))["$40 billion"].period == "2021"
    assert by_text(figures_of(text, published="2022-10-01"))["$40 billion"].period == "2022"


@pytest.mark.slow
def test_what_a_deal_will_deliver_is_a_target(figures_of: Analyse) -> None:
    signed = (
        "Petrobras and YPF signed an agreement on the supply of 5 million tonnes of crude "
        "to Argentina for five years."
    )
    announced = "Petrobras announced that it would deliver 5 million tonnes of crude."
    delivered = "Petrobras delivered 5 million tonnes of crude last year."
    assert by_text(figures_of(signed))["5 million tonnes"].kind == "target"
    assert by_text(figures_of(announced))["5 million tonnes"].kind == "target"
    assert by_text(figures_of(delivered))["5 million tonnes"].kind == "actual"


@pytest.mark.slow
def test_meeting_counts_name_the_pair(figures_of: Analyse) -> None:
    counterpart = (
        "Emmanuel Macron and Olaf Scholz met in Berlin. Macron had met his German "
        "counterpart on 12 occasions in the past decade."
    )
    elided = (
        "Emmanuel Macron and Olaf Scholz talked. The meeting of their leaders in Berlin "
        "ahead of the opening of the Games on May 4 — their 12th since 2019 — went well."
    )
    day = "The talks were held on the 12th of May."
    a = by_text(figures_of(counterpart))["12 occasions"]
    b = by_text(figures_of(elided))["12th"]
    assert a.subject == b.subject == "Macron-Scholz meetings"
    assert (a.value, a.unit, a.kind) == (b.value, b.unit, b.kind) == (12, "count", "actual")
    assert figures_of(day) == ()


# ------------------------------------------------------------- place and grouping


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "place"),
    [
        ("Florida reported 1,200 new coronavirus cases on Tuesday.", "1,200", "Florida"),
        ("There were 640 new coronavirus cases in Georgia last week.", "640", "Georgia"),
        ("Health officials counted 90 deaths across Portugal.", "90", "Portugal"),
        # the subject already names the parties; a route is no place
        ("Brazil's trade with Argentina grew to $38bn in 2020.", "$38bn", None),
        ("Petrobras would supply 20 million tonnes of oil to India through Oman.", "20", None),
        # an ordinal counts a series: the one meeting's place is not the count's
        ("The meeting in Lisbon was their 12th since 2015.", "12th", None),
    ],
)
def test_the_place_a_figure_holds_for(
    figures_of: Analyse, text: str, words: str, place: str | None
) -> None:
    (f,) = [f for f in figures_of(text) if f.text.startswith(words)]
    assert f.place == place, f


@pytest.mark.slow
def test_a_present_count_is_dated_by_the_published_day(figures_of: Analyse) -> None:
    (f,) = figures_of("Kenya has recorded 4,000 coronavirus cases so far.", "2020-05-14T10:00")
    assert (f.kind, f.period, f.place) == ("actual", "2020-05-14", "Kenya")
    (rate,) = figures_of("Trade now runs at around $140 billion a year.", "2022-08-01")
    assert rate.period == "2022"  # a yearly rate "now" is the year's


@pytest.mark.slow
def test_articles_group_only_what_measures_one_thing(figures_of: Analyse) -> None:
    from storyline.resolve.figures import group_figures

    articles = {
        # two outlets the same day on the same count: one group, and they disagree
        "a": ("2020-05-14", "Florida reported 1,200 new coronavirus cases on Tuesday."),
        "b": ("2020-05-14", "Florida reported 1,900 new coronavirus cases on Tuesday."),
        # another state the same day
        "c": ("2020-05-14", "Georgia reported 1,200 new coronavirus cases on Tuesday."),
        # the same state three weeks on
        "d": ("2020-06-04", "Florida reported 1,200 new coronavirus cases on Tuesday."),
        # two bills of the same size in the same week
        "e": ("2020-05-14", "Congress passed the $2 trillion CARES Act in March."),
        "f": ("2020-05-15", "House Democrats unveiled the $3 trillion HEROES Act on Tuesday."),
        # a bare noun is no measure
        "g": ("2020-05-14", "Critics gave two reasons for the delay."),
        "h": ("2020-05-14", "Aides listed three reasons for the veto."),
        # the same target reported a month apart, with and without its year
        "i": ("2020-04-01", "Kenya and Uganda aim to raise bilateral trade to $2bn by 2025."),
        "j": ("2020-05-02", "Kenya and Uganda aim to raise bilateral trade to $2 billion."),
    }
    items = []
    for key, (published, text) in articles.items():
        for n, f in enumerate(figures_of(text, published)):
            items.append((f"{key}{n}", key, f))
    dates = {key: published for key, (published, _) in articles.items()}
    groups = group_figures(items, {}, dates)
    found = {(g.figure_ids, g.agree, g.place) for g in groups}
    assert found == {(("a0", "b0"), False, "Florida"), (("i0", "j0"), True, None)}, groups


@pytest.mark.slow
def test_money_spent_targeting_someone_is_no_target(figures_of: Analyse) -> None:
    found = by_text(
        figures_of(
            "The Harbour League has spent over $4 million on radio ads targeting the mayor. "
            "The council aims to cut the deficit to $2 million by 2025."
        )
    )
    assert found["$4 million"].kind == "actual"
    assert found["$2 million"].kind == "target"


@pytest.mark.slow
def test_the_base_of_a_share_is_no_count(figures_of: Analyse) -> None:
    found = by_text(
        figures_of(
            "About 3 in 10 farmers in the valley oppose the dam, and two out of five "
            "households want it moved. The dam will displace 4,000 families."
        )
    )
    assert not [t for t in found if "farmers" in t or "households" in t]
    assert found["4,000 families"].value == 4000
