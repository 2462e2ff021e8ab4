"""The held-out AllSides facts scorer, on a tiny export written here, and the gold's shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluation.allsides_facts import (
    DEFAULT_GOLD,
    Folded,
    evaluate,
    figure_spans,
    main,
    read_gold,
    values_agree,
)

TEXT = (
    "The council of Norland met on Tuesday and voted to cut \u201cabout $3 million\u201d in aid. "
    "Officials said 12 ferries, roughly 40 miles of road and a three-day festival were "
    "affected. The mayor, 61, said it was fair.\n"
    "Critics   accused the council of spite on Wednesday."
)

GOLD_ROW = {
    "source": "test-1",
    "published": "2030-05-16",
    "figures": [
        {
            "text": "about $3 million",
            "value": 3e6,
            "unit": "USD",
            "kind": "money",
            "qualifier": "about",
        },
        {"text": "12 ferries", "value": 12, "unit": "count", "kind": "count", "counted": "ferries"},
        {"text": "roughly 40 miles", "value": 64.37, "unit": "km", "kind": "distance"},
        {"text": "three-day", "value": 3, "unit": "day", "kind": "duration"},
        {"text": "61", "value": 61, "unit": "year_age", "kind": "age", "context": "mayor, 61"},
        {"text": "a council", "value": 1, "unit": "count", "kind": "count", "optional": True},
    ],
    "events": [
        {
            "type": "SANCTION",
            "trigger": "cut",
            "sentence_opening": "The council of Norland met on Tuesday",
            "actors": ["Norland"],
            "date": "2030-05-14",
        },
        {
            "type": "ACCUSE",
            "trigger": "accused",
            "sentence_opening": "Critics accused the council",
            "actors": [],
            "date": "2030-05-15",
        },
    ],
    "main_event": {
        "type": "SANCTION",
        "trigger": "cut",
        "sentence_opening": "The council of Norland met on Tuesday",
        "actors": [],
        "date": "2030-05-14",
        "how": "implied by weekday",
    },
}


def _span(words: str) -> tuple[int, int]:
    at = TEXT.index(words)
    return at, at + len(words)


def _figure(words: str, value: float, unit: str) -> dict[str, object]:
    start, end = _span(words)
    return {"doc": "d_1", "start": start, "end": end, "text": words, "value": value, "unit": unit}


def _export() -> dict[str, object]:
    first = _span("The council of Norland met on Tuesday and voted to cut")
    critics = _span("Critics   accused the council of spite on Wednesday.")
    return {
        "documents": [{"id": "d_1", "source": "test-1", "text": TEXT}],
        "figures": [
            _figure("$3 million", 3e6, "USD"),  # right
            _figure("12 ferries", 12, "count"),  # right
            _figure("40 miles", 40, "mile"),  # right once converted
            _figure("61", 61, "year"),  # right value, kind duration not age
            _figure("Tuesday", 2, "count"),  # spurious
        ],
        "events": [
            {
                "id": "v_1",
                "type": "SANCTION",
                "label": "Norland cuts aid",
                "date": "2030-05-14",
                "mentions": [{"doc": "d_1", "start": first[0], "end": first[1] + 30}],
            },
            {
                "id": "v_2",
                "type": "REJECT",
                "label": "critics reject",
                "date": None,
                "mentions": [{"doc": "d_1", "start": critics[0], "end": critics[1]}],
            },
        ],
    }


def test_units_convert_and_currencies_must_match() -> None:
    assert values_agree(40, "mile", 64.37, "km")
    assert values_agree(0.4, "fraction", 40, "percent")
    assert values_agree(18, "month", 1.5, "year")
    assert values_agree(5, "acres", 0.0202343, "km2")
    assert not values_agree(19, "GBP", 19, "USD")
    assert not values_agree(19, "pound", 19, "GBP")
    assert not values_agree(100, "count", 103, "count")


def test_words_are_found_despite_quotes_spaces_and_case() -> None:
    doc = Folded.of(TEXT)
    [(start, end)] = figure_spans(doc, {"text": "ABOUT $3 million"})
    assert TEXT[start:end] == "about $3 million"
    assert figure_spans(doc, {"text": "1"}) == []  # never inside a longer number
    [(start, end)] = figure_spans(doc, {"text": "61", "context": "mayor, 61"})
    assert TEXT[start:end] == "61"


def test_a_small_export_scores_as_counted_by_hand() -> None:
    report = evaluate(_export(), [GOLD_ROW])
    fs, ev, ms = report.figures, report.events, report.main
    assert (fs.gold, fs.found, fs.tp_found, fs.tp_gold) == (5, 5, 4, 4)
    assert fs.pairs == 4 and fs.kind_right == 3 and fs.unit_family == 4 and fs.unit_exact == 2
    assert fs.by_kind["duration"]["missed"] == 1 and fs.spurious_by_kind["count"] == 1
    assert (ev.gold, ev.typed, ev.any_type, ev.dated, ev.date_right) == (2, 1, 2, 1, 1)
    assert (ev.mentions, ev.mentions_on_gold, ev.mentions_on_gold_typed) == (2, 2, 1)
    assert (ms.with_main, ms.found, ms.dated, ms.day_right) == (1, 1, 1, 1)


def test_the_command_prints_the_table_and_misses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "story.json"
    export.write_text(json.dumps(_export()), encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD_ROW) + "\n", encoding="utf-8")
    assert main([str(export), "--gold", str(gold), "--misses"]) == 0
    out = capsys.readouterr().out
    assert "value match  precision 0.800  recall 0.800" in out
    assert "missed 'three-day'=3 day [duration]" in out
    assert "event ACCUSE 'accused' found as ['REJECT']" in out
    assert "right day 1.000 (1)" in out


def test_the_held_out_gold_is_complete_and_well_formed() -> None:
    rows = read_gold(DEFAULT_GOLD)
    assert len(rows) == 40 and len({r["source"] for r in rows}) == 40
    kinds = {
        "money",
        "percent",
        "count",
        "duration",
        "age",
        "distance",
        "area",
        "energy",
        "power",
        "speed",
        "temperature",
        "volume",
        "mass",
        "data",
        "other",
    }
    for row in rows:
        for f in row["figures"]:
            assert f["kind"] in kinds and isinstance(f["value"], (int, float)) and f["unit"]
        for e in [*row["events"], *([row["main_event"]] if row["main_event"] else [])]:
            assert e["type"].isupper() and e["trigger"] and len(e["sentence_opening"].split()) <= 12
    assert sum(len(r["figures"]) for r in rows) > 200
    assert sum(1 for r in rows if r["main_event"]) == 33
