"""Indexing: the schema, building a new index generation and swapping it in atomically."""

from newssearch.index.builder import build_index
from newssearch.index.storage import open_index

__all__ = ["build_index", "open_index"]
