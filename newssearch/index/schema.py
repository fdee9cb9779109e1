"""The Whoosh schema; FORMAT changes whenever an old index could not be read correctly."""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate
from operator import sub
from typing import Any

from whoosh.fields import COLUMN, DATETIME, ID, STORED, TEXT, Schema
from whoosh.formats import Frequency, Positions
from whoosh.system import _INT_SIZE, pack_uint, unpack_uint

from newssearch.analysis.analyzer import build_analyzer, build_exact_analyzer, build_prefix_analyzer
from newssearch.index.minhash import signature

# Bump when the schema or the analysis changes: an index of another format is
# refused with a request to rebuild, instead of answering with wrong terms.
FORMAT = 60
PREFIX_LENGTH = 5
SHORT_PREFIX_LENGTH = 4  # for queries of many words (search.parse)
# Fields no article writes, each summed from another field's words cut to a length (index.arrays).
DERIVED_FIELDS: Mapping[str, tuple[str, int]] = {
    "prefix": ("exact", PREFIX_LENGTH),
    "short_prefix": ("exact", SHORT_PREFIX_LENGTH),
}


def build_schema() -> Schema:
    analyzer = build_analyzer()
    return Schema(
        id=ID(unique=True, stored=True),
        path=STORED(),
        url=STORED(),
        # The headline as shown: the source's, else the body's first sentence. A query's
        # title:word searches it (search.parse); ranking leaves it out, as the first
        # sentence already counts in the body and the lead.
        headline=ListedText(analyzer=analyzer, stored=True, multitoken_query="phrase"),
        # Only headlines given by the source, which ranking weighs above the body; a
        # hyphenated query word (руско-украинската) is searched as a phrase of its parts.
        title=ListedText(analyzer=analyzer, multitoken_query="phrase"),
        body=ListedText(analyzer=analyzer, stored=True, multitoken_query="phrase"),
        # The body again, words as written: the query's own form scores above other forms.
        # The opening of the body again (see lead_of): matches there count a little extra.
        # Fields that only add score keep no positions: phrases are matched in body and title.
        lead=ListedText(analyzer=analyzer, phrase=False, multitoken_query="and"),
        exact=ListedText(analyzer=build_exact_analyzer(), phrase=False, multitoken_query="and"),
        # Words cut to their first letters. No article writes it: the query parser
        # cuts the query's words with its analyzer, and ranking sums the postings of
        # the exact words that cut to the same letters (index.arrays.ArrayReader).
        prefix=TEXT(analyzer=build_prefix_analyzer(PREFIX_LENGTH), phrase=False, multitoken_query="and"),
        short_prefix=TEXT(analyzer=build_prefix_analyzer(SHORT_PREFIX_LENGTH), phrase=False, multitoken_query="and"),
        date=DATETIME(stored=True, sortable=True),
        # Near-duplicate sketch of the body (see minhash.py), to collapse republished stories;
        # a column, so that it is read without loading the stored text.
        signature=SignatureColumn(),
    )


class SignatureColumn(COLUMN):
    """The near-duplicate signature of the text the field is given (the body), made where
    the body is analysed, from the same words: in a worker process of a parallel build."""

    def to_column_value(self, value: Any) -> bytes:
        return signature(value) if isinstance(value, str) else value


class ListedText(TEXT):
    """A text field whose postings are made from the analyzer's word list when it has one
    (ListingAnalyzer.index_words): with C-level maps, handed to Whoosh's writer as one
    list, where Whoosh's own field passes each posting through two generators."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        listed = ListedPositions if isinstance(self.format, Positions) else ListedFrequency
        self.format = listed(field_boost=self.format.field_boost)

    def index(self, value: Any, **kwargs: Any) -> Iterable[EncodedPosting]:
        kwargs.setdefault("mode", "index")
        postings = self.format.listed_postings(value, self.analyzer, kwargs)
        return super().index(value, **kwargs) if postings is None else postings


WordPosting = tuple[str, int, float, bytes]  # word, frequency, weight, encoded value
EncodedPosting = tuple[bytes, int, float, bytes]  # the word in UTF-8, as Whoosh's writer takes it


class _ListedFormat:
    """What ListedPositions and ListedFrequency share: postings made from a word list."""

    def listed_postings(self, value: Any, analyzer: Any, options: dict[str, Any]) -> list[EncodedPosting] | None:
        """The postings of a text being indexed; None where only the analyzer's token stream answers."""
        listed = _listed_words(value, analyzer, options)
        if listed is None:
            return None
        words, counts, values = self._grouped(*listed)
        boost = self.field_boost  # type: ignore[attr-defined]
        return list(zip(map(str.encode, words), counts, [count * boost for count in counts], values))

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterator[WordPosting]:
        postings = self.listed_postings(value, analyzer, kwargs)
        if postings is None:
            yield from super().word_values(value, analyzer, **kwargs)  # type: ignore[misc]
            return
        for word, count, weight, encoded in postings:
            yield word.decode("utf-8"), count, weight, encoded

    def _grouped(self, first: int, words: list[str]) -> tuple[Iterable[str], list[int], Iterable[bytes]]:
        """Each distinct word, its count and its encoded value."""
        raise NotImplementedError


class ListedPositions(_ListedFormat, Positions):
    """Whoosh's positions format, fed from `index_words` instead of a token stream.

    Positions are stored as the gaps between them, in an array of the narrowest
    type that holds them, after their count: half the bytes of Whoosh's pickled
    list, written and read without pickling.
    """

    def _grouped(self, first: int, words: list[str]) -> tuple[Iterable[str], list[int], Iterable[bytes]]:
        positions: defaultdict[str, list[int]] = defaultdict(list)
        for position, word in enumerate(words, first):
            positions[word].append(position)
        found = positions.values()
        return positions.keys(), list(map(len, found)), map(self.encode, found)

    def encode(self, positions: Sequence[int]) -> bytes:
        if len(positions) == 1:  # most words of an article
            return _one_position(positions[0])
        return _encoded_gaps([positions[0], *map(sub, positions[1:], positions)])

    def decode_positions(self, valuestring: bytes) -> list[int]:
        (count,) = unpack_uint(valuestring[:_INT_SIZE])
        width = (len(valuestring) - _INT_SIZE) // count
        return list(accumulate(array(_TYPECODES[width], valuestring[_INT_SIZE:])))


_TYPECODES = {array(code).itemsize: code for code in "BHI"}


def _encoded_gaps(gaps: list[int]) -> bytes:
    # The count first, as Whoosh's frequency decoding reads it.
    largest = max(gaps)
    packed = bytes(gaps) if largest < 1 << 8 else array("H" if largest < 1 << 16 else "I", gaps).tobytes()
    return pack_uint(len(gaps)) + packed


@lru_cache(maxsize=1 << 16)
def _one_position(position: int) -> bytes:
    return _encoded_gaps([position])


class ListedFrequency(_ListedFormat, Frequency):
    """Whoosh's frequency format, fed from `index_words` like ListedPositions."""

    def _grouped(self, first: int, words: list[str]) -> tuple[Iterable[str], list[int], Iterable[bytes]]:
        counts = Counter(words)
        found = list(counts.values())
        return counts.keys(), found, map(pack_uint, found)


def _listed_words(value: Any, analyzer: Any, options: dict[str, Any]) -> tuple[int, list[str]] | None:
    """The analyzer's word list for a text being indexed; None where only its token stream answers."""
    index_words = getattr(analyzer, "index_words", None)
    if index_words is None or not isinstance(value, str) or options.get("mode") != "index":
        return None
    return index_words(value)
