"""Whoosh's posting pool, grouped by term: what a segment writer collects before writing its postings.

Whoosh's pool keeps one tuple per posting and sorts all of them, spilling
sorted runs to temporary files when its memory share fills up. Postings arrive
in article order, so within a term they are already sorted: this pool appends
each posting to its term's list and sorts only the terms (a tenth as many on
news text), spilling and merging runs by term the same way, and hands the
postings on by term (`GroupedPostings`) to a field writer that writes a term's
list at once (codec.ArrayFieldWriter). `grouped_pool` makes Whoosh's writers use
it, also in the parallel writer's worker processes.

A term's postings are one flat list, article, weight, value, article, ...
(codec.FlatPostings): a third of the objects of a list of tuples, so adding,
spilling and reading back a posting cost less, and the writer takes each
column with a slice.
"""

from __future__ import annotations

import heapq
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import groupby
from operator import itemgetter, le
from typing import Any

import whoosh.writing
from whoosh.util import random_name

from newssearch.index.codec import FlatPostings

Key = tuple[str, bytes]  # field name, term

# Rough bytes of Python objects per term and per posting, to keep within the writer's memory share.
TERM_BYTES = 200
POSTING_BYTES = 100


class TermGroupedPool:
    """The pool interface Whoosh's SegmentWriter uses: add, iter_postings, cleanup, fieldnames."""

    def __init__(self, tempstore: Any, _segment: Any, limitmb: int = 128, **_options: Any) -> None:
        self.tempstore = tempstore
        self.limit = limitmb * 1024 * 1024
        self.fieldnames: set[str] = set()
        self._fields: dict[str, dict[bytes, FlatPostings]] = {}  # field -> term -> postings
        self._size = 0
        self._runs: list[str] = []

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        # Called for every posting: a field's terms in a dict of their own need no key tuple.
        fieldname, text, docnum, weight, value = item
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        postings = terms.get(text)
        if postings is None:
            postings = terms[text] = []
            self._size += TERM_BYTES + 2 * len(text)
        postings += (docnum, weight, value)
        self._size += POSTING_BYTES + len(value or b"")
        if self._size > self.limit:
            self._save()

    def iter_postings(self) -> GroupedPostings:
        """Every posting in (field, term, article) order."""
        sources = [self._read_run(name) for name in self._runs]
        sources.append(iter(self._sorted_terms()))
        # Runs hold earlier articles than later runs; merge keeps that order for equal terms.
        return GroupedPostings(heapq.merge(*sources, key=itemgetter(0)))

    def cleanup(self) -> None:
        for name in self._runs:
            self.tempstore.delete_file(name)
        self._runs = []

    def _sorted_terms(self) -> list[tuple[Key, FlatPostings]]:
        ordered = []
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            for text in sorted(terms):
                ordered.append(((fieldname, text), _in_article_order(terms[text])))
        return ordered

    def _save(self) -> None:
        name = f"{random_name()}.run"
        with self.tempstore.create_file(name).raw_file() as run:
            for entry in self._sorted_terms():
                # One pickle per term: a shared Pickler (and Unpickler) would keep every
                # object it has seen, holding a whole run in memory.
                pickle.dump(entry, run, pickle.HIGHEST_PROTOCOL)
        self._runs.append(name)
        self._fields = {}
        self._size = 0

    def _read_run(self, name: str) -> Iterator[tuple[Key, FlatPostings]]:
        with self.tempstore.open_file(name).raw_file() as run:
            while True:
                try:
                    yield pickle.load(run)
                except EOFError:
                    return


def _in_article_order(postings: FlatPostings) -> FlatPostings:
    """A term's postings arrive in article order, except when a merge adds segments'
    postings term by term; checking the order costs a pass at C speed."""
    articles = postings[0::3]
    if all(map(le, articles, articles[1:])):
        return postings
    triples = sorted(zip(articles, postings[1::3], postings[2::3]), key=itemgetter(0))
    return [item for triple in triples for item in triple]


class GroupedPostings:
    """A pool's postings: by term for a writer that asks for `by_term`, else one by one as
    Whoosh's field writers take them. Read once either way."""

    def __init__(self, terms: Iterator[tuple[Key, FlatPostings]]) -> None:
        self._terms = terms

    def by_term(self) -> Iterator[tuple[Key, FlatPostings]]:
        """Each term once with all its postings: a term in several spilled runs has a part in each."""
        for key, parts in groupby(self._terms, key=itemgetter(0)):
            (_, postings), *more = parts
            for _, later in more:
                postings += later
            yield key, postings

    def __iter__(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        for (fieldname, text), postings in self._terms:
            for docnum, weight, value in zip(postings[0::3], postings[1::3], postings[2::3]):
                yield fieldname, text, docnum, weight, value


@contextmanager
def grouped_pool() -> Iterator[None]:
    """Whoosh's writers made while this is open use TermGroupedPool (SegmentWriter names its
    pool class outright). The parallel writer forks its workers while being made, so they
    keep it; where processes are spawned instead, they use Whoosh's pool, which is slower only."""
    original = whoosh.writing.PostingPool
    whoosh.writing.PostingPool = TermGroupedPool  # type: ignore[misc]
    try:
        yield
    finally:
        whoosh.writing.PostingPool = original  # type: ignore[misc]
