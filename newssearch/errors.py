"""Errors the library raises; the CLI turns each into one line on stderr and exit code 2.

Messages are written for the user and say what to do next.
"""


class NewsSearchError(Exception):
    """Base of every error a user can cause or fix."""


class SourceError(NewsSearchError):
    """A source given to `index` is missing, unreadable or holds no articles."""


class IndexMissingError(NewsSearchError):
    """No index has been built in the given directory."""


class IndexDamagedError(NewsSearchError):
    """The index exists but cannot be read, or was built by an incompatible version."""


class IndexBuildError(NewsSearchError):
    """Indexing failed for a reason other than its sources (a worker process stopped)."""


class IndexLockedError(NewsSearchError):
    """Another `newssearch index` is writing to the same index."""


class QueryError(NewsSearchError):
    """The query text cannot be turned into a search."""


class QueryFileError(NewsSearchError):
    """A batch file of queries is not text."""
