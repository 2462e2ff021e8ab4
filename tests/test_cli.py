"""CLI behaviour that needs no analysis: errors are one clear line, help and version work."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from storyline import __version__
from storyline.cli import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_export_of_a_missing_database_is_one_clear_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "none.db"), "-o", "x.json"])
    assert result.exit_code == 2
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1
    assert "none.db" in lines[0] and "storyline analyze" in lines[0]


def test_info_of_a_missing_database_names_the_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["info", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "none.db" in result.output


def test_unknown_export_format_lists_the_known_ones(tmp_path: Path) -> None:
    from storyline.store import StoreWriter

    db = tmp_path / "s.db"
    StoreWriter(db).close()
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "pdf", "-o", "x.pdf"])
    assert result.exit_code == 2
    assert "json" in result.output and "pdf" in result.output


def test_info_on_an_empty_database(tmp_path: Path) -> None:
    from storyline.store import StoreWriter

    db = tmp_path / "s.db"
    StoreWriter(db).close()
    result = runner.invoke(app, ["info", "--db", str(db)])
    assert result.exit_code == 0
    assert "documents 0" in result.output
