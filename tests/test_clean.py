"""Cleaning and repair on damaged text we wrote, and on the seed article."""
from __future__ import annotations

from newsevents.clean import clean, restore


def kinds(cleaned):
    return [r.kind for r in cleaned.repairs]


def check_roundtrip(raw, cleaned):
    assert restore(cleaned.text, cleaned.repairs) == raw.replace("\r\n", "\n")
    for r in cleaned.repairs:
        assert cleaned.text[r.start : r.end] == r.fixed


def test_clean_text_is_left_alone():
    raw = "The minister said on Monday that “talks will continue,” and left for Brussels."
    c = clean(raw)
    assert c.text == raw and c.repairs == ()


def test_artifacts_and_source_trailer():
    raw = "[ad_1]\nThe port reopened on Friday after a week of strikes.\nShare this article\nSource: Reuters\n[ad_2]\nSource link\n"
    c = clean(raw)
    assert c.text == "The port reopened on Friday after a week of strikes."
    assert c.original_source == "Reuters"
    assert "source_trailer" in kinds(c) and kinds(c).count("artifact") >= 3
    check_roundtrip(raw, c)


def test_source_mentioned_in_body_is_not_a_trailer():
    raw = "Source: officials at the port.\nThe port reopened on Friday.\nShips queued outside the harbour.\nTrade resumed.\nPrices fell.\nFuel arrived."
    assert clean(raw).original_source is None


def test_lost_closing_quote_before_attribution():
    raw = "“The bridge will be rebuilt by springHe said.\n“Funding is secured for two yearsFinance Minister Jana Novak told lawmakers."
    c = clean(raw)
    assert c.text.splitlines()[0] == "“The bridge will be rebuilt by spring,” he said."
    assert c.text.splitlines()[1].startswith("“Funding is secured for two years,” Finance Minister Jana Novak told")
    assert kinds(c).count("lost_close_quote") == 2
    check_roundtrip(raw, c)


def test_opening_mark_used_as_closing_and_capitalized_attribution():
    raw = "“We have waited long enough“, She added.\n“It is over“, Said the spokesman."
    c = clean(raw)
    assert c.text == "“We have waited long enough”, she added.\n“It is over”, said the spokesman."
    assert {"closing_quote_mark", "attribution_case"} <= set(kinds(c))
    check_roundtrip(raw, c)


def test_doubled_marks_and_glued_period():
    raw = "““We will rebuild,” he said.\nThe army could be deployed.to protect the plant, if needed”."
    c = clean(raw)
    assert c.text.splitlines()[0] == "“We will rebuild,” he said."
    assert "deployed “to protect the plant, if needed”." in c.text
    check_roundtrip(raw, c)


def test_urls_abbreviations_and_brands_are_not_repaired():
    raw = "See example.com for details. He arrived at 9 a.m. on Monday. The iPhone maker and McDonald said so. Sales rose approx. five percent."
    assert clean(raw).text == raw


def test_mojibake_is_fixed_and_curly_quotes_kept():
    raw = "The minister said: â€œWe agree.â€\x9d"
    c = clean(raw)
    assert c.text == "The minister said: “We agree.”"
    check_roundtrip(raw, c)


def test_seed_cleaning(seed_text):
    c = clean(seed_text)
    for artifact in ("[ad_1]", "[ad_2]", "Source link", "top channel", "Source: VOA"):
        assert artifact not in c.text
    assert c.original_source == "VOA"
    assert "in February,” White House National Security Council spokeswoman Emily Horne said." in c.text
    assert "for months”, she added." in c.text
    assert "within two weeks,” he said." in c.text
    assert "Ukrainian side,” said Mr. Kuleba." in c.text
    assert "mobilized “to reinforce" in c.text
    assert "““" not in c.text
    check_roundtrip(seed_text, c)
