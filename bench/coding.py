"""Benchmark: event coding speed (articles/s) end to end, against a full
spaCy parse of the same texts measured in the same run, and peak memory.

    .venv/bin/python bench/coding.py --runs 5

Two corpora, both measured: "web" is the main text of the 181 real pages of
the article-extraction benchmark (../shared/data/extraction: news, tech,
culture, sports, as a crawl brings them), "dense" is the bundled demo
articles plus the dev-set texts (every sentence about states, nearly every
one an event candidate: the worst case for the pre-parse filter).  "accord" is `Coder.code_document` on every
article: sentence split, narrative time, actor gazetteer, the cheap filter,
a parse of only the candidate sentences, and coding.  The baseline is
`nlp.pipe` over the whole texts with the same model (NER excluded in both,
as accord does not use it).  Each measurement runs in a fresh subprocess
after loading and warming its models, so only the coding is timed and peak
RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

WORKER = r"""
import json, resource, sys, time
from datetime import date
mode, corpus = sys.argv[1], json.loads(open(sys.argv[2]).read())
texts = [d["text"] for d in corpus]
if mode == "baseline":
    from accord.nlp import load_parser
    nlp = load_parser()
    list(nlp.pipe(texts[:2]))  # warm up
    t = time.perf_counter()
    n_tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    elapsed = time.perf_counter() - t
    events = 0
else:
    from accord.coding import Coder
    from accord.records import Document
    coder = Coder()
    coder.code_text(texts[0], "warm", None)
    docs = [Document(doc_id=str(i), text=d["text"], published=date.fromisoformat(d["published"]) if d.get("published") else None) for i, d in enumerate(corpus)]
    coder.code_text(texts[1], "warm", None)
    t = time.perf_counter()
    events = sum(len(coder.code_document(doc)) for doc in docs)
    elapsed = time.perf_counter() - t
    n_tokens = 0
print(json.dumps({"articles": len(texts), "seconds": elapsed, "events": events, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def build_dense(out: Path) -> int:
    corpus = [json.loads(line) for line in (REPO / "samples" / "demo" / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    dev = REPO.parent / "shared" / "data" / "dev" / "events_dev.jsonl"
    if dev.exists():
        corpus += [{"text": d["text"], "published": d["published"]} for d in map(json.loads, dev.read_text(encoding="utf-8").splitlines()) if d]
    out.write_text(json.dumps([{"text": d["text"], "published": d.get("published")} for d in corpus]), encoding="utf-8")
    return len(corpus)


def build_web(out: Path) -> int:
    import gzip

    sys.path.insert(0, str(REPO / "src"))
    from accord.ingest import extract_html

    pages = sorted((REPO.parent / "shared" / "data" / "extraction" / "html").glob("*.html.gz"))
    texts = [extract_html(gzip.decompress(p.read_bytes()).decode("utf-8", "replace")).text for p in pages]
    corpus = [{"text": t, "published": None} for t in texts if t]
    out.write_text(json.dumps(corpus), encoding="utf-8")
    return len(corpus)


def measure(mode: str, corpus: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", WORKER, mode, str(corpus)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp"))
    args = parser.parse_args()
    corpora = {}
    if (REPO.parent / "shared" / "data" / "extraction").exists():
        corpora["web"] = (args.workdir / "accord-bench-web.json", build_web)
    corpora["dense"] = (args.workdir / "accord-bench-dense.json", build_dense)
    summary: dict = {"machine": f"{platform.machine()}, Python {platform.python_version()}"}
    for name, (path, build) in corpora.items():
        n = build(path)
        results: dict[str, list[dict]] = {"accord": [], "baseline": []}
        for _ in range(args.runs):  # interleaved so machine noise hits both
            for mode in ("accord", "baseline"):
                results[mode].append(measure(mode, path))
        part: dict = {"articles": n}
        for mode, runs in results.items():
            rates = [r["articles"] / r["seconds"] for r in runs]
            part[mode] = {
                "articles_per_s_median": round(statistics.median(rates), 2),
                "articles_per_s_all": [round(x, 2) for x in rates],
                "peak_mb_median": round(statistics.median(r["peak_mb"] for r in runs), 1),
                "events": runs[0]["events"],
            }
        part["speedup_accord_over_full_parse"] = round(part["accord"]["articles_per_s_median"] / part["baseline"]["articles_per_s_median"], 2)
        summary[name] = part
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
