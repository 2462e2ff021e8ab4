"""The figure-group sample tool: verdict files, precision and a seeded sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluation.figure_groups import main, precision, read_judged, sample

GOLD = Path(__file__).parent


def test_the_judged_files_read_and_score(capsys: pytest.CaptureFixture[str]) -> None:
    before = read_judged(GOLD / "figure_groups_allsides_judged.tsv")
    final = read_judged(GOLD / "figure_groups_allsides_judged_final.tsv")
    assert len(before) == 50 and len({j.group_id for j in before}) == 50
    assert precision(before) < 0.2 < 0.9 <= precision(final)
    assert main(["--score", str(GOLD / "figure_groups_allsides_judged_final.tsv")]) == 0
    assert "precision 93%" in capsys.readouterr().out


def test_a_bad_verdict_says_which_line(tmp_path: Path) -> None:
    path = tmp_path / "judged.tsv"
    path.write_text("group_id\tverdict\treason\ng_1\tmaybe\t?\n", encoding="utf-8")
    with pytest.raises(ValueError, match="g_1"):
        read_judged(path)


def test_the_sample_depends_on_the_seed_not_the_order() -> None:
    groups = [{"id": f"g_{i:03d}"} for i in range(40)]
    one = sample(groups, 10, seed=3)
    assert one == sample(list(reversed(groups)), 10, seed=3)
    assert one != sample(groups, 10, seed=4)
    rest = sample(groups, 50, seed=3, exclude=[g["id"] for g in one])
    assert len(rest) == 30 and not {g["id"] for g in rest} & {g["id"] for g in one}
