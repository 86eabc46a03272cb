"""The article text with its annotations highlighted, from character offsets.

Spans may nest or overlap (an entity inside a quote, a trigger inside both), so the text
is cut at every span boundary into flat segments; each segment is one escaped ``<span>``
carrying the classes of every annotation that covers it. The markup is therefore always
well-formed whatever the offsets, and no text is ever inserted unescaped.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    cls: str
    tip: str = ""
    anchor: str | None = None  # id placed on the first segment
    data: str | None = None  # data-ref of the segment (e.g. the quote id)


def local_id(any_id: str | None, i: int) -> str:
    """The document-local part of a quote or event id (the store prefixes ``DOCID:``)."""
    return str(any_id).rsplit(":", 1)[-1] if any_id else str(i + 1)


def marks_for(doc: dict[str, Any]) -> list[Mark]:
    """Quotes, speakers, cues, entities, time expressions and event triggers of a document JSON."""
    out: list[Mark] = []
    for i, q in enumerate(doc.get("quotes") or []):
        sp = q.get("speaker") or {}
        who = sp.get("name") or "unattributed"
        out.append(Mark(q["start"], q["end"], f"quote quote-{q.get('kind', 'direct')}",
                        f"{q.get('kind', 'quote')} quote — {who}", anchor=f"q-{local_id(q.get('id'), i)}",
                        data=q.get("id")))
        if sp and sp.get("start") is not None:
            out.append(Mark(sp["start"], sp["end"], "speaker", f"speaker: {who}" + (f" ({sp['role']})" if sp.get("role") else "")))
        cue = q.get("cue")
        if cue:
            out.append(Mark(cue["start"], cue["end"], "cue", "quote cue"))
    for e in doc.get("entities") or []:
        actor = e.get("actor") or {}
        tip = f"{e.get('label')}" + (f" → {actor.get('name')} [{actor.get('country') or actor.get('id')}]" if actor else "")
        out.append(Mark(e["start"], e["end"], f"ent ent-{str(e.get('label', 'X')).lower()}", tip))
    for t in doc.get("timexes") or []:
        out.append(Mark(t["start"], t["end"], "timex", f"{t.get('type')} {t.get('value')}"))
    for i, ev in enumerate(doc.get("events") or []):
        tr = ev.get("trigger") or {}
        if tr.get("start") is None:
            continue
        src = (ev.get("source") or {}).get("country") or "?"
        tgt = (ev.get("target") or {}).get("country") or "?"
        plover = (ev.get("plover") or {}).get("type")
        out.append(Mark(tr["start"], tr["end"], "trigger",
                        f"event {ev.get('cameo')} {plover}: {src} → {tgt} ({ev.get('modality')})", anchor=f"ev-{local_id(ev.get('id'), i)}"))
    return out


def render(text: str, marks: list[Mark]) -> Markup:
    """Escaped text with one ``<span>`` per annotated segment."""
    n = len(text)
    marks = [m for m in marks if 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in marks), *(m.end for m in marks)})
    starts: dict[int, list[Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    placed: set[str] = set()
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        seg = escape(text[a:b])
        if not active:
            out.append(str(seg))
            continue
        classes = " ".join(dict.fromkeys(c for m in active for c in m.cls.split()))
        tip = " · ".join(dict.fromkeys(m.tip for m in active if m.tip))
        attrs = f' class="{escape(classes)}"'
        if tip:
            attrs += f' title="{escape(tip)}"'
        ids = [m.anchor for m in active if m.anchor and m.start == a and m.anchor not in placed]
        if ids:
            attrs += f' id="{escape(ids[0])}"'
            out.extend(f'<span id="{escape(i)}"></span>' for i in ids[1:])
            placed.update(ids)
        refs = [m.data for m in active if m.data]
        if refs:
            attrs += f' data-ref="{escape(refs[0])}"'
        out.append(f"<span{attrs}>{seg}</span>")
    return Markup("".join(out))
