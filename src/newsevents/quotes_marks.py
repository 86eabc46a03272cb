"""Finding quoted stretches from quotation marks, tolerant of damaged punctuation.

Whether a mark opens or closes is decided by what is around it (as Markdown does
for emphasis), not by its shape: machine translation often writes ``“`` where ``”``
was meant, and straight ``"`` has no shape at all.  One linear scan per paragraph.

Two-character marks count as one: NYT-style text writes ``''A,'' he said`` with two
apostrophes for each mark, and Penn-Treebank text opens with two backticks.  A
``Marked`` keeps plain offsets: ``open_mark`` is the mark's first character and
``close_mark`` its last, so ``close_mark + 1`` is always the character after it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Double marks only: single quotes are mostly apostrophes in English news.  Two
# apostrophes (NYT style) or two backticks (Treebank style) are one double mark; three
# apostrophes are a double mark next to a single one (''He said 'no.''').
DOUBLE_MARK_RE = re.compile(r"'''?|``|[\"“”„‟«»]")
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"
SINGLE_MARK_RE = re.compile(r"[‘’]")
OPEN_ONLY = ("„", "‟", "«", "``")
CLOSE_ONLY = ("»",)
# Marks that may open a quotation that runs on from the paragraph before, or double up.
OPENERS = ("“", "\"", "„", "«", "''", "``")
# A mark right after one of these can still open a quotation ("(“", "—“").
OPEN_AFTER = " \t\n([{—–-/:;,"


@dataclass(frozen=True)
class Marked:
    """A quoted stretch: ``start``/``end`` cover the content inside the marks."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # None when the quotation was never closed
    paragraphs: int = 1  # >1 when it runs on into following paragraphs


def _can_open(text: str, i: int, width: int = 1) -> bool:
    nxt = text[i + width] if i + width < len(text) else "\n"
    prev = text[i - 1] if i > 0 else "\n"
    return not nxt.isspace() and (prev in OPEN_AFTER or prev in "“\"«„")


def _can_close(text: str, i: int, width: int = 1) -> bool:
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + width] if i + width < len(text) else "\n"
    if prev == " " and i >= 2 and text[i - 2] in "'’" and text[i] in "'\"”":
        prev = "'"  # "He called it 'a farce.' " — a single mark spaced from the double
    return not prev.isspace() and not nxt.isalnum()


def _opens_with_mark(text: str, i: int) -> bool:
    return text.startswith(OPENERS, i)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as ``(start, end)``: cleaned news keeps one paragraph per line."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        s, e = _trim(text, pos, end)
        if e > s:
            out.append((s, e))
        pos = end + 1
    return out


def find_quoted(text: str) -> list[Marked]:
    """All quoted stretches of ``text`` in order.

    An unclosed quotation ends with its paragraph, unless the next paragraph opens
    with a mark: then it continues there (the news convention for long quotes).
    """
    out: list[Marked] = []
    paras = paragraphs(text)
    open_at: int | None = None  # opening mark of the running quotation
    open_w = 1  # its width in characters
    run = 1
    for k, (ps, pe) in enumerate(paras):
        marks = [(m.start(), m.end() - m.start()) for m in DOUBLE_MARK_RE.finditer(text, ps, pe)]
        if open_at is not None:  # continuing from the previous paragraph
            if marks and marks[0][0] == ps and _opens_with_mark(text, ps):
                marks = marks[1:]
                run += 1
            else:  # nothing continues it: it ended with its own paragraph
                out.append(_close(text, open_at, open_w, paras[k - 1][1], None, run))
                open_at, open_w, run = None, 1, 1
        for i, w in marks:
            ch = text[i : i + min(w, 2)]
            if open_at is None:
                if ch not in CLOSE_ONLY and _can_open(text, i, w):
                    open_at, open_w = i, w
                continue
            if i == open_at + open_w and ch in OPENERS:  # doubled opening mark
                open_at, open_w = i, w
                continue
            if ch not in OPEN_ONLY and _can_close(text, i, w):
                out.append(_close(text, open_at, open_w, i, i + w - 1, run))
                open_at, open_w, run = None, 1, 1
            elif _can_open(text, i, w) and ch in OPEN_ONLY + ("“",):
                # A new quotation opens while one runs: the old one lost its closing mark.
                out.append(_close(text, open_at, open_w, i, None, run))
                open_at, open_w, run = i, w, 1
        if open_at is not None:
            nxt = paras[k + 1][0] if k + 1 < len(paras) else None
            if nxt is None or not _opens_with_mark(text, nxt):
                out.append(_close(text, open_at, open_w, pe, None, run))
                open_at, open_w, run = None, 1, 1
        else:
            out.extend(_singles(text, ps, pe, out))
    out.sort(key=lambda m: m.start)
    return [m for m in out if m.end > m.start]


def _close(text: str, open_mark: int, width: int, end: int, close_mark: int | None, run: int) -> Marked:
    s, e = _trim(text, open_mark + width, end)
    return Marked(s, e, open_mark, close_mark, run)


def _singles(text: str, ps: int, pe: int, doubles: list[Marked]) -> list[Marked]:
    """‘Single-quoted’ stretches outside double quotes (headline and British style)."""
    found: list[Marked] = []
    open_at: int | None = None
    for m in SINGLE_MARK_RE.finditer(text, ps, pe):
        i = m.start()
        if any(d.open_mark <= i <= (d.close_mark or d.end) for d in doubles[-4:]):
            continue
        if text[i] == SINGLE_OPEN:
            if _can_open(text, i):
                open_at = i
        elif open_at is not None and _can_close(text, i) and not (
            i + 1 < pe and text[i + 1].isalpha()
        ):
            s, e = _trim(text, open_at + 1, i)
            # "Americans’ interests": a possessive is not a closing mark after one word.
            if e - s > 1:
                found.append(Marked(s, e, open_at, i))
            open_at = None
    return found
