import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from newssearch.corpus.articles import HEADLINE_MAX_CHARS, first_sentence, parse_date, split_date_header


def test_date_header_with_text_on_the_same_line():
    assert split_date_header(" date 2025-10-21 Срещата е отложена.") == (dt.date(2025, 10, 21), "Срещата е отложена.", None)


def test_date_header_on_its_own_line():
    assert split_date_header("date 2024-01-02\n\nТекст") == (dt.date(2024, 1, 2), "Текст", None)


def test_missing_date_header_keeps_all_text():
    assert split_date_header("  Текст без дата") == (None, "Текст без дата", None)


def test_impossible_date_is_no_date_and_is_told_apart_from_a_missing_one():
    assert split_date_header(" date 2025-13-45 Текст") == (None, "Текст", "2025-13-45")


def test_first_sentence_ends_at_a_full_stop_before_a_capital():
    assert first_sentence("Лавров пристигна. После си тръгна.") == "Лавров пристигна."


def test_first_sentence_skips_abbreviations_and_initials():
    assert first_sentence("На 15 август 2025 г. във базата. Друго.") == "На 15 август 2025 г. във базата."
    assert first_sentence("Проф. Иванов и Д. Тръмп говориха. Друго.") == "Проф. Иванов и Д. Тръмп говориха."


def test_first_sentence_keeps_closing_quotes():
    assert first_sentence("Той каза „да“. След това си тръгна.") == "Той каза „да“."


def test_long_first_sentence_is_cut_at_a_word_boundary():
    sentence = " ".join(["дума"] * 60) + "."
    headline = first_sentence(sentence)
    assert len(headline) <= HEADLINE_MAX_CHARS + 1
    assert headline.endswith("дума…")


def test_parse_date_accepts_dates_and_timestamps_only():
    assert parse_date("2025-10-21T10:00:00Z") == dt.date(2025, 10, 21)
    assert parse_date("вчера") is None
    assert parse_date(20251021) is None


@given(st.text())
def test_first_sentence_never_raises_and_is_bounded(text):
    assert len(first_sentence(text)) <= HEADLINE_MAX_CHARS + 1
