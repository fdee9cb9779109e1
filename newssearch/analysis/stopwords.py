"""The Bulgarian stop list, read from the data file beside this module."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def bulgarian_stopwords() -> frozenset[str]:
    text = resources.files("newssearch.analysis").joinpath("data/stopwords-bg.txt").read_text("utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        words.update(line.split())
    return frozenset(words)
