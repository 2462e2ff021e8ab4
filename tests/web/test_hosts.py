"""``storyline serve`` answers only to its own names (DNS rebinding): the real command on
127.0.0.1 and a free port, requests with chosen ``Host`` headers; and the rules for
reading a ``Host`` header and for the names a server allows."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from storyline.errors import ServeError
from storyline.web.hosts import allowed_hosts, header_host
from tests.engine.processes import storyline_env, wait_until

STARTUP = 120.0  # seconds the server may take to answer (2 loaded cores)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(db: Path, *options: str) -> Iterator[str]:
    """``storyline serve`` as a real process on 127.0.0.1; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "storyline.cli", "serve", "--db", str(db)]
    proc = subprocess.Popen(
        [*command, "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=storyline_env(),
    )
    url = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited: {proc.stderr.read() if proc.stderr else ''}")
        try:
            httpx.get(url + "/api/overview", timeout=2)
            return True
        except httpx.TransportError:
            return False

    try:
        wait_until(answers, STARTUP, "the server to answer")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        if proc.stderr:
            proc.stderr.close()


def status(url: str, host: str) -> tuple[int, str]:
    response = httpx.get(url + "/api/overview", headers={"Host": host}, timeout=10)
    return response.status_code, response.text


@pytest.mark.slow  # runs the CLI end to end
def test_serve_answers_its_own_names_and_refuses_others(empty_db: Path) -> None:
    with serving(empty_db) as url:
        port = url.rsplit(":", 1)[1]
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", "localhost", f"[::1]:{port}"):
            assert status(url, host)[0] == 200, host
        for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.evil.example:{port}"):
            code, text = status(url, host)
            assert code == 400, host
            assert "DNS rebinding" in text and "--allow-host" in text, text
        refused = httpx.get(url + "/", headers={"Host": "evil.example"}, timeout=10)
        assert refused.headers["content-type"].startswith("text/plain")
        assert "default-src 'none'" in refused.headers["content-security-policy"]


@pytest.mark.slow  # runs the CLI end to end
def test_allow_host_adds_a_name_and_star_allows_any(empty_db: Path) -> None:
    with serving(empty_db, "--allow-host", "evil.example", "--allow-host", "news.lan") as url:
        assert status(url, "evil.example")[0] == 200
        assert status(url, "news.lan:8080")[0] == 200
        assert status(url, "localhost")[0] == 200
        assert status(url, "other.example")[0] == 400
    with serving(empty_db, "--allow-host", "*") as url:
        assert status(url, "anything.example")[0] == 200


@pytest.mark.slow  # runs the CLI end to end
def test_serve_on_every_interface_needs_the_names(empty_db: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "serve", "--db", str(empty_db), "--host", "::"],
        capture_output=True,
        text=True,
        env=storyline_env(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "--allow-host" in result.stderr and "every interface" in result.stderr


@pytest.mark.parametrize(
    ("value", "host"),
    [
        ("localhost:8000", "localhost"),
        ("LocalHost", "localhost"),
        ("127.0.0.1:80", "127.0.0.1"),
        ("[::1]:8000", "[::1]"),
        ("[::1]", "[::1]"),
        ("[0:0:0:0:0:0:0:1]:8000", "[::1]"),
        ("example.org:", "example.org"),
        ("::1", ""),  # an IPv6 address must be in brackets
        ("[::1]x", ""),
        ("example.org:80:80", ""),
        ("example.org:http", ""),
        ("", ""),
    ],
)
def test_header_host_drops_the_port_and_reads_ipv6(value: str, host: str) -> None:
    assert header_host(value) == host


def test_allowed_hosts() -> None:
    loopback = {"127.0.0.1", "localhost", "[::1]"}
    assert allowed_hosts("127.0.0.1") == loopback
    assert allowed_hosts("::1") == loopback
    assert allowed_hosts("localhost") == loopback
    assert allowed_hosts("192.168.1.20") == {"192.168.1.20"}
    assert allowed_hosts("192.168.1.20", ["News.lan:8000", "fd00::1"]) == {
        "192.168.1.20",
        "news.lan",
        "[fd00::1]",
    }
    assert allowed_hosts("0.0.0.0", ["news.lan"]) == {"news.lan"}
    assert allowed_hosts("127.0.0.1", ["*"]) is None
    for everywhere in ("0.0.0.0", "::"):
        with pytest.raises(ServeError, match="--allow-host"):
            allowed_hosts(everywhere)
    with pytest.raises(ServeError, match="not a host name"):
        allowed_hosts("127.0.0.1", ["news.lan:web"])
