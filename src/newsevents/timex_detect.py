"""Finding time-expression extents in text with lexicon-driven patterns.

Extents follow TimeBank conventions: the determiner and cue words are inside
(``the past two years``, ``last week``, ``two weeks ago``, ``nearly an hour``),
the governing preposition is outside (``on Friday`` -> ``Friday``).  All
patterns are compiled once; overlaps are resolved longest-first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .timex_norm import (LEX, NUM, ORD, POD, SEASON, UNIT, VAGUE, YEAR, alt)
from .timex_ref import SPOKEN_YEAR


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    # Text to normalize when it differs from the extent (the second day of "Feb. 7-13").
    norm: str | None = None
    # A signal left outside the extent ("later" in "three days later"): the expression is the
    # duration, but ``timex`` still resolves the date it points to for event dating.
    signal: str | None = None


def _cap(words) -> str:
    """Capitalized (and all-caps) forms only: "may"/"march"/"sun" as words are not dates."""
    forms = set()
    for w in words:
        forms.add(w.capitalize())
        forms.add(" ".join(p.capitalize() for p in w.split()))  # "Labor Day", "New Year's Eve"
        forms.add(w.upper())
    return alt(forms)


_FULL_MONTHS = [m for m in LEX.months if len(m) > 4 or m in ("may", "june", "july")]
# A period belongs to an abbreviation ("Feb."), never to a full name at a sentence end.
MON = (rf"(?-i:(?:{_cap(_FULL_MONTHS)})\b|(?:{_cap(set(LEX.months) - set(_FULL_MONTHS))})(?:\.|\b(?=\s*\d)))")
WD = (rf"(?-i:(?:{_cap(w for w in LEX.weekdays if w.endswith('day'))})\b|"
      rf"(?:{_cap(w for w in LEX.weekdays if not w.endswith('day'))})\.)")
HOL = rf"(?-i:{_cap(w.title() for w in LEX.holidays)})"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YR = rf"(?:{YEAR}|'\d\d|{SPOKEN_YEAR})"
MOD = (r"(?:(?:about|approximately|nearly|almost|roughly|more\s+than|less\s+than|fewer\s+than|at\s+least|"
       r"at\s+most|up\s+to|only|just|barely|a\s+full|some|over|within|under)\s+)?")
POS = (r"(?:(?:the\s+)?(?:(?:very\s+)?early|late|mid-?|middle|earlier|later|end|beginning|start|rest|remainder|"
       r"turn|first\s+part|second\s+half|latter\s+part|course)(?:\s+of)?[\s-]*)?")
CUE = (r"(?:last|next|this|that\s+same|that|coming|past|previous|preceding|following|current|upcoming|same|"
       r"the\s+same)")
CLOCK = (r"(?:\d{1,2}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b)|\d{1,2}:\d\d\b|noon|midnight|midday)"
         r"(?:\s+(?-i:[ECMP][SD]T|GMT|UTC)\b)?")
DAYREF = rf"(?:{WD}|today|tonight|yesterday|tomorrow|{MON}\s+{DAYNUM})"
ABS_DATE = (rf"(?:{WD},?\s+)?(?:{MON}\s+{DAYNUM}(?!\d)(?:,?\s+{YR}(?!\d))?|(?:the\s+)?{DAYNUM}\s+(?:of\s+)?{MON}"
            rf"(?:,?\s+{YEAR})?)")

PATTERNS: dict[str, str] = {
    "iso": r"\d{4}-\d\d-\d\d(?:T\d\d:\d\d)?",
    "numeric": r"(?<![\d/.])(?:1[0-2]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])/(?:\d{4}|\d\d)(?![\d/])",
    "abs": rf"{POS}{ABS_DATE}",
    "month_year": rf"{POS}(?:{CUE}\s+)?{MON}(?:,?\s+(?:of\s+)?{YR}(?!\d)|\s+(?:last|next|this)\s+year)?",
    "year": rf"{POS}(?:(?:fiscal|calendar|model)\s+(?:year\s+)?|the\s+year\s+|FY\s*)?(?<![\d$.,-]){YEAR}(?![\d%,.]\d|-\d|\s*%)",
    "fiscal_yy": r"(?:fiscal|FY)\s*'?\d\d\b",
    "decade": rf"(?:the\s+)?{POS}(?:(?:1[5-9]|20)\d0'?s|'\d0s|(?:the\s+)?(?:{alt(LEX.decade_words)})(?=\W))",
    "century": rf"(?:the\s+)?{POS}(?:{ORD}|\d{{1,2}}(?:st|nd|rd|th))[\s-]century|(?:this|last|next|the\s+past|the\s+last)\s+century",
    "quarter": (rf"(?:the\s+)?{POS}(?:(?:{ORD})[\s-]+(?:fiscal\s+)?(?:quarters?|qtr|half)|(?:{CUE}|latest|year-earlier|"
                rf"year-ago|first|fiscal)\s+quarter)(?:\s+(?:of\s+)?(?:(?:fiscal|calendar)\s+)?(?:{YR}|this\s+year|"
                rf"last\s+year|next\s+year))?"),
    "the_quarter": (r"the\s+(?:latest\s+|same\s+|current\s+|comparable\s+|most\s+recent\s+)?(?:year[\s-](?:earlier|ago)\s+)?"
                    r"(?:fiscal\s+)?quarter(?!s|ly|\s+(?:of|point|century|mile))(?:\s+(?:last\s+year|a\s+year\s+ago))?|"
                    r"the\s+(?:latest|most\s+recent|comparable|corresponding)\s+(?:fiscal\s+)?period(?!s)"
                    r"(?:\s+(?:last\s+year|a\s+year\s+ago))?|(?:the\s+)?(?:comparable\s+|same\s+)?year[\s-]"
                    r"(?:earlier|ago)(?:\s+(?:quarter|period))?(?=\s+(?:quarter|period|level|results?|figures?|net|profit|loss|earnings|sales|revenue))?"),
    "half": rf"(?:the\s+)?(?:first|second|latter)\s+half\s+of\s+(?:{YR}|this\s+year|last\s+year|next\s+year|the\s+year)",
    "season": (rf"{POS}(?:(?:{CUE}|this\s+past)\s+{POS}(?:{SEASON})|(?:{SEASON})(?:\s+(?:of\s+)?{YR})|"
               rf"{YEAR}\s+(?:{SEASON})|(?<=in\s)the\s+(?:{SEASON})|(?<=during\s)the\s+(?:{SEASON})"
               rf"|(?<=[Ii]n\s)(?:spring|summer|autumn|winter)|(?:the\s+)?(?:spring|summer|autumn|winter)(?=\s+of\s))"),
    "holiday": rf"(?:{CUE}\s+)?{HOL}(?:\s+{YEAR})?(?!\s+(?:Island|Tree|Card|Gift))",
    "weekday": (rf"(?:{CUE}\s+)?{WD}(?:,?\s+(?:last|next)\s+week|\s+(?:last|next|this)\b)?(?:\s+(?:{POD}))?"
                rf"(?:\s+{MON}\s+{DAYNUM})?"),
    "weekend": rf"{POS}(?:(?:the|{CUE})\s+)weekend",
    "dayrel": rf"{POS}(?:today|tonight|yesterday|tomorrow|the\s+day\s+(?:before\s+yesterday|after\s+tomorrow))(?:\s+(?:{POD}))?",
    "podrel": (rf"(?:(?:early\s+|late\s+|mid-?)?(?:{POD})\s+(?:yesterday|today|tomorrow)|"
               rf"(?:(?:the\s+)?{CUE}|yesterday|tomorrow|today)\s+(?:{POD})|overnight|last\s+night|(?:early|late)\s+(?:{POD}))"),
    "rel_unit": (rf"{POS}(?:the\s+)?{CUE}\s+(?:fiscal\s+|financial\s+|calendar\s+)?(?:day|week|month|year|decade)(?:\s+or\s+so)?(?!s|-|\w)"),
    "ago": (rf"{MOD}(?:(?:{NUM}|{VAGUE})[\s-]+)?(?:more\s+)?{UNIT}(?:\s+and\s+a\s+half)?(?:\s+or\s+so)?\s+(?:ago|earlier|later|from\s+now|hence|"
            rf"back(?!\s+(?:the|a|an|his|her|its|their|he|she|it|they|we|I|you|that|this|to|in|on|at)\b))"),
    "dur": (rf"{MOD}(?:the\s+)?{POS}(?:(?:past|last|next|coming|first|final|previous|following|initial|remaining|"
            rf"recent|latest|other|further|additional|more)\s+)?(?:{NUM}|{VAGUE})(?:\s+(?:more|additional|further|"
            rf"straight|consecutive|full|long))?[\s-]+{UNIT}(?:\s+and\s+a\s+half)?(?:[\s-]+long|\s+or\s+so)?(?!-old|\s+old)"),
    "dur_bare": r"(?:(?<=\bfor\s)|(?<=\bover\s))(?:years|months|weeks|decades|centuries|days|hours)(?!\s+(?:of|ago|later|before|after))",
    "dur_the": rf"the\s+(?:past|last|next|coming|previous|following)\s+(?:{NUM}|{VAGUE}|few|several)?\s*{UNIT}",
    "clock": rf"(?:{WD}\s+at\s+)?{CLOCK}(?:(?:,?\s+|\s+on\s+)(?:{DAYREF}|{ABS_DATE})(?:\s+(?:{POD}))?)?",
    "set": (rf"(?:every|each|per)\s+(?:(?:other|{NUM})\s+)?(?:{UNIT}|{WD}|{MON}|(?:{POD}))|(?<![\w'])(?-i:{_cap(w for w in LEX.weekdays if len(w) > 4)})s\b|"
            rf"(?:{alt(LEX.set_adverbs)})|(?:once|twice|(?:three|four|five|several|\d+)\s+times)\s+(?:a|an|per|each|every)\s+{UNIT}"),
    "ordweek": rf"the\s+(?:{ORD})\s+(?:week|weekend|day)\s+of\s+(?:{MON}(?:,?\s+{YR})?|{CUE}\s+month)",
    "week_of": rf"the\s+week\s+of\s+(?:{ABS_DATE})",
    "ref": rf"(?:{alt(LEX.present_ref | LEX.past_ref | LEX.future_ref)})",
    "spoken_year": rf"{POS}(?:the\s+year\s+)?(?:{SPOKEN_YEAR})",
    # results reports: "the 1988 second quarter", "this year's third quarter", "the 1989 period"
    "yq": (rf"(?:the\s+{YEAR}|(?:this|last|next)\s+year's)\s+(?:(?:{ORD})[\s-]+)?(?:fiscal\s+)?"
           r"(?:quarter|period|half)(?![\w-])"),
    # the year (month, week) under discussion: "for the year", "by year-end", "the end of the month"
    "period": (r"(?:the\s+(?:very\s+)?(?:beginning|start|middle|rest|remainder|course|turn)\s+of\s+)?the\s+(?:full\s+|fiscal\s+|current\s+|calendar\s+)?(?-i:year)(?!-|\s+(?:ago|earlier|before|after|"
               r"later|two|nineteen|\d)\b)|year[\s-]end|year's\s+end|the\s+end\s+of\s+the\s+(?:year|month|week)"),
    "day_before": r"the\s+(?:day|week|month|year)\s+(?:before|after|earlier|later)(?=\s*[,.;])",
}
# Words that end a number-like "year" match as a quantity, not a date ("1990 people").
NOT_YEAR_AFTER = re.compile(r"\s*(?:people|persons|troops|soldiers|points|shares|units|tons|miles|km|feet|meters|"
                            r"dollars|members|jobs|cars|votes|workers|acres|barrels|cases|deaths|men|women)\b", re.I)
NAME_AFTER = re.compile(r"\s+(?P<prep>(?:for|of|on)\s+(?:the\s+)?)?(?P<w>[A-Z][a-z]+)")
SOON_NOT = re.compile(r"\s*-|\s+(?:after|afterwards?|thereafter|as|enough)\b", re.I)
FRACTION = re.compile(r"quarters?$|half$", re.I)
A_SECOND = re.compile(r"an?\s+second", re.I)  # "a second A380" is an ordinal
REF_ADJ = frozenset({"current", "recent", "future", "present"})
REGEXES = [(name, re.compile(rf"(?<![\w'-])(?:{pat})(?![\w])", re.I)) for name, pat in PATTERNS.items()]
# Words every match of a pattern contains: a text without them skips that pattern's (much
# slower) regex. Only patterns whose anchors are rare in news are listed; each anchor must
# be necessary for a match, so skipping never changes what is found.
ANCHORS = {name: re.compile(pat, re.I) for name, pat in {
    "century": r"centur",
    "season": SEASON,
    "holiday": rf"{HOL}",
    "quarter": r"quarter|qtr|half",
    "half": r"half",
    "yq": r"quarter|period|half",
    "decade": rf"\d0'?s|{alt(LEX.decade_words)}",
    "weekend": r"weekend",
    "podrel": rf"{POD}|night",
    "spoken_year": r"nineteen|thousand",
    "ordweek": r"\bof\b",
    "week_of": r"week\s+of",
    "fiscal_yy": r"fiscal|FY",
    "iso": r"\d{4}-\d\d-\d\d",
    "numeric": r"\d/\d",
    "ago": r"\b(?:ago|earlier|later|now|hence|back)\b",
    "clock": r"[ap]\.?m\b|\d:\d\d|noon|midnight|midday",
    "dayrel": r"today|tonight|yesterday|tomorrow|day\s+(?:before|after)",
}.items()}
RANGE = re.compile(rf"(?<![\w-])(?P<m>{MON})\s+(?P<d1>{DAYNUM})\s*(?:-|–|to|through)\s*(?P<d2>{DAYNUM})(?P<y>,?\s+{YEAR})?(?!\w)", re.I)
ENDED = re.compile(r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends|through)\b", re.I)
# Narrative shifts of days, weeks, months, hours: not years ("a year earlier" is a dated comparison in TimeBank).
SIGNAL = re.compile(r"(?<!year)(?<!years)(?<!yrs)(?<!decade)(?<!decades)(?<!century)(?<!centuries)\s+(later|earlier)$", re.I)
BAD_MAY = re.compile(r"(?:^|[.!?\"]\s*)$")


def find(text: str, rejected: list[tuple[int, int]] | None = None) -> list[Candidate]:
    """Non-overlapping candidate extents, in text order; ``rejected`` collects words ruled out as names."""
    found: list[tuple[int, int, str]] = []
    for name, rx in REGEXES:
        anchor = ANCHORS.get(name)
        if anchor is not None and not anchor.search(text):
            continue
        for m in rx.finditer(text):
            s, e = m.span()
            span = text[s:e]
            while e > s and span[-1] in " ,-":
                e -= 1
                span = span[:-1]
            if e <= s:
                continue
            if name == "dur" and (A_SECOND.fullmatch(span) or FRACTION.search(span) and text.startswith(" of", e)
                                  or re.search(r"\w-quarters?$", span)):
                continue  # "a second A380", "a quarter of the market", "three-quarters of its food"
            if name in ("year", "spoken_year") and NOT_YEAR_AFTER.match(text, e):
                continue
            if (name == "month_year" and " " not in span or name == "set" and span.lower() in LEX.set_adverbs) and \
                    _name_after(text, e, name == "month_year"):
                if rejected is not None:
                    rejected.append((s, e))
                continue  # "the March for Life", "the Communist Party daily Granma", "the Daily Mail"
            if name == "month_year" and span in ("May", "March") and not _month_context(text, s):
                continue
            if name == "ref" and span.lower() in REF_ADJ and not _ref_adj_ok(text, e, span.lower()):
                continue
            if name == "ref" and span.lower() == "soon" and (SOON_NOT.match(text, e) or text[max(0, s - 3):s].lower() == "as "
                                                         and not text.startswith(" as possible", e)):
                continue  # "soon after the attack", "as soon as Tuesday", "the soon-to-open terminal"
            if name == "period" and ENDED.match(text, e) and "end" not in span:
                found.append((s, e, "period_dur"))  # "for the year ended March 31": a year-long period
                continue
            found.append((s, e, name))
    for m in RANGE.finditer(text):
        found.append((m.start(), m.end(), "range"))
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: list[tuple[int, int, str]] = []
    used = bytearray(len(text))  # characters already claimed: overlap test in O(span) not O(n^2)
    for s, e, name in found:
        if used.find(1, s, e) == -1:
            taken.append((s, e, name))
            used[s:e] = b"\x01" * (e - s)
    taken.sort()
    out: list[Candidate] = []
    for s, e, name in taken:
        if name == "range":
            m = RANGE.match(text, s)
            year = (m.group("y") or "").strip(" ,")
            out.append(Candidate(s, m.end("d1"), f"{m.group('m')} {m.group('d1')} {year}".strip()))
            out.append(Candidate(m.start("d2"), m.end("d2"), f"{m.group('m')} {m.group('d2')} {year}".strip()))
            continue
        if name == "ago":
            m = SIGNAL.search(text, s, e)
            if m and m.end() == e:  # "three days later": TimeML's duration "three days" + signal "later"
                out.append(Candidate(s, m.start(), None, m.group(1).lower()))
                continue
        out.append(Candidate(s, e, "one year" if name == "period_dur" else None))
    return out


def _name_after(text: str, end: int, need_prep: bool) -> bool:
    """A name continues after the word: "March for Life", "March of Dimes", "daily Granma"."""
    m = NAME_AFTER.match(text, end)
    if not m or need_prep != bool(m["prep"]):
        return False
    return m["w"].lower().rstrip(".") not in LEX.months and m["w"].lower() not in LEX.weekdays


def _month_context(text: str, start: int) -> bool:
    """Bare "May"/"March" is a month after a temporal preposition or cue, not a verb or a name."""
    before = text[max(0, start - 12):start].lower()
    return bool(re.search(r"\b(?:in|since|until|till|by|from|through|during|of|last|next|this|early|late|mid|"
                          r"before|after|to|and|or|between)\s+$", before))


def _ref_adj_ok(text: str, end: int, word: str) -> bool:
    """"current"/"recent"/"future" count only before time nouns ("the current quarter" is matched elsewhere)."""
    return False
