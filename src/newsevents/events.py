"""CAMEO/PLOVER event coding (stub)."""
from __future__ import annotations

from .pipeline import Context, component


@component("events", version=1, requires=("doc", "entities", "quotes", "timexes"), assigns=("events",))
def events_component(ctx: Context) -> None:
    ctx.events = []
