"""Score newsevents time expressions against TimeBank/AQUAINT and MEANTIME.

    python eval/time.py [--split timebank|aquaint|meantime|all] [--limit N] [--errors]

Each document's raw text goes through our spaCy pipeline and the ``timexes``
component with the gold document creation time (DCT) as publication date.

Metrics (TempEval-3 style, computed here; the TE3 scorer is only a reference):

* matching is one-to-one: system expressions in text order each take the first
  unmatched gold expression they overlap (relaxed) / coincide with (strict);
* extent P = matched / system, R = matched / gold, F1 their harmonic mean,
  for strict (identical character offsets) and relaxed (any overlap) matching;
* value accuracy = relaxed-matched pairs with the identical TIMEX3 ``value``
  string / relaxed-matched pairs;
* **value F1** = F1 with P = value-correct relaxed matches / system and
  R = value-correct relaxed matches / gold (= relaxed F1 x value accuracy,
  TE3's "value F1"); type F1 likewise with the ``type`` attribute.

Corpora (not in the repository; ``../shared/data``):

* TimeBank / AQUAINT (``TBAQ-cleaned``): text = the ``<TEXT>`` element with tags
  removed and XML entities decoded; the DCT TIMEX3 is not scored.
* MEANTIME (``corpus_airbus``, ``corpus_apple``): text rebuilt from the tokens
  (simple detokenization, one line per sentence).  Only the title and first
  sentences are annotated, so the text is cut after the last sentence holding
  any markable; the dateline sentence that carries the DCT is left out (it is the
  publication date, not a text expression); timexes without tokens are ignored.

Parsed documents are cached as a spaCy DocBin under ``$TMPDIR/newsevents-eval``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    dct: dt.date
    timexes: tuple[GoldTimex, ...]


TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')


def load_tml(path: Path) -> GoldDoc:
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r'<DCT>\s*<TIMEX3[^>]*value="(\d{4}-\d\d-\d\d)', raw)
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    out, pos, text_len, open_t, timexes = [], 0, 0, None, []
    for m in TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        out.append(chunk)
        text_len += len(chunk)
        pos = m.end()
        if m.group(2) == "TIMEX3":
            if m.group(1) == "":
                open_t = (text_len, dict(ATTR.findall(m.group(3))))
            elif open_t:
                s, a = open_t
                timexes.append(GoldTimex(s, text_len, a.get("type", ""), a.get("value", "")))
                open_t = None
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    return GoldDoc(path.stem, text, dt.date.fromisoformat(dct_m.group(1)), tuple(timexes))


NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "?", "!", ")", "%", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "''"})
NO_SPACE_AFTER = frozenset({"(", "$", "``"})


def load_meantime(path: Path) -> GoldDoc | None:
    root = ET.parse(path).getroot()
    toks = [(int(t.get("t_id")), int(t.get("sentence")), t.text or "") for t in root.iter("token")]
    sent_of = {tid: s for tid, s, _ in toks}
    markables = root.find("Markables")
    max_sent, dct, dct_sent, gold = 0, None, None, []
    for mk in markables:
        anchors = [int(a.get("t_id")) for a in mk.findall("token_anchor")]
        if anchors:
            max_sent = max(max_sent, max(sent_of[a] for a in anchors))
        if mk.tag != "TIMEX3":
            continue
        if mk.get("functionInDocument") == "CREATION_TIME":
            m = re.match(r"\d{4}-\d\d-\d\d", mk.get("value", ""))
            dct = dt.date.fromisoformat(m.group(0)) if m else None
            dct_sent = sent_of[anchors[0]] if anchors else None
        elif anchors:
            gold.append((min(anchors), max(anchors), mk.get("type", ""), mk.get("value", "")))
    if dct is None:
        return None
    parts, start_of, end_of, prev_sent, prev_tok = [], {}, {}, None, None
    length = 0
    for tid, sent, word in toks:
        if sent > max_sent or sent == dct_sent:
            continue
        if prev_sent is not None and sent != prev_sent:
            sep = "\n"
        elif prev_tok is None or word in NO_SPACE_BEFORE or prev_tok in NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep)
        length += len(sep)
        start_of[tid] = length
        parts.append(word)
        length += len(word)
        end_of[tid] = length
        prev_sent, prev_tok = sent, word
    timexes = tuple(GoldTimex(start_of[a], end_of[b], t, v) for a, b, t, v in gold if a in start_of and b in end_of)
    return GoldDoc(path.stem, "".join(parts), dct, timexes)


def load_split(name: str) -> list[GoldDoc]:
    if name in ("timebank", "aquaint"):
        folder = SHARED / "timebank" / "TBAQ-cleaned" / ("TimeBank" if name == "timebank" else "AQUAINT")
        return [load_tml(p) for p in sorted(folder.glob("*.tml"))]
    docs = []
    for p in sorted((SHARED / "meantime").rglob("*.xml")):
        d = load_meantime(p)
        if d is not None:
            docs.append(d)
    return docs


def parse(docs: list[GoldDoc], *, cache: bool = True):
    """spaCy Docs for ``docs``, cached by text hash and model name."""
    from spacy.tokens import DocBin

    from newsevents import nlp as nlp_mod

    nlp = nlp_mod.load()
    key = hashlib.sha1(("\x00".join(d.text for d in docs) + nlp_mod.model_name()).encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / "newsevents-eval" / f"{key}.spacy"
    if cache and path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=8))
    if cache:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=parsed).to_disk(path)
    return parsed


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.system if self.system else 0.0
        r = hits / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_doc(gold: tuple[GoldTimex, ...], system, sc: Score, errors: list | None, text: str) -> None:
    sc.gold += len(gold)
    sc.system += len(system)
    free_strict = set(range(len(gold)))
    free = set(range(len(gold)))
    matched_gold = set()
    for t in system:
        for i in sorted(free_strict):
            if gold[i].start == t.start and gold[i].end == t.end:
                sc.strict += 1
                free_strict.discard(i)
                break
        hit = next((i for i in sorted(free) if gold[i].start < t.end and t.start < gold[i].end), None)
        if hit is None:
            if errors is not None:
                errors.append(("FP", t.text, t.type, t.value, "", _ctx(text, t.start, t.end)))
            continue
        free.discard(hit)
        matched_gold.add(hit)
        g = gold[hit]
        sc.relaxed += 1
        sc.value += g.value == t.value
        sc.type += g.type == t.type
        if errors is not None and (g.value != t.value):
            errors.append(("VAL", t.text, t.type, t.value, f"{text[g.start:g.end]!r} {g.type} {g.value}", _ctx(text, t.start, t.end)))
    if errors is not None:
        for i in sorted(set(range(len(gold))) - matched_gold):
            g = gold[i]
            errors.append(("FN", text[g.start:g.end], g.type, g.value, "", _ctx(text, g.start, g.end)))


def _ctx(text: str, s: int, e: int) -> str:
    return (text[max(0, s - 50):s] + "[" + text[s:e] + "]" + text[e:e + 40]).replace("\n", " ")


def evaluate(split: str, *, limit: int | None = None, errors: bool = False, quiet: bool = False) -> Score:
    from newsevents.pipeline import Context
    from newsevents.timex import timex_component

    docs = load_split(split)
    if limit:
        docs = docs[:limit]
    parsed = parse(docs)
    sc = Score()
    errs: list | None = [] if errors else None
    t0 = time.perf_counter()
    for gd, doc in zip(docs, parsed):
        ctx = Context(doc=doc, published=gd.dct)
        timex_component(ctx)
        score_doc(gd.timexes, ctx.timexes, sc, errs, gd.text)
    elapsed = time.perf_counter() - t0
    if errs:
        for e in errs:
            print("\t".join(map(str, e)))
    if not quiet:
        report(split, sc, len(docs), elapsed)
    return sc


def report(split: str, sc: Score, ndocs: int, elapsed: float) -> None:
    sp, sr, sf = sc.prf(sc.strict)
    rp, rr, rf = sc.prf(sc.relaxed)
    vp, vr, vf = sc.prf(sc.value)
    _, _, tf = sc.prf(sc.type)
    acc = sc.value / sc.relaxed if sc.relaxed else 0.0
    print(f"{split}: {ndocs} docs, gold {sc.gold}, system {sc.system}")
    print(f"  strict  P {sp:.3f} R {sr:.3f} F1 {sf:.3f}")
    print(f"  relaxed P {rp:.3f} R {rr:.3f} F1 {rf:.3f}")
    print(f"  value   P {vp:.3f} R {vr:.3f} F1 {vf:.3f}  (accuracy {acc:.3f})   type F1 {tf:.3f}")
    print(f"  timex time {elapsed * 1000 / max(ndocs, 1):.1f} ms/doc (excluding spaCy parse)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="all", choices=["timebank", "aquaint", "tbaq", "meantime", "all"])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", action="store_true", help="print mismatches (FP, FN, VAL) for development")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"no evaluation data at {SHARED}", file=sys.stderr)
        return 2
    splits = {"all": ["timebank", "aquaint", "meantime"], "tbaq": ["timebank", "aquaint"]}.get(args.split, [args.split])
    totals = Score()
    for split in splits:
        sc = evaluate(split, limit=args.limit, errors=args.errors)
        if split in ("timebank", "aquaint"):
            for f in ("gold", "system", "strict", "relaxed", "value", "type"):
                setattr(totals, f, getattr(totals, f) + getattr(sc, f))
    if totals.gold and len(splits) > 1:
        report("timebank+aquaint", totals, 0, 0.0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
