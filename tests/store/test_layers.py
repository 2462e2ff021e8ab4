"""Extraction layers round-trip through the store and come out export-shaped."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

from typer.testing import CliRunner

from storyline.cli import app
from storyline.clock import FixedClock
from storyline.document import (
    Analysis,
    Document,
    Entity,
    Event,
    EventMention,
    Figure,
    FigureGroup,
    Mention,
    Metadata,
    Position,
    Quote,
    Sentence,
    Stance,
    TimeExpression,
    document_id,
    mention_id,
)
from storyline.export.json_export import build_export
from storyline.store import StoreReader, StoreWriter
from storyline.store.layers import layer_id

TEXT = 'Ortega said on Monday: "Trade reached $12 billion." Ortega opposes the <b>tariff</b>.'
#       0         1         2         3         4         5         6         7         8


def build(tmp_path: Path) -> tuple[Path, str]:
    doc = Document(
        document_id(TEXT),
        "x.txt",
        TEXT,
        Metadata(title="T", outlet="Wire <i>", published="2023-05-03", language="en"),
    )
    quote_start = TEXT.index("Trade")
    quote_end = TEXT.index('."') + 1
    money = TEXT.index("$12 billion")
    second = TEXT.index("Ortega", 10)
    target = TEXT.index("the <b>")
    layers = MappingProxyType(
        {
            "sentences": (Sentence(0, 51), Sentence(52, len(TEXT))),
            "mentions": (
                Mention(0, 6, "Ortega", "PERSON", "Ortega"),
                Mention(second, second + 6, "Ortega", "PERSON", "Ortega"),
            ),
            "quotes": (
                Quote(quote_start, quote_end, TEXT[quote_start:quote_end], True, "Ortega", 0, 6),
            ),
            "stances": (
                Stance(
                    second,
                    len(TEXT),
                    ((second, second + 6),),
                    "Ortega",
                    "oppose",
                    "the tariff",
                    target,
                    len(TEXT) - 1,
                    "opposes",
                ),
            ),
            "figures": (
                Figure(money, money + 11, "$12 billion", 12e9, "USD", "trade", "actual", "2023"),
            ),
            "times": (TimeExpression(15, 24, "on Monday", "2023-05-01", "2023-05-03"),),
            "events": (
                EventMention(0, 51, "CONSULT", "said", "Ortega speaks", ((0, 6),), None, "2023"),
            ),
        }
    )
    db = tmp_path / "s.db"
    with StoreWriter(db, FixedClock(datetime(2024, 1, 1, tzinfo=UTC))) as store:
        store.write_analysis(Analysis(doc, layers, "test@1"))
        ids = (mention_id(doc.id, 0, 6), mention_id(doc.id, second, second + 6))
        store.replace_entities([Entity("e_o", "Luis Ortega", "PERSON", None, ("Ortega",), ids)])
        ((sid, _, _),) = store.iter_stances()
        ((fid, _, _),) = store.iter_figures()
        ((vid, _, _),) = store.iter_event_mentions()
        store.replace_views(
            [Position("p_1", ("e_o",), "oppose", "tariff", None, (sid,))],
            [FigureGroup("g_1", "trade, 2023", "trade", "2023", "actual", "USD", (fid,), False)],
            [Event("v_1", "CONSULT", "Ortega speaks", ("e_o",), None, "2023", (vid,))],
        )
    return db, doc.id


def test_layers_round_trip_into_the_export(tmp_path: Path) -> None:
    db, doc_id = build(tmp_path)
    with StoreReader(db) as reader:
        story = build_export(reader)
    (quote,) = story["quotes"]
    assert quote["speaker"] == "e_o" and quote["direct"] is True
    assert TEXT[quote["start"] : quote["end"]] == quote["text"]
    (stance,) = story["stances"]
    assert stance["holders"] == ["e_o"] and stance["polarity"] == "oppose"
    (figure,) = story["figures"]
    assert figure["value"] == 12_000_000_000 and isinstance(figure["value"], int)
    assert figure["id"] == layer_id("f_", doc_id, figure["start"], figure["end"])
    (time,) = story["times"]
    assert time["value"] == "2023-05-01"
    (event,) = story["events"]
    assert event["participants"] == ["e_o"] and event["mentions"][0]["doc"] == doc_id
    assert story["figure_groups"][0]["figures"] == [figure["id"]]
    assert story["positions"][0]["stances"] == [stance["id"]]


def test_terminal_views_print_article_text_literally(tmp_path: Path) -> None:
    db, _ = build(tmp_path)
    runner = CliRunner()
    quotes = runner.invoke(app, ["quotes", "--db", str(db), "--speaker", "luis"])
    assert "Luis Ortega (1)" in quotes.output and "Trade reached $12 billion." in quotes.output
    assert "Wire <i>" in quotes.output  # markup-like text is shown as text, not interpreted
    none = runner.invoke(app, ["quotes", "--db", str(db), "--speaker", "nobody"])
    assert "no quotes found" in none.output
    positions = runner.invoke(app, ["positions", "--db", str(db), "--holder", "ortega"])
    assert "Luis Ortega oppose: tariff (1 evidence)" in positions.output
    assert "the <b>tariff</b>" in positions.output
    figures = runner.invoke(app, ["figures", "--db", str(db), "--conflicts"])
    assert "[DISAGREE] trade, 2023" in figures.output and "12 billion USD" in figures.output
    timeline = runner.invoke(app, ["timeline", "--db", str(db), "--actor", "Ortega"])
    assert "Ortega speaks" in timeline.output and "Wire <i>, 2023-05-03" in timeline.output
