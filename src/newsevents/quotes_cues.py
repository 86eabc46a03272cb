"""Cues: the words that attribute a statement, the clause or phrase they govern, and
the token heading their speaker.

* speech verbs (``said``, ``told``) with a clausal complement, or the clause they are
  attached to (``A, X said``);
* ``according to`` / ``citing`` and the rest of the sentence;
* with ``broad=True`` (the default of ``extract_quotes``): belief, desire and finding
  verbs (``believes``, ``wants``, ``the poll shows``), stance verbs (``supports``,
  ``criticized``), speech verbs whose object is what was said (``announced a plan``) and
  verb + particle cues (``called for``), each with its clause or object as content;
  cues beyond a verb and its complement (nouns, adjectives, fronted perspectives, psych
  verbs) come from ``quotes_nominal``;
* ``Name: text`` lines (headlines, transcripts).
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .quotes_nominal import (
    _nominal_cue, adjective_cue, is_nominal_cue, make_clear_cue, perspective_cue, psych_cue, take_idiom_cue,
)
from .quotes_spans import MIN_CONTENT_TOKENS, _after_colon, _char_span, _inverted
from .quotes_syntax import (  # noqa: F401 — Cue, _subject and plausible_source are imported from here by quotes.py
    NOT_SOURCES, Cue, _subject, _subject_left, plausible_source,
)

ONE_WORD_ANSWERS = frozenset({"so", "yes", "no"})
# Finding verbs that also link a subject to its description ("proved difficult").
LINKING = frozenset({"prove"})
# Finding verbs that report only a clause or a judgement (found that X,
# found him guilty, found Smith with a lead), not a plain object (found a job).
CLAUSE_ONLY = frozenset({"find"})


# --- cues ---------------------------------------------------------------------------------


def cue_lemma(tok: Token, lex) -> str:
    """The token's lemma, mended where spaCy cuts a silent ``e`` (``hoping`` → ``hop``,
    ``hates`` → ``hat``) or keeps a stray one (``retweeted`` → ``retweete``) off a cue
    verb: the surface form decides."""
    lemma = tok.lemma_.lower()
    if lemma in lex.known:
        return lemma
    low = tok.lower_
    if lemma + "e" in lex.known and low in (lemma + "e", lemma + "es", lemma + "ed", lemma + "ing"):
        return lemma + "e"
    if lemma.endswith("e") and lemma[:-1] in lex.known and low.startswith(lemma[:-1]):
        return lemma[:-1]
    return lemma


def find_cues(doc: Doc, text: str, sents: list[tuple[int, int]], in_quote: bytearray, lex, *, broad: bool) -> list[Cue]:
    """Every cue outside quotation marks, in document order."""
    out: list[Cue] = []
    for tok in doc:
        if in_quote[tok.i]:
            continue
        low = tok.lower_
        if low in lex.prep_first:
            cue = _prep_cue(doc, sents[tok.i], tok, lex, in_quote)
            if cue is not None:
                out.append(cue)
                continue
            if tok.pos_ != "VERB":
                continue
        if tok.pos_ == "NOUN" and broad and is_nominal_cue(tok, lex):
            cue = _nominal_cue(doc, tok, in_quote, lex)
            if cue is not None:
                out.append(cue)
            continue
        if broad and tok.i == sents[tok.i][0] and tok.pos_ == "ADP":
            cue = perspective_cue(doc, sents[tok.i], tok, in_quote)
            if cue is not None:
                out.append(cue)
                continue
        if tok.pos_ == "ADJ" and broad:
            cue = adjective_cue(doc, tok, in_quote, lex)
            if cue is not None:
                out.append(cue)
            continue
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        lemma = cue_lemma(tok, lex)
        if tok.dep_ in ("amod", "compound", "acl") and tok.tag_ == "VBN":  # "the said agreement"
            if broad and tok.dep_ == "acl" and lemma in lex.report:
                cue = _reduced_passive(doc, tok, in_quote)
                if cue is not None:
                    out.append(cue)
            continue
        if lemma in lex.speech:
            content = _complement(doc, sents[tok.i], tok, in_quote, lex)
            end = tok.i + 1
            if content is None:
                content = _after_colon(doc, tok, in_quote)
            if content is None:  # "half said so", "the candidate said no": a one-word answer
                ans = next((c for c in tok.children if c.i == tok.i + 1 and c.lower_ in ONE_WORD_ANSWERS and not in_quote[c.i]), None)
                if ans is not None:
                    content = (ans.idx, ans.idx + len(ans))
            if content is None and broad and (lemma in lex.speech_object or lemma in lex.phrasal or lemma in lex.stance or _participle(tok)):
                found = _object_content(doc, tok, lex, in_quote)
                if found is not None and (_subject(tok) is not None or _passive(tok)):
                    content, end = found  # "was asked about X": what was asked, by someone unnamed
            if content is None and broad and any(c.dep_ == "agent" for c in tok.children):
                content = _passive_content(doc, tok, in_quote)  # "the ban was first reported by BuzzFeed"
            if _passive_participle(tok):  # "Asked about the vote, she said ...": whoever asked is unknown
                out.append(Cue(tok.i, end, content, None))
                continue
            subj = _subject(tok)
            if subj is None:
                subj = _left_subject(doc, tok, in_quote)
            out.append(Cue(tok.i, end, content, subj, speaker_span=_inverted(doc, tok, in_quote)))
            continue
        if lemma in lex.direct_only and tok.dep_ not in ("xcomp", "amod", "compound"):
            # "He continued, “A”", "“A,” she laughed": only a quotation next to it counts.
            if not any(c.dep_ == "xcomp" for c in tok.children):  # "continued to rise"
                subj = _subject(tok)
                if subj is None:
                    subj = _left_subject(doc, tok, in_quote)
                out.append(Cue(tok.i, tok.i + 1, None, subj, speaker_span=_inverted(doc, tok, in_quote)))
            continue
        if broad and tok.tag_ in ("VBN", "VBD", "VBZ", "VBP"):
            cue = psych_cue(doc, tok, in_quote)
            if cue is not None:
                out.append(cue)
                continue
        if broad and lemma in ("make", "take"):
            cue = make_clear_cue(doc, tok, in_quote) if lemma == "make" else take_idiom_cue(doc, tok, in_quote)
            if cue is not None:
                out.append(cue)
                continue
        verbal = lemma in lex.report or lemma in lex.stance or lemma in lex.speech_object
        if not broad or not (verbal or lemma in lex.phrasal):
            continue
        if lemma in LINKING and any(c.dep_ in ("acomp", "oprd", "attr") or c.dep_ == "xcomp" and c.lemma_ == "be" for c in tok.children):
            continue  # "the plan proved costly", "proved to be right": a linking verb, no finding
        subj = _subject(tok)
        if lemma in lex.report:
            before = _clause_before(doc, sents[tok.i], tok, in_quote)
            if before is not None:  # "A, the poll found" / "A, a study by X found"
                out.append(Cue(tok.i, tok.i + 1, before[0], before[1]))
                continue
        rel = _relative_object(tok) if verbal else None
        if rel is not None:  # "Rubio, whom many had backed", "a deal that was rejected by X"
            out.append(Cue(tok.i, tok.i + 1, (doc[rel[0]].idx, doc[rel[0]].idx + len(doc[rel[0]])), rel[1]))
            continue
        passive = verbal and _passive_content(doc, tok, in_quote)
        if passive:  # "Smith is expected to win", "the plan was backed by the unions"
            out.append(Cue(tok.i, tok.i + 1, passive, subj if subj is not None and plausible_source(doc[subj]) else None))
            continue
        if lemma in lex.raising:  # "Smith seems to have left": the writer's impression
            if not (subj is not None and plausible_source(doc[subj]) and _raises_a_cue(tok, lex)):
                subj = None  # but "Smith appeared to suggest ...": Smith suggests
        elif subj is None or not plausible_source(doc[subj]):
            continue
        if lemma in CLAUSE_ONLY and not any(c.i > tok.i and (c.dep_ in ("ccomp", "xcomp", "oprd", "acomp") or c.dep_ == "prep" and c.lower_ in ("as", "with"))
                                            for c in tok.children):
            continue  # "found a job", "saw a doctor": perception or discovery of a thing, no finding
        found = _object_content(doc, tok, lex, in_quote, particle_only=not verbal)
        if found is not None:
            out.append(Cue(tok.i, found[1], found[0], subj))
    if broad:
        out.extend(_headline_cues(doc, text, in_quote, lex))
        out.sort(key=lambda c: c.start)
    return out


def _passive_participle(verb: Token) -> bool:
    """A past participle heading a clause of its own with no auxiliary and no agent
    (``Asked about X, ...``, ``when told of Y``): its own speaker goes unnamed."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in ("advcl", "acl")
        and not any(c.dep_ in ("aux", "auxpass", "agent", "nsubj", "nsubjpass") for c in verb.children)
    )


def _reduced_passive(doc: Doc, verb: Token, in_quote: bytearray) -> Cue | None:
    """``a year expected to bring record turnout``: a reduced passive belief verb with a
    to-infinitive reports the infinitive (about the noun before it), held by nobody named
    (unless ``by X``)."""
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    noun = verb.head
    if xcomp is None or noun.pos_ not in ("NOUN", "PROPN") or in_quote[noun.i]:
        return None
    span = _char_span(doc, xcomp.left_edge.i, xcomp.right_edge.i + 1, in_quote, keep_quoted=True)
    return Cue(verb.i, verb.i + 1, span, _subject(verb)) if span is not None else None


def _passive(verb: Token) -> bool:
    """``was asked about X`` / ``Asked about X, ...``: a passive cue verb."""
    return verb.tag_ == "VBN" and (any(c.dep_ == "auxpass" for c in verb.children) or _passive_participle(verb))


def _participle(verb: Token) -> bool:
    """``..., noting the deadline`` / ``urging X to Y``: a participial clause hung on a
    main clause; its object (or its own complement) is what it reports."""
    return verb.tag_ == "VBG" and verb.dep_ in ("advcl", "acl", "conj", "xcomp", "pcomp")


def _clause_before(doc: Doc, sent: tuple[int, int], verb: Token, in_quote: bytearray) -> tuple[tuple[int, int], int] | None:
    """``A, records show`` / ``A, a study by X found``: a finding verb closing its sentence
    after a comma reports the clause before it; its holder is its subject (or the noun
    it modifies when the parser hangs it there)."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(c.i > verb.i and c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return None
    if verb.dep_ == "ROOT" and any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
        holder = _subject(verb)
    elif verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN") and plausible_source(verb.head) \
            and not any(c.dep_.startswith("nsubj") or c.dep_ == "dobj" for c in verb.children):
        holder = verb.head.i
    else:
        return None
    if holder is None or not plausible_source(doc[holder]) or in_quote[holder]:
        return None
    left = doc[holder].left_edge.i
    if left <= sent[0] or doc[left - 1].text != ",":
        return None
    nxt = verb.i + 1
    while nxt < sent[1] and doc[nxt].ent_type_ in ("DATE", "TIME") or nxt < sent[1] and doc[nxt].dep_ in ("advmod", "prep", "pobj"):
        nxt += 1  # "..., the poll found Tuesday." / "found in May"
    if nxt < sent[1] and not (doc[nxt].is_punct or doc[nxt].is_space):
        return None
    span = _char_span(doc, sent[0], left, in_quote, keep_quoted=True)
    return (span, holder) if span is not None else None


def _raises_a_cue(verb: Token, lex) -> bool:
    """``appeared to suggest``, ``seems set to veto``: the raised verb is itself a cue."""
    tok = verb
    for _ in range(3):
        nxt = next((c for c in tok.children if c.dep_ in ("xcomp", "acomp") and c.i > tok.i), None)
        if nxt is None:
            return False
        if nxt.pos_ in ("VERB", "AUX") and cue_lemma(nxt, lex) in lex.known and nxt.lemma_ != "be":
            return True
        tok = nxt
    return False


# Right-hand dependents of a cue verb that make up what it attributes.
CONTENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "oprd", "prep", "attr", "acomp", "dative", "prt", "advmod", "npadvmod", "pobj"})
OPENING_DEPS = frozenset({"dobj", "ccomp", "xcomp", "oprd", "attr", "acomp"})


def _object_content(doc: Doc, verb: Token, lex, in_quote: bytearray, *, particle_only: bool = False) -> tuple[tuple[int, int], int] | None:
    """The clause or object a broad cue attributes (``supports [the plan]``, ``called for
    [an end to the war]``) and the token after the cue (its particle included)."""
    particles = lex.phrasal.get(cue_lemma(verb, lex), ())
    right = [c for c in verb.children if c.i > verb.i and not in_quote[c.i] or c.i > verb.i and c.dep_ in OPENING_DEPS]
    start = None
    anchor = verb
    cue_end = verb.i + 1
    for c in right:
        if c.dep_ in OPENING_DEPS and not particle_only:
            start, anchor = c.left_edge.i, c
            break
        mark = next((g for g in c.children if g.dep_ == "mark" and g.i < c.i), None) if c.dep_ in ("advcl", "ccomp") else None
        if mark is not None and mark.lower_ in particles and mark.i == c.left_edge.i:
            # "called for the chief to resign": the particle opens a clause with its own subject
            start, anchor, cue_end = mark.i + 1, c, mark.i + 1
            break
        if c.dep_ in ("prep", "prt") and c.lower_ in particles:
            if c.dep_ == "prt":
                cue_end = c.i + 1
                continue
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp") and g.i > c.i]  # not "that X agreed with"
            if objs:
                start, anchor, cue_end = objs[0].left_edge.i, c, c.i + 1
                break
    if start is None:
        return None
    end = anchor.right_edge.i
    for c in right:
        if c.i > anchor.i and c.dep_ in CONTENT_DEPS:
            if c.dep_ == "ccomp" and _main_predicate(doc, verb, c):
                break  # "The allies, fearing that A, continue to B": B is the main clause
            end = max(end, c.right_edge.i)
    span = _char_span(doc, start, end + 1, in_quote, keep_quoted=True, min_tokens=1)
    if span is None or doc[start:end + 1].text.strip().lower() in NOT_SOURCES:
        return None
    if all(t.ent_type_ in ("DATE", "TIME") or t.is_punct for t in doc[start : end + 1]):
        return None  # "spoke on Friday": a time, not what was said
    return span, cue_end


RELATIVES = frozenset({"who", "whom", "which", "that"})


def _relative_object(verb: Token) -> tuple[int, int] | None:
    """A relative clause whose relative pronoun is what the cue is about and whose holder
    is named inside it: ``Rubio, who many had backed`` (the object), ``a deal that was
    rejected by Congress`` (the passive subject, with an agent): (pronoun, holder)."""
    if verb.dep_ != "relcl":
        return None
    kids = list(verb.children)
    obj = next((c for c in kids if c.dep_ == "dobj" and c.i < verb.i and c.lower_ in RELATIVES), None)
    if obj is not None:
        subj = next((c for c in kids if c.dep_ == "nsubj" and c.lower_ not in RELATIVES), None)
        return (obj.i, subj.i) if subj is not None and plausible_source(subj) else None
    pas = next((c for c in kids if c.dep_ == "nsubjpass" and c.i < verb.i and c.lower_ in RELATIVES), None)
    agent = next((c for c in kids if c.dep_ == "agent"), None)
    holder = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    if pas is not None and holder is not None and plausible_source(holder):
        return pas.i, holder.i
    return None


def _passive_content(doc: Doc, verb: Token, in_quote: bytearray) -> tuple[int, int] | None:
    """A passive belief/stance verb attributes its subject and what follows it: ``Smith is
    expected to win``, ``the plan was backed by the unions`` (the agent, if any, holds it)."""
    if verb.tag_ != "VBN" or verb.dep_ not in ("ROOT", "conj", "ccomp"):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
    if subj is None or subj.lower_ in NOT_SOURCES or in_quote[subj.i]:
        return None
    end = subj.right_edge.i
    if not any(c.dep_ == "agent" for c in verb.children):
        for c in verb.children:
            if c.i > verb.i and c.dep_ in ("xcomp", "ccomp", "oprd", "prep"):
                end = max(end, c.right_edge.i)
        if end == subj.right_edge.i:
            return None  # "the plan was criticized": nothing said about it beyond the verb
    return _char_span(doc, subj.left_edge.i, end + 1, in_quote, keep_quoted=True, min_tokens=1)


def _headline_cues(doc: Doc, text: str, in_quote: bytearray, lex) -> list[Cue]:
    """``Name: statement`` lines — headlines and transcripts: a short name, a colon, the rest
    of the line."""
    out: list[Cue] = []
    i = 0
    n = len(doc)
    while i < n:
        # tokens of the line starting at token i
        j = i
        while j < n and not (doc[j].is_space and "\n" in doc[j].text):
            j += 1
        k = next((t for t in range(i, min(j, i + 8)) if doc[t].text == ":"), None)
        if k is not None and k > i and j - k > 3:
            words = doc[i:k]
            label = words.text.strip().lower()
            named = any(t.pos_ in ("PROPN", "NOUN") or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in words)
            titled = all(t.text[:1].isupper() or t.is_punct or not t.is_alpha or t.lower_ in ("of", "the", "and", "de") for t in words)
            finite = any(t.tag_ in ("VBZ", "VBD", "VBP", "MD") for t in words)  # a headline, not a name
            if named and titled and not finite and label not in lex.headline_labels and not any(t.like_num for t in words):
                span = _char_span(doc, k + 1, j, in_quote, keep_quoted=True)
                if span is not None:
                    head = next((t.i for t in reversed(words) if t.pos_ in ("PROPN", "NOUN")), k - 1)
                    out.append(Cue(k, k + 1, span, head, speaker_span=(i, k)))
        i = j + 1
    return out


CITED_SOURCES = frozenset({"official", "source", "person", "people", "report", "study", "poll", "survey", "document",
                           "statement", "expert", "analyst", "aide", "researcher", "memo", "letter", "email",
                           "testimony", "witness", "investigator", "spokesman", "spokeswoman", "spokesperson"})


def _cited_source(obj: Token) -> bool:
    """Whether what is cited speaks for itself (``citing officials``, ``citing a report``)."""
    return obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or obj.lemma_.lower() in CITED_SOURCES


def _prep_cue(doc: Doc, sent: tuple[int, int], tok: Token, lex, in_quote: bytearray) -> Cue | None:
    for seq in lex.prep_cues:
        if tok.lower_ != seq[0] or tok.i + len(seq) > len(doc):
            continue
        if any(doc[tok.i + k].lower_ != w for k, w in enumerate(seq)):
            continue
        last = doc[tok.i + len(seq) - 1]
        objs = [c for c in last.children if c.dep_ in ("pobj", "dobj")] or [
            t for t in doc[last.i + 1 : last.i + 4] if t.pos_ in ("PROPN", "NOUN", "PRON")
        ]
        if not objs:
            return None
        obj = objs[0]
        if seq == ("citing",) and tok.pos_ == "VERB" and not _cited_source(obj):
            return None  # "endorsed her, citing her record": the subject cites, the record is cited
        pp_start, pp_end = tok.i, max(obj.right_edge.i, last.i) + 1
        # The statement is the rest of the sentence: the longer side of the phrase.
        left = (sent[0], pp_start)
        right = (pp_end, sent[1])
        a, b = left if left[1] - left[0] >= right[1] - right[0] else right
        content = _char_span(doc, a, b, in_quote, keep_quoted=True)
        return Cue(tok.i, tok.i + len(seq), content, obj.i, prep=True)
    return None


def _complement(doc: Doc, sent: tuple[int, int], verb: Token, in_quote: bytearray, lex=None) -> tuple[int, int] | None:
    """The reported clause of a cue verb: its clausal complement, else (for ``A, X said``)
    the clause its attribution is attached to."""
    comps = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
    comps = [c for c in comps if c.dep_ == "ccomp" or c.i > verb.i]
    if any(c.i > verb.i for c in comps) and any(c.i < verb.i for c in comps):
        # "Inside the mosque - which looks like a church - Nefzi said he ...": a clause after
        # the verb is what was said; the one before is a misparsed scene-setter.
        comps = [c for c in comps if c.i > verb.i]
    if not comps:
        # "X said after the meeting he would go": the parser often makes the complement an
        # adverbial clause; one with its own subject and no subordinator is what was said.
        comps = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and c.pos_ in ("VERB", "AUX")
                 and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                 and not any(g.dep_ in ("mark", "advmod") and g.i < c.i and g.lower_ != "that" for g in c.children)]
    if not comps:
        # "X said in a statement that ...": the that-clause hung on the prepositional object.
        comps = [g for p in verb.children if p.dep_ == "prep" and p.i > verb.i
                 for o in p.children if o.dep_ == "pobj"
                 for g in o.children if g.dep_ in ("acl", "ccomp") and g.pos_ in ("VERB", "AUX")
                 and any(m.dep_ == "mark" and m.lower_ == "that" and m.i < g.i for m in g.children)][:1]
    if comps:
        c = comps[0]
        a, b = c.left_edge.i, c.right_edge.i + 1
        after = [g for g in comps if g.i > verb.i and g.dep_ == "ccomp"]
        if c.i > verb.i and len(after) > 1:  # "told me he ’s had ...": one clause the parser split in two
            b = max(g.right_edge.i for g in after if g is c or not _main_predicate(doc, verb, g)) + 1
        if c.dep_ == "advcl":  # "said after the vote she would ...": the clause from its subject
            a = min(g.left_edge.i for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))
        if c.i < verb.i:  # reported clause first: "A, the minister said"
            b = min(b, _subject_left(verb))
        elif lex is not None:
            b = min(b, _next_attribution(c, lex))
        return _char_span(doc, a, b, in_quote, keep_quoted=True)
    head = verb.head
    if _participle(verb):
        return None  # "X said A, noting B": a participle reports its own complement, not A
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in verb.children) \
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        # "As the paper noted, A" / "A, as the Times reported": the clause the as-clause leaves
        a, b = verb.left_edge.i, verb.right_edge.i + 1
        left, right = (sent[0], a), (b, sent[1])
        a, b = left if left[1] - left[0] >= right[1] - right[0] else right
        return _char_span(doc, a, b, in_quote, keep_quoted=True)
    if verb.dep_ in ("parataxis", "ccomp", "advcl") and head.i < verb.i and head.pos_ in ("VERB", "AUX"):
        # "The economy is strong, he said." parsed with the clause as head.
        b = _subject_left(verb)
        if b - sent[0] >= MIN_CONTENT_TOKENS and doc[b - 1].is_punct:
            return _char_span(doc, sent[0], b, in_quote, keep_quoted=True)
    if verb.dep_ == "conj" and head.i < verb.i and head.pos_ in ("VERB", "AUX") and _closes_sentence(doc, sent, verb) \
            and not any(c.dep_ in ("cc", "preconj") and head.i < c.i < verb.i for c in head.children):
        # "This includes X, Carter told a Senate panel Wednesday." parsed as a coordination
        # without a conjunction: the attribution closing the sentence reports what precedes it.
        b = _subject_left(verb)
        if b - sent[0] >= MIN_CONTENT_TOKENS and doc[b - 1].text == ",":
            return _char_span(doc, sent[0], b, in_quote, keep_quoted=True)
    if verb.dep_ in ("parataxis", "advcl", "ccomp") and head.i > verb.i and head.pos_ in ("VERB", "AUX"):
        # "To understand it, Roberts said, one should visit": a parenthetical attribution
        # inside the statement — the sentence around it.
        a = _subject_left(verb)
        if a > sent[0] and doc[a - 1].text == "," and verb.i + 1 < sent[1] and doc[verb.i + 1].text == ",":
            return _char_span(doc, sent[0], sent[1], in_quote, keep_quoted=True)
    return None


def _main_predicate(doc: Doc, verb: Token, clause: Token) -> bool:
    """A participle cue set off by commas ("The allies, fearing that A, continue to B") that the
    parser made the root: a later finite verb with no subject of its own, after a comma, is
    the sentence's main predicate, not part of what was feared or said."""
    return verb.tag_ == "VBG" and verb.i > 0 and doc[verb.i - 1].text == "," \
        and clause.tag_ in ("VBP", "VBZ", "VBD", "MD") \
        and not any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in clause.children) \
        and clause.left_edge.i > 0 and doc[clause.left_edge.i - 1].text == ","


def _closes_sentence(doc: Doc, sent: tuple[int, int], verb: Token) -> bool:
    """Only objects, times and adverbials follow the verb up to the end of its sentence
    (``..., Carter told a Senate panel Wednesday.``): no clause of its own."""
    return not any(c.i > verb.i and c.dep_ in ("ccomp", "xcomp", "advcl", "conj", "parataxis") for c in verb.children)


def _next_attribution(clause: Token, lex) -> int:
    """Where a reported clause stops: before a coordinated clause that carries its own
    attribution ("she said X, and when pressed, the mother replied, ...")."""
    end = clause.right_edge.i + 1
    for c in clause.children:
        if c.dep_ == "conj" and c.i > clause.i and any(
            cue_lemma(t, lex) in lex.speech and any(g.dep_.startswith("nsubj") for g in t.children) for t in c.subtree
        ):
            cut = c.left_edge.i
            for g in c.children:
                if g.i < c.i:
                    cut = min(cut, g.left_edge.i)
            prev = [g for g in clause.children if g.dep_ == "cc" and g.i < cut]
            if prev:
                cut = min(cut, prev[-1].i)
            end = min(end, cut)
    return end


def _left_subject(doc: Doc, verb: Token, in_quote: bytearray) -> int | None:
    """``..., former president Bill Clinton said his wife ...`` parsed without a subject (the
    name hung on an earlier noun as an apposition): a finite speech verb right after a name
    takes it."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0 or any(c.dep_ == "expl" for c in verb.children):
        return None
    prev = doc[verb.i - 1]
    if prev.text == "," and verb.i >= 2 and doc[verb.i - 2].ent_type_ == "PERSON":
        prev = doc[verb.i - 2]  # "her adviser, Jake Sullivan, said:" — the apposition closed
    if in_quote[prev.i] or not (prev.pos_ == "PROPN" or prev.ent_type_ in ("PERSON", "ORG")):
        return None
    return prev.i if plausible_source(prev) else None


