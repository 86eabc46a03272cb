"""Time expressions normalized to TIMEX3 values (stub)."""
from __future__ import annotations

from .pipeline import Context, component


@component("timexes", version=1, requires=("doc",), assigns=("timexes",))
def timex_component(ctx: Context) -> None:
    ctx.timexes = []
