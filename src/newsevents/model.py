"""Frozen data classes for everything newsevents extracts.

Every annotation is a span of character offsets into ``Document.text`` (the
cleaned text); strings are copied only for readability in JSON output.
``to_json`` produces the stable ``newsevents.document/1`` schema.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass
from functools import lru_cache
from typing import Any

SCHEMA = "newsevents.document/1"


@dataclass(frozen=True)
class Actor:
    """A normalized actor: ISO 3166-1 alpha-3 country (or IGO code) plus sector."""

    id: str
    name: str
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class Repair:
    """One change made while cleaning; ``start``/``end`` cover ``fixed`` in the cleaned text."""

    start: int
    end: int
    raw: str
    fixed: str
    kind: str


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    text: str
    label: str
    actor: Actor | None = None


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Speaker:
    """Who said a quote. ``text``/offsets is the mention at the cue; ``name`` the resolved name."""

    text: str
    start: int
    end: int
    name: str
    actor: Actor | None = None
    role: str | None = None
    confidence: float = 1.0


@dataclass(frozen=True)
class Quote:
    id: str
    start: int
    end: int
    text: str
    kind: str  # direct | indirect | mixed
    cue: Span | None = None
    speaker: Speaker | None = None
    confidence: float = 1.0


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str


@dataclass(frozen=True)
class Plover:
    type: str
    mode: str | None = None
    context: str | None = None


@dataclass(frozen=True)
class EventActor:
    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class Event:
    id: str
    sentence: int
    trigger: Span
    plover: Plover
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    source: EventActor | None
    target: EventActor | None
    modality: str  # asserted | negated | hypothetical | future
    date: str | None
    date_precision: str | None
    quote_id: str | None
    coder: str
    confidence: float
    # How ``date`` was found: "timex" (a governing time expression) or "published"
    # (the event is reported as happening now, so the publication date is assumed).
    date_basis: str | None = None


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    input: dict[str, Any] = field(default_factory=dict)
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    original_source: str | None = None
    language: str = "en"
    repairs: tuple[Repair, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    timexes: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The ``newsevents.document/1`` JSON object (lists, never missing keys)."""
        out: dict[str, Any] = {"schema": SCHEMA}
        for f in fields(self):
            out[f.name] = _plain(getattr(self, f.name))
        return out


def _plain(value: Any) -> Any:
    if is_dataclass(value):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def document_from_json(data: dict[str, Any]) -> Document:
    """Rebuild a :class:`Document` from its ``newsevents.document/1`` JSON (unknown keys ignored)."""
    return _build(Document, data)


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    import typing

    return typing.get_type_hints(cls)


def _build(cls: type, data: Any) -> Any:
    if data is None:
        return None
    hints = _hints(cls)
    kwargs = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        kwargs[f.name] = _coerce(hints[f.name], data[f.name])
    return cls(**kwargs)


def _coerce(hint: Any, value: Any) -> Any:
    import types
    import typing

    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            if arg is not type(None):
                return _coerce(arg, value)
    if origin is tuple and args:
        return tuple(_coerce(args[0], v) for v in value)
    if is_dataclass(hint):
        return _build(hint, value)
    return value
