"""The JSON API under ``/api``: the same data as the pages, paginated, with OpenAPI docs at
``/api/docs`` (rendered here, no script from the network) and ``/api/openapi.json``.

Errors have one shape: ``{"error": {"status": 404, "message": "…"}}``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException

from storyline import __version__
from storyline.web import slow
from storyline.web.app import Reader
from storyline.web.render import PAGE_SIZE, TEMPLATES

router = APIRouter(prefix="/api", tags=["story"])

Json = dict[str, Any]
Page = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")]
Size = Annotated[int, Query(ge=1, le=500, description="Items per page.")]

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": 'Not found: `{"error": {"status": 404, "message": "…"}}`'},
    422: {"description": 'Invalid parameter: `{"error": {"status": 422, "message": "…"}}`'},
}


def _page(items: list[Json], total: int, page: int, size: int) -> Json:
    return {"items": items, "total": total, "page": page, "size": size}


def _missing(what: str, ident: str) -> HTTPException:
    return HTTPException(404, f"no {what} with id {ident!r} in this database")


@router.get("/overview", summary="Counts, sources, main actors, key figures, latest events")
def overview(reader: Reader) -> Json:
    return reader.queries.overview()


@router.get("/documents", summary="Documents, newest first")
def documents(reader: Reader, page: Page = 1, size: Size = PAGE_SIZE) -> Json:
    rows, total = reader.queries.document_page((page - 1) * size, size)
    return _page(rows, total, page, size)


@router.get("/documents/{doc_id}", summary="One document with every annotation", responses=ERRORS)
def document(reader: Reader, doc_id: str) -> Json:
    doc = reader.queries.document(doc_id)
    if doc is None:
        raise _missing("document", doc_id)
    return doc


@router.get("/entities", summary="Entities by number of mentions")
def entities(
    reader: Reader,
    page: Page = 1,
    size: Size = PAGE_SIZE,
    type: Annotated[str | None, Query(max_length=20, description="PERSON, ORG, GPE…")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Name or alias contains")] = None,
) -> Json:
    rows, total = reader.queries.entity_page((page - 1) * size, size, type, q)
    return _page(rows, total, page, size)


@router.get(
    "/entities/{entity_id}",
    summary="An entity: aliases, mentions by outlet, quotes, positions, events, figures",
    responses=ERRORS,
)
def entity(reader: Reader, entity_id: str) -> Json:
    data = reader.queries.entity(entity_id)
    if data is None:
        raise _missing("entity", entity_id)
    return data


@router.get("/quotes", summary="Quotes, filtered by speaker (entity id) and outlet")
def quotes(
    reader: Reader,
    page: Page = 1,
    size: Size = PAGE_SIZE,
    speaker: Annotated[str | None, Query(max_length=64)] = None,
    outlet: Annotated[str | None, Query(max_length=300)] = None,
) -> Json:
    rows, total = reader.queries.quote_page(speaker, outlet, (page - 1) * size, size)
    return _page(rows, total, page, size)


@router.get("/positions", summary="Who supports or opposes what, with evidence")
def positions(
    reader: Reader,
    holder: Annotated[str | None, Query(max_length=64, description="Holder entity id")] = None,
    limit: Size = 200,
) -> Json:
    return {"items": reader.queries.positions(holder=holder, limit=limit)}


@router.get("/figures", summary="Figure groups (disagreements first) with each outlet's value")
def figures(
    reader: Reader, page: Page = 1, size: Size = PAGE_SIZE, conflicts: bool = False
) -> Json:
    rows, total = reader.queries.figure_groups(conflicts, (page - 1) * size, size)
    return _page(rows, total, page, size)


@router.get("/timeline", summary="Events in date order, with participants and reports")
def timeline(
    reader: Reader,
    page: Page = 1,
    size: Size = 200,
    actor: Annotated[str | None, Query(max_length=64, description="Participant entity id")] = None,
) -> Json:
    rows = reader.queries.events(actor, (page - 1) * size, size)
    return _page(rows, reader.queries.event_count(), page, size)


@router.get("/graph", summary="Actors as nodes; co-mentions, events and positions as edges")
def graph(
    request: Request, reader: Reader, nodes: Annotated[int, Query(ge=2, le=200)] = 60
) -> Json:
    result: Json = slow.story_graph(request.app.state.slow, reader, nodes)
    return result


@router.get("/search", summary="Full text over sentences, and matching facts")
def search(reader: Reader, q: Annotated[str, Query(min_length=1, max_length=300)]) -> Json:
    return {"q": q, **reader.queries.search(q)}


@router.get("/facts/{fact_id}", summary="Any fact by id, with its sentence", responses=ERRORS)
def fact(reader: Reader, fact_id: str) -> Json:
    data = reader.queries.fact(fact_id)
    if data is None:
        raise _missing("fact", fact_id)
    return data


@router.get("/ask", summary="Answer a question with citations (storyline.ask)")
def ask(reader: Reader, q: Annotated[str, Query(min_length=1, max_length=300)]) -> Json:
    from storyline.ask import answer

    return answer(reader, q).to_dict()


@router.get(
    "/brief",
    summary="The story's brief: its most central lines with citations",
    description="On a big database the brief is computed in the background: until it is "
    'ready the answer is `{"ready": false}`; ask again later.',
)
def brief(
    request: Request, reader: Reader, length: Annotated[int, Query(ge=1, le=50)] = 10
) -> Json:
    ready, result = slow.story_brief(request.app.state.slow, reader, length)
    if not ready:
        return {"ready": False}
    return {"ready": True, **(result.to_dict() if result is not None else {"lines": []})}


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The OpenAPI description as a page (no script loaded from the network)."""
    spec = request.app.openapi()
    html = TEMPLATES.get_template("api_docs.html").render(
        spec=spec, nav="api", version=__version__, request_path="/api/docs"
    )
    return HTMLResponse(html)
