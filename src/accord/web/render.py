"""HTML helpers: safe JSON data blocks, highlighted article text, labels.

Article text, titles, sentences and actor strings are untrusted.  They reach
the page only through Jinja's autoescaping or through :func:`markupsafe.escape`
here; the only markup built in Python is our own tags around escaped
segments.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def json_text(data: Any) -> str:
    """JSON safe to place inside an HTML ``<script type="application/json">``:
    ``<``, ``>`` and ``&`` become ``\\u003c`` etc., so no ``</script>`` or
    comment opener can appear, whatever the data holds."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def json_script(element_id: str, data: Any) -> Markup:
    """A non-executed data block, read by our static JS with ``JSON.parse``."""
    return Markup('<script type="application/json" id="{}">{}</script>').format(element_id, Markup(json_text(data)))


def code_spans(text: str | None) -> Markup:
    """Escape ``text``, then show its `backquoted` parts as ``<code>`` (for
    our own API descriptions; the markup is added after escaping)."""
    return Markup(re.sub(r"`([^`]+)`", r"<code>\1</code>", str(escape(text or ""))))


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None (never a ``javascript:`` href)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def _spans(text: str, events: list[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """(start, end, event_id) for the events whose evidence can be placed.

    The stored character offsets are used when they fall inside the text;
    otherwise the evidence sentence is searched for; failing both, the event
    is listed but not highlighted.
    """
    n = len(text)
    out = []
    for ev in events:
        s, e = ev.get("start"), ev.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n):
            sentence = ev.get("sentence") or ""
            i = text.find(sentence) if sentence else -1
            if i < 0:
                continue
            s, e = i, i + len(sentence)
        out.append((s, e, str(ev["event_id"])))
    out.sort()
    return out


def highlight(text: str, events: list[dict[str, Any]]) -> tuple[Markup, set[str]]:
    """The article text, escaped, with each event's evidence in ``<mark>``.

    Overlapping spans (several events from one sentence, or nested ones) are
    cut at every span boundary; each piece is one ``<mark>`` linking to the
    first event covering it (``#event-<id>``) and naming all of them.  The
    first piece of each event carries ``id="mark-<id>"`` so the event list
    can link back.  Returns the markup and the ids that were placed.
    """
    spans = _spans(text, events)
    if not spans:
        return Markup(escape(text)), set()
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    parts: list[str] = []
    active: dict[str, int] = {}  # event id -> end, in start order
    anchored: set[str] = set()
    j = 0
    for lo, hi in zip(cuts, cuts[1:]):
        for eid in [k for k, end in active.items() if end <= lo]:
            del active[eid]
        while j < len(spans) and spans[j][0] <= lo:
            s, e, eid = spans[j]
            if e > lo:
                active[eid] = e
            j += 1
        segment = escape(text[lo:hi])
        if not active:
            parts.append(segment)
            continue
        ids = list(active)
        first_new = [i for i in ids if i not in anchored]
        anchored.update(first_new)
        anchor = Markup(' id="mark-{}"').format(first_new[0]) if first_new else Markup("")
        extra = Markup("").join(Markup('<span class="anchor" id="mark-{}"></span>').format(i) for i in first_new[1:])
        label = f"{len(ids)} events" if len(ids) > 1 else "1 event"
        parts.append(
            Markup('<mark class="ev{}"{} data-events="{}">{}<a href="#event-{}" title="{}">{}</a></mark>').format(
                " multi" if len(ids) > 1 else "", anchor, " ".join(ids), extra, ids[0], label, segment
            )
        )
    return Markup("").join(parts), anchored


def when(row: dict[str, Any]) -> str:
    """A compact date for an event row: a day, or ``start – end``."""
    start, end = row.get("date_start"), row.get("date_end")
    if not start:
        return "undated"
    if not end or end == start:
        return start
    return f"{start} – {end}"
