"""ArrayCodec stores exactly what Whoosh's own codec stores: ids, weights and positions, block by block."""

from __future__ import annotations

from array import array
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import ID, TEXT, Schema

from newssearch.index.arrays import ArrayReader
import pickle

from newssearch.index.codec import ArrayCodec, decode_numbers, decode_values, encode_block
from newssearch.index.pool import grouped_pool

WORDS = ("среща", "министър", "съвет", "nato", "2025")
BLOCK = 4  # postings per block: small, so that lists span several blocks

documents = st.lists(
    st.lists(st.tuples(st.sampled_from(WORDS), st.integers(1, 300)), min_size=1, max_size=4),
    min_size=1,
    max_size=40,
)


def _schema() -> Schema:
    return Schema(
        id=ID(stored=True),
        body=TEXT(),  # positions, whole-number weights (some over 255)
        boosted=TEXT(phrase=False, field_boost=1.5),  # no positions, fractional weights
    )


def _build(directory: Path, codec: W3Codec, docs: list[list[tuple[str, int]]]) -> whoosh_index.Index:
    ix = whoosh_index.create_in(str(directory), _schema())
    with ix.writer(codec=codec, compound=False) as writer:
        for number, words in enumerate(docs):
            text = " ".join(" ".join([word] * times) for word, times in words)
            writer.add_document(id=str(number), body=text, boosted=text)
    return ix


def _postings(searcher, fieldname: str, word: str) -> list[tuple]:
    matcher = searcher.postings(fieldname, word)
    found = []
    while matcher.is_active():
        positions = list(matcher.value_as("positions")) if fieldname == "body" else None
        found.append((matcher.id(), matcher.weight(), positions))
        matcher.next()
    return found


@settings(max_examples=30, deadline=None)
@given(documents)
def test_posting_lists_read_back_as_whoosh_own_codec_wrote_them(docs):
    with TemporaryDirectory() as ours_dir, TemporaryDirectory() as theirs_dir:
        ours = _build(Path(ours_dir), ArrayCodec(blocklimit=BLOCK), docs)
        theirs = _build(Path(theirs_dir), W3Codec(blocklimit=BLOCK), docs)
        with ours.searcher() as our_searcher, theirs.searcher() as their_searcher:
            arrays = ArrayReader(our_searcher)
            decode = our_searcher.schema["body"].format.decode_positions
            for fieldname in ("body", "boosted"):
                for word in WORDS:
                    if (fieldname, word) not in their_searcher.reader():
                        assert arrays.postings(fieldname, word).empty
                        continue
                    expected = _postings(their_searcher, fieldname, word)
                    assert _postings(our_searcher, fieldname, word) == expected
                    found = arrays.postings(fieldname, word, positions=fieldname == "body")
                    as_arrays = list(zip(found.docs.tolist(), found.weights.tolist()))
                    assert as_arrays == [(docnum, weight) for docnum, weight, _ in expected]
                    if fieldname == "body":
                        assert [decode(value) for value in found.values] == [positions for *_, positions in expected]


@given(
    st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=50, unique=True).map(sorted),
    st.data(),
)
def test_a_block_packs_its_numbers_in_the_narrowest_type_and_reads_back_unchanged(ids, data):
    weights = data.draw(st.one_of(
        st.lists(st.integers(0, 70_000).map(float), min_size=len(ids), max_size=len(ids)),
        st.lists(st.floats(0, 1e6, width=32), min_size=len(ids), max_size=len(ids)),
    ))  # fmt: skip
    values = data.draw(st.lists(st.binary(max_size=300), min_size=len(ids), max_size=len(ids)))
    block = pickle.loads(encode_block(ids, weights, values))
    first, id_type, gaps, packed_weights = decode_numbers(block, len(ids))
    unpacked = [first]
    for gap in array(id_type, gaps):
        unpacked.append(unpacked[-1] + gap)
    assert unpacked == ids
    largest_gap = max((b - a for a, b in zip(ids, ids[1:])), default=0)
    assert array(id_type).itemsize == (1 if largest_gap < 256 else 2 if largest_gap < 65536 else 4)
    if isinstance(packed_weights, float):
        assert set(weights) == {packed_weights}
    else:
        assert list(array(*packed_weights)) == weights
    assert decode_values(block, len(ids)) == values
    assert decode_values(pickle.loads(encode_block(ids, weights, None)), len(ids)) is None


@settings(max_examples=30, deadline=None)
@given(documents)
def test_writing_a_term_list_at_once_stores_what_writing_it_posting_by_posting_does(docs):
    # The grouped pool hands ArrayFieldWriter each term's list; Whoosh's pool, one posting at a time.
    with TemporaryDirectory() as whole_dir, TemporaryDirectory() as single_dir:
        with grouped_pool():
            _build(Path(whole_dir), ArrayCodec(blocklimit=BLOCK), docs)
        _build(Path(single_dir), ArrayCodec(blocklimit=BLOCK), docs)
        assert _segment_files(Path(whole_dir)) == _segment_files(Path(single_dir))


def _segment_files(directory: Path) -> dict[str, bytes]:
    """The segment's files by kind (their names start with a random segment id)."""
    return {path.name.split(".", 1)[1]: path.read_bytes() for path in directory.glob("MAIN_*.*")}
