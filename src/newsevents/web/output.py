"""Responses in JSON, CSV or NDJSON (streamed), and the one error envelope."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Iterator, Sequence

from fastapi import Request
from fastapi.responses import JSONResponse, StreamingResponse

FORMATS = ("json", "csv", "ndjson")
MEDIA = {"json": "application/json", "csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson"}
MAX_JSON_ROWS = 1000  # one JSON page; CSV and NDJSON exports stream up to MAX_EXPORT_ROWS
MAX_EXPORT_ROWS = 100_000


class ApiError(Exception):
    """An error answered with the envelope ``{"error": {"code", "message", "detail"}}``."""

    def __init__(self, status: int, code: str, message: str, detail: Any = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.detail = status, code, message, detail


def envelope(status: int, code: str, message: str, detail: Any = None, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "detail": detail}}, status_code=status,
                        headers=headers)


def negotiate(request: Request, fmt: str | None) -> str:
    """``?format=`` wins; else the Accept header (text/csv, application/x-ndjson); else JSON."""
    if fmt:
        return fmt
    accept = request.headers.get("accept", "")
    if "text/csv" in accept:
        return "csv"
    if "ndjson" in accept or "jsonlines" in accept:
        return "ndjson"
    return "json"


def next_url(request: Request, cursor: str | None) -> str | None:
    if not cursor:
        return None
    return str(request.url.include_query_params(cursor=cursor))


def rows_response(
    request: Request, rows: Iterable[dict[str, Any]], fmt: str, *, cursor: str | None,
    columns: Sequence[str] | None = None, filename: str = "export", extra: dict[str, Any] | None = None,
    on_close=None,
) -> Any:
    """A list of rows in the chosen format; CSV and NDJSON are streamed."""
    nxt = next_url(request, cursor)
    headers = {}
    if nxt:
        headers["Link"] = f'<{nxt}>; rel="next"'
        headers["X-Next-Cursor"] = cursor
    if fmt == "json":
        try:
            data = list(rows)
        finally:
            if on_close:
                on_close()
        body = {"data": data, "count": len(data), "next": nxt, "cursor": cursor, **(extra or {})}
        return JSONResponse(body, headers=headers)
    headers["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    gen = _csv(rows, columns) if fmt == "csv" else _ndjson(rows)
    return StreamingResponse(_closing(gen, on_close), media_type=MEDIA[fmt], headers=headers)


def _closing(gen: Iterator[str], on_close) -> Iterator[bytes]:
    try:
        buf: list[str] = []
        size = 0
        for s in gen:
            buf.append(s)
            size += len(s)
            if size > 64_000:
                yield "".join(buf).encode("utf-8")
                buf, size = [], 0
        if buf:
            yield "".join(buf).encode("utf-8")
    finally:
        if on_close:
            on_close()


def _ndjson(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for r in rows:
        yield json.dumps(r, ensure_ascii=False) + "\n"


def _csv(rows: Iterable[dict[str, Any]], columns: Sequence[str] | None) -> Iterator[str]:
    it = iter(rows)
    first = next(it, None)
    cols = list(first.keys()) if first is not None else list(columns or [])
    buf = io.StringIO()
    w = csv.writer(buf)

    def flush() -> str:
        s = buf.getvalue()
        buf.seek(0)
        buf.truncate()
        return s

    w.writerow(cols)
    if first is not None:
        w.writerow([_cell(first.get(c)) for c in cols])
        for r in it:
            w.writerow([_cell(r.get(c)) for c in cols])
            if buf.tell() > 32_000:
                yield flush()
    yield flush()


def _cell(v: Any) -> Any:
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return "" if v is None else v
