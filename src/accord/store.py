"""The store: one SQLite file holding raw inputs, documents and events.

This is the only module with side effects on disk.  The schema is
versioned (``PRAGMA user_version``) and moved forward by the numbered
migrations in ``MIGRATIONS``; a file written by a newer accord is refused.

Tables (plain names, readable in any SQLite browser or Datasette):

- ``raw_inputs``  the bytes of every input, zlib-compressed, keyed by sha256
- ``documents``   one row per clean article, keyed by a content hash
- ``events``      one row per coded event, with its evidence and provenance
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from .errors import StoreError
from .records import Actor, DateRange, Document, Event

MIGRATIONS: list[str] = [
    # 1: documents, raw inputs, events
    """
    CREATE TABLE raw_inputs (
        sha256      TEXT PRIMARY KEY,
        source      TEXT NOT NULL,
        size        INTEGER NOT NULL,
        data        BLOB NOT NULL           -- zlib-compressed original bytes
    );
    CREATE TABLE documents (
        doc_id      TEXT PRIMARY KEY,       -- sha256 of the clean text (16 hex)
        external_id TEXT,                   -- the input's id, else the file stem
        path        TEXT,
        url         TEXT,
        title       TEXT,
        author      TEXT,
        published   TEXT,                   -- YYYY-MM-DD
        language    TEXT,
        source_kind TEXT,
        raw_sha256  TEXT REFERENCES raw_inputs(sha256),
        text        TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        coded_at    TEXT,
        coder       TEXT
    );
    CREATE INDEX documents_published ON documents(published);
    CREATE TABLE events (
        event_id        TEXT PRIMARY KEY,
        doc_id          TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        source_code     TEXT NOT NULL,
        source_country  TEXT,
        source_sector   TEXT,
        source_text     TEXT,
        target_code     TEXT NOT NULL,
        target_country  TEXT,
        target_sector   TEXT,
        target_text     TEXT,
        cameo           TEXT NOT NULL,
        root            TEXT NOT NULL,
        quad_class      INTEGER NOT NULL,
        goldstein       REAL NOT NULL,
        plover_type     TEXT,
        plover_mode     TEXT,
        mutual          INTEGER NOT NULL,
        modality        TEXT NOT NULL,
        date_start      TEXT,
        date_end        TEXT,
        date_precision  TEXT,
        date_text       TEXT,
        sentence        TEXT NOT NULL,
        start           INTEGER NOT NULL,
        "end"           INTEGER NOT NULL,
        confidence      REAL NOT NULL,
        coder           TEXT NOT NULL,
        extra           TEXT
    );
    CREATE INDEX events_doc ON events(doc_id);
    CREATE INDEX events_dyad ON events(source_country, target_country);
    CREATE INDEX events_target ON events(target_country);
    CREATE INDEX events_date ON events(date_start, date_end);
    CREATE INDEX events_cameo ON events(cameo);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)

DOCUMENT_FIELDS = ("doc_id", "external_id", "path", "url", "title", "author", "published", "language")
EVENT_COLUMNS = (
    "event_id", "doc_id", "source_code", "source_country", "source_sector", "source_text",
    "target_code", "target_country", "target_sector", "target_text", "cameo", "root",
    "quad_class", "goldstein", "plover_type", "plover_mode", "mutual", "modality",
    "date_start", "date_end", "date_precision", "date_text", "sentence", "start", "end",
    "confidence", "coder",
)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A connection to one accord SQLite file."""

    def __init__(self, path: str | os.PathLike[str], readonly: bool = False) -> None:
        self.path = str(path)
        try:
            if readonly:
                if not Path(self.path).exists():
                    raise StoreError(f"{self.path}: no such store; run 'accord ingest' first")
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open store ({exc})") from None
        self._migrate(readonly)

    # -- schema ------------------------------------------------------------
    def _migrate(self, readonly: bool) -> None:
        try:
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not an accord store ({exc})") from None
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: written by a newer accord (schema {version} > {SCHEMA_VERSION}); upgrade accord")
        if version == SCHEMA_VERSION:
            return
        if readonly:
            raise StoreError(f"{self.path}: store needs migrating; open it once without read-only mode")
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                for statement in _split_sql(MIGRATIONS[number]):
                    self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number + 1}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One writer at a time: BEGIN IMMEDIATE ... COMMIT, rolled back on error."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents ---------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone() is not None

    def add_document(self, doc: Document, raw: bytes | None, source: str, events: Iterable[Event] | None = None, coder: str | None = None) -> bool:
        """Store a document (and its raw input and events) atomically.

        Returns False, writing nothing, when a document with the same
        content hash is already stored.
        """
        with self.transaction() as conn:
            return self._add(conn, doc, raw, source, events, coder)

    def add_documents(self, items: Iterable[tuple[Document, bytes | None, str, Iterable[Event] | None, str | None]]) -> list[bool]:
        """Store several documents in one transaction (all or none: a crash
        leaves none of them, and a rerun adds them again).  Each item is
        ``(doc, raw, source, events, coder)`` as for :meth:`add_document`;
        returns, per item, whether it was new."""
        with self.transaction() as conn:
            return [self._add(conn, *item) for item in items]

    def _add(self, conn: sqlite3.Connection, doc: Document, raw: bytes | None, source: str, events: Iterable[Event] | None, coder: str | None) -> bool:
        if conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc.doc_id,)).fetchone():
            return False
        if raw is not None and doc.raw_sha256:
            conn.execute(
                "INSERT OR IGNORE INTO raw_inputs(sha256, source, size, data) VALUES (?, ?, ?, ?)",
                (doc.raw_sha256, source, len(raw), zlib.compress(raw, 6)),
            )
        conn.execute(
            "INSERT INTO documents(doc_id, external_id, path, url, title, author, published, language,"
            " source_kind, raw_sha256, text, ingested_at, coded_at, coder) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc.doc_id, doc.external_id, doc.path, doc.url, doc.title, doc.author,
                doc.published.isoformat() if doc.published else None, doc.language, doc.source_kind,
                doc.raw_sha256 if raw is not None else None, doc.text, _now(),
                _now() if events is not None else None, coder,
            ),
        )
        if events is not None:
            self._insert_events(conn, events)
        return True

    def replace_events(self, doc_id: str, events: Iterable[Event], coder: str) -> int:
        """Recode: swap a document's events in one transaction."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM events WHERE doc_id = ?", (doc_id,))
            n = self._insert_events(conn, events)
            conn.execute("UPDATE documents SET coded_at = ?, coder = ? WHERE doc_id = ?", (_now(), coder, doc_id))
        return n

    @staticmethod
    def _insert_events(conn: sqlite3.Connection, events: Iterable[Event]) -> int:
        rows = [_event_row(e) for e in events]
        conn.executemany(
            f"INSERT OR REPLACE INTO events({', '.join(_q(c) for c in EVENT_COLUMNS)}, extra)"
            f" VALUES ({', '.join('?' for _ in EVENT_COLUMNS)}, ?)",
            rows,
        )
        return len(rows)

    def documents(self, with_text: bool = False) -> list[dict[str, Any]]:
        cols = ", ".join(DOCUMENT_FIELDS) + (", text" if with_text else "")
        return [dict(r) for r in self.conn.execute(f"SELECT {cols} FROM documents ORDER BY ingested_at, doc_id")]

    def document(self, doc_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            rows = self.conn.execute("SELECT * FROM documents WHERE doc_id LIKE ? LIMIT 2", (doc_id + "%",)).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return dict(row) if row else None

    def iter_documents(self) -> Iterator[Document]:
        for r in self.conn.execute("SELECT * FROM documents ORDER BY ingested_at, doc_id").fetchall():
            yield row_to_document(dict(r))

    def raw_input(self, sha256: str) -> bytes | None:
        row = self.conn.execute("SELECT data FROM raw_inputs WHERE sha256 = ?", (sha256,)).fetchone()
        return zlib.decompress(row[0]) if row else None

    def counts(self) -> dict[str, int]:
        return {
            "documents": self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
            "events": self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0],
            "raw_inputs": self.conn.execute("SELECT COUNT(*) FROM raw_inputs").fetchone()[0],
        }

    # -- events ------------------------------------------------------------
    def query_events(self, where: str = "", params: Iterable[Any] = (), order: str = "date_start, event_id", limit: int | None = None) -> list[dict[str, Any]]:
        sql = f"SELECT {', '.join(_q(c) for c in EVENT_COLUMNS)} FROM events"
        if where:
            sql += f" WHERE {where}"
        sql += f" ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) for r in self.conn.execute(sql, list(params))]


def _q(col: str) -> str:
    return f'"{col}"'


def _split_sql(script: str) -> list[str]:
    lines = [ln.split("--", 1)[0] for ln in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _event_row(e: Event) -> tuple[Any, ...]:
    d = e.date
    return (
        e.event_id, e.doc_id, e.source.code, e.source.country, e.source.sector, e.source.text,
        e.target.code, e.target.country, e.target.sector, e.target.text, e.cameo, e.root,
        e.quad_class, e.goldstein, e.plover_type, e.plover_mode, int(e.mutual), e.modality,
        d.start.isoformat() if d else None, d.end.isoformat() if d else None,
        d.precision if d else None, d.text if d else None,
        e.sentence, e.start, e.end, e.confidence, e.coder,
        json.dumps(e.extra, sort_keys=True) if e.extra else None,
    )


def row_to_document(r: dict[str, Any]) -> Document:
    return Document(
        doc_id=r["doc_id"], text=r["text"], external_id=r.get("external_id"), path=r.get("path"),
        url=r.get("url"), title=r.get("title"), author=r.get("author"),
        published=date.fromisoformat(r["published"]) if r.get("published") else None,
        language=r.get("language"), raw_sha256=r.get("raw_sha256"), source_kind=r.get("source_kind"),
    )


def row_to_event(r: dict[str, Any]) -> Event:
    """Rebuild an Event record from a row of ``events``."""
    date_range = None
    if r.get("date_start"):
        date_range = DateRange(date.fromisoformat(r["date_start"]), date.fromisoformat(r["date_end"]), r["date_precision"], r.get("date_text") or "")
    return Event(
        event_id=r["event_id"], doc_id=r["doc_id"],
        source=Actor(r["source_code"], r["source_country"], r["source_sector"], r["source_text"] or ""),
        target=Actor(r["target_code"], r["target_country"], r["target_sector"], r["target_text"] or ""),
        cameo=r["cameo"], root=r["root"], quad_class=int(r["quad_class"]), goldstein=float(r["goldstein"]),
        plover_type=r["plover_type"], plover_mode=r["plover_mode"], mutual=bool(r["mutual"]),
        modality=r["modality"], date=date_range, sentence=r["sentence"], start=int(r["start"]), end=int(r["end"]),
        confidence=float(r["confidence"]), coder=r["coder"],
    )
