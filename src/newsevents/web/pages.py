"""Dashboard pages (server-rendered Jinja2; filters live in the URL)."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from . import charts, highlight
from . import queries as Q
from .api import _token_from, make_filters
from .output import ApiError

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CODE_RE = re.compile(r"^[A-Za-z0-9]{2,12}$")
PAGE_SIZE = 50
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
FILTER_KEYS = ("actor", "dyad", "symmetric", "root", "cameo", "plover", "quad_class", "modality", "speaker", "outlet",
               "since", "until", "day", "min_confidence", "doc_id", "q")


def page_auth(request: Request) -> None:
    """With a read token, pages need it once (``?token=``); a cookie keeps it for the session."""
    token = request.app.state.desk.read_token
    if token and _token_from(request) != token:
        raise ApiError(401, "unauthorized", "this desk needs a read token", "open the page once with ?token=…")


router = APIRouter(include_in_schema=False, dependencies=[Depends(page_auth)])


def qs(params: dict[str, Any], **changes: Any) -> str:
    """The query string of ``params`` with ``changes`` (None removes a key); cursor reset unless given."""
    out = {k: v for k, v in params.items() if k not in ("cursor", "token")}
    out.update(changes)
    out = {k: v for k, v in out.items() if v not in (None, "", False)}
    return "?" + urlencode(out) if out else "?"


templates.env.globals.update(qs=qs, quads=QUADS)
templates.env.filters["mark_snippet"] = lambda s: Markup(
    str(escape(s or "")).replace("\x02", "<mark>").replace("\x03", "</mark>"))
templates.env.filters["num"] = lambda n: f"{n:,}" if isinstance(n, (int, float)) else n


def parse_filters(request: Request) -> tuple[Q.Filters, dict[str, str]]:
    """Filters from the page's query string; empty fields are ignored, bad ones answer 400."""
    p = {k: v.strip() for k, v in request.query_params.items() if k in FILTER_KEYS and v.strip()}
    for k in ("since", "until", "day"):
        if k in p and not DATE_RE.match(p[k]):
            raise Q.BadRequest(f"{k} must be a date YYYY-MM-DD")
    if "actor" in p and not CODE_RE.match(p["actor"]):
        raise Q.BadRequest("actor must be a code such as RUS")
    if "dyad" in p:
        a, b = Q.dyad_pair(p["dyad"])
        if not (CODE_RE.match(a) and CODE_RE.match(b)):
            raise Q.BadRequest("dyad must look like RUS-UKR")
    try:
        quad = int(p["quad_class"]) if "quad_class" in p else None
        conf = float(p["min_confidence"]) if "min_confidence" in p else None
    except ValueError as exc:
        raise Q.BadRequest("quad_class must be 1-4 and min_confidence a number") from exc
    if quad is not None and quad not in QUADS:
        raise Q.BadRequest("quad_class must be 1-4")
    if "root" in p and not p["root"].isdigit():
        raise Q.BadRequest("root must be a CAMEO root such as 13")
    if "cameo" in p and not p["cameo"].isdigit():
        raise Q.BadRequest("cameo must be digits")
    if p.get("modality") not in (None, "asserted", "negated", "hypothetical", "future"):
        raise Q.BadRequest("modality must be asserted, negated, hypothetical or future")
    f = make_filters(
        actor=p.get("actor"), dyad=p.get("dyad"), symmetric=p.get("symmetric") in ("1", "true", "on"),
        root=p.get("root"), cameo=p.get("cameo"), plover=p.get("plover"), quad_class=quad,
        modality=p.get("modality"), speaker=p.get("speaker"), outlet=p.get("outlet"), since=p.get("since"),
        until=p.get("until"), min_confidence=conf, doc_id=p.get("doc_id"), q=p.get("q"), day=p.get("day"),
    )
    return f, p


def render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    resp = templates.TemplateResponse(request, name, {"request": request, **ctx}, status_code=status)
    token = request.query_params.get("token")
    if token and token == request.app.state.desk.read_token:
        resp.set_cookie("newsevents_token", token, httponly=True, samesite="strict")
    return resp


def error_page(request: Request, status: int, code: str, message: str, detail: Any = None) -> HTMLResponse:
    return templates.TemplateResponse(request, "error.html", {"request": request, "status": status, "code": code,
                                      "message": message, "detail": detail}, status_code=status)


# --- pages -------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def overview(request: Request):
    desk = request.app.state.desk
    with desk.conn() as conn:
        counts = desk.cached(conn, ("counts",), lambda: Q.counts(conn))
        daily = desk.cached(conn, ("daily",), lambda: Q.daily_counts(conn))
        dyads = desk.cached(conn, ("dyads", 12, None), lambda: Q.top_dyads(conn, limit=12))
        stories = Q.list_stories(conn, limit=8)
        latest = Q.list_articles(conn, Q.Filters(), limit=8).rows
    chart = charts.timeline(daily, [("articles", "articles"), ("quotes", "quotes"), ("events", "events")],
                            title="Articles, quotes and events")
    return render(request, "overview.html", counts=counts, chart=chart, dyads=dyads,
                  stories=stories.rows if stories else None, latest=latest)


@router.get("/dyads", response_class=HTMLResponse)
def dyad_pick(request: Request, source: str = "", target: str = ""):
    if CODE_RE.match(source.strip()) and CODE_RE.match(target.strip()):
        return RedirectResponse(f"/dyads/{source.strip().upper()}-{target.strip().upper()}", status_code=303)
    raise Q.BadRequest("give two actor codes, e.g. RUS and UKR")


@router.get("/dyads/{pair}", response_class=HTMLResponse)
def dyad(request: Request, pair: str):
    a, b = Q.dyad_pair(pair)
    if not (CODE_RE.match(a) and CODE_RE.match(b)):
        raise ApiError(404, "not_found", f"no dyad {pair}")
    f, params = parse_filters(request)
    f = Q.Filters(**{**asdict(f), "dyad": f"{a}-{b}"})
    params.pop("dyad", None)
    with request.app.state.desk.conn() as conn:
        series = Q.dyad_series(conn, f)
        events = Q.list_events(conn, f, limit=PAGE_SIZE, cursor=request.query_params.get("cursor") or None)
    total = sum(r["events"] for r in series)
    gsum = sum(r["goldstein"] for r in series)

    def link(day: str, unit: str) -> str:
        if unit == "day":
            return qs(params, day=day) + "#day-events"
        start = dt.date.fromisoformat(day)
        if unit == "week":
            end = start + dt.timedelta(days=6)
        else:  # month
            end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return qs(params, day=None, since=day, until=end.isoformat()) + "#day-events"

    chart = charts.dyad_chart(series, link, selected=f.day)
    return render(request, "dyad.html", a=a, b=b, pair=f"{a}-{b}", chart=chart, events=events.rows,
                  next_cursor=events.next_cursor, params=params, f=f, total=total, gsum=gsum,
                  export=_export("events", {**params, "dyad": f"{a}-{b}"}, request))


def _export(kind: str, params: dict[str, str], request: Request) -> str:
    """The API URL returning exactly the rows on this page, as CSV."""
    out = {**params, "limit": PAGE_SIZE, "format": "csv"}
    if request.query_params.get("cursor"):
        out["cursor"] = request.query_params["cursor"]
    return f"/api/v1/{kind}?" + urlencode(out)


def _list_page(request: Request, kind: str, lister) -> HTMLResponse:
    """An events or quotes table with its facets (cached per filter set)."""
    f, params = parse_filters(request)
    desk = request.app.state.desk
    with desk.conn() as conn:
        page = lister(conn, f, limit=PAGE_SIZE, cursor=request.query_params.get("cursor") or None)
        facets = desk.cached(conn, ("facets", kind, f.key()), lambda: Q.facets(conn, kind, f))
    return render(request, f"{kind}.html", rows=page.rows, next_cursor=page.next_cursor, params=params, f=f,
                  facets=facets, export=_export(kind, params, request))


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request):
    return _list_page(request, "events", Q.list_events)


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request):
    return _list_page(request, "quotes", Q.list_quotes)


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request):
    f, params = parse_filters(request)
    with request.app.state.desk.conn() as conn:
        page = Q.list_articles(conn, f, limit=PAGE_SIZE, cursor=request.query_params.get("cursor") or None)
    return render(request, "articles.html", rows=page.rows, next_cursor=page.next_cursor, params=params, f=f,
                  export=_export("articles", params, request))


@router.get("/articles/{doc_id}", response_class=HTMLResponse)
def article_page(request: Request, doc_id: str):
    with request.app.state.desk.conn() as conn:
        art = Q.article(conn, doc_id)
        if art is None:
            raise ApiError(404, "not_found", f"no article {doc_id}")
        copies = Q.copies(conn, doc_id)
        story = None
        if art.get("story_id"):
            story = (Q.story(conn, art["story_id"]) or {}).get("story")
    doc = art["doc"]
    body = highlight.render(doc.get("text") or "", highlight.marks_for(doc))
    return render(request, "article.html", art=art, doc=doc, body=body, copies=copies, story=story,
                  doc_json=json.dumps(doc, ensure_ascii=False, indent=1)[:200_000])


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request):
    f, params = parse_filters(request)
    kind = request.query_params.get("type", "articles")
    kind = kind if kind in ("articles", "quotes") else "articles"
    sort = "relevance" if request.query_params.get("sort") == "relevance" else "newest"
    text = (request.query_params.get("q") or "").strip()
    rows: list = []
    nxt = None
    if text:
        sf = Q.Filters(speaker=f.speaker, outlet=f.outlet, since=f.since, until=f.until)
        fn = Q.search_articles if kind == "articles" else Q.search_quotes
        with request.app.state.desk.conn() as conn:
            page = fn(conn, text, sf, limit=25, cursor=request.query_params.get("cursor") or None, sort=sort)
        rows, nxt = page.rows, page.next_cursor
    return render(request, "search.html", rows=rows, next_cursor=nxt, params={**params, "type": kind, "sort": sort}, kind=kind, sort=sort,
                  text=text, f=f)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request):
    desk = request.app.state.desk
    with desk.conn() as conn:
        rows = desk.cached(conn, ("actors",), lambda: Q.actors(conn))
    return render(request, "actors.html", rows=rows[:300], total=len(rows))
