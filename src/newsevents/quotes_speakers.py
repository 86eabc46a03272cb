"""Speakers of quotes: the phrase at the cue, its name, role and actor, and pronouns.

A pronoun speaker (``he said``) goes to the nearest earlier sentence, outside
quotation marks, holding a person of compatible gender; within that sentence an
earlier speaker wins, then a grammatical subject, then the first person named.
Gender comes from the actor resolver when it knows it, else from words next to
the name (``Mr``, ``spokeswoman``) or an earlier ``he``/``she`` for the same person.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .model import Actor, Speaker
from .quotes_cues import plausible_source
from .quotes_syntax import _copula_subject
from .quotes_surface import SurfaceSpeakers, _who_antecedent

if TYPE_CHECKING:
    from .quotes_cues import Cue

PERSON = "PERSON"
NAMED = ("ORG", "GPE", "NORP", "FAC", "LOC")
# Only this many sentences back may hold a pronoun's antecedent.
PRONOUN_SENTENCES = 6
CONF_NAMED = 0.95
CONF_NOMINAL = 0.85
CONF_PRONOUN = 0.8
CONF_PRONOUN_GENDER = 0.85
CONF_UNRESOLVED = 0.3
# How many earlier mentions a definite description ("the spokesman") may look back, and
# how many characters around a mention may hold its role word.
DEFINITE_LOOKBACK = 12
DEFINITE_CONTEXT = 40
STOP_RIGHT = frozenset({",", "(", "who", "which", "that", "whose", "—", "–", ";", ":"})
STOP_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "cc", "conj", "punct"})


@dataclass(frozen=True)
class Lexicon:
    speech: frozenset[str]
    report: frozenset[str]
    prep_cues: tuple[tuple[str, ...], ...]
    prep_first: frozenset[str]
    pronouns: dict[str, str]
    male: frozenset[str]
    female: frozenset[str]
    roles: tuple[tuple[str, ...], ...]  # longest first
    role_words: frozenset[str]
    first_m: frozenset[str]
    first_f: frozenset[str]
    dashes: frozenset[str]
    stance: frozenset[str] = frozenset()
    speech_object: frozenset[str] = frozenset()
    phrasal: dict[str, tuple[str, ...]] | None = None
    headline_labels: frozenset[str] = frozenset()
    nominal: frozenset[str] = frozenset()
    raising: frozenset[str] = frozenset()
    known: frozenset[str] = frozenset()  # every verb lemma above
    direct_only: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def cues() -> Lexicon:
    """The cue lexicon (``data/cues.json``), loaded once."""
    raw = json.loads(resources.files("newsevents").joinpath("data/cues.json").read_text("utf-8"))
    preps = tuple(tuple(p) for p in raw["prepositional"])
    roles = sorted((tuple(r.split()) for r in raw["roles"]), key=len, reverse=True)
    return Lexicon(
        speech=frozenset(raw["speech"]),
        report=frozenset(raw["report"]),
        prep_cues=preps,
        prep_first=frozenset(p[0] for p in preps),
        pronouns=dict(raw["pronouns"]),
        male=frozenset(raw["male"]),
        female=frozenset(raw["female"]),
        roles=tuple(roles),
        role_words=frozenset(w for r in roles for w in r),
        first_m=frozenset(raw["first_names"]["m"]),
        first_f=frozenset(raw["first_names"]["f"]),
        dashes=frozenset(raw["dash_cues"]),
        stance=frozenset(raw["stance"]),
        speech_object=frozenset(raw["speech_object"]),
        phrasal={k: tuple(v) for k, v in raw["phrasal"].items()},
        headline_labels=frozenset(raw["headline_labels"]),
        nominal=frozenset(raw["nominal"]),
        raising=frozenset(raw.get("raising", ())),
        known=frozenset(raw["speech"]) | frozenset(raw["report"]) | frozenset(raw["stance"])
        | frozenset(raw["speech_object"]) | frozenset(raw["phrasal"]) | frozenset(raw.get("direct_only", ())),
        direct_only=frozenset(raw.get("direct_only", ())),
    )


@dataclass(frozen=True)
class _Candidate:
    """A person (or body) mentioned outside quotation marks: a possible antecedent."""

    start: int  # characters
    end: int
    sent: int  # token index of its sentence's start
    name: str
    actor: Actor | None
    gender: str | None
    subject: bool
    speaker: bool
    person: bool
    main: bool = False  # subject of its sentence's main clause: the most salient antecedent


def _main_subject(tok: Token) -> bool:
    """The subject of the sentence's main verb (or of a verb coordinated with it): centring
    makes it the likeliest antecedent of a later "he"/"she", ahead of a speaker named in a
    relative clause or an object ("X attacked Y and Z, who say ... He added")."""
    head = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass") and (head.dep_ == "ROOT" or head.dep_ == "conj" and head.head.dep_ == "ROOT")


class SpeakerFinder(SurfaceSpeakers):
    """Builds :class:`Speaker` objects for cues, in document order."""

    def __init__(self, doc: Doc, text: str, sents: list[tuple[int, int]], in_quote: bytearray, actors=None) -> None:
        self.doc = doc
        self.text = text
        self.sents = sents
        self.in_quote = in_quote
        self.actors = actors
        self.lex = cues()
        self.gender_of: dict[str, str] = {}
        self.full_names: dict[str, str] = {}  # surname → full name seen so far
        self.candidates: list[_Candidate] = []
        self.ent_at: dict[int, object] = {}
        self.ents = list(doc.ents)
        for ent in self.ents:
            for i in range(ent.start, ent.end):
                self.ent_at[i] = ent
        # People and organizations mentioned outside quotation marks: possible antecedents.
        self._persons = [e for e in self.ents if e.label_ in (PERSON, "ORG") and not in_quote[e.start]]
        self._next_person = 0
        # The actor resolver's person mentions: canonical names and genders for the document.
        self._mention_gender: dict[tuple[int, int], str] = {}
        mentions = getattr(actors, "person_mentions", None)
        if mentions is not None:
            try:
                for m in mentions():
                    if m.gender:
                        self._mention_gender[(m.start, m.end)] = m.gender
                        self.gender_of.setdefault(m.name, m.gender)
            except Exception:  # resolver trouble must not cost the quotes
                pass

    # --- public ---------------------------------------------------------------------------

    def speaker(self, cue: "Cue") -> Speaker | None:
        if cue.speaker_span is not None:  # "said Mr. Kuleba", "— Jane Doe"
            a, b = cue.speaker_span
            self._catch_up(self.doc[a].idx)
            head = next((t for t in reversed(self.doc[a:b]) if t.pos_ in ("PROPN", "NOUN")), self.doc[b - 1])
            return self._named(head, a, b, speaker=True)
        subj = cue.speaker_token
        verb = self.doc[cue.start]
        if subj is not None and not cue.prep and (self.in_quote[subj] and not self.in_quote[verb.i] or subj > verb.i):
            # '“We will act,” Chief Ann Cole said' with the quoted "We" as subject, or
            # 'Flynn, an adviser, said on Fox' with "Fox" as subject: the name before the
            # verb speaks when the surface shows one.
            left = self._left_of_apposition(verb, right_subject_ok=True)
            if left is None and self.in_quote[subj]:
                left = self._between_quote_and(verb)
            if left is not None:
                subj = left
        if subj is None and not cue.prep:
            self._catch_up(verb.idx)  # surnames seen so far name "said Skelly"
            subj = self._left_of_apposition(verb)
            if subj is None:
                subj = self._name_before(verb)
            if subj is None:
                subj = self._quantity_subject(verb)
            if subj is None:
                subj = self._contracted_perfect(verb)
            if subj is None:
                span = self._name_after(verb)
                if span is not None:
                    a, b, head = span
                    self._catch_up(self.doc[a].idx)
                    return self._named(self.doc[head], a, b, speaker=True)
        if subj is None:
            return None
        tok = self.doc[subj]
        dateline = self._dateline_end(tok)
        if dateline is not None:  # "WASHINGTON (AP) — Sen. Jane Roe said": the place is no speaker
            tok = self._after_dateline(dateline, self.doc[cue.start])
            if tok is None:
                return None
        self._catch_up(tok.idx)
        kind = self.lex.pronouns.get(tok.lower_)
        if kind is not None:
            return self._pronoun(tok, kind)
        if not plausible_source(tok) and not _who_antecedent(verb, tok):
            return None  # "said Thursday", a verb parsed as the subject; not "those who said"
        if tok.dep_ == "appos" and tok.pos_ == "NOUN" and tok.head.i < tok.i and tok.head.ent_type_ == PERSON:
            tok = tok.head  # "Tom Baker, a farmer, who said": the farmer is Tom Baker
        a, b = self._phrase(tok)
        clause = verb
        while clause.dep_ == "conj" and clause.head.i < clause.i:
            clause = clause.head  # "a man who speaks and tweets"
        holder = _copula_subject(tok) if _who_antecedent(clause, tok) else None
        if holder is not None:
            # "Kaine is a former lawyer who said": the mention is the predicate noun, the
            # person it describes is the copula's subject.
            named = self._named(holder, *self._phrase(holder), speaker=True)
            sp = self._named(tok, a, b, speaker=True)
            return replace(sp, name=named.name, actor=named.actor)
        return self._named(tok, a, b, speaker=True, mention_end=self._relative_end(self.doc[cue.start], b))

    def recent_subject(self, since: int, before: int) -> Speaker | None:
        """The last person or named body in subject position between two offsets (the
        paragraph before an uncued quotation), as a low-confidence speaker."""
        self._catch_up(before)
        best = None
        for c in reversed(self.candidates):
            if c.start >= before:
                continue
            if c.start < since:
                break
            if (c.subject or c.speaker) and c.person:
                best = c
                break
        if best is None:
            return None
        return Speaker(self.text[best.start : best.end], best.start, best.end, best.name, best.actor, None, CONF_UNRESOLVED)

    # --- phrases and names ----------------------------------------------------------------

    def _phrase(self, tok: Token) -> tuple[int, int]:
        """Token range of the noun phrase headed by ``tok``, without clauses and appositions."""
        a = tok.left_edge.i
        for i in range(tok.i - 1, a - 1, -1):
            if self.doc[i].text in STOP_RIGHT or self.in_quote[i]:
                a = i + 1
                break
        b = tok.i + 1
        for i in range(tok.i + 1, tok.right_edge.i + 1):
            t = self.doc[i]
            if t.lower_ in STOP_RIGHT or t.dep_ in STOP_DEPS or self.in_quote[i]:
                break
            b = i + 1
        while a < b - 1 and self.doc[a].pos_ in ("DET", "PUNCT"):
            a += 1
        return a, b

    def _name_tokens(self, tok: Token, a: int, b: int) -> tuple[int, int, bool]:
        """Tokens naming who speaks inside the phrase ``[a, b)`` and whether it is a person."""
        doc = self.doc
        persons = [e for e in {self.ent_at[i] for i in range(a, b) if i in self.ent_at} if e.label_ == PERSON and e.start >= a and e.end <= b]
        persons.sort(key=lambda e: e.start)
        if persons:
            e = persons[-1]
            return self._strip_titles(e.start, e.end) + (True,)
        # The last run of proper nouns not claimed by a place or organization entity.
        end = None
        for i in range(b - 1, a - 1, -1):
            t = doc[i]
            ent = self.ent_at.get(i)
            proper = t.pos_ == "PROPN" and (ent is None or ent.label_ == PERSON) and t.text[:1].isupper()
            if end is None and proper:
                end = i + 1
            elif end is not None and not proper:
                s, e = self._strip_titles(i + 1, end)
                if e > s and not self._is_role(s, e):
                    return s, e, True
                end = None
                break
        if end is not None:
            s, e = self._strip_titles(a, end)
            if e > s and not self._is_role(s, e):
                return s, e, True
        ents = [self.ent_at[i] for i in range(a, b) if i in self.ent_at and self.ent_at[i].label_ in NAMED]
        # "the White House" names a body; "Russian officials" is a description.
        ents = [e for e in ents if e.start <= tok.i < e.end]
        if ents:
            e = ents[-1]
            s = e.start + (1 if doc[e.start].lower_ == "the" else 0)
            return s, e.end, False
        return a, b, False

    def _has_ent(self, a: int, b: int) -> bool:
        return any(i in self.ent_at for i in range(a, b))

    def _strip_titles(self, a: int, b: int) -> tuple[int, int]:
        while a < b - 1 and (self.doc[a].lower_ in self.lex.role_words or self.doc[a].lower_ in self.lex.male or self.doc[a].lower_ in self.lex.female):
            a += 1
        return a, b

    def _is_role(self, a: int, b: int) -> bool:
        return all(self.doc[i].lower_ in self.lex.role_words for i in range(a, b))

    def _role(self, a: int, b: int) -> str | None:
        words = [t.lower_ for t in self.doc[a:b]]
        best: tuple[int, int] | None = None
        for role in self.lex.roles:
            n = len(role)
            for i in range(len(words) - n + 1):
                if tuple(words[i : i + n]) == role:
                    if best is None or n > best[1] - best[0]:
                        best = (i, i + n)
                    break
            if best is not None and best[1] - best[0] >= n:
                break  # roles are longest first
        if best is None:
            return None
        s, e = self.doc[a + best[0]], self.doc[a + best[1] - 1]
        return self.text[s.idx : e.idx + len(e)]

    def _gender(self, a: int, b: int, name_start: int) -> str | None:
        """Gender from the words around a name (``Mr``, ``spokeswoman``), else its first name."""
        first = self.doc[name_start].lower_
        lo = max(0, min(a, name_start) - 2)
        for t in self.doc[lo:b]:
            if t.lower_ in self.lex.female and t.lower_ not in ("her", "she"):
                return "f"
            if t.lower_ in self.lex.male and t.lower_ not in ("his", "he", "him"):
                return "m"
        if name_start + 1 < b or self.doc[name_start].ent_iob_ == "B":
            if first in self.lex.first_m:
                return "m"
            if first in self.lex.first_f:
                return "f"
        return None

    def _canonical(self, s: int, e: int) -> tuple[str, Actor | None]:
        doc = self.doc
        cs, ce = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        name, actor = self.text[cs:ce], None
        if self.actors is not None:
            try:
                name, actor = self.actors.for_span(cs, ce)
            except Exception:  # a resolver failure must not lose the quote
                name, actor = self.text[cs:ce], None
        if " " not in name and name in self.full_names:
            name = self.full_names[name]  # surname seen earlier in full
        return name, actor

    def _actor_gender(self, cs: int, ce: int) -> str | None:
        for (s, e), g in self._mention_gender.items() if self._mention_gender else ():
            if s < ce and cs < e:
                return g
        return None

    def _definite(self, tok: Token, a: int, b: int) -> _Candidate | None:
        """``the spokesman``, ``the ministry``: the person or body named earlier with that
        word next to its name (``Kremlin spokesman Dmitry Peskov``, ``the Ministry of Defence``)."""
        doc = self.doc
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or any(t.pos_ == "PROPN" for t in doc[a:b]):
            return None
        det = doc[a - 1] if a > 0 and doc[a].pos_ != "DET" else doc[a]
        if det.lower_ != "the":
            return None
        word = tok.lower_
        here = self.sents[tok.i][0]
        seen = 0
        for c in reversed(self.candidates):
            if c.start >= tok.idx or c.sent == here and c.start >= doc[a].idx:
                continue
            seen += 1
            if seen > DEFINITE_LOOKBACK:
                break
            around = self.text[max(0, c.start - DEFINITE_CONTEXT) : c.end + DEFINITE_CONTEXT].lower()
            if c.name.lower() != word and word in around.replace(",", " ").split():
                if c.person or c.actor is not None or any(ch.isupper() for ch in c.name[:1]):
                    return c
        return None

    def _named(self, tok: Token, a: int, b: int, *, speaker: bool, mention_end: int | None = None) -> Speaker:
        doc = self.doc
        s, e, person = self._name_tokens(tok, a, b)
        b_name, b = b, mention_end or b
        if not person:
            ante = self._definite(tok, a, b_name)
            if ante is not None:
                ps, pe = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
                self.candidates.append(_Candidate(ps, pe, self.sents[tok.i][0], ante.name, ante.actor, ante.gender,
                                                  tok.dep_.startswith("nsubj"), speaker, ante.person, _main_subject(tok)))
                return Speaker(self.text[ps:pe], ps, pe, ante.name, ante.actor, self._role(a, b_name), CONF_PRONOUN)
        name, actor = self._canonical(s, e)
        ps, pe = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
        role = self._role(a, b_name)
        if actor is None and self.actors is not None and (role or not person):
            actor = self._resolve_phrase(self.text[ps : doc[b_name - 1].idx + len(doc[b_name - 1])])
        gender = None
        if person:
            gender = self._actor_gender(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) or self._gender(a, b_name, s) or self.gender_of.get(name)
            self._remember(name, gender)
        self.candidates.append(
            _Candidate(ps, pe, self.sents[tok.i][0], name, actor, gender, tok.dep_.startswith("nsubj"), speaker, person,
                       _main_subject(tok))
        )
        conf = CONF_NAMED if person or doc[s].pos_ == "PROPN" else CONF_NOMINAL
        return Speaker(self.text[ps:pe], ps, pe, name, actor, role, conf)

    def _resolve_phrase(self, text: str) -> Actor | None:
        from . import actors as actors_mod

        try:
            return actors_mod.resolve(text, on=getattr(self.actors.ctx, "published", None))
        except Exception:
            return None

    def _remember(self, name: str, gender: str | None) -> None:
        parts = name.split()
        if len(parts) >= 2:
            self.full_names.setdefault(parts[-1], name)
        if gender:
            self.gender_of.setdefault(name, gender)

    # --- antecedents ------------------------------------------------------------------------

    def _catch_up(self, offset: int) -> None:
        """Register the person entities before ``offset`` as antecedent candidates."""
        while self._next_person < len(self._persons) and self._persons[self._next_person].start_char < offset:
            ent = self._persons[self._next_person]
            self._next_person += 1
            if any(c.start <= ent.start_char < c.end for c in self.candidates[-3:]):
                continue  # already there as a speaker
            if ent.label_ != PERSON:
                s = ent.start + (1 if self.doc[ent.start].lower_ == "the" else 0)
                name, actor = self._canonical(s, ent.end)
                self.candidates.append(
                    _Candidate(self.doc[s].idx, ent.end_char, self.sents[ent.start][0], name, actor, None,
                               ent.root.dep_.startswith("nsubj"), False, False, _main_subject(ent.root))
                )
                continue
            s, e = self._strip_titles(ent.start, ent.end)
            name, actor = self._canonical(s, e)
            gender = (
                self._actor_gender(ent.start_char, ent.end_char)
                or self._gender(ent.start, ent.end, ent.start)
                or self.gender_of.get(name)
            )
            self._remember(name, gender)
            self.candidates.append(
                _Candidate(ent.start_char, ent.end_char, self.sents[ent.start][0], name, actor, gender,
                           ent.root.dep_.startswith("nsubj"), False, True, _main_subject(ent.root))
            )
        self.candidates.sort(key=lambda c: c.start)

    @staticmethod
    def _bound(tok: Token) -> bool:
        """A possessive (``Smith stepped up his attacks``) or the subject of a subordinate
        clause (``Smith said he would``, ``..., saying he``): its antecedent is most often
        the subject earlier in the same sentence, not in the sentence before."""
        if tok.dep_ == "poss":
            return True
        return tok.dep_.startswith("nsubj") and tok.head.dep_ not in ("ROOT", "parataxis", "conj")

    def _compatible(self, c: _Candidate, kind: str) -> bool:
        if c.person != (kind in ("m", "f")):
            return False
        g = c.gender or self.gender_of.get(c.name)
        if kind in ("m", "f") and g and g != kind:
            return False
        return kind != "p" or c.speaker or c.subject

    def _same_sentence(self, tok: Token, kind: str) -> _Candidate | None:
        """The last subject before ``tok`` in its own sentence that agrees with it."""
        here = self.sents[tok.i][0]
        for c in reversed(self.candidates):
            if c.start >= tok.idx:
                continue
            if c.sent != here:
                return None
            if (c.subject or c.speaker) and c.end <= tok.idx and self._compatible(c, kind):
                return c
        return None

    def _pronoun(self, tok: Token, kind: str) -> Speaker:
        text = tok.text
        here = self.sents[tok.i][0]
        best: _Candidate | None = None
        if kind in ("m", "f", "n", "p") and self._bound(tok):
            best = self._same_sentence(tok, kind)
        if best is None and kind in ("m", "f", "n", "p"):
            want_person = kind in ("m", "f")
            sents_seen: list[int] = []
            group: list[_Candidate] = []
            for c in reversed(self.candidates):
                if c.start >= tok.idx or c.sent == here:
                    continue
                if c.sent not in sents_seen:
                    if group:
                        break
                    sents_seen.append(c.sent)
                    if len(sents_seen) > PRONOUN_SENTENCES:
                        break
                if c.person != want_person:
                    continue
                g = c.gender or self.gender_of.get(c.name)
                if want_person and g and g != kind:
                    continue
                if kind == "p" and not c.speaker:
                    continue
                group.append(c)
            if group:
                group.reverse()  # sentence order
                best = (next((c for c in group if c.speaker and c.main), None) or next((c for c in group if c.main), None)
                        or next((c for c in group if c.speaker), None) or next((c for c in group if c.subject), None) or group[0])
        if best is None:
            return Speaker(text, tok.idx, tok.idx + len(text), text, None, None, CONF_UNRESOLVED)
        if kind in ("m", "f") and best.gender is None:
            self.gender_of.setdefault(best.name, kind)
        conf = CONF_PRONOUN_GENDER if best.gender == kind else CONF_PRONOUN
        self.candidates.append(
            _Candidate(tok.idx, tok.idx + len(text), here, best.name, best.actor, best.gender or (kind if kind in "mf" else None), True, True, best.person)
        )
        return Speaker(text, tok.idx, tok.idx + len(text), best.name, best.actor, None, conf)
