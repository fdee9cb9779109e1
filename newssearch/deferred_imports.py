"""Whoosh's modules import, as they load, modules for features no newssearch command
uses: a web client for a download helper, the English morphology tables of a query
type, the Porter and double-metaphone stemmers, and the HTML escaper of a
highlighter. Together about 20 ms of a query's start-up.

While a Whoosh module executes, importing one of these gets a stand-in: the names
Whoosh takes from it are functions that load the real module when first called,
and any other name loads it at once. Only Whoosh's own loading sees stand-ins;
everything imported afterwards gets the real modules.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
from collections.abc import Callable, Sequence
from typing import Any

# module -> the names Whoosh imports from it
DEFERRED: dict[str, tuple[str, ...]] = {
    "urllib.request": ("urlretrieve",),  # with http.client and email
    "html": ("escape",),
    "whoosh.lang.morph_en": ("variations",),
    "whoosh.lang.porter": ("stem",),
    "whoosh.lang.dmetaphone": ("double_metaphone",),
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
    del sys.modules[name]  # a Whoosh module is still loading: let the real one load beside its stand-in
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


class _DeferringLoader(importlib.abc.Loader):
    """Runs a Whoosh module with stand-ins for the deferred modules not yet imported."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        installed = [name for name in DEFERRED if name not in sys.modules]
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


class _WhooshFinder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname.partition(".")[0] != "whoosh" or fullname in DEFERRED:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _DeferringLoader(spec.loader)
        return spec


def install() -> None:
    """Defer the modules for every Whoosh module imported from now on."""
    if not any(isinstance(finder, _WhooshFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _WhooshFinder())
