"""Roles for the events coder: who did it (source), to whom (target), where (place), and
who is speaking; dependency patterns over spaCy parses.  Split out of ``events``."""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache

from spacy.tokens import Token

from . import events_lexicon as lex
from .events_actors import ActorFinder
from .events_coder import Trigger, addressees
from .model import EventActor, Quote
from .pipeline import Context

_SUBJ = {"nsubj", "csubj"}
_PASS_SUBJ = {"nsubjpass", "csubjpass"}
_TARGET_PREPS = {"against", "on", "with", "to", "at", "into", "toward", "towards", "upon", "over"}
_OBJ_TARGET_PREPS = {"to", "with", "for", "against", "on", "into", "between", "among"}
_LET_VERBS = {"allow", "permit", "let"}
_STANCE_PARTICIPLES = {"oppose", "commit", "determine", "dedicate", "prepare", "resolve", "engage", "involve"}
_VISIT_VERBS = {"arrive", "travel", "fly", "visit", "tour"}
_REFUGE_VERBS = {"seek"}

_SAME_TIME_MARKS = {"when", "as", "while"}
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


def _place(finder: ActorFinder, trig: Trigger, speaker: EventActor | None, *, same_time: bool = False) -> tuple[EventActor, ...]:
    """The country where the event happened: a named place in a locative phrase of its clause
    ("in central Baghdad", "near the town of Samarra", "outside the Iraqi city of Basra")."""
    head = trig.head
    skip: set[int] = set()
    for c in head.children:
        if c.dep_ in {"ccomp", "parataxis", "relcl", "conj", "advcl"}:
            if same_time and c.dep_ == "advcl" and any(m.dep_ in {"mark", "advmod"} and m.lower_ in _SAME_TIME_MARKS for m in c.children):
                continue  # "killed nine people when they detonated their vests in a market": the same act's place
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
        sources, targets = _nominal_roles(finder, head, speaker)
        if not targets and code_root(trig) in _APPEAL_ROOTS:
            # "reiterated its demand that Israel ease restrictions": on whom the demand is made (the
            # that-clause hangs on the noun, or on the verb whose object the demand is)
            clauses = [c for c in head.children if c.dep_ in {"acl", "ccomp"}]
            if head.dep_ == "dobj":
                clauses += [c for c in head.head.children if c.dep_ == "ccomp" and c.i > head.i]
            targets = _resolve(finder, [x for c in clauses for x in c.children if x.dep_ in _SUBJ | _PASS_SUBJ and x.pos_ != "PRON"], speaker)
        return sources, targets
    src_toks, tgt_toks = _verb_args(head)
    src_toks = [_reported_subject(t) or t for t in src_toks]
    sources = _resolve(finder, src_toks, speaker)
    if not sources and head.pos_ in {"NOUN", "PROPN"}:
        # a noun frame ("Saddam Hussein's proposal for a cease-fire"): its possessor or of/by phrase
        sources = _nominal_roles(finder, head, speaker, with_head=False)[0]
    inner = trig.inner
    targets: tuple[EventActor, ...] = ()
    if trig.kind == "frame" and _frame_kind(head) == "appeal":
        # "called on the EU to impose sanctions on X", "urged Japan to …": the one appealed to
        targets = _resolve(finder, addressees(head, inner), speaker)
    if not targets and trig.kind == "frame" and (_frame_kind(head) in {"demand", "appeal"} or head.lemma_.lower() in lex.frames()["must_verbs"]):
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
            # "an invasion of Ukrainian territory": the owner of its of-object
            targets = own_src or _owner(finder, [inner], speaker, exclude=sources)
    if not targets and head.dep_ in {"xcomp", "advcl"} and head.head.lemma_.lower() in _SUMMON_VERBS:
        # "summoned the ambassador to complain": the one summoned hears the complaint
        targets = _resolve(finder, [c for c in head.head.children if c.dep_ == "dobj"], speaker)
    if not targets and code_root(trig) == "11" and trig.kind == "verb":
        # "complained to the UN over Israeli air raids": the one complained about, not the addressee
        about = [p for c in head.children if c.dep_ == "prep" and c.lower_ in _ABOUT_PREPS for p in c.children if p.dep_ == "pobj"]
        targets = _resolve(finder, [p for p in about if p.pos_ == "PROPN" or p.ent_type_], speaker) or _owner(finder, about, speaker, exclude=sources)
    if not targets:
        targets = _resolve(finder, tgt_toks, speaker)
    # a passive clause of its own ("if it is attacked") has no agent to inherit: its subject is the target
    own_passive = head.pos_ == "VERB" and any(c.dep_ in _PASS_SUBJ for c in head.children)
    if not sources and not own_passive and (head.dep_ in {"xcomp", "conj", "advcl", "relcl", "acl", "acomp"} or head.pos_ == "NOUN" and head.dep_ in {"dobj", "attr"}):
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
    if not targets and code_root(trig) == "11" and trig.kind == "verb":
        # "protested that Egyptian police had tortured detainees": whom the complaint is about
        targets = _resolve(finder, _content_subjects(head, None), speaker)
    if not targets:
        # "confiscated weapons from armed groups", "withdrew from X": the one deprived
        targets = _resolve(finder, [p for c in head.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children if p.dep_ == "pobj"], speaker)
    targets = tuple(t for t in targets if not any(_same_actor(s, t) for s in sources))
    if inner is not None:
        targets = tuple(t for t in targets if not (t.start <= inner.idx < t.end))
    return sources, targets


_STATE_SECTORS = {None, "GOV", "MIL", "COP", "LEG", "JUD", "SPY"}
_APPEAL_ROOTS = {"02", "10"}
_ABOUT_PREPS = {"over", "about", "against", "of", "at"}
_SUMMON_VERBS = {"summon", "call", "phone", "telephone"}  # "called Lavrov to discuss": the caller acts, the called hears
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


def _noun_complement(clause: Token) -> bool:
    """A that-clause completing a possibility noun ("a risk that X will attack"): the forecast
    itself, which the possibility modality already weighs.  The parser often labels it relcl;
    a 'that' marking a clause with its own subject is no relative pronoun."""
    fr = lex.frames()
    return (
        clause.dep_ in {"acl", "relcl"}
        and clause.pos_ in {"VERB", "AUX"}
        and clause.head.lemma_.lower() in fr["possibility_nouns"]
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)
    )


def _subordinate(tok: Token) -> bool:
    """In a relative, adverbial or adjectival clause, or under a noun: background, not the news."""
    cur = tok
    for _ in range(8):
        if cur.dep_ in _SUBORDINATE:
            if _noun_complement(cur):
                return False  # "the possibility that Russia would attack": the noun's content, not background
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
    if v.lemma_ in _LET_VERBS and not objs:  # "will allow refugees to return": the ones let in or back
        objs = [s for c in v.children if c.dep_ in {"xcomp", "ccomp"} for s in c.children if s.dep_ in _SUBJ]
    preps = [p for c in v.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS for p in c.children if p.dep_ == "pobj"]
    # "shared evidence with the US", "granted asylum to X", "aid for Romania": the pp hangs on the object
    preps += [p for o in objs if o.pos_ == "NOUN" for c in o.children if c.dep_ == "prep" and c.lower_ in _OBJ_TARGET_PREPS for p in c.children if p.dep_ == "pobj"]
    if v.lemma_.lower() in _VISIT_VERBS | _REFUGE_VERBS:  # "arrived in Amman", "sought refuge in X": the host
        preps += [p for c in v.children if c.dep_ == "prep" and c.lower_ in {"in", "to"} for p in c.children if p.dep_ == "pobj"]
    if passive and v.lemma_ in _STANCE_PARTICIPLES and not any(c.dep_ == "agent" for c in v.children):
        # "Israel is opposed to X", "Japan is committed to Y": a stance, its subject the actor
        return passive, objs + preps
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


# Documents that carry their issuer's demand or appeal ("issued a statement calling for …").
_STATEMENT_NOUNS = {"statement", "declaration", "communique", "communiqué", "resolution", "letter", "appeal", "report", "petition", "manifesto"}
# Verbs whose to-clause is done by their subject, not their object ("summoned the envoy to complain").
_SUBJECT_CONTROL = _SUMMON_VERBS | {"promise", "use"}


def _inherited_subject(finder: ActorFinder, v: Token, speaker: EventActor | None) -> tuple[EventActor, ...]:
    cur = v
    for _ in range(4):
        h = cur.head
        if h == cur:
            break
        if cur.dep_ in {"relcl", "acl"}:
            found = _resolve(finder, [h], speaker)
            if found or cur.dep_ == "relcl" or h.dep_ != "dobj" or h.lemma_.lower() not in _STATEMENT_NOUNS:
                return found
            # "issued a declaration demanding …": the one who issued it
            cur = h
            continue
        if cur.dep_ == "xcomp" and h.lemma_.lower() not in _SUBJECT_CONTROL:
            # "urged Russia to withdraw": the object does the withdrawing; "troops were sent to
            # protect X": so does the passive's subject; "used tear gas to disperse": not a tool
            objs = [c for c in h.children if c.dep_ in {"dobj"} or c.dep_ in _PASS_SUBJ and c.pos_ != "PRON"]
            found = _resolve(finder, objs, speaker)
            if found:
                return found
        if cur.dep_ in {"ccomp", "parataxis"} and h.lemma_.lower() in lex.frames()["speech_verbs"]:
            # the speaker of a reported clause is not its agent: in "Kirby said US forces could be
            # mobilized" the parser hangs the clause's subject on the speech verb as its object
            objs = [c for c in h.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} and c.i < cur.i]
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
    cond = lex.frames()["cond_marks"]
    for c in head.children:
        if c.dep_ in _SUBJ | {"agent"} or c.dep_ in {"ccomp", "parataxis", "relcl", "npadvmod", "conj", "cc"}:
            skip.update(t.i for t in c.subtree)
        elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in cond for m in c.children):
            skip.update(t.i for t in c.subtree)  # "… if war starts in Iraq": a condition, not a party
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

    for inner in (trig.inner, trig.end_word):  # "prepared to impose martial law": the name's head too
        if inner is None:
            continue
        hit = noun_code(inner)
        if (hit[0] if hit else verb_code(inner)) == trig.code:
            return True
    return False


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
