"""The held-out quote scorer on a small export and gold written here, and the gold file's shape.

The articles of the real gold set are not in the repository; scoring storyline on them is
the opt-in command in the README (``make eval-quotes``).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from storyline.evaluation.allsides_quotes import (
    KINDS,
    GoldError,
    main,
    read_export,
    read_gold,
    same_body,
    same_person,
    score,
)

GOLD = Path(__file__).parent / "allsides_quotes_gold.jsonl"

TEXT = (
    "Harbour Minister Anna Berg said on Monday that the old bridge would reopen in May. "
    '"We will finish the work by May," Berg told reporters. '
    "A senior official said the cost had doubled since the spring. "
    '"Nobody asked us," the Dock Workers Union said in a statement. '
    '"Trains will run again soon," said Lena Ostrova, the rail chief. '
    '"We will finish the work by May," the sign at the bridge read. '
    "Read more: a bridge in pictures."
)


def at(words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


def system_quote(
    words: str, speaker: str | None, speaker_text: str | None, nth: int = 0
) -> dict[str, Any]:
    start, end = at(words, nth)
    return {
        "id": f"q_{start}",
        "doc": "d_1",
        "start": start,
        "end": end,
        "text": words,
        "speaker": speaker,
        "speaker_text": speaker_text,
        "direct": True,
    }


def gold_quote(quote: str, speaker: str, kind: str, **more: Any) -> dict[str, Any]:
    row = {"quote": quote, "speaker": speaker, "named": kind != "anonymous", "direct": True}
    return {**row, "speaker_kind": kind, **more}


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    export = {
        "schema": "storyline.export/1",
        "documents": [
            {
                "id": "d_1",
                "source": "bridge-1",
                "sources": ["bridge-1"],
                "outlet": "Harbour Post",
                "text": TEXT,
            },
            {"id": "d_2", "source": "other", "outlet": "X", "text": "Not in the gold."},
        ],
        "entities": [
            {"id": "e_berg", "name": "Anna Berg", "type": "PERSON"},
            {"id": "e_norland", "name": "Norland", "type": "GPE"},
            {"id": "e_reuters", "name": "Reuters", "type": "ORG"},
            {"id": "e_ostrova", "name": "Ivan Ostrova", "type": "PERSON"},
        ],
        "quotes": [
            system_quote("the old bridge would reopen in May", "e_berg", "Anna Berg"),
            system_quote("We will finish the work by May", None, "Berg"),
            system_quote("the cost had doubled since the spring", "e_norland", "Norland"),
            system_quote("Nobody asked us", "e_reuters", "Reuters"),
            system_quote("Trains will run again soon", "e_ostrova", "Ostrova"),
            system_quote("a bridge in pictures", None, None),
            {
                "id": "q_2",
                "doc": "d_2",
                "start": 0,
                "end": 16,
                "text": "Not in the gold.",
                "speaker": None,
                "speaker_text": None,
                "direct": False,
            },
        ],
    }
    gold = {
        "source": "bridge-1",
        "outlet": "Harbour Post",
        "quotes": [
            gold_quote("the old bridge would reopen", "Anna Berg", "person", direct=False),
            gold_quote("We will finish the work by May,", "Anna Berg", "person"),
            gold_quote("the cost had doubled", "a senior official", "anonymous", direct=False),
            gold_quote("Nobody asked us", "Dock Workers Union", "organisation"),
            gold_quote("Trains will run again soon", "Lena Ostrova", "person"),
            gold_quote(
                "We will finish the work by May,", "the sign", "document", named=False, occurrence=1
            ),
        ],
    }
    export_path, gold_path = tmp_path / "export.json", tmp_path / "gold.jsonl"
    export_path.write_text(json.dumps(export), encoding="utf-8")
    gold_path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    return export_path, gold_path


def test_a_hand_made_export_scores_as_counted_by_hand(files: tuple[Path, Path]) -> None:
    export_path, gold_path = files
    result = score(read_gold(gold_path), read_export(export_path))
    n = result.numbers()
    # Found: all but the sign's copy of the words (the system has no quote there).
    assert (n["gold_quotes"], n["found"]) == (6, 5)
    assert n["direct_recall"] == pytest.approx(3 / 4)
    assert n["reported_recall"] == 1.0
    # Six system quotes in the gold document; "a bridge in pictures" matches nothing, and
    # the quote of the document outside the gold is not counted.
    assert (n["system_quotes"], n["precision"]) == (6, pytest.approx(5 / 6))
    # Right: Berg twice (the entity, and the surname alone); wrong: a country for the
    # official, a news agency for the union, another Ostrova for Lena Ostrova.
    assert n["speaker_right"] == 2
    assert n["speaker_accuracy"] == pytest.approx(2 / 5)
    assert n["right_speaker_share"] == pytest.approx(2 / 6)
    assert n["errors"] == {
        "country or place for an unnamed speaker": 1,
        "news agency instead of speaker": 1,
        "wrong person": 1,
    }
    second = [m for m in result.matched if m.gold.occurrence == 1]
    assert second and second[0].system is None  # not matched to the first copy's quote


def test_the_command_prints_the_numbers_and_the_misses(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    export_path, gold_path = files
    assert main([str(export_path), "--gold", str(gold_path), "--misses"]) == 0
    out = capsys.readouterr().out
    assert "quote recall        83.3%  (5/6" in out
    assert "right speaker share 33.3%" in out
    assert "wrong person: [Lena Ostrova] -> [Ivan Ostrova]" in out
    assert "'a bridge in pictures'" in out
    assert main([str(export_path), "--gold", str(gold_path), "--json"]) == 0
    numbers = json.loads(capsys.readouterr().out)
    assert numbers["found"] == 5 and numbers["speaker_right"] == 2


def test_pick_writes_the_gold_articles_of_a_gzipped_corpus(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, gold_path = files
    corpus = tmp_path / "corpus.jsonl.gz"
    lines = [{"source": "other", "text": "x"}, {"source": "bridge-1", "text": TEXT}]
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "picked.jsonl"
    assert main(["--gold", str(gold_path), "--pick-from", str(corpus), "--out", str(out)]) == 0
    assert [json.loads(line)["source"] for line in out.read_text().splitlines()] == ["bridge-1"]
    assert "wrote 1 of the 1 gold articles" in capsys.readouterr().out


def test_a_bad_gold_line_names_the_line(tmp_path: Path, files: tuple[Path, Path]) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"source": "a", "quotes": [{"quote": "x"}]}\n', encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad\.jsonl:1"):
        read_gold(path)
    assert main([str(files[0]), "--gold", str(path)]) == 2
    not_export = tmp_path / "not-export.json"
    not_export.write_text('{"documents": [{"text": "no id"}]}', encoding="utf-8")
    assert main([str(not_export), "--gold", str(files[1])]) == 2


@pytest.mark.parametrize(
    ("system", "gold", "same"),
    [
        ("Trump", "Donald Trump", True),
        ("President Donald J. Trump", "Donald Trump", True),
        ("Mr. Kim", "Kim Jong Un", True),
        ("UN Secretary General Antonio Guterres", "Antonio Guterres", True),
        ("Robert Bergdahl", "Bowe Bergdahl", False),
        ("Russia", "Vladimir Putin", False),
    ],
)
def test_person_names(system: str, gold: str, same: bool) -> None:
    assert same_person(system, gold) is same


@pytest.mark.parametrize(
    ("system", "gold", "same"),
    [
        ("White House", "the White House", True),
        ("AP", "The Associated Press", True),
        ("ABC", "ABC News", True),
        ("Justice Department", "Department of Justice", True),
        ("Foreign Ministry", "South Korea's Foreign Ministry", True),
        ("South Korea", "South Korea's Foreign Ministry", False),
        ("U.S. Pacific Command", "US Central Command", False),
    ],
)
def test_body_names(system: str, gold: str, same: bool) -> None:
    assert same_body(system, gold) is same


def test_the_gold_file_is_well_formed() -> None:
    articles = read_gold(GOLD)
    assert len(articles) == 40 and len({a.source for a in articles}) == 40
    quotes = [q for a in articles for q in a.quotes]
    assert len(quotes) > 500
    for q in quotes:
        assert q.kind in KINDS and q.speaker.strip() and q.quote.strip()
        if q.kind == "anonymous":
            assert not q.named
        if q.kind == "person":
            assert q.named
        # Openings only: the articles themselves are not in the repository.
        assert len(q.quote.split()) <= 15, q.quote
