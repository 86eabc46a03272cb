"""Copy detection and story grouping on a collection generated at run time from real articles.

Originals are PolNeAR article texts (../shared/data/polnear, 2016 US election news from
many outlets: many distinct articles on the same topics).  For a share of them, copies
are generated the way they appear in the wild: exact republication, scrape wrappers
(ad markers, menus, "Source link", share lines), added boilerplate, dropped sentences,
quote damage like the seed's (doubled and wrong quote marks, lost closing quotes,
missing spaces), light edits, and a simulated machine translation round trip (synonyms,
dropped articles, reordered clauses).  Nothing generated is written to the repository.

Every text goes through ``Store.put`` (no NLP: stories only), exactly as at ingest.
Prints pairwise precision/recall of copy detection (gold: an original and its copies),
story purity and copy-group completeness, and the cost per new document as the store grows.

    python eval/duplicates.py [--originals 300] [--seed 7]
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.core import content_id  # noqa: E402
from newsevents.model import Document  # noqa: E402
from newsevents.store import Store  # noqa: E402

OUTLETS = ["Daily Wire Service", "Metro Reader", "The Courier", "News Aggregator", "World Feed", "Local Herald"]
SYNONYMS = {
    "said": "stated", "says": "states", "told": "informed", "big": "large", "because": "since",
    "president": "head of state", "campaign": "election campaign", "voters": "electors", "people": "persons",
    "country": "nation", "government": "administration", "new": "fresh", "help": "assist", "also": "additionally",
    "very": "highly", "but": "however", "many": "numerous", "show": "demonstrate", "week": "seven days",
    "candidate": "contender", "support": "backing", "attack": "assault", "claimed": "asserted",
}
_SENT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[A-Z“\"])")


def sentences(text: str) -> list[str]:
    return [s for s in _SENT.split(text.strip()) if s.strip()]


def scrape_wrap(text: str, rng: random.Random) -> str:
    head = rng.choice(["[ad_1]", "Home | News | Politics", "Skip to content"])
    tail = rng.choice(["Source link", "[ad_2]\nSource link", "Share this:\nTwitter\nFacebook"])
    return f"{head}\n{text}\n{tail}\nRelated: {rng.choice(['Markets rally', 'Weather warning issued', 'Sports roundup'])}"


def boilerplate(text: str, rng: random.Random) -> str:
    paras = text.split("\n")
    extra = ["We use cookies to improve your experience. By continuing you accept our privacy policy.",
             "Sign up for our newsletter to get the day's top stories delivered to your inbox every morning.",
             "Follow us on social media for breaking news, photos and videos from around the world."]
    paras.insert(rng.randrange(len(paras) + 1), rng.choice(extra))
    return "\n".join(paras + [rng.choice(extra)])


def drop_sentences(text: str, rng: random.Random) -> str:
    sents = sentences(text)
    keep = [s for s in sents if rng.random() > 0.2] or sents[:1]
    return " ".join(keep)


def quote_damage(text: str, rng: random.Random) -> str:
    t = text.replace("\"", "“") if "“" not in text else text
    t = re.sub(r"“(\w)", lambda m: ("““" if rng.random() < 0.5 else "“") + m.group(1), t)
    t = re.sub(r"”", lambda m: "“" if rng.random() < 0.5 else "", t)
    t = re.sub(r"\. (?=[a-zA-Z])", lambda m: "." if rng.random() < 0.3 else ". ", t)
    return t


def light_edit(text: str, rng: random.Random) -> str:
    sents = sentences(text)
    if len(sents) > 3:
        sents = sents[:-1]  # the last paragraph cut
    t = " ".join(sents)
    t = re.sub(r"\b(said|says)\b", lambda m: "added" if rng.random() < 0.3 else m.group(1), t)
    return re.sub(r"\b(\d+)\b", lambda m: str(int(m.group(1)) + 1) if rng.random() < 0.2 else m.group(1), t)


def back_translate(text: str, rng: random.Random) -> str:
    """A simulated MT round trip: synonyms, dropped articles, clause order (not real MT)."""
    out = []
    for s in sentences(text):
        words = []
        for w in s.split():
            core = w.strip(".,;:“”\"'").lower()
            if core in ("the", "a", "an") and rng.random() < 0.5:
                continue
            if core in SYNONYMS and rng.random() < 0.8:
                w = w.replace(w.strip(".,;:“”\"'"), SYNONYMS[core])
            words.append(w)
        s = " ".join(words)
        if ", " in s and rng.random() < 0.3:
            a, b = s.split(", ", 1)
            s = b.rstrip(".") + ", " + a[0].lower() + a[1:] + "."
        out.append(s)
    return " ".join(out)


VARIANTS = {
    "exact": lambda t, r: t, "scrape": scrape_wrap, "boilerplate": boilerplate, "drops": drop_sentences,
    "quotes": quote_damage, "edit": light_edit, "mt-roundtrip": back_translate,
    "scrape+quotes": lambda t, r: scrape_wrap(quote_damage(t, r), r),
}


def load_originals(base: Path, n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    files = sorted((base / "polnear").rglob("text/*.txt"))
    rng.shuffle(files)
    out = []
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace").strip()
        if len(text.split()) < 150:
            continue
        m = re.search(r"_(\d{4}-\d{2}-\d{2})_", f.name)
        out.append((f.stem, text, m.group(1) if m else None))
        if len(out) >= n:
            break
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--originals", type=int, default=300)
    ap.add_argument("--copied", type=float, default=0.5, help="share of originals that get copies")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    base = Path(args.data)
    if not (base / "polnear").is_dir():
        print(f"no PolNeAR at {base} (../shared is CI-only); nothing to evaluate")
        return
    rng = random.Random(args.seed)
    originals = load_originals(base, args.originals, rng)
    items = []  # (gold group, variant, text, published, outlet)
    for name, text, date in originals:
        items.append((name, "original", text, date, rng.choice(OUTLETS)))
        if rng.random() < args.copied:
            for v in rng.sample(sorted(VARIANTS), rng.randint(1, 3)):
                items.append((name, v, VARIANTS[v](text, rng), date, rng.choice(OUTLETS) + " " + v))
    order = list(range(len(items)))
    rng.shuffle(order)
    # an original usually comes first, but not always (copies found before their source)
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "dup.db")) as store:
        times = []
        for i in order:
            _, _, text, date, outlet = items[i]
            t0 = time.perf_counter()
            store.put(Document(id=content_id(text), text=text, published=date, outlet=outlet))
            times.append(time.perf_counter() - t0)
        rows = {r["id"]: (r["story_id"], r["copy_of"] or r["id"]) for r in
                store.conn.execute("SELECT id, story_id, copy_of FROM documents")}
    pred_copy = [rows[content_id(t)][1] for _, _, t, _, _ in items]
    pred_story = [rows[content_id(t)][0] for _, _, t, _, _ in items]
    gold = [g for g, *_ in items]
    tp = fp = fn = 0
    per_variant: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a, b in combinations(range(len(items)), 2):
        same_gold, same_pred = gold[a] == gold[b], pred_copy[a] == pred_copy[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
        if same_gold and "original" in (items[a][1], items[b][1]):
            v = items[b][1] if items[a][1] == "original" else items[a][1]
            per_variant[v][1] += 1
            per_variant[v][0] += same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"collection: {len(originals)} PolNeAR originals, {len(items) - len(originals)} generated copies, "
          f"{len(items)} texts, {len({content_id(t) for _, _, t, _, _ in items})} distinct")
    print(f"copy detection (pairwise): P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    print("recall by variant (copy ↔ its original): " + ", ".join(
        f"{v} {c}/{n}" for v, (c, n) in sorted(per_variant.items())))
    # story purity: share of each predicted story's texts from its majority gold group
    stories: dict[str, list[str]] = defaultdict(list)
    for s, g in zip(pred_story, gold):
        stories[s].append(g)
    purity = sum(Counter(gs).most_common(1)[0][1] for gs in stories.values()) / len(items)
    groups: dict[str, set[str]] = defaultdict(set)
    for s, g in zip(pred_story, gold):
        groups[g].add(s)
    complete = sum(1 for ss in groups.values() if len(ss) == 1) / len(groups)
    merged = sum(1 for gs in stories.values() if len(set(gs)) > 1)
    print(f"stories: {len(stories)} predicted for {len(groups)} gold copy groups; purity {purity:.3f}, "
          f"copy groups kept whole {complete:.3f}; {merged} stories join distinct originals "
          "(same-story articles, as intended, or errors)")
    k = max(1, len(times) // 10)
    print(f"put() cost: first {k} docs {sum(times[:k]) / k * 1000:.1f} ms/doc, last {k} "
          f"{sum(times[-k:]) / k * 1000:.1f} ms/doc (store of {len(times)})")


if __name__ == "__main__":
    main()
