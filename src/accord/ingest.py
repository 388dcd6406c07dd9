"""Ingest: turn what users have (pages, scraped text, JSONL corpora, URLs)
into clean :class:`~accord.records.Document` records.

Sources are expanded by :func:`expand_inputs` into :class:`RawInput` items
(one per file, URL, stdin or JSONL line) and each is turned into a
``Document`` by :func:`extract`.  Every failure is an
:class:`~accord.errors.InputError` naming the input and the reason, so a
batch can log it and go on.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import ipaddress
import json
import logging
import os
import re
import socket
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from .clean import clean_scraped_text
from .errors import FetchError, InputError
from .records import Document

log = logging.getLogger(__name__)

# Largest input we accept, after decompression.  News pages are well under
# 5 MB; a 50 MB "page" is a dump or an attack.  Raise it for huge JSONL
# corpora, which are read line by line and are not held by this cap.
MAX_INPUT_BYTES = 20 * 1024 * 1024
# URL bodies are capped lower: a page, not a dataset.
MAX_URL_BYTES = 10 * 1024 * 1024
URL_TIMEOUT_S = 15.0
# Below this many characters of main text there is no article to code.
# Calibrated on the extraction benchmark: its shortest true body is ~300
# characters; navigation-only pages give < 100.
MIN_TEXT_CHARS = 80
MIN_TEXT_WORDS = 3

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ALL_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | JSONL_SUFFIXES


@dataclass(frozen=True, slots=True)
class RawInput:
    """One unit of input before extraction."""

    source: str  # path, URL, "-", or "path:line" for a JSONL record
    data: bytes | None  # raw bytes for files/URLs; None for JSONL records
    kind: str  # html | text | jsonl-record
    record: dict | None = None
    external_id: str | None = None
    path: str | None = None
    url: str | None = None
    published: date | None = None


@dataclass(frozen=True, slots=True)
class IngestOptions:
    published: date | None = None  # used when the source has no date
    allow_private: bool = False


def parse_date_arg(value: str | None, source: str = "--published") -> date | None:
    """Parse YYYY-MM-DD (or a longer ISO timestamp) into a date."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if not m:
        raise InputError(source, f"bad date {value!r}: expected YYYY-MM-DD")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise InputError(source, f"bad date {value!r}: {exc}") from None


# --------------------------------------------------------------------------
# Expanding input specs


def _is_url(spec: str) -> bool:
    return spec.startswith(("http://", "https://"))


def _suffix_kind(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in HTML_SUFFIXES:
        return "html"
    if last in JSONL_SUFFIXES:
        return "jsonl"
    if last in TEXT_SUFFIXES:
        return "text"
    return None


def expand_paths(specs: list[str], accept=None, kinds: str = ".html, .htm, .txt or .jsonl") -> Iterator[Path | str | InputError]:
    """Specs to an ordered stream of file Paths, URL strings, "-" (stdin)
    and errors, in the order both engines visit them.  Directories are read
    recursively for files ``accept`` takes (default: a known suffix)."""
    accept = accept or (lambda p: _suffix_kind(p) is not None)
    for spec in specs:
        if spec == "-" or _is_url(spec):
            yield spec
            continue
        path = Path(spec)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and accept(p))
            if not files:
                yield InputError(spec, f"directory holds no {kinds} files")
            yield from files
        elif path.exists():
            yield path
        elif any(ch in spec for ch in "*?["):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield InputError(spec, "no file matches this pattern")
            yield from (Path(m) for m in matches if Path(m).is_file())
        else:
            yield InputError(spec, "no such file or directory")


def expand_inputs(specs: list[str], options: IngestOptions, stdin: io.BufferedReader | None = None) -> Iterator[RawInput | InputError]:
    """Yield raw inputs for files, directories, globs, stdin and URLs.

    Errors are yielded (not raised) so the caller can report and go on.
    """
    for item in expand_paths(specs):
        if isinstance(item, InputError):
            yield item
        elif item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(MAX_INPUT_BYTES + 1)
            yield from _from_bytes("-", data, None)
        elif isinstance(item, str):
            try:
                data, final_url, ctype = fetch_url(item, allow_private=options.allow_private)
            except InputError as exc:
                yield exc
                continue
            kind = "html" if "html" in ctype else "text"
            yield RawInput(source=item, data=data, kind=kind, url=final_url)
        else:
            yield from _from_file(item)


def _from_file(path: Path) -> Iterator[RawInput | InputError]:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES and not path.name.endswith(".gz") and _suffix_kind(path) != "jsonl":
            yield InputError(source, f"file too large ({size / 1e6:.0f} MB; limit {MAX_INPUT_BYTES // 2**20} MB)")
            return
        if _suffix_kind(path) == "jsonl":
            yield from _jsonl_records(path)
            return
        with open(path, "rb") as fh:
            data = fh.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or exc}")
        return
    yield from _from_bytes(source, data, path)


def _decompress(source: str, data: bytes) -> bytes:
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            out = gz.read(MAX_INPUT_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise InputError(source, f"corrupt gzip data ({exc})") from None
    return out


def _from_bytes(source: str, data: bytes, path: Path | None) -> Iterator[RawInput | InputError]:
    try:
        data = _decompress(source, data)
    except InputError as exc:
        yield exc
        return
    if len(data) > MAX_INPUT_BYTES:
        yield InputError(source, f"input too large (over {MAX_INPUT_BYTES // 2**20} MB)")
        return
    kind = _suffix_kind(path) if path is not None else None
    if kind == "jsonl" or (kind is None and _looks_like_jsonl(data)):
        yield from _jsonl_lines(source, io.BytesIO(data), path)
        return
    if kind is None:
        kind = "html" if _looks_like_html(data) else "text"
    ext_id = _stem(path) if path is not None else None
    yield RawInput(source=source, data=data, kind=kind, external_id=ext_id, path=str(path) if path else None)


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".gz",):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return Path(name).stem


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in data[:65536].lower()


def _looks_like_jsonl(data: bytes) -> bool:
    head = data.lstrip()[:1]
    return head == b"{"


def _jsonl_records(path: Path) -> Iterator[RawInput | InputError]:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            yield from _jsonl_lines(str(path), fh, path)
    except (OSError, EOFError) as exc:
        yield InputError(str(path), f"cannot read: {exc}")


def _jsonl_lines(source: str, stream, path: Path | None) -> Iterator[RawInput | InputError]:
    for lineno, line in enumerate(stream, start=1):
        where = f"{source}:{lineno}"
        if not line.strip():
            continue
        if len(line) > MAX_INPUT_BYTES:
            yield InputError(where, "record too large")
            continue
        try:
            record = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            yield InputError(where, "record is not valid UTF-8")
            continue
        except json.JSONDecodeError as exc:
            yield InputError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "record is not a JSON object")
            continue
        if not isinstance(record.get("text"), str) and not isinstance(record.get("html"), str):
            yield InputError(where, "record has neither a 'text' nor an 'html' string field")
            continue
        try:
            published = parse_date_arg(record.get("published"), where) if record.get("published") else None
        except InputError as exc:
            yield exc
            continue
        ext = record.get("id")
        if ext is None:  # no id: the file stem and the line keep it unique
            ext = f"{_stem(path)}:{lineno}" if path is not None else f"{source}:{lineno}"
        yield RawInput(
            source=where,
            data=None,
            kind="jsonl-record",
            record=record,
            external_id=str(ext) if ext is not None else None,
            path=str(path) if path else source,
            url=record.get("url") if isinstance(record.get("url"), str) else None,
            published=published,
        )


# --------------------------------------------------------------------------
# Fetching URLs


def _check_host(url: str, allow_private: bool) -> None:
    parsed = urlparse(url)
    host = parsed.hostname
    if not host:
        raise FetchError(url, "URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parsed.port or (443 if parsed.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise FetchError(url, f"cannot resolve host {host!r} ({exc.strerror})") from None
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved or addr.is_multicast or addr.is_unspecified:
            raise FetchError(url, f"refusing to fetch {host} ({addr}): private, loopback or link-local address; pass --allow-private to allow it")


def fetch_url(url: str, allow_private: bool = False, timeout: float = URL_TIMEOUT_S) -> tuple[bytes, str, str]:
    """Fetch a page; returns (body, final URL, content type).

    Refuses private, loopback and link-local addresses unless
    ``allow_private``; checks every redirect hop; caps the body size.
    """
    import httpx

    current = url
    with httpx.Client(timeout=timeout, follow_redirects=False, headers={"User-Agent": "accord/0.1 (+offline research tool)"}) as client:
        for _hop in range(6):
            _check_host(current, allow_private)
            try:
                with client.stream("GET", current) as resp:
                    if resp.is_redirect:
                        location = resp.headers.get("location")
                        if not location:
                            raise FetchError(url, f"redirect without a location (HTTP {resp.status_code})")
                        current = str(resp.url.join(location))
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(url, f"HTTP {resp.status_code}")
                    ctype = resp.headers.get("content-type", "").lower()
                    if not any(t in ctype for t in ("text/html", "application/xhtml", "text/plain")):
                        raise FetchError(url, f"unsupported content type {ctype or 'none'!r} (want HTML or plain text)")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > MAX_URL_BYTES:
                        raise FetchError(url, f"page too large ({int(declared) / 1e6:.0f} MB; limit {MAX_URL_BYTES // 2**20} MB)")
                    body = bytearray()
                    for chunk in resp.iter_bytes():
                        body.extend(chunk)
                        if len(body) > MAX_URL_BYTES:
                            raise FetchError(url, f"page too large (over {MAX_URL_BYTES // 2**20} MB)")
                    return bytes(body), str(resp.url), ctype
            except httpx.TimeoutException:
                raise FetchError(url, f"timed out after {timeout:.0f} s") from None
            except httpx.HTTPError as exc:
                raise FetchError(url, f"cannot fetch ({type(exc).__name__}: {exc})") from None
    raise FetchError(url, "too many redirects")


# --------------------------------------------------------------------------
# Extraction


def _check_bytes(source: str, data: bytes) -> None:
    if not data or not data.strip():
        raise InputError(source, "empty input")
    sample = data[:8192]
    if b"\x00" in sample:
        raise InputError(source, "binary file (contains NUL bytes), not text or HTML")
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if controls > len(sample) * 0.05:
        raise InputError(source, "binary file (too many control bytes), not text or HTML")


_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.I)


def _decode(source: str, data: bytes, html: bool) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    encoding = "utf-8"
    if html:
        m = _CHARSET_RE.search(data[:4096])
        if m:
            encoding = m.group(1).decode("ascii", "replace").lower()
    try:
        return data.decode(encoding)
    except LookupError:
        encoding = "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); re-encode the file as UTF-8") from None


def _normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip()


def _text_title(text: str) -> str | None:
    """The first line of scraped text when it reads as a headline: short,
    and not ending like a sentence of the body."""
    first = text.split("\n", 1)[0].strip()
    if 3 <= len(first.split()) <= 25 and not first.endswith((".", ",", ";", ":")):
        return first
    return None


def content_id(text: str) -> str:
    """Document id: a hash of the clean text (whitespace-normalised)."""
    norm = re.sub(r"\s+", " ", text).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    text: str
    title: str | None
    author: str | None
    published: date | None
    url: str | None


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Main text and metadata of a page (trafilatura + htmldate)."""
    import trafilatura
    from htmldate import find_date

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    text = ""
    title = author = page_url = None
    published: date | None = None
    if doc is not None:
        text = doc.text or ""
        title = doc.title or None
        author = doc.author or None
        page_url = doc.url or None
        if doc.date:
            try:
                published = parse_date_arg(doc.date)
            except InputError:
                published = None
    if published is None:
        try:
            found = find_date(html, url=url, extensive_search=False, original_date=True)
        except Exception:  # htmldate raises assorted errors on odd markup
            found = None
        if found:
            try:
                published = parse_date_arg(found)
            except InputError:
                published = None
    return HtmlExtract(_normalize_text(text), title, author, published, page_url)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), or None if too short."""
    import py3langid

    sample = text[:5000]
    if len(re.findall(r"\w+", sample)) < 5:
        return None
    lang, _score = py3langid.classify(sample)
    return lang


def extract(raw: RawInput, options: IngestOptions) -> Document:
    """Turn one raw input into a Document, or raise InputError."""
    title = author = None
    url = raw.url
    published = raw.published
    raw_bytes = raw.data
    if raw.kind == "jsonl-record":
        record = raw.record or {}
        raw_bytes = json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8")
        if isinstance(record.get("html"), str) and not isinstance(record.get("text"), str):
            ext = extract_html(record["html"], url=url)
            text, title, author = ext.text, ext.title, ext.author
            published = published or ext.published
            url = url or ext.url
        else:
            text = _normalize_text(clean_scraped_text(record["text"]))
        title = record.get("title") if isinstance(record.get("title"), str) else title
        author = record.get("author") if isinstance(record.get("author"), str) else author
        kind = "jsonl"
    else:
        assert raw_bytes is not None
        _check_bytes(raw.source, raw_bytes)
        if raw.kind == "html":
            html = _decode(raw.source, raw_bytes, html=True)
            ext = extract_html(html, url=url)
            text, title, author = ext.text, ext.title, ext.author
            published = published or ext.published
            url = url or ext.url
            kind = "html"
        else:
            text = _normalize_text(clean_scraped_text(_decode(raw.source, raw_bytes, html=False)))
            title = _text_title(text)
            kind = "text"
    # A page whose extraction leaves a few words is navigation, not an
    # article; plain text and JSONL records are taken as given (one
    # sentence is a document), as long as they hold some words.
    if (kind == "html" and len(text) < MIN_TEXT_CHARS) or len(re.findall(r"\w+", text)) < MIN_TEXT_WORDS:
        raise InputError(raw.source, "no article text found")
    if published is None:
        published = options.published
    if published is not None and not (1800 <= published.year <= date.today().year + 1):
        raise InputError(raw.source, f"implausible publication date {published.isoformat()}")
    language = detect_language(text)
    return Document(
        doc_id=content_id(text),
        text=text,
        external_id=raw.external_id,
        path=raw.path,
        url=url,
        title=title,
        author=author,
        published=published,
        language=language,
        raw_sha256=hashlib.sha256(raw_bytes or b"").hexdigest(),
        source_kind=kind,
    )


def raw_payload(raw: RawInput) -> bytes:
    """The bytes to keep for a raw input (the file, or the JSONL record)."""
    if raw.data is not None:
        return raw.data
    return json.dumps(raw.record, sort_keys=True, ensure_ascii=False).encode("utf-8")


def env_db_path(default: str = "accord.db") -> str:
    return os.environ.get("ACCORD_DB", default)
