"""Whoosh's, numpy's and Typer's modules import, as they load, modules for features no
newssearch command uses:
- Whoosh: a web client for a download helper, the English morphology tables of a
  query type, the Porter and double-metaphone stemmers, and the HTML escaper of a
  highlighter (together about 20 ms of a query's start-up);
- numpy: its linear algebra (with numpy's typing module, about 25 ms) for the matrix
  class and polynomial fitting, ctypes for an array's .ctypes view, and platform for
  printing the runtime;
- Typer: subprocess and platform, for opening URLs and installing shell completion,
  difflib, for suggesting a mistyped command's name (with ctypes, about 10 ms), and
  uuid, for options typed as UUIDs (about 5 ms).

While a module of one of these packages executes, importing one of its deferred
modules gets a stand-in: the names the package takes from it are functions that
load the real module when first called, and any other name loads it at once. Only
the packages' own loading sees stand-ins; everything imported afterwards gets the
real modules.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import types
from collections.abc import Callable, Sequence
from typing import Any

# package -> {module -> the names the package's modules import from it}
DEFERRED_BY_PACKAGE: dict[str, dict[str, tuple[str, ...]]] = {
    "whoosh": {
        "urllib.request": ("urlretrieve",),  # with http.client and email
        "html": ("escape",),
        "whoosh.lang.morph_en": ("variations",),
        "whoosh.lang.porter": ("stem",),
        "whoosh.lang.dmetaphone": ("double_metaphone",),
    },
    "numpy": {"numpy.linalg": ("matrix_power", "eigvals", "inv", "lstsq"), "ctypes": (), "platform": ()},
    "typer": {"subprocess": (), "platform": (), "difflib": ("get_close_matches",), "uuid": ("UUID",)},
}
DEFERRED: dict[str, tuple[str, ...]] = {
    module: names for deferred in DEFERRED_BY_PACKAGE.values() for module, names in deferred.items()
}


class StandIn(types.ModuleType):
    """A module not loaded yet: `from module import name` gets a forwarding function."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system probes __path__ and the like
            raise AttributeError(name)
        return getattr(_real_module(self.__name__), name)


def _real_module(name: str) -> types.ModuleType:
    stand_in = sys.modules.get(name)
    if not isinstance(stand_in, StandIn):
        return importlib.import_module(name)
    del sys.modules[name]  # a module of the package is still loading: the real one loads beside its stand-in
    try:
        return importlib.import_module(name)
    finally:
        sys.modules[name] = stand_in


def _forward(module: str, name: str) -> Callable[..., Any]:
    def forwarding(*args: Any, **kwargs: Any) -> Any:
        return getattr(_real_module(module), name)(*args, **kwargs)

    forwarding.__name__ = forwarding.__qualname__ = name
    return forwarding


def _stand_in(module: str) -> StandIn:
    stand_in = StandIn(module)
    for name in DEFERRED[module]:
        setattr(stand_in, name, _forward(module, name))
    return stand_in


class _DeferringLoader:
    """Runs a package's module with stand-ins for its deferred modules not yet imported.

    Loader and finder follow importlib's protocols without its abstract base classes:
    importing importlib.abc would load importlib.resources, tempfile and more.
    """

    def __init__(self, loader: Any, deferred: dict[str, tuple[str, ...]]) -> None:
        self._loader = loader
        self._deferred = deferred

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        installed = [name for name in self._deferred if name not in sys.modules]
        for name in installed:
            sys.modules[name] = _stand_in(name)
        try:
            self._loader.exec_module(module)
        finally:
            for name in installed:
                if isinstance(sys.modules.get(name), StandIn):
                    del sys.modules[name]

    def __getattr__(self, name: str) -> Any:  # get_source, is_package, ... for tracebacks and pkgutil
        return getattr(self._loader, name)


class _DeferringFinder:
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        deferred = DEFERRED_BY_PACKAGE.get(fullname.partition(".")[0])
        if deferred is None or fullname in DEFERRED:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _DeferringLoader(spec.loader, deferred)
        return spec


def install() -> None:
    """Defer the modules for every module of these packages imported from now on."""
    if not any(isinstance(finder, _DeferringFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _DeferringFinder())
