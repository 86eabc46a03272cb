"""The store behaves the same on SQLite and PostgreSQL (PostgreSQL when CI provides one)."""
from __future__ import annotations

import os

import pytest

from newsevents.store import Store

PG_URL = os.environ.get("NEWSEVENTS_TEST_PG_URL")


@pytest.fixture(scope="module")
def sample_docs(nlp):
    from newsevents.core import process
    from newsevents.demo import PUBLISHED, SAMPLE_FILES, sample_dir
    from newsevents.sources import read_path

    docs = []
    for name in SAMPLE_FILES:
        for raw in read_path(str(sample_dir() / name)):
            out = process(raw, published=PUBLISHED.get(name))
            assert out.ok, out.reason
            docs.append(out.document)
    return docs


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "postgresql":
        if not PG_URL:
            pytest.skip("no PostgreSQL server: set NEWSEVENTS_TEST_PG_URL (.ci/run starts one)")
        st = Store(PG_URL)
        st.reset()
    else:
        st = Store(str(tmp_path / "s.db"))
    yield st
    st.close()


def test_put_is_idempotent_and_counts(store, sample_docs):
    statuses = [store.put(d).status for d in sample_docs]
    assert statuses == ["stored"] * len(sample_docs)
    assert [store.put(d).status for d in sample_docs] == ["unchanged"] * len(sample_docs)
    counts = store.counts()
    assert counts["documents"] == len(sample_docs)
    assert counts["quotes"] == sum(len(d.quotes) for d in sample_docs)
    assert counts["events"] == sum(len(d.events) for d in sample_docs)


def test_queries_agree_across_backends(store, sample_docs):
    for d in sample_docs:
        store.put(d)
    assert {a["published"] for a in store.articles()} == {d.published for d in sample_docs}
    jensen = store.quotes(speaker="jensen")  # speaker match ignores case on both backends
    assert jensen and all("Jensen" in q["speaker_name"] for q in jensen)
    hits = store.quotes(search="allied territory")
    assert any("allied territory" in q["text"] for q in hits)
    found = store.search("potash")
    assert len(found) == 1 and "potash" in found[0]["snippet"]
    threats = store.events(dyad=("USA", "RUS"))
    assert all(e["source_country"] == "USA" and e["target_country"] == "RUS" for e in threats)
    assert all(isinstance(e["cameo"], str) for e in store.events())
    series = store.dyad_series("USA", "RUS")
    assert sum(r["events"] for r in series) == len(threats)


def test_copies_share_a_story(store, sample_docs):
    for d in sample_docs:
        store.put(d)
    stories = store.stories_list()
    by_title = {s["title"]: s for s in stories}
    wire = next(s for t, s in by_title.items() if t and t.startswith("Ukraine warns"))
    assert wire["num_articles"] == 2  # the wire original and its damaged republished copy
    assert len(stories) == len(sample_docs) - 1


def test_rejections_upsert(store):
    for _ in range(2):
        store.reject(input_key="k1", path="a.txt", line=None, fmt="text", code="E002", reason="empty document")
    store.reject(input_key="k2", path="b.jsonl", line=3, fmt="jsonl", code="E007", reason="not JSON")
    assert [(r["path"], r["code"]) for r in store.rejections()] == [("a.txt", "E002"), ("b.jsonl", "E007")]


def test_exports_on_both_backends(store, sample_docs, tmp_path):
    from newsevents.export import GDELT_COLUMNS, export

    for d in sample_docs:
        store.put(d)
    out = tmp_path / "ev.tsv"
    n = export(store, table="events", fmt="gdelt", out=str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) > 0 and all(len(ln.split("\t")) == len(GDELT_COLUMNS) for ln in lines)
    # copies are counted once: fewer canonical events than mentions
    assert n < store.counts()["events"]
