"""Searching: parse the query, rank with BM25F and coordination, cut snippets."""

from newssearch.search.searcher import IndexSearcher, search

__all__ = ["IndexSearcher", "search"]
