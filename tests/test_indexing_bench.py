"""bench/indexing.py counts the index a query reads, not the generation a rebuild keeps beside it."""

from newssearch.index import build_index
from newssearch.index.storage import current_generation
from tests.conftest import bench_module


def test_the_index_size_is_the_current_generation_only(corpus, tmp_path):
    bench = bench_module("indexing")
    index_dir = tmp_path / "index"
    build_index([corpus], index_dir)
    one_build = bench.directory_bytes(index_dir)
    build_index([corpus], index_dir, full=True)  # keeps the first generation for readers still on it
    assert bench.directory_bytes(index_dir) > 1.5 * one_build
    assert bench.generation_bytes(index_dir) == bench.directory_bytes(current_generation(index_dir))
    assert bench.generation_bytes(index_dir) < 1.1 * one_build
