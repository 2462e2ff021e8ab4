"""The terminal list views read bounded lists: ``--limit`` cuts them and says how many
more there are, and name filters match names and aliases without loading the story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app

ARTICLES = [
    {
        "source": "wire-1",
        "outlet": "Harbour Wire",
        "published": "2025-03-04",
        "title": "Port talks open",
        "text": (
            "Port director Amelia Varga met union leader Tomasz Brenner in Kelby on Monday.\n\n"
            '"We will keep the cranes running," Amelia Varga said after the meeting.\n\n'
            '"Our members want a fair deal," Tomasz Brenner said.\n\n'
            '"The harbour must stay open," said Varga, who runs the port.\n\n'
            'City councillor Ines Okafor said: "Kelby depends on this port."'
        ),
    },
    {
        "source": "wire-2",
        "outlet": "Kelby Courier",
        "published": "2025-03-05",
        "title": "Union weighs offer",
        "text": (
            "Union leader Tomasz Brenner met port director Amelia Varga again on Tuesday.\n\n"
            '"The offer is a start," Brenner told reporters.\n\n'
            '"We have moved a long way," Amelia Varga said.'
        ),
    },
]


@pytest.fixture(scope="module")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lists")
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = folder / "story.db"
    result = CliRunner().invoke(app, ["analyze", str(source), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return db


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_quotes_limit_cuts_speakers_and_says_how_many_more(story_db: Path) -> None:
    everything = _run("quotes", "--db", str(story_db), "--limit", "0")
    speakers = [line for line in everything.splitlines() if not line.startswith(" ")]
    assert len(speakers) >= 3, everything
    assert "more speakers" not in everything
    first = _run("quotes", "--db", str(story_db), "--limit", "1")
    heads = [line for line in first.splitlines() if not line.startswith(" ")]
    # the speaker with the most quotes comes first, then the line about the rest
    assert heads[0] == speakers[0] and heads[0].startswith("Amelia Varga (")
    assert heads[-1] == f"… and {len(speakers) - 1} more speakers (use --limit 0 to show all)"


def test_speaker_filter_matches_a_surname_and_lists_every_quote_of_the_person(
    story_db: Path,
) -> None:
    out = _run("quotes", "--db", str(story_db), "--speaker", "brenner")
    assert "Tomasz Brenner (2)" in out
    assert "The offer is a start" in out and "Our members want a fair deal" in out
    assert "Varga" not in out
    # oldest article first within a speaker
    assert out.index("Our members") < out.index("The offer is a start")
    assert "no quotes found" in _run("quotes", "--db", str(story_db), "--speaker", "zzz")


def test_timeline_limit_and_actor_filter(story_db: Path) -> None:
    out = _run("timeline", "--db", str(story_db), "--limit", "0")
    dated = [line for line in out.splitlines() if line[:4] == "2025"]
    assert dated, out
    assert _run("timeline", "--db", str(story_db), "--actor", "nobody at all") == (
        "no events found\n"
    )
    one = _run("timeline", "--db", str(story_db), "--actor", "varga", "--limit", "1")
    assert one.splitlines()[0] == dated[0]
