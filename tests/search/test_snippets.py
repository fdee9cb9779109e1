from hypothesis import given
from hypothesis import strategies as st

from newssearch.analysis import build_analyzer
from newssearch.analysis.lemmatize import index_term
from newssearch.search.snippets import SNIPPET_CHARS, find_occurrences, make_snippets

ANALYZER = build_analyzer()


def itself(*terms):
    return {term: term for term in terms}


def marked(snippet):
    return [snippet.text[s.start : s.end] for s in snippet.spans]


def test_offsets_stay_exact_with_soft_hyphens_and_newlines():
    text = "Начало.\n\nПре\u00adзидентът Тръмп и\nпрезидента Путин."
    occurrences = find_occurrences(text, itself(index_term("президент")), ANALYZER)
    [snippet] = make_snippets(text, occurrences)
    assert marked(snippet) == ["Пре\u00adзидентът", "президента"]
    assert "\n" not in snippet.text


def test_long_text_gives_at_most_three_passages_with_ellipses():
    text = " ".join(["пълнеж"] * 200 + ["Лавров"] + ["пълнеж"] * 200 + ["Рубио"] + ["пълнеж"] * 200)
    occurrences = find_occurrences(text, itself("лавров", "рубио"), ANALYZER)
    snippets = make_snippets(text, occurrences)
    assert [marked(s) for s in snippets] == [["Лавров"], ["Рубио"]]
    assert all(s.text.startswith("…") and s.text.endswith("…") for s in snippets)
    assert all(len(s.text) <= SNIPPET_CHARS + 2 for s in snippets)


def test_text_without_matches_gives_its_beginning():
    [snippet] = make_snippets("Първо изречение. Второ.", [])
    assert snippet.text == "Първо изречение. Второ." and snippet.spans == ()


@given(st.text(), st.sampled_from(["среща", "лавров", "a", "1"]))
def test_snippet_spans_are_always_inside_the_snippet(text, term):
    for snippet in make_snippets(text, find_occurrences(text, itself(term), ANALYZER)):
        for span in snippet.spans:
            assert 0 <= span.start < span.end <= len(snippet.text)


def test_offsets_stay_exact_with_latin_lookalike_letters():
    text = "Визитата на Бaйдън (Latin a) и Байдън."
    occurrences = find_occurrences(text, itself(index_term("байдън")), ANALYZER)
    [snippet] = make_snippets(text, occurrences)
    assert marked(snippet) == ["Бaйдън", "Байдън"]


def test_fullwidth_letters_are_marked_as_the_word_they_spell():
    text = "Според ＣＮＮ и CNN."
    occurrences = find_occurrences(text, itself(index_term("cnn")), ANALYZER)
    [snippet] = make_snippets(text, occurrences)
    assert marked(snippet) == ["ＣＮＮ", "CNN"]


# Cyrillic and Latin (look-alike) letters of both cases, invisible and combining characters (и + breve
# composes to й), ѝ, digits and separators, letters whose lower case is not their case fold (ß, ς, İ),
# and fullwidth letters, digits and punctuation.
@given(st.text(alphabet="абвгдеийклмнопрстъ АБИТЪ aeoxBHMĸ\u00ad\u0301\u0306\u200b.,-ѝЍ1\n\t\xa0ßςΣİＣｎ２．－", max_size=200))
def test_finding_listed_words_marks_what_the_exact_analyzer_marks(text):
    from newssearch.analysis import build_exact_analyzer
    from newssearch.search.snippets import find_words

    exact = build_exact_analyzer()
    listed = {token.text: "term" for token in exact(text) if len(token.text) % 2}
    expected = [o.span for o in find_occurrences(text, listed, exact)]
    assert [o.span for o in find_words(text, listed)] == expected


@given(st.text(alphabet=st.sampled_from("аб c\n\t\u00a0\u2003\x1c.")))
def test_whitespace_collapses_and_every_character_keeps_its_place(text):
    from newssearch.search.snippets import _collapse_whitespace, _landing

    line = _collapse_whitespace(text)
    assert "\n" not in line and "  " not in line and line == line.strip()
    assert line.split() == text.split()
    landings = [_landing(text, i) for i, char in enumerate(text) if not char.isspace()]
    assert [line[landing] for landing in landings] == [char for char in text if not char.isspace()]
    assert landings == sorted(set(landings))
