"""End-to-end throughput against the bare spaCy parse of the same texts.

    python bench/throughput.py [--n 200] [--scaling] [--memory 10000]

Prints articles/s for (a) spaCy's parse alone and (b) the whole newsevents
pipeline (cleaning, parse, actors, time, quotes, events, document JSON), on one
core; the ratio b/a is the figure (target ≥ 0.8: everything we add costs at most
25 % on top of the parse). ``--scaling`` times the Dask path with 1 and 2 worker
processes (target ≥ 1.7×). ``--memory N`` processes N articles in one process and
prints the resident memory every N/10 articles (it should stay flat).

Texts: news articles from ../shared/data (TimeBank/AQUAINT, read at run time)
when present, else the built-in sample repeated with variations.
"""
from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def corpus(n: int) -> list[str]:
    texts: list[str] = []
    tb = SHARED / "timebank" / "TBAQ-cleaned"
    if tb.is_dir():
        for f in sorted(tb.rglob("*.tml")):
            raw = f.read_text(encoding="utf-8", errors="replace")
            body = raw.split("<TEXT>")[-1].split("</TEXT>")[0]
            text = re.sub(r"<[^>]+>", "", body).strip()
            if len(text) > 400:
                texts.append(text)
    if not texts:
        from newsevents.demo import sample_dir

        import json

        for line in (sample_dir() / "wire.jsonl").read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["text"])
    out = []
    i = 0
    while len(out) < n:
        t = texts[i % len(texts)]
        out.append(t if i < len(texts) else f"{t}\nUpdate {i}: officials said talks would continue.")
        i += 1
    return out


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_ratio(n: int) -> None:
    import newsevents
    from newsevents import nlp as nlp_mod
    from newsevents.clean import clean

    texts = corpus(n)
    nlp = nlp_mod.load()
    cleaned = [clean(t).text for t in texts]
    nlp(cleaned[0])
    newsevents.extract(texts[0], published="2022-01-28")  # warm up lexicons
    # Interleaved, text by text, so that load from other processes falls on both alike.
    parse = full = 0.0
    for raw, text in zip(texts, cleaned):
        t0 = time.perf_counter()
        nlp(text)
        t1 = time.perf_counter()
        newsevents.extract(raw, published="2022-01-28").to_json()
        t2 = time.perf_counter()
        parse += t1 - t0
        full += t2 - t1
    chars = sum(len(t) for t in texts)
    print(f"articles: {n} ({chars / n:.0f} chars each on average), one process, one core")
    print(f"spaCy parse alone:      {n / parse:7.1f} articles/s")
    print(f"newsevents end to end:  {n / full:7.1f} articles/s")
    print(f"ratio (target >= 0.80): {parse / full:7.2f}   overhead on top of the parse: {100 * (full / parse - 1):.0f} %")


def bench_scaling(n: int) -> None:
    """Throughput of the Dask path with 1 and 2 worker processes, on a cluster already
    started and warmed up (each worker has loaded spaCy), so that only the work is timed;
    cluster start-up is printed separately."""
    import json

    from dask.distributed import Client, LocalCluster

    from newsevents.scale import ingest_distributed
    from newsevents.store import Store

    texts = corpus(n)
    times: dict[int, float] = {}
    work: dict[int, float] = {}
    for workers in (1, 2):
        tmp = Path(tempfile.mkdtemp())
        try:
            files = 16
            for k in range(files):
                with open(tmp / f"part{k}.jsonl", "w", encoding="utf-8") as fh:
                    for j, t in enumerate(texts[k::files]):
                        fh.write(json.dumps({"text": t, "published": "2022-01-28", "url": f"u{k}-{j}"}) + "\n")
            t0 = time.perf_counter()
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
            client.run(lambda: __import__("newsevents").extract("Warm-up text.", published="2022-01-28") and None)
            start = time.perf_counter() - t0
            paths = [str(tmp / f"part{k}.jsonl") for k in range(files)]
            # The workers' share alone: every partition processed to Parquet, nothing loaded.
            from newsevents.scale import process_partition

            t0 = time.perf_counter()
            client.gather(client.map(process_partition, paths, out_dir=str(tmp / "only"), pure=False))
            work[workers] = time.perf_counter() - t0
            with Store(str(tmp / "s.db")) as store:
                t0 = time.perf_counter()
                ingest_distributed(store, paths, scheduler=cluster.scheduler_address, workdir=tmp / "work",
                                   progress=False)
                times[workers] = time.perf_counter() - t0
            client.close()
            cluster.close()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        print(f"{workers} worker(s): workers alone {n / work[workers]:6.1f} articles/s; with the client loading"
              f" the store {n / times[workers]:6.1f} articles/s (cluster start and spaCy load {start:.1f} s,"
              " not counted)")
    print(f"scaling 1 -> 2 workers (target >= 1.7x): workers alone {work[1] / work[2]:.2f}x,"
          f" end to end with the store writer on the same 2 cores {times[1] / times[2]:.2f}x")


def bench_memory(n: int) -> None:
    import newsevents

    texts = corpus(min(n, 400))
    marks = []
    step = max(1, n // 10)
    for i in range(n):
        newsevents.extract(texts[i % len(texts)] + f"\nRef {i}.", published="2022-01-28")
        if (i + 1) % step == 0:
            marks.append(rss_mb())
            print(f"after {i + 1:6d} articles: RSS {marks[-1]:7.1f} MB", flush=True)
    growth = marks[-1] - marks[0]
    print(f"growth over the last {n - step} articles: {growth:+.1f} MB (median step {statistics.median([b - a for a, b in zip(marks, marks[1:])] or [0]):+.2f} MB)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="articles for the ratio")
    ap.add_argument("--scaling", action="store_true", help="also time 1 and 2 Dask workers")
    ap.add_argument("--scaling-n", type=int, default=400)
    ap.add_argument("--memory", type=int, default=0, metavar="N", help="also track memory over N articles")
    args = ap.parse_args(argv)
    bench_ratio(args.n)
    if args.scaling:
        bench_scaling(args.scaling_n)
    if args.memory:
        bench_memory(args.memory)
    return 0


if __name__ == "__main__":
    sys.exit(main())
