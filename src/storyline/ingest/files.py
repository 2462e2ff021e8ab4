"""Files and folders as inputs: walking, reading with a size cap, decoding, dispatching by type."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from storyline.document import InputFormat, RawArticle, Skipped
from storyline.errors import InputError, UnreadableInput
from storyline.ingest.encoding import MAX_BYTES, declared_html_charset, decode_text, size_reason

__all__ = ["FORMATS", "JSONL_SUFFIXES", "iter_path", "read_bytes", "read_file", "read_text"]

FORMATS: dict[str, InputFormat] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

# Files that describe a folder rather than hold an article; skipped when walking folders.
_PROJECT_FILE = re.compile(
    r"^(?:readme|license|licence|changelog|changes|contributing|authors|notice)(?:\.\w+)?$",
    re.IGNORECASE,
)

EMPTY = "empty file; nothing to analyse — remove it or add the article text"
MISSING = "no such file or folder; check the path"


def _why(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def _os_reason(exc: OSError) -> str:
    return f"cannot read it ({_why(exc)}); check that it exists and you may read it"


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a file, refusing empty files and files above ``limit`` before reading."""
    try:
        size = path.stat().st_size
        if size == 0:
            raise UnreadableInput(EMPTY)
        if size > limit:
            raise UnreadableInput(size_reason(size, limit))
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise UnreadableInput(_os_reason(exc)) from None
    if len(data) > limit:  # it grew while we looked
        raise UnreadableInput(size_reason(len(data), limit))
    if not data:
        raise UnreadableInput(EMPTY)
    return data


def read_text(path: Path, *, html: bool = False, limit: int = MAX_BYTES) -> str:
    """The decoded text of a file (see :func:`storyline.ingest.encoding.decode_text`)."""
    data = read_bytes(path, limit)
    text = decode_text(data, declared_html_charset(data) if html else None)
    if not text.strip():
        raise UnreadableInput("empty file (only whitespace); remove it or add the article text")
    return text


def read_file(path: Path) -> Iterator[RawArticle | Skipped]:
    """One file as articles: a text or HTML article, or every line of a JSONL file."""
    source = str(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        from storyline.ingest.jsonl import iter_jsonl

        yield from iter_jsonl(path)
        return
    fmt = FORMATS.get(suffix)
    if fmt is None:
        kind = f"type {suffix}" if suffix else "type (no extension)"
        yield Skipped(
            source,
            f"unsupported file {kind}; convert it to .txt or .html, "
            "or put articles in a .jsonl file",
        )
        return
    try:
        text = read_text(path, html=fmt == "html")
    except InputError as exc:
        yield Skipped(source, str(exc))
        return
    yield RawArticle(source=source, content=text, format=fmt)


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[Path | Skipped]:
    """Files under ``folder``, sorted by name, depth first; hidden files and folders skipped."""
    try:
        st = folder.stat()
        key = (st.st_dev, st.st_ino)
        if key in seen:
            return  # a symlink loop
        seen.add(key)
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield Skipped(
            str(folder), f"cannot open the folder ({_why(exc)}); check that you may read it"
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_file() and _PROJECT_FILE.match(entry.name):
            yield Skipped(
                str(entry),
                "a project file (README, LICENSE…), not an article; "
                "name it on its own to analyse it anyway",
            )
            continue
        if entry.is_dir():
            yield from _walk(entry, seen)
        elif entry.is_file():
            yield entry


def iter_path(path: str) -> Iterator[RawArticle | Skipped]:
    """A file or folder path as articles; anything that cannot be read becomes Skipped."""
    p = Path(os.path.expanduser(path))
    if not p.exists():
        yield Skipped(path, MISSING)
        return
    if p.is_dir():
        for item in _walk(p, set()):
            if isinstance(item, Skipped):
                yield item
            else:
                yield from read_file(item)
        return
    yield from read_file(p)
