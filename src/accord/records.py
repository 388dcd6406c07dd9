"""Typed records that flow through the pipeline.

Each stage takes one of these and returns another; none of them carries
behaviour beyond small conveniences, so they serialise plainly.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Document:
    """A clean article: text plus metadata. ``doc_id`` is a content hash."""

    doc_id: str
    text: str
    external_id: str | None = None
    path: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: date | None = None
    language: str | None = None
    raw_sha256: str | None = None
    source_kind: str | None = None  # html, text, jsonl, url


@dataclass(frozen=True, slots=True)
class DateRange:
    """When something happened: an inclusive day range with its precision.

    ``precision`` is one of day, week, month, season, quarter, year,
    decade, century, range.  ``text`` is the expression it came from.
    """

    start: date
    end: date
    precision: str
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "precision": self.precision,
            "text": self.text,
        }

    def overlaps_years(self, first: int, last: int) -> bool:
        return self.start.year <= last and self.end.year >= first


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: CAMEO-style code = country (or IGO) + sector."""

    code: str
    country: str | None
    sector: str | None
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "country": self.country, "sector": self.sector, "text": self.text}


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event, in the public event contract (see DESIGN.md)."""

    event_id: str
    doc_id: str
    source: Actor
    target: Actor
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    mutual: bool
    modality: str
    date: DateRange | None
    sentence: str
    start: int
    end: int
    confidence: float
    coder: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "source": self.source.to_json(),
            "target": self.target.to_json(),
            "cameo": self.cameo,
            "root": self.root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": {"type": self.plover_type, "mode": self.plover_mode},
            "mutual": self.mutual,
            "modality": self.modality,
            "date": self.date.to_json() if self.date else None,
            "evidence": {"sentence": self.sentence, "start": self.start, "end": self.end},
            "confidence": self.confidence,
        }


def as_dict(record: Any) -> dict[str, Any]:
    return asdict(record)
