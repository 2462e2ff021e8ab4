"""SQL of independent reports: per-document fingerprints and the reports built from them.

See :mod:`storyline.resolve.copies` for what a fingerprint and a report are.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence

from storyline.document import Fingerprint, Report

CHUNK = 256  # documents read at a time when fingerprints are missing


MakeFingerprint = Callable[[str, str | None, Sequence[str]], Fingerprint]


def add_missing_fingerprints(conn: sqlite3.Connection, make: MakeFingerprint, size: int) -> int:
    """Fingerprint every analysed document that has none yet, or one of another layout than
    ``size`` bytes of signature (made by an older storyline); how many were made.

    Only those documents are read, so a run over a large database reads new texts alone.
    ``make`` gets each document's text, outlet and authors.
    """
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT d.id FROM documents d LEFT JOIN document_signatures s ON s.doc_id = d.id "
            "WHERE d.status = 'analysed' AND (s.doc_id IS NULL OR length(s.signature) != ?) "
            "ORDER BY d.id",
            (size,),
        )
    ]
    for at in range(0, len(ids), CHUNK):
        chunk = ids[at : at + CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT id, text, outlet, authors FROM documents WHERE id IN ({marks})", chunk
        ).fetchall()
        prints = [(r[0], make(r[1], r[2], json.loads(r[3] or "[]"))) for r in rows]
        conn.executemany(
            "INSERT OR REPLACE INTO document_signatures(doc_id, shingles, signature, credit, "
            "credit_evidence) VALUES (?,?,?,?,?)",
            [(d, f.shingles, f.signature, f.credit, f.credit_evidence) for d, f in prints],
        )
    return len(ids)


def iter_fingerprints(
    conn: sqlite3.Connection,
) -> Iterator[tuple[str, str | None, str | None, Fingerprint]]:
    """(doc id, publication date, outlet, fingerprint) of every analysed document."""
    for r in conn.execute(
        "SELECT d.id, coalesce(d.published, d.inferred_date), d.outlet, s.shingles, "
        "s.signature, s.credit, s.credit_evidence FROM documents d "
        "JOIN document_signatures s ON s.doc_id = d.id WHERE d.status = 'analysed' "
        "ORDER BY d.id"
    ):
        yield r[0], r[1], r[2], Fingerprint(r[3], bytes(r[4]), r[5], r[6])


def replace_reports(
    conn: sqlite3.Connection, reports: Sequence[Report], similarity: Mapping[str, float]
) -> None:
    conn.execute("DELETE FROM report_documents")
    conn.execute("DELETE FROM reports")
    conn.executemany(
        "INSERT INTO reports(id, lead, origin, origin_evidence, copies) VALUES (?,?,?,?,?)",
        [(r.id, r.documents[0], r.origin, r.origin_evidence, r.copies) for r in reports],
    )
    conn.executemany(
        "INSERT INTO report_documents(doc_id, report_id, similarity) VALUES (?,?,?)",
        [(d, r.id, round(similarity.get(d, 1.0), 4)) for r in reports for d in r.documents],
    )


def report_map(conn: sqlite3.Connection) -> dict[str, str]:
    """doc id → the id of the report it is a copy of (every analysed document has one)."""
    return {r[0]: r[1] for r in conn.execute("SELECT doc_id, report_id FROM report_documents")}


def reports(conn: sqlite3.Connection) -> list[Report]:
    """Every report, its lead copy first and then the other copies by publication date."""
    members: dict[str, list[str]] = {}
    for r in conn.execute(
        "SELECT rd.report_id, rd.doc_id FROM report_documents rd "
        "JOIN documents d ON d.id = rd.doc_id JOIN reports p ON p.id = rd.report_id "
        "ORDER BY rd.report_id, rd.doc_id != p.lead, "
        "coalesce(d.published, d.inferred_date) IS NULL, "
        "coalesce(d.published, d.inferred_date), d.id"
    ):
        members.setdefault(r[0], []).append(r[1])
    return [
        Report(r[0], tuple(members.get(r[0], [r[1]])), r[2], r[3])
        for r in conn.execute("SELECT id, lead, origin, origin_evidence FROM reports ORDER BY id")
    ]
