"""Operators with nothing to join are dropped, not searched as the English words; -word excludes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newssearch.search import search
from newssearch.search.operators import OPERATORS, minus_as_not, without_dangling_operators
from tests.conftest import index_of


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("Путин AND", "Путин"),
        ("OR Путин", "Путин"),
        ("Путин NOT", "Путин"),
        ("Путин ANDNOT", "Путин"),
        ("Путин AND OR Тръмп", "Путин   OR Тръмп"),  # the first of two operators in a row
        ("Путин AND (Тръмп OR)", "Путин AND (Тръмп  )"),
        ("(AND Путин)", "(  Путин)"),
        ("NOT NOT Путин", "NOT Путин"),
        ("AND", ""),
    ],
)
def test_an_operator_with_nothing_to_join_is_dropped(typed, searched):
    assert without_dangling_operators(typed) == searched


@pytest.mark.parametrize(
    "query", ["Путин AND Тръмп", "Путин NOT Тръмп", "NOT Тръмп Путин", '"Путин AND"', "Путин and", "title:(Путин OR Тръмп)"]
)
def test_operators_that_join_words_and_words_in_quotes_stay(query):
    assert without_dangling_operators(query) == query


_PIECES = st.sampled_from([*sorted(OPERATORS), "Путин", "среща", "(", ")", '"', " ", "  ", "title:", "date:2025"])


@given(st.lists(_PIECES, max_size=12).map(" ".join))
def test_dropping_only_removes_operators_and_settles(query):
    result = without_dangling_operators(query)
    removed = query.split()
    for word in result.split():
        removed.remove(word)  # every word kept was in the query
    assert all(word in OPERATORS for word in removed)
    assert without_dangling_operators(result) == result


def test_a_trailing_operator_does_not_rank_english_prose_first(tmp_path):
    index = index_of(
        tmp_path,
        {
            "putin.txt": "Путин говори в Москва за войната.",
            "english.txt": "Вестникът цитира: and not and not and not, and so on and on and on.",
        },
    )
    for query in ("Путин AND", "Путин NOT", "OR Путин"):
        result = search(index, query)
        assert [hit.id for hit in result.hits] == ["putin.txt"], query
        assert result.hits[0].missing == ()


def test_a_query_that_only_excludes_says_so(tmp_path):
    index = index_of(tmp_path, {"putin.txt": "Путин говори в Москва.", "tramp.txt": "Тръмп говори във Вашингтон."})
    result = search(index, "NOT Путин")
    assert result.total == 0
    assert result.notes == (
        "NOT and -word only leave out articles: add words to look for, as in Тръмп NOT Путин or Тръмп -Путин",
    )
    assert search(index, "-Путин").notes == result.notes


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("Путин -Тръмп", "Путин NOT Тръмп"),
        ("Путин -title:Тръмп", "Путин NOT title:Тръмп"),
        ("(-Тръмп OR Путин)", "(NOT Тръмп OR Путин)"),
        # a dash between spaces is punctuation, a number keeps its sign, a phrase its words, a compound its hyphen
        ("Путин - Тръмп", "Путин - Тръмп"),
        ("-5 градуса", "-5 градуса"),
        ('"Путин -Тръмп"', '"Путин -Тръмп"'),
        ("руско-украинската", "руско-украинската"),
    ],
)
def test_a_minus_before_a_word_excludes_it(typed, searched):
    assert minus_as_not(typed) == searched


def test_minus_leaves_out_the_articles_with_the_word(tmp_path):
    index = index_of(
        tmp_path,
        {"both.txt": "Путин и Тръмп говориха за Украйна.", "putin.txt": "Путин говори в Москва за Украйна."},
    )
    assert [hit.id for hit in search(index, "Путин -Тръмп").hits] == ["putin.txt"]
    assert [hit.id for hit in search(index, "Putin -Tramp").hits] == ["putin.txt"]
