"""Quotes and speakers: direct, indirect (reported) and mixed statements.

One pass over the parse:

1. quoted stretches come from the quotation marks (``quotes_marks``);
2. every cue outside quotation marks (``quotes_cues``: a speech verb from
   ``data/cues.json``, ``according to``; by default also belief/finding and stance
   verbs, phrasal and nominal cues, ``Name:`` lines) yields a reported clause: its
   clausal complement or object, or the rest of the sentence for ``according to``;
3. a quoted stretch is attributed to the cue right after it (``“A,” he said``) or
   right before it (``He said: “A”``); one that a reported clause mostly covers
   takes that clause's cue; one inside a longer reported clause makes it *mixed*;
   a quoted sentence with no cue continues the quotation before it in the same
   paragraph, or the one in the paragraph before (lower confidence);
4. speakers are the subject of the cue, cut down to the noun phrase; names go
   through ``ctx.actors`` (``Mr Kuleba`` → ``Dmytro Kuleba``) and pronouns go to
   the nearest earlier compatible person outside quotation marks (``quotes_speakers``).

A quote with no attributable speaker keeps ``speaker=None``.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from .model import Quote, Span
from .pipeline import Context, component
from .quotes_marks import Marked, find_quoted, paragraphs
from .quotes_cues import Cue, _subject, find_cues, plausible_source
from .quotes_speakers import SpeakerFinder, cues

# Confidence of each way a quote finds its speaker.
CONF_ADJACENT = 0.9
CONF_CLAUSE = 0.85
CONF_SAME_PARAGRAPH = 0.8
CONF_PREVIOUS_PARAGRAPH = 0.55
CONF_NO_SPEAKER = 0.5
CONF_CONTEXT = 0.45  # speaker taken from the paragraph before, no cue
CONF_HOLDER = 0.5  # an embedded quotation's sentence subject, no cue

# How far (in tokens) a cue may sit from the quotation marks it attributes.
AFTER_WINDOW = 12
BEFORE_WINDOW = 14
# Quoted words a reported clause must cover before the quote counts as the clause.
COVER_DIRECT = 0.75
# A quotation embedded in running text shorter than this is a scare quote or a title.
MIN_EMBEDDED_WORDS = 6
# A quotation with no cue this short and with no closing ! ? . is a title, a name or a
# scare quote ("Broad City", "loser"), not something said; an exclamation ("Choke!") stays.
MIN_UNCUED_WORDS = 3
SENTENCE_PUNCT = frozenset(".!?")
BOUNDARY_BEFORE = frozenset(":,;—–-")


@dataclass(frozen=True)
class _Draft:
    start: int
    end: int
    kind: str
    cue: Cue | None
    confidence: float
    para: int
    direct: Marked | None = None
    end_para: int = -1  # paragraph of a quotation's closing mark when it runs on

    @property
    def last_para(self) -> int:
        return max(self.para, self.end_para)


def extract_quotes(
    doc: Doc,
    *,
    actors=None,
    include_reports: bool = True,
    inherit_across_paragraphs: bool = True,
) -> list[Quote]:
    """Quotes of a parsed document; ``actors`` is a ``DocActors`` (or None)."""
    text = doc.text  # Doc.text joins every token: read it once
    starts = [t.idx for t in doc]
    sents = _sentence_bounds(doc)
    lex = cues()
    in_quote = _quoted_tokens(doc, starts, marked := find_quoted(text))
    found = find_cues(doc, text, sents, in_quote, lex, broad=include_reports)
    drafts = _attribute(doc, text, starts, marked, found, in_quote)
    finder = SpeakerFinder(doc, text, sents, in_quote, actors)
    paras = paragraphs(text)
    speakers = [finder.speaker(d.cue) if d.cue is not None else None for d in drafts]
    confs = [d.confidence for d in drafts]
    for i, d in enumerate(drafts):
        if d.cue is not None:
            continue
        # A quotation with no cue continues the speaker of the quote before it in its
        # paragraph, or of a split quotation's next part ("A." "B," she said.), or of the
        # previous paragraph when the quotation fills its own paragraph.
        src, conf = None, CONF_NO_SPEAKER
        holder = _clause_holder(doc, starts, d.direct, in_quote) if d.direct is not None and _embedded(text, d.direct) else None
        sp = finder.speaker(holder) if holder is not None else None
        if sp is not None:
            # A quotation inside running text with no cue: whoever the sentence is about
            # ("Smith thinks she has done a “serviceable job.”") is the likeliest source.
            speakers[i], confs[i] = replace(sp, confidence=CONF_HOLDER), CONF_HOLDER
            continue
        if i > 0 and drafts[i - 1].last_para == d.para and speakers[i - 1] is not None:
            src, conf = i - 1, CONF_SAME_PARAGRAPH
        elif i + 1 < len(drafts) and drafts[i + 1].para == d.para and drafts[i + 1].kind == "direct" and speakers[i + 1] is not None:
            src, conf = i + 1, CONF_SAME_PARAGRAPH
        elif (
            inherit_across_paragraphs
            and i > 0
            and drafts[i - 1].last_para == d.para - 1
            and speakers[i - 1] is not None
            and d.direct is not None
            and _opens_paragraph(text, d.direct)
        ):
            src, conf = i - 1, CONF_PREVIOUS_PARAGRAPH
        if src is not None:
            sp = speakers[src]
            speakers[i] = replace(sp, confidence=round(min(sp.confidence, conf), 2))
        elif d.direct is not None and _opens_paragraph(text, d.direct) and d.para > 0:
            # A quotation opening its paragraph, no cue anywhere: the person the paragraph
            # before was about (its last subject) most likely speaks — a weak guess.
            sp = finder.recent_subject(paras[d.para - 1][0], d.direct.open_mark)
            if sp is not None:
                speakers[i], conf = replace(sp, confidence=CONF_CONTEXT), CONF_CONTEXT
        confs[i] = conf
    out: list[Quote] = []
    for i, d in enumerate(drafts):
        sp, conf = speakers[i], confs[i]
        if sp is None:
            conf = min(conf, CONF_NO_SPEAKER)
        cue = None
        start, end = d.start, d.end
        if d.cue is None and _label_like(text[start:end]):
            continue
        if d.cue is not None:
            a, b = d.cue.chars or (doc[d.cue.start].idx, doc[d.cue.end - 1].idx + len(doc[d.cue.end - 1]))
            cue = Span(a, b, text[a:b])
            if d.kind != "direct" and not _passive_cue(doc[d.cue.start]):
                own = [(a, b)] + ([(sp.start, sp.end)] if sp is not None and d.cue.speaker_token is not None else [])
                kept = _outside(text, start, end, own)
                if kept is None:
                    continue  # nothing said beyond the cue and its speaker
                start, end = kept
        out.append(Quote(f"q{len(out) + 1}", start, end, text[start:end], d.kind, cue, sp, round(conf, 2)))
    return out


def _label_like(quoted: str) -> bool:
    words = quoted.strip(" \"'“”‘’«»").split()
    return len(words) < MIN_UNCUED_WORDS and not quoted.rstrip(" \"'“”‘’«»").endswith(tuple(SENTENCE_PUNCT))


def _passive_cue(tok: Token) -> bool:
    """``the accord is expected to be ratified``: a passive cue's content is its subject and
    complement around it, by design (PolNeAR marks it so)."""
    return tok.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in tok.children)


def _outside(text: str, start: int, end: int, own: list[tuple[int, int]]) -> tuple[int, int] | None:
    """A reported clause never holds its own cue or speaker: the longest stretch of
    ``[start, end)`` outside them (``A, Roberts said, B`` → the longer side), trimmed of
    edge punctuation; None when no word is left."""
    pieces = [(start, end)]
    for a, b in own:
        nxt = []
        for s, e in pieces:
            if b <= s or a >= e:
                nxt.append((s, e))
                continue
            if a > s:
                nxt.append((s, a))
            if b < e:
                nxt.append((b, e))
        pieces = nxt
    if pieces == [(start, end)]:
        return start, end
    best = None
    for s, e in pieces:
        while s < e and not (text[s].isalnum() or text[s] in "“\"‘"):
            s += 1
        while e > s and not (text[e - 1].isalnum() or text[e - 1] in "”\"’.!?"):
            e -= 1
        if sum(ch.isalnum() for ch in text[s:e]) >= 2 and (best is None or e - s > best[1] - best[0]):
            best = (s, e)
    return best


def _opens_paragraph(text: str, m: Marked) -> bool:
    return m.open_mark == 0 or text[m.open_mark - 1] == "\n"


@component("quotes", version=9, requires=("doc", "entities"), assigns=("quotes",))
def quotes_component(ctx: Context) -> None:
    ctx.quotes = extract_quotes(ctx.doc, actors=ctx.actors)


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token indices of each token's sentence (``Token.sent`` rescans each time)."""
    out: list[tuple[int, int]] = [(0, 0)] * len(doc)
    for sent in doc.sents:
        bounds = (sent.start, sent.end)
        out[sent.start : sent.end] = [bounds] * (sent.end - sent.start)
    return out


# --- tokens inside quotation marks --------------------------------------------------------


def _quoted_tokens(doc: Doc, starts: list[int], marked: list[Marked]) -> bytearray:
    """1 for each token inside quotation marks (the marks themselves count as inside)."""
    flags = bytearray(len(doc))
    for m in marked:
        a = bisect_right(starts, m.open_mark) - 1
        b = bisect_left(starts, m.close_mark + 1 if m.close_mark is not None else m.end)
        for i in range(max(a, 0), b):
            flags[i] = 1
    return flags


# --- attributing quoted stretches ------------------------------------------------------------


def _attribute(
    doc: Doc,
    text: str,
    starts: list[int],
    marked: list[Marked],
    found: list[Cue],
    in_quote: bytearray,
) -> list[_Draft]:
    paras = paragraphs(text)
    para_starts = [p[0] for p in paras]
    by_token = {c.start: c for c in found}
    used: set[int] = set()  # cue tokens that attribute a quotation
    drafts: list[_Draft] = []

    def para_of(offset: int) -> int:
        return bisect_right(para_starts, offset) - 1

    absorbed: set[int] = set()
    direct_cue: dict[int, Cue] = {}
    # Reported clauses decide first whether a quotation is their content (or part of it).
    for c in found:
        if c.content is None:
            continue
        a, b = c.content
        inside = [k for k, m in enumerate(marked) if m.start < b and m.end > a]
        covered = sum(min(b, marked[k].end) - max(a, marked[k].start) for k in inside)
        if inside and covered >= COVER_DIRECT * (b - a):
            for k in inside:
                direct_cue.setdefault(k, c)
            used.add(c.start)
        elif inside:
            absorbed.update(k for k in inside if marked[k].start >= a and marked[k].end <= b)
    for k, m in enumerate(marked):
        if k in absorbed or k in direct_cue:
            continue
        cue = _adjacent_cue(doc, starts, m, by_token, in_quote, after_first=_ends_with_comma(text, m), opens=_opens_sentence(text, m))
        if cue is None:
            cue = _dash_cue(doc, text, starts, m, in_quote)
        if cue is None:
            cue = _colon_cue(doc, starts, m, in_quote)
        if cue is None:
            cue = _as_cue(doc, starts, m, in_quote)
        if cue is None and _ends_with_comma(text, m) and not _embedded(text, m):
            cue = _frame_cue(doc, starts, m, in_quote)
        if cue is not None:
            direct_cue[k] = cue
            if not (cue.content is not None and m.close_mark is not None and cue.content[0] > m.close_mark):
                used.add(cue.start)  # a clause of its own after the quotation stays a quote too

    for k, m in enumerate(marked):
        if k in absorbed:
            continue
        cue = direct_cue.get(k)
        if cue is None and _embedded(text, m) and len(text[m.start : m.end].split()) < MIN_EMBEDDED_WORDS:
            continue  # a scare quote or a title, not a statement
        p = para_of(m.open_mark)
        if cue is not None:
            drafts.append(_Draft(m.start, _trim_comma(text, m.start, m.end), "direct", cue, CONF_ADJACENT, p, m, p + m.paragraphs - 1))
        else:
            drafts.append(_Draft(m.start, _trim_comma(text, m.start, m.end), "direct", None, CONF_NO_SPEAKER, p, m, p + m.paragraphs - 1))
    # Reported clauses that are not quotations.
    for c in found:
        if c.content is None or c.start in used:
            continue
        a, b = c.content
        kind = "mixed" if any(m.start >= a and m.end <= b for m in marked) else "indirect"
        drafts.append(_Draft(a, b, kind, c, CONF_CLAUSE, para_of(a)))
    return _dedupe(drafts, starts)


def _dash_cue(doc: Doc, text: str, starts: list[int], m: Marked, in_quote: bytearray) -> Cue | None:
    """“A.” — Jane Doe, a nurse: a dash after the quotation, then a name ending the line."""
    if m.close_mark is None:
        return None
    # Character-wise: the tokenizer may glue the dash to the closing mark ("”―").
    k = m.close_mark + 1
    while k < len(text) and (text[k] in ",”\"" or (text[k].isspace() and text[k] != "\n")):
        k += 1
    dash = next((d for d in sorted(cues().dashes, key=len, reverse=True) if text.startswith(d, k)), None)
    if dash is None:
        return None
    i = bisect_right(starts, k) - 1
    j = k + len(dash)
    while j < len(text) and text[j].isspace() and text[j] != "\n":
        j += 1  # "―\xa0Jorge Falcon": a no-break space is a token of its own
    a = bisect_left(starts, j)
    b = a
    while b < len(doc) and b - a < 6 and doc[b].pos_ in ("PROPN", "NOUN") and not in_quote[b] and "\n" not in doc[b].text:
        b += 1
    if b == a or not any(t.pos_ == "PROPN" for t in doc[a:b]):
        return None
    return Cue(i, i + 1, None, None, speaker_span=(a, b), chars=(k, k + len(dash)))


COLON_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
# How far after a quotation its frame's verb may stand ("“A?” Judge Ann Cole asked").
FRAME_TOKENS = 8
# Verbs outside the speech lexicon that attribute in an as-clause with this object ("as X put it").
AS_PHRASES = {"put": "it"}


def _colon_cue(doc: Doc, starts: list[int], m: Marked, in_quote: bytearray) -> Cue | None:
    """Trump leaned in and boomed: “A” / She put it this way: ↵ “A” / Cole shot back, “A.”:
    a clause ending in a colon (or a comma, before a whole quoted sentence) right before
    the quotation, its verb outside the lexicon: the clause's subject
    speaks when it is a person (a name, a personal pronoun), not a thing (“the sign read:”)."""
    i = bisect_right(starts, m.open_mark) - 2
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 1 or doc[i].text not in (":", ",") or in_quote[i]:
        return None
    # The verb nearest the colon (“I had to change my answer:” — not the sentence's root).
    head = next((doc[k] for k in range(i - 1, max(i - 9, -1), -1) if doc[k].pos_ in ("VERB", "AUX") and doc[k].dep_ != "aux"), None)
    if head is None or any(in_quote[k] or doc[k].text in SENTENCE_PUNCT for k in range(head.i, i)):
        return None
    if doc[i].text == "," and not (
        # "Sanders shot back, “A.”": after a comma only a whole quoted sentence, and only the
        # verb (with its particle or adverb) right before the comma, make the frame
        _starts_upper(doc, starts, m)
        and all(doc[k].dep_ in ("prt", "advmod") for k in range(head.i + 1, i))
    ):
        return None
    subj = _subject(head)
    for _ in range(3):  # “then leaned in and boomed:” — the first verb of the chain has it
        if subj is not None or head.dep_ not in ("conj", "dep") or head.head.i >= head.i:
            break
        head = head.head
        subj = _subject(head)
    if subj is None or in_quote[subj] or not plausible_source(doc[subj]):
        return None
    tok = doc[subj]
    if not (tok.lower_ in COLON_PRONOUNS or tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN" and tok.ent_type_ in ("", "ORG")):
        return None
    return Cue(head.i, head.i + 1, None, subj)


def _starts_upper(doc: Doc, starts: list[int], m: Marked) -> bool:
    k = bisect_left(starts, m.start)
    return k < len(doc) and doc[k].text[:1].isupper()


HOLDER_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})


def _clause_holder(doc: Doc, starts: list[int], m: Marked, in_quote: bytearray) -> Cue | None:
    """The subject of the sentence's main verb, when it is a person (a name or a personal
    pronoun) before the quotation and outside quotation marks."""
    i = bisect_left(starts, m.start)
    if i >= len(doc):
        return None
    root = doc[i].sent.root
    if in_quote[root.i] or root.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or in_quote[subj.i] or subj.idx >= m.open_mark or not plausible_source(subj):
        return None
    if not (subj.lower_ in HOLDER_PRONOUNS or subj.ent_type_ == "PERSON"):
        return None
    return Cue(root.i, root.i + 1, None, subj.i)


def _frame_cue(doc: Doc, starts: list[int], m: Marked, in_quote: bytearray) -> Cue | None:
    """“Why now?” Beck questioned. / “A,” she laughed: a quotation ending in a comma,
    question or exclamation mark, then a person and a verb: the frame of a direct quote,
    whatever the verb (manner-of-speaking verbs are open-ended)."""
    if m.close_mark is None:
        return None
    i = bisect_left(starts, m.close_mark + 1)
    for k in range(i, min(len(doc), i + FRAME_TOKENS)):
        tok = doc[k]
        if in_quote[k] or tok.is_space or tok.text in SENTENCE_PUNCT:
            return None
        if tok.pos_ != "VERB" or tok.tag_ not in ("VBD", "VBZ", "VBP"):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj" and i <= c.i < k), None)
        if subj is None or not plausible_source(subj):
            return None
        if subj.lower_ in COLON_PRONOUNS or subj.ent_type_ == "PERSON" or subj.pos_ == "PROPN" and subj.ent_type_ in ("", "ORG"):
            return Cue(tok.i, tok.i + 1, None, subj.i)
        return None
    return None


def _as_cue(doc: Doc, starts: list[int], m: Marked, in_quote: bytearray) -> Cue | None:
    """As Jane Roe put it, the plan is “dead on arrival” / “A,” as he noted, “B”: an
    *as*-clause with a speech verb (or *put it*) attributes the quotations of its sentence
    to its subject, however far from the marks it stands."""
    i = bisect_right(starts, m.open_mark) - 1
    if i < 0:
        return None
    lex = cues()
    for t in doc[i].sent:
        if t.lower_ != "as" or t.dep_ != "mark" or in_quote[t.i] or in_quote[t.head.i]:
            continue
        verb = t.head
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or not (lemma in lex.speech or lemma in AS_PHRASES and any(
            c.dep_ == "dobj" and c.lower_ == AS_PHRASES[lemma] for c in verb.children
        )):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and t.i < c.i < verb.i), None)
        if subj is not None and not in_quote[subj.i] and plausible_source(subj):
            return Cue(verb.i, verb.i + 1, None, subj.i)
    return None


def _trim_comma(text: str, start: int, end: int) -> int:
    """“A,” he said: the comma belongs to the attribution, not to what was said."""
    while end > start + 1 and text[end - 1] in ",;:":
        end -= 1
    return end


def _ends_with_comma(text: str, m: Marked) -> bool:
    """“A,” he said — the comma (or ?/!) just inside or outside the closing mark."""
    inner = text[m.end - 1] if m.end > m.start else ""
    after = text[m.close_mark + 1 : m.close_mark + 2] if m.close_mark is not None else ""
    return inner in ",?!" or after == ","


def _opens_sentence(text: str, m: Marked) -> bool:
    """The quotation starts its sentence: nothing but sentence punctuation or a paragraph
    break before its opening mark."""
    i = m.open_mark - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in ".!?\n" or text[i] in "”\"’'" and i > 0 and text[i - 1] in ".!?"


def _embedded(text: str, m: Marked) -> bool:
    """A quotation inside running text: a word right before the opening mark."""
    i = m.open_mark - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i >= 0 and (text[i].isalnum() or text[i] in ")’'")


def _adjacent_cue(doc: Doc, starts: list[int], m: Marked, by_token: dict[int, Cue], in_quote: bytearray, *, after_first: bool, opens: bool) -> Cue | None:
    after = lambda: _cue_after(doc, starts, m, by_token, in_quote, opens=opens)  # noqa: E731
    before = lambda: _cue_before(doc, starts, m, by_token, in_quote)  # noqa: E731
    for search in (after, before) if after_first else (before, after):
        cue = search()
        if cue is not None:
            return cue
    return None


def _cue_after(doc: Doc, starts: list[int], m: Marked, by_token: dict[int, Cue], in_quote: bytearray, *, opens: bool = False) -> Cue | None:
    """“A,” he said / “A,” said X / “A.” X added."""
    if m.close_mark is None:
        return None
    i = bisect_left(starts, m.close_mark + 1)
    n = 0
    while i < len(doc) and n < AFTER_WINDOW:
        tok = doc[i]
        if in_quote[i] and tok.text not in ("”", '"', "»"):
            return None
        if i in by_token:
            cue = by_token[i]
            if cue.content is not None and cue.content[0] > m.close_mark and not opens:
                # On “Meet the Press,” Smith said the plan ...: a title, Smith said the clause.
                # A quotation opening its sentence is what was said, whatever the parser
                # made the verb's object ("A," she told CBS' Face the Nation on Sunday).
                return None
            return cue
        if tok.text in SENTENCE_PUNCT and n > 0:
            return None
        if tok.is_space and "\n" in tok.text:
            return None
        n += 0 if tok.is_punct else 1
        i += 1
    return None


def _cue_before(doc: Doc, starts: list[int], m: Marked, by_token: dict[int, Cue], in_quote: bytearray) -> Cue | None:
    """He said: “A” / X told reporters, “A” / (paragraph) He said: ↵ “A”."""
    i = bisect_right(starts, m.open_mark) - 2
    # Skip whitespace and a paragraph break only when the previous paragraph ends with ":".
    newline = False
    while i >= 0 and doc[i].is_space:
        newline = newline or "\n" in doc[i].text
        i -= 1
    if i < 0 or (newline and doc[i].text != ":"):
        return None
    last = doc[i]
    if not (last.text in BOUNDARY_BEFORE or last.lower_ == "that" or i in by_token):
        return None
    n = 0
    while i >= 0 and n < BEFORE_WINDOW:
        tok = doc[i]
        if in_quote[i]:
            return None
        if i in by_token:
            return by_token[i]
        if tok.text in SENTENCE_PUNCT or (tok.is_space and "\n" in tok.text):
            return None
        n += 0 if tok.is_punct else 1
        i -= 1
    return None


def _dedupe(drafts: list[_Draft], starts: list[int]) -> list[_Draft]:
    """Document order; a quotation inside a kept reported clause is already part of it."""
    drafts = sorted(drafts, key=lambda d: (d.start, -(d.end - d.start)))
    out: list[_Draft] = []
    for d in drafts:
        clash = next((o for o in out[-3:] if o.start < d.end and d.start < o.end), None)
        # "X rejected Y's claim that Z" / "X's refusal to Y angered Z": two attributions, the
        # inner one's cue after the outer one's or inside the outer content.
        nested = (
            clash is not None and d.kind != "direct" and clash.kind != "direct" and d.cue is not None
            and clash.cue is not None and d.cue.speaker_token != clash.cue.speaker_token
            and clash.start <= d.start and d.end <= clash.end and (d.end - d.start) < (clash.end - clash.start)
            and (d.cue.start > clash.cue.start or clash.start <= starts[d.cue.start] < clash.end)
        )
        if clash is None or nested or (d.kind == "direct" and clash.kind == "direct"):
            out.append(d)
        elif clash.kind == "indirect" and d.kind == "direct" and d.cue is not None and clash.cue is not d.cue:
            out[out.index(clash)] = d  # a quotation with its own cue wins over a clause around it
    return out
