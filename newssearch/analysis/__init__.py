"""Text analysis: normalise, tokenise, drop stop words, reduce words to lemmas or stems."""

from newssearch.analysis.analyzer import build_analyzer, build_exact_analyzer
from newssearch.analysis.lemmatize import index_term
from newssearch.analysis.normalize import normalize

__all__ = ["build_analyzer", "build_exact_analyzer", "index_term", "normalize"]
