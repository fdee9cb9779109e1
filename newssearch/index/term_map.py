"""The index term of every word in the index, computed at build time.

A query's words go through the same `index_term` as the articles did, and for
Bulgarian that means loading simplemma's dictionary: over half a second, more
than the search itself. Almost every word a user types is already in the index,
so the build writes each indexed word with its term to `terms.tsv` (sorted), and
a query looks its words up there by binary search on the memory-mapped file
(a word the index has never seen goes to the lemma rules, which read the
index's copy of the dictionary: index/lemma_table.py).

Each line also holds how common the word and its term are in Bulgarian at large
(`analysis/commonness.py`), which weighs the words of a long query: reading
wordfreq's lists would cost a query more than the search does.
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from newssearch.analysis.commonness import zipf
from newssearch.analysis.lemmatize import index_term

TERM_MAP = "terms.tsv"
T = TypeVar("T")


@dataclass(frozen=True)
class Entry:
    """A word's line: its term, and the Zipf frequencies of the word and of the term as written."""

    term: str
    word_zipf: float
    term_zipf: float

    def line(self, word: str) -> bytes:
        return f"{word}\t{self.term}\t{self.word_zipf:g}\t{self.term_zipf:g}\n".encode("utf-8")

    @staticmethod
    def parse(fields: list[bytes]) -> Entry:
        term, word_zipf, term_zipf = fields
        return Entry(term.decode("utf-8"), float(word_zipf), float(term_zipf))


def write_term_map(directory: Path, words: Iterable[bytes]) -> None:
    """`words`: the index's words as written (UTF-8, in byte order, as Whoosh lists them).

    An update starts from a copy of the current generation: the terms its map already
    holds are read from it rather than computed again.
    """
    previous = TermMap(directory / TERM_MAP)
    temporary = directory / (TERM_MAP + ".tmp")
    with temporary.open("wb") as handle:
        for word in words:
            if b"\t" not in word and b"\n" not in word:
                text = word.decode("utf-8")
                entry = previous.entry(text)
                if entry is None:
                    term = index_term(text)
                    entry = Entry(term, zipf(text), zipf(term))  # wordfreq keeps the figures it has read
                handle.write(entry.line(text))
    # A new file replaces the name: in an update it is a hard link into the current generation.
    os.replace(temporary, directory / TERM_MAP)


class DamagedFileError(OSError):
    """A line of an index's sorted file that does not parse: the file was cut short or
    overwritten (an OSError, which a search reports as a damaged index)."""


class SortedLines:
    """A file of `key<TAB>fields...` lines in byte order of their keys, memory-mapped and
    searched by bisection; empty when the file is missing or empty."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self.data: bytes | mmap.mmap = b""
        try:
            with path.open("rb") as handle:
                if os.fstat(handle.fileno()).st_size:
                    self.data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except OSError:
            pass  # an index built without the file, or damaged: the caller computes what it would hold

    def __bool__(self) -> bool:
        return bool(self.data)

    def find(self, key: str) -> list[bytes] | None:
        """The fields after `key` on its line, None when no line has it."""
        data, wanted = self.data, key.encode("utf-8", errors="replace")
        low, high = 0, len(data)  # both always at the start of a line (or the end)
        while low < high:
            middle = (low + high) // 2
            start = data.rfind(b"\n", 0, middle) + 1
            end = data.find(b"\n", start)
            if end == -1:
                end = len(data)  # a last line without its line break: a file cut short
            found, *fields = data[start:end].split(b"\t")
            if found == wanted:
                return fields
            if found < wanted:
                low = end + 1
            else:
                high = start
        return None

    def parsed(self, key: str, parse: Callable[[list[bytes]], T]) -> T | None:
        """`parse` of the fields after `key`, None when no line has it."""
        fields = self.find(key)
        if fields is None:
            return None
        try:
            return parse(fields)
        except ValueError as error:  # a field short, or not a number, or not UTF-8
            raise DamagedFileError(f"{self._path}: damaged line for {key!r}") from error


class TermMap:
    """Look-ups in a generation's terms.tsv; None for a word it does not hold."""

    def __init__(self, path: Path) -> None:
        self._lines = SortedLines(path)

    def get(self, word: str) -> str | None:
        entry = self.entry(word)
        return entry.term if entry else None

    def entry(self, word: str) -> Entry | None:
        return self._lines.parsed(word, Entry.parse)

    def words_of(self, terms: Iterable[str]) -> dict[str, str] | None:
        """Every word of the index whose term is one of `terms`, with that term; None without a map.

        Highlighting looks for these words in an article's text instead of
        computing the term of each of its words: a few scans of the file in C
        rather than a look-up per word.
        """
        if not self._lines:
            return None
        data = self._lines.data
        words: dict[str, str] = {}
        for term in terms:
            needle = b"\t" + term.encode("utf-8", errors="replace") + b"\t"  # only the term stands between tabs
            found = data.find(needle)
            while found != -1:
                start = data.rfind(b"\n", 0, found) + 1
                words[data[start:found].decode("utf-8")] = term
                found = data.find(needle, found + 1)
        return words
