"""Desk latency on a synthetic 100,000-article store: p50/p95 of the main pages and API calls.

    python bench/web_latency.py [--db /tmp/desk-bench.db] [--articles 100000] [--repeat 15]

The store is generated directly with SQL inserts (no NLP): articles with text, quotes,
events between a few dozen countries over two years, entities and time expressions, so
every page has realistic work to do. It is kept and reused when it already exists.
Requests go through FastAPI's TestClient (in process, no network), after the server's
start-up step (which adds the Desk's indexes).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = ["RUS", "UKR", "USA", "CHN", "DEU", "FRA", "GBR", "POL", "BLR", "TUR", "IRN", "ISR", "NATO", "EU", "UN",
             "IND", "PAK", "JPN", "KOR", "PRK", "SYR", "IRQ", "EGY", "SAU", "BRA", "MEX", "CAN", "ITA", "ESP", "SWE"]
NAMES = {c: c.title() for c in COUNTRIES}
CAMEO = [("010", "01", 1, 0.0, "STATEMENT"), ("036", "03", 1, 4.0, "AGREE"), ("040", "04", 1, 1.0, "CONSULT"),
         ("057", "05", 1, 8.0, "AGREE"), ("073", "07", 2, 7.4, "AID"), ("111", "11", 3, -2.0, "ACCUSE"),
         ("120", "12", 3, -4.0, "REJECT"), ("130", "13", 3, -4.4, "THREATEN"), ("1312", "13", 3, -5.8, "THREATEN"),
         ("150", "15", 4, -7.2, "MOBILIZE"), ("163", "16", 4, -5.6, "SANCTION"), ("190", "19", 4, -10.0, "ASSAULT"),
         ("0874", "08", 2, 10.0, "RETREAT")]
WORDS = ("talks ministers border troops sanctions ceasefire aid drills capital envoy summit pipeline grain port "
         "missile negotiations embassy parliament election refugees convoy energy prices alliance treaty").split()
SPEAKERS = ["Olena Marchuk", "Pavel Orlov", "Clara Jensen", "Tomas Vaitkus", "Dmytro Kuleba", "Sergei Lavrov",
            "Antony Blinken", "Jens Stoltenberg", "Annalena Baerbock", "Wang Yi"] + [f"Spokesman {i}" for i in range(200)]
OUTLETS = ["Example Wire", "Example Times", "Daily Planet", "Globe", "Courier", "Herald", "Tribune", "Observer"]
MODALITIES = ["asserted"] * 6 + ["hypothetical", "negated", "future"]


def build(path: str, n: int, seed: int = 7) -> None:
    from newsevents.store import Store

    rnd = random.Random(seed)
    Store(path).close()  # the schema, exactly as the store makes it
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    start = date(2022, 1, 1)
    t0 = time.time()
    docs, quotes, events, ents, timexes = [], [], [], [], []

    def flush() -> None:
        conn.executemany("INSERT INTO documents(id, path, format, url, title, published, outlet, author, original_source,"
                         " language, text, doc_json, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", docs)
        conn.executemany('INSERT INTO quotes(id, doc_id, start, "end", text, kind, cue, speaker_text, speaker_name,'
                         " speaker_role, speaker_actor_id, speaker_country, speaker_sector, confidence, published)"
                         " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", quotes)
        conn.executemany("INSERT INTO events(id, doc_id, sentence, trigger_start, trigger_end, trigger_text, cameo, root,"
                         " quad_class, goldstein, plover_type, source_name, source_country, target_name, target_country,"
                         " modality, date, date_precision, coder, confidence, published)"
                         " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", events)
        conn.executemany('INSERT INTO entities(doc_id, start, "end", text, label, actor_id, actor_name, country, sector)'
                         " VALUES (?,?,?,?,?,?,?,?,?)", ents)
        conn.executemany('INSERT INTO timexes(doc_id, start, "end", text, type, value) VALUES (?,?,?,?,?,?)', timexes)
        conn.commit()
        for lst in (docs, quotes, events, ents, timexes):
            lst.clear()

    for i in range(n):
        doc_id = f"{i:032x}"
        pub = (start + timedelta(days=int(730 * (i / n) + rnd.random() * 3))).isoformat()
        a, b = rnd.sample(COUNTRIES[:12] if rnd.random() < 0.8 else COUNTRIES, 2)
        speaker = rnd.choice(SPEAKERS)
        filler = " ".join(rnd.choice(WORDS) for _ in range(40))
        quote = f"We will not accept {rnd.choice(WORDS)} without {rnd.choice(WORDS)}"
        text = (f"{NAMES[a]} warned {NAMES[b]} on Monday about the {rnd.choice(WORDS)}. "
                f"\u201c{quote},\u201d {speaker} said. {filler.capitalize()}.")
        q_start = text.index(quote)
        sp_start = text.index(speaker)
        trig = "warned"
        tr_start = text.index(trig)
        code, root, quad, gold, plover = rnd.choice(CAMEO)
        doc = {"schema": "newsevents.document/1", "id": doc_id, "input": {"path": "bench", "format": "text"},
               "title": f"{NAMES[a]} and {NAMES[b]}: {rnd.choice(WORDS)} and {rnd.choice(WORDS)}", "published": pub,
               "outlet": rnd.choice(OUTLETS), "url": None, "author": None, "original_source": None, "language": "en",
               "text": text, "repairs": [], "sentences": [],
               "entities": [{"start": 0, "end": len(NAMES[a]), "text": NAMES[a], "label": "GPE", "actor": None}],
               "quotes": [{"id": "q1", "start": q_start, "end": q_start + len(quote), "text": quote, "kind": "direct",
                           "cue": None, "speaker": {"text": speaker, "start": sp_start, "end": sp_start + len(speaker),
                                                    "name": speaker, "actor": None, "role": None, "confidence": 0.9},
                           "confidence": 0.9}],
               "timexes": [], "events": [{"id": "e1", "sentence": 0, "trigger": {"start": tr_start, "end": tr_start + 6,
                                          "text": trig}, "plover": {"type": plover}, "cameo": code, "root": root,
                                          "quad_class": quad, "goldstein": gold, "source": {"country": a},
                                          "target": {"country": b}, "modality": "asserted"}], "notes": []}
        docs.append((doc_id, "bench", "text", None, doc["title"], pub, doc["outlet"], None, None, "en", text,
                     json.dumps(doc), pub + "T00:00:00+00:00"))
        quotes.append((f"{doc_id}:q1", doc_id, q_start, q_start + len(quote), quote, "direct", "said", speaker, speaker,
                       None, None, a, None, 0.9, pub))
        if rnd.random() < 0.7:
            q2 = f"the {rnd.choice(WORDS)} would continue"
            quotes.append((f"{doc_id}:q2", doc_id, 0, len(q2), q2, "indirect", "said", speaker, speaker, None, None, a,
                           None, 0.8, pub))
        for k in range(rnd.choice((1, 2, 3, 4))):
            code, root, quad, gold, plover = rnd.choice(CAMEO)
            s, t = (a, b) if k % 2 == 0 else (b, a)
            events.append((f"{doc_id}:e{k + 1}", doc_id, 0, tr_start, tr_start + 6, trig, code, root, quad, gold, plover,
                           NAMES[s], s, NAMES[t], t if rnd.random() < 0.85 else None, rnd.choice(MODALITIES),
                           pub if rnd.random() < 0.6 else None, "day", "bench.v1", round(rnd.uniform(0.5, 0.95), 2), pub))
        ents.append((doc_id, 0, len(NAMES[a]), NAMES[a], "GPE", a, NAMES[a], a, None))
        ents.append((doc_id, 0, len(NAMES[b]), NAMES[b], "GPE", b, NAMES[b], b, None))
        timexes.append((doc_id, 0, 6, "Monday", "DATE", pub))
        if len(docs) >= 5000:
            flush()
            print(f"  {i + 1:,} articles ({time.time() - t0:.0f} s)", file=sys.stderr)
    flush()
    conn.execute("PRAGMA optimize")
    conn.close()


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default="/tmp/newsevents-desk-bench.db")
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    if not Path(args.db).exists():
        t = time.time()
        print(f"building {args.articles:,} synthetic articles in {args.db} …", file=sys.stderr)
        build(args.db, args.articles)
        print(f"built in {time.time() - t:.0f} s", file=sys.stderr)

    from fastapi.testclient import TestClient

    from newsevents.web import create_app

    t = time.time()
    app = create_app(args.db, write_token="", read_token="")
    start_s = time.time() - t
    c = TestClient(app)
    counts = c.get("/api/v1/health").json()["counts"]
    doc_id = c.get("/api/v1/articles?limit=1&since=2023-06-01").json()["data"][0]["id"]
    page2 = c.get("/api/v1/events?limit=50").json()["next"].split("testserver", 1)[1]
    day = c.get("/api/v1/events?dyad=RUS-UKR&limit=1").json()["data"][0]["day"]
    urls = [
        ("page  overview", "/"),
        ("page  dyad RUS-UKR", "/dyads/RUS-UKR"),
        ("page  dyad USA-RUS, one day", f"/dyads/USA-RUS?day={day}"),
        ("page  events", "/events"),
        ("page  events actor+quad filter", "/events?actor=RUS&quad_class=4"),
        ("page  quotes by speaker", "/quotes?speaker=Marchuk"),
        ("page  article", f"/articles/{doc_id}"),
        ("page  search articles", "/search?q=ceasefire+pipeline"),
        ("page  search quotes + speaker", "/search?q=sanctions&type=quotes&speaker=Kuleba"),
        ("page  actors", "/actors"),
        ("api   events (first page)", "/api/v1/events"),
        ("api   events (page 2, cursor)", page2),
        ("api   events dyad+root+since", "/api/v1/events?dyad=RUS-UKR&root=19&since=2023-01-01"),
        ("api   events plover+modality", "/api/v1/events?plover=SANCTION&modality=hypothetical"),
        ("api   quotes speaker", "/api/v1/quotes?speaker=Lavrov"),
        ("api   articles outlet", "/api/v1/articles?outlet=Globe"),
        ("api   article JSON", f"/api/v1/articles/{doc_id}"),
        ("api   actors", "/api/v1/actors"),
        ("api   dyad series RUS-UKR", "/api/v1/dyads/RUS-UKR/series"),
        ("api   search", "/api/v1/search?q=ceasefire"),
        ("api   CSV export 10,000 events", "/api/v1/events?format=csv&limit=10000"),
    ]
    print(f"store: {counts['documents']:,} articles, {counts['quotes']:,} quotes, {counts['events']:,} events;"
          f" server start (indexes) {start_s:.2f} s; {args.repeat} requests each")
    print(f"{'request':40} {'first':>8} {'p50':>8} {'p95':>8}  (ms)")
    for label, url in urls:
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            r = c.get(url, headers={"accept": "text/html"} if label.startswith("page") else {})
            assert r.status_code == 200, (url, r.status_code, r.text[:300])
            times.append((time.perf_counter() - t) * 1000)
        print(f"{label:40} {times[0]:8.1f} {pct(times, 50):8.1f} {pct(times, 95):8.1f}")


if __name__ == "__main__":
    main()
