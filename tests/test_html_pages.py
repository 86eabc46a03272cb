"""Real web pages from ../shared/data/html (skipped without it): text, metadata, language gate."""
from __future__ import annotations

import json
import re

import pytest

from newsevents.errors import NewsEventsError
from newsevents.sources import html_to_text

NON_ENGLISH = ["tagesschau.de.rheinmetall.html", "elpais.com.ciencia.html", "ledevoir.com.trottinettes.html",
               "correiobraziliense.com.br-poderes.html"]


def _norm(s) -> str:
    if isinstance(s, list):
        s = "; ".join(s)
    return re.sub(r"\s+", " ", s or "").strip()


def _page(base, name: str) -> str | None:
    for sub in ("cache", "eval"):
        p = base / sub / name
        if p.is_file():
            return p.read_bytes().decode("utf-8", "replace")
    return None


@pytest.fixture(scope="module")
def trafilatura_set(shared_dir):
    base = shared_dir / "data" / "html" / "trafilatura"
    return base, json.loads((base / "evaldata.json").read_text(encoding="utf-8"))


def test_english_news_pages_text_title_date(trafilatura_set):
    base, recs = trafilatura_set
    chosen = [(k, r) for k, r in recs.items() if r.get("title") and r.get("date") and not k.startswith("hard::")
              and r["file"] not in NON_ENGLISH][:15]
    found = total = titles = dates = rejected = 0
    for url, rec in chosen:
        html = _page(base, rec["file"])
        try:
            meta = html_to_text(html, url=url)
        except NewsEventsError as err:
            rejected += 1
            assert err.code in ("E006", "E016")
            continue
        text = _norm(meta["text"])
        total += len(rec["with"])
        found += sum(_norm(s) in text for s in rec["with"])
        titles += _norm(meta["title"]).casefold() == _norm(rec["title"]).casefold()
        dates += meta["published"] == rec["date"]
        assert meta["url"].startswith("http") and meta["language"] == "en"
    assert rejected <= 2
    assert found / total >= 0.85, (found, total)
    assert titles >= 0.6 * len(chosen) and dates >= 0.75 * len(chosen), (titles, dates, len(chosen))


def test_non_english_pages_are_rejected_with_a_reason(trafilatura_set):
    base, _ = trafilatura_set
    for name in NON_ENGLISH:
        html = _page(base, name)
        assert html is not None, name
        with pytest.raises(NewsEventsError) as err:
            html_to_text(html)
        assert err.value.code == "E016" and "English" in err.value.message
        assert html_to_text(html, english_only=False)["language"] in ("de", "es", "fr", "pt")


def test_htmldate_gold_dates(shared_dir):
    base = shared_dir / "data" / "html" / "htmldate"
    gold = list(json.loads((base / "eval_default.json").read_text(encoding="utf-8")).items())[:12]
    right = 0
    for url, rec in gold:
        try:
            right += html_to_text(_page(base, rec["file"]), url=url)["published"] == rec["date"]
        except NewsEventsError:
            pass
    assert right >= 8, right
