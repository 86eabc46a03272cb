"""Cues that are not verbs, and reported-speech constructions, on sentences written for
these tests (never corpus text)."""
from __future__ import annotations

from helpers import quote_by_cue


def test_intention_noun_reports_its_infinitive(quotes):
    q = quote_by_cue(quotes("Mayor Ines Varga defended her plan to close the old harbour bridge next year."), "plan")
    assert q.text == "to close the old harbour bridge next year"
    assert q.speaker is not None and q.speaker.text == "her"


def test_refusal_by_a_named_body(quotes):
    qs = quotes("The Harbour Authority's refusal to publish the safety audit came as no surprise.")
    q = quote_by_cue(qs, "refusal")
    assert q.text.startswith("to publish the safety audit")
    assert q.speaker is not None and "Harbour Authority" in q.speaker.text


def test_activity_nouns_are_not_cues(quotes):
    qs = quotes("Rescue workers continued their effort to reach the trapped miners on Sunday.")
    assert not any(q.cue is not None and q.cue.text == "effort" for q in qs)


def test_attitude_adjective_with_that_clause(quotes):
    q = quote_by_cue(quotes("Senator Tom Okafor is confident that the budget will pass before the recess."), "confident")
    assert q.text == "the budget will pass before the recess"
    assert q.speaker is not None and q.speaker.name.endswith("Okafor")


def test_attitude_adjective_with_prepositional_object(quotes):
    q = quote_by_cue(quotes("The teachers' union was highly critical of the new testing regime."), "critical")
    assert q.text == "the new testing regime"
    assert q.speaker is not None and "union" in q.speaker.text


def test_impersonal_adjective_has_no_speaker(quotes):
    q = quote_by_cue(quotes("It is unclear whether the ferry company can survive another winter."), "unclear")
    assert q.text.startswith("the ferry company can survive")
    assert q.speaker is None


def test_impersonal_open_question_is_not_a_quote(quotes):
    qs = quotes("It is unclear how many ferries will run next winter.")
    assert not any(q.cue is not None and q.cue.text == "unclear" for q in qs)


def test_difficulty_is_not_an_attribution(quotes):
    qs = quotes("It was hard to find parking near the hall.")
    assert not any("parking" in q.text for q in qs)


def test_likely_is_not_attributed(quotes):
    qs = quotes("The storm is likely to reach the coast on Friday.")
    assert not any(q.cue is not None and q.cue.text == "likely" for q in qs)


def test_speech_and_stance_verb_reports_its_object(quotes):
    q = quote_by_cue(quotes("Parents who decried the new bus timetable met the council on Monday."), "decried")
    assert q.text == "the new bus timetable"
    assert q.speaker is not None and q.speaker.text == "Parents"


def test_call_for_a_clause_with_its_own_subject(quotes):
    q = quote_by_cue(quotes("The fishermen's union called for the harbour master to resign."), "called for")
    assert q.text == "the harbour master to resign"
    assert q.speaker is not None and "union" in q.speaker.text


def test_unowned_claim_reports_its_content_clause(quotes):
    q = quote_by_cue(quotes("The claim that the reservoir was poisoned spread quickly online."), "claim")
    assert q.text == "the reservoir was poisoned"
    assert q.speaker is None


def test_unowned_fear_is_held_by_the_governing_subject(quotes):
    q = quote_by_cue(quotes("Councillor Ruth Abara lives with the fear that the library will close."), "fear")
    assert q.text == "the library will close"
    assert q.speaker is not None and q.speaker.name.endswith("Abara")


def test_rejected_claim_is_not_held_by_who_rejects_it(quotes):
    q = quote_by_cue(quotes("Councillor Ruth Abara rejected the claim that the library would close."), "claim")
    assert q.text == "the library would close"
    assert q.speaker is None


def test_relative_that_clause_is_not_content(quotes):
    qs = quotes("The statement that the ministry released on Friday was brief.")
    assert not any(q.cue is not None and q.cue.text == "statement" for q in qs)


def test_phrasal_stance_verbs_from_the_lexicon(quotes):
    q = quote_by_cue(quotes("The bishop vouched for the young priest at the hearing."), "vouched for")
    assert q.text.startswith("the young priest")
    assert q.speaker is not None and q.speaker.text == "bishop"
    q = quote_by_cue(quotes("Finance minister Oleg Marin brushed off the criticism from bankers."), "brushed off")
    assert q.text.startswith("the criticism")


def test_passive_ask_about_reports_the_topic_without_a_speaker(quotes):
    q = quote_by_cue(quotes("At the town meeting, the mayor was asked about the closure of the ferry line."), "asked about")
    assert q.text == "the closure of the ferry line"
    assert q.speaker is None


def test_fronted_to_phrase_gives_a_view(quotes):
    q = quote_by_cue(quotes("To many fishermen, the new quota is a betrayal."), "To")
    assert q.text == "the new quota is a betrayal"
    assert q.speaker is not None and "fishermen" in q.speaker.text


def test_fronted_time_phrase_is_not_a_view(quotes):
    qs = quotes("To date, the new quota has not been enforced. For years, the harbour was empty.")
    assert not any(q.cue is not None and q.cue.text in ("To", "For") for q in qs)


def test_won_the_endorsement_of_reports_the_recipient(quotes):
    q = quote_by_cue(quotes("Last week Governor Pia Lund won the endorsement of the teachers' union."), "endorsement")
    assert q.text == "Governor Pia Lund"
    assert q.speaker is not None and "union" in q.speaker.text


def test_faced_questions_about_reports_the_topic(quotes):
    q = quote_by_cue(quotes("The minister faced questions about the missing vaccine shipments."), "questions")
    assert q.text == "the missing vaccine shipments"
    assert q.speaker is None


def test_made_clear_states_its_clause(quotes):
    q = quote_by_cue(quotes("The harbour master made it clear that the port would stay closed."), "made it clear")
    assert q.text == "the port would stay closed"
    assert q.speaker is not None and "master" in q.speaker.text


def test_has_the_backing_of_reports_the_subject(quotes):
    q = quote_by_cue(quotes("Senator Ivo Petrak has the backing of the farmers' federation."), "backing")
    assert q.text == "Senator Ivo Petrak"
    assert q.speaker is not None and "federation" in q.speaker.text


def test_linking_prove_and_finding_a_thing_are_not_findings(quotes):
    qs = quotes("The new ferry proved too costly. Dock workers found jobs in the next town.")
    assert not any(q.cue is not None and q.cue.text in ("proved", "found") for q in qs)
    q = quote_by_cue(quotes("An audit by the port authority found that the ferry was overbooked."), "found")
    assert q.text == "the ferry was overbooked"


def test_fronted_in_a_poll_gives_its_finding(quotes):
    q = quote_by_cue(quotes("In a new Harbour Gazette poll, the mayor leads her rival by nine points."), "In")
    assert q.text == "the mayor leads her rival by nine points"
    assert q.speaker is not None and q.speaker.text.endswith("poll")


def test_clause_after_the_verb_wins_over_a_misparsed_one_before(quotes):
    text = "Inside the hall - which looks like a barn except for the flags - Ada Brenner said she and her neighbours are collecting food for the flood victims."
    q = quote_by_cue(quotes(text), "said")
    assert q.text.startswith("she and her neighbours are collecting food")


def test_in_favor_of_is_held_by_the_subject(quotes):
    q = quote_by_cue(quotes("Most of the councillors voted in favor of the new harbour tax."), "in favor of")
    assert q.text == "the new harbour tax"
    assert q.speaker is not None and "councillors" in q.speaker.text


def test_attribution_parsed_as_a_bare_coordination(quotes):
    qs = quotes("The plan includes a new ferry for the island, harbour director Lena Voss told the council Wednesday.")
    q = quote_by_cue(qs, "told")
    assert q.text == "The plan includes a new ferry for the island"
    assert q.speaker is not None and q.speaker.name.endswith("Voss")


def test_psych_verb_feeler_holds_a_view_of_the_cause(quotes):
    q = quote_by_cue(quotes("Many fishermen were angered by the new quota rules."), "angered")
    assert q.text == "the new quota rules"
    assert q.speaker is not None and "fishermen" in q.speaker.text
    q = quote_by_cue(quotes("The ferry closure alarmed the island's councillors."), "alarmed")
    assert q.text == "The ferry closure"
    assert q.speaker is not None and "councillors" in q.speaker.text


def test_as_clause_attributes_the_rest_of_the_sentence(quotes):
    q = quote_by_cue(quotes("As the harbour master noted, the ferry has not sailed on time since June."), "noted")
    assert q.text == "the ferry has not sailed on time since June"
    assert q.speaker is not None and "master" in q.speaker.text


def test_passive_speech_verb_with_agent_reports_its_subject(quotes):
    q = quote_by_cue(quotes("The closure of the ferry line was first reported by the Island Courier."), "reported")
    assert q.text == "The closure of the ferry line"
    assert q.speaker is not None and "Courier" in q.speaker.text


def test_take_idioms_of_stance(quotes):
    q = quote_by_cue(quotes("The fishermen's leader took aim at the new quota system."), "took aim at")
    assert q.text == "the new quota system"
    assert q.speaker is not None and "leader" in q.speaker.text
    q = quote_by_cue(quotes("Councillor Mara Ilic takes issue with the harbour budget."), "takes issue with")
    assert q.text == "the harbour budget"


def test_finding_with_a_small_clause(quotes):
    q = quote_by_cue(quotes("A survey by the port authority found the mayor with a clear lead."), "found")
    assert q.text.startswith("the mayor with a clear lead")


def test_stance_agent_noun_as_predicate(quotes):
    q = quote_by_cue(quotes("Councillor Ana Duarte has long been a fierce critic of the harbour tax."), "critic of")
    assert q.text == "the harbour tax"
    assert q.speaker is not None and q.speaker.name.endswith("Duarte")
    qs = quotes("Supporters of the harbour tax gathered outside.")
    assert not any(q.cue is not None and q.cue.text.startswith("Supporters") for q in qs)


def test_reduced_passive_belief_verb(quotes):
    q = quote_by_cue(quotes("Officials braced for a storm season expected to bring record flooding."), "expected")
    assert q.text == "to bring record flooding"
    assert q.speaker is None
