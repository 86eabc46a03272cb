"""Copies and stories (MinHash LSH + TF-IDF), incremental, and canonical events/quotes."""
from __future__ import annotations

import json

from click.testing import CliRunner

from newsevents.core import content_id
from newsevents.model import Document
from newsevents.store import Store

ORIGINAL = (
    "The government of Norland said on Wednesday it would close its embassy in the capital of Sarevia after "
    "weeks of protests outside the building. Foreign Minister Anja Brekke told parliament that the safety of "
    "diplomatic staff could no longer be guaranteed. “We have asked our people to come home, and they will leave "
    "by Friday,” Brekke said. Sarevia's foreign ministry called the decision regrettable and said it had offered "
    "extra police protection. Trade between the two countries, mostly timber and fish, reached two billion euros "
    "last year. Analysts said the closure would make talks on a fishing agreement much harder. The embassy has "
    "been open since the two countries established relations in the early nineteen nineties."
)
WRAPPED = (
    "[ad_1]\nHome | World | Politics\n" + ORIGINAL.replace("“We have", "““We have").replace("Friday,”", "Friday“,")
    + "\nSource link\nShare this article on social media\nSubscribe to our newsletter for daily updates"
)
EDITED = ORIGINAL.replace("on Wednesday", "on Wednesday evening").replace(
    " The embassy has been open since the two countries established relations in the early nineteen nineties.", ""
)
FOLLOW_UP = (
    "Norland's diplomats left the embassy in the Sarevian capital on Friday, two days after Foreign Minister "
    "Anja Brekke announced its closure following weeks of protests. Sarevia's foreign ministry again called the "
    "closure regrettable. Brekke said the embassy could reopen once the protests end and the safety of diplomatic "
    "staff is guaranteed. Timber and fish traders in both countries worry that the fishing agreement talks will stall."
)
OTHER = (
    "A rare white deer was photographed in the hills above the village of Tolmo this week, delighting hikers. "
    "Wildlife officers asked visitors to keep their distance and not to feed the animal. The deer appears to be "
    "about two years old and healthy, a local vet said after seeing the pictures. Similar sightings were last "
    "reported in the region more than a decade ago."
)


def doc(text: str, **kw) -> Document:
    return Document(id=content_id(text), text=text, **kw)


def test_copies_stories_and_incremental_reopen(tmp_path):
    db = str(tmp_path / "s.db")
    with Store(db) as store:
        store.put(doc(ORIGINAL, published="2023-03-01", outlet="Norland Radio", url="https://radio.example/a"))
        store.put(doc(WRAPPED, published="2023-03-02", url="https://scraper.example/x", original_source="Norland Radio"))
        store.put(doc(OTHER, published="2023-03-01", outlet="Hill Gazette"))
    with Store(db) as store:  # a fresh process: the LSH index lives in the store, nothing is rebuilt
        store.put(doc(EDITED, published="2023-03-01", outlet="Daily Wire"))
        store.put(doc(FOLLOW_UP, published="2023-03-03", outlet="Evening Post"))
        rows = {r["id"]: dict(r) for r in store.conn.execute("SELECT id, story_id, copy_of FROM documents")}
        stories = {s["id"]: s for s in store.stories_list()}
        original, wrapped, edited = (rows[content_id(t)] for t in (ORIGINAL, WRAPPED, EDITED))
        follow, other = rows[content_id(FOLLOW_UP)], rows[content_id(OTHER)]
        assert original["copy_of"] is None and wrapped["copy_of"] == original["id"] == edited["copy_of"]
        assert original["story_id"] == wrapped["story_id"] == edited["story_id"] == follow["story_id"]
        assert follow["copy_of"] is None  # the same story, but not a copy
        assert other["story_id"] != original["story_id"]
        story = stories[original["story_id"]]
        assert story["num_articles"] == 4 and story["num_copies"] == 2 and story["num_sources"] == 4
        assert story["first_doc_id"] == original["id"] and story["first_published"] == "2023-03-01"
        assert json.loads(story["original_sources"]) == ["Norland Radio"]
        assert "scraper.example" in json.loads(story["outlets"])
        assert store.document(wrapped["id"])["story"] == original["story_id"]
        # re-putting changes nothing
        n = store.conn.execute("SELECT count(*) FROM lsh_bands").fetchone()[0]
        assert store.put(doc(WRAPPED)).status == "unchanged"
        assert store.conn.execute("SELECT count(*) FROM lsh_bands").fetchone()[0] == n
        assert len(store.stories_list()) == 2


def test_events_and_quotes_counted_once_across_copies(tmp_path, nlp):
    """The sample's wire story and its scraped, damaged republished copy: one row per real event."""
    from newsevents.cli import main
    from newsevents.demo import sample_dir

    db = str(tmp_path / "e.db")
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", str(sample_dir() / "wire.jsonl"), str(sample_dir() / "republished.txt"),
                               "--db", db, "-q"])
    assert res.exit_code == 0, res.output
    canonical = json.loads(runner.invoke(main, ["events", "--db", db, "--format", "json"]).output)
    mentions = json.loads(runner.invoke(main, ["events", "--db", db, "--format", "json", "--mentions"]).output)
    assert len(mentions) > len(canonical) > 0
    assert sum(e["num_mentions"] for e in canonical) == len(mentions)
    shared = [e for e in canonical if e["num_articles"] == 2]
    assert len(shared) >= 3 and all(e["num_sources"] == 2 for e in shared)
    assert {m["group_id"] for m in mentions} == {e["id"] for e in canonical}
    threats = json.loads(runner.invoke(main, ["events", "--db", db, "--format", "json", "--root", "13"]).output)
    assert threats and all(e["cameo"].startswith("13") for e in threats)
    with Store(db) as store:
        quotes = store.quote_groups()
        assert any(q["num_articles"] == 2 for q in quotes)
        assert store.conn.execute("SELECT count(*) FROM quotes WHERE group_id IS NULL").fetchone()[0] == 0
    again = runner.invoke(main, ["ingest", str(sample_dir() / "republished.txt"), "--db", db, "-q"])
    assert "unchanged 1" in again.output
    assert json.loads(runner.invoke(main, ["events", "--db", db, "--format", "json"]).output) == canonical
