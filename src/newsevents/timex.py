"""Time expressions: detection, TIMEX3 normalization, and event dating.

* ``timexes`` component: fills ``ctx.timexes`` with :class:`model.Timex`
  (exact character offsets into ``ctx.text``), normalized against
  ``ctx.published`` and the tense of the clause each expression sits in.
* :func:`normalize`: one expression string -> ``(type, value)``.
* :func:`date_for`: the date of an event trigger, from the time expression that
  governs it (or the publication date when the sentence reports it as now).

Detection is our own patterns (``timex_detect``, lexicons in
``data/timex.json``); spaCy's DATE/TIME entities only add candidates the
patterns missed, and only when we can normalize them.  See ``timex_norm`` for
value conventions (ISO weeks, "the Nth week of <month>", X placeholders
without a publication date).
"""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from .model import Timex
from .pipeline import Context, component
from .timex_detect import Candidate, find
from .timex_norm import normalize_expr
from .timex_ref import Refs

__all__ = ["normalize", "date_for", "timexes_for", "tense_of", "timex_component"]

# Only true future auxiliaries: in news, "could"/"would"/"may" clauses mostly report the past.
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
PLAN_VERBS = frozenset({"expect", "plan", "schedule", "set", "due", "intend", "hope", "aim", "want", "seek", "propose",
                        "prepare", "promise", "vow", "threaten", "agree", "decide", "try"})
AGE = re.compile(r"\bold\b|\baged?\b|-old\b", re.I)  # spaCy tags ages ("6-year-old") as DATE
USER_KEY = "newsevents.timex_roots"
# Dates that durations with a signal point to ("three days later" -> the day): for event dating only.
ANCHOR_KEY = "newsevents.timex_anchored"
BARE_CLOCK = re.compile(r"(?:\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?\s?m\b\.?)?|noon|midnight|midday)(?:\s+[a-z]{3}|\s+local\s+time)?")
DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d$")
BETWEEN_CLOCK_AND_DAY = re.compile(r"\s*(?:\([^()]{0,25}\)\s*)?,?\s*(?:on\s+)?")
# Words that set a date ahead ("payable Dec. 7", "postponed until Monday") whatever the clause's tense.
FORWARD = re.compile(r"\b(?:payable|effective|expires?|expiring|due|(?:scheduled|slated|set|planned|postponed|delayed|"
                     r"deadline)\s+(?:for|until|to))\s+(?:on\s+|in\s+|at\s+)?$", re.I)
# "since (shortly after) the Oct. 23 slaying": what a "since" phrase names lies in the past.
BACKWARD = re.compile(r"\bsince\s+(?:(?:shortly|just|soon|right)\s+)?(?:(?:after|before)\s+)?(?:the\s+)?$", re.I)
IN_BEFORE = re.compile(r"\b(?:in|within)\s+$", re.I)
QUARTER_VALUE = re.compile(r"\d{4}-Q\d")
# "a year ago", "the 1988 period", "last year's quarter": the comparison, not the quarter under report
NOT_REPORTED = re.compile(r"year[\s-]+(?:ago|earlier|before)|^the \d{4} |(?:last|next) year|year-(?:ago|earlier)")


def normalize(text: str, *, anchor: dt.date | None, tense: str | None = None) -> tuple[str, str] | None:
    """``(type, value)`` of one time expression, e.g. ``("DATE", "2022-01-27")``; None if unreadable."""
    return normalize_expr(text, anchor=anchor, tense=tense)


def tense_of(tok: Token, _depth: int = 0) -> str | None:
    """"past" | "present" | "future" | None for the clause governing ``tok``."""
    verb = tok
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") and verb.dep_ not in ("aux", "auxpass"):
            break
        if verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "future"
    if verb.lower_ == "going" and any(c.dep_ == "xcomp" for c in verb.children):
        return "future"
    # "expected to rise on Friday": the infinitive under a plan verb is future.
    if verb.tag_ == "VB" and "to" in words:
        head = verb.head
        if head.lemma_ in PLAN_VERBS or verb.dep_ in ("xcomp",) and head.lemma_ in ("be",):
            return "future"
        return tense_of(head, _depth + 1) if head is not verb and _depth < 3 else None
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ in ("VBN", "VBG") and words & {"has", "have", "had", "'ve", "'s"} and (
            verb.tag_ == "VBN" or "been" in words):  # "has fallen", "have been searching since ..."
        return "past"
    if verb.tag_ == "VBN" and not auxes and verb.dep_ in ("ROOT", "ccomp", "conj"):
        return "past"
    if verb.tag_ in ("VBZ", "VBP", "VBG", "VB", "MD"):
        return "present"
    return None


def timexes_for(doc: Doc, published: dt.date | None) -> list[Timex]:
    """All time expressions in ``doc`` (normalized against ``published``)."""
    text = doc.text
    rejected: list[tuple[int, int]] = []
    cands = find(text, rejected)
    used = bytearray(len(text))  # characters our patterns claimed (or ruled out: "the March for Life")
    for s, e in [(c.start, c.end) for c in cands] + rejected:
        used[s:e] = b"\x01" * (e - s)
    for ent in doc.ents:  # spaCy as a second source: only where the patterns found nothing
        if (ent.label_ in ("DATE", "TIME") and not AGE.search(ent.text)
                and used.find(1, ent.start_char, ent.end_char) == -1):
            s, e = _trim(ent)
            if e > s:
                cands.append(Candidate(s, e))
    cands.sort(key=lambda c: c.start)
    out: list[Timex] = []
    roots: list[int] = []
    last_quarter: str | None = None
    quarter_sents: dict[int, str] = {}
    refs = Refs()  # reference time: the latest dates the text mentioned
    anchored: dict[tuple[int, int], str] = {}
    sents: list[int] = []
    bare: list[int] = []  # clock times that state no day ("at 10:35 a.m.")
    for c in cands:
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        sent_start = root.sent.start if doc.has_annotation("SENT_START") else 0
        norm_text = c.norm or text[c.start:c.end]
        low = norm_text.lower()
        ref = None
        if re.search(r"\byear[\s-]+(?:ago|earlier|before)\b", low) or "quarter" in low or "period" in low:
            # "a year ago" / "the quarter" in a report on "the third quarter": the quarter under discussion
            ref = quarter_sents.get(sent_start) or last_quarter
        tense = tense_of(root)
        if tense != "future" and FORWARD.search(text, max(0, c.start - 40), c.start):
            tense = "future"  # "payable Dec. 7", "effective Feb. 1": dates set ahead, whatever the report's tense
        elif BACKWARD.search(text, max(0, c.start - 40), c.start):
            tense = "past"
        res = normalize_expr(norm_text, anchor=published, tense=tense, ref_quarter=ref, refs=refs)
        if res is None:
            continue
        typ, value = res
        if low == "soon" and tense == "past":
            continue  # "was soon released": soon after the narrative's time, not the future
        if typ == "SET" and re.match(r"an?\s", low) and not _after_amount(doc, span):
            typ = "DURATION"  # "for a week", "a day after": not a rate ("$5 a day", "twice a week")
        if c.signal:  # "three days later": a duration; the date it points to is kept for event dating
            shifted = normalize_expr(f"{norm_text} {c.signal}", anchor=published, tense=tense, refs=refs)
            if shifted and shifted[0] in ("DATE", "TIME"):
                anchored[(c.start, c.end)] = shifted[1]
                refs.update(shifted[1])
        elif typ == "DURATION" and tense == "future" and published and not value.startswith("PX") and (
                low.startswith("within ") or IN_BEFORE.search(text, max(0, c.start - 12), c.start)):
            # "will resume in two weeks": for event dating, the week two weeks after publication
            ahead = normalize_expr(re.sub(r"^within\s+", "", low) + " from now", anchor=published)
            if ahead and ahead[0] == "DATE":
                anchored[(c.start, c.end)] = ahead[1]
        if typ in ("DATE", "TIME"):
            refs.update(value)
        if typ == "TIME" and BARE_CLOCK.fullmatch(low):
            bare.append(len(out))
        if QUARTER_VALUE.fullmatch(value) and not NOT_REPORTED.search(low):
            last_quarter = value
            quarter_sents[sent_start] = value
        out.append(Timex(c.start, c.end, text[c.start:c.end], typ, value))
        roots.append(root.i)
        sents.append(sent_start)
    for i in bare:
        day = _day_of_clock(out, sents, i, text)
        if day:
            t = out[i]
            out[i] = Timex(t.start, t.end, t.text, t.type, day + t.value[t.value.index("T"):])
    doc.user_data[USER_KEY] = dict(zip(((t.start, t.end) for t in out), roots))
    doc.user_data[ANCHOR_KEY] = anchored
    return out


def _after_amount(doc: Doc, span: Span) -> bool:
    """"a day" is a rate after an amount ("$5 a day", "four flights a week", "twice a year")."""
    if span.start == 0:
        return False
    prev = doc[span.start - 1]
    return prev.pos_ in ("NUM", "NOUN", "PROPN", "SYM") or prev.like_num or prev.lower_ in ("once", "twice", "times")


def _day_of_clock(out: list[Timex], sents: list[int], i: int, text: str) -> str | None:
    """The day a bare clock time is on: a date right after it ("10:35 a.m. (0735 GMT) Friday"),
    else the nearest day-precise date of its sentence ("flew Tuesday ... at 18:00")."""
    best = None
    for j, t in enumerate(out):
        if j == i or sents[j] != sents[i] or t.type != "DATE" or not DAY_VALUE.match(t.value):
            continue
        if j == i + 1 and BETWEEN_CLOCK_AND_DAY.fullmatch(text, out[i].end, t.start):
            return t.value
        dist = abs(t.start - out[i].start)
        if best is None or dist < best[0]:
            best = (dist, t.value)
    return best[1] if best else None


def _trim(ent: Span) -> tuple[int, int]:
    """Drop leading prepositions/punctuation that spaCy sometimes includes in DATE entities."""
    toks = list(ent)
    while toks and (toks[0].pos_ in ("ADP", "PUNCT", "CCONJ") or toks[0].lower_ in ("of", "and")):
        toks.pop(0)
    while toks and toks[-1].pos_ in ("PUNCT", "CCONJ", "ADP"):
        toks.pop()
    if not toks:
        return 0, 0
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


@component("timexes", version=4, requires=("doc",), assigns=("timexes",))
def timex_component(ctx: Context) -> None:
    ctx.timexes = timexes_for(ctx.doc, ctx.published)


# ---- event dating ---------------------------------------------------------------------------
DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
WEEK = re.compile(r"(\d{4})-W(\d\d)")
MONTH = re.compile(r"(\d{4})-(\d\d)$")
QUARTER = re.compile(r"(\d{4})-(Q|H)(\d)$")
SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)$")
YEAR_ONLY = re.compile(r"(\d{4})$")
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
NOW_WORDS = frozenset({"now", "today", "currently", "tonight", "this morning", "this afternoon", "this evening"})


def value_to_date(value: str) -> tuple[str, str] | None:
    """A TIMEX3 date value -> (first day ``YYYY-MM-DD``, precision); None if not a calendar date.

    Quarters, halves and seasons map to their first day with precision "month"."""
    m = DAY.match(value)
    if m:
        return f"{m[1]}-{m[2]}-{m[3]}", "day"
    m = WEEK.match(value)
    if m:
        d = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return d.isoformat(), "week"
    m = MONTH.match(value)
    if m:
        return f"{m[1]}-{m[2]}-01", "month"
    m = QUARTER.match(value)
    if m:
        month = (int(m[3]) - 1) * (3 if m[2] == "Q" else 6) + 1
        return f"{m[1]}-{month:02d}-01", "month"
    m = SEASON.match(value)
    if m:
        return f"{m[1]}-{SEASON_MONTH[m[2]]:02d}-01", "month"
    m = YEAR_ONLY.match(value)
    if m:
        return f"{m[1]}-01-01", "year"
    return None


def date_for(ctx: Context, token_index: int) -> tuple[str | None, str | None, str | None]:
    """``(date, precision, basis)`` for the event whose trigger is ``ctx.doc[token_index]``.

    1. A time expression in the trigger's own clause governs it: the trigger is the
       first verb above the expression's root ("attacked the convoy on Thursday",
       "talks to be held in the second week of February").
    2. Otherwise the trigger takes the date of the nearest verb above it that has one,
       through coordination and complement clauses ("held talks on Wednesday and
       agreed ...", "said on Thursday it had attacked ..."), unless the tenses clash
       (a future trigger under a past date, a past trigger under a future date).
    3. An expression in a verbless fragment dates the whole sentence when it is the
       sentence's only date.
    4. With none, a present-tense statement (or one saying "now"/"today") is dated
       by the publication date (basis "published"); else ``(None, None, None)``."""
    doc = ctx.doc
    trigger = doc[token_index]
    sent = trigger.sent
    roots = doc.user_data.get(USER_KEY) or {}
    in_sent: list[tuple[Timex, Token]] = []
    for t in ctx.timexes:
        if sent.start_char <= t.start < sent.end_char:
            ri = roots.get((t.start, t.end))
            root = doc[ri] if ri is not None else _root_of(doc, t)
            if root is not None:
                in_sent.append((t, root))
    anchored = doc.user_data.get(ANCHOR_KEY) or {}
    datable = [(t, r, value_to_date(anchored.get((t.start, t.end), t.value))) for t, r in in_sent
               if t.type in ("DATE", "TIME") or (t.start, t.end) in anchored]
    datable = [(t, r, d) for t, r, d in datable if d]
    by_verb: dict[int, list[tuple[Timex, tuple[str, str]]]] = {}
    fragments = []
    for t, r, d in datable:
        v = _clause_verb(r)
        if v is None:
            fragments.append(d)
        else:
            by_verb.setdefault(v.i, []).append((t, d))
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _clause_verb(trigger)
    tense = tense_of(trigger)
    for depth, v in enumerate(_verb_chain(verb)):
        if v.i not in by_verb:
            continue
        t, (day, prec) = min(by_verb[v.i], key=lambda x: abs(x[0].start - trigger.idx))
        if depth == 0 or not _clashes(day, prec, tense, ctx.published):
            return day, prec, "timex"
        break
    if fragments and len(set(fragments)) == 1 and not by_verb:
        day, prec = fragments[0]
        return day, prec, "timex"
    if ctx.published is None:
        return None, None, None
    says_now = any(t.value == "PRESENT_REF" or t.text.lower() in NOW_WORDS for t, _ in in_sent)
    hypothetical = any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in trigger.children)
    if not datable and not hypothetical and (
            says_now or tense == "present" and _finite(trigger).tag_ in ("VBG", "VBZ", "VBP")):
        return ctx.published.isoformat(), "day", "published"
    return None, None, None


def _finite(tok: Token) -> Token:
    """The finite verb an infinitive or adjective complement hangs from ("continue to protest", "are ready to act")."""
    for _ in range(3):
        if tok.tag_ not in ("VB", "JJ") or tok.dep_ not in ("xcomp", "acomp") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def _root_of(doc: Doc, t: Timex) -> Token | None:
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _clause_verb(tok: Token) -> Token | None:
    """The first verb above ``tok`` (its clause), or None in a verbless fragment."""
    for _ in range(10):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return tok
    return None


INHERIT_DEPS = frozenset({"conj", "ccomp", "xcomp", "advcl"})


def _verb_chain(verb: Token | None):
    """``verb`` and the verbs it hangs from through coordination and complement clauses."""
    for _ in range(5):
        if verb is None:
            return
        yield verb
        if verb.dep_ not in INHERIT_DEPS or verb.head.i == verb.i:
            return
        verb = verb.head if verb.head.pos_ in ("VERB", "AUX") else _clause_verb(verb.head)


def _clashes(day: str, prec: str, tense: str | None, published: dt.date | None) -> bool:
    """A future-tense event under a date that has passed, or a past one under a date to come."""
    if published is None or tense not in ("past", "future"):
        return False
    start = dt.date.fromisoformat(day)
    if tense == "future":
        return start < published.replace(day=1) if prec != "day" else start < published
    return start > published
