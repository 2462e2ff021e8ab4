"""The web app: server-rendered pages and a JSON API over one story database, read only.

Each request opens its own read-only connection (``StoreReader``), so the server keeps
answering while ``storyline analyze`` writes to the same file, and sees each document
once its transaction commits. Every response carries a strict Content-Security-Policy:
scripts only from this server, nothing from the network.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from storyline import __version__
from storyline.errors import StorylineError
from storyline.store import StoreReader
from storyline.web.hosts import HostCheck
from storyline.web.render import STATIC, TEMPLATES
from storyline.web.slow import SlowResults

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def open_reader(request: Request) -> Iterator[StoreReader]:
    """A read-only connection for one request, closed after it."""
    with StoreReader(request.app.state.db) as reader:
        yield reader


Reader = Annotated[StoreReader, Depends(open_reader)]


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
    html = TEMPLATES.get_template("error.html").render(
        status=status, message=message, nav="", version=__version__
    )
    return HTMLResponse(html, status_code=status)


def create_app(db: Path, allowed_hosts: frozenset[str] | None = None) -> FastAPI:
    """The app over database ``db`` (opened read-only per request).

    With ``allowed_hosts``, a request whose ``Host`` header is not one of them gets a
    400 (:class:`~storyline.web.hosts.HostCheck`); ``storyline serve`` always gives them.
    """
    from storyline.web.api import router as api_router
    from storyline.web.changes import router as changes_router
    from storyline.web.pages import router as page_router

    slow = SlowResults(Path(db))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        slow.close()

    app = FastAPI(
        lifespan=lifespan,
        title="storyline",
        version=__version__,
        description="A cited, cross-checked story database, read only. Every fact carries "
        "`doc`, `start` and `end`: offsets into the document's clean text.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.db = Path(db)
    app.state.slow = slow
    if allowed_hosts is not None:  # added first: the security headers wrap its answers too
        app.add_middleware(HostCheck, allowed=allowed_hosts)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()
        )
        return _error(request, 422, f"invalid request: {problems}")

    @app.exception_handler(StorylineError)
    async def store_error(request: Request, exc: StorylineError) -> Response:
        return _error(request, 503, str(exc))

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api_router)
    app.include_router(changes_router)
    app.include_router(page_router)
    return app
