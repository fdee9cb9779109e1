"""A light suffix-stripping stemmer for Bulgarian words the lemma dictionary does not know.

Those are mostly names and new words (Путина, Лаврова, Тръмпи, брекзита), so it
removes only inflection: the definite article and plural endings, plus the final
vowel that marks the short article, the feminine form or an adjective's neuter, and spells a stem's end
as the plural does where a sound changes (украинец, украинци -> украинц). It
never removes a bare -та/-то/-те after a consonant, which would cut into stems
such as брекзит.
Pure: no dictionary, no Whoosh.
"""

from __future__ import annotations

MIN_STEM = 3

# Longest first; the first suffix that leaves at least MIN_STEM letters is removed.
# A masculine in -й loses it in the other forms (Сергей, Сергея; Дмитрий, Дмитрия).
_SUFFIXES = (
    "овете", "евете",
    "ията", "иите",
    "ите", "ове", "еве", "ият", "ата", "ята", "ото", "ето",
    "ът", "ят", "ия", "ии", "ий",
    "а", "я", "и", "й",
)  # fmt: skip

# The definite-article endings alone: removing one of these from an unknown word
# may give a form the dictionary knows (украйната -> украйна).
ARTICLE_SUFFIXES = ("та", "то", "те", "ът", "ят", "а", "я")

# Plural and definite endings of nouns and adjectives (ending, what replaces it),
# to find the singular the dictionary knows when it lacks the plural
# (горещини -> горещина, констатациите -> констатация, широкият -> широки).
NOUN_ENDINGS = (
    ("ите", "а"), ("ите", "я"), ("и", "а"), ("и", "я"), ("ият", "и"), ("ия", "и"),
    ("ища", "ище"), ("овете", ""), ("ове", ""), ("и", ""),
    ("зите", "г"), ("ците", "к"), ("сите", "х"), ("зи", "г"), ("ци", "к"), ("си", "х"),
)  # fmt: skip

# Verb endings (ending, letters of it kept) whose removal gives the third person
# singular (гръмнаха -> гръмна, наливат -> налива, подигравал -> подиграва),
# a form the dictionary knows far more often than the rest of the paradigm.
VERB_ENDINGS = (
    ("хме", ""), ("хте", ""), ("ха", ""), ("ше", ""), ("ме", ""),
    ("ат", "а"), ("ят", "я"), ("ли", ""), ("ла", ""), ("ло", ""), ("л", ""), ("х", ""),
)  # fmt: skip


# A plural turns the final г of nouns in -лог into з (вирусолог, вирусолози);
# these are the new words the dictionary lacks most often.
_PLURAL_LOG, _LOG = "лоз", "лог"


# The definite form of a feminine noun in -ост/-ест doubles its т (младостта);
# a bare -та after a consonant is otherwise kept (see the module's docstring).
_ABSTRACT_DEFINITE = ("остта", "естта")

# The neuter of an adjective or participle and the adverb spelt like it (нетно, азовско,
# недокоснато, неразкрито) meet the other forms (нетна, нетни) on the stem before the -о. A
# name's -о stays (Рубио, Марко, Сашко, Токио), and so does -ово/-ево: a place's (Карлово,
# Симеоново) would meet a family name (Карлов, Симеонов).
_NEUTER_ADJECTIVE_STEMS = ("н", "ск", "ат", "ят", "ит", "ут")

# A neuter noun in -ие meets its plural in -ия (наводнение, наводнението,
# наводнения) on the stem before the ending; a verb's -ие is a short stem's
# (затрие, напие) or the past of приема (възприе), and is kept.
_NEUTER_ENDINGS = ("ието", "ие")
_NEUTER_MIN_STEM = 5
_NOT_NEUTER = "прие"
# Neuter nouns in -ство and -ище, cut as their other forms are (-ството, -ства -> -ств).
_NEUTER_CONSONANT_STEMS = ("ств", "ищ")

# The forms of verbs in -ирам and -увам, the verbs news borrows and coins
# (анексира, анексираха, анексирани), and in -авам, -явам, -ивам and -вам after a
# consonant, the imperfectives it derives (оповестява, прикрива, пренасочва), after
# the -ир, -ув, -ав, -яв, -ив or consonant and в that every form keeps. Their third
# person singular in -а is cut to the same stem as any word's final -а, as is a
# noun's in -ир (командира, командир) or -тв (молитва). After a vowel and в the
# past participle's endings are left out: nouns in -авал and -ивал have them
# (карнавала, фестивала). Three letters of root before the stem's end are enough
# (наливат, базират, тестват, любуваш), except before -ав: the nouns in -ават
# (мегават, киловат) would be read as verbs.
_VERB_ENDINGS = (
    "ахме", "ахте", "аха", "аше", "ах", "аме", "ате", "ам", "аш", "ат",
    "ания", "аната", "аното", "аните", "аният", "ана", "ано", "ани", "ан",
    "айки", "айте", "ай", "ането", "ане",
)  # fmt: skip
_PAST_PARTICIPLE_ENDINGS = ("ала", "ало", "али", "ал")
_CONSONANT_V = tuple(consonant + "в" for consonant in "бгджзклмнпрстфхцчшщ")
# (stem endings, the endings cut after them, letters of root before the stem's end)
_VERB_STEM_ENDINGS = (
    (("ир", "ув", *_CONSONANT_V), _VERB_ENDINGS + _PAST_PARTICIPLE_ENDINGS, 3),
    (("яв", "ив"), _VERB_ENDINGS, 3),
    (("ав",), _VERB_ENDINGS, 4),
)

# Sounds that change between a noun's singular and its other forms, at the end of
# a stem, spelt as in the plural so that every form meets: -ник, -ници (and the
# feminine -ница); -ък, -ъци. After a consonant, also the vowel that -ец, -ър, -ъл
# and -ъм drop (украинец, украинци; министър, министри; комунизъм, комунизма).
_ALTERNATIONS = (("ник", "ниц"), ("ък", "ъц"))
_FLEETING_VOWELS = (("ец", "ц"), ("ър", "р"), ("ъл", "л"), ("ъм", "м"))
_ALTERNATION_MIN_STEM = 5
VOWELS = "аеиоуъюяѝ"


def stem_bulgarian(word: str) -> str:
    return _spelt_as_plural(_without_ending(word))


def _without_ending(word: str) -> str:
    if word.endswith(_ABSTRACT_DEFINITE) and len(word) - len("та") >= MIN_STEM + 1:
        return word[: -len("та")]
    neuter = next((ending for ending in _NEUTER_ENDINGS if word.endswith(ending)), None)
    if neuter is not None:
        if len(word) - len(neuter) >= _NEUTER_MIN_STEM and not word.endswith(_NOT_NEUTER):
            return word[: -len(neuter)]
        if neuter == "ието" and len(word) - len(neuter) >= MIN_STEM:
            return word[: -len("то")]  # имението -> имение
        return word
    stem = word[:-1]
    if stem.endswith(_NEUTER_CONSONANT_STEMS) and word[-1:] in ("о", "е") and len(stem) >= _NEUTER_MIN_STEM:
        return stem
    verb = verb_stem(word)
    if verb is not None:
        return verb
    if word[-1:] == "о" and stem.endswith(_NEUTER_ADJECTIVE_STEMS) and len(stem) >= MIN_STEM + 1:
        return stem
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            stem = word[: -len(suffix)]
            if suffix in ("и", "ите") and stem.endswith(_PLURAL_LOG) and len(stem) - len(_PLURAL_LOG) >= MIN_STEM:
                return stem[: -len(_PLURAL_LOG)] + _LOG
            return stem
    return word


def verb_stem(word: str) -> str | None:
    """The stem of a form of a verb in -ирам, -увам or -вам (анексираха -> анексир, пренасочват -> пренасочв), if it is one."""
    for stem_endings, endings, min_root in _VERB_STEM_ENDINGS:
        for ending in endings:
            stem = word[: -len(ending)]
            if word.endswith(ending) and stem.endswith(stem_endings) and len(stem) - 2 >= min_root:
                return stem
    return None


def _spelt_as_plural(stem: str) -> str:
    if len(stem) < _ALTERNATION_MIN_STEM:
        return stem
    for singular, plural in _ALTERNATIONS:
        if stem.endswith(singular):
            return stem[: -len(singular)] + plural
    for singular, plural in _FLEETING_VOWELS:
        if stem.endswith(singular) and stem[-3] not in VOWELS:
            return stem[:-2] + plural
    return stem
