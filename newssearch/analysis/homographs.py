"""Word forms the lemma dictionary gives to the other word they spell.

Bulgarian spells some forms of a verb and of a noun alike, and the dictionary
reads each such form one way only: промени (changes) as the verb променя,
прави (does) as the adjective's прав / права, работи (works) as the noun работа.
An article saying "климатични промени" then holds no term промяна, and one saying
"тя работи" holds no term работя. These functions name, for a lemma, the forms of
its own paradigm that went to another word, so that a search for the lemma also
looks for them as written; and, for such a form, the lemma it also stands for.

They consult only `term_of` (the terms of the words an index holds): a form no
article uses needs no searching, and the dictionary stays unloaded at query time.
"""

from __future__ import annotations

from collections.abc import Callable

TermOf = Callable[[str], str | None]

# The second conjugation (правя, правят, правил; прави, правите, правим): the forms
# that confirm a verb's stem, then the forms shared with noun plurals and adjectives.
VERB_CONFIRMING_ENDINGS = ("ят", "ил")
VERB_SHARED_ENDINGS = ("и", "ите", "им")
# Feminine nouns in -а / -я: the definite singular that confirms the noun, then
# the plural and its definite form (промяна, промяната; промени, промените).
NOUN_CONFIRMING = {"а": "ата", "я": "ята"}
NOUN_SHARED_ENDINGS = ("и", "ите")
MIN_STEM = 3


def forms_read_otherwise(lemma: str, term_of: TermOf) -> tuple[str, ...]:
    """Forms of `lemma` that an index holds under another term, as written."""
    if len(lemma) < MIN_STEM + 1 or lemma[-1] not in NOUN_CONFIRMING:
        return ()
    stem = lemma[:-1]
    if lemma[-1] == "я" and _confirmed(stem, VERB_CONFIRMING_ENDINGS, lemma, term_of):
        candidates = [stem + ending for ending in VERB_SHARED_ENDINGS]
    elif _confirmed(stem, (NOUN_CONFIRMING[lemma[-1]],), lemma, term_of):
        candidates = [plural + ending for plural in _plural_stems(stem) for ending in NOUN_SHARED_ENDINGS]
    else:
        return ()
    return tuple(form for form in candidates if (term := term_of(form)) is not None and term != lemma)


def lemmas_also_meant(form: str, term_of: TermOf) -> tuple[str, ...]:
    """The lemmas whose forms `form` is one of, besides the term it is indexed under."""
    ending = next((ending for ending in ("ите", "им", "и") if form.endswith(ending)), None)
    if ending is None or len(form) - len(ending) < MIN_STEM or term_of(form) is None:
        return ()
    stem = form[: -len(ending)]
    candidates = [singular + end for singular in [stem, *_singular_stems(stem)] for end in NOUN_CONFIRMING]
    return tuple(lemma for lemma in candidates if form in forms_read_otherwise(lemma, term_of))


def _confirmed(stem: str, endings: tuple[str, ...], lemma: str, term_of: TermOf) -> bool:
    return any(term_of(stem + ending) == lemma for ending in endings)


def _plural_stems(stem: str) -> list[str]:
    """The stem as written, and with the я of its last syllable as е (промян-: промен-и)."""
    alternated = _swap_last(stem, "я", "е")
    return [stem] if alternated is None else [stem, alternated]


def _singular_stems(stem: str) -> list[str]:
    alternated = _swap_last(stem, "е", "я")
    return [] if alternated is None else [alternated]


def _swap_last(stem: str, old: str, new: str) -> str | None:
    """The stem with `old` in its last syllable (after its last vowel but one) as `new`."""
    at = stem.rfind(old)
    if at <= 0 or any(letter in "аеиоуъюя" for letter in stem[at + 1 :]):
        return None
    return stem[:at] + new + stem[at + 1 :]
