"""Latin-typed queries: reading Latin spellings back into the index's Cyrillic words."""

from __future__ import annotations

import pytest

from newssearch.analysis.lemmatize import index_term
from newssearch.search import search
from newssearch.search.transliterate import (
    MAX_STEPS,
    Vocabulary,
    cyrillic_candidates,
    rewrite_latin_words,
)


def vocabulary_of(words: dict[str, int]) -> Vocabulary:
    return Vocabulary(
        has_prefix=lambda prefix: any(word.startswith(prefix) for word in words),
        frequency=lambda word: words.get(word, 0),
    )


WORDS = vocabulary_of({"лавров": 5, "тръмп": 9, "будапеща": 2, "щеше": 3, "четеш": 1, "българия": 7, "нато": 4, "ъгъл": 1})


@pytest.mark.parametrize(
    "latin, cyrillic",
    [
        ("Lavrov", "лавров"),
        ("Tramp", "тръмп"),  # official: ъ written a
        ("Trump", "тръмп"),  # English spelling: u read as ъ
        ("Budapeshta", "будапеща"),  # sht -> щ
        ("6te6e", "щеше"),  # informal: 6 for ш, 6t for щ
        ("4ete6", "четеш"),  # informal: 4 for ч
        ("balgariq", "българия"),  # q for я
        ("Bulgaria", "българия"),  # final -ia
        ("NATO", "нато"),
    ],
)
def test_latin_spelling_is_read_back_into_the_vocabulary(latin, cyrillic):
    assert cyrillic_candidates(latin, WORDS) == [cyrillic]


def test_a_word_with_no_reading_in_the_vocabulary_has_no_candidates():
    assert cyrillic_candidates("Reuters", WORDS) == []


def test_a_form_no_article_uses_is_spelled_out_along_the_vocabulary():
    # No word of the index is лаврова, but лавров is: the rest is read as transliterated.
    assert cyrillic_candidates("Lavrova", WORDS) == ["лаврова"]


def test_no_reading_ends_in_a_hard_or_soft_sign():
    # вирусъ starts the index's вирусът, but no Bulgarian word ends in ъ or ь: virusa is вируса.
    assert cyrillic_candidates("virusa", vocabulary_of({"вирусът": 3})) == ["вируса"]
    assert cyrillic_candidates("Tramp", WORDS) == ["тръмп"]  # ъ inside a word is read as before


def test_a_guess_is_spelled_so_that_analysis_finds_a_lemma_of_the_index():
    # The index has геноцида and the lemma геноцид, but no геноцидът: the official
    # spelling of the rest (геноцида + т) would be a word of no lemma.
    words = {"геноцида": 2, "геноцид": 3}
    known = Vocabulary(
        has_prefix=lambda prefix: any(word.startswith(prefix) for word in words),
        frequency=lambda word: words.get(word, 0),
        lemma_known=lambda word: index_term(word) == "геноцид",
    )
    assert cyrillic_candidates("Genotsidat", known) == ["геноцидът"]
    assert cyrillic_candidates("Genotsidat", vocabulary_of(words)) == ["геноцидат"]  # no lemma to go by


def test_a_guess_ends_its_reading_between_the_typed_letters_and_reads_most_of_the_index():
    # жали is a word of the index, so zhal-y reads on into it; but ya is one letter, я: zhalyat is жалят.
    assert cyrillic_candidates("zhalyat", vocabulary_of({"жали": 1})) == ["жалят"]
    # razh reads along the index as раз-х (разход) and as ръж (ръжда); the reading with more of its letters wins.
    assert cyrillic_candidates("razhlabvane", vocabulary_of({"разход": 4, "ръжда": 2})) == ["разхлабване"]


def test_no_guess_rests_on_a_short_reading_or_beside_a_latin_word_of_the_index():
    assert cyrillic_candidates("Nat", WORDS) == []  # only нат of нато is read from the vocabulary
    assert cyrillic_candidates("tramps", WORDS) == ["тръмпс"]
    latin_too = vocabulary_of({"тръмп": 9, "tramps": 1})
    assert cyrillic_candidates("tramps", latin_too) == []


def test_an_inflected_latin_query_finds_the_article_with_other_forms(seed_index):
    # The seed has срещата, среща and срещи, never срещите.
    result = search(seed_index, "sreshtite")
    assert result.total == 1 and result.interpreted_query == "срещите"


def test_candidates_are_ranked_by_frequency_and_capped():
    words = vocabulary_of({"сам": 10, "съм": 50, "сам": 10})
    assert cyrillic_candidates("sam", words) == ["съм", "сам"]


def test_a_40_letter_word_is_bounded_even_when_every_prefix_exists():
    calls = 0

    def always(prefix: str) -> bool:
        nonlocal calls
        calls += 1
        return True

    assert cyrillic_candidates("y" * 40, Vocabulary(always, lambda word: 0)) == []
    assert calls <= MAX_STEPS


def test_rewrite_ors_readings_and_leaves_operators_phrases_and_fields_alone():
    rewritten = rewrite_latin_words("Lavrov AND \"Tramp\" title:Tramp Tramp* 'Tramp' CNN", WORDS)
    assert rewritten.query == "(Lavrov OR лавров) AND \"Tramp\" title:Tramp Tramp* 'Tramp' CNN"
    assert rewritten.shown == "Лавров AND \"Tramp\" title:Tramp Tramp* 'Tramp' CNN"


def test_a_hyphenated_word_is_read_whole_with_its_numbers_as_typed():
    rewritten = rewrite_latin_words("Tramp-Lavrov NATO-2030 G7-NATO Tramp-Reuters", WORDS)
    # A part with no reading (Reuters) leaves the word as typed: no half-read compound.
    assert rewritten.query == "(Tramp-Lavrov OR тръмп-лавров) (NATO-2030 OR нато-2030) (G7-NATO OR G7-нато) Tramp-Reuters"
    assert rewritten.shown == "Тръмп-Лавров НАТО-2030 G7-НАТО Tramp-Reuters"


def test_a_latin_hyphenated_word_finds_what_its_cyrillic_spelling_finds(tmp_path):
    from tests.search.test_search import index_of

    index_dir = index_of(
        tmp_path,
        {
            "covid.txt": "Ваксините срещу Ковид-19 пристигнаха в София.",
            "number.txt": "На 19 май пристигнаха ваксини срещу грип.",
            "ukraine.txt": "Руско-украинската война продължава.",
            "apart.txt": "Руско посолство коментира украинската позиция.",
        },
    )
    for latin, cyrillic in (("COVID-19", "Ковид-19"), ("rusko-ukrainskata", "руско-украинската")):
        assert [hit.id for hit in search(index_dir, latin).hits] == [hit.id for hit in search(index_dir, cyrillic).hits]
    assert [hit.id for hit in search(index_dir, "COVID-19").hits] == ["covid.txt"]  # not every article with 19


def test_rewrite_of_a_cyrillic_query_changes_nothing():
    assert rewrite_latin_words("срещата Лавров", WORDS).shown is None
    assert rewrite_latin_words("срещата Лавров", WORDS).query == "срещата Лавров"


@pytest.mark.parametrize("query", ["Рубио Лавров", "срещата", "война NOT мир", '"телефонен разговор"', "CNN"])
def test_cyrillic_and_latin_name_queries_rank_exactly_as_without_transliteration(seed_index, query):
    with_translit = search(seed_index, query)
    without = search(seed_index, query, translit=False)
    assert with_translit.hits == without.hits and with_translit.total == without.total


def test_official_transliteration_finds_the_article_and_highlights_cyrillic_words(seed_index):
    result = search(seed_index, "Rubio Lavrov")
    assert result.interpreted_query == "Рубио Лавров"
    hit = result.hits[0]
    assert hit.id == "000_342c5d5e8864362c.txt"
    marked = {s.text[a.start : a.end] for s in hit.snippets for a in s.spans}
    assert marked == {"Рубио", "Лавров"}


def test_latin_names_keep_matching_as_they_are(seed_index):
    result = search(seed_index, "Joint Base Elmendorf")
    assert result.hits[0].id == "000_342c5d5e8864362c.txt"


INFORMAL = {
    "praznik.txt": "Честит празник на всички учители! Училищата отбелязаха деня с концерти.",
    "zima.txt": "Първият сняг покри Шуменско. Пътищата са проходими при зимни условия.",
    "pazar.txt": "Цените на жилищата в София растат, показва ново проучване на пазара.",
}


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("4estit praznik", "praznik.txt"),
        ("Chestit praznik uchiteli", "praznik.txt"),
        ("sniag Shumensko", "zima.txt"),
        ("6umensko pati6tata", "zima.txt"),
        ("zhili6tata Sofiq", "pazar.txt"),
        ("zhilishtata v Sofia", "pazar.txt"),
    ],
)
def test_informal_latin_typing_finds_the_article(tmp_path, typed, expected):
    from tests.search.test_search import index_of

    index_dir = index_of(tmp_path, INFORMAL)
    assert search(index_dir, typed).hits[0].id == expected


def test_no_translit_searches_the_latin_words_only(seed_index):
    assert search(seed_index, "Rubio Lavrov", translit=False).total == 0


def test_proximity_of_latin_words_is_looked_for_between_their_cyrillic_readings(seed_index):
    from newssearch.search import IndexSearcher
    from newssearch.search.parse import parse_query, word_plan

    with IndexSearcher(seed_index) as searcher:
        rewritten = rewrite_latin_words("Rubio Lavrov", searcher.vocabulary())
        plan = word_plan(parse_query(rewritten.query, searcher._searcher.schema))
    assert plan is not None and plan.proximity
    assert {(pair.first, pair.second) for pair in plan.proximity} >= {("рубио", "лавров")}
