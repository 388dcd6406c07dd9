"""Clean scraped plain text: drop page chrome, keep every article paragraph.

Scraped pages arrive as text with the site's furniture still in: ad
markers, breadcrumb trails, share buttons, comment forms, "Most Popular"
lists and the author's bio.  The line patterns live in
``data/chrome_lines.tsv``; the breadcrumb and author-bio rules are
structural and live here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .errors import DataFileError

# A `cut` marker only ends the article when it sits in the last part of the
# text (fraction of lines).  Calibrated on scraped news pages, where the
# comment form and popular lists follow the last paragraph.
CUT_REGION = 0.5


@lru_cache(maxsize=1)
def _chrome_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    from .codebook import read_tsv

    path = resources.files("accord") / "data" / "chrome_lines.tsv"
    rows: list[tuple[re.Pattern[str], str]] = []
    for lineno, row in read_tsv(path, ["pattern", "action"]):
        if row["action"] not in ("drop", "cut"):
            raise DataFileError(str(path), lineno, "expected the action 'drop' or 'cut'")
        try:
            rows.append((re.compile(rf"(?:{row['pattern']})", re.I), row["action"]))
        except re.error as exc:
            raise DataFileError(str(path), lineno, f"bad regular expression: {exc}") from None
    return tuple(rows)


_URL_RE = re.compile(r"https?://\S+")
# "HomeNEWSInternational NewsWhat does..." or "Home > News > World".
_BREADCRUMB_SEP = re.compile(r"\s*(?:›|»|>|/|\||→)\s*")


def _is_breadcrumb(line: str) -> bool:
    if not re.match(r"^(home|start|main)\b|^home(?=[A-Z])", line, re.I):
        return False
    if len(_BREADCRUMB_SEP.split(line)) >= 3:
        return True
    # Words glued together where the separators were lost: "HomeNEWSWorld".
    glued = re.findall(r"[a-z][A-Z]|[A-Z]{2}[a-z]", line)
    return line.startswith("Home") and len(glued) >= 2


def _is_bio_header(line: str, previous: str) -> bool:
    """'Jane DoeJane Doehttps://…' or 'Jane Doe https://…' after 'Jane Doe'."""
    if not _URL_RE.search(line):
        return False
    name = _URL_RE.sub("", line).strip()
    prev = previous.strip()
    return bool(prev) and len(prev.split()) <= 5 and name.startswith(prev)


def clean_scraped_text(text: str) -> str:
    """Remove page chrome from scraped text; keep article paragraphs intact."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    patterns = _chrome_patterns()
    n = len(lines)
    keep: list[str] = []
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            keep.append("")
            continue
        prev = lines[i - 1] if i else ""
        if i >= n * CUT_REGION and _is_bio_header(line, prev):
            # Drop the name line already kept, this line, and the rest.
            while keep and not keep[-1].strip():
                keep.pop()
            if keep and keep[-1].strip() == prev.strip():
                keep.pop()
            break
        action = next((a for p, a in patterns if p.fullmatch(line)), None)
        if action == "cut" and i >= n * CUT_REGION:
            break
        if action is not None or _is_breadcrumb(line):
            continue
        keep.append(raw.rstrip())
    return "\n".join(keep).strip()
