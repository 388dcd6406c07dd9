"""Benchmark: ingest speed (pages/s) and peak memory on the extraction
benchmark, against plain trafilatura measured in the same run.

    .venv/bin/python bench/ingest.py --data ../shared/data/extraction --runs 5

Each measurement runs in a fresh subprocess so peak RSS is its own. accord
is timed end to end into a new SQLite store (extraction, metadata, language,
hashing, storing; no event coding: `--no-code`); the baseline runs
`trafilatura.extract` on the same decompressed pages.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

WORKER = r"""
import gzip, json, resource, sys, time
from pathlib import Path
mode, data = sys.argv[1], Path(sys.argv[2])
files = sorted((data / "html").glob("*.html.gz"))
if mode == "baseline":
    import trafilatura
    pages = [gzip.decompress(f.read_bytes()) for f in files]
    t = time.perf_counter()
    for page in pages:
        trafilatura.extract(page)
    elapsed = time.perf_counter() - t
else:
    import tempfile
    from accord.ingest import IngestOptions
    from accord.pipeline import ingest
    from accord.store import Store
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        t = time.perf_counter()
        report = ingest(store, [str(f) for f in files], IngestOptions())
        elapsed = time.perf_counter() - t
        store.close()
print(json.dumps({"pages": len(files), "seconds": elapsed, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(mode: str, data: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", WORKER, mode, str(data)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/extraction"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: dict[str, list[dict]] = {"accord": [], "baseline": []}
    for _ in range(args.runs):  # interleave so drift hits both alike
        for mode in ("accord", "baseline"):
            results[mode].append(measure(mode, args.data))
    summary = {}
    for mode, runs in results.items():
        pps = [r["pages"] / r["seconds"] for r in runs]
        summary[mode] = {"pages": runs[0]["pages"], "pages_per_s_median": statistics.median(pps), "pages_per_s_all": [round(x, 1) for x in pps], "peak_mb_median": statistics.median(r["peak_mb"] for r in runs)}
    summary["ratio_speed_accord_over_baseline"] = summary["accord"]["pages_per_s_median"] / summary["baseline"]["pages_per_s_median"]
    summary["ratio_memory_accord_over_baseline"] = summary["accord"]["peak_mb_median"] / summary["baseline"]["peak_mb_median"]
    summary["machine"] = f"{platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}"
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
