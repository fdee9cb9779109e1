"""The Bulgarian analyzer: tokenizer -> normalise -> stop words -> lemma/stem."""

from __future__ import annotations

from whoosh.analysis import Analyzer, StopFilter

from newssearch.analysis.filters import IndexTermFilter, NormalizeFilter
from newssearch.analysis.stopwords import bulgarian_stopwords
from newssearch.analysis.tokenizer import WordTokenizer


def build_analyzer() -> Analyzer:
    return (
        WordTokenizer()
        | NormalizeFilter()
        | StopFilter(stoplist=bulgarian_stopwords(), minsize=1)
        | IndexTermFilter()
    )
