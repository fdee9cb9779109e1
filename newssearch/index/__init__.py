"""Indexing: the schema, building a new index generation and swapping it in atomically.

Names are loaded on first use: a query needs `storage`, not the builder (which
brings the corpus readers, the manifest and multiprocessing with it).
"""

from __future__ import annotations

from typing import Any

__all__ = ["build_index", "open_index"]


def __getattr__(name: str) -> Any:
    if name == "build_index":
        from newssearch.index.builder import build_index

        return build_index
    if name == "open_index":
        from newssearch.index.storage import open_index

        return open_index
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
