"""The dashboard in a real browser: Debian's chromium driven by Playwright,
against the real server (uvicorn on a free loopback port) over the store
built by tests/webdata.py.

Every page is checked for console errors, uncaught exceptions, Content
Security Policy violations and requests leaving the server (all refused:
the dashboard must work offline).  Screenshots go to the test's tmp_path;
with ACCORD_SCREENSHOTS=1 the dyad and tilt pages are also written to
docs/screenshot-dyad.png and docs/screenshot-tilt.png.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium to run the browser tests", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
uvicorn = pytest.importorskip("uvicorn")

from webdata import XSS_IMG, XSS_SCRIPT, build_store  # noqa: E402

from accord.web import create_app  # noqa: E402

DOCS = Path(__file__).resolve().parents[1] / "docs"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
CHART = ".js-plotly-plot .main-svg"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    built = build_store(tmp_path_factory.mktemp("browser") / "web.db")
    port = _free_port()
    config = uvicorn.Config(create_app(built.path), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, name="accord-web-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", built
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


class Watch:
    """What went wrong on a page: console errors, exceptions, CSP
    violations, requests to anywhere but the server, dialogs."""

    def __init__(self) -> None:
        self.console: list[str] = []
        self.errors: list[str] = []
        self.csp: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []

    def assert_clean(self) -> None:
        assert self.console == [], f"console errors: {self.console}"
        assert self.errors == [], f"page errors: {self.errors}"
        assert self.csp == [], f"CSP violations: {self.csp}"
        assert self.outside == [], f"requests off the server: {self.outside}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"


@pytest.fixture
def page(browser, server):
    base, _ = server
    watch = Watch()
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, device_scale_factor=1)

    def route(r):
        if r.request.url.startswith(base + "/"):
            r.continue_()
        else:
            watch.outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    context.expose_function("__accordCsp", lambda v: watch.csp.append(v))
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', function (e) {"
        " window.__accordCsp(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber); });"
    )
    pg = context.new_page()
    pg.on("console", lambda m: watch.console.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: watch.errors.append(str(e)))

    def on_dialog(d):
        watch.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    pg.on("dialog", on_dialog)
    pg.watch = watch  # type: ignore[attr-defined]
    yield pg
    context.close()


def _shots(pg, tmp_path: Path, name: str) -> None:
    pg.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
    if os.environ.get("ACCORD_SCREENSHOTS") == "1":
        DOCS.mkdir(exist_ok=True)
        pg.screenshot(path=str(DOCS / f"screenshot-{name}.png"), full_page=False)


def test_dyad_chart_and_evidence_link(page, server, tmp_path):
    base, built = server
    page.goto(f"{base}/dyads/RUS/PAK")
    page.wait_for_selector(CHART, timeout=20_000)
    page.wait_for_selector("#dyad-chart[data-drawn=true]", timeout=20_000)
    assert page.locator("#dyad-chart .barlayer .trace").count() == 4  # one per quad class
    assert page.locator("#dyad-chart .barlayer .point").count() > 0
    assert page.locator("#dyad-chart .scatterlayer .trace").count() == 1  # mean Goldstein
    legend = page.locator("#dyad-chart .legendtext").all_text_contents()
    assert legend[:4] == ["Verbal cooperation", "Material cooperation", "Verbal conflict", "Material conflict"]
    _shots(page, tmp_path, "dyad")

    row = page.locator("tr", has_text="lifted its arms embargo")
    link = row.locator("a.evidence")
    href = link.get_attribute("href")
    m = re.fullmatch(r"/documents/([0-9a-f]+)#event-([0-9a-f]+)", href or "")
    assert m, href
    link.click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]+#event-"))
    assert page.url == base + href
    target = page.locator("li:target")
    assert target.count() == 1 and "lifted its arms embargo" in target.inner_text()
    mark = page.locator(f"#mark-{m.group(2)}")
    assert mark.is_visible()
    assert mark.inner_text().startswith("Russia lifted its arms embargo on Pakistan")
    assert mark.evaluate("el => el.tagName") == "MARK"
    # ... and the highlight leads back to the event.
    page.goto(f"{base}/documents/{m.group(1)}")
    page.locator(f"#mark-{m.group(2)} a").click()
    page.wait_for_url(re.compile(rf"#event-{m.group(2)}$"))
    assert page.locator("li:target").get_attribute("id") == f"event-{m.group(2)}"
    page.watch.assert_clean()


def test_clicking_a_bar_lists_that_period(page, server):
    base, _ = server
    page.goto(f"{base}/dyads/RUS/PAK")
    page.wait_for_selector("#dyad-chart[data-drawn=true]", timeout=20_000)
    bar = page.locator("#dyad-chart .barlayer .point path").first
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"since=2012-01-01&until=2012-12-31#events$"), timeout=10_000)
    assert page.locator("a.evidence").count() == 1
    assert "criticized Pakistan" in page.locator("table.events").inner_text()
    page.watch.assert_clean()


def test_tilt_chart(page, server, tmp_path):
    base, _ = server
    page.goto(f"{base}/tilt")
    page.fill("input[name=actor]", "RUS")
    page.fill("input[name=toward]", "PAK")
    page.fill("input[name=away]", "IND")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/tilt\?actor=RUS&toward=PAK&away=IND"))
    page.wait_for_selector("#tilt-chart[data-drawn=true]", timeout=20_000)
    assert page.locator(CHART).count() >= 1
    assert page.locator("#tilt-chart .scatterlayer .js-fill").count() >= 1  # the interval band
    legend = page.locator("#tilt-chart .legendtext").all_text_contents()
    assert {"Score with Pakistan", "Score with India", "90% interval", "Tilt"} <= set(legend)
    assert "Russia leans toward Pakistan over India" in page.locator(".summary").inner_text()
    _shots(page, tmp_path, "tilt")
    links = page.locator("table.events a.evidence")
    assert links.count() >= 10
    first = links.first.get_attribute("href")
    links.first.click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]+#event-[0-9a-f]+$"))
    assert page.url == base + first
    assert page.locator("li:target").count() == 1
    page.watch.assert_clean()


def test_hostile_article_shows_literally(page, server, tmp_path):
    base, built = server
    page.goto(f"{base}/documents/{built.docs['xss']}")
    page.wait_for_selector(".doc-text")
    page.wait_for_timeout(300)  # give any injected handler time to fire
    text = page.locator(".doc-text").inner_text()
    assert XSS_SCRIPT in text and XSS_IMG in text
    assert page.locator(".doc-text img, .doc-text script, .doc-text iframe, .doc-text b, svg[onload]").count() == 0
    assert page.locator("h1").inner_text() == "Leaked memo <script>alert(1)</script>"
    assert "<b>Pakistan</b>" in page.locator("abbr").first.get_attribute("title")
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.evaluate("document.scripts.length") == 1  # only /static/accord.js
    page.screenshot(path=str(tmp_path / "xss.png"), full_page=True)
    page.watch.assert_clean()


def test_other_pages_are_clean(page, server):
    base, built = server
    for path in ("/", "/dyads", "/events?actor=CHN", "/documents", f"/documents/{built.docs['edge']}", "/docs",
                 "/dyads/RUS/IND?freq=quarter", "/tilt?actor=RUS&toward=PAK&away=IND&freq=month"):
        page.goto(base + path)
        page.wait_for_load_state("load")
        if "data-chart" in page.content():
            page.wait_for_selector("[data-chart][data-drawn=true]", timeout=20_000)
    page.goto(base + "/events")
    page.fill("input[name=actor]", "CHN")
    page.click("form.search button[type=submit]")
    page.wait_for_url(re.compile(r"/events\?actor=CHN"))
    assert "Galwan" in page.locator("table.events").inner_text()
    page.watch.assert_clean()


def test_the_policy_is_enforced_and_seen(page, server):
    """The checks above are not vacuous: an inline script or style injected
    into a page is refused by the browser, and the refusal is reported."""
    base, _ = server
    page.goto(base + "/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        " document.body.appendChild(s);"
        " const st = document.createElement('style'); st.textContent = 'body { color: red }';"
        " document.head.appendChild(st); }"
    )
    page.wait_for_function("() => true")
    deadline = time.monotonic() + 5
    while len(page.watch.csp) < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert page.evaluate("window.__ran") is None
    assert page.evaluate("getComputedStyle(document.body).color") != "rgb(255, 0, 0)"
    assert any(v.startswith("script-src") for v in page.watch.csp), page.watch.csp
    assert any(v.startswith("style-src") for v in page.watch.csp), page.watch.csp
