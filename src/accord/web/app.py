"""The dashboard and JSON API (FastAPI), read-only over one store.

Pages are rendered server-side with Jinja2 (autoescaping on); charts are
drawn in the browser by plotly.js, served from the installed ``plotly``
package, from JSON embedded in ``<script type="application/json">`` blocks.
No page loads anything from another origin, and a strict Content Security
Policy (no inline scripts, no inline styles, no eval) is sent with every
response.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import math
import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

from anyio import to_thread
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import AccordError, StoreError, UsageError
from . import schemas
from ..corpus import event_to_json
from .data import FREQS, MAX_DYADS, MAX_OFFSET, MAX_PAGE, WebData, make_filter, parse_code, parse_freq
from .render import QUAD_NAMES, code_spans, highlight, json_script, safe_url, when

log = logging.getLogger("accord.web")

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATE_DIR = HERE / "templates"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
)
PAGE_SIZE = 50  # rows per page in the HTML tables
JSON_PATHS = ("/api/", "/openapi.json", "/healthz")


# ------------------------------------------------------------ plotly.js
@lru_cache(maxsize=1)
def plotly_js_path() -> Path:
    import plotly

    path = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
    if not path.is_file():  # pragma: no cover - a broken plotly install
        raise StoreError(f"{path}: plotly.min.js is missing from the plotly package")
    return path


class _PlotlyAsset:
    """plotly.min.js from the plotly package, gzipped once in memory."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: tuple[bytes, bytes, str, list[str]] | None = None

    def get(self) -> tuple[bytes, bytes, str, list[str]]:
        with self._lock:
            if self._data is None:
                raw = plotly_js_path().read_bytes()
                etag = '"' + hashlib.sha256(raw).hexdigest()[:32] + '"'
                # plotly.js injects a <style> element for its map traces
                # unless an element with this id exists; we provide an empty
                # placeholder (strict CSP would refuse the inline style).
                ids = sorted(set(re.findall(
                    rb'getElementById\("([0-9a-f]{32,64})"\)\)\{var \w+=document\.createElement\("style"\)', raw
                )))
                self._data = (raw, gzip.compress(raw, 6), etag, [i.decode() for i in ids])
            return self._data


PLOTLY = _PlotlyAsset()


# ------------------------------------------------------------ middleware
class SecurityHeaders:
    """Pure ASGI middleware: security headers on every response (errors
    included), an optional Host check against DNS rebinding, and a last
    resort 500 that still carries the headers."""

    def __init__(self, app: Any, allowed_hosts: list[str] | None = None) -> None:
        self.app = app
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: dict) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers[name] = value
            await send(message)

        if self.allowed_hosts is not None:
            host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.allowed_hosts:
                await JSONResponse({"error": f"host {host!r} is not served here"}, status_code=400)(scope, receive, send_with_headers)
                return
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("error serving %s", scope.get("path"))
            if started:
                raise
            await JSONResponse({"error": "internal error; see the server log"}, status_code=500)(scope, receive, send_with_headers)


# -------------------------------------------------------------- templates
def _qs(params: dict[str, Any], **overrides: Any) -> str:
    """A query string from the non-empty values (``?`` included, or '')."""
    merged = {**params, **overrides}
    items = [(k, v) for k, v in merged.items() if v not in (None, "")]
    return "?" + urlencode(items) if items else ""


def _fmt(v: Any, digits: int = 1) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return f"{v:+.{digits}f}"


def _environment() -> Environment:
    from .. import analysis
    from ..codebook import load_codebook

    def cameo_name(code: str) -> str:
        entry = load_codebook().cameo.get(str(code))
        return entry.name if entry else ""

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,  # every template, whatever its extension
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["code_spans"] = code_spans
    env.globals.update(
        version=__version__, quad_names=QUAD_NAMES, cameo_name=cameo_name, actor_name=analysis.actor_name,
        when=when, qs=_qs, fmt=_fmt, safe_url=safe_url, json_script=json_script, freqs=FREQS,
    )
    return env


# ---------------------------------------------------------------- the app
def warm_up() -> None:
    """Load what the first request would otherwise wait for: the actor
    gazetteer (code validation), the CAMEO codebook, pandas and plotly.js."""
    from .. import analysis  # noqa: F401 - imports pandas and numpy
    from ..actors import load_gazetteer
    from ..codebook import load_codebook

    load_gazetteer()
    load_codebook()
    PLOTLY.get()


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    await to_thread.run_sync(warm_up)
    yield


API_DESCRIPTION = """\
Read-only JSON API over an accord store: coded events (CAMEO, with
evidence sentences and dates), their documents, per-period dyad series and
the tilt measure.  Bad arguments give HTTP 400 with `{"error": "..."}`;
unknown documents 404.  Every list is paginated with hard limits.
"""


def create_app(db_path: str | Path, *, cache_size: int = 256, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The FastAPI application over the store at ``db_path`` (read-only).

    ``allowed_hosts`` restricts the Host header (``serve`` sets it to the
    loopback names when listening on loopback); ``cache_size`` bounds the
    LRU of computed charts and stats (0 turns it off).
    """
    data = WebData(db_path, cache_size=cache_size)
    env = _environment()

    app = FastAPI(
        title="accord",
        version=__version__,
        description=API_DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=_lifespan,
    )
    app.state.data = data
    app.add_middleware(SecurityHeaders, allowed_hosts=allowed_hosts)

    def render(name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.setdefault("charts", False)
        ctx["plotly_placeholders"] = PLOTLY.get()[3] if ctx["charts"] else []
        return HTMLResponse(env.get_template(name).render(**ctx), status_code=status)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith(JSON_PATHS)

    def error(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=status)
        titles = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 503: "Store unavailable"}
        return render("error.html", status=status, title=titles.get(status, "Error"), message=message)

    # -- errors --------------------------------------------------------
    @app.exception_handler(UsageError)
    async def usage_error(request: Request, exc: UsageError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.error("%s", exc)
        return error(request, 503, str(exc))

    @app.exception_handler(AccordError)
    async def accord_error(request: Request, exc: AccordError) -> Response:
        log.error("%s", exc)
        return error(request, 500, str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
        return error(request, 400, f"{where}: {first.get('msg', 'invalid value')}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error(request, exc.status_code, message)

    # -- JSON API ------------------------------------------------------
    err = {400: {"model": schemas.Error, "description": "Bad arguments"}}

    @app.get("/healthz", tags=["meta"], response_model=schemas.Health, summary="Liveness check (does not touch the store)")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/api/events", tags=["events"], response_model=schemas.EventsPage, responses=err, summary="Events matching filters, paginated")
    def api_events(
        actor: str | None = Query(None, description="Events with this actor as source or target (e.g. RUS)."),
        dyad: str | None = Query(None, description="Two actors, either direction: `RUS,PAK`."),
        a: str | None = Query(None, description="First actor of the dyad (with `b`), instead of `dyad`."),
        b: str | None = Query(None, description="Second actor of the dyad (with `a`)."),
        code: str | None = Query(None, description="CAMEO code prefix, 2-4 digits (`05`, `057`)."),
        root: str | None = Query(None, description="CAMEO root, 01-20."),
        quad: int | None = Query(None, ge=1, le=4, description="Quad class: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict."),
        since: str | None = Query(None, description="Events ending on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        until: str | None = Query(None, description="Events starting on or before this date."),
        doc: str | None = Query(None, description="Events of this document (id or id prefix)."),
        modality: str = Query("asserted", description="`asserted` (default), another modality, or `all`."),
        order: Literal["asc", "desc"] = Query("asc", description="By date: oldest (`asc`) or newest (`desc`) first."),
        limit: int = Query(100, ge=1, le=MAX_PAGE, description=f"Page size (max {MAX_PAGE})."),
        offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Events to skip."),
    ) -> JSONResponse:
        flt = make_filter(actor=actor, dyad=dyad, a=a, b=b, code=code, root=root, quad=quad,
                          since=since, until=until, doc=doc, modality=modality)
        total, rows = data.events_page(flt, limit, offset, newest_first=order == "desc")
        return JSONResponse({"total": total, "limit": limit, "offset": offset, "events": [event_to_json(r) for r in rows]})

    @app.get("/api/series", tags=["analysis"], response_model=schemas.SeriesOut, responses=err, summary="Per-period counts by quad class and mean Goldstein for a dyad")
    def api_series(
        a: str = Query(..., description="First actor (e.g. RUS)."),
        b: str = Query(..., description="Second actor (e.g. PAK)."),
        freq: str = Query("year", description="Period: year, quarter or month."),
        code: str | None = Query(None, description="Only events with this CAMEO code prefix."),
        since: str | None = Query(None, description="Only events ending on or after this date."),
        until: str | None = Query(None, description="Only events starting on or before this date."),
    ) -> JSONResponse:
        return JSONResponse(data.series(a, b, freq=freq, code=code, since=since, until=until))

    @app.get("/api/tilt", tags=["analysis"], response_model=schemas.TiltOut, responses=err, summary="Is the actor leaning toward one partner and away from another?")
    def api_tilt(
        actor: str = Query(..., description="The actor whose relations are compared (e.g. RUS)."),
        toward: str = Query(..., description="The partner it may lean toward (e.g. PAK)."),
        away: str = Query(..., description="The partner it may lean away from (e.g. IND)."),
        freq: str = Query("year", description="Period: year, quarter or month."),
    ) -> JSONResponse:
        return JSONResponse(data.tilt(actor, toward, away, freq=freq))

    @app.get("/api/documents", tags=["documents"], response_model=schemas.DocumentsPage, responses=err, summary="Documents, newest first, paginated")
    def api_documents(
        limit: int = Query(50, ge=1, le=MAX_PAGE, description=f"Page size (max {MAX_PAGE})."),
        offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Documents to skip."),
    ) -> JSONResponse:
        total, rows = data.documents_page(limit, offset)
        return JSONResponse({"total": total, "limit": limit, "offset": offset, "documents": rows})

    @app.get("/api/documents/{doc_id}", tags=["documents"], response_model=schemas.DocumentOut,
             responses={404: {"model": schemas.Error, "description": "No such document"}}, summary="One document with its text and events")
    def api_document(request: Request, doc_id: str) -> Response:
        found = data.document(doc_id)
        if found is None:
            return error(request, 404, f"no document {doc_id!r}")
        doc, events, truncated = found
        out = {k: doc.get(k) for k in ("doc_id", "external_id", "path", "url", "title", "author", "published", "language", "text")}
        out["events"] = [event_to_json(e) for e in events]
        out["events_truncated"] = truncated
        return JSONResponse(out)

    @app.get("/api/dyads", tags=["analysis"], response_model=schemas.DyadsOut, responses=err, summary="The most active dyads of countries, with counts by quad class")
    def api_dyads(
        limit: int = Query(20, ge=1, le=MAX_DYADS, description=f"How many dyads (max {MAX_DYADS})."),
        actor: str | None = Query(None, description="Only dyads that include this actor."),
        modality: str = Query("asserted", description="`asserted` (default), another modality, or `all`."),
    ) -> JSONResponse:
        return JSONResponse({"limit": limit, "dyads": _named(data.dyads(limit, actor=actor, modality=modality))})

    def _named(dyads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        from ..analysis import actor_name

        return [{**d, "a_name": actor_name(d["a"]), "b_name": actor_name(d["b"])} for d in dyads]

    # -- static --------------------------------------------------------
    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js(request: Request) -> Response:
        raw, packed, etag, _ = PLOTLY.get()
        headers = {"etag": etag, "cache-control": "public, max-age=86400", "vary": "accept-encoding"}
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(packed, media_type="text/javascript; charset=utf-8", headers={**headers, "content-encoding": "gzip"})
        return Response(raw, media_type="text/javascript; charset=utf-8", headers=headers)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg", status_code=301)

    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    # -- pages ---------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview() -> HTMLResponse:
        stats = data.stats()
        dyads = _named(data.dyads(15))
        _, recent = data.events_page(make_filter(), 15, 0, newest_first=True)
        return render("overview.html", title="Overview", stats=stats, dyads=dyads, recent=recent)

    @app.get("/dyads", response_class=HTMLResponse, include_in_schema=False)
    def dyads_page(
        a: str | None = None, b: str | None = None, actor: str | None = None,
    ) -> Response:
        if a or b:  # the overview's "open a dyad" form
            pa, pb = parse_code(a, "a"), parse_code(b, "b")
            return RedirectResponse(f"/dyads/{pa}/{pb}", status_code=303)
        dyads = _named(data.dyads(MAX_DYADS, actor=actor))
        return render("dyads.html", title="Dyads", dyads=dyads, actor=(actor or "").upper())

    @app.get("/dyads/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(
        a: str, b: str,
        code: str | None = None, since: str | None = None, until: str | None = None,
        freq: str = "year", page: int = Query(1, ge=1, le=MAX_OFFSET // PAGE_SIZE),
    ) -> HTMLResponse:
        params = {"code": code, "since": since, "until": until, "freq": freq if freq != "year" else None}
        try:
            pa, pb = parse_code(a, "a"), parse_code(b, "b")
            series = data.series(pa, pb, freq=freq, code=code, since=since, until=until)
            flt = make_filter(dyad=f"{pa},{pb}", code=code, since=since, until=until)
            total, rows = data.events_page(flt, PAGE_SIZE, (page - 1) * PAGE_SIZE, newest_first=True)
        except UsageError as exc:
            return render("dyad.html", status=400, title=f"{a} – {b}", error=str(exc), a=a.upper(), b=b.upper(),
                          params=params, freq=freq, series=None, total=0, rows=[], page=1, pages=1)
        pages = max(1, math.ceil(total / PAGE_SIZE))
        return render(
            "dyad.html", title=f"{series['a_name']} – {series['b_name']}", charts=True, error=None,
            a=pa, b=pb, params=params, freq=parse_freq(freq), series=series, total=total, rows=rows,
            page=page, pages=pages,
        )

    @app.get("/tilt", response_class=HTMLResponse, include_in_schema=False)
    def tilt_page(
        actor: str | None = None, toward: str | None = None, away: str | None = None, freq: str = "year",
    ) -> HTMLResponse:
        form = {"actor": (actor or "").strip().upper(), "toward": (toward or "").strip().upper(),
                "away": (away or "").strip().upper(), "freq": freq}
        if not any((actor, toward, away)):
            return render("tilt.html", title="Tilt", form=form, result=None, error=None)
        try:
            result = data.tilt(form["actor"], form["toward"], form["away"], freq=freq)
        except UsageError as exc:
            return render("tilt.html", status=400, title="Tilt", form=form, result=None, error=str(exc))
        names = result["names"]
        return render("tilt.html", title=f"Tilt of {names[result['actor']]}", charts=True, form=form, result=result, error=None)

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(
        actor: str | None = None, dyad: str | None = None, code: str | None = None, root: str | None = None,
        quad: str | None = None, since: str | None = None, until: str | None = None, doc: str | None = None,
        modality: str | None = None, page: int = Query(1, ge=1, le=MAX_OFFSET // PAGE_SIZE),
    ) -> HTMLResponse:
        params = {"actor": actor, "dyad": dyad, "code": code, "root": root, "quad": quad, "since": since,
                  "until": until, "doc": doc, "modality": modality}
        try:
            flt = make_filter(**params)
            total, rows = data.events_page(flt, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        except UsageError as exc:
            return render("events.html", status=400, title="Events", params=params, error=str(exc), total=0, rows=[], page=1, pages=1)
        pages = max(1, math.ceil(total / PAGE_SIZE))
        return render("events.html", title="Events", params=params, error=None, total=total, rows=rows, page=page, pages=pages)

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(page: int = Query(1, ge=1, le=MAX_OFFSET // PAGE_SIZE)) -> HTMLResponse:
        total, rows = data.documents_page(PAGE_SIZE, (page - 1) * PAGE_SIZE)
        pages = max(1, math.ceil(total / PAGE_SIZE))
        return render("documents.html", title="Documents", total=total, rows=rows, page=page, pages=pages)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str) -> Response:
        found = data.document(doc_id)
        if found is None:
            return error(request, 404, f"no document {doc_id!r}")
        doc, events, truncated = found
        if doc["doc_id"] != doc_id:  # a unique prefix: send bookmarks to the full id
            return RedirectResponse(f"/documents/{doc['doc_id']}", status_code=307)
        text, placed = highlight(doc["text"], events)
        return render("document.html", title=doc.get("title") or doc["doc_id"], doc=doc, text=text,
                      events=events, placed=placed, truncated=truncated)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs() -> HTMLResponse:
        spec = app.openapi()
        endpoints = []
        for path, methods in spec.get("paths", {}).items():
            for method, op in methods.items():
                endpoints.append({
                    "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                    "description": op.get("description", ""), "tags": op.get("tags", []),
                    "parameters": [_param(p) for p in op.get("parameters", [])],
                    "responses": [(code, r.get("description", "")) for code, r in op.get("responses", {}).items()],
                })
        return render("apidocs.html", title="API", spec=spec, endpoints=endpoints)

    return app


def _param(p: dict[str, Any]) -> dict[str, Any]:
    schema = p.get("schema", {})
    kinds = [s.get("type") for s in schema.get("anyOf", [])] or [schema.get("type")]
    kind = " or ".join(k for k in kinds if k and k != "null") or "string"
    limits = []
    if "enum" in schema:
        limits.append("one of " + ", ".join(str(v) for v in schema["enum"]))
    if "minimum" in schema:
        limits.append(f"≥ {schema['minimum']}")
    if "maximum" in schema:
        limits.append(f"≤ {schema['maximum']}")
    return {
        "name": p.get("name"), "in": p.get("in"), "required": p.get("required", False), "type": kind,
        "default": schema.get("default"), "limits": ", ".join(limits), "description": p.get("description", ""),
    }
