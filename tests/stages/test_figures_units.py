"""Every quantity: unit families, durations and ages, money forms, multiples, and the
fields the figures stage adds (measure, unit as written, range bounds, qualifier,
direction, counted noun, salient). Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import storyline.stages  # registers sentences and entities
import storyline.stages.figures  # noqa: F401  (registers figures)
from storyline.document import Document, Figure, Metadata, document_id
from storyline.stages.figures_parse import scan
from storyline.stages.figures_units import SALIENT, UNIT_WORDS, is_salient, measure_of
from storyline.stages.registry import REGISTRY, run_stages

MILE = 1.609344


def found(text: str) -> list[tuple[str, float, str | None, str | None]]:
    """(words, value, unit, measure) of every candidate the parser finds."""
    return [(text[q.start : q.end], q.value, q.unit, q.measure) for q in scan(text)]


def one(text: str) -> tuple[str, float, str | None, str | None]:
    (q,) = found(text)
    return q


@pytest.mark.parametrize(
    ("text", "words", "value", "unit", "measure"),
    [
        # speed (before lengths: "miles per hour" is no distance)
        ("the train ran at 300 km/h", "300 km/h", 300.0, "km_per_hour", "speed"),
        ("gusts of 70 mph", "70 mph", 70 * MILE, "km_per_hour", "speed"),
        ("a boat doing 30 knots", "30 knots", 30 * 1.852, "km_per_hour", "speed"),
        ("at 50 miles an hour", "50 miles an hour", 50 * MILE, "km_per_hour", "speed"),
        # area
        ("a farm of 2,000 acres", "2,000 acres", 2000 * 0.0040468564, "square_km", "area"),
        ("120 square miles of forest", "120 square miles", 120 * MILE**2, "square_km", "area"),
        ("a 500 sq m flat", "500 sq m", 500e-6, "square_km", "area"),
        ("40 hectares burned", "40 hectares", 0.4, "square_km", "area"),
        # energy and power
        ("a 1.2 GW reactor", "1.2 GW", 1.2e9, "watt", "power"),
        ("a 600-megawatt plant", "600-megawatt", 6e8, "watt", "power"),
        ("used 30 TWh last year", "30 TWh", 30e12, "watt_hour", "energy"),
        ("at 15 kWh per home", "15 kWh", 15e3, "watt_hour", "energy"),
        # data
        ("a leak of 2 terabytes", "2 terabytes", 2e12, "byte", "data"),
        ("a 64 GB phone", "64 GB", 64e9, "byte", "data"),
        # temperature
        ("it reached 40 degrees Celsius", "40 degrees Celsius", 40.0, "celsius", "temperature"),
        ("a high of 86 °F", "86 °F", 30.0, "celsius", "temperature"),
        ("temperatures fell to -12C", "-12C", -12.0, "celsius", "temperature"),
        # lengths, masses and volumes in one base unit each
        ("a 2,000 km pipeline", "2,000 km", 2000.0, "km", "length"),
        ("a wall 30 feet high", "30 feet", 30 * 3.048e-4, "km", "length"),
        ("a 500-metre runway", "500-metre", 0.5, "km", "length"),
        ("seized 40 kilograms of heroin", "40 kilograms", 0.04, "tonne", "mass"),
        ("10,000 litres of water", "10,000 litres", 10.0, "cubic_metre", "volume"),
        ("5 million gallons", "5 million gallons", 5e6 * 0.00378541, "cubic_metre", "volume"),
        ("pumping 3 bcm", "3 bcm", 3e9, "cubic_metre", "volume"),
    ],
)
def test_unit_families(text: str, words: str, value: float, unit: str, measure: str) -> None:
    got = one(text)
    assert (got[0], got[2], got[3]) == (words, unit, measure)
    assert got[1] == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "words", "value", "unit", "measure"),
    [
        ("a three-day visit", "three-day", 3.0, "day", "duration"),
        ("a 30-year contract", "30-year", 30.0, "year", "duration"),
        ("talks lasted 4 1/2 hours", "4 1/2 hours", 4.5, "hour", "duration"),
        ("75 years of relations", "75 years", 75.0, "year", "duration"),
        ("the talks ran for twenty five days", "twenty five days", 25.0, "day", "duration"),
        ("a man aged 71 was hurt", "aged 71", 71.0, "year", "age"),
        ("the 64-year-old mayor", "64-year-old", 64.0, "year", "age"),
        ("she is 29 years old", "29 years old", 29.0, "year", "age"),
        ("a baby ten months old", "ten months old", 10.0, "month", "age"),
    ],
)
def test_durations_and_ages(text: str, words: str, value: float, unit: str, measure: str) -> None:
    assert one(text) == (words, value, unit, measure)


def test_a_time_ago_is_a_date_not_a_duration() -> None:
    assert [q for q in found("It happened three years ago.") if q[2] is not None] == []


@pytest.mark.parametrize(
    ("text", "words", "value", "unit"),
    [
        ("a $227 bln deficit", "$227 bln", 227e9, "USD"),
        ("a USD227 billion deficit", "USD227 billion", 227e9, "USD"),
        ("spent Rs 5 crore", "Rs 5 crore", 5e7, "INR"),
        ("a loan of 35 lakh rupees", "35 lakh rupees", 3.5e6, "INR"),
        ("debts of $ 3 trillion", "$ 3 trillion", 3e12, "USD"),
        ("it cost 3 dollars 50 cents", "3 dollars 50 cents", 3.5, "USD"),
        ("up 34 cents", "34 cents", 0.34, "USD"),
        ("shares at 470 pence", "470 pence", 4.7, "GBP"),
        ("half a million dollars", "half a million dollars", 5e5, "USD"),
        ("they lost 75 USD million", "75 USD million", 75e6, "USD"),
        ("a C$ 16 million charge", "C$ 16 million", 16e6, "CAD"),
        ("paid 323 million euros", "323 million euros", 323e6, "EUR"),
    ],
)
def test_money_forms(text: str, words: str, value: float, unit: str) -> None:
    got = one(text)
    assert (got[0], got[2], got[3]) == (words, unit, "money")
    assert got[1] == pytest.approx(value)


def test_a_scaled_number_after_money_takes_its_currency() -> None:
    text = "Exports reached $50bn, while imports stood at 48bn."
    assert [(w, v, u) for w, v, u, _ in found(text)] == [
        ("$50bn", 50e9, "USD"),
        ("48bn", 48e9, "USD"),
    ]
    # a noun after it makes it a count of that noun, and a new sentence forgets the money
    assert found("It cost $5bn. Some 7 million people voted.")[1][2] is None


@pytest.mark.parametrize(
    ("text", "words", "value", "unit", "measure"),
    [
        ("output was cut by a fifth", "a fifth", 20.0, "percent", "percent"),
        ("a fifth of the budget", "a fifth", 20.0, "percent", "percent"),
        ("prices doubled", "doubled", 2.0, "times", "multiple"),
        ("a threefold rise", "threefold", 3.0, "times", "multiple"),
        ("five times more likely", "five times", 5.0, "times", "multiple"),
    ],
)
def test_fractions_and_multiples(
    text: str, words: str, value: float, unit: str, measure: str
) -> None:
    assert one(text) == (words, value, unit, measure)


@pytest.mark.parametrize(
    "text",
    [
        "too clever by half",
        "the 13F filing",
        "an 11c dividend per share",
        "a Boeing 777F freighter",
        "the G20 summit",
        "a 5G network",
    ],
)
def test_letters_after_a_number_are_no_unit(text: str) -> None:
    assert [q for q in found(text) if q[3] is not None] == []


def test_pounds_weigh_unless_the_sentence_is_about_money() -> None:
    assert one("The baby weighed 8 pounds.")[2:] == ("tonne", "mass")
    assert one("He was fined 500 pounds by the court.")[2:] == ("GBP", "money")
    assert one("a deal worth 361 million pounds")[2:] == ("GBP", "money")


def test_every_unit_has_a_measure_and_the_story_measures_are_salient() -> None:
    for _, unit, factor, _, measure in UNIT_WORDS:
        assert factor > 0 and measure_of(unit) in (measure, "temperature")
    assert measure_of("USD") == "money" and measure_of("count") == "count"
    assert measure_of("year") == "duration"
    assert {"money", "percent", "count", "energy", "power", "mass", "volume"} <= SALIENT
    for measure in ("age", "duration", "speed", "data", "temperature", "angle", "multiple"):
        assert not is_salient(measure)


# ---------------------------------------------------------------------------- stage

Analyse = Callable[[str], tuple[Figure, ...]]


@pytest.fixture(scope="module")
def figures_of(nlp: Any) -> Analyse:
    chain = [REGISTRY["sentences"], REGISTRY["entities"], REGISTRY["figures"]]

    def analyse(text: str) -> tuple[Figure, ...]:
        document = Document(document_id(text), "test", text, Metadata(published="2023-05-02"))
        figures = run_stages(chain, document, nlp(text))["figures"]
        return tuple(f for f in figures if isinstance(f, Figure))

    return analyse


@pytest.mark.slow
def test_fields_of_every_quantity(figures_of: Analyse) -> None:
    text = (
        "Exports to Chile rose 12% to about $4.5 billion last year. The port handled between "
        "5 and 7 million tonnes, and at least 300 workers lost their jobs. The 61-year-old "
        "minister ended a three-day visit, and the ferry's speed fell by 20 mph."
    )
    by = {f.text: f for f in figures_of(text)}
    share, money = by["12%"], by["$4.5 billion"]
    assert (share.measure, share.direction, share.salient) == ("percent", "up", True)
    assert (money.measure, money.unit_text, money.qualifier) == ("money", "$", "about")
    low, high = by["5"], by["7 million tonnes"]
    assert (low.value, low.unit, low.low, low.high) == (5e6, "tonne", 5e6, 7e6)
    assert (high.value, high.low, high.high, high.unit_text) == (7e6, 5e6, 7e6, "tonnes")
    workers = by["300 workers"]
    assert (workers.counted, workers.qualifier, workers.measure) == ("worker", "at least", "count")
    age, visit = by["61-year-old"], by["three-day"]
    assert (age.measure, age.unit, age.salient) == ("age", "year", False)
    assert (visit.measure, visit.unit, visit.value, visit.salient) == ("duration", "day", 3, False)
    speed = by["20 mph"]
    assert (speed.measure, speed.direction, speed.salient) == ("speed", "down", False)
    assert speed.value == pytest.approx(20 * MILE)


@pytest.mark.slow
def test_an_age_after_a_name(figures_of: Analyse) -> None:
    (age,) = figures_of("Prime Minister Justin Trudeau, 43, said the deal was fair.")
    assert (age.text, age.value, age.unit, age.measure, age.salient) == (
        "43",
        43.0,
        "year",
        "age",
        False,
    )


def test_doubling_down_is_no_multiple() -> None:
    assert found("He doubled down on the claim.") == []
    assert found("Mining output of 1.5 mb/d") == [
        ("1.5 mb/d", 1.5e6, "barrel", "volume"),
    ]


@pytest.mark.slow
def test_durations_and_ages_never_group() -> None:
    from storyline.resolve.figures import group_figures

    def age(doc: str, value: float) -> tuple[str, str, Figure]:
        f = Figure(0, 11, "71-year-old", value, "year", subject="Lula age", measure="age")
        return (f"f_{doc}", doc, Figure(**{**_fields(f), "salient": False}))

    figures = [age("d1", 71), age("d2", 72)]
    dates = {"d1": "2023-05-02", "d2": "2023-05-02"}
    assert group_figures(figures, {"d1": "A", "d2": "B"}, dates) == []
    salient = [(i, d, Figure(**{**_fields(f), "salient": True})) for i, d, f in figures]
    assert len(group_figures(salient, {"d1": "A", "d2": "B"}, dates)) == 1


def _fields(f: Figure) -> dict[str, Any]:
    return {name: getattr(f, name) for name in f.__slots__}
