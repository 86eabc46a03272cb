"""The ``newsevents`` command line."""
from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any

import click

from . import __version__
from .errors import NewsEventsError

FORMATS = click.Choice(["table", "json", "csv"])


def _published_option(f):
    return click.option(
        "--published", metavar="YYYY-MM-DD", default=None,
        help="Publication date for every input (the anchor for relative dates); overrides metadata.",
    )(f)


def _db_option(f):
    return click.option(
        "--db", "db", metavar="URL", default=None, envvar="NEWSEVENTS_DB",
        help="Store: a SQLite path, sqlite:///path or postgresql://user@host/db (default ./newsevents.db; env NEWSEVENTS_DB).",
    )(f)


def _format_option(f):
    return click.option("--format", "fmt", type=FORMATS, default="table", show_default=True, help="Output format.")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsevents")
def main() -> None:
    """newsevents: who said and did what to whom, when — from raw news, with provenance.

    \b
    Typical use:
      newsevents demo                          run the pipeline on the built-in sample
      newsevents extract article.txt --published 2022-01-28
      newsevents ingest news/ --db news.db     store documents, quotes, events
      newsevents quotes --speaker Kuleba       query the store
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_published_option
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True,
              help="Output format: one document JSON (newsevents.document/1) per line.")
@click.option("--pretty", is_flag=True, help="Indent the JSON (no longer one object per line).")
def extract(paths: tuple[str, ...], published: str | None, fmt: str, pretty: bool) -> None:
    """Print the document JSON of every input.

    PATHS are files (.txt, .html/.htm, .jsonl), folders (recursive) or - for stdin.
    Rejected inputs are reported on stderr with their reason.
    """
    from .core import parse_date, process
    from .sources import env_max_bytes, read_inputs

    pub = _checked_date(published, parse_date)
    ok = bad = 0
    for raw in read_inputs(paths, max_bytes=env_max_bytes()):
        out = process(raw, published=pub)
        if out.ok:
            ok += 1
            click.echo(json.dumps(out.document.to_json(), ensure_ascii=False, indent=2 if pretty else None))
        else:
            bad += 1
            click.echo(f"rejected {_where(raw)}: [{out.code}] {out.reason}", err=True)
    if ok == 0 and bad:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1)
@_db_option
@_published_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--urls", "url_files", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="A file of URLs (pages or RSS/Atom feeds), one a line; repeatable.")
@click.option("--allow-private", is_flag=True,
              help="Allow fetching private and loopback addresses (refused by default).")
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Process on a local Dask cluster of N worker processes (one spaCy pipeline each).")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None, help="Use an existing Dask scheduler.")
@click.option("--workdir", default=".newsevents-work", show_default=True,
              help="Where distributed runs keep per-partition Parquet results (resumable).")
def ingest(paths: tuple[str, ...], db: str | None, published: str | None, quiet: bool,
           workers: int | None, scheduler: str | None, workdir: str,
           url_files: tuple[str, ...] = (), allow_private: bool = False) -> None:
    """Extract and store every input; re-ingesting the same content adds nothing.

    PATHS are files (.txt, .html, .jsonl, .warc/.warc.gz), folders, - for stdin, or
    http(s):// URLs of pages or RSS/Atom feeds (fetched politely: robots.txt, rate limit,
    conditional GET). Ends with a summary (stored / unchanged / rejected, with reasons). The exit
    status is non-zero only when nothing at all could be processed.
    """
    from .core import parse_date
    from .ingest import ingest_paths

    pub = _checked_date(published, parse_date)
    listed = _url_files(paths, url_files)
    store = _open_store(db)
    with store:
        if listed or any(p.lower().startswith(("http://", "https://")) for p in paths):
            summary = ingest_paths(store, paths, published=pub, progress=not quiet, urls=listed,
                                   allow_private=allow_private)
        elif workers or scheduler:
            from .scale import ingest_distributed

            summary = ingest_distributed(store, paths, workers=workers, scheduler=scheduler, published=pub,
                                         workdir=workdir, progress=not quiet)
        else:
            summary = ingest_paths(store, paths, published=pub, progress=not quiet)
    click.echo(summary.render(), err=False)
    if summary.processed == 0 and summary.rejected:
        sys.exit(1)


@main.command()
@_db_option
@_format_option
@click.option("--since", metavar="DATE", default=None)
@click.option("--until", metavar="DATE", default=None)
@click.option("--limit", default=50, show_default=True)
def articles(db: str | None, fmt: str, since: str | None, until: str | None, limit: int) -> None:
    """List stored articles, newest first."""
    with _open_store(db, must_exist=True) as store:
        _emit(store.articles(since=since, until=until, limit=limit), fmt)


@main.command()
@_db_option
@_format_option
@click.option("--speaker", default=None, help="Speaker name or part of it (e.g. Kuleba).")
@click.option("--actor", default=None, help="Speaker actor id or country code (e.g. UKR).")
@click.option("--search", "search_text", default=None, help="Full-text search in the quote text.")
@click.option("--since", metavar="DATE", default=None)
@click.option("--until", metavar="DATE", default=None)
@click.option("--limit", default=100, show_default=True)
def quotes(db, fmt, speaker, actor, search_text, since, until, limit) -> None:
    """List stored quotes with their speakers."""
    with _open_store(db, must_exist=True) as store:
        _emit(store.quotes(speaker=speaker, actor=actor, search=search_text, since=since, until=until, limit=limit), fmt)


@main.command()
@_db_option
@_format_option
@click.option("--actor", default=None, help="Country/actor code on either side (e.g. RUS).")
@click.option("--dyad", nargs=2, default=None, metavar="SOURCE TARGET", help="Directed dyad, e.g. --dyad USA RUS.")
@click.option("--root", default=None, help="CAMEO root code, e.g. 13 (threaten).")
@click.option("--modality", type=click.Choice(["asserted", "negated", "hypothetical", "future"]), default=None)
@click.option("--since", metavar="DATE", default=None)
@click.option("--until", metavar="DATE", default=None)
@click.option("--limit", default=200, show_default=True)
@click.option("--mentions", is_flag=True,
              help="One row per mention in each article, instead of one per real event (copies counted once).")
def events(db, fmt, actor, dyad, root, modality, since, until, limit, mentions=False) -> None:
    """List events (CAMEO and PLOVER) with dyads, modality and dates.

    By default one row per real event, with how many mentions, articles and sources
    report it; --mentions lists every mention with its article.
    """
    with _open_store(db, must_exist=True) as store:
        query = store.events if mentions else store.event_groups
        rows = query(actor=actor, dyad=tuple(dyad) if dyad else None, root=root, modality=modality,
                     since=since, until=until, limit=limit)
        _emit(rows, fmt)


@main.command()
@_db_option
@_format_option
@click.option("--since", metavar="DATE", default=None)
@click.option("--until", metavar="DATE", default=None)
@click.option("--limit", default=50, show_default=True)
def stories(db: str | None, fmt: str, since: str | None, until: str | None, limit: int) -> None:
    """List stories: copies and same-story articles counted once, with outlets and first article."""
    with _open_store(db, must_exist=True) as store:
        _emit(store.stories_list(since=since, until=until, limit=limit), fmt)


@main.command()
@click.argument("feeds", nargs=-1, required=True)
@_db_option
@_published_option
@click.option("--interval", default=900.0, show_default=True, metavar="S", help="Seconds between polls.")
@click.option("--once", is_flag=True, help="Poll every feed once and stop.")
@click.option("--allow-private", is_flag=True,
              help="Allow fetching private and loopback addresses (refused by default).")
def watch(feeds: tuple[str, ...], db: str | None, published: str | None, interval: float, once: bool,
          allow_private: bool) -> None:
    """Poll RSS/Atom FEEDS and ingest new items (Ctrl-C stops).

    Each poll is a conditional GET: an unchanged feed costs one 304, and items already
    taken are skipped. Prints a cumulative summary line after every poll.
    """
    from .core import parse_date
    from .ingest import watch_feeds

    pub = _checked_date(published, parse_date)
    with _open_store(db) as store:
        summary = watch_feeds(store, feeds, interval=interval, once=once, allow_private=allow_private,
                              published=pub, echo=click.echo)
    click.echo(summary.render())


@main.command()
@click.argument("text")
@_db_option
@_format_option
@click.option("--limit", default=20, show_default=True)
def search(text: str, db: str | None, fmt: str, limit: int) -> None:
    """Full-text search over stored articles."""
    with _open_store(db, must_exist=True) as store:
        _emit(store.search(text, limit=limit), fmt)


@main.command()
@_db_option
@_format_option
def rejections(db: str | None, fmt: str) -> None:
    """List inputs that were rejected, with their reasons."""
    with _open_store(db, must_exist=True) as store:
        _emit(store.rejections(), fmt)


@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl", "gdelt"]), default="jsonl",
              show_default=True, help="gdelt: the 61 tab-separated columns of the GDELT 2.0 event table.")
@click.option("--table", type=click.Choice(["events", "mentions", "quotes", "documents"]), default="events",
              show_default=True, help="events: one row per real event; mentions: one per article mention.")
@click.option("--out", "out", default="-", show_default=True, help="Output file (- for stdout; Parquet needs a file).")
def export(db: str | None, fmt: str, table: str, out: str) -> None:
    """Export events, mentions, quotes or documents as Parquet, CSV, JSON Lines or GDELT."""
    from .export import export as run_export

    with _open_store(db, must_exist=True) as store:
        try:
            n = run_export(store, table=table, fmt=fmt, out=out)
        except ValueError as err:
            raise click.UsageError(str(err)) from err
    if out != "-":
        click.echo(f"exported {n} {table} rows to {out}", err=True)


@main.command()
@click.option("--db", "db", metavar="URL", default=":memory:", show_default=True,
              help="Where to store the sample's results.")
def demo(db: str) -> None:
    """Run the whole pipeline on the built-in sample articles and show what it found."""
    from .demo import run_demo

    run_demo(db=db, echo=click.echo)


@main.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--write-token", default=None, envvar="NEWSEVENTS_WRITE_TOKEN",
              help="Token that enables POST /api/v1/documents (env NEWSEVENTS_WRITE_TOKEN); writes are off without it.")
@click.option("--read-token", default=None, envvar="NEWSEVENTS_READ_TOKEN",
              help="Require this token for reading too (env NEWSEVENTS_READ_TOKEN).")
def serve(db: str | None, host: str, port: int, write_token: str | None, read_token: str | None) -> None:
    """Serve the Desk: the REST API (/api/v1, docs at /api/docs) and the web dashboard."""
    from .web import serve as run_server

    try:
        run_server(db, host, port, write_token=write_token, read_token=read_token)
    except NewsEventsError as err:
        raise click.ClickException(err.message) from err


# --- helpers ------------------------------------------------------------------------------


def _url_files(paths: tuple[str, ...], url_files: tuple[str, ...]) -> list[str]:
    """The URLs of every --urls file."""
    from .feeds import read_url_list

    if not paths and not url_files:
        raise click.UsageError("give PATHS, URLs or --urls FILE")
    try:
        return [u for f in url_files for u in read_url_list(f)]
    except OSError as exc:
        raise click.ClickException(f"cannot read URL list: {exc}") from exc


def _checked_date(value: str | None, parse) -> Any:
    try:
        return parse(value)
    except NewsEventsError as err:
        raise click.BadParameter(err.message, param_hint="--published") from err


def _open_store(db: str | None, *, must_exist: bool = False):
    from pathlib import Path

    from .store import Store, is_postgres, sqlite_path

    try:
        path = db if is_postgres(db) else sqlite_path(db)
        if must_exist and not is_postgres(db) and path != ":memory:" and not Path(path).exists():
            raise click.ClickException(f"no store at {path}: run `newsevents ingest PATH --db {path}` first")
        return Store(db)
    except NewsEventsError as err:
        raise click.ClickException(err.message) from err


def _where(raw) -> str:
    return f"{raw.path or '-'}" + (f":{raw.line}" if raw.line else "")


def _emit(rows: list[dict[str, Any]], fmt: str) -> None:
    click.echo(render(rows, fmt), nl=False)


def render(rows: list[dict[str, Any]], fmt: str) -> str:
    """Rows as a table, JSON (a list) or CSV."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        if rows:
            w = csv.DictWriter(buf, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)
        return buf.getvalue()
    return table(rows)


def table(rows: list[dict[str, Any]], *, max_width: int = 60) -> str:
    if not rows:
        return "(no rows)\n"
    cols = list(rows[0].keys())

    def cell(v: Any) -> str:
        s = "" if v is None else str(v).replace("\n", " ")
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    cells = [[cell(r.get(c)) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    out = [line(cols), line(["-" * w for w in widths])] + [line(r) for r in cells]
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover
    main()
