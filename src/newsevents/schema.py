"""The store's schema: tables, indexes and additive migrations, shared by both backends.

The DDL is written in SQLite's dialect; :func:`newsevents.pg.sqlite_ddl_to_pg` turns it
into PostgreSQL's (FTS5 tables and triggers become generated ``tsvector`` columns).
"""
from __future__ import annotations

from typing import Any

# Migrations are additive: opening a store creates missing tables and indexes (DDL) and
# adds missing columns (ADDED_COLUMNS), on SQLite and PostgreSQL alike, then records the
# version here. Version 2 added stories, canonical event/quote groups and fetch state.
SCHEMA_VERSION = 2

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY, path TEXT, format TEXT, url TEXT, title TEXT, published TEXT,
  outlet TEXT, author TEXT, original_source TEXT, language TEXT, text TEXT NOT NULL,
  doc_json TEXT NOT NULL, ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
CREATE TABLE IF NOT EXISTS rejections (
  input_key TEXT PRIMARY KEY, path TEXT, line INTEGER, format TEXT, code TEXT NOT NULL,
  reason TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, start INTEGER, "end" INTEGER,
  text TEXT, label TEXT, actor_id TEXT, actor_name TEXT, country TEXT, sector TEXT
);
CREATE INDEX IF NOT EXISTS entities_doc ON entities(doc_id);
CREATE INDEX IF NOT EXISTS entities_actor ON entities(actor_id);
CREATE TABLE IF NOT EXISTS quotes (
  id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  start INTEGER, "end" INTEGER, text TEXT, kind TEXT, cue TEXT, speaker_text TEXT,
  speaker_name TEXT, speaker_role TEXT, speaker_actor_id TEXT, speaker_country TEXT,
  speaker_sector TEXT, confidence REAL, published TEXT
);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_name);
CREATE TABLE IF NOT EXISTS timexes (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, start INTEGER, "end" INTEGER,
  text TEXT, type TEXT, value TEXT
);
CREATE INDEX IF NOT EXISTS timexes_doc ON timexes(doc_id);
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence INTEGER, trigger_start INTEGER, trigger_end INTEGER, trigger_text TEXT,
  cameo TEXT NOT NULL, root TEXT NOT NULL, quad_class INTEGER, goldstein REAL,
  plover_type TEXT, plover_mode TEXT, plover_context TEXT,
  source_text TEXT, source_name TEXT, source_country TEXT, source_sector TEXT, source_start INTEGER, source_end INTEGER,
  target_text TEXT, target_name TEXT, target_country TEXT, target_sector TEXT, target_start INTEGER, target_end INTEGER,
  modality TEXT, date TEXT, date_precision TEXT, date_basis TEXT, quote_id TEXT,
  coder TEXT, confidence REAL, published TEXT
);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source_country, target_country, date);
CREATE INDEX IF NOT EXISTS events_root ON events(root, date);
CREATE TABLE IF NOT EXISTS repairs (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, start INTEGER, "end" INTEGER,
  raw TEXT, fixed TEXT, kind TEXT
);
CREATE TABLE IF NOT EXISTS stories (
  id TEXT PRIMARY KEY, title TEXT, first_doc_id TEXT, first_published TEXT, last_published TEXT,
  num_articles INTEGER NOT NULL DEFAULT 0, num_copies INTEGER NOT NULL DEFAULT 0, num_sources INTEGER NOT NULL DEFAULT 0,
  outlets TEXT, original_sources TEXT, created_at TEXT, updated_at TEXT
);
CREATE INDEX IF NOT EXISTS stories_published ON stories(first_published);
CREATE TABLE IF NOT EXISTS event_groups (
  id TEXT PRIMARY KEY, story_id TEXT, key TEXT, cameo TEXT, root TEXT, quad_class INTEGER, goldstein REAL,
  plover_type TEXT, source_name TEXT, source_country TEXT, target_name TEXT, target_country TEXT, modality TEXT,
  date TEXT, first_event_id TEXT, first_published TEXT,
  num_mentions INTEGER NOT NULL DEFAULT 0, num_articles INTEGER NOT NULL DEFAULT 0, num_sources INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS event_groups_story ON event_groups(story_id);
CREATE INDEX IF NOT EXISTS event_groups_dyad ON event_groups(source_country, target_country, date);
CREATE TABLE IF NOT EXISTS quote_groups (
  id TEXT PRIMARY KEY, story_id TEXT, speaker_name TEXT, text TEXT, norm_text TEXT, first_quote_id TEXT,
  first_published TEXT, num_mentions INTEGER NOT NULL DEFAULT 0, num_articles INTEGER NOT NULL DEFAULT 0,
  num_sources INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS quote_groups_story ON quote_groups(story_id);
CREATE TABLE IF NOT EXISTS doc_signatures (
  doc_id TEXT PRIMARY KEY, num_perm INTEGER NOT NULL, shingles INTEGER NOT NULL, hashvalues BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS lsh_bands (key INTEGER NOT NULL, doc_id TEXT NOT NULL, PRIMARY KEY (key, doc_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS http_cache (
  url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, status INTEGER, content_hash TEXT, fetched_at TEXT
);
CREATE TABLE IF NOT EXISTS feed_items (
  feed_url TEXT NOT NULL, item_id TEXT NOT NULL, url TEXT, doc_id TEXT, first_seen TEXT, PRIMARY KEY (feed_url, item_id)
);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(title, text, content='documents', content_rowid='rowid');
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(text, speaker_name, content='quotes', content_rowid='rowid');
CREATE TRIGGER IF NOT EXISTS documents_ai AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_ad AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS quotes_ai AFTER INSERT ON quotes BEGIN
  INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (new.rowid, new.text, new.speaker_name);
END;
CREATE TRIGGER IF NOT EXISTS quotes_ad AFTER DELETE ON quotes BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name) VALUES ('delete', old.rowid, old.text, old.speaker_name);
END;
"""


ADDED_COLUMNS = {  # columns added after schema 1: created on open when missing
    "documents": (("story_id", "TEXT"), ("copy_of", "TEXT")),
    "events": (("group_id", "TEXT"),),
    "quotes": (("group_id", "TEXT"),),
}


def _add_columns(conn: Any) -> None:
    for table, cols in ADDED_COLUMNS.items():
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        for name, typ in cols:
            if name not in have:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {typ}")
    conn.execute("CREATE INDEX IF NOT EXISTS documents_story ON documents(story_id)")
    conn.execute("CREATE INDEX IF NOT EXISTS events_group ON events(group_id)")
    conn.execute("CREATE INDEX IF NOT EXISTS quotes_group ON quotes(group_id)")
    # An event's day is its own date, else its article's: the analyst's filters are on that.
    conn.execute("CREATE INDEX IF NOT EXISTS events_source_day ON events(source_country, (COALESCE(date, published)))")
    conn.execute("CREATE INDEX IF NOT EXISTS events_target_day ON events(target_country, (COALESCE(date, published)))")
    for side in ("source", "target"):
        conn.execute(f"CREATE INDEX IF NOT EXISTS event_groups_{side}_day"
                     f" ON event_groups({side}_country, (COALESCE(date, first_published)))")
    conn.execute("CREATE INDEX IF NOT EXISTS events_dyad_day"
                 " ON events(source_country, target_country, (COALESCE(date, published)))")
