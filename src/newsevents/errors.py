"""One catalogue of error codes, so a rejected document always says why in a stable way."""
from __future__ import annotations

from enum import Enum


class E(str, Enum):
    """Error codes. The value is the message template; the name is the stable code."""

    E001 = "file not found: {path}"
    E002 = "empty document: no text after cleaning"
    E003 = "binary content: not a text, HTML or JSON Lines document"
    E004 = "undecodable bytes: not UTF-8 nor a known legacy encoding"
    E005 = "document too large: {size} bytes over the limit of {limit}"
    E006 = "HTML without article text"
    E007 = "JSON Lines record is not valid JSON: {detail}"
    E008 = "JSON Lines record has neither 'text' nor 'html'"
    E009 = "invalid publication date: {value!r} (expected YYYY-MM-DD)"
    E010 = "unsupported input format: {detail}"
    E011 = "processing failed: {detail}"
    E012 = "spaCy pipeline {name!r} is not installed"
    E013 = "invalid database URL: {url}"
    E014 = "unreadable input: {detail}"
    E015 = "could not store the document: {detail}"
    E016 = "not an English document: language {lang!r}"
    E017 = "refused to fetch {url}: {host} resolves to a private or loopback address ({ip}); use --allow-private"
    E018 = "fetch failed: {url}: {detail}"
    E019 = "HTTP status {status} for {url}"
    E020 = "disallowed by robots.txt: {url}"
    E021 = "too many redirects (over {limit}) from {url}"
    E022 = "invalid or unsupported URL: {url}"
    E023 = "not a readable RSS/Atom feed: {detail}"
    E024 = "unreadable WARC record: {detail}"
    E025 = "cannot connect to the database {url}: {detail}"


class NewsEventsError(Exception):
    """An expected failure with a catalogue code (never shown as a traceback)."""

    def __init__(self, code: E, **kwargs: object) -> None:
        self.code = code.name
        self.message = code.value.format(**kwargs)
        super().__init__(f"[{self.code}] {self.message}")


class RejectedInput(NewsEventsError):
    """A document that cannot be processed; it is recorded as rejected, never dropped."""
