"""End to end over the seed articles in ../shared (skipped when absent).

These assert what a user checks by hand: the export validates, site chrome is gone,
body paragraphs are kept, stated dates are found, and actors are merged — or kept
apart — across the five articles.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import VALIDATOR

pytestmark = pytest.mark.slow

Story = tuple[dict[str, Any], Path]

# families of web chrome, written as general patterns (not lines of the seed pages)
CHROME = re.compile(
    r"^\s*(sign in|log in|log out|reset password|subscribe|menu)\b"
    r"|pingback:|leave a reply|you might also like|you are commenting using"
    r"|comments? (have to|threads are)|fill in your details|filed under"
    r"|\d+ responses? to",
    re.I | re.M,
)


def docs_by_source(story: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {Path(d["source"]).name[:3]: d for d in story["documents"]}


def entity_named(story: dict[str, Any], name: str) -> dict[str, Any]:
    hits = [e for e in story["entities"] if e["name"] == name or name in e["aliases"]]
    assert len(hits) == 1, f"{name}: {[(e['name'], e['aliases']) for e in hits]}"
    return hits[0]


def surface_forms(entity: dict[str, Any]) -> set[str]:
    return {m["text"] for m in entity["mentions"]}


def test_export_validates(seeds_story: Story, tmp_path: Path) -> None:
    story, db = seeds_story
    out = db.with_suffix(".json")
    result = subprocess.run(
        [sys.executable, str(VALIDATOR), str(out)], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip().endswith("0 problems"), result.stdout
    assert len(story["documents"]) == 5


def test_site_chrome_is_gone_and_body_is_kept(seeds_story: Story) -> None:
    story, _ = seeds_story
    for doc in story["documents"]:
        leftover = CHROME.findall(doc["text"])
        assert not leftover, f"{doc['source']}: chrome left: {leftover}"
        paragraphs = [p for p in doc["text"].split("\n\n") if len(p) > 200]
        assert len(paragraphs) >= 6, doc["source"]
    docs = docs_by_source(story)
    # the last body paragraph of each article survives (checked by its opening words)
    endings = {
        "000": "Not satisfied with ratcheting up tensions",
        "001": "In the same vein, Xi and Putin also portrayed",
        "002": "He said he expected the areas of coordination",
        "003": "Although such a partnership is not carved in stone",
        "004": "He noted the absence of Chinese representation",
    }
    for key, opening in endings.items():
        assert opening in docs[key]["text"], key
    # headlines and standfirst bullets are kept
    assert docs["002"]["text"].startswith("Xi-Putin summit yields united stand")
    assert "• China and Russia voice opposition" in docs["002"]["text"]


def test_stated_dates_are_found(seeds_story: Story) -> None:
    docs = docs_by_source(seeds_story[0])
    assert docs["000"]["published"] == "2022-03-02"
    assert docs["000"]["published_origin"] == "text-cue"
    # a bare header date is the day the page was shown: kept as a claim, used for its year
    assert docs["004"]["published"] is None
    assert docs["004"]["published_inferred"] == "2024"
    assert any(d["origin"] == "page-header" for d in docs["004"]["dates"])


def test_authors_and_outlets_from_bylines(seeds_story: Story) -> None:
    docs = docs_by_source(seeds_story[0])
    assert docs["002"]["authors"] == ["Teddy Ng", "Jun Mai"]
    assert docs["002"]["outlet"] == "SCMP"
    assert docs["003"]["authors"] == ["Danil Bochkov"]


def test_same_actor_is_one_entity_across_articles(seeds_story: Story) -> None:
    story, _ = seeds_story
    putin = entity_named(story, "Vladimir Putin")
    assert putin["kb_id"] == "Q7747"
    assert len({m["doc"] for m in putin["mentions"]}) == 5
    assert "Putin" in surface_forms(putin)
    xi = entity_named(story, "Xi Jinping")
    assert {"Xi", "Xi Jinping"} <= surface_forms(xi)
    lavrov = entity_named(story, "Sergey Lavrov")
    assert {"Sergey Lavrov", "Sergei Lavrov", "Lavrov"} <= surface_forms(lavrov)
    ushakov = entity_named(story, "Yuri Ushakov")
    assert {"Yury Ushakov", "Yuri Ushakov"} <= surface_forms(ushakov)
    nato = entity_named(story, "NATO")
    assert {"NATO", "Nato"} <= surface_forms(nato)
    zhang = entity_named(story, "Zhang Xin")
    assert "Zhang" in surface_forms(zhang)
    russia = entity_named(story, "Russia")
    assert russia["type"] == "GPE"


def test_different_actors_sharing_tokens_stay_apart(seeds_story: Story) -> None:
    story, _ = seeds_story

    def entity_of(text: str) -> set[str]:
        return {e["id"] for e in story["entities"] if text in surface_forms(e)}

    pairs = [
        ("Wang Yi", "Wan Qingsong"),
        ("Xinhua", "Xi"),
        ("Russia", "Russian International Affairs Council"),
        ("Sergei Shoigu", "Sergei Lavrov"),
        ("The Australian", "Australia"),
        ("Security Council", "National Security Council"),
    ]
    for a, b in pairs:
        ids_a, ids_b = entity_of(a), entity_of(b)
        assert ids_a and ids_b, (a, b)
        assert not ids_a & ids_b, f"{a} and {b} were merged"


def test_reanalysing_changes_nothing(seeds_story: Story, tmp_path: Path) -> None:
    from tests.e2e.conftest import SEEDS, run_cli

    story, db = seeds_story
    again = run_cli("analyze", str(SEEDS), "--db", str(db), "--quiet")
    assert again.exit_code == 0
    assert "5 unchanged" in again.output
    out = tmp_path / "again.json"
    run_cli("export", "--db", str(db), "-o", str(out))
    import json

    assert json.loads(out.read_text(encoding="utf-8")) == story
