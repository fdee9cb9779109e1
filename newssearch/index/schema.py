"""The Whoosh schema; FORMAT changes whenever an old index could not be read correctly."""

from __future__ import annotations

from whoosh.fields import COLUMN, DATETIME, ID, STORED, TEXT, Schema

from newssearch.analysis.analyzer import build_analyzer, build_exact_analyzer, build_prefix_analyzer

# Bump when the schema or the analysis changes: an index of another format is
# refused with a request to rebuild, instead of answering with wrong terms.
FORMAT = 16
PREFIX_LENGTH = 5


def build_schema() -> Schema:
    analyzer = build_analyzer()
    return Schema(
        id=ID(unique=True, stored=True),
        path=STORED(),
        url=STORED(),
        headline=STORED(),
        # Only headlines given by the source are indexed here; a hyphenated query
        # word (руско-украинската) is searched as a phrase of its parts.
        title=TEXT(analyzer=analyzer, multitoken_query="phrase"),
        body=TEXT(analyzer=analyzer, stored=True, multitoken_query="phrase"),
        # The body again, words as written: the query's own form scores above other forms.
        # The opening of the body again (see lead_of): matches there count a little extra.
        # Fields that only add score keep no positions: phrases are matched in body and title.
        lead=TEXT(analyzer=analyzer, phrase=False, multitoken_query="and"),
        exact=TEXT(analyzer=build_exact_analyzer(), phrase=False, multitoken_query="and"),
        # Words cut to their first letters. No article writes it: the query parser
        # cuts the query's words with its analyzer, and ranking sums the postings of
        # the exact words that cut to the same letters (index.arrays.ArrayReader).
        prefix=TEXT(analyzer=build_prefix_analyzer(PREFIX_LENGTH), phrase=False, multitoken_query="and"),
        date=DATETIME(stored=True, sortable=True),
        # Near-duplicate sketch of the body (see minhash.py), to collapse republished stories;
        # a column, so that it is read without loading the stored text.
        signature=COLUMN(),
    )
