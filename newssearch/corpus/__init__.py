"""Corpus reading: files, folders and JSON Lines become `Article`s; bad records become `Skip`s."""

from newssearch.corpus.sources import SourceFile, plan_sources, read_source_file

__all__ = ["SourceFile", "plan_sources", "read_source_file"]
