"""Cues beyond a verb and its complement (lexicon classes in ``data/cues.json``):

* nouns of statement, belief, stance or intention (``Smith's claim that ...``, ``her call
  for a ceasefire``, ``his plan to ...``) whose holder is their possessor (or the subject
  of a light verb: ``launched an attack on``); an unowned content clause (``the claim that
  ...``); a stance received (``won the endorsement of X``); ``questions about X``;
  ``in favor of X``;
* predicative adjectives of attitude (``Smith is confident that ...``, ``was critical of
  X``) held by the subject of their copula; impersonal ones (``it is unclear whether
  ...``) report the writer's view: no speaker;
* fronted perspectives (``To many voters, ...``, ``In a CNN poll, ...``), ``made it clear
  that ...`` and psych verbs (``Republicans were angered by X``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from .quotes_spans import _char_span
from .quotes_syntax import NOT_SOURCES, SOURCE_ENTS, Cue, _subject, plausible_source


@dataclass(frozen=True)
class NounLexicon:
    """The lexicon classes of non-verbal cues read from ``data/cues.json``."""

    intent: frozenset[str]  # nouns of intention and decision with a to-infinitive (her plan to ...)
    attitude: frozenset[str]  # adjectives whose subject holds their complement (sure that, critical of)
    impersonal: frozenset[str]  # adjectives of the writer's assessment with an expletive subject (it is unclear whether)
    people: frozenset[str]  # nouns of people whose perspective a fronted 'To/For X,' gives (to many voters, ...)
    surveys: frozenset[str]  # nouns of surveys whose findings a fronted 'In X,' gives (In a CNN poll, ...)
    receive: frozenset[str]  # verbs of getting or meeting a stance (won the support of X, faced questions about Y)
    received: frozenset[str]  # stance nouns whose recipient (the subject of a receive verb) is what they are about
    questions: frozenset[str]  # nouns of asking whose about-phrase is the content when someone faces them
    psych: frozenset[str]  # verbs of causing a feeling (anger, alarm): the one who feels it holds a view of the cause
    take: dict  # take + noun + preposition idioms of stance (take aim at, take issue with): noun -> prepositions
    agents: frozenset[str]  # nouns of a person by their stance (supporter, critic): X is a critic of Y


@cache
def noun_lexicon() -> NounLexicon:
    raw = json.loads(resources.files("newsevents").joinpath("data/cues.json").read_text("utf-8"))
    return NounLexicon(
        intent=frozenset(raw.get("nominal_intent", ())),
        attitude=frozenset(raw.get("adjective_attitude", ())),
        impersonal=frozenset(raw.get("adjective_impersonal", ())),
        people=frozenset(raw.get("perspective_people", ())),
        surveys=frozenset(raw.get("perspective_surveys", ())),
        receive=frozenset(raw.get("receive_verbs", ())),
        received=frozenset(raw.get("received_stance", ())),
        questions=frozenset(raw.get("received_questions", ())),
        psych=frozenset(raw.get("psych_verbs", ())),
        take={k: tuple(v) for k, v in raw.get("take_idioms", {}).items()},
        agents=frozenset(raw.get("stance_agents", ())),
    )


def is_nominal_cue(tok: Token, lex) -> bool:
    """A noun that can attribute what follows it (``claim``, ``plan``)."""
    lemma = tok.lemma_.lower()
    nl = noun_lexicon()
    return (lemma in lex.nominal or lemma in nl.intent or lemma in nl.received or lemma in nl.questions
            or lemma in STANCE_PHRASES or lemma in nl.agents)


NOMINAL_PREPS = frozenset({"for", "of", "to", "on", "against", "about", "over"})


LIGHT_VERBS = frozenset({"make", "have", "hold", "share", "launch", "deliver", "issue", "offer", "express", "voice", "take", "level", "lodge",
                         "renew", "repeat", "reiterate", "give", "raise", "mount", "step", "file", "publish", "release", "send", "post", "write"})


def _nominal_owner(noun: Token) -> Token | None:
    """Who holds a nominal cue without a possessor: ``Trump launched an attack on X`` (the
    subject of a light verb whose object the noun is), ``criticism from X``, ``Republican
    calls for X`` (a person or group as modifier)."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i > noun.i:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and (obj.ent_type_ in SOURCE_ENTS or obj.pos_ == "PROPN"):
                return obj
    for c in noun.children:
        if c.dep_ in ("compound", "amod") and c.i < noun.i and c.ent_type_ in ("PERSON", "ORG", "NORP"):
            return c
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and noun.head.lemma_.lower() in LIGHT_VERBS:
        subj = _subject(noun.head)
        if subj is not None:
            return noun.doc[subj]
    return None


# "in favor of X" (in + noun + of): a stance on X held by the subject of the clause.
STANCE_PHRASES = frozenset({"favor", "favour", "support", "defense", "defence", "opposition"})


def _stance_phrase(doc: Doc, noun: Token, in_quote: bytearray, lex) -> Cue | None:
    """``The mayor is in favor of a new bridge``, ``voted in support of X``: X is the stance's
    content and the subject of the verb the phrase hangs on holds it."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "in" or prep.head.pos_ not in ("VERB", "AUX"):
        return None if noun.lemma_.lower() in ("favor", "favour") else _nominal_cue(doc, noun, in_quote, lex, phrase=False)
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == noun.i + 1), None)
    obj = next((g for g in of.children if g.dep_ in ("pobj", "pcomp")), None) if of is not None else None
    if obj is None or any(c.dep_ in ("det", "poss") for c in noun.children):
        return None
    span = _char_span(doc, obj.left_edge.i, obj.right_edge.i + 1, in_quote, keep_quoted=True, min_tokens=1)
    holder = _subject(prep.head)
    if holder is not None and not plausible_source(doc[holder]):
        holder = None
    return Cue(prep.i, of.i + 1, span, holder) if span is not None else None


def _stance_agent(doc: Doc, noun: Token, in_quote: bytearray) -> Cue | None:
    """``Smith is a fierce critic of the plan`` / ``Adelson, a supporter of Israel, ...``: a
    person named by their stance holds it; only as a predicate or an apposition, where the
    person is named (``supporters of X`` alone is a group, not a statement)."""
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        found = _subject(noun.head)
        holder = doc[found] if found is not None else None
    elif noun.dep_ == "appos":
        holder = noun.head
    else:
        return None
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > noun.i), None)
    obj = next((g for g in of.children if g.dep_ in ("pobj", "pcomp")), None) if of is not None else None
    if obj is None or holder is None or in_quote[obj.i] or not plausible_source(holder):
        return None
    span = _char_span(doc, obj.left_edge.i, obj.right_edge.i + 1, in_quote, keep_quoted=True, min_tokens=1)
    return Cue(noun.i, of.i + 1, span, holder.i) if span is not None else None


def _received_cue(doc: Doc, noun: Token, in_quote: bytearray) -> Cue | None:
    """``Cruz won the endorsement of X`` / ``the program drew criticism from Y``: the stance
    is about the subject of the receive verb and held by the of/from phrase (or nobody
    named); ``questions about Z`` (faced, raised): what is asked is the about-phrase, by
    whoever a from-phrase names."""
    nl = noun_lexicon()
    lemma = noun.lemma_.lower()
    if lemma in nl.questions:
        about = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("about", "over") and c.i > noun.i), None)
        obj = next((g for g in about.children if g.dep_ in ("pobj", "pcomp")), None) if about is not None else None
        if obj is None:
            return None
        span = _char_span(doc, obj.left_edge.i, obj.right_edge.i + 1, in_quote, keep_quoted=True, min_tokens=1)
        holder = _from_holder(noun)
        if holder is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() not in nl.receive:
            holder = _subject(noun.head)  # "Smith raised questions about X": Smith asks
        return Cue(noun.i, noun.i + 1, span, holder) if span is not None else None
    verb = noun.head
    if lemma not in nl.received or noun.dep_ != "dobj" or verb.pos_ != "VERB" or verb.lemma_.lower() not in nl.receive:
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or in_quote[subj.i] or not plausible_source(subj):
        return None
    span = _char_span(doc, subj.left_edge.i, subj.right_edge.i + 1, in_quote, keep_quoted=True, min_tokens=1)
    holder = _from_holder(noun, ("of", "from", "among"))
    if holder is None:
        holder = _from_holder(verb, ("from", "among"))  # "drew support among young voters"
    if holder is None:
        holder = next((c.i for c in noun.children if c.dep_ in ("poss", "compound", "amod") and c.ent_type_ in SOURCE_ENTS), None)
    return Cue(noun.i, noun.i + 1, span, holder) if span is not None else None


def _from_holder(head: Token, preps: tuple[str, ...] = ("from",)) -> int | None:
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in preps and c.i > head.i:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and plausible_source(obj):
                return obj.i
    return None


def _content_clause(doc: Doc, noun: Token, in_quote: bytearray, lex) -> Cue | None:
    """``the claim that the vote was rigged``, ``fears that the deal will collapse``: a
    content clause states what is claimed or feared even when nobody is named as holding it."""
    for c in noun.children:
        if c.i > noun.i and c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" and g.i == c.left_edge.i for g in c.children):
            span = _char_span(doc, c.left_edge.i, c.right_edge.i + 1, in_quote, keep_quoted=True)
            return Cue(noun.i, noun.i + 1, span, _governing_subject(noun, lex)) if span is not None else None
    return None


def _governing_subject(noun: Token, lex) -> int | None:
    """Who entertains an unowned claim or hope: the subject of the verb the noun is the
    object of (``voiced the fear that``, ``clings to the hope that``) — unless that verb
    is a cue of its own (``rejected the claim that``: someone else claimed it)."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX") or (lemma in lex.known and lemma not in LIGHT_VERBS):
        return None
    subj = _subject(verb)
    return subj if subj is not None and plausible_source(noun.doc[subj]) else None


def _nominal_cue(doc: Doc, noun: Token, in_quote: bytearray, lex, *, phrase: bool = True) -> Cue | None:
    """``Smith's claim that ...``, ``her call for a ceasefire``: the possessor holds the
    content (the noun's that-clause or prepositional object)."""
    if phrase and noun.lemma_.lower() in STANCE_PHRASES:
        return _stance_phrase(doc, noun, in_quote, lex)
    if noun.lemma_.lower() in noun_lexicon().agents:
        return _stance_agent(doc, noun, in_quote)
    received = _received_cue(doc, noun, in_quote)
    if received is not None:
        return received
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        owner = _nominal_owner(noun)
    if owner is None or not plausible_source(owner) or in_quote[owner.i]:
        return _content_clause(doc, noun, in_quote, lex)
    for c in noun.children:
        if c.i < noun.i:
            continue
        if c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            span = _char_span(doc, c.left_edge.i, c.right_edge.i + 1, in_quote, keep_quoted=True)
        elif c.dep_ == "acl" and c.tag_ == "VB" and any(g.dep_ == "aux" and g.lower_ == "to" and g.i < c.i for g in c.children):
            # "her plan to cut taxes", "his refusal to resign": what is intended or decided
            span = _char_span(doc, c.left_edge.i, c.right_edge.i + 1, in_quote, keep_quoted=True, min_tokens=2)
        elif c.dep_ == "prep" and c.lower_ in NOMINAL_PREPS and any(g.dep_ in ("pobj", "pcomp") for g in c.children):
            obj = next(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
            span = _char_span(doc, obj.left_edge.i, obj.right_edge.i + 1, in_quote, keep_quoted=True, min_tokens=1)
        else:
            continue
        if span is not None:
            return Cue(noun.i, noun.i + 1, span, owner.i)
    return None


# Copulas an attitude adjective can follow ("is sure", "seemed eager", "became critical").
COPULAS = frozenset({"be", "seem", "appear", "remain", "become", "sound", "look", "feel", "grow", "stay"})
# Prepositions that introduce what an attitude is about ("critical of", "worried about").
ADJECTIVE_PREPS = frozenset({"of", "about", "with", "on", "to", "in", "over", "at", "toward", "towards", "for"})


WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


def _adjective_complement(adj: Token) -> Token | None:
    """The clause or prepositional object an adjective governs; an extraposed clause (``it
    is unclear whether``) may hang on the copula instead."""
    for c in adj.children:
        if c.i < adj.i:
            continue
        if c.dep_ in ("ccomp", "xcomp", "advcl") and c.pos_ in ("VERB", "AUX"):
            return c
        if c.dep_ == "prep" and c.lower_ in ADJECTIVE_PREPS:
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return obj
    return next((c for c in adj.head.children if c.i > adj.i and c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")), None)


def adjective_cue(doc: Doc, adj: Token, in_quote: bytearray, lex) -> Cue | None:
    """``Smith is confident that X`` / ``was critical of X`` (Smith holds it), ``it is unclear
    whether X`` (the writer's assessment: no speaker).  ``X is likely to win`` is left out:
    on PolNeAR train most such predictions were not annotated."""
    nl = noun_lexicon()
    lemma = adj.lemma_.lower()
    head = adj.head
    if adj.dep_ != "acomp" or head.lemma_.lower() not in COPULAS or not (lemma in nl.attitude or lemma in nl.impersonal):
        return None
    comp = _adjective_complement(adj)
    if comp is None or in_quote[comp.i]:
        return None
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < head.i), None)
    if subj is None and head.dep_ in ("conj", "xcomp", "ccomp"):
        found = _subject(head)  # "... and was critical of X"
        subj = doc[found] if found is not None else None
    if subj is None or in_quote[subj.i]:
        return None
    expletive = subj.dep_ == "expl" or subj.lower_ == "it"
    if comp.dep_ == "xcomp" and expletive and comp.lemma_.lower() not in lex.known:
        return None  # "it is clear to drive on": not a judgement about a proposition
    if expletive:
        if lemma not in nl.impersonal or comp.left_edge.tag_ in WH_TAGS:
            return None  # "it is unclear how ...": an open question, no proposition held
        holder = None
    elif lemma in nl.attitude and plausible_source(subj):
        holder = subj.i
    else:
        return None
    span = _char_span(doc, comp.left_edge.i, comp.right_edge.i + 1, in_quote,
                      keep_quoted=True, min_tokens=1 if comp.dep_ in ("pobj", "pcomp") else 2)
    return Cue(adj.i, adj.i + 1, span, holder) if span is not None else None


PERSPECTIVE_PREPS = frozenset({"to", "in"})  # not "for": mostly benefactive (For Clinton, the win means ...)


def perspective_cue(doc: Doc, sent: tuple[int, int], prep: Token, in_quote: bytearray) -> Cue | None:
    """``To many voters, the race is over.`` / ``In a CNN poll, Smith led by five points.``:
    a fronted to-phrase naming people (an in-phrase naming a survey), closed by a comma,
    gives their view (its finding) of the sentence after it.  Only fronted: ``X trails in
    the polls`` is the writer's summary as often as not."""
    if prep.i != sent[0] or prep.lower_ not in PERSPECTIVE_PREPS or prep.dep_ != "prep" or in_quote[prep.i]:
        return None
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or not (_holder_noun(obj) if prep.lower_ == "to" else obj.lemma_.lower() in noun_lexicon().surveys):
        return None  # "To many voters, ..." / "In a CNN poll, ..."
    comma = obj.right_edge.i + 1
    if comma >= sent[1] or doc[comma].text != ",":
        return None
    if not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in doc[comma + 1 : sent[1]]):
        return None
    span = _char_span(doc, comma + 1, sent[1], in_quote, keep_quoted=True)
    return Cue(prep.i, prep.i + 1, span, obj.i, prep=True) if span is not None else None


def _holder_noun(tok: Token) -> bool:
    """A person, group or pronoun who can hold a view (not ``for years``, ``to date``)."""
    if tok.ent_type_ in ("PERSON", "NORP", "ORG"):
        return True
    if tok.pos_ == "PRON":
        return tok.lower_ not in ("it", "this", "that", "what", "which", "something", "anything", "everything", "nothing")
    if tok.lemma_.lower() in noun_lexicon().people:
        return True
    # "to many fishermen", "to some older voters": a quantified plural noun names people
    return tok.tag_ == "NNS" and any(c.lower_ in QUANTIFIERS and c.i < tok.i for c in tok.children)


QUANTIFIERS = frozenset({"many", "some", "most", "few", "other", "all"})


# "made clear that", "made it plain": make + one of these adjectives states its clause.
DECLARATIVE_ADJECTIVES = frozenset({"clear", "plain", "known", "obvious", "explicit"})


def make_clear_cue(doc: Doc, verb: Token, in_quote: bytearray) -> Cue | None:
    """``Smith made clear (that) X`` / ``made it plain that X``: a statement; the clause
    hangs on the verb or on the adjective, as the parser chooses."""
    if verb.lemma_.lower() != "make" or verb.pos_ != "VERB":
        return None
    adj = next((c for c in verb.children if c.i > verb.i and c.lower_ in DECLARATIVE_ADJECTIVES), None)
    if adj is None:
        return None
    clause = next((c for c in list(adj.children) + list(verb.children)
                   if c.i > adj.i and c.dep_ in ("ccomp", "advcl") and c.pos_ in ("VERB", "AUX")
                   and not any(g.dep_ == "mark" and g.lower_ != "that" for g in c.children)), None)  # not "as they ..."
    if clause is None or in_quote[clause.i]:
        return None
    a = min((g.left_edge.i for g in clause.children if g.dep_ == "mark" or g.dep_.startswith("nsubj")), default=clause.left_edge.i)
    span = _char_span(doc, a, clause.right_edge.i + 1, in_quote, keep_quoted=True)
    return Cue(verb.i, adj.i + 1, span, _subject(verb)) if span is not None else None


PSYCH_PREPS = frozenset({"by", "at", "about", "over", "with", "that"})


def psych_cue(doc: Doc, verb: Token, in_quote: bytearray) -> Cue | None:
    """``Republicans were angered by the decision`` / ``The decision angered Republicans``:
    whoever feels the anger holds a view of its cause (the agent or subject) —
    ``residents were alarmed that ...``: of the clause."""
    if verb.lemma_.lower() not in noun_lexicon().psych or verb.pos_ != "VERB":
        return None
    kids = list(verb.children)
    passive = verb.tag_ == "VBN" and any(c.dep_ in ("auxpass", "nsubjpass") for c in kids)
    if passive:
        feeler = next((c for c in kids if c.dep_ == "nsubjpass"), None)
        cause = next((g for c in kids if c.i > verb.i and (c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in PSYCH_PREPS)
                      for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
        if cause is None:
            cause = next((c for c in kids if c.dep_ == "ccomp" and c.i > verb.i), None)
    else:
        feeler = next((c for c in kids if c.dep_ == "dobj" and c.i > verb.i), None)
        cause = next((c for c in kids if c.dep_ == "nsubj" and c.i < verb.i), None)
    if feeler is None or cause is None or in_quote[cause.i] or not plausible_source(feeler) or feeler.pos_ not in ("PROPN", "PRON", "NOUN"):
        return None
    if cause.lower_ in NOT_SOURCES:
        return None  # "it angered them": no content named
    span = _char_span(doc, cause.left_edge.i, cause.right_edge.i + 1, in_quote, keep_quoted=True, min_tokens=1)
    return Cue(verb.i, verb.i + 1, span, feeler.i) if span is not None else None


def take_idiom_cue(doc: Doc, verb: Token, in_quote: bytearray) -> Cue | None:
    """``Trump took aim at Clinton``, ``she takes issue with the plan``, ``took a swipe at
    X``: take + a stance noun + its preposition; the prepositional object is the content."""
    if verb.lemma_.lower() != "take" or verb.pos_ != "VERB":
        return None
    idioms = noun_lexicon().take
    noun = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in idioms), None)
    if noun is None:
        return None
    preps = idioms[noun.lemma_.lower()]
    prep = next((c for c in list(noun.children) + list(verb.children) if c.dep_ == "prep" and c.lower_ in preps and c.i > noun.i), None)
    obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if obj is None or in_quote[obj.i]:
        return None
    span = _char_span(doc, obj.left_edge.i, obj.right_edge.i + 1, in_quote, keep_quoted=True, min_tokens=1)
    return Cue(verb.i, prep.i + 1, span, _subject(verb)) if span is not None else None
