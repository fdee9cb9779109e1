"""The light stemmer for words the dictionary does not know: mostly names."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newssearch.analysis.bulgarian_stemmer import MIN_STEM, stem_bulgarian


@pytest.mark.parametrize(
    "forms",
    [
        ["путин", "путина"],
        ["тръмп", "тръмпа", "тръмпи"],
        ["лавров", "лаврова"],
        ["брекзит", "брекзитът", "брекзита"],
        ["зеленски", "зеленския", "зеленският"],
        ["блогър", "блогъри", "блогърите", "блогъра", "блогърът"],
        ["мистерия", "мистерията", "мистерии", "мистериите"],
        ["наводнение", "наводнението", "наводнения", "наводненията"],
        ["тероризъм", "тероризма", "тероризмът", "тероризми"],
        ["посещаемост", "посещаемостта", "посещаемости"],
        ["пророчество", "пророчеството", "пророчества", "пророчествата"],
        ["художник", "художника", "художникът", "художници", "художниците"],
        ["украинец", "украинеца", "украинецът", "украинци", "украинците"],
        ["министър", "министъра", "министърът", "министри", "министрите"],
        ["подарък", "подаръка", "подаръкът", "подаръци", "подаръците"],
        ["училище", "училището", "училища", "училищата"],
        ["анексира", "анексираха", "анексирал", "анексирани", "анексирайки", "анексирането"],
        ["командир", "командира", "командири"],  # a noun in -ир is no verb form
        ["съобщава", "съобщават", "съобщаваха", "съобщаваме", "съобщаване"],
        ["карнавал", "карнавала", "карнавали"],  # nor one in -авал
        ["сергей", "сергея"],
        ["дмитрий", "дмитрия"],
        ["дубай", "дубая"],
        # an adjective's or participle's neuter, and the adverb spelt like it
        ["нетна", "нетно", "нетни", "нетното"],
        ["неразкрит", "неразкрита", "неразкрито", "неразкрити"],
        ["азовска", "азовско", "азовски"],
    ],
)
def test_inflected_forms_share_a_stem(forms):
    assert len({stem_bulgarian(form) for form in forms}) == 1, {f: stem_bulgarian(f) for f in forms}


@pytest.mark.parametrize("name", ["рубио", "марко", "сашко", "токио", "карлово", "симеоново"])
def test_a_name_in_o_keeps_it(name):
    # Bulgarian places in -ово/-ево would otherwise meet family names (Карлово, Карлов).
    assert stem_bulgarian(name) == name


def test_bare_article_after_consonant_is_not_removed():
    assert stem_bulgarian("брекзит") == "брекзит"


def test_short_words_are_left_alone():
    assert stem_bulgarian("ина") == "ина"
    assert stem_bulgarian("рубио") == "рубио"


def test_verb_forms_in_ie_are_not_cut_as_nouns():
    assert stem_bulgarian("затрие") == "затрие"
    assert stem_bulgarian("възприе") == "възприе"


# Letters, then one of the endings the stemmer's rules look at (or none).
WORDS = st.builds(
    str.__add__,
    st.text(alphabet="абвгдежзийклмнопрстуфхцчшщъьюя", max_size=8),
    st.sampled_from(
        ["", "а", "и", "ът", "ите", "ия", "ие", "ието", "остта", "ство", "ище", "ник", "ници", "ец", "ър", "ъм",
         "ък", "ий", "ей", "ира", "ираха", "авам", "яват", "лози"]
    ),
)


@given(WORDS)
def test_a_stem_keeps_the_start_of_its_word(word):
    # Endings and the sounds before them change; the start, which the prefix fields
    # and the dictionary checks rely on, never does, and a stem never grows.
    stem = stem_bulgarian(word)
    assert len(stem) <= len(word)
    assert stem[:MIN_STEM] == word[:MIN_STEM]
