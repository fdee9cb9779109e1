"""Did you mean, and the typo-tolerant search when nothing is found."""

from __future__ import annotations

import pytest

from newssearch.search import search
from newssearch.search.suggest import Lexicon, edit_distance, suggest

WORDS = {"лавров": 9, "лавра": 2, "правителство": 5, "правителството": 8, "рубио": 4, "между": 0}


def lexicon() -> Lexicon:
    def close(word: str, distance: int, prefix: int):
        return [w for w in WORDS if WORDS[w] and w[:prefix] == word[:prefix] and edit_distance(w, word) <= distance]

    return Lexicon(frequency=lambda word: WORDS.get(word, 0), close_words=close)


@pytest.mark.parametrize(
    "typed, suggested",
    [
        ("Лавроф", "Лавров"),
        ("правителсвто", "правителство"),  # a swap of neighbours is one edit, nearer than правителството
        ("Лавроф и Рубиу", "Лавров и Рубио"),
    ],
)
def test_unknown_words_are_corrected_to_the_nearest_frequent_word(typed, suggested):
    assert suggest(typed, lexicon()) == suggested


@pytest.mark.parametrize("typed", ["Лавров", "Лавр", "между", '"Лавроф"', "title:Лавроф", "Лавроф*", "AND"])
def test_known_short_stop_quoted_fielded_and_wildcard_words_are_left_alone(typed):
    assert suggest(typed, lexicon()) is None


def test_edit_distance():
    assert edit_distance("лавроф", "лавров") == 1
    assert edit_distance("ab", "ba") == 1
    assert edit_distance("", "abc") == 3


def test_a_misspelled_query_that_finds_nothing_shows_the_corrected_results(seed_index):
    result = search(seed_index, "Лаврв")
    assert result.corrected and result.suggestion == "Лавров"
    assert result.hits[0].id == "000_342c5d5e8864362c.txt" and result.query == "Лаврв"


def test_a_misspelling_that_still_finds_something_gets_a_suggestion_only(seed_index):
    result = search(seed_index, "Лавроф Путин")
    assert result.suggestion == "Лавров Путин" and not result.corrected
