"""The command line end to end: real subprocesses, a real SQLite file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from accord.cli import main as cli_main
from accord.codebook import validate_event
from conftest import REPO, run_cli, shared_path

ARTICLES = [
    {"id": "a1", "published": "2015-07-20", "text": "Russian Defence Minister Sergei Shoigu visited Islamabad on July 18, 2015 and signed a defence agreement with Pakistan."},
    {"id": "a2", "published": "2016-09-30", "text": "Russian and Pakistani troops held a joint military exercise in Pakistan in September 2016."},
    {"id": "a3", "published": "2016-10-02", "text": "India criticized Russia on October 1, 2016 for holding drills with Pakistan."},
    {"id": "a4", "published": "2018-10-06", "text": "India and Russia signed a contract for S-400 air defence systems in New Delhi on October 5, 2018."},
    {"id": "a5", "published": "2018-10-07", "text": "Pakistan did not sign any arms deal with Russia in 2018."},
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    db = folder / "cli.db"
    proc = run_cli("ingest", str(corpus), db=db)
    assert proc.returncode == 0, proc.stderr
    assert b"5 ingested" in proc.stdout
    return db


def _jsonl(proc) -> list[dict]:
    assert proc.returncode == 0, proc.stderr.decode()
    return [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]


def test_events_jsonl_follow_the_contract(store):
    events = _jsonl(run_cli("events", "--format", "jsonl", db=store))
    assert events
    for ev in events:
        validate_event(ev)
        assert ev["modality"] == "asserted"


def test_events_filters(store):
    dyad = _jsonl(run_cli("events", "--dyad", "RUS", "PAK", "--format", "jsonl", db=store))
    assert dyad and all({e["source"]["country"], e["target"]["country"]} == {"RUS", "PAK"} for e in dyad)
    since = _jsonl(run_cli("events", "--since", "2016-01-01", "--format", "jsonl", db=store))
    assert since and all(e["date"]["end"] >= "2016-01-01" for e in since)
    quad = _jsonl(run_cli("events", "--quad", "3", "--format", "jsonl", db=store))
    assert quad and all(e["quad_class"] == 3 for e in quad)
    root = _jsonl(run_cli("events", "--root", "04", "--format", "jsonl", db=store))
    assert root and all(e["root"] == "04" for e in root)
    every = _jsonl(run_cli("events", "--modality", "all", "--format", "jsonl", db=store))
    assert any(e["modality"] == "negated" for e in every)
    csv_out = run_cli("events", "--actor", "IND", "--format", "csv", db=store)
    assert csv_out.returncode == 0 and csv_out.stdout.decode().startswith("date,source,cameo,target")


def test_timeline_is_chronological_with_evidence(store):
    rows = _jsonl(run_cli("timeline", "RUS", "PAK", "--format", "jsonl", db=store))
    starts = [r["date"]["start"] for r in rows if r["date"]]
    assert starts == sorted(starts) and len(starts) >= 2
    assert all(r["evidence"]["sentence"] for r in rows)


def test_tilt_json_traces_every_period_to_events(store):
    proc = run_cli("tilt", "RUS", "--toward", "PAK", "--away", "IND", "--json", db=store)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) >= {"actor", "toward", "away", "periods", "summary"}
    ids = {e["event_id"] for e in _jsonl(run_cli("events", "--modality", "all", "--format", "jsonl", db=store))}
    for period in out["periods"]:
        assert set(period) >= {"period", "start", "end", "score_toward", "score_away", "tilt", "low", "high", "events"}
        assert set(period["events"]) <= ids
    assert "Russia" in out["summary"]


def test_series_and_changes_and_plot(store, tmp_path):
    proc = run_cli("series", "RUS", "PAK", "--freq", "year", "--format", "csv", "--plot", str(tmp_path / "s.png"), db=store)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().splitlines()[0].startswith("period,n_events")
    assert (tmp_path / "s.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    proc = run_cli("changes", "RUS", "PAK", db=store)
    assert proc.returncode == 0, proc.stderr
    png = tmp_path / "t.png"
    proc = run_cli("tilt", "RUS", "--toward", "PAK", "--away", "IND", "--plot", str(png), db=store)
    assert proc.returncode == 0 and png.stat().st_size > 10_000


@pytest.mark.parametrize(
    "args, message",
    [
        (["tilt", "XXX", "--toward", "PAK", "--away", "IND"], "unknown actor code 'XXX'"),
        (["tilt", "RUS", "--toward", "RUS", "--away", "IND"], "RUS"),
        (["timeline", "PAK", "PAK"], "two different actors"),
        (["events", "--quad", "7"], "quad class"),
        (["events", "--since", "2020-02-30"], "bad date"),
        (["show", "ffffffff"], "no document"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_1(store, args, message):
    proc = run_cli(*args, db=store)
    err = proc.stderr.decode().strip()
    assert proc.returncode == 1, (proc.returncode, err)
    assert len(err.splitlines()) == 1 and message in err


def test_empty_store_is_a_clear_error(tmp_path):
    db = tmp_path / "empty.db"
    run_cli("ingest", str(tmp_path / "missing.txt"), "--no-code", db=db)
    proc = run_cli("tilt", "RUS", "--toward", "PAK", "--away", "IND", db=db)
    assert proc.returncode == 1 and "no events in the store" in proc.stderr.decode()
    proc = run_cli("events", db=tmp_path / "never-created.db")
    assert proc.returncode == 1 and "no such store" in proc.stderr.decode()


def test_recode_after_ingest_keeps_ids_stable(store):
    before = {e["event_id"] for e in _jsonl(run_cli("events", "--modality", "all", "--format", "jsonl", db=store))}
    proc = run_cli("code", db=store)
    assert proc.returncode == 0 and b"5 documents recoded" in proc.stdout
    after = {e["event_id"] for e in _jsonl(run_cli("events", "--modality", "all", "--format", "jsonl", db=store))}
    assert before == after


def _commands(group, prefix=()):
    for name, cmd in group.commands.items():
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, prefix + (name,))
        else:
            yield prefix + (name,), cmd


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for path, cmd in _commands(cli_main):
        help_text = cmd.help or ""
        assert "Example" in help_text, f"accord {' '.join(path)} has no example in --help"
        assert f"accord {' '.join(path)}" in readme or re.search(rf"accord .*{path[-1]}", readme), f"accord {' '.join(path)} is not in README.md"


def test_seed_tilt_is_positive_2014_to_2021(tmp_path):
    seed = shared_path("seed", "article.txt")
    db = tmp_path / "seed.db"
    assert run_cli("ingest", str(seed), "--published", "2021-04-12", db=db).returncode == 0
    out = json.loads(run_cli("tilt", "RUS", "--toward", "PAK", "--away", "IND", "--json", db=db).stdout)
    by_period = {p["period"]: p for p in out["periods"]}
    for year in range(2014, 2022):
        period = by_period[str(year)]
        assert period["tilt"] is not None and period["tilt"] > 0, period
        assert period["events"], f"{year} has no traceable events"
    assert out["summary"].startswith("Russia leans toward Pakistan over India")


def test_demo_runs_and_writes_a_chart(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "accord.demo", "--db", str(tmp_path / "demo.db"), "--plot", str(tmp_path / "tilt.png"), "--seed", str(REPO.parent / "shared" / "seed" / "article.txt")],
        capture_output=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    out = proc.stdout.decode()
    assert "Timeline: Russia–Pakistan" in out and "Tilt of Russia between Pakistan and India" in out
    assert "Russia" in out.split("Tilt of Russia")[-1]
    assert (tmp_path / "tilt.png").stat().st_size > 10_000


def test_python_api_mirrors_the_cli(store):
    import accord

    corpus = accord.open(store)
    df = corpus.events()
    assert len(df) > 0 and {"event_id", "source_country", "target_country", "goldstein", "date_start"} <= set(df.columns)
    only = corpus.events(dyad=("RUS", "PAK"))
    assert set(zip(only.source_country, only.target_country)) <= {("RUS", "PAK"), ("PAK", "RUS")}
    s = accord.series(df, "RUS", "PAK", freq="year")
    assert s["n_events"].sum() >= 1
    result = accord.tilt(df, "RUS", toward="PAK", away="IND", n_boot=50)
    cli = json.loads(run_cli("tilt", "RUS", "--toward", "PAK", "--away", "IND", "--json", "--boot", "50", db=store).stdout)
    assert result.to_json()["periods"] == cli["periods"]
    assert isinstance(accord.changepoints(s), list)
