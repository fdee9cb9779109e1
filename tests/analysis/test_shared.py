"""The fields indexing one text share its tokenisation without changing what any of them gets."""

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import Filter

from newssearch.analysis.analyzer import build_analyzer, build_exact_analyzer, build_prefix_analyzer, build_word_chain
from newssearch.analysis.filters import IndexTermFilter, PrefixFilter
from newssearch.analysis.shared import SharedWords

PIECES = st.sampled_from(["Срещата", "срещи", "на", "Рубио", "и", "Лавров", "CNN", "2025", "„", "“", "-", " ", ".", "\u00ad"])


def tokens(analyzer, text):
    return [(t.text, t.pos, t.startchar, t.endchar) for t in analyzer(text, positions=True, chars=True)]


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES).map(" ".join), st.lists(PIECES).map(" ".join))
def test_shared_analysis_gives_each_field_what_its_own_chain_would(text, lead):
    body, exact, prefix = build_analyzer(), build_exact_analyzer(), build_prefix_analyzer(5)
    # In the order Whoosh indexes a document's fields: body, exact, lead (another text), prefix.
    shared = [tokens(body, text), tokens(exact, text), tokens(exact, lead), tokens(prefix, text)]
    alone = [
        tokens(build_word_chain() | IndexTermFilter(), text),
        tokens(build_word_chain(), text),
        tokens(build_word_chain(), lead),
        tokens(build_word_chain() | PrefixFilter(5), text),
    ]
    assert shared == alone


class _Counting(Filter):
    calls = 0

    def __call__(self, tokens):
        _Counting.calls += 1
        return tokens


def test_a_text_given_to_three_fields_is_tokenised_once():
    _Counting.calls = 0
    shared = SharedWords(build_word_chain() | _Counting())
    text = "Срещата на Рубио и Лавров"
    for analyzer in (shared, shared | IndexTermFilter(), shared | PrefixFilter(5)):
        list(analyzer(text))
    assert _Counting.calls == 1
