"""Benchmark: the web dashboard over a store of 100k synthetic events.

    .venv/bin/python bench/web.py [--events 100000] [--requests 300] [--runs 3]

Builds a store (executemany, a few seconds), starts `accord.web` with
uvicorn in a subprocess on a free loopback port, and times sequential
requests (one keep-alive httpx client) to

- ``/healthz``            the baseline: a trivial endpoint, no store access
- ``/dyads/RUS/PAK``      the dyad page (chart data, 50-row table, template)
- ``/api/events?dyad=RUS,PAK``  one page (100) of the dyad's events as JSON

interleaved, ``--runs`` times; each figure is the median over the runs.  The
server is run twice: as shipped (computed series cached until the store
changes) and with the cache off (``cache_size=0``), where every dyad page
loads the dyad's events into pandas and recomputes the series.  Prints a
JSON summary.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from accord.codebook import load_codebook  # noqa: E402
from accord.store import EVENT_COLUMNS, Store  # noqa: E402

COUNTRIES = ["RUS", "PAK", "IND", "USA", "CHN", "IRN", "TUR", "DEU", "FRA", "GBR", "JPN", "SAU", "ISR", "UKR", "AFG", "BRA"]
EVENTS_PER_DOC = 20


def build(path: Path, n_events: int, seed: int = 7) -> dict:
    """A store with ``n_events`` events in ``n_events / 20`` documents."""
    rng = random.Random(seed)
    book = load_codebook()
    codes = [c for c in book.cameo.values() if len(c.code) == 3]
    store = Store(path)
    # Skewed dyads: RUS–PAK and RUS–IND are among the busiest.
    pairs = [(a, b) for i, a in enumerate(COUNTRIES) for b in COUNTRIES[i + 1:]]
    weights = [1.0 / (1 + k) ** 0.9 for k in range(len(pairs))]
    pairs.sort(key=lambda p: (p not in (("RUS", "PAK"), ("RUS", "IND")), p))
    day0 = date(2000, 1, 1)
    docs, events = [], []
    now = "2024-01-01T00:00:00+00:00"
    n_docs = max(1, n_events // EVENTS_PER_DOC)
    for d in range(n_docs):
        doc_id = f"{d:016x}"
        sentences = []
        pos = 0
        published = day0 + timedelta(days=rng.randrange(0, 24 * 365))
        for k in range(EVENTS_PER_DOC):
            a, b = rng.choices(pairs, weights)[0]
            if rng.random() < 0.5:
                a, b = b, a
            c = rng.choice(codes)
            sentence = f"Officials of {a} and {b} said something coded {c.code} in item {k} of document {d}."
            start, end = pos, pos + len(sentence)
            sentences.append(sentence)
            pos = end + 2
            when = published - timedelta(days=rng.randrange(0, 60))
            precise = rng.random() < 0.8
            end_day = when if precise else when + timedelta(days=rng.randrange(1, 400))
            modality = "asserted" if rng.random() < 0.9 else rng.choice(["negated", "hypothetical", "future"])
            events.append((
                f"{d:010x}{k:06x}", doc_id, f"{a}GOV", a, "GOV", a, f"{b}GOV", b, "GOV", b, c.code, c.root,
                c.quad_class, c.goldstein, c.plover_type, c.plover_mode, 0, modality,
                when.isoformat(), end_day.isoformat(), "day" if precise else "range", "", sentence, start, end,
                0.9, "bench",
            ))
        docs.append((doc_id, f"doc-{d}", None, None, f"Synthetic document {d}", None, published.isoformat(), "en",
                     "text", None, "\n\n".join(sentences), now, now, "bench"))
    cols = ", ".join(f'"{c}"' for c in EVENT_COLUMNS)
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO documents(doc_id, external_id, path, url, title, author, published, language, source_kind,"
            " raw_sha256, text, ingested_at, coded_at, coder) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", docs)
        conn.executemany(f"INSERT INTO events({cols}) VALUES ({', '.join('?' for _ in EVENT_COLUMNS)})", events)
    counts = store.counts()
    rus_pak = store.conn.execute(
        "SELECT COUNT(*) FROM events WHERE (source_country='RUS' AND target_country='PAK') OR (source_country='PAK' AND target_country='RUS')"
    ).fetchone()[0]
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return {"documents": counts["documents"], "events": counts["events"], "rus_pak_events": rus_pak}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVER = """
import sys, uvicorn
from accord.web import create_app
uvicorn.run(create_app(sys.argv[1], cache_size=int(sys.argv[3])), host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning", access_log=False)
"""


def start_server(db: Path, cache_size: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(db), str(port), str(cache_size)], env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def timed(client: httpx.Client, url: str, n: int) -> dict:
    lat = []
    t0 = time.perf_counter()
    for _ in range(n):
        t = time.perf_counter()
        r = client.get(url)
        lat.append(time.perf_counter() - t)
        if r.status_code != 200:
            raise SystemExit(f"{url}: HTTP {r.status_code}")
    total = time.perf_counter() - t0
    lat.sort()
    return {
        "rps": n / total,
        "p50_ms": 1000 * lat[len(lat) // 2],
        "p95_ms": 1000 * lat[min(len(lat) - 1, int(0.95 * len(lat)))],
    }


def measure(db: Path, cache_size: int, urls: dict[str, str], n: int, runs: int) -> dict:
    proc, base = start_server(db, cache_size)
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            t = time.perf_counter()
            client.get(urls["dyad_page"])
            first = 1000 * (time.perf_counter() - t)
            for url in urls.values():  # warm up
                for _ in range(10):
                    client.get(url)
            per_run: dict[str, list[dict]] = {k: [] for k in urls}
            for _ in range(runs):
                for name, url in urls.items():
                    per_run[name].append(timed(client, url, n))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    out: dict = {"first_dyad_page_ms": round(first, 1)}
    for name, results in per_run.items():
        out[name] = {
            key: round(statistics.median(r[key] for r in results), 2) for key in ("rps", "p50_ms", "p95_ms")
        }
        out[name]["runs_rps"] = [round(r["rps"], 1) for r in results]
    out["ratio_dyad_page_p50_vs_healthz"] = round(out["dyad_page"]["p50_ms"] / out["healthz"]["p50_ms"], 1)
    out["ratio_api_events_p50_vs_healthz"] = round(out["api_events"]["p50_ms"] / out["healthz"]["p50_ms"], 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=300, help="sequential requests per URL per run")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    urls = {"healthz": "/healthz", "dyad_page": "/dyads/RUS/PAK", "api_events": "/api/events?dyad=RUS,PAK"}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t = time.perf_counter()
        store = build(db, args.events)
        build_s = time.perf_counter() - t
        summary = {
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
            "store": {**store, "build_seconds": round(build_s, 2), "size_mb": round(db.stat().st_size / 2**20, 1)},
            "requests_per_url_per_run": args.requests,
            "runs": args.runs,
            "cached": measure(db, 256, urls, args.requests, args.runs),
            "uncached": measure(db, 0, urls, args.requests, args.runs),
        }
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
