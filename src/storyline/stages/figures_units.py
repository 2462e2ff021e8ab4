"""Units of measure after a number, by family, with the base unit each family is stored in.

Each row of :data:`UNIT_WORDS` is a spelling ("miles per hour", "kWh", "sq km"), the
base unit of its family, the factor to it, a rate the unit itself carries ("bpd": per
day) and the measure. One base unit per family, so that figures written in different
units compare: lengths in ``km``, areas in ``square_km``, volumes in ``cubic_metre``
(oil in ``barrel``), masses in ``tonne``, speeds in ``km_per_hour``, energy in
``watt_hour``, power in ``watt``, data in ``byte``, temperatures in ``celsius``. Longer
spellings come first ("miles per hour" before "miles"; the first that matches wins).

:data:`MEASURES` names the measure of every other unit (currency codes are ``money``,
``percent``, ``count``, time units are ``duration`` or ``age``); :data:`SALIENT` are the
measures a story argues about — money, shares, counts of people and things, trade in
goods, energy and power, distances and land — which the story views (figure groups, the
brief, the figures page, the report) keep to, while ages, durations, speeds, data sizes,
temperatures and angles are still extracted and exported.
"""

from __future__ import annotations

import re

# (surface, base unit, factor, rate, measure)
UnitRow = tuple[str, str, float, str | None, str]

_MILE = 1.609344
_LB = 4.5359237e-4
_CUFT = 0.0283168

UNIT_WORDS: tuple[UnitRow, ...] = (
    # volume (gas, oil) — before lengths: "billion cubic metres" is not metres
    ("trillion cubic metres", "cubic_metre", 1e12, None, "volume"),
    ("trillion cubic meters", "cubic_metre", 1e12, None, "volume"),
    ("billion cubic metres", "cubic_metre", 1e9, None, "volume"),
    ("billion cubic meters", "cubic_metre", 1e9, None, "volume"),
    ("cubic metres", "cubic_metre", 1.0, None, "volume"),
    ("cubic meters", "cubic_metre", 1.0, None, "volume"),
    ("cubic metre", "cubic_metre", 1.0, None, "volume"),
    ("cubic meter", "cubic_metre", 1.0, None, "volume"),
    ("trillion cubic feet", "cubic_metre", _CUFT * 1e12, None, "volume"),
    ("billion cubic feet", "cubic_metre", _CUFT * 1e9, None, "volume"),
    ("cubic feet", "cubic_metre", _CUFT, None, "volume"),
    ("cubic foot", "cubic_metre", _CUFT, None, "volume"),
    ("cu m", "cubic_metre", 1.0, None, "volume"), ("m3", "cubic_metre", 1.0, None, "volume"),
    ("m³", "cubic_metre", 1.0, None, "volume"),
    ("tcm", "cubic_metre", 1e12, None, "volume"), ("bcm", "cubic_metre", 1e9, None, "volume"),
    ("mcm", "cubic_metre", 1e6, None, "volume"),
    ("tcf", "cubic_metre", _CUFT * 1e12, None, "volume"),
    ("bcf", "cubic_metre", _CUFT * 1e9, None, "volume"),
    ("litres", "cubic_metre", 1e-3, None, "volume"),
    ("liters", "cubic_metre", 1e-3, None, "volume"),
    ("litre", "cubic_metre", 1e-3, None, "volume"),
    ("liter", "cubic_metre", 1e-3, None, "volume"),
    ("millilitres", "cubic_metre", 1e-6, None, "volume"),
    ("milliliters", "cubic_metre", 1e-6, None, "volume"),
    ("ml", "cubic_metre", 1e-6, None, "volume"),
    ("gallons", "cubic_metre", 0.00378541, None, "volume"),
    ("gallon", "cubic_metre", 0.00378541, None, "volume"),
    ("barrels per day", "barrel", 1.0, "per day", "volume"),
    ("barrels a day", "barrel", 1.0, "a day", "volume"),
    ("barrels", "barrel", 1.0, None, "volume"), ("barrel", "barrel", 1.0, None, "volume"),
    ("bpd", "barrel", 1.0, "per day", "volume"), ("b/d", "barrel", 1.0, "per day", "volume"),
    ("mb/d", "barrel", 1e6, "per day", "volume"), ("mbpd", "barrel", 1e6, "per day", "volume"),
    ("mmbpd", "barrel", 1e6, "per day", "volume"),
    ("mmb/d", "barrel", 1e6, "per day", "volume"),
    # mass
    ("metric tonnes", "tonne", 1.0, None, "mass"), ("metric tons", "tonne", 1.0, None, "mass"),
    ("metric ton", "tonne", 1.0, None, "mass"),
    ("tonnes", "tonne", 1.0, None, "mass"), ("tonne", "tonne", 1.0, None, "mass"),
    ("tons", "tonne", 1.0, None, "mass"), ("ton", "tonne", 1.0, None, "mass"),
    ("kilograms", "tonne", 1e-3, None, "mass"), ("kilogram", "tonne", 1e-3, None, "mass"),
    ("kilos", "tonne", 1e-3, None, "mass"), ("kg", "tonne", 1e-3, None, "mass"),
    ("grams", "tonne", 1e-6, None, "mass"), ("gram", "tonne", 1e-6, None, "mass"),
    ("milligrams", "tonne", 1e-9, None, "mass"), ("mg", "tonne", 1e-9, None, "mass"),
    ("micrograms", "tonne", 1e-12, None, "mass"), ("microgrammes", "tonne", 1e-12, None, "mass"),
    ("microgram", "tonne", 1e-12, None, "mass"), ("mcg", "tonne", 1e-12, None, "mass"),
    ("μg", "tonne", 1e-12, None, "mass"), ("µg", "tonne", 1e-12, None, "mass"),
    ("lbs", "tonne", _LB, None, "mass"), ("lb", "tonne", _LB, None, "mass"),
    ("ounces", "tonne", 2.8349523e-5, None, "mass"), ("ounce", "tonne", 2.8349523e-5, None, "mass"),
    ("oz", "tonne", 2.8349523e-5, None, "mass"),
    # area — before lengths: "square miles" is not miles
    ("square kilometres", "square_km", 1.0, None, "area"),
    ("square kilometers", "square_km", 1.0, None, "area"),
    ("square kilometre", "square_km", 1.0, None, "area"),
    ("square kilometer", "square_km", 1.0, None, "area"),
    ("sq km", "square_km", 1.0, None, "area"), ("km2", "square_km", 1.0, None, "area"),
    ("km²", "square_km", 1.0, None, "area"),
    ("square metres", "square_km", 1e-6, None, "area"),
    ("square meters", "square_km", 1e-6, None, "area"),
    ("square metre", "square_km", 1e-6, None, "area"),
    ("square meter", "square_km", 1e-6, None, "area"),
    ("sq m", "square_km", 1e-6, None, "area"), ("m2", "square_km", 1e-6, None, "area"),
    ("m²", "square_km", 1e-6, None, "area"),
    ("square miles", "square_km", _MILE**2, None, "area"),
    ("square mile", "square_km", _MILE**2, None, "area"),
    ("sq mi", "square_km", _MILE**2, None, "area"),
    ("square feet", "square_km", 9.290304e-8, None, "area"),
    ("square foot", "square_km", 9.290304e-8, None, "area"),
    ("sq ft", "square_km", 9.290304e-8, None, "area"),
    ("hectares", "square_km", 0.01, None, "area"), ("hectare", "square_km", 0.01, None, "area"),
    ("ha", "square_km", 0.01, None, "area"),
    ("acres", "square_km", 0.0040468564, None, "area"),
    ("acre", "square_km", 0.0040468564, None, "area"),
    # speed — before lengths: "miles per hour" is not miles
    ("kilometres per hour", "km_per_hour", 1.0, None, "speed"),
    ("kilometers per hour", "km_per_hour", 1.0, None, "speed"),
    ("kilometres an hour", "km_per_hour", 1.0, None, "speed"),
    ("kilometers an hour", "km_per_hour", 1.0, None, "speed"),
    ("km/h", "km_per_hour", 1.0, None, "speed"), ("km/hr", "km_per_hour", 1.0, None, "speed"),
    ("kmph", "km_per_hour", 1.0, None, "speed"), ("kph", "km_per_hour", 1.0, None, "speed"),
    ("miles per hour", "km_per_hour", _MILE, None, "speed"),
    ("miles an hour", "km_per_hour", _MILE, None, "speed"),
    ("mph", "km_per_hour", _MILE, None, "speed"),
    ("metres per second", "km_per_hour", 3.6, None, "speed"),
    ("meters per second", "km_per_hour", 3.6, None, "speed"),
    ("m/s", "km_per_hour", 3.6, None, "speed"),
    ("knots", "km_per_hour", 1.852, None, "speed"),
    # length
    ("nautical miles", "km", 1.852, None, "length"),
    ("nautical mile", "km", 1.852, None, "length"),
    ("kilometres", "km", 1.0, None, "length"), ("kilometers", "km", 1.0, None, "length"),
    ("kilometre", "km", 1.0, None, "length"), ("kilometer", "km", 1.0, None, "length"),
    ("kms", "km", 1.0, None, "length"), ("km", "km", 1.0, None, "length"),
    ("miles", "km", _MILE, None, "length"), ("mile", "km", _MILE, None, "length"),
    ("metres", "km", 1e-3, None, "length"), ("meters", "km", 1e-3, None, "length"),
    ("metre", "km", 1e-3, None, "length"), ("meter", "km", 1e-3, None, "length"),
    ("centimetres", "km", 1e-5, None, "length"), ("centimeters", "km", 1e-5, None, "length"),
    ("cm", "km", 1e-5, None, "length"),
    ("millimetres", "km", 1e-6, None, "length"), ("millimeters", "km", 1e-6, None, "length"),
    ("mm", "km", 1e-6, None, "length"),
    ("feet", "km", 3.048e-4, None, "length"), ("foot", "km", 3.048e-4, None, "length"),
    ("ft", "km", 3.048e-4, None, "length"),
    ("inches", "km", 2.54e-5, None, "length"), ("inch", "km", 2.54e-5, None, "length"),
    ("yards", "km", 9.144e-4, None, "length"), ("yard", "km", 9.144e-4, None, "length"),
    ("m", "km", 1e-3, None, "length"),
    # energy
    ("terawatt-hours", "watt_hour", 1e12, None, "energy"),
    ("terawatt hours", "watt_hour", 1e12, None, "energy"),
    ("gigawatt-hours", "watt_hour", 1e9, None, "energy"),
    ("gigawatt hours", "watt_hour", 1e9, None, "energy"),
    ("megawatt-hours", "watt_hour", 1e6, None, "energy"),
    ("megawatt hours", "watt_hour", 1e6, None, "energy"),
    ("kilowatt-hours", "watt_hour", 1e3, None, "energy"),
    ("kilowatt hours", "watt_hour", 1e3, None, "energy"),
    ("kilowatt-hour", "watt_hour", 1e3, None, "energy"),
    ("twh", "watt_hour", 1e12, None, "energy"), ("gwh", "watt_hour", 1e9, None, "energy"),
    ("mwh", "watt_hour", 1e6, None, "energy"), ("kwh", "watt_hour", 1e3, None, "energy"),
    ("gigajoules", "watt_hour", 1e9 / 3600, None, "energy"),
    ("megajoules", "watt_hour", 1e6 / 3600, None, "energy"),
    ("kilojoules", "watt_hour", 1e3 / 3600, None, "energy"),
    ("joules", "watt_hour", 1 / 3600, None, "energy"),
    # power
    ("gigawatts", "watt", 1e9, None, "power"), ("gigawatt", "watt", 1e9, None, "power"),
    ("gw", "watt", 1e9, None, "power"), ("megawatts", "watt", 1e6, None, "power"),
    ("megawatt", "watt", 1e6, None, "power"), ("mw", "watt", 1e6, None, "power"),
    ("kilowatts", "watt", 1e3, None, "power"), ("kilowatt", "watt", 1e3, None, "power"),
    ("kw", "watt", 1e3, None, "power"), ("watts", "watt", 1.0, None, "power"),
    ("horsepower", "watt", 745.7, None, "power"),
    # data
    ("terabytes", "byte", 1e12, None, "data"), ("tb", "byte", 1e12, None, "data"),
    ("gigabytes", "byte", 1e9, None, "data"), ("gb", "byte", 1e9, None, "data"),
    ("megabytes", "byte", 1e6, None, "data"), ("mb", "byte", 1e6, None, "data"),
    ("kilobytes", "byte", 1e3, None, "data"), ("kb", "byte", 1e3, None, "data"),
    ("bytes", "byte", 1.0, None, "data"), ("byte", "byte", 1.0, None, "data"),
    ("gigabits", "byte", 1.25e8, None, "data"), ("megabits", "byte", 1.25e5, None, "data"),
    ("megabit", "byte", 1.25e5, None, "data"), ("kilobits", "byte", 125.0, None, "data"),
    ("bits", "byte", 0.125, None, "data"), ("bit", "byte", 0.125, None, "data"),
    # temperature (Fahrenheit is converted by :func:`celsius`)
    ("degrees fahrenheit", "fahrenheit", 1.0, None, "temperature"),
    ("degree fahrenheit", "fahrenheit", 1.0, None, "temperature"),
    ("degrees farenheit", "fahrenheit", 1.0, None, "temperature"),
    ("degrees f", "fahrenheit", 1.0, None, "temperature"),
    ("deg fahrenheit", "fahrenheit", 1.0, None, "temperature"),
    ("deg f", "fahrenheit", 1.0, None, "temperature"),
    ("°f", "fahrenheit", 1.0, None, "temperature"), ("° f", "fahrenheit", 1.0, None, "temperature"),
    ("ºf", "fahrenheit", 1.0, None, "temperature"),
    ("fahrenheit", "fahrenheit", 1.0, None, "temperature"),
    ("farenheit", "fahrenheit", 1.0, None, "temperature"),
    ("degrees celsius", "celsius", 1.0, None, "temperature"),
    ("degree celsius", "celsius", 1.0, None, "temperature"),
    ("degrees centigrade", "celsius", 1.0, None, "temperature"),
    ("degrees c", "celsius", 1.0, None, "temperature"),
    ("deg celsius", "celsius", 1.0, None, "temperature"),
    ("deg c", "celsius", 1.0, None, "temperature"),
    ("°c", "celsius", 1.0, None, "temperature"), ("° c", "celsius", 1.0, None, "temperature"),
    ("ºc", "celsius", 1.0, None, "temperature"),
    ("celsius", "celsius", 1.0, None, "temperature"),
    ("celcius", "celsius", 1.0, None, "temperature"),
    ("centigrade", "celsius", 1.0, None, "temperature"),
    ("centigrate", "celsius", 1.0, None, "temperature"),
    ("c", "celsius", 1.0, None, "temperature"), ("f", "fahrenheit", 1.0, None, "temperature"),
    # degrees without a scale: a temperature where the sentence speaks of one, else an angle
    ("degrees", "degree", 1.0, None, "angle"), ("degree", "degree", 1.0, None, "angle"),
    ("deg.", "degree", 1.0, None, "angle"), ("°", "degree", 1.0, None, "angle"),
    # shares
    ("percentage points", "percentage_point", 1.0, None, "percent"),
    ("percentage point", "percentage_point", 1.0, None, "percent"),
    ("per cent", "percent", 1.0, None, "percent"), ("percentage", "percent", 1.0, None, "percent"),
    ("percents", "percent", 1.0, None, "percent"), ("percent", "percent", 1.0, None, "percent"),
    ("pct", "percent", 1.0, None, "percent"), ("%", "percent", 1.0, None, "percent"),
)  # fmt: skip

TIME_UNITS = frozenset(
    {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century"}
)

MEASURES = {
    "count": "count",
    "times": "multiple",
    **{unit: measure for _, unit, _, _, measure in UNIT_WORDS},
    "fahrenheit": "temperature",
}

# the measures a story argues about (see the module docstring)
SALIENT = frozenset(
    {"money", "percent", "count", "mass", "volume", "energy", "power", "length", "area"}
)

_TEMPERATURE_CONTEXT = re.compile(
    r"temperature|thermostat|weather|heat|hot\b|cold\b|warm|cool|freez|boil|degrees? outside"
    r"|forecast|fever|climate|warming",
    re.IGNORECASE,
)


def measure_of(unit: str) -> str:
    """The measure of a unit ("USD" → money, "km" → length, "year" → duration)."""
    if unit in MEASURES:
        return MEASURES[unit]
    if unit in TIME_UNITS:
        return "duration"
    if len(unit) == 3 and unit.isupper():
        return "money"
    return "count"


def is_salient(measure: str | None) -> bool:
    """Is a figure of ``measure`` one a story argues about (:data:`SALIENT`)?"""
    return measure in SALIENT


def celsius(value: float, unit: str) -> tuple[float, str]:
    """A temperature in Celsius (Fahrenheit converted); other units unchanged."""
    if unit == "fahrenheit":
        return (value - 32) * 5 / 9, "celsius"
    return value, unit


def degree_measure(sentence: str) -> str:
    """Degrees without a scale measure a temperature where the sentence speaks of one."""
    return "temperature" if _TEMPERATURE_CONTEXT.search(sentence) else "angle"
