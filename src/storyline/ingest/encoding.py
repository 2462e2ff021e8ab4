"""Turning bytes into text: byte-order marks, UTF-8, a confident guess, or a clear refusal.

Every function here raises :class:`~storyline.errors.UnreadableInput` with a one-line
reason (what is wrong and what to do) instead of returning mojibake.
"""

from __future__ import annotations

import codecs
import re

from storyline.errors import UnreadableInput

MAX_BYTES = 20 * 1024 * 1024
"""The largest input (file, JSONL line, fetched page) storyline reads: 20 MB."""

_SNIFF = 8192
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that never occur in text (tab, newline, carriage return, form feed
# and escape aside).
_CONTROL = frozenset(range(32)) - {9, 10, 11, 12, 13, 27}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)


def size_reason(size: int, limit: int = MAX_BYTES) -> str:
    """The one-line reason for an input above the size limit."""
    return (
        f"larger than {human_size(limit)} ({human_size(size)}); "
        "split it into smaller files of one article each"
    )


def human_size(n: int) -> str:
    """A byte count for people: "20 MB", "21.5 MB", "12 KB", "300 bytes"."""
    if n >= 1024 * 1024:
        mb = n / (1024 * 1024)
        return f"{mb:.0f} MB" if mb == int(mb) or mb >= 100 else f"{mb:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` announces, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control characters near the start.

    Only meaningful for data without a UTF-16/32 byte-order mark (those contain NULs).
    """
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b in _CONTROL)
    return controls / len(head) > 0.05


def declared_html_charset(data: bytes) -> str | None:
    """The charset a ``<meta charset=…>`` tag near the start of an HTML page declares."""
    m = _META_CHARSET.search(data[:4096])
    if m is None:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode text bytes; raise :class:`UnreadableInput` if they are binary or undecodable.

    Order: a byte-order mark (UTF-8, UTF-16, UTF-32); strict UTF-8; the ``declared``
    charset (an HTTP header or HTML meta tag); charset_normalizer's best guess, only
    when it is confident (no equally good guess that reads the bytes differently).
    """
    bom = bom_encoding(data)
    if bom is not None:
        try:
            return data.decode(bom)
        except UnicodeDecodeError as exc:
            raise UnreadableInput(
                f"starts with a {bom.replace('-sig', '').upper()} byte-order mark but is not "
                f"valid {bom.replace('-sig', '').upper()} ({exc.reason}); "
                "save it again as UTF-8"
            ) from None
    if looks_binary(data):
        raise UnreadableInput("binary file (not text); convert it to .txt or .html")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if declared is not None:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    guess = confident_guess(data)
    if guess is not None:
        return guess
    raise UnreadableInput(
        f"not valid UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}) "
        "and its encoding cannot be guessed with confidence; save it again as UTF-8"
    )


def confident_guess(data: bytes) -> str | None:
    """charset_normalizer's reading of ``data`` if no rival guess is nearly as good.

    A rival is a guess with about the same chaos and coherence that decodes the bytes to
    a different text: then the encoding is a coin toss and we refuse rather than guess.
    """
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    if best.chaos > 0.05 or best.coherence < 0.3:
        return None
    text = str(best)
    for other in matches:
        if other is best:
            continue
        close = other.chaos <= best.chaos + 0.01 and other.coherence >= best.coherence - 0.05
        if close and str(other) != text:
            return None
    return text
