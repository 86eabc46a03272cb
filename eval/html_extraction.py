"""HTML extraction (named so, not html.py, which would shadow the stdlib html package for every script in eval/): ours (newsevents.sources.html_to_text) vs trafilatura and htmldate called directly.

Reads ../shared/data/html (see its README, section 8) at run time; prints figures only.

- trafilatura set: snippet precision/recall/F1 with trafilatura's own metric (a ``with``
  snippet found = TP, missing = FN; a ``without`` snippet found = FP, absent = TN) and
  title/date/author accuracy against the gold, ours vs ``trafilatura.extract`` with its
  default options (plus metadata), and the language gate (E016) on the set.
- htmldate set: publication-date accuracy, ours vs ``htmldate.find_date`` (defaults).

    python eval/html_extraction.py [--data ../shared/data/html] [--limit N]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.errors import NewsEventsError  # noqa: E402
from newsevents.sources import html_to_text  # noqa: E402


def norm(s) -> str:
    if isinstance(s, (list, tuple)):
        s = "; ".join(map(str, s))
    return re.sub(r"\s+", " ", (s or "")).strip()


def page(base: Path, name: str) -> str | None:
    for sub in ("cache", "eval"):
        p = base / sub / name
        if p.is_file():
            return p.read_bytes().decode("utf-8", "replace")
    return None


def ours(html: str, url: str | None) -> dict:
    try:
        return html_to_text(html, url=url, english_only=False)
    except NewsEventsError as err:
        return {"text": "", "error": err.code}


def baseline(html: str, url: str | None) -> dict:
    import trafilatura

    out = trafilatura.extract(html, url=url, output_format="json", with_metadata=True)
    if not out:
        return {"text": ""}
    j = json.loads(out)
    return {"text": j.get("text") or "", "title": j.get("title"), "author": j.get("author"),
            "published": (j.get("date") or "")[:10] or None}


class Score:
    def __init__(self) -> None:
        self.tp = self.fn = self.fp = self.tn = 0
        self.meta = {k: [0, 0] for k in ("title", "date", "author")}

    def add(self, rec: dict, got: dict) -> None:
        text = norm(got.get("text"))
        for s in rec.get("with", []):
            if norm(s) in text:
                self.tp += 1
            else:
                self.fn += 1
        for s in rec.get("without", []):
            if norm(s) in text:
                self.fp += 1
            else:
                self.tn += 1
        for key, field in (("title", "title"), ("date", "published"), ("author", "author")):
            if rec.get(key):
                self.meta[key][1] += 1
                if norm(rec[key]).casefold() == norm(got.get(field)).casefold():
                    self.meta[key][0] += 1

    def line(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.tn + self.tp
        a = acc / (self.tp + self.fn + self.fp + self.tn)
        meta = "  ".join(f"{k} {c}/{n} = {c / n:.3f}" for k, (c, n) in self.meta.items() if n)
        return f"{name:<22} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  acc {a:.3f}  |  {meta}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "html"))
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    base = Path(args.data)
    if not (base / "trafilatura" / "evaldata.json").is_file():
        print(f"no data at {base} (../shared is CI-only); nothing to evaluate")
        return

    recs = json.loads((base / "trafilatura" / "evaldata.json").read_text(encoding="utf-8"))
    items = list(recs.items())[: args.limit]
    s_ours, s_base = Score(), Score()
    gate = {"E016": 0, "E006": 0}
    t_ours = t_base = 0.0
    for key, rec in items:
        html = page(base / "trafilatura", rec["file"])
        if html is None:
            continue
        url = None if key.startswith("hard::") else key
        t0 = time.perf_counter()
        got = ours(html, url)
        t_ours += time.perf_counter() - t0
        if not got.get("error"):
            if got.get("language") not in (None, "en"):  # what the E016 gate rejects at ingest
                gate["E016"] += 1
        else:
            gate[got["error"]] = gate.get(got["error"], 0) + 1
        t0 = time.perf_counter()
        b = baseline(html, url)
        t_base += time.perf_counter() - t0
        s_ours.add(rec, got)
        s_base.add(rec, b)
    n = len(items)
    print(f"trafilatura set: {n} pages, {sum(len(r.get('with', [])) for _, r in items)} with / "
          f"{sum(len(r.get('without', [])) for _, r in items)} without snippets")
    print(s_ours.line("newsevents"))
    print(s_base.line("trafilatura.extract"))
    print(f"time: newsevents {t_ours / max(n, 1) * 1000:.0f} ms/page, trafilatura.extract {t_base / max(n, 1) * 1000:.0f} ms/page")
    print(f"language gate: {gate.get('E016', 0)} pages rejected as non-English (E016; the set has 17 non-English "
          f"news pages), {gate.get('E006', 0)} without article text (E006)")

    dates_path = base / "htmldate" / "eval_default.json"
    if dates_path.is_file():
        from htmldate import find_date

        gold = json.loads(dates_path.read_text(encoding="utf-8"))
        items = list(gold.items())[: args.limit]
        ok_ours = ok_base = none_ours = 0
        for url, rec in items:
            html = page(base / "htmldate", rec["file"])
            if html is None:
                continue
            got = ours(html, url).get("published")
            none_ours += got is None
            ok_ours += got == rec["date"]
            try:
                b = find_date(html, url=url)
            except Exception:
                b = None
            ok_base += b == rec["date"]
        n = len(items)
        print(f"htmldate set: {n} pages; date accuracy newsevents {ok_ours}/{n} = {ok_ours / n:.3f} "
              f"(no date {none_ours}), htmldate.find_date {ok_base}/{n} = {ok_base / n:.3f}")


if __name__ == "__main__":
    main()
