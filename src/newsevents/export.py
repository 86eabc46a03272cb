"""Exports of the store: events, mentions and quotes as Parquet, CSV, JSON Lines or GDELT.

The ``gdelt`` format writes the 61 tab-separated columns of the GDELT 2.0 event
table (no header), so existing GDELT tooling can read newsevents output. Columns
we do not produce (ethnicity, religion, geography, tone) are left empty.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path
from typing import IO, Any, Iterator

from .store import Store

TABLES = ("events", "mentions", "quotes", "documents")
FORMATS = ("parquet", "csv", "jsonl", "gdelt")
BATCH = 5_000

_ACTOR_COLS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
               "Type1Code", "Type2Code", "Type3Code")
_GEO_COLS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in _ACTOR_COLS)
    + tuple(f"Actor2{c}" for c in _ACTOR_COLS)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{c}" for c in _GEO_COLS)
    + tuple(f"Actor2Geo_{c}" for c in _GEO_COLS)
    + tuple(f"ActionGeo_{c}" for c in _GEO_COLS)
    + ("DATEADDED", "SOURCEURL")
)
# International bodies are CAMEO "known groups"; everything else is a country code.
IGO_CODES = {"NATO", "EU", "UN", "OSCE", "IMF", "WHO", "AU", "ASEAN", "OPEC", "WTO", "ICC", "IAEA", "G7", "G20"}

QUERIES = {
    "mentions": "SELECT e.*, d.url AS source_url, d.outlet AS outlet, d.ingested_at AS ingested_at"
                " FROM events e JOIN documents d ON d.id = e.doc_id ORDER BY e.rowid",
    "quotes": "SELECT q.*, d.url AS source_url, d.outlet AS outlet FROM quotes q JOIN documents d ON d.id = q.doc_id"
              " ORDER BY q.rowid",
    "documents": "SELECT id, path, format, url, title, published, outlet, author, original_source, language,"
                 " ingested_at, text FROM documents ORDER BY rowid",
}


def _events_sql(store: Store) -> str:
    """One row per real event (its earliest mention), with mention and article counts
    when the store groups the mentions of copies; otherwise each mention counts once."""
    cols = {r[1] for r in store.conn.execute("PRAGMA table_info(events)")}
    key = next((f"e.{c}" for c in ("group_id", "canonical_id") if c in cols), "e.id")
    return (
        "WITH m AS (SELECT e.*, d.url AS source_url, d.ingested_at AS ingested_at,"
        f" {key} AS gkey, row_number() OVER (PARTITION BY {key} ORDER BY d.published, e.rowid) AS mention_rank"
        " FROM events e JOIN documents d ON d.id = e.doc_id),"
        " c AS (SELECT gkey, count(*) AS num_mentions, count(DISTINCT doc_id) AS num_articles FROM m GROUP BY gkey)"
        " SELECT m.*, c.num_mentions, c.num_articles FROM m JOIN c ON c.gkey = m.gkey"
        " WHERE m.mention_rank = 1 ORDER BY m.date, m.id"
    )


def rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    """Stream the rows of one export table as dicts."""
    if table == "events":
        sql = _events_sql(store)
    else:
        sql = QUERIES[table]
    cur = store.conn.execute(sql)
    names = [c[0] for c in cur.description]
    while True:
        batch = cur.fetchmany(BATCH)
        if not batch:
            return
        for r in batch:
            yield dict(zip(names, r))


def export(store: Store, *, table: str, fmt: str, out: str | Path | None) -> int:
    """Write ``table`` in ``fmt`` to ``out`` (``None`` or ``-``: stdout, not for Parquet). Returns the row count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {FORMATS}")
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose from {TABLES}")
    if fmt == "gdelt" and table != "events":
        raise ValueError("the gdelt format is the GDELT 2.0 event table: use --table events")
    if fmt == "parquet":
        if out in (None, "-"):
            raise ValueError("Parquet needs an output file (--out PATH)")
        return _parquet(rows(store, table), Path(out))
    handle: IO[str] = sys.stdout if out in (None, "-") else open(out, "w", encoding="utf-8", newline="")
    try:
        if fmt == "jsonl":
            n = 0
            for r in rows(store, table):
                handle.write(json.dumps(r, ensure_ascii=False) + "\n")
                n += 1
            return n
        if fmt == "gdelt":
            w = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
            n = 0
            for r in rows(store, table):
                w.writerow(gdelt_row(r))
                n += 1
            return n
        n = 0
        writer = None
        for r in rows(store, table):
            if writer is None:
                writer = csv.DictWriter(handle, fieldnames=list(r))
                writer.writeheader()
            writer.writerow(r)
            n += 1
        return n
    finally:
        if handle is not sys.stdout:
            handle.close()


def _parquet(it: Iterator[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    writer = None
    n = 0
    batch: list[dict[str, Any]] = []
    schema = None

    def flush() -> None:
        nonlocal writer, schema
        if not batch:
            return
        table = pa.Table.from_pylist(batch, schema=schema)
        if writer is None:
            schema = table.schema
            writer = pq.ParquetWriter(tmp, schema)
        writer.write_table(table)
        batch.clear()

    for r in it:
        batch.append(r)
        n += 1
        if len(batch) >= BATCH:
            flush()
    flush()
    if writer is None:  # no rows: an empty file with no columns is still a valid Parquet file
        pq.write_table(pa.table({}), tmp)
    else:
        writer.close()
    tmp.replace(path)
    return n


def _actor(prefix: str, r: dict[str, Any]) -> list[str]:
    country = r.get(f"{prefix}_country") or ""
    sector = r.get(f"{prefix}_sector") or ""
    known = country if country in IGO_CODES else ""
    cameo_country = "" if known else country
    code = (known or cameo_country) + (sector if sector and sector != "IGO" else "")
    return [code, (r.get(f"{prefix}_name") or "").upper(), cameo_country, known, "", "", "", sector, "", ""]


def global_event_id(event_id: str) -> int:
    """GDELT ids are integers: a stable 60-bit number from our event id."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def gdelt_row(r: dict[str, Any]) -> list[Any]:
    """One canonical event as the 61 GDELT 2.0 event-table fields."""
    date = r.get("date") or r.get("published") or ""
    try:
        d = dt.date.fromisoformat(date[:10])
        sqldate, monthyear, year = d.strftime("%Y%m%d"), d.strftime("%Y%m"), d.year
        fraction = round(d.year + (d.timetuple().tm_yday - 1) / 365.0, 4)
    except ValueError:
        sqldate = monthyear = year = fraction = ""
    cameo = r.get("cameo") or ""
    added = (r.get("ingested_at") or "")[:19].replace("-", "").replace("T", "").replace(":", "")
    num_mentions = r.get("num_mentions") or 1
    num_articles = r.get("num_articles") or 1
    out: list[Any] = [global_event_id(r.get("id") or ""), sqldate, monthyear, year, fraction]
    out += _actor("source", r) + _actor("target", r)
    out += [1, cameo, cameo[:3], r.get("root") or cameo[:2], r.get("quad_class"), r.get("goldstein"),
            num_mentions, r.get("num_sources") or num_articles, num_articles, ""]
    out += [""] * (len(_GEO_COLS) * 3)
    out += [added, r.get("source_url") or ""]
    assert len(out) == len(GDELT_COLUMNS)
    return out
