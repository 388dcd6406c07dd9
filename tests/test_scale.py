"""Scale-out ingest (Dask workers, Parquet shards) and DuckDB analytics.

The Dask tests share one real ``distributed.LocalCluster`` (2 worker
processes, spaCy loaded once in each); the kill test starts its own in a
subprocess.  Corpora are small: a few dozen articles.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import math
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("distributed")
pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from accord import analysis, scale  # noqa: E402
from accord.corpus import Corpus  # noqa: E402
from accord.errors import InputError  # noqa: E402
from accord.ingest import IngestOptions, expand_inputs  # noqa: E402
from accord.pipeline import ingest as local_ingest  # noqa: E402
from accord.store import Store  # noqa: E402
from conftest import shared_path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

# --------------------------------------------------------------- corpora
STATES = [
    ("Russia", "Russian"), ("China", "Chinese"), ("India", "Indian"), ("Pakistan", "Pakistani"),
    ("the United States", "American"), ("Japan", "Japanese"), ("Iran", "Iranian"), ("Turkey", "Turkish"),
]
SENTENCES = [
    "{A} and {B} signed a trade agreement in the capital on Monday.",
    "The foreign minister of {A} visited {B} on Tuesday for talks on trade.",
    "{A} sharply criticized {B} over the attack.",
    "{A} accused {B} of violating the ceasefire along the border.",
    "{A} praised {B} for its support.",
    "{A} and {B} held talks on the border dispute.",
    "{A} condemned {B} for imposing new sanctions.",
]
FILLER = [
    "Officials described the meeting as long and detailed.",
    "Markets in the region were calm during the day.",
    "Analysts expect further statements later in the week.",
]


def make_articles(n: int, seed: int = 7) -> list[dict]:
    """``n`` short news articles about states, unique texts, dated 2015-2022."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lines = []
        for _ in range(3):
            (a, _), (b, _) = rng.sample(STATES, 2)
            s = rng.choice(SENTENCES).format(A=a, B=b)
            lines.append(s[0].upper() + s[1:])
        lines.append(rng.choice(FILLER))
        lines.append(f"This report was filed by correspondent number {i + 1}.")
        year = 2015 + i % 8
        out.append({"id": f"art{i:04d}", "published": f"{year}-{1 + i % 12:02d}-{1 + i % 27:02d}", "title": f"Report {i}", "text": " ".join(lines)})
    return out


def write_jsonl(path: Path, records: list[dict], extra_lines: dict[int, str] | None = None) -> Path:
    lines = [json.dumps(r) for r in records]
    for at, line in sorted((extra_lines or {}).items()):
        lines.insert(at, line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


HTML = """<!DOCTYPE html><html><head><title>{title}</title>{meta}</head>
<body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>
<p>{p1}</p><p>{p2}</p></article><footer>Copyright Example News</footer></body></html>"""


def html_page(title: str, p1: str, p2: str, published: str | None = None) -> str:
    meta = f'<meta property="article:published_time" content="{published}T08:00:00Z">' if published else ""
    return HTML.format(title=title, meta=meta, p1=p1, p2=p2)


FRENCH = ("La Russie et la Chine ont signé un accord commercial à Moscou lundi. Les deux pays veulent "
          "renforcer leur coopération économique et politique dans les années à venir, selon les ministres.")


def own_corpus(root: Path) -> Path:
    """A directory of .txt, .html and .jsonl inputs, with a duplicate text,
    a non-English text, and the same article as a file and a JSONL line."""
    corpus = root / "corpus"
    (corpus / "sub").mkdir(parents=True)
    arts = make_articles(14, seed=3)
    for i, art in enumerate(arts[:4]):
        (corpus / f"a{i}.txt").write_text(f"{art['title']}\n\n{art['text']}\n", encoding="utf-8")
    (corpus / "sub" / "dup.txt").write_text(f"{arts[0]['title']}\n\n{arts[0]['text']}\n", encoding="utf-8")
    (corpus / "fr.txt").write_text(FRENCH + "\n", encoding="utf-8")
    for i, art in enumerate(arts[4:7]):
        sents = art["text"].split(". ")
        page = html_page(art["title"], ". ".join(sents[:2]) + ".", ". ".join(sents[2:]), published=art["published"])
        (corpus / f"page{i}.html").write_text(page, encoding="utf-8")
    write_jsonl(corpus / "news.jsonl", arts[7:] + [{"text": f"{arts[1]['title']}\n\n{arts[1]['text']}", "published": "2016-05-05"}])
    return corpus


# --------------------------------------------------------------- helpers
@pytest.fixture(scope="module")
def coder():
    from accord.coding import default_coder

    return default_coder()


LEXICON_CHANGED = "the lexicon changed while the tests ran (processes loaded different versions: {}); rerun"


@pytest.fixture(scope="module")
def client(coder):
    """Two worker processes with the coder loaded, the same version as this
    process's (the engines are compared against each other)."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR)
    cl = Client(cluster)
    versions = set(scale.warm_workers(cl).values())
    if versions != {coder.version}:
        cl.restart()
        versions = set(scale.warm_workers(cl).values())
    assert versions == {coder.version}, LEXICON_CHANGED.format(sorted(versions | {coder.version}))
    yield cl
    cl.close()
    cluster.close()


def run_local(db: Path, specs: list[str], coder, code: bool = True):
    with Store(db) as store:
        return local_ingest(store, specs, IngestOptions(), coder=coder.code_document if code else None, coder_name=coder.version if code else None)


def run_dask(client, specs: list[str], db: Path | None = None, parquet: Path | None = None, size: int = 3, **kw):
    return scale.ingest_dask(specs, IngestOptions(), db_path=db, parquet_dir=parquet, client=client, partition_size=size, **kw)


def snapshot(db: Path) -> dict:
    con = sqlite3.connect(db)
    try:
        return {
            "documents": sorted(con.execute(
                "SELECT doc_id, external_id, path, url, title, author, published, language, source_kind,"
                " raw_sha256, text, coder, coded_at IS NOT NULL FROM documents")),
            "events": sorted(con.execute(
                "SELECT doc_id, event_id, cameo, source_code, target_code, date_start, date_end, modality FROM events")),
            "events_full": sorted(con.execute("SELECT * FROM events")),
            "raw_inputs": sorted(con.execute("SELECT sha256, source, size, data FROM raw_inputs")),
        }
    finally:
        con.close()


def report_tuple(report) -> tuple:
    return (report.ingested, report.duplicates, report.events, [(e.source, e.reason) for e in report.rejected], list(report.not_english))


def assert_same_store(a: Path, b: Path) -> None:
    sa, sb = snapshot(a), snapshot(b)
    assert sa["documents"] == sb["documents"]
    assert sa["events"] == sb["events"]
    assert sa["events_full"] == sb["events_full"]
    assert sa["raw_inputs"] == sb["raw_inputs"]


def sorted_frame(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values("event_id", kind="stable").reset_index(drop=True)


# --------------------------------------------------------------- planning (no cluster)
def test_jsonl_ranges_and_gzip_give_the_local_engines_inputs(tmp_path):
    arts = make_articles(9)
    extra = {2: "", 4: "{not json", 6: '["a list"]', 8: '{"title": "no text"}'}
    plain = write_jsonl(tmp_path / "c.jsonl", arts, extra)
    plain.write_bytes(plain.read_bytes().rstrip(b"\n"))  # no trailing newline
    gz = tmp_path / "c.jsonl.gz"
    gz.write_bytes(gzip.compress(plain.read_bytes()))

    def key(item):
        if isinstance(item, InputError):
            return ("error", item.source, item.reason)
        return (item.source, item.external_id, item.path, item.published, json.dumps(item.record, sort_keys=True))

    for path in (plain, gz):
        expected = [key(i) for i in expand_inputs([str(path)], IngestOptions())]
        assert len(expected) == 12  # 13 lines, one blank
        for size in (1, 2, 3, 5, 100):
            plan = scale.plan_partitions([str(path)], IngestOptions(), size)
            assert all(isinstance(p, scale.Partition) and p.kind == "jsonl" for p in plan)
            assert len(plan) == math.ceil(13 / size)
            got = [key(i) for p in plan for i, _ in scale._partition_items(p, IngestOptions(), [0])]
            assert got == expected, (path.name, size)
        # same inputs on disk: same ids; a different option: different ids
        assert [p.pid for p in scale.plan_partitions([str(path)], IngestOptions(), 3)] == [p.pid for p in scale.plan_partitions([str(path)], IngestOptions(), 3)]
        other = scale.plan_partitions([str(path)], IngestOptions(published=date(2020, 1, 1)), 3)
        assert not {p.pid for p in other} & {p.pid for p in scale.plan_partitions([str(path)], IngestOptions(), 3)}


def test_plan_orders_like_the_local_engine_and_reports_bad_specs(tmp_path):
    corpus = own_corpus(tmp_path)
    specs = [str(corpus), str(tmp_path / "missing.txt"), str(tmp_path / "nothing-*.html"), "-"]
    plan = scale.plan_partitions(specs, IngestOptions(), 2)
    errors = [(e.source, e.reason) for e in plan if isinstance(e, InputError)]
    assert [s for s, _ in errors] == [str(tmp_path / "missing.txt"), str(tmp_path / "nothing-*.html"), "-"]
    assert "stdin" in errors[-1][1]
    files = [p for part in plan if isinstance(part, scale.Partition) for p in part.paths]
    local_paths = []
    for item in expand_inputs([str(corpus)], IngestOptions()):
        if not isinstance(item, InputError) and item.path not in local_paths:
            local_paths.append(item.path)
    assert list(dict.fromkeys(files)) == local_paths


# --------------------------------------------------------------- engines agree
def test_dask_and_local_engines_agree_on_the_dev_set(client, coder, tmp_path):
    dev = shared_path("data", "dev", "events_dev.jsonl")
    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    expected = run_local(local_db, [str(dev)], coder)
    report = run_dask(client, [str(dev)], db=dask_db, size=8)
    assert report.partitions >= 4 and report.resumed == 0
    assert report_tuple(report) == report_tuple(expected)
    assert_same_store(local_db, dask_db)
    assert snapshot(dask_db)["events"], "the dev set codes events"


def test_dask_and_local_engines_agree_on_an_own_corpus(client, coder, tmp_path):
    corpus = own_corpus(tmp_path)
    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    expected = run_local(local_db, [str(corpus)], coder)
    assert expected.duplicates == 2 and len(expected.not_english) == 1  # the test corpus exercises both
    report = run_dask(client, [str(corpus)], db=dask_db, size=2)
    assert report_tuple(report) == report_tuple(expected)
    assert_same_store(local_db, dask_db)
    # a second run adds nothing and runs nothing
    again = run_dask(client, [str(corpus)], db=dask_db, size=2)
    assert again.ingested == 0 and again.duplicates == expected.ingested + expected.duplicates
    assert again.resumed == again.partitions
    assert_same_store(local_db, dask_db)


def test_no_code_mode_stores_documents_only(client, coder, tmp_path):
    corpus = own_corpus(tmp_path)
    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    expected = run_local(local_db, [str(corpus)], coder, code=False)
    report = run_dask(client, [str(corpus)], db=dask_db, size=4, code=False)
    assert report_tuple(report) == report_tuple(expected)
    assert_same_store(local_db, dask_db)
    assert not snapshot(dask_db)["events"]


# --------------------------------------------------------------- bad inputs
def test_bad_inputs_in_a_partition_are_reported_and_the_rest_goes_on(client, coder, tmp_path):
    corpus = tmp_path / "bad"
    corpus.mkdir()
    arts = make_articles(6, seed=11)
    (corpus / "a-good.txt").write_text(arts[0]["text"], encoding="utf-8")
    (corpus / "b-empty.txt").write_bytes(b"")
    (corpus / "c-binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (corpus / "d-good.html").write_text(html_page("Talks", arts[1]["text"], arts[2]["text"]), encoding="utf-8")
    write_jsonl(corpus / "e.jsonl", arts[3:], {1: '{"text": "unterminated', 3: "[1, 2]"})
    (corpus / "f-latin1.txt").write_bytes("Caf\xe9 diplomacy: Russia and China signed a trade agreement in the capital on Monday, officials said.".encode("latin-1"))
    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    expected = run_local(local_db, [str(corpus)], coder)
    errors: list[str] = []
    report = run_dask(client, [str(corpus)], db=dask_db, size=2, on_error=lambda exc: errors.append(str(exc)))
    rejected = [(e.source, e.reason) for e in report.rejected]
    assert rejected == [(e.source, e.reason) for e in expected.rejected]
    assert errors == [f"{s}: {r}" for s, r in rejected]
    reasons = dict(rejected)
    assert reasons[str(corpus / "b-empty.txt")] == "empty input"
    assert reasons[str(corpus / "c-binary.html")].startswith("binary file")
    assert reasons[f"{corpus / 'e.jsonl'}:2"].startswith("not valid JSON")
    assert reasons[f"{corpus / 'e.jsonl'}:4"] == "record is not a JSON object"
    assert reasons[str(corpus / "f-latin1.txt")].startswith("not valid UTF-8")
    assert report.ingested == expected.ingested == 5
    assert_same_store(local_db, dask_db)


# --------------------------------------------------------------- kill and resume
KILL_SCRIPT = """
import sys
from accord.ingest import IngestOptions
from accord.scale import ingest_dask
if __name__ == "__main__":
    ingest_dask([sys.argv[1]], IngestOptions(), db_path=sys.argv[2], workers=2, partition_size=int(sys.argv[3]))
"""


def _live_group_members(pgid: int) -> list[int]:
    import psutil

    live = []
    for p in psutil.process_iter():
        try:
            if os.getpgid(p.pid) == pgid and p.status() != psutil.STATUS_ZOMBIE:
                live.append(p.pid)
        except (ProcessLookupError, psutil.Error):
            continue
    return live


def test_killed_run_resumes_to_the_same_store_as_a_clean_run(client, coder, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "big.jsonl", make_articles(90, seed=5))
    for i, art in enumerate(make_articles(6, seed=9)):
        (corpus / f"t{i}.txt").write_text(art["text"], encoding="utf-8")
    size = 4
    plan = scale.plan_partitions([str(corpus)], IngestOptions(), size)
    total = len(plan)
    assert total >= 20
    db = tmp_path / "killed.db"
    done = scale.default_shard_dir(db) / "done"
    log_path = tmp_path / "run.log"
    with open(log_path, "wb") as log_fh:
        proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(corpus), str(db), str(size)],
                                stdout=log_fh, stderr=subprocess.STDOUT, start_new_session=True, cwd=os.getcwd())
        try:
            n_done = 0
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and proc.poll() is None:
                n_done = len(list(done.glob("*.json"))) if done.exists() else 0
                if n_done >= 1:
                    break
                time.sleep(0.02)
        finally:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
    n_done = len(list(done.glob("*.json")))
    assert 1 <= n_done < total, f"kill landed outside the run ({n_done}/{total} done): {log_path.read_text(errors='replace')[-2000:]}"
    killed_versions = {json.loads(p.read_text())["coder"] for p in done.glob("*.json")} - {None}
    assert killed_versions <= {coder.version}, LEXICON_CHANGED.format(sorted(killed_versions | {coder.version}))
    deadline = time.monotonic() + 15
    while _live_group_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _live_group_members(proc.pid), "a worker outlived the kill"

    report = scale.ingest_dask([str(corpus)], IngestOptions(), db_path=db, client=client, partition_size=size)
    assert report.resumed == n_done and report.partitions == total
    assert not report.rejected

    clean_db = tmp_path / "clean.db"
    clean = scale.ingest_dask([str(corpus)], IngestOptions(), db_path=clean_db, client=client, partition_size=size)
    assert clean.ingested == 96 and clean.resumed == 0
    assert_same_store(db, clean_db)
    with Store(db) as store:
        assert store.counts()["documents"] == 96
    assert not list(scale.default_shard_dir(db).rglob("*.tmp"))
    pd.testing.assert_frame_equal(
        sorted_frame(scale.events_frame_from_parquet(scale.default_shard_dir(db), modality="all")),
        sorted_frame(Corpus(clean_db).events(modality="all")),
    )


# --------------------------------------------------------------- DuckDB analytics
def test_parquet_only_then_duckdb_series_and_tilt_equal_sqlite(client, coder, tmp_path):
    corpus = own_corpus(tmp_path)
    write_jsonl(corpus / "more.jsonl", make_articles(40, seed=21))
    db = tmp_path / "local.db"
    expected = run_local(db, [str(corpus)], coder)
    shards = tmp_path / "shards"
    report = run_dask(client, [str(corpus)], parquet=shards, size=5)
    assert not report.loaded and not (tmp_path / "shards.db").exists()
    assert report_tuple(report) == report_tuple(expected)

    for modality in ("asserted", "all"):
        pd.testing.assert_frame_equal(sorted_frame(scale.events_frame_from_parquet(shards, modality=modality)),
                                      sorted_frame(Corpus(db).events(modality=modality)))
    pd.testing.assert_frame_equal(scale.events_frame_from_parquet(shards, actor="RUS", limit=5).reset_index(drop=True),
                                  Corpus(db).events(actor="RUS", limit=5))

    frame = Corpus(db).events()
    assert len(frame) > 50
    for a, b in (("RUS", "CHN"), ("IND", "PAK"), ("USA", "JPN"), ("IRN", "TUR")):
        for freq in ("year", "quarter"):
            for directed in (False, True):
                got = scale.series_parquet(shards, a, b, freq=freq, directed=directed)
                want = analysis.series(frame, a, b, freq=freq, directed=directed)
                pd.testing.assert_frame_equal(got, want)
                assert got.attrs == want.attrs
    for actor, toward, away in (("RUS", "CHN", "USA"), ("IND", "PAK", "CHN"), ("JPN", "USA", "IRN")):
        for freq, missing in (("year", "neutral"), ("month", "neutral"), ("year", "skip")):
            got = scale.tilt_parquet(shards, actor, toward, away, freq=freq, n_boot=200, seed=3, missing=missing)
            want = analysis.tilt(frame, actor, toward, away, freq=freq, n_boot=200, seed=3, missing=missing)
            assert got.to_json() == want.to_json()
            assert got.summary == want.summary
            # the pure-SQL tilt agrees with the pandas one (no bootstrap)
            sql = scale.tilt_duckdb(shards, actor, toward, away, freq=freq, missing=missing)
            ref = want.to_frame()
            assert list(sql["period"]) == list(ref["period"])
            assert list(sql["n_toward"]) == list(ref["n_toward"]) and list(sql["n_away"]) == list(ref["n_away"])
            for col in ("score_toward", "score_away", "tilt"):
                pd.testing.assert_series_equal(sql[col], ref[col].astype(float), check_exact=False, rtol=1e-9, atol=1e-12, check_names=False)


def test_a_document_in_two_partitions_counts_once_in_duckdb(client, coder, tmp_path):
    arts = make_articles(3, seed=4)
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "one.txt").write_text(arts[0]["text"], encoding="utf-8")
    (corpus / "two.txt").write_text(arts[1]["text"], encoding="utf-8")
    write_jsonl(corpus / "z.jsonl", [{"text": arts[0]["text"]}, {"text": arts[2]["text"]}])
    shards = tmp_path / "shards"
    report = run_dask(client, [str(corpus)], parquet=shards, size=1)
    assert report.duplicates == 1 and report.ingested == 3
    import pyarrow.parquet as pq

    raw = pq.read_table(sorted((shards / "events").glob("*.parquet"))).to_pandas()
    frame = scale.events_frame_from_parquet(shards, modality="all")
    assert frame["event_id"].is_unique
    assert len(raw) > len(frame) == raw["event_id"].nunique()
    db = tmp_path / "local.db"
    run_local(db, [str(corpus)], coder)
    pd.testing.assert_frame_equal(sorted_frame(frame), sorted_frame(Corpus(db).events(modality="all")))
    # the copy from the first partition holding the document wins, as in the store
    docs = pq.read_table(sorted((shards / "documents").glob("*.parquet")), columns=["doc_id", "path"]).to_pandas()
    (shared,) = docs.loc[docs["doc_id"].duplicated(), "doc_id"]
    with Store(db) as store:
        assert store.document(shared)["path"] == str(corpus / "one.txt")
    assert (frame["doc_id"] == shared).sum() == (raw["doc_id"] == shared).sum() / 2 > 0


def test_duckdb_over_an_empty_or_missing_shard_directory(tmp_path):
    with pytest.raises(Exception, match="not an accord shard directory"):
        scale.events_frame_from_parquet(tmp_path / "nope")
    (tmp_path / "empty" / "done").mkdir(parents=True)
    df = scale.events_frame_from_parquet(tmp_path / "empty")
    Store(tmp_path / "x.db").close()
    assert df.empty and list(df.columns) == list(Corpus(tmp_path / "x.db").events().columns)
    with pytest.raises(Exception, match="no events in the store"):
        scale.series_parquet(tmp_path / "empty", "RUS", "CHN")


# --------------------------------------------------------------- WARC
def write_warc(path: Path, pages: list[tuple[str, str, bytes, str, str]]) -> None:
    """pages: (url, status, body, content type, WARC-Date)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "accord tests"}))
        for url, status, body, ctype, when in pages:
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req, warc_headers_dict={"WARC-Date": when}))
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict={"WARC-Date": when}))


def test_warc_response_records_become_documents(client, tmp_path):
    arts = make_articles(5, seed=13)
    pages = [
        ("https://news.example.org/world/talks", "200 OK", html_page("Talks", arts[0]["text"], arts[1]["text"]).encode(), "text/html; charset=utf-8", "2019-05-06T10:00:00Z"),
        ("https://news.example.org/logo.png", "200 OK", b"\x89PNG\r\n\x1a\n" + bytes(300), "image/png", "2019-05-06T10:00:01Z"),
        ("https://news.example.org/gone", "404 Not Found", b"<html><body>missing</body></html>", "text/html", "2019-05-06T10:00:02Z"),
        ("https://news.example.org/world/deal", "200 OK", html_page("Deal", arts[2]["text"], arts[3]["text"], published="2018-02-03").encode(), "text/html", "2019-05-07T10:00:00Z"),
        ("https://news.example.org/nav", "200 OK", b"<html><body><nav>Home | World</nav></body></html>", "text/html", "2019-05-07T11:00:00Z"),
    ]
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, pages)
    plain = tmp_path / "crawl2.warc"
    write_warc(plain, pages[3:4] + pages[:1])

    split = scale.plan_partitions([str(warc)], IngestOptions(), 1)
    assert len(split) >= 3 and all(p.kind == "warc" for p in split)

    results = {}
    for size in (1, 100):
        db = tmp_path / f"w{size}.db"
        report = run_dask(client, [str(warc), str(plain)], db=db, size=size)
        results[size] = (report_tuple(report), snapshot(db)["documents"])
        assert report.ingested == 2 and report.duplicates == 2, report.summary()
        assert len(report.rejected) == 1 and report.rejected[0].reason.startswith("no article text found")
        assert report.rejected[0].source == f"https://news.example.org/nav ({warc}#10)"  # record 0 is warcinfo
        docs = {d["url"]: d for d in Corpus(db).documents(with_text=True)}
        assert set(docs) == {"https://news.example.org/world/talks", "https://news.example.org/world/deal"}
        assert docs["https://news.example.org/world/talks"]["published"] == "2019-05-06"  # WARC-Date fallback
        assert docs["https://news.example.org/world/deal"]["published"] == "2018-02-03"  # the page's own date wins
        assert docs["https://news.example.org/world/talks"]["path"] == str(warc)
    assert results[1] == results[100]

    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(warc.read_bytes()[:-200])
    report = run_dask(client, [str(broken)], parquet=tmp_path / "broken-shards", size=100)
    assert report.rejected and report.rejected[-1].source == str(broken) and "cannot read WARC" in report.rejected[-1].reason


def test_a_failing_task_raises_after_the_others_are_saved(client, tmp_path, monkeypatch):
    arts = make_articles(4, seed=17)
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i, art in enumerate(arts):
        (corpus / f"{i}.txt").write_text(art["text"], encoding="utf-8")
    real_plan = scale.plan_partitions

    def plan_with_a_broken_task(*args, **kwargs):
        plan = real_plan(*args, **kwargs)
        bogus = scale.Partition("bogus0000", "no-such-kind", ("x",))  # the worker raises ValueError
        return plan[:1] + [bogus] + plan[1:]

    monkeypatch.setattr(scale, "plan_partitions", plan_with_a_broken_task)
    db = tmp_path / "s.db"
    with pytest.raises(scale.ScaleError, match="rerun the same command") as info:
        run_dask(client, [str(corpus)], db=db, size=1)
    assert "no-such-kind" in str(info.value)
    done = scale.default_shard_dir(db) / "done"
    assert len(list(done.glob("*.json"))) == 4  # every good partition finished and kept its marker
    with Store(db) as store:
        assert store.counts()["documents"] == 1  # loading stopped at the failure, in plan order
    monkeypatch.setattr(scale, "plan_partitions", real_plan)
    report = run_dask(client, [str(corpus)], db=db, size=1)
    assert report.resumed == 4 and report.ingested == 3 and report.duplicates == 1


def test_shards_without_the_unique_id_guarantee_are_deduped_by_event_id(client, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    corpus = tmp_path / "c"
    corpus.mkdir()
    write_jsonl(corpus / "n.jsonl", make_articles(8, seed=23))
    shards = tmp_path / "shards"
    run_dask(client, [str(corpus)], parquet=shards, size=4)
    before = scale.events_frame_from_parquet(shards, modality="all")
    assert before["event_id"].is_unique and len(before) > 0
    # a foreign shard: the same event id twice, the later row differing (as the store's INSERT OR REPLACE sees it)
    marker = next(p for p in sorted((shards / "done").glob("*.json")) if json.loads(p.read_text())["events"])
    pid = marker.stem
    events_path = shards / "events" / f"part-{pid}.parquet"
    table = pq.read_table(events_path)
    first = table.slice(0, 1).to_pylist()[0]
    first["sentence"] = "REPLACED"
    pq.write_table(pa.concat_tables([table, pa.Table.from_pylist([first], schema=table.schema)]), events_path)
    data = json.loads(marker.read_text())
    del data["unique_event_ids"]
    marker.write_text(json.dumps(data))
    after = scale.events_frame_from_parquet(shards, modality="all")
    assert after["event_id"].is_unique and len(after) == len(before)
    assert after.loc[after["event_id"] == first["event_id"], "sentence"].tolist() == ["REPLACED"]


def test_a_batch_of_documents_is_stored_all_or_none(tmp_path):
    from accord.records import Document
    from accord.store import Store

    def doc(i: int) -> Document:
        return Document(doc_id=f"d{i}", text=f"Text number {i} about nothing in particular.", source_kind="text")

    store = Store(tmp_path / "s.db")

    def items():
        yield doc(1), None, "a", None, None
        yield doc(2), None, "b", None, None
        raise RuntimeError("the loader died mid-partition")

    with pytest.raises(RuntimeError):
        store.add_documents(items())
    assert not store.has_document("d1") and not store.has_document("d2")
    assert store.add_documents([(doc(1), None, "a", None, None), (doc(1), None, "a", None, None), (doc(2), None, "b", None, None)]) == [True, False, True]
    store.close()
