"""Two-character quotation marks (NYT ``''A,'' he said``) and speaker details around them,
on sentences written for these tests (never corpus text)."""
from __future__ import annotations

from spacy.tokens import Doc

from newsevents.quotes_marks import find_quoted
from newsevents.quotes_speakers import SpeakerFinder

from helpers import one_quote


# --- the mark scanner ------------------------------------------------------------------------


def test_two_apostrophes_are_one_mark():
    text = "''The levee held,'' the engineer said. ''We were lucky.''"
    found = find_quoted(text)
    assert [text[m.start : m.end] for m in found] == ["The levee held,", "We were lucky."]
    first = found[0]
    assert first.open_mark == 0 and text[first.close_mark - 1 : first.close_mark + 1] == "''"
    assert text[first.close_mark + 1] == " "  # close_mark is the mark's last character


def test_two_apostrophe_scare_quote_inside_a_sentence():
    text = "The council called the vote ''a formality'' on Tuesday."
    (m,) = find_quoted(text)
    assert text[m.start : m.end] == "a formality"


def test_inner_single_quote_before_closing_double():
    text = "''She told me, 'Not today.''' The door closed."
    (m,) = find_quoted(text)
    assert text[m.start : m.end] == "She told me, 'Not today."


def test_two_apostrophes_continue_a_quote_into_the_next_paragraph():
    text = "''The first part runs on.\n''And this is the end of it,'' she said."
    (m,) = find_quoted(text)
    assert m.paragraphs == 2 and text[m.end - len("of it,") : m.end] == "of it,"


def test_treebank_backticks_open():
    text = "``Keep the gates shut,'' the warden ordered."
    (m,) = find_quoted(text)
    assert text[m.start : m.end] == "Keep the gates shut,"


def test_possessive_apostrophe_is_not_a_mark():
    assert find_quoted("The players' union met the owners' lawyers on Friday.") == []


# --- speakers around the marks ---------------------------------------------------------------


def test_nyt_style_quote_finds_its_speaker(quotes):
    qs = quotes("''The reservoir is half empty,'' said Omar Haddad, a hydrologist at the state agency.")
    q = one_quote(qs, "The reservoir is half empty")
    assert q.kind == "direct" and q.speaker.name == "Omar Haddad"


def test_nyt_style_pronoun_after_a_named_quote(quotes):
    text = (
        "''Prices will fall by spring,'' said Greta Lind, an economist at the bank.\n\n"
        "''Nobody should panic,'' she added."
    )
    q = one_quote(quotes(text), "Nobody should panic")
    assert q.speaker.text == "she" and q.speaker.name == "Greta Lind"


def test_relative_clause_speaker_runs_to_the_pronoun(quotes):
    text = "The levy was attacked by Tom Baker, a farmer from Ohio, who said that the tax would ruin small farms."
    q = one_quote(quotes(text), "the tax would ruin")
    assert q.speaker.name == "Tom Baker"
    assert q.speaker.text == "Tom Baker, a farmer from Ohio"  # the whole mention, up to "who"
    assert text[q.speaker.end : q.speaker.end + 6] == ", who "


def test_pronoun_in_a_subordinate_clause_takes_the_subject_of_its_sentence(quotes):
    text = (
        "Maria Diaz arrived at the talks first.\n"
        "Ann Lee left the room after she told reporters that the deal was dead."
    )
    q = one_quote(quotes(text), "the deal was dead")
    assert q.speaker.text == "she" and q.speaker.name == "Ann Lee"


def test_main_clause_pronoun_still_looks_back(quotes):
    text = "Maria Diaz chaired the session. She said that the budget was final."
    q = one_quote(quotes(text), "the budget was final")
    assert q.speaker.name == "Maria Diaz"


def _parsed(nlp, words, heads, deps, pos, tags, ents=()):
    """A hand-built parse: lets a test pin the parser mistake it is about."""
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    doc.ents = [doc.char_span(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), label=lab) for a, b, lab in ents]
    return doc


def test_subjectless_verb_after_an_apposition_takes_the_name(nlp):
    # "Pia Holm, the party leader, said so." with the name hung on nothing and no subject.
    words = ["Pia", "Holm", ",", "the", "party", "leader", ",", "said", "so", "."]
    heads = [1, 1, 1, 5, 5, 1, 7, 7, 7, 7]
    deps = ["compound", "ROOT", "punct", "det", "compound", "appos", "punct", "ROOT", "advmod", "punct"]
    pos = ["PROPN", "PROPN", "PUNCT", "DET", "NOUN", "NOUN", "PUNCT", "VERB", "ADV", "PUNCT"]
    tags = ["NNP", "NNP", ",", "DT", "NN", "NN", ",", "VBD", "RB", "."]
    doc = _parsed(nlp, words, heads, deps, pos, tags, ents=[(0, 2, "PERSON")])
    finder = SpeakerFinder(doc, doc.text, [(0, len(doc))] * len(doc), bytearray(len(doc)))
    assert finder._left_of_apposition(doc[7]) == 1
    # A verb with its own subject, or one not right after the comma, is left alone.
    assert finder._left_of_apposition(doc[1]) is None


def test_subjectless_verb_after_a_place_is_left_alone(nlp):
    words = ["In", "Oslo", ",", "the", "capital", ",", "rained", "."]
    heads = [6, 0, 1, 4, 1, 6, 6, 6]
    deps = ["prep", "pobj", "punct", "det", "appos", "punct", "ROOT", "punct"]
    pos = ["ADP", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "PUNCT"]
    tags = ["IN", "NNP", ",", "DT", "NN", ",", "VBD", "."]
    doc = _parsed(nlp, words, heads, deps, pos, tags, ents=[(1, 2, "GPE")])
    finder = SpeakerFinder(doc, doc.text, [(0, len(doc))] * len(doc), bytearray(len(doc)))
    assert finder._left_of_apposition(doc[6]) is None


def test_as_clause_attributes_the_quotation_of_its_sentence(quotes):
    text = "As Lena Fisk, the city auditor, put it, the program was ''a bottomless pit for public money.''"
    q = one_quote(quotes(text), "a bottomless pit")
    assert q.speaker is not None and q.speaker.name == "Lena Fisk"


def test_as_clause_subject_must_sit_inside_the_clause(quotes):
    # "as" marks a comparison here, not an attribution: nobody "put it".
    text = "The mayor spoke as the crowd left, and the square was ''quieter than it has been in years.''"
    q = one_quote(quotes(text), "quieter than it has been")
    assert q.speaker is None or q.speaker.name != "crowd"


def test_inverted_verb_followed_by_a_plain_noun_phrase(quotes):
    text = "''We will not move,'' wrote a retired teacher from the valley."
    q = one_quote(quotes(text), "We will not move")
    assert q.speaker is not None and "teacher" in q.speaker.text


def test_embedded_quotation_without_a_cue_takes_its_sentence_subject(quotes):
    text = (
        "Paul Grant opened the hearing.\n"
        "Mayor Ann Lee walked out early, and her plan remains ''a tax on hope and on every family in this town.''"
    )
    q = one_quote(quotes(text), "a tax on hope")
    assert q.cue is None and q.speaker is not None and q.speaker.name == "Ann Lee"
    assert q.speaker.confidence <= 0.5  # a guess, and says so


def test_dateline_is_never_the_speaker(quotes, nlp):
    text = "DENVER, May 3 (AP) — A spokeswoman for the county told reporters that the roads would reopen."
    q = one_quote(quotes(text), "the roads would reopen")
    assert q.speaker is not None and "DENVER" not in q.speaker.text
    doc = nlp(text)
    finder = SpeakerFinder(doc, doc.text, [(0, len(doc))] * len(doc), bytearray(len(doc)))
    end = finder._dateline_end(doc[0])
    assert end is not None and text[end:].startswith("A spokeswoman")
    told = next(t for t in doc if t.text == "told")
    assert finder._after_dateline(end, told).text == "spokeswoman"
    assert finder._dateline_end(next(t for t in doc if t.text == "county")) is None


def test_spaced_single_then_double_closing_mark():
    text = "''I dislike the word 'progress,' '' she said, ''and always will.''"
    found = find_quoted(text)
    assert [text[m.start : m.end] for m in found] == ["I dislike the word 'progress,'", "and always will."]


def test_quoted_word_is_not_the_speaker(quotes):
    text = "“I can promise you this: We will rebuild the bridge,” county engineer Rosa Tran said on Monday."
    q = one_quote(quotes(text), "I can promise you this")
    assert q.speaker is not None and q.speaker.name == "Rosa Tran"


def test_name_between_closing_mark_and_verb(nlp):
    # The parser made the quoted "We" the verb's subject; the name after the mark speaks.
    words = ["“", "We", "act", ",", "”", "Ann", "Cole", "said", "."]
    heads = [2, 2, 7, 2, 2, 6, 7, 7, 7]
    deps = ["punct", "nsubj", "ccomp", "punct", "punct", "compound", "npadvmod", "ROOT", "punct"]
    pos = ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"]
    tags = ["``", "PRP", "VBP", ",", "''", "NNP", "NNP", "VBD", "."]
    doc = _parsed(nlp, words, heads, deps, pos, tags, ents=[(5, 7, "PERSON")])
    in_quote = bytearray([1, 1, 1, 1, 1, 0, 0, 0, 0])
    finder = SpeakerFinder(doc, doc.text, [(0, len(doc))] * len(doc), in_quote)
    assert finder._between_quote_and(doc[7]) == 6


def test_direct_quote_frame_with_a_verb_outside_the_lexicon(quotes):
    text = "“Why would anyone build a dam there?” Omar Haddad wondered aloud."
    q = one_quote(quotes(text), "Why would anyone build")
    assert q.cue is not None and q.cue.text == "wondered" and q.speaker.name == "Omar Haddad"


def test_frame_needs_a_person_subject(quotes):
    text = "“Closed for repairs,” the old sign glowed above the door."
    q = one_quote(quotes(text), "Closed for repairs")
    assert q.cue is None or q.cue.text != "glowed"


def test_straight_marks_with_a_spaced_inner_single_mark():
    text = "\"It is not me saying 'vote for her,' \" Lee said. \"It is all of us.\""
    found = find_quoted(text)
    assert [text[m.start : m.end] for m in found] == ["It is not me saying 'vote for her,'", "It is all of us."]


def test_those_who_said_speak(quotes):
    text = "Among those who said that the levy was unfair, most voted against the mayor."
    q = one_quote(quotes(text), "the levy was unfair")
    assert q.speaker is not None and q.speaker.text.startswith("those")


def test_tensed_verb_hung_on_the_noun_before_it(nlp):
    # "a man yelled “Go!”" parsed as a reduced relative: man <-acl- yelled.
    words = ["a", "man", "yelled", "“", "Go", "!", "”"]
    heads = [1, 4, 1, 4, 4, 4, 4]
    deps = ["det", "nsubj", "acl", "punct", "ROOT", "punct", "punct"]
    pos = ["DET", "NOUN", "VERB", "PUNCT", "VERB", "PUNCT", "PUNCT"]
    tags = ["DT", "NN", "VBD", "``", "VB", ".", "''"]
    doc = _parsed(nlp, words, heads, deps, pos, tags)
    finder = SpeakerFinder(doc, doc.text, [(0, len(doc))] * len(doc), bytearray([0, 0, 0, 1, 1, 1, 1]))
    assert finder._name_before(doc[2]) == 1


def test_comma_frame_before_a_whole_quoted_sentence(quotes):
    text = "Paul Grant spoke first. Mayor Ann Lee shot back, “You never even read the report.”"
    q = one_quote(quotes(text), "You never even read")
    assert q.speaker is not None and q.speaker.name == "Ann Lee"


def test_comma_before_a_quoted_fragment_is_no_frame(quotes):
    text = "When the council met, “open government” was the phrase on every lip."
    assert all(q.speaker is None or q.cue is None or q.cue.text != "met" for q in quotes(text))


def test_quote_after_a_run_on_quotation_inherits_its_speaker(quotes):
    text = (
        "“The river has never been this low,” said Omar Haddad, a ferry pilot. “We wait for rain.\n"
        "“Nobody can cross now,” he said. “Not even the small boats.”"
    )
    q = one_quote(quotes(text), "Not even the small boats")
    assert q.speaker is not None and q.speaker.name == "Omar Haddad"


def test_sentence_opening_quote_keeps_a_cue_whose_object_follows(quotes):
    text = "“Nobody is tougher on crime than I am,” the candidate told NBC's Meet the Press on Sunday."
    q = one_quote(quotes(text), "Nobody is tougher")
    assert q.cue is not None and q.cue.text == "told" and "candidate" in q.speaker.text


def test_title_before_a_cue_with_its_own_clause_is_no_statement(quotes):
    text = "On “Meet the Press,” Senator Ann Lee said the budget would pass."
    q = one_quote(quotes(text), "the budget would pass")
    assert q.speaker is not None and q.speaker.name == "Ann Lee"
    assert not any(x.text.startswith("Meet the Press") and x.cue is not None for x in quotes(text))


def test_contracted_has_said_is_not_a_passive(quotes):
    text = "Paul Grant chairs the port board. He's said he'll fight the closure all the way to the courts."
    q = one_quote(quotes(text), "he'll fight the closure")
    assert q.speaker is not None and q.speaker.text == "He" and q.speaker.name == "Paul Grant"
