"""The web dashboard and JSON API through FastAPI's TestClient, over a real
SQLite store built by tests/webdata.py (no mocks)."""

from __future__ import annotations

import hashlib
import html
import json
import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("jinja2")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's deprecation note about httpx vs httpx2
    from fastapi.testclient import TestClient

from webdata import STORY, XSS_IMG, XSS_SCRIPT, XSS_TITLE, build_store

from accord import analysis
from accord.corpus import Corpus
from accord.errors import StoreError
from accord.store import Store
from accord.web import LOOPBACK_HOSTS, create_app, serve
from accord.web.render import highlight, json_script, json_text

TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "accord" / "web" / "templates"

EVENT_KEYS = {"event_id", "doc_id", "source", "target", "cameo", "root", "quad_class", "goldstein", "plover",
              "mutual", "modality", "date", "evidence", "confidence"}
SECURITY = {
    "content-security-policy": None,  # checked separately
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture(scope="module")
def client(built):
    with TestClient(create_app(built.path)) as c:  # runs the lifespan (warm-up) too
        yield c


def pair_count(a: str, b: str) -> int:
    """Asserted a–b events in the store, worked out from the test data."""
    story = sum(1 for _, s, t, _, _ in STORY if {s, t} == {a, b})
    extra = {frozenset(("PAK", "RUS")): 1 + 5}  # the XSS article's event; 5 asserted edge-case events
    return story + extra.get(frozenset((a, b)), 0)


# ------------------------------------------------------------- HTML checks
class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script, self._buf = dict(attrs), []

    def handle_data(self, data):
        if self._in_script is not None:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._buf)))
            self._in_script = None


def check_page_markup(text: str) -> _Tags:
    """No inline script, handler attribute, style attribute or foreign URL."""
    p = _Tags()
    p.feed(text)
    for tag, attrs in p.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler attribute {name} on <{tag}>"
            assert name != "style", f"inline style on <{tag}>"
            if name in ("src", "href", "action") and value and tag != "a":
                assert value.startswith("/"), f"<{tag} {name}={value!r}> is not served from this site"
            if name == "href" and value:
                assert not value.lower().startswith(("javascript:", "data:", "vbscript:")), value
    for attrs, body in p.scripts:
        if attrs.get("type") == "application/json":
            json.loads(body)  # a data block that parses as JSON
            assert "</" not in body and "<" not in body
        else:
            assert (attrs.get("src") or "").startswith("/static/"), f"inline or foreign script: {attrs}"
            assert not body.strip()
    return p


# ---------------------------------------------------------------- OpenAPI
def test_openapi_lists_the_api(client):
    r = client.get("/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    for path in ("/api/events", "/api/series", "/api/tilt", "/api/documents", "/api/documents/{doc_id}", "/api/dyads", "/healthz"):
        assert "get" in paths[path], path
    assert not any(p in paths for p in ("/", "/tilt", "/events", "/docs", "/dyads/{a}/{b}")), "pages are not API"
    names = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"actor", "dyad", "a", "b", "code", "root", "quad", "since", "until", "doc", "modality", "limit", "offset"} <= names
    limit = next(p for p in paths["/api/events"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 1000 and limit["schema"]["default"] == 100


def test_docs_page_is_offline(client):
    r = client.get("/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "/api/events" in r.text and "/api/tilt" in r.text and "offset" in r.text
    check_page_markup(r.text)
    assert "cdn" not in r.text.lower()
    assert client.get("/redoc").status_code == 404


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


# ----------------------------------------------------------------- events
def test_event_contract(client):
    r = client.get("/api/events", params={"limit": 1000})
    body = r.json()
    assert set(body) == {"total", "limit", "offset", "events"}
    assert body["limit"] == 1000 and body["offset"] == 0
    assert body["events"]
    for ev in body["events"]:
        assert set(ev) == EVENT_KEYS
        assert set(ev["source"]) == set(ev["target"]) == {"code", "country", "sector", "text"}
        assert set(ev["plover"]) == {"type", "mode"}
        assert set(ev["evidence"]) == {"sentence", "start", "end"}
        assert ev["date"] is None or set(ev["date"]) == {"start", "end", "precision", "text"}
        assert isinstance(ev["mutual"], bool) and isinstance(ev["goldstein"], float)
        assert ev["modality"] == "asserted"


def test_event_filters(client, built):
    def total(**params):
        r = client.get("/api/events", params=params)
        assert r.status_code == 200, r.text
        return r.json()["total"]

    assert total(dyad="RUS,PAK") == pair_count("RUS", "PAK") == total(a="RUS", b="PAK") == total(dyad="pak,rus")
    assert total(dyad="RUS,IND") == pair_count("RUS", "IND")
    assert total(actor="CHN") == 1
    assert total(code="057") == sum(1 for *_, c, _ in STORY if c == "057") + 2  # + two in the edge article
    assert total(root="19") == total(quad=4) == 1
    assert total(since="2021", until="2021") == sum(1 for y, *_ in STORY if y == 2021)
    assert total(since="2021-01-01", until="2021-12-31") == total(since="2021", until="2021")
    assert total(doc=built.docs["xss"]) == 1
    assert total(doc=built.docs["edge"][:8]) == 5  # the speculative one is not asserted
    assert total(doc=built.docs["edge"], modality="all") == 6
    assert total(modality="speculative") == 1
    everything = total(modality="all")
    assert everything == built.n_events
    rows = client.get("/api/events", params={"dyad": "RUS,IND", "order": "desc", "limit": 3}).json()["events"]
    dates = [e["date"]["start"] for e in rows]
    assert dates == sorted(dates, reverse=True)


def test_pagination_bounds(client):
    full = client.get("/api/events", params={"modality": "all", "limit": 1000}).json()
    ids = [e["event_id"] for e in full["events"]]
    assert len(ids) == full["total"] == len(set(ids))
    paged = []
    for offset in range(0, full["total"] + 7, 7):
        page = client.get("/api/events", params={"modality": "all", "limit": 7, "offset": offset}).json()
        assert page["total"] == full["total"] and page["limit"] == 7 and page["offset"] == offset
        assert len(page["events"]) <= 7
        paged += [e["event_id"] for e in page["events"]]
    assert paged == ids
    beyond = client.get("/api/events", params={"offset": 10_000}).json()
    assert beyond["events"] == [] and beyond["total"] > 0
    assert client.get("/api/events").json()["limit"] == 100
    for bad in ({"limit": 0}, {"limit": 1001}, {"limit": "many"}, {"offset": -1}, {"offset": 10**12}):
        r = client.get("/api/events", params=bad)
        assert r.status_code == 400, bad
        assert set(r.json()) == {"error"}
    docs = client.get("/api/documents", params={"limit": 5, "offset": 10}).json()
    assert docs["total"] == 12 and len(docs["documents"]) == 2
    assert client.get("/api/documents", params={"limit": 1001}).status_code == 400
    assert client.get("/api/dyads", params={"limit": 201}).status_code == 400


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_small_pages_agree_with_one_big_page(client, order):
    """Small pages of a common filter are read along the date index, big
    ones from the dyad index; both give the same events in the same order."""
    params = {"dyad": "RUS,PAK", "order": order}
    full = [e["event_id"] for e in client.get("/api/events", params={**params, "limit": 1000}).json()["events"]]
    assert len(full) == pair_count("RUS", "PAK")
    for size in (1, 2, 5):
        paged = []
        for offset in range(0, len(full), size):
            paged += [e["event_id"] for e in client.get("/api/events", params={**params, "limit": size, "offset": offset}).json()["events"]]
        assert paged == full, size


@pytest.mark.parametrize(
    "url, params, needle",
    [
        ("/api/events", {"actor": "XXX"}, "unknown actor code 'XXX'"),
        ("/api/events", {"actor": "russia"}, "unknown actor code"),
        ("/api/events", {"dyad": "RUS,RUS"}, "two different actors"),
        ("/api/events", {"dyad": "RUS"}, "bad dyad"),
        ("/api/events", {"a": "RUS"}, "needs both"),
        ("/api/events", {"dyad": "RUS,PAK", "a": "RUS", "b": "PAK"}, "not both"),
        ("/api/events", {"code": "abc"}, "bad CAMEO code"),
        ("/api/events", {"root": "21"}, "bad CAMEO root"),
        ("/api/events", {"quad": 7}, "quad"),
        ("/api/events", {"since": "2020-13-01"}, "bad since date"),
        ("/api/events", {"since": "yesterday"}, "bad since date"),
        ("/api/events", {"since": "2021", "until": "2020"}, "is after"),
        ("/api/events", {"modality": "bogus"}, "bad modality"),
        ("/api/events", {"order": "sideways"}, "order"),
        ("/api/series", {"a": "RUS", "b": "PAK", "freq": "week"}, "unknown frequency 'week'"),
        ("/api/series", {"a": "RUS", "b": "RUS"}, "two different actors"),
        ("/api/series", {"a": "RUS", "b": "ZZZ"}, "unknown actor code 'ZZZ'"),
        ("/api/series", {"a": "RUS"}, "b: Field required"),
        ("/api/tilt", {"actor": "RUS", "toward": "PAK", "away": "PAK"}, "must differ"),
        ("/api/tilt", {"actor": "RUS", "toward": "RUS", "away": "IND"}, "cannot also be a partner"),
        ("/api/tilt", {"actor": "QQQ", "toward": "PAK", "away": "IND"}, "unknown actor code 'QQQ'"),
        ("/api/tilt", {"actor": "RUS", "toward": "PAK", "away": "IND", "freq": "decade"}, "unknown frequency"),
        ("/api/dyads", {"actor": "XXX"}, "unknown actor code"),
    ],
)
def test_bad_arguments_give_400(client, url, params, needle):
    r = client.get(url, params=params)
    assert r.status_code == 400, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and needle in body["error"]
    assert "\n" not in body["error"]


def test_not_found(client, built):
    r = client.get("/api/documents/0000000000000000")
    assert r.status_code == 404 and set(r.json()) == {"error"}
    assert client.get("/api/documents/..%2F..%2Fetc").status_code == 404
    assert client.get("/api/nothing").status_code == 404 and "error" in client.get("/api/nothing").json()
    page = client.get("/documents/0000000000000000")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert client.get("/no/such/page").status_code == 404


# -------------------------------------------------------------- analysis
def test_series_matches_the_analysis(client, built):
    body = client.get("/api/series", params={"a": "RUS", "b": "PAK"}).json()
    assert body["a"] == "RUS" and body["b_name"] == "Pakistan" and body["freq"] == "year"
    assert body["events"] == pair_count("RUS", "PAK") and body["undated"] == 1
    periods = [p["period"] for p in body["periods"]]
    assert periods == [str(y) for y in range(2012, 2023)]
    dated = body["events"] - body["undated"]
    assert sum(p["n_events"] for p in body["periods"]) == dated
    assert sum(p["q1"] + p["q2"] + p["q3"] + p["q4"] for p in body["periods"]) == pytest.approx(dated)
    df = Corpus(built.path).events()
    expected = analysis.series(df, "RUS", "PAK", freq="year")
    assert [p["goldstein_mean"] for p in body["periods"]] == pytest.approx(list(expected["goldstein_mean"]), abs=1e-3)
    quarterly = client.get("/api/series", params={"a": "RUS", "b": "PAK", "freq": "quarter"}).json()
    assert quarterly["periods"][0]["period"] == "2012Q3"
    filtered = client.get("/api/series", params={"a": "RUS", "b": "PAK", "code": "057"}).json()
    assert filtered["events"] == 4  # 2014, 2018 and the edge article's two


def test_tilt_matches_the_analysis(client, built):
    body = client.get("/api/tilt", params={"actor": "RUS", "toward": "PAK", "away": "IND"}).json()
    df = Corpus(built.path).events()
    expected = analysis.tilt(df, "RUS", "PAK", "IND", freq="year", n_boot=2000, seed=0, top_n=20).to_json()
    assert body["summary"] == expected["summary"]
    assert body["periods"] == expected["periods"]
    assert body["overall"] == expected["overall"]
    assert body["names"] == {"RUS": "Russia", "PAK": "Pakistan", "IND": "India"}
    assert "leans toward Pakistan over India" in body["summary"]
    none = client.get("/api/tilt", params={"actor": "CHN", "toward": "PAK", "away": "USA"}).json()
    assert none["periods"] == [] and "No events" in none["summary"]


def test_dyads(client):
    body = client.get("/api/dyads", params={"limit": 3}).json()
    top = body["dyads"]
    assert len(top) == 3 and top[0]["events"] >= top[1]["events"] >= top[2]["events"]
    pairs = {(d["a"], d["b"]): d for d in top}
    assert pairs[("PAK", "RUS")]["events"] == pair_count("RUS", "PAK")
    assert pairs[("IND", "RUS")]["events"] == pair_count("RUS", "IND")
    for d in top:
        assert d["q1"] + d["q2"] + d["q3"] + d["q4"] == d["events"]
        assert d["a"] < d["b"] and d["a_name"] and d["b_name"]
    only = client.get("/api/dyads", params={"actor": "CHN"}).json()["dyads"]
    assert [(d["a"], d["b"]) for d in only] == [("CHN", "IND")]


# -------------------------------------------------------------- documents
def test_documents(client, built):
    body = client.get("/api/documents", params={"limit": 100}).json()
    assert body["total"] == 12 and len(body["documents"]) == 12
    assert body["documents"][0]["external_id"] == "edge"  # newest first
    assert {d["doc_id"] for d in body["documents"]} == set(built.docs.values())
    doc = client.get(f"/api/documents/{built.docs['edge']}").json()
    assert doc["doc_id"] == built.docs["edge"] and doc["events_truncated"] is False
    assert len(doc["events"]) == 6 and all(set(e) == EVENT_KEYS for e in doc["events"])
    assert doc["text"].startswith("Edge cases.")
    short = client.get(f"/api/documents/{built.docs['edge'][:8]}").json()
    assert short["doc_id"] == built.docs["edge"]
    r = client.get(f"/documents/{built.docs['edge'][:8]}", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == f"/documents/{built.docs['edge']}"


def _doc_text_html(page: str) -> str:
    start = page.index('<div class="doc-text">') + len('<div class="doc-text">')
    return page[start:page.index("</div>", start)]


def test_document_page_highlights_every_placeable_event(client, built):
    doc = client.get(f"/api/documents/{built.docs['edge']}").json()
    page = client.get(f"/documents/{built.docs['edge']}").text
    check_page_markup(page)
    body = _doc_text_html(page)
    # The highlighted text, tags stripped, is exactly the document text.
    assert html.unescape(re.sub(r"<[^>]+>", "", body)) == doc["text"]
    events = {e["evidence"]["sentence"]: e["event_id"] for e in doc["events"]}
    for sentence, eid in events.items():
        assert f'id="event-{eid}"' in page  # every event is listed
        if sentence == "A sentence that is not in the text.":
            assert f'id="mark-{eid}"' not in page  # bad offsets, sentence absent: not placed
        else:
            assert f'id="mark-{eid}"' in page and f'href="#mark-{eid}"' in page
    # The sentence with two events and a nested third is one run of marks.
    assert 'title="3 events">signed a gas pipeline deal</a></mark>' in body
    # The event whose offsets were out of range is found by its sentence.
    aid = events["Russia sent aid to Pakistan after the floods."]
    assert f'<a href="#event-{aid}" title="1 event">Russia sent aid to Pakistan after the floods.</a>' in body


def test_untrusted_text_is_escaped(client, built):
    r = client.get(f"/documents/{built.docs['xss']}")
    assert r.status_code == 200
    page = r.text
    for raw in (XSS_SCRIPT, XSS_IMG, "<svg onload", "<iframe", "<b>Pakistan</b>", "</script><script>alert(2)"):
        assert raw not in page, raw
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert html.escape(XSS_TITLE, quote=False) in page
    check_page_markup(page)
    text = client.get(f"/api/documents/{built.docs['xss']}").json()["text"]
    assert html.unescape(re.sub(r"<[^>]+>", "", _doc_text_html(page))) == text
    # The same text in tables and in JSON data blocks (tilt top events) stays inert.
    for url in ("/dyads/PAK/RUS", "/events?doc=" + built.docs["xss"], "/tilt?actor=PAK&toward=RUS&away=USA", "/"):
        p = client.get(url)
        assert p.status_code == 200, url
        assert XSS_IMG not in p.text and "<b>Pakistan" not in p.text
        check_page_markup(p.text)


def test_reflected_query_values_are_escaped(client):
    r = client.get("/events", params={"actor": "<script>alert(1)</script>", "dyad": '"><img src=x onerror=alert(1)>'})
    assert r.status_code == 400
    assert "<script>alert(1)" not in r.text and "<img src=x" not in r.text
    check_page_markup(r.text)
    r = client.get("/tilt", params={"actor": "<svg/onload=alert(1)>", "toward": "PAK", "away": "IND"})
    assert r.status_code == 400 and "<svg" not in r.text
    r = client.get("/dyads/%3Cscript%3E/PAK")
    assert r.status_code == 400 and "<script>" not in r.text.replace('<script src="/static/', "")


def test_json_data_blocks_cannot_break_out():
    evil = {"s": "</script><script>alert(1)</script><!-- & \u2028", "n": [1, None]}
    block = str(json_script("data", evil))
    inner = block[block.index(">") + 1: block.rindex("</script>")]
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == evil == json.loads(json_text(evil))
    assert block.count("</script>") == 1


def test_highlight_escapes_each_segment():
    text = "a <b>bold</b> claim & more"
    ev = {"event_id": "e<1>", "start": 2, "end": 13, "sentence": "<b>bold</b>"}
    markup, placed = highlight(text, [ev])
    s = str(markup)
    assert "<b>" not in s and "&lt;b&gt;bold&lt;/b&gt;" in s and "&amp; more" in s
    assert 'id="mark-e&lt;1&gt;"' in s and placed == {"e<1>"}
    assert html.unescape(re.sub(r"<[^>]+>", "", s)) == text


def test_templates_never_mark_text_safe():
    for path in TEMPLATES.glob("*.html"):
        src = path.read_text()
        assert "|safe" not in src.replace(" ", "") and "autoescape false" not in src, path.name


# ---------------------------------------------------------------- pages
def test_pages_render(client, built):
    for url in ("/", "/dyads", "/dyads?actor=RUS", "/dyads/RUS/PAK", "/dyads/rus/ind?freq=quarter", "/dyads/RUS/PAK?code=057&since=2014&until=2019",
                "/tilt", "/tilt?actor=RUS&toward=PAK&away=IND", "/tilt?actor=RUS&toward=PAK&away=IND&freq=quarter",
                "/events", "/events?dyad=RUS,PAK&code=05&page=1", "/documents", f"/documents/{built.docs['review-2016']}", "/docs"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        check_page_markup(r.text)
    home = client.get("/").text
    assert "Most active dyads" in home and "/dyads/PAK/RUS" in home and "12</strong><span class=\"label\">documents" in home
    dyad = client.get("/dyads/RUS/PAK").text
    assert 'data-chart="dyad"' in dyad and 'id="dyad-data"' in dyad and "/static/plotly.min.js" in dyad
    assert dyad.count('class="evidence"') == pair_count("RUS", "PAK")
    only_057 = client.get("/dyads/RUS/PAK", params={"code": "057", "since": "2014", "until": "2019"}).text
    assert only_057.count('class="evidence"') == 2
    assert client.get("/dyads", params={"a": "rus", "b": "pak"}, follow_redirects=False).headers["location"] == "/dyads/RUS/PAK"


def test_bad_page_arguments_give_400_pages(client):
    for url, needle in (("/dyads/RUS/RUS", "two different actors"), ("/dyads/RUS/PAK?since=soon", "bad since date"),
                        ("/dyads/RUS/PAK?freq=week", "unknown frequency"), ("/tilt?actor=RUS&toward=PAK", "toward"),
                        ("/events?quad=9", "bad quad class"), ("/events?page=0", "page"), ("/dyads?actor=XYZ", "unknown actor")):
        r = client.get(url)
        assert r.status_code == 400, url
        assert r.headers["content-type"].startswith("text/html")
        assert needle in html.unescape(r.text), (url, needle)


def test_pagination_on_pages(client, built):
    first = client.get("/events", params={"modality": "all"}).text
    assert first.count('class="evidence"') == built.n_events  # 40 events: one page of 50
    assert 'rel="next"' not in first
    rus = client.get("/events", params={"actor": "RUS", "modality": "all", "page": 1}).text
    assert rus.count('class="evidence"') == built.n_events - 3 and 'rel="next"' not in rus
    r = client.get("/events", params={"page": 999})
    assert r.status_code == 200 and "No events." in r.text


# -------------------------------------------------------------- security
def test_security_headers_everywhere(client, built):
    urls = ["/", "/dyads/RUS/PAK", f"/documents/{built.docs['xss']}", "/tilt", "/events", "/docs", "/openapi.json",
            "/api/events", "/api/events?limit=0", "/api/documents/none", "/nope", "/static/accord.css",
            "/static/accord.js", "/static/plotly.min.js", "/healthz"]
    for url in urls:
        r = client.get(url)
        for name, value in SECURITY.items():
            assert name in r.headers, (url, name)
            if value:
                assert r.headers[name] == value, (url, name)
        csp = r.headers["content-security-policy"]
        for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
            assert directive in csp, (url, directive)
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_plotly_is_served_locally(client):
    r = client.get("/static/plotly.min.js", headers={"accept-encoding": "identity"})
    assert r.status_code == 200 and "javascript" in r.headers["content-type"]
    assert r.content.startswith(b"/**\n* plotly.js v")
    gz = client.get("/static/plotly.min.js", headers={"accept-encoding": "gzip"})
    assert gz.headers.get("content-encoding") == "gzip" and gz.content == r.content  # httpx decodes it
    again = client.get("/static/plotly.min.js", headers={"if-none-match": r.headers["etag"]})
    assert again.status_code == 304


def test_host_check_on_loopback(built):
    app = create_app(built.path, allowed_hosts=LOOPBACK_HOSTS)
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/healthz").status_code == 200
    assert TestClient(app, base_url="http://localhost").get("/").status_code == 200
    r = TestClient(app, base_url="http://evil.example").get("/api/events")
    assert r.status_code == 400 and "x-frame-options" in r.headers


def test_serve_refuses_a_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        serve(tmp_path / "absent.db", port=8000)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError):
        serve(bad, port=8000)


def test_empty_store(tmp_path):
    path = tmp_path / "empty.db"
    Store(path).close()
    c = TestClient(create_app(path))
    for url in ("/", "/dyads", "/dyads/RUS/PAK", "/tilt?actor=RUS&toward=PAK&away=IND", "/events", "/documents"):
        assert c.get(url).status_code == 200, url
    assert c.get("/api/events").json() == {"total": 0, "limit": 100, "offset": 0, "events": []}
    assert c.get("/api/series", params={"a": "RUS", "b": "PAK"}).json()["periods"] == []
    assert "No asserted events" in c.get("/dyads/RUS/PAK").text


def test_store_removed_while_serving(tmp_path):
    path = tmp_path / "gone.db"
    Store(path).close()
    c = TestClient(create_app(path))
    path.unlink()
    r = c.get("/api/events")
    assert r.status_code == 503 and "no such store" in r.json()["error"]
    assert c.get("/").status_code == 503


# ---------------------------------------------------------------- load
def test_a_thousand_requests_and_nothing_written(client, built):
    before = hashlib.sha256(built.path.read_bytes()).hexdigest()
    d = built.docs
    urls = [
        ("/", 200), ("/dyads/RUS/PAK", 200), ("/api/events?dyad=RUS,IND&limit=5", 200), (f"/documents/{d['xss']}", 200),
        ("/api/series?a=RUS&b=PAK&freq=quarter", 200), ("/tilt?actor=RUS&toward=PAK&away=IND", 200),
        ("/api/tilt?actor=RUS&toward=PAK&away=IND", 200), ("/events?actor=RUS&page=2", 200), ("/api/documents?limit=3", 200),
        (f"/api/documents/{d['edge']}", 200), ("/api/dyads", 200), ("/docs", 200), ("/healthz", 200),
        ("/api/events?actor=XXX", 400), ("/api/documents/ffffffffffffffff", 404), ("/static/accord.js", 200),
        ("/dyads/RUS/IND?since=2015&page=1", 200), ("/api/events?offset=5&limit=10&order=desc", 200),
    ]
    seen = {}
    for i in range(1000):
        url, status = urls[i % len(urls)]
        r = client.get(url)
        assert r.status_code == status, (i, url, r.status_code, r.text[:200])
        if r.headers["content-type"].startswith("application/json"):
            r.json()
        seen[url] = seen.get(url, 0) + 1
    assert sum(seen.values()) == 1000 and len(seen) == len(urls)
    assert hashlib.sha256(built.path.read_bytes()).hexdigest() == before


def test_code_spans_escape_first():
    from accord.web.render import code_spans

    assert str(code_spans("use `a<b` and `x`")) == "use <code>a&lt;b</code> and <code>x</code>"
    assert str(code_spans("<script>`ok`</script>")) == "&lt;script&gt;<code>ok</code>&lt;/script&gt;"
