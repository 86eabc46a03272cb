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
from dataclasses import dataclass

from .actors_lexicon import PROPER_KINDS, Person, Word, lexicon, scan, words
from .actors_resolve import (  # noqa: F401  (resolve, resolve_name, generic_actor, holder: public here)
    NER_LABELS,
    PersonMention,
    Resolution,
    _ENTITY_LABEL,
    _NOT_PERSONS,
    _pick_person,
    _resolve_cached,
    _resolve_words,
    person_actor,
    resolve,
    resolve_name,
    generic_actor,
    holder,
)
from .model import Actor, Entity
from .pipeline import Context, component


# ---------------------------------------------------------------- documents

_PLACE_ENTS = frozenset({"GPE", "NORP", "LOC"})


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
        self._respelled: dict[int, str] = {}  # word start → the country name or demonym it misspells
        self._find_respellings()
        self._hit_at = {i: (i, j, entries) for i, j, entries in self._hits}
        self._clusters: dict[str, _Cluster] = {}
        self._surnames: dict[str, list[tuple[int, str]]] = {}  # surname → [(start, canonical)]
        self._mentions: list[PersonMention] = []
        self._cache: dict[tuple[int, int], tuple[str, Actor | None]] = {}
        self._titles: dict[tuple[str, str], str] = {}  # title key → canonical name
        self._build_persons()

    # ------------------------------------------------ misspelled places

    def _find_respellings(self) -> None:
        """"Ethopia", "Afganistan": a misspelled country name or demonym counts as the name
        where the parse reads the word as a place or nationality (a GPE/NORP/LOC entity, or a
        proper noun outside any entity, or a possessive before a title: "Afganistan's president")
        -- never as a person or organisation ("Cyrus Vance")."""
        doc = getattr(self.ctx, "doc", None)
        if doc is None or not len(doc):
            return
        covered = {k for i, j, _ in self._hits for k in range(i, j)}
        sector_at = {i for i, _j, entries in self._hits if entries[0].kind == "sector"}
        tok_starts = [t.idx for t in doc]
        added = []
        for i, w in enumerate(self.words):
            if i in covered or not w.raw[:1].isupper():
                continue
            target = self.lex.variant_at(self.words, i)
            if target is None:
                continue
            tok = doc[max(0, bisect.bisect_right(tok_starts, w.start) - 1)]
            # "Quatar's emir": a possessive before a title reads as a state whatever NER says
            owner = w.raw.endswith(("'s", "’s")) and i + 1 in sector_at
            if owner or tok.ent_type_ in _PLACE_ENTS or (not tok.ent_type_ and tok.pos_ == "PROPN"):
                self._respelled[w.start] = target
                added.append((i, i + 1, tuple(e for e, _ in self.lex.phrases[(target,)])))
        if added:
            self._hits = sorted(self._hits + added, key=lambda h: h[0])

    def _respell(self, start: int, text: str) -> str:
        """``text`` (at ``start`` in the document) with misspelled names written correctly."""
        out, pos = [], 0
        for w in words(text, start):
            target = self._respelled.get(w.start)
            if target is not None:
                suffix = w.raw[len(w.raw.rstrip("'’s")) :] if w.raw.endswith(("'s", "’s")) else ""
                out.append(text[pos : w.start - start] + target.capitalize() + suffix)
                pos = w.end - start
        return "".join(out) + text[pos:]

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
            # the title's own noun phrase: stop at its determiner ("The Peruvian president phoned
            # his Chilean counterpart, Gabriel Boric" titles Boric with "his Chilean counterpart" only)
            while k > 0 and i - 1 - k < 8 and ws[k].joined and ws[k].norm not in _NP_DETERMINERS:
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
        if self._respelled and any(start <= k < end for k in self._respelled):
            fixed = self._respell(start, text)
            name, actor = self._resolve_ws(words(fixed, start), fixed)
        else:
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


_NP_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "my", "your"})


def _strip_determiner(text: str) -> str:
    t = text.strip()
    low = t.lower()
    for det in ("the ", "a ", "an "):
        if low.startswith(det):
            return t[len(det) :].strip()
    return t


# ---------------------------------------------------------------- component


@component("entities", version=6, requires=("doc",), assigns=("entities", "actors"))
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
