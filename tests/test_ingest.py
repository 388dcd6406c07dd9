"""Ingest: clean text and metadata from what users have, into the store."""

from __future__ import annotations

import gzip
import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from accord.ingest import IngestOptions, parse_date_arg
from accord.pipeline import ingest
from accord.store import Store
from conftest import run_cli, shared_path

ARTICLE = (
    "Indian and Chinese diplomats met in Beijing on Monday to discuss the border.\n\n"
    "The talks followed months of tension along the Line of Actual Control, where troops "
    "from both countries have faced each other since the summer. Officials said the "
    "meeting was constructive and agreed to keep talking through military channels.\n"
)

PAGE = """<!DOCTYPE html><html><head><title>Border talks resume | Example News</title>
<meta name="author" content="Asha Rao"><meta property="article:published_time" content="2020-09-14T08:00:00Z">
<link rel="canonical" href="https://news.example.org/border-talks"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Border talks resume</h1>
<p>Indian and Chinese diplomats met in Beijing on Monday to discuss the disputed border, the foreign ministry said.</p>
<p>The talks followed months of tension along the Line of Actual Control, where troops from both countries have faced each other since the summer.</p>
<p>Officials described the meeting as constructive and agreed to keep talking through military channels in the coming weeks.</p>
</article><footer>Copyright Example News. Subscribe now.</footer></body></html>"""


def _ingest(db: Path, *specs: str, published: str | None = None, allow_private: bool = False):
    with Store(db) as store:
        return ingest(store, list(specs), IngestOptions(published=parse_date_arg(published), allow_private=allow_private))


def _documents(db: Path) -> list[dict]:
    with Store(db) as store:
        return store.documents(with_text=True)


# ----------------------------------------------------------------- formats
def test_ingest_html_page_extracts_text_and_metadata(tmp_path, db):
    page = tmp_path / "border.html"
    page.write_text(PAGE, encoding="utf-8")
    report = _ingest(db, str(page))
    assert report.ingested == 1 and not report.rejected
    (doc,) = _documents(db)
    assert "diplomats met in Beijing" in doc["text"]
    assert "Subscribe now" not in doc["text"]
    assert doc["title"].startswith("Border talks resume")
    assert doc["author"] == "Asha Rao"
    assert doc["published"] == "2020-09-14"
    assert doc["url"] == "https://news.example.org/border-talks"
    assert doc["external_id"] == "border"
    assert doc["language"] == "en"


def test_ingest_plain_text_uses_published_option(tmp_path, db):
    path = tmp_path / "talks.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    _ingest(db, str(path), published="2020-09-15")
    (doc,) = _documents(db)
    assert doc["published"] == "2020-09-15"
    assert doc["text"].startswith("Indian and Chinese diplomats")


def test_jsonl_record_published_wins_over_option(tmp_path, db):
    path = tmp_path / "corpus.jsonl"
    rows = [
        {"id": "a1", "text": ARTICLE, "published": "2019-01-02", "title": "One", "url": "https://x.example/1"},
        {"id": "a2", "text": ARTICLE.replace("Monday", "Tuesday")},
        {"id": "a3", "html": PAGE.replace("Monday", "Friday")},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    report = _ingest(db, str(path), published="2020-05-05")
    assert report.ingested == 3
    docs = {d["external_id"]: d for d in _documents(db)}
    assert docs["a1"]["published"] == "2019-01-02" and docs["a1"]["title"] == "One"
    assert docs["a2"]["published"] == "2020-05-05"
    assert docs["a3"]["published"] == "2020-09-14"  # from the page's own metadata


def test_gzip_directory_glob_and_stdin(tmp_path, db):
    folder = tmp_path / "in" / "nested"
    folder.mkdir(parents=True)
    (folder / "a.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (folder / "b.html").write_text(PAGE.replace("Monday", "Sunday"), encoding="utf-8")
    (folder / "ignored.png").write_bytes(b"\x89PNG\r\n")
    report = _ingest(db, str(tmp_path / "in"))
    assert report.ingested == 2
    (tmp_path / "c1.txt").write_text(ARTICLE.replace("Monday", "Wednesday"), encoding="utf-8")
    (tmp_path / "c2.txt").write_text(ARTICLE.replace("Monday", "Thursday"), encoding="utf-8")
    assert _ingest(db, str(tmp_path / "c*.txt")).ingested == 2
    proc = run_cli("ingest", "-", "--no-code", "--published", "2020-01-01", db=db, input=ARTICLE.replace("Monday", "Saturday").encode())
    assert proc.returncode == 0, proc.stderr
    assert b"1 ingested" in proc.stdout
    assert len(_documents(db)) == 5


def test_ingest_same_file_twice_adds_nothing(tmp_path, db):
    path = tmp_path / "talks.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    first = _ingest(db, str(path))
    second = _ingest(db, str(path))
    assert (first.ingested, second.ingested, second.duplicates) == (1, 0, 1)
    with Store(db) as store:
        assert store.counts()["documents"] == 1
        assert store.counts()["raw_inputs"] == 1


def test_raw_input_is_kept(tmp_path, db):
    page = tmp_path / "p.html"
    page.write_text(PAGE, encoding="utf-8")
    _ingest(db, str(page))
    with Store(db) as store:
        doc = store.document(store.documents()[0]["doc_id"])
        assert store.raw_input(doc["raw_sha256"]) == PAGE.encode()


def test_non_english_document_is_stored_and_flagged(tmp_path, db):
    path = tmp_path / "fr.txt"
    path.write_text(
        "Les diplomates indiens et chinois se sont rencontrés lundi à Pékin pour discuter de la frontière. "
        "Les pourparlers ont suivi des mois de tension le long de la ligne de contrôle effectif.",
        encoding="utf-8",
    )
    report = _ingest(db, str(path))
    assert report.ingested == 1 and report.not_english == [str(path)]
    assert _documents(db)[0]["language"] == "fr"


# --------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty input"),
        ("blank.html", b"   \n\n ", "empty input"),
        ("binary.html", bytes(range(256)) * 20, "binary file"),
        ("latin1.txt", "Pékin et Moscou ont signé un accord commercial important.".encode("latin-1") * 3, "not valid UTF-8"),
        ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
        ("broken.html", b"<html><body><div><p>Short</p><div><span>", "no article text"),
        ("bad.gz", b"\x1f\x8b\x08\x00garbage", "corrupt gzip"),
    ],
)
def test_bad_input_is_rejected_with_reason_and_batch_goes_on(tmp_path, db, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    report = _ingest(db, str(bad), str(good))
    assert report.ingested == 1
    (err,) = report.rejected
    assert str(bad) in str(err) and reason in str(err)
    assert "\n" not in str(err)


def test_truncated_html_still_yields_its_article(tmp_path, db):
    page = tmp_path / "cut.html"
    page.write_text(PAGE[: PAGE.index("</article>") - 40], encoding="utf-8")
    report = _ingest(db, str(page))
    assert report.ingested == 1, report.rejected


def test_huge_file_is_rejected(tmp_path, db):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.write(b"Pakistan and Russia held talks. " * (50 * 1024 * 1024 // 32 + 1))
    report = _ingest(db, str(big))
    assert report.ingested == 0
    assert "too large" in str(report.rejected[0]) and str(big) in str(report.rejected[0])


def test_malformed_jsonl_lines_are_rejected_one_by_one(tmp_path, db):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": "ok", "text": ARTICLE}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "notext", "title": "x"}) + "\n"
        + json.dumps({"id": "baddate", "text": ARTICLE, "published": "2021-02-30"}) + "\n"
        + json.dumps(["a", "list"]) + "\n",
        encoding="utf-8",
    )
    report = _ingest(db, str(path))
    assert report.ingested == 1
    reasons = [str(e) for e in report.rejected]
    assert len(reasons) == 4
    assert any(f"{path}:2" in r and "not valid JSON" in r for r in reasons)
    assert any(f"{path}:3" in r and "neither a 'text' nor an 'html'" in r for r in reasons)
    assert any(f"{path}:4" in r and "bad date" in r for r in reasons)
    assert any(f"{path}:5" in r and "not a JSON object" in r for r in reasons)


def test_missing_file_and_bad_published_option_via_cli(tmp_path, db):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    proc = run_cli("ingest", str(tmp_path / "nope.txt"), str(good), "--no-code", db=db)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "nope.txt: no such file or directory" in err
    assert "1 ingested" in proc.stdout.decode()
    proc = run_cli("ingest", str(good), "--published", "2021-13-45", "--no-code", db=db)
    assert proc.returncode == 1
    assert proc.stderr.decode().strip().count("\n") == 0 and "bad date" in proc.stderr.decode()


def test_killed_ingest_rerun_leaves_no_partial_or_duplicate_document(tmp_path, db):
    corpus = tmp_path / "many"
    corpus.mkdir()
    n = 3000  # enough that the kill lands mid-run even on a fast machine
    for i in range(n):
        (corpus / f"doc{i:04d}.txt").write_text(ARTICLE.replace("Monday", f"day number {i}"), encoding="utf-8")
    cmd = [sys.executable, "-m", "accord.cli", "--db", str(db), "ingest", str(corpus), "--no-code"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    count = 0
    while time.time() < deadline:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=5) as conn:
                    count = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if count >= 5:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < count < n, "the ingest finished before it could be killed; grow the corpus"
    report = _ingest(db, str(corpus))
    with Store(db) as store:
        n_docs = store.counts()["documents"]
        ids = [d["external_id"] for d in store.documents(with_text=True)]
        texts = [d["text"] for d in store.documents(with_text=True)]
    assert n_docs == n and len(set(ids)) == n
    assert report.duplicates >= 5
    assert all(t.startswith("Indian and Chinese diplomats") and t.rstrip().endswith("channels.") for t in texts)


# ------------------------------------------------------------------ seed
CHROME_PREFIXES = ("Header Ad", "HomeNEWS", "- Advertisement -", "- Advertisment -", "Please enter your", "Most Popular")


def test_seed_keeps_every_article_paragraph_and_no_chrome(db):
    seed = shared_path("seed", "article.txt")
    report = _ingest(db, str(seed), published="2021-04-12")
    assert report.ingested == 1
    (doc,) = _documents(db)
    assert doc["published"] == "2021-04-12"
    # Whitespace runs inside a line are collapsed by ingest; compare words.
    kept = {" ".join(ln.split()) for ln in doc["text"].split("\n")}
    lines = [" ".join(ln.split()) for ln in seed.read_text(encoding="utf-8").split("\n") if ln.strip()]
    # The author block: the byline with a URL glued on, the name line above
    # it, and the bio paragraph that follows it.
    bio_at = next(i for i, ln in enumerate(lines) if re.search(r"https?://", ln))
    bio_lines = set(lines[bio_at - 1 : bio_at + 2])
    chrome = [ln for ln in lines if ln.startswith(CHROME_PREFIXES) or ln in bio_lines]
    assert len(chrome) >= 10
    for line in chrome:
        assert line not in kept, f"chrome line kept: {line!r}"
    paragraphs = [ln for ln in lines if ln not in chrome and len(ln.split()) >= 8]
    assert len(paragraphs) >= 20
    for para in paragraphs:
        assert para in kept, f"article paragraph lost: {para[:60]!r}"


def test_accord_db_environment_variable_chooses_the_store(tmp_path):
    path = tmp_path / "talks.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "from-env.db"
    proc = run_cli("ingest", str(path), "--no-code", env={"ACCORD_DB": str(target)})
    assert proc.returncode == 0, proc.stderr
    assert target.exists()
    with Store(target) as store:
        assert store.counts()["documents"] == 1
