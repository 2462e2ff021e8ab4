"""Changes as terminal lines (``storyline changes``), and ``--since`` read as a time."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from storyline.clock import Clock, SystemClock
from storyline.errors import WatchError
from storyline.store.watch import StoredChange

_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def since_time(value: str, clock: Clock | None = None) -> str:
    """``--since``: an ISO date or time, or a duration back from now (``2h``, ``3d``), as
    the ISO time change sets are compared with (UTC)."""
    text = value.strip()
    m = re.fullmatch(r"(\d+)\s*([mhdw])", text.lower())
    if m:
        now = (clock or SystemClock()).now()
        back = timedelta(**{_UNITS[m.group(2)]: int(m.group(1))})
        return (now - back).isoformat(timespec="seconds")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise WatchError(
            f"--since {value!r}: give an ISO date or time (2026-12-03, 2026-12-03T10:00) "
            "or a duration back from now (30m, 2h, 3d, 1w)"
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="seconds")


def change_lines(changes: Sequence[StoredChange]) -> list[str]:
    """Changes grouped by change set, newest first, each with its cited evidence."""
    lines: list[str] = []
    current: int | None = None
    for change in changes:
        if change.set_id != current:
            current = change.set_id
            lines.append(f"change set #{change.set_id} at {change.at}:")
        lines.append(f"  {change.summary}")
        for ev in change.evidence:
            role = "before" if ev["role"] == "before" else "source"
            where = " · ".join(
                x for x in (ev["outlet"] or "outlet unknown", ev["published"] or "undated") if x
            )
            lines.append(
                f"      {role}: {where} · {ev['doc_id']}:{ev['start']}-{ev['end']} "
                f"\u201c{ev['text']}\u201d"
            )
    return lines
