"""Whoosh's file format with posting blocks as flat arrays and stored text compressed with a dictionary.

Whoosh's own codec (whoosh3) pickles a block's ids, weights and positions as
tuples of Python objects: reading a block creates hundreds of objects, and on a
large archive a query spends most of its time there. This codec keeps Whoosh's
block layout (a length, the block's statistics for skipping, then the
compressed contents) and its segment files, but stores the contents as three
byte strings: delta-coded ids (uint32), weights (float32) and positions
(uint32 lengths, then the concatenated encodings). `index/arrays.py` reads them
straight into numpy arrays; Whoosh's matchers read them through
`ArrayLeafMatcher`.

Stored fields (the article text, shown in results) are compressed one article
at a time, and a few kilobytes compress poorly on their own: zlib is given a
preset dictionary of the corpus's most frequent words (`text_dictionary`),
about a fifth smaller on real Bulgarian news than Whoosh's plain zlib. Each
segment records its codec, which names its dictionary's file, so segments built
with other dictionaries read correctly side by side.
"""

from __future__ import annotations

import hashlib
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable
from itertools import accumulate
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher, W3PerDocReader, W3PerDocWriter, W3PostingsWriter
from whoosh.columns import CompressedBytesColumn, PickleColumn

ID_TYPE = "I"  # uint32 article numbers (delta-coded within a block, the first absolute)
WEIGHT_TYPE = "f"  # float32 term frequencies
LENGTH_TYPE = "I"  # uint32 byte lengths of the positions of each posting
STORED = "_stored"  # Whoosh's column of each article's stored fields
DICTIONARY_BYTES = 32 * 1024  # the most zlib's window uses
STORED_LEVEL = 6
DICTIONARY_PREFIX = "textdict-"  # not a Whoosh file name: Whoosh's clean-up leaves it alone
INLINE_BELOW = 4  # postings of a term with fewer articles are kept in its term entry (measured: 2, 4, 8, 16)


class ArrayCodec(W3Codec):
    """Whoosh's codec with array-coded posting blocks and dictionary-compressed stored fields.

    A segment records its codec (pickled in the index's table of contents), so
    the codec names its dictionary, a file beside the segments, rather than
    holding it: Whoosh's parallel writer sends each worker's segment back
    through a pipe and waits for the worker to exit before reading it, which
    deadlocks once the results outgrow the pipe's buffer.
    """

    def __init__(self, dictionary_file: str = "") -> None:
        super().__init__(inlinelimit=INLINE_BELOW)
        self.dictionary_file = dictionary_file
        self._dictionary: bytes | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_dictionary": None}

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

    def per_document_writer(self, storage: Any, segment: Any) -> W3PerDocWriter:
        return StoredTextWriter(self, storage, segment)

    def per_document_reader(self, storage: Any, segment: Any) -> W3PerDocReader:
        return StoredTextReader(storage, segment, _stored_column(self.text_dictionary(storage)))

    def text_dictionary(self, storage: Any) -> bytes:
        if self._dictionary is None:
            self._dictionary = b""
            if self.dictionary_file:
                with storage.open_file(self.dictionary_file) as handle:
                    self._dictionary = handle.read()
        return self._dictionary


def write_text_dictionary(directory: Path, texts: Iterable[str]) -> ArrayCodec:
    """Write the dictionary of these sample texts into an index folder; the codec that uses it."""
    dictionary = text_dictionary(texts)
    name = f"{DICTIONARY_PREFIX}{hashlib.sha1(dictionary).hexdigest()[:16]}"
    (directory / name).write_bytes(dictionary)
    return ArrayCodec(name)


class ArrayPostingsWriter(W3PostingsWriter):
    def finish_postings(self) -> Any:
        # Whoosh 2.7.4 calls a misspelt method (set_inline) here, so its inlining
        # never worked: a short posting list goes into its term's entry instead of
        # a block of its own, which on real text (half the words occur once)
        # saves most of the postings file.
        if not self.written() and len(self) < self._inlinelimit:
            terminfo, self._terminfo = self._terminfo, None
            terminfo.add_block(self)
            terminfo.set_inlined(self._ids, self._weights, self._values)
            return terminfo
        return super().finish_postings()

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
        fixedsize = self._format.fixed_value_size()
        if fixedsize is not None and fixedsize >= 0:
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


class StoredTextWriter(W3PerDocWriter):
    def __init__(self, codec: ArrayCodec, storage: Any, segment: Any) -> None:
        self._stored_column = _stored_column(codec.text_dictionary(storage))
        super().__init__(codec, storage, segment)

    def _create_column(self, fieldname: str, column: Any) -> None:
        super()._create_column(fieldname, self._stored_column if fieldname == STORED else column)


class StoredTextReader(W3PerDocReader):
    def __init__(self, storage: Any, segment: Any, stored_column: PickleColumn) -> None:
        super().__init__(storage, segment)
        self._stored_column = stored_column

    def stored_fields(self, docnum: int) -> dict[str, Any]:
        return self._cached_reader(STORED, self._stored_column)[docnum] or {}


class _DictionaryColumn(CompressedBytesColumn):
    """Whoosh's compressed bytes column, with a zlib preset dictionary."""

    def __init__(self, dictionary: bytes) -> None:
        super().__init__(level=STORED_LEVEL)
        self._dictionary = dictionary

    def writer(self, dbfile: Any) -> Any:
        writer = super().writer(dbfile)
        writer._compress = self._compress
        return writer

    def reader(self, dbfile: Any, basepos: int, length: int, doccount: int) -> Any:
        reader = super().reader(dbfile, basepos, length, doccount)
        reader._decompress = self._decompress
        return reader

    def _compress(self, data: bytes, level: int) -> bytes:
        compressor = zlib.compressobj(level, zdict=self._dictionary) if self._dictionary else zlib.compressobj(level)
        return compressor.compress(data) + compressor.flush()

    def _decompress(self, data: bytes) -> bytes:
        decompressor = zlib.decompressobj(zdict=self._dictionary) if self._dictionary else zlib.decompressobj()
        return decompressor.decompress(data) + decompressor.flush()


def _stored_column(dictionary: bytes) -> PickleColumn:
    return PickleColumn(_DictionaryColumn(dictionary))


def text_dictionary(texts: Iterable[str]) -> bytes:
    """A zlib preset dictionary from sample texts: their most frequent words, each with the
    space before it, the most useful last (zlib finds matches nearest the end cheapest)."""
    counts = Counter(f" {word}" for text in texts for word in text.split())
    repeated = [word for word, count in counts.items() if count > 1]
    useful = sorted(repeated, key=lambda word: (counts[word] * len(word.encode("utf-8")), word), reverse=True)
    chosen: list[bytes] = []
    size = 0
    for word in useful:
        encoded = word.encode("utf-8")
        if size + len(encoded) > DICTIONARY_BYTES:
            break
        chosen.append(encoded)
        size += len(encoded)
    return b"".join(reversed(chosen))


def split_values(coded_lengths: bytes, joined: bytes) -> list[bytes]:
    """Each posting's encoded positions, from a block's lengths and their concatenation."""
    lengths = array(LENGTH_TYPE)
    lengths.frombytes(coded_lengths)
    ends = list(accumulate(lengths))
    return [joined[end - length : end] for end, length in zip(ends, lengths)]
