"""Terminal output with Rich. Highlights are applied from spans, never through markup,
so article text containing `[` or escape sequences is shown as it is, harmlessly."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newssearch.models import ArticleView, Hit, IndexReport, IndexStats, MonthCount, SearchResult, Span
from newssearch.render.safe import printable

HIGHLIGHT = "bold red"
HIGHLIGHT_NO_COLOR = "bold underline"


def print_search_result(console: Console, result: SearchResult) -> None:
    highlight = HIGHLIGHT_NO_COLOR if console.no_color else HIGHLIGHT
    for hit in result.hits:
        _print_hit(console, hit, highlight)
    if result.timeline:
        _print_timeline(console, result.timeline)
    if result.hits:
        first, last = result.hits[0].rank, result.hits[-1].rank
        shown = f"{first}–{last}" if last > first else f"{first}"
        console.print(Text(f"{shown} of {result.total} articles", style="dim"))
    elif result.total:  # a page past the last (--offset)
        noun = "article matches" if result.total == 1 else "articles match"
        console.print(Text(f"{result.total} {noun} {printable(result.query)}; this page is past the last of them", style="dim"))
    else:
        console.print(Text(f"no articles match {printable(result.query)}", style="dim"))


TIMELINE_WIDTH = 40


def _print_timeline(console: Console, timeline: tuple[MonthCount, ...]) -> None:
    """One bar per month, scaled to the busiest month."""
    peak = max(month.count for month in timeline) or 1
    for month in timeline:
        bar = "█" * round(month.count / peak * TIMELINE_WIDTH) if month.count else ""
        line = Text(f"{month.month} ", style="green").append(bar, style="cyan").append(f" {month.count}")
        console.print(line)
    console.print()


def _print_hit(console: Console, hit: Hit, highlight: str) -> None:
    marker = Text(f"{hit.rank}. ", style="bold")
    meta = Text()
    meta.append(hit.date.isoformat() if hit.date else "no date", style="green")
    meta.append("  ")
    meta.append(printable(hit.path), style="magenta")
    meta.append(f"  score {hit.score:.2f}", style="dim")
    if hit.missing:
        meta.append(f"  missing: {printable(', '.join(hit.missing))}", style="dim")
    lines = [
        _highlighted(hit.title, hit.title_spans, "bold", highlight),
        meta,
        *(_highlighted(snippet.text, snippet.spans, "", highlight) for snippet in hit.snippets),
    ]
    if hit.duplicates:
        paths = ", ".join(printable(duplicate.path) for duplicate in hit.duplicates)
        lines.append(Text(f"+{len(hit.duplicates)} similar: {paths}", style="dim"))
    if console.soft_wrap:
        # Piped output: one line per item, no wrapping, for grep and friends.
        indent = " " * len(marker)
        for line in lines:
            console.print(marker.copy().append_text(line))
            marker = Text(indent)
    else:
        # On a terminal, wrapped lines keep a hanging indent under the rank.
        grid = Table.grid()
        grid.add_column(no_wrap=True)
        grid.add_column()
        for line in lines:
            grid.add_row(marker, line)
            marker = Text("")
        console.print(grid)
    console.print()


def _highlighted(text: str, spans: tuple[Span, ...], style: str, highlight: str, multiline: bool = False) -> Text:
    rich_text = Text(printable(text, multiline=multiline), style=style)
    for span in spans:
        rich_text.stylize(highlight, span.start, span.end)
    return rich_text


def print_article(console: Console, article: ArticleView) -> None:
    highlight = HIGHLIGHT_NO_COLOR if console.no_color else HIGHLIGHT
    console.print(_highlighted(article.title, article.title_spans, "bold", highlight))
    meta = Text()
    meta.append(article.date.isoformat() if article.date else "no date", style="green")
    meta.append("  ")
    meta.append(printable(article.path), style="magenta")
    if article.url:
        meta.append("  " + printable(article.url), style="blue")
    console.print(meta)
    console.print()
    console.print(_highlighted(article.body, article.body_spans, "", highlight, multiline=True))


def print_stats(console: Console, stats: IndexStats) -> None:
    span = f"{stats.first_date} .. {stats.last_date}" if stats.first_date else "no dates"
    if stats.undated and stats.first_date:
        span += f" ({stats.undated:,} undated)"
    rows = [
        ("index", stats.index_dir),
        ("articles", f"{stats.articles:,}"),
        ("dates", span),
        ("vocabulary", f"{stats.vocabulary:,} words"),
        ("size", f"{stats.index_bytes / 2**20:,.1f} MiB"),
        ("built", stats.built_at or "unknown"),
        ("sources", ", ".join(stats.sources)),
    ]
    for name, value in rows:
        console.print(Text(f"{name:<11}", style="bold").append(printable(value)))


def index_summary(report: IndexReport) -> str:
    noun = "article" if report.articles == 1 else "articles"
    if report.updated:
        summary = f"indexed {report.articles} {noun} into {report.index_dir} in {report.seconds:.1f} s"
    else:
        summary = f"{report.index_dir} is up to date: {report.articles} {noun}, checked in {report.seconds:.1f} s"
    counts = report.skip_counts()
    if counts:
        total = sum(counts.values())
        reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(counts.items(), key=lambda kv: -kv[1]))
        summary += f"; {total} not indexed, cut or undated: {reasons}"
    return printable(summary)
