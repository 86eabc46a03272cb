"""Resolving one actor mention: the lexicon's names, places, titles and dated office holders.

:func:`resolve` is the context-free entry point; :class:`newsevents.actors.DocActors` adds
what one document knows (earlier full names, titles seen next to names).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from .actors_lexicon import PROPER_KINDS, Entry, Lexicon, Person, Word, lexicon, scan, words
from .model import Actor

NER_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")

# A place after these words is where or whom, not who: "troops in Ukraine",
# "the ambassador to Russia", "pro-Russian separatists".
_OBLIQUE = frozenset(
    "in into to against toward towards near inside across with pro anti at over on than from between".split()
)
# "of"/"for" keep the place: "Minister of Foreign Affairs of Ukraine", "spokesman for the Kremlin".
# "the deputy foreign minister", "the former president": not the holder of the office.
_NOT_HOLDER = frozenset(
    "deputy vice former ex acting assistant junior shadow late then future incoming outgoing first second".split()
)
_ETHNIC = frozenset({"ethnic"})
_INDEFINITE = frozenset({"a", "an", "one", "another", "some", "two", "three", "several", "former", "ex"})
_SECTOR_LABELS = {
    "GOV": "government", "MIL": "military", "COP": "police", "REB": "rebels", "OPP": "opposition",
    "CVL": "civilians", "JRN": "journalists", "IGO": "", "BUS": "business", "MED": "media",
    "EDU": "education", "REL": "religious", "LEG": "legislature", "JUD": "judiciary", "SPY": "intelligence",
    "PTY": "party", "HLH": "health", "CRM": "criminals", "LAB": "labour", "AGR": "agriculture",
    "NGO": "NGO", "REF": "refugees", "ELI": "elites", "UAF": "armed group", "ENV": "environment",
}
# NER mistakes from run-together quotes ("…side”Said Mr. Kuleba"): not persons.
_NOT_PERSONS = frozenset("said says added asked told noted wrote stated insisted warned explained".split())
_ENTITY_LABEL = {"country": "GPE", "capital": "GPE", "place": "GPE", "adj": "NORP", "body": "ORG", "person": "PERSON"}


@dataclass(frozen=True)
class Resolution:
    """What a mention resolved to: the actor, a canonical name, and the person if any."""

    actor: Actor | None
    name: str | None = None
    person: Person | None = None
    # (country or body, office) of a singular definite title: "the Lithuanian foreign
    # minister" → ("LTU", "foreign_minister"); DocActors maps it to a name in the text.
    title: tuple[str, str] | None = None


@dataclass(frozen=True)
class PersonMention:
    """One mention of a person in the cleaned text.

    ``name`` is the canonical full name (the lexicon's, else the fullest form in
    the document); ``gender`` is "m"/"f" when the lexicon or a cue (``Mr``,
    ``spokeswoman``) tells, else None.
    """

    start: int
    end: int
    text: str
    name: str
    gender: str | None
    actor: Actor | None


# ---------------------------------------------------------------- actors


def _label(lex: Lexicon, code: str) -> tuple[str, str]:
    """(name, adjective) of a country or bloc code."""
    c = lex.countries.get(code)
    if c is not None:
        return c.name, c.adj
    name = lex.codes.get(code, code)
    return name, code


def generic_actor(country: str | None, sector: str | None) -> Actor | None:
    if country is None and sector is None:
        return None
    lex = lexicon()
    label = _SECTOR_LABELS.get(sector or "", sector or "")
    if country is None:
        return Actor(sector or "", label, None, sector)
    name, adj = _label(lex, country)
    if sector is None or (sector == "IGO" and country in lex.codes):
        return Actor(country, name, country, sector)
    return Actor(country + sector, f"{adj} {label}".strip(), country, sector)


def person_actor(person: Person, on: dt.date | None) -> Actor:
    role = person.latest_role(on)
    country = role.country if role else person.country
    return Actor("person:" + person.id, person.name, country, role.sector if role else None)


def _pick_person(lex: Lexicon, ids: list[str], on: dt.date | None) -> Person | None:
    """One of several persons sharing a surname: the one in office on ``on``."""
    people = [lex.persons[i] for i in ids]
    if len(people) == 1:
        return people[0]
    if on is not None:
        current = [p for p in people if p.role_on(on) is not None]
        if len(current) == 1:
            return current[0]
        return None
    # No date: the one whose newest role is newest.
    people.sort(key=lambda p: (p.roles[0].end is None, p.roles[0].start or dt.date.min) if p.roles else (False, dt.date.min), reverse=True)
    return people[0]


def holder(lex: Lexicon, country: str | None, office: str, on: dt.date, *, body: str | None = None) -> Person | None:
    """The person holding ``office`` for ``country`` (or ``body``) on ``on``, if exactly one."""
    found = []
    for p in _holders_index().get(office, ()):
        for r in p.roles:
            if not (r.office == office or (office == "president" and r.title.startswith("President"))):
                continue
            if not r.valid(on):
                continue
            if body is not None and r.body != body:
                continue
            if country is not None and r.country != country:
                continue
            found.append(p)
            break
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=1)
def _holders_index() -> dict[str, tuple[Person, ...]]:
    """Office → persons who ever held it (the lexicon is loaded once, so is this)."""
    idx: dict[str, list[Person]] = {}
    for p in lexicon().persons.values():
        offices = {r.office for r in p.roles}
        # "the French president": presidents are found whatever their office code.
        offices.update("president" for r in p.roles if r.title.startswith("President"))
        for office in offices:
            idx.setdefault(office, []).append(p)
    return {k: tuple(v) for k, v in idx.items()}


_DIRECTION_BODIES = {"WST"}  # bodies named by a compass adjective ("Western")


def _resolve_words(
    ws: list[Word], on: dt.date | None, *, holders: bool = True, lower_ok: bool = False
) -> Resolution:
    """Combine the lexicon meanings found in ``ws`` into one actor.

    The head decides: a person named last is the actor ("Russian President
    Vladimir Putin"); otherwise the country (first place not after "in"/"to"…)
    plus the sector of the last sector noun, where weak nouns ("officials",
    "spokesman") take the sector of a named body ("Pentagon spokesman" → MIL).
    """
    lex = lexicon()
    persons: list[tuple[int, Person]] = []
    places: list[Entry] = []
    sectors: list[tuple[int, Entry]] = []
    place_end = -1
    sector_end = -1
    cue_before = False  # a title or honorific precedes: a bare surname is a person
    indefinite = False
    for i, j, entries in scan(lex, ws, lower_ok=lower_ok):
        e = entries[0]
        prev = ws[i - 1].norm if i > 0 else ""
        if i == 0 or (i == 1 and prev == "the"):
            indefinite = False
        if i > 0 and ws[i - 1].norm in _INDEFINITE:
            indefinite = True
        if e.kind == "person":
            persons.append((i, lex.persons[e.ref]))
        elif e.kind == "surname":
            if cue_before or len(ws) <= 4:
                p = _pick_person(lex, e.ref.split("|"), on)
                if p is not None:
                    persons.append((i, p))
        elif e.kind in PROPER_KINDS:
            if e.kind == "adj" and prev in _ETHNIC:
                # "ethnic Albanians", "ethnic Turks": a people where they live, not the state's nationals
                e = Entry("adj", None, plural=e.plural)
            if places and place_end == i and places[-1].ref in _DIRECTION_BODIES and e.kind == "country":
                places.pop()  # "Western Cambodia", "Western Sahara": a part of the place, not the West
            if e.kind == "country" and places and sector_end == i and ws[i].joined:
                # "NATO member Norway", "EU member state Poland": a country named after a title
                # that describes it is the head, as a person named last is
                places, sectors = [], []
            if prev not in _OBLIQUE:
                places.append(e)
                place_end = j
        elif e.kind == "sector":
            if e.office and prev in _NOT_HOLDER:
                e = Entry("sector", sector=e.sector, weak=e.weak, implied=e.implied, gender=e.gender, plural=e.plural)
            sectors.append((i, e))
            sector_end = j
        cue_before = e.kind in ("honorific", "sector")
    if ws and ws[0].norm in _INDEFINITE:
        indefinite = True

    if persons:
        pi, person = persons[-1]
        later = [e for si, e in sectors if si > pi and not e.weak]
        if not later:
            return Resolution(person_actor(person, on), person.name, person)
        actor = person_actor(person, on)
        return Resolution(generic_actor(actor.country, later[-1].sector))

    # the first place that has a country: "Kurdish fighters" has none, "Iraqi Kurds" has one
    place = next((p for p in places if p.ref), places[0] if places else None)
    strong = [e for _, e in sectors if not e.weak]
    head = strong[-1] if strong else (sectors[-1][1] if sectors else None)
    country = None
    body = None
    if place is not None:
        if place.kind == "body":
            body = lex.bodies[place.ref]
            country = body.country
        else:
            country = place.ref
    if country is None and head is not None:
        country = next((e.implied for _, e in sectors if e.implied), None)

    if head is None:
        sector = place.sector if place else None
        # "the Palestinians", "Algerians": a people (its civilians), not its state.
        last = places[-1] if places else None
        if last is not None and last.kind == "adj" and last.plural and place_end == len(ws) and sector is None:
            sector = "CVL"
    elif head.weak:
        sector = (place.sector if place and place.sector else None) or head.sector
    elif head.sector == "MIL" and ((body is not None and body.sector == "REB") or any(e.sector == "REB" for _, e in sectors)):
        # "Boko Haram suicide bombers", "PKK forces", "rebel forces": an armed group's fighters
        sector = "REB"
    else:
        sector = head.sector

    # "the Ukrainian foreign minister" on 2022-01-28 is Dmytro Kuleba.
    title = next((e for _, e in reversed(sectors) if e.office), None)
    if holders and on is not None and title is not None and not title.plural and not indefinite:
        if country is not None or body is not None:
            p = holder(lex, country, title.office, on, body=body.id if body else None)
            if p is None and body is not None:
                p = holder(lex, country, title.office, on)
            if p is not None:
                return Resolution(person_actor(p, on), p.name, p)

    if body is not None and (head is None or (head.weak and sector == body.sector)) and len(sectors) == 0:
        return Resolution(Actor("org:" + body.id, body.name, body.country, body.sector), body.name)
    key = None
    if title is not None and not title.plural and not indefinite and (country or body):
        key = (body.id if body else country, title.office)
    return Resolution(generic_actor(country, sector), title=key)


@lru_cache(maxsize=4096)
def people_of(text: str, *, plural: bool = True) -> tuple[bool, str | None]:
    """(is ``text`` a plural people noun, its country): "Russians" → (True, "RUS"),
    "Kurds" → (True, None), "troops" → (False, None); ``plural=False`` also takes the
    adjective ("Kurdish", "Druze")."""
    ws = words(text)
    got = lexicon().match_at(ws, 0) if len(ws) == 1 else None
    if got is None or got[0] != 1:
        return False, None
    e = next((e for e in got[1] if e.kind == "adj" and (e.plural or not plural)), None)
    return (True, e.ref) if e is not None else (False, None)


@lru_cache(maxsize=4096)
def stateless_people(text: str) -> bool:
    """Does ``text`` name a people of no one state ("ethnic Albanians", "Kurdish fighters")
    and no country besides ("Iraqi Kurds" has one)?"""
    ws = words(text)
    found = False
    for i, _j, entries in scan(lexicon(), ws):
        e = entries[0]
        if e.kind == "adj" and (e.ref is None or (i > 0 and ws[i - 1].norm in _ETHNIC)):
            found = True
        elif e.kind in PROPER_KINDS and not (i > 0 and ws[i - 1].norm in _OBLIQUE):
            return False
    return found


@lru_cache(maxsize=65536)
def _resolve_cached(text: str, on: dt.date | None, holders: bool) -> Resolution:
    return _resolve_words(words(text), on, holders=holders, lower_ok=text.islower())


def resolve(text: str, *, on: dt.date | None = None, holders: bool = True) -> Actor | None:
    """Resolve a free-text actor mention ("Moscow", "Russian troops", "Joe Biden",
    "the Ukrainian foreign minister") to an Actor, using roles valid on ``on``.

    With ``holders`` (default) a singular definite title with a country resolves to
    the person holding that office on ``on`` ("the Ukrainian foreign minister" →
    Dmytro Kuleba in 2022); ``on=None`` uses any role, preferring the newest.
    """
    return _resolve_cached(text, on, holders).actor


def resolve_name(text: str, *, on: dt.date | None = None) -> tuple[str | None, Actor | None]:
    """(canonical name or None, actor) for a free-text mention."""
    r = _resolve_cached(text, on, True)
    return r.name, r.actor
