"""Quotes and speakers (stub)."""
from __future__ import annotations

from .pipeline import Context, component


@component("quotes", version=1, requires=("doc", "entities"), assigns=("quotes",))
def quotes_component(ctx: Context) -> None:
    ctx.quotes = []
