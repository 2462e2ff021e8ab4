"""Independent reports: the copies of one article that several outlets carry.

News is full of copies: a wire story (AP, Reuters, AFP, Xinhua, TASS…) republished by ten
outlets, a partner's article run again under another headline, a page crawled twice with
a new paragraph. Corroboration must count *independent reports*, not copies, so every
document belongs to exactly one :class:`~storyline.document.Report`.

**Per document** (computed once and stored, :func:`fingerprint`): the text's words,
case-folded, cut into overlapping runs of five (shingles); a MinHash signature of those
shingles (:data:`PERMUTATIONS` values) followed by one of the shingles of its opening (the
first :data:`LEAD_WORDS` words, :data:`LEAD_PERMUTATIONS` values), and whether the text
credits a news agency (:func:`wire_credit`).

**Across documents** (:func:`group_reports`): locality-sensitive hashing over the
signatures finds candidate pairs (bands of :data:`ROWS` values; two documents whose
signatures agree on a whole band are compared), and a pair is a copy when the estimated
share of shingles they have in common is high:

* resemblance (Jaccard) of the two shingle sets at least :data:`MIN_RESEMBLANCE`, and
* the shingles they share cover at least :data:`MIN_CONTAINMENT` of the shorter text
  (a copy with a paragraph added or cut, or a truncated crawl, still counts), and
* they share at least :data:`MIN_SHARED` shingles (two short texts with a sentence in
  common are not copies), and
* their openings resemble each other (at least :data:`MIN_LEAD`): a copy keeps the
  article's first paragraphs, give or take a changed first sentence or a line added on
  top, while two pages of one site that share a long block of its chrome (a photo
  gallery's captions, a background box, yesterday's story pasted under today's news) each
  open with their own news.

Two articles about the same event written by different reporters share a quotation or
two, a few per cent of their shingles: far below these bounds. Copies are grouped
transitively; the lead copy is the earliest published (then the smallest id) and names
the report. Its origin is the agency the copies credit, else the outlet of the lead copy
(the first publisher), with the words or field that say so.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.document import Fingerprint, Report, content_hash

SHINGLE = 5  # words per shingle
PERMUTATIONS = 126  # MinHash values per document
ROWS = 3  # values per LSH band (42 bands)
MIN_RESEMBLANCE = 0.3
MIN_CONTAINMENT = 0.7
MIN_SHARED = 25
MAX_BUCKET = 200  # a band value shared by more documents is boilerplate, not a copy
LEAD_WORDS = 200  # the opening compared by MIN_LEAD
LEAD_PERMUTATIONS = 42
MIN_LEAD = 0.2
_HEAD = 400  # characters at each end of the text where a wire credit is looked for
_DATELINE_HEAD = 1500  # a dateline on a line of its own may follow a title and a caption

_WORD = re.compile(r"\w+")
_rng = np.random.default_rng(20221204)
_MULT = _rng.integers(1, 2**63, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
_ADD = _rng.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64)
SIGNATURE_BYTES = 4 * (PERMUTATIONS + LEAD_PERMUTATIONS)
_WORD_MIX = np.array([0x9E3779B97F4A7C15 ** (k + 1) % 2**64 for k in range(SHINGLE)], np.uint64)

# agencies by the names their credits use; the value is the name a report's origin shows
_AGENCIES = {
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "itar-tass": "TASS",
    "ria novosti": "RIA Novosti",
    "interfax": "Interfax",
    "upi": "UPI",
    "united press international": "UPI",
    "dpa": "dpa",
    "bloomberg": "Bloomberg",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "efe": "EFE",
    "ansa": "ANSA",
    "pti": "PTI",
    "ians": "IANS",
    "ani": "ANI",
    "anadolu": "Anadolu",
    "cna": "CNA",
    "cnn": "CNN",
}
_NAMES = "|".join(sorted((re.escape(k) for k in _AGENCIES), key=len, reverse=True))
# "WASHINGTON (AP) —", "(Reuters) -", "(Xinhua) --", "BEIJING, May 16 /TASS/": not after
# the end of a sentence (a caption's credit: "… in 2015. (Reuters)"), and the name alone
# between slashes, so a photo credit ("Jane Roe/Reuters/Landov", "/AFP/Getty Images") is
# not taken for a dateline
_DATELINE = re.compile(
    rf"(?<![.!?\"”])(?<![.!?\"”] )\(\s*({_NAMES})\s*\)|(?<![\w/])/({_NAMES})/(?![\w/])", re.I
)
# a dateline opening a line further down, after a title or a photo caption:
# "DAMASCUS, Syria (AP) — …"
_DATELINE_LINE = re.compile(
    r"(?:^|\n)[ \t]*[A-Z][A-Z.'’ -]+(?:,[ \t]*[A-Z][\w.'’ -]*)?[ \t]*"
    rf"\(((?i:{_NAMES}))\)[ \t]*[-—–]"
)
# words of a photo credit or caption just before a match: "toggle caption", "Photo:"
_PHOTO = re.compile(r"\b(?:photo\w*|caption|images?|getty|landov|file)\b", re.I)
# "By The Associated Press", "Copyright 2020 The Associated Press", "— Reuters" at the end
_BYLINE = re.compile(
    rf"(?:^|\n)\s*(?:by|copyright(?:\s+©)?\s+\d{{4}}|©\s*\d{{4}})\s+({_NAMES})\b", re.I
)
_SIGNOFF = re.compile(rf"(?:^|\n)\s*[-—–]+\s*({_NAMES})\s*$", re.I)
# the agency's own tag line at the end: "Associated Press writer Jane Roe contributed",
# "AP Diplomatic Writer Jane Roe contributed" (not "The AP contributed to this report",
# which credits the agency with a part of another outlet's article)
_TAGLINE = re.compile(
    r"(?:^|\n)\s*(Associated Press|AP)(?:\s+[A-Z][\w-]*){0,3}?\s+"
    r"(?i:writers?|correspondents?|reporters?)\b"
)
# Reuters' house credit at the end: "(Reporting by Jane Roe; Editing by John Doe)"
_REUTERS_CREDIT = re.compile(
    r"\((?:additional\s+)?reporting by [^()]{1,200}?;\s*(?:writing|editing) by [^()]{1,200}\)",
    re.I,
)


def _credit_match(pattern: re.Pattern[str], part: str) -> tuple[str, str] | None:
    for m in pattern.finditer(part):
        line = part.rfind("\n", 0, m.start() + 1) + 1  # the credit's line, up to it
        if _PHOTO.search(part[max(line, m.start() - 40) : m.start()]):
            continue
        name = next(g for g in m.groups() if g)
        return _AGENCIES[name.casefold()], m.group(0).strip()
    return None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A document as :func:`group_reports` sees it."""

    doc: str
    published: str | None
    outlet: str | None
    fingerprint: Fingerprint


def _shingle_hashes(text: str) -> np.ndarray:
    words = _WORD.findall(text.casefold())
    if not words:
        return np.zeros(0, np.uint64)
    codes = np.fromiter((zlib.crc32(w.encode()) for w in words), np.uint64, len(words))
    if len(codes) < SHINGLE:
        return np.unique(codes * _WORD_MIX[0])
    n = len(codes) - SHINGLE + 1
    mixed = np.zeros(n, np.uint64)
    for k in range(SHINGLE):
        mixed ^= codes[k : k + n] * _WORD_MIX[k]
        mixed = (mixed << np.uint64(7)) | (mixed >> np.uint64(57))
    return np.unique(mixed)


def wire_credit(
    text: str, outlet: str | None = None, authors: Sequence[str] = ()
) -> tuple[str, str] | None:
    """The news agency a text credits as its author — ``("AP", "(AP)")`` — from a dateline
    at its start, a byline or copyright line, the agency's own tag line or credit line, or a
    sign-off at its end; else a byline (``authors``) that is an agency's name alone, or the outlet
    itself when it is an agency. None when none of them says so. Agencies named in the
    story ("told Reuters"), in photo credits ("Jane Roe/AP") or as contributors ("The
    Associated Press contributed to this report") are not credits."""
    head, tail = text[:_HEAD], text[-_HEAD:]
    for pattern, part in (
        (_DATELINE, head),
        (_DATELINE_LINE, text[:_DATELINE_HEAD]),
        (_BYLINE, head),
        (_BYLINE, tail),
        (_SIGNOFF, tail),
        (_TAGLINE, tail),
    ):
        found = _credit_match(pattern, part)
        if found:
            return found
    m = _REUTERS_CREDIT.search(tail)
    if m:
        return "Reuters", m.group(0)
    if len(authors) == 1:  # an agency among many names is a site's list of writers
        name = re.sub(r"^the\s+", "", authors[0].strip().casefold())
        if name in _AGENCIES and len(name) > 3:  # "AP" alone may be a person's initials
            return _AGENCIES[name], f"byline: {authors[0].strip()}"
    if outlet and outlet.strip().casefold() in _AGENCIES:
        return _AGENCIES[outlet.strip().casefold()], f"outlet: {outlet}"
    return None


def _minhash(hashes: np.ndarray, at: int, count: int) -> np.ndarray:
    if not len(hashes):
        return np.full(count, 0xFFFFFFFF, "<u4")
    mult, add = _MULT[at : at + count, None], _ADD[at : at + count, None]
    values: np.ndarray = ((mult * hashes[None, :] + add) >> np.uint64(32)).min(axis=1)
    return values.astype("<u4")


def fingerprint(text: str, outlet: str | None = None, authors: Sequence[str] = ()) -> Fingerprint:
    """The per-document part of copy detection (see the module docstring)."""
    hashes = _shingle_hashes(text)
    words = _WORD.findall(text)
    if len(words) > LEAD_WORDS:  # cut the text where its LEAD_WORDS-th word ends
        cut = list(_WORD.finditer(text))[LEAD_WORDS - 1].end()
        lead = _shingle_hashes(text[:cut])
    else:
        lead = hashes
    signature = np.concatenate(
        [_minhash(hashes, 0, PERMUTATIONS), _minhash(lead, 0, LEAD_PERMUTATIONS)]
    )
    credit = wire_credit(text, outlet, authors)
    return Fingerprint(len(hashes), signature.tobytes(), *(credit if credit else (None, None)))


def overlap(a: Fingerprint, b: Fingerprint) -> tuple[float, float, float]:
    """Estimated (resemblance, containment in the shorter text, shared shingles)."""
    sa = np.frombuffer(a.signature, "<u4", PERMUTATIONS)
    sb = np.frombuffer(b.signature, "<u4", PERMUTATIONS)
    j = float(np.mean(sa == sb))
    shared = j * (a.shingles + b.shingles) / (1 + j)
    shorter = min(a.shingles, b.shingles)
    return j, (shared / shorter if shorter else 0.0), shared


def lead_resemblance(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated resemblance of the two texts' openings (their first LEAD_WORDS words)."""
    at = 4 * PERMUTATIONS
    if len(a.signature) < SIGNATURE_BYTES or len(b.signature) < SIGNATURE_BYTES:
        return 1.0  # a fingerprint made before openings were kept: no evidence either way
    la = np.frombuffer(a.signature, "<u4", LEAD_PERMUTATIONS, at)
    lb = np.frombuffer(b.signature, "<u4", LEAD_PERMUTATIONS, at)
    return float(np.mean(la == lb))


def is_copy(a: Fingerprint, b: Fingerprint) -> bool:
    """Are two documents copies of one report? (Bounds in the module docstring.)"""
    j, contained, shared = overlap(a, b)
    return (
        j >= MIN_RESEMBLANCE
        and contained >= MIN_CONTAINMENT
        and shared >= MIN_SHARED
        and lead_resemblance(a, b) >= MIN_LEAD
    )


def _candidate_pairs(signatures: np.ndarray) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = set()
    for band in range(PERMUTATIONS // ROWS):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        block = np.ascontiguousarray(signatures[:, band * ROWS : (band + 1) * ROWS])
        for i, row in enumerate(block):
            buckets[row.tobytes()].append(i)
        for members in buckets.values():
            if 1 < len(members) <= MAX_BUCKET:
                for x, i in enumerate(members):
                    for k in members[x + 1 :]:
                        pairs.add((i, k))
    return pairs


def _lead_key(c: Candidate) -> tuple[int, str, str]:
    return (c.published is None, c.published or "", c.doc)


def group_reports(candidates: Iterable[Candidate]) -> tuple[list[Report], dict[str, float]]:
    """Every document in exactly one report; also each document's resemblance to its lead.

    A pure function: the same documents in any order give the same reports and ids.
    """
    docs = sorted(candidates, key=lambda c: c.doc)
    if not docs:
        return [], {}
    signatures = np.stack(
        [np.frombuffer(c.fingerprint.signature, "<u4", PERMUTATIONS) for c in docs]
    )
    parent = list(range(len(docs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, k in sorted(_candidate_pairs(signatures)):
        if docs[i].fingerprint.shingles and is_copy(docs[i].fingerprint, docs[k].fingerprint):
            ri, rk = root(i), root(k)
            if ri != rk:
                parent[max(ri, rk)] = min(ri, rk)
    members: dict[int, list[Candidate]] = defaultdict(list)
    for i, c in enumerate(docs):
        members[root(i)].append(c)
    reports: list[Report] = []
    similarity: dict[str, float] = {}
    for group in members.values():
        group.sort(key=_lead_key)
        lead = group[0]
        for c in group:
            similarity[c.doc] = 1.0 if c is lead else overlap(lead.fingerprint, c.fingerprint)[0]
        origin, evidence = _origin(group)
        reports.append(
            Report("r_" + content_hash(lead.doc), tuple(c.doc for c in group), origin, evidence)
        )
    reports.sort(key=lambda r: r.id)
    return reports, similarity


def _origin(group: Sequence[Candidate]) -> tuple[str | None, str | None]:
    credits = Counter(c.fingerprint.credit for c in group if c.fingerprint.credit)
    if credits:
        agency = min(credits, key=lambda a: (-credits[a], a))
        evidence = next(
            c.fingerprint.credit_evidence for c in group if c.fingerprint.credit == agency
        )
        return agency, evidence
    lead = group[0]
    if lead.outlet is None:
        return None, None
    if len(group) == 1:
        return lead.outlet, "outlet"
    when = f" ({lead.published})" if lead.published else ""
    return lead.outlet, f"first published copy{when}"
