"""Whoosh's file format with posting blocks as flat arrays and stored text compressed with a dictionary.

Whoosh's own codec (whoosh3) pickles a block's ids, weights and positions as
tuples of Python objects and compresses the whole: reading a block creates
hundreds of objects, and on a large archive a query spends most of its time
there. This codec keeps Whoosh's block layout (a length, the block's
statistics for skipping, then the contents) and its segment files, but packs
the contents as arrays in the narrowest type that holds them (`encode_block`):
ids and weights are read by numpy in place after one small inflate, and
positions, the bulk of the bytes and needed only to match phrases and
proximity, are compressed on their own. Blocks hold 1024 postings, so a
frequent word's list is a few blocks, not hundreds. `index/arrays.py` reads the
blocks into numpy arrays; Whoosh's matchers read them through `ArrayLeafMatcher`.

Stored fields (the article text, shown in results) are compressed one article
at a time, and a few kilobytes compress poorly on their own: zlib is given a
preset dictionary of the corpus's most frequent words (`text_dictionary`),
about a fifth smaller on real Bulgarian news than Whoosh's plain zlib. Each
segment records its codec, which names its dictionary's file, so segments built
with other dictionaries read correctly side by side.
"""

from __future__ import annotations

import hashlib
import pickle
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3LeafMatcher,
    W3PerDocReader,
    W3PerDocWriter,
    W3PostingsWriter,
    W3TermInfo,
    _lenfield,
)
from whoosh.columns import CompressedBytesColumn, PickleColumn
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

FLOAT_TYPE = "f"  # float32: weights that are not small whole numbers
COMPRESSION_LEVEL = 3  # zlib level of a block's contents (Whoosh's default for its blocks)
BLOCK_POSTINGS = 1024  # Whoosh uses 128: at 100k articles a frequent word then has hundreds of blocks to decode
STORED = "_stored"  # Whoosh's column of each article's stored fields
DICTIONARY_BYTES = 32 * 1024  # the most zlib's window uses
STORED_LEVEL = 3  # measured on news text: a third of the time of level 6 for a tenth more bytes
DICTIONARY_PREFIX = "textdict-"  # not a Whoosh file name: Whoosh's clean-up leaves it alone
BYTE_LENGTHS = [byte_to_length(code) for code in range(256)]  # Whoosh stores field lengths as one byte each
INLINE_BELOW = 4  # postings of a term with fewer articles are kept in its term entry (measured: 2, 4, 8, 16)


class ArrayCodec(W3Codec):
    """Whoosh's codec with array-coded posting blocks and dictionary-compressed stored fields.

    A segment records its codec (pickled in the index's table of contents), so
    the codec names its dictionary, a file beside the segments, rather than
    holding it: Whoosh's parallel writer sends each worker's segment back
    through a pipe and waits for the worker to exit before reading it, which
    deadlocks once the results outgrow the pipe's buffer.
    """

    def __init__(self, dictionary_file: str = "", blocklimit: int = BLOCK_POSTINGS) -> None:
        # compression=0: Whoosh leaves the block's contents as they are; the positions are compressed in them.
        super().__init__(blocklimit=blocklimit, compression=0, inlinelimit=INLINE_BELOW)
        self.dictionary_file = dictionary_file
        self._dictionary: bytes | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_dictionary": None}

    def field_writer(self, storage: Any, segment: Any) -> W3FieldWriter:
        return ArrayFieldWriter(self, storage, segment)

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


# A term's postings as one list: article number, weight, encoded value (or None), article number, ...
FlatPostings = list[Any]


class ArrayFieldWriter(W3FieldWriter):
    """Whoosh's field writer, taking a term's postings as a list where the pool gives them so."""

    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        by_term = getattr(items, "by_term", None)  # pool.GroupedPostings
        if by_term is None or any(field.separate_spelling() for _, field in schema.items()):
            super().add_postings(schema, lengths, items)  # one posting at a time
            return
        length_of: Callable[[int], int] = _no_length
        for (fieldname, text), postings in by_term():
            if fieldname != self._fieldname or not self._infield:
                if self._infield:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                length_of = _length_lookup(lengths, fieldname)
            terminfo = self._postwriter.write_postings(self._format, postings, length_of)
            self._tindex.add(pack_ushort(self._fieldid) + text, terminfo.to_bytes())
        if self._infield:
            self.finish_field()


def _no_length(_docnum: int) -> int:
    return 0


def _length_lookup(lengths: Any, fieldname: str) -> Callable[[int], int]:
    """Each article's length of the field (0: none), as Whoosh's writer asks for it per posting."""
    if lengths is None:
        return _no_length
    if isinstance(lengths, StoredTextReader):
        return lengths.field_lengths(fieldname).__getitem__
    return lambda docnum: lengths.doc_field_length(docnum, fieldname) or 0


class ArrayPostingsWriter(W3PostingsWriter):
    def write_postings(self, format_: Any, postings: FlatPostings, length_of: Callable[[int], int]) -> W3TermInfo:
        """A term's whole posting list, a block at a time: the blocks and statistics that
        start_postings, add_posting and finish_postings make one posting at a time."""
        self.start_postings(format_, W3TermInfo())
        step = 3 * self._blocklimit
        for start in range(0, len(postings), step):
            if start:
                self._write_block()
            block = postings[start : start + step]
            ids = block[0::3]
            weights = block[1::3]
            self._ids = array("I", ids)
            self._weights = array("f", weights)
            self._values = [value for value in block[2::3] if value]
            self._maxweight = max(0, max(weights))
            found = [length for length in map(length_of, ids) if length]
            self._minlength = min(found, default=None)
            self._maxlength = max(found, default=0)
        return self.finish_postings()

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

    def _write_block(self, last: bool = False) -> None:
        if self._byteids:  # term vectors: ids are words (newssearch's schema keeps none)
            super()._write_block(last)
            return
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        ids = self._ids
        # Whoosh's block statistics, which its matchers read to skip blocks; no compression of the whole.
        statistics = (len(ids), ids[-1], self._maxweight, 0, length_to_byte(self._minlength), length_to_byte(self._maxlength))
        fixed_size = self._format.fixed_value_size()
        contents = encode_block(ids, self._weights, None if fixed_size == 0 else self._values)
        data = pickle.dumps(statistics, 2) + contents
        self._postfile.write_int(-len(data) if last else len(data))  # negative: the list's last block
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()


class ArrayLeafMatcher(W3LeafMatcher):
    """Whoosh's matcher over array-coded blocks."""

    def _read_ids(self) -> None:
        if self._byteids:
            super()._read_ids()
        else:
            self._read_numbers()

    def _read_weights(self) -> None:
        if self._byteids:
            super()._read_weights()
        else:
            self._read_numbers()

    def _read_numbers(self) -> None:
        """A block's ids and weights, which it keeps deflated together: both are read at once."""
        if self._data is None:
            self._read_data()
        first, id_type, gaps, weights = decode_numbers(self._data, self._blocklength)
        self._ids = array("I", accumulate(array(id_type, gaps), initial=first))
        if isinstance(weights, float):
            self._weights = array(FLOAT_TYPE, [weights]) * self._blocklength
        else:
            self._weights = array(*weights)

    def _read_values(self) -> None:
        if self._byteids:
            super()._read_values()
            return
        if self._data is None:
            self._read_data()
        values = decode_values(self._data, self._blocklength)
        self._values = (None,) * self._blocklength if values is None else tuple(values)


Block = tuple[int, str, float | str, bytes, tuple[str, bytes] | None]


def encode_block(ids: Sequence[int], weights: Sequence[float], values: Sequence[bytes] | None) -> bytes:
    """A block's postings, pickled as (first id, type of the gaps, weights, numbers, positions).

    The gaps between ids and, unless all equal (usually all 1.0), the weights are
    packed in the narrowest type that holds them (most are single bytes; weights
    that are not whole numbers as float32) and deflated together as `numbers`.
    Positions are deflated on their own with their lengths, so that reading a
    block's ids and weights never inflates them.
    """
    gaps = [b - a for a, b in zip(ids, ids[1:])]
    id_type = narrowest(gaps)
    numbers = array(id_type, gaps).tobytes()
    first_weight = weights[0]
    weight: float | str
    if all(value == first_weight for value in weights):
        weight = float(first_weight)
    else:
        whole = all(value >= 0 and value == int(value) for value in weights)
        weight = narrowest([int(value) for value in weights]) if whole else FLOAT_TYPE
        numbers += array(weight, [int(value) for value in weights] if whole else weights).tobytes()
    positions = None
    if values is not None:
        lengths = [len(value) for value in values]
        length_type = narrowest(lengths)
        positions = length_type, _deflate(array(length_type, lengths).tobytes() + b"".join(values))
    block: Block = (ids[0], id_type, weight, _deflate(numbers), positions)
    return pickle.dumps(block, pickle.HIGHEST_PROTOCOL)  # protocol 2 would store each byte over 127 in two


def decode_numbers(block: Block, count: int) -> tuple[int, str, bytes, float | tuple[str, bytes]]:
    """A block's first id, the type of its gaps, the gaps, and its weight or (type, packed weights)."""
    first, id_type, weight, numbers, _ = block
    numbers = zlib.decompress(numbers, -zlib.MAX_WBITS)
    gaps_end = (count - 1) * array(id_type).itemsize
    return first, id_type, numbers[:gaps_end], weight if isinstance(weight, float) else (weight, numbers[gaps_end:])


def decode_values(block: Block, count: int) -> list[bytes] | None:
    """The encoded positions of each of a block's `count` postings (None: the field keeps none)."""
    packed = packed_values(block, count)
    if packed is None:
        return None
    lengths, joined = packed
    ends = list(accumulate(lengths))
    return [joined[end - length : end] for end, length in zip(ends, lengths)]


def has_values(block: Block) -> bool:
    """Whether the block keeps positions (its field has them)."""
    return block[4] is not None


def packed_values(block: Block, count: int) -> tuple[array[int], bytes] | None:
    """A block's positions as stored: each posting's byte length, and all of them joined."""
    if block[4] is None:
        return None
    length_type, deflated = block[4]
    data = zlib.decompress(deflated, -zlib.MAX_WBITS)
    lengths = array(length_type)
    joined_from = count * lengths.itemsize
    lengths.frombytes(data[:joined_from])
    return lengths, data[joined_from:]


def _deflate(data: bytes) -> bytes:
    """Raw deflate: a block is too small to pay for zlib's header and checksum."""
    compressor = zlib.compressobj(COMPRESSION_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def narrowest(numbers: Sequence[int]) -> str:
    """The array typecode of the narrowest unsigned type that holds the numbers (up to 32 bits)."""
    largest = max(numbers, default=0)
    return "B" if largest < 1 << 8 else "H" if largest < 1 << 16 else "I"


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
        self._length_codes: dict[str, bytes] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        # Whoosh's writer asks this for every posting it writes, and Whoosh reads it
        # from the file each time: each field's length codes are read once instead.
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum} of {self._doccount}")
        if self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN) is None:
            return default
        codes = self._length_code_bytes(fieldname)
        code = codes[docnum] if docnum < len(codes) else 0
        return BYTE_LENGTHS[code] if code else None  # None for no words, as Whoosh's own reader answers

    def _length_code_bytes(self, fieldname: str) -> bytes:
        codes = self._length_codes.get(fieldname)
        if codes is None:
            reader = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            codes = b"" if reader is None else reader._dbfile.get(reader._basepos, reader._count)
            self._length_codes[fieldname] = codes
        return codes

    def field_lengths(self, fieldname: str) -> list[int]:
        """Every article's length of the field (0: no words)."""
        codes = self._length_code_bytes(fieldname)
        lengths = [BYTE_LENGTHS[code] for code in codes]
        return lengths + [0] * (self._doccount - len(lengths))

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
