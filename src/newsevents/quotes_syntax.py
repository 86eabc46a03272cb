"""Who holds a cue: the subject of a cue verb (through the verbs it depends on), and
whether a token can be a source at all — shared by verb, noun and adjective cues."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token


@dataclass(frozen=True)
class Cue:
    """A cue verb (or preposition) and the reported clause it governs, if any."""

    start: int  # token index of the cue's first token
    end: int  # token index after the cue
    content: tuple[int, int] | None  # character span of the reported clause
    speaker_token: int | None  # head token of the speaker phrase
    prep: bool = False  # ``according to``: the speaker is its object
    speaker_span: tuple[int, int] | None = None  # tokens of the speaker when read off the surface
    chars: tuple[int, int] | None = None  # the cue's characters when a token holds more (``”―``)


# Subjects that are not sources: expletives, relative pronouns of things, plain things.
NOT_SOURCES = frozenset({"it", "this", "that", "there", "which", "what", "these", "those", "something", "nothing", "anything", "everything"})
SOURCE_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
NOT_SOURCE_ENTS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY"})
NOT_SOURCE_POS = frozenset({"VERB", "AUX", "ADP", "ADV", "CCONJ", "SCONJ", "PART", "PUNCT", "SPACE"})


def plausible_source(tok: Token) -> bool:
    """Whether a subject can be who says or holds something: not a date, an amount, an
    expletive, or a verb the parser took for a noun."""
    return (
        tok.lower_ not in NOT_SOURCES
        and tok.ent_type_ not in NOT_SOURCE_ENTS
        and tok.pos_ not in NOT_SOURCE_POS
    )


def _subject_left(verb: Token) -> int:
    left = verb.i
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i:
            left = min(left, c.left_edge.i)
    return left


def _subject_rank(tok: Token) -> tuple[int, int]:
    """Order of preference when the parser gives a verb two subjects (``“... mode,” said
    Leslie Wimes``): a name or pronoun over a common noun, then the one nearer the verb."""
    named = tok.ent_type_ in SOURCE_ENTS or tok.pos_ in ("PROPN", "PRON")
    return (0 if named else 1, abs(tok.head.i - tok.i))


DATELINE_DASHES = frozenset({"--", "—", "–", "-", "―"})


def _appositive_name(tok: Token) -> Token:
    """``the election, Minyon Moore, a senior adviser, called ...`` — a common-noun subject
    whose apposition is a person: the person speaks."""
    doc = tok.doc
    if tok.ent_type_ == "GPE" and tok.i + 1 < len(doc) and doc[tok.i + 1].text in DATELINE_DASHES:
        # "WASHINGTON -- President Obama, ..., said": the dateline is no speaker, its apposition is
        return next((c for c in tok.children if c.dep_ == "appos" and c.i > tok.i), tok)
    if tok.pos_ != "NOUN" or tok.ent_type_ in SOURCE_ENTS:
        return tok
    for c in tok.children:
        if c.dep_ == "appos" and c.i > tok.i and c.ent_type_ == "PERSON":
            return c
    return tok


def _copula_subject(noun: Token) -> Token | None:
    """``Smith is a veteran organizer who said ...``: a relative clause on a predicate noun
    (or on a noun coordinated with it) is about the copula's subject."""
    if noun.pos_ != "NOUN":
        return None  # "The wild card is Trump, who said": the name itself
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i < noun.i:
        noun = noun.head
    if noun.dep_ != "attr" or noun.head.lemma_ != "be":
        return None
    subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    if subj is None or not (subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG", "NORP")):
        return None  # "The main barrier was black voters, who ...": the predicate is the referent
    return _appositive_name(subj) if plausible_source(subj) else None


def _subject(verb: Token) -> int | None:
    """The token heading the speaker: the cue's subject, or (``adding that``, ``but added``)
    the subject of the verb it depends on."""
    tok = verb
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("there", "that", "which", "who")]
        for c in sorted(subjects, key=_subject_rank)[:1] + [c for c in tok.children if c.dep_ == "agent"]:
            if c.dep_ in ("nsubj", "nsubjpass"):
                if c.dep_ == "nsubjpass" and tok is not verb and verb.tag_ == "VBG":
                    return c.i  # "After saying X, she was taken ...": the one who said it
                if c.dep_ == "nsubjpass":  # "was told by X": the agent speaks
                    agent = next((g for g in tok.children if g.dep_ == "agent"), None)
                    obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
                    return obj.i if obj is not None else None
                return _appositive_name(c).i
            if c.dep_ == "agent":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj.i
        if tok.dep_ in ("conj", "advcl", "xcomp") and tok.head.pos_ in ("VERB", "AUX"):
            tok = tok.head
            continue
        if tok.dep_ == "xcomp" and tok.head.pos_ == "ADJ" and tok.head.head.pos_ in ("VERB", "AUX"):
            tok = tok.head.head  # "voters were more likely to say ...": the copula's subject
            continue
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
            tok = tok.head.head  # "... by criticizing X": the subject of the verb it modifies
            continue
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN") and plausible_source(tok.head):
            noun = tok.head
            if noun.dep_ == "dobj" and noun.pos_ == "NOUN" and noun.ent_type_ not in SOURCE_ENTS and noun.head.pos_ in ("VERB", "AUX"):
                # "the council issued a statement calling ...": whoever issued it
                owner = next((c for c in noun.head.children if c.dep_ == "nsubj" and plausible_source(c)), None)
                if owner is not None:
                    return _appositive_name(owner).i
            return noun.i  # "a new ad attacking X", "a report saying ..."

        if tok.dep_ == "relcl":  # "Peskov, who said ...", not "a step that recognized ..."
            rel = next((c for c in tok.children if c.dep_.startswith("nsubj")), None)
            ante = tok.head
            if (rel is not None and rel.lower_ == "who") or ante.ent_type_ in SOURCE_ENTS or ante.pos_ in ("PROPN", "PRON"):
                return ante.i
            return None
        break
    return None
