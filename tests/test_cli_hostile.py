"""A hostile article (escape sequences that set the window title and clear the screen, a
right-to-left override) analysed and shown through the real CLI: no control or bidi
character reaches the terminal, and ``ask --json`` stays valid JSON with the text whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.sanitize import TERMINAL_UNSAFE, json_for_terminal, terminal_text
from tests.hostile_story import RLO, TERMINAL_BAD, write_hostile_jsonl

pytestmark = pytest.mark.slow

runner = CliRunner()


def clean(output: str) -> None:
    for ch in TERMINAL_BAD:
        assert ch not in output, repr(ch)
    assert not set(output) & TERMINAL_UNSAFE


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-hostile")
    db = folder / "s.db"
    result = runner.invoke(app, ["analyze", str(write_hostile_jsonl(folder)), "--db", str(db)])
    assert result.exit_code == 0, result.output
    clean(result.output)
    return db


@pytest.mark.parametrize(
    ("command", "shows"),
    [
        (["info"], "Tromso"),
        (["quotes"], "is what the tally"),
        (["quotes", "--speaker", "Holm"], "and that is final"),
        (["figures"], ""),
        (["timeline"], ""),
        (["positions"], ""),
        (["brief"], "Tally"),
        (["framing"], "Tidende"),
        (["ask", "What did Holm say about the tally?"], "Holm"),
    ],
)
def test_views_print_no_control_or_bidi_characters(
    db: Path, command: list[str], shows: str
) -> None:
    result = runner.invoke(app, [*command, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert shows in result.output
    clean(result.output)


def test_info_shows_the_title_without_its_escape_sequences(db: Path) -> None:
    result = runner.invoke(app, ["info", "--db", str(db)])
    assert '=HYPERLINK("http://evil.example","click") ]0;pwnedeltit[2J' in result.output
    assert "@Tromso Tidende[2J" in result.output


def test_ask_json_is_valid_and_keeps_the_text(db: Path) -> None:
    result = runner.invoke(
        app, ["ask", "What did Holm say about the tally?", "--json", "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    clean(result.stdout)
    data = json.loads(result.stdout)
    assert RLO in json.dumps(data, ensure_ascii=False)  # escaped for the terminal, not lost


def test_error_lines_are_clean_too(tmp_path: Path) -> None:
    result = runner.invoke(app, ["info", "--db", str(tmp_path / "x\x1b[2J\u202e.db")])
    assert result.exit_code == 2
    clean(result.output)
    assert "x[2J.db" in result.output


def test_the_sanitisers() -> None:
    assert (
        terminal_text("a\x1b[2Jb\x07c\u202ed\u2066e\x9bf\x7fg\u200fh\nI\tj") == "a[2Jbcdefgh\nI\tj"
    )
    text = json_for_terminal({"t": "a\u202eb\x1b\x9bc\u061c"})
    assert text.isascii() or not set(text) & TERMINAL_UNSAFE
    assert json.loads(text) == {"t": "a\u202eb\x1b\x9bc\u061c"}
