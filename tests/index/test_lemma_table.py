"""The index's copy of the lemma dictionary answers as simplemma does, so that a query
word the index lacks gets the term an article's word would have got."""

import subprocess
import sys

import pytest
import simplemma
from hypothesis import given, settings
from hypothesis import strategies as st

from newssearch.analysis.lemmatize import lemmatize_bulgarian
from newssearch.cli import app
from newssearch.index import build_index
from newssearch.index.lemma_table import LEMMA_TABLE, LemmaTable, write_lemma_table
from newssearch.index.storage import current_generation
from newssearch.search import search
from tests.conftest import index_of

# Forms of every kind the rules ask about: inflected nouns, adjectives and verbs,
# names the dictionary capitalises, words it lacks, and ones near its entries.
WORDS = (
    "срещите срещата среща президентът новото руските обвиненията наводненията глобализма "
    "ватикана анализи политиката приемат гръмнаха наливат вкопчват изчакайте генерира "
    "сериозно морско категорично тръмп путина лаврова браун хегемони косово брекзита "
    "украйната следващата изправен ранените направена млрд реципрочно щепсела"
).split()
CYRILLIC = st.text(alphabet="абвгдежзийклмнопрстуфхцчшщъьюя", min_size=1, max_size=10)


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    directory = tmp_path_factory.mktemp("lemmas")
    write_lemma_table(directory)
    return LemmaTable(directory / LEMMA_TABLE)


@pytest.mark.parametrize("word", WORDS)
def test_the_rules_give_the_same_lemma_from_the_table(table, word):
    assert lemmatize_bulgarian(word, table) == lemmatize_bulgarian(word, simplemma)


@settings(max_examples=200, deadline=None)
@given(CYRILLIC)
def test_the_table_knows_what_simplemma_knows(table, word):
    for form in (word, word.capitalize()):
        known = simplemma.is_known(form, lang="bg")
        assert table.is_known(form, lang="bg") == known
        if known:
            assert table.lemmatize(form, lang="bg") == simplemma.lemmatize(form, lang="bg")


def test_an_index_without_its_table_reads_query_words_with_simplemma(tmp_path):
    index_dir = index_of(tmp_path, {"a.txt": " date 2025-10-21 Срещата в Анкъридж завърши без споразумение."})
    (current_generation(index_dir) / LEMMA_TABLE).unlink()
    assert [hit.id for hit in search(index_dir, "срещите").hits] == ["a.txt"]


def test_a_query_word_the_index_lacks_is_read_without_loading_simplemma(seed_index):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from newssearch.search import search\n"
        f"result = search(Path({str(seed_index)!r}), 'срещите')\n"
        "print(result.total > 0, 'simplemma' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]


def test_an_update_keeps_the_table_it_inherits(tmp_path):
    index_dir = index_of(tmp_path, {"a.txt": " date 2025-10-21 Срещата в Анкъридж завърши без споразумение."})
    table = current_generation(index_dir) / LEMMA_TABLE
    (tmp_path / "corpus" / "b.txt").write_text(" date 2025-10-22 Наводненията в Испания.", encoding="utf-8")
    report = build_index([tmp_path / "corpus"], index_dir)
    updated = current_generation(index_dir) / LEMMA_TABLE
    assert report.updated and updated != table and updated.stat().st_ino == table.stat().st_ino
    assert [hit.id for hit in search(index_dir, "наводнение").hits] == ["b.txt"]


def test_a_damaged_table_is_an_error_that_says_how_to_rebuild(runner, tmp_path):
    index_dir = index_of(tmp_path, {"a.txt": " date 2025-10-21 Срещата в Анкъридж завърши без споразумение."})
    (current_generation(index_dir) / LEMMA_TABLE).write_bytes("срещитеее\tx\ty\n".encode())
    result = runner.invoke(app, ["query", "срещитеее", "--index", str(index_dir)])
    assert result.exit_code == 2
    assert result.stderr == f"newssearch: index at {index_dir} is damaged: run `newssearch index --full` to rebuild it\n"
