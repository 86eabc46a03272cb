"""Quotes, second round: span boundaries and nested attributions (sentences written for
these tests, never corpus text)."""
from __future__ import annotations

import pytest

from helpers import quote_by_cue


def test_participle_cue_content_stops_before_main_clause(quotes):
    qs = quotes("The farmers and their unions, fearing that the drought could ruin the harvest, "
                "continue to demand emergency aid from the ministry.")
    q = quote_by_cue(qs, "fearing")
    assert q.text == "the drought could ruin the harvest"
    assert "continue" not in q.text


@pytest.mark.parametrize("text, outer, inner, inner_text", [
    ("The senator's refusal to back the bill angered party leaders.", "angered", "refusal", "to back the bill"),
    ("The mayor's promise to cut taxes pleased voters in the suburbs.", "pleased", "promise", "to cut taxes"),
])
def test_nested_nominal_cue_inside_psych_verb_subject_is_kept(quotes, text, outer, inner, inner_text):
    qs = quotes(text)
    out, inn = quote_by_cue(qs, outer), quote_by_cue(qs, inner)
    assert inn.text == inner_text
    assert out.start <= inn.start and inn.end <= out.end
    assert out.speaker is not None and inn.speaker is not None and out.speaker.text != inn.speaker.text


@pytest.mark.parametrize("text, name", [
    ("Governor Ruth Hale toured the flooded district with Mayor Lisa Ortiz, who says the levee failed. "
     "She said the state would pay for repairs.", "Ruth Hale"),
    ("Senator Amy Cole met Judge Ann Park, who said the case was closed. She said later that she disagreed.", "Amy Cole"),
])
def test_pronoun_prefers_main_clause_subject_over_relative_clause_speaker(quotes, text, name):
    qs = quotes(text)
    q = [q for q in qs if q.speaker is not None and q.speaker.text == "She"][0]
    assert q.speaker.name == name


def test_speak_on_is_no_cue_but_speak_about_is(quotes):
    # "spoke on condition of anonymity / on the radio / on behalf of": a setting, not a topic
    qs = quotes("The aide, who spoke on condition of anonymity, confirmed the meeting. "
                "Speaking on a local radio station, the mayor spoke about the new stadium plan.")
    assert not any(q.cue is not None and q.cue.text.lower().startswith(("spoke on", "speaking on")) for q in qs)
    assert not any("anonymity" in q.text or q.text.startswith("a local radio") for q in qs)
    assert any(q.text == "the new stadium plan" for q in qs)


def test_who_clause_on_predicate_noun_names_copula_subject(quotes):
    qs = quotes("Maria Lopez is a veteran organizer who has repeatedly said the union will strike.")
    q = [q for q in qs if q.cue is not None and q.cue.text == "said"][0]
    assert q.speaker is not None and q.speaker.name == "Maria Lopez"
    # a specificational copula ("the obstacle was X, who ...") keeps X
    qs = quotes("The main obstacle was rural voters, who said the plan ignored them.")
    q = [q for q in qs if q.cue is not None and q.cue.text == "said"][0]
    assert q.speaker is not None and q.speaker.name == "rural voters"


def test_uncued_short_quotation_is_a_title_not_a_quote(quotes):
    qs = quotes("The mayor spoke about the new stadium on Monday.\n\n“Night Harbour”\n\n“Recount now!”")
    texts = [q.text for q in qs]
    assert not any("Night Harbour" in t for t in texts)
    assert "Recount now!" in texts
