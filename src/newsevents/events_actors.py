"""Who: turn a noun phrase of the parse into event actors (country + sector).

``actors.resolve`` (the actors module: countries, capitals, cities, bodies,
persons) names each mention, plus the titles that precede
a person's name in the same document (``Russian Foreign Minister Sergei Lavrov``
makes a later ``Mr Lavrov`` Russian).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from . import events_lexicon as lex
from .actors_resolve import people_of, stateless_people
from .model import EventActor
from .pipeline import Context

_NP_DEPS = {"compound", "amod", "nmod", "poss", "det", "nummod", "quantmod", "case", "punct"}
_CONTAINER_PREPS = {"from", "of", "in"}
_HE = {"he", "she", "him", "her", "his", "hers"}
_IT = {"it", "its", "they", "them", "their", "theirs"}
# Nouns whose actor sits in an of/from phrase: "the build-up of Russian troops".
_COUNT_HEADS = {"thousand", "hundred", "million", "dozen", "score"}  # "thousands of protesters"
_CONTAINER_HEADS = {"build-up", "buildup", "gathering", "deployment", "mobilization", "mobilisation", "group", "delegation", "members", "representatives", "coalition", "alliance"}
_STATE_SECTORS = {None, "GOV", "MIL", "COP", "LEG", "JUD", "SPY", "IGO"}
# Heads of noun phrases that name things, not actors, whatever country modifies them.
_NOT_ACTORS = {
    "use", "legality", "border", "borders", "help", "reform", "reforms", "policy", "policies", "decision", "plan",
    "language", "territory", "region", "area", "situation", "crisis", "economy", "question", "issue", "welfare",
    "war", "program", "programme", "market", "statehood", "independence", "affairs", "relations", "ties",
    "interests", "security", "sovereignty", "proposal", "resolution", "demand", "demands", "request", "offer", "call",
    "advance", "sweep", "refusal", "failure", "support", "aid", "assistance", "plans", "statement", "remarks", "law",
    "election", "elections", "constitution", "agreement", "deal", "talks", "meeting", "summit", "conflict", "fighting",
    "suppression", "occupation", "invasion", "attack", "attacks", "presence", "capital", "soil", "airspace", "waters",
    "fate", "status", "right", "ban", "consensus",
}
# Nouns whose nationality modifier names an identity, not an actor ("the Russian language").
_IDENTITY_NOUNS = {
    "language", "dialect", "culture", "descent", "origin", "ethnicity", "nationality", "citizenship", "passport",
    "heritage", "literature", "cuisine", "music", "speaker", "accent",
}
# Nouns that name a body ("the Hamas movement") or, with an of-phrase, a motion ("the
# movement of workers"): only the first is an actor.
_MOTION_NOUNS = {"movement"}
# Acts named by a noun: as the subject of a clause ("US drone attacks killed …") they stand
# for whoever carries them out.
_ACT_NOUNS = {"attack", "invasion", "occupation", "suppression", "advance", "sweep"}
_ATTACK_NOUNS = {"bombing", "strike", "airstrike", "raid", "shelling", "ambush", "assault", "offensive", "bombardment"}
_LOCATED_GROUPS = {"organization", "organisation", "group", "groups", "party", "parties", "movement", "union", "community", "communities", "militia", "militias", "rebels", "village", "villages", "town", "city", "camp", "camps"}
_GROUP_MODS = {"both", "two", "all", "three", "four", "the"}
# A people counted or described ("three Israelis", "young Algerians", "Afghans who fled",
# "Palestinians of the West Bank") is a group of its civilians, whatever the clause says.
_FORMER = {"former", "ex"}
_POLITY_NOUNS = {"republic", "colony", "state", "territory", "protectorate"}
_DESCRIBED_DEPS = {"nummod", "quantmod", "amod", "relcl", "acl", "prep", "appos"}
_QUANTITY_HEADS = {"thousand", "thousands", "hundred", "hundreds", "million", "millions", "dozen", "dozens", "number", "group", "majority", "minority", "most", "many", "some", "all"}


# Links from a clause up to the clause that reports or plans it (not "if"/"when" clauses:
# "X will sanction it if it attacks" points at the object).
_GOVERNED_DEPS = {"ccomp", "xcomp", "pcomp", "pobj", "prep", "conj"}
_BODY_ENTS = {"ORG", "GPE", "NORP"}
# "denied that it had armed the rebels": what a denial is about did not happen (as far as the
# text says); lending the denier to the pronoun would make it an event of the denier's
_DENIAL_VERBS = {"deny", "refute", "dismiss", "reject", "rebut", "dispute"}


def _agrees(pronoun: str, subj: Token) -> bool:
    """Can ``subj`` be what ``pronoun`` points back to?"""
    person = subj.ent_type_ == "PERSON"
    plural = subj.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subj.children)
    if pronoun in {"he", "she", "him", "her"}:
        return person or (subj.pos_ == "NOUN" and not plural and subj.ent_type_ not in _BODY_ENTS and subj.lemma_.lower() in lex.frames()["sector_nouns"])
    if pronoun in {"it"}:
        return not person and not plural
    if pronoun in {"they", "them"}:
        return not person and (plural or subj.ent_type_ in _BODY_ENTS)
    return False


_LOCATION_VERBS = {"base", "operate", "live", "station", "deploy", "hold", "fight", "active"}
_ETHNIC_MODS = {"ethnic"}
# Ties of a group to an owner: word (lemma) → the prepositions that name the owner.
_MEMBERSHIP = {
    "affiliate": {"with", "to"}, "affiliated": {"with", "to"}, "link": {"to", "with"}, "linked": {"to", "with"},
    "belong": {"to"}, "loyal": {"to"}, "ally": {"with", "to"}, "allied": {"with", "to"}, "tie": {"to"}, "tied": {"to"},
}


def _placing_preps(head: Token) -> list[tuple[Token, bool]]:
    """The phrases that place ``head`` (prep, is membership): its own "in" ("rebels in
    Darfur"), a participle's ("a group based in Trinidad", "guerrillas operating in Macedonia"),
    or a tie to an owner ("workers affiliated with the X union", "militants loyal to Y")."""
    out = [(c, False) for c in head.children if c.dep_ == "prep" and c.lower_ == "in"]
    for c in head.children:
        if c.dep_ not in {"acl", "amod"}:
            continue
        lemma = c.lemma_.lower()
        for p in c.children:
            if p.dep_ != "prep":
                continue
            if c.dep_ == "acl" and lemma in _LOCATION_VERBS and p.lower_ == "in":
                out.append((p, False))
            elif p.lower_ in _MEMBERSHIP.get(lemma, ()):
                out.append((p, True))
    return out


@lru_cache(maxsize=1)
def _state_context() -> frozenset[str]:
    from .actors_lexicon import _read

    return frozenset(_read("actors_context.json")["state_context"])


@dataclass
class ActorFinder:
    """Per-document actor resolution with a little memory for pronouns and ``the parties``."""

    ctx: Context
    persons: dict[str, EventActor] = field(default_factory=dict)
    last_person: EventActor | None = None
    last_thing: EventActor | None = None
    last_group: tuple[EventActor, ...] = ()

    def __post_init__(self) -> None:
        self.seen: list[tuple[int, EventActor, bool]] = []  # (offset, actor, is_person): pronoun antecedents
        self._cache: dict[tuple, list[EventActor]] = {}
        self._text_cache: dict[str, lex.ActorEntry | None] = {}
        self._learn_titles()

    # -- document memory ---------------------------------------------------
    def _learn_titles(self) -> None:
        """Remember the country of every person introduced with a title or nationality."""
        for ent in self.ctx.doc.ents:
            if ent.label_ != "PERSON":
                continue
            found = self._lookup_text(ent.text)
            if found is None:
                head = ent.root
                mods = [t for t in head.subtree if t.i < ent.start and t.dep_ in {"compound", "amod", "nmod", "poss"}]
                for t in mods:
                    found = self._lookup_tokens([t]) or self._of_phrase(t)
                    if found is not None:
                        break
                if found is None:
                    # "the Minister of Foreign Affairs of Ukraine Dmytro Kuleba": title heads sit to the left.
                    window = self.ctx.doc[max(ent.sent.start, ent.start - 8) : ent.start]
                    found = self._lookup_tokens(list(window))
            if found is not None:
                actor = EventActor(ent.text, ent.start_char, ent.end_char, ent.text, found.country, found.sector or "GOV")
                self.persons[ent.text.lower()] = actor
                self.persons[ent[-1].text.lower()] = actor

    def _of_phrase(self, tok: Token) -> lex.ActorEntry | None:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        hit = self._lookup_tokens(list(pobj.subtree))
                        if hit:
                            return hit
        return None

    # -- lexicon matching --------------------------------------------------
    def _lookup_text(self, text: str) -> lex.ActorEntry | None:
        """The actors module (``actors.resolve``) names every actor."""
        key = text.lower().strip()
        if key in self._text_cache:
            return self._text_cache[key]
        hit = None
        try:
            from . import actors

            a = actors.resolve(text.strip(), on=self.ctx.published)
            if a is not None and a.country:
                hit = lex.ActorEntry(a.country, a.sector)
        except Exception:  # the actors module is edited concurrently; never let it break coding
            hit = None
        self._text_cache[key] = hit
        return hit

    def _lookup_sector(self, text: str) -> str | None:
        """The sector alone of a phrase with no country ("opposition groups" → OPP)."""
        try:
            from . import actors

            a = actors.resolve(text.strip(), on=self.ctx.published, holders=False)
            return a.sector if a is not None else None
        except Exception:  # never let the actors module break coding
            return None

    def _lookup_tokens(self, toks: list[Token]) -> lex.ActorEntry | None:
        """Longest phrase match inside a token list; capitalised words only (``us`` is not the US)."""
        n = len(toks)
        best: tuple[int, lex.ActorEntry] | None = None
        maxw = 4
        for i in range(n):
            if not toks[i].text[:1].isupper() and toks[i].lower_ not in {"the"}:
                continue
            for j in range(min(n, i + maxw), i, -1):
                words = toks[i:j]
                text = "".join(t.text_with_ws for t in words).strip()
                hit = self._lookup_text(text) if words[-1].text[:1].isupper() or words[-1].pos_ in {"PROPN", "ADJ"} else None
                if hit is not None and (best is None or j - i > best[0]):
                    best = (j - i, hit)
                    break
        return best[1] if best else None

    # -- public ------------------------------------------------------------
    def actors(self, head: Token, *, speaker: EventActor | None = None) -> tuple[EventActor, ...]:
        """All actors of the noun phrase headed by ``head``, its conjuncts included."""
        heads = [head] + [t for t in head.conjuncts if t.i > head.i]
        out: list[EventActor] = []
        for h in heads:
            out.extend(self._one(h, speaker=speaker))
        uniq: dict[tuple, EventActor] = {}
        for a in out:
            uniq.setdefault((a.country, a.sector, a.name), a)
        result = tuple(uniq.values())
        if len(result) > 1:
            self.last_group = result
        return result

    def _one(self, head: Token, *, speaker: EventActor | None) -> list[EventActor]:
        key = (head.i, speaker)
        if head.pos_ != "PRON" and key in self._cache:
            return self._cache[key]
        out = self._one_uncached(head, speaker=speaker)
        self._cache[key] = out
        return out

    def _one_uncached(self, head: Token, *, speaker: EventActor | None) -> list[EventActor]:
        low = head.lower_
        fr = lex.frames()
        if head.pos_ == "PRON" or (low in fr["first_person"] and not head.text.isupper()):  # "US" is not "us"
            return self._pronoun(head, speaker)
        if self.last_group and not self._has_own_country(head) and head.tag_ in {"NNS", "NNPS"}:
            # "the parties", "both sides", "the advisers": the last compound actor
            plural_human = head.lemma_.lower() in fr["group_nouns"] or fr["sector_nouns"].get(head.lower_) == "GOV"
            if plural_human and any(c.lower_ in _GROUP_MODS for c in head.children) and not any(c.dep_ == "prep" for c in head.children):
                return list(self.last_group)
        if head.dep_ == "nsubj" and head.lemma_.lower() in _ACT_NOUNS | _ATTACK_NOUNS:
            # "a truck bombing by an al-Shabaab cell wounded …": the act's agent did it
            agents = [a for p in head.children if p.dep_ == "prep" and p.lower_ == "by" for o in p.children if o.dep_ == "pobj" for a in self.actors(o, speaker=speaker)]
            if agents:
                return agents
        polity = head.head if head.dep_ in {"amod", "compound"} else head
        if polity.lemma_.lower() in _POLITY_NOUNS and any(c.dep_ in {"amod", "advmod"} and c.lower_ in _FORMER for c in polity.children):
            return []  # "the former Soviet republic": a successor state, not the Soviet Union
        if head.dep_ in {"amod", "compound"} and head.head.lemma_.lower() in _IDENTITY_NOUNS:
            return []  # "the Russian language", "of Turkish descent": an identity, not an actor
        if head.lemma_.lower() in _MOTION_NOUNS and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
            return []  # "the movement of workers" is motion; "the Hamas movement" is a body
        if head.pos_ == "NOUN" and head.lemma_.lower() in _NOT_ACTORS and not (head.dep_ == "nsubj" and head.lemma_.lower() in _ACT_NOUNS):
            # "the use of the Russian language", "Greece's border": a thing, not an actor; but
            # "US drone attacks killed …": an act that does something is its doer's
            return []
        start, end = self._np_bounds(head)
        span = self.ctx.doc[start:end]
        actor = self._resolved(span, head)
        if actor is None:
            inner = self._container(head, speaker)
            if inner:
                return inner
            located = self._located(head, span, speaker)
            if located is not None:
                self._remember(located, head)
                return [located]
            people = self._unplaced_people(head, span)
            if people is not None:
                return [people]
            sector = self._plain_sector(head)
            if sector is None:
                if head.ent_type_ == "PERSON" and head.pos_ == "PROPN":
                    # a named person we cannot place: an actor all the same (text, no country)
                    person = EventActor(span.text, span.start_char, span.end_char, span.text, None, None)
                    self.last_person = person
                    return [person]
                return []
            # "arrested protesters", "killed civilians": a non-state group of unnamed country;
            # "urged its citizens": of the country the possessive points back to
            poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in {"its", "their"}), None)
            owner = self.antecedent(poss) if poss is not None else None
            actor = EventActor(span.text, span.start_char, span.end_char, head.lemma_.lower(), owner.country if owner else None, sector)
        actor = self._people_reading(actor, head)
        self._remember(actor, head)
        return [actor]

    def _people_reading(self, actor: EventActor, head: Token) -> EventActor:
        """"the Russians" mobilizing combat forces, "the Palestinians" reaching a consensus in
        talks: a bare people noun in a clause about armed force or official dealings names its
        state; elsewhere (protests, victims, aid) its civilians, as the lexicon reads it."""
        if actor.sector != "CVL" or head.tag_ not in {"NNPS", "NNS", "NNP"}:
            return actor
        if people_of(head.text) != (True, actor.country):
            return actor
        if any(c.dep_ in _DESCRIBED_DEPS or (c.dep_ == "det" and c.lower_ != "the") for c in head.children):
            return actor
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in _QUANTITY_HEADS:
            return actor
        clause = head
        while clause.pos_ not in {"VERB", "AUX"} and clause.head is not clause:
            clause = clause.head
        # what the clause says the people do or undergo: not its other subjects ("the U.S.
        # Embassy urged Americans to leave" is no official dealing of Americans)
        skip = {head.i}
        for c in clause.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and not (c.left_edge.i <= head.i <= c.right_edge.i):
                skip.update(t.i for t in c.subtree)
        context = _state_context()
        if any(t.lemma_.lower() in context or t.lower_ in context for t in clause.subtree if t.i not in skip):
            return replace(actor, sector=None)
        return actor

    def _located(self, head: Token, span: SpacySpan, speaker: EventActor | None) -> EventActor | None:
        """"the town of Cizre in southeastern Turkey", "an extremist organization in Northern
        Ireland", "ethnic Albanians in southern Serbia", "militants based in Syria": an unplaced
        place, group or people takes the country it is said to be in."""
        sn = lex.frames()["sector_nouns"]
        is_place = head.pos_ == "PROPN" and head.ent_type_ in {"GPE", "LOC", "FAC"}
        is_people = people_of(head.text)[0]
        is_group = is_people or (head.pos_ == "NOUN" and (head.lemma_.lower() in _LOCATED_GROUPS or head.lower_ in sn or head.lemma_.lower() in sn))
        if not (is_place or is_group):
            return None
        for prep, member in _placing_preps(head):
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                if member and not is_place:
                    # "workers affiliated with the Serbian union", "hackers linked to the
                    # Iranian government": a group takes the country of what it belongs to
                    owner = [a for a in self._one(pobj, speaker=speaker) if a.country]
                    hit = lex.ActorEntry(owner[0].country, None) if len(owner) == 1 else None
                elif pobj.pos_ == "PROPN":
                    hit = self._lookup_tokens(list(pobj.subtree))
                else:
                    hit = None
                if hit is None:
                    continue
                if is_place:
                    sector = None
                elif is_people:
                    sector = self._lookup_sector(span.text) or "CVL"
                else:
                    sector = sn.get(head.lower_) or sn.get(head.lemma_.lower())
                if is_group and sector is None:
                    # "opposition groups in Zimbabwe": the group's own words give its sector
                    own = self._lookup_sector(span.text)
                    sector = own if own not in _STATE_SECTORS else None
                return EventActor(span.text, span.start_char, span.end_char, span.text, hit.country, sector)
        return None

    def _unplaced_people(self, head: Token, span: SpacySpan) -> EventActor | None:
        """"ethnic Albanians", "Kurds", "Hutu rebels": a people of no one state, placed nowhere in
        its phrase, is still an actor (of unnamed country; the coder may place it where the act
        happens)."""
        if not people_of(head.text)[0] and not any(people_of(t.text, plural=False)[0] or t.lower_ in _ETHNIC_MODS for t in head.lefts):
            return None
        sector = self._lookup_sector(span.text)
        if sector is None or sector in _STATE_SECTORS:
            return None
        actor = EventActor(span.text, span.start_char, span.end_char, span.text, None, sector)
        self._remember(actor, head)
        return actor

    def _plain_sector(self, head: Token) -> str | None:
        if head.pos_ != "NOUN" or head.tag_ not in {"NNS", "NN"}:
            return None
        sn = lex.frames()["sector_nouns"]
        # the coder's short list first, then for groups of people the actors lexicon's
        # ("migrants", "hackers", "detainees")
        sector = sn.get(head.lower_) or sn.get(head.lemma_.lower())
        if sector is None and head.tag_ == "NNS":
            sector = self._lookup_sector(head.lower_)
        return sector if sector not in _STATE_SECTORS else None

    def _has_own_country(self, head: Token) -> bool:
        return self._lookup_tokens([t for t in head.lefts]) is not None

    def _np_bounds(self, head: Token) -> tuple[int, int]:
        lefts = [t for t in head.lefts if t.dep_ in _NP_DEPS]
        start = min([head.i] + [t.left_edge.i for t in lefts])
        end = head.i + 1
        # keep multiword names to the right of the head inside the entity ("White House", "Dmitry Peskov")
        if head.ent_iob_ in {"B", "I"}:
            doc, a, b = head.doc, head.i, head.i + 1
            while doc[a].ent_iob_ == "I" and a > 0:
                a -= 1
            while b < len(doc) and doc[b].ent_iob_ == "I":
                b += 1
            start, end = min(start, a), max(end, b)
        while start < end and head.doc[start].dep_ in {"punct", "cc"}:
            start += 1
        return start, end

    def _resolved(self, span: SpacySpan, head: Token) -> EventActor | None:
        text = span.text
        name, country, sector = text, None, None
        people_sector = None  # a people of no one state: "ethnic Albanians", "Druze villagers"
        try:
            if self.ctx.actors is not None:
                name, actor = self.ctx.actors.for_span(span.start_char, span.end_char)
                if actor is not None and actor.country:
                    return EventActor(text, span.start_char, span.end_char, actor.name or name, actor.country, actor.sector)
                if actor is not None and stateless_people(text):
                    people_sector = actor.sector or "CVL"
        except Exception:  # the actors module is being written concurrently; never let it break coding
            pass
        person = self.persons.get(text.lower()) or self.persons.get(head.lower_)
        if person is not None and head.ent_type_ == "PERSON":
            return EventActor(text, span.start_char, span.end_char, person.name, person.country, person.sector)
        # a stateless people is not the state of a word inside its name ("ethnic Albanians" is
        # not Albania's); only a place said of it counts ("Druze inhabitants of the Golan")
        hit = None if people_sector else self._lookup_tokens(list(span))
        if hit is None:
            hit = self._of_phrase(head)
        if hit is None:
            return None
        country = hit.country
        sector = lex.frames()["sector_nouns"].get(head.lower_) or lex.frames()["sector_nouns"].get(head.lemma_.lower()) or hit.sector or people_sector
        if sector is None:
            for t in span:
                sector = lex.frames()["sector_nouns"].get(t.lower_)
                if sector:
                    break
        return EventActor(text, span.start_char, span.end_char, name if name != text else text, country, sector)

    def _container(self, head: Token, speaker: EventActor | None) -> list[EventActor]:
        """``officials from Ukraine, Russia and France``: the actors are inside the pp."""
        sector = lex.frames()["sector_nouns"].get(head.lemma_.lower()) or lex.frames()["sector_nouns"].get(head.lower_)
        quantity = head.lemma_.lower() in _COUNT_HEADS
        if sector is None and head.lemma_.lower() not in lex.frames()["group_nouns"] and head.lemma_.lower() not in _CONTAINER_HEADS and not quantity:
            return []
        # "opposition groups in Zimbabwe", "rebel forces in Tripoli": the group's own words
        # give its sector when the head noun gives none or a state one
        if sector in _STATE_SECTORS:
            a, b = self._np_bounds(head)
            own = self._lookup_sector(self.ctx.doc[a:b].text) if b - a > 1 or sector is None else None
            if own not in _STATE_SECTORS:
                sector = own
        for prep in head.children:
            # "thousands of protesters", "dozens of Iraqi soldiers": the counted ones act
            if prep.dep_ == "prep" and prep.lower_ in _CONTAINER_PREPS and (prep.lower_ == "of" or not quantity):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        inner = self.actors(pobj, speaker=speaker)
                        if inner:
                            return [
                                EventActor(a.text, a.start, a.end, a.name, a.country, sector or a.sector) for a in inner
                            ]
        return []

    def _pronoun(self, head: Token, speaker: EventActor | None) -> list[EventActor]:
        low = head.lower_
        if low in lex.frames()["first_person"] and not head.text.isupper():
            return [speaker] if speaker is not None else []
        # possessives by position ("its request that X …"); a subject pronoun in a clause
        # reported or planned by a named subject is that subject ("Syria said it would …",
        # "the king was quoted as saying he would …"); else by recency of what was coded
        if head.dep_ == "poss":
            p = self.antecedent(head)
        else:
            p = self._clause_antecedent(head, speaker)
            if p is None:
                p = self.last_person if low in _HE else self.last_thing if low in _IT else None
        if p is None:
            return []
        return [EventActor(head.text, head.idx, head.idx + len(head), p.name, p.country, p.sector)]

    def _clause_antecedent(self, head: Token, speaker: EventActor | None) -> EventActor | None:
        """The subject of a clause governing the pronoun's clause, if it agrees (a person for
        he/she, a state or body for it, a plural or body for they)."""
        if head.dep_ not in {"nsubj", "nsubjpass"}:
            return None  # "dismissed it", "barred her": an object points elsewhere
        cur = head.head
        for _ in range(6):
            if cur.dep_ not in _GOVERNED_DEPS or cur.head is cur:
                return None
            cur = cur.head
            if cur.lemma_.lower() in _DENIAL_VERBS:
                return None
            for c in cur.children:
                if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in {"PROPN", "NOUN"} and c.i < head.i:
                    if not _agrees(head.lower_, c):
                        return None
                    found = self.actors(c, speaker=speaker)
                    return found[0] if len(found) == 1 else None
        return None

    def antecedent(self, head: Token, exclude: tuple[EventActor, ...] = ()) -> EventActor | None:
        """The nearest actor mentioned *before* the pronoun (a mention resolved later in the
        sentence, "its request that Ukraine not join NATO", is not its antecedent)."""
        low = head.lower_
        if low not in _HE and low not in _IT:
            return None
        person = low in _HE
        skip = {(a.country, a.sector) for a in exclude}
        best = None
        for pos, actor, is_person in self.seen:
            if pos < head.idx and is_person == person and (actor.country, actor.sector) not in skip and actor.country not in {a.country for a in exclude}:
                if best is None or pos >= best[0]:
                    best = (pos, actor)
        if best is not None:
            return best[1]
        if exclude:
            return None
        return self.last_person if person else self.last_thing

    def _remember(self, actor: EventActor, head: Token) -> None:
        # the parser sometimes tags a people ("Serbs") as a person: the lexicon knows better
        is_person = (head.ent_type_ == "PERSON" and not people_of(head.text)[0]) or actor.name in {p.name for p in self.persons.values()}
        if actor.country:
            self.seen.append((actor.start, actor, is_person))
        if is_person:
            self.last_person = actor
        else:
            self.last_thing = actor

    def note_subject(self, toks: list[Token], speaker: EventActor | None = None) -> None:
        """Let pronouns in later sentences point back at a subject seen here."""
        for t in toks:
            self.actors(t, speaker=speaker)
