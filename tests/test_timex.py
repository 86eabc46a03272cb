"""Time expressions: normalization, detection offsets, event dating, and a TimeBank floor."""
from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

from newsevents.pipeline import Context
from newsevents.timex import date_for, normalize, timex_component, value_to_date

FRI = dt.date(2022, 1, 28)  # a Friday


@pytest.mark.parametrize(
    "text,tense,expected",
    [
        ("Thursday", "past", ("DATE", "2022-01-27")),
        ("February", "future", ("DATE", "2022-02")),
        ("March", "past", ("DATE", "2021-03")),
        ("February", "past", ("DATE", "2022-02")),  # the month right after publication: a deadline
        ("the second week of February", None, ("DATE", "2022-W06")),
        ("within two weeks", None, ("DURATION", "P2W")),
        ("last month", None, ("DATE", "2021-12")),
        ("next week", None, ("DATE", "2022-W05")),
        ("every Monday", None, ("SET", "XXXX-WXX-1")),
        ("two weeks ago", None, ("DATE", "2022-W02")),
        ("three days ago", None, ("DATE", "2022-01-25")),
        ("a year ago", None, ("DATE", "2021")),
        ("the 1990s", None, ("DATE", "199")),
        ("the first quarter", "future", ("DATE", "2022-Q1")),
        ("last summer", None, ("DATE", "2021-SU")),
        ("three years", None, ("DURATION", "P3Y")),
        ("two hours", None, ("DURATION", "PT2H")),
        ("the past six months", None, ("DURATION", "P6M")),
        ("now", None, ("DATE", "PRESENT_REF")),
        ("recently", None, ("DATE", "PAST_REF")),
        ("the coming weeks", None, ("DURATION", "PXW")),
        ("Thursday afternoon", "past", ("TIME", "2022-01-27TAF")),  # "noon" inside "afternoon" is no clock
        ("mid-afternoon yesterday", None, ("TIME", "2022-01-27TAF")),
        ("a minute and a half", None, ("DURATION", "PT1M30S")),
        ("a week or so ago", None, ("DATE", "2022-W03")),
        ("Thanksgiving", None, ("DATE", "2021-11-25")),  # tense unknown: the nearest one
        ("5 p.m. GMT", None, ("TIME", "2022-01-28T17:00Z")),
        ("yesterday", None, ("DATE", "2022-01-27")),
        ("this morning", None, ("TIME", "2022-01-28TMO")),
        ("2 p.m. Thursday", "past", ("TIME", "2022-01-27T14:00")),
        ("March 3, 2019", None, ("DATE", "2019-03-03")),
        ("daily", None, ("SET", "P1D")),
        ("earlier this year", None, ("DATE", "2022")),
    ],
)
def test_normalize_with_anchor(text, tense, expected):
    assert normalize(text, anchor=FRI, tense=tense) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("Thursday", ("DATE", "XXXX-WXX-4")), ("last month", ("DATE", "XXXX-XX")), ("February", ("DATE", "XXXX-02")),
     ("yesterday", ("DATE", "XXXX-XX-XX")), ("March 3, 2019", ("DATE", "2019-03-03"))],
)
def test_without_publication_date_relative_stays_unresolved(text, expected):
    assert normalize(text, anchor=None) == expected


def test_no_nonsense_values():
    assert normalize("Feb. 30", anchor=FRI) is None
    assert normalize("the table", anchor=FRI) is None


def _run(nlp, text, published=FRI):
    ctx = Context(doc=nlp(text), published=published)
    timex_component(ctx)
    return ctx


def test_component_offsets_and_tense(nlp):
    text = ("The minister met the envoy on Thursday and said talks will resume in February. "
            "Prices rose 4% last month, the highest in two years.")
    ctx = _run(nlp, text)
    got = {(t.text, t.type, t.value) for t in ctx.timexes}
    for t in ctx.timexes:
        assert text[t.start:t.end] == t.text
    assert ("Thursday", "DATE", "2022-01-27") in got
    assert ("February", "DATE", "2022-02") in got
    assert ("last month", "DATE", "2021-12") in got
    assert ("two years", "DURATION", "P2Y") in got


def test_date_range_gives_two_days(nlp):
    ctx = _run(nlp, "The festival runs Feb. 7-13 in the old town.")
    assert [(t.text, t.value) for t in ctx.timexes] == [("Feb. 7", "2022-02-07"), ("13", "2022-02-13")]


def test_sets_and_may_as_verb(nlp):
    ctx = _run(nlp, "The council meets every Monday. Officials may decide later.")
    assert [(t.text, t.type, t.value) for t in ctx.timexes] == [("every Monday", "SET", "XXXX-WXX-1")]


def test_date_for_governing_timex(nlp):
    ctx = _run(nlp, "Rebels attacked the convoy on Thursday. The army says it is pursuing them.")
    trigger = next(t.i for t in ctx.doc if t.text == "attacked")
    assert date_for(ctx, trigger) == ("2022-01-27", "day", "timex")
    now = next(t.i for t in ctx.doc if t.text == "pursuing")
    assert date_for(ctx, now) == ("2022-01-28", "day", "published")


def test_reference_time_for_anaphoric_expressions(nlp):
    ctx = _run(nlp, "The plant was seized on March 3, 2019. That day, prices fell. Two days later the owners fled, "
                    "and later that year the courts ruled. In 1995 he joined the army; the following year he "
                    "was promoted. Sales fell two days ago.")
    got = {t.text: t.value for t in ctx.timexes}
    # TimeML: "Two days" is the duration and "later" a signal; the event still gets the shifted day
    assert got["Two days"] == "P2D"
    fled = next(t.i for t in ctx.doc if t.text == "fled")
    assert date_for(ctx, fled) == ("2019-03-05", "day", "timex")
    assert got["later that year"] == "2019"
    assert got["That day"] == "2019-03-03"
    assert got["the following year"] == "1996"
    assert got["two days ago"] == "2022-01-26"  # "ago" stays relative to publication


def test_results_report_quarters(nlp):
    oct_ = dt.date(1989, 10, 26)
    ctx = _run(nlp, "The company expects to report a third-quarter loss. In the latest quarter, sales rose 5% from "
                    "a year earlier. In the 1988 second quarter it lost money, and this year's first quarter was "
                    "flat. For the year ended June 30, net rose. Sales for the full year will rise, and the deal "
                    "should close by year-end.", published=oct_)
    got = {t.text: (t.type, t.value) for t in ctx.timexes}
    assert got["third-quarter"] == ("DATE", "1989-Q3")  # future tense, but the quarter just ended
    assert got["the latest quarter"] == ("DATE", "1989-Q3")
    assert got["a year earlier"] == ("DATE", "1988-Q3")
    assert got["the 1988 second quarter"] == ("DATE", "1988-Q2")
    assert got["this year's first quarter"] == ("DATE", "1989-Q1")
    assert got["the year"] == ("DURATION", "P1Y")
    assert got["the full year"] == ("DATE", "1989")
    assert got["year-end"] == ("DATE", "1989")


def test_forward_cue_words_set_dates_ahead(nlp):
    ctx = _run(nlp, "The board declared a dividend, payable Feb. 1, and the plan took effect in January.",
               published=dt.date(2022, 3, 10))
    got = {t.text: t.value for t in ctx.timexes}
    assert got["Feb. 1"] == "2023-02-01"
    assert got["January"] == "2022-01"


def test_spoken_years(nlp):
    ctx = _run(nlp, "In nineteen ninety-six the bomb went off. By the year two thousand it was rebuilt.")
    assert [(t.text, t.value) for t in ctx.timexes] == [("nineteen ninety-six", "1996"),
                                                       ("the year two thousand", "2000")]


def _dates(ctx, *words):
    return [date_for(ctx, next(t.i for t in ctx.doc if t.text == w)) for w in words]


def test_date_for_news_patterns(nlp):
    ctx = _run(nlp, "Diplomats held talks in Vienna on Wednesday and agreed on a further round of talks to be held "
                    "in Geneva in the second week of February. Police arrested 20 people last month. "
                    "The chancellery said Scholz warned the premier on Thursday that Russia would invade in "
                    "February. The allies continue to protest, and will act if Russia attacks.")
    held, agreed, held2, arrested, warned, invade = _dates(ctx, "held", "agreed", "held", "arrested", "warned",
                                                           "invade")
    assert held == ("2022-01-26", "day", "timex")
    assert agreed == ("2022-01-26", "day", "timex")  # coordinated with "held ... on Wednesday"
    second_held = [t.i for t in ctx.doc if t.text == "held"][1]
    assert date_for(ctx, second_held) == ("2022-02-07", "week", "timex")
    assert arrested == ("2021-12-01", "month", "timex")
    assert warned == ("2022-01-27", "day", "timex")
    assert invade == ("2022-02-01", "month", "timex")
    protest, attacks = _dates(ctx, "protest", "attacks")
    assert protest == ("2022-01-28", "day", "published")
    assert attacks == (None, None, None)  # hypothetical, not a statement about now


def test_date_for_no_inheritance_across_tense_clash(nlp):
    ctx = _run(nlp, "Peskov said last month that the presidents will meet again.")
    assert _dates(ctx, "meet") == [(None, None, None)]


def test_date_for_none_without_cue(nlp):
    ctx = _run(nlp, "Rebels attacked the convoy near the border.")
    trigger = next(t.i for t in ctx.doc if t.text == "attacked")
    assert date_for(ctx, trigger) == (None, None, None)


def test_value_to_date_granularity():
    assert value_to_date("2022-02") == ("2022-02-01", "month")
    assert value_to_date("2022-W06") == ("2022-02-07", "week")
    assert value_to_date("2022") == ("2022-01-01", "year")
    assert value_to_date("P2W") is None


def _load_eval():
    path = Path(__file__).resolve().parents[1] / "eval" / "time.py"
    spec = importlib.util.spec_from_file_location("newsevents_eval_time", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the file executes
    spec.loader.exec_module(mod)
    return mod


def test_timebank_slice_value_f1(nlp, shared_dir):
    ev = _load_eval()
    sc = ev.evaluate("timebank", limit=15, quiet=True)
    p, r, f = sc.prf(sc.value)
    assert sc.gold > 50
    assert f >= 0.65, f"value F1 {f:.3f} on 15 TimeBank docs"


def test_signals_durations_and_clock_days(nlp):
    ctx = _run(nlp, "The blast occurred at about 10:35 a.m. (0735 GMT) Wednesday. Three days later, rescuers left. "
                    "The team spent a week in the city. Tickets cost $40 a night. Labor Day parades were cancelled.")
    got = {t.text: (t.type, t.value) for t in ctx.timexes}
    assert got["10:35 a.m."] == ("TIME", "2022-01-26T10:35")  # the day named after the clock time
    assert got["Three days"] == ("DURATION", "P3D")  # "later" is a signal, outside the extent
    left = next(t.i for t in ctx.doc if t.text == "left")
    assert date_for(ctx, left) == ("2022-01-29", "day", "timex")
    assert got["a week"] == ("DURATION", "P1W")
    assert got["a night"] == ("SET", "P1D")  # a rate after an amount
    assert got["Labor Day"][0] == "DATE"


def test_names_and_directional_cues(nlp):
    ctx = _run(nlp, "Protesters joined the March for Life. The party daily Granma said police have been searching "
                    "for him since the Oct. 23 shooting. The bank will soon cut rates. He was soon released, "
                    "as soon as officials agreed.")
    got = {t.text: t.value for t in ctx.timexes}
    assert "March" not in got and "daily" not in got  # a march's name, a newspaper
    assert got["Oct. 23"] == "2021-10-23"  # "since ...": the past, whatever the clause's tense
    assert [t.text for t in ctx.timexes if t.value == "FUTURE_REF"] == ["soon"]  # only the future "soon"


def test_future_offsets_date_events(nlp):
    ctx = _run(nlp, "Talks will resume in two weeks. The army withdrew within two weeks.")
    assert {t.text: t.value for t in ctx.timexes}["two weeks"] == "P2W"  # the expression stays a duration
    resume = next(t.i for t in ctx.doc if t.text == "resume")
    assert date_for(ctx, resume) == ("2022-02-07", "week", "timex")
    withdrew = next(t.i for t in ctx.doc if t.text == "withdrew")
    assert date_for(ctx, withdrew) == (None, None, None)  # a past span, not a date
