"""The Desk application: REST API + dashboard over one store, with one error envelope."""
from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable, Iterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from . import queries as Q
from .output import ApiError, envelope

HERE = Path(__file__).resolve().parent
log = logging.getLogger("newsevents.web")
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         406: "not_acceptable", 413: "too_large", 415: "unsupported_media_type", 422: "validation_error",
         429: "too_many_requests", 500: "internal_error", 501: "not_implemented"}


class Desk:
    """What every request needs: the store path, tokens, a small cache."""

    def __init__(self, path: str, *, write_token: str | None = None, read_token: str | None = None) -> None:
        self.path = path
        self.write_token = write_token or None
        self.read_token = read_token or None
        self._cache: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._compute = threading.Lock()

    def connect(self):
        if not Path(self.path).exists():
            raise ApiError(503, "no_store", f"no store at {self.path}", "ingest documents first")
        return Q.connect_ro(self.path)

    @contextlib.contextmanager
    def conn(self) -> Iterator[Any]:
        c = self.connect()
        try:
            yield c
        finally:
            c.close()

    def warm(self) -> None:
        """Compute the overview's aggregates once at start, so the first visitor does not wait."""
        try:
            with self.conn() as conn:
                self.cached(conn, ("counts",), lambda: Q.counts(conn))
                self.cached(conn, ("daily",), lambda: Q.daily_counts(conn))
                self.cached(conn, ("dyads", 12, None), lambda: Q.top_dyads(conn, limit=12))
                self.cached(conn, ("actors",), lambda: Q.actors(conn))
        except Exception:  # a cold cache is only slower
            log.debug("cache warm-up failed", exc_info=True)

    def cached(self, conn, key: tuple, compute: Callable[[], Any]) -> Any:
        """Aggregates are cached until the store changes (highest rowids move)."""
        full = (key, Q.version(conn))
        with self._lock:
            if full in self._cache:
                self._cache.move_to_end(full)
                return self._cache[full]
        with self._compute:  # one computation at a time: a request arriving during warm-up waits for it
            with self._lock:
                if full in self._cache:
                    return self._cache[full]
            value = compute()
        with self._lock:
            self._cache[full] = value
            while len(self._cache) > 256:
                self._cache.popitem(last=False)
        return value


def create_app(db: str | None = None, *, write_token: str | None = None, read_token: str | None = None,
               indexes: bool = True) -> FastAPI:
    """The Desk app for store ``db`` (path or sqlite:///path; default $NEWSEVENTS_DB or newsevents.db)."""
    from ..store import sqlite_path

    path = sqlite_path(db or os.environ.get("NEWSEVENTS_DB"))
    desk = Desk(path, write_token=write_token if write_token is not None else os.environ.get("NEWSEVENTS_WRITE_TOKEN"),
                read_token=read_token if read_token is not None else os.environ.get("NEWSEVENTS_READ_TOKEN"))
    if indexes and Path(path).exists():
        Q.ensure_indexes(path)
        threading.Thread(target=desk.warm, name="desk-warm", daemon=True).start()
    app = FastAPI(
        title="newsevents Desk API", version=__version__,
        description="Articles, quotes, CAMEO/PLOVER events, actors, dyads and stories from a newsevents store. "
                    "Lists take filters in the query string, page with an opaque `cursor` (follow `next`), and "
                    "answer JSON, CSV or NDJSON (`?format=` or the Accept header). Every error is "
                    '`{"error": {"code", "message", "detail"}}`.',
        docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json",
    )
    app.state.desk = desk

    from .api import router
    from .pages import router as pages_router

    app.include_router(router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _errors(app)
    return app


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


def _error(request: Request, status: int, code: str, message: str, detail: Any = None, headers=None):
    if _wants_html(request):
        from .pages import error_page

        return error_page(request, status, code, message, detail)
    return envelope(status, code, message, detail, headers=headers)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        return _error(request, exc.status, exc.code, exc.message, exc.detail)

    @app.exception_handler(Q.BadRequest)
    async def bad_request(request: Request, exc: Q.BadRequest):
        return _error(request, 400, "bad_request", str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        code = CODES.get(exc.status_code, f"http_{exc.status_code}")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return _error(request, exc.status_code, code, message, None, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]
        where = ", ".join(".".join(str(p) for p in d["loc"][1:] or d["loc"]) for d in detail)
        return _error(request, 422, "validation_error", f"invalid request: {where}", detail)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return _error(request, 500, "internal_error", "the server failed to answer this request",
                      type(exc).__name__)


def serve(db: str | None, host: str, port: int, *, write_token: str | None, read_token: str | None) -> None:
    import uvicorn

    app = create_app(db, write_token=write_token, read_token=read_token)
    uvicorn.run(app, host=host, port=port, log_level="info")


__all__ = ["create_app", "serve", "Desk", "HTMLResponse"]
