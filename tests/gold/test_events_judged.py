"""The event-mention sample tool: judged files, precision, a seeded sample, a run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.evaluation.events import analyse, chosen, main, precision, read_judged, report

GOLD = Path(__file__).parent


def test_the_judged_files_read_and_score(capsys: pytest.CaptureFixture[str]) -> None:
    before = read_judged(GOLD / "events_allsides_judged_before.tsv")
    after = read_judged(GOLD / "events_allsides_judged_after.tsv")
    held = read_judged(GOLD / "events_allsides_judged_heldout.tsv")
    held_before = read_judged(GOLD / "events_allsides_judged_heldout_before.tsv")
    assert len(before) == len(after) == len(held) == len(held_before) == 40
    assert precision(before) < 0.6 < 0.8 <= precision(after)
    assert precision(held_before) <= 0.6 < 0.8 <= precision(held)
    assert {j.type for j in before} <= {"CONSULT", "AGREE", "ACCUSE", "ASSAULT", "SANCTION"}
    assert len({j.type for j in after}) >= 10  # the PLOVER types beyond meetings
    assert main(["--score", str(GOLD / "events_allsides_judged_before.tsv")]) == 0
    assert "precision 52% (21/40)" in capsys.readouterr().out


def test_a_bad_verdict_says_which_line(tmp_path: Path) -> None:
    path = tmp_path / "judged.tsv"
    header = "source\tstart\tend\ttype\ttrigger\tlabel\tdate\ttype_ok\treal_event\n"
    path.write_text(header + "a1\t0\t9\tCONSULT\tmet\tX meets Y\t\tmaybe\tyes\n", encoding="utf-8")
    with pytest.raises(ValueError, match="a1:0"):
        read_judged(path)


def test_the_sample_depends_on_the_seed_and_skips_listed_sources() -> None:
    lines = [json.dumps({"source": f"s{i}", "text": "x"}) for i in range(20)]
    first = chosen(lines, 5, 3, {"s1", "s2"})
    assert chosen(lines, 5, 3, {"s1", "s2"}) == first
    assert len(first) == 10
    assert not {json.loads(ln)["source"] for ln in first} & {"s1", "s2"}
    assert chosen(lines, 5, 4, {"s1", "s2"}) != first


@pytest.mark.slow
def test_a_sample_is_analysed_and_reported(tmp_path: Path) -> None:
    day = "2024-05-08"
    articles = [
        {"source": "a", "text": "Joe Biden called for a ceasefire on Monday.", "published": day},
        {"source": "b", "text": "Iran released two prisoners on Sunday.", "published": day},
    ]
    analysed = analyse([json.dumps(a) for a in articles], 2, tmp_path)
    assert [[e.type for e in es] for _, es in analysed] == [["REQUEST"], ["CONCEDE"]]
    text = report(analysed, 40)
    assert "event mentions 2" in text and "REQUEST" in text and "CONCEDE" in text
