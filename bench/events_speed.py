"""Time event coding against spaCy parsing on the same texts.

    python bench/events_speed.py [--n 300]

Prints the ratio coding time / parse time (target: at most 0.25).  Uses the
seed article and, when ../shared is present, ConfliBERT sentences.
"""
from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def texts(n: int) -> list[str]:
    out = []
    seed = SHARED / "seed" / "000_69c200a02ad8e96a.txt"
    if seed.is_file():
        out.append(seed.read_text(encoding="utf-8"))
    cls = SHARED / "data" / "conflibert" / "cameo_class" / "train.tsv"
    if cls.is_file():
        lines = [l.rsplit("\t", 1)[0] for l in cls.read_text(encoding="utf-8").splitlines() if l.strip()]
        # paragraphs of ten sentences, like short news stories
        out += [" ".join(lines[i : i + 10]) for i in range(0, min(len(lines), n * 10), 10)]
    if not out:
        out = ["Ukraine and Russia held talks in Minsk. Moscow rejected the demands. The EU threatened sanctions."] * n
    return out[:n]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=60)
    args = ap.parse_args(argv)
    from newsevents import nlp as nlp_mod
    from newsevents.events import code_document
    from newsevents.pipeline import Context

    nlp = nlp_mod.load()
    batch = texts(args.n)
    nlp("warm up")
    t0 = time.perf_counter()
    docs = [nlp(t) for t in batch]
    parse = time.perf_counter() - t0
    code_document(Context(doc=docs[0], published=None))  # load lexicons outside the timing
    t0 = time.perf_counter()
    n_events = sum(len(code_document(Context(doc=d, published=dt.date(2022, 1, 28)))) for d in docs)
    coding = time.perf_counter() - t0
    words = sum(len(d) for d in docs)
    print(f"{len(docs)} texts, {words} tokens, {n_events} events")
    print(f"spaCy parse {parse:.2f}s  event coding {coding:.2f}s  ratio {coding / parse:.1%} (target <= 25%)")


if __name__ == "__main__":
    main()
