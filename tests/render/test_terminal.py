import datetime as dt
import io

import pytest

from rich.console import Console

from newssearch.models import Hit, IndexReport, SearchResult, Skip, Snippet, Span
from newssearch.render.terminal import index_summary, print_search_result

HIT = Hit(
    rank=1,
    id="a.txt",
    path="corpus/a.txt",
    title="Среща [bold]на върха[/bold]",
    date=dt.date(2025, 10, 21),
    score=3.14159,
    title_spans=(Span(0, 5),),
    snippets=(Snippet("…срещата между Рубио и Лавров…", (Span(1, 8),)),),
)


def render(result, **console_options):
    buffer = io.StringIO()
    console = Console(file=buffer, width=80, **console_options)
    print_search_result(console, result)
    return buffer.getvalue()


def test_piped_output_golden():
    assert render(SearchResult("среща", 1, (HIT,)), color_system=None, soft_wrap=True) == (
        "1. Среща [bold]на върха[/bold]\n"
        "   2025-10-21  corpus/a.txt  score 3.14\n"
        "   …срещата между Рубио и Лавров…\n"
        "\n"
        "1 of 1 articles\n"
    )


def test_terminal_output_wraps_under_a_hanging_indent():
    buffer = io.StringIO()
    print_search_result(Console(file=buffer, width=24, color_system=None), SearchResult("среща", 1, (HIT,)))
    assert [line.rstrip() for line in buffer.getvalue().splitlines()] == [
        "1. Среща [bold]на",
        "   върха[/bold]",
        "   2025-10-21",
        "   corpus/a.txt  score",
        "   3.14",
        "   …срещата между Рубио",
        "   и Лавров…",
        "",
        "1 of 1 articles",
    ]


def test_matches_are_highlighted_in_colour():
    output = render(SearchResult("среща", 1, (HIT,)), force_terminal=True, color_system="standard")
    assert "\x1b[1;31mсрещата\x1b[0m" in output
    assert "[bold]на върха[/bold]" in output  # article text is never read as markup


@pytest.mark.parametrize("soft_wrap", [True, False])
def test_escape_sequences_in_article_text_never_reach_the_terminal(soft_wrap):
    hostile = Hit(
        rank=1, id="x", path="evil\x1b]0;owned\x07.txt", title="\x1b[2JЗаглавие\r", date=None, score=1.0,
        snippets=(Snippet("текст\x08\x1b[31m", ()),),
    )
    output = render(SearchResult("x", 1, (hostile,)), color_system=None, soft_wrap=soft_wrap)
    assert "\x1b" not in output and "\x07" not in output and "\r" not in output and "\x08" not in output


def test_no_results_line():
    assert render(SearchResult("xyz", 0), color_system=None, soft_wrap=True) == "no articles match xyz\n"
    # A page past the last (--offset): the articles exist.
    past = "12 articles match среща; this page is past the last of them\n"
    assert render(SearchResult("среща", 12), color_system=None, soft_wrap=True) == past


def test_index_summary_counts_skips_by_reason():
    report = IndexReport("index", 3, (Skip("a", "empty"), Skip("b", "empty"), Skip("c", "binary file")), 1.25)
    assert index_summary(report) == (
        "indexed 3 articles into index in 1.2 s; 3 not indexed, cut or undated: 2 empty, 1 binary file"
    )
