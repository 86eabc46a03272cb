"""Spans around a cue read off the surface: the reported text after a colon, the
speaker named after an inverted verb (``“A,” said X``), and a token range as characters."""
from __future__ import annotations

from spacy.tokens import Doc, Token

MIN_CONTENT_TOKENS = 3


def _after_colon(doc: Doc, verb: Token, in_quote: bytearray) -> tuple[int, int] | None:
    """``The governor added: It's typical ...`` — unquoted statement after a colon that ends
    the attribution: the rest of the paragraph (quoted text is left to the marks)."""
    i = verb.i + 1
    while i < len(doc) and i - verb.i <= 4 and doc[i].text != ":":
        if doc[i].is_punct or in_quote[i] or "\n" in doc[i].text:
            return None
        i += 1
    if i >= len(doc) or doc[i].text != ":":
        return None
    j = i + 1
    while j < len(doc) and doc[j].is_space and "\n" not in doc[j].text:
        j += 1
    if j >= len(doc) or in_quote[j]:
        return None
    b = j
    while b < len(doc) and "\n" not in doc[b].text:
        b += 1
    return _char_span(doc, j, b, in_quote, keep_quoted=True)


def _inverted(doc: Doc, verb: Token, in_quote: bytearray) -> tuple[int, int] | None:
    """``“A,” said the Minister of Foreign Affairs Dmytro Kuleba`` — the speaker is the
    name after the verb, however the parser attached it."""
    if verb.i == 0 or verb.i + 1 >= len(doc):
        return None
    prev = doc[verb.i - 1]
    if not (in_quote[verb.i - 1] or prev.text in (",", "”", '"')):
        return None
    if any(c.dep_.startswith("nsubj") and c.i < verb.i for c in verb.children):
        return None  # "Smith, a senator, said the plan ...": the subject came first
    if verb.tag_ in ("VBG", "VBN") or verb.lemma_.lower() in ("tell", "inform", "assure", "remind", "brief"):
        return None  # "“A,” telling reporters ...": whom it was said to, not who said it
    end = verb.i + 1
    while end < len(doc) and end - verb.i <= 12:
        t = doc[end]
        if t.pos_ in ("PROPN", "NOUN", "DET", "ADJ") or _age_piece(doc, end) or (t.lower_ == "of" and end > verb.i + 1) or (t.text == "." and len(t.nbor(-1)) <= 2 if end > 0 else False):
            end += 1
            continue
        break
    while end > verb.i + 1 and doc[end - 1].pos_ in ("DET", "ADJ") and doc[end - 2].text != "-" or (end > verb.i + 1 and doc[end - 1].lower_ == "of"):
        end -= 1
    start = verb.i + 1
    while start < end and doc[start].ent_type_ in ("DATE", "TIME"):
        start += 1  # "said Thursday morning Flynn"
    if start == end or not any(t.pos_ in ("PROPN", "NOUN") for t in doc[start:end]):
        return None
    return start, end


def _age_piece(doc: Doc, i: int) -> bool:
    """A piece of ``46-year-old`` / ``six-month-old`` (numbers and hyphens the tagger leaves out)."""
    t = doc[i]
    if t.like_num:
        return i + 1 < len(doc) and doc[i + 1].text == "-"
    if t.text == "-":
        return 0 < i < len(doc) - 1 and (doc[i - 1].like_num or doc[i - 1].lower_ in ("year", "month", "week"))
    return False


def _char_span(doc: Doc, a: int, b: int, in_quote: bytearray, *, keep_quoted: bool, min_tokens: int = MIN_CONTENT_TOKENS) -> tuple[int, int] | None:
    """Characters of tokens ``[a, b)`` without edge punctuation and a leading ``that``."""
    while a < b and (doc[a].is_punct or doc[a].is_space or doc[a].lower_ in ("that", "whether")):
        if doc[a].lower_ in ("“", '"', "«") and keep_quoted:
            break
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
        if doc[b - 1].lower_ in ("”", '"', "»") and keep_quoted and in_quote[b - 1]:
            break
        b -= 1
    if b - a < min_tokens:
        return None
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
