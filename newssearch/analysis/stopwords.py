"""The Bulgarian stop list, read from the data file beside this module.

Read by path rather than through importlib.resources, whose import (with tempfile
and zipfile) would add about 15 ms to every query's start-up; the package is never
installed zipped.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def bulgarian_stopwords() -> frozenset[str]:
    text = (Path(__file__).parent / "data" / "stopwords-bg.txt").read_text("utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        words.update(line.split())
    return frozenset(words)
