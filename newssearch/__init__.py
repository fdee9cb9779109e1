"""newssearch: full-text search for Bulgarian news."""

from __future__ import annotations

import sys
import types
from typing import Any

__version__ = "0.1.0"


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _import_whoosh_compat_without_urllib() -> None:
    """whoosh.compat, which every Whoosh module imports, imports urllib.request for a
    download helper Whoosh never calls; with it come http.client and email, a tenth
    of a query's start-up. While whoosh.compat loads, a stand-in answers that import
    (its helper loads the real one if ever called); the real module loads as usual
    for anything that imports it afterwards."""
    if "whoosh.compat" in sys.modules or "urllib.request" in sys.modules:
        return
    stand_in = types.ModuleType("urllib.request")
    stand_in.urlretrieve = _urlretrieve  # type: ignore[attr-defined]
    sys.modules["urllib.request"] = stand_in
    try:
        import whoosh.compat  # noqa: F401
    finally:
        del sys.modules["urllib.request"]


_import_whoosh_compat_without_urllib()
