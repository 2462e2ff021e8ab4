"""JSONL inputs: one article per line, as a JSON object with ``text`` or ``html``.

Optional fields: ``source`` (where the article came from; default ``path:LINE``),
``url``, ``title``, ``published``, ``outlet``, ``authors`` (a list of names or one
comma-separated string). Given metadata wins over anything found in the content.
``clean`` (``full``, ``light`` or ``none``) says how to clean the line's text; a ``text``
is taken as already extracted (``light``: only unmistakable chrome goes) and ``html`` as
a scraped page (``full``) unless the line says otherwise.
Blank lines are ignored; a bad line is skipped with its line number, the rest are read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from storyline.document import CLEAN_MODES, CleanMode, RawArticle, Skipped
from storyline.errors import InputError, MalformedInput, UnreadableInput
from storyline.ingest.encoding import MAX_BYTES, bom_encoding, human_size, looks_binary

__all__ = ["article_from_object", "iter_jsonl", "parse_authors"]

_AUTHOR_SPLIT = re.compile(r"\s*[,;]\s*|\s+and\s+|\s*&\s*")


def parse_authors(value: object, line: int) -> tuple[str, ...]:
    """``authors`` as a tuple of names: a list of strings or one comma-separated string."""
    if value is None:
        return ()
    if isinstance(value, str):
        items: list[object] = list(_AUTHOR_SPLIT.split(value))
    elif isinstance(value, list):
        items = list(value)
    else:
        raise MalformedInput(
            f"line {line}: 'authors' must be a list of names or a comma-separated string; "
            "fix the line"
        )
    names: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise MalformedInput(f"line {line}: 'authors' must hold names (strings); fix the line")
        name = " ".join(item.split())
        if name and name not in names:
            names.append(name)
    return tuple(names)


def _optional_str(obj: Mapping[str, object], key: str, line: int) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise MalformedInput(f"line {line}: '{key}' must be a string; fix the line")
    text = " ".join(str(value).split())
    return text or None


def _clean_mode(fields: Mapping[str, object], fmt: str, line: int) -> CleanMode | None:
    value = fields.get("clean")
    if value is None:
        return "light" if fmt == "text" else None
    for mode in CLEAN_MODES:
        if value == mode:
            return mode
    raise MalformedInput(
        f"line {line}: 'clean' must be one of {', '.join(CLEAN_MODES)} (got {value!r}); "
        "fix the line"
    )


def article_from_object(obj: object, path: str, line: int) -> RawArticle:
    """The article a parsed JSONL line describes; :class:`MalformedInput` if it does not."""
    if not isinstance(obj, dict):
        kind = (
            "an array"
            if isinstance(obj, list)
            else "a string"
            if isinstance(obj, str)
            else "a value"
        )
        raise MalformedInput(
            f"line {line} is {kind}, not a JSON object; write one object per line with a "
            "'text' or 'html' field"
        )
    fields: dict[str, object] = {str(k): v for k, v in obj.items()}
    for key in ("text", "html"):
        value = fields.get(key)
        if value is not None and not isinstance(value, str):
            raise MalformedInput(f"line {line}: '{key}' must be a string; fix the line")
    text, html = fields.get("text"), fields.get("html")
    if isinstance(text, str) and text.strip():
        content, fmt = text, "text"
    elif isinstance(html, str) and html.strip():
        content, fmt = html, "html"
    elif "text" in fields or "html" in fields:
        raise MalformedInput(
            f"line {line} has an empty 'text'/'html' field; add the article or remove the line"
        )
    else:
        raise MalformedInput(
            f"line {line} has no 'text' or 'html' field; put the article text under 'text'"
        )
    return RawArticle(
        source=_optional_str(fields, "source", line) or f"{path}:{line}",
        content=content,
        format="text" if fmt == "text" else "html",
        url=_optional_str(fields, "url", line),
        title=_optional_str(fields, "title", line),
        published=_optional_str(fields, "published", line),
        outlet=_optional_str(fields, "outlet", line),
        authors=parse_authors(fields.get("authors"), line),
        clean=_clean_mode(fields, fmt, line),
    )


def _lines(f: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; None for a line longer than ``limit``."""
    number = 0
    while True:
        chunk = f.readline(limit + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):  # skip the rest of the long line
                chunk = f.readline(1024 * 1024)
            yield number, None
            continue
        yield number, chunk


def _parse_line(data: bytes, path: str, number: int) -> RawArticle:
    data = data.rstrip(b"\r\n")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableInput(
            f"line {number} is not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
            "save the file as UTF-8"
        ) from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInput(
            f"line {number} is not valid JSON ({exc.msg.removesuffix(' at')} at column "
            f"{exc.colno}); fix the line or remove it"
        ) from None
    return article_from_object(obj, path, number)


def iter_jsonl(path: Path, limit: int = MAX_BYTES) -> Iterator[RawArticle | Skipped]:
    """Every article of a JSONL file; bad lines (and unreadable files) become Skipped."""
    source = str(path)
    try:
        f = path.open("rb")
    except OSError as exc:
        why = (exc.strerror or type(exc).__name__).lower()
        yield Skipped(source, f"cannot read it ({why}); check that it exists and you may read it")
        return
    with f:
        head = f.read(8192)
        f.seek(0)
        if not head:
            yield Skipped(source, "empty file; nothing to analyse — remove it or add articles")
            return
        encoding = bom_encoding(head)
        if encoding not in {None, "utf-8-sig"}:
            yield Skipped(source, f"encoded as {encoding.upper()}; save it again as UTF-8")
            return
        if looks_binary(head):
            yield Skipped(
                source, "binary file (not text); a .jsonl file holds one JSON object per line"
            )
            return
        articles = 0
        for number, data in _lines(f, limit):
            where = f"{source}:{number}"
            if data is None:
                yield Skipped(
                    where,
                    f"line {number} is larger than {human_size(limit)}; "
                    "split the article or remove the line",
                )
                continue
            if number == 1 and data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            if not data.strip():
                continue
            articles += 1
            try:
                yield _parse_line(data, source, number)
            except InputError as exc:
                yield Skipped(where, str(exc))
        if articles == 0:
            yield Skipped(
                source, "no articles in it (only blank lines); add one JSON object per line"
            )
