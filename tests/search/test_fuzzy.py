"""Fuzzy words (word~, word~2): the index's words within a typo or two searched beside the word."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newssearch.cli import app
from newssearch.errors import QueryError
from newssearch.search import search
from newssearch.search.expand import MAX_EXPANSION
from newssearch.search.fuzzy import VARIANT_BOOST, expand_fuzzy_words
from newssearch.search.suggest import Lexicon, edit_distance
from newssearch.search.transliterate import Rewritten
from tests.conftest import index_of


def lexicon_of(words: dict[str, int]) -> Lexicon:
    def close_words(word: str, distance: int, prefix: int) -> list[str]:
        return [other for other in words if other[:prefix] == word[:prefix] and edit_distance(word, other) <= distance]

    return Lexicon(frequency=lambda word: words.get(word, 0), close_words=close_words, holds=lambda word: word in words)


WORDS = lexicon_of({"нетаняху": 4, "нетанияху": 9, "нетаняхуу": 20, "нетаниаху": 2, "путин": 50})


def expanded(text: str, lexicon: Lexicon = WORDS, term_of=lambda word: word) -> tuple[str, str | None, tuple[str, ...]]:
    rewritten, notes = expand_fuzzy_words(Rewritten(text, None), lexicon, term_of)
    return rewritten.query, rewritten.shown, notes


def test_a_fuzzy_word_is_searched_with_the_index_words_within_a_typo():
    query, shown, notes = expanded("Нетаняху~ Путин")
    # Closest first, then the most frequent; the word itself is the typed word, not a variant.
    assert query == f"(Нетаняху OR Нетаняхуу^{VARIANT_BOOST} OR Нетанияху^{VARIANT_BOOST}) Путин"
    assert shown == "Нетаняху/Нетаняхуу/Нетанияху Путин" and notes == ()


def test_the_number_of_typos_is_as_typed_or_as_for_a_misspelt_word_of_that_length():
    assert expanded("нетаняху~2")[1] == "нетаняху/нетаняхуу/нетанияху/нетаниаху"
    assert expanded("нетаняху~1")[1] == expanded("нетаняху~")[1] == "нетаняху/нетаняхуу/нетанияху"
    assert expanded("путин~")[1] == "путин"  # nothing close: the word alone
    assert expanded("п~")[1] == "п"
    with pytest.raises(QueryError, match="1 or 2 typos"):
        expanded("нетаняху~3")


def test_a_variant_of_the_words_own_term_or_of_one_already_taken_is_left_out():
    # The word finds every form of its term already; of two spellings of one term, the first stands.
    terms = {"нетаняхуу": "нетаняху", "нетаниаху": "нетанияху"}
    assert expanded("нетаняху~2", term_of=lambda word: terms.get(word, word))[1] == "нетаняху/нетанияху"


def test_phrases_and_quoted_words_keep_their_tilde():
    for text in ('"Нетаняху Путин"~3', '"Нетаняху~"', "'Нетаняху'~", "~", "нетаняху~0.8"):
        assert expanded(text) == (text, None, ())


def test_a_fuzzy_word_in_a_field_has_its_variants_searched_in_that_field():
    query, shown, _ = expanded("title:Нетаняху~ -body:путин~")
    assert query == f"(title:Нетаняху OR title:Нетаняхуу^{VARIANT_BOOST} OR title:Нетанияху^{VARIANT_BOOST}) -body:путин"
    assert shown == "title:Нетаняху/Нетаняхуу/Нетанияху -body:путин"


def test_a_word_with_more_variants_than_are_searched_says_so():
    letters = "абвгдежзийклмнопрстуфхцчшщъьюя"
    many = lexicon_of({f"ла{letter}": 1 for letter in letters} | {f"лаз{letter}": 1 for letter in letters} | {"лак": 9})
    query, _, notes = expanded("лаз~", many)
    assert query.count(" OR ") == MAX_EXPANSION and f"лак^{VARIANT_BOOST}" in query
    assert notes == (f"лаз~ matches 59 words; searched the {MAX_EXPANSION} most frequent",)


@given(st.text(alphabet="аб ~12\"':.*", max_size=30))
def test_any_text_is_expanded_or_refused_with_a_query_error(text):
    try:
        query, _, _ = expanded(text)
    except QueryError:
        return
    if "~" not in text:
        assert query == text


def test_fuzzy_finds_other_spellings_of_a_name_and_ranks_the_typed_one_first(tmp_path):
    index_dir = index_of(
        tmp_path,
        {
            "a_variant.txt": "Шолтц пристигна във Варшава.",  # first in the index, but a variant
            "b_typed.txt": "Шолц пристигна в Брюксел.",
            "other.txt": "Орбан пристигна в Брюксел.",
        },
    )
    assert [hit.id for hit in search(index_dir, "Шолц").hits] == ["b_typed.txt"]
    result = search(index_dir, "Шолц~")
    assert [hit.id for hit in result.hits] == ["b_typed.txt", "a_variant.txt"]
    assert result.interpreted_query == "Шолц/Шолтц"
    highlighted = [s.text[a.start : a.end] for s in result.hits[1].snippets for a in s.spans]
    assert highlighted == ["Шолтц"]


def test_a_fuzzy_word_in_the_title_finds_a_headline_with_another_spelling(tmp_path):
    index_dir = index_of(
        tmp_path,
        {
            "headline.txt": "Шолтц пристигна във Варшава. Канцлерът говори.",
            "body_only.txt": "Канцлерът пристигна. Шолц говори в Брюксел.",
        },
    )
    result = search(index_dir, "title:Шолц~")
    assert [hit.id for hit in result.hits] == ["headline.txt"]
    assert result.interpreted_query == "title:Шолц/Шолтц"


def test_a_latin_fuzzy_word_is_read_into_cyrillic_first(tmp_path):
    index_dir = index_of(tmp_path, {"typed.txt": "Нетаняху е тук.", "variant.txt": "Нетанияху е там."})
    result = search(index_dir, "Netanyahu~")
    assert result.interpreted_query == "Нетаняху/Нетанияху"
    assert sorted(hit.id for hit in result.hits) == ["typed.txt", "variant.txt"]


def test_cli_refuses_too_many_typos_with_exit_2(runner, seed_index):
    result = runner.invoke(app, ["query", "Лавров~5", "--index", str(seed_index)])
    assert result.exit_code == 2
    assert result.stderr == "newssearch: Лавров~5: a fuzzy word allows 1 or 2 typos (Лавров~ or Лавров~2)\n"


def test_cli_json_shows_the_variants_searched(runner, seed_index):
    result = runner.invoke(app, ["query", "Лавроф~", "--json", "--index", str(seed_index)])
    document = json.loads(result.stdout)
    assert result.exit_code == 0 and document["interpreted_query"] == "Лавроф/Лавров"
    assert document["suggestion"] is None and document["total"] == 1
