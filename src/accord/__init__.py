"""accord: dated, evidence-linked political events from news articles.

Python API (mirrors the CLI):

    import accord
    corpus = accord.open("accord.db")
    corpus.ingest(["article.html"], published="2021-04-12")
    df = corpus.events(dyad=("RUS", "PAK"))
"""

from __future__ import annotations

__version__ = "0.1.0"
