"""Boilerplate: sentences a site repeats on every page, which are not news.

A newsletter prompt, a share line, "Read more at …", a donation appeal or a site's
standing disclaimer is the same sentence on many pages whose stories have nothing to do
with each other. Word for word it looks like the best-corroborated sentence of all, so it
must be found before anything counts sources.

A sentence is boilerplate when its text (case, spacing, punctuation and digits folded;
or the same with names masked, for a template that names a different photographer on
every page) is in documents of at least :data:`MIN_REPORTS` different independent
reports (copies of one article do not count: a wire story run by ten outlets repeats all
its sentences), and
those documents are otherwise unrelated: the mean similarity of their words and headlines,
the repeated sentences left out, is below :data:`RELATED`. A quotation many reporters of one story
repeat verbatim is in documents about the same thing, and stays.

The same test finds a site's label at the top of its pages ("Story highlights",
"Enlarge this image"): the first two words of one of a page's first :data:`LEADS`
sentences, when they start at least :data:`LABEL_SHARE` of the outlet's pages and are
repeated the same way (:func:`lead`); the sentence is kept without them. And a widget
inside sentences (a site that follows every name with a list of headlines): a run of
:data:`RUN` words repeated the same way (:func:`runs`); a sentence holding one is left
out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations

from storyline.story_views.text import content_terms, cosine, norm

MIN_REPORTS = 3  # reports a sentence must be repeated in to be considered
RELATED = 0.12  # mean word similarity of their documents below which it is boilerplate
SAMPLE = 24  # documents compared per repeated sentence (the first by id)
LEADS = 3  # sentences at the top of a page whose first words may be a site's label …
LABEL_SHARE = 0.25  # … when they start at least this share of the outlet's pages
RUN = 12  # words in a row that, repeated on unrelated pages, are a widget inside sentences
MIN_WORDS = 4

_FOLD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


_NAME = re.compile(r"(?<=\w)(\W+)[A-Z][\w'’-]*")
_NAMES = re.compile(r"\bn(?: n\b)+")  # a run of masked names is one


def sentence_key(text: str) -> str:
    """The form in which two sentences count as the same text."""
    return " ".join(_FOLD.sub(" ", _DIGITS.sub("0", text.casefold())).split())


def template_key(text: str) -> str:
    """The same with every capitalised word but the first masked: a widget that names a
    different photographer or author on every page ("Enlarge this image toggle caption
    Jane Doe") is one template."""
    return _NAMES.sub("n", sentence_key(_NAME.sub(r"\1N", text)))


def keys(text: str) -> tuple[str, str]:
    """The keys under which a sentence can be boilerplate."""
    return sentence_key(text), "template:" + template_key(text)


_LEAD = re.compile(r"\W*(\w+)\W+(\w+)[^\w\"“‘']*")


def lead(text: str) -> tuple[str, int] | None:
    """The key of a page-top sentence's first two words ("Story highlights …", "Enlarge
    this image …") and where the rest of it starts; None for a short sentence."""
    m = _LEAD.match(text)
    if m is None or len(text[m.end() :].split()) < MIN_WORDS:
        return None
    return f"lead:{m.group(1).casefold()} {m.group(2).casefold()}", m.end()


_RUN_WORD = re.compile(r"\w+")


def runs(text: str) -> list[str]:
    """Every run of :data:`RUN` words of a sentence (folded), to find a widget inside it."""
    w = _RUN_WORD.findall(text.casefold())
    return ["run:" + " ".join(w[k : k + RUN]) for k in range(len(w) - RUN + 1)]


def _labels(
    pieces: Mapping[str, Sequence[str]], outlets: Mapping[str, str | None]
) -> dict[str, list[str]]:
    """doc → the label keys at the top of its page that start at least :data:`LABEL_SHARE`
    of its outlet's pages."""
    per_doc = {
        doc: list(dict.fromkeys(x[0] for text in texts[:LEADS] if (x := lead(text))))
        for doc, texts in pieces.items()
    }
    size: Counter[str] = Counter()
    uses: Counter[tuple[str, str]] = Counter()
    for doc, found in per_doc.items():
        outlet = outlets.get(doc) or doc
        size[outlet] += 1
        for key in found:
            uses[(outlet, key)] += 1
    return {
        doc: [
            k
            for k in found
            if uses[(outlets.get(doc) or doc, k)]
            >= max(MIN_REPORTS, LABEL_SHARE * size[outlets.get(doc) or doc])
        ]
        for doc, found in per_doc.items()
    }


def boilerplate(
    pieces: Mapping[str, Sequence[str]],
    report: Mapping[str, str],
    titles: Mapping[str, str | None] | None = None,
    outlets: Mapping[str, str | None] | None = None,
) -> frozenset[str]:
    """The keys (:func:`keys`, :func:`lead`, :func:`runs`) of the boilerplate among the
    documents' sentence pieces (doc id → the texts of its pieces); ``report`` maps a
    document to its independent report (a document missing there is a report of its own);
    ``titles`` (doc id → headline) count among the words that say what a document is
    about; ``outlets`` (doc id → outlet) say which pages are one site's."""
    # runs of words: counted by hash first (there are many), kept when repeated enough
    seen: Counter[int] = Counter()
    for texts in pieces.values():
        seen.update({hash(r) for text in texts for r in runs(text)})
    labels = _labels(pieces, outlets or {})
    reports_of: dict[str, set[str]] = {}
    docs_of: dict[str, set[str]] = {}
    for doc, texts in pieces.items():
        found = [k for text in texts for k in keys(text) if len(k.split()) >= MIN_WORDS]
        found += labels[doc]
        found += [r for text in texts for r in runs(text) if seen[hash(r)] >= MIN_REPORTS]
        for key in found:
            reports_of.setdefault(key, set()).add(report.get(doc, doc))
            docs_of.setdefault(key, set()).add(doc)
    repeated = {k for k, rs in reports_of.items() if len(rs) >= 2}
    candidates = {k for k in repeated if len(reports_of[k]) >= MIN_REPORTS}
    if not candidates:
        return frozenset()
    involved = {d for k in candidates for d in docs_of[k]}
    vectors = _doc_vectors(pieces, repeated, involved, titles or {})
    out = set()
    judged: dict[frozenset[str], bool] = {}  # the runs of one widget share their documents
    for key in candidates:
        group = frozenset(docs_of[key])
        if group not in judged:
            one_per_report: dict[str, str] = {}
            for doc in sorted(group):
                one_per_report.setdefault(report.get(doc, doc), doc)
            docs = sorted(one_per_report.values())[:SAMPLE]
            judged[group] = _mean_similarity([vectors[d] for d in docs]) < RELATED
        if judged[group]:
            out.add(key)
    return frozenset(out)


def _doc_vectors(
    pieces: Mapping[str, Sequence[str]],
    repeated: set[str],
    wanted: Iterable[str],
    titles: Mapping[str, str | None],
) -> dict[str, dict[str, float]]:
    """tf-idf vectors of the wanted documents' words and headlines, repeated sentences left
    out (the idf is taken over every document)."""
    terms: dict[str, list[str]] = {}
    df: dict[str, int] = {}
    for doc, texts in pieces.items():
        words = content_terms(titles.get(doc) or "") + [
            t for text in texts if sentence_key(text) not in repeated for t in content_terms(text)
        ]
        terms[doc] = words
        for t in set(words):
            df[t] = df.get(t, 0) + 1
    n = len(pieces)
    out = {}
    for doc in wanted:
        counts: dict[str, int] = {}
        for t in terms.get(doc, []):
            counts[t] = counts.get(t, 0) + 1
        out[doc] = {
            t: (1.0 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1.0)
            for t, c in counts.items()
        }
    return out


def _mean_similarity(vectors: Sequence[dict[str, float]]) -> float:
    norms = [norm(v) for v in vectors]
    pairs = list(combinations(range(len(vectors)), 2))
    if not pairs:
        return 1.0
    total = sum(cosine(vectors[i], vectors[j], norms[i], norms[j]) for i, j in pairs)
    return total / len(pairs)
