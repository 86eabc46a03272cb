"""The store: SQLite (WAL, FTS5) holding documents and everything extracted from them.

Documents are keyed by the content hash of their cleaned text, so re-ingesting
the same content adds nothing.  Inputs that could not be processed are kept in
``rejections`` with their catalogue code and reason, keyed by input identity.

Tables (names and columns are stable; new ones are only ever added):

- ``documents``: one row per distinct cleaned text; ``story_id`` (the story it belongs to)
  and ``copy_of`` (the first document of its near-duplicate group, NULL for an original).
- ``entities``, ``quotes``, ``timexes``, ``events``, ``repairs``: per-document annotations.
  ``events`` and ``quotes`` are *mentions*: ``events.group_id`` → ``event_groups.id`` and
  ``quotes.group_id`` → ``quote_groups.id`` link each to its canonical row.
- ``stories(id, title, first_doc_id, first_published, last_published, num_articles,
  num_copies, num_sources, outlets JSON, original_sources JSON, created_at, updated_at)``:
  copies and same-story articles together (see :mod:`newsevents.stories`).
- ``event_groups(id, story_id, key, cameo, root, quad_class, goldstein, plover_type,
  source_name, source_country, target_name, target_country, modality, date, first_event_id,
  first_published, num_mentions, num_articles, num_sources)``: one row per real event.
- ``quote_groups(id, story_id, speaker_name, text, norm_text, first_quote_id,
  first_published, num_mentions, num_articles, num_sources)``: one row per statement.
- ``doc_signatures(doc_id, num_perm, shingles, hashvalues BLOB)`` and
  ``lsh_bands(key, doc_id)``: the persisted MinHash LSH index (incremental, never rebuilt);
  ``term_df(term, df)``: document frequencies for the TF-IDF story stage.
- ``http_cache(url, etag, last_modified, status, content_hash, fetched_at)``: conditional
  GET validators, so a re-poll fetches only what changed.
- ``feed_items(feed_url, item_id, url, doc_id, first_seen)``: feed entries already taken.
- ``rejections``: inputs that could not be processed, with code and reason.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import E, NewsEventsError
from .model import Document
from .schema import DDL, SCHEMA_VERSION, _add_columns

DEFAULT_DB = "newsevents.db"


def is_postgres(url: str | None) -> bool:
    return bool(url) and url.split("://", 1)[0] in ("postgresql", "postgres", "postgresql+psycopg")


def sqlite_path(url: str | None) -> str:
    """``newsevents.db``, ``sqlite:///path.db`` or ``:memory:`` → a SQLite path."""
    if not url:
        return DEFAULT_DB
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///") :]
    if url.startswith("sqlite://"):
        return url[len("sqlite://") :] or ":memory:"
    if "://" in url:
        raise NewsEventsError(E.E013, url=url)
    return url


@dataclass(frozen=True)
class PutResult:
    status: str  # stored | unchanged
    doc_id: str


class Store:
    """A newsevents store: ``Store("newsevents.db")`` (SQLite) or
    ``Store("postgresql://user@host/db")``; use as a context manager.

    Both backends share the schema and the SQL (see :mod:`newsevents.pg`); full-text
    search is FTS5 on SQLite and ``tsvector`` on PostgreSQL.
    """

    def __init__(self, url: str | None = None, *, stories: bool = True) -> None:
        self.stories = stories  # group copies and stories at put() (see newsevents.stories)
        if is_postgres(url):
            self._open_postgres(url)
            return
        self.dialect = "sqlite"
        path = sqlite_path(url)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.conn = sqlite3.connect(path)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.executescript(DDL)
        _add_columns(self.conn)
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES ('schema_version', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(SCHEMA_VERSION),)
        )
        self.conn.commit()

    def _open_postgres(self, url: str) -> None:
        from .pg import PG_SEARCH_DDL, PgConnection, sqlite_ddl_to_pg

        self.dialect = "postgresql"
        self.path = url
        try:
            self.conn = PgConnection(url)
        except Exception as exc:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise NewsEventsError(E.E025, url=url, detail=detail) from exc
        with self.conn:
            # One migration at a time across concurrent openers.
            self.conn.execute("SELECT pg_advisory_xact_lock(7262)")
            self.conn.executescript(sqlite_ddl_to_pg(DDL))
            _add_columns(self.conn)
            self.conn.executescript(PG_SEARCH_DDL)
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES ('schema_version', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(SCHEMA_VERSION),)
            )

    def reset(self) -> None:
        """Empty every table (benchmarks and tests)."""
        tables = [t for t in re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", DDL) if t != "meta"]
        with self.conn:
            if self.dialect == "postgresql":
                self.conn.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
            else:
                for t in reversed(tables):
                    self.conn.execute(f"DELETE FROM {t}")

    def bulk_insert(self, table: str, columns: Iterable[str], rows: list[tuple[Any, ...]]) -> None:
        """Insert many rows at once (loaders and benchmarks; no stories, no checks)."""
        cols = list(columns)
        quoted = ", ".join(f'"{c}"' for c in cols)
        with self.conn:
            if self.dialect == "postgresql":
                with self.conn.raw.cursor() as cur, cur.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for r in rows:
                        copy.write_row(r)
            else:
                self.conn.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(cols))})", rows)

    def analyze(self) -> None:
        """Refresh the query planner's statistics."""
        with self.conn:
            self.conn.execute("ANALYZE")

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # --- writing ------------------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def put(self, doc: Document) -> PutResult:
        """Store a document and its annotations in one transaction (idempotent)."""
        if self.has(doc.id):
            return PutResult("unchanged", doc.id)
        now = _now()
        j = doc.to_json()
        with self.conn:
            self.conn.execute(
                "INSERT INTO documents(id, path, format, url, title, published, outlet, author, original_source,"
                " language, text, doc_json, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, doc.input.get("path"), doc.input.get("format"), doc.url, doc.title, doc.published,
                 doc.outlet, doc.author, doc.original_source, doc.language, doc.text,
                 json.dumps(j, ensure_ascii=False), now),
            )
            self.conn.executemany(
                'INSERT INTO entities(doc_id, start, "end", text, label, actor_id, actor_name, country, sector)'
                " VALUES (?,?,?,?,?,?,?,?,?)",
                [(doc.id, e.start, e.end, e.text, e.label, e.actor and e.actor.id, e.actor and e.actor.name,
                  e.actor and e.actor.country, e.actor and e.actor.sector) for e in doc.entities],
            )
            self.conn.executemany(
                'INSERT OR IGNORE INTO quotes(id, doc_id, start, "end", text, kind, cue, speaker_text, speaker_name,'
                " speaker_role, speaker_actor_id, speaker_country, speaker_sector, confidence, published)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [_quote_row(doc, q) for q in doc.quotes],
            )
            self.conn.executemany(
                'INSERT INTO timexes(doc_id, start, "end", text, type, value) VALUES (?,?,?,?,?,?)',
                [(doc.id, t.start, t.end, t.text, t.type, t.value) for t in doc.timexes],
            )
            self.conn.executemany(
                f"INSERT OR IGNORE INTO events({','.join(EVENT_COLUMNS)}) VALUES ({','.join('?' * len(EVENT_COLUMNS))})",
                [_event_row(doc, ev) for ev in doc.events],
            )
            self.conn.executemany(
                'INSERT INTO repairs(doc_id, start, "end", raw, fixed, kind) VALUES (?,?,?,?,?,?)',
                [(doc.id, r.start, r.end, r.raw, r.fixed, r.kind) for r in doc.repairs],
            )
            if self.stories:
                from . import stories

                found = stories.assign(self.conn, doc.id, now=now, embedder=stories.optional_embedder())
                j["story"] = found.story_id
                self.conn.execute("UPDATE documents SET doc_json = ? WHERE id = ?",
                                  (json.dumps(j, ensure_ascii=False), doc.id))
        return PutResult("stored", doc.id)

    def reject(self, *, input_key: str, path: str | None, line: int | None, fmt: str | None, code: str, reason: str) -> None:
        now = _now()
        with self.conn:
            self.conn.execute(
                "INSERT INTO rejections(input_key, path, line, format, code, reason, first_seen, last_seen)"
                " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(input_key) DO UPDATE SET code=excluded.code,"
                " reason=excluded.reason, last_seen=excluded.last_seen",
                (input_key, path, line, fmt, code, reason, now, now),
            )

    # --- reading ------------------------------------------------------------------------

    def document(self, doc_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT doc_json FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def counts(self) -> dict[str, int]:
        tables = ("documents", "quotes", "events", "entities", "timexes", "rejections", "stories", "event_groups",
                  "quote_groups")
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def articles(self, *, limit: int = 50, since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
        where, args = _date_filter("published", since, until)
        sql = (
            "SELECT d.id, d.published, d.outlet, d.original_source, d.title, d.path, d.story_id,"
            " (SELECT count(*) FROM quotes q WHERE q.doc_id = d.id) AS quotes,"
            " (SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events"
            f" FROM documents d {where} ORDER BY d.published DESC, d.ingested_at DESC LIMIT ?"
        )
        return self._rows(sql, [*args, limit])

    def quotes(
        self, *, speaker: str | None = None, search: str | None = None, actor: str | None = None,
        since: str | None = None, until: str | None = None, limit: int = 100,
    ) -> list[dict[str, Any]]:
        clauses, args = [], []
        if actor:
            clauses.append("(q.speaker_actor_id = ? OR q.speaker_country = ?)")
            args += [actor, actor]
        if since:
            clauses.append("q.published >= ?")
            args.append(since)
        if until:
            clauses.append("q.published <= ?")
            args.append(until)
        join = ""
        # Speaker names match word prefixes ("kul" finds Dmytro Kuleba) through the
        # full-text indexes, so a speaker filter never scans every quote.
        speaker_words = re.findall(r"\w+", speaker or "")
        if self.dialect == "postgresql":
            if speaker_words:
                clauses.append("to_tsvector('simple', coalesce(q.speaker_name, '')) @@ to_tsquery('simple', ?)")
                args.append(" & ".join(f"{w.lower()}:*" for w in speaker_words))
            if search:
                clauses.append("q.tsv @@ plainto_tsquery('english', ?)")
                args.append(search)
        elif speaker_words or search:
            parts = []
            if speaker_words:
                parts.append("speaker_name : (" + " ".join(f'"{w}"*' for w in speaker_words) + ")")
            if search:
                parts.append(f"({fts_query(search)})")
            join = "JOIN quotes_fts f ON f.rowid = q.rowid"
            clauses.append("quotes_fts MATCH ?")
            args.append(" AND ".join(parts))
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        sql = (
            "SELECT q.id, q.published, q.speaker_name, q.speaker_role, q.speaker_country, q.kind, q.text, q.doc_id,"
            f' q.start, q."end", q.confidence FROM quotes q {join} {where} ORDER BY q.published, q.doc_id, q.start LIMIT ?'
        )
        return self._rows(sql, [*args, limit])

    def events(
        self, *, actor: str | None = None, dyad: tuple[str, str] | None = None, root: str | None = None,
        since: str | None = None, until: str | None = None, modality: str | None = None, limit: int = 200,
    ) -> list[dict[str, Any]]:
        where, args = _event_filters("events", "e", "COALESCE(e.date, e.published)", actor=actor, dyad=dyad,
                                     root=root, modality=modality, since=since, until=until)
        sql = (
            "SELECT e.id, COALESCE(e.date, e.published) AS date, e.date_precision, e.source_name, e.source_country,"
            " e.source_sector, e.cameo, e.plover_type, e.target_name, e.target_country, e.target_sector,"
            " e.modality, e.goldstein, e.quad_class, e.trigger_text, e.quote_id, e.coder, e.confidence, e.doc_id,"
            " e.group_id"
            f" FROM events e {where} ORDER BY date, e.doc_id, e.trigger_start LIMIT ?"
        )
        return self._rows(sql, [*args, limit])

    def event_groups(
        self, *, actor: str | None = None, dyad: tuple[str, str] | None = None, root: str | None = None,
        since: str | None = None, until: str | None = None, modality: str | None = None, limit: int = 200,
    ) -> list[dict[str, Any]]:
        """Canonical events: one row per real event, with how many mentions, articles and sources."""
        where, args = _event_filters("event_groups", "g", "COALESCE(g.date, g.first_published)", actor=actor,
                                     dyad=dyad, root=root, modality=modality, since=since, until=until)
        sql = (
            "SELECT g.id, COALESCE(g.date, g.first_published) AS date, g.source_name, g.source_country, g.cameo,"
            " g.plover_type, g.target_name, g.target_country, g.modality, g.goldstein, g.quad_class,"
            " g.num_mentions, g.num_articles, g.num_sources, g.story_id,"
            " (SELECT trigger_text FROM events e WHERE e.id = g.first_event_id) AS trigger_text"
            f" FROM event_groups g {where} ORDER BY date, g.story_id, g.id LIMIT ?"
        )
        return self._rows(sql, [*args, limit])

    def quote_groups(self, *, story: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Canonical quotes: one row per statement, with how many articles and sources carry it."""
        where, args = ("WHERE story_id = ?", [story]) if story else ("", [])
        return self._rows(
            "SELECT id, first_published, speaker_name, text, num_mentions, num_articles, num_sources, story_id"
            f" FROM quote_groups {where} ORDER BY first_published, id LIMIT ?", [*args, limit])

    def stories_list(self, *, since: str | None = None, until: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        where, args = _date_filter("first_published", since, until)
        return self._rows(
            "SELECT id, first_published, title, num_articles, num_copies, num_sources, outlets, original_sources,"
            f" first_doc_id FROM stories {where} ORDER BY first_published DESC, id LIMIT ?", [*args, limit])

    # --- fetch state ----------------------------------------------------------------------

    def http_validators(self, url: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT etag, last_modified, content_hash FROM http_cache WHERE url = ?", (url,)).fetchone()
        return dict(row) if row else None

    def remember_http(self, url: str, *, etag: str | None, last_modified: str | None, status: int,
                      content_hash: str | None) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT INTO http_cache(url, etag, last_modified, status, content_hash, fetched_at) VALUES (?,?,?,?,?,?)"
                " ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, last_modified=excluded.last_modified,"
                " status=excluded.status, content_hash=excluded.content_hash, fetched_at=excluded.fetched_at",
                (url, etag, last_modified, status, content_hash, _now()),
            )

    def feed_item_seen(self, feed_url: str, item_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM feed_items WHERE feed_url = ? AND item_id = ?",
                                 (feed_url, item_id)).fetchone() is not None

    def remember_feed_item(self, feed_url: str, item_id: str, url: str | None, doc_id: str | None) -> None:
        with self.conn:
            self.conn.execute("INSERT OR IGNORE INTO feed_items(feed_url, item_id, url, doc_id, first_seen)"
                              " VALUES (?,?,?,?,?)", (feed_url, item_id, url, doc_id, _now()))

    def dyad_series(self, source: str, target: str, *, since: str | None = None,
                    until: str | None = None) -> list[dict[str, Any]]:
        """Events per day and quad class for a directed dyad, with their Goldstein sum."""
        clauses, args = ["e.source_country = ?", "e.target_country = ?"], [source, target]
        if since:
            clauses.append("COALESCE(e.date, e.published) >= ?")
            args.append(since)
        if until:
            clauses.append("COALESCE(e.date, e.published) <= ?")
            args.append(until)
        sql = (
            "SELECT COALESCE(e.date, e.published) AS day, e.quad_class, count(*) AS events,"
            " sum(e.goldstein) AS goldstein FROM events e WHERE " + " AND ".join(clauses)
            + " GROUP BY COALESCE(e.date, e.published), e.quad_class ORDER BY day, e.quad_class"
        )
        return self._rows(sql, args)

    def search(self, text: str, *, limit: int = 20) -> list[dict[str, Any]]:
        if self.dialect == "postgresql":
            sql = (
                "SELECT d.id, d.published, d.title, ts_headline('english', d.text, q,"
                " 'StartSel=[, StopSel=], MaxFragments=1, MaxWords=24, MinWords=8') AS snippet"
                " FROM documents d, plainto_tsquery('english', ?) q WHERE d.tsv @@ q"
                " ORDER BY ts_rank(d.tsv, q) DESC LIMIT ?"
            )
            return self._rows(sql, [text, limit])
        sql = (
            "SELECT d.id, d.published, d.title, snippet(documents_fts, 1, '[', ']', ' … ', 12) AS snippet"
            " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
            " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        return self._rows(sql, [fts_query(text), limit])

    def rejections(self) -> list[dict[str, Any]]:
        return self._rows("SELECT path, line, code, reason, last_seen FROM rejections ORDER BY path, line", [])

    def _rows(self, sql: str, args: Iterable[Any]) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, list(args))]


def fts_query(text: str) -> str:
    """Quote every term so user text never breaks FTS5 syntax."""
    terms = [t.replace('"', '""') for t in text.split() if t.strip()]
    return " ".join(f'"{t}"' for t in terms) or '""'


def _event_filters(
    table: str, alias: str, day: str, *, actor: str | None, dyad: tuple[str, str] | None, root: str | None,
    modality: str | None, since: str | None, until: str | None,
) -> tuple[str, list[Any]]:
    """The WHERE clause shared by event mentions and canonical events."""
    clauses: list[str] = []
    args: list[Any] = []
    if actor:
        # Either side, as two index range scans (an OR would scan the whole table).
        inner = day.replace(f"{alias}.", "")
        days, day_args = _day_range(inner, since, until)
        clauses.append(
            f"{alias}.rowid IN (SELECT rowid FROM {table} WHERE source_country = ?{days}"
            f" UNION ALL SELECT rowid FROM {table} WHERE target_country = ? AND source_country <> ?{days})"
        )
        args += [actor, *day_args, actor, actor, *day_args]
    if dyad:
        clauses.append(f"{alias}.source_country = ? AND {alias}.target_country = ?")
        args += list(dyad)
    if root:
        clauses.append(f"{alias}.root = ?")
        args.append(root.zfill(2))
    if modality:
        clauses.append(f"{alias}.modality = ?")
        args.append(modality)
    days, day_args = _day_range(day, since, until)
    if days:
        clauses.append(days[len(" AND "):])
        args += day_args
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


def _day_range(expr: str, since: str | None, until: str | None) -> tuple[str, list[str]]:
    """`` AND expr >= ? AND expr <= ?`` for the given bounds."""
    sql, args = "", []
    if since:
        sql += f" AND {expr} >= ?"
        args.append(since)
    if until:
        sql += f" AND {expr} <= ?"
        args.append(until)
    return sql, args


def _date_filter(col: str, since: str | None, until: str | None) -> tuple[str, list[str]]:
    clauses, args = [], []
    if since:
        clauses.append(f"{col} >= ?")
        args.append(since)
    if until:
        clauses.append(f"{col} <= ?")
        args.append(until)
    return (("WHERE " + " AND ".join(clauses)) if clauses else ""), args


def _quote_row(doc: Document, q: Any) -> tuple[Any, ...]:
    sp = q.speaker
    actor = sp.actor if sp else None
    return (
        q.id if q.id.startswith(doc.id) else f"{doc.id}:{q.id}", doc.id, q.start, q.end, q.text, q.kind,
        q.cue.text if q.cue else None, sp and sp.text, sp and sp.name, sp and sp.role,
        actor and actor.id, actor and actor.country, actor and actor.sector, q.confidence, doc.published,
    )


EVENT_COLUMNS = (
    "id", "doc_id", "sentence", "trigger_start", "trigger_end", "trigger_text", "cameo", "root", "quad_class",
    "goldstein", "plover_type", "plover_mode", "plover_context",
    "source_text", "source_name", "source_country", "source_sector", "source_start", "source_end",
    "target_text", "target_name", "target_country", "target_sector", "target_start", "target_end",
    "modality", "date", "date_precision", "date_basis", "quote_id", "coder", "confidence", "published",
)


def _event_row(doc: Document, ev: Any) -> tuple[Any, ...]:
    s, t = ev.source, ev.target
    return (
        ev.id if ev.id.startswith(doc.id) else f"{doc.id}:{ev.id}", doc.id, ev.sentence, ev.trigger.start,
        ev.trigger.end, ev.trigger.text, ev.cameo, ev.root, ev.quad_class, ev.goldstein, ev.plover.type,
        ev.plover.mode, ev.plover.context,
        s and s.text, s and s.name, s and s.country, s and s.sector, s and s.start, s and s.end,
        t and t.text, t and t.name, t and t.country, t and t.sector, t and t.start, t and t.end,
        ev.modality, ev.date, ev.date_precision, getattr(ev, "date_basis", None),
        (f"{doc.id}:{ev.quote_id}" if ev.quote_id and not ev.quote_id.startswith(doc.id) else ev.quote_id),
        ev.coder, ev.confidence, doc.published,
    )


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def iter_documents(store: Store) -> Iterator[dict[str, Any]]:
    for row in store.conn.execute("SELECT doc_json FROM documents ORDER BY rowid"):
        yield json.loads(row[0])
