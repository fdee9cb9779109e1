import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newssearch.analysis.commonness import zipf
from newssearch.analysis.lemmatize import index_term
from newssearch.index.term_map import TERM_MAP, SortedLines, TermMap, write_term_map

WORDS = st.text(alphabet="абвгдежзийклмнопрстуфхцчшщъьюяabc1.-", min_size=1, max_size=12)


@settings(max_examples=100, deadline=None)
@given(st.sets(WORDS, max_size=60), st.lists(WORDS, max_size=10))
def test_every_written_word_is_found_and_no_other(tmp_path_factory, words, probes):
    directory = tmp_path_factory.mktemp("terms")
    write_term_map(directory, sorted(word.encode() for word in words))
    terms = TermMap(directory / TERM_MAP)
    for word in words:
        assert terms.get(word) == index_term(word)
    for probe in probes:
        assert (terms.get(probe) is None) == (probe not in words)


@settings(max_examples=50, deadline=None)
@given(st.sets(WORDS, min_size=1, max_size=60), st.integers(0, 5))
def test_words_of_lists_exactly_the_words_with_those_terms(tmp_path_factory, words, how_many):
    directory = tmp_path_factory.mktemp("terms")
    write_term_map(directory, sorted(word.encode() for word in words))
    wanted = {index_term(word) for word in sorted(words)[:how_many]}
    expected = {word: index_term(word) for word in words if index_term(word) in wanted}
    assert TermMap(directory / TERM_MAP).words_of(wanted) == expected


def test_inflected_forms_share_their_term_in_the_map(tmp_path):
    forms = ["среща", "срещата", "срещи", "срещите", "министър"]
    write_term_map(tmp_path, sorted(word.encode() for word in forms))
    assert set(TermMap(tmp_path / TERM_MAP).words_of({index_term("среща")})) == {"среща", "срещата", "срещи", "срещите"}


def test_a_missing_map_answers_nothing(tmp_path):
    assert TermMap(tmp_path / TERM_MAP).get("дума") is None
    assert TermMap(tmp_path / TERM_MAP).words_of({"дума"}) is None


def test_each_word_carries_how_common_it_and_its_term_are(tmp_path):
    write_term_map(tmp_path, sorted(word.encode() for word in ["среща", "срещите", "реципрочно"]))
    terms = TermMap(tmp_path / TERM_MAP)
    form, lemma, rare = terms.entry("срещите"), terms.entry("среща"), terms.entry("реципрочно")
    assert form.term == lemma.term == "среща"
    assert form.term_zipf == lemma.word_zipf == zipf("среща") > form.word_zipf == zipf("срещите") > 0
    assert rare.word_zipf == 0


@settings(max_examples=50, deadline=None)
@given(st.sets(WORDS, min_size=1, max_size=30), st.lists(WORDS, max_size=10))
def test_a_file_cut_short_is_searched_to_its_end_and_no_further(tmp_path_factory, words, probes):
    # The last line lost its line break (a copy interrupted): look-ups still end, and find what is whole.
    directory = tmp_path_factory.mktemp("terms")
    lines = b"".join(sorted(f"{word}\tx\n".encode() for word in words))
    (directory / "cut.tsv").write_bytes(lines[:-1])
    cut = SortedLines(directory / "cut.tsv")
    for word in [*words, *probes]:
        assert cut.find(word) == ([b"x"] if word in words else None)


def test_a_line_that_does_not_parse_is_reported_as_damage(tmp_path):
    (tmp_path / TERM_MAP).write_bytes("среща\tсреща\tнечисло\t1\n".encode())
    with pytest.raises(OSError, match="damaged line"):
        TermMap(tmp_path / TERM_MAP).get("среща")
