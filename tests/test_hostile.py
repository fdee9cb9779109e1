"""Hostile input through the whole command: queries typed in a hurry, corpora written by strangers.

Every case ends in results or one line on stderr with exit code 2 — never a
traceback, never a raw control character on the terminal.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newssearch.cli import main
from tests.conftest import REPO, jsonl

# Our own colours are SGR sequences (ESC [ ... m); anything else starting with ESC came from the data.
OUR_STYLES = re.compile(r"\x1b\[[0-9;]*m")
RAW_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")


def cli(*args: object) -> tuple[int, str, str]:
    """Run `newssearch ARGS` in this process, as the installed script does (through `main`)."""
    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["newssearch", *map(str, args)]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pytest.raises(SystemExit) as exit_:
            main()
    finally:
        sys.argv = argv
    return exit_.value.code, out.getvalue(), err.getvalue()


def assert_one_line_error(code: int, err: str) -> None:
    assert code == 2
    assert err.startswith("newssearch: ") and err.count("\n") == 1, err
    assert "internal error" not in err and "Traceback" not in err


def assert_terminal_safe(text: str) -> None:
    assert not RAW_CONTROLS.search(OUR_STYLES.sub("", text)), repr(text)


QUERY_PIECES = st.sampled_from(
    ['"', "(", ")", "*", "?", "-", "+", ":", "~", "^", "[", "]", "{", "}", "\\", "'", " ", "„", "“",
     " AND ", " OR ", " NOT ", "AND", "NOT", " TO ", "title:", "date:", "date:2025", "date:2025-13", "nosuch:",
     "Рубио", "среща*", "ср?щ", "Lavrov", "sreshta", "и", "\x1b[31m", "\x1b]0;x\x07", "\r", "\x08", "\0", "\t",
     "ѝ", "руско-украинската"]
)  # fmt: skip
QUERIES = st.one_of(
    st.text(max_size=60),
    st.lists(QUERY_PIECES, max_size=20).map("".join),
    st.builds(lambda piece, n: piece * n, QUERY_PIECES, st.integers(1, 2500)),  # up to 10,000+ characters
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=QUERIES)
def test_any_query_gives_json_results_or_a_one_line_error(built_index, text):
    code, out, err = cli("query", "--index", built_index, "--json", "--", text)
    if code == 2:
        assert_one_line_error(code, err)
        assert out == ""
        return
    assert code in (0, 1), err
    document = json.loads(out)
    assert (document["total"] > 0) == (code == 0)
    assert_terminal_safe(err)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=QUERIES)
def test_any_query_in_the_terminal_leaves_no_raw_control_characters(built_index, text):
    code, out, err = cli("query", "--index", built_index, "--color", "always", "--timeline", "--", text)
    assert code in (0, 1, 2)
    if code == 2:
        assert_one_line_error(code, err)
    assert_terminal_safe(out)
    assert_terminal_safe(err)


@pytest.mark.parametrize(
    "args",
    [
        ["query", "-x"],
        ["query", "--sort", "bogus", "среща"],
        ["query", "--limit", "0", "среща"],
        ["query", "--since", "2025-13", "среща"],
        ["query", "--color", "purple", "среща"],
        ["bogus-command"],
        ["query"],
        ["show"],
        ["query", "date:2025-02-30"],
        ["query", "   "],
        ["query", "x" * 10_001],
    ],
)
def test_bad_command_lines_get_one_line_and_exit_2(built_index, args):
    code, out, err = cli(*args, "--index", built_index) if args[0] != "bogus-command" else cli(*args)
    assert_one_line_error(code, err)


@pytest.mark.parametrize(("query", "searched"), [("- Ванга", True), ("-Ванга", False)])
def test_a_query_starting_with_a_dash_is_told_how_to_search_it(built_index, query, searched):
    code, out, err = cli("query", query, "--index", built_index)
    assert_one_line_error(code, err)
    assert "put -- before it" in err
    code, out, err = cli("query", "--index", built_index, "--", query)
    if searched:  # a dash and a space: punctuation
        assert code in (0, 1) and not err
    else:  # a minus before the word excludes it, and leaves nothing to look for
        assert code == 1 and "only leave out articles" in err


def test_bare_command_prints_help_and_exits_2():
    code, out, _ = cli()
    assert code == 2 and out.startswith("Usage: newssearch")


# -- hostile corpora -------------------------------------------------------------------------------

MARKERS = {  # file name -> a word only that article holds
    "with space.txt": "маркерпразно",
    "new\nline.txt": "маркерредове",
    "esc\x1b]0;owned\x07\x1b[31m.txt": "маркерескейп",
    "deep/" + "/".join(f"d{i}" for i in range(60)) + "/bottom.txt": "маркердълбоко",
    "cp1251.txt": "маркеркирилица",
}
INVALID_NAME = b"bad\xff\xfename.txt"


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    root.mkdir()
    for name, marker in MARKERS.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = f" date 2025-05-05 Статия за {marker} и \x1b[2Jтерминала.\r\x08 Втори ред."
        path.write_bytes(text.encode("cp1251" if name == "cp1251.txt" else "utf-8"))
    (root / os.fsdecode(INVALID_NAME)).write_text("Статия с име извън UTF-8: маркербайтове.", encoding="utf-8")
    (root / "nul.txt").write_bytes(b"date 2025-01-01 \x00\x00binary\x00")
    (root / "empty.txt").write_bytes(b"")
    (root / "latin2.txt").write_bytes("Příliš žluťoučký kůň úpěl ďábelské ódy.".encode("iso-8859-2"))
    os.symlink(root, root / "loop")
    os.symlink(root / "missing.txt", root / "broken.txt")
    with (root / "huge-line.txt").open("w", encoding="utf-8") as handle:  # 50 MB on one line
        handle.write(" date 2025-02-02 маркерогромен ")
        handle.write("дума " * (10 * 2**20 // 2))
    jsonl(
        root.parent / "feed.jsonl",
        [{"id": "big", "body": "маркерджейсън " + "текст " * 400_000}, {"id": "ok", "body": "Кратко маркерред2."}],
    )
    with (root.parent / "feed.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("{not json\n\x00\x01\n[1, 2]\n")
    return root


# Runs a command and writes the peak RSS (KiB) of its process tree to a file: a fresh
# parent, so that no earlier child of the test process counts.
PEAK_OF = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[2:]).returncode
open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


@pytest.fixture(scope="module")
def hostile_index(hostile_corpus):
    index_dir = hostile_corpus.parent / "index"
    peak_file = hostile_corpus.parent / "peak"
    process = subprocess.run(
        [sys.executable, "-c", PEAK_OF, str(peak_file),
         sys.executable, "-m", "newssearch", "index", "--verbose", "--index", str(index_dir),
         "--source", str(hostile_corpus), "--source", str(hostile_corpus.parent / "feed.jsonl")],
        capture_output=True, cwd=REPO,
    )  # fmt: skip
    return index_dir, process, int(peak_file.read_text())


def test_hostile_corpus_is_indexed_with_every_problem_reported(hostile_index, hostile_corpus):
    index_dir, process, _ = hostile_index
    err = process.stderr.decode("utf-8")
    assert process.returncode == 0, err
    assert_terminal_safe(err)
    for reason in ["binary file", "empty", "unknown encoding", "symlink loop", "broken link", "not JSON",
                   "not a JSON object", "over 2 MB (its first 2 MB indexed)"]:  # fmt: skip
        assert reason in err


def test_peak_memory_stays_bounded_on_a_50_mb_line(hostile_index):
    _, _, peak_kib = hostile_index
    assert peak_kib < 600 * 1024, f"peak {peak_kib // 1024} MiB"


EXPECTED_FIRST = {
    **{marker: name for name, marker in MARKERS.items()},
    "маркербайтове": "bad\\xff\\xfename.txt",
    "маркерогромен": "huge-line.txt",
    "маркерджейсън": "big",
    "маркерред2": "ok",
}


@pytest.mark.parametrize("marker", EXPECTED_FIRST)
def test_everything_indexable_in_a_hostile_corpus_is_searchable(hostile_index, marker):
    index_dir, _, _ = hostile_index
    code, out, err = cli("query", marker, "--index", index_dir, "--json")
    assert code == 0, err
    assert json.loads(out)["hits"][0]["id"] == EXPECTED_FIRST[marker]


def test_hostile_names_and_text_never_reach_the_terminal_raw(hostile_index):
    index_dir, _, _ = hostile_index
    for args in (["query", "маркерескейп OR маркерредове OR маркербайтове"], ["show", "with space.txt"],
                 ["similar", "with space.txt"], ["stats"]):  # fmt: skip
        for mode in (["--color", "always"], ["--color", "never"]):
            code, out, err = cli(*args, "--index", index_dir, *mode)
            assert code == 0, err
            assert_terminal_safe(out)
            assert_terminal_safe(err)
    code, out, _ = cli("query", "маркерескейп", "--index", index_dir, "--jsonl")
    first = json.loads(out.splitlines()[0])
    assert "\x1b" not in out and first["path"].endswith("esc\x1b]0;owned\x07\x1b[31m.txt")


def test_a_file_name_that_is_not_utf8_gets_a_printable_id(hostile_index):
    index_dir, _, _ = hostile_index
    code, out, _ = cli("query", "маркербайтове", "--index", index_dir, "--json")
    hit = json.loads(out)["hits"][0]
    assert hit["id"] == "bad\\xff\\xfename.txt"
    assert cli("show", hit["id"], "--index", index_dir)[0] == 0


@pytest.mark.slow
def test_ten_thousand_tiny_files_are_all_indexed(tmp_path):
    corpus = tmp_path / "tiny"
    for folder in range(10):
        (corpus / str(folder)).mkdir(parents=True)
        for number in range(1000):
            (corpus / str(folder) / f"{number}.txt").write_text(f"Бележка {folder}-{number}.", encoding="utf-8")
    code, _, err = cli("index", "--source", corpus, "--index", tmp_path / "index")
    assert code == 0, err
    assert "indexed 10000 articles" in err
    code, out, _ = cli("query", "бележка", "--index", tmp_path / "index", "--json", "--limit", "1")
    assert json.loads(out)["total"] == 10000
