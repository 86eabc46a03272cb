"""Average time per time expression of the ``timexes`` component (spaCy parse excluded).

    python bench/timex_speed.py [--repeat 3]

Parses a generated news-like text once, then times detection + normalization.
"""
from __future__ import annotations

import argparse
import datetime as dt
import time

from newsevents import nlp as nlp_mod
from newsevents.pipeline import Context
from newsevents.timex import timex_component

SENTENCES = [
    "The ministers met on Thursday and agreed to resume talks in February.",
    "Prices rose 4 percent last month, the highest level in two years.",
    "Rebels attacked a convoy two weeks ago, and the army says it is still pursuing them.",
    "The council meets every Monday at 9 a.m. to review the budget for the third quarter.",
    "Exports have fallen for the past six months but are expected to recover this summer.",
    "The festival runs Feb. 7-13, 2022, a year after it was cancelled.",
    "Officials said the new bridge would open within 18 months, by early 2024.",
    "In the 1990s the port handled half as much cargo as it does now.",
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--copies", type=int, default=40)
    args = ap.parse_args()
    text = "\n".join(SENTENCES * args.copies)
    doc = nlp_mod.load()(text)
    ctx = Context(doc=doc, published=dt.date(2022, 1, 28))
    timex_component(ctx)  # warm-up (compiles nothing new; fills caches)
    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        timex_component(ctx)
        best = min(best, time.perf_counter() - t0)
    n = len(ctx.timexes)
    print(f"{n} expressions in {len(text)} chars: {best * 1000:.1f} ms, {best * 1000 / max(n, 1):.3f} ms/expression")


if __name__ == "__main__":
    main()
