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
@click.pass_obj
def ingest(obj: Context, inputs: tuple[str, ...], published: str | None, allow_private: bool, no_code: bool) -> None:
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
    coder = coder_name = None
    if not no_code:
        from .coding import default_coder

        coder_obj = default_coder()
        coder, coder_name = coder_obj.code_document, coder_obj.name

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


def _print_scores(scores: dict, as_json: bool) -> None:
    import json

    if as_json:
        click.echo(json.dumps(scores, indent=2, default=str))
        return
    for key, value in scores.items():
        if isinstance(value, (list, dict)):
            continue
        click.echo(f"{key:28s} {value:.4f}" if isinstance(value, float) else f"{key:28s} {value}")


if __name__ == "__main__":  # pragma: no cover
    main()
