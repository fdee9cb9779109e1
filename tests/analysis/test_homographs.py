"""Forms a lemma shares with another word: named for the lemma, and the lemma for them."""

from hypothesis import given
from hypothesis import strategies as st

from newssearch.analysis.homographs import forms_read_otherwise, lemmas_also_meant

# What an index's term map would say of some words: the dictionary reads промени as a
# verb and прави as an adjective; промяната and правят confirm the noun and the verb.
ARCHIVE = {
    "промяна": "промяна", "промяната": "промяна", "промени": "променя", "промените": "променя",
    "правя": "правя", "правят": "правя", "прави": "права", "правите": "права",
    "жена": "жена", "жената": "жена", "жени": "жена",
    "западен": "западен", "западния": "западен", "западни": "западна", "западните": "западен",
    "пълен": "пълен", "пълния": "пълен", "пълни": "пълня",
    "среща": "среща", "срещата": "среща", "срещи": "среща",
}  # fmt: skip


def test_a_noun_names_its_plurals_the_dictionary_reads_as_a_verb():
    assert forms_read_otherwise("промяна", ARCHIVE.get) == ("промени", "промените")


def test_a_verb_names_its_present_forms_the_dictionary_reads_as_another_word():
    assert forms_read_otherwise("правя", ARCHIVE.get) == ("прави", "правите")


def test_an_adjective_in_en_names_its_plural_read_as_another_word_unless_it_is_short():
    assert forms_read_otherwise("западен", ARCHIVE.get) == ("западни",)
    assert forms_read_otherwise("пълен", ARCHIVE.get) == ()  # пълни: fills, far more often


def test_a_lemma_whose_forms_all_go_to_it_names_none():
    assert forms_read_otherwise("жена", ARCHIVE.get) == ()
    assert forms_read_otherwise("среща", ARCHIVE.get) == ()


def test_only_forms_the_archive_holds_are_named():
    archive = {word: term for word, term in ARCHIVE.items() if word != "промените"}
    assert forms_read_otherwise("промяна", archive.get) == ("промени",)


def test_nothing_is_named_for_a_lemma_the_archive_does_not_confirm():
    # Without промяната the archive says nothing of a noun промяна: промени stays the verb's.
    archive = {word: term for word, term in ARCHIVE.items() if word != "промяната"}
    assert forms_read_otherwise("промяна", archive.get) == ()


def test_a_shared_form_also_means_its_other_lemma():
    assert lemmas_also_meant("промените", ARCHIVE.get) == ("промяна",)
    assert lemmas_also_meant("прави", ARCHIVE.get) == ("правя",)
    assert lemmas_also_meant("западни", ARCHIVE.get) == ("западен",)
    assert lemmas_also_meant("срещи", ARCHIVE.get) == ()


CYRILLIC = st.text(alphabet="бвгдклмнпрстяеоу", min_size=3, max_size=7)


@given(CYRILLIC, st.sampled_from("ая"), st.booleans(), st.lists(st.booleans(), min_size=8, max_size=8))
def test_every_form_named_for_a_lemma_is_held_otherwise_and_means_the_lemma_again(stem, ending, verb, held):
    lemma = stem + ending
    confirming = [stem + ("ят" if verb else "ата" if ending == "а" else "ята")]
    alternated = stem[: stem.rfind("я")] + "е" + stem[stem.rfind("я") + 1 :] if "я" in stem[1:] else stem
    shared = [plural + end for plural in {stem, alternated} for end in ("и", "ите", "им")]
    archive = {word: lemma for word in confirming}
    archive.update({form: "друго" for form, keep in zip(shared, held) if keep})
    for form in forms_read_otherwise(lemma, archive.get):
        assert archive.get(form) not in (None, lemma)
        assert lemma in lemmas_also_meant(form, archive.get)
