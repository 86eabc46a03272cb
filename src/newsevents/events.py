"""CAMEO/PLOVER event coding: who did what to whom, sentence by sentence.

A transparent lexicon + dependency coder.  ``events_coder`` finds triggers and
their CAMEO codes, ``events_roles`` finds source, target and place in the parse,
``events_actors`` resolves source and target noun phrases to
countries and sectors, ``events_modality`` decides whether the event happened,
is denied, conditional or intended.  Future or conditional material conflict
stated by its own actor ("if Russia attacks, we will respond") is a threat,
so it is re-coded as THREATEN rather than reported as the act itself.

Precision first: every coded dyad gets a confidence from what was found (a source
actor, a target, a verb rather than a noun trigger, a main rather than a subordinate
or nested clause, asserted rather than hypothetical); events without a source, or
without a target where the type needs one, stay below ``MIN_CONFIDENCE`` and are
not stored.  ``code_document(ctx, min_confidence=0)`` returns the guesses too.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from spacy.tokens import Token

from . import events_lexicon as lex
from .events_actors import ActorFinder
from .events_coder import Trigger, lemma, triggers
from .events_modality import Modality, modality
from .events_roles import (
    _SAME_SIDE,
    _TROOP_NOUNS,
    _clause_actor,
    _condition_subject,
    _first_person_subject,
    _has_aux,
    _inner_code_kept,
    _place,
    _quote_at,
    _quote_speaker,
    _roles,
    _same_actor,
    _speaker_for,
    _speech_subject,
    _subordinate,
    _third_party_warning,
    _troops,
    _unattributed,
    _unless,
)
from .model import Event, EventActor, Quote, Span
from .pipeline import Context, component

NAME, VERSION = "events", 11
CODER = f"{NAME}.v{VERSION}"
_SUBJ = {"nsubj", "csubj"}
_VISIT_VERBS = {"arrive", "travel", "fly", "visit", "tour"}
_MATERIAL_CONFLICT_ROOTS = {"14", "15", "16", "17", "18", "19", "20"}


@dataclass(frozen=True)
class Coded:
    """An event before it becomes a model.Event (one dyad)."""

    trigger: Trigger
    code: str
    source: EventActor | None
    target: EventActor | None
    modality: Modality
    sentence: int
    quote: Quote | None
    confidence: float


MIN_CONFIDENCE = 0.6  # below this an event is a guess: the component does not store it


def code_document(ctx: Context, *, min_confidence: float = MIN_CONFIDENCE) -> list[Event]:
    """Code every sentence of ``ctx.doc``; events are returned in text order."""
    finder = ActorFinder(ctx)
    sents = [s for s in ctx.doc.sents if s.text.strip()]
    out: list[Coded] = []
    text = ctx.text  # Doc.text is rebuilt on every access: read it once
    talkers = [_speech_subject(finder, s) for s in sents]
    for si, sent in enumerate(sents):
        speaker = _speaker_for(text, sents, talkers, si)
        for trig in triggers(sent):
            out.extend(_code_trigger(ctx, finder, trig, si, speaker))
        for t in sent:  # keep pronoun memory moving even without events
            if t.dep_ in _SUBJ and t.pos_ in {"PROPN", "NOUN"}:
                finder.actors(t, speaker=speaker)
    out = _demote_nested(_specialize_warnings(out))
    events = [_to_event(ctx, text, c) for c in _dedupe(out) if c.confidence >= min_confidence]
    return sorted(events, key=lambda e: (e.trigger.start, e.cameo))


def _code_trigger(ctx: Context, finder: ActorFinder, trig: Trigger, si: int, speaker_hint: EventActor | None) -> list[Coded]:
    quote = _quote_at(ctx, trig.word.idx)
    speaker = _quote_speaker(finder, quote) or speaker_hint
    if trig.kind == "frame" and not (trig.inner is not None and _inner_code_kept(trig)):
        mod = modality(trig.head)  # "agreed on talks": the agreement is what happened
    else:
        mod = modality(trig.inner or trig.head, extra=(trig.head,))
    if trig.word.lemma_.lower() in lex.frames()["irrealis_only"] and mod.value == "asserted":
        return []
    mutual = False
    if trig.kind == "refusal" and mod.value == "negated":
        mod = Modality("asserted", reported=mod.reported, reporter=mod.reporter)  # the refusal happened
    elif trig.code[:2] == "08" and mod.value == "negated" and _has_aux(trig, _WILL_AUX):
        # "will not end their strike", "would not withdraw its troops": a refusal to yield (CAMEO 124)
        trig = replace(trig, code=lex.transform(trig.code, "reject"))
        mod = Modality("asserted", reported=mod.reported, reporter=mod.reporter)
    if _failed_accord(trig, mod):
        # "X and Y failed to reach agreement", "could not agree on the budget": the parties
        # rejected each other's terms (ConfliBERT, GSR: verbal conflict, not an agreement)
        code, mutual = FAILED_ACCORD_CODE, True
        trig = replace(trig, code=code)
        mod = Modality("asserted", reported=mod.reported, reporter=mod.reporter)
    elif mod.failed:
        return []  # "failed to deploy troops": the attempt is not the event
    if trig.kind == "verb" and trig.head.lemma_.lower() in _VISIT_VERBS and _troops(trig.head):
        return []  # "peacekeeping troops arrived in X": a deployment, not a visit
    sources, targets = _roles(finder, trig, speaker)
    code = trig.code
    root = code[:2]
    first_person = _first_person_subject(trig.head)
    # The actor's own future/conditional harm is a threat, not the act ("we will respond").
    if (
        root in _MATERIAL_CONFLICT_ROOTS - {"15"}  # a planned deployment stays MOBILIZE (future)
        and (mod.value == "future" or (mod.value == "hypothetical" and (mod.conditional or _has_aux(trig, {"would"}))))
        and not mod.possibility
        and not mod.antecedent
        and (sources or first_person)
    ):
        code = lex.transform(code, "threat")
    # "will withdraw its force unless X arranges a ceasefire": a future act held over someone
    elif root in {"08", "16"} and mod.value in {"future", "hypothetical"} and _unless(trig.inner or trig.head) and lex.plover_for(lex.transform(code, "threat")) is not None:
        code = lex.transform(code, "threat")
    # ... and a future or conditional cooperative act is a promise ("will visit", "would meet").
    elif (
        root in {"04", "05", "06", "07", "08"}
        and (mod.value == "future" or (mod.value == "hypothetical" and (mod.conditional or _has_aux(trig, {"would"}))))
        and not mod.possibility
        and not mod.antecedent
    ):
        code = lex.transform(code, "intent")
        mod = Modality("asserted", reported=mod.reported, reporter=mod.reporter)
    if lex.plover_for(code) is None or code not in lex.cameo_table():
        return []
    if code[:2] == "13" and trig.kind == "verb" and _third_party_warning(finder, trig.head, speaker):
        return []  # "warned Kyiv that Russia could invade": a warning about someone else, not a threat
    if code[:2] == "13" and not targets:
        # "threatened to cut ties unless the Kremlin …": the actor of the condition
        for start in [trig.inner or trig.head] + [c for c in trig.head.children if c.dep_ == "xcomp"]:
            # a threat is never aimed at its own maker (a pronoun resolved to the wrong antecedent)
            targets = tuple(t for t in _condition_subject(finder, start, speaker, down=True)
                            if not any(_same_actor(s, t) for s in sources))
            if targets:
                break
    weak_target = False
    venues: set[int] = set()
    joint = len(sources) > 1 and (mutual or lex.plover_for(code).type in lex.SYMMETRIC_TYPES)
    if not targets and sources and not joint:  # "X and Y reached a consensus …": each other's party
        # last resort: another actor named inside the event's own clause ("to protest against
        # Sweden's decision", "demonstrated in Serbia"); it counts for less
        targets = _clause_actor(finder, trig, sources, speaker)
        weak_target = bool(targets)
    if not sources and root in _ATTACK_ROOTS and _unattributed(trig.head):
        # "three civilians were killed in a car bombing in Baghdad": no attacker named; the
        # attack is coded to the country where it happened (a place, not its government)
        sources = _place(finder, trig, speaker)
    if not targets and sources and trig.code[:2] in _DOMESTIC_ROOTS:
        # "imposed a curfew on the border town", "blocked roads in Algiers": a domestic act
        # is aimed at the country where it happens
        targets = tuple(t for t in _place(finder, trig, speaker) if not any(s.start == t.start for s in sources))
        venues = set(map(id, targets))  # the place is the target even when it is the source's own country
        weak_target = weak_target or bool(targets)
    if not targets and len(sources) == 1 and sources[0].country and sources[0].sector is not None and trig.kind in {"verb", "light"} and (
        trig.code[:2] in _DOMESTIC_ROOTS or trig.code[:2] == "10" and _bare_demand(trig.head)
    ):
        # "Turkish authorities imposed a curfew", "Egyptian police opened fire": a state body's
        # act with no one named is aimed at its own country (the GSR's domestic dyad)
        s0 = sources[0]
        targets = (EventActor(s0.text, s0.start, s0.end, s0.country, s0.country, None),)
        weak_target = True
    if trig.code[:2] in _DOMESTIC_ROOTS and any(a.country is None and a.sector for a in sources + targets):
        # "bombers killed 23 people in Tel Aviv", "activists staged rallies in the Gaza Strip":
        # a group of unnamed country takes the country where the act happens
        place = _place(finder, trig, speaker, same_time=True)
        if place:
            c = place[0].country
            sources = tuple(replace(a, country=c) if a.country is None and a.sector else a for a in sources)
            targets = tuple(replace(a, country=c) if a.country is None and a.sector else a for a in targets)
    if trig.code[:2] in _DOMESTIC_ROOTS and len(sources) == 1 and sources[0].country and sources[0].sector not in {None, "GOV"} and targets and all(_same_actor(sources[0], t) for t in targets):
        # "opposition parties in Nepal struck over the arrest of activists": the group is its
        # own side; a domestic act with no other party is aimed at its country
        s0 = sources[0]
        targets = (EventActor(s0.text, s0.start, s0.end, s0.country, s0.country, None),)
        weak_target = True
    if not sources and not targets:
        return []
    plover = lex.plover_for(code)
    symmetric = plover.type in lex.SYMMETRIC_TYPES or mutual
    conf = _confidence(trig, plover.type, sources, targets, mod, symmetric) - (0.1 if weak_target else 0)
    dyads: list[tuple[EventActor | None, EventActor | None]] = []
    if not targets and len(sources) > 1 and symmetric:
        dyads = [(a, b) for i, a in enumerate(sources) for b in sources[i + 1 :]]
    else:
        for s in sources or (None,):
            for t in targets or (None,):
                if s is not None and t is not None and id(t) not in venues and _same_actor(s, t):
                    continue
                dyads.append((s, t))
    return [Coded(trig, code, s, t, mod, si, quote, round(max(0.05, min(conf, 0.95)), 2)) for s, t in dyads]


_WILL_AUX = {"will", "would", "wo", "'ll", "'d"}
FAILED_ACCORD_CODE = "120"  # REJECT: a failed or denied agreement between the parties


def _bare_demand(v: Token) -> bool:
    """"X demanded immediate elections": a demand made of no one named, with no content clause
    saying on whom; like a protest, it is aimed at the demander's own country (GSR dyad)."""
    return any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in v.children) and not any(
        c.dep_ in {"ccomp", "xcomp", "dative"} for c in v.children)


def _failed_accord(trig: Trigger, mod: Modality) -> bool:
    """An agreement that did not come about: "failed to reach a deal", "could not agree on"."""
    if not (trig.code[:2] == "03" or trig.code.startswith("057")):
        return False
    if mod.failed:
        return True
    return mod.value == "negated" and lemma(trig.head) in lex.frames()["accord_verbs"]


_ATTACK_ROOTS = {"18", "19", "20"}
# Acts a state or a crowd does at home (protest, concessions, coercion, force): with no one
# named, their target is the country where they happen (the GSR's domestic dyad).  Talks,
# agreements and statements are not: a venue is not a party.
_DOMESTIC_ROOTS = {"08", "14", "17", "18", "19", "20"}


def plover_type(code: str) -> str | None:
    pl = lex.plover_for(code)
    return pl.type if pl is not None else None
# Types whose events name whom they are aimed at; without a target they are rarely right.
# Only force posture (exercises, alerts, build-ups) is routinely reported without one.
_TARGETED = set(lex.PLOVER_TYPES) - {"MOBILIZE", "RETREAT"}  # withdrawing, surrendering, resigning need no target


def _confidence(trig: Trigger, ptype: str, sources, targets, mod: Modality, symmetric: bool = False) -> float:
    """How sure we are: a verb trigger in the main clause with both actors resolved is worth most."""
    conf = 0.45 + _weight(sources, 0.25) + _weight(targets, 0.2)
    # a denial ("has no plans to attack") is news about its source even without a named victim
    if not targets and ptype in _TARGETED and mod.value != "negated" and not (len(sources) > 1 and symmetric):
        # a named state's own promise ("promised to democratize") is news without a counterpart
        if not (trig.kind == "frame" and ptype == "AGREE" and trig.inner is not None and trig.inner.pos_ == "VERB" and any(a.country for a in sources)):
            conf -= 0.15
    if mod.value == "hypothetical":
        conf -= 0.1
    if mod.possibility:  # "considering sending aid", "fears that X may attack": weighed, not done
        # ... but a named state's feared force against a named state ("the risk that Russia
        # would invade Ukraine") is the warning analysts code, as a hypothetical event
        conf -= _FORECAST_PENALTY if _forecast_of_force(trig, sources, targets) else _POSSIBILITY_PENALTY
    if _claimed(trig.inner or trig.head):
        conf -= _CLAIM_PENALTY  # "claimed that they had attacked the base": a claim, not a fact
    if trig.kind == "nominal" and not _troop_posture(trig):
        conf -= 0.15
    if _subordinate(trig.head):
        conf -= 0.15
    if not sources:  # who did it is the first thing an event must say: without it we abstain
        conf = min(conf, MIN_CONFIDENCE - 0.1)
    return conf


_POSSIBILITY_PENALTY = 0.25
_FORECAST_PENALTY = 0.15
_CLAIM_PENALTY = 0.35  # as much as a possibility (0.25) and its hypothetical mood (0.1) together


def _claimed(tok: Token) -> bool:
    """In the content clause of a contested-assertion verb ("alleged that troops fired")."""
    cur = tok
    for _ in range(8):
        if cur.head == cur:
            return False
        if cur.dep_ == "ccomp" and cur.head.pos_ == "VERB" and cur.head.lemma_.lower() in lex.frames()["contested_verbs"]:
            return True
        cur = cur.head
    return False
_FORCE_ROOTS = {"15", "18", "19", "20"}  # posture and force: what a possibility-of-war forecast is about


def _forecast_of_force(trig: Trigger, sources, targets) -> bool:
    return trig.code[:2] in _FORCE_ROOTS and any(a.country for a in sources) and any(a.country for a in targets)


def _troop_posture(trig: Trigger) -> bool:
    """"the deployment/massing of 100,000 Russian troops": a build-up noun whose of-object is a
    nationality-marked troop noun names its actor as plainly as a verb's subject does."""
    if trig.code[:2] != "15":
        return False
    return any(
        p.dep_ == "pobj" and (p.lemma_.lower() in _TROOP_NOUNS or p.lower_ in _TROOP_NOUNS)
        and any(m.dep_ in {"amod", "compound"} and m.ent_type_ in {"NORP", "GPE"} for m in p.children)
        for c in trig.head.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
    )


def _weight(actors, full: float) -> float:
    """An actor with a country counts fully; a group of unnamed country ("protesters") half."""
    if not actors:
        return 0.0
    return full if any(a.country for a in actors) else full / 2




# -- output ------------------------------------------------------------------
_PURPOSE_DEPS = {"xcomp", "advcl", "acl", "relcl", "prep", "pobj", "pcomp", "dobj"}


def _specialize_warnings(items: list[Coded]) -> list[Coded]:
    """"warned Russia that the West will impose sanctions if it attacks": the warning is the
    threat (its source and target, asserted) and the clause says what is threatened, so the
    generic THREATEN takes the specific code (1312) and the clause's own event is folded in.
    Only a threat by the warner's side: a warning about a third party's act has none."""
    generic = {(c.sentence, c.trigger.head.i): c for c in items
               if c.code == _GENERIC_THREAT and c.trigger.kind == "verb"
               and lemma(c.trigger.head) in lex.frames()["threat_verbs"]}
    if not generic:
        return items
    folded: dict[tuple[int, int], Coded] = {}
    drop: set[int] = set()
    for k, c in enumerate(items):
        if c.code[:2] != "13" or c.code == _GENERIC_THREAT or c.modality.value not in {"future", "hypothetical"}:
            continue
        cur = c.trigger.head
        for _ in range(4):  # the clause's verb up to the warning verb ("that X will impose ...")
            if cur.dep_ not in {"ccomp", "xcomp", "dobj", "conj"} or cur.head == cur:
                break
            cur = cur.head
            outer = generic.get((c.sentence, cur.i))
            if outer is None:
                continue
            if c.source is not None and outer.source is not None and (
                    _same_actor(c.source, outer.source) or c.source.country in _SAME_SIDE):
                key = (c.sentence, cur.i)
                if key not in folded or len(c.code) > len(folded[key].code):
                    folded[key] = replace(outer, code=c.code, target=outer.target or c.target,
                                          confidence=max(outer.confidence, c.confidence))
                drop.add(k)
            break
    if not folded:
        return items
    out = []
    for k, c in enumerate(items):
        if k in drop:
            continue
        out.append(folded.get((c.sentence, c.trigger.head.i), c) if c.code == _GENERIC_THREAT else c)
    return out


_GENERIC_THREAT = "130"


def _demote_nested(items: list[Coded]) -> list[Coded]:
    """An event inside another event's complement ("urged X to support Y", "demanded a force
    to protect them") is that event's content or purpose, not news of its own."""
    heads = {(c.sentence, c.trigger.head.i) for c in items}
    speech_heads = {(c.sentence, c.trigger.head.i): c.code[:2] for c in items if c.code[:2] in _SPEECH_ACT_ROOTS}
    deplored = {(c.sentence, c.trigger.head.i) for c in items if c.code.startswith(_DEPLORE_CODE) and c.trigger.kind == "verb"}
    out = []
    for c in items:
        if c.trigger.kind == "nominal" and c.trigger.head.dep_ == "dobj" and (c.sentence, c.trigger.head.head.i) in deplored:
            out.append(c)  # "protested the build-up of Russian troops": what is deplored did happen
            continue
        if _inside_speech_act(c, speech_heads) or _demanded(c.trigger.head):
            # "demanded that Israel ease restrictions", "refused to commit assistance", "rejected
            # an offer to host a summit": what a demand, refusal or accusation is about did not happen
            out.append(replace(c, confidence=round(c.confidence - 0.4, 2)))
            continue
        cur, nested = c.trigger.head, False
        for _ in range(6):
            if cur.dep_ not in _PURPOSE_DEPS or cur.head == cur or cur.dep_ == "prep" and cur.lower_ in _CIRCUMSTANCE_PREPS:
                break
            cur = cur.head
            if (c.sentence, cur.i) in heads and cur.i != c.trigger.head.i:
                nested = True
                break
        out.append(replace(c, confidence=round(c.confidence - 0.2, 2)) if nested else c)
    return out


_CIRCUMSTANCE_PREPS = {"amid", "amidst"}  # "amid fears that …": the news setting
_DEPLORE_CODE = "111"  # criticize, condemn, protest: unlike an accusation, its object is taken as fact
_SPEECH_ACT_ROOTS = {"02", "10", "11", "12", "13"}
_APPEAL_ROOTS = {"02", "10"}
_DEMAND_NOUNS = {"demand", "call", "appeal", "request", "ultimatum", "plea"}


def _demanded(tok: Token) -> bool:
    """"reiterated its demand that Israel ease restrictions": the content of a demand noun."""
    cur = tok
    for _ in range(4):
        if cur.head == cur or cur.dep_ not in {"ccomp", "acl", "xcomp", "conj"}:
            return False
        if cur.dep_ == "acl" and cur.head.lemma_.lower() in _DEMAND_NOUNS:
            return True
        if cur.dep_ == "ccomp" and any(o.dep_ == "dobj" and o.lemma_.lower() in _DEMAND_NOUNS for o in cur.head.children):
            return True
        cur = cur.head
    return False


def _inside_speech_act(c: Coded, speech_heads: dict[tuple[int, int], str]) -> bool:
    # a speech act of its own is news ("said it rejected …") unless an appeal asks for it
    # ("demanded that its partners refuse to recognize X", "urged Arabs to unite and mobilize")
    own_act = c.code[:2] in _SPEECH_ACT_ROOTS and c.trigger.kind != "nominal"
    cur = c.trigger.head
    for _ in range(6):
        if cur.head == cur or cur.dep_ in {"advcl", "parataxis", "relcl"}:
            return False
        if cur.dep_ == "prep" and cur.lower_ in _CIRCUMSTANCE_PREPS:
            return False  # "warned amid fears that X would invade": the setting, not what was said
        if cur.dep_ == "conj" and cur.head.dep_ not in {"xcomp", "ccomp"}:
            return False
        cur = cur.head
        outer = speech_heads.get((c.sentence, cur.i))
        if outer is not None and cur.i != c.trigger.head.i:
            return not own_act or outer in _APPEAL_ROOTS
    return False


def _dedupe(items: list[Coded]) -> list[Coded]:
    """One event per sentence, PLOVER type and dyad; the more specific code wins."""
    best: dict[tuple, Coded] = {}
    for c in items:
        key = (c.sentence, lex.plover_for(c.code).type, _key(c.source), _key(c.target), c.modality.value)
        old = best.get(key)
        if old is None or (len(c.code), c.confidence) > (len(old.code), old.confidence):
            best[key] = c
    return list(best.values())


def _key(a: EventActor | None):
    return None if a is None else (a.country, a.sector)


def _to_event(ctx: Context, text: str, c: Coded) -> Event:
    word = c.trigger.word
    end_tok = word
    if c.trigger.kind in {"light", "frame"} and c.trigger.end_word is not None:
        end_tok = max(word, c.trigger.end_word, key=lambda t: t.i)
    start = min(word.idx, c.trigger.head.idx) if c.trigger.kind == "light" else word.idx
    end = end_tok.idx + len(end_tok)
    info = lex.cameo(c.code)
    pl = lex.plover_for(c.code)
    date, precision, basis = _date(ctx, c.trigger.head.i)
    ident = hashlib.sha1(
        f"{text[:200]}|{len(text)}|{start}|{end}|{c.code}|{_key(c.source)}|{_key(c.target)}".encode()
    ).hexdigest()[:16]
    return Event(
        id=ident,
        sentence=c.sentence,
        trigger=Span(start, end, text[start:end]),
        plover=pl,
        cameo=c.code,
        root=c.code[:2],
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        source=c.source,
        target=c.target,
        modality=c.modality.value,
        date=date,
        date_precision=precision,
        quote_id=c.quote.id if c.quote is not None else None,
        coder=CODER,
        confidence=c.confidence,
        date_basis=basis,
    )


def _date(ctx: Context, token_index: int) -> tuple[str | None, str | None, str | None]:
    try:
        from . import timex

        d, precision, basis = timex.date_for(ctx, token_index)
        return (d.isoformat() if hasattr(d, "isoformat") else d), precision, basis
    except Exception:  # timex is another engineer's module: never let it break coding
        if ctx.published is not None:
            return ctx.published.isoformat(), "day", "published"
        return None, None, None


@component(NAME, version=VERSION, requires=("doc", "entities", "quotes", "timexes"), assigns=("events",))
def events_component(ctx: Context) -> None:
    ctx.events = code_document(ctx)
