"""Small helpers shared by the quote and event test modules (fixtures live in conftest.py)."""
from __future__ import annotations

import datetime as dt

PUBLISHED = dt.date(2023, 5, 2)


def one_quote(qs, starts: str):
    """The first quote whose text starts with ``starts`` (fails listing what was found)."""
    hits = [q for q in qs if q.text.startswith(starts)]
    assert hits, f"no quote starting {starts!r} in {[q.text for q in qs]}"
    return hits[0]


def quote_by_cue(qs, cue: str):
    """The first quote whose cue text is ``cue``."""
    hits = [q for q in qs if q.cue is not None and q.cue.text == cue]
    assert hits, f"no quote with cue {cue!r} in {[(q.text, q.cue.text if q.cue else None) for q in qs]}"
    return hits[0]


def code_events(nlp, text: str):
    """Events of ``text`` as the pipeline codes them (actor resolution first)."""
    from newsevents.actors import DocActors
    from newsevents.events import code_document
    from newsevents.pipeline import Context

    ctx = Context(doc=nlp(text), published=PUBLISHED)
    ctx.actors = DocActors(ctx)
    return code_document(ctx)


def country_pairs(evs, ptype: str | None = None):
    """{(source country, target country)} of the events (of one PLOVER type)."""
    return {(e.source.country if e.source else None, e.target.country if e.target else None)
            for e in evs if ptype in (None, e.plover.type)}
