"""Events coder: detection and role cases added for recall (our own sentences)."""
from __future__ import annotations

from helpers import code_events, country_pairs


def test_failed_agreement_is_a_mutual_rejection(nlp):
    evs = code_events(nlp, "France and Germany failed to reach agreement on the budget.")
    assert country_pairs(evs, "REJECT") == {("FRA", "DEU")}
    assert not country_pairs(evs, "AGREE") and not country_pairs(evs, "SUPPORT")
    evs = code_events(nlp, "Britain failed to reach a deal with the EU after hours of talks.")
    assert {s for s, _ in country_pairs(evs, "REJECT")} == {"GBR"}


def test_failed_act_that_is_not_an_agreement_is_no_event(nlp):
    evs = code_events(nlp, "Chile failed to send troops to Peru.")
    assert not [e for e in evs if e.plover.type in {"MOBILIZE", "REJECT"}]


def test_call_for_sanctions_against_a_country_is_disapproval(nlp):
    evs = code_events(nlp, "The EU called for sanctions against Belarus.")
    assert [(e.cameo, e.target.country) for e in evs] == [("111", "BLR")]


def test_appeal_to_someone_to_impose_sanctions_stays_a_request_to_them(nlp):
    evs = code_events(nlp, "Poland called on the EU to impose sanctions on Belarus.")
    assert country_pairs(evs, "REQUEST") == {("POL", "EU")}
    assert not country_pairs(evs, "ACCUSE")


def test_speaker_is_not_the_agent_of_the_reported_act(nlp):
    text = "A Pentagon spokesman said British forces, some already on alert, could be mobilized “to reinforce our allies.”"
    evs = [e for e in code_events(nlp, text) if e.plover.type == "MOBILIZE"]
    assert evs and all("spokesman" not in e.source.text for e in evs)
    assert {e.source.country for e in evs} == {"GBR"}  # the forces to be mobilized reinforce


def test_state_of_siege_is_one_name(nlp):
    evs = code_events(nlp, "The Haitian government declared a state of siege across the country.")
    assert [e.cameo for e in evs if e.plover.type == "COERCE"] == ["1724"]


def test_mediation_halted_and_ceasefire_violated(nlp):
    evs = code_events(nlp, "Egypt ended its mediation between Hamas and Israel.")
    assert {(e.cameo, e.target.country) for e in evs if e.plover.type == "SANCTION"} == {("165", "PSE"), ("165", "ISR")}
    evs = code_events(nlp, "Syrian troops violated the truce agreement with Turkey on Monday.")
    assert [(e.cameo, e.source.country) for e in evs if e.plover.type == "ASSAULT"] == [("196", "SYR")]


def test_engaged_in_takes_its_event_noun_and_keeps_the_subject_as_actor(nlp):
    evs = code_events(nlp, "Sudanese militias were engaged in ethnic cleansing against Chadian villagers.")
    hit = [e for e in evs if e.cameo == "203"]
    assert hit and hit[0].source.country == "SDN" and hit[0].target.country == "TCD"


def test_quantity_of_aid_handed_over(nlp):
    evs = code_events(nlp, "Norwegian doctors handed over 300 kg of medicine to hospitals in Kenya.")
    assert [(e.cameo, e.source.country) for e in evs if e.plover.type == "AID"] == [("073", "NOR")]


def test_light_verb_reimpose_and_domestic_venue_target(nlp):
    evs = code_events(nlp, "Egyptian authorities reimposed a curfew in the city of Alexandria.")
    assert {(e.cameo, e.source.country, e.target.country) for e in evs} == {("1723", "EGY", "EGY")}


def test_tool_object_is_not_the_agent_of_the_purpose_clause(nlp):
    evs = code_events(nlp, "Kenyan police used water cannon to disperse protesters in Nairobi.")
    assert [e.source.country for e in evs if e.plover.type == "ASSAULT"] == ["KEN"]


def test_pressure_to_act_is_a_demand(nlp):
    evs = code_events(nlp, "The Chinese government has been pressuring Taiwan to abandon its referendum.")
    assert ("CHN", "TWN") in country_pairs(evs, "REQUEST")


def test_joint_subject_of_a_mutual_act_are_each_others_party_not_the_venue(nlp):
    evs = code_events(nlp, "Peru and Chile reached a consensus on fishing quotas at a summit in Asia.")
    assert country_pairs(evs, "AGREE") == {("PER", "CHL")}


def test_nominal_demand_targets_the_subject_of_its_content_clause(nlp):
    evs = code_events(nlp, "The Arab League repeated its demand that Israel lift the blockade of Gaza.")
    assert ("ISR" in {t for _, t in country_pairs(evs, "REQUEST")})


def test_summoned_envoy_hears_the_complaint(nlp):
    evs = code_events(nlp, "India summoned Pakistan's ambassador to protest the shelling.")
    assert any(e.source.country == "IND" and e.target is not None and e.target.country == "PAK" for e in evs if e.plover.type == "ACCUSE")


def test_light_verb_speed_up_a_withdrawal(nlp):
    evs = code_events(nlp, "France speeded up the withdrawal of its troops from Mali.")
    assert country_pairs(evs, "RETREAT") == {("FRA", "MLI")}


def test_readiness_to_impose_martial_law_is_a_threat(nlp):
    evs = code_events(nlp, "The Thai government said it is prepared to impose martial law in Bangkok.")
    assert [(e.cameo, e.plover.type) for e in evs if e.source is not None and e.source.country == "THA"] == [("1324", "THREATEN")]


def test_calling_off_dissent_is_a_concession_but_calling_off_talks_is_not(nlp):
    evs = code_events(nlp, "The Greek dockers' union called off its strike against the government.")
    assert "CONCEDE" in {e.plover.type for e in evs}
    evs = code_events(nlp, "Japan called off talks with China.")
    assert {e.plover.type for e in evs} == {"SANCTION"}


def test_agreeing_to_postpone_a_protest_is_an_intent_to_ease_dissent(nlp):
    evs = code_events(nlp, "Opposition parties in Georgia agreed to postpone the rally in Tbilisi.")
    assert [e.cameo for e in evs] == ["0352"]


def test_remaining_on_alert(nlp):
    evs = code_events(nlp, "Indian troops remained on high alert along the border with Pakistan.")
    assert [(e.plover.type, e.source.country) for e in evs] == [("MOBILIZE", "IND")]


def test_ordering_ones_own_act_keeps_the_act_but_ordering_another_is_a_demand(nlp):
    evs = code_events(nlp, "The Egyptian government ordered patrols by police in Cairo.")
    assert {e.plover.type for e in evs} == {"MOBILIZE"}
    evs = code_events(nlp, "Russia ordered Georgia to withdraw its troops.")
    assert country_pairs(evs, "REQUEST") == {("RUS", "GEO")}


def test_negated_acceptance_is_an_asserted_refusal(nlp):
    evs = code_events(nlp, "Kenya did not accept the proposal from Uganda.")
    assert [(e.plover.type, e.modality, e.source.country, e.target.country) for e in evs] == [("REJECT", "asserted", "KEN", "UGA")]
    evs = code_events(nlp, "Kenya accepted the proposal from Uganda.")
    assert "REJECT" not in {e.plover.type for e in evs}


def test_condition_clause_names_no_party(nlp):
    evs = code_events(nlp, "Hungary says it will turn away further migrants if the fighting spreads into Serbia.", )
    assert all(e.target is None or e.target.country != "SRB" for e in evs if e.plover.type == "REJECT")


def test_protest_that_targets_the_accused(nlp):
    evs = code_events(nlp, "Amnesty International protested that Egyptian police had tortured detainees.")
    assert [(e.plover.type, e.target.country) for e in evs] == [("ACCUSE", "EGY")]


def test_stated_refusal_to_yield_is_a_rejection_but_a_plain_negation_is_not(nlp):
    evs = code_events(nlp, "Russia said it would not withdraw its troops from Georgia.")
    assert [(e.cameo, e.modality) for e in evs] == [("1246", "asserted")]
    evs = code_events(nlp, "Russia has not withdrawn its troops from Georgia.")
    assert [(e.plover.type, e.modality) for e in evs] == [("RETREAT", "negated")]


def test_suspension_of_links_reduces_relations(nlp):
    evs = code_events(nlp, "Spain announced a suspension of flights to Venezuela.")
    assert country_pairs(evs, "SANCTION") == {("ESP", "VEN")}


def test_hyphenated_names_split_by_the_tokenizer(nlp):
    evs = code_events(nlp, "Afghanistan announced a cease-fire with the Taliban.")
    assert [e.cameo for e in evs] == ["0871"]


def test_noun_frame_belongs_to_its_possessor(nlp):
    evs = code_events(nlp, "Iran rejected Iraq's proposal for a cease-fire.")
    assert ("IRN", "IRQ") in country_pairs(evs, "REJECT")
    assert all(e.source.country == "IRQ" for e in evs if e.plover.type == "AGREE")


def test_complaint_targets_what_it_is_about_unless_an_envoy_was_summoned(nlp):
    evs = code_events(nlp, "Cyprus complained to the European Union over Turkish naval drills.")
    assert country_pairs(evs, "ACCUSE") == {("CYP", "TUR")}
    evs = code_events(nlp, "Lithuania summoned the Russian ambassador to complain about Belarusian border incidents.")
    assert [e.target.text for e in evs if e.plover.type == "ACCUSE"] == ["the Russian ambassador"]


def test_call_for_sanctions_on_a_weekday_has_no_addressee(nlp):
    evs = code_events(nlp, "The Dutch foreign minister on Monday called for sanctions against Syria.")
    assert [(e.cameo, e.target.country) for e in evs] == [("111", "SYR")]


def test_defending_a_policy_is_verbal_support_defending_a_city_is_not(nlp):
    evs = code_events(nlp, "Pakistan defended China's handling of the crisis.")
    assert [(e.cameo, e.source.country) for e in evs] == [("052", "PAK")]
    evs = code_events(nlp, "Ukrainian troops defended the city of Kharkiv.")
    assert "SUPPORT" not in {e.plover.type for e in evs}


def test_seeking_refuge_asks_the_host(nlp):
    evs = code_events(nlp, "Thousands of Afghans sought refuge in Pakistan.")
    assert [(e.cameo, e.target.country) for e in evs] == [("1033", "PAK")]


def test_go_on_strike(nlp):
    evs = code_events(nlp, "Chilean miners went on strike against the government.")
    assert {e.cameo for e in evs} == {"143"}


def test_military_operation_and_legal_action_nouns(nlp):
    evs = code_events(nlp, "The European Commission opened legal proceedings against Hungary's government on Friday.")
    assert country_pairs(evs, "ACCUSE") == {("EU", "HUN")}
    evs = code_events(nlp, "Turkey launched a military operation against Kurdish militants in Syria.")
    assert "ASSAULT" in {e.plover.type for e in evs}


def test_defending_ones_country_by_pronoun_is_no_verbal_support(nlp):
    evs = code_events(nlp, "“This is our land and we will defend it,” the Georgian minister said.")
    assert "AGREE" not in {e.plover.type for e in evs} and "SUPPORT" not in {e.plover.type for e in evs}


def test_declining_to_comment_is_no_rejection(nlp):
    assert not code_events(nlp, "A Dutch ministry spokesman declined to comment on the leaked memo.")
    assert {e.plover.type for e in code_events(nlp, "The German government declined to extradite the Russian suspects to Moscow.")} == {"REJECT"}


def test_appeal_with_adverbial_to_clause_is_the_appeal_not_the_act(nlp):
    evs = code_events(nlp, "China and Russia call on the US to lift sanctions against Iran.")
    assert {e.plover.type for e in evs} == {"REQUEST"} and {e.target.country for e in evs} == {"USA"}


def test_hoped_for_act_is_not_asserted(nlp):
    evs = code_events(nlp, "Peru expressed hope that Chile's incoming cabinet would assist Peru.")
    assert all(e.confidence < 0.6 or e.plover.type not in {"AGREE", "AID"} for e in evs)


def test_demand_noun_with_its_clause_on_the_verb(nlp):
    evs = code_events(nlp, "The Arab League reiterated its demand today that Israel lift the blockade of Gaza.")
    assert "ISR" in {e.target.country for e in evs if e.plover.type == "REQUEST" and e.target is not None}


def test_unnamed_victims_take_the_country_of_the_same_act(nlp):
    evs = code_events(nlp, "Two Chechen militants killed 12 people when they blew themselves up in Moscow.")
    assert ("RUS" in {e.target.country for e in evs if e.cameo == "190" and e.target is not None})


def test_labour_strike_is_a_protest_military_strike_an_assault(nlp):
    assert {e.plover.type for e in code_events(nlp, "Kenyan nurses staged a strike over pay.")} == {"PROTEST"}
    assert {e.plover.type for e in code_events(nlp, "Israel launched a strike on Hamas positions in Gaza.")} == {"ASSAULT"}
    assert {e.cameo for e in code_events(nlp, "Bolivian miners began a hunger strike against the government.")} == {"142"}


def test_sending_peacekeepers_is_peacekeeping_aid_sending_troops_a_deployment(nlp):
    assert {e.cameo for e in code_events(nlp, "Senegal is deploying 300 soldiers to the UN peacekeeping force in Chad.") if e.confidence >= 0.6} == {"074"}
    assert {e.plover.type for e in code_events(nlp, "Russia deployed troops to the border with Ukraine.")} == {"MOBILIZE"}


def test_publishing_is_no_release_of_persons(nlp):
    assert not country_pairs(code_events(nlp, "Poland's foreign ministry released a statement on the border crisis."), "RETREAT")
    assert not country_pairs(code_events(nlp, "The Greek coast guard released the names of the missing sailors."), "RETREAT")
    assert country_pairs(code_events(nlp, "Iran released the British sailors it had detained."), "RETREAT") == {("IRN", "GBR")}


def test_warning_that_own_side_will_sanction_is_a_sanctions_threat(nlp):
    evs = code_events(nlp, "The Canadian prime minister warned Iran that the West would impose sanctions on it if it tested a missile.")
    assert [(e.cameo, e.source.country, e.target.country, e.modality) for e in evs if e.plover.type == "THREATEN"] == [
        ("1312", "CAN", "IRN", "asserted")]
    evs = code_events(nlp, "Norway warned that it would cut fuel supplies to Sweden.")
    assert [(e.cameo, e.source.country, e.target.country) for e in evs if e.plover.type == "THREATEN"] == [("1311", "NOR", "SWE")]


def test_warning_about_a_third_party_is_no_threat_by_the_warner(nlp):
    evs = code_events(nlp, "Poland warned Lithuania that Belarus would close the border.")
    assert not [e for e in evs if e.plover.type == "THREATEN" and e.source.country == "POL"]
