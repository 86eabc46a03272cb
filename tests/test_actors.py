"""Actor resolution: lexicon well-formedness, free-text mentions, documents."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from newsevents.actors import DocActors, resolve, resolve_name
from newsevents.actors_lexicon import SECTORS, _read, alias_words, lexicon
from newsevents.pipeline import Context

D = dt.date(2022, 1, 28)


def cs(actor):
    return (actor.country, actor.sector) if actor else None


# ---------------------------------------------------------------- data files


def test_data_files_are_well_formed():
    lex = lexicon()
    countries = _read("actors_countries.json")["countries"]
    codes = {c["code"] for c in countries}
    assert len(codes) == len(countries) >= 197
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    known = codes | set(lex.codes)
    for body in lex.bodies.values():
        assert body.country is None or body.country in known, body
        assert body.sector is None or body.sector in SECTORS, body
    sectors = _read("actors_sectors.json")["sectors"]
    assert all(s["sector"] in SECTORS for s in sectors)
    persons = _read("actors_persons.json")["persons"]
    assert len({p["id"] for p in persons}) == len(persons)
    for p in persons:
        assert p["gender"] in ("m", "f"), p["id"]
        assert p["country"] in known, p["id"]
        assert p["roles"], p["id"]
        for r in p["roles"]:
            assert r.get("country", p["country"]) in known, p["id"]
            assert r["sector"] in SECTORS, p["id"]
            if r.get("body"):
                assert r["body"] in lex.bodies, (p["id"], r["body"])
            if r.get("from") and r.get("to"):
                assert dt.date.fromisoformat(r["from"]) < dt.date.fromisoformat(r["to"]), p["id"]


def test_no_alias_means_two_actors_of_one_kind():
    """A full-name alias names one person; a place name one country or body
    (surnames may be shared: dated roles tell "Johnson" in 2021 from 2024)."""
    seen: dict[tuple[str, tuple], str] = {}
    for p in _read("actors_persons.json")["persons"]:
        for alias in [p["name"], *p.get("aliases", ())]:
            key = ("person", alias_words(alias)[0])
            assert seen.setdefault(key, p["id"]) == p["id"], (alias, seen[key], p["id"])
    for c in _read("actors_countries.json")["countries"]:
        for alias in [c["name"], *c.get("aliases", ()), *c.get("capitals", ())]:
            key = ("place", alias_words(alias)[0])
            assert seen.setdefault(key, c["code"]) == c["code"], (alias, seen[key], c["code"])
    for b in _read("actors_bodies.json")["bodies"]:
        for alias in [b["name"], *b.get("aliases", ())]:
            key = ("body", alias_words(alias)[0])
            assert seen.setdefault(key, b["id"]) == b["id"], (alias, seen[key], b["id"])


def test_office_holders_do_not_overlap():
    """One head of government / foreign minister / defence minister per country at a time."""
    lex = lexicon()
    for office in ("head_of_government", "foreign_minister", "defence_minister"):
        spans: dict[str, list] = {}
        for p in lex.persons.values():
            for r in p.roles:
                if r.office == office and r.sector in ("GOV", "MIL"):
                    spans.setdefault(r.country, []).append((r.start or dt.date.min, r.end or dt.date.max, p.id))
        for country, lst in spans.items():
            lst.sort()
            for (s1, e1, a), (s2, e2, b) in zip(lst, lst[1:]):
                assert e1 <= s2, (office, country, a, b)


# ---------------------------------------------------------------- resolve


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Russia", ("RUS", None)),
        ("Russians", ("RUS", "CVL")),  # a people: its civilians, not its state
        ("the Russians", ("RUS", "CVL")),
        ("Ukrainian", ("UKR", None)),
        ("American", ("USA", None)),
        ("US", ("USA", None)),
        ("U.S.", ("USA", None)),
        ("the United States", ("USA", None)),
        ("Britain", ("GBR", None)),
        ("People's Republic of China", ("CHN", None)),
        ("Republic of China", ("TWN", None)),
        ("Saudi Arabia", ("SAU", None)),
        ("Guinea-Bissau", ("GNB", None)),
        ("Moscow", ("RUS", "GOV")),
        ("Kyiv", ("UKR", "GOV")),
        ("Kiev", ("UKR", "GOV")),
        ("Washington", ("USA", "GOV")),
        ("Beijing", ("CHN", "GOV")),
        ("Minsk", ("BLR", "GOV")),
        ("Berlin", ("DEU", "GOV")),
        ("the Kremlin", ("RUS", "GOV")),
        ("the White House", ("USA", "GOV")),
        ("the Pentagon", ("USA", "MIL")),
        ("the State Department", ("USA", "GOV")),
        ("NATO", ("NATO", "IGO")),
        ("Nato", ("NATO", "IGO")),
        ("the EU", ("EU", "IGO")),
        ("the UN", ("UN", "IGO")),
        ("the West", ("WST", None)),
        ("Russian troops", ("RUS", "MIL")),
        ("Russian forces", ("RUS", "MIL")),
        ("Russian officials", ("RUS", "GOV")),
        ("the Ukrainian army", ("UKR", "MIL")),
        ("US forces", ("USA", "MIL")),
        ("American warplanes", ("USA", "MIL")),
        ("a US destroyer", ("USA", "MIL")),
        ("four Saudi men", ("SAU", "CVL")),
        ("Moscow's forces", ("RUS", "MIL")),
        ("NATO troops", ("NATO", "MIL")),
        ("EU officials", ("EU", "IGO")),
        ("Kremlin spokesman", ("RUS", "GOV")),
        ("a Pentagon spokesman", ("USA", "MIL")),
        ("protesters", (None, "CVL")),
        ("rebels", (None, "REB")),
        ("separatists", (None, "REB")),
        ("pro-Russian separatists", (None, "REB")),
        ("riot police", (None, "COP")),
        ("journalists", (None, "JRN")),
        ("the opposition", (None, "OPP")),
        ("the company", (None, "BUS")),
        ("a firm", (None, "BUS")),
        ("Director of Central Intelligence", (None, "SPY")),
        ("troops in Ukraine", (None, "MIL")),
        ("the ambassador to Russia", (None, "GOV")),
        ("Biden administration officials", ("USA", "GOV")),
        ("Putin's troops", ("RUS", "MIL")),
    ],
)
def test_resolve_mentions(text, expected):
    assert cs(resolve(text, on=D)) == expected


@pytest.mark.parametrize("text", ["", "us", "we", "the weather", "Washington Post", "Moscow Times"])
def test_resolve_nothing(text):
    assert resolve(text, on=D) is None


def test_persons_and_titles_by_date():
    assert resolve_name("Russian President Vladimir Putin", on=D) == (
        "Vladimir Putin",
        resolve("Vladimir Putin", on=D),
    )
    assert cs(resolve("Joe Biden", on=D)) == ("USA", "GOV")
    assert resolve_name("Biden", on=D)[0] == "Joe Biden"
    assert resolve_name("Lavrov", on=D)[0] == "Sergei Lavrov"
    assert resolve_name("President Zelensky", on=D)[0] == "Volodymyr Zelenskyy"
    assert resolve_name("Zelenskiy", on=D)[0] == "Volodymyr Zelenskyy"
    # Titles resolve to whoever held the office on the date.
    assert resolve_name("the Ukrainian foreign minister", on=D)[0] == "Dmytro Kuleba"
    assert resolve_name("the Ukrainian foreign minister", on=dt.date(2025, 1, 10))[0] == "Andrii Sybiha"
    assert resolve_name("Secretary of State", on=D)[0] == "Antony Blinken"
    assert resolve_name("the secretary of state", on=dt.date(2020, 6, 1))[0] == "Mike Pompeo"
    assert resolve_name("the British prime minister", on=dt.date(2022, 10, 1))[0] == "Liz Truss"
    assert resolve_name("the British prime minister", on=dt.date(2023, 6, 1))[0] == "Rishi Sunak"
    assert resolve_name("the German chancellor", on=dt.date(2021, 6, 1))[0] == "Angela Merkel"
    assert resolve_name("the Russian defence minister", on=dt.date(2024, 8, 1))[0] == "Andrei Belousov"
    assert resolve_name("the Kremlin spokesman", on=D)[0] == "Dmitry Peskov"
    assert resolve_name("the Iranian president", on=dt.date(2022, 5, 1))[0] == "Ebrahim Raisi"
    # ...but not deputies, plurals, indefinites, or without a date.
    assert resolve_name("the Russian deputy foreign minister", on=D)[0] is None
    assert resolve_name("foreign ministers", on=D)[0] is None
    assert resolve_name("a Kremlin spokesman", on=D)[0] is None
    assert resolve_name("the Ukrainian foreign minister")[0] is None
    assert cs(resolve("the Ukrainian foreign minister")) == ("UKR", "GOV")
    # Shared surnames: the date decides.
    assert resolve_name("Johnson", on=dt.date(2021, 3, 1))[0] == "Boris Johnson"
    assert resolve_name("Johnson", on=dt.date(2024, 3, 1))[0] == "Mike Johnson"
    # Out of office: still the person, with the country and sector of a past role.
    assert resolve("Biden", on=dt.date(2018, 1, 1)).country == "USA"
    assert resolve("Boris Johnson", on=dt.date(2024, 1, 1)).country == "GBR"


# ---------------------------------------------------------------- documents


def _doc_actors(nlp, text, published=D):
    return DocActors(Context(doc=nlp(text), published=published))


TEXT = (
    "Pentagon spokeswoman Sabrina Kowalczyk told reporters on Monday that Washington would send more aid.\n"
    "Kremlin spokesman Dmitry Peskov rejected the offer.\n"
    "The talks were led by Tomas Varga, the Kremlin envoy, and by Mr Peskov's deputy.\n"
    "Ms Kowalczyk said the US would respond. Later, Mr. Varga said Russia was ready.\n"
    "\"We will see,\" said Mrs. Kowalczyk, adding that Secretary Blinken agreed with President Biden.\n"
    "The Moscow Times and the Washington Post reported on the meeting.\n"
)


def test_doc_surnames_and_context(nlp):
    da = _doc_actors(nlp, TEXT)

    def span(s, nth=0):
        i = -1
        for _ in range(nth + 1):
            i = TEXT.index(s, i + 1)
        return da.for_span(i, i + len(s))

    name, actor = span("Ms Kowalczyk")
    assert name == "Sabrina Kowalczyk" and cs(actor) == ("USA", "MIL")
    assert span("Mrs. Kowalczyk")[0] == "Sabrina Kowalczyk"
    name, actor = span("Mr. Varga")
    assert name == "Tomas Varga" and cs(actor) == ("RUS", "GOV")
    assert span("Mr Peskov")[0] == "Dmitry Peskov"
    assert span("Secretary Blinken")[0] == "Antony Blinken"
    assert span("President Biden") == ("Joe Biden", resolve("Joe Biden", on=D))
    assert cs(span("Washington")[1]) == ("USA", "GOV")
    assert span("Moscow Times")[1] is None or span("Moscow Times")[1].sector != "GOV"
    genders = {m.name: m.gender for m in da.person_mentions()}
    assert genders["Sabrina Kowalczyk"] == "f"
    assert genders["Dmitry Peskov"] == "m"
    assert genders["Tomas Varga"] == "m"
    assert da.resolve_text("Ms Kowalczyk")[0] == "Sabrina Kowalczyk"


def test_entities_component_adds_lexicon_names(nlp):
    from newsevents.actors import entities_component

    text = "The Kremlin and the Pentagon traded accusations as Nato met in Brussels."
    ctx = Context(doc=nlp(text), published=D)
    entities_component(ctx)
    by_text = {e.text: e for e in ctx.entities}
    for name in ("Kremlin", "Pentagon", "Nato", "Brussels"):
        hit = [e for e in ctx.entities if name in e.text]
        assert hit and hit[0].actor is not None, name
        assert text[hit[0].start : hit[0].end] == hit[0].text
    assert ctx.actors is not None and by_text


def test_seed(seed_doc):
    doc = seed_doc
    text = doc.text
    from newsevents import nlp as nlp_mod

    da = _doc_actors(nlp_mod.load(), text)

    def first(s):
        i = text.index(s)
        return da.for_span(i, i + len(s))

    name, actor = first("Mr Kuleba")
    assert name == "Dmytro Kuleba" and cs(actor) == ("UKR", "GOV")
    assert first("Mr. Kirby")[0] == "John Kirby"
    name, actor = first("Mr Peskov")
    assert name == "Dmitry Peskov" and cs(actor) == ("RUS", "GOV")
    assert cs(first("Moscow")[1]) == ("RUS", "GOV")
    assert cs(first("the Kremlin")[1]) == ("RUS", "GOV")
    assert cs(first("NATO")[1]) == ("NATO", "IGO")
    assert cs(first("Biden")[1]) == ("USA", "GOV")
    ents = {(e.text, e.actor.id if e.actor else None) for e in doc.entities}
    assert ("Kremlin", "org:kremlin") in ents
    for e in doc.entities:
        assert text[e.start : e.end] == e.text


def test_doc_titles_name_the_person_seen_with_them(nlp):
    text = (
        "Estonian Foreign Minister Mirjam Tammsaar met the Minister of Foreign Affairs of Ukraine in Tallinn.\n"
        "The Estonian foreign minister later said talks would continue.\n"
    )
    da = _doc_actors(nlp, text)
    i = text.index("The Estonian foreign minister")
    name, actor = da.for_span(i, i + len("The Estonian foreign minister"))
    assert name == "Mirjam Tammsaar" and cs(actor) == ("EST", "GOV")
    i = text.index("the Minister of Foreign Affairs")
    assert da.for_span(i, i + len("the Minister of Foreign Affairs"))[0] == "Dmytro Kuleba"
    assert cs(da.for_span(i, i + len("the Minister of Foreign Affairs"))[1]) == ("UKR", "GOV")


def test_compass_adjective_before_a_country_is_part_of_the_place():
    from newsevents import actors

    assert actors.resolve("Western Cambodia").country == "KHM"
    assert actors.resolve("Western diplomats").country == "WST"


def test_cities_resolve_to_their_country_as_a_place():
    places = _read("actors_places.json")["places"]
    codes = {c["code"] for c in _read("actors_countries.json")["countries"]}
    assert set(places) <= codes and sum(map(len, places.values())) >= 500
    assert cs(resolve("Mosul")) == ("IRQ", None)
    assert cs(resolve("the town of Diyarbakir")) == ("TUR", None)
    assert cs(resolve("Hebron")) == ("PSE", None)
    assert cs(resolve("Kabul")) == ("AFG", "GOV")  # a capital stays the government
    assert resolve("the Jerusalem Post") is None or resolve("the Jerusalem Post").sector == "MED"


@pytest.mark.parametrize("text,country,sector", [
    ("ILO", "UN", "IGO"),
    ("International Labour Organization", "UN", "IGO"),
    ("PKK", "TUR", "REB"),
    ("UNITA", "AGO", "REB"),
    ("Tamil Tigers", "LKA", "REB"),
    ("PLO", "PSE", "REB"),
])
def test_known_armed_groups_and_agencies(text, country, sector):
    hit = resolve(text)
    assert hit is not None and hit.country == country and hit.sector == sector
