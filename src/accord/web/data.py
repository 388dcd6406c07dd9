"""Read-only queries behind the dashboard and the JSON API.

Every method borrows a read-only store (``Store(path, readonly=True)``) from
a small pool, runs bounded SELECTs and hands it back; nothing here writes.  Results that
cost more than an indexed lookup (corpus stats, the dyad ranking, per-period
series, tilt with its bootstrap) are kept in a small LRU cache keyed on the
state of the database files, so a write by ``accord ingest`` invalidates
them.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from ..corpus import EventFilter, check_actor
from ..errors import StoreError, UsageError
from ..store import EVENT_COLUMNS, Store

#: Hard limits: no request reads more than this many rows of each kind.
MAX_PAGE = 1000  # events or documents per API page
MAX_OFFSET = 10_000_000
MAX_ANALYSIS_EVENTS = 500_000  # events loaded to draw one chart
MAX_DOC_EVENTS = 5_000  # events listed with one document
MAX_DYADS = 200
POOL_SIZE = 4  # idle read-only connections kept
PAGE_CACHE_KIB = 16_000  # SQLite page cache per connection

_EVENT_SELECT = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
_SERIES_COLUMNS = (
    "event_id", "source_country", "target_country", "quad_class", "goldstein",
    "mutual", "modality", "date_start", "date_end",
)
_DOC_LIST_COLUMNS = ("doc_id", "external_id", "url", "title", "author", "published", "language")
_HEX = re.compile(r"^[0-9a-f]{6,64}$")
_DOC_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
FREQS = ("year", "quarter", "month")


# ---------------------------------------------------------------- parsing
def parse_code(value: str | None, role: str = "actor") -> str:
    """An actor code from a URL: stripped, upper-cased, known to accord."""
    code = (value or "").strip().upper()
    if not code:
        raise UsageError(f"{role}: an actor code is required (e.g. RUS)")
    return check_actor(code)


def parse_day(value: str | None, role: str, end: bool = False) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its first day, or
    its last day when ``end`` (so ``until=2019`` covers all of 2019)."""
    if value is None or not value.strip():
        return None
    m = _DATE.match(value.strip())
    if not m:
        raise UsageError(f"bad {role} date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d is not None:
            return date(y, int(mo), int(d))
        if mo is not None:
            month = int(mo)
            first = date(y, month, 1)
            if not end:
                return first
            nxt = date(y + 1, 1, 1) if month == 12 else date(y, month + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(y, 12, 31) if end else date(y, 1, 1)
    except ValueError as exc:
        raise UsageError(f"bad {role} date {value!r}: {exc}") from None


def parse_dyad(dyad: str | None, a: str | None, b: str | None) -> tuple[str, str] | None:
    """``dyad=A,B`` or ``a=A&b=B`` (either form, not both)."""
    if dyad and (a or b):
        raise UsageError("give the dyad either as dyad=A,B or as a=A&b=B, not both")
    if dyad:
        parts = [p for p in re.split(r"[,\s]+", dyad.strip()) if p]
        if len(parts) != 2:
            raise UsageError(f"bad dyad {dyad!r}: expected two actor codes, e.g. dyad=RUS,PAK")
        a, b = parts
    elif not (a or b):
        return None
    elif not (a and b):
        raise UsageError("a dyad needs both a= and b= (e.g. a=RUS&b=PAK)")
    pair = parse_code(a, "dyad"), parse_code(b, "dyad")
    if pair[0] == pair[1]:
        raise UsageError(f"a dyad needs two different actors, got {pair[0]} twice")
    return pair


def parse_freq(freq: str | None) -> str:
    freq = (freq or "year").strip().lower()
    if freq not in FREQS:
        raise UsageError(f"unknown frequency {freq!r}: use one of {', '.join(FREQS)}")
    return freq


def make_filter(
    *,
    actor: str | None = None,
    dyad: str | None = None,
    a: str | None = None,
    b: str | None = None,
    code: str | None = None,
    root: str | None = None,
    quad: int | str | None = None,
    since: str | None = None,
    until: str | None = None,
    doc: str | None = None,
    modality: str | None = None,
) -> EventFilter:
    """An :class:`EventFilter` from query-string values, validated."""
    q: int | None = None
    if quad not in (None, ""):
        try:
            q = int(quad)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise UsageError(f"bad quad class {quad!r}: expected 1-4") from None
    if doc and not _DOC_ID.match(doc.strip()):
        raise UsageError(f"bad document id {doc!r}")
    flt = EventFilter(
        actor=parse_code(actor) if actor and actor.strip() else None,
        dyad=parse_dyad(dyad, a, b),
        code=code.strip() if code and code.strip() else None,
        root=root.strip() if root and root.strip() else None,
        quad=q,
        since=parse_day(since, "since"),
        until=parse_day(until, "until", end=True),
        doc=doc.strip() if doc and doc.strip() else None,
        modality=(modality or "asserted").strip().lower() or "asserted",
    )
    if flt.since and flt.until and flt.since > flt.until:
        raise UsageError(f"since ({flt.since}) is after until ({flt.until})")
    flt.sql()  # validate codes, roots, modality now
    return flt


# ------------------------------------------------------------------ cache
class _LRU:
    """A tiny thread-safe LRU; ``size`` 0 disables it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_compute(self, key: Any, compute: Callable[[], Any]) -> Any:
        if self.size <= 0:
            return compute()
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()  # outside the lock: two threads may both compute, harmlessly
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


class _Pool:
    """A few idle read-only connections, reused so that SQLite's page cache
    stays warm between requests (a fresh connection starts cold and pays a
    system call per page).  A connection serves one request at a time; the
    pool is emptied when the database file is replaced (new inode), and a
    missing file is a :class:`StoreError` at once.
    """

    def __init__(self, path: str, size: int = POOL_SIZE) -> None:
        self.path = path
        self.size = size
        self._idle: list[Store] = []
        self._key: tuple[int, int] | None = None
        self._lock = threading.Lock()

    def _file_key(self) -> tuple[int, int]:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            raise StoreError(f"{self.path}: no such store; run 'accord ingest' first") from None
        return st.st_dev, st.st_ino

    def acquire(self) -> tuple[Store, tuple[int, int]]:
        key = self._file_key()
        stale: list[Store] = []
        with self._lock:
            if key != self._key:
                stale, self._idle, self._key = self._idle, [], key
            store = self._idle.pop() if self._idle else None
        for old in stale:
            old.close()
        if store is None:
            store = Store(self.path, readonly=True)
            store.conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
        return store, key

    def release(self, store: Store, key: tuple[int, int]) -> None:
        try:
            if store.conn.in_transaction:
                store.conn.execute("ROLLBACK")
        except Exception:  # a broken connection is not reused
            store.close()
            return
        with self._lock:
            if key == self._key and len(self._idle) < self.size:
                self._idle.append(store)
                return
        store.close()


# ------------------------------------------------------------------- data
class WebData:
    """The dashboard's read-only view of one store."""

    def __init__(self, path: str | os.PathLike[str], cache_size: int = 256) -> None:
        self.path = str(path)
        self._cache = _LRU(cache_size)
        self._pool = _Pool(self.path)

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A read-only store from the pool, returned to it afterwards."""
        store, key = self._pool.acquire()
        try:
            yield store
        finally:
            self._pool.release(store, key)

    def _state(self) -> tuple[Any, ...]:
        """Changes whenever the database (or its write-ahead log) does."""
        out: list[Any] = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self.path + suffix)
                out += [st.st_mtime_ns, st.st_size, st.st_ino]
            except FileNotFoundError:
                out += [None, None, None]
        return tuple(out)

    def cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        return self._cache.get_or_compute((self._state(), *key), compute)

    # -- overview ------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        def compute() -> dict[str, Any]:
            with self.store() as st:
                c = st.conn
                docs = c.execute("SELECT COUNT(*), MIN(published), MAX(published) FROM documents").fetchone()
                ev = c.execute("SELECT COUNT(*), SUM(modality = 'asserted'), MIN(date_start), MAX(date_end) FROM events").fetchone()
            return {
                "documents": docs[0], "published_first": docs[1], "published_last": docs[2],
                "events": ev[0], "asserted": ev[1] or 0, "first": ev[2], "last": ev[3],
            }

        return self.cached(("stats",), compute)

    def dyads(self, limit: int = 20, actor: str | None = None, modality: str = "asserted") -> list[dict[str, Any]]:
        """The most active undirected dyads of countries, with quad-class counts."""
        limit = max(1, min(int(limit), MAX_DYADS))
        flt = make_filter(actor=actor, modality=modality)  # validates both

        def compute() -> list[dict[str, Any]]:
            where = ["source_country IS NOT NULL", "target_country IS NOT NULL", "source_country <> target_country"]
            params: list[Any] = []
            if flt.modality != "all":
                where.append("modality = ?")
                params.append(flt.modality)
            if flt.actor:
                where.append("(source_country = ? OR target_country = ?)")
                params += [flt.actor, flt.actor]
            sql = (
                "SELECT min(source_country, target_country) AS a, max(source_country, target_country) AS b,"
                " COUNT(*) AS n, SUM(quad_class = 1), SUM(quad_class = 2), SUM(quad_class = 3), SUM(quad_class = 4),"
                " AVG(goldstein), MIN(date_start), MAX(date_end)"
                f" FROM events WHERE {' AND '.join(where)} GROUP BY a, b ORDER BY n DESC, a, b LIMIT ?"
            )
            with self.store() as st:
                rows = st.conn.execute(sql, [*params, limit]).fetchall()
            return [
                {
                    "a": r[0], "b": r[1], "events": r[2], "q1": r[3], "q2": r[4], "q3": r[5], "q4": r[6],
                    "goldstein_mean": round(r[7], 3) if r[7] is not None else None, "first": r[8], "last": r[9],
                }
                for r in rows
            ]

        return self.cached(("dyads", limit, flt.actor, flt.modality), compute)

    # -- events --------------------------------------------------------
    def events_page(self, flt: EventFilter, limit: int, offset: int, newest_first: bool = False) -> tuple[int, list[dict[str, Any]]]:
        """(total matching, one page of rows), ordered by date then id."""
        limit = max(1, min(int(limit), MAX_PAGE))
        offset = max(0, min(int(offset), MAX_OFFSET))
        where, params = flt.sql()
        clause = f" WHERE {where}" if where else ""
        order = "date_start DESC, event_id DESC" if newest_first else "date_start, event_id"
        state = self._state()
        with self.store() as st:
            c = st.conn
            c.execute("BEGIN")  # one snapshot for the counts and the page
            total = self._count(state, c, clause, params)
            # SQLite has no statistics on a store it may not write (no
            # ANALYZE), so it always serves a dyad or actor filter from its
            # index and sorts every match by date.  When matches are common,
            # walking the date index until the page is full reads far fewer
            # rows: offset+limit matches need about (offset+limit)·N/total.
            source = "events"
            if where and total and self._has_index(state, c, "events_date"):
                everything = self._count(state, c, "", [])
                if (offset + limit) * everything / total < total / 2:
                    source = "events INDEXED BY events_date"
            rows = [dict(r) for r in c.execute(
                f"SELECT {_EVENT_SELECT} FROM {source}{clause} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]
            )]
            c.execute("COMMIT")
        return total, rows

    def _count(self, state: tuple[Any, ...], conn: Any, clause: str, params: list[Any]) -> int:
        return self._cache.get_or_compute(
            (state, "count", clause, tuple(params)),
            lambda: conn.execute(f"SELECT COUNT(*) FROM events{clause}", params).fetchone()[0],
        )

    def _has_index(self, state: tuple[Any, ...], conn: Any, name: str) -> bool:
        return self._cache.get_or_compute(
            (state, "index", name),
            lambda: conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone() is not None,
        )

    def events_by_id(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        ids = list(dict.fromkeys(ids))[:MAX_PAGE]
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        with self.store() as st:
            rows = st.conn.execute(f"SELECT {_EVENT_SELECT} FROM events WHERE event_id IN ({marks})", ids).fetchall()
        return {r["event_id"]: dict(r) for r in rows}

    # -- documents -----------------------------------------------------
    def documents_page(self, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        limit = max(1, min(int(limit), MAX_PAGE))
        offset = max(0, min(int(offset), MAX_OFFSET))
        cols = ", ".join(f"d.{c}" for c in _DOC_LIST_COLUMNS)
        with self.store() as st:
            total = st.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            rows = [dict(r) for r in st.conn.execute(
                f"SELECT {cols}, (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.doc_id) AS events"
                " FROM documents d ORDER BY d.published IS NULL, d.published DESC, d.doc_id LIMIT ? OFFSET ?",
                (limit, offset),
            )]
        return total, rows

    def document(self, doc_id: str) -> tuple[dict[str, Any], list[dict[str, Any]], bool] | None:
        """(document with text, its events by position, truncated?) or None.

        ``doc_id`` is the full id or a unique hexadecimal prefix of it.
        """
        if not _DOC_ID.match(doc_id or ""):
            return None
        with self.store() as st:
            c = st.conn
            row = c.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
            if row is None and _HEX.match(doc_id):
                rows = c.execute("SELECT * FROM documents WHERE doc_id LIKE ? LIMIT 2", (doc_id + "%",)).fetchall()
                row = rows[0] if len(rows) == 1 else None
            if row is None:
                return None
            doc = dict(row)
            events = [dict(r) for r in c.execute(
                f"SELECT {_EVENT_SELECT} FROM events WHERE doc_id = ? ORDER BY start, \"end\", event_id LIMIT ?",
                (doc["doc_id"], MAX_DOC_EVENTS + 1),
            )]
        truncated = len(events) > MAX_DOC_EVENTS
        return doc, events[:MAX_DOC_EVENTS], truncated

    # -- analysis ------------------------------------------------------
    def _frame(self, sql: str, params: list[Any], columns: tuple[str, ...], what: str):
        import pandas as pd

        with self.store() as st:
            rows = st.conn.execute(sql + " LIMIT ?", [*params, MAX_ANALYSIS_EVENTS + 1]).fetchall()
        if len(rows) > MAX_ANALYSIS_EVENTS:
            raise UsageError(f"{what} has more than {MAX_ANALYSIS_EVENTS} events; narrow it with since= and until=")
        df = pd.DataFrame([tuple(r) for r in rows], columns=list(columns))
        df["mutual"] = df["mutual"].astype(bool)
        for col in ("date_start", "date_end"):
            df[col] = pd.to_datetime(df[col], errors="coerce")
        return df

    def series(self, a: str, b: str, freq: str = "year", code: str | None = None,
               since: str | None = None, until: str | None = None) -> dict[str, Any]:
        """Per-period quad-class counts and mean Goldstein of the A–B dyad
        (undirected, asserted events), as plain JSON data."""
        from .. import analysis

        a, b = parse_code(a, "a"), parse_code(b, "b")
        if a == b:
            raise UsageError(f"a dyad needs two different actors, got {a} twice")
        freq = parse_freq(freq)
        flt = make_filter(dyad=f"{a},{b}", code=code, since=since, until=until)

        def compute() -> dict[str, Any]:
            where, params = flt.sql()
            cols = ", ".join(f'"{c}"' for c in _SERIES_COLUMNS)
            df = self._frame(f"SELECT {cols} FROM events WHERE {where}", params, _SERIES_COLUMNS, f"the {a}–{b} dyad")
            out: dict[str, Any] = {
                "a": a, "b": b, "a_name": analysis.actor_name(a), "b_name": analysis.actor_name(b),
                "freq": freq, "directed": False, "events": len(df), "undated": 0, "periods": [],
            }
            if df.empty:
                return out
            s = analysis.series(df, a, b, freq=freq)
            out["undated"] = int(s.attrs.get("undated", 0))
            periods = []
            for rec in s.drop(columns=["event_ids"]).to_dict("records"):
                periods.append({
                    "period": str(rec["period"]),
                    "start": rec["period_start"].date().isoformat(),
                    "end": rec["period_end"].date().isoformat(),
                    "events": _num(rec["events"]),
                    "n_events": int(rec["n_events"]),
                    **{f"q{k}": _num(rec[f"q{k}"]) for k in (1, 2, 3, 4)},
                    "goldstein_sum": _num(rec["goldstein_sum"]),
                    "goldstein_mean": _num(rec["goldstein_mean"]),
                    "net_coop": _num(rec["net_coop"]),
                })
            out["periods"] = periods
            return out

        return self.cached(("series", a, b, freq, flt), compute)

    def tilt(self, actor: str, toward: str, away: str, freq: str = "year", n_boot: int = 2000,
             seed: int = 0, top_n: int = 20) -> dict[str, Any]:
        """:func:`accord.analysis.tilt` over the store, as JSON data (plus names)."""
        from .. import analysis

        actor, toward, away = parse_code(actor, "actor"), parse_code(toward, "toward"), parse_code(away, "away")
        if actor in (toward, away):
            raise UsageError(f"the actor {actor} cannot also be a partner")
        if toward == away:
            raise UsageError(f"toward and away must differ (both are {toward})")
        freq = parse_freq(freq)

        def compute() -> dict[str, Any]:
            where = (
                "modality = 'asserted' AND ((source_country = ? AND target_country IN (?, ?))"
                " OR (target_country = ? AND source_country IN (?, ?)))"
            )
            params = [actor, toward, away, actor, toward, away]
            df = self._frame(f"SELECT {_EVENT_SELECT} FROM events WHERE {where}", params, EVENT_COLUMNS,
                             f"{actor} with {toward} and {away}")
            names = {c: analysis.actor_name(c) for c in (actor, toward, away)}
            if df.empty:
                out = {
                    "actor": actor, "toward": toward, "away": away, "periods": [], "overall": None, "top_events": [],
                    "summary": f"No events between {names[actor]} and {names[toward]} or {names[away]}; "
                               "the tilt cannot be computed.",
                }
            else:
                res = analysis.tilt(df, actor, toward, away, freq=freq, n_boot=n_boot, seed=seed, top_n=top_n)
                out = res.to_json()
                out["undated"] = res.undated
            out.update(freq=freq, names=names, n_boot=n_boot, seed=seed)
            return out

        return self.cached(("tilt", actor, toward, away, freq, n_boot, seed, top_n), compute)


def _num(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if f != f else round(f, 4)


__all__ = ["FREQS", "MAX_PAGE", "WebData", "make_filter", "parse_code", "parse_day", "parse_dyad", "parse_freq"]
