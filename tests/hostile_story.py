"""An article written to attack the outputs: terminal escape sequences (set the window title,
clear the screen), a Unicode right-to-left override, and cells a spreadsheet would run as
formulas, in its title, outlet, byline and quotes. Used by the terminal, CSV, web and
report tests of ``outputs that never hurt``."""

from __future__ import annotations

import json
from pathlib import Path

SET_TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
PDF = "\u202c"  # POP DIRECTIONAL FORMATTING
ISOLATE = "\u2067"  # RIGHT-TO-LEFT ISOLATE

TEXT = f"""Tally {SET_TITLE} shows {RLO}reversed{PDF} vote in Tromso

The harbour board of Tromso voted on Monday {CLEAR} to lower the ferry fare by 3 percent.

"-2+3 is what the tally {CLEAR} shows, {RLO}and that is final{PDF}," board chair Ingrid Holm \
said on Monday.

"=HYPERLINK(1) is not a plan," Holm said.

"@SUM(1,2) {ISOLATE}belongs in a spreadsheet," Holm said.

Holm said the board supports a new quay.
"""

RECORD = {
    "text": TEXT,
    "source": "hostile-controls.txt",
    "title": f'=HYPERLINK("http://evil.example","click") {SET_TITLE}{RLO}eltit{CLEAR}',
    "outlet": f"@Tromso {RLO}Tidende{CLEAR}",
    "authors": ["+SUM(1,2)"],
    "url": "https://tromso.example/tally",
    "published": "2024-03-18",
}

TERMINAL_BAD = ("\x1b", "\x07", "\x9b", RLO, PDF, ISOLATE, "\u200e", "\u200f")
"""Characters that must never reach a terminal."""

PAGE_BAD = (RLO, PDF, ISOLATE)
"""Bidi controls that must never reach a rendered page."""


def write_hostile_jsonl(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hostile.jsonl"
    path.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    return path


def build_hostile_db(folder: Path) -> Path:
    """Analyse the hostile article with the real pipeline into ``folder/hostile.db``."""
    from storyline.engines.local import analyze

    db = folder / "hostile.db"
    report = analyze([str(write_hostile_jsonl(folder))], db)
    assert report.stored_anything
    return db
