"""WARC files (CC-NEWS style, gzip per record) through FastWARC, one record at a time.

Only ``response`` records whose HTTP payload is HTML become documents; each is
extracted with trafilatura at once (:func:`newsevents.sources.html_record`), so the
page's canonical URL and date win and ``WARC-Date`` is used only as a fallback date.
A damaged record is a rejection (E024), never the end of the file: records are
streamed, so memory does not grow with the size of the archive.
"""
from __future__ import annotations

import hashlib
from typing import Iterator

from .errors import E, NewsEventsError
from .sources import MAX_BYTES, RawDoc, decode_declared, html_record

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _key(path: str, n: int, record_id: str | None) -> str:
    h = hashlib.sha256((record_id or str(n)).encode()).hexdigest()[:16]
    return f"{path}:{n}:{h}"


def iter_warc(path: str, *, max_bytes: int = MAX_BYTES, extract: bool = True) -> Iterator[RawDoc]:
    """Every HTML response of a WARC file as a RawDoc (``line`` is the record number).

    With ``extract=False`` the RawDoc carries the raw HTML instead (for benchmarks of the
    reader alone).
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    try:
        stream = open(path, "rb")
    except FileNotFoundError:
        yield RawDoc(f"{path}:0:", path, "warc", error=NewsEventsError(E.E001, path=path))
        return
    except OSError as exc:
        yield RawDoc(f"{path}:0:", path, "warc", error=NewsEventsError(E.E014, detail=str(exc)))
        return
    n = 0
    last_pos = 0
    with stream:
        records = ArchiveIterator(stream, parse_http=True)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except Exception as exc:  # a truncated gzip member ends the readable part of the file
                n += 1
                yield RawDoc(_key(path, n, None), path, "warc", line=n,
                             error=NewsEventsError(E.E024, detail=f"{type(exc).__name__}: {exc}"))
                return
            last_pos = record.stream_pos
            if record.record_type != WarcRecordType.response:
                continue
            n += 1
            doc = _record_doc(record, path, n, max_bytes, extract)
            if doc is not None:
                yield doc
    if path.lower().endswith(".gz"):
        problem = _gzip_tail_problem(path, last_pos)
        if problem:  # FastWARC stops quietly at a truncated member: say so, never lose it silently
            yield RawDoc(_key(path, n + 1, f"tail@{last_pos}"), path, "warc", line=n + 1,
                         error=NewsEventsError(E.E024, detail=problem))
            return
    if n == 0:
        yield RawDoc(_key(path, 0, None), path, "warc",
                     error=NewsEventsError(E.E024, detail="no WARC response records in the file"))


def _record_doc(record, path: str, n: int, max_bytes: int, extract: bool) -> RawDoc | None:
    try:
        headers = record.headers
        record_id = headers.get("WARC-Record-ID")
        url = headers.get("WARC-Target-URI")
        date = headers.get("WARC-Date")
        key = _key(path, n, record_id)
        http = record.http_headers
        if http is None:
            return RawDoc(key, path, "warc", line=n, meta={"url": url} if url else {},
                          error=NewsEventsError(E.E024, detail="response record without HTTP headers"))
        ctype = (http.get("Content-Type") or "").lower()
        if ctype and not ctype.startswith(HTML_TYPES):
            return None  # images, scripts, PDFs: not articles, and not an error either
        status = http.status_code
        if status and status != 200:
            return None  # redirects and errors the crawler recorded are not articles
        data = record.reader.read(max_bytes + 1)
    except Exception as exc:
        return RawDoc(_key(path, n, None), path, "warc", line=n,
                      error=NewsEventsError(E.E024, detail=f"{type(exc).__name__}: {exc}"))
    if len(data) > max_bytes:
        return RawDoc(key, path, "warc", line=n, error=NewsEventsError(E.E005, size=len(data), limit=max_bytes))
    try:
        html = decode_declared(data, ctype)
    except NewsEventsError as err:
        return RawDoc(key, path, "warc", line=n, error=err)
    if not html.strip():
        return RawDoc(key, path, "warc", line=n, error=NewsEventsError(E.E002))
    if not extract:
        return RawDoc(key, path, "warc", html=html, line=n, meta={"url": url})
    return html_record(html, key=key, path=path, fmt="warc", url=url, line=n, fallback_date=date)


def _gzip_tail_problem(path: str, offset: int) -> str | None:
    """Check the gzip members from the last record read to the end of the file.

    Only the tail is decompressed, so the cost does not grow with the archive.
    """
    import zlib

    with open(path, "rb") as f:
        f.seek(offset)
        pos, pending, started = offset, b"", False
        d = zlib.decompressobj(wbits=31)
        while True:
            chunk = pending or f.read(1 << 16)
            pending = b""
            if not chunk:
                break
            started = True
            try:
                d.decompress(chunk)
            except zlib.error as exc:
                return f"corrupt gzip data after byte {pos}: {exc}"
            if d.eof:  # one member done; the next one starts in its unused data
                pending, started = d.unused_data, False
                pos = f.tell() - len(pending)
                d = zlib.decompressobj(wbits=31)
    if started:
        return f"truncated gzip member at byte {pos} (the file ends inside a record)"
    return None


