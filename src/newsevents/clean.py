"""Cleaning and repair of scraped, republished and machine-translated news text.

The cleaned text is what every offset in a :class:`~newsevents.model.Document`
points into.  Every change is recorded as a :class:`~newsevents.model.Repair`
whose ``start``/``end`` cover the ``fixed`` text in the cleaned text, so the
input is always recoverable with :func:`restore`.  Repairs never change words:
they remove scrape artifacts, fix mojibake, and mend quotation marks, spacing
and the case of attribution words that machine translation damaged.

Passes, in order (each is a function producing edits on the current text):
mojibake (ftfy) → artifact lines and source trailer → doubled quote marks →
quote balance (misused closing marks, lost closing marks before an
attribution) → attribution case → sentence spacing and lost opening marks.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

import ftfy

from .model import Repair

QUOTE_MARK_RE = re.compile(r"[“”„«»\"]")
DOUBLED_RE = re.compile(r"(“|”)\1+(?=\w)|(?<=\w)(“|”)\2+")
# A lower-case letter (or digit) glued to a capitalized word: ``weeksHe``.
JUNCTION_RE = re.compile(r"\b([A-Za-z]*?[a-z0-9%])([A-Z][a-z]*)")
# ``should withdraw. troops``: a period inside a sentence, before a lower-case word.
SPURIOUS_PERIOD_RE = re.compile(r"(?<![\w.])([A-Za-z]*[a-z])\.(?= [a-z]+\b)")
GLUED_PERIOD_RE = re.compile(r"(?<![\w.@/])([A-Za-z]*[a-z])\.([A-Za-z][a-z]*)\b(?![.@/]\w)")
WORD_RE = re.compile(r"[A-Za-z][\w.'’-]*")


@dataclass(frozen=True)
class Cleaned:
    text: str
    repairs: tuple[Repair, ...] = ()
    original_source: str | None = None


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    new: str
    kind: str


@dataclass(frozen=True)
class _Config:
    artifact_lines: tuple[re.Pattern[str], ...]
    inline_artifacts: tuple[re.Pattern[str], ...]
    source_trailer: re.Pattern[str]
    attribution_words: frozenset[str]
    attribution_titles: frozenset[str]
    cue_verbs: frozenset[str]
    abbreviations: frozenset[str]
    tlds: frozenset[str]
    function_words: frozenset[str]


@lru_cache(maxsize=1)
def config() -> _Config:
    raw = json.loads(resources.files("newsevents").joinpath("data/cleaning.json").read_text("utf-8"))
    full = lambda p: re.compile(rf"(?:{p})", re.IGNORECASE)  # noqa: E731
    return _Config(
        artifact_lines=tuple(full(p) for p in raw["artifact_lines"]),
        inline_artifacts=tuple(re.compile(p, re.IGNORECASE) for p in raw["inline_artifacts"]),
        source_trailer=re.compile(raw["source_trailer"], re.IGNORECASE),
        attribution_words=frozenset(raw["attribution_words"]),
        attribution_titles=frozenset(raw["attribution_titles"]),
        cue_verbs=frozenset(raw["cue_verbs"]),
        abbreviations=frozenset(raw["abbreviations"]),
        tlds=frozenset(raw["tlds"]),
        function_words=frozenset(raw["function_words"]),
    )


def clean(raw: str, *, repair: bool = True) -> Cleaned:
    """Clean one document's text; ``repair=False`` only strips artifacts and mojibake."""
    cfg = config()
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    repairs: list[Repair] = []
    source: str | None = None

    text, repairs = _apply(text, repairs, _mojibake_edits(text))
    edits, source = _artifact_edits(text, cfg)
    text, repairs = _apply(text, repairs, edits)
    if repair:
        for make in (_doubled_edits, _quote_edits, _case_edits, _spacing_edits):
            text, repairs = _apply(text, repairs, make(text, cfg))
    text, repairs = _apply(text, repairs, _whitespace_edits(text))
    return Cleaned(text, tuple(repairs), source)


def restore(text: str, repairs: Iterable[Repair]) -> str:
    """Undo ``repairs`` (in document order, as recorded) on the cleaned ``text``: the input
    (newlines normalized) again."""
    for r in reversed(list(repairs)):
        text = text[: r.start] + r.raw + text[r.end :]
    return text


# --- edit machinery -----------------------------------------------------------------------


def _apply(text: str, repairs: list[Repair], edits: list[_Edit]) -> tuple[str, list[Repair]]:
    """Apply non-overlapping edits; shift earlier repairs into the new coordinates."""
    if not edits:
        return text, repairs
    edits = sorted(edits, key=lambda e: (e.start, e.end))
    kept: list[_Edit] = []
    for e in edits:  # drop overlaps: the earlier edit wins
        if kept and e.start < kept[-1].end:
            continue
        kept.append(e)
    parts: list[str] = []
    new_repairs: list[Repair] = []
    pos = 0
    delta = 0
    for e in kept:
        parts.append(text[pos : e.start])
        new_start = e.start + delta
        parts.append(e.new)
        new_repairs.append(Repair(new_start, new_start + len(e.new), text[e.start : e.end], e.new, e.kind))
        delta += len(e.new) - (e.end - e.start)
        pos = e.end
    parts.append(text[pos:])

    def shift(p: int, *, is_end: bool) -> int:
        d = 0
        for e in kept:
            if e.end < p or (e.end == p and (e.start < p or not is_end)):
                d += len(e.new) - (e.end - e.start)
            else:
                break
        return p + d

    # Ties at one cleaned position are ordered as their raw text was (needed by ``restore``).
    keyed = [
        ((shift(r.start, is_end=False), r.start, 0), Repair(shift(r.start, is_end=False), shift(r.end, is_end=True), r.raw, r.fixed, r.kind))
        for r in repairs
    ]
    keyed += [((r.start, e.start, 1), r) for r, e in zip(new_repairs, kept)]
    keyed.sort(key=lambda kr: kr[0])
    return "".join(parts), [r for _, r in keyed]


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in re.finditer(r"\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


# --- passes ---------------------------------------------------------------------------------


def _mojibake_edits(text: str) -> list[_Edit]:
    fixed = ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=False)
    if fixed == text:
        return []
    old_lines, new_lines = text.split("\n"), fixed.split("\n")
    if len(old_lines) != len(new_lines):
        return [_changed_middle(text, fixed, 0)]
    edits: list[_Edit] = []
    pos = 0
    for old, new in zip(old_lines, new_lines):
        if old != new:
            edits.append(_changed_middle(old, new, pos))
        pos += len(old) + 1
    return edits


def _changed_middle(old: str, new: str, offset: int) -> _Edit:
    """One edit covering what differs between ``old`` and ``new`` (linear, unlike difflib)."""
    p = 0
    limit = min(len(old), len(new))
    while p < limit and old[p] == new[p]:
        p += 1
    q = 0
    while q < limit - p and old[len(old) - 1 - q] == new[len(new) - 1 - q]:
        q += 1
    return _Edit(offset + p, offset + len(old) - q, new[p : len(new) - q], "mojibake")


def _artifact_edits(text: str, cfg: _Config) -> tuple[list[_Edit], str | None]:
    edits: list[_Edit] = []
    lines = list(_lines(text))
    content: list[tuple[int, int]] = []
    for ls, le in lines:
        line = text[ls:le]
        stripped = line.strip()
        if stripped and len(stripped) <= 200 and any(p.fullmatch(stripped) for p in cfg.artifact_lines):
            edits.append(_Edit(ls, min(le + 1, len(text)), "", "artifact"))
            continue
        for pat in cfg.inline_artifacts:
            for m in pat.finditer(line):
                edits.append(_Edit(ls + m.start(), ls + m.end(), "", "artifact"))
        if stripped:
            content.append((ls, le))
    source = None
    # Only the last few content lines can be an original-source trailer.
    for ls, le in reversed(content[-4:]):
        m = cfg.source_trailer.fullmatch(text[ls:le].strip())
        if m and len(m.group("source").split()) <= 6:
            source = m.group("source").strip()
            edits.append(_Edit(ls, min(le + 1, len(text)), "", "source_trailer"))
            break
    return edits, source


def _doubled_edits(text: str, cfg: _Config) -> list[_Edit]:
    return [_Edit(m.start(), m.end(), m.group()[0], "doubled_quote") for m in DOUBLED_RE.finditer(text)]


def _scan(line: str) -> tuple[list[tuple[int, str]], list[tuple[int, int]], list[int]]:
    """Walk the quote marks of one paragraph.

    Returns misused opening marks that actually close (position, replacement),
    lost closing marks as (open position, segment end) ranges to search, and
    closing marks that close nothing.
    """
    misused: list[tuple[int, str]] = []
    open_ranges: list[tuple[int, int]] = []
    unmatched: list[int] = []
    open_at: int | None = None
    for m in QUOTE_MARK_RE.finditer(line):
        i, c = m.start(), m.group()
        prev = line[i - 1] if i else " "
        nxt = line[i + 1] if i + 1 < len(line) else " "
        if open_at is None:
            if c in "”»":
                unmatched.append(i)
            else:
                open_at = i
            continue
        if c in "”»\"":
            open_at = None
        elif c in "“„" and not prev.isspace() and prev not in "([{—–-:":
            # An opening mark glued to the end of quoted words closes the quotation.
            open_ranges.append((open_at + 1, i))
            rep = "”"
            if nxt.isalpha():
                rep = (",” " if prev.isalnum() else "” ")
            misused.append((i, rep))
            open_at = None
        else:
            # A new quotation opens while one is open: the first lost its closing mark.
            open_ranges.append((open_at + 1, i))
            open_at = i
    if open_at is not None:
        open_ranges.append((open_at + 1, len(line)))
    return misused, open_ranges, unmatched


def _quote_edits(text: str, cfg: _Config) -> list[_Edit]:
    edits: list[_Edit] = []
    for ls, le in _lines(text):
        line = text[ls:le]
        if not QUOTE_MARK_RE.search(line):
            continue
        misused, open_ranges, _ = _scan(line)
        for i, rep in misused:
            edits.append(_Edit(ls + i, ls + i + 1, rep, "closing_quote_mark"))
        for a, b in open_ranges:
            j = _lost_close(line, a, b, cfg)
            if j is not None:
                edits.append(_Edit(ls + j, ls + j, ",” ", "lost_close_quote"))
    return edits


def _lost_close(line: str, a: int, b: int, cfg: _Config) -> int | None:
    """Where, inside the open quotation ``line[a:b]``, an attribution was glued on."""
    for m in JUNCTION_RE.finditer(line, a, b):
        left = m.group(1)
        if len(left) < 3 or left.lower() in ("mc", "mac"):
            continue
        if _is_attribution(line[m.start(2) :], cfg):
            return m.start(2)
    return None


def _is_attribution(rest: str, cfg: _Config) -> bool:
    """Does ``rest`` start an attribution clause (``He said``, ``Said Mr. X``, ``Name Title said``)?"""
    words = WORD_RE.findall(rest[:200])
    if not words:
        return False
    first = words[0].lower().rstrip(".")
    if first in cfg.attribution_words and (first in cfg.cue_verbs or len(words) > 1):
        if first in cfg.cue_verbs:
            return True
        second = words[1].lower().rstrip(".,")
        return second in cfg.cue_verbs
    lowercase = 0
    for w in words[:14]:
        lw = w.lower().rstrip(".,")
        if lw in cfg.cue_verbs:
            return True
        if w[0].islower() and lw not in cfg.attribution_titles:
            lowercase += 1
            if lowercase > 2:
                return False
    return False


def _case_edits(text: str, cfg: _Config) -> list[_Edit]:
    """``”, She added`` → ``”, she added``: a comma at the mark means the sentence goes on."""
    edits: list[_Edit] = []
    for m in re.finditer(r"(?:,\s*[”»\"]|[”»\"]\s*,)\s*([A-Z][a-z]+)\b", text):
        word = m.group(1)
        if word.lower() in cfg.attribution_words and word.lower() != "i":
            edits.append(_Edit(m.start(1), m.start(1) + 1, word[0].lower(), "attribution_case"))
    return edits


def _spacing_edits(text: str, cfg: _Config) -> list[_Edit]:
    """A period glued to the next word: ``mobilized.to`` (a lost opening mark when a closing
    mark later in the paragraph closes nothing; otherwise a missing space)."""
    edits: list[_Edit] = []
    for ls, le in _lines(text):
        line = text[ls:le]
        if "." not in line:
            continue
        unmatched = _scan(line)[2] if QUOTE_MARK_RE.search(line) else []
        for m in GLUED_PERIOD_RE.finditer(line):
            left, right = m.group(1), m.group(2)
            token = line[max(0, m.start() - 12) : m.end() + 12]
            if "www" in token or "http" in token or "@" in token:
                continue
            if left.lower() in cfg.abbreviations or len(left) < 2:
                continue
            rl = right.lower()
            if right[0].islower():
                if rl in cfg.tlds and rl not in cfg.function_words:
                    continue
                if not (rl in cfg.function_words or len(right) >= 4):
                    continue
            elif len(left) < 3 or rl in cfg.tlds:
                continue
            dot = ls + m.end(1)
            closers_after = [u for u in unmatched if ls + u > dot]
            if closers_after and right[0].islower():
                edits.append(_Edit(dot, dot + 1, " “", "lost_open_quote"))
                unmatched.remove(closers_after[0])
            else:
                edits.append(_Edit(dot + 1, dot + 1, " ", "missing_space"))
        for m in SPURIOUS_PERIOD_RE.finditer(line):
            left = m.group(1)
            if len(left) >= 3 and left.lower() not in cfg.abbreviations and left[0].islower():
                edits.append(_Edit(ls + m.end(1), ls + m.end(1) + 1, "", "spurious_period"))
    return edits


def _whitespace_edits(text: str) -> list[_Edit]:
    edits: list[_Edit] = []
    lead = len(text) - len(text.lstrip())
    if lead:
        edits.append(_Edit(0, lead, "", "whitespace"))
    trail = len(text) - len(text.rstrip())
    if trail and trail < len(text):
        edits.append(_Edit(len(text) - trail, len(text), "", "whitespace"))
    for m in re.finditer(r"\n[ \t]*\n(?:[ \t]*\n)+", text):
        if m.start() >= lead and m.end() <= len(text) - trail:
            edits.append(_Edit(m.start(), m.end(), "\n\n", "whitespace"))
    for m in re.finditer(r"[ \t]+(?=\n)", text):
        if lead <= m.start() and m.end() <= len(text) - trail:
            edits.append(_Edit(m.start(), m.end(), "", "whitespace"))
    return edits
