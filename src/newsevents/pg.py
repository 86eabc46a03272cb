"""PostgreSQL behind the same connection interface as ``sqlite3``.

The store and its helpers write one SQL dialect: SQLite's, restricted to what
both engines share, with ``?`` placeholders. :class:`PgConnection` runs that SQL
on PostgreSQL through psycopg, translating the few differences on the way
(placeholders, ``INSERT OR IGNORE``, ``LIKE`` case rules, ``PRAGMA table_info``).
Full-text search differs by design (FTS5 there, ``tsvector`` here) and the store
asks :attr:`PgConnection.dialect` to choose. Rows support ``row[0]``,
``row["name"]`` and ``dict(row)``, as ``sqlite3.Row`` does.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable, Sequence

PRAGMA_TABLE_INFO = re.compile(r"^\s*PRAGMA\s+table_info\((\w+)\)\s*$", re.I)
PRAGMA = re.compile(r"^\s*PRAGMA\b", re.I)
INSERT_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.I)
LIKE = re.compile(r"\bLIKE\b")


class Row(tuple):
    """A result row addressable by position and by column name."""

    _index: dict[str, int]

    def __new__(cls, values: Sequence[Any], index: dict[str, int]) -> "Row":
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            key = self._index[key]
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor: Any):
    names = [c.name for c in cursor.description] if cursor.description else []
    index = {n: i for i, n in enumerate(names)}
    return lambda values: Row(values, index)


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """SQLite-flavoured SQL with ``?`` placeholders → PostgreSQL with ``%s``."""
    m = PRAGMA_TABLE_INFO.match(sql)
    if m:
        return (
            "SELECT ordinal_position - 1 AS cid, column_name AS name, data_type AS type FROM information_schema.columns"
            f" WHERE table_schema = current_schema() AND table_name = '{m.group(1).lower()}' ORDER BY ordinal_position"
        )
    out = sql.replace("%", "%%")
    if INSERT_OR_IGNORE.match(out):
        out = INSERT_OR_IGNORE.sub("INSERT INTO", out, count=1)
        if "ON CONFLICT" not in out.upper():
            out = out.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    out = LIKE.sub("ILIKE", out)
    return _placeholders(out)


def _placeholders(sql: str) -> str:
    # Replace ? outside single-quoted literals.
    parts = sql.split("'")
    for i in range(0, len(parts), 2):
        parts[i] = parts[i].replace("?", "%s")
    return "'".join(parts)


class _Empty:
    description = None

    def fetchone(self) -> None:
        return None

    def fetchall(self) -> list:
        return []

    def fetchmany(self, n: int = 0) -> list:
        return []

    def __iter__(self):
        return iter(())


class PgConnection:
    """The subset of ``sqlite3.Connection`` the store uses, on PostgreSQL."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        import psycopg

        self.raw = psycopg.connect(url, row_factory=_row_factory)
        self.row_factory = None  # accepted and ignored, like sqlite3's attribute

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        if PRAGMA.match(sql) and not PRAGMA_TABLE_INFO.match(sql):
            return _Empty()
        cur = self.raw.cursor()
        cur.execute(translate(sql), tuple(params) if params is not None else None)
        return cur

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> Any:
        rows = [tuple(r) for r in seq]
        cur = self.raw.cursor()
        if rows:
            cur.executemany(translate(sql), rows)
        return cur

    def executescript(self, script: str) -> None:
        with self.raw.cursor() as cur:
            cur.execute(script)

    def commit(self) -> None:
        self.raw.commit()

    def rollback(self) -> None:
        self.raw.rollback()

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> "PgConnection":
        return self

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        if exc_type is None:
            self.raw.commit()
        else:
            self.raw.rollback()


def sqlite_ddl_to_pg(ddl: str) -> str:
    """The store's SQLite DDL as PostgreSQL DDL: FTS5 tables and triggers are dropped (search
    uses generated ``tsvector`` columns instead) and every table gets a ``rowid`` identity."""
    statements = [s.strip() for s in re.split(r";\s*\n(?=CREATE|\Z)|END;", ddl) if s.strip()]
    out = []
    for st in statements:
        upper = st.upper()
        if "VIRTUAL TABLE" in upper or upper.startswith("CREATE TRIGGER") or st.startswith("INSERT"):
            continue
        st = st.rstrip(";")
        st = re.sub(r"\bWITHOUT ROWID\b", "", st, flags=re.I)
        st = re.sub(r"\bBLOB\b", "BYTEA", st)
        st = re.sub(r"\bREAL\b", "DOUBLE PRECISION", st)
        st = re.sub(r"\bINTEGER\b", "BIGINT", st)
        m = re.match(r"CREATE TABLE IF NOT EXISTS (\w+) \(", st)
        if m and m.group(1) != "meta":
            st = st.replace("(", "(\n  rowid BIGINT GENERATED BY DEFAULT AS IDENTITY,", 1)
        out.append(st + ";")
    return "\n".join(out)


# Search columns, and indexes on ``rowid`` (SQLite's rowid is the table's key; queries use it).
PG_SEARCH_DDL = """
ALTER TABLE documents ADD COLUMN IF NOT EXISTS tsv tsvector
  GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || coalesce(text, ''))) STORED;
CREATE INDEX IF NOT EXISTS documents_tsv ON documents USING gin(tsv);
ALTER TABLE quotes ADD COLUMN IF NOT EXISTS tsv tsvector
  GENERATED ALWAYS AS (to_tsvector('english', coalesce(text, '') || ' ' || coalesce(speaker_name, ''))) STORED;
CREATE INDEX IF NOT EXISTS quotes_tsv ON quotes USING gin(tsv);
CREATE UNIQUE INDEX IF NOT EXISTS documents_rowid ON documents(rowid);
CREATE UNIQUE INDEX IF NOT EXISTS events_rowid ON events(rowid);
CREATE UNIQUE INDEX IF NOT EXISTS event_groups_rowid ON event_groups(rowid);
CREATE UNIQUE INDEX IF NOT EXISTS quotes_rowid ON quotes(rowid);
CREATE INDEX IF NOT EXISTS quotes_speaker_tsv ON quotes USING gin(to_tsvector('simple', coalesce(speaker_name, '')));
"""
