"""Cleaning scraped article text: keep the article, drop the site around it.

Text copied or scraped from a news page carries the page's chrome: sign-in walls, menus,
share bars, "you might also like" boxes, comment sections, tags. :func:`clean_text` keeps
the headline, the standfirst (including the article's own bullet summary) and every
paragraph of the body, and drops the rest. It never rewrites a word: it only drops lines
(or a trailing image credit) and normalises whitespace, so every line of the output is a
piece of the input.

How a line is judged, in order:

1. *What it is*, from generic web vocabulary: a byline, a "Published:" line, a bare date,
   an image credit, a sign-in or subscribe prompt, a menu or share bar, a comment-section
   or tag line, a "related stories" header, a site-feature bullet ("Bookmark stories to
   read later."). Those never reach the clean text; bylines and dates go to metadata.
2. *Where it is.* Prose lines (long, mostly lowercase words, ending like a sentence) mark
   the body. Before the first of them comes the page header, then the headline (the
   first substantial line) and the standfirst; only the headline and sentence-like lines
   survive there. Inside the body everything left is kept, short subheadings included.
   After the last prose line, sentence-like lines are kept until the first line that is
   not one: from there on it is the page's tail. A comment section or tag line cuts the
   page there; a "related" header does too when little prose follows it.
3. *Repetition.* A line kept once is not kept again (a caption shown twice).

``light=True`` is for text an HTML extractor already isolated: only step 1 and 3 and the
cut apply, not the positional rules. Together these are the ``full`` cleaning mode, for
scraped pages and scraped text.

Text given as already extracted (a JSONL ``text`` field, ``--clean light``) is cleaned
by :mod:`storyline.ingest.light` instead: step 1 alone, line by line, dropping only what
is unmistakably not the article, so lists, result tables, capitalised headlines and
datelines stay. That module also holds the ``none`` mode.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from storyline.ingest.dates import CUE, cue_segments, is_bare_date, is_date_line

__all__ = ["Cleaned", "clean_text", "normalise_line", "vocabulary"]

# ------------------------------------------------------------------ whitespace + shape

_SPACES = re.compile(r"\s+")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff]")
_BULLET = re.compile(r"^[•·▪●◦‣∙*\-–]\s+(?=\S)")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+\S")
_MD_HEADING = re.compile(r"^#{1,6}\s+(?=\S)")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_TERMINAL = frozenset('.?!…:;”"»')
_SENTENCE_END = frozenset('.?!…”"»')


def normalise_line(line: str) -> str:
    """A line with invisible characters removed and every run of spaces made one space."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


@lru_cache(maxsize=2048)  # the same line is measured by several rules in a row
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


def _lower_share(words: Sequence[str]) -> float | None:
    """The share of cased words that start lowercase; None for scripts without case."""
    cased = [w for w in words if w[0].isupper() or w[0].islower()]
    if len(cased) * 2 < len(words) or not cased:
        return None
    return sum(1 for w in cased if w[0].islower()) / len(cased)


def _last_char(text: str) -> str:
    stripped = text.rstrip(")]")
    return stripped[-1] if stripped else ""


def _is_prose(text: str) -> bool:
    """A line that reads as running text: long, mostly lowercase words, a sentence end."""
    words = _words(text)
    share = _lower_share(words)
    if share is None:
        return len(text) >= 60 or (len(text) >= 25 and _last_char(text) in _TERMINAL | {"。"})
    if len(words) < 8 or share < 0.3:
        return False
    return _last_char(text) in _TERMINAL or len(words) >= 20


def _is_sentence(text: str) -> bool:
    """A short line that is still a sentence: lowercase words and a sentence end."""
    words = _words(text)
    share = _lower_share(words)
    end = _last_char(text)
    if share is None:
        return len(text) >= 10 and end in _SENTENCE_END | {"。", "！", "？"}
    return len(words) >= 3 and share >= 0.3 and end in _SENTENCE_END


def _is_standfirst(text: str) -> bool:
    """A line before the body worth keeping: a sentence, or a long lowercase-rich line."""
    if _is_sentence(text):
        return True
    words = _words(text)
    share = _lower_share(words)
    if share is None:
        return len(text) >= 20
    return len(words) >= 6 and share >= 0.3


def _is_short(text: str) -> bool:
    """Link- or button-like: a few words and no sentence end."""
    return len(_words(text)) <= 6 and _last_char(text) not in _SENTENCE_END


# ------------------------------------------------------------------ cruft vocabulary


def vocabulary(words: str) -> frozenset[str]:
    """A set of lowercase words written as one space-separated string."""
    return frozenset(words.split())


def _compile(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression (split at ``|`` outside groups,
    classes and escapes)."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*parts, pattern[start:]]


@dataclass(frozen=True, slots=True)
class _LinePatterns:
    """Case-blind patterns tested against one line, most of them anchored at its start.

    The anchored alternatives are tried at the start only and the rest anywhere; one
    regex of both would be tried at every character (``^`` inside an alternation does not
    let the engine skip ahead).
    """

    at_start: re.Pattern[str] | None
    anywhere: re.Pattern[str] | None

    @classmethod
    def of(cls, *patterns: str) -> _LinePatterns:
        alternatives = [a for p in patterns for a in _alternatives(p)]
        anchored = [a for a in alternatives if a.startswith("^")]
        floating = [a for a in alternatives if not a.startswith("^")]
        return cls(
            _compile(*anchored) if anchored else None, _compile(*floating) if floating else None
        )

    def search(self, line: str) -> bool:
        """Whether any of the patterns occurs in ``line`` (a line has no newline)."""
        return bool(
            (self.at_start is not None and self.at_start.match(line))
            or (self.anywhere is not None and self.anywhere.search(line))
        )


# Sign-in walls and subscription prompts; a block that starts with one is dropped whole.
_WALL = _LinePatterns.of(
    r"^(?:sign|log)\s?(?:in|on|up|out)\b",
    r"\b(?:reset|forgot(?:ten)?|change)\s+(?:your\s+)?password\b",
    r"^(?:register|create\s+(?:an?|your)\s+(?:free\s+)?account)\b",
    r"^already\s+(?:a\s+)?(?:subscriber|member|registered|have\s+an\s+account)\b",
    r"\b(?:members?|subscribers?)[-\s]only\b",
    r"^unlock\b",
    r"^subscribe\b",
    r"\bsubscribe\s+(?:now|today|for|to\s+(?:our|the|read|continue|unlock))\b",
    r"^(?:start|get|try)\s+(?:your\s+)?(?:free\s+)?(?:trial|unlimited\s+access|digital\s+access)",
    r"\bto\s+continue\s+reading\b",
    r"\byou(?:'|’)?ve\s+(?:reached|read)\s+(?:your|all|the)\b.*\barticles?\b",
    r"\b(?:free|remaining)\s+articles?\s+(?:left|remaining)\b",
    r"\bis\s+(?:only\s+)?(?:available\s+)?(?:for|to|exclusive\s+to)\s+(?:subscribers|members)\b",
    r"^(?:support|fund)\s+(?:our|independent|quality)\s+journalism\b",
)
# Menus, buttons, ads, footers, share bars, follow/app/newsletter prompts, teasers.
_CHROME = _LinePatterns.of(
    r"^(?:main\s+)?menu$|^navigation$|^search(?:\s+\w+)?$|^home(?:\s*page)?$|^close$",
    r"^skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|article)$",
    r"^(?:back\s+to\s+top|top|next|previous|prev|more|load\s+more|show\s+more|see\s+more)$",
    r"^(?:print|e-?mail|listen|share|save|logo|image|photo|video|audio|gallery|expand)$",
    r"^(?:advertisement|advertising|sponsored(?:\s+content)?|ads?|paid\s+content)$",
    r"^(?:story|article)\s+continues\s+(?:below|after)\b",
    r"^continue\s+reading(?:\s+(?:below|the\s+main\s+story))?$",
    r"^scroll\s+(?:down\s+)?to\s+continue\b",
    r"^(?:©|\(c\)\s)|^copyright\b|\ball\s+rights\s+reserved\b",
    r"^(?:privacy\s+(?:policy|notice)|terms\s+(?:of\s+(?:use|service)|(?:and|&)\s+conditions))",
    r"^(?:cookie\s+(?:policy|settings|preferences)|contact\s+us|about\s+us|site\s*map)$",
    r"\bwe\s+use\s+cookies\b|\baccept\s+(?:all\s+)?cookies\b",
    r"^follow\s+(?:us\b|@|\S+(?:\s+\S+){0,3}\s+on\s+(?:twitter|x|facebook|instagram|linkedin)\b)",
    r"^download\s+(?:the|our)\s+(?:\w+\s+)?app\b",
    r"^(?:get|sign\s+up\s+for|subscribe\s+to)\s+(?:the|our)\b.*\bnewsletters?\b",
    r"^newsletters?\b",
    r"\bclick\s+(?:here|to\s+(?:share|print|email|open))\b",
    r"\bopens\s+in\s+(?:a\s+)?new\s+(?:window|tab)\b",
    r"^listen\s+to\s+(?:this|the)\s+(?:article|story)\b",
    r"^\d+\s*-?\s*min(?:ute)?s?\s+read$",
    r"^(?:share|tweet|pin)\s+(?:this|on|via)\b",
    r"^(?:read\s+more|also\s+read|read\s+also|related|see\s+also|recommended|watch|listen)"
    r"\s*[:|\-–—]\s*\S",
    r"^more\s*:\s*\S",  # "More: Donald Trump revokes …", a link to another story
)
# A comment section or its furniture; once the article has begun, the page is cut there.
_COMMENTS = _LinePatterns.of(
    r"^(?:leave|post|add|write|submit)\s+a\s+(?:reply|comment|response)\b",
    r"^(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:responses?|comments?|replies|thoughts?|reactions?)(?:\s+(?:to|on|for)\b|\W*$)",
    r"^comments?(?:\s*\(\d+\))?\W*$",
    r"^(?:show|view|load|hide|read|see)\s+(?:all\s+)?(?:the\s+)?(?:\d+\s+)?comments?\b",
    r"^(?:join|start)\s+the\s+(?:conversation|discussion|debate)\b",
    r"\bcomments?\s+(?:have|must|should|need)\s+(?:to\s+)?be\b",
    r"\bcomment\s+threads?\b",
    r"\bcomments?\s+(?:are|is)\s+(?:now\s+)?(?:closed|moderated|monitored|disabled)\b",
    r"\bcommunity\s+(?:guidelines|standards|rules)\b",
    r"\b(?:posting|post|submit)\s+(?:your|a)\s+comment\b",
    r"^you\s+are\s+commenting\s+using\b",
    r"^fill\s+in\s+your\s+details\b",
    r"^connecting\s+to\s+%s$",
    r"^notify\s+me\s+of\b",
    r"\byour\s+email\s+address\s+will\s+not\s+be\s+published\b",
    r"^required\s+fields\s+are\s+marked\b",
    r"^save\s+my\s+name\b",
    r"^(?:\d+[.)]\s*)?(?:pingback|trackback)\s*:",
    r"^(?:twitter|facebook|google|wordpress\.com)\s+(?:picture|photo|account)$",
    r"^(?:cancel\s+reply|reply|report|like|liked\s+by|loading\W*)$",
)
# Tags and categories: the end of the article.
_TAGS = _compile(
    r"^(?:filed\s+under|tags?|tagged(?:\s+with)?|topics?|categories|category|posted\s+in"
    r"|more\s+on\s+these\s+topics|keywords?)\b(?:\s*[:\-–—]?\s*\S|\W*$)",
)
# Headers of "related" boxes: the end of the article when little prose follows.
_RELATED = _compile(
    r"^(?:you\s+(?:might|may|could)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)"
    r"|related(?:\s+(?:articles?|stories|posts|content|coverage|reading|topics|news|links))?"
    r"|more\s+(?:from|on|in|like\s+this|stories|news|to\s+(?:read|explore))\b.*"
    r"|recommended(?:\s+(?:for\s+you|stories|reading|articles))?"
    r"|most\s+(?:popular|read|viewed|shared|commented)|trending(?:\s+(?:now|stories|news))?"
    r"|top\s+stories|editor(?:'|’)?s?(?:'|’)?\s+picks?|don(?:'|’)?t\s+miss|further\s+reading"
    r"|see\s+also|latest\s+(?:news|stories|articles)|in\s+case\s+you\s+missed\s+it"
    r"|what\s+to\s+read\s+next|read\s+(?:more|next|also)|also\s+read"
    r"|(?:more|other)\s+(?:articles|stories))\W*$",
)
# An image credit on its own line: the label and a short attribution ("Photo: AFP/Jane Roe").
# A labelled caption ("Photo: Leaders arrive for the summit.") is longer and is kept.
_CREDIT_LINE = _compile(
    r"^\(?(?:photo(?:graph)?|image|picture|pic|illustration|graphic|video|footage)s?"
    r"(?:\s+(?:credits?|courtesy|by|source))?\s*[:/]\s*(?P<credit>\S.*)$",
    r"^(?:credits?|courtesy)\s*:\s*(?P<credit2>\S.*)$",
)
_CREDIT_TAIL = re.compile(
    r"(?:(?<=[.!?”\"’)])\s*|\s+\|\s*)\(?(?:photo(?:graph)?|image|picture|pic|illustration)s?"
    r"(?:\s+(?:credits?|courtesy|by))?\s*:\s*[^.!?]{1,80}\)?$",
    re.IGNORECASE,
)
_BYLINE = _compile(
    r"^(?:by|written\s+by|words\s+by|story\s+by|reporting\s+by)\s+(?P<by>\S.*)$",
    r"^(?:authors?|writers?|reporters?|contributors?|correspondents?|bylines?)\s*"
    r"[:\-–—]\s*(?P<labelled>\S.*)$",
)
_NAME_WORDS = vocabulary("and & de del della der di da dos du el la le van von bin bint al ibn y")
_SHARE_WORDS = vocabulary(
    "share shares sharing this article story on via facebook twitter x whatsapp linkedin "
    "reddit email e-mail mail print copy link url tweet pinterest telegram messenger "
    "flipboard bluesky threads gift save comment comments"
)
_FEATURE_VERBS = vocabulary(
    "bookmark comment subscribe get save follow share sign read download join enjoy access "
    "receive unlock create manage listen explore stay discover gift customise customize "
    "personalise personalize sync"
)
_FEATURE_NOUNS = vocabulary(
    "stories story articles article newsletter newsletters our offers products discounts "
    "account notifications notified app comments conversations later exclusive members "
    "subscribers ad-free e-paper epaper podcasts alerts premium favourite favorite "
    "devices preferences"
)
_FUNCTION_WORDS = vocabulary(
    "a an the and or but nor not no of to in on at for with as by from into over after "
    "before about up down out off is are was were be been has have had will can may says "
    "said its their his her who what why how when where than vs"
)
_MENU_SEP = re.compile(r"\s+[|›»>·•]\s+|\s+/\s+")
_MENU_SEP_NO_SLASH = re.compile(r"\s+[|›»>·•]\s+")
_PARTS = re.compile(r"\s+[|·•]\s+")
_WIDE_GAP = re.compile(r"\S(?: {3,}|\t+)(?=\S)")
_COLUMNS = re.compile(r" {3,}|\t+|\s+[|·•›»>/]\s+")
# Decoration around a line of chrome: "--- NEWSLETTER: … ---", "[Sign up]", "» More".
_DECORATION = re.compile(r"^[\s\-–—=*_~#>|•·»\[\]()]+|[\s\-–—=*_~#<|•·«\[\]()]+$")


def _is_menu(text: str, *, slash: bool = True) -> bool:
    """A line of short segments joined by |, › or » (a menu or breadcrumb); by / too unless
    ``slash`` is False (in given text "N / A" and "G / F" are table cells)."""
    parts = [p for p in (_MENU_SEP if slash else _MENU_SEP_NO_SLASH).split(text) if p.strip()]
    if len(parts) < 2:
        return False
    if all(len(_words(p)) <= 4 for p in parts):
        return len(parts) >= 3 or all(len(_words(p)) <= 3 for p in parts)
    return False


def _is_share_bar(text: str) -> bool:
    tokens = [t.lower() for t in re.split(r"[\s,|/·•:]+", text) if t]
    return bool(tokens) and all(t in _SHARE_WORDS for t in tokens) and len(tokens) <= 12


def _is_feature(text: str) -> bool:
    """A site feature pitched to the reader: "Bookmark stories to read later."."""
    words = [w.lower() for w in _words(text)]
    if not words or len(words) > 14 or words[0] not in _FEATURE_VERBS:
        return False
    return any(w in _FEATURE_NOUNS for w in words[1:])


def _is_credit(text: str) -> bool:
    m = _CREDIT_LINE.match(text)
    if m is None:
        return False
    credit = m.group("credit") or m.group("credit2") or ""
    return len(_words(credit)) <= 8 and not _is_sentence(credit)


def _is_byline(text: str) -> bool:
    m = _BYLINE.match(text)
    if m is None or len(_words(text)) > 30:
        return False
    rest = m.group("by")
    if rest is None:
        return True  # a labelled byline: "Authors: …"
    names = re.split(r"\s*[|·•]\s*|,\s*(?=\S)|\s+in\s+(?=[A-Z])", rest)[0]
    words = names.split()
    if not words or len(words) > 10 or names.rstrip()[-1:] in {".", "?", "!"}:
        return False
    return all(w[0].isupper() or w.lower() in _NAME_WORDS for w in words)


def _is_cue(text: str) -> bool:
    return len(_words(text)) <= 15 and is_date_line(text)


def _is_chrome_part(part: str) -> bool:
    n = len(_words(part))
    if _is_share_bar(part) or (_RELATED.match(part) and n <= 10):
        return True
    return bool((_WALL.search(part) or _CHROME.search(part)) and n <= 25)


def _is_chrome_parts(text: str) -> bool:
    """A line of parts that are chrome ("Advertisement · Scroll to continue").

    A short line needs only one chrome part: "THE DAILY EXAMPLE Log in | Subscribe".
    """
    parts = [p for p in _PARTS.split(text) if p.strip()]
    if len(parts) < 2:
        return False
    if len(_words(text)) <= 10:
        return any(_is_chrome_part(p) for p in parts)
    return all(_is_chrome_part(p) for p in parts)


# ------------------------------------------------------------------ lines and kinds


@dataclass(slots=True)
class _Line:
    text: str
    block: int
    bullet: bool = False
    numbered: bool = False
    kind: str = "text"
    wall: bool = False
    prose: bool = False


def _is_layout_menu(raw: str) -> bool:
    """A line laid out in columns ("Home   World   Asia", "SITE NAME      Log in | Subscribe")."""
    stripped = raw.strip()
    if not _WIDE_GAP.search(stripped):
        return False
    parts = [p for p in _COLUMNS.split(stripped) if p.strip()]
    return len(parts) >= 3 and all(len(_words(p)) <= 4 for p in parts)


def _tabular(text: str) -> bool:
    """A row of a table rather than a menu: it holds a number or opens with a pipe."""
    return text.startswith("|") or any(c.isdigit() for c in text)


def _split(text: str, *, given: bool = False) -> list[_Line]:
    """Normalised logical lines, with their block (paragraph group) and bullet marks.

    ``given`` (text already extracted) keeps a bullet's own mark and reads a line laid out
    in columns as a table row, not a menu, when it holds a number.
    """
    out: list[_Line] = []
    block: list[tuple[str, bool]] = []
    index = 0
    for raw in [*text.splitlines(), ""]:
        line = normalise_line(raw)
        if line:
            block.append((line, _is_layout_menu(raw) and not (given and _tabular(line))))
            continue
        if block:
            out.extend(_block_lines(block, index, keep_marks=given))
            index += 1
            block = []
    return out


def _block_lines(
    block: list[tuple[str, bool]], index: int, *, keep_marks: bool = False
) -> list[_Line]:
    lines: list[_Line] = []
    run: list[str] = []

    def flush() -> None:
        if not run:
            return
        if _wrapped(run):
            lines.append(_Line(" ".join(run), index))
        else:
            lines.extend(_Line(r, index, numbered=bool(_NUMBERED.match(r))) for r in run)
        run.clear()

    for line, menu in block:
        line = _MD_HEADING.sub("", line)
        if menu:
            flush()
            lines.append(_Line(line, index, kind="chrome"))
        elif _BULLET.match(line):
            flush()
            mark = line[0] if keep_marks else "•"
            lines.append(_Line(mark + " " + _BULLET.sub("", line), index, bullet=True))
        else:
            run.append(line)
    flush()
    return lines


def _wrapped(run: list[str]) -> bool:
    """True for lines of one hard-wrapped paragraph (similar widths, breaks mid-sentence)."""
    if len(run) < 2:
        return False
    widest = max(len(r) for r in run)
    if widest > 100 or any(len(r) < max(30, 0.6 * widest) for r in run[:-1]):
        return False
    if any(_NUMBERED.match(r) for r in run):
        return False
    share = _lower_share(_words(" ".join(run)))
    if share is not None and share < 0.3:
        return False  # a stack of names, menus or headings
    # a break in mid-sentence, with the next line carrying on in lowercase
    return any(_last_char(a) not in _SENTENCE_END and b[:1].islower() for a, b in pairwise(run))


def _trim_credit(text: str) -> str:
    """A caption without the image credit at its end ("… 2021. Photo credit: X")."""
    tail = text[-160:]
    m = _CREDIT_TAIL.search(tail)
    if m is None:
        return text
    trimmed = text[: len(text) - len(tail) + m.start()].rstrip()
    return trimmed if len(_words(trimmed)) >= 3 else text


def _classify(line: _Line, *, given: bool = False) -> None:
    """Set what the line is (its kind) and whether it reads as prose.

    ``given`` (text already extracted): a line of short parts holding a number is a table
    row, not a menu.
    """
    if line.kind != "text":  # decided while splitting (a menu laid out in columns)
        return
    if not line.bullet:
        line.text = _trim_credit(line.text)
    body = _DECORATION.sub("", line.text[2:] if line.bullet else line.text) or line.text
    n = len(_words(body))
    if n > 45:  # too long for any kind of chrome
        pass
    elif _COMMENTS.search(body):
        line.kind = "comments"
    elif _is_credit(body):
        line.kind = "credit"
    elif not line.bullet and _is_byline(body):
        line.kind = "byline"
    elif not line.bullet and _is_cue(body):
        line.kind = "cue"
    elif is_bare_date(body):
        line.kind = "date"
    elif _TAGS.match(body) and n <= 20 and not _is_prose(body):
        line.kind = "tags"
    elif _RELATED.match(body) and n <= 10:
        line.kind = "related"
    elif n <= 25 and _WALL.search(body):
        line.kind, line.wall = "chrome", True
    elif (
        (n <= 25 and _CHROME.search(body))
        or (_is_menu(body, slash=not given) and not (given and _tabular(line.text)))
        or _is_share_bar(body)
        or _is_chrome_parts(body)
        or _is_feature(body)
    ):
        line.kind = "chrome"
    line.prose = line.kind == "text" and _is_prose(line.text)


def _long_prose(line: _Line) -> bool:
    return line.prose and len(_words(line.text)) >= 20


def _continues_wall(line: _Line) -> bool:
    """A line that still belongs to a sign-in or subscribe wall above it."""
    if line.bullet or line.kind != "text":
        return True
    words = _words(line.text)
    return len(words) <= 2 or (len(words) <= 4 and line.text[:1].islower())


def _drop_walled_blocks(lines: list[_Line]) -> None:
    """A block that opens with a sign-in or subscribe prompt is a wall.

    A short block (no long prose in it) is dropped whole. In a block that also holds the
    article (text pasted without blank lines), a wall runs from a sign-in or subscribe
    line to the first line that does not continue it (a headline, a paragraph).
    """
    starts: dict[int, int] = {}
    long_prose: set[int] = set()
    for i, line in enumerate(lines):
        starts.setdefault(line.block, i)
        if _long_prose(line):
            long_prose.add(line.block)
    walled = {block for block, start in starts.items() if lines[start].wall}
    in_wall = False
    previous_block = -1
    for line in lines:
        if line.block != previous_block:
            previous_block, in_wall = line.block, False
        if line.block in walled and line.block not in long_prose:
            in_wall = True  # a short block led by a wall is all wall
        elif line.wall:
            in_wall = True
        elif in_wall and not _continues_wall(line):
            in_wall = False
        if in_wall and line.kind == "text":
            line.kind, line.prose = "chrome", False


# ------------------------------------------------------------------ the article's extent


def _cut(lines: list[_Line]) -> int:
    """The index where the page's tail begins (comments, tags, a closing related box)."""
    prose = [len(x.text) if x.prose else 0 for x in lines]
    total = sum(prose)
    if not total:
        return len(lines)
    before = 0
    for i, line in enumerate(lines):
        after = total - before
        if line.kind in {"comments", "tags"} and before >= 0.3 * total:
            return i
        if line.kind == "related" and before > 0 and after <= 0.25 * total:
            return i
        before += prose[i]
    return len(lines)


def _drop_related_runs(lines: list[_Line], end: int) -> None:
    """An inline "Related" header takes the non-prose lines after it (the teasers) along."""
    dropping = False
    for line in lines[:end]:
        if line.kind == "related":
            dropping = True
        elif dropping and line.kind == "text" and not line.prose:
            line.kind = "chrome"
        elif line.prose:
            dropping = False


def _drop_link_runs(lines: list[_Line], keep: list[bool], start: int, stop: int) -> None:
    """Three or more short link-like lines in a row (not a list after a colon) are a menu."""
    i = start
    while i < stop:
        j = i
        while j < stop and keep[j] and _is_link_like(lines[j].text):
            j += 1
        if j - i >= 3:
            before = next((lines[k].text for k in range(i - 1, -1, -1) if keep[k]), "")
            if not before.endswith(":"):
                for k in range(i, j):
                    keep[k] = False
        i = max(j, i + 1)


def _is_link_like(text: str) -> bool:
    """A short line that is neither a sentence nor the introduction of a list."""
    return _is_short(text.removeprefix("• ")) and not text.endswith(":")


def _is_nav_words(text: str) -> bool:
    """Capitalised words and nothing else ("Home World Business Science Sport")."""
    tokens = text.split()
    return (
        len(tokens) >= 4
        and all(_WORD.fullmatch(t) and t[0].isupper() for t in tokens)
        and not any(t.lower() in _FUNCTION_WORDS for t in tokens)
    )


def _find_headline(lines: list[_Line], stop: int) -> int | None:
    """The first substantial, headline-shaped line before the body."""
    candidates = [
        i
        for i in range(stop)
        if lines[i].kind == "text"
        and not lines[i].bullet
        and not lines[i].numbered
        and not _is_nav_words(lines[i].text)
    ]
    candidates = [i for i in candidates if not lines[i].text.endswith(".")]  # not sentences
    for i in candidates:
        words = _words(lines[i].text)
        if len(words) <= 30 and (len(words) >= 5 or not _is_short(lines[i].text)):
            return i
        if _lower_share(words) is None and 8 <= len(lines[i].text) <= 200:
            return i
    for i in reversed(candidates):  # a short headline ("Xi meets Putin") right before the body
        if len(_words(lines[i].text)) >= 2:
            return i
    return None


# ------------------------------------------------------------------ the result


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Clean article text, and what was taken out of it for metadata.

    ``header_dates`` are bare dates of the page header (before the headline): they may be
    the day the page was rendered. ``lead_dates`` are bare dates between the headline and
    the body, and ``cue_lines`` are "Published: …"/"Updated: …" cues (one per cue, a line
    such as "May 2, 2024 | Updated 10:05" giving a bare date and a cue).
    ``lines`` holds every normalised input line, kept or not (for site-name cues).
    """

    text: str
    headline: str | None = None
    bylines: tuple[str, ...] = ()
    cue_lines: tuple[str, ...] = ()
    header_dates: tuple[str, ...] = ()
    lead_dates: tuple[str, ...] = ()
    lines: tuple[str, ...] = field(default=(), repr=False)


def clean_text(text: str, *, light: bool = False) -> Cleaned:
    """Keep the article of a scraped page, drop its chrome (see the module docstring)."""
    lines = _split(text)
    for line in lines:
        _classify(line)
    _drop_walled_blocks(lines)
    n = len(lines)
    end = _cut(lines)
    _drop_related_runs(lines, end)
    prose = [i for i in range(end) if lines[i].prose]
    first = prose[0] if prose else end
    last = prose[-1] if prose else -1
    keep = [False] * n
    header_dates: list[str] = []
    lead_dates: list[str] = []
    headline: int | None = None

    if light:
        for i in range(end):
            kind = lines[i].kind
            if kind == "text":
                keep[i] = True
            elif kind == "date":
                if i < first:
                    lead_dates.append(lines[i].text)
                else:
                    keep[i] = True
        headline = next((i for i in range(first) if keep[i] and not lines[i].bullet), None)
    else:
        headline = _find_headline(lines, first)
        start = 0 if headline is None else headline + 1
        if headline is not None:
            keep[headline] = True
        for i in range(first):
            line = lines[i]
            if line.kind == "date":
                in_header = headline is None or i < headline
                (header_dates if in_header else lead_dates).append(line.text)
            elif i >= start and line.kind == "text":
                keep[i] = _is_standfirst(line.text.removeprefix("• "))
        lead_prose = prose[:3]
        for i in range(first, last + 1):
            line = lines[i]
            if line.kind == "text":
                keep[i] = True
            elif line.kind == "date":
                if lead_prose and i < lead_prose[-1]:
                    lead_dates.append(line.text)
                else:
                    keep[i] = True
        _drop_link_runs(lines, keep, first, last + 1)
        for i in range(max(last + 1, first), end):
            line = lines[i]
            if line.kind in {"byline", "cue", "credit", "date"}:
                continue
            if line.kind != "text" or line.bullet or not _is_sentence(line.text):
                break
            keep[i] = True

    cue_lines: list[str] = []
    for i in range(end):
        if lines[i].kind != "cue":
            continue
        for segment in cue_segments(lines[i].text):
            if CUE.match(segment):
                cue_lines.append(segment)
            elif headline is None or i < headline:  # "Monday, 4 March 2024 | Updated 10:05"
                header_dates.append(segment)
            else:
                lead_dates.append(segment)

    paragraphs = _assemble(lines, keep)
    return Cleaned(
        text="\n\n".join(paragraphs),
        headline=lines[headline].text if headline is not None else None,
        bylines=tuple(x.text for x in lines[:end] if x.kind == "byline"),
        cue_lines=tuple(cue_lines),
        header_dates=tuple(header_dates),
        lead_dates=tuple(lead_dates),
        lines=tuple(x.text for x in lines),
    )


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.removeprefix("• ")).strip().casefold()


def _assemble(lines: list[_Line], keep: list[bool]) -> list[str]:
    """Kept lines as paragraphs: each line its own, a run of list items one together."""
    seen: set[str] = set()
    paragraphs: list[str] = []
    previous: _Line | None = None
    for line, kept in zip(lines, keep, strict=True):
        if not kept:
            continue
        key = _key(line.text)
        if key in seen:
            continue
        if key:
            seen.add(key)
        item = line.bullet or line.numbered
        if (
            item
            and previous is not None
            and (previous.bullet or previous.numbered)
            and previous.block == line.block
        ):
            paragraphs[-1] += "\n" + line.text
        else:
            paragraphs.append(line.text)
        previous = line
    return paragraphs
