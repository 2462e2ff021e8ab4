"""`storyline ask` on the command line: text and --json output, --llm through a local
STAND-IN server, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from tests.ask.standin_llm import StandInLLM

pytestmark = pytest.mark.slow


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_text_output_lists_the_numbered_sources(mini_db: Path) -> None:
    code, output = run("ask", "Who travelled with Quiroga?", "--db", str(mini_db))
    assert code == 0
    assert output.startswith("Diego Salas [1]")
    assert "\nsources:\n[1] “Three ministers are travelling with Quiroga:" in output
    assert "Fjord Post, 2023-06-13" in output


def test_json_output_cites_text_at_its_offsets(mini_db: Path) -> None:
    code, output = run("ask", "What did Reyes say?", "--db", str(mini_db), "--json")
    assert code == 0
    data = json.loads(output)
    assert data["found"] is True and data["type"] == "said"
    from storyline.store import StoreReader

    with StoreReader(mini_db) as reader:
        texts = {d.document.id: d.document.text for d in reader.documents()}
    for c in data["citations"]:
        assert texts[c["doc"]][c["start"] : c["end"]] == c["text"]
        assert c["outlet"] == "Andes Daily" and c["published"] == "2023-06-14"
    assert [f["kind"] for f in data["facts"]] == ["quote", "quote"]


def test_not_found_is_an_answer_not_an_error(mini_db: Path) -> None:
    code, output = run("ask", "What did Angela Merkel say?", "--db", str(mini_db))
    assert code == 0
    assert output.startswith("Not found: the articles never mention Angela Merkel.")
    assert "sources:" not in output


def test_llm_phrasing_through_the_stand_in_server(mini_db: Path) -> None:
    reply = "Three ministers came with Quiroga: Salas, Ferrer and Vidal [1]."
    with StandInLLM(reply) as server:
        code, output = run(
            "ask", "Who travelled with Quiroga?", "--db", str(mini_db), "--llm", server.url
        )
    assert code == 0
    assert output.startswith(reply)
    assert "phrased by the language model" in output
    prompt = server.requests[0]["body"]["messages"][1]["content"]
    assert "Three ministers are travelling with Quiroga" in prompt


def test_errors_are_one_line(mini_db: Path, tmp_path: Path) -> None:
    code, output = run("ask", "Who?", "--db", str(tmp_path / "missing.db"))
    assert code == 2 and "no such database" in output
    code, output = run("ask", " ", "--db", str(mini_db))
    assert code == 2 and "the question is empty" in output
    code, output = run("ask", "Who?", "--db", str(mini_db), "--llm", "localhost:1")
    assert code == 2 and "not an http(s) URL" in output
