"""Reference time: expressions that take their date from the text, not from the publication date.

TimeML anchors anaphoric expressions to the time the text is talking about
(HeidelTime's "reference time"): after "on March 3, 1998 ...", "that day",
"the following week", "later that year" and "two days later" are read from
March 3, 1998, while "yesterday", "last week" and "two days ago" stay
relative to the publication date.  :class:`Refs` keeps the latest date the
document mentioned at each granularity (year, month, day); :func:`anaphoric`
and :func:`shifted` resolve against it.

Also here: document-level words that mean the year under discussion
("the year", "the full year", "year-end", "the end of the month"), and
spoken years ("nineteen ninety-six", "the year two thousand").
"""
from __future__ import annotations

import datetime as dt
import re

from .timex_calendar import add_months, iso_week

__all__ = ["Refs", "anaphoric", "shifted", "period_words", "spoken_years", "SPOKEN_YEAR"]

_UNITS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SMALL = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN = "|".join(_TENS)
_TWO_DIGITS = rf"(?:(?:{_TEN})(?:[\s-](?:{_SMALL}))?|{_SMALL}|hundred)"
# "nineteen ninety-six", "nineteen eighty", "the year two thousand", "two thousand and one"
SPOKEN_YEAR = (rf"nineteen[\s-]{_TWO_DIGITS}(?![\w-])|(?<=year\s)two\s+thousand(?:\s+(?:and\s+)?{_TWO_DIGITS})?"
               rf"(?![\w-])")
_SPOKEN = re.compile(SPOKEN_YEAR, re.I)


def _two_digits(words: str) -> int:
    words = re.sub(r"[\s-]+", " ", words.strip().lower())
    if words == "hundred":
        return 0
    total = 0
    for w in words.split():
        total += (_TENS.index(w) + 2) * 10 if w in _TENS else _UNITS.index(w) + 1
    return total


def spoken_years(text: str) -> str:
    """"January nineteen ninety-seven" -> "January 1997" (other text unchanged)."""
    low = text.lower()
    if "nineteen" not in low and "thousand" not in low:
        return text

    def repl(m: re.Match) -> str:
        s = m.group(0).lower()
        if s.startswith("nineteen"):
            return str(1900 + _two_digits(s[len("nineteen"):]))
        rest = re.sub(r"^two\s+thousand\s*(?:and\s+)?", "", s)
        return str(2000 + (_two_digits(rest) if rest else 0))

    return _SPOKEN.sub(repl, text)


DAY_VALUE = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
MONTH_VALUE = re.compile(r"(\d{4})-(\d\d)(?!\d)")
YEAR_VALUE = re.compile(r"(\d{4})(?![\d])")


class Refs:
    """The latest date the text mentioned, at day, month and year granularity."""

    __slots__ = ("day", "month", "year")

    def __init__(self) -> None:
        self.day: dt.date | None = None
        self.month: tuple[int, int] | None = None
        self.year: int | None = None

    def update(self, value: str) -> None:
        m = DAY_VALUE.match(value)
        if m:
            try:
                self.day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return
            self.month, self.year = (self.day.year, self.day.month), self.day.year
            return
        m = MONTH_VALUE.match(value)
        if m:
            self.day, self.month, self.year = None, (int(m[1]), int(m[2])), int(m[1])
            return
        m = YEAR_VALUE.match(value)
        if m:
            if self.year != int(m[1]):
                self.day = self.month = None
            self.year = int(m[1])


_ANA = re.compile(
    r"(?:(?:just\s+|shortly\s+)?(?:later|earlier)\s+(?:(?:on|in|during)\s+)?)?"
    r"(?:(?P<cue>that|that\s+same|the\s+same|the\s+following|the\s+next|the\s+previous|the\s+preceding|the\s+prior)"
    r"\s+(?P<u>day|morning|afternoon|evening|night|week|weekend|month|year)"
    r"|the\s+(?P<u2>day|week|month|year)\s+(?P<rel>before|after|earlier|later))"
)
_POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def anaphoric(full: str, refs: Refs | None) -> tuple[str, str] | None:
    """"that day", "the following year", "later that month", "the day before" from the reference time."""
    if refs is None:
        return None
    m = _ANA.fullmatch(full)
    if not m:
        return None
    cue = re.sub(r"\s+", " ", m["cue"] or "")
    unit = m["u"] or m["u2"]
    if cue == "the next" and unit in ("week", "month", "year"):
        return None  # "over the next year" is a duration or relative to now
    off = 0
    if cue in ("the following", "the next") or m["rel"] in ("after", "later"):
        off = 1
    elif cue in ("the previous", "the preceding", "the prior") or m["rel"] in ("before", "earlier"):
        off = -1
    if unit in ("day", "week", "weekend") or unit in _POD:
        if refs.day is None:
            return None
        if unit == "week":
            return "DATE", iso_week(refs.day + dt.timedelta(weeks=off))
        if unit == "weekend":
            return "DATE", iso_week(refs.day + dt.timedelta(weeks=off)) + "-WE"
        day = (refs.day + dt.timedelta(days=off)).isoformat()
        return ("TIME", f"{day}T{_POD[unit]}") if unit in _POD else ("DATE", day)
    if unit == "month":
        if refs.month is None:
            return None
        y, mo = add_months(dt.date(refs.month[0], refs.month[1], 1), off)
        return "DATE", f"{y:04d}-{mo:02d}"
    if refs.year is None:
        return None
    return "DATE", f"{refs.year + off:04d}"


def shifted(n: int, unit: str | None, direction: int, refs: Refs | None) -> str | None:
    """"two days later" / "a week earlier": ``n`` units from the reference time (None without one)."""
    if refs is None:
        return None
    if unit == "D" and refs.day:
        return (refs.day + dt.timedelta(days=n * direction)).isoformat()
    if unit == "W" and refs.day:
        return iso_week(refs.day + dt.timedelta(weeks=n * direction))
    if unit == "M" and refs.month:
        y, mo = add_months(dt.date(refs.month[0], refs.month[1], 1), n * direction)
        return f"{y:04d}-{mo:02d}"
    if unit == "Y" and refs.year and refs.month is None and direction > 0:
        # "in 1995 ... two years later"; "a year earlier" in a results report means the year before now
        return f"{refs.year + n:04d}"
    return None


_PERIOD = re.compile(
    r"(?:the\s+(?:very\s+)?(?:beginning|start|middle|rest|remainder|course|turn)\s+of\s+)?"
    r"the\s+(?:full\s+|fiscal\s+|current\s+|calendar\s+)?year|year[\s-]end|year's\s+end|"
    r"(?:the\s+)?end\s+of\s+the\s+(?P<u>year|month|week)|(?P<dur>one year)"
)


def period_words(full: str, anchor: dt.date | None) -> tuple[str, str] | None:
    """"the year" / "the full year" / "year-end": the publication year; "the end of the month": its month."""
    m = _PERIOD.fullmatch(full)
    if not m:
        return None
    if m["dur"]:
        return "DURATION", "P1Y"  # "the year ended March 31" (detection passes it as "one year")
    if anchor is None:
        return "DATE", {"month": "XXXX-XX", "week": "XXXX-WXX"}.get(m["u"] or "", "XXXX")
    if m["u"] == "month":
        return "DATE", f"{anchor.year:04d}-{anchor.month:02d}"
    if m["u"] == "week":
        return "DATE", iso_week(anchor)
    return "DATE", f"{anchor.year:04d}"
