"""Ranking and highlighting through the library, on the fixture corpus."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newssearch.errors import QueryError
from newssearch.search import search
from newssearch.index import build_index
from tests.conftest import index_of, jsonl


def highlighted(hit):
    return [s.text[span.start : span.end] for s in hit.snippets for span in s.spans]


@pytest.mark.parametrize("query", ["Рубио Лавров", "срещата Лавров", "среща", "разговор", "война"])
def test_seed_article_is_first(seed_index, query):
    assert search(seed_index, query).hits[0].id == "000_342c5d5e8864362c.txt"


def test_inflected_query_finds_other_forms(built_index):
    result = search(built_index, "срещите министрите")
    assert result.hits[0].id == "sviat/sreshta.txt"


def test_article_with_all_words_ranks_above_one_missing_a_word(built_index):
    # sreshta.txt has помощ and примирие; pomosht.txt has помощ twice but no примирие.
    ids = [hit.id for hit in search(built_index, "помощ примирие").hits]
    assert ids.index("sviat/sreshta.txt") < ids.index("sviat/pomosht.txt")


def test_missing_word_does_not_empty_the_result(built_index):
    result = search(built_index, "бюджета несъществуващадума")
    assert result.hits[0].id == "politika/parlament.txt"


def test_a_hit_names_the_query_words_it_lacks_as_typed(seed_index):
    assert search(seed_index, "Рубио Лавров").hits[0].missing == ()
    assert search(seed_index, "Рубио лаврова Меркел").hits[0].missing == ("Меркел",)  # another form is no lack
    assert search(seed_index, "(Лавров OR Шолц) Меркел").hits[0].missing == ("Меркел",)
    assert search(seed_index, '"телефонния разговор" Меркел').hits[0].missing == ("Меркел",)
    assert search(seed_index, 'Лавров "Ангела Меркел"').hits[0].missing == ('"Ангела Меркел"',)
    assert search(seed_index, "Lavrov Merkel").hits[0].missing == ("Merkel",)
    # Queries that array scoring does not run (NOT, patterns) are told the same by Whoosh's matchers.
    assert search(seed_index, "Рубио Меркел NOT Обама").hits[0].missing == ("Меркел",)
    assert search(seed_index, "Руби* Мерк*").hits[0].missing == ("Мерк*",)
    assert search(seed_index, "title:Меркел среща").hits[0].missing == ("Меркел",)
    assert search(seed_index, "title:срещите Меркел").hits[0].missing == ("Меркел",)
    assert search(seed_index, "title:Ангелите среща").hits[0].missing == ("Ангелите",)  # by its lemma
    assert search(seed_index, "Меркел").total == 0  # one word: nothing to say


def test_a_word_found_only_through_a_derived_word_is_lacking(tmp_path):
    index_dir = index_of(tmp_path, {"derived.txt": "Мистериозната находка в Странджа."})
    [hit] = search(index_dir, "мистерия Странджа").hits
    assert hit.missing == ("мистерия",)


def test_every_inflected_form_is_highlighted(built_index):
    [hit] = [h for h in search(built_index, "среща").hits if h.id == "sviat/sreshta.txt"]
    assert {"Срещата", "срещите"} <= set(highlighted(hit))


def test_highlights_are_only_query_words(built_index):
    for hit in search(built_index, "среща бюджет").hits:
        for word in highlighted(hit):
            assert word.lower().startswith(("срещ", "бюджет")), word


def test_title_spans_point_at_query_words(built_index):
    hit = search(built_index, "Парламентът").hits[0]
    assert [hit.title[s.start : s.end] for s in hit.title_spans] == ["Парламентът"]


def test_a_title_query_searches_the_headline_as_shown(tmp_path):
    # An article file has no headline line: its first sentence is shown as one, and title: searches it,
    # as it does a headline a JSON Lines source gives.
    source = tmp_path / "corpus"
    source.mkdir()
    (source / "varshava.txt").write_text("Тръмп посети Варшава. Срещата продължи два часа.", encoding="utf-8")
    (source / "bruksel.txt").write_text("Срещите в Брюксел приключиха. По-късно Тръмп коментира резултата.", encoding="utf-8")
    news = jsonl(tmp_path / "news.jsonl", [{"id": "kiev", "title": "Тръмп и Зеленски", "body": "Двамата разговаряха в Ню Йорк."}])
    index = tmp_path / "index"
    build_index([source, news], index)
    found = search(index, "title:Тръмп")
    assert {hit.id for hit in found.hits} == {"varshava.txt", "kiev"}  # not bruksel.txt: its Тръмп is in the body only
    assert all([hit.title[s.start : s.end] for s in hit.title_spans] == ["Тръмп"] for hit in found.hits)
    assert [hit.id for hit in search(index, "title:среща").hits] == ["bruksel.txt"]  # any form of the word
    assert [hit.id for hit in search(index, 'title:"Тръмп посети"').hits] == ["varshava.txt"]
    assert [hit.id for hit in search(index, "title:Зеле*").hits] == ["kiev"]


def test_a_query_of_stop_words_says_why_it_found_nothing(built_index):
    result = search(built_index, "И на ѝ")
    assert (result.total, result.notes) == (0, ("и, на: too common to be indexed; add a word that tells what you look for",))
    assert search(built_index, "среща и").notes == ()  # one telling word is enough
    assert search(built_index, "!!!").notes == ()  # no words at all: nothing to explain


def test_phrase_query_matches_inflected_forms_in_order(built_index):
    ids = {h.id for h in search(built_index, '"хуманитарна помощ"').hits}
    assert ids == {"sviat/pomosht.txt", "sviat/sreshta.txt"}  # хуманитарна помощ, хуманитарната помощ


def test_phrase_query_needs_adjacent_words(built_index):
    assert [h.id for h in search(built_index, '"нов пакет"').hits] == ["sviat/pomosht.txt"]
    assert search(built_index, '"пакет нов"').total == 0


@pytest.mark.parametrize("quoted, bare", [('"Женева"', "Женева"), ('хуманитарна "помощ"', "хуманитарна помощ")])
def test_a_quoted_single_word_is_searched_as_the_word(built_index, quoted, bare):
    # As a phrase it would be looked for in the lemma fields only: fewer fields, another ranking.
    ranked = [(hit.id, hit.score) for hit in search(built_index, quoted).hits]
    assert ranked == [(hit.id, hit.score) for hit in search(built_index, bare).hits] and ranked


def test_not_excludes_articles(built_index):
    ids = {h.id for h in search(built_index, "помощ NOT Женева").hits}
    assert ids == {"sviat/pomosht.txt"}


def test_and_requires_both_words(built_index):
    ids = {h.id for h in search(built_index, "помощ AND примирието").hits}
    assert ids == {"sviat/sreshta.txt"}


def test_negated_words_are_not_highlighted(built_index):
    hit = search(built_index, "помощ NOT Женева").hits[0]
    assert "Женева" not in highlighted(hit)


def test_query_of_only_stop_words_finds_nothing(built_index):
    assert search(built_index, "и на за").total == 0


def test_paging_continues_where_the_last_page_ended(built_index):
    everything = [h.id for h in search(built_index, "среща помощ бюджет", limit=10).hits]
    paged = [h.id for offset in range(0, len(everything)) for h in search(built_index, "среща помощ бюджет", limit=1, offset=offset).hits]
    assert paged == everything and len(everything) >= 3


def test_empty_query_is_an_error(built_index):
    with pytest.raises(QueryError):
        search(built_index, "   ")


def test_hit_carries_date_and_path(built_index):
    hit = search(built_index, "бюджета").hits[0]
    assert str(hit.date) == "2025-03-14"
    assert hit.path.endswith("politika/parlament.txt")


QUERY_PIECES = st.sampled_from(
    ['"', "(", ")", "*", "?", "-", "+", ":", "~", "^", "[", "]", "{", "}", "\\", "/", "'", " ",
     " AND ", " OR ", " NOT ", " TO ", "title:", "date:", "foo:", "Рубио", "среща", "и", "x"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(QUERY_PIECES, max_size=15).map("".join)))
def test_any_query_gives_results_or_a_query_error(built_index, text):
    try:
        result = search(built_index, text)
    except QueryError:
        return
    assert result.total >= len(result.hits)


def test_operator_soup_that_breaks_whoosh_parser_still_searches_the_words(built_index):
    assert search(built_index, " NOT  AND бюджета").hits[0].id == "politika/parlament.txt"


def test_the_query_word_form_outranks_other_forms_of_it(tmp_path):
    index_dir = index_of(
        tmp_path,
        {
            "forms.txt": "Министрите обсъдиха срещите на върха и бъдещите срещи.",
            "exact.txt": "Министрите обсъдиха срещата на върха и бъдещата среща.",
        },
    )
    assert [h.id for h in search(index_dir, "срещите").hits] == ["forms.txt", "exact.txt"]
    assert [h.id for h in search(index_dir, "срещата").hits] == ["exact.txt", "forms.txt"]


def test_an_article_naming_every_word_in_passing_does_not_bury_one_about_the_story(tmp_path):
    filler = " ".join(
        f"{subject} {verb} {thing} в {place}."
        for subject in ("Министърът", "Депутатите", "Експертите", "Синдикатите", "Учените", "Журналистите")
        for verb in ("обсъдиха", "коментираха", "оспориха", "подкрепиха", "анализираха")
        for thing, place in (("бюджета", "парламента"), ("реформата", "София"), ("данъците", "Пловдив"))
    )
    index_dir = index_of(
        tmp_path,
        {
            "review.txt": f"Обзор на седмицата. {filler} Наводнение имаше и във Варна, а кметът говори. {filler}",
            "flood.txt": "Наводнението във Варна заля кварталите. Варна обяви бедствено положение след наводнението.",
            "mayor.txt": "Кметът на Варна обяви бедствено положение заради наводнението.",
            "sport.txt": "Отборът на Черно море спечели мача срещу Левски.",
        },
    )
    # Every word and a strong score first; then the story, above the review that names every word once.
    assert [h.id for h in search(index_dir, "наводнение Варна кмет").hits] == ["mayor.txt", "flood.txt", "review.txt"]


def test_keywords_standing_near_each_other_in_any_order_rank_first(tmp_path):
    opening = " ".join(f"Депутатите обсъдиха бюджета на общината за {year} година." for year in range(2000, 2008))
    middle = " ".join(f"Синдикатите оспориха данъците в града през {year} година." for year in range(2010, 2022))
    index_dir = index_of(
        tmp_path,
        {
            # The same words and lengths, past the opening; only the distance between наводнение and кмет differs.
            "a_far.txt": f"{opening} Наводнението заля квартала. {middle} Кметът говори.",
            "b_near.txt": f"{opening} Кметът говори. Наводнението заля квартала. {middle}",
            "sport.txt": "Отборът спечели мача.",
        },
    )
    hits = search(index_dir, "наводнение кмет", collapse=False).hits  # the two differ in one sentence
    assert [h.id for h in hits] == ["b_near.txt", "a_far.txt"]


@pytest.mark.parametrize("text", ['date:""', '""date:""', "date:вчера"])
def test_bad_date_in_the_query_is_a_query_error(built_index, text):
    with pytest.raises(QueryError, match="not a date"):
        search(built_index, text)


@pytest.mark.parametrize("query", ["руско-украинската", "руско-украински", "украинската", "руско"])
def test_hyphenated_compound_is_found_whole_and_by_each_part(seed_index, query):
    assert search(seed_index, query).total == 1


def test_hyphenated_query_needs_its_parts_together(seed_index):
    # The seed has "руско-украинската" but no "украинско-руската".
    assert search(seed_index, '"украинско-руската"').total == 0


@pytest.mark.parametrize("query", ["Има ли помощ в Женева?", "Женева ?", "Женева?!", "Женева ?!", "Женева !?", "Женева (?)"])
def test_a_question_mark_ending_a_word_is_punctuation_not_a_wildcard(built_index, query):
    # As a pattern, Женева? would ask for a word of seven letters and miss Женева itself.
    result = search(built_index, query)
    assert result.hits[0].id == "sviat/sreshta.txt" and result.notes == ()


def test_a_question_mark_inside_a_word_is_still_a_one_letter_wildcard(built_index):
    assert search(built_index, "Жен?ва").hits[0].id == "sviat/sreshta.txt"


@pytest.mark.parametrize("query", ["Рубио,Лавров", "Рубио;Лавров", "Рубио/Лавров", "Рубио|Лавров", "Рубио:Лавров"])
def test_words_listed_with_punctuation_are_searched_as_words(seed_index, query):
    # Not as a phrase: the seed names Рубио and Лавров seven words apart.
    listed, spaced = search(seed_index, query), search(seed_index, "Рубио Лавров")
    assert [(hit.id, hit.score) for hit in listed.hits] == [(hit.id, hit.score) for hit in spaced.hits]
    assert search(seed_index, query.replace("Лавров", "несъществуващадума")).total == 1  # one word is enough


def test_a_field_name_and_its_colon_stay_a_field(seed_index):
    # The headline (the first sentence) names Тръмп, not Анкъридж, which the body does.
    assert search(seed_index, "title:Тръмп").total == 1 and search(seed_index, "title:Анкъридж").total == 0
    assert search(seed_index, "TITLE:Анкъридж").total == search(seed_index, "Title:Анкъридж").total == 0  # any case


def test_numbers_with_a_comma_or_slash_stay_whole(tmp_path):
    index_dir = index_of(
        tmp_path,
        {
            "decimal.txt": "Инфлацията е 1,5 процента, а безработицата 24/7 часа.",
            "apart.txt": "Инфлацията е 1 процент за 5 месеца и 24 часа за 7 дни.",
        },
    )
    assert [hit.id for hit in search(index_dir, "1,5").hits] == ["decimal.txt"]  # "1 5" finds apart.txt only
    assert search(index_dir, "24/7").hits[0].id == "decimal.txt"


def test_a_query_of_many_words_also_finds_words_sharing_four_first_letters(tmp_path):
    index_dir = index_of(
        tmp_path,
        {
            "starving.txt": "Хиляди хора в региона гладуват от месеци, съобщиха от ООН.",
            "region.txt": "Времето в региона.",
        },
    )
    # глад and гладуват share four letters, not five: a few keywords stay precise,
    # a longer query takes the looser match.
    assert [h.id for h in search(index_dir, "глад региона").hits] == ["region.txt", "starving.txt"]
    assert [h.id for h in search(index_dir, "глад региона нови мерки").hits] == ["starving.txt", "region.txt"]


def test_an_ending_after_a_hyphen_is_inflection_not_a_word(tmp_path):
    index_dir = index_of(
        tmp_path,
        {"sms.txt": "Операторите изпратиха SMS на клиентите.", "eu.txt": "Решението на ЕС-ът е окончателно."},
    )
    assert [h.id for h in search(index_dir, "SMS-ите").hits] == ["sms.txt"]
    assert [h.id for h in search(index_dir, "ЕС").hits] == ["eu.txt"]
    assert search(index_dir, "ът").total == 0


def test_fullwidth_letters_are_found_and_highlighted_as_the_ascii_word(tmp_path):
    index_dir = index_of(tmp_path, {"wide.txt": "Според ＣＮＮ срещата се отлага.", "other.txt": "Срещата е днес."})
    for query in ("CNN", "ＣＮＮ"):
        result = search(index_dir, query)
        assert [h.id for h in result.hits] == ["wide.txt"]
        assert highlighted(result.hits[0]) == ["ＣＮＮ"]


def test_a_derived_word_is_found_but_ranks_below_the_word_itself(tmp_path):
    index_dir = index_of(
        tmp_path,
        {"derived.txt": "Мистериозната находка в Странджа.", "word.txt": "Мистерията на находката в Странджа."},
    )
    result = search(index_dir, "мистерия")
    assert [h.id for h in result.hits] == ["word.txt", "derived.txt"]
    # Only real forms of the query word are highlighted, not the derived word.
    assert [s.text[a.start : a.end] for s in result.hits[1].snippets for a in s.spans] == []


def test_similar_finds_the_article_on_the_same_story_first(tmp_path):
    from newssearch.search import IndexSearcher

    index_dir = index_of(
        tmp_path,
        {
            "a.txt": "Парламентът прие бюджета за здравеопазване след дълъг дебат в пленарната зала.",
            "b.txt": "Депутатите гласуваха бюджета за здравеопазване след дебат в пленарната зала.",
            "c.txt": "Националният отбор по футбол спечели мача срещу Грузия.",
        },
    )
    with IndexSearcher(index_dir) as searcher:
        result = searcher.similar("a.txt")
        assert [h.id for h in result.hits][:1] == ["b.txt"] and "a.txt" not in [h.id for h in result.hits]
        assert searcher.similar("missing.txt") is None


def test_republished_story_is_collapsed_under_the_best_ranked_copy(tmp_path):
    story = (
        "Министрите на външните работи се срещнаха в Женева и обсъдиха примирието. Срещата продължи три часа, "
        "а след нея двамата дадоха обща пресконференция за хуманитарната помощ."
    )
    index_dir = index_of(
        tmp_path,
        {
            "bta.txt": story,
            "copy.txt": story + " Източник: БТА.",
            "other.txt": "Примирието в Газа беше нарушено през нощта, съобщиха местни медии.",
        },
    )
    collapsed = search(index_dir, "примирието")
    assert len(collapsed.hits) == 2
    [leader] = [hit for hit in collapsed.hits if hit.duplicates]
    assert {leader.id, *(d.id for d in leader.duplicates)} == {"bta.txt", "copy.txt"}
    assert len(search(index_dir, "примирието", collapse=False).hits) == 3


def test_a_wildcard_matching_many_words_searches_the_most_frequent_and_says_so(tmp_path):
    letters = "бвгдклмнпрст"
    rare = [f"зо{a}{b}ан" for a in letters for b in letters[:6]]  # 72 words (зовкан among them)
    articles = {f"{i}.txt": f"Статия за {word}." for i, word in enumerate(rare)}
    articles["common.txt"] = "Статия за зовкан. " * 3
    articles["common2.txt"] = "Друга статия за зовкан."
    index_dir = index_of(tmp_path, articles)
    result = search(index_dir, "зо*", limit=100)
    assert result.notes == ("зо* matches 72 words; searched the 32 most frequent",)
    assert {"common.txt", "common2.txt"} <= {hit.id for hit in result.hits}
    assert result.total < len(articles)
    assert search(index_dir, "зовк*").notes == ()


@pytest.mark.parametrize("query", ["*а*", "а*", "?а", "з?*", "*"])
def test_a_pattern_without_two_leading_letters_is_refused_unless_it_asks_for_everything(built_index, query):
    if query == "*":
        assert search(built_index, query).total == search(built_index, "* OR несъществува").total > 3
        return
    with pytest.raises(QueryError, match="put at least 2 letters before"):
        search(built_index, query)


def test_a_refused_pattern_is_quoted_as_typed_not_as_its_stem(built_index):
    with pytest.raises(QueryError, match=r"^'\*путина' matches"):
        search(built_index, "*Путина")


def test_a_pasted_paragraph_is_searched_as_its_first_50_words_and_said_so(built_index):
    result = search(built_index, "бюджета " + "парламентът прие " * 500)
    assert result.notes == ("the query was cut to its first 50 words",)
    assert result.hits[0].id == "politika/parlament.txt"
    assert search(built_index, "бюджета парламентът").notes == ()


def test_a_lone_star_with_a_date_lists_that_months_articles(built_index):
    result = search(built_index, "* date:2025-10", sort="newest")
    assert [hit.id for hit in result.hits] == ["seed.txt", "sviat/sreshta.txt"]


# Queries Whoosh's matchers rank (plain words are scored as arrays: tests/search/test_ranking.py).
@pytest.mark.parametrize("query", ['"среща на министрите" помощ', "министр* среща", "помощ NOT примирие", "руско-украинската война"])
def test_reading_unions_as_arrays_changes_no_ranking(built_index, query, monkeypatch):
    import newssearch.search.searcher as searcher_module

    def ranking():
        return [(hit.id, round(hit.score, 6)) for hit in search(built_index, query, limit=50).hits]

    as_arrays = ranking()
    monkeypatch.setattr(searcher_module, "with_array_unions", lambda parsed: parsed)
    assert ranking() == as_arrays


@pytest.mark.parametrize("query", ["среща", "помощ примирие", "Рубио Лавров", "министрите срещата"])
def test_highlighting_by_the_index_words_marks_what_the_analyzer_marks(built_index, query, monkeypatch):
    from newssearch.index.term_map import TermMap

    def marks():
        return [(hit.id, hit.title_spans, hit.snippets) for hit in search(built_index, query, limit=20).hits]

    by_words = marks()
    monkeypatch.setattr(TermMap, "words_of", lambda self, terms: None)
    assert marks() == by_words
    assert any(snippets and any(snippet.spans for snippet in snippets) for _, _, snippets in by_words)


def test_an_abbreviation_in_an_article_is_found_and_highlighted_by_its_word(tmp_path):
    index_dir = index_of(
        tmp_path, {"budget.txt": "Фондът получи 3 млрд. лв. от бюджета.", "other.txt": "Фондът получи нова сграда."}
    )
    result = search(index_dir, "милиарда лева")
    assert [hit.id for hit in result.hits] == ["budget.txt"]
    assert highlighted(result.hits[0]) == ["млрд", "лв"]


def test_a_lemma_finds_and_highlights_the_forms_the_dictionary_reads_as_another_word(tmp_path):
    # промени is промяна's plural, which the dictionary reads as the verb променя; прави is
    # правя's third person, which it reads as the adjective's. Both count as the word typed.
    index = index_of(tmp_path, {
        "klimat.txt": "Климатичните промени топят ледниците на Гренландия.",
        "pravila.txt": "Промяната в правилата засяга спортистите.",
        "ministar.txt": "Министърът прави всичко възможно. Те правят същото.",
        "drugo.txt": "Футболният мач завърши наравно.",
    })  # fmt: skip
    climate = search(index, "промяна ледници")  # both words, with промени for промяна
    assert [hit.id for hit in climate.hits] == ["klimat.txt", "pravila.txt"]
    assert {"ледниците", "промени"} <= set(highlighted(climate.hits[0]))
    [doing] = search(index, "правя").hits
    assert doing.id == "ministar.txt" and "прави" in highlighted(doing)
    # The shared form typed finds its other lemma's forms too.
    assert {hit.id for hit in search(index, "промени").hits} == {"klimat.txt", "pravila.txt"}


def test_one_word_ranks_an_article_holding_it_above_one_sharing_only_its_first_letters(tmp_path):
    # прецакват (another verb's form) shares the first five letters of прецакахте; прецакаш is
    # a form of its verb. The short article scores higher, but lacks the word, and says so.
    filler = "Събитията през седмицата бяха обсъдени подробно от гостите на предаването в студиото. " * 6
    index_dir = index_of(
        tmp_path,
        {
            "holds.txt": filler + "Как да прецакаш системата, попита водещият.",
            "prefix.txt": "Прецакват ли ни търговците? Прецакват клиентите, казаха експерти.",
            **{f"other{i}.txt": f"Времето утре {i}: слънчево и топло в цялата страна." for i in range(4)},
        },
    )
    hits = search(index_dir, "прецакахте").hits
    assert [(hit.id, hit.missing) for hit in hits] == [("holds.txt", ()), ("prefix.txt", ("прецакахте",))]
    assert hits[1].score > hits[0].score
