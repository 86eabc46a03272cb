"""Event actors: who a coded event's source and target are (our own sentences)."""
from __future__ import annotations

import datetime as dt

from newsevents.actors import DocActors
from newsevents.actors_lexicon import lexicon, words
from newsevents.pipeline import Context

from helpers import code_events, country_pairs

D = dt.date(2023, 5, 2)


def _pairs(evs, ptype=None):
    def cs(a):
        return (a.country, a.sector) if a is not None else None

    return {(cs(e.source), cs(e.target)) for e in evs if ptype in (None, e.plover.type)}


# -- misspelled country names ---------------------------------------------------
def test_variant_is_one_inner_letter_from_one_name():
    lex = lexicon()

    def v(word):
        return lex.variant_at(words(word), 0)

    assert v("Ethopia") == "ethiopia"  # a letter dropped
    assert v("Afganistan") == "afghanistan"
    assert v("Phillippines") == "philippines"  # a letter added
    assert v("Ethipian") == "ethiopian"
    # another name, not a misspelling: a letter added or dropped at the end, a plural
    assert v("Hollande") is None and v("Brazile") is None and v("Americas") is None
    # known words and acronyms are never respelled
    assert v("Ethiopia") is None and v("SCOTUS") is None and v("Cyrus") is None


def test_misspelled_country_is_an_actor_where_the_parse_reads_a_place(nlp):
    evs = code_events(nlp, "Ethopia has agreed to let the aid convoys cross its border with Sudan.")
    assert any(e.source and e.source.country == "ETH" for e in evs)
    evs = code_events(nlp, "The Kenyan president rejected an offer from Tanzaniia for joint border patrols.")
    assert ("KEN", "TZA") in country_pairs(evs, "REJECT")


def test_a_person_is_never_respelled(nlp):
    da = DocActors(Context(doc=nlp("Hollande met Brazile in Paris on Monday."), published=D))
    text = da.text
    for name in ("Hollande", "Brazile"):
        start = text.index(name)
        _, actor = da.for_span(start, start + len(name))
        assert actor is None or actor.country not in ("NLD", "BRA")


# -- a people: its state or its civilians -----------------------------------------
def test_bare_people_in_armed_or_official_context_is_the_state(nlp):
    evs = code_events(nlp, "The Russians deployed more combat troops near the Finnish border on Tuesday.")
    assert (("RUS", None), None) in _pairs(evs, "MOBILIZE") or any(
        e.source and (e.source.country, e.source.sector) == ("RUS", None) for e in evs
    )
    evs = code_events(nlp, "The Armenians and the Azerbaijanis signed a ceasefire agreement in Moscow on Friday.")
    sources = {(e.source.country, e.source.sector) for e in evs if e.source}
    assert ("ARM", None) in sources and ("ARM", "CVL") not in sources


def test_counted_or_described_people_stay_civilians(nlp):
    evs = code_events(nlp, "Israeli soldiers arrested twenty Palestinians during a raid near Hebron.")
    assert any(e.target and (e.target.country, e.target.sector) == ("PSE", "CVL") for e in evs)
    evs = code_events(nlp, "Thousands of Georgians protested outside parliament in Tbilisi against the new law.")
    assert any(e.source and (e.source.country, e.source.sector) == ("GEO", "CVL") for e in evs)
    # another subject's official standing is not the people's: "the embassy urged Americans"
    evs = code_events(nlp, "The French embassy urged Canadians to leave the city at once.")
    assert any(e.target and (e.target.country, e.target.sector) == ("CAN", "CVL") for e in evs)


# -- ethnic groups and groups placed in a country ------------------------------------
def test_ethnic_groups_in_the_lexicon():
    from newsevents.actors import resolve

    def cs(text):
        a = resolve(text)
        return (a.country, a.sector) if a else None

    assert cs("ethnic Hungarians") == (None, "CVL")  # a minority, not Hungary's nationals
    assert cs("Hungarians") == ("HUN", "CVL")
    assert cs("Iraqi Kurds") == ("IRQ", "CVL")  # the state named beside a stateless people
    assert cs("Kurdish fighters") == (None, "REB")
    assert cs("Igbo leaders")[0] == "NGA"  # a people of one state


def test_a_people_or_group_takes_the_country_it_is_placed_in(nlp):
    evs = code_events(nlp, "Ethnic Hungarians in northern Serbia are demanding autonomy from Belgrade.")
    assert any(e.source and (e.source.country, e.source.sector) == ("SRB", "CVL") for e in evs)
    evs = code_events(nlp, "A militant group based in Somalia attacked a police station in northern Kenya.")
    assert ("SOM", "KEN") in country_pairs(evs, "ASSAULT")
    evs = code_events(nlp, "Rebels operating in eastern Congo abducted twelve aid workers.")
    assert any(e.source and e.source.country == "COD" for e in evs)


def test_an_unplaced_ethnic_group_is_still_an_actor(nlp):
    evs = code_events(nlp, "Turkey threatened to attack Kurdish militias beyond its frontier.")
    assert any(e.target and (e.target.country, e.target.sector) == (None, "REB") for e in evs)
    # not the state of the word inside its name: no event of Hungary
    evs = code_events(nlp, "Up to 200 ethnic Hungarians demonstrated in Romania on Sunday.")
    assert all(e.source is None or e.source.country != "HUN" for e in evs)
    assert any(e.source and e.source.country == "ROU" for e in evs)


def test_peoples_and_context_data_are_well_formed():
    from newsevents.actors_lexicon import _read

    codes = {c["code"] for c in _read("actors_countries.json")["countries"]}
    peoples = _read("actors_peoples.json")["peoples"]
    assert all(p["country"] is None or p["country"] in codes for p in peoples)
    assert all(a[:1].isupper() for p in peoples for a in p["adj"] + p.get("demonyms", []))
    ctx_words = _read("actors_context.json")["state_context"]
    assert all(w == w.lower() for w in ctx_words) and len(set(ctx_words)) == len(ctx_words)


# -- pronouns -------------------------------------------------------------------------
def test_subject_pronoun_of_a_reported_clause_is_the_reporting_subject(nlp):
    evs = code_events(nlp, "President Kagame was quoted as saying he would be willing to host a meeting of Congolese and Burundian envoys.")
    assert any(e.source and e.source.country == "RWA" and e.source.text == "he" for e in evs)
    evs = code_events(nlp, "The Houthi rebels said they would release all Saudi prisoners.")
    assert any(e.source and (e.source.country, e.source.sector) == ("YEM", "REB") for e in evs)


def test_pronoun_in_a_condition_is_not_the_main_subject(nlp):
    evs = code_events(nlp, "Britain said that it would impose sanctions on Iran if it attacked its neighbours.")
    assert all(not (e.plover.type == "ASSAULT" and e.source and e.source.country == "GBR") for e in evs)


def test_an_attack_noun_as_subject_stands_for_its_doer(nlp):
    evs = code_events(nlp, "Recent Israeli attacks have killed at least ten militants in Gaza.")
    assert any(e.plover.type == "ASSAULT" and e.source and e.source.country == "ISR" and e.confidence >= 0.6 for e in evs)
    # elsewhere an act noun is a thing, not an actor
    evs = code_events(nlp, "Turkey condemned the attack on the Iraqi embassy.")
    assert all(e.target is None or e.target.text != "the attack" for e in evs)


def test_a_movement_is_a_body_unless_it_is_motion(nlp):
    evs = code_events(nlp, "The Hamas movement rejected the Egyptian ceasefire proposal.")
    assert any(e.source and (e.source.country, e.source.sector) == ("PSE", "REB") for e in evs)
    evs = code_events(nlp, "Israel eased restrictions on the movement of Palestinian workers.")
    assert all(e.target is None or e.target.text != "the movement" for e in evs)


def test_a_group_takes_the_country_of_what_it_belongs_to(nlp):
    evs = code_events(nlp, "Militants loyal to the Afghan warlord Gulbuddin Hekmatyar attacked a police post.")
    assert any(e.source and (e.source.country, e.source.sector) == ("AFG", "REB") for e in evs)
    from newsevents.events_actors import _placing_preps

    doc = nlp("Some 3,000 engineers affiliated with the Polish Rail Workers Union stopped work.")
    assert [(p.text, member) for p, member in _placing_preps(doc[2])] == [("with", True)]


def test_groups_of_people_the_coder_list_lacks_come_from_the_actor_lexicon(nlp):
    evs = code_events(nlp, "Turkish police detained forty migrants on Sunday.")
    assert any(e.target and e.target.sector == "REF" for e in evs)
    evs = code_events(nlp, "Hackers defaced hundreds of government websites in Estonia.")
    assert any(e.source and e.source.sector == "CRM" for e in evs)


def test_a_people_tagged_as_a_person_is_an_antecedent_for_their(nlp):
    from newsevents.events_actors import ActorFinder

    doc = nlp("Bosnian Serbs announced on Friday that their units had quit the valley.")
    ctx = Context(doc=doc, published=D)
    ctx.actors = DocActors(ctx)
    finder = ActorFinder(ctx)
    finder.actors(doc[1])
    their = next(t for t in doc if t.lower_ == "their")
    assert finder.antecedent(their) is not None and finder.antecedent(their).country == "BIH"


def test_well_known_armed_groups_are_bodies():
    from newsevents.actors import resolve

    for text, country in (("Boko Haram", "NGA"), ("al-Shabab fighters", "SOM"), ("the Kosovo Liberation Army", "XKX"), ("Abu Sayyaf", "PHL")):
        a = resolve(text)
        assert a is not None and a.country == country and a.sector == "REB", text


def test_an_attack_by_someone_as_subject_is_theirs(nlp):
    evs = code_events(nlp, "A rocket attack by Houthi rebels killed three Saudi soldiers on Monday.")
    assert any(e.plover.type == "ASSAULT" and e.confidence >= 0.6 and e.source and (e.source.country, e.source.sector) == ("YEM", "REB") for e in evs)


def test_a_misspelled_owner_of_a_title_is_a_state(nlp):
    text = "Quatar's emir flew to Riyadh for talks with the Saudi king."
    da = DocActors(Context(doc=nlp(text), published=D))
    _, actor = da.for_span(0, len("Quatar's emir"))
    assert actor is not None and (actor.country, actor.sector) == ("QAT", "GOV")


def test_former_country_names_resolve():
    from newsevents.actors import resolve

    for text, country in (("Zaire", "COD"), ("Rhodesian troops", "ZWE"), ("Ceylon", "LKA"), ("the Soviets", "SUN")):
        a = resolve(text)
        assert a is not None and a.country == country, text
    assert resolve("the Persian Gulf") is None or resolve("the Persian Gulf").country != "IRN"


def test_an_armed_groups_forces_are_rebels():
    from newsevents.actors import resolve

    assert (resolve("Boko Haram suicide bombers").country, resolve("Boko Haram suicide bombers").sector) == ("NGA", "REB")
    assert resolve("NATO troops").sector == "MIL"  # a state-like body keeps its military


def test_rebel_forces_are_rebels(nlp):
    from newsevents.actors import resolve

    assert resolve("rebel forces").sector == "REB" and resolve("Russian forces").sector == "MIL"
    evs = code_events(nlp, "Rebel forces in Tripoli released hundreds of political prisoners.")
    assert any(e.source and (e.source.country, e.source.sector) == ("LBY", "REB") for e in evs)


def test_an_association_is_a_non_governmental_body():
    from newsevents.actors import resolve

    a = resolve("the Kenyan Medical Association")
    assert (a.country, a.sector) == ("KEN", "NGO")


def test_a_language_or_descent_adjective_is_no_actor(nlp):
    from newsevents.events_actors import ActorFinder

    doc = nlp("The Latvian parliament lifted restrictions on the use of the Estonian language in schools.")
    ctx = Context(doc=doc, published=D)
    ctx.actors = DocActors(ctx)
    finder = ActorFinder(ctx)
    estonian = next(t for t in doc if t.text == "Estonian")
    assert finder.actors(estonian) == ()
    latvian = next(t for t in doc if t.text == "Latvian")
    assert finder.actors(latvian.head)[0].country == "LVA"  # the parliament keeps its country


def test_a_country_named_after_its_title_is_the_head():
    from newsevents.actors import resolve

    assert resolve("NATO member Norway").country == "NOR"
    assert resolve("EU member state Poland").country == "POL"
    assert resolve("Russian troops in Ukraine").country == "RUS"  # a place after "in" stays a place


def test_its_citizens_are_the_states_citizens(nlp):
    evs = code_events(nlp, "Pakistan has urged its citizens to leave Iraq immediately.")
    assert any(e.target and (e.target.country, e.target.sector) == ("PAK", "CVL") for e in evs)
