"""Response shapes of the JSON API, for the OpenAPI document.

The endpoints build plain dicts (the public event contract comes from
:func:`accord.corpus.event_to_json`); these models only describe them.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Error(BaseModel):
    error: str = Field(description="One-line message saying what was wrong.")


class ActorOut(BaseModel):
    code: str
    country: str | None
    sector: str | None
    text: str | None


class DateOut(BaseModel):
    start: str
    end: str
    precision: str | None
    text: str


class PloverOut(BaseModel):
    type: str | None
    mode: str | None


class EvidenceOut(BaseModel):
    sentence: str
    start: int = Field(description="Character offset of the sentence in the document text.")
    end: int


class EventOut(BaseModel):
    """One event in the public event contract."""

    event_id: str
    doc_id: str
    source: ActorOut
    target: ActorOut
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: PloverOut
    mutual: bool
    modality: str
    date: DateOut | None
    evidence: EvidenceOut
    confidence: float


class EventsPage(BaseModel):
    total: int = Field(description="Events matching the filters.")
    limit: int
    offset: int
    events: list[EventOut]


class SeriesPeriod(BaseModel):
    period: str
    start: str
    end: str
    events: float | None = Field(description="Weighted number of events (multi-period events are spread).")
    n_events: int
    q1: float | None
    q2: float | None
    q3: float | None
    q4: float | None
    goldstein_sum: float | None
    goldstein_mean: float | None
    net_coop: float | None


class SeriesOut(BaseModel):
    a: str
    b: str
    a_name: str
    b_name: str
    freq: str
    directed: bool
    events: int
    undated: int
    periods: list[SeriesPeriod]


class TiltPeriodOut(BaseModel):
    period: str
    start: str
    end: str
    score_toward: float | None
    score_away: float | None
    tilt: float | None
    low: float | None
    high: float | None
    events: list[str]


class TiltOut(BaseModel):
    actor: str
    toward: str
    away: str
    freq: str
    periods: list[TiltPeriodOut]
    summary: str
    overall: dict | None
    top_events: list[dict]
    names: dict[str, str]


class DocumentSummary(BaseModel):
    doc_id: str
    external_id: str | None
    url: str | None
    title: str | None
    author: str | None
    published: str | None
    language: str | None
    events: int


class DocumentsPage(BaseModel):
    total: int
    limit: int
    offset: int
    documents: list[DocumentSummary]


class DocumentOut(BaseModel):
    doc_id: str
    external_id: str | None
    path: str | None
    url: str | None
    title: str | None
    author: str | None
    published: str | None
    language: str | None
    text: str
    events: list[EventOut]
    events_truncated: bool


class DyadOut(BaseModel):
    a: str
    b: str
    a_name: str
    b_name: str
    events: int
    q1: int
    q2: int
    q3: int
    q4: int
    goldstein_mean: float | None
    first: str | None
    last: str | None


class DyadsOut(BaseModel):
    limit: int
    dyads: list[DyadOut]


class Health(BaseModel):
    status: str
