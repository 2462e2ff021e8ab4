"""Chinese articles analysed by worker processes store what one process stores, under the
Chinese chain's signature (a second run finds them unchanged)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from storyline.engines.local import analyze

PARAGRAPHS = Path(__file__).parents[1] / "gold" / "zh_news_ner.jsonl"


def _facts(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        mentions = conn.execute(
            "SELECT doc_id, start, end, label, kb_id FROM mentions ORDER BY 1, 2, 3"
        ).fetchall()
        quotes = conn.execute(
            "SELECT doc_id, start, end, speaker_start FROM quotes ORDER BY 1, 2"
        ).fetchall()
    return mentions, quotes


@pytest.mark.slow
def test_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    rows = [json.loads(line) for line in PARAGRAPHS.read_text(encoding="utf-8").splitlines()]
    inputs = tmp_path / "zh.jsonl"
    with inputs.open("w", encoding="utf-8") as fh:  # each paragraph twice: enough for workers
        for copy in ("a", "b"):
            for row in rows:
                line = {"source": f"{row['id']}{copy}", "text": row["text"], "clean": "none"}
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    single = analyze([str(inputs)], one)
    parallel = analyze([str(inputs)], two, workers=2)
    assert len(single.analysed) == len(parallel.analysed) == len(rows)
    assert len(parallel.duplicates) == len(rows)
    assert _facts(one) == _facts(two)
    assert _facts(two)[0] and _facts(two)[1]
    again = analyze([str(inputs)], two, workers=2)
    assert (len(again.analysed), len(again.reanalysed), len(again.unchanged)) == (0, 0, len(rows))
