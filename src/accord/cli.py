"""The ``accord`` command line: thin wrappers over the public functions.

Exit codes: 0 ok, 1 user error (one-line message), 2 partial failure
(some inputs rejected, each listed).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from . import __version__
from .errors import AccordError, InputError
from .ingest import IngestOptions, env_db_path, parse_date_arg
from .output import FORMATS, write_rows
from .store import DOCUMENT_FIELDS, Store


class Context:
    def __init__(self, db: str, verbose: int) -> None:
        self.db = db
        self.verbose = verbose

    def store(self, readonly: bool = False) -> Store:
        return Store(self.db, readonly=readonly)


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"accord: error: {message}", err=True)
    sys.exit(code)


class AccordGroup(click.Group):
    """Turns accord's own errors into one-line messages and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AccordError as exc:
            _fail(str(exc))


format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format.")


@click.group(cls=AccordGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(dir_okay=False), default=None, help="SQLite store (default: $ACCORD_DB or ./accord.db).")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
@click.version_option(__version__, prog_name="accord")
@click.pass_context
def main(ctx: click.Context, db: str | None, verbose: int) -> None:
    """accord: dated, evidence-linked political events from news articles.

    \b
    Example:
      accord ingest article.html --published 2021-04-12
      accord events --dyad RUS PAK --format jsonl
      accord tilt RUS --toward PAK --away IND
    """
    logging.basicConfig(level=logging.WARNING - 10 * min(verbose, 2), format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = Context(db or env_db_path(), verbose)


# -------------------------------------------------------------- ingest
@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", help="Publication date YYYY-MM-DD for sources that carry none (a JSONL record's own 'published' wins).")
@click.option("--allow-private", is_flag=True, help="Allow fetching URLs on private, loopback or link-local addresses.")
@click.option("--no-code", is_flag=True, help="Store documents without coding events.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: one process. dask: partitions on Dask worker processes, Parquet shards, then the store; a rerun resumes.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Dask: worker processes of the local cluster (default 2; each loads the spaCy model).")
@click.option("--scheduler", metavar="ADDRESS", help="Dask: use a running scheduler (tcp://host:8786) instead of a local cluster; its workers must see the same paths.")
@click.option("--parquet-only", "parquet_only", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="Dask: write the Parquet shards to DIR and do not load the store (analyse them with --parquet DIR).")
@click.option("--partition-size", type=click.IntRange(min=1), default=None, help="Dask: documents per task (default 250).")
@click.pass_obj
def ingest(obj: Context, inputs: tuple[str, ...], published: str | None, allow_private: bool, no_code: bool,
           engine: str, workers: int | None, scheduler: str | None, parquet_only: Path | None, partition_size: int | None) -> None:
    """Ingest articles: .html/.htm pages, scraped .txt, .jsonl corpora (any
    of them .gz), directories, globs, '-' for stdin, and URLs.

    \b
    Example:
      accord ingest ../shared/seed/article.txt --published 2021-04-12
      accord ingest corpus/ https://example.org/news/story.html
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .pipeline import ingest as run_ingest

    options = IngestOptions(published=parse_date_arg(published), allow_private=allow_private)
    if engine == "dask":
        _ingest_dask(obj, list(inputs), options, no_code, workers, scheduler, parquet_only, partition_size)
        return
    if workers is not None or scheduler or parquet_only or partition_size is not None:
        _fail("--workers, --scheduler, --parquet-only and --partition-size need --engine dask")
    coder = coder_name = None
    if not no_code:
        from .coding import default_coder

        coder_obj = default_coder()
        coder, coder_name = coder_obj.code_document, coder_obj.version

    def on_error(exc: InputError) -> None:
        click.echo(f"accord: rejected {exc}", err=True)

    def on_notice(message: str) -> None:
        click.echo(f"accord: {message}", err=True)

    with obj.store() as store, Progress(
        SpinnerColumn(), TextColumn("{task.completed} inputs"), TextColumn("{task.description}"), TimeElapsedColumn(),
        transient=True, disable=not sys.stderr.isatty(),
    ) as progress:
        task = progress.add_task("", total=None)

        def on_progress(source: str) -> None:
            progress.update(task, advance=1, description=source[-60:])

        report = run_ingest(store, list(inputs), options, coder=coder, coder_name=coder_name,
                            on_error=on_error, on_notice=on_notice, on_progress=on_progress)
    click.echo(report.summary())
    if report.rejected:
        sys.exit(2)


def _ingest_dask(obj: Context, inputs: list[str], options: IngestOptions, no_code: bool, workers: int | None,
                 scheduler: str | None, parquet_only: Path | None, partition_size: int | None) -> None:
    """`accord ingest --engine dask`: see accord.scale.ingest_dask."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .scale import DEFAULT_PARTITION_SIZE, ingest_dask

    if workers is not None and scheduler:
        _fail("--workers starts a local cluster; with --scheduler the cluster's own workers run")

    def on_error(exc: InputError) -> None:
        click.echo(f"accord: rejected {exc}", err=True)

    def on_notice(message: str) -> None:
        click.echo(f"accord: {message}", err=True)

    with Progress(TextColumn("partitions"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  transient=True, disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("", total=None)

        def on_progress(done: int, total: int, spec: str) -> None:
            progress.update(task, completed=done, total=total, description=spec[-60:])

        report = ingest_dask(
            inputs, options, db_path=None if parquet_only else obj.db, parquet_dir=parquet_only,
            workers=workers or 2, scheduler=scheduler, partition_size=partition_size or DEFAULT_PARTITION_SIZE,
            code=not no_code, on_error=on_error, on_notice=on_notice, on_progress=on_progress,
        )
    click.echo(report.summary())
    if report.rejected:
        sys.exit(2)


# ----------------------------------------------------------- documents
@main.command()
@format_option
@click.option("--text", "with_text", is_flag=True, help="Include the clean text.")
@click.pass_obj
def documents(obj: Context, fmt: str, with_text: bool) -> None:
    """List stored documents.

    \b
    Example:
      accord documents --format csv > documents.csv
    """
    with obj.store(readonly=True) as store:
        rows = store.documents(with_text=with_text)
    columns = list(DOCUMENT_FIELDS) + (["text"] if with_text else [])
    write_rows(rows, columns, fmt, widths={"title": 50, "path": 40, "url": 40, "text": 80})


@main.command()
@click.argument("doc_id")
@click.pass_obj
def show(obj: Context, doc_id: str) -> None:
    """Print a document's clean text (a unique id prefix is enough).

    \b
    Example:
      accord show 3f2a9c
    """
    with obj.store(readonly=True) as store:
        doc = store.document(doc_id)
    if doc is None:
        _fail(f"no document with id {doc_id!r}")
    click.echo(doc["text"])


# -------------------------------------------------------------- events
EVENT_TABLE_COLUMNS = ["date", "source", "cameo", "target", "quad_class", "goldstein", "modality", "evidence", "event_id"]


def _event_filter(actor, dyad, code, root, quad, since, until, doc, modality, limit=None):
    from .corpus import EventFilter

    return EventFilter(
        actor=actor, dyad=tuple(dyad) if dyad else None, code=code, root=root, quad=quad,
        since=parse_date_arg(since, "--since"), until=parse_date_arg(until, "--until"), doc=doc, modality=modality, limit=limit,
    )


def _table_row(ev: dict) -> dict:
    d = ev["date"]
    when = "" if d is None else (d["start"] if d["start"] == d["end"] else f"{d['start']}..{d['end']}")
    return {
        "date": when, "source": ev["source"]["code"], "cameo": ev["cameo"], "target": ev["target"]["code"],
        "quad_class": ev["quad_class"], "goldstein": ev["goldstein"], "modality": ev["modality"],
        "evidence": ev["evidence"]["sentence"], "event_id": ev["event_id"],
    }


def _write_events(rows: list[dict], fmt: str) -> None:
    from .corpus import event_to_json

    events = [event_to_json(r) for r in rows]
    if fmt == "jsonl":
        write_rows(events, [], "jsonl")
    else:
        write_rows([_table_row(e) for e in events], EVENT_TABLE_COLUMNS, fmt, widths={"evidence": 90})


@main.command()
@click.option("--actor", help="Events with this actor on either side (ISO3 or organisation code).")
@click.option("--dyad", nargs=2, metavar="A B", help="Events between A and B, either direction.")
@click.option("--code", help="CAMEO code or prefix (e.g. 042, 19).")
@click.option("--root", help="CAMEO root 01-20.")
@click.option("--quad", type=int, help="Quad class 1-4.")
@click.option("--since", help="Events ending on or after YYYY-MM-DD.")
@click.option("--until", help="Events starting on or before YYYY-MM-DD.")
@click.option("--doc", help="Events of one document (id or unique prefix).")
@click.option("--modality", default="asserted", show_default=True, help="asserted, negated, hypothetical, speculative, question, denied, future, or all.")
@click.option("--limit", type=int, help="At most this many events.")
@format_option
@click.pass_obj
def events(obj: Context, actor, dyad, code, root, quad, since, until, doc, modality, limit, fmt) -> None:
    """List coded events (the public event contract with --format jsonl).

    \b
    Example:
      accord events --dyad RUS PAK --since 2014-01-01 --format jsonl
    """
    from .corpus import Corpus

    rows = Corpus(obj.db).event_rows(_event_filter(actor, dyad, code, root, quad, since, until, doc, modality, limit))
    _write_events(rows, fmt)


@main.command()
@click.option("--doc", "doc_ids", multiple=True, help="Recode only these documents (repeatable).")
@click.pass_obj
def code(obj: Context, doc_ids: tuple[str, ...]) -> None:
    """Recode stored documents (after a lexicon or coder change).

    \b
    Example:
      accord code
    """
    from .coding import default_coder
    from .pipeline import recode

    coder = default_coder()
    with obj.store() as store:
        n_docs, n_events = recode(store, coder.code_document, coder.version, doc_ids or None)
    click.echo(f"{n_docs} documents recoded, {n_events} events")


# ------------------------------------------------------------ analysis
freq_option = click.option("--freq", type=click.Choice(["year", "quarter", "month"]), default="year", show_default=True, help="Period length.")


parquet_option = click.option(
    "--parquet", "parquet_dir", metavar="DIR", type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Read the events from the Parquet shards of 'ingest --engine dask' (DuckDB) instead of the store.",
)


def _events_frame(obj: Context):
    from .corpus import Corpus

    return Corpus(obj.db).events()


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--modality", default="asserted", show_default=True, help="Which events to show (or all).")
@format_option
@click.pass_obj
def timeline(obj: Context, a: str, b: str, modality: str, fmt: str) -> None:
    """Chronological events between A and B, with evidence.

    \b
    Example:
      accord timeline RUS PAK
    """
    from .corpus import Corpus, EventFilter

    from .corpus import check_actor

    check_actor(a)
    check_actor(b)
    if a == b:
        _fail(f"timeline needs two different actors, got {a} twice")
    rows = Corpus(obj.db).event_rows(EventFilter(dyad=(a, b), modality=modality))
    rows.sort(key=lambda r: (r["date_start"] is None, r["date_start"] or "", r["date_end"] or "", r["start"]))
    _write_events(rows, fmt)


@main.command()
@click.argument("a")
@click.argument("b")
@freq_option
@click.option("--directed", is_flag=True, help="Only events from A to B.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=Path), help="Write a chart (PNG).")
@format_option
@parquet_option
@click.pass_obj
def series(obj: Context, a: str, b: str, freq: str, directed: bool, plot_path: Path | None, fmt: str, parquet_dir: Path | None) -> None:
    """Dyad series: counts by quad class, Goldstein sum and mean, net cooperation.

    \b
    Example:
      accord series RUS PAK --freq year --plot rus-pak.png
    """
    from . import analysis
    from .corpus import check_actor

    check_actor(a)
    check_actor(b)
    if parquet_dir is not None:
        from .scale import series_parquet

        df = series_parquet(parquet_dir, a, b, freq=freq, directed=directed)
    else:
        df = analysis.series(_events_frame(obj), a, b, freq=freq, directed=directed)
    rows = []
    for rec in df.to_dict("records"):
        rec["period"] = str(rec["period"])
        rec["event_ids"] = ",".join(rec.get("event_ids") or [])
        rows.append({k: (None if isinstance(v, float) and v != v else (round(v, 3) if isinstance(v, float) else v)) for k, v in rec.items()})
    write_rows(rows, ["period", "n_events", "events", "q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_mean", "net_coop", "event_ids"], fmt, widths={"event_ids": 40})
    if plot_path:
        from .plots import plot_series

        plot_series(df, a, b, plot_path)
        click.echo(f"chart written to {plot_path}", err=True)


@main.command()
@click.argument("actor")
@click.option("--toward", required=True, help="The actor A may lean toward (B).")
@click.option("--away", required=True, help="The actor A may lean away from (C).")
@freq_option
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=Path), help="Write a chart (PNG).")
@click.option("--json", "as_json", is_flag=True, help="Machine output (periods, intervals, event ids, summary).")
@click.option("--seed", default=0, show_default=True, help="Bootstrap seed (results are reproducible).")
@click.option("--boot", "n_boot", default=2000, show_default=True, help="Bootstrap resamples.")
@parquet_option
@click.pass_obj
def tilt(obj: Context, actor: str, toward: str, away: str, freq: str, plot_path: Path | None, as_json: bool, seed: int, n_boot: int,
         parquet_dir: Path | None) -> None:
    """Tilt of ACTOR between two others: per-period score difference with a
    bootstrap interval, and a plain-language summary.

    \b
    Example:
      accord tilt RUS --toward PAK --away IND --plot tilt.png
    """
    import json

    from . import analysis
    from .corpus import check_actor

    for code in (actor, toward, away):
        check_actor(code)
    if parquet_dir is not None:
        from .scale import tilt_parquet

        result = tilt_parquet(parquet_dir, actor, toward, away, freq=freq, n_boot=n_boot, seed=seed)
    else:
        result = analysis.tilt(_events_frame(obj), actor, toward, away, freq=freq, n_boot=n_boot, seed=seed)
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print_tilt(result)
    if plot_path:
        from .plots import plot_tilt

        plot_tilt(result, plot_path)
        click.echo(f"chart written to {plot_path}", err=True)


def print_tilt(result) -> None:
    """The tilt report as a table plus its summary and top events."""
    rows = []
    for p in result.to_json()["periods"]:
        rows.append({
            "period": p["period"], "toward": _num(p["score_toward"]), "away": _num(p["score_away"]),
            "tilt": _num(p["tilt"]), "interval": "" if p["low"] is None else f"{_num(p['low'])} to {_num(p['high'])}",
            "events": len(p["events"]),
        })
    write_rows(rows, ["period", "toward", "away", "tilt", "interval", "events"], "table")
    click.echo(result.summary)
    if result.top_events:
        click.echo("Events that weigh most:")
        for ev in result.top_events[:5]:
            sentence = str(ev.get("sentence", ""))
            click.echo(f"  {ev.get('date') or '?':>10}  {ev.get('source')}→{ev.get('target')} {ev.get('cameo')}  {sentence[:110]}  [{ev.get('event_id')}]")


def _num(x) -> str:
    return "" if x is None else f"{x:+.2f}"


@main.command()
@click.argument("a")
@click.argument("b")
@freq_option
@click.option("--column", default="goldstein_mean", show_default=True, help="Series column to segment.")
@click.option("--json", "as_json", is_flag=True, help="Machine output.")
@click.pass_obj
def changes(obj: Context, a: str, b: str, freq: str, column: str, as_json: bool) -> None:
    """Change points in the A–B series, with the events around each.

    \b
    Example:
      accord changes RUS PAK
    """
    import json

    from . import analysis
    from .corpus import check_actor

    check_actor(a)
    check_actor(b)
    df = analysis.series(_events_frame(obj), a, b, freq=freq)
    points = analysis.changepoints(df, column=column)
    if as_json:
        click.echo(json.dumps([p.to_json() for p in points], indent=2))
        return
    if not points:
        click.echo(f"no change point in the {a}–{b} series ({int(df['n_events'].sum())} events)")
    for p in points:
        d = p.to_json()
        click.echo(f"{d['period']}: mean {d['before_mean']:+.2f} → {d['after_mean']:+.2f} ({d['delta']:+.2f}); events: {', '.join(d['event_ids'][:8])}")


# ---------------------------------------------------------------- web
@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, help="Port to listen on.")
@click.pass_obj
def serve(obj: Context, host: str, port: int) -> None:
    """Web dashboard and JSON API over the store (read-only, offline).

    \b
    Example:
      accord --db demo.db serve --port 8000
    """
    from .web import serve as run_server

    run_server(obj.db, host=host, port=port)


# ---------------------------------------------------------------- eval
@main.group()
def eval() -> None:  # noqa: A001 - the command is called eval
    """Score accord against gold data."""


@eval.command("extraction")
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True, help="The extraction benchmark folder (html/ and ground-truth.json).")
@click.option("--baseline", is_flag=True, help="Also score plain trafilatura in the same run.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_extraction(data: Path, baseline: bool, as_json: bool) -> None:
    """Main-text extraction: 4-token shingle precision, recall, F1.

    \b
    Example:
      accord eval extraction --data ../shared/data/extraction --baseline
    """
    from .evaluate.extraction import evaluate_extraction

    _print_scores(evaluate_extraction(data, baseline=baseline), as_json)


@eval.command("metadata")
@click.option("--data", type=click.Path(exists=True, path_type=Path), required=True, help="test-pages.tar.gz or its unpacked folder.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_metadata(data: Path, as_json: bool) -> None:
    """Title, author and publication-date agreement.

    \b
    Example:
      accord eval metadata --data ../shared/data/metadata/test-pages.tar.gz
    """
    from .evaluate.metadata import evaluate_metadata

    _print_scores(evaluate_metadata(data), as_json)


@eval.command("events")
@click.option("--data", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True, help="Gold events JSONL (the dev format).")
@click.option("--modality", default="asserted", show_default=True, help="Which predictions count (asserted, or all).")
@click.option("--details", is_flag=True, help="List misses, false positives and wrong years per document.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_events(data: Path, modality: str, details: bool, as_json: bool) -> None:
    """Event coding and event time: precision, recall, F1, root and year accuracy.

    \b
    Example:
      accord eval events --data ../shared/data/dev/events_dev.jsonl
    """
    from .coding import default_coder
    from .evaluate.events import evaluate_events

    coder = default_coder()
    scores = evaluate_events(data, coder.code_text, modality=modality, details=details)
    _print_scores(scores, as_json or details)


@eval.command("plover")
@click.option("--data", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True, help="PLOVER_GSR_CAMEO.txt (a JSON array of records).")
@click.option("--details", is_flag=True, help="List the records missed.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_plover(data: Path, details: bool, as_json: bool) -> None:
    """PLOVER event type with actors right, on the PLOVER gold records.

    \b
    Example:
      accord eval plover --data ../shared/data/plover/PLOVER_GSR_CAMEO.txt
    """
    from .actors import load_gazetteer
    from .coding import default_coder
    from .evaluate.plover import evaluate_plover

    coder = default_coder()
    scores = evaluate_plover(data, coder.code_text, orgs=load_gazetteer().organization_codes(), details=details)
    _print_scores(scores, as_json or details)


@eval.command("time")
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True, help="The MEANTIME folder.")
@click.option("--split-ranges", is_flag=True, help="Let one predicted range match the gold of both its endpoints (lenient; MEANTIME annotates ranges as two dates).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_time(data: Path, split_ranges: bool, as_json: bool) -> None:
    """Time expressions (TIMEX3 DATE): detection F1 and normalised-value accuracy
    (strict by default).

    \b
    Example:
      accord eval time --data ../shared/data/time
    """
    from .evaluate.time_eval import evaluate_time

    _print_scores(evaluate_time(data, split_ranges=split_ranges), as_json)


def _print_scores(scores: dict, as_json: bool) -> None:
    import json

    if as_json:
        click.echo(json.dumps(scores, indent=2, default=str))
        return
    for key, value in scores.items():
        if isinstance(value, dict) and all(isinstance(v, (int, float)) for v in value.values()):
            click.echo(f"{key:28s} " + ", ".join(f"{k} {v}" for k, v in value.items()))
            continue
        if isinstance(value, (list, dict)):
            continue
        click.echo(f"{key:28s} {value:.4f}" if isinstance(value, float) else f"{key:28s} {value}")


if __name__ == "__main__":  # pragma: no cover
    main()
