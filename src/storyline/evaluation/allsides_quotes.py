"""Quotes and their speakers scored against a hand-annotated gold set of real articles.

``python -m storyline.evaluation.allsides_quotes EXPORT.json --gold GOLD.jsonl [--misses]``
reads storyline's JSON export (``storyline export --format json``) of a database holding
the gold set's articles, and a gold file of one JSON object a line::

    {"source": "allsides-…", "outlet": "…", "quotes": [
      {"quote": "the first words of the quotation", "speaker": "Vladimir Putin",
       "named": true, "speaker_kind": "person", "direct": true,
       "occurrence": 1, "also_right": ["Putin's spokesman"]}]}

``quote`` is the opening of the quoted or reported words as the article writes them
(``occurrence``, counted from 0, picks one when the words stand more than once in the
text); ``speaker`` the fullest name the article gives, or, with ``named`` false, the
description it uses ("a senior official"); ``speaker_kind`` is ``person``,
``organisation``, ``document`` or ``anonymous``; ``also_right`` lists other speakers a
careful reader could defend. ``notes`` (optional) records what was left out and why.

A system quote matches a gold quote when it covers at least half of the gold opening in the
same document (the opening's place is found in the exported text; where it can't be, the
opening must stand in the system quote's text); of several, the shortest wins. The report
gives quote recall (all, direct, reported), precision over the system quotes of the gold
documents, speaker accuracy over the matched gold quotes and the share of all gold quotes
whose speaker is right (recall × accuracy), with the speaker errors counted by kind.
``--misses`` lists every gold quote not found, every wrong speaker and the system quotes
that match no gold quote; ``--json`` prints the numbers as one JSON object instead.

``--pick-from CORPUS.jsonl[.gz] --out FILE`` writes the gold set's articles, picked by
``source`` from storyline's JSONL input (the AllSides crawl), to FILE to analyse.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TextIO

from storyline.errors import MalformedInput

KINDS = ("person", "organisation", "document", "anonymous")

_CHARS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2014": "-",
        "\u2013": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\n": " ",
        "\r": " ",
        "\t": " ",
    }
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words a speaker's name may carry that say what the person is, not who.
_TITLES = _words(
    """mr mrs ms miss dr prof president vice sen senator rep representative gov governor
    col colonel cmdr commander gen general lt lieutenant maj major capt captain adm admiral
    sgt sergeant secretary minister prime chancellor ambassador speaker attorney judge
    justice rev sir lord chairman chairwoman chair director spokesman spokeswoman
    spokesperson leader former acting deputy chief head envoy foreign defense defence
    state us u.s. un u.n. house the de facto"""
)
# Words that end a body's name without being its head ("ABC News" is ABC).
_GENERIC = _words("news inc corp co ltd llc plc")
_STOP = _words("the a an of 's and for to in on at")
_DETERMINERS = _words(
    "a an the one some two three several many other another his her their its our this that "
    "these those"
)
_PRONOUNS = _words("he she they it we i you him her them who which that this those these one some")
# News agencies and broadcasters that stories cite: naming one instead of the quoted
# speaker ("told CNN", "according to Reuters") is its own kind of error.
_AGENCY_NAMES = """reuters|associated press|ap|afp|agence france-presse|agence france presse|dpa|
    deutsche presse-agentur|cnn|fox news|fox|nbc|nbc news|abc|abc news|cbs|cbs news|bbc|msnbc|
    bloomberg|new york times|times|washington post|post|wall street journal|wsj|politico|
    usa today|npr|insider|business insider|the hill|axios|al jazeera|guardian|xinhua|tass|
    interfax|ria novosti|yonhap|kyodo|newsmax|cbn|buzzfeed|meet the press|face the nation|
    fox news sunday|state of the union"""


def norm_text(text: str) -> str:
    """Quote marks, dashes and spaces made plain, one character for one (offsets hold)."""
    return text.translate(_CHARS)


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_tokens(name: str) -> list[str]:
    """A name's words, lower case, without accents, possessives or punctuation."""
    text = _ascii(norm_text(name)).lower()
    text = re.sub(r"'s\b", " ", text)
    text = text.replace(".", "")
    return [t for t in re.split(r"[^a-z0-9]+", text) if t]


def _core(tokens: Sequence[str]) -> list[str]:
    return [t for t in tokens if t not in _TITLES and t not in _STOP]


def _acronym(tokens: Sequence[str]) -> str:
    return "".join(t[0] for t in tokens if t not in _STOP)


def same_person(system: str, gold: str) -> bool:
    """``system`` names the person ``gold`` names: the same surname (or the one name
    given), and no other word of the system's name contradicts the gold name (Robert
    Bergdahl is not Bowe Bergdahl)."""
    s, g = _core(name_tokens(system)), _core(name_tokens(gold))
    if not s or not g:
        return False
    if s == g:
        return True
    if len(s) == 1:
        return s[0] in g  # "Trump", or "Kim" for Kim Jong Un
    if s[-1] != g[-1]:
        return False
    if len(g) == 1:
        return True
    return any(t in g for t in s[:-1])


def same_body(system: str, gold: str, *, need_head: bool = True) -> bool:
    """``system`` names the organisation or document ``gold`` names: one's words hold the
    other's, keeping the head word (a ministry is not its country), or an acronym."""
    s = [t for t in name_tokens(system) if t not in _STOP]
    g = [t for t in name_tokens(gold) if t not in _STOP]
    if not s or not g:
        return False
    if set(s) == set(g):
        return True
    if len(s) == 1 and len(g) > 1 and s[0] == _acronym(g):
        return True
    if len(g) == 1 and len(s) > 1 and g[0] == _acronym(s):
        return True
    if set(s) <= set(g) or set(g) <= set(s):
        heads = [t for t in g if t not in _GENERIC] or g
        return not need_head or heads[-1] in s
    return False


def _head(tokens: Sequence[str]) -> str:
    word = tokens[-1] if tokens else ""
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def same_description(system: str, gold: str) -> bool:
    """Two descriptions of an unnamed speaker with the same head ("officials" and "one
    senior administration official")."""
    return _head(name_tokens(system)) == _head(name_tokens(gold)) != ""


def looks_like_description(text: str) -> bool:
    words = norm_text(text).split()
    if not words:
        return False
    return words[0].lower() in _DETERMINERS or words[0][:1].islower()


@dataclass(frozen=True, slots=True)
class GoldQuote:
    source: str
    quote: str
    speaker: str
    named: bool
    kind: str
    direct: bool
    occurrence: int = 0
    also_right: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldArticle:
    source: str
    outlet: str
    quotes: tuple[GoldQuote, ...]


class GoldError(MalformedInput):
    """A gold file line that can't be read; the message names the line and the fix."""


def read_gold(path: Path) -> list[GoldArticle]:
    """The articles of a gold file (see the module docstring)."""
    out: list[GoldArticle] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                source = str(row["source"])
                quotes = tuple(_gold_quote(source, q) for q in row["quotes"])
            except (KeyError, TypeError, json.JSONDecodeError) as exc:
                raise GoldError(
                    f"{path}:{n}: not a gold article ({exc!r}); each line needs 'source' "
                    "and 'quotes' with 'quote', 'speaker', 'named', 'speaker_kind', 'direct'"
                ) from exc
            out.append(GoldArticle(source, str(row.get("outlet") or ""), quotes))
    return out


def _gold_quote(source: str, q: dict[str, Any]) -> GoldQuote:
    kind = str(q["speaker_kind"])
    if kind not in KINDS:
        raise KeyError(f"speaker_kind {kind!r} is not one of {', '.join(KINDS)}")
    return GoldQuote(
        source=source,
        quote=str(q["quote"]),
        speaker=str(q["speaker"]),
        named=bool(q["named"]),
        kind=kind,
        direct=bool(q["direct"]),
        occurrence=int(q.get("occurrence", 0)),
        also_right=tuple(str(a) for a in q.get("also_right", ())),
    )


@dataclass(frozen=True, slots=True)
class SystemQuote:
    doc: str
    start: int
    end: int
    text: str
    direct: bool
    speaker_name: str | None  # the speaker entity's name
    speaker_type: str | None  # the speaker entity's type
    speaker_text: str | None

    @property
    def shown_speaker(self) -> str:
        return self.speaker_name or self.speaker_text or "-"


@dataclass(frozen=True, slots=True)
class ExportDoc:
    id: str
    sources: tuple[str, ...]
    outlet: str
    text: str


@dataclass(frozen=True, slots=True)
class Export:
    docs: tuple[ExportDoc, ...]
    quotes: tuple[SystemQuote, ...]

    def doc_for(self, source: str) -> ExportDoc | None:
        for d in self.docs:
            if source in d.sources:
                return d
        return None


def read_export(path: Path) -> Export:
    """The documents and quotes of a storyline JSON export."""
    data = json.loads(path.read_text(encoding="utf-8"))
    entities = {e["id"]: e for e in data.get("entities", [])}
    docs = tuple(
        ExportDoc(
            id=d["id"],
            sources=tuple(d.get("sources") or [d.get("source") or ""]),
            outlet=d.get("outlet") or "",
            text=d.get("text") or "",
        )
        for d in data.get("documents", [])
    )
    quotes: list[SystemQuote] = []
    for q in data.get("quotes", []):
        ent = entities.get(q.get("speaker") or "")
        quotes.append(
            SystemQuote(
                doc=q["doc"],
                start=int(q["start"]),
                end=int(q["end"]),
                text=q.get("text") or "",
                direct=bool(q.get("direct")),
                speaker_name=ent["name"] if ent else None,
                speaker_type=ent.get("type") if ent else None,
                speaker_text=q.get("speaker_text") or None,
            )
        )
    return Export(docs, tuple(quotes))


def locate(text: str, opening: str, occurrence: int = 0) -> tuple[int, int] | None:
    """Where the ``occurrence``-th copy of ``opening`` stands in ``text``."""
    hay, needle = norm_text(text), norm_text(opening)
    at = -1
    for _ in range(occurrence + 1):
        at = hay.find(needle, at + 1)
        if at < 0:
            return None
    return at, at + len(needle)


def covers(q: SystemQuote, span: tuple[int, int]) -> bool:
    a, b = span
    return min(q.end, b) - max(q.start, a) >= (b - a) / 2


def judge(gold: GoldQuote, q: SystemQuote, outlet: str) -> str | None:
    """None when the system's speaker of ``q`` is right for ``gold``, else the error kind."""
    name, text = q.speaker_name, q.speaker_text
    said = name or text
    if not gold.named:
        return _judge_unnamed(gold, q, outlet)
    if said and _names(said, gold):
        return None
    if not said:
        return "no speaker"
    if name is None:
        if _pronoun(said):
            return "pronoun not resolved"
        if looks_like_description(said):
            return "description instead of name"
        return "wrong name" if gold.kind == "person" else "wrong organisation"
    return _wrong_entity(gold, name, q.speaker_type or "", outlet)


def _judge_unnamed(gold: GoldQuote, q: SystemQuote, outlet: str) -> str | None:
    """An unnamed speaker ("a senior official") is right unless the system names someone
    else: no speaker, a description or a pronoun are right, and so is a group the
    description names ("Republicans" for "Republicans in the congressional leadership")."""
    name, text = q.speaker_name, q.speaker_text
    said = name or text
    if not said or _names(said, gold):
        return None
    described = set(name_tokens(gold.speaker))
    if name is None:
        if looks_like_description(said) or _pronoun(said):
            return None
        if set(name_tokens(said)) & described:
            return None
        if _is_agency(said, outlet):
            return "news agency for an unnamed speaker"
        return "named someone else for an unnamed speaker"
    etype = q.speaker_type or ""
    if etype in ("NORP", "ORG") and set(name_tokens(name)) <= described:
        return None
    if etype in ("GPE", "LOC"):
        return "country or place for an unnamed speaker"
    if _is_agency(name, outlet):
        return "news agency for an unnamed speaker"
    return "named someone else for an unnamed speaker"


def _is_agency(name: str, outlet: str) -> bool:
    tokens = " ".join(t for t in name_tokens(name) if t != "the")
    return tokens in _agencies() or (outlet != "" and same_body(name, outlet))


def _pronoun(text: str) -> bool:
    words = norm_text(text).split()
    return len(words) == 1 and words[0].lower() in _PRONOUNS


def _names(said: str, gold: GoldQuote) -> bool:
    """``said`` names the gold speaker, or one of the speakers also counted right."""
    if gold.kind == "person":
        first = same_person(said, gold.speaker)
    elif gold.kind == "anonymous":
        first = same_description(said, gold.speaker)
    else:
        first = same_body(said, gold.speaker, need_head=gold.kind == "organisation")
    return first or any(
        same_person(said, alt) or same_body(said, alt) or same_description(said, alt)
        for alt in gold.also_right
    )


@cache
def _agencies() -> frozenset[str]:
    return frozenset(" ".join(name_tokens(a)) for a in _AGENCY_NAMES.split("|"))


def _wrong_entity(gold: GoldQuote, name: str, etype: str, outlet: str) -> str:
    agency = _is_agency(name, outlet)
    if etype == "PERSON":
        return "wrong person" if gold.kind == "person" else "person instead of organisation"
    if etype in ("GPE", "NORP", "LOC"):
        return "country or place instead of speaker"
    if etype == "ORG":
        if agency:
            return "news agency instead of speaker"
        return "organisation instead of person" if gold.kind == "person" else "wrong organisation"
    return f"wrong entity ({etype or 'no type'})"


@dataclass(slots=True)
class Matched:
    gold: GoldQuote
    system: SystemQuote | None
    error: str | None = None  # None with a system quote: the speaker is right


@dataclass(slots=True)
class Score:
    matched: list[Matched] = field(default_factory=list)
    unmatched_system: list[SystemQuote] = field(default_factory=list)
    system_total: int = 0
    missing_docs: list[str] = field(default_factory=list)

    def count(self, *, direct: bool | None = None, found: bool | None = None) -> int:
        return sum(
            1
            for m in self.matched
            if (direct is None or m.gold.direct == direct)
            and (found is None or (m.system is not None) == found)
        )

    def right(self, kind: str | None = None) -> int:
        return sum(
            1
            for m in self.matched
            if m.system is not None and m.error is None and kind in (None, m.gold.kind)
        )

    def errors(self) -> Counter[str]:
        return Counter(m.error for m in self.matched if m.system is not None and m.error)

    def numbers(self) -> dict[str, Any]:
        gold = len(self.matched)
        found = self.count(found=True)
        right = self.right()
        sys_matched = self.system_total - len(self.unmatched_system)
        by_kind = {}
        for kind in KINDS:
            k_gold = sum(1 for m in self.matched if m.gold.kind == kind)
            k_found = sum(1 for m in self.matched if m.gold.kind == kind and m.system)
            by_kind[kind] = {"gold": k_gold, "found": k_found, "right": self.right(kind)}
        return {
            "gold_quotes": gold,
            "gold_direct": self.count(direct=True),
            "found": found,
            "recall": _ratio(found, gold),
            "direct_recall": _ratio(self.count(direct=True, found=True), self.count(direct=True)),
            "reported_recall": _ratio(
                self.count(direct=False, found=True), self.count(direct=False)
            ),
            "system_quotes": self.system_total,
            "precision": _ratio(sys_matched, self.system_total),
            "speaker_right": right,
            "speaker_accuracy": _ratio(right, found),
            "right_speaker_share": _ratio(right, gold),
            "errors": dict(self.errors().most_common()),
            "by_speaker_kind": by_kind,
            "missing_documents": self.missing_docs,
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def score(gold: Iterable[GoldArticle], export: Export) -> Score:
    """Each gold quote matched to the tightest system quote covering its opening."""
    result = Score()
    by_doc: dict[str, list[SystemQuote]] = {}
    for q in export.quotes:
        by_doc.setdefault(q.doc, []).append(q)
    for art in gold:
        doc = export.doc_for(art.source)
        if doc is None:
            result.missing_docs.append(art.source)
            result.matched.extend(Matched(g, None) for g in art.quotes)
            continue
        quotes = sorted(by_doc.get(doc.id, []), key=lambda q: (q.start, q.end))
        result.system_total += len(quotes)
        used: set[int] = set()
        for g in art.quotes:
            span = locate(doc.text, g.quote, g.occurrence)
            if span is not None:
                hits = [i for i, q in enumerate(quotes) if covers(q, span)]
            else:
                needle = norm_text(g.quote)
                hits = [i for i, q in enumerate(quotes) if needle in norm_text(q.text)]
            if not hits:
                result.matched.append(Matched(g, None))
                continue
            best = min(hits, key=lambda i: (quotes[i].end - quotes[i].start, quotes[i].start))
            used.update(hits)
            result.matched.append(Matched(g, quotes[best], judge(g, quotes[best], art.outlet)))
        result.unmatched_system.extend(q for i, q in enumerate(quotes) if i not in used)
    return result


def _short(text: str, n: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def report(result: Score, out: TextIO, *, misses: bool, sample: int = 15) -> None:
    n = result.numbers()
    print(
        f"gold quotes {n['gold_quotes']} ({n['gold_direct']} direct) in "
        f"{len({m.gold.source for m in result.matched})} articles; "
        f"system quotes in those documents {n['system_quotes']}",
        file=out,
    )
    if result.missing_docs:
        print(f"documents not in the export: {', '.join(result.missing_docs)}", file=out)
    print(
        f"quote recall        {n['recall']:.1%}  ({n['found']}/{n['gold_quotes']}; direct "
        f"{n['direct_recall']:.1%}, reported {n['reported_recall']:.1%})",
        file=out,
    )
    print(
        f"quote precision     {n['precision']:.1%}  "
        f"({n['system_quotes'] - len(result.unmatched_system)}/{n['system_quotes']} system "
        "quotes match a gold quote)",
        file=out,
    )
    print(
        f"speaker accuracy    {n['speaker_accuracy']:.1%}  ({n['speaker_right']}/{n['found']} "
        "matched gold quotes)",
        file=out,
    )
    print(
        f"right speaker share {n['right_speaker_share']:.1%}  ({n['speaker_right']}/"
        f"{n['gold_quotes']} gold quotes found with the right speaker; goal 90%)",
        file=out,
    )
    print("by speaker kind (gold / found / right speaker):", file=out)
    for kind, k in n["by_speaker_kind"].items():
        print(f"  {kind:<13}{k['gold']:>4} /{k['found']:>4} /{k['right']:>4}", file=out)
    not_found = n["gold_quotes"] - n["found"]
    print(f"errors ({not_found + sum(n['errors'].values())}):", file=out)
    print(f"  {not_found:>4}  quote not found", file=out)
    for kind, count in n["errors"].items():
        print(f"  {count:>4}  {kind}", file=out)
    unmatched = result.unmatched_system
    picked = (
        unmatched if misses else random.Random(7).sample(unmatched, min(sample, len(unmatched)))
    )
    if picked:
        what = "all" if misses else f"a sample of {len(picked)}"
        print(f"\nsystem quotes matching no gold quote ({what}):", file=out)
        for q in sorted(picked, key=lambda q: (q.doc, q.start)):
            print(f"  {q.doc} [{q.shown_speaker}] {_short(q.text)!r}", file=out)
    if not misses:
        return
    print("\ngold quotes not found:", file=out)
    for m in result.matched:
        if m.system is None:
            print(f"  {m.gold.source} [{m.gold.speaker}] {m.gold.quote!r}", file=out)
    print("\nwrong speakers (gold -> system):", file=out)
    for m in result.matched:
        if m.system is not None and m.error:
            print(
                f"  {m.gold.source} {m.error}: [{m.gold.speaker}] -> "
                f"[{m.system.shown_speaker}] {m.gold.quote!r}",
                file=out,
            )


def pick(gold: Iterable[GoldArticle], corpus: Path, out: Path) -> int:
    """Write the lines of ``corpus`` whose ``source`` is a gold article to ``out``, in
    the gold's order; the number written."""
    wanted = [a.source for a in gold]
    found: dict[str, str] = {}
    opener = gzip.open if corpus.name.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                source = json.loads(line).get("source")
                if source in wanted and source not in found:
                    found[source] = line if line.endswith("\n") else line + "\n"
    out.write_text("".join(found[s] for s in wanted if s in found), encoding="utf-8")
    return len(found)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m storyline.evaluation.allsides_quotes",
        description=(__doc__ or "").split("\n")[0],
    )
    ap.add_argument(
        "export", type=Path, nargs="?", help="storyline's JSON export of the gold articles"
    )
    ap.add_argument("--gold", type=Path, required=True, help="the gold quotes (JSON lines)")
    ap.add_argument("--misses", action="store_true", help="list every miss and wrong speaker")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    ap.add_argument("--pick-from", type=Path, help="write the gold articles of this JSONL input")
    ap.add_argument("--out", type=Path, help="where --pick-from writes them")
    args = ap.parse_args(argv)
    needed = [(args.gold, "gold file")]
    if args.pick_from is not None:
        needed.append((args.pick_from, "corpus"))
        if args.out is None:
            print("error: --pick-from needs --out FILE to write to", file=sys.stderr)
            return 2
    else:
        needed.append((args.export, "export"))
    for path, what in needed:
        if path is None or not path.is_file():
            print(f"error: no {what} at {path}; give an existing file", file=sys.stderr)
            return 2
    try:
        gold = read_gold(args.gold)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.pick_from is not None:
        n = pick(gold, args.pick_from, args.out)
        print(f"wrote {n} of the {len(gold)} gold articles to {args.out}")
        return 0 if n == len(gold) else 1
    try:
        export = read_export(args.export)
    except (KeyError, TypeError, ValueError) as exc:
        print(
            f"error: {args.export} is not a storyline JSON export ({exc!r}); write one with "
            "`storyline export --format json`",
            file=sys.stderr,
        )
        return 2
    result = score(gold, export)
    if args.json:
        print(json.dumps(result.numbers(), indent=2))
    else:
        report(result, sys.stdout, misses=args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
