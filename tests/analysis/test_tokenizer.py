import re

from hypothesis import given
from hypothesis import strategies as st

from newssearch.analysis.tokenizer import WordTokenizer, iter_words


def words(text):
    return [m.group() for m in iter_words(text)]


def test_tokenizer_splits_on_typographic_quotes_and_dashes():
    assert words("„Рубио“ – Лавров—CNN") == ["Рубио", "Лавров", "CNN"]


def test_tokenizer_splits_hyphenated_compounds_into_parts():
    assert words("руско-украинската война") == ["руско", "украинската", "война"]
    assert words("Elmendorf-Richardson") == ["Elmendorf", "Richardson"]


def test_tokenizer_keeps_letters_and_digits_together():
    assert words("COVID19 и 15 август 2025 г.") == ["COVID19", "и", "15", "август", "2025", "г"]


def test_tokenizer_keeps_soft_hyphen_inside_a_word():
    assert words("пре\u00adзидентът") == ["пре\u00adзидентът"]


def test_whoosh_tokenizer_reports_offsets_into_the_original_text():
    text = "Срещата „Рубио–Лавров“"
    tokens = [(t.text, t.startchar, t.endchar) for t in WordTokenizer()(text, chars=True)]
    assert tokens == [("Срещата", 0, 7), ("Рубио", 9, 14), ("Лавров", 15, 21)]


INVISIBLE = "\u0301\u00ad\u200b\u2060\ufeff"


@given(st.text(alphabet="аБz7" + INVISIBLE + " -_"))
def test_a_word_runs_through_letters_and_invisible_characters_from_its_first_letter(text):
    runs = re.findall(f"[аБz7{INVISIBLE}]+", text)
    expected = [run.lstrip(INVISIBLE) for run in runs if run.lstrip(INVISIBLE)]
    assert words(text) == expected


@given(st.text())
def test_tokens_slice_back_to_their_text(text):
    for token in WordTokenizer()(text, chars=True):
        assert text[token.startchar : token.endchar] == token.text


def test_dot_joined_words_are_split():
    assert words("САЩ.Тръмп и petel.bg") == ["САЩ", "Тръмп", "и", "petel", "bg"]


def test_numbers_with_dots_and_commas_stay_whole():
    assert words("1.5 млн. на 15.08.2025 и 2,3") == ["1.5", "млн", "на", "15.08.2025", "и", "2,3"]


def test_abbreviations_stay_whole_but_a_missing_space_splits():
    assert words("т.е. т.нар. експерти") == ["т.е", "т.нар", "експерти"]
    assert words("2025 г.във базата") == ["2025", "г", "във", "базата"]
