"""The web dashboard and JSON API: ``accord serve``.

    from accord.web import create_app, serve
    app = create_app("accord.db")          # an ASGI app (FastAPI)
    serve("accord.db", port=8000)          # blocks, serving on 127.0.0.1:8000

Read-only and offline: the store is opened read-only per request, and every
script and stylesheet is served from this package (plotly.js from the
installed ``plotly`` package).  Needs the ``web`` extra (fastapi, uvicorn,
jinja2, plotly).
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

from ..errors import StoreError, UsageError

__all__ = ["create_app", "serve", "LOOPBACK_HOSTS"]

LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def create_app(db_path: str | Path, **kwargs: Any):
    """The ASGI application over the store at ``db_path`` (see :mod:`accord.web.app`)."""
    try:
        from .app import create_app as _create
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise UsageError(f"the web dashboard needs the 'web' extra ({exc.name} is missing): pip install 'accord[web]'") from None
    return _create(db_path, **kwargs)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the dashboard over the store at ``db_path`` until interrupted.

    Raises :class:`StoreError` when the store does not exist or cannot be
    opened, :class:`UsageError` for a bad port.
    """
    from ..store import Store

    path = Path(db_path)
    if not path.is_file():
        raise StoreError(f"{path}: no such store; run 'accord ingest' first")
    if not (0 < int(port) < 65536):
        raise UsageError(f"bad port {port}: expected 1-65535")
    Store(path, readonly=True).close()  # fails now, clearly, if it is not a usable store
    try:
        import uvicorn
    except ImportError:  # pragma: no cover
        raise UsageError("the web dashboard needs the 'web' extra (uvicorn is missing): pip install 'accord[web]'") from None
    # On loopback, refuse other Host headers (DNS rebinding); on a public
    # interface any host name may be in use, so none is refused.
    allowed = LOOPBACK_HOSTS + [host] if _is_loopback(host) else None
    app = create_app(path, allowed_hosts=allowed)
    uvicorn.run(app, host=host, port=int(port), log_level="info")
