"""TIMEX3 normalization of one time expression against an anchor date.

``normalize_expr`` maps the text of an expression (already found by
``timex_detect``) to ``(type, value)``.  Values follow TIMEX3/TimeML:

* dates at the granularity the text states: ``2022``, ``2022-02``, ``2022-W06``,
  ``2022-01-27``, ``2022-Q1``, ``2022-H2``, ``2022-SU``, decades ``199``, centuries ``19``;
* times ``2022-01-27T14:00`` and parts of day ``2022-01-27TMO``;
* durations ``P2W``, ``PT2H``, ``P3Y``, vague ``PXY``;
* sets ``XXXX-WXX-1`` (every Monday), ``P1D`` (daily);
* ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``.

Relative expressions are resolved against ``anchor`` (the publication date);
without one they keep ``X`` placeholders (``XXXX-WXX-4`` for a bare Thursday,
``XXXX-02`` for February).  ``tense`` ("past" | "present" | "future" | None)
picks the direction for underspecified dates (``Thursday``, ``in February``).

Week convention: ISO 8601 weeks.  "the Nth week of <month>" is the ISO week that
contains day ``7(N-1)+1`` of the month, so the second week of February 2022
(day 8) is ``2022-W06``.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .timex_calendar import (_season_of, holiday, _shift, _sign, _unit_value, _valid, _year2, add_months,  # noqa: F401
                             duration, easter, iso_week, nth_weekday, quarter_of, resolve_month_year,
                             resolve_weekday)
from .timex_ref import Refs, anaphoric, period_words, shifted, spoken_years

TENSES = ("past", "present", "future")


@dataclass(frozen=True)
class Lexicon:
    months: dict
    weekdays: dict
    numbers: dict
    vague_numbers: tuple
    ordinals: dict
    units: dict
    seasons: dict
    parts_of_day: dict
    clock_words: dict
    decade_words: dict
    present_ref: frozenset
    past_ref: frozenset
    future_ref: frozenset
    set_adverbs: dict
    holidays: dict


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = json.loads(resources.files("newsevents").joinpath("data/timex.json").read_text("utf-8"))
    raw.pop("_comment", None)
    for key in ("present_ref", "past_ref", "future_ref"):
        raw[key] = frozenset(raw[key])
    raw["vague_numbers"] = tuple(raw["vague_numbers"])
    return Lexicon(**raw)


LEX = lexicon()


def alt(words) -> str:
    """Regex alternation, longest first, with dots escaped (``Feb.``)."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# ---- building blocks (compiled once) -------------------------------------------------------
MONTH = rf"(?:{alt(LEX.months)})\.?"
WEEKDAY = rf"(?:{alt(LEX.weekdays)})\.?"
NUMWORD = alt([w for w in LEX.numbers if " " not in w or True])
TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUM = rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|(?:{TENS})[\s-](?:one|two|three|four|five|six|seven|eight|nine)|{NUMWORD})(?:\s+and\s+a\s+half)?"
VAGUE = alt(LEX.vague_numbers)
UNIT = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|yrs?|decades?|century|centuries|millenni(?:um|a))"
ORD = alt(LEX.ordinals)
SEASON = alt(LEX.seasons)
POD = alt(LEX.parts_of_day)
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
CLOCK = (
    r"(?:(?<!\d)(?P<h>\d{1,2})(?:[:.](?P<m>\d\d))?(?::(?P<s>\d\d))?\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?)"
    r"|(?<!\d)(?P<h2>\d{1,2}):(?P<m2>\d\d)|(?<![\w-])(?P<cw>noon|midnight|midday)\b)"
    r"(?:\s*(?P<tz>[ecmp][sd]t|gmt|utc|local time))?"
)
RE_CLOCK = re.compile(CLOCK)
MODIFIERS = re.compile(
    r"^(?:about|around|approximately|nearly|almost|roughly|some|more\s+than|less\s+than|fewer\s+than|over|under|"
    r"at\s+least|at\s+most|up\s+to|within|only|just|since|until|till|through|throughout|during|for|by|in|on|"
    r"of|from|after|before|as\s+early\s+as|as\s+late\s+as|as\s+of|the|a\s+full|full|"
    r"the\s+(?:end|beginning|start|middle|rest|remainder|course|first\s+part|second\s+half|turn)\s+of|"
    r"end\s+of|beginning\s+of|start\s+of|middle\s+of|mid-?|early|late|earlier|later|sometime|some\s+time)(?:\b|(?<=-))\s*(?=\w)",
)


def _num(text: str) -> float | None:
    text = re.sub(r"\s+", " ", text.strip().lower())
    half = 0.0
    if text.endswith(" and a half"):
        text, half = text[: -len(" and a half")], 0.5
    if text.endswith(" 1/2"):
        text, half = text[:-4], 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) + half
    if text in LEX.numbers:
        return float(LEX.numbers[text]) + half
    m = re.fullmatch(rf"({TENS})[\s-](\w+)", text)
    if m and m.group(2) in LEX.numbers:
        return float(LEX.numbers[m.group(1)] + LEX.numbers[m.group(2)]) + half
    return None


def _unit(word: str) -> str | None:
    w = word.lower().rstrip(".")
    if w in ("centuries",):
        return "CE"
    if w in ("millennia",):
        return "ML"
    if w not in LEX.units and w.endswith("s"):
        w = w[:-1]
    return LEX.units.get(w)


# ---- the expression grammar ----------------------------------------------------------------
CUE = r"(?P<cue>last|past|previous|preceding|next|coming|following|this|that|current|upcoming|same|the\s+same)"
R = {
    name: re.compile(pat)
    for name, pat in {
        "iso": r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:[t ](?P<time>\d\d:\d\d))?",
        "numeric": r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{2}|\d{4})",
        "mdy": rf"(?:{WEEKDAY},?\s+)?(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>{YEAR}|'\d\d))?",
        "dmy": rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH}),?(?:\s+(?P<y>{YEAR}))?",
        "my": rf"(?:(?P<cue>last|next|this|coming|past|previous)\s+)?(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?(?P<y>{YEAR}|'\d\d)|\s+(?P<cue2>last|next|this)\s+year)?",
        "year": rf"(?:fiscal\s+|fy\s*|calendar\s+|(?:the\s+)?year\s+|model\s+year\s+)?(?P<y>{YEAR}|'\d\d)",
        "decade": rf"(?P<y>1[5-9]\d|20\d)0'?s|'(?P<y2>\d)0s|(?P<w>{alt(LEX.decade_words)})",
        "century": rf"(?P<o>{ORD}|\d{{1,2}}(?:st|nd|rd|th))[\s-]century",
        "yq": rf"(?P<y>{YEAR}|(?:this|last|next)\s+year's)\s+(?:(?P<o>{ORD})[\s-]+)?(?:fiscal\s+)?(?P<u>quarter|period|half)",
        "quarter": rf"(?:(?P<cue>{CUE[8:-1]})\s+|(?P<o>{ORD})[\s-]+)(?:fiscal\s+)?(?P<u>quarter|half|qtr)(?:\s+(?:of\s+)?(?:(?:fiscal|calendar)\s+)?(?P<y>{YEAR}|'\d\d|this\s+year|last\s+year|next\s+year|the\s+year))?",
        "season": rf"(?:{CUE}\s+|(?P<past>this\s+past)\s+)?(?P<s>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR}|'\d\d))?",
        "ysea": rf"(?P<y>{YEAR})\s+(?P<s>{SEASON})",
        "week_of": rf"(?:(?P<o>{ORD})\s+)?week\s+of\s+(?P<rest>.+)",
        "weekday": rf"(?:{CUE}\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<cue2>last|next|this\s+week|next\s+week|last\s+week))?(?:\s+(?P<pod>{POD}))?",
        "weekend": rf"(?:{CUE}\s+)?weekend",
        "rel_unit": rf"{CUE}\s+(?P<u>day|week|month|year|decade|century|fiscal\s+year|financial\s+year)",
        "ago": rf"(?P<n>{NUM}|{VAGUE})?\s*(?P<u>{UNIT})(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?\s+(?P<cue>ago|earlier|before|later|after|from\s+now|hence|back|previously|prior)",
        "dur": rf"(?:(?P<cue>past|last|next|coming|first|final|previous|following|initial|remaining|recent|other|further|additional|more|latest)\s+)?(?P<n>{NUM}|{VAGUE})?(?:\s*(?:more|additional|further|straight|consecutive|full|long))?[\s-]*(?P<u>{UNIT})(?P<half>\s+and\s+a\s+half)?(?:[\s-]+(?:long|old)|\s+or\s+so)?",
        "dayrel": r"(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+(?P<pod>" + POD + r"))?",
        "podrel": rf"(?:{CUE}|(?P<w>yesterday|tomorrow|today))\s+(?P<pod>{POD})|(?P<lone>tonight|overnight|last\s+night)|"
                  rf"(?P<pod2>{POD})\s+(?P<w2>yesterday|tomorrow|today)",
        "pod": rf"(?P<pod>{POD})",
        "ordweek": rf"(?P<o>{ORD})\s+(?P<u>week|weekend|day|month)\s+of\s+(?P<rest>.+)",
        "holiday": rf"(?:{CUE}\s+)?(?P<h>{alt(LEX.holidays)})(?:\s+(?P<y>{YEAR}))?",
        "halfyear": rf"(?P<o>first|second|latter|last)\s+half(?:\s+of\s+(?P<y>{YEAR}|the\s+year|this\s+year|last\s+year))?",
    }.items()
}
SETS = re.compile(
    rf"(?:every|each|per|a|an)\s+(?:(?P<n>{NUM}|other)\s+)?(?P<u>{UNIT})|"
    rf"(?:every|each)\s+(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{POD}))?|(?P<wds>{WEEKDAY[3:-4]})s|"
    rf"(?:every|each)\s+(?P<mon>{MONTH})|(?:every|each)\s+(?P<pod2>{POD})|(?P<adv>{alt(LEX.set_adverbs)})|"
    rf"(?:once|twice|\w+\s+times)\s+(?:a|an|per|every|each)\s+(?P<u2>{UNIT})"
)


def clean(text: str) -> str:
    t = re.sub(r"\s+", " ", text.strip().lower().replace("\u2019", "'"))
    t = re.sub(r"\s+or\s+so\b", "", t.rstrip(".,;:"))  # "a week or so ago": an approximation
    while True:
        m = MODIFIERS.match(t)
        if not m or m.end() == len(t):
            return t
        t = t[m.end():]


def normalize_expr(text: str, *, anchor: dt.date | None, tense: str | None = None,
                   ref_quarter: str | None = None, refs: Refs | None = None) -> tuple[str, str] | None:
    """(type, value) for one expression; None when it is not a time expression we can read.

    ``refs`` is the reference time (the latest dates the text mentioned) for
    anaphoric expressions ("that day", "two days later"); ``ref_quarter`` the
    fiscal quarter a results report is about ("a year earlier" -> that quarter last year)."""
    text = spoken_years(text)
    raw = text
    t = clean(text)
    if not t:
        return None
    full = re.sub(r"\s+or\s+so\b", "", re.sub(r"\s+", " ", raw.strip().lower().replace("\u2019", "'")).rstrip(".,;:"))
    # SET first: "every Monday" must not become a single Monday.
    m = SETS.fullmatch(t) or SETS.fullmatch(full)
    if m and (full.startswith(("every", "each", "per", "once", "twice")) or m.group("adv") or m.group("wds")
              or " times " in full or re.match(r"(?:a|an) ", full) and _after_amount(full)):
        return ("SET", _set_value(m))
    if full in LEX.present_ref or t in LEX.present_ref:
        return ("DATE", "PRESENT_REF")
    if full in LEX.past_ref or t in LEX.past_ref:
        return ("DATE", "PAST_REF")
    if full in LEX.future_ref or t in LEX.future_ref:
        return ("DATE", "FUTURE_REF")
    res = anaphoric(full, refs) or period_words(full, anchor)
    if res:
        return res
    time_part, t_date = _split_clock(t)
    res = _date(t_date, full, anchor, tense, ref_quarter, refs) if t_date else None
    if time_part:
        if t_date and res is None:
            return None
        if res is None:
            day = anchor.isoformat() if anchor else "XXXX-XX-XX"
        elif res[0] == "DATE" and re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}", res[1]):
            day = res[1]
        elif res[0] == "DATE" and res[1].startswith("XXXX-WXX-"):
            day = res[1]
        elif res[0] == "TIME":  # "5 p.m. Tuesday night": keep the clock
            day = res[1].split("T")[0]
        else:
            return None
        return ("TIME", f"{day}T{time_part}")
    return res


def _after_amount(full: str) -> bool:
    return bool(re.fullmatch(rf"(?:a|an)\s+{UNIT}", full))


def _set_value(m: re.Match) -> str:
    if m.group("adv"):
        return LEX.set_adverbs[re.sub(r"\s+", " ", m.group("adv"))]
    if m.group("wd") or m.group("wds"):
        wd = LEX.weekdays[(m.group("wd") or m.group("wds")).rstrip(".")]
        pod = m.group("pod")
        return f"XXXX-WXX-{wd}" + (f"T{LEX.parts_of_day[pod]}" if pod else "")
    if m.group("mon"):
        return f"XXXX-{LEX.months[m.group('mon').rstrip('.')]:02d}"
    if m.group("pod2"):
        return f"XXXX-XX-XXT{LEX.parts_of_day[m.group('pod2')]}"
    u = _unit(m.group("u") or m.group("u2"))
    n = m.group("n")
    k = 2.0 if n == "other" else (_num(n) if n else 1.0)
    return duration(k or 1.0, u or "D")


def _split_clock(t: str) -> tuple[str | None, str]:
    m = RE_CLOCK.search(t)
    if not m:
        return None, t
    if m.group("cw"):
        hm = LEX.clock_words[m.group("cw")]
    else:
        h = int(m.group("h") or m.group("h2"))
        mi = int(m.group("m") or m.group("m2") or 0)
        ap = (m.group("ap") or "").replace(".", "").replace(" ", "")
        if h > 24 or mi > 59:
            return None, t
        if ap == "pm" and h < 12:
            h += 12
        elif ap == "am" and h == 12:
            h = 0
        hm = f"{h:02d}:{mi:02d}"
    if (m.group("tz") or "") in ("gmt", "utc"):
        hm += "Z"  # ISO 8601: the time is in UTC
    rest = (t[: m.start()] + " " + t[m.end():]).strip(" ,")
    rest = re.sub(r"^(?:on|of|the|at)\s+|\s+(?:on|of|at)$", "", re.sub(r"\s+", " ", rest))
    rest = re.sub(r"^(?:in\s+the\s+|this\s+)?(morning|afternoon|evening|night)$", "", rest).strip()
    return hm, clean(rest) if rest else ""


def _date(t: str, full: str, anchor: dt.date | None, tense: str | None, ref_quarter: str | None,
          refs: Refs | None = None):
    a = anchor
    m = R["iso"].fullmatch(t)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if not _valid(y, mo, d):
            return None
        return ("TIME", f"{m['y']}-{m['m']}-{m['d']}T{m['time']}") if m["time"] else ("DATE", f"{y:04d}-{mo:02d}-{d:02d}")
    m = R["numeric"].fullmatch(t)
    if m:
        mo, d, y = int(m["a"]), int(m["b"]), _year2(m["y"], a)
        if not _valid(y, mo, d):
            mo, d = d, mo
        return ("DATE", f"{y:04d}-{mo:02d}-{d:02d}") if _valid(y, mo, d) else None
    for key in ("mdy", "dmy"):
        m = R[key].fullmatch(t)
        if m:
            mo, d = LEX.months[m["mon"].rstrip(".")], int(m["d"])
            if m["y"]:
                y = _year2(m["y"].lstrip("'"), a)
            elif a:
                y = resolve_month_year(a, mo, _sign(tense, None))
                if mo == a.month:
                    y = a.year
            else:
                return ("DATE", f"XXXX-{mo:02d}-{d:02d}") if 1 <= d <= 31 else None
            return ("DATE", f"{y:04d}-{mo:02d}-{d:02d}") if _valid(y, mo, d) else None
    m = R["my"].fullmatch(t)
    if m:
        mo = LEX.months[m["mon"].rstrip(".")]
        if m["y"]:
            return ("DATE", f"{_year2(m['y'].lstrip(chr(39)), a):04d}-{mo:02d}")
        if not a:
            return ("DATE", f"XXXX-{mo:02d}")
        cue = m["cue"] or m["cue2"]
        if m["cue2"]:
            y = a.year + {"last": -1, "next": 1}.get(cue, 0)
        elif cue == "this":
            y = a.year
        else:
            y = resolve_month_year(a, mo, _sign(tense, cue))
        return ("DATE", f"{y:04d}-{mo:02d}")
    m = R["year"].fullmatch(t)
    if m:
        return ("DATE", f"{_year2(m['y'].lstrip(chr(39)), a):04d}")
    m = R["decade"].fullmatch(t)
    if m:
        if m["y"]:
            return ("DATE", m["y"])
        if m["y2"]:
            return ("DATE", f"{(a.year // 100 if a and int(m['y2']) * 10 <= a.year % 100 else 19)}{m['y2']}")
        return ("DATE", f"19{LEX.decade_words[m['w']]}")
    m = R["century"].fullmatch(t)
    if m:
        o = LEX.ordinals.get(m["o"]) or int(re.sub(r"\D", "", m["o"]))
        return ("DATE", f"{o - 1:02d}")
    m = R["halfyear"].fullmatch(t)
    if m and (m["y"] or full.startswith(("the first half", "the second half", "first half", "second half"))):
        h = 1 if m["o"] == "first" else 2
        y = _rel_year(m["y"], a)
        return ("DATE", f"{y}-H{h}")
    m = re.fullmatch(r"(?P<p>.*?(?:quarter|period)) (?:last year|a year ago)", t)
    if m:  # "the corresponding period last year": the quarter under report, a year back
        inner = _date(m["p"], "the " + m["p"], a, tense, ref_quarter)
        if inner and re.fullmatch(r"\d{4}-Q\d", inner[1]):
            return ("DATE", f"{int(inner[1][:4]) - 1:04d}{inner[1][4:]}")
        return ("DATE", f"{a.year - 1:04d}") if a else None
    if re.fullmatch(r"(?:latest|same|current|comparable|corresponding|most\s+recent)?\s*(?:fiscal\s+)?(?:quarter|period)",
                    t) and (full.startswith("the ") or full.startswith("this ")) and (
            "quarter" in t or ref_quarter or t.startswith(("latest", "most"))):
        if not a:
            return ("DATE", ref_quarter or "XXXX-QX")
        current = f"{a.year:04d}-Q{quarter_of(a)}"
        if t.startswith("current"):
            return ("DATE", current)  # the quarter of the publication date, whatever the report is about
        if ref_quarter and not (t.startswith(("latest", "most")) and ref_quarter >= current):
            return ("DATE", ref_quarter)  # "the latest quarter" has ended: never the current one
        y, mo = add_months(a, 0 if tense == "future" or full.startswith("this") else -3)
        return ("DATE", f"{y:04d}-Q{(mo - 1) // 3 + 1}")
    m = re.fullmatch(r"(?:comparable\s+|same\s+)?year[\s-](?:earlier|ago)(?:\s+(?P<what>quarter|period|level|results|figures?))?", t)
    if m:
        if ref_quarter and (m["what"] in ("quarter", "period") or not m["what"]):
            return ("DATE", f"{int(ref_quarter[:4]) - 1:04d}{ref_quarter[4:]}")
        return ("DATE", f"{a.year - 1:04d}" if a else "XXXX")
    m = R["yq"].fullmatch(t)
    if m:
        return _year_quarter(m, a, ref_quarter)
    m = R["quarter"].fullmatch(t)
    if m:
        return _quarter(m, a, tense, ref_quarter)
    for key in ("ysea", "season"):
        m = R[key].fullmatch(t)
        if m:
            s = LEX.seasons[m["s"]]
            if m["y"]:
                return ("DATE", f"{_year2(m['y'].lstrip(chr(39)), a):04d}-{s}")
            if not a:
                return ("DATE", f"XXXX-{s}")
            cue = (m.groupdict().get("cue") or "").replace("the ", "")
            smonth = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[s]
            cur = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}.get(_season_of(a))
            if m.groupdict().get("past") or cue in ("last", "past", "previous"):
                y = a.year if smonth < cur else a.year - 1
            elif cue in ("next", "coming", "upcoming"):
                y = a.year if smonth > cur else a.year + 1
            elif cue in ("this", "current"):
                y = a.year
            else:
                y = resolve_month_year(a, smonth, _sign(tense, None)) if smonth != cur else a.year
            if s == "WI" and cue in ("this", "") and a.month >= 11 and _sign(tense, None) >= 0:
                y = a.year  # winter of the current year-end
            return ("DATE", f"{y:04d}-{s}")
    m = R["holiday"].fullmatch(t)
    if m:
        return holiday(LEX.holidays[re.sub(r"\s+", " ", m["h"])], int(m["y"]) if m["y"] else None,
                       (m["cue"] or "").replace("the ", ""), a, tense)
    m = R["ordweek"].fullmatch(t)
    if m:
        return _ordinal_part(m, a, tense, ref_quarter)
    m = R["week_of"].fullmatch(t)
    if m:
        inner = _date(clean(m["rest"]), m["rest"], a, tense, ref_quarter)
        if inner and re.fullmatch(r"\d{4}-\d\d-\d\d", inner[1]):
            return ("DATE", iso_week(dt.date.fromisoformat(inner[1])))
        return None
    m = R["dayrel"].fullmatch(t)
    if m:
        off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}.get(m["w"].split()[0], 0)
        if "before yesterday" in m["w"]:
            off = -2
        elif "after tomorrow" in m["w"]:
            off = 2
        day = (a + dt.timedelta(days=off)).isoformat() if a else "XXXX-XX-XX"
        if m["w"] == "tonight":
            return ("TIME", f"{day}TNI")
        if m["pod"]:
            return ("TIME", f"{day}T{LEX.parts_of_day[m['pod']]}")
        return ("DATE", day)
    m = R["podrel"].fullmatch(t) or R["podrel"].fullmatch(full)
    if m:
        if m["lone"]:
            lone = re.sub(r"\s+", " ", m["lone"])
            off = -1 if lone in ("last night", "overnight") and tense != "future" else 0
            day = (a + dt.timedelta(days=off)).isoformat() if a else "XXXX-XX-XX"
            return ("TIME", f"{day}TNI")
        cue = (m["cue"] or m["w"] or m["w2"] or "").replace("the ", "")
        off = {"yesterday": -1, "tomorrow": 1, "last": -1, "next": 1}.get(cue, 0)
        pod = LEX.parts_of_day[m["pod"] or m["pod2"]]
        if cue == "last" and pod != "NI":
            off = -1
        day = (a + dt.timedelta(days=off)).isoformat() if a else "XXXX-XX-XX"
        return ("TIME", f"{day}T{pod}")
    m = R["weekday"].fullmatch(t)
    if m:
        wd = LEX.weekdays[m["wd"].rstrip(".")]
        cue = (m["cue"] or "").replace("the ", "") or (m["cue2"] or "").split(" ")[0] or None
        if not a:
            day = f"XXXX-WXX-{wd}"
        elif cue == "this" and not m["cue2"]:
            day = resolve_weekday(a, wd, _sign(tense, None)).isoformat()
        elif m["cue2"] and "week" in m["cue2"]:
            base = a + dt.timedelta(weeks={"last": -1, "next": 1}.get(cue, 0))
            day = (base + dt.timedelta(days=wd - base.isoweekday())).isoformat()
        else:
            d = resolve_weekday(a, wd, _sign(tense, cue))
            if d == a and cue in ("last", "previous", "past"):
                d -= dt.timedelta(weeks=1)  # "last Wednesday" said on a Wednesday
            day = d.isoformat()
        if m["pod"]:
            return ("TIME", f"{day}T{LEX.parts_of_day[m['pod']]}")
        return ("DATE", day)
    m = R["weekend"].fullmatch(t)
    if m:
        cue = (m["cue"] or "").replace("the ", "")
        if not a:
            return ("DATE", "XXXX-WXX-WE")
        direction = _sign(tense, cue) if cue not in ("this", "") else _sign(tense, None)
        sat = resolve_weekday(a, 6, direction if direction else (1 if a.isoweekday() < 6 else 0))
        if a.isoweekday() >= 6 and cue in ("this", ""):
            sat = a - dt.timedelta(days=a.isoweekday() - 6)
        return ("DATE", f"{iso_week(sat)}-WE")
    m = R["rel_unit"].fullmatch(t)
    if m:
        cue = m["cue"].replace("the ", "")
        u = m["u"].split()[-1]
        if full.startswith("the ") and cue in ("past", "last", "next", "coming", "previous", "following") and u != "day":
            return ("DURATION", duration(1.0, _unit(u)))
        if cue == "past" and not full.startswith("this"):
            return ("DURATION", duration(1.0, _unit(u)))
        if cue in ("that", "same") and u != "year":
            return ("DATE", "XXXX-XX-XX" if u == "day" else ("XXXX-WXX" if u == "week" else "XXXX-XX"))
        off = {"last": -1, "previous": -1, "preceding": -1, "next": 1, "coming": 1, "following": 1, "upcoming": 1}.get(cue, 0)
        if cue in ("that", "same") or not a:
            return ("DATE", _unit_value(None, _unit(u), off))
        return ("DATE", _unit_value(a, _unit(u), off))
    m = R["ago"].fullmatch(t)
    if m:
        unit = _unit(m["u"])
        n = _num(m["n"]) if m["n"] else (1.0 if not m["u"].endswith("s") else None)
        if n is not None and m["half"]:
            n += 0.5
        direction = -1 if _sign(None, re.sub(r"\s+", " ", m["cue"])) < 0 or m["cue"] == "previously" else 1
        if n is None:
            return ("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF")
        if m["cue"] not in ("ago", "from now", "hence", "back"):
            # "two days later" counts from the time the text is talking about, not from today
            v = None if unit == "Y" and ref_quarter else shifted(int(round(n)), unit, direction, refs)
            if v:
                return ("DATE", v)
            if not a:
                return ("DURATION", duration(n, unit))
        return ("DATE", _shift(a, unit, int(round(n)) * direction, ref_quarter))
    m = R["dur"].fullmatch(t)
    if m and m["u"]:
        unit = _unit(m["u"])
        nword = m["n"]
        if nword and (nword in LEX.vague_numbers or re.sub(r"\s+", " ", nword) in LEX.vague_numbers):
            n = None
        elif nword:
            n = _num(nword)
            if n is not None and m["half"]:
                n += 0.5  # "a minute and a half"
        else:
            n = None if m["u"].endswith("s") and unit not in ("CE",) or m["u"] in ("centuries",) else 1.0
            if n is None and m["cue"] in ("recent", "past", "last") and not full.startswith("the"):
                return ("DATE", "PAST_REF")
            if n == 1.0 and not (m["cue"] or full.startswith(("a ", "an "))):
                return None  # a bare "year" or "day" is not a time expression on its own
        if unit == "WE":
            return None
        return ("DURATION", duration(n, unit))
    if t in LEX.parts_of_day:
        day = a.isoformat() if a else "XXXX-XX-XX"
        return ("TIME", f"{day}T{LEX.parts_of_day[t]}")
    return None


def _rel_year(text: str | None, a: dt.date | None) -> str:
    if text and re.fullmatch(r"\d{4}", text):
        return text
    if not a:
        return "XXXX"
    off = {"last year": -1, "next year": 1}.get(re.sub(r"\s+", " ", text or ""), 0)
    return f"{a.year + off:04d}"


def _quarter(m: re.Match, a: dt.date | None, tense: str | None, ref_quarter: str | None):
    is_half = m["u"] == "half"
    if m["o"]:
        q = LEX.ordinals.get(m["o"], 0)
        if q == -1:
            q = 2 if is_half else 4
        if not 1 <= q <= (2 if is_half else 4):
            return None
        letter = "H" if is_half else "Q"
        if m["y"]:
            return ("DATE", f"{_rel_year(m['y'], a)}-{letter}{q}")
        if not a:
            return ("DATE", f"XXXX-{letter}{q}")
        cur = quarter_of(a) if not is_half else (1 if a.month <= 6 else 2)
        # Quarters are mostly reported after they end: only a future tense looks ahead, and
        # "will report third-quarter results" in October is still about the quarter just ended.
        direction = 1 if tense == "future" else -1
        y = a.year
        prev = cur - 1 if cur > 1 else (2 if is_half else 4)
        if direction < 0 and q > cur:
            y -= 1
        elif direction > 0 and q == prev:
            y -= cur == 1
        elif direction > 0 and q < cur:
            y += 1
        return ("DATE", f"{y:04d}-{letter}{q}")
    if is_half:
        return None
    cue = (m["cue"] or "").replace("the ", "")
    if not a:
        return ("DATE", "XXXX-QX")
    cur_q = (a.year, quarter_of(a))
    off = {"last": -1, "previous": -1, "preceding": -1, "past": -1, "next": 1, "coming": 1, "following": 1}.get(cue, 0)
    if cue in ("that", "same") and ref_quarter:
        return ("DATE", ref_quarter)
    y, mo = add_months(dt.date(cur_q[0], (cur_q[1] - 1) * 3 + 1, 1), off * 3)
    return ("DATE", f"{y:04d}-Q{(mo - 1) // 3 + 1}")


def _year_quarter(m: re.Match, a: dt.date | None, ref_quarter: str | None):
    """"the 1988 second quarter", "this year's third quarter", "the 1988 period" (= the quarter under report)."""
    y = m["y"]
    if not y[0].isdigit():
        if not a:
            return ("DATE", "XXXX")
        y = f"{a.year + {'last': -1, 'next': 1}.get(y.split()[0], 0):04d}"
    if m["o"]:
        q = LEX.ordinals.get(m["o"], 0)
        letter = "H" if m["u"] == "half" else "Q"
        q = (2 if letter == "H" else 4) if q == -1 else q
        return ("DATE", f"{y}-{letter}{q}") if 1 <= q <= (2 if letter == "H" else 4) else None
    if ref_quarter:
        return ("DATE", f"{y}{ref_quarter[4:]}")
    return ("DATE", y if m["u"] == "period" else f"{y}-QX")


def _ordinal_part(m: re.Match, a: dt.date | None, tense: str | None, ref_quarter: str | None):
    """"the second week of February" -> ISO week containing day 8; "the first day of May" -> 05-01."""
    inner = _date(clean(m["rest"]), m["rest"], a, tense, ref_quarter)
    if not inner or not re.fullmatch(r"\d{4}-\d\d", inner[1]):
        return None
    y, mo = map(int, inner[1].split("-"))
    n = LEX.ordinals.get(m["o"], 0)
    if m["u"] in ("week", "weekend"):
        if n == -1:
            last = dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1)
            d = last - dt.timedelta(days=6)
        elif 1 <= n <= 5:
            d = dt.date(y, mo, 1) + dt.timedelta(days=7 * (n - 1))
        else:
            return None
        if m["u"] == "weekend":
            return ("DATE", f"{iso_week(d)}-WE")
        return ("DATE", iso_week(d))
    if m["u"] == "day":
        if n == -1:
            d = dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1)
            return ("DATE", d.isoformat())
        return ("DATE", f"{y:04d}-{mo:02d}-{n:02d}") if _valid(y, mo, n) else None
    return None
