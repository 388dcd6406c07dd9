"""The pipeline: from inputs to stored, coded documents.

Stages, in order (each a function over typed records; only the store
writes):

1. expand inputs: files, directories, globs, stdin, URLs, JSONL lines
   → ``RawInput``                                   (``ingest.expand_inputs``)
2. extract a clean ``Document``: main text, metadata, content hash
                                                   (``ingest.extract``)
3. detect the language; non-English documents are stored and flagged,
   not coded                                       (``ingest.detect_language``)
4. code events: sentences → actors → time → events (``coding.Coder``)
5. store the document, its raw input and its events in one transaction
                                                   (``store.Store.add_document``)

A failing input is reported with its reason and skipped; the batch goes
on, and a document is either stored whole or not at all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .errors import InputError
from .ingest import IngestOptions, expand_inputs, extract, raw_payload
from .records import Document, Event
from .store import Store

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    ingested: int = 0
    duplicates: int = 0
    rejected: list[InputError] = field(default_factory=list)
    not_english: list[str] = field(default_factory=list)
    events: int = 0

    def summary(self) -> str:
        parts = [f"{self.ingested} ingested", f"{self.duplicates} skipped as duplicate", f"{len(self.rejected)} rejected"]
        if self.not_english:
            parts.append(f"{len(self.not_english)} not English (stored, not coded)")
        parts.append(f"{self.events} events coded")
        return ", ".join(parts)


Coder = Callable[[Document], list[Event]]


def ingest(
    store: Store,
    specs: list[str],
    options: IngestOptions,
    coder: Coder | None = None,
    coder_name: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
    on_progress: Callable[[str], None] | None = None,
    stdin=None,
) -> IngestReport:
    """Ingest inputs into ``store``; code each new English document with
    ``coder`` when given.  Errors go to ``on_error`` and the batch goes on."""
    report = IngestReport()
    for item in expand_inputs(specs, options, stdin=stdin):
        if isinstance(item, InputError):
            _reject(report, item, on_error)
            continue
        if on_progress:
            on_progress(item.source)
        try:
            doc = extract(item, options)
        except InputError as exc:
            _reject(report, exc, on_error)
            continue
        if store.has_document(doc.doc_id):
            report.duplicates += 1
            continue
        events: list[Event] | None = None
        if doc.language not in (None, "en"):
            report.not_english.append(item.source)
            if on_notice:
                on_notice(f"{item.source}: language '{doc.language}', not English: stored, not coded")
        elif coder is not None:
            events = coder(doc)
        if store.add_document(doc, raw_payload(item), item.source, events=events, coder=coder_name if events is not None else None):
            report.ingested += 1
            report.events += len(events or [])
        else:
            report.duplicates += 1
    return report


def _reject(report: IngestReport, exc: InputError, on_error: Callable[[InputError], None] | None) -> None:
    report.rejected.append(exc)
    log.info("rejected %s", exc)
    if on_error:
        on_error(exc)


def recode(store: Store, coder: Coder, coder_name: str, doc_ids: Iterable[str] | None = None, on_progress: Callable[[str], None] | None = None) -> tuple[int, int]:
    """Recode stored English documents; returns (documents, events)."""
    wanted = set(doc_ids) if doc_ids else None
    n_docs = n_events = 0
    for doc in store.iter_documents():
        if wanted is not None and doc.doc_id not in wanted:
            continue
        if doc.language not in (None, "en"):
            continue
        if on_progress:
            on_progress(doc.doc_id)
        events = coder(doc)
        n_events += store.replace_events(doc.doc_id, events, coder_name)
        n_docs += 1
    return n_docs, n_events

