"""The grouped posting pool gives Whoosh's writer every posting in the order Whoosh's own pool does."""

from __future__ import annotations

from tempfile import TemporaryDirectory

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.filedb.filestore import FileStorage

from newssearch.index.pool import TermGroupedPool

terms = st.tuples(st.sampled_from(["body", "exact", "title"]), st.binary(min_size=1, max_size=3))
documents = st.lists(st.lists(terms, min_size=1, max_size=6, unique=True), max_size=40)


@settings(deadline=None)
@given(documents, st.integers(0, 3000))
def test_postings_come_out_sorted_by_field_term_and_article_across_spilled_runs(docs, limit_bytes):
    with TemporaryDirectory() as folder:
        _check_pool(FileStorage(folder), docs, limit_bytes)


def _check_pool(storage, docs, limit_bytes):
    pool = TermGroupedPool(storage, None, limitmb=1)
    pool.limit = limit_bytes  # small enough to spill several runs
    added = []
    for docnum, doc_terms in enumerate(docs):
        for fieldname, text in doc_terms:
            item = (fieldname, text, docnum, float(len(text)), text * 2)
            pool.add(item)
            added.append(item)
    assert list(pool.iter_postings()) == sorted(added)
    by_term = list(pool.iter_postings().by_term())
    assert [key for key, _ in by_term] == sorted({item[:2] for item in added})  # each term once
    flat = [(*key, *postings[start : start + 3]) for key, postings in by_term for start in range(0, len(postings), 3)]
    assert flat == sorted(added)
    assert pool.fieldnames == {fieldname for fieldname, *_ in added}
    pool.cleanup()
    assert not storage.list()  # no run file left behind


@given(st.lists(st.integers(0, 50), unique=True, max_size=20), st.binary(min_size=1, max_size=2))
def test_a_terms_postings_added_out_of_article_order_come_out_in_order(docnums, text):
    # As when a merge adds segments' postings term by term.
    pool = TermGroupedPool(None, None, limitmb=1)
    for docnum in docnums:
        pool.add(("body", text, docnum, float(docnum), bytes([docnum])))
    assert [docnum for _, _, docnum, _, _ in pool.iter_postings()] == sorted(docnums)
    assert [value for *_, value in pool.iter_postings()] == [bytes([docnum]) for docnum in sorted(docnums)]
