"""RSS/Atom feeds (feedparser) and URL lists: fetch, extract, store; ``watch`` polls feeds.

A feed is fetched with a conditional GET (validators kept in the store's ``http_cache``):
an unchanged feed costs one 304.  Each entry is taken once (``feed_items``); its page
is fetched (again conditionally), extracted with trafilatura and stored like any other
document.  An entry whose page cannot be fetched falls back to the entry's own content
when the feed carries the full text, and is otherwise recorded as rejected.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import time
from typing import Callable, Iterable, Iterator

from .errors import E, NewsEventsError
from .fetch import Fetcher, FetchResult
from .sources import RawDoc, decode_declared, html_record, sniff

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml")


def url_key(url: str) -> str:
    return f"{url}:0:{hashlib.sha256(url.encode()).hexdigest()[:16]}"


def read_url_list(path: str) -> Iterator[str]:
    """URLs of a ``.urls``/``.txt`` file: one a line; blank lines and ``#`` comments skipped."""
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def is_url(arg: str) -> bool:
    return arg.lower().startswith(("http://", "https://"))


def looks_like_feed(res: FetchResult) -> bool:
    ctype = res.content_type.split(";")[0].strip().lower()
    if ctype in FEED_TYPES:
        return True
    head = (res.content or b"")[:600].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head) or head.startswith((b"<rss", b"<feed"))


def remember(store, res: FetchResult) -> None:
    if res.ok and (res.etag or res.last_modified):
        store.remember_http(res.url, etag=res.etag, last_modified=res.last_modified, status=res.status or 0,
                            content_hash=hashlib.sha256(res.content or b"").hexdigest()[:32])


def ingest_url(store, fetcher: Fetcher, url: str, handle: Callable[[RawDoc], None], *,
               unchanged: Callable[[], None]) -> None:
    """Fetch one URL: a page is extracted and handed on; a feed has its new entries taken."""
    res = fetcher.fetch(url)
    if res.error is not None:
        handle(RawDoc(url_key(url), url, "url", meta={"url": url}, error=res.error))
        return
    if res.not_modified:
        unchanged()
        return
    if looks_like_feed(res):
        poll_feed_content(store, fetcher, url, res, handle, unchanged=unchanged)
        remember(store, res)
        return
    raw = page_doc(url, res)
    handle(raw)
    remember(store, res)


def page_doc(url: str, res: FetchResult, meta: dict | None = None) -> RawDoc:
    key = url_key(url)
    ctype = res.content_type.split(";")[0].strip().lower()
    try:
        text = decode_declared(res.content or b"", res.content_type)
    except NewsEventsError as err:
        return RawDoc(key, url, "url", meta={"url": url}, error=err)
    if ctype and ctype not in ("text/html", "application/xhtml+xml") and sniff(text) != "html":
        return RawDoc(key, url, "url", meta={"url": url},
                      error=NewsEventsError(E.E010, detail=f"{ctype} at {url}"))
    if not text.strip():
        return RawDoc(key, url, "url", error=NewsEventsError(E.E002))
    return html_record(text, key=key, path=url, fmt="url", url=res.final_url or url, meta=meta)


def poll_feed(store, fetcher: Fetcher, feed_url: str, handle: Callable[[RawDoc], None], *,
              unchanged: Callable[[], None]) -> None:
    """One poll of one feed: conditional GET, then every entry not taken before."""
    res = fetcher.fetch(feed_url)
    if res.error is not None:
        handle(RawDoc(url_key(feed_url), feed_url, "feed", error=res.error))
        return
    if res.not_modified:
        return
    poll_feed_content(store, fetcher, feed_url, res, handle, unchanged=unchanged)
    remember(store, res)


def poll_feed_content(store, fetcher: Fetcher, feed_url: str, res: FetchResult, handle, *, unchanged) -> None:
    import feedparser

    parsed = feedparser.parse(res.content or b"", response_headers={"content-location": res.final_url or feed_url})
    if not parsed.entries:
        detail = str(getattr(parsed, "bozo_exception", "") or "no entries")
        if parsed.get("bozo") or not parsed.get("version"):
            handle(RawDoc(url_key(feed_url), feed_url, "feed", error=NewsEventsError(E.E023, detail=detail)))
        return
    for entry in parsed.entries:
        link = entry.get("link")
        item_id = entry.get("id") or link or entry.get("title")
        if not item_id or store.feed_item_seen(feed_url, item_id):
            continue
        meta = entry_meta(entry)
        raw = _entry_doc(fetcher, feed_url, entry, link, meta)
        if raw is None:  # the page was fetched before and has not changed
            unchanged()
            store.remember_feed_item(feed_url, item_id, link, None)
            continue
        handle(raw)
        if raw.error is None or raw.error.code not in ("E018", "E019"):  # transient failures are retried next poll
            store.remember_feed_item(feed_url, item_id, link, None)


def _entry_doc(fetcher: Fetcher, feed_url: str, entry, link: str | None, meta: dict) -> RawDoc | None:
    embedded = _entry_html(entry)
    if link:
        page = fetcher.fetch(link)
        if page.ok:
            return page_doc(link, page, meta)
        if page.not_modified:
            return None
        if embedded is None:
            return RawDoc(url_key(link), link, "url", meta=meta, error=page.error)
    if embedded is None:
        return RawDoc(url_key(feed_url + "#" + str(entry.get("id"))), feed_url, "feed",
                      error=NewsEventsError(E.E023, detail="entry without a link or content"))
    key = url_key(link or feed_url + "#" + str(entry.get("id")))
    return html_record(f"<html><body><article>{embedded}</article></body></html>", key=key,
                       path=link or feed_url, fmt="feed", url=link, meta=meta)


def _entry_html(entry) -> str | None:
    for c in entry.get("content") or []:
        if c.get("value") and len(c["value"].split()) > 40:
            return c["value"]
    summary = entry.get("summary")
    return summary if summary and len(summary.split()) > 40 else None


def entry_meta(entry) -> dict:
    meta = {}
    if entry.get("title"):
        meta["title"] = entry["title"]
    if entry.get("author"):
        meta["author"] = entry["author"]
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    if when:
        meta["published"] = dt.datetime.fromtimestamp(calendar.timegm(when), dt.timezone.utc).date().isoformat()
    return meta


def watch(store, fetcher: Fetcher, feeds: Iterable[str], handle, *, interval: float = 900.0, once: bool = False,
          max_polls: int | None = None, on_poll: Callable[[int], None] | None = None,
          sleep: Callable[[float], None] = time.sleep) -> int:
    """Poll ``feeds`` every ``interval`` seconds (once with ``once``); returns the number of polls."""
    feeds = list(feeds)
    polls = 0
    while True:
        for feed in feeds:
            poll_feed(store, fetcher, feed, handle, unchanged=lambda: None)
        polls += 1
        if on_poll is not None:
            on_poll(polls)
        if once or (max_polls is not None and polls >= max_polls):
            return polls
        sleep(interval)
