"""How well the rules for words the dictionary lacks join a word's forms: measured on words it knows.

Usage:
    python bench/conflation.py                      # the words of ../shared/dev-eval/corpus
    python bench/conflation.py --corpus DIR [--folds 5] [--examples 20]

Every Bulgarian word of the corpus that simplemma knows has a gold lemma. The
lemmas are dealt into folds; for each fold, all forms of its lemmas are hidden
from the dictionary and every word of the corpus is lemmatised again, so the
hidden words go through the rules meant for words it lacks (as a news archive's
rare words, a third of the dev set's keywords, do). Printed per kind of word
(verbs, the lemmas with past-tense forms, and the rest: nouns and adjectives):

- pair recall: of the pairs of forms of one hidden lemma, the share given one term;
- split: the share of hidden lemmas whose forms got more than one term;
- joined with another lemma: the share of hidden forms whose term some form of
  another lemma also got. simplemma splits some words itself (a plural read as a
  participle), so this counts some right joins as well; compare it between runs.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from newssearch.analysis.analyzer import normalized_words
from newssearch.analysis.lemmatize import Dictionary, lemmatize_bulgarian
from newssearch.corpus.sources import plan_sources, read_source_file
from newssearch.models import Article

DEV_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "dev-eval" / "corpus"
LANG = "bg"
MIN_LETTERS = 3


class HidingDictionary:
    """simplemma with some words taken out."""

    def __init__(self, dictionary: Dictionary, hidden: set[str]) -> None:
        self._dictionary = dictionary
        self._hidden = hidden

    def is_known(self, token: str, lang: str) -> bool:
        return token not in self._hidden and self._dictionary.is_known(token, lang=lang)

    def lemmatize(self, token: str, lang: str) -> str:
        return self._dictionary.lemmatize(token, lang=lang)


def corpus_words(corpus: Path) -> set[str]:
    """The corpus's normalised words in Cyrillic letters only."""
    files, _skips = plan_sources([corpus])
    words: set[str] = set()
    for source in files:
        for item in read_source_file(source):
            if isinstance(item, Article):
                words.update(normalized_words(f"{item.title} {item.body}"))
    return {w for w in words if len(w) >= MIN_LETTERS and all("\u0400" <= ch <= "\u04ff" for ch in w)}


def forms_by_lemma(dictionary: Dictionary) -> dict[str, set[str]]:
    """Every form simplemma lists, under the lemma the rules would be given for it."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    entries = DefaultDictionaryFactory().get_dictionary(LANG)
    forms: dict[str, set[str]] = defaultdict(set)
    for raw_form in entries:
        form = raw_form if isinstance(raw_form, str) else raw_form.decode()
        lemma = lemmatize_bulgarian(form, dictionary)
        forms[lemma].add(form)
    return forms


def measure(words: set[str], folds: int, seed: int, examples: int) -> None:
    import simplemma

    gold = {w: lemmatize_bulgarian(w, simplemma) for w in words if simplemma.is_known(w, lang=LANG)}
    forms = forms_by_lemma(simplemma)
    lemmas = sorted(set(gold.values()))
    random.Random(seed).shuffle(lemmas)
    verbs = {lemma for lemma in lemmas if any(form.endswith(("ше", "хме")) for form in forms[lemma])}
    counts: dict[str, Counter[str]] = {"nouns and adjectives": Counter(), "verbs": Counter()}
    shown: list[str] = []
    for fold in range(folds):
        held = set(lemmas[fold::folds])
        hidden = set().union(*(forms[lemma] | {lemma} for lemma in held))
        hiding = HidingDictionary(simplemma, hidden)
        term = {w: lemmatize_bulgarian(w, hiding) for w in words}
        lemmas_of_term: dict[str, set[str]] = defaultdict(set)
        for w, t in term.items():
            lemmas_of_term[t].add(gold.get(w, w))
        hidden_forms: dict[str, list[str]] = defaultdict(list)
        for w, lemma in gold.items():
            if lemma in held:
                hidden_forms[lemma].append(w)
        for lemma, group in hidden_forms.items():
            count = counts["verbs" if lemma in verbs else "nouns and adjectives"]
            count["forms"] += len(group)
            count["joined"] += sum(bool(lemmas_of_term[term[w]] - {lemma}) for w in group)
            if len(group) < 2:
                continue
            terms = Counter(term[w] for w in group)
            count["lemmas"] += 1
            count["split"] += len(terms) > 1
            count["pairs"] += _pairs(len(group))
            count["same"] += sum(_pairs(n) for n in terms.values())
            if len(terms) > 1 and len(shown) < examples and lemma not in verbs:
                shown.append(f"  {lemma}: " + " ".join(f"{w}>{term[w]}" for w in sorted(group)))
    for kind, count in counts.items():
        print(
            f"{kind}: pair recall {count['same'] / max(count['pairs'], 1):.3f}, "
            f"split {count['split'] / max(count['lemmas'], 1):.3f} of {count['lemmas']} lemmas, "
            f"joined with another lemma {count['joined'] / max(count['forms'], 1):.3f} of {count['forms']} forms"
        )
    if shown:
        print("split nouns and adjectives (form>term):", *shown, sep="\n")


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEV_CORPUS, help="articles whose words are measured")
    parser.add_argument("--folds", type=int, default=5, help="the lemmas are hidden a 1/FOLDS share at a time")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--examples", type=int, default=0, help="print this many split nouns and adjectives")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not args.corpus.is_dir():
        raise SystemExit(f"conflation: no corpus at {args.corpus} (give one with --corpus)")
    measure(corpus_words(args.corpus), args.folds, args.seed, args.examples)


if __name__ == "__main__":
    main()
