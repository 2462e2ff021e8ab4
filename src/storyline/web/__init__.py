"""The local web app: ``storyline serve`` (see :func:`storyline.web.app.create_app`)."""

from __future__ import annotations

from pathlib import Path

from storyline.errors import StoreError
from storyline.store import StoreReader


def serve(db: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the story database ``db`` read-only until interrupted."""
    import uvicorn

    from storyline.web.app import create_app

    with StoreReader(db):  # fail early, with the store's message, on a missing or bad file
        pass
    if port < 0 or port > 65535:
        raise StoreError(f"port {port} is not a TCP port; give 1-65535 (or 0 for any free port)")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
