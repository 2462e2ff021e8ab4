"""Article text made harmless where it leaves storyline: terminals, HTML pages, CSV cells.

Articles are untrusted input. Their titles, outlets and quotes can carry

- terminal control sequences (``ESC [2J`` clears the screen, ``ESC ]0;…BEL`` sets the
  window title): :func:`terminal_text` drops every C0 control but newline and tab, DEL and
  every C1 control, so no escape sequence survives, plus the bidi controls below;
- Unicode bidi controls (U+202E RIGHT-TO-LEFT OVERRIDE …) that make text display in a
  different order than it is stored: :func:`strip_bidi` drops the embeddings, overrides
  and isolates (U+202A–U+202E, U+2066–U+2069) from every value a web page or the report
  renders. The marks (U+200E, U+200F, U+061C) stay there: they reorder nothing beyond
  their neighbouring punctuation and right-to-left text needs them; in a terminal, which
  has no isolation at all, they are dropped too;
- spreadsheet formulas (``=HYPERLINK(…)``, ``@cmd``): :func:`csv_cell` prefixes a text cell
  that starts with ``=``, ``+``, ``-``, ``@``, tab, carriage return or NUL with a single
  quote, as OWASP's CSV-injection guidance says, so spreadsheets show it as text.

``storyline ask --json`` keeps the data whole: :func:`json_for_terminal` writes the same
characters as ``\\uXXXX`` escapes (the JSON decodes to the very same strings).
"""

from __future__ import annotations

import json

BIDI_CONTROLS = frozenset([*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))])
"""Embeddings, overrides and isolates: they reorder everything up to their end."""

BIDI_MARKS = frozenset(["\u200e", "\u200f", "\u061c"])
"""Zero-width direction marks (LRM, RLM, ALM)."""

TERMINAL_UNSAFE = frozenset(
    [
        *(chr(c) for c in range(0x20) if chr(c) not in "\n\t"),
        "\x7f",
        *map(chr, range(0x80, 0xA0)),
        *BIDI_CONTROLS,
        *BIDI_MARKS,
    ]
)
"""What never reaches a terminal from article text."""

_TERMINAL = str.maketrans(dict.fromkeys(TERMINAL_UNSAFE))
_BIDI = str.maketrans(dict.fromkeys(BIDI_CONTROLS))
_JSON_ESCAPES = str.maketrans({ch: f"\\u{ord(ch):04x}" for ch in TERMINAL_UNSAFE})

CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""


def terminal_text(text: str) -> str:
    """``text`` without control characters (but newline and tab) and bidi controls."""
    return text.translate(_TERMINAL)


def strip_bidi(text: str) -> str:
    """``text`` without bidi embeddings, overrides and isolates (for HTML)."""
    return str.translate(text, _BIDI)


def json_for_terminal(data: object) -> str:
    """``data`` as indented JSON with every terminal-unsafe character ``\\u``-escaped.

    ``json.dumps`` escapes C0 controls already; DEL, C1 controls and bidi controls are
    escaped here. They can only occur inside JSON strings, so the result is valid JSON
    that decodes to the same data.
    """
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_JSON_ESCAPES)


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as written: text that starts like a formula gets a
    leading ``'``; numbers (int, float) and empty cells stay as they are."""
    if isinstance(value, str) and value.startswith(CSV_FORMULA_STARTS):
        return "'" + value
    return value
