"""Name keys for matching actors' names across spellings, cases and transliterations.

* :func:`fold` — case, accents, dots and apostrophes folded: "U.S." and "US" → ``us``,
  "Erdoğan" → ``erdogan``, "NATO" and "Nato" → ``nato``.
* :func:`person_key` — a fold plus transliteration rules applied per word, so the usual
  romanisations of Russian and Ukrainian names meet: Sergey/Sergei, Yury/Yuri/Yuriy,
  Dmitry/Dmitri/Dmitriy, Zelensky/Zelenskyy/Zelenskiy, Alexei/Aleksey, Nikolai/Nikolay.
  Rules: ``x`` → ``ks``, ``kh`` → ``h``, ``ph`` → ``f``, ``w`` → ``v``, ``y`` → ``i``,
  then runs of one letter collapse (``ii`` → ``i``) and a final ``ij`` → ``i``. Distinct
  names stay distinct: "Wang Yi" (``wang i``) is not "Wan Qingsong".
* :func:`family_names` — the words of a full name that can stand for it alone: the last
  word, and the first word when it is a common Chinese, Korean or Vietnamese family
  name written first ("Xi" for "Xi Jinping", "Zhang" for "Zhang Xin").
* :func:`initials` — the acronym a long name makes ("North Atlantic Treaty Organisation"
  → ``NATO``; "Organization for Security and Co-operation in Europe" → ``OSCE``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Family names written first in English-language news (Chinese pinyin, Korean, Vietnamese).
EAST_ASIAN_SURNAMES = frozenset(
    """
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo
    zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai
    jiang yu du ye cheng wei su lu ding ren yao shen zhong cui tan fan jin dai fu kong
    bai qiu mao hou qin shi xi wan gu meng long duan lei hao yan lai gong wen kang shao
    qian tao xiong qi mo jia xue niu lyu lv bi hong
    kim lee park choi jung jeong kang cho yoon yun jang lim shin han oh seo kwon hwang
    ahn song moon nguyen tran le pham hoang vu vo dang bui ngo
    """.split()  # noqa: SIM905  (a word list reads better than 120 quoted strings)
)

_STOPWORDS = frozenset({"of", "the", "and", "for", "on", "in", "&", "de", "du", "des", "la", "to"})
_PERSON_RULES: tuple[tuple[str, str], ...] = (
    ("x", "ks"),
    ("kh", "h"),
    ("ph", "f"),
    ("w", "v"),
    ("y", "i"),
)
_RUNS = re.compile(r"(.)\1+")
_SEPARATORS = re.compile(r"[\s\-‐–—_/]+")
_DROP = re.compile(r"[.'’`\"“”()]")


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case, accents, dots, quotes and hyphens folded; words separated by one space."""
    text = _DROP.sub("", strip_accents(text).casefold())
    return " ".join(w for w in _SEPARATORS.split(text) if w)


@lru_cache(maxsize=65536)
def person_word_key(word: str) -> str:
    """One word of a person's name, folded and transliteration-normalised."""
    w = fold(word).replace(" ", "")
    for old, new in _PERSON_RULES:
        w = w.replace(old, new)
    w = _RUNS.sub(r"\1", w)
    if w.endswith("ij"):
        w = w[:-1]
    return w


def person_key(name: str) -> str:
    """A person's full name, word by word through :func:`person_word_key`."""
    return " ".join(person_word_key(w) for w in fold(name).split())


def family_names(name: str) -> tuple[str, ...]:
    """The words that can stand for a full name alone, as person word keys."""
    words = fold(name).split()
    if len(words) < 2:
        return ()
    found = [person_word_key(words[-1])]
    if words[0] in EAST_ASIAN_SURNAMES and len(words) <= 3:
        found.append(person_word_key(words[0]))
    return tuple(dict.fromkeys(found))


def initials(name: str) -> str:
    """The acronym of a long name: first letters of its words but the small ones."""
    words = [w for w in re.split(r"[\s/]+", strip_accents(name)) if w]
    letters = [w[0] for w in words if w.casefold() not in _STOPWORDS and w[0].isalpha()]
    return "".join(letters).upper()


def is_acronym(text: str) -> bool:
    """ "NATO", "U.N.", "Aukus"? Only all-capital forms of 2-8 letters count."""
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()
