"""Dashboard pages (server-rendered): content, filters in the URL, CSV of what is shown, highlighting."""
from __future__ import annotations

import csv
import html
import io
import re
import sqlite3

import pytest
from fastapi.testclient import TestClient

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, nlp):
    from newsevents.demo import run_demo

    path = str(tmp_path_factory.mktemp("dash") / "demo.db")
    assert run_demo(db=path, echo=lambda s: None).stored >= 3
    return path


@pytest.fixture(scope="module")
def client(store_path):
    from newsevents.web import create_app

    return TestClient(create_app(store_path, write_token="", read_token=""), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def db(store_path):
    conn = sqlite3.connect(store_path)
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


def get(client, url):
    r = client.get(url, headers=HTML)
    assert r.status_code == 200, (url, r.status_code, r.text[:500])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def test_overview_counts_chart_dyads_and_local_assets(client, db):
    page = get(client, "/")
    n_docs = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert f"<b>{n_docs}</b> articles" in page
    assert page.count("<polyline") == 3
    src, tgt = db.execute("SELECT source_country, target_country FROM events WHERE source_country IS NOT NULL"
                          " AND target_country IS NOT NULL AND source_country != target_country LIMIT 1").fetchone()
    assert f'href="/dyads/{src}-{tgt}"' in page
    assert not re.search(r'(src|href)="(https?:)?//', page), "assets must be local"
    assert client.get("/static/desk.css").status_code == 200 and client.get("/static/desk.js").status_code == 200


def test_dyad_chart_day_links_list_that_days_events(client, db):
    src, tgt = db.execute("SELECT source_country, target_country FROM events WHERE source_country IS NOT NULL"
                          " AND target_country IS NOT NULL AND COALESCE(date, published) IS NOT NULL LIMIT 1").fetchone()
    page = get(client, f"/dyads/{src}-{tgt}")
    assert "<svg" in page and 'class="escalation"' in page and 'class="bar q' in page
    links = re.findall(r'<a class="day[^"]*" href="([^"]+)" data-day="([\d-]+)"', page)
    assert links
    href, day = links[0]
    sub = get(client, f"/dyads/{src}-{tgt}" + html.unescape(href).split("#")[0])
    assert f"Events on {day}" in sub
    n = db.execute("SELECT count(*) FROM events WHERE source_country=? AND target_country=?"
                   " AND COALESCE(date, published, '')=?", (src, tgt, day)).fetchone()[0]
    assert sub.split('id="day-events"')[1].count('class="artlink"') == n
    assert get(client, f"/dyads/{src}-{tgt}?symmetric=true").count("both directions") >= 1


def _shown_event_ids(page: str) -> list[str]:
    return re.findall(r'class="artlink" href="/articles/[0-9a-f]+#ev-([^"]+)"', page)


def test_events_filters_stay_in_url_and_csv_is_exactly_what_is_shown(client, db):
    page = get(client, "/events?quad_class=3&modality=")
    quads = re.findall(r'<span class="quad q(\d)"', page.split("<tbody>")[1])
    assert quads and set(quads) == {"3"}
    assert 'class="chip"' in page and "quad_class: 3" in page  # the active filter is shown and removable
    assert '<option value="3" selected>' in page
    export = html.unescape(re.search(r'<a class="button" href="([^"]+)">CSV', page).group(1))
    assert "quad_class=3" in export and "format=csv" in export
    rows = list(csv.DictReader(io.StringIO(client.get(export).text)))
    assert [r["id"].rsplit(":", 1)[-1] for r in rows] == _shown_event_ids(page)
    # facets: counts under the current filters, each a link adding its value
    roots = dict(db.execute("SELECT root, count(*) FROM events WHERE quad_class=3 GROUP BY root").fetchall())
    for root, n in roots.items():
        assert re.search(rf'root={root}[^"]*"[^>]*>{root}</a> <span class="n">{n}</span>', page), root


def test_events_pages_follow_the_cursor(client, db):
    total = db.execute("SELECT count(*) FROM events").fetchone()[0]
    seen, url = [], "/events"
    for _ in range(20):
        page = get(client, url)
        seen += _shown_event_ids(page)
        m = re.search(r'<a class="next" rel="next" href="([^"]+)"', page)
        if not m:
            break
        url = "/events" + html.unescape(m.group(1))
    assert len(seen) == total


def test_quotes_page_speaker_facet_and_csv(client, db):
    speaker = db.execute("SELECT speaker_name, count(*) AS n FROM quotes WHERE speaker_name IS NOT NULL"
                         " GROUP BY 1 ORDER BY n DESC LIMIT 1").fetchone()
    page = get(client, f"/quotes?speaker={speaker[0]}")
    assert page.count("<blockquote") == speaker[1]
    export = html.unescape(re.search(r'<a class="button" href="([^"]+)">CSV', page).group(1))
    assert len(list(csv.DictReader(io.StringIO(client.get(export).text)))) == speaker[1]


def test_article_view_highlights_from_offsets(client, db):
    doc_id, text = db.execute("SELECT d.id, d.text FROM documents d JOIN quotes q ON q.doc_id = d.id"
                              " GROUP BY d.id ORDER BY count(*) DESC LIMIT 1").fetchone()
    page = get(client, f"/articles/{doc_id}")
    body = page.split('id="text">')[1].split("</div>")[0]
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == text  # nothing lost, nothing added
    assert body.count("<span") == body.count("</span>")
    for start, end, qtext in db.execute('SELECT start, "end", text FROM quotes WHERE doc_id = ?', (doc_id,)):
        covered = "".join(html.unescape(m) for m in re.findall(r'<span class="[^"]*\bquote\b[^"]*"[^>]*>([^<]*)</span>', body))
        assert text[start:end] in covered or qtext[:20] in covered
    for cls in ("speaker", "trigger", "timex", "ent"):
        if cls != "timex" or db.execute("SELECT 1 FROM timexes WHERE doc_id=?", (doc_id,)).fetchone():
            assert re.search(rf'<span class="[^"]*\b{cls}\b', body), cls
    assert "Repairs (" in page and "Story and copies" in page


def test_highlight_escapes_and_nests_overlapping_spans():
    from newsevents.web.highlight import Mark, render

    text = 'A <script>alert("x")</script> & “quoted” text'
    out = str(render(text, [Mark(0, 20, "quote", 'tip "q"', anchor="q-1"), Mark(2, 10, "ent"),
                            Mark(15, 35, "trigger"), Mark(40, 99, "bad")]))
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert out.count("<span") == out.count("</span>") and 'id="q-1"' in out
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text
    assert 'class="quote ent"' in out and 'class="quote trigger"' in out


def test_search_page_articles_and_quotes(client):
    page = get(client, "/search?q=Geneva")
    assert "<mark>Geneva</mark>" in page
    page = get(client, "/search?q=dialogue&type=quotes&speaker=Marchuk&sort=relevance")
    assert "<mark>dialogue</mark>" in page and "Marchuk" in page
    assert "Nothing found" in get(client, "/search?q=zzzqqqxxx")


def test_articles_and_actors_pages(client, db):
    page = get(client, "/articles")
    assert page.count('href="/articles/') >= db.execute("SELECT count(*) FROM documents").fetchone()[0]
    page = get(client, "/actors")
    code = db.execute("SELECT source_country FROM events WHERE source_country IS NOT NULL LIMIT 1").fetchone()[0]
    assert f'href="/events?actor={code}"' in page


def test_errors_are_pages_for_browsers_and_envelopes_otherwise(client):
    r = client.get("/articles/nope", headers=HTML)
    assert r.status_code == 404 and "<h1>404" in r.text and r.headers["content-type"].startswith("text/html")
    r = client.get("/articles/nope")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = client.get("/events?since=yesterday", headers=HTML)
    assert r.status_code == 400 and "since must be a date" in r.text


def test_read_token_once_then_cookie(store_path):
    from newsevents.web import create_app

    c = TestClient(create_app(store_path, read_token="r-tok", write_token=""))
    assert c.get("/", headers=HTML).status_code == 401
    assert c.get("/?token=r-tok", headers=HTML).status_code == 200
    assert c.get("/events", headers=HTML).status_code == 200  # the cookie now carries it
