"""The HTML pages: overview, documents, entities, quotes, positions, figures, timeline,
graph, search and one page per fact. Each page reads through ``StoreReader.queries``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.exceptions import HTTPException

from storyline import __version__
from storyline.sanitize import strip_bidi
from storyline.web.app import Reader
from storyline.web.charts import figure_chart, graph_chart, timeline_chart
from storyline.web.highlight import Highlight, document_spans, highlight
from storyline.web.render import PAGE_SIZE, TEMPLATES, Pager, web_url
from storyline.web.slow import story_brief, story_graph

router = APIRouter(include_in_schema=False)

Page = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")]


def render(request: Request, name: str, nav: str, **context: Any) -> HTMLResponse:
    from storyline.web.changes import unseen_changes

    html = TEMPLATES.get_template(name).render(
        request_path=request.url.path,
        nav=nav,
        version=__version__,
        new_changes=unseen_changes(request),
        **context,
    )
    return HTMLResponse(html)


def _not_found(what: str, ident: str) -> HTTPException:
    return HTTPException(404, f"no {what} with id {ident!r} in this database")


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, reader: Reader) -> HTMLResponse:
    data = reader.queries.overview()
    charts = [(g, figure_chart(g, web_url)) for g in data["figure_groups"]]
    ready, brief = story_brief(request.app.state.slow, reader, 5)
    return render(
        request,
        "overview.html",
        "overview",
        data=data,
        charts=charts,
        brief=brief,
        ready=ready,
    )


@router.get("/ask", response_class=HTMLResponse)
def ask(
    request: Request,
    reader: Reader,
    q: Annotated[str, Query(max_length=300)] = "",
) -> HTMLResponse:
    from storyline.ask import answer

    result = answer(reader, q).to_dict() if q.strip() else None
    return render(request, "ask.html", "", q=q, result=result)


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, reader: Reader, page: Page = 1) -> HTMLResponse:
    rows, total = reader.queries.document_page((page - 1) * PAGE_SIZE, PAGE_SIZE)
    pager = Pager(page, total, PAGE_SIZE, "/documents")
    return render(request, "documents.html", "documents", rows=rows, pager=pager)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(
    request: Request,
    reader: Reader,
    doc_id: str,
    hl: Annotated[str | None, Query(pattern=r"^\d{1,9}-\d{1,9}$")] = None,
) -> HTMLResponse:
    doc = reader.queries.document(doc_id)
    if doc is None:
        raise _not_found("document", doc_id)
    focus = None
    if hl:
        a, b = (int(x) for x in hl.split("-"))
        focus = (a, b) if a < b else None
    body = highlight(doc["text"], document_spans(doc, web_url, focus))
    return render(request, "document.html", "documents", doc=doc, body=body)


@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    reader: Reader,
    page: Page = 1,
    type: Annotated[str | None, Query(max_length=20)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    rows, total = reader.queries.entity_page((page - 1) * PAGE_SIZE, PAGE_SIZE, type, q)
    pager = Pager(page, total, PAGE_SIZE, "/entities", (("type", type or ""), ("q", q or "")))
    types = reader.queries.entity_types()
    return render(
        request,
        "entities.html",
        "entities",
        rows=rows,
        pager=pager,
        types=types,
        type=type or "",
        q=q or "",
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, reader: Reader, entity_id: str) -> HTMLResponse:
    data = reader.queries.entity(entity_id)
    if data is None:
        raise _not_found("entity", entity_id)
    return render(request, "entity.html", "entities", e=data)


@router.get("/quotes", response_class=HTMLResponse)
def quotes(
    request: Request,
    reader: Reader,
    page: Page = 1,
    speaker: Annotated[str | None, Query(max_length=64)] = None,
    outlet: Annotated[str | None, Query(max_length=300)] = None,
) -> HTMLResponse:
    outlets = [o["outlet"] for o in reader.queries.outlets() if o["outlet"]]
    if outlet and outlet not in outlets:  # the form shows names without bidi controls
        outlet = next((o for o in outlets if strip_bidi(o) == outlet), outlet)
    rows, total = reader.queries.quote_page(
        speaker or None, outlet or None, (page - 1) * PAGE_SIZE, PAGE_SIZE
    )
    params = (("speaker", speaker or ""), ("outlet", outlet or ""))
    return render(
        request,
        "quotes.html",
        "quotes",
        rows=rows,
        pager=Pager(page, total, PAGE_SIZE, "/quotes", params),
        speakers=reader.queries.speakers(),
        outlets=outlets,
        speaker=speaker or "",
        outlet=outlet or "",
    )


@router.get("/positions", response_class=HTMLResponse)
def positions(request: Request, reader: Reader) -> HTMLResponse:
    rows = reader.queries.positions(limit=500)
    return render(request, "positions.html", "positions", rows=rows)


@router.get("/figures", response_class=HTMLResponse)
def figures(
    request: Request,
    reader: Reader,
    page: Page = 1,
    conflicts: bool = False,
) -> HTMLResponse:
    groups, group_total = reader.queries.figure_groups(conflicts_only=conflicts, limit=200)
    rows, total = reader.queries.figure_page((page - 1) * PAGE_SIZE, PAGE_SIZE)
    charts = [(g, figure_chart(g, web_url)) for g in groups]
    return render(
        request,
        "figures.html",
        "figures",
        charts=charts,
        group_total=group_total,
        conflicts=conflicts,
        rows=rows,
        pager=Pager(
            page, total, PAGE_SIZE, "/figures", (("conflicts", "true" if conflicts else ""),)
        ),
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, reader: Reader, page: Page = 1) -> HTMLResponse:
    size = 200
    events = reader.queries.events(offset=(page - 1) * size, limit=size)
    total = reader.queries.event_count()
    chart = timeline_chart(events, web_url)
    return render(
        request,
        "timeline.html",
        "timeline",
        events=events,
        chart=chart,
        pager=Pager(page, total, size, "/timeline"),
    )


@router.get("/graph", response_class=HTMLResponse)
def graph(
    request: Request,
    reader: Reader,
    nodes: Annotated[int, Query(ge=2, le=300)] = 60,
) -> HTMLResponse:
    data = story_graph(request.app.state.slow, reader, nodes)
    chart = request.app.state.slow.cached(
        reader, f"graph-svg:{nodes}", lambda r: graph_chart(data, web_url)
    )
    names = {n["id"]: n["name"] for n in data["nodes"]}
    edges = sorted(data["edges"], key=lambda e: (-e["weight"], e["kind"]))
    return render(
        request,
        "graph.html",
        "graph",
        data=data,
        chart=chart,
        edges=edges[:300],
        names=names,
        nodes=nodes,
    )


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    reader: Reader,
    q: Annotated[str, Query(max_length=300)] = "",
) -> HTMLResponse:
    results = reader.queries.search(q) if q.strip() else None
    return render(request, "search.html", "search", q=q, results=results)


@router.get("/facts/{fact_id}", response_class=HTMLResponse, response_model=None)
def fact(request: Request, reader: Reader, fact_id: str) -> HTMLResponse | RedirectResponse:
    if fact_id.startswith("e_"):
        return RedirectResponse(web_url("entity", fact_id), status_code=303)
    if fact_id.startswith("d_"):
        return RedirectResponse(web_url("document", fact_id), status_code=303)
    data = reader.queries.fact(fact_id)
    if data is None:
        raise _not_found("fact", fact_id)
    sentence = data["sentence"]
    evidence = None
    if sentence is not None:
        offset = sentence["start"]
        snippet = sentence["text"]
        span = Highlight(
            data["start"] - offset, data["end"] - offset, "focus", "evidence", None, "", -1
        )
        evidence = highlight(snippet, [span])
    return render(request, "fact.html", "", f=data, evidence=evidence)
