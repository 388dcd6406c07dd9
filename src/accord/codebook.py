"""The CAMEO and PLOVER codebooks, read from package data and validated.

Four tab-separated files under ``accord/data/`` hold the codebooks, so a
domain expert edits data rather than code:

    cameo.tsv            code  name  goldstein  quad_class  plover_type  plover_mode
    agents.tsv           code  name  kind
    plover.tsv           type  quad_class  description
    plover_aliases.tsv   old  new

:func:`load_codebook` reads and cross-checks them once per process.  Any
problem (a wrong column count, a Goldstein value that is not a number, a
duplicate code, a PLOVER type that ``plover.tsv`` does not list, ...) raises
:class:`~accord.errors.DataFileError` naming the file and the line.

:func:`read_tsv` is the general reader behind this; other modules use it for
their own data files.  :func:`validate_event` checks one output event against
the public JSON Schema in ``accord/schema/event.schema.json``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .errors import DataFileError, UsageError

__all__ = [
    "AGENTS_HEADER",
    "ALIASES_HEADER",
    "CAMEO_HEADER",
    "PLOVER_HEADER",
    "CameoCode",
    "Codebook",
    "load_codebook",
    "read_tsv",
    "validate_event",
]

CAMEO_HEADER = ["code", "name", "goldstein", "quad_class", "plover_type", "plover_mode"]
AGENTS_HEADER = ["code", "name", "kind"]
PLOVER_HEADER = ["type", "quad_class", "description"]
ALIASES_HEADER = ["old", "new"]

AGENT_KINDS = frozenset({"sector", "transnational", "attribute"})

_CAMEO_CODE = re.compile(r"^[0-9]{2,4}$")
_AGENT_CODE = re.compile(r"^[A-Z]{3}$")
_PLOVER_NAME = re.compile(r"^[A-Z]+$")

# A column check takes the cell text and raises ValueError with a short
# reason when the cell is bad; read_tsv turns that into a DataFileError.
Check = Callable[[str], object]
Source = str | Path | Traversable


# --------------------------------------------------------------- records
@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code with its weights and PLOVER equivalent."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        """The two-digit root ("cue category"): ``"0871"`` -> ``"08"``."""
        return self.code[:2]


@dataclass(slots=True)
class Codebook:
    """All codebooks together.

    ``cameo``           code -> :class:`CameoCode` (roots and sub-codes)
    ``agents``          agent (sector) code -> name, e.g. ``GOV`` -> Government
    ``agent_kinds``     agent code -> sector / transnational / attribute
    ``plover_types``    PLOVER type -> the quad class PLOVER puts it in
    ``plover_aliases``  older PLOVER type name -> its 2021 name
    """

    cameo: dict[str, CameoCode]
    agents: dict[str, str]
    plover_types: dict[str, int]
    plover_aliases: dict[str, str]
    agent_kinds: dict[str, str] = field(default_factory=dict)

    def get(self, code: str) -> CameoCode:
        """The entry of a CAMEO code; :class:`UsageError` if there is none."""
        entry = self.cameo.get(str(code).strip())
        if entry is None:
            raise UsageError(f"unknown CAMEO code {code!r}")
        return entry

    def is_code(self, code: str) -> bool:
        """Whether ``code`` is a CAMEO code of this codebook."""
        return str(code).strip() in self.cameo

    def normalize_plover(self, type_name: str) -> str:
        """The 2021 PLOVER type for a type name, old or new, any case.

        ``"disapprove"`` -> ``"ACCUSE"``; ``"Consult"`` -> ``"CONSULT"``.
        Raises :class:`UsageError` for a name that is neither.
        """
        name = str(type_name).strip().upper()
        name = self.plover_aliases.get(name, name)
        if name not in self.plover_types:
            raise UsageError(f"unknown PLOVER type {type_name!r}")
        return name

    @classmethod
    def from_files(cls, cameo: Source, agents: Source, plover: Source, aliases: Source) -> Codebook:
        """Read and cross-check the four codebook files (any paths)."""
        plover_types = _read_plover(plover)
        plover_aliases = _read_aliases(aliases, plover_types)
        agent_names, agent_kinds = _read_agents(agents)
        return cls(
            cameo=_read_cameo(cameo, plover_types),
            agents=agent_names,
            plover_types=plover_types,
            plover_aliases=plover_aliases,
            agent_kinds=agent_kinds,
        )


@lru_cache(maxsize=1)
def load_codebook() -> Codebook:
    """The packaged codebooks, read and validated once per process."""
    data = resources.files("accord") / "data"
    return Codebook.from_files(
        cameo=data / "cameo.tsv",
        agents=data / "agents.tsv",
        plover=data / "plover.tsv",
        aliases=data / "plover_aliases.tsv",
    )


# ------------------------------------------------------------ TSV reader
def read_tsv(
    source: Source,
    expected_header: list[str],
    checks: Mapping[str, Check] | None = None,
    unique: str | None = None,
) -> list[tuple[int, dict[str, str]]]:
    """Read a tab-separated data file into ``(line number, row)`` pairs.

    The format every accord data file shares:

    * lines whose first non-blank character is ``#`` are comments, and blank
      lines are ignored, anywhere in the file;
    * the first other line is the header and must equal ``expected_header``
      exactly (same names, same order);
    * every following line has exactly as many tab-separated cells as the
      header.  Cells are stripped of surrounding spaces; an empty cell is the
      empty string (keep the tabs: ``"010<TAB>Make statement<TAB>0.0<TAB>1<TAB><TAB>"``).

    ``checks`` maps a column name to a function that is given the cell text
    and raises ``ValueError("reason")`` when the cell is bad.  ``unique``
    names a column whose values may not repeat.  Line numbers count from 1
    and include comment lines, so they match what an editor shows.

    Any problem raises :class:`~accord.errors.DataFileError` with the file,
    the line (``None`` for problems of the whole file) and the reason.
    Returns the rows as dictionaries keyed by the header names.
    """
    name = str(source)
    checks = dict(checks or {})
    unknown = set(checks) | ({unique} if unique else set())
    unknown -= set(expected_header)
    if unknown:
        # A mistake in the calling code, not in the data file.
        raise UsageError(f"read_tsv: columns {sorted(unknown)} are not in the expected header")
    try:
        if isinstance(source, str):
            text = Path(source).read_text(encoding="utf-8")
        else:
            text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(name, None, f"cannot read the file ({exc})") from None

    rows: list[tuple[int, dict[str, str]]] = []
    header_seen = False
    first_line_of: dict[str, int] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if not header_seen:
            if cells != expected_header:
                raise DataFileError(
                    name, lineno, f"header must be {_tabbed(expected_header)}, found {_tabbed(cells)}"
                )
            header_seen = True
            continue
        if len(cells) != len(expected_header):
            raise DataFileError(
                name, lineno, f"expected {len(expected_header)} tab-separated columns, found {len(cells)}"
            )
        row = dict(zip(expected_header, cells, strict=True))
        for column, check in checks.items():
            try:
                check(row[column])
            except ValueError as exc:
                raise DataFileError(name, lineno, f"{column}: {exc}") from None
        if unique:
            key = row[unique]
            if key in first_line_of:
                raise DataFileError(name, lineno, f"duplicate {unique} {key!r} (first on line {first_line_of[key]})")
            first_line_of[key] = lineno
        rows.append((lineno, row))
    if not header_seen:
        raise DataFileError(name, None, f"no header line (expected {_tabbed(expected_header)})")
    return rows


def _tabbed(cells: Iterable[str]) -> str:
    return "<TAB>".join(cells)


# ---------------------------------------------------------- cell checks
def _check_cameo_code(text: str) -> None:
    if not _CAMEO_CODE.match(text):
        raise ValueError(f"{text!r} is not a CAMEO code of 2 to 4 digits")


def _check_goldstein(text: str) -> None:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if math.isnan(value) or not -10.0 <= value <= 10.0:
        raise ValueError(f"{text} is outside -10..10")


def _check_quad(text: str) -> None:
    if text not in {"1", "2", "3", "4"}:
        raise ValueError(f"{text!r} is not a quad class 1, 2, 3 or 4")


def _check_not_empty(text: str) -> None:
    if not text:
        raise ValueError("is empty")


def _check_plover_name(text: str) -> None:
    if not _PLOVER_NAME.match(text):
        raise ValueError(f"{text!r} is not a PLOVER type name in capital letters")


def _check_agent_code(text: str) -> None:
    if not _AGENT_CODE.match(text):
        raise ValueError(f"{text!r} is not an agent code of three capital letters")


def _check_agent_kind(text: str) -> None:
    if text not in AGENT_KINDS:
        raise ValueError(f"{text!r} is not one of {', '.join(sorted(AGENT_KINDS))}")


def _member_of(allowed: Iterable[str], what: str, where: str, *, empty_ok: bool) -> Check:
    allowed = frozenset(allowed)

    def check(text: str) -> None:
        if (text or not empty_ok) and text not in allowed:
            raise ValueError(f"{text!r} is not a {what} listed in {where}")

    return check


# --------------------------------------------------------- file readers
def _read_plover(source: Source) -> dict[str, int]:
    rows = read_tsv(
        source,
        PLOVER_HEADER,
        checks={"type": _check_plover_name, "quad_class": _check_quad},
        unique="type",
    )
    return {row["type"]: int(row["quad_class"]) for _, row in rows}


def _read_aliases(source: Source, plover_types: Mapping[str, int]) -> dict[str, str]:
    rows = read_tsv(
        source,
        ALIASES_HEADER,
        checks={
            "old": _check_plover_name,
            "new": _member_of(plover_types, "PLOVER type", "plover.tsv", empty_ok=False),
        },
        unique="old",
    )
    for lineno, row in rows:
        if row["old"] in plover_types:
            raise DataFileError(str(source), lineno, f"old: {row['old']!r} is a current PLOVER type, not an old name")
    return {row["old"]: row["new"] for _, row in rows}


def _read_agents(source: Source) -> tuple[dict[str, str], dict[str, str]]:
    rows = read_tsv(
        source,
        AGENTS_HEADER,
        checks={"code": _check_agent_code, "name": _check_not_empty, "kind": _check_agent_kind},
        unique="code",
    )
    return {row["code"]: row["name"] for _, row in rows}, {row["code"]: row["kind"] for _, row in rows}


def _read_cameo(source: Source, plover_types: Mapping[str, int]) -> dict[str, CameoCode]:
    rows = read_tsv(
        source,
        CAMEO_HEADER,
        checks={
            "code": _check_cameo_code,
            "name": _check_not_empty,
            "goldstein": _check_goldstein,
            "quad_class": _check_quad,
            "plover_type": _member_of(plover_types, "PLOVER type", "plover.tsv", empty_ok=True),
        },
        unique="code",
    )
    name = str(source)
    codes: dict[str, CameoCode] = {}
    lines: dict[str, int] = {}
    for lineno, row in rows:
        if row["plover_mode"] and not row["plover_type"]:
            raise DataFileError(name, lineno, "plover_mode: a mode needs a plover_type")
        codes[row["code"]] = CameoCode(
            code=row["code"],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover_type=row["plover_type"] or None,
            plover_mode=row["plover_mode"] or None,
        )
        lines[row["code"]] = lineno
    # The hierarchy: a sub-code needs its parent, and shares its root's quad class.
    for code, entry in codes.items():
        if len(code) == 2:
            continue
        parent = code[:3] if len(code) == 4 else code[:2]
        if parent not in codes:
            raise DataFileError(name, lines[code], f"code {code!r} has no parent code {parent!r} in this file")
        root = codes.get(entry.root)
        if root is not None and root.quad_class != entry.quad_class:
            raise DataFileError(
                name,
                lines[code],
                f"quad_class {entry.quad_class} differs from root {entry.root}'s quad class {root.quad_class}",
            )
    return codes


# ------------------------------------------------------ event contract
@lru_cache(maxsize=1)
def _event_validator() -> Any:
    from jsonschema import Draft202012Validator

    path = resources.files("accord") / "schema" / "event.schema.json"
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataFileError(str(path), None, f"cannot read the event schema ({exc})") from None
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate_event(obj: dict) -> None:
    """Check one output event against the public event schema.

    Returns ``None`` when the event is valid; otherwise raises
    :class:`~accord.errors.UsageError` with one line naming the failing
    place, e.g. ``event is invalid at $.quad_class: 7 is greater than the
    maximum of 4``.
    """
    from jsonschema.exceptions import best_match

    error = best_match(_event_validator().iter_errors(obj))
    if error is None:
        return
    where = error.json_path
    message = " ".join(error.message.split())
    if len(message) > 200:
        message = message[:197] + "..."
    raise UsageError(f"event is invalid at {where}: {message}")
