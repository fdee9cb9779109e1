"""newssearch: full-text search for Bulgarian news."""

__version__ = "0.1.0"
