"""Ingesting one document posted to the API (text, HTML, or a URL fetched by ``newsevents.fetch``)."""
from __future__ import annotations

import hashlib
from typing import Any

from .output import ApiError


def _fetcher():
    """The sources engineer's fetch function, if there is one (``newsevents.fetch``)."""
    try:
        from .. import fetch as fetch_mod  # type: ignore[attr-defined]
    except ImportError:
        return None
    for name in ("fetch_url", "fetch"):
        fn = getattr(fetch_mod, name, None)
        if callable(fn):
            return fn
    return None


def _raw_from_fetch(result: Any, url: str):
    from ..sources import RawDoc, read_bytes

    if isinstance(result, RawDoc):
        return result
    if isinstance(result, dict):
        result = result.get("html") or result.get("text") or result.get("content") or b""
    content = getattr(result, "content", None)  # e.g. an httpx.Response
    if content is not None and not isinstance(result, (bytes, str)):
        result = content
    data = result.encode("utf-8") if isinstance(result, str) else bytes(result or b"")
    return next(iter(read_bytes(data, path=url, fmt=None)))


def ingest(db_path: str, body: dict[str, Any]) -> dict[str, Any]:
    """Extract and store one document; raises :class:`ApiError` when it cannot be stored."""
    from ..core import process
    from ..sources import RawDoc
    from ..store import Store

    meta = {k: body[k] for k in ("url", "title", "published", "outlet", "author") if body.get(k)}
    if body.get("text") or body.get("html"):
        content = body.get("text") or body.get("html")
        key = "api:" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]
        if body.get("text"):
            raw = RawDoc(key, "api", "text", text=body["text"], meta=meta)
        else:
            raw = RawDoc(key, "api", "html", html=body["html"], meta=meta)
    elif body.get("url"):
        fetch = _fetcher()
        if fetch is None:
            raise ApiError(501, "not_implemented", "fetching URLs is not available on this server",
                           "send the document's text or html instead")
        try:
            raw = _raw_from_fetch(fetch(body["url"]), body["url"])
        except ApiError:
            raise
        except Exception as exc:
            raise ApiError(502, "fetch_failed", f"could not fetch {body['url']}", f"{type(exc).__name__}: {exc}")
        if not raw.meta.get("url"):
            raw = RawDoc(raw.key, raw.path, raw.format, text=raw.text, html=raw.html, line=raw.line,
                         meta={**meta, **raw.meta}, error=raw.error)
    else:
        raise ApiError(422, "validation_error", "send text, html or url", None)
    out = process(raw, published=body.get("published"))
    with Store(db_path) as store:
        if not out.ok:
            store.reject(input_key=raw.key, path=raw.path, line=raw.line, fmt=raw.format,
                         code=out.code or "E011", reason=out.reason or "")
            raise ApiError(422, out.code or "E011", out.reason or "the document was rejected", {"input": raw.path})
        res = store.put(out.document)
    doc = out.document
    return {"status": res.status, "id": res.doc_id, "quotes": len(doc.quotes), "events": len(doc.events)}
