"""Scale-out ingestion on a Dask cluster.

Work is partitioned per input file (a WARC is one partition). Each task runs on
a worker process, which loads the spaCy pipeline once (``nlp.load`` is cached per
process), and writes its results to one Parquet file per partition — written to
a temporary name and renamed, so a partition file is either complete or absent.
The client then loads partition files into the store, which is the only writer.

Resuming: a partition is named by a hash of the file's path, size and mtime, so
a re-run (after a killed run) skips partitions already written; a killed worker's
task is retried by Dask on another worker. Loading is idempotent (documents are
keyed by content hash, rejections by input identity): no loss, no duplicates.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Callable, Iterable

from .ingest import Summary
from .sources import iter_paths

DEFAULT_WORKDIR = ".newsevents-work"
PARTITION_SCHEMA = ("kind", "input_key", "path", "line", "format", "doc_json", "code", "reason")


def partition_id(path: str) -> str:
    """Names one file's results: its identity plus the pipeline's coder versions, so
    results of an older pipeline are not reused."""
    from . import __version__
    from .pipeline import coder_versions

    st = os.stat(path)
    coders = ",".join(sorted(coder_versions().values()))
    ident = f"{os.path.abspath(path)}\0{st.st_size}\0{st.st_mtime_ns}\0{__version__}\0{coders}"
    return hashlib.sha256(ident.encode("utf-8")).hexdigest()[:20]


def process_partition(path: str, out_dir: str, published: str | None = None) -> str:
    """Run on a worker: process every document of one input file into a Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .core import parse_date, process
    from .sources import env_max_bytes, read_path

    Path(out_dir).mkdir(parents=True, exist_ok=True)
    out = Path(out_dir) / f"{partition_id(path)}.parquet"
    if out.exists():
        return str(out)
    pub = parse_date(published)
    rows: dict[str, list] = {k: [] for k in PARTITION_SCHEMA}
    for raw in read_path(path, max_bytes=env_max_bytes()):
        res = process(raw, published=pub)
        rec = {
            "kind": "document" if res.ok else "rejected", "input_key": raw.key, "path": raw.path,
            "line": raw.line, "format": raw.format,
            "doc_json": json.dumps(res.document.to_json(), ensure_ascii=False) if res.ok else None,
            "code": res.code, "reason": res.reason,
        }
        for k in PARTITION_SCHEMA:
            rows[k].append(rec[k])
    table = pa.table(rows, schema=pa.schema([
        ("kind", pa.string()), ("input_key", pa.string()), ("path", pa.string()), ("line", pa.int64()),
        ("format", pa.string()), ("doc_json", pa.large_string()), ("code", pa.string()), ("reason", pa.string()),
    ]))
    tmp = out.with_name(out.name + f".{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    tmp.replace(out)  # atomic: a partition file is complete or absent
    return str(out)


def load_partition(store, part: str, summary: Summary) -> None:
    """Load one partition file into the store (idempotent)."""
    import pyarrow.parquet as pq

    from .errors import E
    from .model import document_from_json

    retry = False
    for rec in pq.read_table(part).to_pylist():
        retry = retry or rec["code"] == E.E011.name
        if rec["kind"] == "document":
            try:
                status = store.put(document_from_json(json.loads(rec["doc_json"]))).status
            except Exception as exc:  # a storage failure rejects this document only
                rec = {**rec, "code": E.E015.name, "reason": E.E015.value.format(detail=f"{type(exc).__name__}: {exc}")}
                status = "rejected"
            if status == "stored":
                summary.stored += 1
            elif status == "unchanged":
                summary.unchanged += 1
        if rec["kind"] != "document" or rec["code"] == E.E015.name:
            summary.reject(store, input_key=rec["input_key"], path=rec["path"], line=rec["line"],
                           fmt=rec["format"], code=rec["code"], reason=rec["reason"])
    if retry:  # an internal failure may be transient or fixed later: process this file again next run
        Path(part).unlink(missing_ok=True)


def ingest_distributed(
    store,
    paths: Iterable[str],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    published: dt.date | None = None,
    workdir: str | Path = DEFAULT_WORKDIR,
    progress: bool = True,
    on_partition: Callable[[str], None] | None = None,
) -> Summary:
    """Ingest ``paths`` on a local Dask cluster of ``workers`` processes, or on ``scheduler``."""
    from dask.distributed import Client, LocalCluster, as_completed
    from tqdm import tqdm

    files = [p for p in iter_paths(paths)]
    if "-" in files:
        raise ValueError("distributed ingestion reads files, not standard input")
    missing = [p for p in files if not os.path.exists(p)]
    files = [p for p in files if os.path.exists(p)]
    out_dir = Path(workdir) / "partitions"
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = Summary()
    for p in missing:  # reading never happens for these: record them here
        from .sources import read_path

        for raw in read_path(p):
            summary.reject(store, input_key=raw.key, path=p, line=None, fmt=raw.format, code=raw.error.code,
                           reason=raw.error.message)

    done = {p: out_dir / f"{partition_id(p)}.parquet" for p in files}
    todo = [p for p, part in done.items() if not part.exists()]
    ready = [str(part) for p, part in done.items() if part.exists()]
    pub = published.isoformat() if published else None

    bar = tqdm(total=len(files), unit="file", disable=None if progress else True, delay=2.0)
    for part in ready:
        load_partition(store, part, summary)
        bar.update(1)
    if not todo:
        bar.close()
        return summary
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        if todo:
            futures = client.map(process_partition, todo, out_dir=str(out_dir.resolve()), published=pub,
                                 retries=2, pure=False)
            path_of = {f.key: p for f, p in zip(futures, todo)}
            for fut in as_completed(futures):
                try:
                    part = fut.result()
                except Exception as exc:  # the task failed on every retry: reject the file, go on
                    _reject_file(store, summary, path_of[fut.key], exc)
                    bar.update(1)
                    continue
                load_partition(store, part, summary)
                if on_partition:
                    on_partition(part)
                bar.update(1)
    finally:
        bar.close()
        client.close()
        if cluster is not None:
            cluster.close()
    return summary


def _reject_file(store, summary: Summary, path: str, exc: BaseException) -> None:
    from .errors import E, NewsEventsError

    err = NewsEventsError(E.E011, detail=f"{type(exc).__name__}: {exc}")
    summary.reject(store, input_key=f"{path}:partition", path=path, line=None, fmt=None, code=err.code,
                   reason=err.message)
