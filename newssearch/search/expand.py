"""Keep wildcard words affordable.

A pattern is searched as the index words it matches, each a term to score: `а*`
or `*а*` match tens of thousands of words and made one query take minutes. A
pattern must start with a few letters, and only its most frequent matches are
searched; the caller tells the user when that happened.
"""

from __future__ import annotations

import heapq
from dataclasses import replace
from itertools import islice

from whoosh import query as wq
from whoosh.reading import IndexReader

from newssearch.errors import QueryError
from newssearch.search.parse import ParsedQuery

MIN_LITERAL_PREFIX = 2  # letters before the first * or ?
MAX_EXPANSION = 32  # index words searched for one pattern
# A pattern is matched against the words and lemmas of the text; the opening and the
# 5-letter prefixes only refine the ranking of whole words and would double the cost.
PATTERN_FIELDS = frozenset({"headline", "title", "body", "exact"})
MAX_SCANNED = 20_000  # matching words looked at to find the most frequent ones


def cap_expansions(parsed: ParsedQuery, reader: IndexReader) -> tuple[ParsedQuery, tuple[str, ...]]:
    """The query with every pattern limited to its MAX_EXPANSION most frequent words,
    and a note for each pattern that was cut."""
    notes: dict[str, str] = {}

    def visit(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.Every):
            return wq.Every()  # all articles, without reading every posting of a field
        if not isinstance(node, (wq.Prefix, wq.Wildcard)):
            return node
        if node.fieldname not in PATTERN_FIELDS:
            return wq.NullQuery
        pattern = _pattern(node)
        words = [word.decode("utf-8") for word in islice(node._btexts(reader), MAX_SCANNED + 1)]
        if len(words) <= MAX_EXPANSION:
            return node
        most_frequent = heapq.nlargest(MAX_EXPANSION, words, key=lambda word: reader.doc_frequency(node.fieldname, word))
        count = f"over {MAX_SCANNED:,}" if len(words) > MAX_SCANNED else f"{len(words):,}"
        notes.setdefault(pattern, f"{pattern} matches {count} words; searched the {MAX_EXPANSION} most frequent")
        return wq.Or([wq.Term(node.fieldname, word) for word in sorted(most_frequent)], boost=node.boost)

    # The exact field's pattern is the word as typed; the lemma fields' is cut to a stem.
    patterns = [
        leaf
        for leaf in parsed.query.leaves()
        if isinstance(leaf, (wq.Prefix, wq.Wildcard)) and leaf.fieldname in PATTERN_FIELDS
    ]
    for leaf in sorted(patterns, key=lambda leaf: leaf.fieldname != "exact"):
        if (len(leaf.text) if isinstance(leaf, wq.Prefix) else _literal_prefix(leaf.text)) < MIN_LITERAL_PREFIX:
            raise QueryError(f"{_pattern(leaf)!r} matches too many words: put at least {MIN_LITERAL_PREFIX} letters before * or ?")
    # No normalize(): Whoosh normalizes And([Every(), filter]) to Every(), dropping the filter.
    capped = replace(parsed, query=parsed.query.accept(visit), clauses=tuple(clause.accept(visit) for clause in parsed.clauses))
    return capped, tuple(notes.values())


def _pattern(node: wq.Prefix | wq.Wildcard) -> str:
    return node.text + ("*" if isinstance(node, wq.Prefix) else "")


def _literal_prefix(pattern: str) -> int:
    return min((i for i, char in enumerate(pattern) if char in "*?"), default=len(pattern))
