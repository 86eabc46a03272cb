"""Speakers read off the surface where the parse gives a cue verb none, or a wrong one.

The dependency parser often hangs a name on the wrong word in news prose (a name before
an apposition, a quoted pronoun taken as subject, a dateline read as a noun, a proportion
read as a modifier).  These helpers find the noun phrase the word order shows; the
:class:`~newsevents.quotes_speakers.SpeakerFinder` mixes them in and builds the speaker.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .quotes_cues import plausible_source

PERSON = "PERSON"
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
SOURCE_LABELS = frozenset({"PERSON", "ORG", "NORP"})
OBJECT_DEPS = frozenset({"pobj", "dobj", "poss", "npadvmod", "dative"})
QUANTITY_DEPS = frozenset({"nummod", "npadvmod"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
CONTRACTED_HAS = frozenset({"'s", "’s"})
# A dateline opening a paragraph: "WASHINGTON (AP) — ", "MANCHESTER, N.H. - ".
DATELINE_RE = re.compile(r"[A-Z][A-Z .'-]{2,}(?:, [A-Z][\w. ]+?)?(?: \([A-Za-z]+\))? ?(?:—|–|--|-) ")
# How many tokens after an inverted verb may name its speaker ("said retired judge Ann Cole").
INVERTED_TOKENS = 8
# The longest comma-enclosed apposition (in tokens) read between a speaker and its verb.
APPOSITION_TOKENS = 25


def _who_antecedent(verb: Token, tok: Token) -> bool:
    """``those who said``: a relative *who* makes its antecedent a group of people."""
    return verb.dep_ == "relcl" and verb.head.i == tok.i and any(
        c.dep_ in SUBJECT_DEPS and c.lower_ == "who" for c in verb.children
    )



class SurfaceSpeakers:
    """Mixin: needs ``doc``, ``text``, ``in_quote``, ``ents`` and ``full_names``."""

    doc: Doc
    text: str
    in_quote: bytearray
    ents: list
    full_names: dict[str, str]

    def _left_of_apposition(self, verb: Token, *, right_subject_ok: bool = False) -> int | None:
        """``Harry Reid, the minority leader, said`` parsed with no subject (the name hung on an
        earlier noun): a finite verb right after a comma-enclosed apposition or relative clause
        takes the noun that stretch describes."""
        doc = self.doc
        if verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in FINITE_TAGS or verb.i < 3:
            return None
        if any(c.dep_ in SUBJECT_DEPS and (c.i < verb.i or not right_subject_ok) for c in verb.children):
            return None
        if doc[verb.i - 1].text != ",":
            return None
        c1 = verb.i - 2
        while c1 > 0 and verb.i - c1 <= APPOSITION_TOKENS and doc[c1].text != ",":
            t = doc[c1]
            if self.in_quote[c1] or t.text in (".", "!", "?", ";", ":") or "\n" in t.text:
                return None
            c1 -= 1
        if c1 <= 0 or doc[c1].text != "," or c1 == verb.i - 2:
            return None
        stretch = range(c1 + 1, verb.i - 1)
        roots = [doc[i] for i in stretch if not (c1 < doc[i].head.i < verb.i - 1)]
        if len(roots) != 1 or roots[0].dep_ not in ("appos", "relcl", "acl"):
            return None
        head = roots[0].head
        last = doc[c1 - 1]
        if head.i >= c1 or self.in_quote[head.i] or not (head == last or head.is_ancestor(last)):
            return None
        if not plausible_source(head) or not (head.pos_ == "PROPN" or head.ent_type_ in SOURCE_LABELS):
            return None
        if head.dep_ in OBJECT_DEPS:  # "In Oslo, the capital, ...": a place in a phrase speaks not
            return None
        return head.i

    def _between_quote_and(self, verb: Token) -> int | None:
        """``“A,” Tulsa police Chief Ann Cole said``: the noun phrase between the closing mark
        and the verb."""
        k = verb.i - 1
        while k >= 0 and not self.in_quote[k] and verb.i - k <= INVERTED_TOKENS:
            k -= 1
        if k < 0 or not self.in_quote[k] or k + 1 >= verb.i:
            return None
        names = [i for i in range(k + 1, verb.i) if self.doc[i].ent_type_ == PERSON]
        if names:  # "Tulsa police Chief Ann Cole" misparsed around the name: the name
            return names[-1]
        head = self._phrase_root(k + 1, verb)
        return head.i if head is not None and head.pos_ in ("NOUN", "PROPN") else None

    def _phrase_root(self, k0: int, verb: Token) -> Token | None:
        """The first token of ``[k0, verb)`` whose head lies outside that stretch, when it can
        be a source."""
        for t in self.doc[k0 : verb.i]:
            if not k0 <= t.head.i < verb.i or t.head.i == t.i:
                ok = t.pos_ in ("NOUN", "PROPN", "PRON") and not self.in_quote[t.i] and plausible_source(t)
                return t if ok else None
        return None

    def _dateline_end(self, tok: Token) -> int | None:
        """End offset of the dateline holding ``tok`` (``WASHINGTON (AP) —`` opening its
        paragraph), or None."""
        if not tok.text.isupper():
            return None
        start = self.text.rfind("\n", 0, tok.idx) + 1
        m = DATELINE_RE.match(self.text, start)
        return m.end() if m is not None and tok.idx < m.end() else None

    def _after_dateline(self, end: int, verb: Token) -> Token | None:
        """The head of the noun phrase between a dateline and the cue verb (the parser hung
        the place on the verb instead): its first token whose head lies outside it."""
        k0 = next((t.i for t in self.doc[: verb.i] if t.idx >= end), None)
        return self._phrase_root(k0, verb) if k0 is not None else None

    def _quantity_subject(self, verb: Token) -> int | None:
        """``About 4 in 10 say``, ``Less than a third agreed``: a proportion of people the
        parser hung on the verb as a number or adverbial modifier is its subject."""
        if verb.tag_ not in FINITE_TAGS or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return None
        for c in verb.children:
            if c.i < verb.i and c.dep_ in QUANTITY_DEPS and c.pos_ in ("NUM", "NOUN") and not self.in_quote[c.i]:
                if plausible_source(c) and c.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT"):
                    return c.i
        return None

    def _is_name(self, t: Token) -> bool:
        """A person's name however the tagger read it (``said Skelly`` tagged an adverb)."""
        return t.text[:1].isupper() and (t.ent_type_ == PERSON or t.text in self.full_names)

    def _name_before(self, verb: Token) -> int | None:
        """``“A,” Trump barked`` with the verb read as a noun's head: a name right before a
        verb that has no subject, attached to that verb, is who spoke."""
        if verb.i == 0 or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return None
        prev = self.doc[verb.i - 1]
        if self.in_quote[prev.i]:
            return None
        if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBZ") and verb.head.i == prev.i:
            # "a man yelled “Stay!”" read as a reduced relative on "man": a tensed verb
            # hung on the noun right before it has that noun as subject
            return prev.i if prev.pos_ in ("NOUN", "PROPN") and plausible_source(prev) else None
        if prev.head.i != verb.i or not self._is_name(prev):
            return None
        return prev.i

    def _name_after(self, verb: Token) -> tuple[int, int, int] | None:
        """``“A,” said retired judge Ann Cole, asked ...`` / ``“A,” said Skelly``: a verb right
        after the quotation with no subject is followed by its speaker; the parser missed it
        (a participle or an adverb tag in the way).  Returns the phrase and its head token."""
        doc = self.doc
        if verb.i == 0 or not (self.in_quote[verb.i - 1] or doc[verb.i - 1].text == ","):
            return None
        if verb.tag_ not in FINITE_TAGS or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return None
        run: list[int] = []
        for j in range(verb.i + 1, min(len(doc), verb.i + 1 + INVERTED_TOKENS)):
            t = doc[j]
            if self.in_quote[j] or t.is_punct or t.is_space:
                break
            if t.pos_ in ("DET", "ADJ", "NOUN", "PROPN") or t.dep_ in ("amod", "compound") or self._is_name(t):
                run.append(j)
                continue
            break
        names = [j for j in run if self._is_name(doc[j])]
        if not names:  # "“A,” wrote a local supporter": the noun phrase, if one is there
            names = [j for j in run if doc[j].pos_ in ("NOUN", "PROPN") and doc[j].ent_type_ not in ("DATE", "TIME")]
            names = names[-1:] if names and doc[run[-1]].pos_ in ("NOUN", "PROPN") else []
        if not names:
            return None
        return run[0], names[-1] + 1, names[-1]

    def _relative_end(self, verb: Token, b: int) -> int | None:
        """``Sen. Jane Roe of Ohio, the ranking Democrat, who said``: the speaker mention runs
        from the antecedent to the relative pronoun (the apposition describes the same person);
        the name is still read off the antecedent's own phrase."""
        if verb.dep_ != "relcl":
            return None
        rel = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ in RELATIVE_PRONOUNS), None)
        if rel is None or rel.i <= b or rel.i - b > APPOSITION_TOKENS:
            return None
        doc = self.doc
        if any(self.in_quote[i] or doc[i].text in (".", "!", "?", ";", ":") or "\n" in doc[i].text for i in range(b, rel.i)):
            return None
        end = rel.i
        while end > b and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return end if end > b else None

    def _contracted_perfect(self, verb: Token) -> int | None:
        """``He's said he'll fight on`` read as a passive (nsubjpass + ``'s`` as auxpass):
        with a clause for its object and no agent, ``'s`` is *has*, and its subject speaks."""
        kids = list(verb.children)
        if not any(c.dep_ == "auxpass" and c.lower_ in CONTRACTED_HAS for c in kids):
            return None
        if any(c.dep_ == "agent" or c.dep_ == "xcomp" for c in kids) or not any(c.dep_ == "ccomp" for c in kids):
            return None
        subj = next((c for c in kids if c.dep_ == "nsubjpass" and c.i < verb.i), None)
        return subj.i if subj is not None and not self.in_quote[subj.i] and plausible_source(subj) else None

