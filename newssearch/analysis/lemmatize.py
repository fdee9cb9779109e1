"""Word -> index term: the one function every indexed and queried word goes through.

Bulgarian words become their dictionary lemma (simplemma), or, when the
dictionary does not know them, a light stem. Latin-script words go through the
English Snowball stemmer. The dictionary costs ~0.5 s and ~30 MB to load, so it
is imported on first use only; results are cached because news vocabulary is
small compared with its running text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Protocol

from newssearch.analysis.bulgarian_stemmer import (
    ARTICLE_SUFFIXES,
    MIN_STEM,
    NOUN_ENDINGS,
    VERB_ENDINGS,
    VOWELS,
    stem_bulgarian,
    verb_stem,
)
from newssearch.analysis.normalize import normalize

# The plural and definite endings of nouns in -ие (see _noun_in_ie), longest first.
IE_NOUN_ENDINGS = ("ията", "ието", "ия")

# Verbal nouns the dictionary lacks (ending, what replaces it), spelt as the stemmer
# leaves their plurals (допитване, допитването, допитвания -> допитван).
VERBAL_NOUN_ENDINGS = (
    ("ането", "ан"), ("ане", "ан"), ("янето", "ян"), ("яне", "ян"),
)  # fmt: skip

# Endings tried on the stem of a word the dictionary lacks: the plural and the
# adjective's masculine definite form, the forms it knows most often.
SIBLING_ENDINGS = ("и", "ите", "ия")
SIBLING_MIN_STEM = 5
ADJECTIVE_LEMMA_ENDINGS = ("ен", "ски", "шки", "ки", "ов", "ев", "ин")
ADJECTIVE_STEM_ENDINGS = ("н", "ски", "шки", "цки", "ск", "шк", "цк", "им", "ив", "щ")
FLEETING_E_MIN = 5  # letters of a stem in -ен whose е is dropped (see _without_fleeting_e): лесен, краен
# A participle's endings after its masculine form (скрит-ият), longest first.
PARTICIPLE_ENDINGS = ("ият", "ата", "ото", "ите", "ия", "а", "о", "и")
PARTICIPLE_MIN = 4
VERBAL_NOUN_MIN = 7  # letters of a verbal noun whose verb is looked for
SHORT_ARTICLE_MIN = 5  # letters of a definite form in -а/-я whose masculine noun is looked for
PLURAL_MIN = 5  # letters of a plural whose noun is looked for through its definite form
FEMININE_MIN = 7  # letters of a feminine in -ница whose masculine in -ник is looked for
ASPECT_MIN = 6  # letters of an imperfective lemma in -ям/-ам whose perfective partner is looked for
IMPERFECTIVE_LEMMA_ENDINGS = ("ам", "ям")
# Verbs spelt as an imperfective of another verb that they are not: следвам (follow)
# is not следя's (watch), nor жалвам (appeal) жаля's (pity).
NOT_PAIRED = frozenset({"следвам", "последвам", "жалвам"})
# How the perfective of an imperfective is spelt where it is not the imperfective without
# its -м (ending, how the perfective ends instead), most specific first: освобождавам:
# освободя; обсъждам: обсъдя; казвам: кажа; записвам: запиша; откривам: открия;
# заявявам: заявя; създавам: създам, получавам: получа. After another consonant,
# -вам gives -а or -я (включвам: включа, запазвам: запазя).
PERFECTIVE_SPELLINGS = (
    ("ждавам", ("дя",)), ("ждам", ("дя",)), ("звам", ("жа",)), ("свам", ("ша",)), ("щавам", ("тя", "щя")),
    ("ръщам", ("ърна",)), ("щам", ("тя",)), ("арям", ("оря",)), ("агам", ("ожа",)), ("скам", ("сна",)),
    ("ичам", ("ека",)), ("лизам", ("ляза",)), ("бирам", ("бера",)), ("пирам", ("пра",)), ("мирам", ("мра",)),
    ("ивам", ("ия",)), ("явам", ("я",)), ("авам", ("ам", "а")),
)  # fmt: skip
VERB_LEMMA_ENDINGS = ("а", "я", *IMPERFECTIVE_LEMMA_ENDINGS)  # verbs are cited in the first person singular
# Endings of verbs in -ам/-ям (ending, first person singular): present, past and
# past participle forms, longest first.
CONJUGATION_ENDINGS = (
    ("ахме", "ам"), ("яхме", "ям"), ("ахте", "ам"), ("яхте", "ям"),
    ("аме", "ам"), ("яме", "ям"), ("ате", "ам"), ("яте", "ям"), ("аха", "ам"), ("яха", "ям"),
    ("аше", "ам"), ("яше", "ям"), ("ала", "ам"), ("яла", "ям"), ("ало", "ам"), ("яло", "ям"),
    ("али", "ам"), ("яли", "ям"), ("ах", "ам"), ("ях", "ям"), ("аш", "ам"), ("яш", "ям"),
    ("ат", "ам"), ("ят", "ям"), ("ал", "ам"), ("ял", "ям"), ("а", "ам"), ("я", "ям"),
)  # fmt: skip
CONJUGATION_MIN_STEM = 4  # shorter stems meet adverbs and names (наса: насам, наташ: натам)
# Imperative endings (ending, third person plural ending): a headline's imperative
# (изчакайте, подгответе, изхвърлете) is a form the dictionary often lacks, while the
# verb's third person plural (изчакат, подготвят, изхвърлят) leads to a verb it knows.
# -ите is left out: it is far more often a plural noun's (траките).
IMPERATIVE_ENDINGS = (
    ("айте", "ат"), ("яйте", "ят"), ("ейте", "еят"), ("ийте", "ият"),
    ("ете", "ат"), ("ете", "ят"), ("ай", "ат"), ("яй", "ят"),
)  # fmt: skip
# Endings after the stem of a verb in -а/-я that no form of a noun in -а has: second
# person singular, first person plural, past participle, aorist (пиш-еш, прав-им, чак-ал, вид-ях).
VERB_ONLY_ENDINGS = ("еш", "иш", "ем", "им", "ал", "ял", "ил", "ел", "ах", "ях", "их", "ох")
# Present-tense endings of verbs in -вам that no noun has (-ва and -ват have:
# Москва, Иванова, мегават, хърват), for a verb the dictionary lacks.
IMPERFECTIVE_ENDINGS = ("ваме", "вате", "ваш")

# simplemma marks reflexive verbs in its lemmas: обявя-(се), смея-се.
_REFLEXIVE_MARKS = ("-(се)", "-(си)", "-се", "-си")


class Dictionary(Protocol):
    """What the rules ask of the lemma dictionary (simplemma's module functions)."""

    def is_known(self, token: str, lang: str) -> bool: ...

    def lemmatize(self, token: str, lang: str) -> str: ...


_simplemma: Dictionary | None = None
_english = None
_known_terms: Callable[[str], str | None] | None = None
_index_dictionary: Dictionary | None = None


def use_known_terms(lookup: Callable[[str], str | None], dictionary: Dictionary | None = None) -> None:
    """Consult `lookup` (terms an index computed when it was built) before computing a term,
    and ask `dictionary` (the index's copy of the lemma dictionary) in place of simplemma's.

    `index_term` is a pure function, so a precomputed answer is the same answer,
    only without loading the dictionary; any index's answers serve any other, so
    the last one given replaces the one before. Without a `dictionary` (an index
    that lacks its copy), simplemma's is loaded for words the lookup lacks.
    """
    global _known_terms, _index_dictionary
    _known_terms = lookup
    _index_dictionary = dictionary


def _dictionary() -> Dictionary:
    global _simplemma
    if _index_dictionary is not None:
        return _index_dictionary
    if _simplemma is None:
        import simplemma

        _simplemma = simplemma
    return _simplemma


def is_dictionary_word(word: str) -> bool:
    """Whether the lemma dictionary lists this form: a word of the language, not a misspelling,
    even where an archive lacks it (нашта, a spoken form of нашата, is no typo of нафта)."""
    return has_cyrillic(word) and _dictionary().is_known(word, lang="bg")


def lemmatize_bulgarian(word: str, dictionary: Dictionary | None = None) -> str:
    """Lemma of a normalised Cyrillic word, or its light stem when the dictionary lacks it.

    `dictionary` replaces simplemma's, for measuring the rules on words hidden from it
    (bench/conflation.py).
    """
    dictionary = dictionary or _dictionary()
    lemma = _lemma_or_stem(word, dictionary)
    lemma = _noun_of_short_article(lemma, dictionary) or lemma
    lemma = _participle_lemma(word, lemma, dictionary) or _verb_of_verbal_noun(lemma, dictionary) or lemma
    return _perfective_of(lemma, dictionary) or _masculine_of(lemma, dictionary) or lemma


def _lemma_or_stem(word: str, dictionary: Dictionary) -> str:
    noun = _noun_in_ie(word, dictionary)
    if noun is not None:
        return noun
    lemma = _lemma(word, dictionary)
    if lemma is not None and lemma != word:
        return lemma
    adjective = _adjective_of(word, dictionary)
    if adjective is not None:
        return adjective
    if lemma is not None:
        return _noun_of_plural(word, dictionary) or lemma
    expanded = _expanded_abbreviation(word, dictionary)
    if expanded is not None:
        return expanded
    for suffix in ARTICLE_SUFFIXES:
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= MIN_STEM and _lemma(base, dictionary):
            return _lemma_or_stem(base, dictionary)  # as the base itself is read (случайното: случайно)
    # A plural the dictionary lacks is read through the singular it has; a verb
    # would be a wrong reading (отвари is the plural of отвара, not of отварям).
    for ending, singular in NOUN_ENDINGS:
        base = word[: -len(ending)] + singular
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM and (lemma := _lemma(base, dictionary)):
            if not lemma.endswith(("ам", "ям")):
                return lemma
    # A verb form the dictionary lacks (its verb paradigms have gaps: гръмнаха,
    # наливат, поддържаме) is read through a form of the same verb that it has;
    # the answer must look like a verb, so that a noun the ending happens to
    # leave (портал -> порта) is not taken.
    for ending, kept in VERB_ENDINGS:
        base = word[: len(word) - len(ending) + len(kept)]
        if word.endswith(ending) and len(base) >= MIN_STEM and (lemma := _lemma(base, dictionary)):
            if _looks_like_verb(lemma, base):
                return lemma
    # A verb form it lacks, read through the first person singular, a verb's lemma (вкопчват -> вкопчвам).
    for ending, first_person in CONJUGATION_ENDINGS:
        verb = word[: -len(ending)] + first_person
        if word.endswith(ending) and len(word) - len(ending) >= CONJUGATION_MIN_STEM and _lemma(verb, dictionary) == verb:
            return verb
    for ending, plural in IMPERATIVE_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= MIN_STEM:
            lemma = lemmatize_bulgarian(stem + plural, dictionary)
            if _is_verb(lemma, dictionary):
                return lemma
    # A third person singular it lacks, read through the plural it has (генерира: генерират).
    if word[-1] in "ая" and len(word) >= MIN_STEM + 3:
        plural = _lemma(word + "т", dictionary)
        if plural is not None and plural.endswith(IMPERFECTIVE_LEMMA_ENDINGS):
            return plural
    verb = verb_stem(word)
    if verb is not None:
        return _lemma_of_verb_stem(verb, dictionary) or verb
    for ending, kept in VERBAL_NOUN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= SIBLING_MIN_STEM:
            return word[: len(word) - len(ending)] + kept
    for ending in IMPERFECTIVE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)] + "вам"  # a verb in -вам it lacks: наливаме -> наливам
    verb = _verb_of_participle_in_en(word, dictionary)
    if verb is not None:
        return verb
    stem = stem_bulgarian(word)
    # An uninflected unknown word is most often a name: Браун is not брауни.
    if stem != word and len(stem) >= SIBLING_MIN_STEM and (lemma := _lemma_of_sibling(stem, dictionary)):
        return lemma
    return _without_fleeting_e(stem, dictionary)


def _expanded_abbreviation(word: str, dictionary: Dictionary) -> str | None:
    """The lemma of the word an abbreviation stands for (млрд -> милиард, лв -> лев, св -> свети).

    The dictionary lists abbreviations with their dot (млрд.), which the tokenizer
    leaves out; read with it, "3 млрд. долара" meets "милиарди". The lemma must be a
    word, not the abbreviation again (ян. -> ян.).
    """
    lemma = _lemma(word + ".", dictionary)
    return lemma if lemma is not None and lemma.isalpha() and len(lemma) > len(word) else None


def _noun_in_ie(word: str, dictionary: Dictionary) -> str | None:
    """The noun in -ие of a plural or definite form (обвинения, обвиненията -> обвинение).

    The dictionary reads such a plural as a participle's definite form and gives the
    verb (обвинения -> обвиня, разкрития -> разкрия), and lacks many -ието and -ията
    forms; in news they are all but always the noun's. Taken when the dictionary
    knows the noun in -ие as its own lemma.
    """
    for ending in IE_NOUN_ENDINGS:
        base = word[: -len(ending)]
        singular = base + "ие"
        if word.endswith(ending) and len(base) >= MIN_STEM and _lemma(singular, dictionary) == singular:
            return singular
    return None


def _noun_of_plural(word: str, dictionary: Dictionary) -> str | None:
    """The noun of a plural the dictionary gives as its own lemma (преговори, звезди, форми),
    read through the definite plural (преговорите -> преговор), which it knows as the noun's.

    The noun must be the plural's stem, alone or with -а or -я, and read back from its
    own definite form (преговорът, звездата), so that a verb is not taken for it.
    """
    if not word.endswith("и") or len(word) < PLURAL_MIN:
        return None
    stem = word[:-1]
    noun = _lemma(word + "те", dictionary)
    if noun == stem:
        definite = noun + "ът"
    elif noun in (stem + "а", stem + "я"):
        definite = noun + "та"
    else:
        return None
    return noun if _lemma(definite, dictionary) == noun else None


def _noun_of_short_article(lemma: str, dictionary: Dictionary) -> str | None:
    """The masculine noun of a definite form in -а or -я that the dictionary gives as a
    lemma (анализа, варианта, Ватикана: анализ, вариант, Ватикан; it also reads анализи
    as анализа), which a search for the noun would otherwise miss.

    The noun must be read back from its full definite form (анализът), and the lemma
    must not be a feminine noun of its own, which its definite form leads back to
    (политика: политиката, not политик), nor a verb, which has a third person plural,
    a first person aorist or another form only verbs have (приема: приемат; стана:
    станах).
    """
    if len(lemma) < SHORT_ARTICLE_MIN or lemma[-1] not in "ая" or _lemma(lemma, dictionary) != lemma:
        return None
    noun = lemma[:-1]
    if _lemma(noun + ("ът" if lemma[-1] == "а" else "ят"), dictionary) != noun:
        return None
    if any(_lemma(lemma + ending, dictionary) is not None for ending in ("та", "т", "х")):
        return None
    if any(_lemma(noun + ending, dictionary) == lemma for ending in VERB_ONLY_ENDINGS):
        return None
    return noun


def _participle_lemma(word: str, lemma: str, dictionary: Dictionary) -> str | None:
    """The lemma of a participle's masculine form, for its other forms.

    The dictionary splits a participle's forms between the verb and the participle
    itself (скрит, скрити -> скрит but скритият -> скрия; разрушен -> разруша but
    разрушената -> разрушен): the masculine form's answer is taken for them all.
    """
    ending = next((ending for ending in PARTICIPLE_ENDINGS if word.endswith(ending)), None)
    if ending is None:
        return None
    masculine = word[: -len(ending)]
    # A participle's masculine ends in a vowel and н, т or щ.
    if len(masculine) < PARTICIPLE_MIN or masculine[-1] not in "нтщ" or masculine[-2] not in VOWELS:
        return None
    known = _lemma(masculine, dictionary)
    if known is None:
        return None
    # Its verb is not that masculine's feminine, as a noun in -а beside a masculine
    # noun is (трибуна is not a form of трибун).
    feminines = (masculine + "а", masculine + "я")
    if lemma == masculine and known.endswith(VERB_LEMMA_ENDINGS) and known not in feminines:
        return known
    if known == masculine and lemma.endswith(VERB_LEMMA_ENDINGS) and lemma not in feminines:
        # ... unless the word is that verb's own (плаща, its third person, is not a form of плащ)
        return known if lemma not in (word, word + "м") else None
    return None


def _verb_of_verbal_noun(lemma: str, dictionary: Dictionary) -> str | None:
    """The verb of a verbal noun in -ане or -яне (изследване: изследвам; забавяне: забавя).

    The dictionary lists such nouns as lemmas of their own, and a headline's noun
    (гласуването) then misses the article's verb (гласуваха), as a word the dictionary
    lacks does not (допитване, допитва). Nouns in -ение keep their own lemma: they
    have drifted further from the verb (решение, предложение).
    """
    if len(lemma) < VERBAL_NOUN_MIN or not lemma.endswith(("ане", "яне")):
        return None
    for verb in (lemma[:-2] + "м", lemma[:-3] + "я"):
        if _lemma(verb, dictionary) == verb:
            return verb
    return None


def _perfective_of(lemma: str, dictionary: Dictionary) -> str | None:
    """The perfective partner of an imperfective verb in -ям or -ам (подготвям: подготвя;
    получавам: получа; пристигам: пристигна).

    The imperfective's third person singular is spelt as the perfective's lemma, and
    the dictionary reads it so (подготвя -> подготвя, подготвят -> подготвям): the
    form news uses most would stand apart from the rest of its verb. The pair is one
    word to a reader, so both take the perfective's lemma; and so do the pairs whose
    forms are spelt apart (получава, получи; казва, каже; пристига, пристигна), which
    news uses as much as each other.
    """
    if len(lemma) < ASPECT_MIN or not lemma.endswith(IMPERFECTIVE_LEMMA_ENDINGS) or lemma in NOT_PAIRED:
        return None
    for perfective, in_na in _perfective_spellings(lemma):
        if _lemma(perfective, dictionary) != perfective:
            continue  # no such verb
        # A perfective in -на must read its plural back, which an adjective's feminine
        # does not (плувам: плувна is плувен's); another must not be a noun with a
        # definite form (почва, почвата: почвам is another word).
        if in_na:
            paired = _lemma(perfective + "т", dictionary) == perfective
        else:
            paired = _lemma(perfective + "та", dictionary) is None
        if paired:
            return perfective
    return None


def _perfective_spellings(imperfective: str) -> list[tuple[str, bool]]:
    """How the perfective of an imperfective may be spelt, each with whether it is one in -на:
    without the -м, by PERFECTIVE_SPELLINGS, or in -на (пристигам: пристигна, тръгвам: тръгна),
    tried last: надявам is надя's, not надяна's."""
    spellings = [(imperfective[:-1], False)]
    for ending, replacements in PERFECTIVE_SPELLINGS:
        if imperfective.endswith(ending):
            spellings += [(imperfective[: -len(ending)] + replacement, False) for replacement in replacements]
            break
    if imperfective.endswith("вам") and imperfective[-4] not in VOWELS:
        spellings += [(imperfective[: -len("вам")] + replacement, False) for replacement in ("а", "я")]
    if imperfective.endswith("ам"):
        spellings.append((imperfective[: -len("вам") if imperfective.endswith("вам") else -len("ам")] + "на", True))
    return spellings


def _masculine_of(lemma: str, dictionary: Dictionary) -> str | None:
    """The masculine in -ник of a feminine in -ница (участница, противница -> участник, противник).

    The plurals of the two are one word, участници, and the dictionary reads many
    such plurals as the feminine's (противници, наследниците), others as the
    masculine's (участниците): the forms of one word would go to two terms. A
    reader searching either means the other as well.
    """
    if len(lemma) < FEMININE_MIN or not lemma.endswith("ница"):
        return None
    masculine = lemma[: -len("ница")] + "ник"
    return masculine if _lemma(masculine, dictionary) == masculine else None


def _verb_of_participle_in_en(word: str, dictionary: Dictionary) -> str | None:
    """The verb of a participle's masculine in -ен that the dictionary lacks while it
    reads the participle's other forms as the verb's (проведен: проведени, проведена -> проведа)."""
    if not word.endswith("ен") or len(word) < PARTICIPLE_MIN + 2:
        return None
    verb = lemmatize_bulgarian(word + "и", dictionary)
    if verb.endswith(VERB_LEMMA_ENDINGS) and not verb.startswith(word) and verb == lemmatize_bulgarian(word + "а", dictionary):
        return verb
    return None


def _lemma_of_verb_stem(stem: str, dictionary: Dictionary) -> str | None:
    """The lemma of a verb in -ирам, -увам or -вам whose first or third person
    the dictionary knows, for the forms it lacks (реализирана -> реализирам, as реализира)."""
    for form in (stem + "ам", stem + "а"):
        lemma = _lemma(form, dictionary)
        if lemma is not None and lemma == stem + "ам":
            return lemma
    return None


def _without_fleeting_e(stem: str, dictionary: Dictionary) -> str:
    """A stem in -ен after a consonant spelt as the word's other forms spell it
    (глобален: глобална, глобалните -> глобалн; конгресмен, конгресмени -> конгресмн).

    An adjective drops that е in every form but the masculine; a noun keeps it, and
    is cut the same way in all its forms, so either way the forms meet. A participle
    keeps it too, but the dictionary knows most participles' verbs (see
    _verb_of_participle_in_en). Stems of three and four letters are left whole (ден, член). After a vowel
    the е is a й in the other forms (енергиен: енергийна -> енергийн).
    """
    if len(stem) < FLEETING_E_MIN or not stem.endswith("ен"):
        return stem
    # A masculine the dictionary knows keeps its е in the forms it lacks (божествен: божествените).
    if _lemma(stem, dictionary):
        return stem
    return stem[:-2] + ("йн" if stem[-3] in VOWELS else "н")


def _lemma_of_sibling(stem: str, dictionary: Dictionary) -> str | None:
    """The lemma of another form on the same stem, when the dictionary knows that form only.

    Its paradigms have gaps: it knows климатични and гръбначния but not климатична
    or гръбначните, which would otherwise stay a stem apart from their own plurals.
    The masculine definite -ия is taken for adjectives only: on a noun's stem it
    spells another noun (хегемони -> хегемония, напътства -> напътствия).
    """
    for ending in SIBLING_ENDINGS:
        lemma = _lemma(stem + ending, dictionary)
        if lemma is None or lemma[: len(stem) - 2] != stem[: len(stem) - 2]:
            continue
        if ending != "ия" or lemma.endswith(ADJECTIVE_LEMMA_ENDINGS):
            return lemma
    # The masculine adjective, with the vowel its other forms drop (загадъчна -> загадъчен).
    if stem[-1] == "н" and stem[-2] not in VOWELS:
        masculine = stem[:-1] + "ен"
        if _lemma(masculine, dictionary) == masculine:
            return masculine
    return None


def _lemma(form: str, dictionary: Dictionary) -> str | None:
    """The dictionary's lemma of `form`, None when it has none worth trusting.

    Inflection changes a Bulgarian word's end, not its first letter; a lemma that
    starts otherwise is a fault of the data (морско -> свинче, taken from the
    entry "морско свинче"; нуждаещи -> се), and the word is better left to the
    rules below than joined to an unrelated one.
    """
    if not dictionary.is_known(form, lang="bg"):
        return None
    lemma = _clean_lemma(dictionary.lemmatize(form, lang="bg"))
    return lemma if lemma[:1] == form[:1] else None


def _adjective_of(word: str, dictionary: Dictionary) -> str | None:
    """The adjective of a neuter or adverb form in -о that the dictionary leaves as
    its own lemma or lacks (сериозно, ужасно, морско), while it takes the feminine
    and plural (сериозна, сериозни) to сериозен: a headline's "ужасно" must find
    the article's "ужасната".

    Two of the feminine, the plural and the definite neuter (сериозното) must agree
    on a lemma that looks like a masculine adjective, so that a noun (рано: рана,
    рани) is not taken, nor a verb one form may also be (бърза: бързам; бързи,
    бързото: бърз); and a neuter noun, whose definite form leads back to it
    (лятото -> лято), stays itself.
    """
    if len(word) < 4 or not word.endswith("о"):
        return None
    definite = _lemma(word + "то", dictionary)
    if definite == word:
        return None
    feminine, plural = word[:-1] + "а", word[:-1] + "и"
    readings = [_lemma(feminine, dictionary), _lemma(plural, dictionary), definite]
    lemma = next((reading for reading in readings if reading is not None and readings.count(reading) > 1), None)
    if lemma is not None:
        return lemma if lemma.endswith("ки") or lemma[-1] not in "аеиоуъюяйм" else None
    # Where the dictionary lacks those forms too, they are read as any word it lacks
    # (категорична -> категоричен, ексклузивна -> ексклузивн) and must agree on an
    # adjective's stem: a name in -о (Косово: Косова, Косови -> косов; Сашко) stays itself.
    if len(word) < 6:
        return None
    lemma = lemmatize_bulgarian(feminine, dictionary)
    if lemma == lemmatize_bulgarian(plural, dictionary) and lemma.endswith(ADJECTIVE_STEM_ENDINGS):
        return lemma
    return None


def _looks_like_verb(lemma: str, form: str) -> bool:
    """A verb's lemma (VERB_LEMMA_ENDINGS), and its third person singular ends in a vowel (not -те: разтворите-л is a noun)."""
    return lemma.endswith(VERB_LEMMA_ENDINGS) and form[-1] in "аяие" and not form.endswith("те")


def _is_verb(lemma: str, dictionary: Dictionary) -> bool:
    """Whether the dictionary knows a form of `lemma` that only a verb has (third person plural,
    second person singular, first person plural, past participle, aorist) as a form of it: a noun
    in -а (жена, подкрепа) has none, and the verb beside it has its own (женил: женя)."""
    stem = lemma[:-1]
    if lemma.endswith(IMPERFECTIVE_LEMMA_ENDINGS):
        forms = [stem + ending for ending in ("т", "ш", "ме", "л", "х")]
    elif lemma.endswith(("а", "я")):
        forms = [lemma + "т", *(stem + ending for ending in VERB_ONLY_ENDINGS)]
    else:
        return False
    return any(_lemma(form, dictionary) and lemmatize_bulgarian(form, dictionary) == lemma for form in forms)


def _clean_lemma(lemma: str) -> str:
    for mark in _REFLEXIVE_MARKS:
        if lemma.endswith(mark):
            lemma = lemma[: -len(mark)]
            break
    return normalize(lemma)


def stem_english(word: str) -> str:
    global _english
    if _english is None:
        import Stemmer

        _english = Stemmer.Stemmer("english")
    return _english.stemWord(word)


def has_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _has_latin(word: str) -> bool:
    return any("a" <= ch <= "z" for ch in word)


def truncate_word(word: str, length: int) -> str:
    """The first `length` letters of a word; numbers and short words stay whole."""
    if len(word) <= length or not word[0].isalpha():
        return word
    return word[:length]


@lru_cache(maxsize=500_000)
def index_term(word: str) -> str:
    """The term under which a normalised word is indexed and searched."""
    known = _known_terms(word) if _known_terms else None
    if known is not None:
        return known
    cyrillic, latin = has_cyrillic(word), _has_latin(word)
    if cyrillic and not latin:
        return lemmatize_bulgarian(word)
    if latin and not cyrillic:
        return stem_english(word)
    return word
