"""Events coder, second round: forecasts of force, authorisations, nominal build-ups."""
from __future__ import annotations

from helpers import code_events


def _found(evs, ptype):
    return {(e.source.country if e.source else None, e.target.country if e.target else None, e.modality) for e in evs if e.plover.type == ptype}


# -- a possibility noun's content clause: a forecast of force between named states -----
def test_risk_that_state_attacks_state_is_hypothetical_assault(nlp):
    evs = code_events(nlp, "Officials said there was a real risk that Ethiopia would attack Eritrea within weeks.")
    assert ("ETH", "ERI", "hypothetical") in _found(evs, "ASSAULT")


def test_possibility_light_verb_military_action(nlp):
    evs = code_events(nlp, "The envoy said there was a clear possibility that Chile would take military action against Peru.")
    assert ("CHL", "PER", "hypothetical") in _found(evs, "ASSAULT")


def test_possibility_of_non_force_stays_unstated(nlp):
    # a feared or hoped-for non-violent act is still weighed, not coded
    assert not code_events(nlp, "There is a risk that Brazil will raise tariffs on Argentina.")
    assert not code_events(nlp, "Diplomats voiced concern that the talks between Serbia and Kosovo would collapse.")


# -- an authorisation noun passes on to the act it licenses ----------------------------
def test_green_light_for_invasion(nlp):
    evs = code_events(nlp, "Putin gave the green light for an invasion of Ukraine.")
    assert ("RUS", "UKR", "asserted") in _found(evs, "ASSAULT")


def test_go_ahead_as_dative_with_would(nlp):
    # the actor's own 'would' + force is coded as a threat of force (CAMEO 138x)
    evs = code_events(nlp, "Lukashenko would give the go-ahead to an offensive against Lithuania.")
    assert [(e.source.country, e.target.country, e.cameo[:3]) for e in evs] == [("BLR", "LTU", "138")]


def test_green_light_for_no_event_is_nothing(nlp):
    assert not code_events(nlp, "The mayor gave the green light for a new stadium.")


def test_amid_fears_is_the_setting_not_the_warning(nlp):
    # the feared invasion sits in an 'amid' adjunct of the warning, not in what was said
    evs = code_events(nlp, "Macron issued a warning amid fears that Turkey would launch an invasion of Syrian territory.")
    assert ("TUR", "SYR", "hypothetical") in _found(evs, "ASSAULT")


# -- a nominal build-up of nationality-marked troops; deplored acts are facts ------------
def test_massing_of_national_troops_is_mobilize(nlp):
    evs = code_events(nlp, "Poland condemned the deployment of 5,000 Belarusian troops along its border.")
    assert ("BLR", None, "asserted") in _found(evs, "MOBILIZE")
    assert ("POL", "BLR", "asserted") in _found(evs, "ACCUSE")


def test_build_up_without_nationality_stays_weak(nlp):
    # no actor in the noun phrase: the nominal stays below the bar
    assert not _found(code_events(nlp, "Officials discussed the deployment of troops."), "MOBILIZE")


def test_former_soviet_republic_is_not_the_soviet_union(nlp):
    evs = code_events(nlp, "Former Soviet republics refused to lift sanctions on Georgia.")
    assert all(e.source is None or e.source.country != "SUN" for e in evs)


# -- a bare domestic demand is aimed at the demander's own country ---------------------
def test_bare_demand_targets_own_country(nlp):
    evs = code_events(nlp, "Kenyan opposition leaders demanded fresh elections.")
    assert ("KEN", "KEN", "asserted") in _found(evs, "REQUEST")


def test_demand_with_content_clause_keeps_its_subject(nlp):
    evs = code_events(nlp, "The Chilean prosecutor demanded that the Bolivian minister stand trial.")
    assert ("CHL", "CHL", "asserted") not in _found(evs, "REQUEST")


# -- counted groups act as what they count; Hong Kong has its own code -------------------
def test_thousands_of_protesters_are_the_source(nlp):
    evs = code_events(nlp, "Thousands of Kenyan protesters blocked roads in Nairobi.")
    assert any(e.source is not None and e.source.country == "KEN" for e in evs if e.plover.type == "PROTEST")


def test_hong_kong_is_hkg(nlp):
    evs = code_events(nlp, "Dozens of students blocked streets in Hong Kong to demand reforms from Chinese authorities.")
    assert any(e.source is not None and e.source.country == "HKG" for e in evs if e.plover.type == "PROTEST")


def test_stepped_up_war_preparations_is_force_posture(nlp):
    evs = code_events(nlp, "Pakistan stepped up war preparations along the border with India.")
    assert ("PAK", "IND", "asserted") in _found(evs, "MOBILIZE")


# -- a passive clause does not inherit the main clause's subject as its agent -----------
def test_passive_condition_has_no_inherited_attacker(nlp):
    evs = code_events(nlp, "Denmark is ready to send equipment to defend Estonia if it is attacked.")
    assert not any(e.source is not None and e.source.country == "DNK" for e in evs if e.plover.type == "ASSAULT")


# -- a contested assertion's content is a claim, not a reported fact ---------------------
def test_claimed_attack_is_not_coded(nlp):
    assert not _found(code_events(nlp, "Sudanese rebels claimed that they had shelled the Chadian army base."), "ASSAULT")
    assert not _found(code_events(nlp, "Armenia alleged that Azerbaijani troops had attacked its border posts."), "ASSAULT")


def test_claim_of_responsibility_and_reported_attack_still_coded(nlp):
    evs = code_events(nlp, "Colombian officials said that rebels had attacked a Venezuelan convoy.")
    assert _found(evs, "ASSAULT")


# -- a title before an apposed name is that name's own noun phrase ----------------------
def test_counterpart_apposition_does_not_take_the_subjects_title(nlp):
    evs = code_events(nlp, "The Kenyan president called his Tanzanian counterpart, Samia Suluhu Hassan, on Monday.")
    assert [(e.source.country, e.target.country) for e in evs] == [("KEN", "TZA")]


# -- 'seek' + noun asks for it; 'seek to' + verb is an intent ----------------------------
def test_seeking_aid_is_a_request(nlp):
    evs = code_events(nlp, "Haiti is seeking aid from Canada after the storm.")
    assert [(e.plover.type, e.source.country, e.target.country) for e in evs] == [("REQUEST", "HTI", "CAN")]


def test_seeking_to_improve_ties_is_intent(nlp):
    evs = code_events(nlp, "Peru is seeking to improve relations with Chile.")
    assert all(e.plover.type != "REQUEST" for e in evs)


def test_plural_possessive_inside_a_name(nlp):
    evs = code_events(nlp, "The rebel Kurdistan Workers' Party demanded talks with Turkey.")
    assert any(e.source is not None and (e.source.country, e.source.sector) == ("TUR", "REB") for e in evs)


# -- 'agreed that X should/would <act>' is an agreement on a plan; a shared opinion is not --
def test_agreed_that_modal_clause_is_intent(nlp):
    evs = code_events(nlp, "Egypt agreed with Jordan that both countries should expand trade.")
    assert ("EGY", "JOR", "asserted") in _found(evs, "AGREE")


def test_agreed_that_passive_or_copula_is_opinion(nlp):
    assert not code_events(nlp, "The minister agreed with critics that the law was flawed.")
    assert not _found(code_events(nlp, "Norway agreed with Sweden that refugees should be protected."), "AGREE")


# -- a conjunct inside a complement shares its governor's modality ---------------------
def test_conjunct_of_considered_act_is_weighed(nlp):
    evs = code_events(nlp, "Poland is considering sending observers and to expel Belarusian diplomats.")
    assert not any(e.modality == "asserted" and e.plover.type in {"SANCTION", "ASSAULT"} for e in evs)
    # coordinated main clauses keep their own modality
    evs = code_events(nlp, "Russia did not attack Georgia and instead expelled Georgian diplomats.")
    assert any(e.modality == "asserted" and e.plover.type == "SANCTION" for e in evs)
