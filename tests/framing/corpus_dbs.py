"""Databases of the purpose-written corpus (``corpus/``, annotated in ``expected.json``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
EXPECTED: dict[str, Any] = json.loads((HERE / "expected.json").read_text(encoding="utf-8"))


def analyse(names: list[str], db: Path) -> Path:
    """Analyse the named corpus articles into ``db`` (the real pipeline, offline)."""
    from storyline.engines.local import analyze

    analyze([str(CORPUS / name) for name in names], db)
    return db


def versions(tmp: Path) -> Path:
    """The three versions of the same event."""
    return analyse(list(EXPECTED["versions"]), tmp / "versions.db")


def everything(tmp: Path) -> Path:
    """All five articles: the three versions, a follow-up and a background piece."""
    return analyse([*EXPECTED["versions"], *EXPECTED["others"]], tmp / "all.db")
