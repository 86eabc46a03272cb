"""Small server-side SVG charts (no JavaScript needed): time lines and the dyad chart."""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Sequence

from markupsafe import Markup, escape

QUAD_CLASS = {1: "q1", 2: "q2", 3: "q3", 4: "q4"}
QUAD_LABEL = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def _date(s: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(s[:10])
    except (TypeError, ValueError):
        return None


def fill_days(rows: Sequence[dict[str, Any]], keys: Sequence[str], *, max_points: int = 400) -> tuple[list[dict], str]:
    """Rows keyed by ``day`` → a gap-free series (days, or weeks/months when the span is long)."""
    dated = [(d, r) for r in rows if (d := _date(r.get("day") or ""))]
    if not dated:
        return [], "day"
    lo, hi = min(d for d, _ in dated), max(d for d, _ in dated)
    span = (hi - lo).days + 1
    unit = "day" if span <= max_points else ("week" if span <= max_points * 7 else "month")

    def bucket(d: dt.date) -> dt.date:
        if unit == "week":
            return d - dt.timedelta(days=d.weekday())
        if unit == "month":
            return d.replace(day=1)
        return d

    out: dict[dt.date, dict[str, Any]] = {}
    d = bucket(lo)
    while d <= hi:
        out[d] = {"day": d.isoformat(), **{k: 0 for k in keys}}
        if unit == "month":
            d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        else:
            d += dt.timedelta(days=7 if unit == "week" else 1)
    for day, r in dated:
        slot = out.setdefault(bucket(day), {"day": bucket(day).isoformat(), **{k: 0 for k in keys}})
        for k in keys:
            slot[k] += r.get(k) or 0
    return [out[k] for k in sorted(out)], unit


def _ticks(points: list[dict], n: int = 6) -> list[tuple[int, str]]:
    if not points:
        return []
    step = max(1, len(points) // n)
    return [(i, points[i]["day"]) for i in range(0, len(points), step)]


def timeline(rows: Sequence[dict[str, Any]], series: Sequence[tuple[str, str]], *, width: int = 760,
             height: int = 220, title: str = "") -> Markup:
    """Lines of counts per day (``series``: (key, label)); a legend; accessible title."""
    keys = [k for k, _ in series]
    pts, unit = fill_days(rows, keys)
    if not pts:
        return Markup('<p class="empty">No dated items yet.</p>')
    pad_l, pad_r, pad_t, pad_b = 40, 10, 10, 28
    w, h = width - pad_l - pad_r, height - pad_t - pad_b
    top = max(1, max(p[k] for p in pts for k in keys))
    n = len(pts)
    x = lambda i: pad_l + (w * (i + 0.5) / n)  # noqa: E731
    y = lambda v: pad_t + h - h * v / top  # noqa: E731
    parts = [f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(title)} per {unit}" preserveAspectRatio="xMidYMid meet">',
             f"<title>{escape(title)} per {unit}</title>"]
    parts += _axes(pts, pad_l, pad_t, w, h, top, x)
    for idx, (k, label) in enumerate(series):
        line = " ".join(f"{x(i):.1f},{y(p[k]):.1f}" for i, p in enumerate(pts))
        parts.append(f'<polyline class="line s{idx}" points="{line}"><title>{escape(label)}</title></polyline>')
        if n <= 60:
            parts += [f'<circle class="dot s{idx}" cx="{x(i):.1f}" cy="{y(p[k]):.1f}" r="2.5">'
                      f'<title>{p["day"]}: {p[k]} {escape(label)}</title></circle>' for i, p in enumerate(pts)]
    parts.append("</svg>")
    legend = "".join(f'<span class="key s{i}">{escape(label)}</span>' for i, (_, label) in enumerate(series))
    return Markup(f'<figure class="figure">{"".join(parts)}<figcaption>{legend} · per {unit}</figcaption></figure>')


def _axes(pts, pad_l, pad_t, w, h, top, x) -> list[str]:
    out = [f'<line class="axis" x1="{pad_l}" y1="{pad_t + h}" x2="{pad_l + w}" y2="{pad_t + h}"/>',
           f'<text class="tick" x="{pad_l - 4}" y="{pad_t + 8}" text-anchor="end">{top:g}</text>',
           f'<text class="tick" x="{pad_l - 4}" y="{pad_t + h}" text-anchor="end">0</text>']
    for i, day in _ticks(pts):
        out.append(f'<text class="tick" x="{x(i):.1f}" y="{pad_t + h + 16}" text-anchor="middle">{day[5:] if len(pts) < 400 else day[:7]}</text>')
    return out


def dyad_chart(rows: Sequence[dict[str, Any]], link: Callable[[str, str], str], *, selected: str | None = None,
               width: int = 760, height: int = 280) -> Markup:
    """Stacked bars of events per day by quad class and the cumulative Goldstein line.

    Every day is a link (``link(day, unit)``): clicking a bar or a point lists that day's events.
    """
    pts, unit = fill_days(rows, ["q1", "q2", "q3", "q4", "goldstein", "events"])
    if not pts:
        return Markup('<p class="empty">No dated events for this dyad.</p>')
    pad_l, pad_r, pad_t, pad_b = 40, 48, 12, 28
    w, h = width - pad_l - pad_r, height - pad_t - pad_b
    n = len(pts)
    top = max(1, max(p["events"] for p in pts))
    cum, acc = [], 0.0
    for p in pts:
        acc += p["goldstein"]
        cum.append(acc)
    g_lo, g_hi = min(0.0, *cum), max(0.0, *cum)
    g_span = (g_hi - g_lo) or 1.0
    bw = w / n
    bar = min(max(bw * 0.8, 1.0), 36.0)
    x = lambda i: pad_l + bw * (i + 0.5)  # noqa: E731
    y = lambda v: pad_t + h - h * v / top  # noqa: E731
    gy = lambda v: pad_t + h - h * (v - g_lo) / g_span  # noqa: E731
    parts = [f'<svg class="chart dyad" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="events per {unit} by quad class and cumulative Goldstein score">',
             f"<title>Events per {unit} by quad class; line: cumulative Goldstein score</title>"]
    parts += _axes(pts, pad_l, pad_t, w, h, top, x)
    parts.append(f'<line class="zero" x1="{pad_l}" x2="{pad_l + w}" y1="{gy(0):.1f}" y2="{gy(0):.1f}"/>')
    parts.append(f'<text class="tick g" x="{pad_l + w + 4}" y="{gy(g_hi) + 8:.1f}">{g_hi:+.0f}</text>')
    parts.append(f'<text class="tick g" x="{pad_l + w + 4}" y="{gy(g_lo):.1f}">{g_lo:+.0f}</text>')
    for i, p in enumerate(pts):
        if not p["events"]:
            continue
        base = 0
        sel = " selected" if selected and p["day"] == selected else ""
        tip = (f'{p["day"]}: {p["events"]} events (' + ", ".join(f'{p[f"q{q}"]} {QUAD_LABEL[q]}' for q in (1, 2, 3, 4)
                                                               if p[f"q{q}"]) + f'); Goldstein {p["goldstein"]:+.1f}')
        bars = []
        for q in (1, 2, 3, 4):
            v = p[f"q{q}"]
            if v:
                bars.append(f'<rect class="bar q{q}" x="{x(i) - bar / 2:.1f}" width="{bar:.1f}" '
                            f'y="{y(base + v):.1f}" height="{y(base) - y(base + v):.1f}"/>')
                base += v
        parts.append(f'<a class="day{sel}" href="{escape(link(p["day"], unit))}" data-day="{p["day"]}">'
                     f'<title>{escape(tip)}</title>'
                     f'<rect class="hit" x="{x(i) - bw / 2:.1f}" y="{pad_t}" width="{bw:.1f}" height="{h}"/>'
                     + "".join(bars) + "</a>")
    line = " ".join(f"{x(i):.1f},{gy(v):.1f}" for i, v in enumerate(cum))
    parts.append(f'<polyline class="escalation" points="{line}"/>')
    for i, (p, v) in enumerate(zip(pts, cum)):
        if p["events"]:
            parts.append(f'<a class="point" href="{escape(link(p["day"], unit))}"><title>{p["day"]}: cumulative Goldstein '
                         f'{v:+.1f}</title><circle cx="{x(i):.1f}" cy="{gy(v):.1f}" r="4"/></a>')
    parts.append("</svg>")
    legend = "".join(f'<span class="key q{q}">{QUAD_LABEL[q]}</span>' for q in (1, 2, 3, 4))
    legend += '<span class="key esc">cumulative Goldstein (escalation ↓)</span>'
    return Markup(f'<figure class="figure">{"".join(parts)}<figcaption>{legend} · per {unit}; '
                  f"click a bar or point for that {unit}'s events</figcaption></figure>")
