"""Whoosh, numpy and Typer load without the modules they import for features we do not use, and those still work when used."""

import subprocess
import sys


def run_fresh(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_whoosh_loads_without_the_deferred_modules():
    loaded = run_fresh(
        "import sys, newssearch, whoosh.analysis, whoosh.query, whoosh.highlight, whoosh.codec.whoosh3\n"
        "from newssearch.deferred_imports import DEFERRED\n"
        "print(sorted(name for name in DEFERRED if name in sys.modules))"
    )
    assert loaded == "[]"


def test_numpy_loads_without_its_linear_algebra_which_still_works():
    out = run_fresh(
        "import sys, newssearch, numpy\n"
        "print('numpy.linalg' in sys.modules)\n"
        "print(numpy.linalg.inv(numpy.eye(2) * 2).tolist(), (numpy.matrix([[1, 1], [0, 1]]) ** 3).tolist())\n"
        "print(numpy.polyfit([0, 1, 2], [1, 3, 5], 1).round(6).tolist(), type(sys.modules['numpy.linalg']).__name__)"
    )
    assert out.splitlines() == ["False", "[[0.5, 0.0], [0.0, 0.5]] [[1, 3], [0, 1]]", "[2.0, 1.0] module"]


def test_the_command_line_loads_without_typer_and_numpy_unused_modules():
    loaded = run_fresh(
        "import sys, newssearch.cli, newssearch.search\n"
        "print(sorted(name for name in ('subprocess', 'platform', 'difflib', 'ctypes', 'uuid') if name in sys.modules))"
    )
    assert loaded == "[]"


def test_their_deferred_modules_work_when_used():
    out = run_fresh(
        "import newssearch.cli, numpy, typer.main\n"
        "print(numpy.arange(3).ctypes.shape[0], typer.main._is_linux_or_bsd() in (True, False), typer.main.UUID(int=1).int)"
    )
    assert out == "3 True 1"
    typo = subprocess.run([sys.executable, "-m", "newssearch", "qury"], capture_output=True, text=True)
    assert typo.returncode == 2 and "Did you mean 'query'" in typo.stderr


def test_a_deferred_function_loads_its_module_when_called():
    out = run_fresh(
        "import sys, newssearch, whoosh.analysis.morph as morph\n"
        "print(morph.stem('connections'), type(sys.modules['whoosh.lang.porter']).__name__)"
    )
    assert out == "connect module"


def test_modules_imported_after_whoosh_are_the_real_ones():
    out = run_fresh(
        "import newssearch, whoosh.compat, html\n"
        "print(html.escape('<'), whoosh.compat.htmlescape('>'), type(html).__name__)"
    )
    assert out == "&lt; &gt; module"


def test_other_names_of_a_stand_in_load_the_real_module():
    out = run_fresh(
        "import sys, newssearch\n"
        "from newssearch.deferred_imports import StandIn, _stand_in\n"
        "sys.modules['html'] = _stand_in('html')\n"
        "import html\n"
        "print(isinstance(html, StandIn), html.unescape('&amp;'))"
    )
    assert out == "True &"
