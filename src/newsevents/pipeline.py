"""The processing pipeline: small components over one spaCy ``Doc``.

Like spaCy's own pipes, each component declares what it requires and what it
assigns, and carries a versioned name (``quotes.v1``) that is stored with what
it produced.  Components read and write a per-document :class:`Context`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable

from spacy.tokens import Doc

from .model import Entity, Event, Quote, Timex


@dataclass
class Context:
    """Everything known about one document while components run."""

    doc: Doc
    published: dt.date | None
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Per-document actor resolution (``actors.DocActors``), set by the entities component.
    actors: Any = None

    @property
    def text(self) -> str:
        return self.doc.text


@dataclass(frozen=True)
class Component:
    name: str
    version: int
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    func: Callable[[Context], None]

    @property
    def coder(self) -> str:
        return f"{self.name}.v{self.version}"

    def __call__(self, ctx: Context) -> None:
        self.func(ctx)


REGISTRY: dict[str, Component] = {}


def component(
    name: str, *, version: int, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[Callable[[Context], None]], Callable[[Context], None]]:
    """Register a component function under a versioned name."""

    def register(func: Callable[[Context], None]) -> Callable[[Context], None]:
        REGISTRY[name] = Component(name, version, tuple(requires), tuple(assigns), func)
        return func

    return register


DEFAULT_COMPONENTS = ("entities", "timexes", "quotes", "events")


def components(names: Iterable[str] = DEFAULT_COMPONENTS) -> list[Component]:
    """Resolve component names (importing the modules that register them)."""
    return list(_resolved(tuple(names)))


@lru_cache(maxsize=16)
def _resolved(names: tuple[str, ...]) -> tuple[Component, ...]:
    # Resolved once per process: extract() asks for the pipeline on every document.
    from . import actors, events, quotes, timex  # noqa: F401  (registration side effects)

    out = []
    have: set[str] = {"doc"}
    for name in names:
        comp = REGISTRY[name]
        missing = [r for r in comp.requires if r not in have]
        if missing:
            raise ValueError(f"component {name!r} requires {missing} from an earlier component")
        have.update(comp.assigns)
        out.append(comp)
    return tuple(out)


def coder_versions() -> dict[str, str]:
    """Name → versioned coder string, for provenance."""
    return {c.name: c.coder for c in components()}
