"""Metadata of an article: title, outlet, authors, dates (with where each was read), language.

Every value records its origin so a user can judge it. Given metadata (JSONL fields)
wins over HTML metadata, which wins over cues found in the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from storyline.document import DateClaim, DateOrigin, Metadata, RawArticle
from storyline.ingest.clean import Cleaned, vocabulary
from storyline.ingest.dates import (
    CUE,
    cue_segments,
    date_from_url,
    find_date,
    find_dateline,
    is_bare_date,
    is_update_cue,
    parse_given_date,
    text_year,
    year_for,
)
from storyline.ingest.html import HtmlPage
from storyline.resolve.dating import page_date_inference

__all__ = [
    "Byline",
    "build_metadata",
    "copyright_outlet",
    "detect_language",
    "outlet_from_url",
    "parse_byline",
    "registrable_domain",
    "site_suffix_outlet",
    "split_authors",
]

# Well-known news domains and the names their readers know them by.
KNOWN_OUTLETS: dict[str, str] = {
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "latimes.com": "Los Angeles Times",
    "usatoday.com": "USA Today",
    "apnews.com": "Associated Press",
    "reuters.com": "Reuters",
    "bloomberg.com": "Bloomberg",
    "cnn.com": "CNN",
    "cnbc.com": "CNBC",
    "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News",
    "foxnews.com": "Fox News",
    "npr.org": "NPR",
    "politico.com": "Politico",
    "politico.eu": "Politico Europe",
    "axios.com": "Axios",
    "theatlantic.com": "The Atlantic",
    "newyorker.com": "The New Yorker",
    "time.com": "Time",
    "foreignpolicy.com": "Foreign Policy",
    "foreignaffairs.com": "Foreign Affairs",
    "theguardian.com": "The Guardian",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "ft.com": "Financial Times",
    "economist.com": "The Economist",
    "independent.co.uk": "The Independent",
    "telegraph.co.uk": "The Telegraph",
    "thetimes.co.uk": "The Times",
    "aljazeera.com": "Al Jazeera",
    "dw.com": "DW",
    "france24.com": "France 24",
    "euronews.com": "Euronews",
    "lemonde.fr": "Le Monde",
    "spiegel.de": "Der Spiegel",
    "scmp.com": "South China Morning Post",
    "thehindu.com": "The Hindu",
    "frontline.thehindu.com": "Frontline",
    "hindustantimes.com": "Hindustan Times",
    "indianexpress.com": "The Indian Express",
    "timesofindia.indiatimes.com": "The Times of India",
    "japantimes.co.jp": "The Japan Times",
    "asia.nikkei.com": "Nikkei Asia",
    "straitstimes.com": "The Straits Times",
    "abc.net.au": "ABC News (Australia)",
    "smh.com.au": "The Sydney Morning Herald",
    "cbc.ca": "CBC News",
    "theglobeandmail.com": "The Globe and Mail",
    "theconversation.com": "The Conversation",
    "voanews.com": "Voice of America",
    "rferl.org": "Radio Free Europe/Radio Liberty",
    "xinhuanet.com": "Xinhua",
    "globaltimes.cn": "Global Times",
    "tass.com": "TASS",
    "rt.com": "RT",
    "afp.com": "AFP",
}

# Second-level labels under which names are registered (example.co.uk, example.com.au).
_SECOND_LEVEL = vocabulary("co com net org gov ac edu ne or go gob nic mil")

_OUTLET_WORDS = vocabulary(
    "news times post press agency herald journal daily tribune media network magazine "
    "review gazette telegraph guardian radio television tv wire service online chronicle "
    "observer express mail standard star sun economist monitor bystander insider today "
    "weekly bulletin dispatch courier reporter inquirer independent republic "
    "broadcasting corporation"
)
_ROLE_WORDS = vocabulary(
    "staff writer writers correspondent correspondents reporter reporters editor editors "
    "contributor contributors contributing columnist bureau senior special desk team "
    "chief associate"
)
_BYLINE_PREFIX = re.compile(
    r"^(?:by|written\s+by|words\s+by|story\s+by|reporting\s+by|authors?|writers?|reporters?"
    r"|contributors?|correspondents?|bylines?)\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
_SEGMENTS = re.compile(r"\s+[|·•]\s+")
_CUE_BY = re.compile(r"\s+by\s+([A-Z].*?)\s*(?:[|·•]|$)")
_DESCRIPTION = re.compile(
    r"\s+(?:is|was|are|were|who|writes|reports|covers|teaches|has\s+been)\b.*$|\s*\(.*?\)"
    r"|\s+in\s+[A-Z][^,;]*$",  # a dateline: "Jane Roe in Samarkand"
)
_ITEM_SPLIT = re.compile(r"\s*[,;]\s*")
_AND_SPLIT = re.compile(r"\s+and\s+|\s*&\s*", re.IGNORECASE)

_PRIORITY: dict[DateOrigin, int] = {
    "given": 0,
    "html-metadata": 1,
    "text-cue": 2,
    "byline": 3,
    "dateline": 4,
    "url": 5,
    "page-header": 6,
}


# ------------------------------------------------------------------ outlets


def registrable_domain(host: str) -> str:
    """The name a site registered: ``www.news.example.co.uk`` → ``example.co.uk``."""
    labels = [x for x in host.lower().strip(".").split(".") if x]
    if labels and labels[0] in {"www", "m", "amp", "mobile"}:
        labels = labels[1:]
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def outlet_from_url(url: str) -> str | None:
    """The outlet a URL belongs to: a well-known name, else its registrable domain."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    if not host or re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?|localhost", host):
        return None
    host = host.removeprefix("www.")
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = KNOWN_OUTLETS.get(".".join(parts[i:]))
        if name is not None:
            return name
    return registrable_domain(host)


_KNOWN_NAMES = frozenset(name.casefold() for name in KNOWN_OUTLETS.values()) | frozenset(
    {"ap", "afp", "reuters", "bloomberg", "xinhua", "tass", "ria novosti", "kyodo", "yonhap"}
)


def _looks_like_outlet(item: str) -> bool:
    """A byline item naming a publication rather than a person ("SCMP", "The Times")."""
    words = item.split()
    if not words:
        return False
    if item.casefold() in _KNOWN_NAMES or re.search(r"\w\.(?:com|org|net|co|news)\b", item, re.I):
        return True
    if len(words) == 1:
        return len(item) >= 2 and item.isupper()  # "SCMP"; a lone "Beijing" may be a dateline
    if words[0].lower() == "the":
        return True
    return any(w.lower().strip(".,") in _OUTLET_WORDS for w in words)


def _looks_like_person(item: str) -> bool:
    """Two to five capitalised words (particles such as "de", "van", "bin" allowed)."""
    words = item.split()
    return 2 <= len(words) <= 5 and all(
        w[0].isupper() or w.lower() in {"de", "van", "von", "der", "da", "di", "bin", "al"}
        for w in words
    )


def site_suffix_outlet(lines: Iterable[str]) -> str | None:
    """A site name repeated as the " | Site Name" suffix of several lines (pingbacks)."""
    counts: Counter[str] = Counter()
    for line in lines:
        if line.count(" | ") != 1:
            continue
        head, suffix = line.rsplit(" | ", 1)
        suffix = suffix.strip()
        words = suffix.split()
        if len(head.split()) < 4 or not 1 <= len(words) <= 5 or not suffix[0].isupper():
            continue
        if suffix[-1] in ".?!" or find_date(suffix) is not None:
            continue
        counts[suffix] += 1
    if not counts:
        return None
    name, count = counts.most_common(1)[0]
    return name if count >= 2 else None


_COPYRIGHT_AFTER = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s*)?"
    r"(?P<name>[^|.,;©()]{2,60})",
    re.IGNORECASE,
)
_COPYRIGHT_BEFORE = re.compile(
    r"^(?P<name>[^|.,;©()]{2,60}?)\s*(?:©|\(c\))\s*(?:19|20)\d{2}", re.IGNORECASE
)


def copyright_outlet(lines: Iterable[str]) -> str | None:
    """The name in a copyright footer: "© 2022 The Example Post. All rights reserved."."""
    for line in reversed(list(lines)):
        if not re.search(r"©|\(c\)|\bcopyright\b", line, re.IGNORECASE):
            continue
        for pattern in (_COPYRIGHT_AFTER, _COPYRIGHT_BEFORE):
            m = pattern.search(line)
            if m is None:
                continue
            name = " ".join(m.group("name").split())
            name = re.sub(r"\s+all\s+rights\s+reserved.*$", "", name, flags=re.IGNORECASE)
            words = name.split()
            if 1 <= len(words) <= 6 and name[0].isupper() and not re.search(r"\d", name):
                return name
    return None


# ------------------------------------------------------------------ bylines


@dataclass(frozen=True, slots=True)
class Byline:
    """What a byline line says: the authors, maybe the outlet, maybe a date."""

    authors: tuple[str, ...] = ()
    outlet: str | None = None
    dates: tuple[DateClaim, ...] = ()


def split_authors(value: str) -> tuple[str, ...]:
    """Names from "A, B and C" / "A; B" / "A & B", descriptions and roles removed."""
    names: list[str] = []
    for part in _ITEM_SPLIT.split(value):
        part = _DESCRIPTION.sub("", part).strip(" .,;:-–—")
        if not part or not part[0].isupper():
            continue  # "a professor at …", "in Beijing"
        for name in _AND_SPLIT.split(part):
            name = name.strip(" .,;:-–—")
            if not name or not name[0].isupper():
                continue
            if any(w.lower() in _ROLE_WORDS for w in name.split()):
                continue  # "Staff Writer"
            if name not in names:
                names.append(name)
    return tuple(names)


def parse_byline(line: str) -> Byline:
    """Read a byline: "By A and B", "Authors: A, B, SCMP", "Author: X is an expert at Y, Z".

    The item after the last comma (or a separate "| …" segment) is the outlet when it
    looks like one (an acronym, a known outlet, "The …", a word like News or Times). A
    date in the byline becomes a claim (origin ``byline``; ``text-cue`` for a segment
    such as "Published March 2, 2022").
    """
    text = _BYLINE_PREFIX.sub("", line.strip(), count=1)
    authors: list[str] = []
    outlet: str | None = None
    dates: list[DateClaim] = []
    for segment in _SEGMENTS.split(text):
        segment = segment.strip(" ,;")
        found = find_date(segment) if segment else None
        if found is not None:
            if CUE.match(segment):
                dates.append(DateClaim(found[0], "text-cue", segment))
                continue
            if is_bare_date(segment):
                dates.append(DateClaim(found[0], "byline", segment))
                continue
            tail = segment[found[1] :]
            if is_bare_date(tail):
                dates.append(DateClaim(found[0], "byline", tail.strip()))
                segment = segment[: found[1]].rstrip(" ,;-–—")
        items = [_DESCRIPTION.sub("", i).strip() for i in _ITEM_SPLIT.split(segment)]
        items = [i for i in items if i]
        if items and _looks_like_outlet(items[-1]):
            outlet = items[-1]
            items = items[:-1]
        for name in split_authors(", ".join(items)):
            if _looks_like_person(name) and name not in authors:
                authors.append(name)
    return Byline(tuple(authors), outlet, tuple(dates))


# ------------------------------------------------------------------ language

_SCRIPT_LANGUAGE = {
    "CYRILLIC": "ru",
    "CJK": "zh",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "HANGUL": "ko",
    "ARABIC": "ar",
    "HEBREW": "he",
    "GREEK": "el",
    "DEVANAGARI": "hi",
    "THAI": "th",
}


@lru_cache(maxsize=8192)  # called for up to 2,000 letters per article, from a few dozen
def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0]
    return first if first in _SCRIPT_LANGUAGE else "LATIN" if first == "LATIN" else "OTHER"


_LOWER_WORD = re.compile(r"(?<![\w'’])[^\W\d_]")


def _prose_lines(text: str) -> str:
    """The lines of ``text`` that read as running words: at least three words, and a
    third of them starting lowercase (not table rows of names and numbers, not
    capitalised headlines)."""
    out = []
    for line in text.splitlines():
        starts = _LOWER_WORD.findall(line)
        if len(starts) >= 3 and sum(c.islower() for c in starts) * 3 >= len(starts):
            out.append(line)
    return "\n".join(out)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language (py3langid); short text defaults to "en".

    Very short text is only classified when a non-Latin script clearly dominates it. In
    Latin script only the lines that read as running words count (a result table of
    names and numbers says nothing of the language; such a text with little prose is
    "en"). The first 2,500 characters (about 400 words) decide: the classifier's cost
    grows with the text and its answer no longer changes.
    """
    sample = text[:2500]
    letters = "".join(filter(str.isalpha, sample))[:2000]
    if not letters:
        return "en"
    others = [c for c in letters if not c.isascii()]  # every ASCII letter is Latin
    scripts = Counter(_script(c) for c in others)
    scripts["LATIN"] += len(letters) - len(others)
    script, count = scripts.most_common(1)[0]
    foreign = script in _SCRIPT_LANGUAGE and count >= 0.6 * sum(scripts.values())
    if not foreign:
        sample = _prose_lines(text[:10000])[:2500]
    if len(sample.split()) < 20 and not foreign:
        return "en"
    import py3langid

    language = str(py3langid.classify(sample)[0])
    if foreign and script == "CJK" and not scripts["HIRAGANA"] + scripts["KATAKANA"]:
        return "zh"  # Han without kana; short Chinese can come back as another language
    if foreign and _SCRIPT_LANGUAGE[script] != language and language in {"en", "la", "br"}:
        return _SCRIPT_LANGUAGE[script]
    return language


# ------------------------------------------------------------------ assembling


def _cue_rank(claim: DateClaim) -> int:
    """Among text cues, "Published"/"Posted" beat "Updated"/"Modified"."""
    return 1 if is_update_cue(claim.evidence) else 0


def _date_claims(
    raw: RawArticle, cleaned: Cleaned, page: HtmlPage | None, url: str | None
) -> list[DateClaim]:
    claims: list[DateClaim] = []
    if raw.published:
        value = parse_given_date(raw.published)
        if value is not None:
            claims.append(DateClaim(value, "given", raw.published))
    if page is not None and page.date:
        claims.append(DateClaim(page.date, "html-metadata", "HTML page metadata"))
    for line in cleaned.cue_lines:
        for segment in cue_segments(line):
            found = find_date(segment)
            if found is not None:
                claims.append(DateClaim(found[0], "text-cue", segment))
    for line in cleaned.lead_dates:
        found = find_date(line)
        if found is not None:
            claims.append(DateClaim(found[0], "text-cue", line))
    for line in cleaned.bylines:
        claims.extend(parse_byline(line).dates)
    if url:
        value = date_from_url(url)
        if value is not None:
            claims.append(DateClaim(value, "url", url))
    for line in cleaned.header_dates:
        found = find_date(line)
        if found is not None:
            claims.append(DateClaim(found[0], "page-header", line))
    claims.sort(key=lambda c: (_PRIORITY[c.origin], _cue_rank(c) if c.origin == "text-cue" else 0))
    dateline = _dateline_claim(cleaned.text, claims)
    if dateline is not None:
        claims.append(dateline)
        claims.sort(key=lambda c: _PRIORITY[c.origin])  # stable: cue order kept
    unique: list[DateClaim] = []
    for claim in claims:
        if not any(c.value == claim.value and c.origin == claim.origin for c in unique):
            unique.append(claim)
    return unique


def _dateline_claim(text: str, others: list[DateClaim]) -> DateClaim | None:
    """The date of the story's dateline ("BEIJING, May 16 /TASS/."). A year it leaves out
    is taken from the best other claim (the year putting the day nearest to it), else
    from the year the text speaks of most; with neither, no claim."""
    found = find_dateline(text)
    if found is None:
        return None
    said = " ".join(text[found.start : found.end].split()).rstrip(" -–—_:.")
    if found.year is not None:
        value = found.value()
        return DateClaim(value, "dateline", said) if value else None
    near = next((c for c in others if len(c.value) >= 4), None)
    if near is not None:
        year = year_for(found.month, found.day, near.value)
        why = f"{said} (year from the {near.origin} date {near.value})"
    elif (in_text := text_year(text[found.end :])) is not None:
        year, snippet = in_text
        why = f'{said} (year from "{snippet}" in the text)'
    else:
        return None
    value = found.value(year)
    return DateClaim(value, "dateline", why) if value else None


def build_metadata(raw: RawArticle, cleaned: Cleaned, page: HtmlPage | None = None) -> Metadata:
    """Everything known about the article besides its text, with where it was read."""
    url = raw.url or (page.url if page is not None else None)
    bylines = [parse_byline(b) for b in cleaned.bylines]
    for line in cleaned.cue_lines:  # "Posted on March 2, 2022 by Jane Roe"
        m = _CUE_BY.search(line)
        if m is not None:
            bylines.append(parse_byline("By " + m.group(1)))

    title = raw.title or (page.title if page is not None else None) or cleaned.headline

    outlet: str | None = None
    outlet_origin: str | None = None
    byline_outlet = next((b.outlet for b in bylines if b.outlet), None)
    if raw.outlet:
        outlet, outlet_origin = raw.outlet, "given"
    elif page is not None and page.sitename:
        outlet, outlet_origin = page.sitename, "html"
    elif url and (from_url := outlet_from_url(url)):
        outlet, outlet_origin = from_url, "url"
    elif byline_outlet:
        outlet, outlet_origin = byline_outlet, "byline"
    elif suffix := site_suffix_outlet(cleaned.lines):
        outlet, outlet_origin = suffix, "site-suffix"
    elif footer := copyright_outlet(cleaned.lines):
        outlet, outlet_origin = footer, "copyright"

    authors: tuple[str, ...] = raw.authors
    if not authors and page is not None:
        authors = page.authors
    if not authors:
        found: list[str] = []
        for b in bylines:
            found.extend(a for a in b.authors if a not in found)
        authors = tuple(found)

    language = detect_language(cleaned.text)
    dates = _date_claims(raw, cleaned, page, url)
    if language in ("ru", "zh"):  # «16 мая 2024 года», 2024年5月16日, 本报北京5月16日电
        from storyline.lang.dates import date_claims

        # read before cleaning when the input is text: cleaning drops a bare date line
        first = raw.content[:400] if raw.format == "text" else cleaned.text[:300]
        head = "\n".join([*cleaned.header_dates, *cleaned.lead_dates, first])
        dates = dates + [c for c in date_claims(head, language) if c not in dates]
    # a bare date in the page header (before the headline) is the day the page was shown:
    # an upper bound of publication, used for its year only
    best = next((d for d in dates if d.origin != "page-header"), None)
    shown = next((d for d in dates if d.origin == "page-header"), None)
    inferred = page_date_inference(shown.value, shown.evidence) if best is None and shown else None
    return Metadata(
        title=title,
        outlet=outlet,
        outlet_origin=outlet_origin,
        authors=authors,
        published=best.value if best else None,
        published_origin=best.origin if best else None,
        dates=tuple(dates),
        language=language,
        url=url,
        inferred_date=inferred.value if inferred else None,
        inferred_from=inferred.evidence if inferred else None,
    )
