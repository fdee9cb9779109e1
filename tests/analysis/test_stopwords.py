import pytest

from newssearch.analysis.stopwords import bulgarian_stopwords


@pytest.mark.parametrize("word", ["и", "на", "се", "че", "да", "този", "който", "ще", "е", "са"])
def test_function_words_are_stop_words(word):
    assert word in bulgarian_stopwords()


@pytest.mark.parametrize("word", ["година", "време", "нов", "ден", "има", "няма", "може", "много", "май", "среща", "мир"])
def test_content_words_are_never_stop_words(word):
    assert word not in bulgarian_stopwords()


def test_stop_words_are_in_normalised_form():
    for word in bulgarian_stopwords():
        assert word == word.casefold() and "ѝ" not in word
