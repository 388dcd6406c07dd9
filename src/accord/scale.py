"""Scale-out: ingest on a Dask cluster into Parquet shards, analyse with DuckDB.

The local engine (:func:`accord.pipeline.ingest`) runs every input through
one process.  This module spreads the same work over Dask workers and keeps
its results in a directory of Parquet shards, then loads them into the
SQLite store with the local engine's semantics::

    report = ingest_dask(["corpus/"], IngestOptions(), db_path="accord.db", workers=4)

Layout of a shard directory (default ``<db>.shards/``)::

    manifest.json                  partition ids in the order they were first planned
    documents/part-<id>.parquet    documents of one partition (with text and raw bytes)
    events/part-<id>.parquet       events of those documents (the ``events`` table columns)
    done/<id>.json                 written last: counts and rejected inputs

How it works:

1. **Plan** (on the client): file, directory and glob specs are expanded into
   a sorted file list, exactly as :func:`accord.ingest.expand_inputs` orders
   it.  Consecutive HTML/text files are grouped ``partition_size`` at a time;
   a JSONL file is split into line ranges of ``partition_size`` lines (byte
   offsets found with one fast scan, so a worker seeks to its range); a WARC
   file (``.warc``, ``.warc.gz``) is split into record ranges holding
   ``partition_size`` response records.  URLs are one partition each; stdin is
   refused.  A partition's id is a hash of its spec (paths, sizes and
   mtimes, line or record range, and the options that change its output).
2. **Run** each partition as a Dask task on a ``LocalCluster`` (one thread per
   worker process) or on the cluster behind ``scheduler``.  The task calls
   :func:`accord.coding.default_coder` itself, so each worker loads spaCy once
   and nothing big is pickled.  It writes its two shards (temp file, fsync,
   ``os.replace``) and then the ``done`` marker.  A partition whose marker
   exists is not run again: a killed run resumes where it stopped.
3. **Load** the shards into SQLite in plan order, as partitions finish: each
   document with its events in one transaction, documents already stored
   skipped as duplicates -- the local engine's rules, so both engines give
   the same store.  ``parquet_only`` skips this step.

Analytics over the shards (:func:`events_frame_from_parquet`,
:func:`series_parquet`, :func:`tilt_parquet`, :func:`tilt_duckdb`) read
only partitions whose marker exists and apply the store's dedupe rules in
SQL: a document counts once, from the first partition (in manifest order)
that holds it; an event id counts once, the last row winning like the
store's ``INSERT OR REPLACE``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import hashlib
import io
import itertools
import json
import logging
import os
import time
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .errors import AccordError, InputError, UsageError
from .ingest import (
    MAX_INPUT_BYTES,
    IngestOptions,
    RawInput,
    _from_file,
    _jsonl_lines,
    _suffix_kind,
    expand_inputs,
    expand_paths,
    extract,
    parse_date_arg,
    raw_payload,
)
from .pipeline import IngestReport
from .records import Event
from .store import EVENT_COLUMNS, _event_row, row_to_document, row_to_event

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "Partition",
    "ScaleError",
    "ScaleReport",
    "default_shard_dir",
    "events_frame_from_parquet",
    "ingest_dask",
    "plan_partitions",
    "run_partition",
    "series_parquet",
    "tilt_duckdb",
    "tilt_parquet",
    "warm_workers",
]

#: Documents (files, JSONL lines, WARC response records) per partition.
#: Coding runs at roughly 5-10 documents/s per worker, so 250 is a task of
#: 30-60 s: long enough to amortise scheduling, short enough to lose little
#: on a kill and to spread a single big JSONL file over the workers.
DEFAULT_PARTITION_SIZE = 250
SHARD_FORMAT = 1
_SCAN_BLOCK = 1 << 20


class ScaleError(AccordError):
    """A partition task failed (the others are kept; rerun to resume)."""


def _is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(".warc") or name.endswith(".warc.gz")


# ==========================================================================
# Planning


@dataclass(frozen=True, slots=True)
class Partition:
    """One unit of work: a group of files, a JSONL line range, a WARC record
    range or one URL.  ``pid`` is stable across runs for the same inputs."""

    pid: str
    kind: str  # files | jsonl | warc | url
    paths: tuple[str, ...]  # paths as given (or the URL)
    stats: tuple[tuple[int, int], ...] = ()  # (size, mtime_ns) per path
    first: int = 0  # jsonl: first line (1-based); warc: first record index (0-based)
    stop: int = 0  # jsonl: line after the last; warc: record index after the last; 0 = to the end
    offset: int = 0  # byte offset of the first line / record
    length: int = -1  # plain JSONL: bytes in the range; -1 = read to the end
    cwd: str = ""  # the planner's working directory (relative paths are relative to it)

    def describe(self) -> str:
        if self.kind == "files":
            if len(self.paths) == 1:
                return self.paths[0]
            return f"{len(self.paths)} files {self.paths[0]} .. {self.paths[-1]}"
        if self.kind == "jsonl":
            if self.stop:
                return f"{self.paths[0]}:{self.first}-{self.stop - 1}"
            return f"{self.paths[0]}:{self.first}-"
        if self.kind == "warc":
            return f"{self.paths[0]}#{self.first}-{self.stop - 1 if self.stop else ''}"
        return self.paths[0]


def _stat(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (int(st.st_size), int(st.st_mtime_ns))


def _pid(kind: str, paths: Sequence[str], stats: Sequence[tuple[int, int]], first: int, stop: int, options: IngestOptions, code: bool) -> str:
    spec = {
        "format": SHARD_FORMAT,
        "kind": kind,
        "paths": list(paths),
        "stats": [list(s) for s in stats],
        "range": [first, stop],
        "published": options.published.isoformat() if options.published else None,
        "allow_private": bool(options.allow_private) if kind == "url" else None,
        "code": bool(code),
    }
    blob = json.dumps(spec, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:20]


def _expand_paths(specs: Sequence[str]) -> Iterator[Path | str | InputError]:
    """Specs to a flat, ordered stream of file Paths, URL strings and errors,
    in the order :func:`accord.ingest.expand_inputs` visits them (WARC files
    too)."""
    accept = lambda p: bool(_suffix_kind(p) or _is_warc(p))  # noqa: E731
    for item in expand_paths(list(specs), accept=accept, kinds=".html, .htm, .txt, .jsonl or .warc"):
        if item == "-":
            yield InputError("-", "stdin is not supported by the dask engine; save it to a file or use the local engine")
        else:
            yield item


def _jsonl_line_offsets(path: Path, every: int) -> tuple[list[int], int]:
    """Byte offsets of lines 1, 1+every, 1+2*every, ... and the file size,
    in one pass counting newlines block by block (lines as Python's binary
    line iteration sees them)."""
    offsets = [0]
    line = 1  # number of the line that starts at the current position
    boundary = 1 + every
    pos = 0
    with open(path, "rb") as fh:
        while True:
            block = fh.read(_SCAN_BLOCK)
            if not block:
                break
            n = block.count(b"\n")
            if line + n < boundary:
                line += n
            else:
                idx = block.find(b"\n")
                while idx >= 0:
                    line += 1
                    if line == boundary:
                        offsets.append(pos + idx + 1)
                        boundary += every
                    idx = block.find(b"\n", idx + 1)
            pos += len(block)
    offsets = [o for o in offsets if o < pos] or [0]
    return offsets, pos


def _gzip_line_count(path: Path) -> int:
    lines = 0
    last = b""
    with gzip.open(path, "rb") as fh:
        while True:
            block = fh.read(_SCAN_BLOCK)
            if not block:
                break
            lines += block.count(b"\n")
            last = block[-1:]
    if last and last != b"\n":
        lines += 1
    return lines


def _plan_jsonl(path: Path, every: int) -> list[tuple[int, int, int, int]]:
    """(first, stop, offset, length) per range; [(1, 0, 0, -1)] = whole file."""
    try:
        if path.name.lower().endswith(".gz"):
            total = _gzip_line_count(path)
            return [(first, min(first + every, total + 1), 0, -1) for first in range(1, total + 1, every)]
        offsets, size = _jsonl_line_offsets(path, every)
    except (OSError, EOFError, zlib.error):
        return [(1, 0, 0, -1)]  # the worker reads it whole and reports the error where it happens
    if size == 0:
        return []
    out = []
    for k, off in enumerate(offsets):
        end = offsets[k + 1] if k + 1 < len(offsets) else size
        first = 1 + k * every
        out.append((first, first + every, off, end - off))
    return out


def _plan_warc(path: Path, every: int) -> list[tuple[int, int, int]]:
    """(first record, stop record, byte offset) per range of ``every``
    response/resource records; [(0, 0, 0)] = the whole file in one task."""
    from warcio.archiveiterator import ArchiveIterator

    ranges: list[tuple[int, int, int]] = []
    start_idx = start_off = in_range = 0
    try:
        with open(path, "rb") as fh:
            it = ArchiveIterator(fh)
            for idx, record in enumerate(it):
                is_doc = record.rec_type in ("response", "resource")
                offset = it.get_record_offset()
                if is_doc and in_range == every:  # ranges start at a response record
                    ranges.append((start_idx, idx, start_off))
                    start_idx, start_off, in_range = idx, offset, 0
                in_range += is_doc
    except Exception:  # noqa: BLE001 - warcio raises assorted errors; the worker reports them
        return [(0, 0, 0)]
    ranges.append((start_idx, 0, start_off))
    return ranges


def plan_partitions(
    specs: Sequence[str],
    options: IngestOptions | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    code: bool = True,
) -> list[Partition | InputError]:
    """Partitions (and rejected specs) in input order; deterministic for the
    same inputs on disk."""
    options = options or IngestOptions()
    if partition_size < 1:
        raise UsageError(f"partition size must be at least 1, got {partition_size}")
    cwd = os.getcwd()
    plan: list[Partition | InputError] = []
    batch: list[Path] = []

    def flush() -> None:
        if not batch:
            return
        paths = tuple(str(p) for p in batch)
        stats = tuple(_stat(p) for p in batch)
        plan.append(Partition(_pid("files", paths, stats, 0, 0, options, code), "files", paths, stats, cwd=cwd))
        batch.clear()

    for item in _expand_paths(specs):
        if isinstance(item, InputError):
            flush()
            plan.append(item)
        elif isinstance(item, str):  # URL
            flush()
            plan.append(Partition(_pid("url", (item,), (), 0, 0, options, code), "url", (item,), cwd=cwd))
        elif _is_warc(item):
            flush()
            stats = (_stat(item),)
            for first, stop, offset in _plan_warc(item, partition_size):
                plan.append(Partition(_pid("warc", (str(item),), stats, first, stop, options, code), "warc", (str(item),), stats, first, stop, offset, cwd=cwd))
        elif _suffix_kind(item) == "jsonl":
            flush()
            stats = (_stat(item),)
            for first, stop, offset, length in _plan_jsonl(item, partition_size):
                plan.append(Partition(_pid("jsonl", (str(item),), stats, first, stop, options, code), "jsonl", (str(item),), stats, first, stop, offset, length, cwd=cwd))
        else:
            batch.append(item)
            if len(batch) >= partition_size:
                flush()
    flush()
    return plan


# ==========================================================================
# The partition task (runs on a worker)

_STRING_DOC_FIELDS = ("doc_id", "external_id", "path", "url", "title", "author", "published", "language", "source_kind", "raw_sha256", "text", "source")
_STRING_EVENT_COLUMNS = {
    "event_id", "doc_id", "source_code", "source_country", "source_sector", "source_text", "target_code",
    "target_country", "target_sector", "target_text", "cameo", "root", "plover_type", "plover_mode", "modality",
    "date_start", "date_end", "date_precision", "date_text", "sentence", "coder", "extra",
}
_INT_EVENT_COLUMNS = {"quad_class", "mutual", "start", "end"}
_FLOAT_EVENT_COLUMNS = {"goldstein", "confidence"}
SHARD_EVENT_COLUMNS = tuple(EVENT_COLUMNS) + ("extra",)


def _schemas():
    import pyarrow as pa

    doc_fields = [pa.field(name, pa.string()) for name in _STRING_DOC_FIELDS]
    doc_fields += [pa.field("raw", pa.binary()), pa.field("coded", pa.bool_()), pa.field("coder", pa.string()),
                   pa.field("not_english", pa.bool_()), pa.field("n_events", pa.int32()), pa.field("seq", pa.int32())]
    ev_fields = []
    for col in SHARD_EVENT_COLUMNS:
        if col in _INT_EVENT_COLUMNS:
            ev_fields.append(pa.field(col, pa.int64()))
        elif col in _FLOAT_EVENT_COLUMNS:
            ev_fields.append(pa.field(col, pa.float64()))
        else:
            ev_fields.append(pa.field(col, pa.string()))
    return pa.schema(doc_fields), pa.schema(ev_fields)


def _local_path(part: Partition, path: str) -> str:
    """The path to open on this worker: as given when the worker shares the
    planner's working directory (names then match the local engine's)."""
    if os.path.isabs(path) or not part.cwd or os.getcwd() == part.cwd:
        return path
    return os.path.join(part.cwd, path)


def _changed(part: Partition, index: int, path: str) -> InputError | None:
    if part.stats and part.stats[index] != _stat(Path(path)):
        return InputError(path, "file changed since the ingest was planned; rerun to pick up the new version")
    return None


Item = tuple["RawInput | InputError", IngestOptions]


def _jsonl_items(part: Partition, options: IngestOptions) -> Iterator[Item]:
    path = Path(_local_path(part, part.paths[0]))
    err = _changed(part, 0, str(path))
    if err:
        yield err, options
        return
    if not part.stop:  # whole file, as the local engine reads it
        for item in _from_file(path):
            yield item, options
        return
    blanks = itertools.repeat(b"\n", part.first - 1)  # keeps _jsonl_lines' line numbers absolute
    try:
        if part.length >= 0:
            with open(path, "rb") as fh:
                fh.seek(part.offset)
                data = fh.read(part.length)
            lines: Iterable[bytes] = io.BytesIO(data)
            for item in _jsonl_lines(str(path), itertools.chain(blanks, lines), path):
                yield item, options
        else:
            with gzip.open(path, "rb") as fh:
                lines = itertools.islice(fh, part.first - 1, part.stop - 1)
                for item in _jsonl_lines(str(path), itertools.chain(blanks, lines), path):
                    yield item, options
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(str(path), f"cannot read: {exc}"), options


def _warc_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return parse_date_arg(value)
    except InputError:
        return None


def _warc_items(part: Partition, options: IngestOptions, skipped: list[int]) -> Iterator[Item]:
    """HTML response (and resource) records of a WARC range as raw inputs.

    The URL comes from WARC-Target-URI; WARC-Date is the fallback
    publication date (after the page's own metadata, before --published).
    Requests, metadata, non-HTML and non-2xx responses are skipped."""
    from warcio.archiveiterator import ArchiveIterator

    name = part.paths[0]
    path = _local_path(part, name)
    err = _changed(part, 0, path)
    if err:
        yield err, options
        return
    try:
        with open(path, "rb") as fh:
            fh.seek(part.offset)
            for idx, record in enumerate(ArchiveIterator(fh), start=part.first):
                if part.stop and idx >= part.stop:
                    break
                if record.rec_type not in ("response", "resource"):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                if record.rec_type == "response":
                    if record.http_headers is None:
                        skipped[0] += 1
                        continue
                    status = record.http_headers.get_statuscode() or ""
                    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                    if not status.startswith("2") or "html" not in ctype:
                        skipped[0] += 1
                        continue
                else:
                    ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
                    if "html" not in ctype:
                        skipped[0] += 1
                        continue
                source = f"{url} ({name}#{idx})" if url else f"{name}#{idx}"
                body = record.content_stream().read(MAX_INPUT_BYTES + 1)
                if len(body) > MAX_INPUT_BYTES:
                    yield InputError(source, f"input too large (over {MAX_INPUT_BYTES // 2**20} MB)"), options
                    continue
                record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>") or None
                fallback = _warc_date(record.rec_headers.get_header("WARC-Date")) or options.published
                raw = RawInput(source=source, data=body, kind="html", external_id=record_id, path=name, url=url)
                yield raw, dataclasses.replace(options, published=fallback)
    except Exception as exc:  # noqa: BLE001 - warcio: ArchiveLoadFailed, zlib, EOF, ...
        reason = str(exc).strip().splitlines()
        yield InputError(name, f"cannot read WARC ({type(exc).__name__}: {next((r.strip() for r in reason if r.strip()), 'corrupt')})"), options


def _partition_items(part: Partition, options: IngestOptions, skipped: list[int]) -> Iterator[Item]:
    if part.kind == "files":
        for i, name in enumerate(part.paths):
            path = _local_path(part, name)
            err = _changed(part, i, path)
            if err:
                yield err, options
                continue
            for item in _from_file(Path(path)):
                yield item, options
    elif part.kind == "jsonl":
        yield from _jsonl_items(part, options)
    elif part.kind == "warc":
        yield from _warc_items(part, options, skipped)
    elif part.kind == "url":
        for item in expand_inputs([part.paths[0]], options):
            yield item, options
    else:  # pragma: no cover - plan_partitions makes only the kinds above
        raise ValueError(f"unknown partition kind {part.kind!r}")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _atomic(dest: Path, write: Callable[[Path], None]) -> None:
    tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(tmp)
        _fsync(tmp)
        os.replace(tmp, dest)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _write_parquet(table, dest: Path) -> None:
    import pyarrow.parquet as pq

    _atomic(dest, lambda tmp: pq.write_table(table, tmp, compression="zstd"))


def _write_json(data: dict, dest: Path) -> None:
    text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True)
    _atomic(dest, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def shard_paths(out: Path, pid: str) -> tuple[Path, Path, Path]:
    return out / "documents" / f"part-{pid}.parquet", out / "events" / f"part-{pid}.parquet", out / "done" / f"{pid}.json"


def run_partition(part: Partition, options: IngestOptions, out_dir: str, code: bool = True) -> dict[str, Any]:
    """Extract (and code) one partition; write its shards, then its marker.

    Runs on a Dask worker.  The coder is :func:`default_coder`, built once
    per worker process and never shipped.  Returns the marker."""
    import pyarrow as pa

    out = Path(out_dir)
    docs_path, events_path, marker_path = shard_paths(out, part.pid)
    if marker_path.exists():  # done by an earlier (or concurrent) run
        return json.loads(marker_path.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    doc_schema, event_schema = _schemas()
    docs: list[dict[str, Any]] = []
    # event id -> row; a repeated id replaces the earlier row (the store's
    # INSERT OR REPLACE), so event ids are unique in a shard
    events: dict[str, dict[str, Any]] = {}
    rejected: list[list[str]] = []
    seen: set[str] = set()
    duplicates = inputs = 0
    skipped = [0]
    coder = None
    for item, opts in _partition_items(part, options, skipped):
        inputs += 1
        if isinstance(item, InputError):
            rejected.append([item.source, item.reason])
            continue
        try:
            doc = extract(item, opts)
        except InputError as exc:
            rejected.append([exc.source, exc.reason])
            continue
        if doc.doc_id in seen:  # the local engine finds it stored: a duplicate, not coded again
            duplicates += 1
            continue
        seen.add(doc.doc_id)
        not_english = doc.language not in (None, "en")
        doc_events: list[Event] | None = None
        if code and not not_english:
            if coder is None:
                from .coding import default_coder

                coder = default_coder()
            doc_events = coder.code_document(doc)
        row = {name: getattr(doc, name) for name in _STRING_DOC_FIELDS if name not in ("source", "published")}
        row.update(
            published=doc.published.isoformat() if doc.published else None,
            source=item.source,
            raw=raw_payload(item),
            coded=doc_events is not None,
            coder=coder.version if doc_events is not None else None,
            not_english=not_english,
            n_events=len(doc_events or []),
            seq=len(docs),
        )
        docs.append(row)
        for ev in doc_events or []:
            events[ev.event_id] = dict(zip(SHARD_EVENT_COLUMNS, _event_row(ev)))
    _write_parquet(pa.Table.from_pylist(docs, schema=doc_schema), docs_path)
    _write_parquet(pa.Table.from_pylist(list(events.values()), schema=event_schema), events_path)
    marker = {
        "format": SHARD_FORMAT,
        "pid": part.pid,
        "spec": part.describe(),
        "kind": part.kind,
        "inputs": inputs,
        "documents": len(docs),
        "events": sum(d["n_events"] for d in docs),
        "unique_event_ids": True,
        "duplicates": duplicates,
        "not_english": sum(1 for d in docs if d["not_english"]),
        "skipped_records": skipped[0],
        "rejected": rejected,
        "coder": coder.version if coder is not None else None,
        "seconds": round(time.perf_counter() - t0, 3),
        "worker_pid": os.getpid(),
    }
    _write_json(marker, marker_path)
    return marker


def _warm() -> str:
    """Load what a task needs (spaCy model, lexicon, language id, HTML
    extractor) in this process; returns the coder version."""
    import pyarrow.parquet  # noqa: F401 - imported for their start-up cost
    import trafilatura  # noqa: F401

    from .coding import default_coder
    from .ingest import detect_language

    coder = default_coder()
    coder.code_text("Russia and China signed a trade agreement in Moscow on Monday.", published=date(2020, 1, 6))
    detect_language("Russia and China signed a trade agreement in Moscow on Monday.")
    return coder.version


def warm_workers(client) -> dict[str, str]:
    """Load the coder on every worker of ``client`` now (benchmarks and
    tests; ingest works without it).  Returns {worker address: coder version}."""
    return client.run(_warm)


# ==========================================================================
# The client: plan, submit, load


@dataclass
class ScaleReport(IngestReport):
    """:class:`accord.pipeline.IngestReport` plus the partition bookkeeping."""

    partitions: int = 0  # distinct partitions in the plan
    resumed: int = 0  # of which already done by an earlier run (not run again)
    parquet_dir: str = ""
    loaded: bool = True  # False with parquet_only: counts are what a fresh store would get
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = super().summary()
        extra = f"{self.partitions} partitions"
        if self.resumed:
            extra += f", {self.resumed} already done"
        text += f" ({extra}; shards in {self.parquet_dir})"
        return text


def default_shard_dir(db_path: str | os.PathLike[str]) -> Path:
    """Where shards go when loading into ``db_path``: ``<db>.shards/``."""
    p = Path(db_path)
    return p.with_name(p.name + ".shards")


MANIFEST = "manifest.json"


def _read_manifest(out: Path) -> list[str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise UsageError(f"{out / MANIFEST}: unreadable manifest ({exc})") from None
    return [p["pid"] for p in data.get("partitions", [])]


def _update_manifest(out: Path, parts: Sequence[Partition]) -> None:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        data = {"format": SHARD_FORMAT, "partitions": []}
    known = {p["pid"] for p in data["partitions"]}
    for part in parts:
        if part.pid not in known:
            known.add(part.pid)
            data["partitions"].append({"pid": part.pid, "spec": part.describe()})
    _write_json(data, out / MANIFEST)


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    import fcntl

    with open(out / ".lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(f"{out}: another ingest is writing to this shard directory") from None
        yield


@contextlib.contextmanager
def _dask_client(workers: int, scheduler: str | None, client: Any | None) -> Iterator[Any]:
    if client is not None:
        yield client
        return
    from distributed import Client, LocalCluster

    # distributed logs its life cycle at INFO into the root handlers; keep
    # that for -v and quieter runs quiet
    dlog = logging.getLogger("distributed")
    saved = dlog.level
    dlog.setLevel(max(logging.getLogger().getEffectiveLevel(), logging.INFO))
    try:
        if scheduler:
            try:
                cl = Client(scheduler, timeout="15s")
            except (OSError, TimeoutError) as exc:
                raise UsageError(f"cannot connect to the Dask scheduler at {scheduler} ({exc})") from None
            with cl:
                yield cl
            return
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR)
        try:
            with Client(cluster) as cl:
                yield cl
        finally:
            cluster.close()
    finally:
        dlog.setLevel(saved)


def _event_from_row(row: dict[str, Any]) -> Event:
    ev = row_to_event(row)
    if row.get("extra"):
        ev = dataclasses.replace(ev, extra=json.loads(row["extra"]))
    return ev


class _Loader:
    """Loads finished partitions, in plan order, with the local engine's rules."""

    def __init__(self, out: Path, store, report: ScaleReport, on_error, on_notice) -> None:
        self.out = out
        self.store = store
        self.report = report
        self.on_error = on_error
        self.on_notice = on_notice
        self.seen: set[str] = set()  # parquet-only: doc ids a fresh store would hold

    def reject(self, exc: InputError) -> None:
        self.report.rejected.append(exc)
        log.info("rejected %s", exc)
        if self.on_error:
            self.on_error(exc)

    def load(self, pid: str, marker: dict[str, Any]) -> None:
        import pyarrow.parquet as pq

        for source, reason in marker["rejected"]:
            self.reject(InputError(source, reason))
        self.report.duplicates += int(marker["duplicates"])
        docs_path, events_path, _ = shard_paths(self.out, pid)
        if self.store is None:
            table = pq.read_table(docs_path, columns=["doc_id", "source", "not_english", "n_events", "language", "seq"])
            rows = sorted(table.to_pylist(), key=lambda r: r["seq"])
            for row in rows:
                new = row["doc_id"] not in self.seen
                self.seen.add(row["doc_id"])
                self._count(row, new)
            return
        rows = sorted(pq.read_table(docs_path).to_pylist(), key=lambda r: r["seq"])
        by_doc: dict[str, list[dict[str, Any]]] = {}
        if any(r["n_events"] for r in rows):
            for ev in pq.read_table(events_path).to_pylist():
                by_doc.setdefault(ev["doc_id"], []).append(ev)
        # One transaction per partition: a crash leaves the partition wholly
        # unloaded, and the rerun loads it (documents already stored are
        # skipped by their content hash).
        items, kept = [], []
        for row in rows:
            if self.store.has_document(row["doc_id"]):
                self._count(row, False)
                continue
            events = [_event_from_row(e) for e in by_doc.get(row["doc_id"], [])] if row["coded"] else None
            items.append((row_to_document(row), row["raw"], row["source"], events, row["coder"]))
            kept.append(row)
        for row, added in zip(kept, self.store.add_documents(items), strict=True):
            self._count(row, added)

    def _count(self, row: dict[str, Any], new: bool) -> None:
        if not new:
            self.report.duplicates += 1
            return
        self.report.ingested += 1
        self.report.events += int(row["n_events"] or 0)
        if row["not_english"]:
            self.report.not_english.append(row["source"])
            if self.on_notice:
                self.on_notice(f"{row['source']}: language '{row['language']}', not English: stored, not coded")


def _clean_tmp(out: Path) -> None:
    for sub in ("documents", "events", "done"):
        for tmp in (out / sub).glob(".*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()


def ingest_dask(
    specs: Sequence[str],
    options: IngestOptions | None = None,
    db_path: str | os.PathLike[str] | None = None,
    parquet_dir: str | os.PathLike[str] | None = None,
    workers: int = 2,
    scheduler: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    code: bool = True,
    on_error: Callable[[InputError], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    client: Any | None = None,
) -> ScaleReport:
    """Ingest ``specs`` on Dask workers into Parquet shards, then (unless
    ``db_path`` is None) load them into the store at ``db_path``.

    ``parquet_dir`` defaults to ``<db_path>.shards``; give ``parquet_dir``
    alone for a Parquet-only run.  ``client`` reuses a connected
    ``distributed.Client``; otherwise a ``LocalCluster`` of ``workers``
    processes is started (or ``scheduler`` is connected to) and closed at
    the end.  Rejected inputs go to ``on_error`` (the batch goes on);
    ``on_progress(done, total, spec)`` follows the partitions.

    Rerunning after a crash or kill resumes: finished partitions are not
    run again and the store ends as after one clean run.  A failing task
    (a bug, not a bad input) raises :class:`ScaleError` after the other
    tasks finish; rerun to retry it.
    """
    options = options or IngestOptions()
    if db_path is None and parquet_dir is None:
        raise UsageError("give a store (db_path) or a Parquet directory (parquet_dir)")
    if workers < 1:
        raise UsageError(f"--workers must be at least 1, got {workers}")
    t0 = time.perf_counter()
    out = Path(parquet_dir if parquet_dir is not None else default_shard_dir(db_path)).resolve()  # type: ignore[arg-type]
    for sub in ("documents", "events", "done"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    report = ScaleReport(parquet_dir=str(out), loaded=db_path is not None)
    with _locked(out):
        _clean_tmp(out)
        plan = plan_partitions(specs, options, partition_size, code=code)
        parts = [p for p in plan if isinstance(p, Partition)]
        unique: dict[str, Partition] = {}
        for p in parts:
            unique.setdefault(p.pid, p)
        _update_manifest(out, list(unique.values()))
        pending = [p for pid, p in unique.items() if not shard_paths(out, pid)[2].exists()]
        report.partitions, report.resumed = len(unique), len(unique) - len(pending)

        store = None
        if db_path is not None:
            from .store import Store

            store = Store(db_path)
        try:
            with contextlib.ExitStack() as stack:
                futures: dict[str, Any] = {}
                if pending:
                    cl = stack.enter_context(_dask_client(workers, scheduler, client))
                    token = uuid.uuid4().hex[:8]
                    for p in pending:
                        futures[p.pid] = cl.submit(run_partition, p, options, str(out), code, key=f"accord-{p.pid}-{token}", pure=False)
                _run_loader(plan, futures, out, store, report, on_error, on_notice, on_progress)
        finally:
            if store is not None:
                store.close()
    report.seconds = time.perf_counter() - t0
    if report.failed:
        raise ScaleError(
            f"{len(report.failed)} partition(s) failed; the others are saved in {out}; rerun the same command to retry: "
            + "; ".join(report.failed[:3])
        )
    return report


def _run_loader(plan, futures, out, store, report, on_error, on_notice, on_progress) -> None:
    from distributed import wait

    loader = _Loader(out, store, report, on_error, on_notice)
    n_parts = sum(1 for p in plan if isinstance(p, Partition))
    done = 0
    for item in plan:
        if isinstance(item, InputError):
            loader.reject(item)
            continue
        fut = futures.pop(item.pid, None)
        try:
            marker = fut.result() if fut is not None else json.loads(shard_paths(out, item.pid)[2].read_text(encoding="utf-8"))
        except Exception as exc:  # noqa: BLE001 - a task failed: keep the order, stop loading
            report.failed.append(f"{item.describe()}: {type(exc).__name__}: {exc}")
            wait(list(futures.values()))  # let the others finish and write their markers
            return
        loader.load(item.pid, marker)
        done += 1
        if on_progress:
            on_progress(done, n_parts, item.describe())


# ==========================================================================
# DuckDB analytics over the shards


def _completed(parquet_dir: str | os.PathLike[str]) -> list[tuple[int, str, str, str, bool]]:
    """(rank, pid, documents shard, events shard, unique event ids) of
    finished partitions, in manifest order (then partitions missing from it,
    by id)."""
    out = Path(parquet_dir).resolve()
    if not (out / "done").is_dir():
        raise UsageError(f"{parquet_dir}: not an accord shard directory (no done/ folder); run 'accord ingest --engine dask --parquet-only {parquet_dir}' first")
    done = {p.stem for p in (out / "done").glob("*.json")}
    order = [pid for pid in dict.fromkeys(_read_manifest(out)) if pid in done]
    order += sorted(done - set(order))
    rows = []
    for rank, pid in enumerate(order):
        docs, events, marker = shard_paths(out, pid)
        if docs.exists() and events.exists():
            try:
                unique = bool(json.loads(marker.read_text(encoding="utf-8")).get("unique_event_ids"))
            except (OSError, ValueError):
                unique = False
            rows.append((rank, pid, str(docs), str(events), unique))
    return rows


def _sql_list(paths: Iterable[str]) -> str:
    return "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"


def _connect(threads: int | None = None):
    import duckdb

    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    return con


def _events_sql(con, parts: list[tuple[int, str, str, str, bool]], prefilter: str = "", columns: Sequence[str] = EVENT_COLUMNS) -> str:
    """SQL for the deduplicated events of the finished partitions.

    A document counts once, from the first partition (rank) holding it; an
    event id once, the last row in load order winning (the store's INSERT OR
    REPLACE).  Shards written by :func:`run_partition` hold each event id
    once already (their markers say so); the event-id pass only runs when
    some shard lacks that guarantee.  (Event ids hash the doc id, so once a
    document comes from one partition its ids cannot meet another
    document's, short of a 64-bit hash collision.)

    ``prefilter`` (a condition on actor columns, which are the same for
    every row of an event id) is applied before the dedupe to cut work;
    ``columns`` (which must include ``event_id`` and ``doc_id``) limits what
    is read."""
    import pyarrow as pa

    con.register("_parts", pa.table({
        "rank": [p[0] for p in parts], "docs_file": [p[2] for p in parts], "events_file": [p[3] for p in parts],
    }))
    cols = ", ".join(f'x."{c}"' for c in columns)
    where = f"WHERE {prefilter}" if prefilter else ""
    docs_files, event_files = _sql_list(p[2] for p in parts), _sql_list(p[3] for p in parts)
    sql = f"""
        WITH dup AS (  -- documents held by more than one partition, and the first of them
            SELECT x.doc_id, min(p.rank) AS rank
            FROM read_parquet({docs_files}, filename = true) x
            JOIN _parts p ON x.filename = p.docs_file
            GROUP BY x.doc_id HAVING count(*) > 1
        ),
        e AS (
            SELECT {cols}, p.rank AS _rank, x.file_row_number AS _row
            FROM read_parquet({event_files}, filename = true, file_row_number = true) x
            JOIN _parts p ON x.filename = p.events_file
            {where}
        )
        SELECT e.* EXCLUDE (_rank, _row)
        FROM e ANTI JOIN dup ON e.doc_id = dup.doc_id AND e._rank <> dup.rank
    """
    if not all(p[4] for p in parts):
        sql += "    QUALIFY row_number() OVER (PARTITION BY e.event_id ORDER BY e._rank DESC, e._row DESC) = 1\n"
    return sql


def _empty_frame():
    import pandas as pd

    return pd.DataFrame([], columns=list(EVENT_COLUMNS))


def _to_frame(table):
    """An Arrow table of event rows to the DataFrame ``Corpus.events()``
    builds from the same rows (same dtypes, same missing values)."""
    import pandas as pd

    if table.num_rows == 0:
        df = _empty_frame()
    else:
        df = table.to_pandas()
        for col in df.columns:  # an all-null text column is object/None there
            if col in _STRING_EVENT_COLUMNS and table.column(col).null_count == table.num_rows:
                df[col] = pd.Series([None] * len(df), dtype=object, index=df.index)
    df["mutual"] = df["mutual"].astype(bool)
    for col in ("date_start", "date_end"):
        df[col] = pd.to_datetime(df[col], errors="coerce")
    return df


def _query_frame(parquet_dir, prefilter: str = "", prefilter_params: Sequence[Any] = (), flt=None, threads: int | None = None):
    from .corpus import EventFilter

    parts = _completed(parquet_dir)
    if not parts:
        return _empty_frame()
    flt = flt or EventFilter()
    where, params = flt.sql()
    con = _connect(threads)
    try:
        sql = f"SELECT * FROM ({_events_sql(con, parts, prefilter)}) ev"
        if where:
            sql += f" WHERE {where}"
        sql += " ORDER BY date_start NULLS FIRST, event_id"
        if flt.limit is not None:
            sql += f" LIMIT {int(flt.limit)}"
        table = con.sql(sql, params=list(prefilter_params) + list(params)).to_arrow_table()
    finally:
        con.close()
    return _to_frame(table)


def events_frame_from_parquet(parquet_dir: str | os.PathLike[str], flt=None, threads: int | None = None, **kwargs: Any):
    """Events of a shard directory as the DataFrame ``Corpus(db).events()``
    gives for the store the same shards load into (asserted events by
    default; ``modality="all"`` or any :class:`~accord.corpus.EventFilter`
    field narrows or widens it).  Computed by DuckDB over ``events/*.parquet``
    of finished partitions, with the store's dedupe rules."""
    from .corpus import EventFilter

    return _query_frame(parquet_dir, flt=flt or EventFilter(**kwargs), threads=threads)


def _pair_condition(a: str, others: Sequence[str]) -> tuple[str, list[str]]:
    marks = ", ".join("?" for _ in others)
    # named sides only, as analysis.dyad_events counts
    cond = f"((source_country = ? AND target_country IN ({marks})) OR (target_country = ? AND source_country IN ({marks}))) AND coalesce(source_text, '') <> '' AND coalesce(target_text, '') <> ''"
    return cond, [a, *others, a, *others]


def _dyad_frame(parquet_dir, a: str, others: Sequence[str], threads: int | None):
    """The asserted events between ``a`` and ``others`` -- all the analysis
    looks at -- or, when there are none, one unrelated asserted event so the
    analysis sees a non-empty store exactly as it does over SQLite."""
    cond, params = _pair_condition(a, others)
    df = _query_frame(parquet_dir, prefilter=cond, prefilter_params=params, threads=threads)
    if len(df) == 0:
        from .corpus import EventFilter

        df = _query_frame(parquet_dir, flt=EventFilter(limit=1), threads=threads)
    return df


def series_parquet(parquet_dir, a: str, b: str, freq: str = "year", directed: bool = False, threads: int | None = None):
    """:func:`accord.analysis.series` over the shards; the same numbers as
    over the store they load into."""
    from . import analysis
    from .corpus import check_actor

    check_actor(a)
    check_actor(b)
    return analysis.series(_dyad_frame(parquet_dir, a, [b], threads), a, b, freq=freq, directed=directed)


def tilt_parquet(parquet_dir, actor: str, toward: str, away: str, freq: str = "year", n_boot: int = 2000, seed: int = 0, threads: int | None = None, **kwargs: Any):
    """:func:`accord.analysis.tilt` over the shards; the same result as over
    the store they load into."""
    from . import analysis
    from .corpus import check_actor

    for code in (actor, toward, away):
        check_actor(code)
    frame = _dyad_frame(parquet_dir, actor, [toward, away], threads)
    return analysis.tilt(frame, actor, toward, away, freq=freq, n_boot=n_boot, seed=seed, **kwargs)


_TILT_COLUMNS = ("event_id", "doc_id", "source_country", "target_country", "goldstein", "modality", "date_start", "date_end")
_ORDINAL_SQL = {
    "year": "year({d})",
    "quarter": "year({d}) * 4 + quarter({d}) - 1",
    "month": "year({d}) * 12 + month({d}) - 1",
}


def tilt_duckdb(parquet_dir, actor: str, toward: str, away: str, freq: str = "year", missing: str = "neutral", threads: int | None = None):
    """Per-period tilt computed entirely in DuckDB SQL (no bootstrap).

    The same definitions as :func:`accord.analysis.tilt` with ``n_boot=0``:
    asserted, dated events with a Goldstein value between ``actor`` and each
    partner (either direction), each spread over the periods its date range
    overlaps with weight 1/periods; score = weighted mean Goldstein; tilt =
    toward − away; with ``missing="neutral"`` the silent side of a one-sided
    period scores 0 (``"skip"``: NaN), as in the pandas tilt.  Returns a DataFrame with ``period`` (as ``str`` of the
    pandas Period), ``score_toward``, ``score_away``, ``tilt``, ``n_toward``,
    ``n_away``, one row per period from the first to the last with events.
    Sums run in a different order than numpy's, so values agree with the
    pandas ones to ~1e-12, not bit for bit."""
    import pandas as pd

    from .analysis import FREQS

    if freq not in FREQS:
        raise UsageError(f"unknown frequency {freq!r}: use one of {', '.join(FREQS)}")
    if missing not in ("neutral", "skip"):
        raise UsageError(f"missing must be 'neutral' or 'skip', not {missing!r}")
    silent = "0.0" if missing == "neutral" else "NULL"
    columns = ["period", "score_toward", "score_away", "tilt", "n_toward", "n_away"]
    parts = _completed(parquet_dir)
    if not parts:
        return pd.DataFrame(columns=columns)
    cond, params = _pair_condition(actor, [toward, away])
    lo = _ORDINAL_SQL[freq].format(d="least(s, e)")
    hi = _ORDINAL_SQL[freq].format(d="greatest(s, e)")
    con = _connect(threads)
    try:
        sql = f"""
            WITH ev AS ({_events_sql(con, parts, cond, _TILT_COLUMNS)}),
            dated AS (
                SELECT event_id, goldstein AS g, (source_country = ? OR target_country = ?) AS toward,
                       TRY_CAST(date_start AS DATE) AS s, TRY_CAST(date_end AS DATE) AS e
                FROM ev
                WHERE modality = 'asserted' AND goldstein IS NOT NULL
            ),
            spans AS (
                SELECT event_id, g, toward, {lo} AS p0, {hi} AS p1
                FROM (SELECT event_id, g, toward, s, coalesce(e, s) AS e FROM dated WHERE s IS NOT NULL)
            ),
            spread AS (
                SELECT g, toward, unnest(range(p0, p1 + 1)) AS p, 1.0 / (p1 - p0 + 1) AS w FROM spans
            ),
            side AS (  -- event ids are unique after the dedupe: count(*) counts events
                SELECT p, toward, sum(g * w) / sum(w) AS score, count(*) AS n FROM spread GROUP BY p, toward
            )
            SELECT p, score_toward, score_away, score_toward - score_away AS tilt, n_toward, n_away
            FROM (
                SELECT p,
                       coalesce(max(score) FILTER (WHERE toward), {silent}) AS score_toward,
                       coalesce(max(score) FILTER (WHERE NOT toward), {silent}) AS score_away,
                       coalesce(max(n) FILTER (WHERE toward), 0) AS n_toward,
                       coalesce(max(n) FILTER (WHERE NOT toward), 0) AS n_away
                FROM side GROUP BY p
            ) ORDER BY p
        """
        agg = con.execute(sql, params + [toward, toward]).df()
    finally:
        con.close()
    if agg.empty:
        return pd.DataFrame(columns=columns)
    pfreq = FREQS[freq]
    ords = agg["p"].astype("int64").to_numpy()
    if freq == "year":
        labels = [pd.Period(year=int(o), freq=pfreq) for o in ords]
        full = pd.period_range(labels[0], labels[-1], freq=pfreq)
    elif freq == "quarter":
        labels = [pd.Period(year=int(o) // 4, quarter=int(o) % 4 + 1, freq=pfreq) for o in ords]
        full = pd.period_range(labels[0], labels[-1], freq=pfreq)
    else:
        labels = [pd.Period(year=int(o) // 12, month=int(o) % 12 + 1, freq=pfreq) for o in ords]
        full = pd.period_range(labels[0], labels[-1], freq=pfreq)
    agg.index = pd.PeriodIndex(labels, freq=pfreq)
    agg = agg.reindex(full)
    out = pd.DataFrame({
        "period": [str(p) for p in full],
        "score_toward": agg["score_toward"].to_numpy(dtype=float),
        "score_away": agg["score_away"].to_numpy(dtype=float),
        "tilt": agg["tilt"].to_numpy(dtype=float),
    })
    out["n_toward"] = agg["n_toward"].fillna(0).to_numpy(dtype="int64")
    out["n_away"] = agg["n_away"].fillna(0).to_numpy(dtype="int64")
    return out[columns]
