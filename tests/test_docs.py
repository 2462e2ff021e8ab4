"""docs/cli.md documents every command and option, and nothing that does not exist."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer.main

from storyline.cli import app

DOCS = Path(__file__).parents[1] / "docs" / "cli.md"


def commands() -> dict[str, Any]:
    # typer vendors its own click, so the command objects are checked by shape
    group: Any = typer.main.get_command(app)
    return dict(group.commands)


def sections() -> dict[str, str]:
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^## `storyline (\w+)`$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_every_command_is_documented_and_every_documented_command_exists() -> None:
    assert set(sections()) == set(commands())


def test_every_option_is_documented_in_its_section() -> None:
    docs = sections()
    for name, command in commands().items():
        for param in command.params:
            if param.param_type_name == "option":
                for opt in param.opts + param.secondary_opts:
                    assert f"`{opt}" in docs[name], f"{name}: option {opt} is not documented"
            else:
                label = (param.metavar or param.name or "").upper()
                assert label in docs[name], f"{name}: {label} missing"


def test_no_documented_option_is_missing_from_the_program() -> None:
    docs = sections()
    for name, command in commands().items():
        real = {o for p in command.params for o in getattr(p, "opts", [])}
        for opt in set(re.findall(r"`(--?[a-z][a-z-]*)", docs[name])):
            assert opt in real, f"{name}: docs mention {opt}, which the command does not have"


def test_readme_opens_with_the_two_commands() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    head = readme[:1500]
    assert "make demo" in head and "make test" in head
