"""Exceptions raised by accord.

The library raises; the CLI turns each error into a one-line message that
names the input and the reason.

    AccordError                  base of everything accord raises on purpose
    ├── InputError               one input cannot be ingested (names it)
    │   └── FetchError           a URL could not be fetched or was refused
    ├── DataFileError            a package or user data file is malformed
    │                            (names the file and line)
    ├── StoreError               the SQLite store is unusable
    └── UsageError               bad arguments (unknown country, A == B, ...)
"""

from __future__ import annotations


class AccordError(Exception):
    """Base class of accord's own errors."""


class InputError(AccordError):
    """An input (file, URL, record) was rejected; the message names it."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class FetchError(InputError):
    """A URL could not be fetched, or fetching it was refused."""


class DataFileError(AccordError):
    """A data file (codebook, lexicon, table) is malformed."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class StoreError(AccordError):
    """The store cannot be opened or written."""


class UsageError(AccordError):
    """The caller asked for something that cannot be done (bad arguments)."""
