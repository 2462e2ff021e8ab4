"""The store: atomic per-document commits, stable rows, read-only readers."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

import pytest

from storyline.clock import FixedClock
from storyline.document import (
    Analysis,
    DateClaim,
    Document,
    Entity,
    Mention,
    Metadata,
    Sentence,
    Skipped,
    document_id,
    mention_id,
)
from storyline.errors import StoreError
from storyline.store import StoreReader, StoreWriter
from storyline.store.schema import SCHEMA_VERSION

CLOCK = FixedClock(datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))
TEXT = "Lavrov met Wang Yi in Beijing. They talked about trade."


def make_analysis(text: str = TEXT, source: str = "a.txt") -> Analysis:
    meta = Metadata(
        title="Talks",
        outlet="Eastern Wire",
        outlet_origin="given",
        authors=("A. Writer",),
        published="2022-02-03",
        published_origin="given",
        dates=(DateClaim("2022-02-03", "given", "2022-02-03"),),
        language="en",
    )
    doc = Document(document_id(text), source, text, meta)
    layers = MappingProxyType(
        {
            "sentences": (Sentence(0, 30), Sentence(31, len(text))),
            "mentions": (
                Mention(0, 6, "Lavrov", "PERSON", "Lavrov"),
                Mention(11, 18, "Wang Yi", "PERSON", "Wang Yi", kb_id="Q17427"),
                Mention(22, 29, "Beijing", "GPE", "Beijing"),
            ),
        }
    )
    return Analysis(doc, layers, pipeline="sentences@1,entities@1")


def test_document_round_trips(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    analysis = make_analysis()
    with StoreWriter(db, CLOCK) as store:
        store.write_analysis(analysis)
    with StoreReader(db) as reader:
        (stored,) = reader.documents()
        assert stored.document == analysis.document
        assert stored.status == "analysed"
        assert stored.sources == ("a.txt",)
        assert reader.sentences(analysis.document.id) == [Sentence(0, 30), Sentence(31, 55)]
        counts = reader.counts()
    assert counts["mentions"] == 3
    assert counts["sentences"] == 2


def test_rewriting_a_document_replaces_its_annotations_and_keeps_sources(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    analysis = make_analysis()
    with StoreWriter(db, CLOCK) as store:
        store.write_analysis(analysis)
        store.add_source(analysis.document.id, "b.html")
        store.write_analysis(analysis)
    with StoreReader(db) as reader:
        (stored,) = reader.documents()
        assert stored.sources == ("a.txt", "b.html")
        assert reader.counts()["mentions"] == 3
        assert reader.counts()["sentences"] == 2


def test_failed_write_leaves_nothing_half_written(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    good = make_analysis()
    broken = make_analysis("Another article entirely.", "c.txt")
    # a sentence object that is not a Sentence makes the write fail after the document row
    broken = broken.with_layers({"sentences": (object(),)})
    with StoreWriter(db, CLOCK) as store:
        store.write_analysis(good)
        with pytest.raises(AttributeError):
            store.write_analysis(broken)
    with StoreReader(db) as reader:
        assert [d.document.id for d in reader.documents()] == [good.document.id]
        assert reader.counts()["sentences"] == 2


def test_batched_writes_commit_in_groups_and_keep_completed_ones_on_interrupt(
    tmp_path: Path,
) -> None:
    db = tmp_path / "s.db"
    texts = [f"Envoy number {n} met the trade minister in Hanoi on Monday." for n in range(5)]
    analyses = [make_analysis(t, f"{n}.txt") for n, t in enumerate(texts)]
    broken = make_analysis("An article that fails half way.", "x.txt")
    broken = broken.with_layers({"sentences": (object(),)})

    def visible() -> int:
        with StoreReader(db) as reader:
            return reader.counts()["documents"]

    with StoreWriter(db, CLOCK) as store:
        with pytest.raises(KeyboardInterrupt), store.batched(documents=2, seconds=3600):
            store.write_analysis(analyses[0])
            assert visible() == 0  # not committed yet: the group holds one write
            store.write_analysis(analyses[1])
            assert visible() == 2  # the second write completed the group
            store.write_analysis(analyses[2])
            with pytest.raises(AttributeError):  # a failed write rolls back alone
                store.write_analysis(broken)
            store.write_analysis(analyses[3])
            raise KeyboardInterrupt  # leaving the batch commits what was completed
        assert not store.conn.in_transaction
        store.write_analysis(analyses[4])  # unbatched again: committed at once
    with StoreReader(db) as reader:
        stored = {d.document.source for d in reader.documents()}
        assert stored == {"0.txt", "1.txt", "2.txt", "3.txt", "4.txt"}
        assert reader.counts()["sentences"] == 10


def test_entities_are_replaced_atomically(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    analysis = make_analysis()
    doc_id = analysis.document.id
    with StoreWriter(db, CLOCK) as store:
        store.write_analysis(analysis)
        mentions = list(store.iter_mentions())
        assert [m.mention.text for m in mentions] == ["Lavrov", "Wang Yi", "Beijing"]
        entity = Entity(
            "e_1", "Wang Yi", "PERSON", "Q17427", ("Wang",), (mention_id(doc_id, 11, 18),)
        )
        store.replace_entities([entity])
        store.replace_entities([entity])
    with StoreReader(db) as reader:
        (exported,) = reader.entities()
    assert exported["name"] == "Wang Yi"
    assert exported["aliases"] == ["Wang"]
    assert exported["mentions"] == [{"doc": doc_id, "start": 11, "end": 18, "text": "Wang Yi"}]


def test_full_text_search_over_sentences(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with StoreWriter(db, CLOCK) as store:
        store.write_analysis(make_analysis())
    with StoreReader(db) as reader:
        hits = reader.search_sentences("trade")
    assert [h[3] for h in hits] == ["They talked about trade."]


def test_skipped_inputs_are_kept_with_reasons(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with StoreWriter(db, CLOCK) as store:
        store.record_skipped(Skipped("x.bin", "binary file; convert it"))
        store.record_skipped(Skipped("x.bin", "binary file; convert it"))
    with StoreReader(db) as reader:
        assert reader.skipped() == [Skipped("x.bin", "binary file; convert it")]


def test_reader_is_read_only_and_needs_an_existing_file(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with pytest.raises(StoreError, match="no such database"):
        StoreReader(db)
    with StoreWriter(db, CLOCK):
        pass
    with StoreReader(db) as reader, pytest.raises(sqlite3.OperationalError):
        reader.conn.execute("DELETE FROM documents")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with StoreWriter(db, CLOCK):
        pass
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        StoreWriter(db, CLOCK)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot"):
        StoreWriter(db, CLOCK)
