"""Modality of a coded event: asserted, negated, hypothetical (conditional, modal,
"a possibility that …") or future (will, plans to, is ready to).

We walk from the trigger up its chain of heads to the clause that reports it;
a speech verb ends the walk, because ``Moscow says it has no plans to attack``
negates the attack, not the saying.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from . import events_lexicon as lex

_CLAUSE_UP = {"xcomp", "dobj", "pobj", "prep", "acl", "relcl", "ccomp", "advcl", "conj", "compound", "amod", "nsubj", "nsubjpass", "attr", "oprd", "pcomp", "appos", "npadvmod"}


@dataclass(frozen=True)
class Modality:
    value: str  # asserted | negated | hypothetical | future
    conditional: bool = False  # the event is the consequent of an if-clause ("…, we will respond")
    antecedent: bool = False  # the event is inside the if-clause itself
    possibility: bool = False  # governed by "possibility", "likely", "fear" (not the actor's own intent)
    reported: bool = False  # governed by a speech or warning verb
    reporter: Token | None = None
    failed: bool = False  # governed by a failure verb ("failed to reach agreement"): it did not happen


def chain(trigger: Token, *, stop_at: int | None = None) -> list[Token]:
    """The trigger and its heads up to (not including) the reporting speech verb."""
    fr = lex.frames()
    out = [trigger]
    tok = trigger
    for _ in range(12):
        if tok.dep_ in {"ROOT"} or tok.head == tok or tok.dep_ not in _CLAUSE_UP:
            break
        head = tok.head
        if tok.dep_ in {"ccomp", "conj"} and head.lemma_.lower() in fr["speech_verbs"] | fr["threat_verbs"]:
            break
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in fr["cond_marks"] for c in tok.children):
            break
        if tok.dep_ == "conj" and head.pos_ == "VERB" and trigger.pos_ == "VERB" and tok == trigger and head.dep_ not in {"xcomp", "pcomp"}:
            # coordinated clauses keep their own auxiliaries; only borrow the head's subject
            # (but a conjunct inside a complement shares its governor: "considering sending
            # aid and to retaliate" weighs both)
            break
        out.append(head)
        tok = head
    return out


def reporter_of(tok: Token) -> Token | None:
    """The speech/threat verb whose content clause contains ``tok`` (``said`` in ``X said Y attacked``)."""
    fr = lex.frames()
    verbs = fr["speech_verbs"] | fr["threat_verbs"]
    cur = tok
    for _ in range(12):
        if cur.head == cur:
            return None
        if cur.dep_ in {"ccomp", "conj", "parataxis", "xcomp", "advcl"} and cur.head.lemma_.lower() in verbs and cur.head != tok:
            return cur.head
        cur = cur.head
    return None


def modality(trigger: Token, *, extra: tuple[Token, ...] = ()) -> Modality:
    """Modality for the event whose innermost trigger is ``trigger`` (``extra``: frame tokens)."""
    fr = lex.frames()
    toks = chain(trigger)
    for t in extra:
        if t not in toks:
            toks.extend(chain(t))
    negated = hypo = future = cond = ante = poss = failed = False
    for t in toks:
        for c in t.children:
            low = c.lower_
            if c.dep_ == "neg" or (c.dep_ == "det" and low == "no"):
                negated = True
            elif c.dep_ == "aux" and low in fr["future_aux"]:
                future = True
            elif c.dep_ == "aux" and low in fr["hypo_aux"]:
                hypo = True
            elif c.dep_ == "mark" and low in fr["cond_marks"] and t.dep_ in {"advcl", "ROOT", "ccomp"}:
                ante = True
            elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in fr["cond_marks"] for m in c.children):
                cond = True
        lem = t.lemma_.lower()
        if t != trigger and t not in extra and t.pos_ == "VERB" and lem in fr.get("failure_verbs", ()):
            negated = failed = True
        if t != trigger and (lem in fr["possibility_nouns"] or lem in fr["possibility_adjs"] or t.pos_ == "VERB" and lem in fr["musing_verbs"]):
            poss = True
        if t != trigger and t.pos_ in {"VERB", "NOUN", "ADJ"} and (lem in fr["intent_verbs"] or lem in fr["intent_nouns"]):
            future = True
        if t.lower_ == "going" and any(c.dep_ == "xcomp" for c in t.children):
            future = True
    reporter = reporter_of(toks[-1])
    if negated:
        value = "negated"
    elif ante or cond or hypo or poss:
        value = "hypothetical"
    elif future:
        value = "future"
    else:
        value = "asserted"
    return Modality(value, failed=failed, conditional=cond, antecedent=ante, possibility=poss, reported=reporter is not None, reporter=reporter)
