"""WARC files written by hand (gzip per record), read with FastWARC one record at a time."""
from __future__ import annotations

import gzip
import uuid

from click.testing import CliRunner

from http_fixtures import article
from newsevents.cli import main
from newsevents.sources import read_inputs

EN = [
    "The regional parliament in Velmora voted on Thursday to build a new tram line across the city.",
    "Supporters said the line would cut traffic on the crowded ring road and connect two hospitals.",
    "Opponents warned that the cost had doubled since the plan was first presented three years ago.",
    "Construction is expected to start next spring and to last for about four years, officials said.",
]
DE = [
    "Das Regionalparlament in Velmora hat am Donnerstag beschlossen, eine neue Straßenbahnlinie zu bauen.",
    "Befürworter sagten, die Linie werde den Verkehr auf der überfüllten Ringstraße deutlich verringern.",
    "Gegner warnten, dass sich die Kosten seit der ersten Vorstellung des Plans verdoppelt hätten.",
    "Der Bau soll im nächsten Frühjahr beginnen und etwa vier Jahre dauern, sagten die Behörden.",
]


def record(url: str, body: bytes, *, ctype: str = "text/html; charset=utf-8", status: str = "200 OK",
           date: str = "2024-03-05T10:00:00Z", wtype: str = "response") -> bytes:
    http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    head = (
        f"WARC/1.0\r\nWARC-Type: {wtype}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\nWARC-Date: {date}\r\n"
        f"WARC-Target-URI: {url}\r\nContent-Type: application/http; msgtype={wtype}\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n")


def warcinfo() -> bytes:
    body = b"software: newsevents-tests\r\n"
    head = (f"WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"WARC-Date: 2024-03-05T10:00:00Z\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    return gzip.compress(head + body + b"\r\n\r\n")


def make_warc(path, *, truncated: bool = False) -> None:
    parts = [
        warcinfo(),
        record("https://velmora.example/tram", article("Velmora votes for tram line", EN).encode()),
        record("https://velmora.example/de/tram", article("Straßenbahn", DE, lang="de").encode()),
        record("https://velmora.example/logo.png", b"\x89PNG\r\n\x1a\n", ctype="image/png"),
        record("https://velmora.example/old", b"", status="301 Moved Permanently"),
        record("https://velmora.example/menu", b"<html><body><nav>Home</nav></body></html>"),
        record("https://velmora.example/tram-dated", article("Tram line approved", EN[1:] + EN[:1],
                                                             date="2024-03-01").encode(), date="2024-03-09T00:00:00Z"),
    ]
    data = b"".join(parts)
    if truncated:
        data += record("https://velmora.example/cut", article("Cut", EN).encode())[:60]
    path.write_bytes(data)


def test_records_stream_with_url_dates_and_reasons(tmp_path):
    warc = tmp_path / "news.warc.gz"
    make_warc(warc, truncated=True)
    docs = list(read_inputs([str(warc)]))
    good = [d for d in docs if d.error is None]
    bad = {d.meta.get("url"): d.error.code for d in docs if d.error is not None}
    assert [d.meta["url"] for d in good] == ["https://velmora.example/tram", "https://velmora.example/tram-dated"]
    assert good[0].meta["published"] == "2024-03-05"  # no date on the page: WARC-Date
    assert good[1].meta["published"] == "2024-03-01"  # the page's own date wins over the crawl date
    assert good[0].format == "warc" and good[0].text.count("tram line") >= 1
    assert bad["https://velmora.example/de/tram"] == "E016"  # German page: clear reason
    assert bad["https://velmora.example/menu"] == "E006"
    assert "E024" in bad.values() or any(d.error and d.error.code == "E024" for d in docs)  # truncated tail
    assert len({d.key for d in docs}) == len(docs)


def test_cli_ingests_a_warc_and_reingest_adds_nothing(tmp_path):
    warc = tmp_path / "cc-news.warc.gz"
    make_warc(warc)
    db = str(tmp_path / "w.db")
    first = CliRunner().invoke(main, ["ingest", str(warc), "--db", db, "-q"])
    assert first.exit_code == 0 and "stored 2, unchanged 0, rejected 2" in first.output, first.output
    assert "[E016]" in first.output and "Traceback" not in first.output
    again = CliRunner().invoke(main, ["ingest", str(warc), "--db", db, "-q"])
    assert "stored 0, unchanged 2, rejected 2" in again.output
    rej = CliRunner().invoke(main, ["rejections", "--db", db, "--format", "csv"])
    assert rej.output.count("\n") == 3  # header + two rejections, not four
    arts = CliRunner().invoke(main, ["stories", "--db", db, "--format", "json"])
    import json

    stories = json.loads(arts.output)
    assert len(stories) == 1 and stories[0]["num_articles"] == 2  # the same story, twice


def test_plain_warc_and_garbage(tmp_path):
    plain = tmp_path / "plain.warc"
    plain.write_bytes(gzip.decompress(record("https://velmora.example/tram", article("Tram", EN).encode())))
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(b"this is not a warc file at all\n" * 10)
    docs = list(read_inputs([str(plain), str(junk), str(tmp_path / "missing.warc")]))
    assert docs[0].error is None and docs[0].meta["url"] == "https://velmora.example/tram"
    assert [d.error.code for d in docs[1:]] == ["E024", "E001"]
