"""RSS/Atom feeds and `newsevents watch` against a real server on loopback."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from http_fixtures import Page, Server, article
from newsevents.cli import main
from newsevents.ingest import make_fetcher, watch_feeds
from newsevents.store import Store

STORIES = {
    "/news/bridge": ("Bridge reopens after repairs", [
        "The old river bridge in Carrow reopened to traffic on Monday after eight months of repairs.",
        "Engineers replaced the rusted steel supports and widened the footpath on the eastern side.",
        "Local shop owners said trade had fallen sharply while drivers were forced to take a long detour.",
    ]),
    "/news/library": ("Library extends opening hours", [
        "The central library in Carrow will stay open until nine in the evening from next month.",
        "The council said the change follows a survey in which students asked for more quiet study space.",
        "Two new librarians will be hired, paid for by a grant from a regional education fund.",
    ]),
    "/news/market": ("Farmers market moves to the square", [
        "The weekly farmers market in Carrow is moving from the car park to the town square in June.",
        "Stallholders welcomed the decision, saying the square gets far more visitors on Saturday mornings.",
        "The council will close two side streets to traffic during market hours to make room for the stalls.",
    ]),
}


def rss(base: str, paths: list[str]) -> str:
    items = "".join(
        f"<item><title>{STORIES[p][0]}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
        f"<pubDate>Mon, 0{i + 1} May 2023 08:00:00 GMT</pubDate></item>" for i, p in enumerate(paths)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Carrow News</title>{items}</channel></rss>'


@pytest.fixture()
def server():
    with Server() as s:
        for path, (title, paras) in STORIES.items():
            s.routes[path] = Page(article(title, paras), etag=f'"{path}"')
        yield s


def test_watch_polls_with_conditional_get_and_takes_only_new_items(server, tmp_path):
    base = server.url("")
    server.routes["/feed.xml"] = Page(rss(base, ["/news/bridge", "/news/library"]), content_type="application/rss+xml",
                                      etag='"feed-1"')
    lines: list[str] = []
    with Store(str(tmp_path / "w.db"), stories=False) as store:
        with make_fetcher(store, allow_private=True, min_interval=0, retries=0) as f:
            s1 = watch_feeds(store, [server.url("/feed.xml")], interval=0, once=True, echo=lines.append, fetcher=f)
            assert (s1.stored, s1.rejected) == (2, 0), s1.render()
            # unchanged feed: one 304, no page fetched again
            s2 = watch_feeds(store, [server.url("/feed.xml")], interval=0, once=True, echo=lines.append, fetcher=f)
            assert (s2.stored, s2.unchanged, s2.rejected) == (0, 0, 0)
            assert server.hits("/news/bridge") == 1
            # the feed changes: only the new item is fetched
            server.routes["/feed.xml"] = Page(rss(base, ["/news/bridge", "/news/library", "/news/market"]),
                                              content_type="application/rss+xml", etag='"feed-2"')
            s3 = watch_feeds(store, [server.url("/feed.xml")], interval=0, once=False, max_polls=2,
                             echo=lines.append, fetcher=f)
            assert s3.stored == 1 and server.hits("/news/market") == 1 and server.hits("/news/bridge") == 1
            titles = {r[0]: r[1] for r in store.conn.execute("SELECT title, published FROM documents")}
    assert titles["Farmers market moves to the square"] is not None
    assert lines[0].startswith("poll 1: stored 2") and len(lines) == 4
    feed_reqs = [h for p, h in server.log if p == "/feed.xml"]
    assert feed_reqs[1].get("if-none-match") == '"feed-1"'


def test_atom_feed_as_ingest_argument_and_bad_feed(server, tmp_path):
    base = server.url("")
    server.routes["/atom"] = Page(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Carrow</title>'
        f'<entry><title>Library</title><id>urn:lib</id><link href="{base}/news/library"/>'
        "<updated>2023-05-03T09:00:00Z</updated></entry></feed>", content_type="application/atom+xml")
    server.routes["/notafeed"] = Page("<html><body><p>Hello</p></body></html>")
    db = str(tmp_path / "a.db")
    res = CliRunner().invoke(main, ["ingest", server.url("/atom"), "--db", db, "-q", "--allow-private"])
    assert res.exit_code == 0 and "stored 1" in res.output, res.output
    with Store(db) as store:
        from newsevents.feeds import poll_feed

        got = []
        with make_fetcher(store, allow_private=True, min_interval=0) as f:
            poll_feed(store, f, server.url("/notafeed"), got.append, unchanged=lambda: None)
        assert [r.error.code for r in got] == ["E023"]


def test_cli_watch_once(server, tmp_path):
    server.routes["/feed.xml"] = Page(rss(server.url(""), ["/news/bridge"]), content_type="application/rss+xml")
    db = str(tmp_path / "c.db")
    refused = CliRunner().invoke(main, ["watch", server.url("/feed.xml"), "--db", db, "--once"])
    assert "[E017]" in refused.output and server.hits("/feed.xml") == 0
    res = CliRunner().invoke(main, ["watch", server.url("/feed.xml"), "--db", db, "--once", "--allow-private",
                                    "--interval", "0"])
    assert res.exit_code == 0 and "poll 1: stored 1" in res.output, res.output
