"""A real HTTP server on loopback for fetch and feed tests (http.server in a thread).

Routes map a path to a function ``(handler) -> None`` that writes the response, or to a
``Page`` (status, body, headers; conditional GET handled by ETag/Last-Modified).
Every request is logged as ``(path, headers)`` so tests can see what was sent.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


@dataclass
class Page:
    body: bytes | str
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class Server:
    def __init__(self) -> None:
        self.routes: dict[str, Page | Callable] = {}
        self.log: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                server.log.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = server.routes.get(self.path)
                if route is None:
                    return self.send(Page(b"not found", status=404, content_type="text/plain"))
                if callable(route):
                    return route(self)
                self.send(route)

            def send(self, page: Page) -> None:
                if page.etag and self.headers.get("If-None-Match") == page.etag or (
                    page.last_modified and self.headers.get("If-Modified-Since") == page.last_modified
                ):
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = page.body.encode("utf-8") if isinstance(page.body, str) else page.body
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Content-Length", str(len(body)))
                if page.etag:
                    self.send_header("ETag", page.etag)
                if page.last_modified:
                    self.send_header("Last-Modified", page.last_modified)
                for k, v in page.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.log if p == path)

    def __enter__(self) -> "Server":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def slow(seconds: float) -> Callable:
    def handler(h) -> None:
        time.sleep(seconds)
        try:
            h.send(Page("<html><body><p>late</p></body></html>"))
        except OSError:
            pass
    return handler


def broken(h) -> None:
    """Promise a body, send half of it and hang up."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "5000")
    h.end_headers()
    h.wfile.write(b"<html><body><p>cut")
    h.wfile.flush()
    h.close_connection = True
    h.connection.shutdown(2)


def flaky(fails: int, page: Page, status: int = 503) -> Callable:
    """Fail ``fails`` times with ``status``, then serve ``page``."""
    state = {"n": 0}

    def handler(h) -> None:
        state["n"] += 1
        if state["n"] <= fails:
            h.send(Page(b"busy", status=status, content_type="text/plain"))
        else:
            h.send(page)
    return handler


def redirect(location: str, status: int = 302) -> Callable:
    def handler(h) -> None:
        h.send_response(status)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()
    return handler


def article(title: str, paragraphs: list[str], *, lang: str = "en", canonical: str | None = None,
            date: str | None = None, author: str | None = None) -> str:
    head = f"<title>{title}</title>"
    if canonical:
        head += f'<link rel="canonical" href="{canonical}">'
    if date:
        head += f'<meta property="article:published_time" content="{date}">'
    if author:
        head += f'<meta name="author" content="{author}">'
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"><head>{head}</head><body><nav><a href="/">Home</a></nav>'
            f"<article><h1>{title}</h1>{body}</article><footer>Copyright Example</footer></body></html>")
