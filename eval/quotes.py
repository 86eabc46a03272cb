"""Score quote extraction against PolNeAR (dev by default) and the seed annotation.

    python eval/quotes.py [--split dev|train] [--limit N] [--errors] [--seed] [--speech-only]

Broad cues (belief/finding, stance, phrasal and nominal cues, ``Name:`` lines) are on,
as in the pipeline; ``--speech-only`` scores speech verbs and ``according to`` alone.

PolNeAR (``../shared/data/polnear``): every ``E`` attribution line is one gold quote
(its ``Content`` spans, ``Source`` spans and ``Cue``); an article annotated several
times is scored against its first ``.ann`` file (sorted by name).  Gold kinds: *direct*
when the content (stripped) opens with a quotation mark, *mixed* when it holds one
elsewhere, else *indirect*.

Matching (documented here because the figures depend on it):

* a predicted quote and a gold quote **match** when their character spans overlap by at
  least half of the shorter one (``--overlap any`` counts any shared character);
  quotation marks and a leading "that" inside PolNeAR spans don't matter at that threshold;
* precision = matched predictions / predictions; recall = matched gold / gold (a gold
  quote split into two predictions, or two gold quotes joined in one, all count matched);
* PolNeAR also annotates attributions that are not statements (``Clinton wants X``, ``polls
  show``, ``critics attacked``); the **speech subset** keeps gold quotes that are direct or
  whose cue holds a verb of our speech lexicon (by spaCy lemma) or ``according to``:
  recall and F1 on it use the same predictions;
* **speaker accuracy** is over matched gold quotes, each paired with its most-overlapping
  prediction: correct when the gold has no source and the prediction no speaker, or when
  the predicted speaker mention overlaps a gold source span, or the predicted speaker's
  resolved name shares its last word with the gold source text.  Pronoun sources are not
  resolved in PolNeAR, so a pronoun mention overlapping the gold pronoun counts correct;
  where the gold source is a relative pronoun (``Smith, who said``), a predicted speaker
  ending right before it (its antecedent) counts correct;
* pairing: among the predictions that match a gold quote, one whose cue overlaps the gold
  cue is preferred (then the largest overlap), so that nested attributions (``X rejected
  Y's claim that Z``) are each compared with their own prediction;
* **resolved speaker accuracy** (printed next to the strict figure, never instead of it)
  also credits a prediction whose speaker name shares its last word with the *gold
  antecedent* of a gold pronoun source (``he``, ``she``, ``they``, ``I``, ``we``, ``it``…):
  the nearest preceding gold source in the same document that is not a pronoun.  PolNeAR
  leaves pronouns unresolved, so strict scoring counts ``he said`` → ``Bobby Scott`` wrong
  even when the annotators' previous source was Scott; the heuristic can also credit a
  wrong name when two people alternate, which is why the strict figure stays the headline.

Parses are cached in /tmp as spaCy DocBin files (keyed by split, limit and model).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
SEED = ROOT.parent / "shared" / "seed" / "000_69c200a02ad8e96a.txt"
SEED_GOLD = ROOT / "tests" / "seed_quotes.json"
CACHE = Path("/tmp/newsevents_quotes_cache")
QUOTE_MARKS = "“”\"«»‘’„"


@dataclass(frozen=True)
class Gold:
    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]
    source_text: str
    kind: str
    cue: tuple[tuple[int, int], ...] = ()


def _spans(field: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in field.split(";"):
        a, b = part.split()[-2:]
        out.append((int(a), int(b)))
    return tuple(out)


def read_ann(path: Path, text: str) -> list[Gold]:
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        cols = line.split("\t")
        if cols[0].startswith("T") and len(cols) >= 2 and cols[0][1:].isdigit():
            label, _, offs = cols[1].partition(" ")
            spans[cols[0]] = (label, _spans(offs))
        elif cols[0].startswith("E") and len(cols) >= 2 and cols[0][1:].isdigit():
            rels.append(dict(arg.split(":", 1) for arg in cols[1].split()))
    out = []
    for r in rels:
        content = tuple(s for k, v in r.items() if k.startswith("Content") for s in spans[v][1])
        if not content:
            continue
        source = tuple(s for k, v in r.items() if k.startswith("Source") for s in spans[v][1])
        body = " ".join(text[a:b] for a, b in content).strip()
        kind = "direct" if body[:1] in QUOTE_MARKS else ("mixed" if any(c in body for c in "“”\"") else "indirect")
        cue = tuple(s for k, v in r.items() if k.startswith("Cue") for s in spans[v][1])
        out.append(Gold(content, source, " ".join(text[a:b] for a, b in source), kind, cue))
    return out


def load_split(split: str, limit: int | None) -> list[tuple[str, str, list[Gold]]]:
    base = POLNEAR / split
    docs = []
    for tpath in sorted((base / "text").glob("*.txt"))[: limit or None]:
        text = tpath.read_text(encoding="utf-8")
        anns = sorted((base / "attributions").glob(tpath.stem + "_*.ann"))
        if anns:
            docs.append((tpath.stem, text, read_ann(anns[0], text)))
    return docs


def parse_cached(texts: list[str], tag: str):
    """Parse with the project pipeline once; later runs read the DocBin from /tmp."""
    from spacy.tokens import DocBin

    from newsevents import nlp as nlp_mod

    nlp = nlp_mod.load()
    key = hashlib.sha256(("\0".join(texts) + nlp_mod.model_name()).encode()).hexdigest()[:16]
    path = CACHE / f"{tag}-{key}.spacy"
    if path.is_file():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab)), 0.0
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    took = time.perf_counter() - t0
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs, took


def run_quotes(doc, **options):
    """Run the entities (actor resolution) and quotes components on a parsed doc."""
    from newsevents.pipeline import Context, components
    from newsevents.quotes import extract_quotes

    ctx = Context(doc=doc, published=None)
    try:
        components(("entities",))[0](ctx)
    except Exception as exc:  # the actor resolver is optional for scoring quotes
        if not getattr(run_quotes, "warned", False):
            print(f"(actor resolution unavailable, scoring without it: {exc!r})", file=sys.stderr)
            run_quotes.warned = True
        ctx.actors = None
    return extract_quotes(doc, actors=ctx.actors, **options)


def _covered(spans) -> int:
    return sum(b - a for a, b in spans)


def _overlap(spans, a: int, b: int) -> int:
    return sum(max(0, min(b, e) - max(a, s)) for s, e in spans)


def matches(g: Gold, q, mode: str) -> int:
    ov = _overlap(g.content, q.start, q.end)
    if mode == "any":
        return ov
    return ov if ov * 2 >= min(_covered(g.content), q.end - q.start) and ov > 0 else 0


PRONOUN_SOURCES = frozenset(
    "he she they i we it his her their its him them us me you who which that".split()
)


def gold_antecedents(golds: list[Gold]) -> dict[int, str]:
    """Index of each gold quote with a pronoun source → the nearest preceding non-pronoun
    gold source text of the document (see the docstring: resolved speaker accuracy)."""
    named = sorted((g.source[0][0], g.source_text) for g in golds
                   if g.source and g.source_text.strip().lower().replace("’s", "") not in PRONOUN_SOURCES)
    out = {}
    for k, g in enumerate(golds):
        if not g.source or g.source_text.strip().lower().replace("’s", "") not in PRONOUN_SOURCES:
            continue
        before = [t for start, t in named if start < g.source[0][0]]
        if before:
            out[k] = before[-1]
    return out


def speaker_ok_resolved(g: Gold, q, antecedent: str | None) -> bool:
    if speaker_ok(g, q):
        return True
    if antecedent is None or q.speaker is None:
        return False
    last = q.speaker.name.split()[-1].lower() if q.speaker.name.split() else ""
    return bool(last) and last in antecedent.lower().replace("’s", "").replace(",", " ").split()


def _cue_overlap(g: Gold, q) -> bool:
    return q.cue is not None and _overlap(g.cue, q.cue.start, q.cue.end) > 0


def speaker_ok(g: Gold, q) -> bool:
    sp = q.speaker
    if not g.source:
        return sp is None
    if sp is None:
        return False
    if _overlap(g.source, sp.start, sp.end) > 0:
        return True
    # PolNeAR marks the relative pronoun ("Smith, who said ..."); we name its antecedent.
    if g.source_text.strip().lower() in ("who", "which", "that") and 0 <= g.source[0][0] - sp.end <= 3:
        return True
    last = sp.name.split()[-1].lower() if sp.name.split() else ""
    return bool(last) and last in g.source_text.lower().replace("’s", "").split()


def score_polnear(args) -> None:
    docs = load_split(args.split, args.limit)
    parsed, took = parse_cached([t for _, t, _ in docs], f"polnear-{args.split}-{args.limit or 'all'}")
    if took:
        print(f"parsed {len(docs)} docs in {took:.1f}s (cached for next time)")
    t0 = time.perf_counter()
    n_pred = n_pred_ok = 0
    gold_n: Counter = Counter()
    gold_ok: Counter = Counter()
    pred_kind: Counter = Counter()
    pred_kind_ok: Counter = Counter()
    spk_n: Counter = Counter()
    spk_ok: Counter = Counter()
    spk_res = 0
    errors = []
    from newsevents.quotes_speakers import cues

    speech = cues().speech
    sub_n = sub_ok = 0
    for (name, text, golds), doc in zip(docs, parsed):
        lemma_at = {t.idx: t.lemma_.lower() for t in doc}
        quotes = run_quotes(doc, include_reports=args.reports)
        for q in quotes:
            n_pred += 1
            pred_kind[q.kind] += 1
            hit = any(matches(g, q, args.overlap) for g in golds)
            n_pred_ok += hit
            pred_kind_ok[q.kind] += hit
            if not hit and args.errors:
                errors.append(f"FP {name} [{q.kind}] {q.text[:110]!r} cue={q.cue.text if q.cue else None}")
        antecedents = gold_antecedents(golds)
        for k, g in enumerate(golds):
            gold_n[g.kind] += 1
            sub_n += in_subset(g, lemma_at, speech, text)
            best = max(quotes, key=lambda q: (matches(g, q, args.overlap) > 0, _cue_overlap(g, q), matches(g, q, args.overlap)), default=None)
            if best is None or not matches(g, best, args.overlap):
                if args.errors:
                    errors.append(f"FN {name} [{g.kind}] {' '.join(text[a:b] for a, b in g.content)[:110]!r} src={g.source_text!r}")
                continue
            gold_ok[g.kind] += 1
            sub_ok += in_subset(g, lemma_at, speech, text)
            ok = speaker_ok(g, best)
            spk_n[g.kind] += 1
            spk_ok[g.kind] += ok
            spk_res += ok or speaker_ok_resolved(g, best, antecedents.get(k))
            if not ok and args.errors:
                sp = best.speaker
                errors.append(f"SPK {name} [{g.kind}] gold={g.source_text!r} pred={(sp.text, sp.name) if sp else None} q={best.text[:60]!r} cue={best.cue.text if best.cue else None!r} gcue={' '.join(text[a:b] for a, b in g.cue)!r}")
    took_q = time.perf_counter() - t0
    p = n_pred_ok / n_pred if n_pred else 0.0
    r = sum(gold_ok.values()) / max(1, sum(gold_n.values()))
    f = 2 * p * r / (p + r) if p + r else 0.0
    sa = sum(spk_ok.values()) / max(1, sum(spk_n.values()))
    print(f"PolNeAR {args.split}: {len(docs)} docs, {sum(gold_n.values())} gold quotes, {n_pred} predicted "
          f"(overlap={args.overlap}, extraction {took_q:.1f}s)")
    print(f"  quotes   P={p:.3f} R={r:.3f} F1={f:.3f}   speaker accuracy={sa:.3f} ({sum(spk_ok.values())}/{sum(spk_n.values())})")
    rs = sub_ok / max(1, sub_n)
    fs = 2 * p * rs / (p + rs) if p + rs else 0.0
    print(f"  speech subset ({sub_n} gold): R={rs:.3f} F1={fs:.3f}")
    print(f"  speaker accuracy with gold pronouns resolved to the previous gold source (lenient, see docstring)="
          f"{spk_res / max(1, sum(spk_n.values())):.3f} ({spk_res}/{sum(spk_n.values())})")
    for kind in ("direct", "mixed", "indirect"):
        pk = pred_kind_ok[kind] / pred_kind[kind] if pred_kind[kind] else 0.0
        rk = gold_ok[kind] / gold_n[kind] if gold_n[kind] else 0.0
        fk = 2 * pk * rk / (pk + rk) if pk + rk else 0.0
        sk = spk_ok[kind] / spk_n[kind] if spk_n[kind] else 0.0
        print(f"  {kind:8s} P={pk:.3f} R={rk:.3f} F1={fk:.3f}   speaker={sk:.3f}  (gold {gold_n[kind]}, pred {pred_kind[kind]})")
    if args.errors:
        for e in errors[: args.max_errors]:
            print(e)


def in_subset(g: Gold, lemma_at: dict[int, str], speech: frozenset[str], text: str) -> bool:
    if g.kind == "direct":
        return True
    words = " ".join(text[a:b] for a, b in g.cue).lower()
    if "according to" in words:
        return True
    return any(lemma_at.get(i) in speech for a, b in g.cue for i in range(a, b))


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").split()).lower()


def score_seed(doc_quotes=None, *, show: bool = True) -> tuple[float, float, list[str]]:
    """Recall / precision of direct quotes (with the right speaker) on the seed article."""
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["quotes"]
    if doc_quotes is None:
        import newsevents

        raw = SEED.read_text(encoding="utf-8")
        try:
            doc_quotes = newsevents.extract(raw, published="2022-01-28").quotes
        except Exception as exc:  # another component broken mid-development: quotes alone
            from newsevents import nlp as nlp_mod
            from newsevents.clean import clean

            print(f"(extract() failed: {exc!r}; scoring clean → parse → quotes only)", file=sys.stderr)
            doc_quotes = run_quotes(nlp_mod.load()(clean(raw).text))
    problems = []
    found = 0
    used = set()
    for g in gold:
        head = _norm(g["starts"])
        cands = [q for q in doc_quotes if head in _norm(q.text)]
        if not cands:
            problems.append(f"missing: {g['starts']!r} ({g['speaker']})")
            continue
        q = cands[0]
        used.add(q.id)
        if q.speaker is None or q.speaker.name != g["speaker"]:
            problems.append(f"speaker: {g['starts']!r} expected {g['speaker']!r}, got {q.speaker.name if q.speaker else None!r}")
            continue
        found += 1
    direct = [q for q in doc_quotes if q.kind == "direct"]
    extra = [q for q in direct if q.id not in used]
    problems += [f"unannotated direct quote: {q.text[:60]!r}" for q in extra]
    recall = found / len(gold)
    precision = (len(direct) - len(extra)) / len(direct) if direct else 0.0
    if show:
        print(f"seed: {found}/{len(gold)} annotated quotes found with the right speaker "
              f"(recall {recall:.3f}); direct precision {precision:.3f} ({len(direct) - len(extra)}/{len(direct)})")
        for p in problems:
            print("  " + p)
    return recall, precision, problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--max-errors", type=int, default=200)
    ap.add_argument("--overlap", choices=("half", "any"), default="half")
    ap.add_argument("--seed", action="store_true", help="also score the seed article")
    ap.add_argument("--speech-only", dest="reports", action="store_false",
                    help="only speech cues (said, told, according to): no belief/finding/stance verbs, phrasal cues or 'Name:' lines")
    ap.add_argument("--reports", action="store_true", help="(default) broad cues on; kept for old command lines")
    ap.add_argument("--seed-only", action="store_true")
    args = ap.parse_args(argv)
    if not args.seed_only:
        score_polnear(args)
    if args.seed or args.seed_only:
        score_seed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
