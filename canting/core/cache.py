"""The embedded cache: diskcache's Django cache, its SQLite connections kept open between requests."""

from __future__ import annotations

from typing import Any

from diskcache import DjangoCache


class DiskCache(DjangoCache):  # type: ignore[misc]
    """diskcache on the disk under DATA_DIR, shared by every process that serves Canting.

    Django closes every cache when a request ends; for diskcache that closes the SQLite connection of each shard the
    request used, and the next request opens it again with its PRAGMAs: about 0.5 ms a shard, 1 ms for a public page
    (its version and the page or its count live in different shards), more than a whole page served from the cache
    takes otherwise. As with a database connection kept by CONN_MAX_AGE, each process (and thread) keeps one
    connection a shard for its life instead. Nothing is lost: every write is committed when it returns.
    """

    def close(self, **kwargs: Any) -> None:
        """Keep the connections: called at the end of every request, not only when the process stops."""
