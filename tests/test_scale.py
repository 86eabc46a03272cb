"""Distributed ingestion on a real Dask LocalCluster, resuming, and exports."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsevents.demo import sample_dir
from newsevents.store import Store

pytest.importorskip("distributed")


def _inputs(tmp: Path, n_extra: int = 0) -> Path:
    src = tmp / "in"
    src.mkdir()
    for name in ("wire.jsonl", "page.html", "republished.txt"):
        shutil.copy(sample_dir() / name, src / name)
    for i in range(n_extra):
        (src / f"brief{i}.txt").write_text(
            f"Officials in Kyiv said on Monday that talks with Warsaw on grain transit would resume in week {i + 2}.",
            encoding="utf-8")
    (src / "broken.txt").write_bytes(b"\x00\x01\x02" * 40)
    return src


def test_local_cluster_ingest_resume_and_no_duplicates(tmp_path, nlp):
    from newsevents.scale import ingest_distributed

    src = _inputs(tmp_path)
    work = tmp_path / "work"
    loaded: list[str] = []
    with Store(str(tmp_path / "s.db")) as store:
        first = ingest_distributed(store, [str(src)], workers=2, workdir=work, progress=False,
                                   on_partition=loaded.append)
        assert (first.stored, first.rejected) == (4, 1)
        assert len(loaded) == 4  # one partition per file
        again = ingest_distributed(store, [str(src)], workers=2, workdir=work, progress=False,
                                   on_partition=loaded.append)
        assert (again.stored, again.unchanged, again.rejected) == (0, 4, 1)
        assert len(loaded) == 4  # finished partitions are not processed again
        counts = store.counts()
        assert counts["documents"] == 4 and counts["rejections"] == 1


def test_killed_run_resumes_without_loss(tmp_path, nlp):
    src = _inputs(tmp_path, n_extra=4)
    work = tmp_path / "work"
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "newsevents.cli", "ingest", str(src), "--db", str(db), "--workers", "1",
           "--workdir", str(work), "-q", "--published", "2022-02-08"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    parts = work / "partitions"
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if parts.exists() and len(list(parts.glob("*.parquet"))) >= 2:
            break
        time.sleep(0.2)
    proc.kill()
    proc.wait(timeout=30)
    done_before = len(list(parts.glob("*.parquet")))
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    with Store(str(db)) as store:
        counts = store.counts()
    assert counts["documents"] == 8  # 4 sample documents + 4 briefs, each once
    assert counts["rejections"] == 1
    assert done_before >= 1


def test_exports(tmp_path, nlp):
    from click.testing import CliRunner

    from newsevents.cli import main
    from newsevents.export import GDELT_COLUMNS

    db = str(tmp_path / "e.db")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(sample_dir() / "wire.jsonl"), "--db", db, "-q"]).exit_code == 0
    gd = runner.invoke(main, ["export", "--db", db, "--format", "gdelt"])
    assert gd.exit_code == 0, gd.output
    lines = [ln for ln in gd.output.splitlines() if ln]
    assert lines and all(len(ln.split("\t")) == len(GDELT_COLUMNS) == 61 for ln in lines)
    first = dict(zip(GDELT_COLUMNS, lines[0].split("\t")))
    assert first["GLOBALEVENTID"].isdigit() and len(first["SQLDATE"]) == 8
    assert first["EventRootCode"] == first["EventCode"][:2]
    js = [json.loads(x) for x in runner.invoke(main, ["export", "--db", db, "--table", "quotes", "--format", "jsonl"]).output.splitlines()]
    cs = list(csv.DictReader(io.StringIO(runner.invoke(main, ["export", "--db", db, "--table", "quotes", "--format", "csv"]).output)))
    assert js and len(js) == len(cs) and {"speaker_name", "text", "doc_id"} <= set(js[0])
    out = tmp_path / "ev.parquet"
    assert runner.invoke(main, ["export", "--db", db, "--format", "parquet", "--out", str(out)]).exit_code == 0
    import pyarrow.parquet as pq

    t = pq.read_table(out)
    assert t.num_rows == len(lines) and t.schema.field("cameo").type == "string"
    bad = runner.invoke(main, ["export", "--db", db, "--format", "gdelt", "--table", "quotes"])
    assert bad.exit_code == 2 and "gdelt" in bad.output
