"""newssearch: full-text search for Bulgarian news."""

from __future__ import annotations

from newssearch import deferred_imports

__version__ = "0.1.0"

deferred_imports.install()
