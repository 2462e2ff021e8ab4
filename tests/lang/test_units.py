"""Russian and Chinese dates, datelines and gazetteer names, without a backbone."""

from __future__ import annotations

from storyline.gazetteer import load_gazetteer
from storyline.ingest.metadata import detect_language
from storyline.lang.dates import date_claims, find_times
from storyline.lang.names import find_ru, find_zh, names, ru_word_matches
from storyline.lang.zh import split_sentences


def test_russian_dates_resolve_against_the_reference() -> None:
    found = find_times(
        "Встреча 16 мая 2024 года; вчера; в прошлом году; 3 июня.", "ru", "2024-05-17"
    )
    assert [(f.text, f.value) for f in found] == [
        ("16 мая 2024 года", "2024-05-16"),
        ("вчера", "2024-05-16"),
        ("в прошлом году", "2023"),
        ("3 июня", "2024-06-03"),
    ]


def test_chinese_dates_and_datelines() -> None:
    found = find_times("2024年5月16日会谈。16日，昨天，今年。", "zh", "2024-05-17")
    assert [(f.text, f.value) for f in found] == [
        ("2024年5月16日", "2024-05-16"),
        ("16日", "2024-05-16"),
        ("昨天", "2024-05-16"),
        ("今年", "2024"),
    ]
    claims = date_claims("2024年\n本报北京5月16日电（记者王平）国家主席会见外宾。", "zh")
    assert [(c.value, c.evidence) for c in claims] == [("2024-05-16", "本报北京5月16日电")]
    assert date_claims("本报北京5月16日电 会见外宾。", "zh") == []  # no year: no date


def test_russian_case_forms_match_the_nominative() -> None:
    assert ru_word_matches("Путина", "Путин") and ru_word_matches("России", "Россия")
    assert ru_word_matches("Цзиньпином", "Цзиньпин") and not ru_word_matches("Путешествие", "Путин")
    words = [(0, 2, "Си"), (3, 13, "Цзиньпином"), (14, 15, "и"), (16, 22, "Путину")]
    hits = [(i, j, e.name) for i, j, e in find_ru(words)]
    assert hits == [(0, 2, "Xi Jinping"), (3, 4, "Vladimir Putin")]


def test_chinese_names_and_every_listed_key_exist() -> None:
    hits = [(h.text, h.entry.name) for h in find_zh("习近平同普京在俄罗斯联邦会谈")]
    assert hits == [("习近平", "Xi Jinping"), ("普京", "Vladimir Putin"), ("俄罗斯联邦", "Russia")]
    gaz = load_gazetteer()
    for language in ("ru", "zh"):
        assert all(entry.key in gaz.by_key for entry in names(language).values())


def test_short_chinese_and_russian_are_detected() -> None:
    assert detect_language("习近平同普京举行会谈。") == "zh"
    assert detect_language("Путин и Си Цзиньпин провели переговоры в Пекине.") == "ru"


def test_a_quotation_and_its_speaker_stay_one_sentence() -> None:
    text = "“我们愿一道努力。”习近平说。双方签署了声明。"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "“我们愿一道努力。”习近平说。",
        "双方签署了声明。",
    ]
