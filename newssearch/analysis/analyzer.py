"""The Bulgarian analyzer: tokenizer -> normalise -> stop words -> lemma/stem."""

from __future__ import annotations

from functools import cache

from whoosh.analysis import Analyzer, CompositeAnalyzer, StopFilter

from newssearch.analysis.filters import IndexTermFilter, NormalizeFilter, PrefixFilter
from newssearch.analysis.normalize import normalize
from newssearch.analysis.shared import SharedWords, remembered
from newssearch.analysis.stopwords import bulgarian_stopwords
from newssearch.analysis.tokenizer import WORD, WordTokenizer


class ListingAnalyzer(CompositeAnalyzer):
    """The word chain and per-word filters as a Whoosh analyzer (the token stream that
    queries and highlighting read), which can also list a text's indexed words at once.

    `index_words` gives what the token stream gives in index mode, with C-level maps
    instead of a generator step per filter and per word: indexing spends most of its
    time here. Its first item is the word chain (`build_word_chain`, which `chain_words`
    computes); every filter after it maps one word to one word (`word`).
    """

    def index_words(self, text: str) -> tuple[int, list[str]]:
        """The position of the first indexed word (the rest follow one by one), and the words."""
        first, words = remembered(text, chain_words, lambda: chain_words(text))  # the body feeds two fields
        for word_filter in self.items[1:]:
            words = list(map(word_filter.word, words))
        return first, words


def build_analyzer() -> Analyzer:
    """Words reduced to lemmas or stems: any form of a query word finds every form."""
    return ListingAnalyzer(SharedWords(build_word_chain()), IndexTermFilter())


def build_prefix_analyzer(length: int) -> Analyzer:
    """Words cut to their first letters: finds derived words the lemma misses, at low weight."""
    return ListingAnalyzer(SharedWords(build_word_chain()), PrefixFilter(length))


def build_exact_analyzer() -> Analyzer:
    """Words as written (normalised): lets the query's own word form score above other forms.

    The other analyzers add one filter to the same word chain, and all of them share
    its work on a text they are given one after the other (see SharedWords).
    """
    return ListingAnalyzer(SharedWords(build_word_chain()))


def build_word_chain() -> Analyzer:
    """Tokenise, normalise, drop stop words: the start every field's analysis shares."""
    return WordTokenizer() | NormalizeFilter() | StopFilter(stoplist=_stop_words(), minsize=1)


def chain_words(text: str) -> tuple[int, list[str]]:
    """What `build_word_chain` yields for a text in index mode: the first kept word's
    position among all words, and the kept words (Whoosh's stop filter numbers the
    words after the first kept one consecutively)."""
    stops = _stop_words()
    words = normalized_words(text)
    kept = [word for word in words if word and word not in stops]
    if not kept:
        return 0, []
    return next(index for index, word in enumerate(words) if word and word not in stops), kept


def normalized_words(text: str) -> list[str]:
    """Every word of a text, normalised (stop words too; some may be empty): what indexing
    analyses, and what near-duplicate signatures shingle, found once for both."""
    return remembered(text, normalized_words, lambda: list(map(normalize, WORD.findall(text))))


@cache
def _stop_words() -> frozenset[str]:
    return bulgarian_stopwords()
