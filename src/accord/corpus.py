"""The Python API over a store: ``accord.open(db)`` returns a ``Corpus``.

Every CLI command is a thin wrapper over a method or function here, with
the same option names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .errors import UsageError
from .ingest import IngestOptions, parse_date_arg
from .store import Store

MODALITIES = ("asserted", "negated", "hypothetical", "speculative", "question", "denied", "future")
_CODE_RE = re.compile(r"^[A-Z]{3,4}$")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to return; every field optional."""

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    code: str | None = None
    root: str | None = None
    quad: int | None = None
    since: date | None = None
    until: date | None = None
    doc: str | None = None
    modality: str = "asserted"  # or "all"
    limit: int | None = None

    def sql(self) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if self.actor:
            check_actor(self.actor)
            where.append("(source_country = ? OR target_country = ? OR source_code = ? OR target_code = ?)")
            params += [self.actor] * 4
        if self.dyad:
            a, b = self.dyad
            check_actor(a)
            check_actor(b)
            if a == b:
                raise UsageError(f"--dyad needs two different actors, got {a} twice")
            where.append("((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))")
            params += [a, b, b, a]
        if self.code:
            if not re.fullmatch(r"\d{2,4}", self.code):
                raise UsageError(f"bad CAMEO code {self.code!r}: expected 2-4 digits")
            where.append("cameo LIKE ?")
            params.append(self.code + "%")
        if self.root:
            if not re.fullmatch(r"\d{1,2}", self.root) or not 1 <= int(self.root) <= 20:
                raise UsageError(f"bad CAMEO root {self.root!r}: expected 01-20")
            where.append("root = ?")
            params.append(self.root.zfill(2))
        if self.quad is not None:
            if self.quad not in (1, 2, 3, 4):
                raise UsageError(f"bad quad class {self.quad}: expected 1-4")
            where.append("quad_class = ?")
            params.append(self.quad)
        if self.since:
            where.append("date_end >= ?")
            params.append(self.since.isoformat())
        if self.until:
            where.append("date_start <= ?")
            params.append(self.until.isoformat())
        if self.doc:
            where.append("doc_id LIKE ?")
            params.append(self.doc + "%")
        if self.modality != "all":
            if self.modality not in MODALITIES:
                raise UsageError(f"bad modality {self.modality!r}: expected one of {', '.join(MODALITIES)} or all")
            where.append("modality = ?")
            params.append(self.modality)
        return " AND ".join(where), params


def check_actor(code: str) -> str:
    """Validate an actor code's shape and that it names a country or an
    organisation accord knows."""
    if not _CODE_RE.match(code or ""):
        raise UsageError(f"unknown actor code {code!r}: use an ISO 3166 alpha-3 code such as RUS, PAK, IND, or an organisation code such as NATO")
    from .actors import load_gazetteer

    if not load_gazetteer().is_actor_code(code):
        raise UsageError(f"unknown actor code {code!r}: not an ISO 3166 alpha-3 country or a known organisation")
    return code


def event_to_json(row: dict[str, Any]) -> dict[str, Any]:
    """A row of the events table in the public event contract."""
    return {
        "event_id": row["event_id"], "doc_id": row["doc_id"],
        "source": {"code": row["source_code"], "country": row["source_country"], "sector": row["source_sector"], "text": row["source_text"]},
        "target": {"code": row["target_code"], "country": row["target_country"], "sector": row["target_sector"], "text": row["target_text"]},
        "cameo": row["cameo"], "root": row["root"], "quad_class": row["quad_class"], "goldstein": row["goldstein"],
        "plover": {"type": row["plover_type"], "mode": row["plover_mode"]},
        "mutual": bool(row["mutual"]), "modality": row["modality"],
        "date": {"start": row["date_start"], "end": row["date_end"], "precision": row["date_precision"], "text": row["date_text"] or ""} if row["date_start"] else None,
        "evidence": {"sentence": row["sentence"], "start": row["start"], "end": row["end"]},
        "confidence": row["confidence"],
    }


class Corpus:
    """A store opened for analysis (and ingest)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)

    def _store(self, readonly: bool = True) -> Store:
        return Store(self.path, readonly=readonly)

    def ingest(self, inputs: list[str], published: str | date | None = None, allow_private: bool = False, code: bool = True):
        """Ingest inputs (paths, directories, globs, URLs); returns the report."""
        from .pipeline import ingest

        pub = published if isinstance(published, date) else parse_date_arg(published)
        coder = None
        name = None
        if code:
            from .coding import default_coder

            coder_obj = default_coder()
            coder, name = coder_obj.code_document, coder_obj.version
        with self._store(readonly=False) as store:
            return ingest(store, inputs, IngestOptions(published=pub, allow_private=allow_private), coder=coder, coder_name=name)

    def event_rows(self, flt: EventFilter | None = None, **kwargs: Any) -> list[dict[str, Any]]:
        flt = flt or EventFilter(**kwargs)
        where, params = flt.sql()
        with self._store() as store:
            return store.query_events(where, params, limit=flt.limit)

    def events(self, flt: EventFilter | None = None, **kwargs: Any):
        """Events as a pandas DataFrame (one row per event, flat columns)."""
        import pandas as pd

        from .store import EVENT_COLUMNS

        rows = self.event_rows(flt, **kwargs)
        df = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
        df["mutual"] = df["mutual"].astype(bool)
        for col in ("date_start", "date_end"):
            df[col] = pd.to_datetime(df[col], errors="coerce")
        return df

    def documents(self, with_text: bool = False) -> list[dict[str, Any]]:
        with self._store() as store:
            return store.documents(with_text=with_text)


def open(path: str | Path = "accord.db") -> Corpus:  # noqa: A001 - accord.open mirrors the built-in's role
    """Open a store for analysis: ``accord.open("accord.db").events()``."""
    return Corpus(path)
