"""What: find event triggers in one parsed sentence and their CAMEO codes.

Three kinds of trigger, all looked up in data files:

* verbs (``attack``, ``withdraw`` + troops, ``pull out``) — ``event_verbs.tsv``;
* nouns taken by a light verb (``hold talks``, ``impose sanctions``) or standing
  with their own actor (``Russia's demands``) — ``event_nouns.tsv``;
* frame verbs that re-code the event they govern (``agree on talks`` → 036,
  ``reject demands`` → 120, ``threaten to impose sanctions`` → 1312) —
  ``event_frames.json`` + ``event_transforms.json``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from . import events_lexicon as lex

_OBJ_DEPS = {"dobj", "obj", "attr", "oprd"}
_TARGET_PREPS = ("against", "on", "with", "to", "at", "into", "toward", "towards", "from", "for", "over", "upon", "in")
# Nouns that only quantify the real trigger: "a round of talks", "a wave of sanctions".
_QUANT_NOUNS = {"round", "wave", "series", "package", "set", "number", "lot", "new", "kind", "type", "threat", "resumption", "start", "part", "state", "days", "weeks",
               "ton", "tonne", "shipment", "consignment", "cargo", "batch", "kg", "kilogram", "kilo", "worth", "quantity", "amount",
               "truckload", "load"}
# Objects named by their modifier for a verb's object condition: "violated the ceasefire agreement".
_NAMED_BY_MODIFIER = {"agreement", "accord", "deal", "talks", "negotiations"}
# Generic heads named by their modifier: "a mediation effort", "an aid programme", "a bombing campaign".
_GENERIC_HEADS = {"effort", "efforts", "mission", "process", "campaign", "operation", "operations", "initiative", "bid", "drive", "programme", "program", "plan", "plans"}


# A call for punishment with no one asked to carry it out ("called for sanctions against X",
# "demanded an embargo on Y") is aimed at the one to be punished: a disapproval (CAMEO 111),
# as the PLOVER GSR and ConfliBERT label such calls (verbal conflict), not an appeal (02).
_PUNITIVE_ROOTS = {"16"}
CALL_FOR_PUNISHMENT = "111"
REFUSAL_CODE = "120"


def addressees(f: Token, content: Token | None = None) -> list[Token]:
    """Whom an appeal or demand is made to: "urged the EU to …", "called on Japan to …"
    (not its content: "demanded an embargo")."""
    out = [c for c in f.children if c.dep_ in {"dobj", "dative"} and c != content and c.pos_ in {"PROPN", "NOUN"}]
    out += [p for c in f.children if c.dep_ in {"prep", "prt"} and c.lower_ in {"on", "upon"} for p in c.children
            if p.dep_ == "pobj" and p != content and p.ent_type_ not in {"DATE", "TIME"}]  # not "called on Sunday for …"
    return out


@dataclass(frozen=True)
class Trigger:
    """One candidate event: the token(s) that name it and how the code was found."""

    head: Token  # the token whose arguments give source/target (verb, or light verb for nouns)
    word: Token  # the token shown as the trigger span
    code: str
    kind: str  # verb | noun | frame | light | nominal | refusal (a negated acceptance)
    inner: Token | None = None  # the governed trigger for frames/light verbs
    end_word: Token | None = None  # last token of the trigger span (multiword)


def noun_code(tok: Token) -> tuple[str, Token] | None:
    """CAMEO code for a nominal trigger, trying two-word names first (``aid package``)."""
    nouns = lex.noun_codes()
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    for c in tok.lefts:
        if c.dep_ in {"compound", "amod"}:
            # "aid package"; "cease-fire", split by the tokenizer into cease - fire
            for two in (f"{c.lower_} {tok.lower_}", f"{c.lower_}-{tok.lower_}", f"{c.lower_}{tok.lower_}"):
                if two in nouns:
                    return nouns[two], c
    for prep in tok.children:  # "state of siege", "cessation of hostilities": one name
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and f"{tok.lower_} of {pobj.lower_}" in nouns:
                    return nouns[f"{tok.lower_} of {pobj.lower_}"], tok
    for key in (tok.lower_, tok.lemma_.lower()):
        if key in nouns:
            return nouns[key], tok
    if tok.lower_ in _GENERIC_HEADS:
        for c in tok.lefts:
            if c.dep_ == "compound" and c.pos_ == "NOUN" and c.lower_ in nouns:
                return nouns[c.lower_], c
    # "a round of talks": look through quantity nouns
    if tok.lemma_.lower() in _QUANT_NOUNS:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        hit = noun_code(pobj)
                        if hit:
                            return hit
    return None


def verb_code(tok: Token) -> str | None:
    if tok.pos_ not in {"VERB"} and not (tok.pos_ == "AUX" and tok.lemma_ == "have"):
        return None
    rules = lex.verb_rules().get(lemma(tok))
    if not rules:
        return None
    prts = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    preps = {c.lower_ for c in tok.children if c.dep_ in {"prep", "agent"}}
    objs = {c.lemma_.lower() for c in tok.children if c.dep_ in _OBJ_DEPS} | {
        c.lower_ for c in tok.children if c.dep_ in _OBJ_DEPS
    }
    if tok.dep_ in {"acl", "relcl"} and tok.tag_ == "VBN":
        objs.add(tok.head.lemma_.lower())
    # "halted mediation efforts": a generic head is named by its modifier
    objs |= {m.lemma_.lower() for c in tok.children if c.dep_ in _OBJ_DEPS and c.lower_ in _GENERIC_HEADS | _NAMED_BY_MODIFIER
             for m in c.lefts if m.dep_ == "compound"}
    # "captured part of a stronghold": a quantity object stands for what it quantifies
    objs |= {p.lemma_.lower() for c in tok.children if c.dep_ in _OBJ_DEPS and c.lemma_.lower() in _QUANT_NOUNS
             for pr in c.children if pr.dep_ == "prep" and pr.lower_ == "of" for p in pr.children if p.dep_ == "pobj"}
    def ok(kind: str, values: frozenset[str]) -> bool:
        if kind == "prt":
            return bool(prts & values)
        if kind == "prep":
            return bool(preps & values)
        if kind == "obj":
            return bool(objs & values or ("*" in values and objs))
        if kind == "noobj":
            return not objs
        if kind == "adv":
            return any(c.dep_ == "advmod" and c.lower_ in values for c in tok.children)
        if kind == "pobj":  # "went on strike", "deployed to a peacekeeping mission": a preposition's object or its modifier
            return any(p.dep_ == "pobj" and ({p.lemma_.lower()} | {m.lemma_.lower() for m in p.lefts if m.dep_ in {"compound", "amod"}}) & values
                       for c in tok.children if c.dep_ == "prep" for p in c.children)
        if kind == "comp":
            return any(c.dep_ in {"xcomp", "ccomp"} and (c.lemma_.lower() in values or "*" in values) for c in tok.children)
        return True

    for r in rules:
        if not ok(r.kind, r.values) or not all(ok(k, v) for k, v in r.also):
            continue
        return None if r.code == "-" else r.code
    return None


@lru_cache(maxsize=1)
def _frame_lemmas() -> frozenset[str]:
    """Every lemma that can head a verbal frame (a quick test before looking at children)."""
    fr = lex.frames()
    keys = ("reject_verbs", "threat_verbs", "demand_verbs", "appeal_verbs", "intent_verbs",
            "reject_phrasal", "appeal_phrasal")
    return frozenset(w for k in keys for w in fr[k])


def frame_class(tok: Token) -> str | None:
    """intent | appeal | demand | reject | threat for a frame verb, else None."""
    fr = lex.frames()
    lem = lemma(tok)
    if tok.pos_ not in {"VERB", "ADJ", "AUX"}:
        if lem in fr["intent_nouns"]:
            return "intent"
        return None
    if lem not in _frame_lemmas():
        return None
    # "called on X" (not "called off the strike on Monday": a date is no addressee)
    prts = {c.lower_ for c in tok.children if c.dep_ == "prt" or c.dep_ == "prep" and not any(
        p.ent_type_ in {"DATE", "TIME"} for p in c.children if p.dep_ == "pobj")}
    if lem in fr["reject_verbs"] or any(p in prts for p in fr["reject_phrasal"].get(lem, ())):
        return "reject"
    if lem in fr["threat_verbs"]:
        return "threat"
    if lem in fr["demand_verbs"]:
        return "demand"
    if lem in fr["appeal_verbs"] or any(p in prts for p in fr["appeal_phrasal"].get(lem, ())):
        return "appeal"
    if lem in fr["object_appeal_verbs"] and any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in tok.children):
        return "appeal"  # "sought aid", "is seeking talks": asks for it
    if lem in fr["intent_verbs"]:
        return "intent"
    return None


_PLAN_MODALS = {"should", "would", "will", "shall"}


def governed(tok: Token) -> list[Token]:
    """Tokens a frame or light verb governs: its objects, to-clauses, and on/for/to objects."""
    out = []
    for c in tok.children:
        if c.dep_ in _OBJ_DEPS or c.dep_ in {"xcomp", "nsubjpass"} and c.pos_ != "PRON":
            out.append(c)
        elif c.dep_ in {"prep", "prt"} and c.lower_ in {"on", "for", "to", "upon", "out", "down"}:
            out.extend(p for p in c.children if p.dep_ in {"pobj", "pcomp"})
        elif c.dep_ == "prep" and c.lower_ == "in" and lemma(tok) in lex.frames()["in_light_verbs"]:
            out.extend(p for p in c.children if p.dep_ in {"pobj", "pcomp"})  # "engaged in ethnic cleansing"
        elif c.dep_ == "acl" and tok.pos_ == "NOUN":  # "no plans to attack"
            out.append(c)
        elif c.dep_ == "advcl" and _asks(tok) and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            out.append(c)  # "call on the US to lift sanctions" (the to-clause parsed as adverbial)
        elif c.dep_ == "acomp":  # "are ready to engage"
            out.extend(x for x in c.children if x.dep_ == "xcomp")
    out.extend(x for x in list(out) if x.dep_ == "xcomp" for x in x.conjuncts)
    return out


def _asks(tok: Token) -> bool:
    fr = lex.frames()
    lem = lemma(tok)
    return tok.pos_ == "VERB" and (lem in fr["appeal_verbs"] or lem in fr["demand_verbs"] or lem in fr["appeal_phrasal"])


def lemma(tok: Token) -> str:
    """Lower-cased lemma, with the parser's known slips mended (``staged`` → ``stag``)."""
    lem = tok.lemma_.lower()
    return lex.frames()["lemma_fixes"].get(lem, lem)


def triggers(sent: SpacySpan) -> list[Trigger]:
    """All triggers of a sentence; governed ones are folded into their frame/light verb."""
    fr = lex.frames()
    found: list[Trigger] = []
    consumed: set[int] = set()
    # Frames first, innermost frames before outer ones (so "refused to agree to talks" works)
    toks = list(sent)  # one Token object per word: iterating a Span builds new ones each pass
    frames = [t for t in toks if frame_class(t)]
    for f in sorted(frames, key=lambda t: -_depth(t)):
        if f.i in consumed:
            continue
        gov = governed(f)
        if frame_class(f) == "reject" and any(g.lemma_.lower() in fr["denial_objects"] or g.lower_ in fr["denial_objects"] for g in gov):
            consumed.update({f.i} | {g.i for g in gov})  # "denied the charges": a statement, not a rejection
            continue
        for g in gov:
            inner = _inner_trigger(g, consumed)
            if inner is None:
                continue
            code, word, end = inner
            how = frame_class(f)
            if lemma(f) in fr["command_verbs"] and g.dep_ in _OBJ_DEPS:
                pass  # "ordered patrols", "ordered the arrest of X": the one in command does it
            elif how in {"appeal", "demand"} and code[:2] in _PUNITIVE_ROOTS and not addressees(f, g):
                code = CALL_FOR_PUNISHMENT  # "called for sanctions against X": disapproval of X
            else:
                code = lex.transform(code, how)
            if code[:2] == "15" and f.lemma_.lower() in fr["agree_verbs"]:
                code = "030"  # "agreed to hold joint exercises": an agreement, the exercises are its content
            found.append(Trigger(f, f, code, "frame", word, end))
            consumed.update({word.i, g.i, end.i if end is not None else word.i})
            consumed.add(f.i)
            break
        else:
            # "agreed to set up a centre": intent to cooperate, whatever the plan is
            xc = [g for g in gov if g.dep_ == "xcomp" and g.pos_ == "VERB"]
            # "agreed that their countries should cooperate": a modal content clause is the plan
            # (an action: "agreed that Canadians should be entitled to …" is an opinion shared)
            xc += [c for c in f.children if c.dep_ == "ccomp" and c.pos_ == "VERB" and c.lemma_ != "be" and any(
                a.dep_ == "aux" and a.lower_ in _PLAN_MODALS for a in c.children) and not any(a.dep_ == "auxpass" for a in c.children)]
            if xc and f.lemma_.lower() in fr["agree_verbs"] and f.i not in consumed:
                found.append(Trigger(f, f, "030", "frame", xc[0], xc[0]))
                consumed.update({f.i, xc[0].i})
    # "said that Sudan must return the helicopter": a demand on the clause's subject
    for t in toks:
        if t.i in consumed or t.lemma_.lower() not in fr["must_verbs"]:
            continue
        for c in t.children:
            if c.dep_ != "ccomp" or c.i in consumed or not any(a.dep_ == "aux" and a.lower_ in fr["must_aux"] for a in c.children):
                continue
            if not any(x.dep_ in {"nsubj", "nsubjpass"} and x.pos_ in {"PROPN", "NOUN"} for x in c.children):
                continue
            own = _inner_trigger(c, consumed)
            code = lex.transform(own[0], "demand") if own else "100"
            found.append(Trigger(t, t, code, "frame", c, c))
            consumed.update({t.i, c.i} | ({own[1].i} if own else set()))
            break
    # "will not accept refugees", "would not meet their demands": a refusal (ConfliBERT, CAMEO 12)
    for t in toks:
        if t.i in consumed or t.pos_ != "VERB" or lemma(t) not in fr["refusal_when_negated"] or not any(c.dep_ == "neg" for c in t.children):
            continue
        objs = [c for c in t.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"}]
        if objs:
            hit = noun_code(objs[0])
            found.append(Trigger(t, t, lex.transform(hit[0], "reject") if hit else REFUSAL_CODE, "refusal", objs[0], objs[0]))
            consumed.update({t.i, objs[0].i})
    # Light verbs + nominal triggers
    for t in toks:
        if t.i in consumed or t.pos_ not in {"VERB", "AUX"} or lemma(t) not in fr["light_verbs"]:
            continue
        for g in governed(t):
            hit = noun_code(g) if g.i not in consumed else None
            if hit is None and g.i not in consumed and _authorizes(g) is not None:
                g = _authorizes(g)  # "gave the green light for an invasion": the licensed act
                hit = noun_code(g) if g.i not in consumed else None
            if hit:
                code, first = hit
                if t.lemma_.lower() in fr["concede_verbs"] and code[:2] in {"10", "02"}:
                    code = "080"  # "accepted their demands": the demand is granted
                elif first.lemma_.lower() in fr["labour_strike"]["nouns"] and lemma(t) in fr["labour_strike"]["verbs"]:
                    code = fr["labour_strike"]["code"]  # "staged a strike": a walkout, not a military strike
                found.append(Trigger(t, first, code, "light", g, g))
                consumed.update({g.i, t.i})
                break
    # Plain verbs
    for t in toks:
        if t.i in consumed:
            continue
        code = verb_code(t)
        if code is None and frame_class(t) and t.pos_ == "VERB":
            code = _frame_own_code(t)
        if code is not None:
            found.append(Trigger(t, t, code, "verb"))
            consumed.add(t.i)
    # Nouns with an actor of their own ("Russia's demands", "the build-up of Russian troops")
    for t in toks:
        if t.i in consumed:
            continue
        hit = noun_code(t)
        if hit is None or hit[1].i in consumed:
            continue
        code, first = hit
        if _nominal_has_actor(t) or t.dep_ in {"nsubj", "nsubjpass"}:
            found.append(Trigger(t, first, code, "nominal", t, t))
            consumed.add(t.i)
    return found


def _frame_own_code(t: Token) -> str | None:
    how = frame_class(t)
    if how == "reject" and any(c.dep_ == "xcomp" and c.lemma_.lower() in lex.frames()["comment_verbs"] for c in t.children):
        return None  # "declined to comment": CAMEO 011, a statement we do not code
    if how in {"reject", "threat"} and any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in t.children):
        # "declined to resign", "threatened to cut off electricity": the refusal/threat itself
        return "120" if how == "reject" else "130"
    if not any(c.dep_ in _OBJ_DEPS or c.dep_ == "prep" and c.lower_ in {"to", "on", "for"} for c in t.children):
        return None
    if how == "reject":
        return "120"
    if how == "threat":
        return "130"
    if how == "demand" and t.lemma_.lower() != "order":
        return "100"
    if how == "appeal" and any(c.dep_ in _OBJ_DEPS for c in t.children):
        return "020"
    return None


def _inner_trigger(g: Token, consumed: set[int]) -> tuple[str, Token, Token | None] | None:
    if g.i in consumed:
        return None
    hit = noun_code(g)
    if hit:
        return hit[0], hit[1], g
    code = verb_code(g)
    if code is not None:
        return code, g, g
    # "agreed to hold talks", "threatened to impose sanctions": a light verb inside the frame
    if g.pos_ == "VERB" and lemma(g) in lex.frames()["light_verbs"]:
        for h in governed(g):
            hit = noun_code(h)
            if hit:
                return hit[0], hit[1], h
    return None


def _authorizes(g: Token) -> Token | None:
    """The act an authorisation noun licenses ("the green light for an invasion") or None."""
    names = lex.frames()["authorize_nouns"]
    mods = [c.lower_ for c in g.lefts if c.dep_ in {"amod", "compound"}]
    if g.lemma_.lower() not in names and not any(f"{m} {g.lower_}" in names or f"{m}-{g.lower_}" in names for m in mods):
        return None
    # the for/to phrase hangs off the noun or, as a dative, off the light verb
    preps = list(g.children) + (list(g.head.children) if g.dep_ == "dobj" else [])
    for prep in preps:
        if prep.dep_ in {"prep", "dative"} and prep.lower_ in {"for", "to"}:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                    return pobj
    return None


def _nominal_has_actor(t: Token) -> bool:
    for c in t.children:
        if c.dep_ == "poss":
            return True
        if c.dep_ in {"prep", "agent"} and c.lower_ in {"from", "by", "of"}:
            if any(p.dep_ == "pobj" and any(x.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"} for x in p.subtree) for p in c.children):
                return True
        if c.dep_ in {"amod", "compound"} and c.ent_type_ in {"GPE", "NORP", "ORG"}:
            return True
    return False


def _depth(t: Token) -> int:
    d = 0
    while t.head != t and d < 50:
        t = t.head
        d += 1
    return d
