"""Score main-text extraction on the article-extraction benchmark.

Per page: tokens are runs of ``\\w``; 4-token shingles of the true and the
extracted body are compared as multisets; shared shingles are true
positives, extra ones false positives, missing ones false negatives; the
three are normalised to sum to 1 per page; precision and recall are means
over pages and F1 comes from the two means.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

from ..ingest import extract_html

SHINGLE = 4
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1)))


def page_scores(truth: str, extracted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) normalised to sum to 1 for one page."""
    t, e = shingles(truth), shingles(extracted)
    tp = sum((t & e).values())
    fp = sum((e - t).values())
    fn = sum((t - e).values())
    total = tp + fp + fn
    if total == 0:
        return 1.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def _aggregate(per_page: list[tuple[float, float, float]]) -> dict[str, float]:
    precisions, recalls = [], []
    for tp, fp, fn in per_page:
        precisions.append(tp / (tp + fp) if tp + fp else 0.0)
        recalls.append(tp / (tp + fn) if tp + fn else 0.0)
    p = sum(precisions) / len(precisions)
    r = sum(recalls) / len(recalls)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def load_benchmark(data: Path) -> list[tuple[str, str, str, str]]:
    """(key, url, html, true body) for every page of the benchmark."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        path = data / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        pages.append((key, truth[key].get("url"), html, truth[key].get("articleBody") or ""))
    return pages


def baseline_extract(html: str, url: str | None) -> str:
    """Plain trafilatura with its defaults: the reference we must beat."""
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def evaluate_extraction(data: Path, baseline: bool = False) -> dict:
    pages = load_benchmark(Path(data))
    if not pages:
        raise FileNotFoundError(f"{data}: no benchmark pages found")
    ours, base = [], []
    for _key, url, html, body in pages:
        ours.append(page_scores(body, extract_html(html, url=url).text))
        if baseline:
            base.append(page_scores(body, baseline_extract(html, url)))
    result: dict = {"pages": len(pages), **_aggregate(ours)}
    if baseline:
        result.update({f"baseline_{k}": v for k, v in _aggregate(base).items()})
    return result
