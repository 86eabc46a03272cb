"""Reading inputs: formats, sniffing and clear rejections for bad input."""
from __future__ import annotations

import json

import pytest

from newsevents.errors import NewsEventsError
from newsevents.sources import decode, read_inputs, sniff


def test_decode_utf8_cp1252_and_binary():
    assert decode("Kyiv – talks".encode("utf-8")) == "Kyiv – talks"
    assert decode("caf\xe9 talks".encode("cp1252")) == "café talks"
    with pytest.raises(NewsEventsError) as err:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert err.value.code == "E003"


def test_sniff():
    assert sniff("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff('{"text": "a"}\n{"text": "b"}') == "jsonl"
    assert sniff("Plain news text.") == "text"


def test_folder_recursion_formats_and_rejections(tmp_path):
    (tmp_path / "a.txt").write_text("The talks resumed on Monday.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text(
        json.dumps({"text": "Troops left the town.", "published": "2022-03-01", "outlet": "Wire"}) + "\n"
        + "{not json\n" + json.dumps({"title": "no body"}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / ".hidden.txt").write_text("skip me", encoding="utf-8")
    docs = list(read_inputs([str(tmp_path)]))
    by = {(d.path.split("/")[-1], d.line): d for d in docs}
    assert set(by) == {("a.txt", None), ("b.jsonl", 1), ("b.jsonl", 2), ("b.jsonl", 3), ("empty.txt", None), ("blob.txt", None)}
    assert by[("a.txt", None)].text.startswith("The talks")
    assert by[("b.jsonl", 1)].meta == {"published": "2022-03-01", "outlet": "Wire"}
    assert by[("b.jsonl", 2)].error.code == "E007"
    assert by[("b.jsonl", 3)].error.code == "E008"
    assert by[("empty.txt", None)].error.code == "E002"
    assert by[("blob.txt", None)].error.code == "E003"
    assert len({d.key for d in docs}) == len(docs)


def test_missing_and_oversized_files(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, encoding="utf-8")
    docs = list(read_inputs([str(tmp_path / "nope.txt"), str(big)], max_bytes=100))
    assert [d.error.code for d in docs] == ["E001", "E005"]


def test_html_article_extraction():
    from newsevents.demo import sample_dir
    from newsevents.sources import html_to_text

    meta = html_to_text((sample_dir() / "page.html").read_text(encoding="utf-8"))
    assert meta["title"] == "EU ministers discuss sanctions on Belarus"
    assert meta["published"] == "2022-02-10"
    assert "potash" in meta["text"]
    assert "Share this article" not in meta["text"] and "Subscribe" not in meta["text"]


def test_html_without_article_is_rejected():
    from newsevents.sources import html_to_text

    with pytest.raises(NewsEventsError) as err:
        html_to_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert err.value.code == "E006"
