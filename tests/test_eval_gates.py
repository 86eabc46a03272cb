"""Evaluation gates: minimum scores on fingerprinted development sets.

Each gate runs an ``eval/`` script on a slice of a development set in ../shared and
fails when a score drops below its floor, so a change that makes quotes, time or
events worse cannot land quietly. The floors sit a little under the scores measured
when they were set (see the closing notes); raise them as the coders improve. Each
gold set is fingerprinted: if its files change, the floors no longer mean anything and
the gate says so. Skips when ../shared is absent.
"""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FINGERPRINTS = {
    "polnear": ("polnear", "*", "dba95f2d93f17cfd8e3f9c985fe3b8efeff9b5118d5c7ef82aa267216c272ebd"),
    "timebank": ("timebank/TBAQ-cleaned", "*.tml", "de751e3d0fda41fcb754e7eb770d25005bdb0c586f758f6ae6562c6cfbf46b89"),
    "meantime": ("meantime", "*", "bb524c3822f7f53e0da1bc5ceaef67bf88bad5f31597fc776357203dc31ab29c"),
    "plover": ("plover", "PLOVER_GSR_CAMEO.txt", "d8831e8473480148a12ee853db3ae221a104564853c79c3d4669aa6bad263e23"),
    "conflibert": ("conflibert/cameo_class", "train.tsv", "3f3fbb499389e4612aec917d884a5d5783ecbacfdbb43efb6ab6127c6094292b"),
}


def fingerprint(data: Path, folder: str, pattern: str) -> str:
    h = hashlib.sha256()
    for p in sorted(q for q in (data / folder).rglob(pattern) if q.is_file()):
        h.update(str(p.relative_to(data)).encode())
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def run_eval(*args: str, timeout: int = 600) -> str:
    res = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    return res.stdout


def figure(pattern: str, text: str) -> float:
    m = re.search(pattern, text)
    assert m, f"figure {pattern!r} not in output:\n{text[-1500:]}"
    return float(m.group(1))


@pytest.mark.parametrize("name", sorted(FINGERPRINTS))
def test_gold_sets_are_the_fingerprinted_ones(shared_dir, name):
    folder, pattern, digest = FINGERPRINTS[name]
    got = fingerprint(shared_dir / "data", folder, pattern)
    assert got == digest, f"the {name} development set changed: re-measure and update the gates' floors"


def test_quote_gate(shared_dir, nlp):
    # the whole dev split (84 articles, ~20 s to parse): the targets are its floors
    out = run_eval("eval/quotes.py", "--seed")
    assert figure(r"quotes\s+P=[\d.]+ R=[\d.]+ F1=([\d.]+)", out) >= 0.85
    assert figure(r"speaker accuracy=([\d.]+)", out) >= 0.90
    assert figure(r"direct\s+P=[\d.]+ R=[\d.]+ F1=([\d.]+)", out) >= 0.96
    assert "seed: 21/21" in out


def test_time_gate(shared_dir, nlp):
    tb = run_eval("eval/time.py", "--split", "timebank", "--limit", "40")
    assert figure(r"value\s+P [\d.]+ R [\d.]+ F1 ([\d.]+)", tb) >= 0.80
    assert figure(r"relaxed P [\d.]+ R [\d.]+ F1 ([\d.]+)", tb) >= 0.90
    mt = run_eval("eval/time.py", "--split", "meantime")
    assert figure(r"value\s+P [\d.]+ R [\d.]+ F1 ([\d.]+)", mt) >= 0.76


def test_event_gate(shared_dir, nlp):
    out = run_eval("eval/events.py")
    assert figure(r"full triple\s+P ([\d.]+)", out) >= 0.85
    assert figure(r"full triple\s+P [\d.]+\s+R ([\d.]+)", out) >= 0.69
    assert figure(r"false events \(roots 03-20\) per 100 label-0 sentences\s+([\d.]+)", out) <= 5.0
