"""Query latency on a generated store of 1M events (SQLite, and PostgreSQL when given).

    python bench/query_latency.py [--events 1000000] [--db /tmp/bench.db] [--pg postgresql://...]

Builds the store schema through ``newsevents.Store`` and fills it with synthetic
documents, events and quotes by bulk SQL inserts (no NLP), then times the queries
an analyst runs all day through the same Store methods the CLI and API use:
a dyad's daily time series, a dyad's event list, an actor's events in a month,
and quote full-text search. Prints p50/p95/max per query (target p95 < 100 ms).
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

COUNTRIES = ["USA", "RUS", "UKR", "CHN", "DEU", "FRA", "GBR", "BLR", "POL", "TUR", "IRN", "ISR", "IND", "JPN",
             "KOR", "PRK", "SYR", "IRQ", "EGY", "BRA", "ZAF", "NGA", "KEN", "MEX", "CAN", "AUS", "NATO", "EU", "UN"]
CODES = [("010", "01", 1, 0.0), ("036", "03", 1, 4.0), ("040", "04", 1, 1.0), ("057", "05", 1, 8.0),
         ("070", "07", 2, 7.0), ("0874", "08", 2, 10.0), ("111", "11", 3, -2.0), ("120", "12", 3, -4.0),
         ("130", "13", 3, -4.4), ("1312", "13", 3, -5.8), ("150", "15", 4, -7.2), ("163", "16", 4, -8.0),
         ("173", "17", 4, -5.0), ("190", "19", 4, -10.0), ("193", "19", 4, -10.0)]
WORDS = ("talks sanctions border troops ceasefire minister president army aid package drills warning dialogue "
         "security alliance pipeline grain corridor election protest strike court vote summit envoy").split()
FIRST = ("Anna", "Dmytro", "Sergei", "Maria", "John", "Li", "Fatima", "Olena", "Pavel", "Ngozi", "Carlos", "Emily")
# Text words follow a Zipf law over a 20,000-word vocabulary, as news does; searches use
# words of ranks 100-20,000 (what analysts search for: names, places, topics).
VOCAB = WORDS + [f"w{i}" for i in range(20_000 - len(WORDS))]
CUM_ZIPF = list(__import__("itertools").accumulate(1 / (r + 1) for r in range(len(VOCAB))))


def fill(store, n_events: int, *, seed: int = 7) -> None:
    rnd = random.Random(seed)
    start = dt.date(2021, 1, 1)
    n_docs = max(1, n_events // 10)
    t0 = time.perf_counter()
    doc_rows = []
    for i in range(n_docs):
        day = (start + dt.timedelta(days=rnd.randrange(730))).isoformat()
        text = " ".join(rnd.choices(VOCAB, cum_weights=CUM_ZIPF, k=60))
        doc_rows.append((f"d{i:08d}", day, f"Outlet {i % 50}", f"Article {i}", text, "{}", day))
    store.bulk_insert("documents", ("id", "published", "outlet", "title", "text", "doc_json", "ingested_at"), doc_rows)
    ev_rows = []
    q_rows = []
    for i in range(n_events):
        d = rnd.randrange(n_docs)
        src, tgt = rnd.sample(COUNTRIES, 2)
        code, root, quad, gold = rnd.choice(CODES)
        day = doc_rows[d][1]
        ev_rows.append((f"e{i:09d}", doc_rows[d][0], code, root, quad, gold, src, src, tgt, tgt,
                        rnd.choice(("asserted", "asserted", "asserted", "hypothetical", "negated", "future")),
                        day, "day", "events.v1", round(rnd.random(), 2), day))
        if i % 5 == 0:
            q_rows.append((f"q{i:09d}", doc_rows[d][0], " ".join(rnd.choices(VOCAB, cum_weights=CUM_ZIPF, k=20)),
                           "direct", f"{rnd.choice(FIRST)} Surname{rnd.randrange(5000)}", src, day))
        if len(ev_rows) >= 50_000:
            _flush(store, ev_rows, q_rows)
    _flush(store, ev_rows, q_rows)
    store.analyze()
    print(f"filled {n_docs:,} documents, {n_events:,} events, {n_events // 5:,} quotes in {time.perf_counter() - t0:.0f} s")


def _flush(store, ev_rows: list, q_rows: list) -> None:
    store.bulk_insert("events", ("id", "doc_id", "cameo", "root", "quad_class", "goldstein", "source_name",
                                 "source_country", "target_name", "target_country", "modality", "date",
                                 "date_precision", "coder", "confidence", "published"), ev_rows)
    store.bulk_insert("quotes", ("id", "doc_id", "text", "kind", "speaker_name", "speaker_country", "published"), q_rows)
    ev_rows.clear()
    q_rows.clear()


def timed(fn, runs: int) -> list[float]:
    out = []
    for i in range(runs):
        t0 = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def report(name: str, ms: list[float]) -> None:
    ms = sorted(ms)
    p95 = ms[max(0, int(round(0.95 * len(ms))) - 1)]
    print(f"  {name:34s} p50 {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   max {ms[-1]:7.1f} ms")


def run_queries(store, runs: int) -> None:
    rnd = random.Random(11)
    pairs = [tuple(rnd.sample(COUNTRIES[:12], 2)) for _ in range(runs)]
    months = [f"2021-{m:02d}" for m in range(1, 13)] + [f"2022-{m:02d}" for m in range(1, 13)]
    report("dyad time series (2 years, daily)",
           timed(lambda i: store.dyad_series(*pairs[i], since="2021-01-01", until="2022-12-31"), runs))
    report("dyad event list (latest 200)", timed(lambda i: store.events(dyad=pairs[i], limit=200), runs))
    report("actor events in a month (200)",
           timed(lambda i: store.events(actor=pairs[i][0], since=months[i % 24] + "-01",
                                        until=months[i % 24] + "-28", limit=200), runs))
    report("quote full-text search (50)", timed(lambda i: store.quotes(search=rnd.choice(VOCAB[100:]), limit=50), runs))
    report("quotes by speaker surname (50)", timed(lambda i: store.quotes(speaker=f"Surname{i * 97}", limit=50), runs))


def main(argv: list[str] | None = None) -> int:
    from newsevents.store import Store

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", default="/tmp/newsevents-bench-1m.db")
    ap.add_argument("--pg", default=None, help="also bench a PostgreSQL store at this URL (its tables are replaced)")
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--reuse", action="store_true", help="reuse an existing filled store")
    args = ap.parse_args(argv)
    targets = [("SQLite", args.db)] + ([("PostgreSQL", args.pg)] if args.pg else [])
    for name, url in targets:
        if name == "SQLite" and not args.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(args.db + suffix).unlink(missing_ok=True)
        with Store(url) as store:
            if name == "PostgreSQL" and not args.reuse:
                store.reset()
            if not args.reuse:
                fill(store, args.events)
            print(f"{name}: {args.runs} runs per query")
            run_queries(store, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
