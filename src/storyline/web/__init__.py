"""The local web app: ``storyline serve`` (see :func:`storyline.web.app.create_app`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from storyline.errors import ServeError
from storyline.store import StoreReader


def serve(
    db: Path, host: str = "127.0.0.1", port: int = 8000, allow_hosts: Sequence[str] = ()
) -> None:
    """Serve the story database ``db`` read-only until interrupted.

    Requests are answered only when their ``Host`` header names this server (see
    :func:`storyline.web.hosts.allowed_hosts`; ``allow_hosts`` adds names, ``*`` any).
    """
    import uvicorn

    from storyline.web.app import create_app
    from storyline.web.hosts import allowed_hosts

    with StoreReader(db):  # fail early, with the store's message, on a missing or bad file
        pass
    if port < 0 or port > 65535:
        raise ServeError(f"port {port} is not a TCP port; give 1-65535 (or 0 for any free port)")
    allowed = allowed_hosts(host, allow_hosts)
    uvicorn.run(create_app(db, allowed), host=host, port=port, log_level="warning")
