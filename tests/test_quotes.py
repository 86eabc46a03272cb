"""Quotes and speakers on sentences written for these tests (never corpus text)."""
from __future__ import annotations

import json
from pathlib import Path

from newsevents.quotes import extract_quotes
from newsevents.quotes_marks import find_quoted

from helpers import one_quote

SEED_GOLD = Path(__file__).with_name("seed_quotes.json")


def test_direct_quote_after_attribution(quotes):
    qs = quotes("“The bridge will reopen next spring,” said Mayor Laura Finch.")
    q = one_quote(qs, "The bridge will reopen")
    assert q.kind == "direct"
    assert q.text == "The bridge will reopen next spring"  # inside the marks, no comma
    assert q.cue.text == "said"
    assert q.speaker.name == "Laura Finch"
    assert q.speaker.role == "Mayor"


def test_direct_quote_with_colon_before(quotes):
    qs = quotes("Transport minister Karl Oduya told reporters: “We have no money left for roads.”")
    q = one_quote(qs, "We have no money")
    assert q.kind == "direct" and q.cue.text == "told"
    assert q.speaker.name == "Karl Oduya"


def test_split_quote_shares_speaker(quotes):
    qs = quotes("“We tried everything,” the coach said. “Next season will be different.”")
    a, b = one_quote(qs, "We tried"), one_quote(qs, "Next season")
    assert a.speaker.text == "coach" and b.speaker.text == "coach"
    assert b.cue is None and b.confidence < a.confidence


def test_multi_paragraph_quote_is_one_quote(quotes):
    text = (
        "Senator Mia Torres spoke for an hour.\n"
        "“This bill protects families. It was written with them in mind.\n"
        "“We will pass it before the summer,” she said."
    )
    qs = quotes(text)
    q = one_quote(qs, "This bill protects")
    assert q.text.endswith("before the summer")
    assert q.speaker.name == "Mia Torres"


def test_indirect_speech(quotes):
    qs = quotes("The foreign minister said the talks had failed because both sides refused to compromise.")
    q = one_quote(qs, "the talks had failed")
    assert q.kind == "indirect"
    assert q.speaker.text == "foreign minister" and q.speaker.role == "foreign minister"


def test_told_reporters_that(quotes):
    qs = quotes("Helena Marsh told reporters that the factory would close in March.")
    q = one_quote(qs, "the factory would close")
    assert q.kind == "indirect" and q.cue.text == "told"
    assert q.speaker.name == "Helena Marsh"


def test_according_to(quotes):
    qs = quotes("The army withdrew from the northern valley, according to local officials.")
    q = one_quote(qs, "The army withdrew")
    assert q.cue.text == "according to"
    assert q.speaker.text == "local officials"


def test_mixed_quote(quotes):
    qs = quotes("Premier Ana Ruiz said the agreement was “a shameful surrender” and would not be signed.")
    q = one_quote(qs, "the agreement was")
    assert q.kind == "mixed"
    assert q.speaker.name == "Ana Ruiz"
    assert not [x for x in qs if x.text == "a shameful surrender"]  # part of the mixed quote


def test_pronoun_resolves_to_previous_person_with_gender(quotes):
    text = (
        "Mr. Paul Dorsey met Ms. Irene Cole in Vienna on Monday.\n"
        "“We found common ground,” she said."
    )
    q = one_quote(quotes(text), "We found common ground")
    assert q.speaker.text == "she" and q.speaker.name == "Irene Cole"


def test_pronoun_after_non_speech_mention(quotes):
    text = "Officials praised Governor Tom Reilly for the deal. “It took two years,” he said."
    q = one_quote(quotes(text), "It took two years")
    assert q.speaker.name == "Tom Reilly"


def test_surname_resolves_to_full_name(quotes):
    text = (
        "Energy Secretary Julia Brandt announced new limits on Tuesday.\n"
        "“Prices will fall by winter,” said Ms. Brandt."
    )
    q = one_quote(quotes(text), "Prices will fall")
    assert q.speaker.name == "Julia Brandt"


def test_quote_paragraph_continues_previous_speaker(quotes):
    text = "Captain Ivo Marek said the crew was safe.\n“Everyone is accounted for and nobody was hurt in the fire.”"
    q = one_quote(quotes(text), "Everyone is accounted")
    assert q.speaker.name == "Ivo Marek" and q.confidence < 0.7


def test_no_speaker_stays_null(quotes):
    qs = quotes("The sign at the entrance read “No entry after dark, by order of the council”.")
    for q in qs:
        assert q.speaker is None and q.confidence <= 0.5


def test_scare_quotes_are_not_statements(quotes):
    assert quotes("The so-called “peace plan” was published on Friday.") == []


def test_damaged_marks_are_tolerated():
    text = "“Nothing has moved here“, a farmer said.\n““We wait for rain,” he added."
    spans = [text[m.start : m.end] for m in find_quoted(text)]
    assert spans == ["Nothing has moved here", "We wait for rain,"]


def test_unclosed_quote_runs_to_paragraph_end():
    text = "“The dam will hold for now\nThe river rose overnight."
    (m,) = find_quoted(text)
    assert text[m.start : m.end] == "The dam will hold for now" and m.close_mark is None


def test_offsets_point_into_text(quotes):
    text = "“Yes,” she said. Officials said the vote was delayed."
    for q in quotes(text):
        assert text[q.start : q.end] == q.text
        assert text[q.cue.start : q.cue.end] == q.cue.text


def test_seed_direct_quotes_and_speakers(seed_doc):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["quotes"]
    norm = lambda s: " ".join(s.replace("’", "'").split()).lower()  # noqa: E731
    wrong = []
    for g in gold:
        hits = [q for q in seed_doc.quotes if norm(g["starts"]) in norm(q.text)]
        if not hits or hits[0].speaker is None or hits[0].speaker.name != g["speaker"]:
            wrong.append((g["starts"], g["speaker"], hits[0].speaker.name if hits and hits[0].speaker else None))
    assert not wrong


def test_dash_attribution(quotes):
    qs = quotes("“The clinic saved my son’s life.”— Rosa Delgado, a nurse in Tucson\n")
    q = one_quote(qs, "The clinic saved")
    assert q.speaker.name == "Rosa Delgado"
    assert q.cue.text == "—"  # the dash alone, not the closing mark glued to it


def test_dash_attribution_after_spaces_and_lines(quotes):
    text = ("“The rent doubled in a year and nobody asked us.”\u00a0― Omar Haddad\u00a0\n"
            "“We were told the school would stay open until June.” ― Lena Fischer\n")
    qs = quotes(text)
    assert one_quote(qs, "The rent doubled").speaker.name == "Omar Haddad"
    assert one_quote(qs, "We were told").speaker.name == "Lena Fischer"


def test_inverted_cue_with_apposition(quotes):
    qs = quotes("“The harvest was the worst in a decade,” said Piet Janssen, a farmer near Utrecht.")
    q = one_quote(qs, "The harvest was")
    assert q.speaker is not None and q.speaker.name == "Piet Janssen"


def test_belief_and_finding_cues(quotes):
    qs = quotes("Governor Ada Kwame believes the new dam will flood three villages. A survey by the water board showed rising salt levels in the delta.")
    q = one_quote(qs, "the new dam")
    assert q.kind == "indirect" and q.speaker.name == "Ada Kwame"
    s = one_quote(qs, "rising salt levels")
    assert s.speaker is not None and "survey" in s.speaker.text


def test_stance_and_phrasal_cues(quotes):
    qs = quotes("The farmers’ union called for an immediate freeze on fuel prices. Senator Tom Reyes criticized the ministry for ignoring small growers.")
    q = one_quote(qs, "an immediate freeze")
    assert q.cue.text == "called for" and "union" in q.speaker.text
    c = one_quote(qs, "the ministry for ignoring")
    assert c.speaker.name == "Tom Reyes"


def test_speech_only_switch(quotes, nlp):
    doc = nlp("Governor Ada Kwame believes the new dam will flood three villages.")
    assert extract_quotes(doc, include_reports=False) == []


def test_headline_name_colon(quotes):
    qs = quotes("Mayor Lena Voss: Our Buses Will Run All Night\nThe city council met on Tuesday.")
    q = one_quote(qs, "Our Buses")
    assert q.speaker.name == "Lena Voss"


def test_label_colon_is_not_a_speaker(quotes):
    qs = quotes("Update: The road to the harbour reopened on Friday after repairs.")
    assert not [q for q in qs if q.text.startswith("The road")]


def test_definite_description_takes_the_earlier_name(quotes):
    qs = quotes("Harbour authority spokesman Piet Vanek met reporters on Monday. The spokesman said the pier would stay closed until June.")
    q = one_quote(qs, "the pier would stay")
    assert q.speaker.text == "spokesman" and q.speaker.name == "Piet Vanek"
    assert q.speaker.confidence < 0.9


def test_it_said_goes_to_the_organization(quotes):
    qs = quotes("The Ministry of Fisheries released its catch report on Tuesday. It said cod stocks had fallen by a fifth.")
    q = one_quote(qs, "cod stocks")
    assert q.speaker.text == "It" and "Ministry of Fisheries" in q.speaker.name


def test_date_is_never_the_speaker(quotes):
    qs = quotes("Last Thursday said nothing about the harbour, but the storm did.")
    assert all(q.speaker is None or "Thursday" not in q.speaker.text for q in qs)


def test_participle_takes_no_inverted_speaker(quotes):
    qs = quotes("The mayor praised the new tram line as “a turning point,” telling reporters that ridership had doubled.")
    assert all(q.speaker is None or q.speaker.text != "reporters" for q in qs)


def test_nominal_cue_with_possessor(quotes):
    qs = quotes("The unions rejected Governor Ada Kwame’s claim that the pension fund was empty.")
    q = one_quote(qs, "the pension fund")
    assert q.speaker.name == "Ada Kwame" and q.cue.text == "claim"


def test_complement_parsed_as_adverbial_clause(quotes):
    qs = quotes("Governor Ruth Alvarez said after the vote she would not sign the budget if it reached her desk.")
    q = one_quote(qs, "she would not sign")
    assert q.speaker.name == "Ruth Alvarez" and q.text.endswith("her desk")


def test_parenthetical_attribution_inside_the_statement(quotes):
    qs = quotes("To rebuild the harbor, Tomas Berg said, the city will need federal money.")
    assert any("city will need federal money" in q.text and q.speaker and q.speaker.name == "Tomas Berg" for q in qs)


def test_unquoted_statement_after_colon(quotes):
    qs = quotes("Mayor Ines Duarte added: The new line will open in May and cost less than planned.\n")
    q = one_quote(qs, "The new line will open")
    assert q.kind == "indirect" and q.speaker.name == "Ines Duarte"


def test_reported_clause_stops_at_the_next_attribution(quotes):
    qs = quotes("Ana Soto said the clinic would close, and when asked why, her husband replied that money had run out.")
    q = one_quote(qs, "the clinic would close")
    assert "money" not in q.text and "Soto" in q.speaker.text


def test_passive_belief_without_agent_has_no_speaker(quotes):
    qs = quotes("The new stadium is expected to open before the next season.")
    q = next(q for q in qs if "to open before the next season" in q.text)
    assert q.speaker is None


def test_participle_takes_the_subject_of_its_verb(quotes):
    qs = quotes("Paul Orton spoke on Friday, criticizing the governor for the delays.")
    q = one_quote(qs, "the governor for the delays")
    assert q.speaker is not None and q.speaker.name == "Paul Orton"
    assert not any(q.text == "Friday" for q in qs)  # a time is not what was said


def test_likely_to_say_takes_the_copula_subject(quotes):
    qs = quotes("Older voters were more likely to say the economy had improved since the spring.")
    q = one_quote(qs, "the economy had improved")
    assert q.speaker is not None and q.speaker.text == "Older voters"


def test_name_hung_on_an_earlier_noun_still_speaks(quotes):
    qs = quotes("On Tuesday in Denver, while campaigning for his sister, the mayor Daniel Kerr said the project was doomed.")
    q = one_quote(qs, "the project was doomed")
    assert q.speaker is not None and "Kerr" in q.speaker.name


def test_two_subjects_prefer_the_name(quotes):
    qs = quotes("“The plant is in crisis mode. Total crisis mode,” said Rita Okafor, a union organizer.")
    q = one_quote(qs, "The plant is in crisis")
    assert q.speaker is not None and q.speaker.name == "Rita Okafor"


def test_after_saying_takes_the_passive_subject(quotes):
    qs = quotes("Nadia Perez left the hearing early. After saying the budget was a disgrace, she was escorted out by guards.")
    q = one_quote(qs, "the budget was a disgrace")
    assert q.speaker is not None and q.speaker.name == "Nadia Perez"


def test_seems_to_is_the_writers_impression(quotes):
    qs = quotes("The governor seems to have abandoned her plan for a new bridge.")
    q = one_quote(qs, "to have abandoned")
    assert q.speaker is None


def test_continued_attributes_the_next_quotation(quotes):
    qs = quotes("“Our clinics are full,” nurse Amara Osei said. Osei continued, “We turn families away every night.”")
    q = one_quote(qs, "We turn families away")
    assert q.cue.text == "continued"
    assert q.speaker.name.endswith("Osei")


def test_continued_to_is_not_a_cue(quotes):
    qs = quotes("Prices continued to climb through the winter across the northern provinces.")
    assert not qs


def test_hoping_is_a_belief_cue_despite_its_lemma(quotes):
    qs = quotes("The farmers' union is hoping that the drought relief package passes before harvest.")
    q = one_quote(qs, "the drought relief package")
    assert q.cue.text == "hoping"


def test_closed_apposition_name_speaks(quotes):
    qs = quotes("In a statement to the Gazette, her chief of staff, Tomas Brandt, said: “The audit is finished.”")
    q = one_quote(qs, "The audit is finished")
    assert q.speaker is not None and q.speaker.name.endswith("Brandt")


def test_quoted_show_title_before_said_keeps_the_clause(quotes):
    qs = quotes("Sunday on the radio show “Morning Ledger,” Senator Ruth Calder said the budget talks had collapsed over pensions.")
    q = one_quote(qs, "the budget talks had collapsed")
    assert q.cue.text == "said"
    assert q.speaker.name.endswith("Calder")
    assert not any(q.text == "Morning Ledger" and q.cue is not None for q in qs)


def test_said_in_a_statement_that(quotes):
    qs = quotes("The harbour authority's director Lena Marsh said in a statement that the ferry service would resume on Monday.")
    q = one_quote(qs, "the ferry service would resume")
    assert q.cue.text == "said"
    assert q.speaker.name.endswith("Marsh")


def test_one_word_answer_is_what_was_said(quotes):
    qs = quotes("Asked whether she would run again, the governor said no.")
    q = one_quote(qs, "no")
    assert q.cue.text == "said" and q.text == "no"


def test_dash_with_no_break_space_names_the_speaker(quotes):
    qs = quotes("“The tram line changed my commute.” ―\u00a0Petra Lindqvist\n“Nobody asked us first.” ―\u00a0Omar Haddad\n")
    assert one_quote(qs, "The tram line").speaker.name == "Petra Lindqvist"
    assert one_quote(qs, "Nobody asked us").speaker.name == "Omar Haddad"


def test_clause_ending_in_colon_gives_its_subject(quotes):
    qs = quotes("The mayor waved at the crowd.\n\nThen Helena Brandt leaned forward and thundered: “We will not close the library.”")
    q = one_quote(qs, "We will not close")
    assert q.speaker is not None and q.speaker.name.endswith("Brandt")
    qs = quotes("The old sign above the door read: “Fresh bread daily since 1921.”")
    assert one_quote(qs, "Fresh bread daily").speaker is None


def test_citing_a_reason_is_cited_by_the_subject(quotes):
    qs = quotes("The nurses' union endorsed Governor Alma Reyes on Monday, citing her record on hospital staffing.")
    q = next(q for q in qs if q.cue is not None and q.cue.text == "citing")
    assert "her record on hospital staffing" in q.text
    assert q.speaker is not None and "union" in q.speaker.text
    qs = quotes("The ministry delayed the vote, the newspaper reported, citing two senior officials.")
    q = next(q for q in qs if q.cue is not None and q.cue.text == "citing")
    assert "officials" in q.speaker.text


def test_dateline_is_not_the_speaker(quotes):
    qs = quotes("BOSTON -- Mayor Ellen Corrigan, opening the new harbour park on Sunday, said the city would plant a thousand trees.")
    q = one_quote(qs, "the city would plant")
    assert q.speaker is not None and q.speaker.name.endswith("Corrigan")


def test_headline_with_a_verb_before_colon_is_no_speaker(quotes):
    qs = quotes("Rail Strike Enters Its Third Week: The unions and the operator have not met since Monday.\n")
    assert not any(q.speaker is not None and "Rail Strike" in q.speaker.text for q in qs)
    qs = quotes("Clarification: An earlier version of this article misstated the date of the vote.\n")
    assert not any(q.speaker is not None and q.speaker.text == "Clarification" for q in qs)


def test_asked_about_leaves_the_asker_unnamed(quotes):
    qs = quotes("Asked about the delays at the new terminal, Director Hanna Koenig said the contractor had run out of steel.")
    q = next(q for q in qs if q.cue is not None and q.cue.text.startswith("Asked"))
    assert q.speaker is None
    q = one_quote(qs, "the contractor had run out")
    assert q.speaker.name.endswith("Koenig")


def test_inverted_speaker_with_an_age(quotes):
    qs = quotes("“The ferry is late again,” said the 46-year-old, who has commuted for years.")
    q = one_quote(qs, "The ferry is late")
    assert q.speaker is not None and q.speaker.text == "the 46-year-old"


def test_raising_verb_over_a_cue_keeps_its_subject(quotes):
    qs = quotes("Senator Mara Quist appeared to suggest that the tariff would be dropped next year.")
    q = next(q for q in qs if "tariff would be dropped" in q.text)
    assert q.speaker is not None and q.speaker.name.endswith("Quist")
    qs = quotes("The council seemed to be divided over the new parking rules.")
    assert all(q.speaker is None for q in qs if q.cue is not None and q.cue.text == "seemed")


def test_document_issued_by_the_subject_speaks_for_it(quotes):
    qs = quotes("The harbour board issued a statement calling the ferry strike illegal and urging talks.")
    q = next(q for q in qs if q.cue is not None and q.cue.text.startswith("calling"))
    assert q.speaker is not None and "board" in q.speaker.text
    qs = quotes("A new ad attacking the mayor ran on local radio stations all week.")
    q = next(q for q in qs if q.cue is not None and q.cue.text == "attacking")
    assert q.speaker is not None and q.speaker.text.endswith("ad")


def test_content_never_holds_its_own_cue_or_speaker(quotes):
    # "that" is the object of "agreed with" but stands before it: nothing is reported.
    for q in quotes("It was a compromise that Governor Hal Brenner agreed with."):
        assert "agreed" not in q.text and "Brenner" not in q.text


def test_light_verb_noun_cue_takes_the_verb_subject(quotes):
    qs = quotes("Senator Mara Quill launched a blistering attack on the new farm subsidies on Tuesday.")
    q = one_quote(qs, "the new farm subsidies")
    assert q.cue.text == "attack"
    assert q.speaker.name.endswith("Quill")


def test_noun_cue_with_a_source_after_from(quotes):
    qs = quotes("The mayor ignored criticism from Councilwoman Ada Pruitt over the stadium contract.")
    q = one_quote(qs, "the stadium contract")
    assert q.speaker.name.endswith("Pruitt")


def test_participle_cue_reports_its_own_object(quotes):
    qs = quotes("The harbour will close next year, the governor said on Monday, citing rising maintenance costs.")
    q = next(q for q in qs if q.cue is not None and q.cue.text == "citing")
    assert q.text == "rising maintenance costs"  # not the main clause


def test_finding_verb_closing_its_sentence(quotes):
    qs = quotes("Turnout rose sharply in the northern districts, a survey by the election commission found.")
    q = one_quote(qs, "Turnout rose")
    assert q.cue.text == "found"
    assert q.text == "Turnout rose sharply in the northern districts"
