"""The REST API (``/api/v1``): read endpoints with filters, cursors and formats; one write endpoint."""
from __future__ import annotations

import secrets
from dataclasses import asdict
from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from . import queries as Q
from .output import MAX_EXPORT_ROWS, MAX_JSON_ROWS, ApiError, negotiate, rows_response

DATE = r"^(\d{4}-\d{2}-\d{2})?$"
CODE = r"^([A-Za-z0-9]{2,12})?$"
Format = Literal["json", "csv", "ndjson"]
Modality = Literal["asserted", "negated", "hypothetical", "future"]


def _clean(v: str | None) -> str | None:
    v = (v or "").strip()
    return v or None


def make_filters(
    actor: str | None = None, dyad: str | None = None, symmetric: bool = False, root: str | None = None,
    cameo: str | None = None, plover: str | None = None, quad_class: int | None = None, modality: str | None = None,
    speaker: str | None = None, outlet: str | None = None, since: str | None = None, until: str | None = None,
    min_confidence: float | None = None, doc_id: str | None = None, q: str | None = None, day: str | None = None,
) -> Q.Filters:
    """Normalize filters: empty strings mean no filter; codes are upper-cased."""
    up = lambda v: _clean(v) and _clean(v).upper()  # noqa: E731
    return Q.Filters(
        actor=up(actor), dyad=up(dyad), symmetric=bool(symmetric), root=_clean(root), cameo=_clean(cameo),
        plover=up(plover), quad_class=quad_class or None, modality=_clean(modality), speaker=_clean(speaker),
        outlet=_clean(outlet), since=_clean(since), until=_clean(until), min_confidence=min_confidence,
        doc_id=_clean(doc_id), q=_clean(q), day=_clean(day),
    )


def filters_dep(
    actor: str | None = Query(None, pattern=CODE, description="Actor/country code on either side (source or target), e.g. RUS."),
    dyad: str | None = Query(None, pattern=r"^([A-Za-z0-9]{2,12}-[A-Za-z0-9]{2,12})?$",
                             description="Directed dyad SOURCE-TARGET, e.g. RUS-UKR."),
    symmetric: bool = Query(False, description="With dyad: both directions."),
    root: str | None = Query(None, pattern=r"^(\d{1,2})?$", description="CAMEO root code, e.g. 13 (threaten)."),
    cameo: str | None = Query(None, pattern=r"^(\d{1,4})?$", description="CAMEO code or prefix, e.g. 1312."),
    plover: str | None = Query(None, pattern=r"^([A-Za-z_]{2,30})?$", description="PLOVER event type, e.g. THREATEN."),
    quad_class: int | None = Query(None, ge=1, le=4, description="1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict."),
    modality: Modality | None = Query(None, description="Event modality."),
    speaker: str | None = Query(None, max_length=200, description="Speaker name or its beginning (e.g. Kuleba)."),
    outlet: str | None = Query(None, max_length=200, description="Outlet name, exactly."),
    since: str | None = Query(None, pattern=DATE, description="From this day (YYYY-MM-DD)."),
    until: str | None = Query(None, pattern=DATE, description="Up to this day (YYYY-MM-DD)."),
    day: str | None = Query(None, pattern=DATE, description="Exactly this day (YYYY-MM-DD)."),
    min_confidence: float | None = Query(None, ge=0, le=1, description="Minimum confidence, 0..1."),
    doc_id: str | None = Query(None, max_length=200, description="Only this article."),
    q: str | None = Query(None, max_length=500, description="Full-text search (article text, or quote text for quotes)."),
) -> Q.Filters:
    return make_filters(actor, dyad, symmetric, root, cameo, plover, quad_class, modality, speaker, outlet,
                        since, until, min_confidence, doc_id, q, day)


class Paging:
    def __init__(
        self,
        limit: int = Query(50, ge=1, le=MAX_EXPORT_ROWS,
                           description=f"Rows per page (JSON at most {MAX_JSON_ROWS}; CSV/NDJSON exports up to {MAX_EXPORT_ROWS})."),
        cursor: str | None = Query(None, max_length=500, description="Opaque cursor from a previous page's `next`."),
        format: Format | None = Query(None, description="json (default), csv or ndjson; or use the Accept header."),
    ) -> None:
        self.limit, self.cursor, self.format = limit, cursor or None, format


def _token_from(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.headers.get("x-newsevents-token") or request.query_params.get("token") \
        or request.cookies.get("newsevents_token")


def require_read(request: Request) -> None:
    token = request.app.state.desk.read_token
    if token and not secrets.compare_digest((_token_from(request) or "").encode(), token.encode()):
        raise ApiError(401, "unauthorized", "this store needs a read token",
                       "send Authorization: Bearer TOKEN (NEWSEVENTS_READ_TOKEN)")


router = APIRouter(prefix="/api/v1", dependencies=[Depends(require_read)])


def _listing(request: Request, fn, f: Q.Filters, p: Paging, *, columns, name: str) -> Any:
    fmt = negotiate(request, p.format)
    limit = min(p.limit, MAX_JSON_ROWS) if fmt == "json" else p.limit
    desk = request.app.state.desk
    conn = desk.connect()
    try:
        page = fn(conn, f, limit=limit, cursor=p.cursor, stream=fmt != "json")
    except BaseException:
        conn.close()
        raise
    return rows_response(request, page.rows, fmt, cursor=page.next_cursor, columns=columns, filename=name,
                         on_close=conn.close)


@router.get("/articles", summary="Articles, newest first",
            description="Filters on outlet, dates, text (`q`), speaker, and on the events reported (actor, dyad, CAMEO, PLOVER…).")
def get_articles(request: Request, f: Q.Filters = Depends(filters_dep), p: Paging = Depends()):
    return _listing(request, Q.list_articles, f, p, columns=Q.ARTICLE_COLUMNS, name="articles")


@router.get("/articles/{doc_id}", summary="One article: its full document JSON, story and copies")
def get_article(request: Request, doc_id: str = Path(..., max_length=200)):
    with request.app.state.desk.conn() as conn:
        art = Q.article(conn, doc_id)
        if art is None:
            raise ApiError(404, "not_found", f"no article {doc_id}")
        return {"document": art["doc"], "story_id": art.get("story_id"), "ingested_at": art.get("ingested_at"),
                "copies": Q.copies(conn, doc_id)}


@router.get("/quotes", summary="Quotes with their speakers, newest first")
def get_quotes(request: Request, f: Q.Filters = Depends(filters_dep), p: Paging = Depends()):
    return _listing(request, Q.list_quotes, f, p, columns=Q.QUOTE_COLUMNS, name="quotes")


@router.get("/events", summary="Coded events (CAMEO and PLOVER), newest day first")
def get_events(request: Request, f: Q.Filters = Depends(filters_dep), p: Paging = Depends()):
    return _listing(request, Q.list_events, f, p, columns=Q.EVENT_COLUMNS, name="events")


@router.get("/actors", summary="Actors: codes with event, mention and quote counts",
            description="Aggregated from events (source/target country) and entities; most active first.")
def get_actors(request: Request, p: Paging = Depends(),
               min_events: int = Query(0, ge=0, le=10**9, description="Only actors in at least this many events.")):
    fmt = negotiate(request, p.format)
    desk = request.app.state.desk
    with desk.conn() as conn:
        rows = desk.cached(conn, ("actors",), lambda: Q.actors(conn))
    rows = [r for r in rows if r["events"] >= min_events]
    start = 0
    if p.cursor:
        (last,) = Q.decode_cursor(p.cursor, 1)
        idx = next((i for i, r in enumerate(rows) if r["code"] == last), None)
        if idx is None:
            raise Q.BadRequest("cursor is not one this server issued")
        start = idx + 1
    limit = min(p.limit, MAX_JSON_ROWS) if fmt == "json" else p.limit
    chunk = rows[start:start + limit]
    nxt = Q.encode_cursor([chunk[-1]["code"]]) if chunk and start + limit < len(rows) else None
    return rows_response(request, chunk, fmt, cursor=nxt, filename="actors",
                         columns=("code", "name", "events_source", "events_target", "mentions", "quotes", "events"))


@router.get("/dyads", summary="The most active dyads (source → target)")
def get_dyads(request: Request, limit: int = Query(20, ge=1, le=500), since: str | None = Query(None, pattern=DATE),
              format: Format | None = Query(None)):
    desk = request.app.state.desk
    with desk.conn() as conn:
        rows = desk.cached(conn, ("dyads", limit, since), lambda: Q.top_dyads(conn, limit=limit, since=_clean(since)))
    return rows_response(request, rows, negotiate(request, format), cursor=None, filename="dyads")


@router.get("/dyads/{pair}/series", summary="Dyad time series: events per day by quad class, Goldstein sum",
            description="`pair` is SOURCE-TARGET (e.g. RUS-UKR); other event filters apply too.")
def get_dyad_series(request: Request, pair: str = Path(..., pattern=r"^[A-Za-z0-9]{2,12}-[A-Za-z0-9]{2,12}$"),
                    f: Q.Filters = Depends(filters_dep), format: Format | None = Query(None)):
    dyad = pair.upper()
    f = Q.Filters(**{**asdict(f), "dyad": dyad})
    with request.app.state.desk.conn() as conn:
        rows = Q.dyad_series(conn, f)
    return rows_response(request, rows, negotiate(request, format), cursor=None, filename=f"dyad-{dyad}",
                         columns=("day", "events", "q1", "q2", "q3", "q4", "goldstein"),
                         extra={"dyad": dyad, "symmetric": f.symmetric})


@router.get("/stories", summary="Stories (near-duplicate clusters), newest first",
            description="Empty with `available: false` when the store has no stories yet.")
def get_stories(request: Request, p: Paging = Depends()):
    fmt = negotiate(request, p.format)
    with request.app.state.desk.conn() as conn:
        page = Q.list_stories(conn, limit=min(p.limit, MAX_JSON_ROWS), cursor=p.cursor)
    if page is None:
        return rows_response(request, [], fmt, cursor=None, filename="stories", extra={"available": False})
    return rows_response(request, page.rows, fmt, cursor=page.next_cursor, filename="stories",
                         extra={"available": True})


@router.get("/stories/{story_id}", summary="One story with its articles")
def get_story(request: Request, story_id: str = Path(..., max_length=200)):
    with request.app.state.desk.conn() as conn:
        story = Q.story(conn, story_id)
    if story is None:
        raise ApiError(404, "not_found", f"no story {story_id}")
    return story


@router.get("/search", summary="Full-text search over articles or quotes (newest or best match first)")
def get_search(
    request: Request,
    q: str = Query(..., min_length=1, max_length=500, description="Words to find (all of them)."),
    type: Literal["articles", "quotes"] = Query("articles", description="Search article text or quote text."),
    speaker: str | None = Query(None, max_length=200), outlet: str | None = Query(None, max_length=200),
    since: str | None = Query(None, pattern=DATE), until: str | None = Query(None, pattern=DATE),
    sort: Literal["newest", "relevance"] = Query("newest", description="newest first (fast) or best match first (bm25)."),
    limit: int = Query(20, ge=1, le=MAX_JSON_ROWS), cursor: str | None = Query(None, max_length=500),
    format: Format | None = Query(None),
):
    f = make_filters(speaker=speaker, outlet=outlet, since=since, until=until)
    text = _clean(q)
    if not text:
        raise Q.BadRequest("search text is empty")
    fn = Q.search_articles if type == "articles" else Q.search_quotes
    with request.app.state.desk.conn() as conn:
        page = fn(conn, text, f, limit=limit, cursor=cursor or None, sort=sort)
    for r in page.rows:
        r["snippet"] = (r.get("snippet") or "").replace("\x02", "[").replace("\x03", "]")
    return rows_response(request, page.rows, negotiate(request, format), cursor=page.next_cursor,
                         filename=f"search-{type}", extra={"type": type, "sort": sort})


@router.get("/health", summary="Store counts and what this server offers")
def get_health(request: Request):
    desk = request.app.state.desk
    with desk.conn() as conn:
        counts = Q.counts(conn)
        stories = Q.has_table(conn, "stories")
    return {"status": "ok", "counts": counts, "stories": stories, "writes": bool(desk.write_token)}


# --- writing -----------------------------------------------------------------------------------


class IngestIn(BaseModel):
    """One document to ingest: ``text`` or ``html``, or only ``url`` to fetch it."""

    text: str | None = Field(None, max_length=5_000_000)
    html: str | None = Field(None, max_length=5_000_000)
    url: str | None = Field(None, max_length=2000, pattern=r"^https?://\S+$")
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    outlet: str | None = Field(None, max_length=200)
    author: str | None = Field(None, max_length=200)


class IngestOut(BaseModel):
    status: Literal["stored", "unchanged"]
    id: str
    href: str
    quotes: int
    events: int


def require_write(request: Request) -> None:
    token = request.app.state.desk.write_token
    if not token:
        raise ApiError(403, "writes_disabled", "this server does not accept documents",
                       "start it with --write-token or NEWSEVENTS_WRITE_TOKEN")
    if not secrets.compare_digest((_token_from(request) or "").encode(), token.encode()):
        raise ApiError(401, "unauthorized", "a valid write token is needed", "send Authorization: Bearer TOKEN")


@router.post("/documents", summary="Ingest one document (text, HTML or URL); needs the write token",
             status_code=201, response_model=IngestOut, dependencies=[Depends(require_write)],
             responses={401: {"description": "missing or wrong token"}, 403: {"description": "writes are off"},
                        422: {"description": "invalid or rejected document"},
                        501: {"description": "fetching URLs is not available"}})
def post_document(request: Request, body: IngestIn):
    from .ingest_one import ingest

    res = ingest(request.app.state.desk.path, body.model_dump())
    return JSONResponse(
        {**res, "href": str(request.url_for("get_article", doc_id=res["id"]))},
        status_code=201 if res["status"] == "stored" else 200,
    )
