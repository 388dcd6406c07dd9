"""URL ingest against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from accord.errors import FetchError
from accord.ingest import IngestOptions, fetch_url
from accord.pipeline import ingest
from accord.store import Store
from conftest import run_cli
from test_ingest import PAGE

BIG = 11 * 1024 * 1024


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        routes = {
            "/article.html": (200, "text/html; charset=utf-8", PAGE.encode()),
            "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"0" * 100),
            "/missing": (404, "text/html", b"not here"),
            "/big.html": (200, "text/html", b"<p>" + b"a" * BIG + b"</p>"),
        }
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.end_headers()
            return
        status, ctype, body = routes.get(self.path, (404, "text/plain", b"no route"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if self.path != "/big.html":  # the big page streams without a length
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_url_ingest_with_allow_private(server, db):
    with Store(db) as store:
        report = ingest(store, [f"{server}/article.html"], IngestOptions(allow_private=True), coder=None)
        assert report.ingested == 1, report.rejected
        (doc,) = store.documents()
    assert doc["published"] == "2020-09-14"
    assert doc["title"].startswith("Border talks resume")


def test_redirect_is_followed(server):
    body, final, ctype = fetch_url(f"{server}/redirect", allow_private=True)
    assert final.endswith("/article.html") and "html" in ctype and b"Beijing" in body


def test_loopback_is_refused_without_allow_private(server):
    with pytest.raises(FetchError, match="private, loopback or link-local"):
        fetch_url(f"{server}/article.html")


def test_private_network_address_is_refused_before_connecting():
    # The address check happens before any packet is sent.
    with pytest.raises(FetchError, match="10.1.2.3.*--allow-private"):
        fetch_url("http://10.1.2.3/news.html")


@pytest.mark.parametrize(
    "path, reason",
    [("/image.png", "unsupported content type"), ("/missing", "HTTP 404"), ("/big.html", "too large")],
)
def test_bad_urls_give_one_line_reason(server, path, reason):
    with pytest.raises(FetchError) as info:
        fetch_url(f"{server}{path}", allow_private=True)
    assert reason in str(info.value) and path in str(info.value)


def test_unreachable_url_is_rejected_and_batch_goes_on(server, db):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead_port = s.getsockname()[1]  # closed when the block ends: nothing listens
    proc = run_cli("ingest", f"http://127.0.0.1:{dead_port}/gone.html", f"{server}/article.html", "--allow-private", "--no-code", db=db)
    assert proc.returncode == 2
    err = proc.stderr.decode().strip().splitlines()
    assert len(err) == 1 and f"127.0.0.1:{dead_port}/gone.html" in err[0] and "cannot fetch" in err[0]
    assert "1 ingested" in proc.stdout.decode()
