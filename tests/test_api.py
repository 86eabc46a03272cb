"""The Desk REST API: every endpoint, filter, format and error, against the demo store."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

WRITE = "w-secret-token"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, nlp):
    from newsevents.demo import run_demo

    path = str(tmp_path_factory.mktemp("desk") / "demo.db")
    summary = run_demo(db=path, echo=lambda s: None)
    # (page.html may be dropped as a duplicate by trafilatura when the demo already ran in this process)
    assert summary.stored >= 3, summary.render()
    return path


@pytest.fixture(scope="module")
def client(store_path):
    from newsevents.web import create_app

    return TestClient(create_app(store_path, write_token=WRITE, read_token=""), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def db(store_path):
    conn = sqlite3.connect(store_path)
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


def rows(conn, sql, args=()):
    return [dict(r) for r in conn.execute(sql, args)]


def walk(client, url):
    """Follow `next` links to the end; returns every row and the number of pages."""
    out, pages = [], 0
    while url and pages < 200:
        r = client.get(url)
        assert r.status_code == 200, r.text
        body = r.json()
        out += body["data"]
        pages += 1
        url = body["next"]
        if url:
            assert r.headers["link"] == f'<{url}>; rel="next"'
            parts = urlsplit(url)
            url = parts.path + "?" + parts.query
    return out, pages


# --- lists, cursors ----------------------------------------------------------------------------


def test_health_counts(client, db):
    body = client.get("/api/v1/health").json()
    assert body["counts"]["documents"] == db.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert body["counts"]["events"] == db.execute("SELECT count(*) FROM events").fetchone()[0]
    assert body["writes"] is True


@pytest.mark.parametrize("kind,table", [("events", "events"), ("quotes", "quotes"), ("articles", "documents")])
def test_cursor_pagination_is_complete_and_ordered(client, db, kind, table):
    got, pages = walk(client, f"/api/v1/{kind}?limit=3")
    ids = [r["id"] for r in got]
    assert len(ids) == len(set(ids)) == db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    assert pages >= 2
    day = "day" if kind == "events" else "published"
    days = [r[day] or "" for r in got]
    assert days == sorted(days, reverse=True)


def test_cursor_is_stable_when_rows_arrive(client, store_path):
    first = client.get("/api/v1/events?limit=4").json()
    conn = sqlite3.connect(store_path)
    with conn:  # a new event on the newest day must not shift the second page
        conn.execute("INSERT INTO events(id, doc_id, cameo, root, date, published) VALUES"
                     " ('zz:new', (SELECT id FROM documents LIMIT 1), '010', '01', '2099-01-01', '2099-01-01')")
    try:
        nxt = urlsplit(first["next"])
        second = client.get(nxt.path + "?" + nxt.query).json()["data"]
        again = client.get("/api/v1/events?limit=9").json()["data"]
        assert again[0]["id"] == "zz:new"
        assert [r["id"] for r in second] == [r["id"] for r in again[5:9]]
    finally:
        with conn:
            conn.execute("DELETE FROM events WHERE id = 'zz:new'")
        conn.close()


def _event_filters(db):
    ev = rows(db, "SELECT * FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL LIMIT 1")[0]
    out = db.execute("SELECT outlet FROM documents WHERE outlet IS NOT NULL LIMIT 1").fetchone()[0]
    day = lambda r: r["date"] or r["published"] or ""  # noqa: E731
    return [
        ({"actor": ev["source_country"]}, lambda r: ev["source_country"] in (r["source_country"], r["target_country"])),
        ({"dyad": f"{ev['source_country']}-{ev['target_country']}"},
         lambda r: (r["source_country"], r["target_country"]) == (ev["source_country"], ev["target_country"])),
        ({"dyad": f"{ev['target_country']}-{ev['source_country']}", "symmetric": "true"},
         lambda r: {r["source_country"], r["target_country"]} == {ev["source_country"], ev["target_country"]}),
        ({"root": str(int(ev["root"]))}, lambda r: r["root"] == ev["root"]),
        ({"cameo": ev["cameo"][:2]}, lambda r: r["cameo"].startswith(ev["cameo"][:2])),
        ({"plover": ev["plover_type"].lower()}, lambda r: r["plover_type"] == ev["plover_type"]),
        ({"quad_class": 3}, lambda r: r["quad_class"] == 3),
        ({"modality": "asserted"}, lambda r: r["modality"] == "asserted"),
        ({"min_confidence": 0.7}, lambda r: r["confidence"] >= 0.7),
        ({"since": "2022-02-08", "until": "2022-02-09"}, lambda r: "2022-02-08" <= day(r) <= "2022-02-09"),
        ({"day": "2022-02-08"}, lambda r: day(r) == "2022-02-08"),
        ({"doc_id": ev["doc_id"]}, lambda r: r["doc_id"] == ev["doc_id"]),
        ({"outlet": out}, lambda r: db.execute("SELECT outlet FROM documents WHERE id=?", (r["doc_id"],)).fetchone()[0] == out),
    ]


def test_event_filters_match_the_store(client, db):
    all_events = rows(db, "SELECT * FROM events")
    for params, pred in _event_filters(db):
        expected = {r["id"] for r in all_events if pred(r)}
        assert expected, params
        got, _ = walk(client, "/api/v1/events?limit=4&" + "&".join(f"{k}={v}" for k, v in params.items()))
        assert {r["id"] for r in got} == expected, params


def test_quote_filters(client, db):
    speaker = db.execute("SELECT speaker_name FROM quotes WHERE speaker_name LIKE '% %' LIMIT 1").fetchone()[0]
    last = speaker.split()[-1]
    got = client.get(f"/api/v1/quotes?speaker={last[:4].lower()}&limit=100").json()["data"]
    assert got and all(last in r["speaker_name"] for r in got)
    assert len(got) == db.execute("SELECT count(*) FROM quotes WHERE speaker_name LIKE ?", (f"%{last}%",)).fetchone()[0]
    word = "dialogue"
    got = client.get(f"/api/v1/quotes?q={word}").json()["data"]
    assert got and all(word in r["text"].lower() for r in got)
    got = client.get("/api/v1/quotes?since=2022-02-10&limit=100").json()["data"]
    assert got and all(r["published"] >= "2022-02-10" for r in got)
    got = client.get("/api/v1/quotes?min_confidence=0.99&limit=100").json()["data"]
    assert all(r["confidence"] >= 0.99 for r in got)


def test_article_filters(client, db):
    got = client.get("/api/v1/articles?q=Geneva&limit=100").json()["data"]
    assert got and all("geneva" in db.execute("SELECT text FROM documents WHERE id=?", (r["id"],)).fetchone()[0].lower()
                       for r in got)
    ev = rows(db, "SELECT doc_id, root FROM events LIMIT 1")[0]
    got = client.get(f"/api/v1/articles?root={ev['root']}&limit=100").json()["data"]
    assert ev["doc_id"] in {r["id"] for r in got}
    outlet = db.execute("SELECT outlet FROM documents WHERE outlet IS NOT NULL LIMIT 1").fetchone()[0]
    got = client.get("/api/v1/articles", params={"outlet": outlet}).json()["data"]
    assert got and {r["outlet"] for r in got} == {outlet}
    assert all(isinstance(r["quotes"], int) and isinstance(r["events"], int) for r in got)


def test_one_article_is_the_full_document(client, db):
    doc_id, doc_json = db.execute("SELECT id, doc_json FROM documents LIMIT 1").fetchone()
    body = client.get(f"/api/v1/articles/{doc_id}").json()
    assert body["document"] == json.loads(doc_json)
    assert isinstance(body["copies"], list)


# --- aggregates ----------------------------------------------------------------------------------


def test_actors_are_counted_from_events(client, db):
    got, _ = walk(client, "/api/v1/actors?limit=2")
    by = {r["code"]: r for r in got}
    for code, n in db.execute("SELECT source_country, count(*) FROM events WHERE source_country IS NOT NULL GROUP BY 1"):
        assert by[code]["events_source"] == n
    assert [r["events"] for r in got] == sorted((r["events"] for r in got), reverse=True)


def test_dyads_and_series(client, db):
    dyads = client.get("/api/v1/dyads").json()["data"]
    assert dyads
    top = dyads[0]
    n, g = db.execute("SELECT count(*), sum(goldstein) FROM events WHERE source_country=? AND target_country=?",
                      (top["source"], top["target"])).fetchone()
    assert top["events"] == n
    series = client.get(f"/api/v1/dyads/{top['source']}-{top['target']}/series").json()
    assert sum(d["events"] for d in series["data"]) == n
    assert sum(d["q1"] + d["q2"] + d["q3"] + d["q4"] for d in series["data"]) == n
    assert abs(sum(d["goldstein"] for d in series["data"]) - g) < 1e-6
    assert client.get(f"/api/v1/dyads/{top['source']}-{top['target']}/series?format=csv").text.startswith("day,events,q1")


def test_stories_degrade_or_list(client, db):
    body = client.get("/api/v1/stories").json()
    has = db.execute("SELECT 1 FROM sqlite_master WHERE name='stories'").fetchone() is not None
    assert body["available"] is has
    if has and body["data"]:
        sid = body["data"][0]["id"]
        one = client.get(f"/api/v1/stories/{sid}").json()
        assert one["story"]["id"] == sid and one["articles"]
    assert client.get("/api/v1/stories/no-such-story").status_code == 404


def test_search_articles_and_quotes(client):
    arts = client.get("/api/v1/search?q=Geneva").json()
    assert arts["type"] == "articles" and arts["data"] and all("[Geneva]" in r["snippet"] for r in arts["data"])
    qs = client.get("/api/v1/search?q=dialogue&type=quotes&speaker=Marchuk").json()["data"]
    assert qs and all("Marchuk" in r["speaker_name"] for r in qs)
    assert client.get("/api/v1/search?q=dialogue&type=quotes&until=2000-01-01").json()["data"] == []
    page = client.get("/api/v1/search?q=Geneva&limit=1").json()
    if page["next"]:
        nxt = urlsplit(page["next"])
        second = client.get(nxt.path + "?" + nxt.query).json()["data"]
        assert second and second[0]["id"] != page["data"][0]["id"]
    assert client.get('/api/v1/search?q="unbalanced OR (').status_code == 200  # user text never breaks FTS5


# --- formats -----------------------------------------------------------------------------------


def test_csv_and_ndjson_exports(client, db):
    n = db.execute("SELECT count(*) FROM events").fetchone()[0]
    r = client.get("/api/v1/events?format=csv&limit=100000")
    assert r.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(r.text)))
    assert len(table) == n and "cameo" in table[0] and "link" not in r.headers
    r = client.get("/api/v1/quotes?limit=5", headers={"Accept": "application/x-ndjson"})
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert r.headers["content-type"].startswith("application/x-ndjson") and len(lines) == 5
    assert "cursor=" in r.headers["link"] and r.headers["x-next-cursor"]
    r = client.get("/api/v1/articles", headers={"Accept": "text/csv"})
    assert r.text.splitlines()[0].startswith("id,published,outlet,title")
    empty = client.get("/api/v1/events?format=csv&since=2999-01-01")
    assert empty.text.strip().startswith("id,day,date") and len(empty.text.strip().splitlines()) == 1
    same = client.get("/api/v1/events?format=ndjson&limit=3").text.splitlines()
    js = client.get("/api/v1/events?limit=3").json()["data"]
    assert [json.loads(x)["id"] for x in same] == [r["id"] for r in js]


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("method,url,status,code", [
    ("get", "/api/v1/nothing-here", 404, "not_found"),
    ("get", "/api/v1/articles/no-such-doc", 404, "not_found"),
    ("get", "/api/v1/events?quad_class=7", 422, "validation_error"),
    ("get", "/api/v1/events?since=yesterday", 422, "validation_error"),
    ("get", "/api/v1/events?format=xml", 422, "validation_error"),
    ("get", "/api/v1/search", 422, "validation_error"),
    ("get", "/api/v1/events?cursor=not-a-cursor", 400, "bad_request"),
    ("delete", "/api/v1/events", 405, "method_not_allowed"),
    ("get", "/api/v1/boom", 500, "internal_error"),
])
def test_every_error_is_one_envelope(client, method, url, status, code, monkeypatch):
    if url.endswith("/boom"):
        from newsevents.web import queries

        def boom(*a, **k):
            raise RuntimeError("kaboom")

        monkeypatch.setattr(queries, "list_events", boom)
        url = "/api/v1/events"
    r = getattr(client, method)(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    err = r.json()["error"]
    assert set(err) == {"code", "message", "detail"} and err["code"] == code and err["message"]
    assert "kaboom" not in r.text


# --- writing and tokens ------------------------------------------------------------------------


TEXT = ("Finland said on Monday it would send more observers to the border. "
        "\u201cWe are watching closely,\u201d Foreign Minister Aino Virtanen told reporters in Helsinki.")


def test_write_needs_the_token(client, store_path):
    from newsevents.web import create_app

    assert client.post("/api/v1/documents", json={"text": TEXT}).status_code == 401
    bad = client.post("/api/v1/documents", json={"text": TEXT}, headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401 and bad.json()["error"]["code"] == "unauthorized"
    off = TestClient(create_app(store_path, write_token="", read_token=""))
    r = off.post("/api/v1/documents", json={"text": TEXT}, headers={"Authorization": "Bearer nope"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "writes_disabled"


def test_write_ingests_text_then_unchanged(client):
    h = {"Authorization": f"Bearer {WRITE}"}
    r = client.post("/api/v1/documents", json={"text": TEXT, "published": "2022-02-14", "outlet": "Desk Test"}, headers=h)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "stored" and body["quotes"] >= 1
    doc = client.get(urlsplit(body["href"]).path).json()["document"]
    assert doc["outlet"] == "Desk Test" and doc["published"] == "2022-02-14"
    assert client.get("/api/v1/articles?outlet=Desk%20Test").json()["count"] == 1
    again = client.post("/api/v1/documents", json={"text": TEXT}, headers={"X-Newsevents-Token": WRITE})
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    empty = client.post("/api/v1/documents", json={"text": "   "}, headers=h)
    assert empty.status_code == 422 and empty.json()["error"]["code"] in ("E002", "validation_error")
    assert client.post("/api/v1/documents", json={}, headers=h).status_code == 422


def test_write_by_url_without_fetch_is_501(client, monkeypatch):
    from newsevents.web import ingest_one

    monkeypatch.setattr(ingest_one, "_fetcher", lambda: None)
    r = client.post("/api/v1/documents", json={"url": "https://example.org/a"}, headers={"Authorization": f"Bearer {WRITE}"})
    assert r.status_code == 501 and r.json()["error"]["code"] == "not_implemented"


def test_read_token(store_path):
    from newsevents.web import create_app

    c = TestClient(create_app(store_path, read_token="r-token", write_token=""))
    r = c.get("/api/v1/events")
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    assert c.get("/api/v1/events", headers={"Authorization": "Bearer r-token"}).status_code == 200
    assert c.get("/api/v1/events?token=wrong").status_code == 401


# --- the OpenAPI schema, property-tested -------------------------------------------------------

def test_openapi_property_no_server_errors(store_path):
    """Schemathesis cases for every operation (a few examples each): never a 5xx, errors in the envelope."""
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error

    from newsevents.web import create_app

    schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(store_path, write_token="", read_token=""))
    seen = 0
    for result in schema.get_all_operations():
        op = result.ok()
        seen += 1

        @given(case=op.as_strategy())
        @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            response = case.call()
            case.validate_response(response, checks=[not_a_server_error])
            if response.status_code >= 400:
                assert set(response.json()["error"]) == {"code", "message", "detail"}

        check()
    assert seen >= 11
