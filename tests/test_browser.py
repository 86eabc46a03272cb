"""End to end in a real headless Chromium: overview → dyad → article with the quote highlighted.

Uses Debian's /usr/bin/chromium through Playwright's Python API (never `playwright install`).
Screenshots go to /tmp/newsevents-desk-*.png.
"""
from __future__ import annotations

import os
import socket
import threading
import time

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = "/tmp/newsevents-desk"

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason=f"{CHROMIUM} is missing (apt-get install -y chromium)")


@pytest.fixture(scope="module")
def server(tmp_path_factory, nlp):
    pytest.importorskip("playwright.sync_api")
    import uvicorn

    from newsevents.demo import run_demo
    from newsevents.web import create_app

    path = str(tmp_path_factory.mktemp("browser") / "demo.db")
    assert run_demo(db=path, echo=lambda s: None).stored >= 3
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(path, write_token="", read_token=""), host="127.0.0.1",
                                        port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def test_overview_dyad_article_flow(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/")
    assert page.locator("svg.chart.timeline polyline").count() == 3
    assert page.locator("table.dyads a.dyad").count() >= 1
    page.screenshot(path=f"{SHOTS}-overview.png", full_page=True)

    link = page.locator("table.dyads a.dyad", has_text="RUS → UKR")
    (link if link.count() else page.locator("table.dyads a.dyad").first).click()
    page.wait_for_url("**/dyads/*")
    assert page.locator("svg.chart.dyad rect.bar").count() >= 1
    page.locator("svg.chart.dyad a.day").first.click()  # a day's bar → that day's events under the chart
    page.wait_for_url("**day=*")
    assert "Events on" in page.locator("#day-events h2").inner_text()
    rows = page.locator("#day-events table.events tbody tr")
    assert rows.count() >= 1
    page.screenshot(path=f"{SHOTS}-dyad.png", full_page=True)

    page.goto(server + "/quotes?speaker=Marchuk")
    page.locator("a.artlink").first.click()
    page.wait_for_url("**/articles/*")
    quote = page.locator("#text span.quote").first
    assert quote.is_visible()
    bg = quote.evaluate("el => getComputedStyle(el).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent"), bg
    assert page.locator("#text span.speaker", has_text="Marchuk").count() >= 1
    assert page.locator("#text span.trigger").count() >= 1
    page.screenshot(path=f"{SHOTS}-article.png", full_page=False)
    # highlights can be switched off (local JS)
    page.locator("input[data-toggle=quote]").uncheck()
    assert quote.evaluate("el => getComputedStyle(el).backgroundColor") in ("rgba(0, 0, 0, 0)", "transparent")
    assert not errors, errors
    page.close()


def test_phone_layout_and_event_filters(server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto(server + "/events")
    page.select_option("select[name=quad_class]", "3")  # applies at once; the filter lands in the URL
    page.wait_for_url("**quad_class=3**")
    assert page.locator("table.events tbody tr").count() >= 1
    assert all(t == "3" for t in page.locator("table.events tbody .quad").all_inner_texts())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"page is {width}px wide on a phone"
    page.screenshot(path=f"{SHOTS}-phone-events.png", full_page=False)
    page.close()
