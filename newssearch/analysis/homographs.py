"""Word forms the lemma dictionary gives to the other word they spell.

Bulgarian spells some forms of a verb and of a noun alike, and the dictionary
reads each such form one way only: промени (changes) as the verb променя,
прави (does) as the adjective's прав / права, работи (works) as the noun работа,
западни (western) as the feminine западна.
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
# Adjectives in -ен that drop its е in their other forms (западен, западния, западната;
# западни, западните). Shorter ones share their plural with verbs news uses more (пълни).
ADJECTIVE_CONFIRMING_ENDINGS = ("ия", "ият", "ата")
ADJECTIVE_MIN = 6
MIN_STEM = 3
VOWELS = frozenset("аеиоуъюя")


def forms_read_otherwise(lemma: str, term_of: TermOf) -> tuple[str, ...]:
    """Forms of `lemma` that an index holds under another term, as written."""
    if _adjective_in_en(lemma):
        stem = lemma[:-2] + "н"
        confirmed = _confirmed(stem, ADJECTIVE_CONFIRMING_ENDINGS, lemma, term_of)
        candidates = [stem + ending for ending in NOUN_SHARED_ENDINGS] if confirmed else []
    elif len(lemma) < MIN_STEM + 1 or lemma[-1] not in NOUN_CONFIRMING:
        return ()
    elif lemma[-1] == "я" and _confirmed(lemma[:-1], VERB_CONFIRMING_ENDINGS, lemma, term_of):
        candidates = [lemma[:-1] + ending for ending in VERB_SHARED_ENDINGS]
    elif _confirmed(lemma[:-1], (NOUN_CONFIRMING[lemma[-1]],), lemma, term_of):
        candidates = [plural + ending for plural in _plural_stems(lemma[:-1]) for ending in NOUN_SHARED_ENDINGS]
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
    if stem.endswith("н"):
        candidates.append(stem[:-1] + "ен")
    return tuple(lemma for lemma in candidates if form in forms_read_otherwise(lemma, term_of))


def _adjective_in_en(lemma: str) -> bool:
    return len(lemma) >= ADJECTIVE_MIN and lemma.endswith("ен") and lemma[-3] not in VOWELS


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
    if at <= 0 or any(letter in VOWELS for letter in stem[at + 1 :]):
        return None
    return stem[:at] + new + stem[at + 1 :]
