"""Fetching pages and feeds over HTTP(S) with httpx, politely and safely.

- timeouts (per read and for the whole fetch), a size limit, retries with exponential
  backoff on timeouts, connection errors, 429 and 5xx (``Retry-After`` honoured, capped);
- a polite per-host rate limit and robots.txt (``urllib.robotparser``, cached per host);
- redirects followed by hand (at most ``max_redirects``), each hop checked again;
- conditional GET: ``If-None-Match``/``If-Modified-Since`` from validators the caller keeps
  (the store's ``http_cache``), so a re-poll fetches only what changed (304);
- refusal of private, loopback, link-local and other non-public addresses unless
  ``allow_private=True``: every hostname is resolved and every address checked, on every
  hop, so a feed cannot make the server fetch internal URLs.  The check is made again
  when the socket connects (our own httpcore network backend connects to the address it
  has just checked), so a DNS answer that changes between check and connect (DNS
  rebinding) cannot reach an internal address either.

Nothing raises for a bad URL or a bad server: :meth:`Fetcher.fetch` returns a
:class:`FetchResult` whose ``error`` carries the catalogue code.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from . import __version__
from .errors import E, NewsEventsError
from .sources import MAX_BYTES

USER_AGENT = f"newsevents/{__version__} (+https://pypi.org/project/newsevents/)"
RETRY_STATUS = {429, 500, 502, 503, 504}
REDIRECT_STATUS = {301, 302, 303, 307, 308}
MAX_RETRY_AFTER = 30.0


@dataclass
class FetchResult:
    url: str  # as asked for (the cache key)
    final_url: str | None = None  # after redirects
    status: int | None = None
    content: bytes | None = None
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    error: NewsEventsError | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200


class Fetcher:
    """One polite HTTP client. Use as a context manager, or call :meth:`close`.

    ``validators(url) -> {"etag", "last_modified"} | None`` supplies the conditional-GET
    validators remembered from an earlier fetch (e.g. ``Store.http_validators``).
    """

    def __init__(
        self, *, allow_private: bool = False, timeout: float = 10.0, total_timeout: float = 60.0,
        max_bytes: int = MAX_BYTES, retries: int = 2, backoff: float = 0.5, min_interval: float = 1.0,
        max_redirects: int = 5, respect_robots: bool = True, user_agent: str = USER_AGENT,
        validators: Callable[[str], dict[str, Any] | None] | None = None, transport: Any = None,
    ) -> None:
        self.allow_private = allow_private
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.min_interval = min_interval
        self.max_redirects = max_redirects
        self.respect_robots = respect_robots
        self.user_agent = user_agent
        self.validators = validators
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser] = {}
        if transport is None and not allow_private:
            transport = _public_only_transport()
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout), follow_redirects=False, headers={"User-Agent": user_agent},
            transport=transport, trust_env=False,
        )

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # --- public ---------------------------------------------------------------------------

    def fetch(self, url: str, *, conditional: bool = True, robots: bool = True) -> FetchResult:
        """GET ``url`` (following redirects safely); never raises."""
        res = FetchResult(url)
        headers: dict[str, str] = {}
        if conditional and self.validators is not None:
            v = self.validators(url) or {}
            if v.get("etag"):
                headers["If-None-Match"] = v["etag"]
            if v.get("last_modified"):
                headers["If-Modified-Since"] = v["last_modified"]
        deadline = time.monotonic() + self.total_timeout
        current = url
        try:
            for _hop in range(self.max_redirects + 1):
                self.check_url(current)
                if robots and self.respect_robots and not self.allowed_by_robots(current):
                    raise NewsEventsError(E.E020, url=current)
                status, resp_headers, body = self._get(current, headers, deadline)
                if status in REDIRECT_STATUS and resp_headers.get("location"):
                    current = urljoin(current, resp_headers["location"])
                    continue
                res.final_url, res.status = current, status
                res.content_type = resp_headers.get("content-type", "")
                res.etag, res.last_modified = resp_headers.get("etag"), resp_headers.get("last-modified")
                if status == 304:
                    return res
                if status != 200:
                    raise NewsEventsError(E.E019, status=status, url=current)
                res.content = body
                return res
            raise NewsEventsError(E.E021, limit=self.max_redirects, url=url)
        except NewsEventsError as err:
            res.error = err
        except Exception as exc:  # never a traceback for one URL
            res.error = NewsEventsError(E.E018, url=current, detail=f"{type(exc).__name__}: {exc}")
        return res

    def check_url(self, url: str) -> None:
        """Raise E022 for a malformed URL, E017 for a non-public address (unless allowed)."""
        try:
            parts = urlsplit(url)
            host, port = parts.hostname, parts.port
        except ValueError as exc:
            raise NewsEventsError(E.E022, url=url) from exc
        if parts.scheme not in ("http", "https") or not host:
            raise NewsEventsError(E.E022, url=url)
        if self.allow_private:
            return
        for ip in resolve(host, port or (443 if parts.scheme == "https" else 80), url):
            if not is_public(ip):
                raise NewsEventsError(E.E017, url=url, host=host, ip=str(ip))

    def allowed_by_robots(self, url: str) -> bool:
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        rp = self._robots.get(base)
        if rp is None:
            rp = RobotFileParser(base + "/robots.txt")
            r = self.fetch(base + "/robots.txt", conditional=False, robots=False)
            if r.ok and r.content is not None:
                rp.parse(r.content.decode("utf-8", "replace").splitlines())
            elif r.error is not None and r.error.code == "E019" and r.status in (401, 403):
                rp.disallow_all = True
            else:  # no robots.txt (404) or unreachable: everything is allowed
                rp.allow_all = True
            self._robots[base] = rp
        return rp.can_fetch(self.user_agent, url)

    # --- internals --------------------------------------------------------------------------

    def _polite_wait(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self._last.get(host)
        if last is not None:
            wait = self.min_interval - (time.monotonic() - last)
            if wait > 0:
                time.sleep(wait)
        self._last[host] = time.monotonic()

    def _get(self, url: str, headers: dict[str, str], deadline: float) -> tuple[int, httpx.Headers, bytes | None]:
        attempt = 0
        while True:
            self._polite_wait(url)
            try:
                with self.client.stream("GET", url, headers=headers) as r:
                    if r.status_code in RETRY_STATUS and attempt < self.retries:
                        delay = self._retry_delay(attempt, r.headers.get("retry-after"))
                        if time.monotonic() + delay < deadline:
                            attempt += 1
                            time.sleep(delay)
                            continue
                    body = None
                    if r.status_code == 200:
                        body = self._read(r, url, deadline)
                    return r.status_code, r.headers, body
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                if isinstance(exc, httpx.UnsupportedProtocol):
                    raise NewsEventsError(E.E022, url=url) from exc
                delay = self._retry_delay(attempt, None)
                if attempt < self.retries and time.monotonic() + delay < deadline:
                    attempt += 1
                    time.sleep(delay)
                    continue
                kind = "timed out" if isinstance(exc, httpx.TimeoutException) else type(exc).__name__
                raise NewsEventsError(E.E018, url=url, detail=f"{kind} after {attempt + 1} attempt(s)") from exc

    def _retry_delay(self, attempt: int, retry_after: str | None) -> float:
        if retry_after:
            try:
                return min(MAX_RETRY_AFTER, max(0.0, float(retry_after)))
            except ValueError:
                pass
        return self.backoff * (2 ** attempt)

    def _read(self, r: httpx.Response, url: str, deadline: float) -> bytes:
        declared = r.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise NewsEventsError(E.E005, size=int(declared), limit=self.max_bytes)
        chunks, size = [], 0
        for chunk in r.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise NewsEventsError(E.E005, size=size, limit=self.max_bytes)
            if time.monotonic() > deadline:
                raise NewsEventsError(E.E018, url=url, detail=f"timed out (over {self.total_timeout:g} s in all)")
            chunks.append(chunk)
        return b"".join(chunks)


class _PublicOnlyBackend(httpcore.SyncBackend):
    """Resolve, check and connect in one step, to the very address that was checked.

    httpx would otherwise resolve the hostname a second time when it connects, after
    :meth:`Fetcher.check_url`; a hostile DNS server can answer that second query with an
    internal address (DNS rebinding).  TLS still verifies the certificate against the
    hostname, which httpcore passes to ``start_tls`` separately.
    """

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options: Any = None) -> httpcore.NetworkStream:
        addresses = resolve(host, port, f"{host}:{port}")
        for ip in addresses:
            if not is_public(ip):
                raise NewsEventsError(E.E017, url=f"{host}:{port}", host=host, ip=str(ip))
        return super().connect_tcp(str(addresses[0]), port, timeout, local_address, socket_options)


def _public_only_transport() -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport()
    # Same pool httpx builds by default (TLS verification on), with our backend.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(), network_backend=_PublicOnlyBackend(),
    )
    return transport


def resolve(host: str, port: int, url: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise NewsEventsError(E.E018, url=url, detail=f"cannot resolve {host}: {exc}") from exc
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """A globally routable unicast address (not private, loopback, link-local, reserved …)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast
