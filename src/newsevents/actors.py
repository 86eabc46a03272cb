"""Actors: names, metonyms and office holders → country + sector.

FIRST-VERSION STUB: the public interface below is stable; the lexicon and the
resolution logic are being filled in (data file ``data/actors.json``).
"""
from __future__ import annotations

import datetime as dt

from .model import Actor, Entity
from .pipeline import Context, component

NER_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")


def resolve(text: str, *, on: dt.date | None = None) -> Actor | None:
    """Resolve a free-text actor mention ("Moscow", "Russian troops", "Joe Biden",
    "the Ukrainian foreign minister") to an Actor, using roles valid on ``on``."""
    return None


class DocActors:
    """Per-document actor resolution: surnames/titles resolve to full names seen earlier."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def for_span(self, start: int, end: int) -> tuple[str, Actor | None]:
        """Canonical name and actor for the mention at ``[start, end)`` of the cleaned text
        (``Mr Kuleba`` → ``Dmytro Kuleba``; ``the Kremlin`` → RUS GOV)."""
        text = self.ctx.text[start:end]
        return text, resolve(text, on=self.ctx.published)


@component("entities", version=1, requires=("doc",), assigns=("entities", "actors"))
def entities_component(ctx: Context) -> None:
    ctx.actors = DocActors(ctx)
    ctx.entities = [
        Entity(e.start_char, e.end_char, e.text, e.label_, ctx.actors.for_span(e.start_char, e.end_char)[1])
        for e in ctx.doc.ents
        if e.label_ in NER_LABELS
    ]
