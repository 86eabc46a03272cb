"""Fetching over HTTP against a real server on loopback: safety, politeness, failures, 304s."""
from __future__ import annotations

import time

import pytest

from http_fixtures import Page, Server, article, broken, flaky, redirect, slow
from newsevents.fetch import Fetcher, is_public

PARAS = [
    "The harbour authority in Port Alden said on Tuesday that two cargo ships had collided near the northern breakwater.",
    "Nobody was hurt, according to the coast guard, but one of the vessels was leaking fuel into the water.",
    "Clean-up crews from three neighbouring towns were sent to contain the spill before the evening tide.",
    "The mayor told reporters that fishing in the bay would be suspended for at least a week while tests are run.",
]


def fetcher(**kw) -> Fetcher:
    opts = dict(allow_private=True, timeout=1.0, total_timeout=5.0, retries=1, backoff=0.05, min_interval=0.0)
    opts.update(kw)
    return Fetcher(**opts)


@pytest.fixture()
def server():
    with Server() as s:
        yield s


def test_loopback_and_private_addresses_are_refused_by_default(server):
    server.routes["/a"] = Page(article("Ships collide", PARAS))
    with Fetcher(min_interval=0) as f:  # allow_private defaults to False
        for url in (server.url("/a"), "http://localhost:1/x", "http://10.0.0.7/x", "http://[::1]/x",
                    "http://169.254.169.254/latest/meta-data"):
            res = f.fetch(url)
            assert res.error is not None and res.error.code == "E017", url
        assert f.fetch("ftp://example.org/x").error.code == "E022"
        assert f.fetch("not a url").error.code == "E022"
    assert server.log == []  # nothing was sent to the loopback server
    import ipaddress

    assert is_public(ipaddress.ip_address("93.184.216.34"))
    assert not is_public(ipaddress.ip_address("::ffff:127.0.0.1"))


def test_every_redirect_hop_is_checked(server, monkeypatch):
    # Pretend 127.0.0.1 is public; a redirect to 127.0.0.2 (also loopback) must still be refused.
    import newsevents.fetch as fetch_mod

    monkeypatch.setattr(fetch_mod, "is_public", lambda ip: str(ip) == "127.0.0.1")
    server.routes["/hop"] = redirect(f"http://127.0.0.2:{server.port}/internal")
    with Fetcher(min_interval=0, retries=0) as f:
        res = f.fetch(server.url("/hop"))
    assert res.error.code == "E017" and "127.0.0.2" in res.error.message
    assert server.hits("/hop") == 1 and server.hits("/internal") == 0


def test_page_redirects_and_canonical_url(server, tmp_path):
    from newsevents.ingest import ingest_paths
    from newsevents.store import Store

    server.routes["/old"] = redirect("/new", 301)
    server.routes["/new"] = Page(article("Ships collide near breakwater", PARAS, canonical="https://news.example/ships",
                                         date="2023-05-02"))
    with fetcher() as f:
        res = f.fetch(server.url("/old"))
        assert res.ok and res.final_url == server.url("/new") and b"breakwater" in res.content
        with Store(str(tmp_path / "s.db"), stories=False) as store:
            summary = ingest_paths(store, [server.url("/old")], progress=False, fetcher=f, allow_private=True)
            assert (summary.stored, summary.rejected) == (1, 0), summary.render()
            row = store.conn.execute("SELECT url, title, published, format FROM documents").fetchone()
    assert tuple(row) == ("https://news.example/ships", "Ships collide near breakwater", "2023-05-02", "url")


def test_redirect_loops_are_bounded(server):
    server.routes["/loop"] = redirect("/loop")
    with fetcher(max_redirects=3) as f:
        res = f.fetch(server.url("/loop"))
    assert res.error.code == "E021" and server.hits("/loop") == 4


def test_slow_and_broken_responses_fail_in_bounded_time(server):
    server.routes["/slow"] = slow(3.0)
    server.routes["/broken"] = broken
    with fetcher(timeout=0.3, retries=1) as f:
        t0 = time.monotonic()
        res = f.fetch(server.url("/slow"))
        assert res.error.code == "E018" and "timed out after 2 attempt" in res.error.message
        assert time.monotonic() - t0 < 2.0 and server.hits("/slow") == 2  # retried once, with backoff
        res = f.fetch(server.url("/broken"))
        assert res.error.code == "E018"


def test_retries_with_backoff_then_success_or_status_error(server):
    server.routes["/flaky"] = flaky(1, Page(article("Ships", PARAS)), status=503)
    server.routes["/down"] = flaky(99, Page("never"), status=500)
    server.routes["/gone"] = Page("gone", status=404, content_type="text/plain")
    with fetcher(retries=2) as f:
        assert f.fetch(server.url("/flaky")).ok and server.hits("/flaky") == 2
        down = f.fetch(server.url("/down"))
        assert down.error.code == "E019" and down.status == 500 and server.hits("/down") == 3
        assert f.fetch(server.url("/gone")).error.code == "E019" and server.hits("/gone") == 1  # 404: no retry


def test_size_limit_and_robots(server):
    server.routes["/big"] = Page("<p>" + "x" * 5000 + "</p>")
    server.routes["/robots.txt"] = Page("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.routes["/private/a"] = Page(article("Ships", PARAS))
    server.routes["/public/a"] = Page(article("Ships", PARAS))
    with fetcher(max_bytes=1000) as f:
        assert f.fetch(server.url("/big")).error.code == "E005"
    with fetcher() as f:
        assert f.fetch(server.url("/private/a")).error.code == "E020"
        assert f.fetch(server.url("/public/a")).ok
    assert server.hits("/private/a") == 0 and server.hits("/robots.txt") == 2  # once per fetcher (cached per host)


def test_polite_per_host_rate_limit(server):
    server.routes["/a"] = Page(article("Ships", PARAS))
    with fetcher(min_interval=0.25, respect_robots=False) as f:
        t0 = time.monotonic()
        for _ in range(3):
            assert f.fetch(server.url("/a")).ok
        assert time.monotonic() - t0 >= 0.5


def test_conditional_get_reingest_fetches_only_what_changed(server, tmp_path):
    from newsevents.ingest import ingest_paths, make_fetcher
    from newsevents.store import Store

    server.routes["/etag"] = Page(article("Ships collide", PARAS), etag='"v1"')
    server.routes["/lm"] = Page(article("Fishing suspended", PARAS[2:] + PARAS[:2]),
                                last_modified="Tue, 02 May 2023 10:00:00 GMT")
    urls_file = tmp_path / "list.urls"
    urls_file.write_text(f"# two pages\n{server.url('/etag')}\n\n{server.url('/lm')}\n", encoding="utf-8")
    from newsevents.feeds import read_url_list

    urls = list(read_url_list(str(urls_file)))
    with Store(str(tmp_path / "s.db"), stories=False) as store:
        with make_fetcher(store, allow_private=True, min_interval=0, retries=0) as f:
            first = ingest_paths(store, [], urls=urls, progress=False, fetcher=f)
            assert (first.stored, first.unchanged, first.rejected) == (2, 0, 0), first.render()
            again = ingest_paths(store, [], urls=urls, progress=False, fetcher=f)
            assert (again.stored, again.unchanged, again.rejected) == (0, 2, 0), again.render()
    sent = [h for p, h in server.log if p == "/etag"]
    assert "if-none-match" not in sent[0] and sent[1]["if-none-match"] == '"v1"'
    assert [h for p, h in server.log if p == "/lm"][1]["if-modified-since"] == "Tue, 02 May 2023 10:00:00 GMT"


def test_cli_ingest_url_refused_by_default_and_allowed_explicitly(server, tmp_path):
    from click.testing import CliRunner

    from newsevents.cli import main

    server.routes["/a"] = Page(article("Ships collide", PARAS))
    db = str(tmp_path / "c.db")
    refused = CliRunner().invoke(main, ["ingest", server.url("/a"), "--db", db, "-q"])
    assert refused.exit_code == 1 and "[E017]" in refused.output and "Traceback" not in refused.output
    assert server.hits("/a") == 0
    ok = CliRunner().invoke(main, ["ingest", server.url("/a"), "--db", db, "-q", "--allow-private"])
    assert ok.exit_code == 0 and "stored 1" in ok.output, ok.output


def test_address_is_checked_again_at_connect_time(server, monkeypatch):
    # DNS rebinding: the name resolves to a public address when the URL is checked and to
    # loopback when the socket connects.  The connect-time check must refuse it.
    import ipaddress

    import newsevents.fetch as fetch_mod

    answers = iter([[ipaddress.ip_address("93.184.216.34")]])
    real = fetch_mod.resolve
    monkeypatch.setattr(fetch_mod, "resolve", lambda host, port, url: next(answers, None) or real(host, port, url))
    server.routes["/a"] = Page(article("Ships collide", PARAS))
    with Fetcher(min_interval=0, retries=0, respect_robots=False) as f:
        res = f.fetch(f"http://localhost:{server.port}/a")
    assert res.error is not None and res.error.code == "E017"
    assert server.hits("/a") == 0
