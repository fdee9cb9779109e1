"""The `newssearch` command: options in, library call, renderer out, errors to exit codes.

Exit codes follow ripgrep: 0 something found (or the index was built), 1 nothing
found, 2 an error, reported as one line on stderr.
"""

# No `from __future__ import annotations` here: Typer reads the commands' annotations
# at every start, and as strings each would be compiled again (about 10 ms a query).
import gc
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from newssearch import __version__
from newssearch.errors import NewsSearchError
from newssearch.render.safe import printable

if TYPE_CHECKING:
    from rich.console import Console

    from newssearch.models import SearchResult

EXIT_FOUND, EXIT_NOT_FOUND, EXIT_ERROR = 0, 1, 2

app = typer.Typer(
    name="newssearch",
    help="Full-text search for Bulgarian news.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class SortChoice(str, Enum):
    relevance = "relevance"
    newest = "newest"
    oldest = "oldest"


class ColorChoice(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


ColorOption = Annotated[
    ColorChoice, typer.Option("--color", help="Colour the terminal output (also off when NO_COLOR is set).")
]
IndexDirOption = Annotated[
    Path,
    typer.Option(
        "--index",
        envvar="NEWSSEARCH_INDEX",
        help="Index directory.",
        show_default=True,
    ),
]


def _version(value: bool) -> None:
    if value:
        print(f"newssearch {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = None,
) -> None:
    """Full-text search for Bulgarian news: `newssearch index`, then `newssearch query TEXT`."""


@app.command("index")
def index_command(
    sources: Annotated[
        Optional[list[Path]],
        typer.Option(
            "--source",
            "-s",
            envvar="NEWSSEARCH_SOURCE",
            help="Folder of .txt articles, a .txt file or a .jsonl file; repeatable [default: seeds].",
        ),
    ] = None,
    index_dir: IndexDirOption = Path("index"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every skipped file and why, and files not read as UTF-8.")
    ] = False,
    full: Annotated[bool, typer.Option("--full", help="Rebuild from scratch instead of updating what changed.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 2, index unchanged) if any file or record cannot be indexed.")
    ] = False,
) -> None:
    """Make the index equal to its sources: read new and changed files, drop deleted ones.

    The new index is built beside the old one and replaces it only when
    complete: if the run fails, the previous index keeps answering. --full
    rebuilds from scratch.

    Examples:

      newssearch index

      newssearch index --source ~/archive --source extra.jsonl --index ~/news-index
    """
    from newssearch.index import build_index
    from newssearch.render.terminal import index_summary

    stderr = _console(sys.stderr, ColorChoice.auto)
    with _user_errors(), _index_progress(stderr, enabled=not quiet) as on_progress:
        report = build_index(
            list(sources or [Path("seeds")]), index_dir, full=full, strict=strict, on_progress=on_progress
        )
    if verbose:
        for path, encoding in report.encodings:
            print(f"read {printable(path)} as {encoding}", file=sys.stderr)
        for skip in report.skips:
            print(printable(f"{skip.location}: {skip.reason}"), file=sys.stderr)
    if not quiet:
        print(index_summary(report), file=sys.stderr)


@app.command("query")
def query_command(
    words: Annotated[
        Optional[list[str]], typer.Argument(help="The query: words, \"a phrase\", AND, OR, NOT, title:word, word*, word~ (and its near spellings).", show_default=False)
    ] = None,
    index_dir: IndexDirOption = Path("index"),
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many articles to show.")] = 10,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many articles (paging).")] = 0,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON document to stdout.")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Print one JSON object per hit, one per line.")] = False,
    timeline: Annotated[
        bool, typer.Option("--timeline", help="Also count all matching articles per month (a bar chart).")
    ] = False,
    collapse: Annotated[
        bool,
        typer.Option("--collapse/--no-collapse", help="Show a story republished by several outlets once."),
    ] = True,
    since: Annotated[
        Optional[str], typer.Option("--since", help="Only articles dated on or after YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        Optional[str], typer.Option("--until", help="Only articles dated on or before YYYY, YYYY-MM or YYYY-MM-DD.")
    ] = None,
    sort: Annotated[SortChoice, typer.Option("--sort", help="Order: relevance, newest or oldest first.")] = SortChoice.relevance,
    batch: Annotated[
        Optional[Path],
        typer.Option(
            "--batch",
            help="Run one query per line of FILE (id<TAB>text; - reads stdin) and print one JSON line per query.",
            show_default=False,
        ),
    ] = None,
    trec: Annotated[bool, typer.Option("--trec", help="With --batch: print a TREC run file instead.")] = False,
    translit: Annotated[
        bool,
        typer.Option(
            "--translit/--no-translit",
            help="Also search Latin-typed words (Lavrov, 4estit) as the Cyrillic words they spell.",
        ),
    ] = True,
    color: ColorOption = ColorChoice.auto,
) -> None:
    """Search the index and show the best articles with highlighted snippets.

    Exit status: 0 when something was found, 1 when nothing was, 2 on error.

    Examples:

      newssearch query Рубио Лавров

      newssearch query "срещата Лавров" --limit 3

      newssearch query Лавров --since 2025-08 --until 2025-10 --sort newest

      newssearch query "Лавров date:2025-08..2025-10"

      newssearch query '"телефонен разговор" NOT Путин' --json | jq '.hits[0].title'

      newssearch query --batch queries.tsv --trec > run.txt
    """
    if batch is not None:
        if words:
            _fail("give either a query or --batch FILE, not both")
        options = {
            "limit": limit, "offset": offset, "translit": translit, "since": since, "until": until,
            "sort": sort.value, "collapse": collapse,
        }  # fmt: skip
        raise typer.Exit(_run_batch(batch, index_dir, options, trec=trec))
    if trec:
        _fail("--trec goes with --batch FILE")
    if not words:
        _fail("missing query: newssearch query WORDS (or --batch FILE)")
    from newssearch.search import search

    text = " ".join(words)
    with _user_errors():
        result = search(
            index_dir, text, limit=limit, offset=offset, translit=translit, since=since, until=until,
            sort=sort.value, timeline=timeline, collapse=collapse,
        )  # fmt: skip
    if not (json_output or jsonl):
        _print_notes(result)
    _print_result(result, json_output=json_output, jsonl=jsonl, color=color)
    raise typer.Exit(EXIT_FOUND if result.total else EXIT_NOT_FOUND)


def _print_result(result: "SearchResult", *, json_output: bool, jsonl: bool, color: ColorChoice) -> None:
    with _quiet_broken_pipe():
        if json_output or jsonl:
            from newssearch.render.json_printer import hit_lines_json, search_result_json

            sys.stdout.write(hit_lines_json(result) if jsonl else search_result_json(result) + "\n")
            sys.stdout.flush()
        else:
            from newssearch.render.terminal import print_search_result

            print_search_result(_console(sys.stdout, color), result)


@app.command("show")
def show_command(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="The article's id, as query results give it.")],
    query: Annotated[Optional[str], typer.Option("--query", "-q", help="Highlight the words of this query.")] = None,
    index_dir: IndexDirOption = Path("index"),
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON document to stdout.")] = False,
    color: ColorOption = ColorChoice.auto,
) -> None:
    """Print one article whole, highlighted when a query is given.

    Exit status: 0 when the article exists, 1 when there is none with that id, 2 on error.

    Examples:

      newssearch show 000_342c5d5e8864362c.txt --query "Рубио Лавров"

      newssearch show politika/parlament.txt --json | jq -r .text
    """
    from newssearch.search import IndexSearcher

    with _user_errors(), IndexSearcher(index_dir) as searcher:
        article = searcher.article(article_id, query=query)
    if article is None:
        print(f"newssearch: no article with id {printable(article_id)}", file=sys.stderr)
        raise typer.Exit(EXIT_NOT_FOUND)
    with _quiet_broken_pipe():
        if json_output:
            from newssearch.render.json_printer import article_json

            sys.stdout.write(article_json(article) + "\n")
        else:
            from newssearch.render.terminal import print_article

            print_article(_console(sys.stdout, color), article)


@app.command("similar")
def similar_command(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="The article's id, as query results give it.")],
    index_dir: IndexDirOption = Path("index"),
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many articles to show.")] = 10,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON document to stdout.")] = False,
    color: ColorOption = ColorChoice.auto,
) -> None:
    """List the articles most like one article (its most telling words, highlighted).

    Exit status: 0 when something was found, 1 when nothing was (or there is no such id), 2 on error.

    Examples:

      newssearch similar politika/parlament.txt

      newssearch similar 000_342c5d5e8864362c.txt --json | jq -r '.hits[].title'
    """
    from newssearch.search import IndexSearcher

    with _user_errors(), IndexSearcher(index_dir) as searcher:
        result = searcher.similar(article_id, limit=limit)
    if result is None:
        print(f"newssearch: no article with id {printable(article_id)}", file=sys.stderr)
        raise typer.Exit(EXIT_NOT_FOUND)
    _print_result(result, json_output=json_output, jsonl=False, color=color)
    raise typer.Exit(EXIT_FOUND if result.total else EXIT_NOT_FOUND)


@app.command("stats")
def stats_command(
    index_dir: IndexDirOption = Path("index"),
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON document to stdout.")] = False,
    color: ColorOption = ColorChoice.auto,
) -> None:
    """Show what the index holds: articles, date range, vocabulary, size, last build.

    Examples:

      newssearch stats

      newssearch stats --json | jq .articles
    """
    from newssearch.index.stats import index_stats

    with _user_errors():
        stats = index_stats(index_dir)
    with _quiet_broken_pipe():
        if json_output:
            from newssearch.render.json_printer import stats_json

            sys.stdout.write(stats_json(stats) + "\n")
        else:
            from newssearch.render.terminal import print_stats

            print_stats(_console(sys.stdout, color), stats)


def _print_notes(result: "SearchResult") -> None:
    """How the query was read, on stderr, so that stdout holds only results."""
    if result.interpreted_query:
        print(f"searched as: {printable(result.interpreted_query)}", file=sys.stderr)
    if result.corrected:
        print(f"nothing found for {printable(result.query)}; showing results for {printable(result.suggestion or '')}", file=sys.stderr)
    elif result.suggestion:
        print(f"did you mean: {printable(result.suggestion)}?", file=sys.stderr)
    for note in result.notes:
        print(f"note: {printable(note)}", file=sys.stderr)


def _run_batch(batch: Path, index_dir: Path, options: dict[str, object], *, trec: bool) -> int:
    """Like ripgrep with many files: a bad query is reported and the run goes on."""
    from newssearch.errors import QueryError
    from newssearch.render.json_printer import batch_error_json, batch_line_json
    from newssearch.render.trec import trec_lines
    from newssearch.search import IndexSearcher
    from newssearch.search.batch import read_batch, read_batch_file

    found = failed = False
    with _user_errors(), _quiet_broken_pipe():
        queries = read_batch(sys.stdin) if str(batch) == "-" else read_batch_file(batch)
        with IndexSearcher(index_dir) as searcher:
            for query in queries:
                try:
                    result = searcher.search(query.text, snippets=not trec, **options)  # type: ignore[arg-type]
                except QueryError as error:
                    failed = True
                    print(f"newssearch: query {query.id}: {error}", file=sys.stderr)
                    if not trec:
                        sys.stdout.write(batch_error_json(query.id, query.text, str(error)) + "\n")
                    continue
                found = found or result.total > 0
                sys.stdout.write(trec_lines(query.id, result) if trec else batch_line_json(query.id, result) + "\n")
            sys.stdout.flush()
    return EXIT_ERROR if failed else EXIT_FOUND if found else EXIT_NOT_FOUND


def _console(stream: object, color: ColorChoice) -> "Console":
    from rich.console import Console

    is_terminal = stream.isatty() if hasattr(stream, "isatty") else False  # type: ignore[union-attr]
    console = Console(
        file=stream,  # type: ignore[arg-type]
        force_terminal=True if color is ColorChoice.always else None,
        no_color=True if color is ColorChoice.never else None,
        color_system=None if color is ColorChoice.never else "auto",
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=not is_terminal and color is not ColorChoice.always,
    )
    # Rich turns a closed pipe into exit 1 itself; handed back, it ends as _quiet_broken_pipe says.
    console.on_broken_pipe = _raise_broken_pipe  # type: ignore[method-assign]
    return console


def _raise_broken_pipe() -> None:
    raise BrokenPipeError


@contextmanager
def _index_progress(console: "Console", enabled: bool) -> Iterator[object]:
    if not enabled or not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("indexing"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[articles]} articles, {task.fields[rate]:.0f}/s"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("index", total=None, articles=0, rate=0.0)
        started = time.monotonic()

        def on_progress(done: int, total: int, articles: int) -> None:
            rate = articles / max(time.monotonic() - started, 1e-3)
            progress.update(task, completed=done, total=total, articles=articles, rate=rate)

        yield on_progress


@contextmanager
def _user_errors() -> Iterator[None]:
    try:
        yield
    except NewsSearchError as error:
        _fail(str(error))
    except UnicodeDecodeError as error:
        _fail(f"not UTF-8 text: {error.reason}")
    except OSError as error:
        where = f": {error.filename}" if error.filename else ""
        _fail(f"{error.strerror or error}{where}")
    except KeyboardInterrupt:
        print("newssearch: interrupted", file=sys.stderr)
        raise typer.Exit(130) from None


@contextmanager
def _quiet_broken_pipe() -> Iterator[None]:
    """`newssearch query ... | head` closes our stdout early: that is not an error."""
    try:
        yield
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(EXIT_FOUND) from None


def _fail(message: str) -> NoReturn:
    print(f"newssearch: {printable(message)}", file=sys.stderr)
    raise typer.Exit(EXIT_ERROR)


def run() -> None:
    """The installed command (and `python -m newssearch`): `main`, then an exit that
    leaves the interpreter's last collection nothing to walk.

    Whatever the command made lives until the process ends; the collection at exit
    would visit every object of it, numpy's and Whoosh's modules included: about
    60 ms, a sixth of a query. Frozen objects are skipped (and still freed as usual).
    """
    try:
        main()
    finally:
        gc.freeze()


def main() -> None:
    """The command line in this process: exits through SystemExit with the command's code."""
    try:
        code = app(prog_name="newssearch", standalone_mode=False)
    except Exception as error:
        if type(error).__name__ == "NoArgsIsHelpError":  # bare `newssearch`: the help is the answer
            print(error.format_message())  # type: ignore[attr-defined]
            sys.exit(EXIT_ERROR)
        if _is_usage_error(error):  # a bad option or value: one line, like every other error
            where = error.ctx.command_path if getattr(error, "ctx", None) else "newssearch"  # type: ignore[attr-defined]
            message = f"{error.format_message().rstrip('.')} (see {where} --help)"  # type: ignore[attr-defined]
            if _looks_like_text(getattr(error, "option_name", None)):
                message += f"; to search for text that starts with -, put -- before it: {where} -- '- ...'"
            print(printable(f"newssearch: {message}"), file=sys.stderr)
            sys.exit(EXIT_ERROR)
        if os.environ.get("NEWSSEARCH_DEBUG"):  # a bug: still one line, the traceback on request
            raise
        print(
            printable(f"newssearch: internal error: {type(error).__name__}: {error} (NEWSSEARCH_DEBUG=1 shows the traceback)"),
            file=sys.stderr,
        )
        sys.exit(EXIT_ERROR)
    except BaseException as interruption:
        if type(interruption).__name__ == "Abort":  # Ctrl-C or end of input inside Typer's own parsing
            print("newssearch: interrupted", file=sys.stderr)
            sys.exit(130)
        raise
    sys.exit(code if isinstance(code, int) else 0)


def _looks_like_text(option: str | None) -> bool:
    """Whether an unknown "option" is rather a query starting with - (- Путин, -Путин): no option has such a name."""
    if not option:
        return False
    name = option.strip().lstrip("-")
    return not name or not name.isascii()


def _is_usage_error(error: Exception) -> bool:
    """Click's errors about the command line (Typer vendors click, so its classes are not ours to import)."""
    return hasattr(error, "format_message") and isinstance(getattr(error, "exit_code", None), int)
