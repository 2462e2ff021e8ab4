"""Fixtures for question answering: small story databases built from text written here,
from examples/, and from the seed articles in ../shared (skipped when absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

# Two short articles written for these tests (fictional people and outlets): one event told
# by two outlets, with a figure both report, a date given as a weekday in one and as a day
# in the other, a delegation, direct and reported quotes, and stated positions.
MINI = [
    {
        "source": "fjord-post-1",
        "title": "Norway and Chile sign salmon deal as Quiroga visits Oslo",
        "outlet": "Fjord Post",
        "published": "2023-06-13",
        "authors": ["Kari Lund"],
        "text": (
            "Norway and Chile sign salmon deal as Quiroga visits Oslo\n\n"
            "OSLO — Chilean President Marta Quiroga met Norwegian Prime Minister Lars Haugen "
            "in Oslo on Monday, and the two governments signed an agreement on salmon farming.\n\n"
            "Under the deal, Norway will supply 40,000 tonnes of fish feed to Chile over the "
            "next five years.\n\n"
            "Three ministers are travelling with Quiroga: Foreign Minister Diego Salas, Economy "
            "Minister Lucia Ferrer and Fisheries Minister Tomas Vidal.\n\n"
            '"This agreement protects our coastal communities," Quiroga told reporters.\n\n'
            "Haugen said the two countries would also study a shared research vessel.\n\n"
            "Norway and Chile oppose bottom trawling in protected waters.\n\n"
            '"The numbers look large, but the market is larger still," said Ingrid Moe, an '
            "analyst at the Bergen Institute of Marine Economics.\n\n"
            "Trade between Norway and Chile reached $2.5 billion last year.\n"
        ),
    },
    {
        "source": "andes-daily-1",
        "title": "Chile's salmon pact draws criticism at home",
        "outlet": "Andes Daily",
        "published": "2023-06-14",
        "authors": ["Rosa Pinto"],
        "text": (
            "Chile's salmon pact draws criticism at home\n\n"
            "SANTIAGO — Environmental groups in Santiago criticised the salmon farming "
            "agreement that President Marta Quiroga signed in Oslo on 12 June.\n\n"
            "The deal commits Norway to deliver 40,000 tonnes of fish feed to Chile, according "
            "to the Chilean fisheries ministry.\n\n"
            "Opposition senator Pablo Reyes said the agreement ignored small fishermen.\n\n"
            '"We were not consulted, and we will not accept it," Reyes said.\n\n'
            "Chile supports a global ban on bottom trawling, the ministry added.\n"
        ),
    },
]


def _analyse(inputs: list[Path], db: Path) -> Path:
    from storyline.engines.local import analyze

    report = analyze([str(p) for p in inputs], db)
    assert report.stored_anything
    return db


@pytest.fixture(scope="session")
def mini_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ask-mini")
    source = folder / "mini.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in MINI) + "\n", encoding="utf-8")
    return _analyse([source], folder / "mini.db")


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _analyse([EXAMPLES], tmp_path_factory.mktemp("ask-examples") / "examples.db")


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}; they live in ../shared/corpus/seeds")
    return _analyse([SEEDS], tmp_path_factory.mktemp("ask-seeds") / "seeds.db")
