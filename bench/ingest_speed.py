"""Ingest speed without the NLP: WARC records/s, HTML articles/s, store put/s, memory over N documents.

Generates a CC-NEWS-style WARC (gzip per record) of N article pages from random
sentences (nothing from ../shared), then measures:

- reading: FastWARC records/s (``newsevents.warc.iter_warc(extract=False)``);
- extraction: articles/s through trafilatura + htmldate + language id (``iter_warc``);
- storing: ``Store.put`` with copy/story detection (MinHash LSH, TF-IDF) per document,
  first vs last tenth (the cost per document must not grow with the store);
- memory: RSS every N/10 documents during extraction (it must stay flat).

    python bench/ingest_speed.py [--n 10000] [--store-n 10000]
"""
from __future__ import annotations

import argparse
import gzip
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.core import content_id  # noqa: E402
from newsevents.model import Document  # noqa: E402
from newsevents.store import Store  # noqa: E402
from newsevents.warc import iter_warc  # noqa: E402

SUBJ = ["The minister", "A spokesperson", "The council", "Local officials", "The company", "Police", "Residents",
        "The union", "Analysts", "The ambassador", "Opposition leaders", "The court"]
VERB = ["said", "announced", "warned", "confirmed", "denied", "suggested", "reported", "argued"]
OBJ = ["that the plan would go ahead", "that talks had stalled", "new rules for the harbour", "a delay to the vote",
       "that prices would rise", "an inquiry into the accident", "that the bridge would reopen", "fresh sanctions",
       "that the budget was balanced", "a deal with the neighbouring region"]
WHEN = ["on Monday", "on Tuesday", "late on Friday", "this week", "last month", "after a long meeting"]
PLACES = ["Carrow", "Velmora", "Port Alden", "Tolmo", "Sarevia", "Norland", "Brekke", "Hollin", "Dunmere"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJ)} in {rng.choice(PLACES)} {rng.choice(VERB)} {rng.choice(OBJ)} {rng.choice(WHEN)}."


def page(i: int, rng: random.Random) -> str:
    paras = "".join(f"<p>{' '.join(sentence(rng) for _ in range(3))} Reference {i}-{k}.</p>" for k in range(6))
    return (f'<!DOCTYPE html><html lang="en"><head><title>Report {i} from {rng.choice(PLACES)}</title>'
            f'<meta property="article:published_time" content="2024-0{1 + i % 9}-1{i % 10}"></head><body>'
            f'<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Report {i}</h1>{paras}'
            f"</article><footer>Copyright Example News</footer></body></html>")


def record(url: str, body: bytes) -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    http += body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"WARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Target-URI: {url}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return gzip.compress(head + http + b"\r\n\r\n", compresslevel=6)


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--store-n", type=int, default=10_000)
    args = ap.parse_args()
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as tmp:
        warc = Path(tmp) / "bench.warc.gz"
        with open(warc, "wb") as f:
            for i in range(args.n):
                f.write(record(f"https://news.example/{i}", page(i, rng).encode()))
        print(f"WARC: {args.n} response records, {warc.stat().st_size / 1e6:.1f} MB gzip")

        t0 = time.perf_counter()
        n = sum(1 for d in iter_warc(str(warc), extract=False) if d.html)
        dt = time.perf_counter() - t0
        print(f"read (FastWARC, HTTP parsed, payload decoded): {n / dt:,.0f} records/s")

        marks = []
        texts = []
        t0 = time.perf_counter()
        ok = 0
        step = max(1, args.n // 10)
        for i, d in enumerate(iter_warc(str(warc)), start=1):
            ok += d.error is None
            if d.error is None and len(texts) < args.store_n:
                texts.append((d.text, d.meta.get("published"), d.meta.get("url")))
            if i % step == 0:
                marks.append(rss_mb())
        dt = time.perf_counter() - t0
        print(f"extract (trafilatura + htmldate + language id): {ok / dt:,.1f} articles/s ({ok}/{n} ok, "
              f"{dt / max(ok, 1) * 1000:.1f} ms/article)")
        texts_mb = sum(len(t[0]) for t in texts) / 1e6
        print("RSS every {:,} docs (MB): {}  (includes {:.1f} MB of texts kept for the store step)".format(
            step, " ".join(f"{m:.0f}" for m in marks), texts_mb))

        with Store(str(Path(tmp) / "bench.db")) as store:
            times = []
            for text, published, url in texts:
                t1 = time.perf_counter()
                store.put(Document(id=content_id(text), text=text, published=published, url=url))
                times.append(time.perf_counter() - t1)
            k = max(1, len(times) // 10)
            stories = store.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
        if times:
            print(f"store put with stories (no NLP): {len(times) / sum(times):,.0f} docs/s; first {k}: "
                  f"{sum(times[:k]) / k * 1000:.1f} ms/doc, last {k}: {sum(times[-k:]) / k * 1000:.1f} ms/doc; "
                  f"{stories} stories")


if __name__ == "__main__":
    main()
