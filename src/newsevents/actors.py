"""Actors: names, metonyms and office holders → country + sector.

``resolve`` maps a free-text mention to an :class:`~newsevents.model.Actor`;
``DocActors`` does the same inside one document, where ``Mr Kuleba`` means the
``Dmytro Kuleba`` named earlier and an unknown ``Pentagon spokesman John Kirby``
takes his country and sector from his title.  The lexicon lives in
``data/actors_*.json`` (see :mod:`newsevents.actors_lexicon`).

Actor ids: ``person:<slug>`` and ``org:<slug>`` for named persons and bodies;
for generic actors the CAMEO-style concatenation of country and sector
(``RUS``, ``RUSMIL``, ``NATOIGO``, ``CVL``).
"""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from .actors_lexicon import PROPER_KINDS, Entry, Lexicon, Person, Word, lexicon, scan, words
from .model import Actor, Entity
from .pipeline import Context, component

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
            if places and place_end == i and places[-1].ref in _DIRECTION_BODIES and e.kind == "country":
                places.pop()  # "Western Cambodia", "Western Sahara": a part of the place, not the West
            if prev not in _OBLIQUE:
                places.append(e)
                place_end = j
        elif e.kind == "sector":
            if e.office and prev in _NOT_HOLDER:
                e = Entry("sector", sector=e.sector, weak=e.weak, implied=e.implied, gender=e.gender, plural=e.plural)
            sectors.append((i, e))
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

    place = places[0] if places else None
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


# ---------------------------------------------------------------- documents


@dataclass
class _Cluster:
    name: str
    actor: Actor | None
    gender: str | None
    person: Person | None


class DocActors:
    """Per-document actor resolution: surnames/titles resolve to full names seen earlier.

    ``for_span(start, end)`` → (canonical name, actor) for a mention of the cleaned
    text; ``resolve_text(text)`` the same for free text read in this document;
    ``person_mentions()`` lists every person mention with its canonical name and
    gender (for pronoun resolution); ``lexicon_entities()`` the names the lexicon
    finds in the text.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.on = ctx.published
        self.lex = lexicon()
        self.words = words(self.text)
        self._starts = [w.start for w in self.words]
        self._hits = list(scan(self.lex, self.words))
        self._hit_at = {i: (i, j, entries) for i, j, entries in self._hits}
        self._clusters: dict[str, _Cluster] = {}
        self._surnames: dict[str, list[tuple[int, str]]] = {}  # surname → [(start, canonical)]
        self._mentions: list[PersonMention] = []
        self._cache: dict[tuple[int, int], tuple[str, Actor | None]] = {}
        self._titles: dict[tuple[str, str], str] = {}  # title key → canonical name
        self._build_persons()

    # ------------------------------------------------ person mentions

    def _word_range(self, start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_left(self._starts, start)
        j = bisect.bisect_left(self._starts, end)
        return i, j

    def _person_spans(self) -> list[tuple[int, int]]:
        """Word ranges of person mentions: lexicon names, NER persons, cued surnames."""
        spans: list[tuple[int, int]] = []
        taken: set[int] = set()
        for i, j, entries in self._hits:
            if entries[0].kind == "person":
                spans.append((i, j))
                taken.update(range(i, j))
        doc = self.ctx.doc
        for ent in getattr(doc, "ents", ()):
            if ent.label_ != "PERSON":
                continue
            i, j = self._word_range(ent.start_char, ent.end_char)
            if i >= j or any(k in taken for k in range(i, j)):
                continue
            if j - i == 1 and self.words[i].norm in _NOT_PERSONS:
                continue
            # NER persons that are really places or bodies ("Kiev").
            hit = self._hit_at.get(i)
            if hit and hit[1] == j and hit[2][0].kind in ("country", "capital", "place", "body", "adj"):
                continue
            spans.append((i, j))
            taken.update(range(i, j))
        # "Mr Peskov", "Secretary Blinken": a lexicon surname after a cue, missed by NER.
        for i, j, entries in self._hits:
            if entries[0].kind == "surname" and i > 0 and not any(k in taken for k in range(i, j)):
                prev = self._hit_at_end(i)
                if prev is not None and prev[2][0].kind in ("honorific", "sector") and self.words[i].joined:
                    spans.append((i, j))
                    taken.update(range(i, j))
        spans.sort()
        return spans

    def _hit_at_end(self, i: int):
        """The lexicon hit ending just before word ``i``."""
        for k in range(i - 1, max(-1, i - 1 - self.lex.max_len), -1):
            hit = self._hit_at.get(k)
            if hit is not None:
                return hit if hit[1] == i else None
        return None

    def _name_words(self, i: int, j: int) -> tuple[int, int, str | None, Person | None]:
        """Trim titles/honorifics off a person span; return (i, j, gender cue, lexicon person)."""
        gender = None
        person = None
        k = i
        while k < j:
            hit = self._hit_at.get(k)
            if hit is None:
                break
            kind = hit[2][0].kind
            if kind == "person":
                person = self.lex.persons[hit[2][0].ref]
                break
            if kind in ("honorific", "sector", "adj", "country", "body", "block") and hit[1] < j:
                gender = gender or next((e.gender for e in hit[2] if e.gender), None)
                k = hit[1]
                continue
            break
        if person is None:
            for kk in range(k, j):
                hit = self._hit_at.get(kk)
                if hit and hit[2][0].kind == "person" and hit[1] <= j:
                    person = self.lex.persons[hit[2][0].ref]
                    k = kk
                    break
        return k, j, gender, person

    def _cue_gender(self, i: int) -> str | None:
        """Gender cue right before word ``i`` ("Mr", "spokeswoman")."""
        hit = self._hit_at_end(i)
        if hit is None:
            return None
        return next((e.gender for e in hit[2] if e.gender), None)

    def _context_actor(self, i: int, j: int) -> Actor | None:
        """Actor of an unknown person from the title around the name:
        "Pentagon spokesman John Kirby", "Dmitry Kozak, the Kremlin envoy"."""
        r = self._context(i, j)
        return r.actor if r is not None else None

    def _context(self, i: int, j: int) -> Resolution | None:
        ws = self.words
        # Modifier chain directly before the name.
        k = i
        while k > 0 and i - k < 8 and ws[k].joined and ws[k - 1].end + 2 >= ws[k].start:
            w = ws[k - 1]
            if not (w.raw[:1].isupper() or self._in_lexicon(k - 1) or w.norm in ("of", "the", "for", "and")):
                break
            k -= 1
        prev = self._hit_at_end(i)
        if prev is not None and any(e.plural for e in prev[2]):
            k = i  # "voters Hillary Clinton" is no title
        if k < i:
            r = _resolve_words(ws[k:i], self.on, holders=False)
            if r.actor is not None and (r.actor.country or r.actor.sector):
                return r
        # Apposition after: ", the Kremlin envoy".
        if j < len(ws) and self.text[ws[j - 1].end : ws[j].start].strip() == ",":
            m = j
            while m < len(ws) and m - j < 8 and (m == j or ws[m].joined):
                m += 1
            if m > j and (ws[j].norm in ("the", "a", "an") or self._in_lexicon(j)):
                r = _resolve_words(ws[j:m], self.on, holders=False)
                if r.actor is not None and (r.actor.country or r.actor.sector) and r.person is None:
                    return r
        # Apposition before: "the Kremlin envoy, Dmitry Kozak".
        if i > 0 and self.text[ws[i - 1].end : ws[i].start].strip() == ",":
            k = i - 1
            while k > 0 and i - 1 - k < 8 and ws[k].joined:
                k -= 1
            r = _resolve_words(ws[k:i], self.on, holders=False)
            if r.actor is not None and r.actor.sector and r.person is None and ws[k].norm in ("the", "a", "an"):
                return r
        return None

    def _in_lexicon(self, k: int) -> bool:
        return self._hit_at.get(k) is not None or self._hit_at_end(k + 1) is not None

    def _build_persons(self) -> None:
        ws = self.words
        raw: list[tuple[int, int, int, int, str | None, Person | None]] = []
        for i, j in self._person_spans():
            ni, nj, gender, person = self._name_words(i, j)
            if ni >= nj:
                continue
            raw.append((i, j, ni, nj, gender or self._cue_gender(ni), person))
        # First full names, so that "Mr Kuleba" finds "Dmytro Kuleba" wherever it is.
        resolved: dict[int, str] = {}
        for idx, (i, j, ni, nj, gender, person) in enumerate(raw):
            if person is None and nj - ni < 2:
                continue
            if person is not None:
                name = person.name
                cl = self._clusters.get(name) or _Cluster(name, person_actor(person, self.on), person.gender, person)
            else:
                name = self.text[ws[ni].start : ws[nj - 1].end]
                if name.endswith(("'s", "’s")):
                    name = name[:-2]
                cl = self._clusters.get(name) or _Cluster(name, None, None, None)
                if cl.actor is None:
                    cl.actor = self._context_actor(ni, nj)
            cl.gender = cl.gender or gender
            self._clusters[name] = cl
            self._surnames.setdefault(ws[nj - 1].norm, []).append((ws[ni].start, name))
            resolved[idx] = name
        for lst in self._surnames.values():
            lst.sort()
        for idx, (i, j, ni, nj, gender, person) in enumerate(raw):
            name = resolved.get(idx)
            if name is None:
                name = self._surname_name(ws[nj - 1].norm, ws[ni].start)
                if name is None:
                    hit = self._hit_at.get(ni)
                    cand = None
                    if hit and hit[2][0].kind == "surname":
                        cand = _pick_person(self.lex, hit[2][0].ref.split("|"), self.on)
                    if cand is not None:
                        name = cand.name
                        self._clusters.setdefault(name, _Cluster(name, person_actor(cand, self.on), cand.gender, cand))
                    else:
                        name = self.text[ws[ni].start : ws[nj - 1].end]
                        if name.endswith(("'s", "’s")):
                            name = name[:-2]
                        self._clusters.setdefault(name, _Cluster(name, self._context_actor(ni, nj), None, None))
                    self._surnames.setdefault(ws[nj - 1].norm, []).append((ws[ni].start, name))
                cl = self._clusters[name]
                cl.gender = cl.gender or gender
                if cl.actor is None:
                    cl.actor = self._context_actor(ni, nj)
            start, end = ws[i].start, ws[j - 1].end
            if self.text[start:end].endswith(("'s", "’s")):
                end -= 2
            self._mentions.append(PersonMention(start, end, self.text[start:end], name, None, None))
        # "Lithuanian Foreign Minister Gabrielius Landsbergis": later "the Lithuanian
        # foreign minister" is him, whatever the lexicon knows.
        for i, j, ni, nj, gender, person in raw:
            r = self._context(ni, nj)
            if r is not None and r.title is not None:
                start = ws[ni].start
                name = next((m.name for m in self._mentions if m.start <= start < m.end), None)
                if name is not None:
                    self._titles.setdefault(r.title, name)
        # Clusters are final now: fill in gender and actor.
        self._mentions = [
            PersonMention(m.start, m.end, m.text, m.name, self._clusters[m.name].gender, self._clusters[m.name].actor)
            for m in self._mentions
        ]

    def _surname_name(self, norm: str, before: int) -> str | None:
        seen = self._surnames.get(norm)
        if not seen:
            return None
        earlier = [name for start, name in seen if start <= before]
        return earlier[-1] if earlier else seen[0][1]

    # ------------------------------------------------ public

    def person_mentions(self) -> tuple[PersonMention, ...]:
        """Every person mention, in text order (name, offsets, gender, actor)."""
        return tuple(self._mentions)

    def lexicon_entities(self) -> list[Entity]:
        """Countries, capitals, nationalities, bodies and persons the lexicon finds in the text."""
        out = []
        for i, j, entries in self._hits:
            e = entries[0]
            if e.kind in _ENTITY_LABEL:
                start, end = self.words[i].start, self.words[j - 1].end
                if self.text[start:end].endswith(("'s", "’s")):
                    end -= 2
                out.append(Entity(start, end, self.text[start:end], _ENTITY_LABEL[e.kind], self.for_span(start, end)[1]))
        return out

    def for_span(self, start: int, end: int) -> tuple[str, Actor | None]:
        """Canonical name and actor for the mention at ``[start, end)`` of the cleaned text
        (``Mr Kuleba`` → ``Dmytro Kuleba``; ``the Kremlin`` → RUS GOV)."""
        key = (start, end)
        got = self._cache.get(key)
        if got is None:
            got = self._for_span(start, end)
            self._cache[key] = got
        return got

    def _for_span(self, start: int, end: int) -> tuple[str, Actor | None]:
        text = self.text[start:end]
        stripped = text.rstrip(" \t\n.,;:'’s\"”“") if text.endswith(("'s", "’s")) else text.rstrip(" \t\n.,;:\"”“")
        stop = start + len(stripped)
        # A person mention that ends the span is its head ("Russian President Vladimir Putin").
        for m in self._mentions:
            if m.start >= start and m.end <= end and m.end >= stop - 2 and m.end > start:
                return m.name, self._clusters[m.name].actor
            if m.start <= start and m.end >= stop and stop > start:
                return m.name, self._clusters[m.name].actor
        name, actor = self._resolve_ws(words(text, start), text)
        if actor is not None and actor.country is None:
            # "the Minister of Foreign Affairs" + " of Ukraine"
            k = bisect.bisect_left(self._starts, end)
            if k + 1 < len(self.words) and self.words[k].norm == "of" and self.text[end : self.words[k].start].isspace():
                hit = self._hit_at.get(k + 1)
                if hit is not None and hit[2][0].kind in PROPER_KINDS and hit[2][0].kind != "person":
                    stop = self.words[hit[1] - 1].end
                    return self._resolve_ws(words(self.text[start:stop], start), self.text[start:stop])
        if actor is None and self.text[max(0, start - 4) : start].lower() == "the ":
            # NER leaves the article out of "the West"
            name, actor = self._resolve_ws(words(self.text[start - 4 : end], start - 4), self.text[start - 4 : end])
        return name, actor

    def resolve_text(self, text: str) -> tuple[str, Actor | None]:
        """Canonical name and actor for free text read in this document."""
        return self._resolve_ws(words(text), text)

    def _resolve_ws(self, ws: list[Word], text: str) -> tuple[str, Actor | None]:
        # A surname known from this document ("Kirby" after "John Kirby").
        if ws and len(ws) <= 4:
            last = ws[-1]
            if last.raw[:1].isupper() and last.norm in self._surnames:
                hit = self.lex.match_at(ws, len(ws) - 1)
                if hit is None or hit[1][0].kind in ("surname", "person"):
                    name = self._surname_name(last.norm, last.start)
                    if name is not None:
                        return name, self._clusters[name].actor
        r = _resolve_cached(text, self.on, False)
        if r.title is not None and r.title in self._titles:
            name = self._titles[r.title]
            return name, self._clusters[name].actor
        if r.title is not None:
            r = _resolve_cached(text, self.on, True)
        if r.name:
            return r.name, r.actor
        return _strip_determiner(text), r.actor


def _strip_determiner(text: str) -> str:
    t = text.strip()
    low = t.lower()
    for det in ("the ", "a ", "an "):
        if low.startswith(det):
            return t[len(det) :].strip()
    return t


# ---------------------------------------------------------------- component


@component("entities", version=5, requires=("doc",), assigns=("entities", "actors"))
def entities_component(ctx: Context) -> None:
    ctx.actors = actors = DocActors(ctx)
    out: list[Entity] = []
    lex_spans = {(e.start, e.end): e for e in actors.lexicon_entities()}
    for e in ctx.doc.ents:
        if e.label_ not in NER_LABELS:
            continue
        label = e.label_
        exact = lex_spans.get((e.start_char, e.end_char))
        if label == "PERSON":
            if e.text.strip().lower() in _NOT_PERSONS:
                continue
            if exact is not None and exact.label != "PERSON":  # "Kiev" tagged as a person
                label = exact.label
        out.append(Entity(e.start_char, e.end_char, e.text, label, actors.for_span(e.start_char, e.end_char)[1]))
    # Names the small NER model misses ("Kremlin spokesman", "Pentagon"), where they overlap nothing.
    covered = sorted((x.start, x.end) for x in out)
    starts = [s for s, _ in covered]
    for ent in lex_spans.values():
        k = bisect.bisect_right(starts, ent.start)
        overlaps = (k > 0 and covered[k - 1][1] > ent.start) or (k < len(covered) and covered[k][0] < ent.end)
        if not overlaps:
            out.append(ent)
    out.sort(key=lambda x: (x.start, x.end))
    ctx.entities = out
