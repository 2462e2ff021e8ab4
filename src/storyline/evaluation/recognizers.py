"""Figures measured on Microsoft Recognizers-Text's English test specs.

``python -m storyline.evaluation.recognizers [--misses] [--limit N] [PATH]``: PATH is the
``recognizers-text`` folder (default ``../shared/datasets/recognizers-text`` beside the
repository). The specs read are ``NumberWithUnit/English/{Age,Currency,Dimension,
Temperature}Model.json`` and ``Number/English/PercentModel.json``: JSON lists of
``{"Input", "Results": [{"Text", "TypeName", "Resolution": {"value", "unit"}, ...}]}``.

Each input goes through spaCy and the ``sentences``, ``entities`` and ``figures`` stages
(as :mod:`storyline.evaluation.figures` does). A spec annotates only its own kind of
quantity (the currency spec marks "$ 254 million" but not the "27 %" beside it), so each
spec is scored against the found figures of its own measures only: money for the
currency spec, age for the age spec, temperature, percent, and for the dimension spec
every physical measure (length, area, volume, mass, speed, data, energy, power, angle).
Gold results without a value (a unit named alone: "fahrenheit", "dollar") are left out.

* a found figure **matches** a gold result when their spans share a character and their
  values agree within 0.5% — in the same physical units: the gold value is converted to the
  unit storyline gives (miles to km, pounds to tonnes, cents to dollars), so a figure whose
  unit is of the right dimension but another scale still matches (each matches at most once);
* **value precision/recall/F1** over those matches;
* **unit agreement**: over matched gold results, the share whose unit is the one storyline
  should give (the base unit of the family: ``USD`` for "$", ``km`` for miles, ``tonne``
  for pounds, ``celsius`` for Fahrenheit, ``year`` for an age in years).

The **news-like** subset is the inputs of at least eight words (whole sentences: the
newswire sentences of the currency and dimension specs, lowercased and tokenised as they
are), leaving out the fragments ("6 deg c", "10 $ 30 $", "75ml").
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.document import Figure

DEFAULT_PATH = Path(__file__).resolve().parents[3].parent / "shared" / "datasets"
DEFAULT_PATH = DEFAULT_PATH / "recognizers-text"
TOLERANCE = 0.005
NEWS_WORDS = 8

# spec file → the measures of found figures it is scored against
SPECS: dict[str, frozenset[str]] = {
    "NumberWithUnit/English/AgeModel.json": frozenset({"age"}),
    "NumberWithUnit/English/CurrencyModel.json": frozenset({"money"}),
    "NumberWithUnit/English/DimensionModel.json": frozenset(
        {"length", "area", "volume", "mass", "speed", "data", "energy", "power", "angle"}
    ),
    "NumberWithUnit/English/TemperatureModel.json": frozenset({"temperature"}),
    "Number/English/PercentModel.json": frozenset({"percent"}),
}

# Recognizers-Text unit names → (storyline unit, factor to it)
_CURRENCY = {
    "Dollar": ("USD", 1.0), "United States dollar": ("USD", 1.0), "Cent": ("USD", 0.01),
    "Canadian dollar": ("CAD", 1.0), "Hong Kong dollar": ("HKD", 1.0),
    "Australian dollar": ("AUD", 1.0), "New Zealand dollar": ("NZD", 1.0),
    "Mexican peso": ("MXN", 1.0), "Pound": ("GBP", 1.0), "British pound": ("GBP", 1.0),
    "Pence": ("GBP", 0.01), "Penny": ("GBP", 0.01), "Euro": ("EUR", 1.0),
    "Japanese yen": ("JPY", 1.0), "Chinese yuan": ("CNY", 1.0), "Rupee": ("INR", 1.0),
    "Franc": ("FRF", 1.0), "Swiss franc": ("CHF", 1.0), "Finnish markka": ("FIM", 1.0),
    "Peseta": ("ESP", 1.0), "Netherlands guilder": ("NLG", 1.0), "Turkish lira": ("TRY", 1.0),
    "Bitcoin": ("BTC", 1.0), "Satoshi": ("BTC", 1e-8), "Costa Rican colón": ("CRC", 1.0),
    "Georgian lari": ("GEL", 1.0), "Lao kip": ("LAK", 1.0), "Sri Lankan rupee": ("LKR", 1.0),
    "Sen": ("JPY", 0.01),
}  # fmt: skip
_DIMENSION = {
    "Meter": ("km", 1e-3), "Kilometer": ("km", 1.0), "Decimeter": ("km", 1e-4),
    "Millimeter": ("km", 1e-6), "Picometer": ("km", 1e-15), "Mile": ("km", 1.609344),
    "Foot": ("km", 3.048e-4), "Inch": ("km", 2.54e-5),
    "Square meter": ("square_km", 1e-6), "Square kilometer": ("square_km", 1.0),
    "Acre": ("square_km", 0.00404686),
    "Gallon": ("cubic_metre", 0.00378541), "Cubic foot": ("cubic_metre", 0.0283168),
    "Milliliter": ("cubic_metre", 1e-6), "Barrel": ("barrel", 1.0),
    "Cup": ("cubic_metre", 2.36588e-4), "Tablespoon": ("cubic_metre", 1.47868e-5),
    "Teaspoon": ("cubic_metre", 4.92892e-6),
    "Pound": ("tonne", 4.5359237e-4), "Ounce": ("tonne", 2.8349523e-5),
    "Ton": ("tonne", 1.0), "Metric ton": ("tonne", 1.0), "Kilogram": ("tonne", 1e-3),
    "Microgram": ("tonne", 1e-12), "Dram": ("tonne", 1.7718e-6),
    "Kilometer per hour": ("km_per_hour", 1.0), "Mile per hour": ("km_per_hour", 1.609344),
    "Meter per millisecond": ("km_per_hour", 3600.0),
    "Centimeter per millisecond": ("km_per_hour", 36.0),
    "Kilometer per millisecond": ("km_per_hour", 3.6e6),
    "Bit": ("byte", 0.125), "Megabit": ("byte", 1.25e5), "Megabyte": ("byte", 1e6),
    "Degree": ("degree", 1.0), "Radian": ("radian", 1.0), "Turn": ("turn", 1.0),
}  # fmt: skip
_AGE = {
    "Year": ("year", 1.0), "Month": ("month", 1.0), "Week": ("week", 1.0),
    "Day": ("day", 1.0), "Age": ("year", 1.0),
}  # fmt: skip
_TEMPERATURE = {"C": ("celsius", 1.0), "F": ("celsius", 1.0), "Degree": ("degree", 1.0)}

# the same physical dimension in other units storyline may give: unit → (dimension, factor
# to the base unit above), so that a figure in "mile" still matches a gold value in km
_SAME_DIMENSION = {
    "km": ("length", 1.0), "mile": ("length", 1.609344), "metre": ("length", 1e-3),
    "square_km": ("area", 1.0), "hectare": ("area", 0.01),
    "tonne": ("mass", 1.0), "cubic_metre": ("volume", 1.0),
    "watt": ("power", 1.0), "megawatt": ("power", 1e6), "gigawatt": ("power", 1e9),
}  # fmt: skip

# fallback measures by unit, for figures that carry no ``measure``
_UNIT_MEASURES = {
    "percent": "percent", "percentage_point": "percent", "count": "count",
    "tonne": "mass", "cubic_metre": "volume", "barrel": "volume", "km": "length",
    "mile": "length", "square_km": "area", "hectare": "area", "gigawatt": "power",
    "megawatt": "power", "kilowatt_hour": "energy",
}  # fmt: skip


def measure_of(f: Figure) -> str:
    """The measure of a found figure (its ``measure`` field, else guessed from its unit)."""
    measure = getattr(f, "measure", None)
    if isinstance(measure, str) and measure:
        return measure
    if f.unit in _UNIT_MEASURES:
        return _UNIT_MEASURES[f.unit]
    if len(f.unit) == 3 and f.unit.isupper():
        return "money"
    return "duration"


def gold_unit(spec: str, unit: str) -> tuple[str, float]:
    """A Recognizers-Text unit as (storyline unit, factor to it); unknown units as is."""
    table = (
        _CURRENCY
        if "Currency" in spec
        else _AGE
        if "Age" in spec
        else _TEMPERATURE
        if "Temperature" in spec
        else _DIMENSION
    )
    return table.get(unit, (unit.lower(), 1.0))


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    value: float
    unit: str  # storyline unit
    written: str  # the Recognizers-Text unit


@dataclass(frozen=True, slots=True)
class Case:
    spec: str
    text: str
    gold: tuple[Gold, ...]

    @property
    def news_like(self) -> bool:
        return len(self.text.split()) >= NEWS_WORDS


@dataclass(slots=True)
class Scores:
    gold: int = 0
    found: int = 0
    matched: int = 0
    units_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Scores) -> None:
        self.gold += other.gold
        self.found += other.found
        self.matched += other.matched
        self.units_right += other.units_right

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def unit_agreement(self) -> float:
        return self.units_right / self.matched if self.matched else 0.0

    def row(self, name: str) -> str:
        return (
            f"{name:<34} gold {self.gold:>4} found {self.found:>4}  P {self.precision:.3f} "
            f"R {self.recall:.3f} F1 {self.f1:.3f}  unit {self.unit_agreement:.3f}"
        )


def _value(raw: Any) -> float | None:
    if raw is None or raw == "null":
        return None
    try:
        return float(str(raw).rstrip("%"))
    except ValueError:
        return None


def read_spec(path: Path, spec: str) -> list[Case]:
    """The cases of one spec file, with gold spans found in their inputs."""
    cases: list[Case] = []
    for entry in json.loads(path.read_text(encoding="utf-8")):
        text = entry["Input"]
        gold: list[Gold] = []
        for r in entry.get("Results") or []:
            resolution = r.get("Resolution") or {}
            value = _value(resolution.get("value"))
            if value is None:
                continue
            start = r.get("Start")
            if not isinstance(start, int) or text[start : start + len(r["Text"])].lower() != (
                r["Text"].lower()
            ):
                start = text.lower().find(r["Text"].lower())
            if start < 0:
                continue
            written = resolution.get("unit") or ("Percent" if "Percent" in spec else "")
            unit, factor = gold_unit(spec, written) if written != "Percent" else ("percent", 1)
            if written == "F":
                value = (value - 32) * 5 / 9
            gold.append(Gold(start, start + len(r["Text"]), value * factor, unit, written))
        cases.append(Case(spec, text, tuple(gold)))
    return cases


def read_cases(path: Path = DEFAULT_PATH) -> list[Case]:
    """Every case of the specs in :data:`SPECS` under ``path``."""
    cases: list[Case] = []
    for spec in SPECS:
        if (path / spec).is_file():
            cases.extend(read_spec(path / spec, spec))
    if not cases:
        raise FileNotFoundError(
            f"no Recognizers-Text specs under {path}; give the folder that holds "
            "NumberWithUnit/English and Number/English"
        )
    return cases


def _in_units(value: float, unit: str, to: str) -> float | None:
    """``value`` in ``unit`` expressed in ``to`` when both are of one known dimension."""
    if unit == to:
        return value
    a, b = _SAME_DIMENSION.get(unit), _SAME_DIMENSION.get(to)
    if a is None or b is None or a[0] != b[0]:
        return None
    return value * a[1] / b[1]


def _agrees(f: Figure, g: Gold) -> bool:
    if not (f.start < g.end and f.end > g.start):
        return False
    value = _in_units(g.value, g.unit, f.unit)
    if value is None:
        value = g.value
    return abs(f.value - value) <= TOLERANCE * max(abs(value), 1e-9)


def score(case: Case, found: Sequence[Figure]) -> Scores:
    """One case's counts (and a line per miss or spurious figure)."""
    measures = SPECS[case.spec]
    mine = [f for f in found if measure_of(f) in measures]
    scores = Scores(gold=len(case.gold), found=len(mine))
    used: set[int] = set()
    name = case.spec.rsplit("/", 1)[-1].removesuffix("Model.json")
    for g in case.gold:
        hit = next((i for i, f in enumerate(mine) if i not in used and _agrees(f, g)), None)
        words = case.text[g.start : g.end]
        if hit is None:
            near = [f"{f.text!r}={f.value:g} {f.unit}" for f in found if f.start < g.end]
            near = [n for n, f in zip(near, found, strict=False) if f.end > g.start]
            scores.misses.append(
                f"{name}: missed {words!r} {g.value:g} {g.unit} {near} in {case.text[:90]!r}"
            )
            continue
        used.add(hit)
        scores.matched += 1
        if mine[hit].unit == g.unit:
            scores.units_right += 1
        else:
            scores.misses.append(f"{name}: unit of {words!r} {mine[hit].unit} != {g.unit}")
    for i, f in enumerate(mine):
        if i not in used:
            scores.misses.append(
                f"{name}: spurious {f.text!r}={f.value:g} {f.unit} in {case.text[:90]!r}"
            )
    return scores


def figures_of_text(text: str, nlp: Any) -> tuple[Figure, ...]:
    """The figures the registered stages find in ``text`` (no published date)."""
    import storyline.stages
    import storyline.stages.figures  # noqa: F401
    from storyline.document import Document, Metadata, document_id
    from storyline.stages.registry import REGISTRY, run_stages

    chain = [REGISTRY["sentences"], REGISTRY["entities"], REGISTRY["figures"]]
    document = Document(document_id(text), "recognizers", text, Metadata())
    found = run_stages(chain, document, nlp(text))["figures"]
    return tuple(f for f in found if isinstance(f, Figure))


@dataclass(slots=True)
class Report:
    by_spec: dict[str, Scores] = field(default_factory=dict)
    total: Scores = field(default_factory=Scores)
    news: Scores = field(default_factory=Scores)
    misses: list[str] = field(default_factory=list)

    def table(self) -> str:
        lines = [s.row(spec.rsplit("/", 1)[-1]) for spec, s in self.by_spec.items()]
        lines.append(self.total.row("all"))
        lines.append(self.news.row(f"news-like (>= {NEWS_WORDS} words)"))
        return "\n".join(lines)


def evaluate(cases: Iterable[Case], nlp: Any = None) -> Report:
    """Scores of the figures stage over ``cases``."""
    if nlp is None:
        from storyline.nlp import load_pipeline

        nlp = load_pipeline()
    report = Report()
    for case in cases:
        s = score(case, figures_of_text(case.text, nlp))
        report.by_spec.setdefault(case.spec, Scores()).add(s)
        report.total.add(s)
        if case.news_like:
            report.news.add(s)
        report.misses.extend(s.misses)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--misses", action="store_true", help="list every miss and spurious")
    parser.add_argument("--limit", type=int, default=None, help="only the first N of each spec")
    args = parser.parse_args(argv)
    cases = read_cases(args.path)
    if args.limit is not None:
        kept: dict[str, int] = {}
        cases = [c for c in cases if kept.setdefault(c.spec, 0) < args.limit and _take(kept, c)]
    report = evaluate(cases)
    if args.misses:
        for line in report.misses:
            print(line)
    print(report.table())
    return 0


def _take(kept: dict[str, int], case: Case) -> bool:
    kept[case.spec] += 1
    return True


if __name__ == "__main__":
    sys.exit(main())
