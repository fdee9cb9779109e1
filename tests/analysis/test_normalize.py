from hypothesis import given
from hypothesis import strategies as st

from newssearch.analysis.normalize import normalize


def test_normalize_case_folds_cyrillic_and_latin():
    assert normalize("ЛАВРОВ") == "лавров"
    assert normalize("CNN") == "cnn"


def test_normalize_folds_i_grave_to_i():
    assert normalize("ѝ") == "и"
    assert normalize("Ѝ") == "и"
    assert normalize("и\u0300") == "и"  # decomposed ѝ


def test_normalize_folds_fullwidth_latin_and_digits_to_ascii():
    assert normalize("ＣＮＮ") == "cnn"
    assert normalize("２０２５") == "2025"
    assert normalize("м²") == "м²"  # a superscript is not a fullwidth form: NFKC is not applied


def test_normalize_keeps_short_i():
    assert normalize("и\u0306") == "й"  # decomposed й is composed, not stripped


def test_normalize_drops_stress_accents_and_invisible_characters():
    assert normalize("пре\u00adзидент") == "президент"
    assert normalize("сре\u0301ща") == "среща"
    assert normalize("Рубио\u200b") == "рубио"


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


def test_latin_lookalikes_inside_cyrillic_words_become_cyrillic():
    assert normalize("Бaйдън") == "байдън"  # Latin a
    assert normalize("ĸaтo") == "като"  # kra and Latin a, o
    assert normalize("CтудEна") == "студена"


def test_latin_words_and_genuinely_mixed_words_are_left_alone():
    assert normalize("CNN") == "cnn"
    assert normalize("iPhoneфон") == "iphoneфон"  # i, n have no Cyrillic twin
