"""Quote extraction time as a share of spaCy parse time (target: ≤ 15 %).

    python bench/quotes_speed.py [--limit N] [--repeat R]

Uses PolNeAR dev texts when ../shared is present, else a generated news-like text.
Both timings are over the same documents; quote extraction runs without actor
resolution (that is the entities component's cost, not ours).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"

SYNTHETIC = (
    "Finance minister Lena Holt said on Monday that the budget would be balanced by 2026.\n"
    "“We have made hard choices, and they are paying off,” she told reporters. “Nobody wanted cuts.”\n"
    "Opposition leader Marco Diaz warned the plan would hurt pensioners, according to a statement.\n"
    "The central bank kept rates unchanged, officials said, adding that inflation was “under control”.\n"
)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    from newsevents import nlp as nlp_mod
    from newsevents.quotes import extract_quotes

    if POLNEAR_DEV.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(POLNEAR_DEV.glob("*.txt"))[: args.limit]]
        source = f"{len(texts)} PolNeAR dev texts"
    else:
        texts = [SYNTHETIC * 10] * args.limit
        source = f"{len(texts)} synthetic texts"
    nlp = nlp_mod.load()
    nlp("warm up")
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse = time.perf_counter() - t0
    extract_quotes(docs[0])  # lexicon loading is a one-off
    best = float("inf")
    n = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        n = sum(len(extract_quotes(d)) for d in docs)
        best = min(best, time.perf_counter() - t0)
    words = sum(len(d) for d in docs)
    print(f"{source}, {words} tokens, {n} quotes")
    print(f"parse {parse:.2f}s   quotes {best:.3f}s (best of {args.repeat})   ratio {100 * best / parse:.1f}% (target ≤ 15%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
