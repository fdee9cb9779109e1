import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from newssearch.analysis import build_analyzer

ANALYZER = build_analyzer()


def terms(text):
    return [token.text for token in ANALYZER(text)]


def test_analyzer_drops_stop_words_and_lemmatises():
    assert terms("Срещата между Рубио и Лавров беше отложена") == ["среща", "рубио", "лавров", "отложа"]


def test_analyzer_handles_quotes_dashes_and_the_letter_i_grave():
    assert terms("„Конструктивна дискусия“ – по думите ѝ") == ["конструктивен", "дискусия", "дума"]


def test_analyzer_survives_a_pickle_round_trip():
    # Whoosh stores the analyzer in the index by pickling it.
    restored = pickle.loads(pickle.dumps(ANALYZER))
    assert [t.text for t in restored("Путина и Тръмпи")] == terms("Путина и Тръмпи")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_analyzer_never_raises_and_offsets_stay_inside_the_text(text):
    for token in ANALYZER(text, chars=True, positions=True):
        assert 0 <= token.startchar < token.endchar <= len(text)
        assert token.text


def test_prefix_analyzer_joins_derived_words_the_lemmas_keep_apart():
    from newssearch.analysis.analyzer import build_prefix_analyzer

    prefix = build_prefix_analyzer(5)
    assert [t.text for t in prefix("мистерия мистериозна")] == ["мисте", "мисте"]
    assert [t.text for t in prefix("мир 2025 на")] == ["мир", "2025"]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.text(), st.text(alphabet=st.sampled_from("аеиоуъюяѝбвгдклмнпрстчшщ AEOBCKMHPTX-,„“\u00ad\u200b1\n")))
    .filter(lambda text: "." not in text)  # "т.е." is one word or three depending on what follows
)
def test_every_token_is_what_the_text_it_points_at_analyses_to(text):
    # Highlighting relies on this: the span of a matched term shows a form of that term.
    for token in ANALYZER(text, chars=True):
        assert token.text in [t.text for t in ANALYZER(text[token.startchar : token.endchar])]
