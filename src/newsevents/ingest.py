"""Batch ingestion: inputs → documents → store, with a summary that loses nothing."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from tqdm import tqdm

from .core import Outcome, process
from .errors import E, NewsEventsError
from .sources import RawDoc, env_max_bytes, iter_paths, read_path
from .store import Store


@dataclass
class Summary:
    stored: int = 0
    unchanged: int = 0
    rejected: int = 0
    reasons: Counter = field(default_factory=Counter)
    rejected_inputs: list[str] = field(default_factory=list)

    @property
    def processed(self) -> int:
        return self.stored + self.unchanged

    def reject(self, store: Store, *, input_key: str, path: str | None, line: int | None, fmt: str | None,
               code: str, reason: str) -> None:
        """Count a rejected input here and record it in the store (keyed, so never twice)."""
        self.rejected += 1
        self.reasons[(code, reason)] += 1
        where = f"{path or '-'}" + (f":{line}" if line else "")
        self.rejected_inputs.append(f"{where}: [{code}] {reason}")
        store.reject(input_key=input_key, path=path, line=line, fmt=fmt, code=code, reason=reason)

    def render(self, *, show: int = 20) -> str:
        lines = [f"stored {self.stored}, unchanged {self.unchanged}, rejected {self.rejected}"]
        for (code, reason), n in self.reasons.most_common():
            lines.append(f"  rejected {n} × [{code}] {reason}")
        for where in self.rejected_inputs[:show]:
            lines.append(f"    {where}")
        if len(self.rejected_inputs) > show:
            lines.append(f"    … and {len(self.rejected_inputs) - show} more (see `newsevents rejections`)")
        return "\n".join(lines)


def ingest_paths(
    store: Store, paths: Iterable[str], *, published: dt.date | None = None, progress: bool = True,
    urls: Iterable[str] = (), allow_private: bool = False, fetcher=None,
) -> Summary:
    """Ingest every document of ``paths``; each is stored, unchanged, or recorded as rejected.

    ``paths`` may hold ``http(s)://`` URLs (pages or RSS/Atom feeds), and ``urls`` more of
    them (e.g. from ``--urls FILE``); they are fetched with :class:`newsevents.fetch.Fetcher`
    (private and loopback addresses refused unless ``allow_private``).
    """
    from .feeds import is_url

    paths = list(paths)
    url_args = [p for p in paths if is_url(p)] + list(urls)
    files = list(iter_paths(p for p in paths if not is_url(p)))
    summary = Summary()
    bar = tqdm(total=len(files) + len(url_args), unit="input", disable=None if progress else True, delay=2.0,
               dynamic_ncols=True)
    try:
        for path in files:
            for raw in read_path(path, max_bytes=env_max_bytes()):
                _ingest_one(store, raw, published, summary)
                bar.set_postfix(stored=summary.stored, rejected=summary.rejected, refresh=False)
            bar.update(1)
        if url_args:
            _ingest_urls(store, url_args, published, summary, bar, allow_private=allow_private, fetcher=fetcher)
    finally:
        bar.close()
    return summary


def make_fetcher(store: Store, *, allow_private: bool = False, **kwargs):
    from .fetch import Fetcher

    return Fetcher(allow_private=allow_private, validators=store.http_validators, max_bytes=env_max_bytes(), **kwargs)


def _ingest_urls(store: Store, urls: list[str], published, summary: Summary, bar, *, allow_private: bool, fetcher) -> None:
    from .feeds import ingest_url

    own = fetcher is None
    fetcher = fetcher or make_fetcher(store, allow_private=allow_private)
    try:
        for url in urls:
            ingest_url(store, fetcher, url, lambda raw: _ingest_one(store, raw, published, summary),
                       unchanged=lambda: setattr(summary, "unchanged", summary.unchanged + 1))
            bar.update(1)
    finally:
        if own:
            fetcher.close()


def watch_feeds(store: Store, feeds: Iterable[str], *, interval: float, once: bool, allow_private: bool = False,
                published: dt.date | None = None, max_polls: int | None = None, echo=print, fetcher=None) -> Summary:
    """Poll feeds, ingesting new items; prints one summary line per poll."""
    from .feeds import watch

    summary = Summary()
    own = fetcher is None
    fetcher = fetcher or make_fetcher(store, allow_private=allow_private)

    def report(n: int) -> None:
        echo(f"poll {n}: " + summary.render().splitlines()[0])

    try:
        watch(store, fetcher, feeds, lambda raw: _ingest_one(store, raw, published, summary), interval=interval,
              once=once, max_polls=max_polls, on_poll=report)
    except KeyboardInterrupt:
        pass
    finally:
        if own:
            fetcher.close()
    return summary


def _ingest_one(store: Store, raw: RawDoc, published: dt.date | None, summary: Summary) -> None:
    out = process(raw, published=published)
    if out.ok:
        try:
            if store.put(out.document).status == "stored":
                summary.stored += 1
            else:
                summary.unchanged += 1
            return
        except Exception as exc:  # a storage failure rejects this document only
            err = NewsEventsError(E.E015, detail=f"{type(exc).__name__}: {exc}")
            out = Outcome(raw, code=err.code, reason=err.message)
    summary.reject(store, input_key=raw.key, path=raw.path, line=raw.line, fmt=raw.format,
                   code=out.code or "E011", reason=out.reason or "")
