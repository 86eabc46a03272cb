"""The actor lexicon: countries, bodies, persons with dated roles, sector nouns.

Loaded once from ``data/actors_*.json`` into plain dicts keyed by token tuples,
so that matching a mention is a handful of dict lookups.  Aliases and text are
cut into words by the same regex (:func:`words`), which keeps both sides
consistent without a spaCy tokenizer: ``U.S.`` → ``us``, ``Russia's`` → ``russia``,
hyphens split words (``U.S.-led`` → ``us`` ``led``).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterator

# Words: letters/digits, joined by internal apostrophes or dots (U.S, Côte d'Ivoire).
_WORD = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*")
# Between the words of one multi-word name: spaces or a hyphen; a dot only after an
# abbreviation (``St. Petersburg``), checked in ``words``.
_PLURAL_POSSESSIVE_GAP = re.compile(r"['’][ \t\u00a0]+")
_GAP = re.compile(r"[ \t\u00a0]+|[ \t\u00a0]*[-‐–][ \t\u00a0]*|\.[ \t\u00a0]+")

# Capitalized words that may directly follow a place name without making it part
# of a longer name (``attacked Ukraine Sunday``) -- unlike ``Moscow Times``.
_FREE_FOLLOWERS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december i he she it we they the this that
    but and or on in at by for to""".split()
)

# Abbreviations whose dot does not end a name: ``St. Petersburg``, ``Mr. Kirby``.
_ABBREV = frozenset("st mt ft gen col lt sgt dr mr mrs ms jr sr sen rep gov pres prof capt maj adm cmdr".split())

SECTORS = frozenset(
    "GOV MIL COP REB OPP CVL JRN IGO BUS MED EDU REL LEG JUD SPY PTY HLH CRM LAB AGR NGO REF ELI UAF ENV".split()
)


@dataclass(frozen=True)
class Word:
    norm: str  # lower case, no dots, possessive 's dropped
    raw: str
    start: int
    end: int
    joined: bool  # may continue a multi-word name begun by the previous word


def _norm(raw: str) -> str:
    w = raw.replace("’", "'").replace(".", "").lower()
    if w.endswith("'s"):
        w = w[:-2]
    elif w.endswith("'"):
        w = w[:-1]
    return w


def words(text: str, offset: int = 0) -> list[Word]:
    """Cut ``text`` into :class:`Word` objects with offsets (plus ``offset``)."""
    out: list[Word] = []
    prev_end = None
    prev_raw = ""
    for m in _WORD.finditer(text):
        start, end = m.span()
        raw = m.group()
        # ``U.S.`` keeps its final dot; ``Ukraine.`` does not.
        if "." in raw and end < len(text) and text[end] == "." and len(raw) <= 6:
            end += 1
            raw = text[start:end]
        joined = False
        if prev_end is not None:
            gap = text[prev_end:start]
            if _GAP.fullmatch(gap) and (not gap.startswith(".") or prev_raw.lower() in _ABBREV):
                joined = True
            elif _PLURAL_POSSESSIVE_GAP.fullmatch(gap) and prev_raw[-1:].lower() == "s":
                joined = True  # "Kurdistan Workers' Party": a plural possessive inside a name
        out.append(Word(_norm(raw), raw, start + offset, end + offset, joined))
        prev_end, prev_raw = end, raw
    return out


def alias_words(alias: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Normalized words of an alias and per-word case requirements
    (0 none, 1 capitalized, 2 all capitals -- short acronyms such as ``US``, ``UN``)."""
    ws = words(alias)
    norms = tuple(w.norm for w in ws)
    case = []
    for w in ws:
        letters = w.raw.replace(".", "")
        if letters.isupper() and len(letters) <= 3:
            case.append(2)
        elif letters[:1].isupper():
            case.append(1)
        else:
            case.append(0)
    return norms, tuple(case)


def case_ok(word: Word, need: int) -> bool:
    if need == 0:
        return True
    letters = word.raw.replace(".", "").replace("’", "'")
    if letters.endswith("'s"):
        letters = letters[:-2]
    if need == 2:
        return letters.isupper()
    return letters[:1].isupper()


@dataclass(frozen=True)
class Role:
    office: str  # head_of_state | head_of_government | foreign_minister | ...
    country: str
    sector: str
    start: dt.date | None
    end: dt.date | None
    title: str = ""
    body: str | None = None  # e.g. "kremlin": whose spokesperson
    approx: bool = False  # dates known only roughly

    def valid(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    country: str
    gender: str | None
    roles: tuple[Role, ...]  # newest first

    def role_on(self, on: dt.date | None) -> Role | None:
        """The role held on ``on`` (the newest if several); None → the newest role."""
        if not self.roles:
            return None
        if on is None:
            current = [r for r in self.roles if r.end is None]
            return current[0] if current else self.roles[0]
        for r in self.roles:
            if r.valid(on):
                return r
        return None

    def latest_role(self, on: dt.date | None) -> Role | None:
        """The role valid on ``on``, else the latest begun before it, else the earliest."""
        r = self.role_on(on)
        if r is not None or not self.roles:
            return r
        before = [x for x in self.roles if x.start is None or x.start <= on]
        return before[0] if before else self.roles[-1]


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    adj: str  # "Russian": names generic actors ("Russian military")


@dataclass(frozen=True)
class Body:
    id: str
    name: str
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class Entry:
    """One meaning of a word sequence.

    kind: country | adj | capital | place | body | person | surname | sector | honorific | block
    """

    kind: str
    ref: str | None = None  # country code, body id, person id (or ids joined by "|" for surnames)
    sector: str | None = None
    weak: bool = False  # sector nouns such as "officials", "spokesman": take an org's sector
    office: str | None = None  # titles: the office a holder can be looked up for
    implied: str | None = None  # country implied by a title ("Secretary of State" → USA)
    gender: str | None = None  # from gendered titles and honorifics
    plural: bool = False


# Spelling variants: only words this long (shorter ones collide: "Niger"/"Nigel").
_VARIANT_MIN = 5
_VARIANT_KINDS = ("country", "adj")

# Order of preference when one word sequence has several meanings.
_KIND_RANK = {"person": 0, "body": 1, "country": 2, "capital": 3, "place": 4, "adj": 5, "surname": 6, "sector": 7, "honorific": 8, "block": 9}
PROPER_KINDS = frozenset({"country", "adj", "capital", "place", "body", "person"})


@dataclass(frozen=True)
class Lexicon:
    phrases: dict[tuple[str, ...], tuple[tuple[Entry, tuple[int, ...]], ...]]
    max_len: int
    prefixes: frozenset[tuple[str, ...]]  # every prefix of every key: the scan stops early
    countries: dict[str, Country]
    bodies: dict[str, Body]
    persons: dict[str, Person]
    codes: dict[str, str]  # non-ISO codes (IGOs, regions) → name
    # one-letter misspellings of single-word country names and demonyms ("Ethopia",
    # "Afganistan", "Quatar"): a name with one letter dropped → the names it comes from
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    variant_words: frozenset[str] = frozenset()
    not_variants: frozenset[str] = frozenset()  # real names one letter away ("Indiana")

    def variant_at(self, ws: list[Word], i: int) -> str | None:
        """The country name or demonym that ``ws[i]`` misspells, if exactly one: a capitalized
        word unknown to the lexicon, with one letter dropped or added inside the word
        ("Ethopia", "Afganistan").  A letter added or dropped at the end makes other names
        ("Hollande", "Brazile", "Burman"); a plural of a name ("the Americas") is no misspelling.
        Context-free, so callers gate it (``DocActors`` asks the parse that it is a place)."""
        w = ws[i]
        norm = w.norm
        if len(norm) < _VARIANT_MIN or not w.raw[:1].isupper() or w.raw.isupper() or not norm.isalpha():
            return None
        if (norm,) in self.prefixes or norm in self.not_variants or (norm.endswith("s") and norm[:-1] in self.variant_words):
            return None
        found = set(self.variants.get(norm, ()))  # a letter dropped
        for k in range(1, len(norm) - 1):  # a letter added
            cand = norm[:k] + norm[k + 1 :]
            if cand in self.variant_words:
                found.add(cand)
        return found.pop() if len(found) == 1 else None

    def match_at(self, ws: list[Word], i: int, *, lower_ok: bool = False) -> tuple[int, tuple[Entry, ...]] | None:
        """Longest word sequence starting at ``ws[i]`` with a lexicon meaning: (length, entries)."""
        best = None
        key: tuple[str, ...] = ()
        for j in range(i, len(ws)):
            if j > i and not ws[j].joined:
                break
            key = (*key, ws[j].norm)
            if key not in self.prefixes:
                break
            got = self.phrases.get(key)
            if not got:
                continue
            ok = tuple(
                e
                for e, case in got
                # lower-case input waives capitals, but never for acronyms: "us" is not the US
                if all(case_ok(ws[i + m], 2 if c == 2 else (0 if lower_ok else c)) for m, c in enumerate(case))
            )
            if ok:
                best = (j + 1 - i, ok)
        return best

    def followed_by_name(self, ws: list[Word], j: int) -> bool:
        """Is ``ws[j]`` (just after a match) a capitalized word continuing a longer name?"""
        if j >= len(ws) or not ws[j].joined or ws[j].start - ws[j - 1].end > 1:
            return False
        w = ws[j]
        if not w.raw[:1].isupper() or w.norm in _FREE_FOLLOWERS:
            return False
        return self.match_at(ws, j) is None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _plural(word: str) -> str:
    if word.endswith("man"):  # spokesman, policeman, chairman
        return word[:-3] + "men"
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _demonym_plurals(adj: str) -> list[str]:
    # "Russian" → "Russians", "Israeli" → "Israelis"; "Chinese"/"British"/"French" have none.
    if adj.endswith(("an", "i", "on", "e", "k", "ot", "er", "ite")) and not adj.endswith("ese"):
        return [adj + "s"]
    if adj.endswith(("chman", "shman")):
        return [adj[:-3] + "men"]
    return []


def _read(name: str) -> dict:
    with resources.files("newsevents").joinpath("data", name).open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Build (once per process) the lexicon from the data files."""
    countries_data = _read("actors_countries.json")
    bodies_data = _read("actors_bodies.json")
    persons_data = _read("actors_persons.json")
    sectors_data = _read("actors_sectors.json")

    phrases: dict[tuple[str, ...], list[tuple[Entry, tuple[int, ...]]]] = {}

    def add(alias: str, entry: Entry, *, case: tuple[int, ...] | None = None) -> None:
        key, need = alias_words(alias)
        if not key:
            return
        bucket = phrases.setdefault(key, [])
        if case is not None:
            need = case
        if all(e != entry for e, _ in bucket):
            bucket.append((entry, need))

    countries: dict[str, Country] = {}
    for c in countries_data["countries"]:
        code = c["code"]
        countries[code] = Country(code, c["name"], (c.get("adj") or [c["name"]])[0])
        for alias in [c["name"], *c.get("aliases", ())]:
            add(alias, Entry("country", code))
        for adj in c.get("adj", ()):
            add(adj, Entry("adj", code))
            for pl in _demonym_plurals(adj):
                add(pl, Entry("adj", code, plural=True))
        for dem in c.get("demonyms", ()):
            add(dem, Entry("adj", code, plural=True))
        for cap in c.get("capitals", ()):
            add(cap, Entry("capital", code, sector="GOV"))
    # ethnic groups: a people like a demonym, of one country or (null) of none
    for p in _read("actors_peoples.json")["peoples"]:
        for adj in p["adj"]:
            add(adj, Entry("adj", p["country"]))
            for pl in _demonym_plurals(adj):
                add(pl, Entry("adj", p["country"], plural=True))
        for dem in p.get("demonyms", ()):
            add(dem, Entry("adj", p["country"], plural=True))
    # cities, towns and regions: the country as a place (no sector), not its government
    for code, names in _read("actors_places.json")["places"].items():
        for name in names:
            add(name, Entry("place", code))

    codes = dict(bodies_data["codes"])
    for r in bodies_data.get("regions", ()):
        for alias in r.get("aliases", ()):
            add(alias, Entry("country", r["code"]))
        for adj in r.get("adj", ()):
            add(adj, Entry("adj", r["code"]))
            for pl in _demonym_plurals(adj):
                add(pl, Entry("adj", r["code"], plural=True))
        for dem in r.get("demonyms", ()):
            add(dem, Entry("adj", r["code"], plural=True))
    bodies: dict[str, Body] = {}
    for b in bodies_data["bodies"]:
        body = Body(b["id"], b["name"], b.get("country"), b.get("sector"))
        bodies[body.id] = body
        for alias in [b["name"], *b.get("aliases", ())]:
            add(alias, Entry("body", body.id, sector=body.sector))

    persons: dict[str, Person] = {}
    surnames: dict[tuple[str, ...], tuple[list[str], tuple[int, ...]]] = {}
    for p in persons_data["persons"]:
        roles = tuple(
            sorted(
                (
                    Role(
                        r["office"],
                        r.get("country", p["country"]),
                        r["sector"],
                        _date(r.get("from")),
                        _date(r.get("to")),
                        r.get("title", ""),
                        r.get("body"),
                        bool(r.get("approx")),
                    )
                    for r in p.get("roles", ())
                ),
                key=lambda r: r.start or dt.date.min,
                reverse=True,
            )
        )
        person = Person(p["id"], p["name"], p["country"], p.get("gender"), roles)
        persons[person.id] = person
        for alias in [p["name"], *p.get("aliases", ())]:
            add(alias, Entry("person", person.id, gender=person.gender))
        names = p["surname"] if "surname" in p else [p["name"].split()[-1]]
        for s in names or ():
            key, need = alias_words(s)
            surnames.setdefault(key, ([], need))[0].append(person.id)
    for key, (ids, need) in surnames.items():
        phrases.setdefault(key, []).append((Entry("surname", "|".join(ids)), need))

    for s in sectors_data["sectors"]:
        entry = Entry(
            "sector",
            None,
            sector=s["sector"],
            weak=bool(s.get("weak")),
            office=s.get("office"),
            implied=s.get("country"),
            gender=s.get("gender"),
        )
        for phrase in s["words"]:
            add(phrase, entry)
            if not s.get("no_plural"):
                head = phrase.split()
                plural = " ".join([*head[:-1], _plural(head[-1])]) if head else phrase
                if plural != phrase:
                    add(plural, Entry(**{**entry.__dict__, "plural": True}))
    for h in sectors_data["honorifics"]:
        for word in h["words"]:
            add(word, Entry("honorific", gender=h.get("gender")))
    for word in sectors_data["block"]:
        add(word, Entry("block"))

    ranked = {
        k: tuple(sorted(v, key=lambda ec: _KIND_RANK[ec[0].kind]))
        for k, v in phrases.items()
    }
    # Spelling variants: single-word names whose every meaning is a country or demonym.
    targets = frozenset(
        k[0] for k, v in ranked.items()
        if len(k) == 1 and len(k[0]) >= _VARIANT_MIN and k[0].isalpha() and all(e.kind in _VARIANT_KINDS for e, _ in v)
    )
    variants: dict[str, set[str]] = {}
    for t in targets:
        for k in range(1, len(t) - 1):  # inside the word only
            variants.setdefault(t[:k] + t[k + 1 :], set()).add(t)
    return Lexicon(
        phrases=ranked,
        max_len=max(len(k) for k in ranked),
        prefixes=frozenset(k[:n] for k in ranked for n in range(1, len(k) + 1)),
        countries=countries,
        bodies=bodies,
        persons=persons,
        codes=codes,
        variants={k: tuple(sorted(v)) for k, v in variants.items()},
        variant_words=targets,
        not_variants=frozenset(w.lower() for w in countries_data.get("not_variants", ())),
    )


def scan(lex: Lexicon, ws: list[Word], *, lower_ok: bool = False) -> Iterator[tuple[int, int, tuple[Entry, ...]]]:
    """Greedy left-to-right longest matches over ``ws``: (first word, end word, entries)."""
    i = 0
    n = len(ws)
    while i < n:
        got = lex.match_at(ws, i, lower_ok=lower_ok)
        if got is None:
            i += 1
            continue
        k, entries = got
        # "Moscow Times", "Washington Post": a place name that is part of a longer name.
        if entries[0].kind in ("country", "capital", "place") and lex.followed_by_name(ws, i + k):
            entries = tuple(e for e in entries if e.kind not in ("country", "capital", "place"))
            if not entries:
                i += 1  # "the West Bank": try the longer name from the next word
                continue
        yield i, i + k, entries
        i += k
