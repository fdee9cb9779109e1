"""The array reader decodes Whoosh's files exactly: every posting list, length and date."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index

from newssearch.index import build_index, summed
from newssearch.index.arrays import SUMS_HEADER, SUMS_TABLE, ArrayReader
from newssearch.index.storage import current_generation
from tests.conftest import write_corpus

FIELDS = ("title", "body", "lead", "exact", "prefix")


@pytest.fixture(scope="module")
def whoosh_searcher(tmp_path_factory: pytest.TempPathFactory):
    """A Whoosh searcher over an updated index: two segments, deleted articles, long posting lists."""
    root = tmp_path_factory.mktemp("arrays")
    source = write_corpus(root / "corpus")
    for number in range(300):  # long posting lists (several blocks: tests/index/test_codec.py)
        date = f" date 2024-{number % 12 + 1:02d}-10 " if number % 5 else ""
        (source / f"n{number}.txt").write_text(f"{date}Среща номер {number} на министрите. Среща и срещи.", encoding="utf-8")
    index_dir = root / "index"
    build_index([source], index_dir)
    (source / "n7.txt").unlink()
    (source / "n200.txt").write_text(" date 2025-01-01 Друга среща, друг текст.", encoding="utf-8")
    build_index([source], index_dir)
    with whoosh_index.open_dir(str(current_generation(index_dir))).searcher() as searcher:
        yield searcher


def test_every_posting_list_decodes_as_whoosh_reads_it(whoosh_searcher):
    arrays = ArrayReader(whoosh_searcher)
    positions = whoosh_searcher.schema["body"].format.decode_positions
    reader = whoosh_searcher.reader()
    checked = 0
    for fieldname in FIELDS:
        for text in {term for term in reader.field_terms(fieldname)}:
            postings = arrays.postings(fieldname, text, positions=fieldname == "body")
            matcher = whoosh_searcher.postings(fieldname, text)
            expected = []
            while matcher.is_active():
                value = [list(matcher.value_as("positions"))] if fieldname == "body" else []
                expected.append((matcher.id(), matcher.weight(), *value))
                matcher.next()
            got = list(zip(postings.docs.tolist(), postings.weights.tolist()))
            if fieldname == "body":
                got = [(*pair, positions(value)) for pair, value in zip(got, postings.values)]
            assert got == expected, (fieldname, text)
            checked += 1
    assert checked > 50
    assert arrays.postings("body", "несъществуваща").empty


def test_lengths_and_dates_are_whoosh_own(whoosh_searcher):
    arrays = ArrayReader(whoosh_searcher)
    reader = whoosh_searcher.reader()
    dates = reader.column_reader("date", translate=False)
    for docnum in range(whoosh_searcher.doc_count_all()):
        for fieldname in ("body", "exact", "prefix"):
            assert arrays.lengths(fieldname)[docnum] == (reader.doc_field_length(docnum, fieldname) or 0)
        assert int(arrays.column("date")[docnum]) == dates[docnum]
    assert not arrays.live.all()  # the deleted article is known as such


@pytest.fixture
def prefix_index(tmp_path: Path) -> whoosh_index.Index:
    """Two segments of exact words, one with a deletion, and the prefix field indexed as Whoosh would."""
    from whoosh.fields import ID, TEXT, Schema

    from newssearch.analysis.analyzer import build_exact_analyzer, build_prefix_analyzer
    from newssearch.index.codec import ArrayCodec

    schema = Schema(
        id=ID(stored=True),
        exact=TEXT(analyzer=build_exact_analyzer(), phrase=False),
        prefix=TEXT(analyzer=build_prefix_analyzer(5), phrase=False),
    )
    ix = whoosh_index.create_in(str(tmp_path), schema)
    texts = [
        "Министър министрите министерство министерски мини 12345678 12345",
        "министър и председател, председателят на председателството",
        "Предсказание предсказа представител 2025 министър",
        "мина минаха мини миналата",
    ]
    for round_ in range(2):  # two segments, and a deletion in the first
        with ix.writer(codec=ArrayCodec()) as writer:
            for number, text in enumerate(texts * (40 + round_)):
                writer.add_document(id=f"{round_}-{number}", exact=text, prefix=text)
            if round_:
                writer.delete_by_term("id", "0-3")
    return ix


def assert_derived_prefixes_match_indexed(ix: whoosh_index.Index, *, memo: bool = False) -> None:
    with ix.searcher() as searcher:
        derived = ArrayReader(searcher, derived={"cut": ("exact", 5)}, folder=Path(ix.storage.folder))
        indexed = ArrayReader(searcher)
        prefixes = list(searcher.reader().field_terms("prefix"))
        assert len(prefixes) > 8
        for prefix in prefixes:
            lists: dict = {}
            if memo:  # the query word's own list, read first as ranking does
                derived.postings("exact", prefix, memo=lists)
            ours, theirs = derived.postings("cut", prefix, memo=lists), indexed.postings("prefix", prefix)
            assert ours.docs.tolist() == theirs.docs.tolist(), prefix
            assert ours.weights.tolist() == theirs.weights.tolist(), prefix
            assert ours.doc_frequency == len(theirs.docs), prefix
        assert derived.lengths("cut").tolist() == indexed.lengths("prefix").tolist()
        assert derived.average_length("cut") == indexed.average_length("prefix")


@pytest.mark.parametrize("memo", [False, True])
def test_a_derived_prefix_field_holds_what_an_indexed_one_would(prefix_index, memo):
    assert_derived_prefixes_match_indexed(prefix_index, memo=memo)


@pytest.mark.parametrize("memo", [False, True])
@pytest.mark.parametrize("summed_segments", ["all", "first", "second"])
def test_prefixes_summed_at_build_time_read_as_the_indexed_field(prefix_index, summed_segments, memo, monkeypatch):
    monkeypatch.setattr(summed, "MIN_WORDS", 2)
    folder = Path(prefix_index.storage.folder)
    with prefix_index.reader() as reader:
        summed.write_summed_postings(folder, reader, {"cut": ("exact", 5)})
    files = sorted(folder.glob("*.cut.sums"), key=lambda path: path.stat().st_size)
    assert len(files) == 2
    if summed_segments != "all":  # one segment without sums: an index from before them
        files[0 if summed_segments == "second" else 1].unlink()
    assert_derived_prefixes_match_indexed(prefix_index, memo=memo)


@pytest.mark.parametrize("damage", [b"", b"NSSUMS1\n", "truncated", "garbage", "types", "offsets"])
def test_a_damaged_sums_file_is_read_as_none(prefix_index, damage, monkeypatch):
    monkeypatch.setattr(summed, "MIN_WORDS", 2)
    folder = Path(prefix_index.storage.folder)
    with prefix_index.reader() as reader:
        summed.write_summed_postings(folder, reader, {"cut": ("exact", 5)})
    for path in folder.glob("*.cut.sums"):
        data = path.read_bytes()
        if damage in ("types", "offsets"):  # the right length, a wrong table
            count = SUMS_HEADER.unpack_from(data)[1]
            table = np.frombuffer(data, dtype=SUMS_TABLE, count=count, offset=SUMS_HEADER.size).copy()
            if damage == "types":
                table["gaps"] = b"zz"
            else:
                table["offset"] = len(data)
            path.write_bytes(data[: SUMS_HEADER.size] + table.tobytes() + data[SUMS_HEADER.size + table.nbytes :])
        else:
            path.write_bytes(data[:-3] if damage == "truncated" else b"x" * len(data) if damage == "garbage" else damage)
    assert_derived_prefixes_match_indexed(prefix_index)


def test_stored_text_reads_back_through_segments_with_different_dictionaries(tmp_path):
    from whoosh.fields import ID, STORED, Schema

    from newssearch.index.codec import ArrayCodec, write_text_dictionary

    ix = whoosh_index.create_in(str(tmp_path), Schema(id=ID(stored=True, unique=True), body=STORED()))
    texts = {f"a{n}": f"Министрите на външните работи се срещнаха {n} пъти в Женева." for n in range(50)}
    texts["b"] = "Съвсем друг текст, с думи, които речникът не познава: ъъъ ььь 𝔘𝔫𝔦𝔠𝔬𝔡𝔢."
    codecs = [
        write_text_dictionary(tmp_path, list(texts.values())[:10]),
        write_text_dictionary(tmp_path, ["друг речник изцяло", "друг речник"]),
        ArrayCodec(),
    ]
    for number, codec in enumerate(codecs):
        with ix.writer(codec=codec, merge=False) as writer:
            for key, text in texts.items():
                writer.add_document(id=f"{number}-{key}", body=text)
    with whoosh_index.open_dir(str(tmp_path)).searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 3
        for number in range(len(codecs)):
            for key, text in texts.items():
                assert searcher.document(id=f"{number}-{key}")["body"] == text


def test_the_codec_each_segment_records_stays_small_whatever_its_dictionary(tmp_path):
    # Whoosh's parallel writer pipes each worker's segment (codec included) back and
    # joins the worker before reading it: results over the pipe's buffer deadlock.
    import pickle

    from whoosh.filedb.filestore import FileStorage

    from newssearch.index.codec import DICTIONARY_BYTES, write_text_dictionary

    words = [f"дума{number}" for number in range(DICTIONARY_BYTES // 4)]
    codec = write_text_dictionary(tmp_path, [" ".join(words * 2)])
    assert len(codec.text_dictionary(FileStorage(str(tmp_path)))) > DICTIONARY_BYTES // 2
    assert len(pickle.dumps(codec)) < 1000
