"""The server answers only to its own names: a guard against DNS rebinding.

A page on any web site can make the visitor's browser send requests to a name its owner
controls, then point that name at 127.0.0.1 (DNS rebinding): the browser takes the local
server for that site and lets the page read the answers. Such requests carry the
attacker's name in their ``Host`` header, so the server refuses every ``Host`` that is not
a name it was started to answer to (see :func:`allowed_hosts`).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from storyline.errors import ServeError

ANY = "*"
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def normal_host(name: str) -> str:
    """A host name or address as it appears in a ``Host`` header, without a port:
    lower case, IPv6 addresses in brackets (``::1`` and ``[::1]`` both give ``[::1]``)."""
    name = name.strip().lower()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return name
    return f"[{address.compressed}]" if address.version == 6 else address.compressed


def header_host(value: str) -> str:
    """The host of a ``Host`` header value, without its port: ``localhost:8000`` gives
    ``localhost``, ``[::1]:8000`` gives ``[::1]``. A value that is not a host[:port]
    gives the empty string, which no allowed set holds."""
    value = value.strip().lower()
    if value.startswith("["):  # an IPv6 address in brackets, then maybe :port
        end = value.find("]")
        name, rest = (value[: end + 1], value[end + 1 :]) if end > 0 else ("", "")
    else:
        name, colon, port = value.partition(":")
        rest = colon + port
    if rest and not (rest[0] == ":" and (rest[1:].isdigit() or not rest[1:])):
        return ""  # a bare IPv6 address, or junk after the name
    return normal_host(name) if name else ""


def is_loopback(host: str) -> bool:
    """Whether the address the server binds to is this machine only."""
    name = normal_host(host).strip("[]")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_unspecified(host: str) -> bool:
    """Whether the address is 0.0.0.0 or ``::`` (every interface: no name of its own)."""
    try:
        return ipaddress.ip_address(normal_host(host).strip("[]")).is_unspecified
    except ValueError:
        return host.strip() == ""


def allowed_hosts(bound: str, extra: Iterable[str] = ()) -> frozenset[str] | None:
    """The ``Host`` names a server bound to ``bound`` answers to; None for any (``*``).

    The bound address itself, and on a loopback address also ``localhost``,
    ``127.0.0.1`` and ``[::1]``, plus every name in ``extra`` (``--allow-host``). A
    server bound to every interface (0.0.0.0, ``::``) cannot tell its own names: they
    must be given in ``extra``.
    """
    names = [_allowed_name(n) for n in extra]
    if ANY in names:
        return None
    if is_unspecified(bound):
        if not names:
            raise ServeError(
                f"--host {bound} listens on every interface, so the server cannot tell "
                "which names it is reached by; list them with --allow-host NAME (the "
                "machine's name or address as typed in the browser), once per name"
            )
        return frozenset(names)
    base = [normal_host(bound)]
    if is_loopback(bound):
        base.extend(LOOPBACK_NAMES)
    return frozenset(base + names)


def _allowed_name(name: str) -> str:
    """A name given to ``--allow-host``, as :func:`header_host` gives it (a port is
    dropped; an IPv6 address may come with or without brackets)."""
    if name.strip() == ANY:
        return ANY
    found = normal_host(name)
    if not found.startswith("["):
        found = header_host(name)
    if not found:
        raise ServeError(
            f"--allow-host {name!r} is not a host name or address; give a name as typed "
            "in the browser's address bar (example.org, 192.168.1.20, [fd00::1])"
        )
    return found


class HostCheck:
    """ASGI middleware: answer 400 to an HTTP request whose ``Host`` is not allowed."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):  # lifespan
            await self.app(scope, receive, send)
            return
        values = [v.decode("latin-1") for k, v in scope["headers"] if k == b"host"]
        if len(values) == 1 and header_host(values[0]) in self.allowed:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":  # refused before the handshake (HTTP 403)
            await send({"type": "websocket.close", "code": 1008})
            return
        shown = repr(values[0][:100]) if len(values) == 1 else f"{len(values)} Host headers"
        response = PlainTextResponse(
            f"400 Bad Request: this server does not answer to the host {shown}. It answers "
            f"only to {', '.join(sorted(self.allowed))}, so that no other web site can "
            "read it through its own domain name (DNS rebinding). To reach it by another "
            "name, restart it with: storyline serve --allow-host NAME\n",
            status_code=400,
        )
        await response(scope, receive, send)
