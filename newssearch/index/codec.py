"""Whoosh's postings format with each block's contents as flat arrays.

Whoosh's own codec (whoosh3) pickles a block's ids, weights and positions as
tuples of Python objects: reading a block creates hundreds of objects, and on a
large archive a query spends most of its time there. This codec keeps Whoosh's
block layout (a length, the block's statistics for skipping, then the
compressed contents) and its segment files, but stores the contents as three
byte strings: delta-coded ids (uint32), weights (float32) and positions
(uint32 lengths, then the concatenated encodings). `index/arrays.py` reads them
straight into numpy arrays; Whoosh's matchers read them through
`ArrayLeafMatcher`.
"""

from __future__ import annotations

from array import array
from itertools import accumulate
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher, W3PostingsWriter

ID_TYPE = "I"  # uint32 article numbers (delta-coded within a block, the first absolute)
WEIGHT_TYPE = "f"  # float32 term frequencies
LENGTH_TYPE = "I"  # uint32 byte lengths of the positions of each posting


class ArrayCodec(W3Codec):
    """Whoosh's codec with array-coded posting blocks; picklable, since segments record their codec."""

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return ArrayPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None) -> Any:
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return ArrayLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class ArrayPostingsWriter(W3PostingsWriter):
    def _mini_ids(self) -> Any:
        if self._byteids:  # term vectors: ids are words (not used by newssearch's schema)
            return super()._mini_ids()
        ids = self._ids
        return array(ID_TYPE, [ids[0]] + [b - a for a, b in zip(ids, ids[1:])]).tobytes()

    def _mini_weights(self) -> Any:
        weights = self._weights
        first = weights[0]
        if all(weight == first for weight in weights):
            return None if first == 1.0 else first
        return array(WEIGHT_TYPE, weights).tobytes()

    def _mini_values(self) -> Any:
        if self._format.fixed_value_size() is not None and self._format.fixed_value_size() >= 0:
            return super()._mini_values()
        values = self._values
        return array(LENGTH_TYPE, [len(value) for value in values]).tobytes(), b"".join(values)


class ArrayLeafMatcher(W3LeafMatcher):
    """Whoosh's matcher over array-coded blocks."""

    def _read_ids(self) -> None:
        if self._data is None:
            self._read_data()
        coded = self._data[0]
        if self._byteids:
            self._ids = coded
            return
        deltas = array(ID_TYPE)
        deltas.frombytes(coded)
        self._ids = array(ID_TYPE, accumulate(deltas))

    def _read_weights(self) -> None:
        if self._data is None:
            self._read_data()
        coded = self._data[1]
        if coded is None or isinstance(coded, float):
            self._weights = array(WEIGHT_TYPE, [1.0 if coded is None else coded]) * self._blocklength
            return
        weights = array(WEIGHT_TYPE)
        weights.frombytes(coded)
        self._weights = weights

    def _read_values(self) -> None:
        if self._data is None:
            self._read_data()
        fixedsize = self._fixedsize
        if fixedsize is not None and fixedsize >= 0:
            super()._read_values()
            return
        self._values = tuple(split_values(*self._data[2]))


def split_values(coded_lengths: bytes, joined: bytes) -> list[bytes]:
    """Each posting's encoded positions, from a block's lengths and their concatenation."""
    lengths = array(LENGTH_TYPE)
    lengths.frombytes(coded_lengths)
    ends = list(accumulate(lengths))
    return [joined[end - length : end] for end, length in zip(ends, lengths)]
