"""Calendar arithmetic for TIMEX3 values: durations, ISO weeks, quarters, and
resolving underspecified dates (a bare weekday or month) against an anchor date
in a direction given by tense or cue words.

Week convention: ISO 8601 weeks (``2022-W06``).
"""
from __future__ import annotations

import datetime as dt
import re

def duration(n: float | None, unit: str) -> str:
    """``P2W``, ``PT5H30M``, ``PXY`` (n None = vague)."""
    if unit == "2W":
        unit, n = "W", (n or 1) * 2 if n is not None else None
    if unit == "WE":
        return "P2D" if n == 1 else (f"P{int(n * 2)}D" if n else "PXWE")
    if unit == "Q":
        unit, n = "M", n * 3 if n is not None else None
        if n is None:
            return "PXQ"
    if unit == "DE":
        return "P10Y" if n == 1 else (f"P{_fmt(n * 10)}Y" if n else "PXDE")
    if unit == "CE":
        return "P100Y" if n == 1 else (f"P{_fmt(n * 100)}Y" if n else "PXCE")
    if unit == "ML":
        return f"P{_fmt(n * 1000)}Y" if n else "PXML"
    timey = unit in ("H", "S", "MIN")
    if unit == "MIN":
        unit = "M"
    if n is None:
        return f"PTX{unit}" if timey else f"PX{unit}"
    if n != int(n):  # 2 1/2 years -> P2Y6M, 5 1/2 hours -> PT5H30M
        sub = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60)}.get(unit) if not timey or unit == "H" else None
        if sub:
            whole, frac = int(n), n - int(n)
            lead = "PT" if unit in ("D",) and whole == 0 else ("PT" if unit == "H" else "P")
            if unit == "D":
                return (f"P{whole}DT" if whole else "PT") + f"{int(frac * sub[1])}H"
            head = f"{whole}{unit}" if whole else ""
            return f"{lead}{head}{int(round(frac * sub[1]))}{sub[0]}"
        if unit == "M" and timey:  # a minute and a half -> PT1M30S
            return f"PT{int(n)}M{int(round((n - int(n)) * 60))}S" if int(n) else f"PT{int(round(n * 60))}S"
    return f"PT{_fmt(n)}{unit}" if timey else f"P{_fmt(n)}{unit}"


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


# ---- calendar arithmetic -------------------------------------------------------------------
def add_months(d: dt.date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _sign(tense: str | None, cue: str | None) -> int:
    """-1 past, +1 future, 0 unknown; explicit cue words win over tense."""
    if cue in ("last", "past", "previous", "preceding", "ago", "earlier", "before", "back", "recent", "prior"):
        return -1
    if cue in ("next", "coming", "following", "later", "from now", "hence", "upcoming", "after", "ahead"):
        return 1
    return {"past": -1, "future": 1}.get(tense or "", 0)


def resolve_weekday(anchor: dt.date, wd: int, direction: int) -> dt.date:
    """Nearest ``wd`` (1=Monday): past -> within the last 7 days including today,
    future -> within the next 7 days excluding today, unknown -> the last five days or tomorrow."""
    delta = wd - anchor.isoweekday()
    if direction < 0:
        if delta > 0:
            delta -= 7
    elif direction > 0:
        if delta <= 0:
            delta += 7
    else:  # no tense: news mostly looks back; only tomorrow is more likely than the last five days
        if delta > 1:
            delta -= 7
        elif delta < -5:
            delta += 7
    return anchor + dt.timedelta(days=delta)


def resolve_month_year(anchor: dt.date, month: int, direction: int) -> int:
    """The year of a month named without one.  Past: the latest such month, except the month right after
    publication, which a past-tense report names as a deadline ("the offer was extended to Nov. 16")
    rather than as the month eleven months back."""
    if direction < 0:
        return anchor.year - 1 if month > anchor.month + 1 else anchor.year
    if direction > 0:
        return anchor.year + 1 if month < anchor.month else anchor.year
    diff = month - anchor.month
    if diff > 6:
        return anchor.year - 1
    if diff < -6:
        return anchor.year + 1
    return anchor.year


def nth_weekday(year: int, month: int, wd: int, n: int) -> dt.date:
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return nxt - dt.timedelta(days=(nxt.isoweekday() - wd) % 7)


def easter(year: int) -> dt.date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month = (h + ll - 7 * m + 114) // 31
    return dt.date(year, month, (h + ll - 7 * m + 114) % 31 + 1)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def _year2(text: str, anchor: dt.date | None) -> int:
    """Two-digit years: the century that puts the year closest to (and not far after) the anchor."""
    y = int(text)
    if len(text) == 4:
        return y
    base = (anchor.year if anchor else 2000) // 100 * 100
    y += base
    if anchor and y > anchor.year + 20:
        y -= 100
    return y


def _season_of(d: dt.date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


def _unit_value(a: dt.date | None, unit: str | None, off: int) -> str:
    """The calendar unit containing ``a`` shifted by ``off`` units, at that unit's granularity."""
    if a is None:
        return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX", "DE": "XXX", "CE": "XX"}.get(unit or "", "XXXX")
    if unit == "D":
        return (a + dt.timedelta(days=off)).isoformat()
    if unit == "W":
        return iso_week(a + dt.timedelta(weeks=off))
    if unit == "M":
        y, mo = add_months(a, off)
        return f"{y:04d}-{mo:02d}"
    if unit == "Q":
        y, mo = add_months(a, off * 3)
        return f"{y:04d}-Q{(mo - 1) // 3 + 1}"
    if unit == "DE":
        return f"{a.year // 10 + off:03d}"
    if unit == "CE":
        return f"{a.year // 100 + off:02d}"
    return f"{a.year + off:04d}"


def _shift(a: dt.date | None, unit: str | None, n: int, ref_quarter: str | None) -> str:
    """``n`` units from ``a`` (negative = ago), at the unit's granularity."""
    if unit == "Y" and ref_quarter and re.fullmatch(r"\d{4}-Q\d", ref_quarter):
        return f"{int(ref_quarter[:4]) + n:04d}{ref_quarter[4:]}"  # "a year ago" beside "the third quarter"
    if a is None:
        return _unit_value(None, unit, 0)
    if unit in ("H", "MIN", "S"):
        return a.isoformat()
    if unit == "WE":
        unit = "W"
    if unit == "DE":
        return f"{a.year - 10 * -n if n else a.year:04d}"
    if unit == "CE":
        return f"{(a.year + 100 * n) // 100:02d}"
    return _unit_value(a, unit, n)


def holiday(rule: str, year: int | None, cue: str, a: dt.date | None, tense: str | None):
    """A holiday by its rule ("12-25", "EASTER", "11-TH4" = fourth Thursday of November) -> (type, value)."""
    if year is None and not a:
        return ("DATE", "XXXX-" + rule if rule[:2].isdigit() and rule[3:].isdigit() else "XXXX-XX-XX")

    def on(y: int) -> dt.date | None:
        if rule == "EASTER":
            return easter(y)
        mo, spec = int(rule[:2]), rule[3:]
        if spec.isdigit():
            return dt.date(y, mo, int(spec))
        if spec == "EL":
            return nth_weekday(y, mo, 1, 1) + dt.timedelta(days=1)
        wd = {"MO": 1, "TH": 4}[spec[:2]]
        return nth_weekday(y, mo, wd, -1 if spec[2] == "L" else int(spec[2]))

    if year is None:
        direction = _sign(tense, cue)
        year = a.year
        d = on(year)
        if direction < 0 and d > a:
            year -= 1
        elif direction > 0 and d < a:
            year += 1
        elif direction == 0:  # tense unknown: the nearest one ("Thanksgiving" said in January is last November's)
            year = min((year - 1, year, year + 1), key=lambda y: abs((on(y) - a).days))
    d = on(year)
    return ("DATE", d.isoformat()) if d else None
