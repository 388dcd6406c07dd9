"""accord: dated, evidence-linked political events from news articles.

Python API (mirrors the CLI, same option names):

    import accord
    corpus = accord.open("accord.db")
    corpus.ingest(["article.html"], published="2021-04-12")
    df = corpus.events(dyad=("RUS", "PAK"))           # pandas DataFrame
    accord.series(df, "RUS", "PAK", freq="year")
    result = accord.tilt(df, "RUS", toward="PAK", away="IND")
    print(result.summary)
    accord.changepoints(accord.series(df, "RUS", "PAK"))
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "open", "series", "tilt", "changepoints"]


def open(path: str = "accord.db"):  # noqa: A001 - mirrors the built-in's role for stores
    """Open a store for analysis and ingest (see :class:`accord.corpus.Corpus`)."""
    from .corpus import open as _open

    return _open(path)


def series(events, a: str, b: str, freq: str = "year", directed: bool = False):
    """Dyad series of an event table (see :func:`accord.analysis.series`)."""
    from .analysis import series as _series

    return _series(events, a, b, freq=freq, directed=directed)


def tilt(events, actor: str, toward: str, away: str, **kwargs: Any):
    """Tilt of ``actor`` between ``toward`` and ``away`` (see :func:`accord.analysis.tilt`)."""
    from .analysis import tilt as _tilt

    return _tilt(events, actor, toward, away, **kwargs)


def changepoints(series_frame, **kwargs: Any):
    """Change points of a dyad series (see :func:`accord.analysis.changepoints`)."""
    from .analysis import changepoints as _changepoints

    return _changepoints(series_frame, **kwargs)
