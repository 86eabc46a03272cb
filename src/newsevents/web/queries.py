"""The Desk's SQL: read-only queries over a newsevents store, keyset pagination, indexes.

Every request opens its own read-only connection (``mode=ro``); nothing here writes
except :func:`ensure_indexes`, run once at server start on a read-write connection.
Lists are sorted on a unique key (a day or date, then ``rowid``) and paged with an
opaque cursor holding the last row's key, so pages stay stable while data is added.
"""
from __future__ import annotations

import base64
import json
import re
import sqlite3
from dataclasses import asdict, dataclass, fields
from typing import Any, Iterator

# Sort keys. The indexes below are built on exactly these expressions, so SQLite uses them.
EVENT_DAY = "COALESCE(e.date, e.published, '')"
QUOTE_DAY = "COALESCE(q.published, '')"
DOC_DAY = "COALESCE(d.published, '')"

# Indexes the Desk adds to a store (idempotent; see README "Desk"). Names start with web_.
INDEXES = (
    "CREATE INDEX IF NOT EXISTS web_documents_day ON documents(COALESCE(published, ''))",
    "CREATE INDEX IF NOT EXISTS web_documents_outlet ON documents(outlet, COALESCE(published, ''))",
    "CREATE INDEX IF NOT EXISTS web_quotes_day ON quotes(COALESCE(published, ''))",
    "CREATE INDEX IF NOT EXISTS web_events_day ON events(COALESCE(date, published, ''))",
    "CREATE INDEX IF NOT EXISTS web_events_dyad_day ON events(source_country, target_country, COALESCE(date, published, ''))",
    "CREATE INDEX IF NOT EXISTS web_events_target_day ON events(target_country, COALESCE(date, published, ''))",
    "CREATE INDEX IF NOT EXISTS web_events_source_day ON events(source_country, COALESCE(date, published, ''))",
    "CREATE INDEX IF NOT EXISTS web_events_plover_day ON events(plover_type, COALESCE(date, published, ''))",
    "CREATE INDEX IF NOT EXISTS web_events_quote ON events(quote_id)",
)

EVENT_COLUMNS = (
    "id", "day", "date", "date_precision", "source_name", "source_country", "source_sector", "cameo", "root",
    "quad_class", "goldstein", "plover_type", "plover_mode", "target_name", "target_country", "target_sector",
    "modality", "trigger_text", "trigger_start", "trigger_end", "quote_id", "confidence", "coder", "doc_id",
    "published", "outlet", "title",
)
QUOTE_COLUMNS = (
    "id", "published", "speaker_name", "speaker_text", "speaker_role", "speaker_actor_id", "speaker_country",
    "kind", "text", "cue", "confidence", "doc_id", "start", "end", "outlet", "title",
)
ARTICLE_COLUMNS = ("id", "published", "outlet", "title", "author", "url", "original_source", "quotes", "events")

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


class BadRequest(ValueError):
    """A request the store cannot answer as asked (bad cursor, bad search text)."""


def connect_ro(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def ensure_indexes(path: str) -> list[str]:
    """Create the Desk's indexes (read-write connection, once at start); returns their names."""
    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"documents", "events", "quotes"} <= tables:
            return []
        for ddl in INDEXES:
            conn.execute(ddl)
        conn.execute("ANALYZE")
        conn.commit()
    finally:
        conn.close()
    return [re.search(r"EXISTS (\w+)", d).group(1) for d in INDEXES]


# --- cursors ---------------------------------------------------------------------------------


def encode_cursor(key: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, n: int) -> list[Any]:
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except Exception as exc:
        raise BadRequest("cursor is not one this server issued") from exc
    if not isinstance(key, list) or len(key) != n or any(not isinstance(v, (str, int, float)) for v in key):
        raise BadRequest("cursor is not one this server issued")
    return key


# --- filters ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """Query-string filters shared by the API and the dashboard (all optional)."""

    actor: str | None = None
    dyad: str | None = None  # "RUS-UKR": source RUS, target UKR
    symmetric: bool = False  # dyad in both directions
    root: str | None = None
    cameo: str | None = None  # a code or its prefix
    plover: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    speaker: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    min_confidence: float | None = None
    doc_id: str | None = None
    q: str | None = None  # full-text search
    day: str | None = None  # exactly this day

    def params(self) -> dict[str, Any]:
        """Non-empty filters as query-string parameters."""
        out = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if v is None or v == "" or v is False:
                continue
            out[f.name] = "true" if v is True else v
        return out

    def key(self) -> tuple:
        return tuple(sorted(asdict(self).items()))


def dyad_pair(dyad: str) -> tuple[str, str]:
    a, _, b = dyad.upper().partition("-")
    if not a or not b:
        raise BadRequest("dyad must look like SOURCE-TARGET, e.g. RUS-UKR")
    return a, b


def fts_terms(text: str, *, column: str | None = None, prefix: bool = False) -> str:
    """User text → a safe FTS5 query: every term quoted (optionally prefix, column-scoped)."""
    words = [w for w in re.split(r"\s+", re.sub(r"[\x00-\x1f\"]", " ", text)) if w]
    if not words:
        raise BadRequest("search text is empty")
    terms = [f'"{w}"' + ("*" if prefix else "") for w in words[:32]]
    if column:
        terms = [f"{column} : {t}" for t in terms]
    return " AND ".join(terms)


def event_where(f: Filters) -> tuple[list[str], list[Any]]:
    c: list[str] = []
    a: list[Any] = []
    if f.actor:
        # Either side as two index range scans: "source OR target" would scan every event.
        dc: list[str] = []
        da: list[Any] = []
        _dates(dc, da, EVENT_DAY.replace("e.", ""), f)
        days = "".join(f" AND {x}" for x in dc)
        actor = f.actor.upper()
        c.append(f"e.rowid IN (SELECT rowid FROM events WHERE source_country = ?{days}"
                 f" UNION ALL SELECT rowid FROM events WHERE target_country = ? AND source_country IS NOT ?{days})")
        a += [actor, *da, actor, actor, *da]
    if f.dyad:
        s, t = dyad_pair(f.dyad)
        if f.symmetric:
            c.append("((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND e.target_country = ?))")
            a += [s, t, t, s]
        else:
            c.append("e.source_country = ? AND e.target_country = ?")
            a += [s, t]
    if f.root:
        c.append("e.root = ?")
        a.append(f.root.zfill(2))
    if f.cameo:
        c.append("e.cameo LIKE ?")
        a.append(f.cameo.replace("%", "").replace("_", "") + "%")
    if f.plover:
        c.append("e.plover_type = ?")
        a.append(f.plover.upper())
    if f.quad_class:
        c.append("e.quad_class = ?")
        a.append(f.quad_class)
    if f.modality:
        c.append("e.modality = ?")
        a.append(f.modality)
    if f.min_confidence is not None:
        c.append("e.confidence >= ?")
        a.append(f.min_confidence)
    if f.outlet:
        c.append("e.doc_id IN (SELECT id FROM documents WHERE outlet = ?)")
        a.append(f.outlet)
    if f.speaker:
        c.append("e.quote_id IN (SELECT q.id FROM quotes q WHERE q.rowid IN"
                 " (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?))")
        a.append(fts_terms(f.speaker, column="speaker_name", prefix=True))
    if f.doc_id:
        c.append("e.doc_id = ?")
        a.append(f.doc_id)
    if f.q:
        c.append("e.doc_id IN (SELECT d.id FROM documents d WHERE d.rowid IN"
                 " (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))")
        a.append(fts_terms(f.q))
    _dates(c, a, EVENT_DAY, f)
    return c, a


def quote_where(f: Filters) -> tuple[list[str], list[Any]]:
    c: list[str] = []
    a: list[Any] = []
    if f.speaker:
        c.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        a.append(fts_terms(f.speaker, column="speaker_name", prefix=True))
    if f.q:
        c.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        a.append(fts_terms(f.q, column="text"))
    if f.actor:
        c.append("(q.speaker_actor_id = ? OR q.speaker_country = ?)")
        a += [f.actor.upper()] * 2
    if f.outlet:
        c.append("q.doc_id IN (SELECT id FROM documents WHERE outlet = ?)")
        a.append(f.outlet)
    if f.min_confidence is not None:
        c.append("q.confidence >= ?")
        a.append(f.min_confidence)
    if f.doc_id:
        c.append("q.doc_id = ?")
        a.append(f.doc_id)
    event_f = {k: getattr(f, k) for k in ("dyad", "root", "cameo", "plover", "quad_class", "modality") if getattr(f, k)}
    if event_f:  # quotes that carry a matching event
        ec, ea = event_where(Filters(symmetric=f.symmetric, **event_f))
        c.append(f"q.id IN (SELECT e.quote_id FROM events e WHERE {' AND '.join(ec)})")
        a += ea
    _dates(c, a, QUOTE_DAY, f)
    return c, a


def article_where(f: Filters) -> tuple[list[str], list[Any]]:
    c: list[str] = []
    a: list[Any] = []
    if f.outlet:
        c.append("d.outlet = ?")
        a.append(f.outlet)
    if f.q:
        c.append("d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
        a.append(fts_terms(f.q))
    if f.speaker:
        c.append("d.id IN (SELECT q.doc_id FROM quotes q WHERE q.rowid IN"
                 " (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?))")
        a.append(fts_terms(f.speaker, column="speaker_name", prefix=True))
    event_f = {k: getattr(f, k) for k in ("actor", "dyad", "root", "cameo", "plover", "quad_class", "modality",
                                           "min_confidence") if getattr(f, k) is not None}
    if event_f:  # articles reporting a matching event
        ec, ea = event_where(Filters(symmetric=f.symmetric, **event_f))
        c.append(f"d.id IN (SELECT e.doc_id FROM events e WHERE {' AND '.join(ec)})")
        a += ea
    _dates(c, a, DOC_DAY, f)
    return c, a


def _dates(c: list[str], a: list[Any], col: str, f: Filters) -> None:
    if f.day:
        c.append(f"{col} = ?")
        a.append(f.day)
    if f.since:
        c.append(f"{col} >= ?")
        a.append(f.since)
    if f.until:
        c.append(f"{col} <= ?")
        a.append(f.until)


# --- lists -----------------------------------------------------------------------------------


@dataclass
class Page:
    rows: Iterator[dict[str, Any]] | list[dict[str, Any]]
    next_cursor: str | None = None


def _keyset(c: list[str], a: list[Any], day_expr: str, rowid: str, cursor: str | None) -> None:
    if cursor:
        day, rid = decode_cursor(cursor, 2)
        c.append(f"({day_expr} < ? OR ({day_expr} = ? AND {rowid} < ?))")
        a += [day, day, rid]


def _page(conn: sqlite3.Connection, sql: str, args: list[Any], limit: int, *, stream: bool) -> Page:
    """Run ``sql`` (its last two columns are the sort key: _day, _rid) and page it."""
    if stream:  # exports: the next cursor comes from a key-only query, then rows stream as read
        probe = conn.execute(f"SELECT _day, _rid FROM ({sql}) LIMIT 2 OFFSET ?", [*args, limit - 1]).fetchall()
        nxt = encode_cursor([probe[0][0], probe[0][1]]) if len(probe) == 2 else None
        cur = conn.execute(sql + " LIMIT ?", [*args, limit])

        def gen() -> Iterator[dict[str, Any]]:
            while True:
                chunk = cur.fetchmany(500)
                if not chunk:
                    return
                for r in chunk:
                    d = dict(r)
                    d.pop("_day"), d.pop("_rid")
                    yield d

        return Page(gen(), nxt)
    cur = conn.execute(sql + " LIMIT ?", [*args, limit + 1])
    rows = [dict(r) for r in cur.fetchall()]
    nxt = None
    if len(rows) > limit:
        rows = rows[:limit]
        nxt = encode_cursor([rows[-1]["_day"], rows[-1]["_rid"]])
    for r in rows:
        r.pop("_day"), r.pop("_rid")
    return Page(rows, nxt)


def list_events(conn, f: Filters, *, limit: int = 50, cursor: str | None = None, stream: bool = False) -> Page:
    c, a = event_where(f)
    # An actor's events, newest first: walk the day index and test membership in the actor's
    # (index-built) row set, stopping at a page, instead of sorting all of the actor's events.
    hint = " INDEXED BY web_events_day" if f.actor and not f.dyad else ""
    _keyset(c, a, EVENT_DAY, "e.rowid", cursor)
    where = ("WHERE " + " AND ".join(c)) if c else ""
    sql = (
        f"SELECT e.id, {EVENT_DAY} AS day, e.date, e.date_precision, e.source_name, e.source_country, e.source_sector,"
        " e.cameo, e.root, e.quad_class, e.goldstein, e.plover_type, e.plover_mode, e.target_name, e.target_country,"
        " e.target_sector, e.modality, e.trigger_text, e.trigger_start, e.trigger_end, e.quote_id, e.confidence,"
        " e.coder, e.doc_id, e.published, d.outlet, d.title,"
        f" {EVENT_DAY} AS _day, e.rowid AS _rid FROM events e{hint} LEFT JOIN documents d ON d.id = e.doc_id"
        f" {where} ORDER BY {EVENT_DAY} DESC, e.rowid DESC"
    )
    return _page(conn, sql, a, limit, stream=stream)


def list_quotes(conn, f: Filters, *, limit: int = 50, cursor: str | None = None, stream: bool = False) -> Page:
    c, a = quote_where(f)
    _keyset(c, a, QUOTE_DAY, "q.rowid", cursor)
    where = ("WHERE " + " AND ".join(c)) if c else ""
    sql = (
        "SELECT q.id, q.published, q.speaker_name, q.speaker_text, q.speaker_role, q.speaker_actor_id,"
        ' q.speaker_country, q.kind, q.text, q.cue, q.confidence, q.doc_id, q.start, q."end", d.outlet, d.title,'
        f" {QUOTE_DAY} AS _day, q.rowid AS _rid FROM quotes q LEFT JOIN documents d ON d.id = q.doc_id"
        f" {where} ORDER BY {QUOTE_DAY} DESC, q.rowid DESC"
    )
    return _page(conn, sql, a, limit, stream=stream)


def list_articles(conn, f: Filters, *, limit: int = 50, cursor: str | None = None, stream: bool = False) -> Page:
    c, a = article_where(f)
    _keyset(c, a, DOC_DAY, "d.rowid", cursor)
    where = ("WHERE " + " AND ".join(c)) if c else ""
    story = ", d.story_id" if has_column(conn, "documents", "story_id") else ""
    sql = (
        f"SELECT d.id, d.published, d.outlet, d.title, d.author, d.url, d.original_source{story},"
        " (SELECT count(*) FROM quotes q WHERE q.doc_id = d.id) AS quotes,"
        " (SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events,"
        f" {DOC_DAY} AS _day, d.rowid AS _rid FROM documents d {where} ORDER BY {DOC_DAY} DESC, d.rowid DESC"
    )
    return _page(conn, sql, a, limit, stream=stream)


def _search_order(table: str, rowid: str, sort: str, c: list[str], a: list[Any], cursor: str | None) -> tuple[str, str]:
    """Sort key and ORDER BY for a search: newest (rowid, fast) or relevance (bm25 rank)."""
    if sort == "relevance":
        if cursor:
            rank, rid = decode_cursor(cursor, 2)
            c.append(f"({table}.rank > ? OR ({table}.rank = ? AND {rowid} > ?))")
            a += [rank, rank, rid]
        return f"{table}.rank", f"{table}.rank, {rowid}"
    if cursor:
        _, rid = decode_cursor(cursor, 2)
        c.append(f"{table}.rowid < ?")
        a.append(rid)
    return f"{table}.rowid", f"{table}.rowid DESC"


def search_articles(conn, text: str, f: Filters, *, limit: int = 20, cursor: str | None = None,
                    sort: str = "newest") -> Page:
    """Articles matching ``text`` (newest first, or best first by bm25), with a highlighted snippet."""
    c, a = article_where(Filters(**{**asdict(f), "q": None}))
    c.insert(0, "documents_fts MATCH ?")
    a.insert(0, fts_terms(text))
    key, order = _search_order("documents_fts", "d.rowid", sort, c, a, cursor)
    sql = (
        "SELECT d.id, d.published, d.outlet, d.title, snippet(documents_fts, 1, '\x02', '\x03', ' … ', 16) AS snippet,"
        f" {key} AS _day, d.rowid AS _rid FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
        f" WHERE {' AND '.join(c)} ORDER BY {order}"
    )
    return _page(conn, sql, a, limit, stream=False)


def search_quotes(conn, text: str, f: Filters, *, limit: int = 20, cursor: str | None = None,
                  sort: str = "newest") -> Page:
    c, a = quote_where(Filters(**{**asdict(f), "q": None}))
    c.insert(0, "quotes_fts MATCH ?")
    a.insert(0, fts_terms(text, column="text"))
    key, order = _search_order("quotes_fts", "q.rowid", sort, c, a, cursor)
    sql = (
        "SELECT q.id, q.published, q.speaker_name, q.speaker_country, q.kind, q.doc_id, q.start, q.\"end\","
        " snippet(quotes_fts, 0, '\x02', '\x03', ' … ', 24) AS snippet, d.outlet, d.title,"
        f" {key} AS _day, q.rowid AS _rid FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid"
        f" LEFT JOIN documents d ON d.id = q.doc_id WHERE {' AND '.join(c)} ORDER BY {order}"
    )
    return _page(conn, sql, a, limit, stream=False)


# --- aggregates ------------------------------------------------------------------------------


def dyad_series(conn, f: Filters) -> list[dict[str, Any]]:
    """Per day: events by quad class, Goldstein sum and count (``f.dyad`` should be set)."""
    c, a = event_where(Filters(**{**asdict(f), "day": None}))
    where = ("WHERE " + " AND ".join(c)) if c else ""
    sql = (
        f"SELECT {EVENT_DAY} AS day, e.quad_class AS quad, count(*) AS n, sum(e.goldstein) AS g"
        f" FROM events e {where} GROUP BY 1, 2 ORDER BY 1"
    )
    out: dict[str, dict[str, Any]] = {}
    for r in conn.execute(sql, a):
        d = out.setdefault(r["day"] or "", {"day": r["day"] or None, "events": 0, "q1": 0, "q2": 0, "q3": 0, "q4": 0,
                                            "goldstein": 0.0})
        if r["quad"] in (1, 2, 3, 4):
            d[f"q{r['quad']}"] += r["n"]
        d["events"] += r["n"]
        d["goldstein"] = round(d["goldstein"] + (r["g"] or 0.0), 3)
    return list(out.values())


def top_dyads(conn, *, limit: int = 10, since: str | None = None) -> list[dict[str, Any]]:
    where = ["e.source_country IS NOT NULL", "e.target_country IS NOT NULL", "e.source_country != e.target_country"]
    args: list[Any] = []
    if since:
        where.append(f"{EVENT_DAY} >= ?")
        args.append(since)
    sql = (
        "SELECT e.source_country AS source, e.target_country AS target, count(*) AS events,"
        " round(sum(e.goldstein), 2) AS goldstein, max(" + EVENT_DAY + ") AS last_day,"
        " sum(e.quad_class >= 3) AS conflict FROM events e WHERE " + " AND ".join(where)
        + " GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT ?"
    )
    return [dict(r) for r in conn.execute(sql, [*args, limit])]


def daily_counts(conn) -> list[dict[str, Any]]:
    """Articles, quotes and events per day (day = event date, else publication date)."""
    out: dict[str, dict[str, Any]] = {}
    for name, sql in (
        ("articles", "SELECT COALESCE(published, '') AS day, count(*) FROM documents GROUP BY 1"),
        ("quotes", "SELECT COALESCE(published, '') AS day, count(*) FROM quotes GROUP BY 1"),
        ("events", "SELECT COALESCE(date, published, '') AS day, count(*) FROM events GROUP BY 1"),
    ):
        for day, n in conn.execute(sql):
            if day:
                out.setdefault(day, {"day": day, "articles": 0, "quotes": 0, "events": 0})[name] = n
    return [out[k] for k in sorted(out)]


def actors(conn) -> list[dict[str, Any]]:
    """Actor codes with counts: events as source/target, entity mentions, quotes spoken."""
    acc: dict[str, dict[str, Any]] = {}

    def slot(code: str) -> dict[str, Any]:
        return acc.setdefault(code, {"code": code, "name": None, "events_source": 0, "events_target": 0,
                                     "mentions": 0, "quotes": 0})

    for code, name, n in conn.execute(
        "SELECT source_country, max(source_name), count(*) FROM events WHERE source_country IS NOT NULL GROUP BY 1"
    ):
        s = slot(code)
        s["events_source"] = n
        s["name"] = s["name"] or name
    for code, n in conn.execute(
        "SELECT target_country, count(*) FROM events WHERE target_country IS NOT NULL GROUP BY 1"
    ):
        slot(code)["events_target"] = n
    for code, name, n in conn.execute(
        "SELECT COALESCE(country, actor_id), max(actor_name), count(*) FROM entities"
        " WHERE COALESCE(country, actor_id) IS NOT NULL GROUP BY 1"
    ):
        s = slot(code)
        s["mentions"] = n
        s["name"] = name or s["name"]
    for code, n in conn.execute(
        "SELECT COALESCE(speaker_country, speaker_actor_id), count(*) FROM quotes"
        " WHERE COALESCE(speaker_country, speaker_actor_id) IS NOT NULL GROUP BY 1"
    ):
        slot(code)["quotes"] = n
    rows = list(acc.values())
    for r in rows:
        r["events"] = r["events_source"] + r["events_target"]
    rows.sort(key=lambda r: (-r["events"], -r["mentions"], r["code"]))
    return rows


def facets(conn, kind: str, f: Filters) -> dict[str, list[tuple[Any, int]]]:
    """Value counts of a few columns under the current filters (events or quotes)."""
    if kind == "events":
        c, a = event_where(f)
        cols = {"root": "e.root", "quad_class": "e.quad_class", "plover": "e.plover_type", "modality": "e.modality",
                "actor": "e.source_country"}
        table = "events e"
    else:
        c, a = quote_where(f)
        cols = {"speaker": "q.speaker_name", "kind": "q.kind", "actor": "q.speaker_country"}
        table = "quotes q"
    where = ("WHERE " + " AND ".join(c)) if c else ""
    out = {}
    for name, col in cols.items():
        sql = f"SELECT {col} AS v, count(*) AS n FROM {table} {where} GROUP BY 1 ORDER BY n DESC, v LIMIT 12"
        out[name] = [(r["v"], r["n"]) for r in conn.execute(sql, a) if r["v"] is not None]
    return out


def counts(conn) -> dict[str, int]:
    out = {}
    for t in ("documents", "quotes", "events"):
        out[t] = conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
    if has_table(conn, "stories"):
        out["stories"] = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    return out


def version(conn) -> tuple:
    """Cheap change marker for caches: the highest rowids of the main tables."""
    return tuple(conn.execute(f"SELECT max(rowid) FROM {t}").fetchone()[0] for t in ("documents", "quotes", "events"))


# --- one article -----------------------------------------------------------------------------


def article(conn, doc_id: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT rowid AS _rid, * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["doc"] = json.loads(out.pop("doc_json"))
    return out


def copies(conn, doc_id: str) -> list[dict[str, Any]]:
    """Other documents of the same story (when the store has stories)."""
    if not has_column(conn, "documents", "story_id"):
        return []
    row = conn.execute("SELECT story_id FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None or row[0] is None:
        return []
    rows = [dict(r) for r in conn.execute(
        "SELECT id, published, outlet, title, url, original_source, rowid AS _rid FROM documents"
        " WHERE story_id = ? AND id != ? LIMIT 500", (row[0], doc_id))]
    rows.sort(key=lambda r: (r["published"] or "", r.pop("_rid")))
    return rows[:50]


# --- stories (optional tables) -----------------------------------------------------------------


def has_table(conn, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?", (name,)).fetchone() is not None


def table_columns(conn, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def has_column(conn, table: str, column: str) -> bool:
    return column in table_columns(conn, table)


def list_stories(conn, *, limit: int = 50, cursor: str | None = None) -> Page | None:
    """Stories newest first, with their article count; None when the store has no stories."""
    if not has_table(conn, "stories"):
        return None
    cols = table_columns(conn, "stories")
    key = "id" if "id" in cols else "rowid"
    n_docs = ""
    if has_column(conn, "documents", "story_id"):
        n_docs = f", (SELECT count(*) FROM documents d WHERE d.story_id = s.{key}) AS articles"
    c: list[str] = []
    a: list[Any] = []
    if cursor:
        (rid,) = decode_cursor(cursor, 1)
        c.append("s.rowid < ?")
        a.append(rid)
    where = ("WHERE " + " AND ".join(c)) if c else ""
    sql = f"SELECT s.*{n_docs}, s.rowid AS _rid FROM stories s {where} ORDER BY s.rowid DESC LIMIT ?"
    rows = [dict(r) for r in conn.execute(sql, [*a, limit + 1])]
    nxt = None
    if len(rows) > limit:
        rows = rows[:limit]
        nxt = encode_cursor([rows[-1]["_rid"]])
    for r in rows:
        r.pop("_rid")
    return Page(rows, nxt)


def story(conn, story_id: str) -> dict[str, Any] | None:
    """One story's row and its articles; None when absent (or the store has no stories)."""
    if not has_table(conn, "stories"):
        return None
    key = "id" if has_column(conn, "stories", "id") else "rowid"
    row = conn.execute(f"SELECT * FROM stories WHERE {key} = ?", (story_id,)).fetchone()
    if row is None:
        return None
    out = {"story": dict(row), "articles": []}
    if has_column(conn, "documents", "story_id"):
        out["articles"] = [dict(r) for r in conn.execute(
            "SELECT id, published, outlet, title, url, original_source FROM documents WHERE story_id = ?"
            " ORDER BY COALESCE(published, ''), rowid LIMIT 500", (row[key] if key == "id" else story_id,))]
    return out
