"""``extract``: one raw document → a fully annotated :class:`Document`."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from . import nlp as nlp_mod
from .clean import clean
from .errors import E, NewsEventsError, RejectedInput
from .model import Document, Sentence
from .pipeline import Context, components
from .sources import RawDoc


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
    author: str | None = None,
    input: dict[str, Any] | None = None,
    model: str | None = None,
    html: bool | None = None,
) -> Document:
    """Clean, parse and annotate one document.

    ``html=None`` detects HTML; its main text and metadata come from trafilatura.
    """
    meta: dict[str, Any] = {}
    raw = text_or_html
    if html or (html is None and _looks_like_html(raw)):
        from .sources import html_to_text

        meta = html_to_text(raw, url=url)
        raw = meta.pop("text")
    pub = parse_date(published)
    if pub is None and meta.get("published"):
        try:  # a page's own date is best effort; only a user-given date must be valid
            pub = parse_date(meta["published"])
        except NewsEventsError:
            pub = None
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
        author=author or meta.get("author"),
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
    from .sources import sniff

    return sniff(text) == "html"


@dataclass(frozen=True)
class Outcome:
    """The result of processing one input: a document, or the reason it was rejected."""

    raw: RawDoc
    document: Document | None = None
    code: str | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.document is not None


def process(raw: RawDoc, *, published: str | dt.date | None = None, model: str | None = None) -> Outcome:
    """Process one raw input; every failure becomes a rejection with a catalogue code.

    This is the per-document error handler: one bad article never stops a batch.
    """
    if raw.error is not None:
        return Outcome(raw, code=raw.error.code, reason=raw.error.message)
    meta = raw.meta
    try:
        doc = extract(
            raw.text if raw.text is not None else (raw.html or ""),
            published=published or meta.get("published"),
            title=meta.get("title"),
            outlet=meta.get("outlet"),
            url=meta.get("url"),
            author=meta.get("author"),
            input=raw.input,
            model=model,
            html=raw.html is not None and raw.text is None,
        )
    except NewsEventsError as err:
        return Outcome(raw, code=err.code, reason=err.message)
    except Exception as exc:  # never a traceback for one document
        err = NewsEventsError(E.E011, detail=f"{type(exc).__name__}: {exc}")
        return Outcome(raw, code=err.code, reason=err.message)
    return Outcome(raw, document=doc)
