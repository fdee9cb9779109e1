"""Did you mean, and the typo-tolerant search: misspelt words also search their correction."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newssearch.search import search
from newssearch.search.suggest import Lexicon, corrections, edit_distance, replace_words
from tests.conftest import index_of

WORDS = {"лавров": 9, "лавра": 2, "правителство": 5, "правителството": 8, "рубио": 4, "между": 0}


def suggest(text: str) -> str | None:
    fixes = corrections(text, lexicon())
    return replace_words(text, fixes) if fixes else None


def lexicon() -> Lexicon:
    def close(word: str, distance: int, prefix: int):
        return [w for w in WORDS if WORDS[w] and w[:prefix] == word[:prefix] and edit_distance(w, word) <= distance]

    return Lexicon(frequency=lambda word: WORDS.get(word, 0), close_words=close, holds=lambda word: bool(WORDS.get(word)))


@pytest.mark.parametrize(
    "typed, suggested",
    [
        ("Лавроф", "Лавров"),
        ("правителсвто", "правителство"),  # a swap of neighbours is one edit, nearer than правителството
        ("Лавроф и Рубиу", "Лавров и Рубио"),
    ],
)
def test_unknown_words_are_corrected_to_the_nearest_frequent_word(typed, suggested):
    assert suggest(typed) == suggested


@pytest.mark.parametrize("typed", ["Лавров", "Лавр", "между", '"Лавроф"', "'Лавроф'", "title:Лавроф", "Лавроф*", "AND"])
def test_known_short_stop_quoted_fielded_and_wildcard_words_are_left_alone(typed):
    assert suggest(typed) is None


@given(st.text(alphabet='аб "ab:*'))
def test_replacing_words_leaves_quoted_text_and_everything_else_unchanged(text):
    replaced = replace_words(text, {"аб": "XY", "a": "Z"})
    assert replaced.split('"')[1::2] == text.split('"')[1::2]
    assert replace_words(text, {}) == text


def test_edit_distance():
    assert edit_distance("лавроф", "лавров") == 1
    assert edit_distance("ab", "ba") == 1
    assert edit_distance("", "abc") == 3


def test_a_misspelled_query_that_finds_nothing_shows_the_corrected_results(seed_index):
    result = search(seed_index, "Лаврв")
    assert result.corrected and result.suggestion == "Лавров"
    assert result.hits[0].id == "000_342c5d5e8864362c.txt" and result.query == "Лаврв"


def test_a_misspelling_among_found_words_is_suggested_and_searched_with_its_correction(seed_index):
    result = search(seed_index, "Лавроф Путин")
    assert result.suggestion == "Лавров Путин" and not result.corrected
    assert result.interpreted_query == "Лавроф/Лавров Путин"


def test_the_correction_counts_toward_the_words_an_article_matches(built_index):
    # Without it, the article on aid alone (shorter, "помощ" twice) ranks above the one in Geneva.
    result = search(built_index, "хуманитарна помощ Женива")
    assert [hit.id for hit in result.hits][:2] == ["sviat/sreshta.txt", "sviat/pomosht.txt"]
    assert result.interpreted_query == "хуманитарна помощ Женива/Женева"
    top = result.hits[0]
    assert [top.title[span.start : span.end] for span in top.title_spans] == ["Женева"]  # the correction is highlighted


def test_a_form_whose_lemma_the_index_holds_is_no_typo(built_index):
    result = search(built_index, "бюджети")  # the articles say бюджета, бюджетът
    assert result.suggestion is None and result.interpreted_query is None
    assert result.hits[0].id == "politika/parlament.txt"


def test_a_word_the_dictionary_lists_is_no_typo_though_the_archive_lacks_it(tmp_path):
    index = index_of(tmp_path, {"ovce.txt": "Овцете паси на поляната до селото.", "hlyab.txt": "Хлябът поскъпна."})
    result = search(index, "пасти хляб")  # пасти, pastries, is not паси misspelt
    assert result.suggestion is None and result.interpreted_query is None
    assert [hit.id for hit in result.hits] == ["hlyab.txt"]
    assert search(index, "пасси хляб").suggestion == "паси хляб"  # a form no dictionary lists still is one


def test_a_dictionary_word_is_still_corrected_when_the_query_finds_nothing_as_typed(tmp_path):
    index = index_of(tmp_path, {"ovce.txt": "Овцете паси на поляната до селото.", "hlyab.txt": "Хлябът поскъпна."})
    result = search(index, "пасти")
    assert result.corrected and result.suggestion == "паси"
    assert [hit.id for hit in result.hits] == ["ovce.txt"]
