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


# ------------------------------------------------------------- read side: counting sources

# what a figure group, an event and a position are made of, and the document of each part
_PARTS = {
    "figure_groups": ("figure_group_members", "group_id", "figures", "figure_id"),
    "events": ("event_links", "event_id", "event_mentions", "event_mention_id"),
    "positions": ("position_stances", "position_id", "stances", "stance_id"),
}

REPORT_OF = "coalesce(rd.report_id, d.id)"
"""SQL for the report a document ``d`` belongs to (itself while reports are not yet built);
join ``LEFT JOIN report_documents rd ON rd.doc_id = d.id``."""


def source_counts(
    conn: sqlite3.Connection, kind: str, ids: Sequence[str] | None = None
) -> dict[str, tuple[int, int]]:
    """id → (independent reports, documents) that state each figure group, event or
    position (``kind``: a key of :data:`_PARTS`); every one when ``ids`` is None."""
    members, key, table, part = _PARTS[kind]
    sql = (
        f"SELECT m.{key}, count(DISTINCT coalesce(rd.report_id, x.doc_id)), "
        f"count(DISTINCT x.doc_id) FROM {members} m JOIN {table} x ON x.id = m.{part} "
        "LEFT JOIN report_documents rd ON rd.doc_id = x.doc_id"
    )
    if ids is None:
        return {r[0]: (r[1], r[2]) for r in conn.execute(f"{sql} GROUP BY m.{key}")}
    out: dict[str, tuple[int, int]] = {}
    wanted = sorted(set(ids))
    for at in range(0, len(wanted), 500):
        chunk = wanted[at : at + 500]
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(f"{sql} WHERE m.{key} IN ({marks}) GROUP BY m.{key}", chunk):
            out[r[0]] = (r[1], r[2])
    return out


def source_count_rows(conn: sqlite3.Connection) -> Iterator[tuple[str, str, int, int]]:
    """(kind, id, independent reports, documents) of every figure group, event and
    position: the ``source_counts`` table of the csv and parquet exports."""
    for kind in ("events", "figure_groups", "positions"):
        for ident, (sources, copies) in sorted(source_counts(conn, kind).items()):
            yield kind, ident, sources, copies


def report_export(conn: sqlite3.Connection) -> list[dict[str, object]]:
    """Every report, export-shaped: id, origin, its evidence, documents (lead first), the
    outlets that carry it and how many copies (documents) it has."""
    sql = "SELECT id, outlet FROM documents WHERE outlet IS NOT NULL"
    outlets = {r[0]: r[1] for r in conn.execute(sql)}
    out: list[dict[str, object]] = []
    for report in reports(conn):
        names = [outlets[d] for d in report.documents if d in outlets]
        out.append(
            {
                "id": report.id,
                "origin": report.origin,
                "origin_evidence": report.origin_evidence,
                "documents": list(report.documents),
                "outlets": sorted(set(names)),
                "copies": report.copies,
            }
        )
    return out


def document_reports(conn: sqlite3.Connection) -> dict[str, tuple[str, float]]:
    """doc id → (report id, resemblance to the report's lead copy)."""
    return {
        r[0]: (r[1], float(r[2]))
        for r in conn.execute("SELECT doc_id, report_id, similarity FROM report_documents")
    }


def document_report(conn: sqlite3.Connection, doc_id: str) -> dict[str, object] | None:
    """The report a document belongs to: id, origin and its evidence, how many copies, and
    every copy (doc, title, outlet, published, url, similarity to the lead, whether it is
    the lead), lead first. None when reports are not built for it."""
    row = conn.execute(
        "SELECT p.id, p.lead, p.origin, p.origin_evidence, p.copies FROM report_documents rd "
        "JOIN reports p ON p.id = rd.report_id WHERE rd.doc_id = ?",
        (doc_id,),
    ).fetchone()
    if row is None:
        return None
    copies = [
        {
            "doc": r[0],
            "title": r[1],
            "outlet": r[2],
            "published": r[3],
            "url": r[4],
            "similarity": float(r[5]),
            "lead": r[0] == row[1],
        }
        for r in conn.execute(
            "SELECT d.id, d.title, d.outlet, d.published, d.url, rd.similarity "
            "FROM report_documents rd JOIN documents d ON d.id = rd.doc_id "
            "WHERE rd.report_id = ? ORDER BY d.id != ?, d.published IS NULL, d.published, d.id",
            (row[0], row[1]),
        )
    ]
    return {
        "id": row[0],
        "lead": row[1],
        "origin": row[2],
        "origin_evidence": row[3],
        "copies": row[4],
        "documents": copies,
    }
