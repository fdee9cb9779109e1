"""The Bulgarian analyzer: tokenizer -> normalise -> stop words -> lemma/stem."""

from __future__ import annotations

from whoosh.analysis import Analyzer, StopFilter

from newssearch.analysis.filters import IndexTermFilter, NormalizeFilter, PrefixFilter
from newssearch.analysis.shared import SharedWords
from newssearch.analysis.stopwords import bulgarian_stopwords
from newssearch.analysis.tokenizer import WordTokenizer


def build_analyzer() -> Analyzer:
    """Words reduced to lemmas or stems: any form of a query word finds every form."""
    return build_exact_analyzer() | IndexTermFilter()


def build_prefix_analyzer(length: int) -> Analyzer:
    """Words cut to their first letters: finds derived words the lemma misses, at low weight."""
    return build_exact_analyzer() | PrefixFilter(length)


def build_exact_analyzer() -> Analyzer:
    """Words as written (normalised): lets the query's own word form score above other forms.

    The other analyzers extend this one, and all of them share its work on a text
    they are given one after the other (see SharedWords).
    """
    return SharedWords(build_word_chain())


def build_word_chain() -> Analyzer:
    """Tokenise, normalise, drop stop words: the start every field's analysis shares."""
    return WordTokenizer() | NormalizeFilter() | StopFilter(stoplist=bulgarian_stopwords(), minsize=1)
