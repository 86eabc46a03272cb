"""Reading raw inputs: files, folders and stdin in text, HTML and JSON Lines.

Reading never raises for a bad document: each input becomes a :class:`RawDoc`,
and one that cannot be read carries its :class:`~newsevents.errors.NewsEventsError`
so the caller records it as rejected instead of losing it.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import E, NewsEventsError

MAX_BYTES = 5_000_000  # larger inputs are not news articles; refuse them with E005
TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
WARC_EXT = (".warc", ".warc.gz")
LANG_MIN_WORDS = 12  # below this the page's declared language decides
MIN_ARTICLE_WORDS = 5
JSONL_FIELDS = ("url", "title", "published", "outlet", "author")


@dataclass(frozen=True)
class RawDoc:
    """One input document before cleaning (or the reason it could not be read)."""

    key: str  # identity of the input (path, line and content hash): rejections are keyed by it
    path: str | None
    format: str  # text | html | jsonl
    text: str | None = None
    html: str | None = None
    line: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    error: NewsEventsError | None = None

    @property
    def input(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "format": self.format}
        if self.line is not None:
            out["line"] = self.line
        return out


def _key(path: str | None, line: int | None, data: bytes) -> str:
    h = hashlib.sha256(data).hexdigest()[:16]
    return f"{path or '-'}:{line or 0}:{h}"


def iter_paths(paths: Iterable[str]) -> Iterator[str]:
    """Expand folders recursively (sorted, hidden files skipped); ``-`` stays stdin."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for sub in sorted(path.rglob("*")):
                rel = sub.relative_to(path).parts
                if sub.is_file() and not any(part.startswith(".") for part in rel):
                    yield str(sub)
        else:
            yield p


def read_inputs(paths: Iterable[str], *, max_bytes: int = MAX_BYTES) -> Iterator[RawDoc]:
    """Every document of every path, in order."""
    for p in iter_paths(paths):
        yield from read_path(p, max_bytes=max_bytes)


def read_path(p: str, *, max_bytes: int = MAX_BYTES) -> Iterator[RawDoc]:
    if p == "-":
        data = sys.stdin.buffer.read()
        yield from read_bytes(data, path="-", fmt=None, max_bytes=max_bytes)
        return
    path = Path(p)
    if p.lower().endswith(WARC_EXT):
        from .warc import iter_warc

        yield from iter_warc(p, max_bytes=max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes and path.suffix.lower() not in JSONL_EXT:
            yield RawDoc(_key(p, None, str(size).encode()), p, _format_for(path), error=NewsEventsError(E.E005, size=size, limit=max_bytes))
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield RawDoc(_key(p, None, b""), p, _format_for(path), error=NewsEventsError(E.E001, path=p))
        return
    except OSError as exc:
        yield RawDoc(_key(p, None, b""), p, _format_for(path), error=NewsEventsError(E.E014, detail=str(exc)))
        return
    yield from read_bytes(data, path=p, fmt=_format_for(path), max_bytes=max_bytes)


def _format_for(path: Path) -> str | None:
    ext = path.suffix.lower()
    if ext in TEXT_EXT:
        return "text"
    if ext in HTML_EXT:
        return "html"
    if ext in JSONL_EXT:
        return "jsonl"
    return None


def read_bytes(data: bytes, *, path: str | None, fmt: str | None, max_bytes: int = MAX_BYTES) -> Iterator[RawDoc]:
    """Decode and split one input's bytes into documents (sniffing the format if unknown)."""
    key = _key(path, None, data)
    try:
        text = decode(data)
    except NewsEventsError as err:
        yield RawDoc(key, path, fmt or "text", error=err)
        return
    fmt = fmt or sniff(text)
    if fmt == "jsonl":
        yield from _jsonl_docs(text, path=path, max_bytes=max_bytes)
        return
    if len(data) > max_bytes:
        yield RawDoc(key, path, fmt, error=NewsEventsError(E.E005, size=len(data), limit=max_bytes))
    elif not text.strip():
        yield RawDoc(key, path, fmt, error=NewsEventsError(E.E002))
    elif fmt == "html":
        yield RawDoc(key, path, fmt, html=text)
    else:
        yield RawDoc(key, path, "text", text=text)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; binary content is refused."""
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NewsEventsError(E.E003)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise NewsEventsError(E.E004) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise NewsEventsError(E.E004) from exc
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:4096]) // 50):
        raise NewsEventsError(E.E003)
    return text


CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def decode_declared(data: bytes, content_type: str | None) -> str:
    """Bytes with a declared charset (an HTTP or WARC Content-Type), else :func:`decode`."""
    m = CHARSET_RE.search(content_type or "")
    if m:
        try:
            return data.decode(m.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def sniff(text: str) -> str:
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head or "<div" in head or "<p>" in head):
        return "html"
    lines = [ln for ln in text.splitlines() if ln.strip()][:5]
    if lines and all(ln.lstrip().startswith("{") for ln in lines):
        return "jsonl"
    return "text"


def _jsonl_docs(text: str, *, path: str | None, max_bytes: int) -> Iterator[RawDoc]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        raw = line.encode("utf-8")
        key = _key(path, n, raw)
        if len(raw) > max_bytes:
            yield RawDoc(key, path, "jsonl", line=n, error=NewsEventsError(E.E005, size=len(raw), limit=max_bytes))
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RawDoc(key, path, "jsonl", line=n, error=NewsEventsError(E.E007, detail=exc.msg))
            continue
        if not isinstance(rec, dict) or not (rec.get("text") or rec.get("html")):
            yield RawDoc(key, path, "jsonl", line=n, error=NewsEventsError(E.E008))
            continue
        meta = {k: rec[k] for k in JSONL_FIELDS if rec.get(k)}
        yield RawDoc(
            key, path, "jsonl", text=rec.get("text") or None, html=rec.get("html") if not rec.get("text") else None,
            line=n, meta=meta,
        )


def html_to_text(html: str, *, url: str | None = None, english_only: bool = True) -> dict[str, Any]:
    """Main text and metadata of an article page through trafilatura (dates via htmldate).

    Returns text, title, author, published (YYYY-MM-DD), outlet, url (the page's canonical
    URL when it declares one, else ``url``) and language (ISO 639-1).  A page without
    article text raises E006; a non-English page raises E016 unless ``english_only=False``.
    """
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise NewsEventsError(E.E006)
    declared = declared_language(tree)
    # No ``deduplicate``: its cache is process-wide, so a page seen twice would lose its text.
    result = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
    )
    text = getattr(result, "text", None) if result is not None else None
    # trafilatura falls back to any visible text (a menu's "Home"); that is not an article.
    if not text or len(text.split()) < MIN_ARTICLE_WORDS:
        raise NewsEventsError(E.E006)
    language = detect_language(text, declared=declared)
    if english_only and language not in (None, "en"):
        raise NewsEventsError(E.E016, lang=language)
    published = getattr(result, "date", None)
    if not published:
        try:
            from htmldate import find_date

            published = find_date(html, url=url, original_date=True)
        except Exception:  # htmldate is best effort; a missing date is not an error
            published = None
    canonical = getattr(result, "url", None)
    if canonical and not canonical.lower().startswith(("http://", "https://")):
        canonical = None  # a relative or odd canonical link is no better than the fetch URL
    return {
        "text": text,
        "title": getattr(result, "title", None),
        "author": getattr(result, "author", None),
        "published": (published or None) and str(published)[:10],
        "outlet": getattr(result, "sitename", None),
        "url": canonical or url,
        "language": language,
    }


def declared_language(tree: Any) -> str | None:
    """The language a page declares: ``<html lang>``, ``content-language`` or ``og:locale``."""
    try:
        root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
        values = [root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")]
        values += root.xpath('//meta[translate(@http-equiv,"CONTENTLANGUAGE","contentlanguage")="content-language"]/@content')
        values += root.xpath('//meta[@property="og:locale"]/@content')
    except Exception:
        return None
    for v in values:
        if v and v.strip():
            return v.strip().replace("_", "-").split("-")[0].lower()[:3] or None
    return None


def detect_language(text: str, *, declared: str | None = None) -> str | None:
    """ISO 639-1 code of ``text`` (py3langid); short texts fall back to the declared language."""
    if len(text.split()) < LANG_MIN_WORDS:
        return declared
    try:
        import py3langid

        lang, _ = py3langid.classify(text[:3000])
    except Exception:  # language identification is best effort
        return declared
    return lang


def html_record(
    html: str, *, key: str, path: str | None, fmt: str, url: str | None = None, line: int | None = None,
    fallback_date: str | None = None, meta: dict[str, Any] | None = None,
) -> RawDoc:
    """Extract an HTML page now (trafilatura) into a text :class:`RawDoc` carrying its metadata.

    Used for pages from WARC files, feeds and URLs, where the page's canonical URL and
    date must win over the fetch URL, and a crawl date (``fallback_date``) is used only when
    the page has none.  Failures become the RawDoc's error, never an exception.
    """
    try:
        info = html_to_text(html, url=url)
    except NewsEventsError as err:
        return RawDoc(key, path, fmt, line=line, meta={"url": url} if url else {}, error=err)
    except Exception as exc:  # a page that breaks the extractor is one rejection, not a crash
        return RawDoc(key, path, fmt, line=line, error=NewsEventsError(E.E011, detail=f"{type(exc).__name__}: {exc}"))
    out = {k: info[k] for k in JSONL_FIELDS if info.get(k)}
    if not out.get("published") and fallback_date:
        out["published"] = fallback_date[:10]
    for k, v in (meta or {}).items():  # e.g. a feed's title/date when the page has none
        if v and not out.get(k):
            out[k] = v
    return RawDoc(key, path, fmt, text=info["text"], line=line, meta=out)


def env_max_bytes() -> int:
    try:
        return int(os.environ.get("NEWSEVENTS_MAX_BYTES", MAX_BYTES))
    except ValueError:
        return MAX_BYTES
