"""Title, author and publication-date agreement on readability's test pages.

The expected values are that library's output, a regression baseline and
not human gold, so agreement is reported, not accuracy:

- title: exact after case-folding and collapsing whitespace and quotes;
  ``title_contains`` also credits one title containing the other (sites
  append " - Site Name");
- author: every word of our author appears in the expected byline (bylines
  carry "By" and dates), over pages whose expected byline is set;
- date: same calendar day as the expected ``publishedTime``, over pages
  where it is set.
"""

from __future__ import annotations

import io
import json
import re
import tarfile
from pathlib import Path

from ..ingest import extract_html


def _norm(text: str | None) -> str:
    text = (text or "").casefold()
    text = re.sub(r"[\u2018\u2019\u201c\u201d\"']", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _pages(data: Path):
    if data.is_dir():
        for meta in sorted(data.rglob("expected-metadata.json")):
            src = meta.parent / "source.html"
            if src.exists():
                yield meta.parent.name, src.read_bytes(), json.loads(meta.read_text(encoding="utf-8"))
        return
    with tarfile.open(data, "r:gz") as tar:
        members = {m.name: m for m in tar.getmembers() if m.isfile()}
        for name in sorted(members):
            if not name.endswith("expected-metadata.json"):
                continue
            folder = name.rsplit("/", 1)[0]
            src = members.get(folder + "/source.html")
            if src is None:
                continue
            meta = json.load(io.TextIOWrapper(tar.extractfile(members[name]), encoding="utf-8"))
            yield folder.rsplit("/", 1)[-1], tar.extractfile(src).read(), meta


def evaluate_metadata(data: Path) -> dict:
    counts = {"pages": 0, "title_n": 0, "title_exact": 0, "title_contains": 0, "author_n": 0, "author_ok": 0, "date_n": 0, "date_ok": 0}
    misses: list[dict] = []
    for name, raw, expected in _pages(Path(data)):
        counts["pages"] += 1
        html = raw.decode("utf-8", errors="replace")
        got = extract_html(html)
        if expected.get("title"):
            counts["title_n"] += 1
            a, b = _norm(got.title), _norm(expected["title"])
            counts["title_exact"] += a == b
            ok = bool(a) and (a in b or b in a)
            counts["title_contains"] += ok
            if not ok:
                misses.append({"page": name, "field": "title", "expected": expected["title"], "got": got.title})
        if expected.get("byline"):
            counts["author_n"] += 1
            words = re.findall(r"\w+", _norm(got.author))
            byline = set(re.findall(r"\w+", _norm(expected["byline"])))
            ok = bool(words) and all(w in byline for w in words)
            counts["author_ok"] += ok
            if not ok:
                misses.append({"page": name, "field": "author", "expected": expected["byline"], "got": got.author})
        if expected.get("publishedTime"):
            counts["date_n"] += 1
            ok = got.published is not None and expected["publishedTime"][:10] == got.published.isoformat()
            counts["date_ok"] += ok
            if not ok:
                misses.append({"page": name, "field": "date", "expected": expected["publishedTime"], "got": str(got.published)})
    def rate(k: str, n: str) -> float:
        return counts[k] / counts[n] if counts[n] else 0.0
    return {
        "pages": counts["pages"],
        "title_pages": counts["title_n"],
        "title_exact": rate("title_exact", "title_n"),
        "title_contains": rate("title_contains", "title_n"),
        "author_pages": counts["author_n"],
        "author_agreement": rate("author_ok", "author_n"),
        "date_pages": counts["date_n"],
        "date_agreement": rate("date_ok", "date_n"),
        "misses": misses,
    }
