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
from dataclasses import dataclass
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


# Short forms of English given names by the formal names they stand for (general
# knowledge). A short form may stand for several ("Steve": Stephen, Steven); two given
# names agree when they are equal, one is a short form of the other, or both are short
# forms of one formal name ("Bob", "Rob": Robert).
_NICKNAMES: dict[str, tuple[str, ...]] = {
    "abraham": ("abe",),
    "alexander": ("alex",),
    "alexandra": ("alex", "alexa"),
    "andrew": ("andy", "drew"),
    "anthony": ("tony",),
    "barbara": ("barb",),
    "benjamin": ("ben", "benny"),
    "bernard": ("bernie",),
    "catherine": ("cathy", "kate", "katie"),
    "charles": ("chuck", "charlie"),
    "christopher": ("chris",),
    "christine": ("chris",),
    "daniel": ("dan", "danny"),
    "david": ("dave",),
    "deborah": ("debbie", "deb"),
    "donald": ("don",),
    "douglas": ("doug",),
    "edward": ("ed", "eddie", "ted"),
    "elizabeth": ("liz", "beth", "betsy", "libby"),
    "frederick": ("fred",),
    "gerald": ("jerry",),
    "gregory": ("greg",),
    "henry": ("hank",),
    "james": ("jim", "jimmy"),
    "jeffrey": ("jeff",),
    "jennifer": ("jen", "jenny"),
    "jonathan": ("jon",),
    "joseph": ("joe", "joey"),
    "joshua": ("josh",),
    "katherine": ("kathy", "kate", "katie"),
    "kathleen": ("kathy", "kate"),
    "kenneth": ("ken", "kenny"),
    "lawrence": ("larry",),
    "margaret": ("maggie", "peggy"),
    "matthew": ("matt",),
    "michael": ("mike",),
    "mitchell": ("mitch",),
    "nicholas": ("nick",),
    "patricia": ("pat", "patty"),
    "patrick": ("pat",),
    "peter": ("pete",),
    "philip": ("phil",),
    "randall": ("randy",),
    "richard": ("rick", "dick", "rich"),
    "robert": ("bob", "bobby", "rob"),
    "ronald": ("ron",),
    "samuel": ("sam",),
    "stephen": ("steve",),
    "steven": ("steve",),
    "susan": ("sue",),
    "theodore": ("theo",),
    "thomas": ("tom", "tommy"),
    "timothy": ("tim",),
    "walter": ("walt",),
    "william": ("bill", "billy", "will"),
    "zachary": ("zach",),
}
_FORMALS: dict[str, frozenset[str]] = {}
for _formal, _shorts in _NICKNAMES.items():
    _FORMALS[_formal] = _FORMALS.get(_formal, frozenset()) | {_formal}
    for _short in _shorts:
        _FORMALS[_short] = _FORMALS.get(_short, frozenset()) | {_formal}
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def given_names_agree(a: str, b: str) -> bool:
    """Can two given names be one person's? "Jim"/"James", "Bob"/"Rob" yes; "Jim"/"John" no."""
    a, b = fold(a), fold(b)
    if person_word_key(a) == person_word_key(b):
        return True
    return bool(_FORMALS.get(a, frozenset()) & _FORMALS.get(b, frozenset()))


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name of two or more words in parts: given name, middle names (with
    maiden names and initials), family name key and suffix ("Jr.")."""

    given: str
    middles: tuple[str, ...]
    family: str
    suffix: str

    def agrees(self, other: PersonName) -> bool:
        """Can both be one person's? "Sarah Huckabee Sanders" and "Sarah Sanders", "Jim
        Comey" and "James B. Comey" yes; "George W. Bush" and "George H. W. Bush", "Donald
        Trump" and "Donald Trump Jr." no."""
        return (
            self.family == other.family
            and self.suffix == other.suffix
            and given_names_agree(self.given, other.given)
            and middles_agree(self.middles, other.middles)
        )


def person_name(name: str) -> PersonName | None:
    """The parts of a person's name, or None for a single word."""
    words = fold(name.replace(",", " ")).split()
    suffix = ""
    if len(words) > 2 and words[-1] in _SUFFIXES:
        suffix = words.pop()
    if len(words) < 2:
        return None
    return PersonName(words[0], tuple(words[1:-1]), person_word_key(words[-1]), suffix)


def middles_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Middle names that can be one person's: one side empty, equal, or initials of the
    other ("W" and "Walker"); "George W. Bush" and "George H. W. Bush" do not agree."""
    if not a or not b:
        return True
    if len(a) != len(b):
        return False
    return all(
        x == y or (min(len(x), len(y)) == 1 and x[0] == y[0]) for x, y in zip(a, b, strict=True)
    )
