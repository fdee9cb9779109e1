"""bench/relevance.py: the figures and the query-by-query comparison of two runs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO, bench_module

relevance = bench_module("relevance")
QRELS = {"q1": {"a.txt"}, "q2": {"b.txt"}, "q3": {"c.txt", "c-copy.txt"}}
QUERIES = [("q1", "…"), ("q2", "…"), ("q3", "…")]


def test_reciprocal_ranks_take_the_first_relevant_article_in_the_top_ten():
    ranking = {"q1": ["x.txt", "a.txt"], "q2": ["x.txt"] * 10 + ["b.txt"], "q3": ["c-copy.txt", "c.txt"]}
    assert relevance.reciprocal_ranks(ranking, QUERIES, QRELS) == {"q1": 0.5, "q2": 0.0, "q3": 1.0}


def test_figures_count_queries_with_nothing_found_as_empty():
    figures = relevance.evaluate({"q1": ["a.txt"], "q2": []}, QUERIES, QRELS)
    assert figures["MRR@10"] == pytest.approx(1 / 3)
    assert (figures["S@1"], figures["S@10"], figures["empty"]) == (pytest.approx(1 / 3), pytest.approx(1 / 3), pytest.approx(2 / 3))


def test_a_run_compared_with_itself_changes_nothing():
    run = {f"q{i}": 1 / (1 + i % 4) for i in range(50)}
    comparison = relevance.compare(run, run)
    assert comparison == relevance.Comparison(0.0, 0, 0, 0.0, 0.0)
    assert "within noise" in relevance.comparison_line(comparison)


def test_one_query_moving_up_is_within_noise_and_many_are_not():
    before = {f"q{i}": 0.5 for i in range(200)}
    one_up = {**before, "q0": 1.0}
    many_up = {query_id: 1.0 if i % 2 else 0.5 for i, query_id in enumerate(before)}
    single = relevance.compare(before, one_up)
    assert (single.better, single.worse) == (1, 0)
    assert single.low <= 0 <= single.high
    broad = relevance.compare(before, many_up)
    assert broad.delta == pytest.approx(0.25)
    assert 0 < broad.low < broad.delta < broad.high
    assert "beyond noise" in relevance.comparison_line(broad)


def test_only_queries_in_both_runs_are_compared():
    comparison = relevance.compare({"q1": 0.0, "q2": 1.0}, {"q1": 1.0, "q3": 0.0})
    assert (comparison.delta, comparison.better, comparison.worse) == (1.0, 1, 0)


@pytest.mark.slow
def test_a_saved_run_is_compared_query_by_query(corpus, tmp_path):
    queries = tmp_path / "queries.tsv"
    queries.write_text("q1\tбюджета парламента\nq2\tфутбол Грузия\n", encoding="utf-8")
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("q1\tparlament.txt\nq2\tfutbol.txt\n", encoding="utf-8")
    saved = tmp_path / "run.json"
    command = [sys.executable, str(REPO / "bench" / "relevance.py"), "--corpus", str(corpus), "--qrels", str(qrels)]
    first = subprocess.run([*command, "--save", str(saved), str(queries)], capture_output=True, text=True, check=True)
    assert "queries " in first.stdout
    assert json.loads(saved.read_text("utf-8")) == {"queries": {"q1": 1.0, "q2": 1.0}}
    second = subprocess.run([*command, "--against", str(saved), str(queries)], capture_output=True, text=True, check=True)
    assert "against run.json: +0.000 MRR@10 (0 up, 0 down" in second.stdout


def test_a_file_that_is_no_saved_run_is_refused_with_exit_2(corpus, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"queries": [1, 2]}', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "relevance.py"), "--corpus", str(corpus), "--against", str(bad)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("relevance: cannot read") and "not a run written by --save" in done.stderr


def test_a_missing_qrels_file_is_refused_with_exit_2_before_indexing(corpus, tmp_path):
    queries = tmp_path / "queries.tsv"
    queries.write_text("q1\tбюджета\n", encoding="utf-8")
    missing = tmp_path / "no-such-qrels.tsv"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "relevance.py"), "--corpus", str(corpus), "--qrels", str(missing), str(queries)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr == f"relevance: cannot read {missing}: No such file or directory\n"
    assert "indexed" not in done.stdout


def test_judgments_are_read_in_the_encodings_a_query_file_may_have(tmp_path):
    judgments = tmp_path / "qrels.tsv"
    judgments.write_bytes("\ufeffq1\tбюджет.txt\r\nq2\tфутбол.txt\r\n".encode("utf-8"))
    assert relevance.read_tsv(judgments) == [("q1", "бюджет.txt"), ("q2", "футбол.txt")]
    judgments.write_bytes("q1\tбюджет.txt\nq2\tфутбол.txt\n".encode("cp1251"))
    assert relevance.read_tsv(judgments) == [("q1", "бюджет.txt"), ("q2", "футбол.txt")]


def test_a_judgments_file_that_is_not_text_is_refused_with_exit_2_before_indexing(corpus, tmp_path):
    binary = tmp_path / "qrels.tsv"
    binary.write_bytes(b"q1\t\x00\x01\x02")
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "relevance.py"), "--corpus", str(corpus), "--qrels", str(binary)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr == f"relevance: {binary}: not a query file (binary file)\n"
    assert "indexed" not in done.stdout
