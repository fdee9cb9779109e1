"""A compound query word also searches its head: евроизборите finds an article on изборите."""

from __future__ import annotations

from newssearch.search import IndexSearcher, search


def test_a_compound_finds_articles_that_use_its_head(built_index):
    result = search(built_index, "евроизборите")
    assert [hit.id for hit in result.hits] == ["politika/izbori.txt"]
    assert result.interpreted_query == "евроизборите/изборите"
    snippet = result.hits[0].snippets[0]
    assert [snippet.text[span.start : span.end] for span in snippet.spans] == ["Изборите"]


def test_a_head_no_article_has_as_written_is_not_searched(built_index):
    result = search(built_index, "евросанкции парламентът")
    assert result.interpreted_query is None
    assert [hit.id for hit in result.hits] == ["politika/parlament.txt"]


def test_show_marks_the_head_as_search_found_it(built_index):
    with IndexSearcher(built_index) as searcher:
        view = searcher.article("politika/izbori.txt", query="евроизборите")
    assert view is not None
    assert [view.body[span.start : span.end] for span in view.body_spans] == ["Изборите"]
