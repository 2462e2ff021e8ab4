"""SIGTERM and SIGHUP stop a run the way Ctrl-C does.

Python turns SIGINT into :class:`KeyboardInterrupt`, which every part of a run already
handles: the write in progress is rolled back, the completed ones are committed, worker
processes are stopped and reaped. By default SIGTERM (``kill``, ``systemctl stop``,
``docker stop``) and SIGHUP (the terminal closed) end the process on the spot instead,
which loses the writes of the open group and leaves worker processes running.
:func:`stop_on_signals` makes them raise :class:`Stopped`, a :class:`KeyboardInterrupt`,
for the duration of a run, so they take the same path; the command then exits with
``128 + the signal number`` (143 for SIGTERM, 129 for SIGHUP), as a shell reports a
process killed by that signal.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

# SIGHUP does not exist on Windows
STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s
)


class Stopped(KeyboardInterrupt):
    """A run stopped by a signal (SIGTERM, SIGHUP); handled wherever Ctrl-C is."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(self.name)

    @property
    def name(self) -> str:
        """The signal's name, e.g. ``SIGTERM``."""
        try:
            return signal.Signals(self.signum).name
        except ValueError:
            return f"signal {self.signum}"

    @property
    def exit_code(self) -> int:
        """128 + the signal number: what a shell shows for a process killed by it."""
        return 128 + self.signum


def exit_code(interrupt: KeyboardInterrupt) -> int:
    """The exit code for an interrupted run: 130 for Ctrl-C, 128 + N for signal N."""
    return interrupt.exit_code if isinstance(interrupt, Stopped) else 128 + signal.SIGINT


@contextmanager
def stop_on_signals(signals: tuple[signal.Signals, ...] = STOP_SIGNALS) -> Iterator[None]:
    """Within the block, each of ``signals`` raises :class:`Stopped` in the main thread.

    The first such signal raises; more of them while the run is stopping are ignored, so
    that the clean-up (rolling back, committing, reaping the workers) is not cut short. A
    signal that is ignored when the block starts (``nohup`` ignores SIGHUP) stays ignored.
    The previous handlers are restored on leaving. Outside the main thread (where Python
    cannot set handlers) the block runs unchanged.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopping: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        if stopping:
            return
        stopping.append(signum)
        raise Stopped(signum)

    previous: dict[signal.Signals, Callable[[int, FrameType | None], Any] | int | None] = {}
    try:
        for sig in signals:
            if signal.getsignal(sig) is signal.SIG_IGN:
                continue
            previous[sig] = signal.signal(sig, handler)
        yield
    finally:
        for sig, old in previous.items():  # None: a handler set outside Python
            signal.signal(sig, old if old is not None else signal.SIG_DFL)
