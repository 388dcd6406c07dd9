"""Writing rows as a table, JSONL or CSV (shared by the CLI commands)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMATS = ("table", "jsonl", "csv")


def _cell(value: Any, width: int | None = None) -> str:
    if value is None:
        return ""
    text = str(value).replace("\n", " ")
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def write_rows(rows: Iterable[dict[str, Any]], columns: Sequence[str], fmt: str, out: TextIO | None = None, widths: dict[str, int] | None = None) -> int:
    """Write rows in ``fmt``; returns the number written."""
    out = out or sys.stdout
    n = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            n += 1
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_flat(row.get(c)) for c in columns])
            n += 1
    elif fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False, header_style="bold")
        for c in columns:
            table.add_column(c, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(_flat(row.get(c)), (widths or {}).get(c)) for c in columns))
            n += 1
        Console(file=out, width=max(160, Console().width)).print(table)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return n


def _flat(value: Any) -> Any:
    if isinstance(value, dict):
        if "code" in value:
            return value["code"]
        return json.dumps(value, ensure_ascii=False)
    return value
