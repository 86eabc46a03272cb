"""End to end through the CLI: extract, ingest (idempotent, nothing lost), queries."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from newsevents.cli import main
from newsevents.demo import sample_dir


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, nlp):
    db = str(tmp_path_factory.mktemp("store") / "news.db")
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(sample_dir() / "wire.jsonl"), str(sample_dir() / "page.html"), "--db", db, "-q"])
    return db, runner, first


def test_ingest_summary_and_idempotence(ingested):
    db, runner, first = ingested
    assert first.exit_code == 0, first.output
    assert "stored 3, unchanged 0, rejected 0" in first.output
    again = runner.invoke(main, ["ingest", str(sample_dir() / "wire.jsonl"), "--db", db, "-q"])
    assert "stored 0, unchanged 2, rejected 0" in again.output
    from newsevents.store import Store

    with Store(db) as store:
        assert store.counts()["documents"] == 3


def test_bad_inputs_are_recorded_not_lost(ingested, tmp_path):
    db, runner, _ = ingested
    (tmp_path / "blob.txt").write_bytes(b"\x00\xff" * 50)
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    res = runner.invoke(main, ["ingest", str(tmp_path / "blob.txt"), str(tmp_path / "empty.txt"), "--db", db, "-q"])
    assert res.exit_code == 1  # nothing at all could be processed
    assert "rejected 2" in res.output and "[E003]" in res.output and "[E002]" in res.output
    assert "Traceback" not in res.output
    mixed = runner.invoke(main, ["ingest", str(tmp_path / "blob.txt"), str(sample_dir() / "page.html"), "--db", db, "-q"])
    assert mixed.exit_code == 0
    rows = json.loads(runner.invoke(main, ["rejections", "--db", db, "--format", "json"]).output)
    assert sorted(r["code"] for r in rows) == ["E002", "E003"]  # re-running adds no duplicate rejection


def test_query_commands_in_three_formats(ingested):
    db, runner, _ = ingested
    for cmd in (["articles"], ["quotes"], ["events"], ["search", "sanctions"]):
        table = runner.invoke(main, [*cmd, "--db", db])
        assert table.exit_code == 0, table.output
        as_json = json.loads(runner.invoke(main, [*cmd, "--db", db, "--format", "json"]).output)
        as_csv = list(csv.DictReader(io.StringIO(runner.invoke(main, [*cmd, "--db", db, "--format", "csv"]).output)))
        assert len(as_json) == len(as_csv)
    arts = json.loads(runner.invoke(main, ["articles", "--db", db, "--format", "json"]).output)
    assert {a["published"] for a in arts} == {"2022-02-08", "2022-02-09", "2022-02-10"}
    hits = json.loads(runner.invoke(main, ["search", "potash", "--db", db, "--format", "json"]).output)
    assert len(hits) == 1 and "potash" in hits[0]["snippet"]


def test_quotes_by_speaker(ingested):
    db, runner, _ = ingested
    rows = json.loads(runner.invoke(main, ["quotes", "--speaker", "Jensen", "--db", db, "--format", "json"]).output)
    assert rows and all("Jensen" in r["speaker_name"] for r in rows)
    found = json.loads(runner.invoke(main, ["quotes", "--search", "allied territory", "--db", db, "--format", "json"]).output)
    assert any("allied territory" in r["text"] for r in found)


def test_extract_jsonl_schema_and_stdin():
    runner = CliRunner()
    res = runner.invoke(main, ["extract", "-", "--published", "2022-01-28"], input="Kyiv said on Thursday that talks would resume.")
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output.strip().splitlines()[0])
    assert doc["schema"] == "newsevents.document/1"
    for key in ("id", "input", "title", "published", "outlet", "original_source", "language", "text", "repairs",
                "sentences", "entities", "quotes", "timexes", "events"):
        assert key in doc
    assert doc["published"] == "2022-01-28"
    for lst in ("repairs", "sentences", "entities", "quotes", "timexes", "events"):
        assert isinstance(doc[lst], list)


def test_bad_published_date_is_a_clear_error():
    res = CliRunner().invoke(main, ["extract", "-", "--published", "28/01/2022"], input="text")
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.output


def test_queries_on_missing_store_fail_clearly(tmp_path):
    res = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "none.db")])
    assert res.exit_code != 0 and "no store" in res.output


def test_help_documents_every_command():
    runner = CliRunner()
    out = runner.invoke(main, ["--help"]).output
    for cmd in ("extract", "ingest", "articles", "quotes", "events", "search", "demo", "rejections"):
        assert cmd in out
        assert runner.invoke(main, [cmd, "--help"]).exit_code == 0


def test_default_store_is_newsevents_db_in_the_working_folder(nlp, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", str(sample_dir() / "page.html"), "-q"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "newsevents.db").exists()
    rows = json.loads(runner.invoke(main, ["articles", "--format", "json"]).output)
    assert len(rows) == 1
