"""The gazetteer's names in Russian and Chinese, and finding them in text.

``data/gazetteer.names.tsv`` gives, for entries of the gazetteer (by Wikidata id, else their
``TYPE:Name`` key), their names in Russian and in Chinese. A mention found through them
carries the entry's ``kb_id`` and English canonical name, so "Путина", "普京" and "Putin"
resolve to one entity with no resolver change.

Chinese names are found as exact substrings (longest first). Russian names are inflected:
each word of a name matches a word of the text that is the name word itself or its stem
(the name word without a final vowel, ``й`` or ``ь``) followed by a case ending ("Путина",
"Путину", "Путиным"; "России", "Россию"; "Си Цзиньпином").
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from storyline.gazetteer import GazEntry, load_gazetteer

_FILE = "data/gazetteer.names.tsv"
_COLUMNS = {"ru": 1, "zh": 2}

# case endings of Russian nouns and adjectives (after the stem)
_ENDINGS = "а я у ю ы и е о ом ем ём ой ей ою ею ам ям ами ями ах ях ов ев ым им ую юю ая яя ого"
_RU_ENDINGS = frozenset(
    [*_ENDINGS.split(), "его", "ому", "ему", "ых", "их", "ые", "ие", "ия", "ию", "ией", "ии"]
)
_RU_STEM = re.compile(r"[аяйоеьыиё]$")


@dataclass(frozen=True, slots=True)
class NameHit:
    """A gazetteer name found in text: offsets, the surface, the entry it names."""

    start: int
    end: int
    text: str
    entry: GazEntry


@cache
def names(language: str) -> dict[str, GazEntry]:
    """Surface form → gazetteer entry, for one language (``ru`` or ``zh``)."""
    gaz = load_gazetteer()
    by_name = {e.name: e for e in gaz.entries}
    text = resources.files("storyline").joinpath(_FILE).read_text(encoding="utf-8")
    out: dict[str, GazEntry] = {}
    for row in csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE):
        if not row or row[0].startswith("#"):
            continue
        key = row[0]
        entry = gaz.entry(key) or by_name.get(key.split(":", 1)[-1])
        if entry is None:
            raise ValueError(f"{_FILE}: no gazetteer entry has the key {key!r}")
        for name in row[_COLUMNS[language]].split("|"):
            if name.strip():
                out.setdefault(name.strip(), entry)
    return out


def find_zh(text: str) -> list[NameHit]:
    """Every Chinese gazetteer name in ``text``, longest first, without overlaps."""
    table = names("zh")
    taken = [False] * len(text)
    hits: list[NameHit] = []
    for name in sorted(table, key=len, reverse=True):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(taken[start:end]):
                hits.append(NameHit(start, end, name, table[name]))
                taken[start:end] = [True] * len(name)
            start = text.find(name, end)
    return sorted(hits, key=lambda h: h.start)


def ru_word_matches(word: str, name_word: str) -> bool:
    """Whether a text word is a case form of one word of a Russian name."""
    if word == name_word:
        return True
    if name_word.isupper() or len(name_word) < 3:  # acronyms and "Си" do not inflect
        return word == name_word or (len(name_word) >= 3 and word.startswith(name_word + "-"))
    stem = _RU_STEM.sub("", name_word)
    if len(stem) < 3 or not word.startswith(stem):
        return False
    rest = word[len(stem) :]
    return rest == "" or rest in _RU_ENDINGS


@lru_cache(maxsize=1)
def _ru_index() -> dict[str, list[tuple[tuple[str, ...], GazEntry]]]:
    """Russian names by the first three letters of their first word, longest first."""
    index: dict[str, list[tuple[tuple[str, ...], GazEntry]]] = {}
    for name, entry in names("ru").items():
        words = tuple(name.split())
        index.setdefault(words[0][:2], []).append((words, entry))
    for options in index.values():
        options.sort(key=lambda o: -len(o[0]))
    return index


def find_ru(words: list[tuple[int, int, str]]) -> list[tuple[int, int, GazEntry]]:
    """Russian gazetteer names over a text's words ``(start, end, text)``: (first word
    index, end word index, entry), longest first at each position, without overlaps."""
    index = _ru_index()
    out: list[tuple[int, int, GazEntry]] = []
    i = 0
    while i < len(words):
        found = None
        for name_words, entry in index.get(words[i][2][:2], ()):
            n = len(name_words)
            if i + n <= len(words) and all(
                ru_word_matches(words[i + k][2], name_words[k]) for k in range(n)
            ):
                found = (i, i + n, entry)
                break
        if found is not None:
            out.append(found)
            i = found[1]
        else:
            i += 1
    return out
