"""``extract``: one raw document → a fully annotated :class:`Document`."""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from . import nlp as nlp_mod
from .clean import clean
from .errors import E, NewsEventsError, RejectedInput
from .model import Document, Sentence
from .pipeline import Context, components


def parse_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError as exc:
        raise NewsEventsError(E.E009, value=value) from exc


def content_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def extract(
    text_or_html: str,
    *,
    published: str | dt.date | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    input: dict[str, Any] | None = None,
    model: str | None = None,
) -> Document:
    """Clean, parse and annotate one document (plain text; HTML is detected and extracted)."""
    meta: dict[str, Any] = {}
    raw = text_or_html
    if _looks_like_html(raw):
        from .sources import html_to_text

        meta = html_to_text(raw, url=url)
        raw = meta.pop("text")
    pub = parse_date(published) or parse_date(meta.get("published"))
    cleaned = clean(raw)
    if not cleaned.text.strip():
        raise RejectedInput(E.E002)
    nlp = nlp_mod.load(model)
    doc = nlp(cleaned.text)
    ctx = Context(doc=doc, published=pub)
    for comp in components():
        comp(ctx)
    notes = list(ctx.notes)
    if pub is None:
        notes.append("no publication date: relative time expressions are left unresolved")
    return Document(
        id=content_id(cleaned.text),
        text=cleaned.text,
        input=dict(input or {"path": None, "format": "html" if meta else "text"}),
        title=title or meta.get("title"),
        published=pub.isoformat() if pub else None,
        outlet=outlet or meta.get("outlet"),
        url=url or meta.get("url"),
        author=meta.get("author"),
        original_source=cleaned.original_source,
        language="en",
        repairs=cleaned.repairs,
        sentences=tuple(Sentence(s.start_char, s.end_char) for s in doc.sents if s.text.strip()),
        entities=tuple(ctx.entities),
        quotes=tuple(ctx.quotes),
        timexes=tuple(ctx.timexes),
        events=tuple(ctx.events),
        notes=tuple(notes),
    )


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or ("<body" in head and "</" in text)
