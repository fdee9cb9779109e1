"""Compounds of a productive first element and a word: the second word is the head."""

from hypothesis import given
from hypothesis import strategies as st

from newssearch.analysis.compounds import FIRST_ELEMENTS, MIN_HEAD, compound_head


def test_the_head_is_the_word_after_the_first_element():
    assert compound_head("свръхмиграция") == "миграция"
    assert compound_head("евроизборите") == "изборите"
    assert compound_head("геополитика") == "политика"


def test_words_that_only_begin_like_a_compound_have_no_head():
    assert compound_head("микрофон") is None  # a rest of three letters is no word to search
    assert compound_head("президент") is None
    assert compound_head("транспорт") is None  # транс- is left out: транспорт is not спорт
    assert compound_head("телевизия") is None


@given(st.sampled_from(FIRST_ELEMENTS), st.text(alphabet="абвгдежзийклмнопрстуфхцчшщъьюя", max_size=12))
def test_the_head_is_the_rest_when_it_is_long_enough(element, rest):
    assert compound_head(element + rest) == (rest if len(rest) >= MIN_HEAD else None)
