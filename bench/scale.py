"""Benchmark: Dask ingest scaling, worker memory as the corpus grows, and
tilt over millions of events with DuckDB versus pandas.

    .venv/bin/python bench/scale.py                 # the full run (~15 min on 2 cores)
    .venv/bin/python bench/scale.py --quick         # a smoke run (~2 min)

Prints one JSON document.  Parts:

(a) throughput: articles/s of ``ingest_dask`` (extraction, language id,
    event coding, Parquet shards) with 1 and 2 worker processes on the same
    corpus, built by repeating the dev-set articles with a varying closing
    sentence so every copy has its own doc_id, for both sinks: loading the
    shards into a new SQLite store (the client process does that while the
    workers code) and ``--parquet-only`` (the scale-out path: the shards are
    the output and DuckDB reads them).  Workers are started and warmed (spaCy
    loaded) before timing; the start-up is reported separately.  Scaling
    efficiency = (rate with 2 workers / rate with 1) / 2, from the medians,
    and also per round (the two back to back) with the median of those.  The single-process
    local engine on the same corpus is measured too, for reference.  Runs of
    all configurations are interleaved so load drift hits them alike.
(b) memory: peak RSS of each worker process (``ru_maxrss``: the kernel's
    high-water mark, model included) for corpora of 1×, 4× and 16× a base
    size, each in a fresh subprocess with a fresh 2-worker cluster, same
    partition size; plus the client's peak RSS (it loads the store).
(d) the machine's ceiling: one coding process against two independent
    ones (no Dask), to tell Dask's overhead from the hardware's.
(c) tilt over synthetic events written as shards (``events/*.parquet``):
    ``tilt_duckdb`` (one aggregate SQL: dedupe, dyad filter, spreading over
    years, weighted mean Goldstein per side and year, tilt) versus pandas
    ``analysis.tilt(n_boot=0)`` on the same events already in memory (the
    time to build that DataFrame with DuckDB is reported separately), and
    ``tilt_parquet`` (DuckDB dyad pushdown + pandas tilt).  The per-year
    numbers of the two are checked to agree.

Every timing is the median of ``--runs`` runs (default 3).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV = Path(os.environ.get("ACCORD_SHARED", REPO.parent / "shared")) / "data" / "dev" / "events_dev.jsonl"
PARTITION_SIZE = 25


# ------------------------------------------------------------------ corpus
def build_corpus(path: Path, n: int) -> dict:
    """``n`` articles: the dev-set articles repeated, each copy with its own
    closing sentence (so its own doc_id).  Falls back to generated articles
    when the dev set is absent."""
    if DEV.exists():
        base = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
        source = f"{DEV.name} ({len(base)} articles) repeated"
    else:
        base = _generated(60)
        source = "generated articles (dev set absent)"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            rec = base[i % len(base)]
            copy = i // len(base) + 1
            text = rec["text"].rstrip() + f"\n\nThis is copy {copy} of the report, filed by desk {i % 17 + 1}."
            fh.write(json.dumps({"id": f"{rec.get('id', i)}-{copy}", "published": rec.get("published"), "title": rec.get("title"), "text": text}) + "\n")
    return {"articles": n, "built_from": source}


def _generated(n: int) -> list[dict]:
    states = ["Russia", "China", "India", "Pakistan", "Japan", "Iran", "Turkey", "the United States"]
    verbs = ["signed a trade agreement with", "sharply criticized", "accused", "praised", "held talks with"]
    out = []
    for i in range(n):
        a, b = states[i % 8], states[(i * 3 + 1) % 8]
        if a == b:
            b = states[(i + 1) % 8]
        text = f"{a[0].upper() + a[1:]} {verbs[i % 5]} {b} on Monday. Officials said the talks would continue next month in the capital."
        out.append({"id": f"g{i}", "published": f"{2010 + i % 12}-05-0{1 + i % 9}", "title": None, "text": text})
    return out


def _cluster(workers: int):
    from distributed import Client, LocalCluster

    from accord.scale import warm_workers

    t = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR)
    client = Client(cluster)
    warm_workers(client)
    return cluster, client, time.perf_counter() - t


# ------------------------------------------------------------------ (a)
def throughput(corpus: Path, n: int, runs: int, local: bool) -> dict:
    """Runs interleaved (1 worker, 2 workers, local; repeated), so drift in
    machine load hits every configuration alike.  Only the cluster being
    measured is alive: each round starts it, warms it with one untimed small
    run, times both sinks, and closes it (an idle second cluster's worker
    and heartbeats would otherwise take CPU from the 2-worker runs only,
    which have no spare core)."""
    from accord.coding import default_coder
    from accord.ingest import IngestOptions
    from accord.pipeline import ingest
    from accord.scale import _warm, ingest_dask
    from accord.store import Store

    if local:
        _warm()
    keys = [(w, sink) for w in (1, 2) for sink in ("store", "parquet")]
    seconds: dict = {key: [] for key in [*keys, "local"]}
    startup: dict = {1: [], 2: []}
    events: dict = {}
    for _ in range(runs):
        for w in (1, 2):
            cluster, client, started = _cluster(w)
            startup[w].append(started)
            try:
                with tempfile.TemporaryDirectory() as tmp:  # untimed: client and worker code paths warm
                    small = Path(tmp) / "warm.jsonl"
                    build_corpus(small, 2 * PARTITION_SIZE)
                    ingest_dask([str(small)], IngestOptions(), db_path=Path(tmp) / "warm.db", client=client, partition_size=PARTITION_SIZE)
                for sink in ("store", "parquet"):
                    with tempfile.TemporaryDirectory() as tmp:
                        where = {"db_path": Path(tmp) / "bench.db"} if sink == "store" else {"parquet_dir": Path(tmp) / "shards"}
                        t = time.perf_counter()
                        report = ingest_dask([str(corpus)], IngestOptions(), client=client, partition_size=PARTITION_SIZE, **where)
                        seconds[(w, sink)].append(time.perf_counter() - t)
                        assert report.ingested == n and not report.rejected, report.summary()
                        events[(w, sink)] = report.events
            finally:
                client.close()
                cluster.close()
        if local:
            coder = default_coder()
            with tempfile.TemporaryDirectory() as tmp:
                store = Store(Path(tmp) / "bench.db")
                t = time.perf_counter()
                report = ingest(store, [str(corpus)], IngestOptions(), coder=coder.code_document, coder_name=coder.version)
                seconds["local"].append(time.perf_counter() - t)
                store.close()
                assert report.ingested == n
                events["local"] = report.events

    def stats(key) -> dict:
        rates = [n / s for s in seconds[key]]
        return {"articles_per_s": round(statistics.median(rates), 2), "articles_per_s_all": [round(r, 2) for r in rates],
                "seconds_median": round(statistics.median(seconds[key]), 2), "events": events[key]}

    out: dict = {}
    for sink in ("store", "parquet"):
        part = {f"workers_{w}": {**stats((w, sink)), "startup_and_warmup_s": round(statistics.median(startup[w]), 2)} for w in (1, 2)}
        part["scaling_efficiency"] = round(part["workers_2"]["articles_per_s"] / part["workers_1"]["articles_per_s"] / 2, 3)
        # The same ratio within each round (1 and 2 workers back to back),
        # then its median: less exposed to drift in machine load.
        paired = [s1 / s2 / 2 for s1, s2 in zip(seconds[(1, sink)], seconds[(2, sink)])]
        part["scaling_efficiency_paired_median"] = round(statistics.median(paired), 3)
        part["scaling_efficiency_paired_all"] = [round(x, 3) for x in paired]
        out["into_sqlite_store" if sink == "store" else "parquet_only"] = part
    if local:
        out["local_engine"] = stats("local")
    return out


# ------------------------------------------------------------------ (b)
def _worker_rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def _worker_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_run(corpus: Path, n: int) -> dict:
    """One measurement, in its own process (see ``--memory-run``)."""
    from accord.ingest import IngestOptions
    from accord.scale import ingest_dask

    cluster, client, _ = _cluster(2)
    try:
        warm = client.run(_worker_rss_mb)
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            report = ingest_dask([str(corpus)], IngestOptions(), db_path=Path(tmp) / "bench.db", client=client, partition_size=PARTITION_SIZE)
            seconds = time.perf_counter() - t
        assert report.ingested == n, report.summary()
        peaks = client.run(_worker_peak_mb)
        after = client.run(_worker_rss_mb)
    finally:
        client.close()
        cluster.close()
    return {"articles": n, "seconds": seconds, "worker_peak_mb": sorted(peaks.values()), "worker_rss_after_warmup_mb": sorted(warm.values()),
            "worker_rss_after_run_mb": sorted(after.values()), "client_peak_mb": _worker_peak_mb()}


def memory_growth(tmp: Path, base: int, runs: int) -> dict:
    out = {}
    for factor in (1, 4, 16):
        n = base * factor
        corpus = tmp / f"mem-{n}.jsonl"
        build_corpus(corpus, n)
        results = []
        for _ in range(runs):
            proc = subprocess.run([sys.executable, __file__, "--memory-run", str(corpus), str(n)], capture_output=True, text=True, check=True)
            results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        out[f"{factor}x"] = {
            "articles": n,
            "worker_peak_mb_median": round(statistics.median(max(r["worker_peak_mb"]) for r in results), 1),
            "worker_peak_mb_all": [[round(x, 1) for x in r["worker_peak_mb"]] for r in results],
            "worker_rss_after_warmup_mb_median": round(statistics.median(max(r["worker_rss_after_warmup_mb"]) for r in results), 1),
            "client_peak_mb_median": round(statistics.median(r["client_peak_mb"] for r in results), 1),
            "articles_per_s_median": round(statistics.median(n / r["seconds"] for r in results), 2),
        }
    return out


# ------------------------------------------------------------------ (d)
def ceiling_run(corpus: Path, n: int) -> float:
    """Seconds for one process to code ``n`` articles of ``corpus`` with the
    local coder, model loaded and warmed first (see ``--ceiling-run``)."""
    from accord.coding import default_coder

    coder = default_coder()
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()][:n]
    coder.code_text(records[0]["text"], "warm", None)
    t = time.perf_counter()
    for rec in records:
        coder.code_text(rec["text"], rec["id"], None)
    return time.perf_counter() - t


def ceiling(corpus: Path, n: int, runs: int) -> dict:
    """The machine's own limit: one coding process against two independent
    ones side by side (no Dask), each coding ``n`` articles.  Efficiency =
    (2n / slowest of the two) / (n / one alone) / 2."""
    one, two = [], []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, __file__, "--ceiling-run", str(corpus), str(n)], capture_output=True, text=True, check=True)
        one.append(float(proc.stdout.strip().splitlines()[-1]))
        procs = [subprocess.Popen([sys.executable, __file__, "--ceiling-run", str(corpus), str(n)], stdout=subprocess.PIPE, text=True) for _ in range(2)]
        two.append(max(float(p.communicate()[0].strip().splitlines()[-1]) for p in procs))
    paired = [a / b for a, b in zip(one, two)]  # (2n/b) / (n/a) / 2
    return {"articles_per_process": n, "one_process_articles_per_s": [round(n / a, 1) for a in one],
            "two_processes_articles_per_s": [round(2 * n / b, 1) for b in two], "efficiency_median": round(statistics.median(paired), 3)}


# ------------------------------------------------------------------ (c)
COUNTRIES = ["RUS", "PAK", "IND", "CHN", "USA", "IRN", "TUR", "JPN", "DEU", "FRA", "GBR", "BRA"]
GOLDSTEIN = [-10.0, -9.5, -7.0, -5.0, -4.0, -2.0, 0.0, 1.0, 1.9, 3.0, 3.4, 4.0, 7.0, 8.0, 10.0]
MODALITIES = ["asserted"] * 9 + ["negated", "hypothetical", "future"]


def write_synthetic_shards(out: Path, n_events: int, per_shard: int = 1_000_000, seed: int = 0) -> dict:
    """Synthetic events in the shard layout ``ingest_dask`` writes (events,
    documents with their doc_ids, done markers, manifest).  10% of events are
    RUS–PAK, 10% RUS–IND (either direction), the rest random pairs of 12
    countries; 85% single days, 10% month ranges, 5% spans of 2-6 years,
    1990-2024; 5 events per document."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from accord.scale import _schemas, _write_json, shard_paths

    rng = np.random.default_rng(seed)
    doc_schema, event_schema = _schemas()
    for sub in ("documents", "events", "done"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    names = pa.array(COUNTRIES)
    manifest = []
    for k, start in enumerate(range(0, n_events, per_shard)):
        n = min(per_shard, n_events - start)
        kind = rng.random(n)
        src = rng.integers(0, len(COUNTRIES), n)
        tgt = (src + rng.integers(1, len(COUNTRIES), n)) % len(COUNTRIES)
        special = kind < 0.2
        partner = np.where(kind < 0.1, 1, 2)
        flip = rng.random(n) < 0.5
        src = np.where(special, np.where(flip, partner, 0), src)
        tgt = np.where(special, np.where(flip, 0, partner), tgt)
        day0 = np.datetime64("1990-01-01")
        start_day = day0 + rng.integers(0, 35 * 365, n).astype("timedelta64[D]")
        shape = rng.random(n)
        length = np.where(shape < 0.85, 0, np.where(shape < 0.95, rng.integers(1, 31, n), rng.integers(366, 6 * 365, n)))
        end_day = start_day + length.astype("timedelta64[D]")
        g = np.array(GOLDSTEIN)[rng.integers(0, len(GOLDSTEIN), n)]
        quad = np.where(g >= 4, 2, np.where(g >= 0, 1, np.where(g > -5, 3, 4)))
        modality = pa.array(MODALITIES).take(pa.array(rng.integers(0, len(MODALITIES), n)))
        ids = pa.array([f"{start + i:016x}" for i in range(n)])
        doc_ids = pa.array([f"d{(start + i) // 5:015x}" for i in range(n)])
        src_codes = names.take(pa.array(src))
        tgt_codes = names.take(pa.array(tgt))
        null_str = pa.nulls(n, pa.string())
        columns = {
            "event_id": ids, "doc_id": doc_ids, "source_code": src_codes, "source_country": src_codes, "source_sector": null_str,
            "source_text": src_codes, "target_code": tgt_codes, "target_country": tgt_codes, "target_sector": null_str,
            "target_text": tgt_codes, "cameo": pa.array(np.where(g >= 0, "042", "111")), "root": pa.array(np.where(g >= 0, "04", "11")),
            "quad_class": pa.array(quad.astype("int64")), "goldstein": pa.array(g), "plover_type": null_str, "plover_mode": null_str,
            "mutual": pa.array((rng.random(n) < 0.1).astype("int64")), "modality": modality,
            "date_start": pc.cast(pa.array(start_day), pa.string()), "date_end": pc.cast(pa.array(end_day), pa.string()),
            "date_precision": pa.array(np.where(length == 0, "day", "range")), "date_text": null_str,
            "sentence": pa.array(np.where(g >= 0, "The two governments met for talks.", "One government criticised the other.")),
            "start": pa.array(np.zeros(n, dtype="int64")), "end": pa.array(np.full(n, 30, dtype="int64")),
            "confidence": pa.array(np.full(n, 0.8)), "coder": pa.array(["synthetic"] * n), "extra": null_str,
        }
        events = pa.table({f.name: columns[f.name].cast(f.type) for f in event_schema}, schema=event_schema)
        udocs = pc.unique(doc_ids)
        m = len(udocs)
        doc_cols = {f.name: pa.nulls(m, f.type) for f in doc_schema}
        doc_cols["doc_id"] = udocs
        doc_cols["seq"] = pa.array(np.arange(m, dtype="int32"))
        docs = pa.table(doc_cols, schema=doc_schema)
        pid = f"synthetic{k:04d}"
        d_path, e_path, marker = shard_paths(out, pid)
        pq.write_table(docs, d_path, compression="zstd")
        pq.write_table(events, e_path, compression="zstd")
        _write_json({"pid": pid, "documents": m, "events": n, "rejected": [], "duplicates": 0, "unique_event_ids": True}, marker)
        manifest.append({"pid": pid, "spec": f"synthetic events {start}..{start + n - 1}"})
    _write_json({"format": 1, "partitions": manifest}, out / "manifest.json")
    return {"events": n_events, "shards": len(manifest)}


def tilt_bench(tmp: Path, n_events: int, pandas_events: int, runs: int) -> dict:
    import numpy as np

    from accord import analysis
    from accord.scale import events_frame_from_parquet, tilt_duckdb, tilt_parquet

    actor, toward, away = "RUS", "PAK", "IND"
    shards = tmp / "synthetic"
    t = time.perf_counter()
    info = write_synthetic_shards(shards, n_events)
    info["write_s"] = round(time.perf_counter() - t, 1)
    out: dict = {"data": info, "query": f"tilt {actor} toward {toward} away {away}, yearly, asserted events, n_boot=0"}

    duck_s, sql = [], None
    for _ in range(runs):
        t = time.perf_counter()
        sql = tilt_duckdb(shards, actor, toward, away, freq="year")
        duck_s.append(time.perf_counter() - t)
    out["duckdb_sql_s"] = round(statistics.median(duck_s), 3)
    out["duckdb_sql_s_all"] = [round(x, 3) for x in duck_s]

    pushdown_s = []
    for _ in range(runs):
        t = time.perf_counter()
        tilt_parquet(shards, actor, toward, away, freq="year", n_boot=0)
        pushdown_s.append(time.perf_counter() - t)
    out["tilt_parquet_s"] = round(statistics.median(pushdown_s), 3)

    pandas_dir = shards
    if pandas_events < n_events:
        pandas_dir = tmp / "synthetic-pandas"
        write_synthetic_shards(pandas_dir, pandas_events)
    t = time.perf_counter()
    frame = events_frame_from_parquet(pandas_dir)  # asserted events, like Corpus.events()
    out["pandas_frame_build_s"] = round(time.perf_counter() - t, 2)
    out["pandas_frame_rows"] = len(frame)
    out["pandas_frame_mb"] = round(frame.memory_usage(deep=True).sum() / 2**20)
    out["pandas_events_total"] = pandas_events
    pandas_s, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = analysis.tilt(frame, actor, toward, away, freq="year", n_boot=0)
        pandas_s.append(time.perf_counter() - t)
    out["pandas_tilt_s"] = round(statistics.median(pandas_s), 3)
    out["pandas_tilt_s_all"] = [round(x, 3) for x in pandas_s]
    if pandas_events == n_events:
        ref = result.to_frame()
        assert list(ref["period"]) == list(sql["period"])
        diff = float(np.nanmax(np.abs(ref["tilt"].to_numpy(float) - sql["tilt"].to_numpy(float))))
        out["max_abs_diff_tilt_duckdb_vs_pandas"] = diff
        assert diff < 1e-9
        out["speedup_duckdb_over_pandas_tilt"] = round(out["pandas_tilt_s"] / out["duckdb_sql_s"], 1)
        out["speedup_duckdb_over_pandas_build_plus_tilt"] = round((out["pandas_tilt_s"] + out["pandas_frame_build_s"]) / out["duckdb_sql_s"], 1)
        out["periods"] = len(sql)
    return out


# ------------------------------------------------------------------ main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=400, help="(a) corpus size")
    parser.add_argument("--base", type=int, default=100, help="(b) 1x corpus size (then 4x, 16x)")
    parser.add_argument("--events", type=int, default=10_000_000, help="(c) synthetic events")
    parser.add_argument("--pandas-events", type=int, default=None, help="(c) events for the pandas side (default: --events)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--partition-size", type=int, default=None, help="documents per Dask task (default 25)")
    parser.add_argument("--no-local", action="store_true", help="skip the local-engine reference in (a)")
    parser.add_argument("--only", choices=["a", "b", "c", "d"], action="append", help="run only these parts (d: the machine's own 1-to-2 process ceiling)")
    parser.add_argument("--quick", action="store_true", help="small sizes, one run: a smoke test")
    parser.add_argument("--memory-run", nargs=2, metavar=("CORPUS", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--ceiling-run", nargs=2, metavar=("CORPUS", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.partition_size:
        globals()["PARTITION_SIZE"] = args.partition_size
    if args.ceiling_run:
        print(ceiling_run(Path(args.ceiling_run[0]), int(args.ceiling_run[1])))
        return
    if args.memory_run:
        print(json.dumps(memory_run(Path(args.memory_run[0]), int(args.memory_run[1]))))
        return
    if args.quick:
        args.articles, args.base, args.events, args.runs = 80, 20, 1_000_000, 1
    parts = set(args.only or ["a", "b", "c"])
    import psutil

    summary: dict = {
        "machine": {"cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1), "platform": platform.platform(),
                    "python": platform.python_version()},
        "runs": args.runs, "partition_size": PARTITION_SIZE,
    }
    t_all = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        if "a" in parts:
            corpus = tmp / "throughput.jsonl"
            info = build_corpus(corpus, args.articles)
            load = os.getloadavg()[0]
            summary["throughput"] = {"corpus": info, **throughput(corpus, args.articles, args.runs, local=not args.no_local),
                                     "load_avg_1min_before_after": [round(load, 2), round(os.getloadavg()[0], 2)]}
        if "b" in parts:
            load = os.getloadavg()[0]
            summary["memory"] = memory_growth(tmp, args.base, args.runs)
            summary["memory"]["load_avg_1min_before_after"] = [round(load, 2), round(os.getloadavg()[0], 2)]
        if "d" in parts:
            corpus = tmp / "ceiling.jsonl"
            build_corpus(corpus, 150)
            summary["ceiling"] = ceiling(corpus, 150, args.runs)
        if "c" in parts:
            load = os.getloadavg()[0]
            summary["tilt"] = tilt_bench(tmp, args.events, args.pandas_events or args.events, args.runs)
            summary["tilt"]["load_avg_1min_before_after"] = [round(load, 2), round(os.getloadavg()[0], 2)]
    summary["total_s"] = round(time.perf_counter() - t_all, 1)
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
