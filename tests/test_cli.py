"""The command line as a user drives it: exit codes, stderr, valid JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newssearch.cli import app
from newssearch.corpus.articles import split_date_header
from tests.conftest import REPO, SEED_DIR

SEED_ID = "000_342c5d5e8864362c.txt"


def run(runner, *args, env=None):
    return runner.invoke(app, [str(a) for a in args], env=env)


@pytest.mark.parametrize("query", ["Рубио Лавров", "срещата Лавров", "среща", "разговор", "война"])
def test_seed_article_is_the_first_hit(runner, seed_index, query):
    result = run(runner, "query", query, "--index", seed_index, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["hits"][0]["id"] == SEED_ID


def test_query_json_follows_the_documented_schema(runner, built_index):
    result = run(runner, "query", "срещата", "Лавров", "--index", built_index, "--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert set(document) == {"query", "interpreted_query", "suggestion", "corrected", "notes", "total", "hits"}
    assert document["query"] == "срещата Лавров" and document["total"] >= 1
    for rank, hit in enumerate(document["hits"], start=1):
        assert {"rank", "id", "path", "title", "date", "score", "snippets"} <= set(hit)
        assert hit["rank"] == rank and isinstance(hit["score"], float)
        assert 1 <= len(hit["snippets"]) <= 3
        for snippet in hit["snippets"]:
            for start, end in snippet["highlights"]:
                assert 0 <= start < end <= len(snippet["text"])


def test_json_highlights_mark_the_query_words(runner, seed_index):
    result = run(runner, "query", "Рубио Лавров", "--index", seed_index, "--json")
    snippets = json.loads(result.stdout)["hits"][0]["snippets"]
    marked = {s["text"][a:b] for s in snippets for a, b in s["highlights"]}
    assert marked == {"Рубио", "Лавров"}


def test_terminal_output_shows_headline_date_path_and_snippet(runner, seed_index):
    result = run(runner, "query", "Рубио Лавров", "--index", seed_index)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1. Срещата между американския президент")
    assert "2025-10-21" in lines[1] and SEED_ID in lines[1] and "score" in lines[1]
    assert "Рубио" in lines[2]
    assert "\x1b" not in result.stdout  # not a terminal: no colour


def test_colour_can_be_forced(runner, seed_index):
    result = run(runner, "query", "Рубио", "--index", seed_index, "--color", "always")
    assert "\x1b[" in result.stdout


def test_nothing_found_exits_1(runner, built_index):
    result = run(runner, "query", "несъществуващадума", "--index", built_index, "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "query": "несъществуващадума", "interpreted_query": None, "suggestion": None, "corrected": False, "notes": [],
        "total": 0, "hits": [],
    }


def test_missing_index_exits_2_with_one_line(runner, tmp_path):
    result = run(runner, "query", "Рубио", "--index", tmp_path / "none")
    assert result.exit_code == 2
    assert result.stderr == f"newssearch: no index at {tmp_path / 'none'}: run `newssearch index` first\n"
    assert result.stdout == ""


def test_bad_option_exits_2(runner, built_index):
    result = run(runner, "query", "Рубио", "--index", built_index, "--limit", "0")
    assert result.exit_code == 2


def test_index_command_builds_and_summarises(runner, corpus, tmp_path):
    result = run(runner, "index", "--source", corpus, "--index", tmp_path / "ix")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("indexed 6 articles into")
    assert run(runner, "query", "бюджета", "--index", tmp_path / "ix").exit_code == 0


def test_index_verbose_lists_skipped_files(runner, corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    result = run(runner, "index", "--source", corpus, "--index", tmp_path / "ix", "--verbose")
    assert f"{corpus / 'empty.txt'}: empty\n" in result.stderr
    assert "; 1 not indexed, cut or undated: 1 empty" in result.stderr


def test_unreadable_source_exits_2_and_keeps_the_old_index(runner, corpus, tmp_path):
    index_dir = tmp_path / "ix"
    assert run(runner, "index", "--source", corpus, "--index", index_dir).exit_code == 0
    result = run(runner, "index", "--source", tmp_path / "missing", "--index", index_dir)
    assert result.exit_code == 2
    assert result.stderr == f"newssearch: source not found: {tmp_path / 'missing'}\n"
    assert run(runner, "query", "бюджета", "--index", index_dir).exit_code == 0


def test_environment_variables_choose_source_and_index(runner, corpus, tmp_path):
    env = {"NEWSSEARCH_SOURCE": str(corpus), "NEWSSEARCH_INDEX": str(tmp_path / "env-ix")}
    assert run(runner, "index", env=env).exit_code == 0
    result = run(runner, "query", "бюджета", "--json", env=env)
    assert json.loads(result.stdout)["hits"][0]["id"] == "politika/parlament.txt"


def test_defaults_are_seeds_and_index_in_the_current_folder(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_bytes((SEED_DIR / SEED_ID).read_bytes())
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSSEARCH_")}
    subprocess.run([sys.executable, "-m", "newssearch", "index", "-q"], cwd=tmp_path, env=env, check=True)
    assert (tmp_path / "index" / "CURRENT").exists()
    done = subprocess.run(
        [sys.executable, "-m", "newssearch", "query", "Рубио Лавров", "--json"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert done.returncode == 0 and json.loads(done.stdout)["hits"][0]["id"] == "a.txt"


def test_broken_pipe_is_quiet(seed_index):
    done = subprocess.run(
        f"{sys.executable} -m newssearch query Рубио --index {seed_index} --limit 5 | head -c 1",
        shell=True, capture_output=True, text=True,
    )
    assert "Traceback" not in done.stderr and "Error" not in done.stderr


@pytest.mark.parametrize("output", [[], ["--json"]])
def test_a_reader_that_stops_early_is_no_error(seed_index, output):
    # The reading end is closed before the query writes: as `... | head` does to a long list.
    done = subprocess.Popen(
        [sys.executable, "-m", "newssearch", "query", "Рубио", "--index", str(seed_index), *output],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    done.stdout.close()
    assert done.wait() == 0 and done.stderr.read() == b""


def test_a_json_query_loads_only_what_it_uses(seed_index):
    # Start-up is most of a query's time: no terminal renderer, no lemmatizer
    # dictionary (the index lists its terms), none of what Whoosh imports for features we do not use.
    code = (
        "import sys; from newssearch.cli import main; sys.argv[1:] = sys.argv[2:]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "unused = ('rich', 'simplemma', 'urllib.request', 'whoosh.lang.morph_en')\n"
        "print(sorted(name for name in unused if name in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "newssearch", "query", "Рубио Лавров", "--index", seed_index, "--json"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert json.loads(done.stdout)["hits"][0]["id"] == SEED_ID
    assert done.stderr.strip() == "[]"


def test_version(runner):
    result = run(runner, "--version")
    assert result.exit_code == 0 and result.stdout.startswith("newssearch ")


def test_the_installed_command_leaves_nothing_for_the_last_collection_at_exit():
    # Exit time is part of every query's wall time: the collection at exit would walk
    # every object of numpy, Whoosh and the command (about 60 ms), unless they are frozen.
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
        "sys.argv = ['newssearch', '--version']\n"
        "from newssearch.cli import run\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("newssearch ")
    assert done.stdout.splitlines()[-1] == "frozen True"


def test_shell_completion_script_is_printed():
    # A fresh process: Typer writes the script with modules newssearch defers. The shell is
    # named, as Typer's own tests name it, since a test may run where no shell started it.
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "newssearch", "--show-completion", "bash"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0 and "complete " in done.stdout and "_newssearch_completion" in done.stdout


def test_every_command_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text("utf-8")
    for command in app.registered_commands:
        assert f"newssearch {command.name}" in readme


def test_batch_writes_one_json_line_per_query(runner, built_index, tmp_path):
    queries = tmp_path / "q.tsv"
    queries.write_text("a\tбюджета\nb\tнесъществуващадума\n\nсреща\n", encoding="utf-8")
    result = run(runner, "query", "--batch", queries, "--index", built_index)
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(d["id"], d["query"], d["total"] > 0) for d in lines] == [
        ("a", "бюджета", True), ("b", "несъществуващадума", False), ("4", "среща", True)
    ]
    assert lines[0]["hits"][0]["id"] == "politika/parlament.txt" and lines[0]["hits"][0]["snippets"]


def test_batch_trec_run_file(runner, built_index, tmp_path):
    queries = tmp_path / "q.tsv"
    queries.write_text("a\tсреща\n", encoding="utf-8")
    result = run(runner, "query", "--batch", queries, "--trec", "--limit", "2", "--index", built_index)
    rows = [line.split() for line in result.stdout.splitlines()]
    assert [(r[0], r[1], r[3], r[5]) for r in rows] == [("a", "Q0", "1", "newssearch"), ("a", "Q0", "2", "newssearch")]
    assert float(rows[0][4]) >= float(rows[1][4])


def test_batch_reports_a_bad_query_and_goes_on(runner, built_index, tmp_path):
    queries = tmp_path / "q.tsv"
    queries.write_text("bad\tdate:вчера\ngood\tбюджета\n", encoding="utf-8")
    result = run(runner, "query", "--batch", queries, "--index", built_index)
    assert result.exit_code == 2
    assert "newssearch: query bad: not a date" in result.stderr
    assert [json.loads(line).get("error") is None for line in result.stdout.splitlines()] == [False, True]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1251"])
def test_batch_file_in_another_encoding_reads_as_utf_8_does(runner, built_index, tmp_path, encoding):
    queries = tmp_path / "q.tsv"
    queries.write_bytes("a\tбюджета\r\nb\tсреща\r\n".encode(encoding))
    result = run(runner, "query", "--batch", queries, "--index", built_index)
    assert result.exit_code == 0
    assert [(d["id"], d["query"], d["total"] > 0) for d in map(json.loads, result.stdout.splitlines())] == [
        ("a", "бюджета", True), ("b", "среща", True)
    ]


def test_batch_on_stdin_drops_a_byte_order_mark(runner, built_index):
    result = runner.invoke(app, ["query", "--batch", "-", "--index", str(built_index)], input="\ufeffa\tбюджета\n")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a"]


def test_batch_file_that_is_not_text_exits_2(runner, built_index, tmp_path):
    queries = tmp_path / "q.tsv"
    queries.write_bytes(b"a\t\x00\x9f\x00")
    result = run(runner, "query", "--batch", queries, "--index", built_index)
    assert result.exit_code == 2
    assert result.stderr == f"newssearch: {queries}: not a query file (binary file)\n" and result.stdout == ""


def test_batch_and_query_words_together_are_an_error(runner, built_index, tmp_path):
    result = run(runner, "query", "среща", "--batch", tmp_path / "q.tsv", "--index", built_index)
    assert result.exit_code == 2 and "not both" in result.stderr


def test_missing_batch_file_exits_2(runner, built_index, tmp_path):
    result = run(runner, "query", "--batch", tmp_path / "nope.tsv", "--index", built_index)
    assert result.exit_code == 2 and result.stderr.startswith("newssearch: No such file")


def test_latin_query_says_how_it_was_searched(runner, seed_index):
    result = run(runner, "query", "Rubio", "Lavrov", "--index", seed_index)
    assert result.exit_code == 0
    assert result.stderr == "searched as: Рубио Лавров\n"
    assert result.stdout.startswith("1. Срещата")


def test_latin_query_json_has_the_interpreted_query(runner, seed_index):
    latin = json.loads(run(runner, "query", "Rubio Lavrov", "--index", seed_index, "--json").stdout)
    cyrillic = json.loads(run(runner, "query", "Рубио Лавров", "--index", seed_index, "--json").stdout)
    assert latin["interpreted_query"] == "Рубио Лавров" and cyrillic["interpreted_query"] is None
    assert latin["hits"][0]["id"] == cyrillic["hits"][0]["id"] == SEED_ID


def test_no_translit_turns_it_off(runner, seed_index):
    result = run(runner, "query", "Rubio Lavrov", "--no-translit", "--index", seed_index)
    assert result.exit_code == 1 and "searched as" not in result.stderr


def test_second_index_run_says_up_to_date_and_full_rebuilds(runner, corpus, tmp_path):
    index_dir = tmp_path / "ix"
    assert run(runner, "index", "--source", corpus, "--index", index_dir).exit_code == 0
    again = run(runner, "index", "--source", corpus, "--index", index_dir)
    assert again.exit_code == 0 and again.stderr.startswith(f"{index_dir} is up to date: 6 articles")
    full = run(runner, "index", "--source", corpus, "--index", index_dir, "--full")
    assert full.exit_code == 0 and full.stderr.startswith("indexed 6 articles")


def test_since_until_and_sort_options(runner, built_index):
    result = run(runner, "query", "среща помощ бюджет", "--since", "2025", "--sort", "oldest", "--index", built_index, "--json")
    found = [hit["date"] for hit in json.loads(result.stdout)["hits"]]
    assert found == sorted(found) and all(d >= "2025-01-01" for d in found)


def test_bad_since_exits_2_with_one_line(runner, built_index):
    result = run(runner, "query", "среща", "--since", "2025-13", "--index", built_index)
    assert result.exit_code == 2
    assert result.stderr == "newssearch: not a date: '2025-13'; use YYYY, YYYY-MM or YYYY-MM-DD\n"


def test_show_prints_the_whole_article_with_query_words_highlighted(runner, seed_index):
    result = run(runner, "show", SEED_ID, "--query", "Rubio", "--index", seed_index, "--json")
    assert result.exit_code == 0
    article = json.loads(result.stdout)
    assert article["id"] == SEED_ID and article["date"] == "2025-10-21"
    assert article["text"] == split_date_header((SEED_DIR / SEED_ID).read_text("utf-8"))[1]
    assert {article["text"][a:b] for a, b in article["highlights"]} == {"Рубио"}


def test_show_in_the_terminal_and_an_unknown_id(runner, seed_index):
    shown = run(runner, "show", SEED_ID, "--index", seed_index)
    assert shown.exit_code == 0 and "Joint Base Elmendorf-Richardson" in shown.stdout
    missing = run(runner, "show", "nope.txt", "--index", seed_index)
    assert missing.exit_code == 1 and missing.stderr == "newssearch: no article with id nope.txt\n"


def test_stats(runner, built_index):
    result = run(runner, "stats", "--index", built_index, "--json")
    stats = json.loads(result.stdout)
    assert stats["articles"] == 7
    assert (stats["first_date"], stats["last_date"], stats["undated"]) == ("2024-11-30", "2025-10-21", 1)
    assert stats["vocabulary"] > 100 and stats["index_bytes"] > 0
    shown = run(runner, "stats", "--index", built_index).stdout
    assert shown.startswith("index") and "dates      2024-11-30 .. 2025-10-21 (1 undated)\n" in shown


def test_jsonl_prints_one_hit_per_line(runner, built_index):
    result = run(runner, "query", "среща", "--jsonl", "--limit", "2", "--index", built_index)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(line["query"], line["rank"]) for line in lines] == [("среща", 1), ("среща", 2)]


def test_the_words_a_hit_lacks_are_shown_and_in_json(runner, seed_index):
    shown = run(runner, "query", "Рубио", "Меркел", "Шолц", "--index", seed_index)
    assert shown.exit_code == 0 and "  missing: Меркел, Шолц\n" in shown.stdout
    document = json.loads(run(runner, "query", "Рубио", "Меркел", "--json", "--index", seed_index).stdout)
    assert document["hits"][0]["missing"] == ["Меркел"]
    complete = json.loads(run(runner, "query", "Рубио", "Лавров", "--json", "--index", seed_index).stdout)
    assert complete["hits"][0]["missing"] == []


def test_did_you_mean_goes_to_stderr(runner, seed_index):
    result = run(runner, "query", "Лавроф", "Путин", "--index", seed_index)
    assert result.exit_code == 0 and "did you mean: Лавров Путин?" in result.stderr


def test_corrected_search_says_so(runner, seed_index):
    text = run(runner, "query", "Лаврв", "--index", seed_index)
    assert text.exit_code == 0 and text.stderr == "nothing found for Лаврв; showing results for Лавров\n"
    document = json.loads(run(runner, "query", "Лаврв", "--json", "--index", seed_index).stdout)
    assert document["corrected"] and document["suggestion"] == "Лавров" and document["hits"][0]["id"] == SEED_ID


def test_timeline_in_json_and_terminal(runner, built_index):
    document = json.loads(run(runner, "query", "среща", "--timeline", "--json", "--index", built_index).stdout)
    assert document["timeline"] and set(document["timeline"][0]) == {"month", "count"}
    text = run(runner, "query", "среща", "--timeline", "--index", built_index).stdout
    assert "2025-10 █" in text


def test_similar_command(runner, built_index):
    result = run(runner, "similar", "sviat/sreshta.txt", "--json", "--index", built_index)
    assert result.exit_code == 0
    ids = [hit["id"] for hit in json.loads(result.stdout)["hits"]]
    assert ids and "sviat/sreshta.txt" not in ids
    assert run(runner, "similar", "nope", "--index", built_index).exit_code == 1


def test_collapse_shows_similar_paths_and_no_collapse_shows_all(runner, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    seed = (SEED_DIR / SEED_ID).read_text("utf-8")
    (corpus / "a.txt").write_text(seed, encoding="utf-8")
    (corpus / "b.txt").write_text(seed.replace("предаде CNN", "съобщи БТА"), encoding="utf-8")
    assert run(runner, "index", "--source", corpus, "--index", tmp_path / "ix").exit_code == 0
    text = run(runner, "query", "Рубио", "--index", tmp_path / "ix").stdout
    assert "+1 similar: " in text
    document = json.loads(run(runner, "query", "Рубио", "--json", "--index", tmp_path / "ix").stdout)
    assert len(document["hits"]) == 1 and len(document["hits"][0]["duplicates"]) == 1
    every = json.loads(run(runner, "query", "Рубио", "--json", "--no-collapse", "--index", tmp_path / "ix").stdout)
    assert len(every["hits"]) == 2


def test_strict_index_exits_2_on_a_skipped_file(runner, corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    result = run(runner, "index", "--strict", "--source", corpus, "--index", tmp_path / "ix")
    assert result.exit_code == 2 and "could not be indexed" in result.stderr
    assert not (tmp_path / "ix" / "CURRENT").exists()


def test_index_into_a_file_exits_2_and_leaves_the_file(runner, corpus, tmp_path):
    (tmp_path / "notes.txt").write_text("мои бележки")
    result = run(runner, "index", "--source", corpus, "--index", tmp_path / "notes.txt")
    assert result.exit_code == 2 and "is a file, not a folder" in result.stderr
    assert (tmp_path / "notes.txt").read_text() == "мои бележки"


def test_verbose_names_the_encoding_of_files_not_in_utf8(runner, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "old.txt").write_bytes("Архивна статия за бюджета.".encode("cp1251"))
    (corpus / "bom.txt").write_bytes("\ufeffСтатия с BOM.".encode("utf-8"))
    result = run(runner, "index", "--verbose", "--source", corpus, "--index", tmp_path / "ix")
    assert f"read {corpus / 'old.txt'} as windows-1251" in result.stderr
    assert f"read {corpus / 'bom.txt'} as utf-8-sig" in result.stderr
    assert json.loads(run(runner, "query", "бюджета", "--json", "--index", tmp_path / "ix").stdout)["total"] == 1
