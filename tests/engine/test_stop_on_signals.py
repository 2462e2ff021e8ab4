"""``stop_on_signals``: SIGTERM and SIGHUP raise a Ctrl-C-like interrupt inside the block
only, once, and leave an ignored signal ignored (real signals sent to this process)."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator

import pytest

from storyline.engines.signals import Stopped, exit_code, stop_on_signals


@pytest.fixture(autouse=True)
def default_handlers() -> Iterator[None]:
    """Each test starts from the default handlers and leaves them as it found them."""
    before = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}
    for s in before:
        signal.signal(s, signal.SIG_DFL)
    yield
    for s, handler in before.items():
        signal.signal(s, handler)


def wait_for_signal() -> None:
    """Give the interpreter bytecodes to run the Python handler on (it runs between them)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        time.sleep(0.01)
    raise AssertionError("no interrupt within 5 s")


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_signal_in_the_block_raises_a_keyboard_interrupt(sig: signal.Signals, code: int) -> None:
    with pytest.raises(KeyboardInterrupt) as caught, stop_on_signals():
        os.kill(os.getpid(), sig)
        wait_for_signal()
    assert isinstance(caught.value, Stopped)
    assert caught.value.name == sig.name
    assert exit_code(caught.value) == code
    assert signal.getsignal(sig) is signal.SIG_DFL  # restored


def test_ctrl_c_exits_130() -> None:
    assert exit_code(KeyboardInterrupt()) == 130


def test_a_second_signal_while_stopping_is_ignored() -> None:
    with pytest.raises(Stopped), stop_on_signals():
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            wait_for_signal()
        finally:  # the clean-up: a second signal does not cut it short
            os.kill(os.getpid(), signal.SIGHUP)
            time.sleep(0.1)


def test_an_ignored_signal_stays_ignored() -> None:
    signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under nohup
    with stop_on_signals():
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
        os.kill(os.getpid(), signal.SIGHUP)
        time.sleep(0.1)
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN


def test_outside_the_main_thread_the_block_runs_unchanged() -> None:
    seen: list[object] = []

    def run() -> None:
        with stop_on_signals():
            seen.append(signal.getsignal(signal.SIGTERM))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert seen == [signal.SIG_DFL]
