"""CAMEO/PLOVER event coding: who did what to whom, sentence by sentence.

A transparent lexicon + dependency coder.  ``events_coder`` finds triggers and
their CAMEO codes, ``events_actors`` resolves source and target noun phrases to
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
from contextlib import contextmanager
from functools import lru_cache
from dataclasses import dataclass, replace

from spacy.tokens import Token

from . import events_lexicon as lex
from .events_actors import ActorFinder
from .events_coder import Trigger, triggers
from .events_modality import Modality, modality
from .model import Event, EventActor, Quote, Span
from .pipeline import Context, component

NAME, VERSION = "events", 7
CODER = f"{NAME}.v{VERSION}"
_SUBJ = {"nsubj", "csubj"}
_PASS_SUBJ = {"nsubjpass", "csubjpass"}
_TARGET_PREPS = {"against", "on", "with", "to", "at", "into", "toward", "towards", "upon", "over"}
_OBJ_TARGET_PREPS = {"to", "with", "for", "against", "on", "into"}
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
    out = _demote_nested(out)
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
    if mod.failed:
        return []  # "failed to reach agreement": the attempt is not the event
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
            targets = _condition_subject(finder, start, speaker, down=True)
            if targets:
                break
    weak_target = False
    if not targets and sources:
        # last resort: another actor named inside the event's own clause ("to protest against
        # Sweden's decision", "demonstrated in Serbia"); it counts for less
        targets = _clause_actor(finder, trig, sources, speaker)
        weak_target = bool(targets)
    if not sources and root in _ATTACK_ROOTS and _unattributed(trig.head):
        # "three civilians were killed in a car bombing in Baghdad": no attacker named; the
        # attack is coded to the country where it happened (a place, not its government)
        sources = _place(finder, trig, speaker)
    if not targets and sources and trig.code[:2] in _DOMESTIC_ROOTS:
        # "imposed a curfew in the town of Cizre", "blocked roads in Algiers": a domestic act
        # is aimed at the country where it happens
        targets = tuple(t for t in _place(finder, trig, speaker) if not any(s.start == t.start for s in sources))
        weak_target = weak_target or bool(targets)
    if not targets and len(sources) == 1 and sources[0].country and sources[0].sector is not None and trig.code[:2] in _DOMESTIC_ROOTS and trig.kind in {"verb", "light"}:
        # "Turkish authorities imposed a curfew", "Egyptian police opened fire": a state body's
        # act with no one named is aimed at its own country (the GSR's domestic dyad)
        s0 = sources[0]
        targets = (EventActor(s0.text, s0.start, s0.end, s0.country, s0.country, None),)
        weak_target = True
    if trig.code[:2] in _DOMESTIC_ROOTS and any(a.country is None and a.sector for a in sources + targets):
        # "bombers killed 23 people in Tel Aviv", "activists staged rallies in the Gaza Strip":
        # a group of unnamed country takes the country where the act happens
        place = _place(finder, trig, speaker)
        if place:
            c = place[0].country
            sources = tuple(replace(a, country=c) if a.country is None and a.sector else a for a in sources)
            targets = tuple(replace(a, country=c) if a.country is None and a.sector else a for a in targets)
    if not sources and not targets:
        return []
    plover = lex.plover_for(code)
    conf = _confidence(trig, plover.type, sources, targets, mod) - (0.1 if weak_target else 0)
    dyads: list[tuple[EventActor | None, EventActor | None]] = []
    if not targets and len(sources) > 1 and plover.type in lex.SYMMETRIC_TYPES:
        dyads = [(a, b) for i, a in enumerate(sources) for b in sources[i + 1 :]]
    else:
        for s in sources or (None,):
            for t in targets or (None,):
                if s is not None and t is not None and _same_actor(s, t):
                    continue
                dyads.append((s, t))
    return [Coded(trig, code, s, t, mod, si, quote, round(max(0.05, min(conf, 0.95)), 2)) for s, t in dyads]


_ATTACK_ROOTS = {"18", "19", "20"}
# Acts a state or a crowd does at home (protest, concessions, coercion, force): with no one
# named, their target is the country where they happen (the GSR's domestic dyad).  Talks,
# agreements and statements are not: a venue is not a party.
_DOMESTIC_ROOTS = {"08", "14", "17", "18", "19", "20"}


def plover_type(code: str) -> str | None:
    pl = lex.plover_for(code)
    return pl.type if pl is not None else None
_PLACE_PREPS = {"in", "at", "near", "outside", "inside", "across", "throughout", "around"}
_INSTRUMENTS = {"bomb", "bombing", "explosion", "blast", "device", "mine", "minefield", "attack", "rocket", "shell", "grenade", "bomber", "ambush"}


_TROOP_NOUNS = {"troop", "troops", "soldier", "peacekeeper", "force", "forces", "contingent", "battalion", "brigade", "warship", "deployment"}


def _troops(v: Token) -> bool:
    return any(w.lemma_.lower() in _TROOP_NOUNS or w.lower_ in _TROOP_NOUNS for c in v.children if c.dep_ in _SUBJ for w in c.subtree)


def _unattributed(v: Token) -> bool:
    """An attack told without its attacker: a passive with no agent, or an explosion as subject."""
    if any(c.dep_ in _PASS_SUBJ for c in v.children) and not any(c.dep_ == "agent" and any(
            p.dep_ == "pobj" and p.lemma_.lower() not in _INSTRUMENTS for p in c.children) for c in v.children):
        return True
    return any(c.dep_ in _SUBJ and c.lemma_.lower() in _INSTRUMENTS for c in v.children)


def _place(finder: ActorFinder, trig: Trigger, speaker: EventActor | None) -> tuple[EventActor, ...]:
    """The country where the event happened: a named place in a locative phrase of its clause
    ("in central Baghdad", "near the town of Samarra", "outside the Iraqi city of Basra")."""
    head = trig.head
    skip: set[int] = set()
    for c in head.children:
        if c.dep_ in {"ccomp", "parataxis", "relcl", "conj", "advcl"}:
            skip.update(t.i for t in c.subtree)
    preps = [c for c in head.subtree if c.i not in skip and c.dep_ == "prep" and c.lower_ in _PLACE_PREPS]
    for prep in preps:
        for t in prep.subtree:
            if t.i == prep.i or t.ent_type_ not in {"GPE", "LOC", "NORP"}:
                continue
            with _no_memory(finder):
                found = [a for a in finder.actors(t, speaker=speaker) if a.country]
            if found:
                a = found[0]
                return (EventActor(a.text, a.start, a.end, a.name, a.country, None),)
    return ()


# -- roles -------------------------------------------------------------------
def _roles(finder: ActorFinder, trig: Trigger, speaker: EventActor | None) -> tuple[tuple[EventActor, ...], tuple[EventActor, ...]]:
    head = trig.head
    if trig.kind == "nominal":
        return _nominal_roles(finder, head, speaker)
    src_toks, tgt_toks = _verb_args(head)
    src_toks = [_reported_subject(t) or t for t in src_toks]
    sources = _resolve(finder, src_toks, speaker)
    inner = trig.inner
    targets: tuple[EventActor, ...] = ()
    if trig.kind == "frame" and (_frame_kind(head) in {"demand", "appeal"} or head.lemma_.lower() in lex.frames()["must_verbs"]):
        # "declared that China must drop barriers to US exports": the one the demand is on
        targets = _resolve(finder, _content_subjects(head, inner), speaker)
    if inner is not None and inner != head and not targets:
        # "agreed to meet Russia", "imposed sanctions on Moscow", "rejected demands from Russia"
        inner_tgt: list[Token] = []
        for tok in _path(head, inner):
            if tok == head:
                break
            inner_tgt += _verb_args(tok)[1] if tok.pos_ == "VERB" else _noun_targets(tok)
        targets = _resolve(finder, inner_tgt, speaker)
        if not targets and inner.pos_ != "VERB":
            own_src, _ = _nominal_roles(finder, inner, speaker, with_head=False)
            targets = own_src
    if not targets:
        targets = _resolve(finder, tgt_toks, speaker)
    if not sources and (head.dep_ in {"xcomp", "conj", "advcl", "relcl", "acl", "acomp"} or head.pos_ == "NOUN" and head.dep_ in {"dobj", "attr"}):
        sources = _inherited_subject(finder, head, speaker)
    if not targets and trig.kind == "frame" or not targets and _frame_kind(head) in {"demand", "appeal"}:
        # "demanded that the US cancel …", "said Sudan must return …": the content clause's subject
        targets = _resolve(finder, _content_subjects(head, inner), speaker)
    if not targets and _frame_kind(head) in {"reject", "threat"}:
        # "threatened to break relations with Russia", "refused to send troops to Mali"
        for x in head.children:
            if x.dep_ == "xcomp" and x.pos_ == "VERB":
                targets = _resolve(finder, _verb_args(x)[1], speaker)
                if targets:
                    break
    if not targets and _frame_kind(head) == "reject" or not targets and head.lemma_.lower() in lex.frames()["response_verbs"]:
        # "rejected the proposal from Washington" (the pp hangs on the verb)
        targets = _resolve(finder, [p for c in head.children if c.dep_ == "prep" and c.lower_ in {"from", "by"} for p in c.children if p.dep_ == "pobj"], speaker)
    if not targets:
        # "rejected an offer from Kabul", "attacked Russia's embassy", "demanded the return of
        # property seized by the army": the owner of the object
        targets = _owner(finder, [o for o in tgt_toks if o.pos_ in {"NOUN", "PROPN"}], speaker, exclude=sources)
    if not targets and code_root(trig) == "14":
        # "staged a hunger strike to demand reforms by X", "rioted calling for X's removal",
        # "struck in protest at X's arrest": whom the protest is aimed at
        targets = _protest_aim(finder, head, speaker, exclude=sources)
    if not targets:
        # "confiscated weapons from armed groups", "withdrew from X": the one deprived
        targets = _resolve(finder, [p for c in head.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children if p.dep_ == "pobj"], speaker)
    targets = tuple(t for t in targets if not any(_same_actor(s, t) for s in sources))
    if inner is not None:
        targets = tuple(t for t in targets if not (t.start <= inner.idx < t.end))
    return sources, targets


_STATE_SECTORS = {None, "GOV", "MIL", "COP", "LEG", "JUD", "SPY"}
_OWNER_PREPS = {"of", "from", "by", "against", "on", "over"}
_PURPOSE_VERBS = {"demand", "protest", "call", "press", "urge", "seek", "denounce", "condemn", "oppose", "decry", "mark", "defy"}


def code_root(trig: Trigger) -> str:
    return trig.code[:2]


def _owner(finder: ActorFinder, toks: list[Token], speaker: EventActor | None, depth: int = 3, exclude=()) -> tuple[EventActor, ...]:
    """The actor an abstract object belongs to: its possessor, its of/from/by phrase, the agent
    of a participle on it ("the return of property seized by X"), searched breadth-first."""
    layer = list(toks)
    for _ in range(depth):
        nxt: list[Token] = []
        for o in layer:
            found = _nominal_roles(finder, o, speaker, with_head=False)[0] if o.pos_ in {"NOUN", "PROPN"} else ()
            found = tuple(a for a in found if not any(_same_actor(s, a) for s in exclude))
            if found:
                return found
            for c in o.children:
                if c.dep_ == "prep" and c.lower_ in _OWNER_PREPS or c.dep_ == "agent":
                    nxt.extend(p for p in c.children if p.dep_ == "pobj")
                elif c.dep_ in {"acl", "relcl"} and c.tag_ == "VBN":
                    nxt.extend(p for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj")
                elif c.dep_ in {"pobj", "dobj"}:
                    nxt.append(c)
        direct = _resolve(finder, [t for t in nxt if t.pos_ in {"PROPN", "NOUN"}], speaker)
        direct = tuple(a for a in direct if not any(_same_actor(s, a) for s in exclude))
        if direct:
            return direct
        layer = nxt
    return ()


def _protest_aim(finder: ActorFinder, head: Token, speaker: EventActor | None, exclude=()) -> tuple[EventActor, ...]:
    cands: list[Token] = []
    for c in head.subtree:
        if c.i == head.i or c.pos_ != "VERB" or c.lemma_.lower() not in _PURPOSE_VERBS:
            continue
        if c.dep_ in {"advcl", "xcomp", "acl", "relcl", "conj", "pcomp"}:
            cands.extend(x for x in c.children if x.dep_ in {"dobj", "ccomp"} or x.dep_ == "prep" and x.lower_ in {"for", "against", "at", "over"})
    for c in head.subtree:  # "in protest at/of X's arrest", "a strike over the employment bill"
        if c.dep_ == "prep" and c.lower_ in {"against", "over", "at", "of"} and c.head.lemma_.lower() in {"protest", "defiance", "opposition", "demonstration", "demonstrations", "rally", "strike"}:
            cands.append(c)
    toks: list[Token] = []
    for c in cands:
        if c.dep_ == "prep":
            toks.extend(p for p in c.children if p.dep_ == "pobj")
        elif c.dep_ == "ccomp":
            toks.extend(x for x in c.children if x.dep_ in _SUBJ | _PASS_SUBJ)
        else:
            toks.append(c)
    direct = _resolve(finder, [t for t in toks if t.pos_ == "PROPN" or t.ent_type_], speaker)
    direct = tuple(a for a in direct if not any(_same_actor(s, a) for s in exclude))
    return direct or _owner(finder, toks, speaker, exclude=exclude)
# Types whose events name whom they are aimed at; without a target they are rarely right.
# Only force posture (exercises, alerts, build-ups) is routinely reported without one.
_TARGETED = set(lex.PLOVER_TYPES) - {"MOBILIZE", "RETREAT"}  # withdrawing, surrendering, resigning need no target
_FOREGROUND_MARKS = {"as", "while", "although", "though", "whereas", "but"}
_SUBORDINATE = {"relcl", "acl", "advcl", "pcomp", "csubj", "amod", "npadvmod"}


def _same_actor(a: EventActor, b: EventActor) -> bool:
    """One actor twice (Russia … its, Russia … the Russian government), not a domestic dyad
    (government vs rebels, police vs protesters, the authorities vs a town or a named person)."""
    if a.country != b.country:
        return False
    if a.sector == b.sector:
        if a.sector is None and a.country is not None:  # "Iraqi Kurds … from Iraq": a people vs its state
            return a.name == b.name or _bare_state(a) and _bare_state(b)
        return a.country is not None or a.name == b.name or _pronoun(a) or _pronoun(b)
    if not (a.sector in _STATE_SECTORS and b.sector in _STATE_SECTORS):
        return False
    # one's own forces are never the other side ("ruled out sending US troops")
    return "MIL" in {a.sector, b.sector} or _bare_state(a) or _bare_state(b)


_PRONOUNS = {"it", "its", "they", "them", "their", "he", "his", "she", "her", "we", "our", "us", "i", "my"}


def _pronoun(a: EventActor) -> bool:
    return a.text.lower() in _PRONOUNS


def _bare_state(a: EventActor) -> bool:
    """The state as a whole: a pronoun, or the country's own name or adjective ("Sudan", "Russian")."""
    if _pronoun(a):
        return True
    if a.sector is not None:
        return False
    return _names_state(a.text.strip(), a.country)


@lru_cache(maxsize=4096)
def _names_state(text: str, country: str | None) -> bool:
    try:
        from . import actors

        hit = actors.resolve(text)
    except Exception:
        return True
    return hit is not None and hit.id == country


def _frame_kind(tok: Token) -> str | None:
    from .events_coder import frame_class

    return frame_class(tok)


def _content_subjects(head: Token, inner: Token | None) -> list[Token]:
    """Subjects of the clause a demand governs: "demanded that X withdraw", "X must return"."""
    out = []
    for c in head.children:
        if c.dep_ in {"ccomp", "xcomp"} and (inner is None or c == inner or c.pos_ == "VERB"):
            out.extend(x for x in c.children if x.dep_ in _SUBJ | _PASS_SUBJ and x.pos_ != "PRON")
    return out


def _confidence(trig: Trigger, ptype: str, sources, targets, mod: Modality) -> float:
    """How sure we are: a verb trigger in the main clause with both actors resolved is worth most."""
    conf = 0.45 + _weight(sources, 0.25) + _weight(targets, 0.2)
    # a denial ("has no plans to attack") is news about its source even without a named victim
    if not targets and ptype in _TARGETED and mod.value != "negated" and not (len(sources) > 1 and ptype in lex.SYMMETRIC_TYPES):
        conf -= 0.15
    if mod.value == "hypothetical":
        conf -= 0.1
    if mod.possibility:  # "considering sending aid", "fears that X may attack": weighed, not done
        conf -= 0.25
    if trig.kind == "nominal":
        conf -= 0.15
    if _subordinate(trig.head):
        conf -= 0.15
    if not sources:  # who did it is the first thing an event must say: without it we abstain
        conf = min(conf, MIN_CONFIDENCE - 0.1)
    return conf


def _weight(actors, full: float) -> float:
    """An actor with a country counts fully; a group of unnamed country ("protesters") half."""
    if not actors:
        return 0.0
    return full if any(a.country for a in actors) else full / 2


def _subordinate(tok: Token) -> bool:
    """In a relative, adverbial or adjectival clause, or under a noun: background, not the news."""
    cur = tok
    for _ in range(8):
        if cur.dep_ in _SUBORDINATE:
            if cur.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _FOREGROUND_MARKS | lex.frames()["cond_marks"] for m in cur.children):
                return False  # "if Russia attacks" belongs to the threat; "as the US rejected …" is news too
            return True
        if cur.dep_ in {"pobj", "dobj", "nsubj", "nsubjpass"} and cur.pos_ == "VERB":
            return True
        if cur.dep_ in {"ROOT"} or cur.head == cur:
            return False
        if cur.dep_ in {"ccomp", "parataxis"} and cur.head.lemma_.lower() in lex.frames()["speech_verbs"]:
            return False
        cur = cur.head
    return False


def _reported_subject(t: Token) -> Token | None:
    """"Moscow says it has no plans …": a third-person pronoun subject of a reported clause is the reporter."""
    if t.lower_ not in {"it", "they", "he", "she"}:
        return None
    fr = lex.frames()
    cur = t.head
    for _ in range(4):
        if cur.dep_ in {"ccomp", "parataxis"} and cur.head.lemma_.lower() in fr["speech_verbs"] | fr["threat_verbs"]:
            subj = [c for c in cur.head.children if c.dep_ in _SUBJ and c.pos_ in {"PROPN", "NOUN"}]
            return subj[0] if subj else None
        if cur.dep_ not in {"xcomp", "conj", "ccomp"} or cur.head == cur:
            return None
        cur = cur.head
    return None


def _verb_args(v: Token) -> tuple[list[Token], list[Token]]:
    subj = [c for c in v.children if c.dep_ in _SUBJ]
    passive = [c for c in v.children if c.dep_ in _PASS_SUBJ]
    objs = [c for c in v.children if c.dep_ in {"dobj", "dative", "iobj"}]
    preps = [p for c in v.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS for p in c.children if p.dep_ == "pobj"]
    # "shared evidence with the US", "granted asylum to X", "aid for Romania": the pp hangs on the object
    preps += [p for o in objs if o.pos_ == "NOUN" for c in o.children if c.dep_ == "prep" and c.lower_ in _OBJ_TARGET_PREPS for p in c.children if p.dep_ == "pobj"]
    if v.lemma_.lower() in _VISIT_VERBS:  # "arrived in Amman": the host
        preps += [p for c in v.children if c.dep_ == "prep" and c.lower_ in {"in", "to"} for p in c.children if p.dep_ == "pobj"]
    if passive:
        agent = [p for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        return agent, passive + objs + preps
    if not subj and v.dep_ in {"acl"} and v.tag_ == "VBN":  # "troops deployed to X": head is the patient
        return [], [v.head] + objs + preps
    return subj, objs + preps


def _noun_targets(n: Token) -> list[Token]:
    return [p for c in n.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS for p in c.children if p.dep_ == "pobj"]


def _nominal_roles(finder: ActorFinder, n: Token, speaker: EventActor | None, *, with_head: bool = True):
    src: list[Token] = []
    for c in n.children:
        if c.dep_ == "poss":
            src.append(c)
        elif c.dep_ in {"prep", "agent"} and c.lower_ in {"from", "by", "of"}:
            src.extend(p for p in c.children if p.dep_ == "pobj")
    mods = [c for c in n.children if c.dep_ in {"amod", "compound"} and c.ent_type_ in {"GPE", "NORP", "ORG"}]
    sources = _resolve(finder, src, speaker) or _resolve(finder, mods, speaker)
    verb = n.head if n.dep_ == "dobj" else None
    if verb is not None and any(c.dep_ == "poss" and c.lower_ in {"its", "their", "his", "her"} for c in n.children) and (
        verb.lemma_.lower() in lex.frames()["response_verbs"] or _frame_kind(verb) == "reject"
    ):
        # "the US rejected its request": the request is not the rejecter's own
        with _no_memory(finder):
            subj = _resolve(finder, [c for c in verb.children if c.dep_ in _SUBJ], speaker)
        if subj:
            poss = next(c for c in n.children if c.dep_ == "poss")
            other = finder.antecedent(poss, exclude=subj)
            if other is not None:
                sources = (EventActor(poss.text, poss.idx, poss.idx + len(poss), other.name, other.country, other.sector),)
    targets = _resolve(finder, _noun_targets(n), speaker)
    if with_head and not targets and n.dep_ in {"dobj", "pobj"}:
        verb = n.head if n.dep_ == "dobj" else n.head.head
        if verb.lemma_.lower() in lex.frames()["response_verbs"]:
            targets = _resolve(finder, [c for c in verb.children if c.dep_ in _SUBJ], speaker)
    return sources, targets


def _inherited_subject(finder: ActorFinder, v: Token, speaker: EventActor | None) -> tuple[EventActor, ...]:
    cur = v
    for _ in range(4):
        h = cur.head
        if h == cur:
            break
        if cur.dep_ in {"relcl", "acl"}:
            return _resolve(finder, [h], speaker)
        if cur.dep_ == "xcomp":  # "urged Russia to withdraw": the object does the withdrawing
            objs = [c for c in h.children if c.dep_ in {"dobj"}]
            if objs:
                return _resolve(finder, objs, speaker)
        subj = [_reported_subject(c) or c for c in h.children if c.dep_ in _SUBJ]
        if subj:
            return _resolve(finder, subj, speaker)
        cur = h
    return ()


def _resolve(finder: ActorFinder, toks: list[Token], speaker: EventActor | None) -> tuple[EventActor, ...]:
    out: list[EventActor] = []
    for t in toks:
        out.extend(finder.actors(t, speaker=speaker))
    seen: dict[tuple, EventActor] = {}
    for a in out:
        seen.setdefault((a.country, a.sector), a)
    return tuple(seen.values())


_SAME_SIDE = {"WST", "NATO", "EU"}


def _third_party_warning(finder: ActorFinder, v: Token, speaker: EventActor | None) -> bool:
    clauses = [c for c in v.children if c.dep_ == "ccomp"]
    if not clauses:
        return False
    subj = [x for c in clauses for x in c.children if x.dep_ in _SUBJ | _PASS_SUBJ | {"expl"}]
    if not subj:
        return False
    if any(x.dep_ == "expl" for x in subj):
        return True  # "warned that there was a possibility …"
    if any(x.lower_ in {"we", "i"} for x in subj):
        return False
    with _no_memory(finder):
        own = {a.country for a in _resolve(finder, [c for c in v.children if c.dep_ in _SUBJ], speaker)}
        theirs = {a.country for a in _resolve(finder, [_reported_subject(x) or x for x in subj], speaker)}
    return bool(theirs) and not (theirs & own) and not (theirs & _SAME_SIDE)


@contextmanager
def _no_memory(finder: ActorFinder):
    """Look actors up without moving the pronoun memory (a side look, not the text's order)."""
    saved = (finder.last_person, finder.last_thing, finder.last_group)
    try:
        yield
    finally:
        finder.last_person, finder.last_thing, finder.last_group = saved


def _clause_actor(finder: ActorFinder, trig: Trigger, sources, speaker) -> tuple[EventActor, ...]:
    head = trig.head
    skip: set[int] = set()
    for c in head.children:
        if c.dep_ in _SUBJ | {"agent"} or c.dep_ in {"ccomp", "parataxis", "relcl", "npadvmod", "conj", "cc"}:
            skip.update(t.i for t in c.subtree)
    src = {(a.country, a.sector) for a in sources}
    for t in head.subtree:
        if t.i in skip or t.i == head.i or t.pos_ != "PROPN" and t.ent_type_ not in {"NORP", "GPE"}:
            continue
        if t.ent_type_ in {"DATE", "TIME", "CARDINAL", "PERSON"} or t.dep_ not in {"pobj", "poss", "dobj", "compound", "amod", "nsubj"}:
            continue
        with _no_memory(finder):
            cands = finder.actors(t, speaker=speaker)
        found = [a for a in cands if a.country and not any(_same_actor(s, a) for s in sources) and (a.country, a.sector) not in src]
        if found:
            return (found[0],)
    return ()


def _condition_subject(finder: ActorFinder, tok: Token, speaker: EventActor | None, *, down: bool = False) -> tuple[EventActor, ...]:
    """Whom a conditional threat is aimed at: the actor of its if-clause ("if Russia attacks")."""
    fr = lex.frames()
    cur = tok
    if down:
        for c in tok.subtree:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in fr["cond_marks"] for m in c.children):
                found = _resolve(finder, [x for x in c.children if x.dep_ in _SUBJ], speaker)
                if found:
                    return found
    for _ in range(6):
        for c in cur.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in fr["cond_marks"] for m in c.children):
                return _resolve(finder, [x for x in c.children if x.dep_ in _SUBJ], speaker)
        if cur.head == cur:
            break
        cur = cur.head
    return ()


def _unless(v: Token) -> bool:
    """An "unless" clause on the act or on the clause that announces it."""
    for tok in (v, v.head):
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children) for c in tok.children):
            return True
    return False


def _has_aux(trig: Trigger, words: set[str]) -> bool:
    tok = trig.inner if trig.inner is not None and trig.inner.pos_ == "VERB" else trig.head
    return any(c.dep_ == "aux" and c.lower_ in words for c in tok.children)


def _path(head: Token, inner: Token) -> list[Token]:
    """Tokens from ``inner`` up to ``head`` ("promised to continue military aid to X")."""
    out, cur = [], inner
    for _ in range(8):
        out.append(cur)
        if cur == head or cur.head == cur:
            break
        cur = cur.head
    return out


def _inner_code_kept(trig: Trigger) -> bool:
    """An intent frame over conflict keeps the inner code: "decided to attack" is a future attack."""
    from .events_coder import noun_code, verb_code

    inner = trig.inner
    hit = noun_code(inner)
    code = hit[0] if hit else verb_code(inner)
    return code == trig.code


def _first_person_subject(v: Token) -> bool:
    return any(c.dep_ in _SUBJ and c.lower_ in {"we", "i"} for c in v.children)


# -- speakers and quotes -----------------------------------------------------
def _quote_at(ctx: Context, idx: int) -> Quote | None:
    for q in ctx.quotes or ():
        if q.start <= idx < q.end:
            return q
    return None


def _quote_speaker(finder: ActorFinder, quote: Quote | None) -> EventActor | None:
    if quote is None or quote.speaker is None:
        return None
    sp = quote.speaker
    if sp.actor is not None and sp.actor.country:
        return EventActor(sp.text, sp.start, sp.end, sp.name, sp.actor.country, sp.actor.sector)
    hit = finder.persons.get(sp.name.lower()) or finder.persons.get(sp.name.split()[-1].lower() if sp.name else "")
    if hit is not None:
        return EventActor(sp.text, sp.start, sp.end, sp.name, hit.country, hit.sector)
    return None


def _speech_subject(finder: ActorFinder, sent) -> EventActor | None:
    fr = lex.frames()
    for t in sent:
        if t.lemma_.lower() in fr["speech_verbs"]:
            for c in t.children:
                if c.dep_ in _SUBJ and c.lower_ not in fr["first_person"]:
                    found = finder.actors(c)
                    if len(found) == 1:
                        return found[0]
    return None


def _speaker_for(text: str, sents, talkers, si: int) -> EventActor | None:
    """Private fallback until quotes name speakers: the subject of a speech verb in this
    sentence or the next ones of the same paragraph ("…, we will respond", he said)."""
    line_end = text.find("\n", sents[si].start_char)
    line_end = len(text) if line_end < 0 else line_end
    for sj in range(si, min(len(sents), si + 4)):
        if sents[sj].start_char > line_end:
            break
        if talkers[sj] is not None:
            return talkers[sj]
    return None


# -- output ------------------------------------------------------------------
_PURPOSE_DEPS = {"xcomp", "advcl", "acl", "relcl", "prep", "pobj", "pcomp", "dobj"}


def _demote_nested(items: list[Coded]) -> list[Coded]:
    """An event inside another event's complement ("urged X to support Y", "demanded a force
    to protect them") is that event's content or purpose, not news of its own."""
    heads = {(c.sentence, c.trigger.head.i) for c in items}
    speech_heads = {(c.sentence, c.trigger.head.i): c.code[:2] for c in items if c.code[:2] in _SPEECH_ACT_ROOTS}
    out = []
    for c in items:
        if _inside_speech_act(c, speech_heads) or _demanded(c.trigger.head):
            # "demanded that Israel ease restrictions", "refused to commit assistance", "rejected
            # an offer to host a summit": what a demand, refusal or accusation is about did not happen
            out.append(replace(c, confidence=round(c.confidence - 0.4, 2)))
            continue
        cur, nested = c.trigger.head, False
        for _ in range(6):
            if cur.dep_ not in _PURPOSE_DEPS or cur.head == cur:
                break
            cur = cur.head
            if (c.sentence, cur.i) in heads and cur.i != c.trigger.head.i:
                nested = True
                break
        out.append(replace(c, confidence=round(c.confidence - 0.2, 2)) if nested else c)
    return out


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
