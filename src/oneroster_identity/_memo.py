"""Caches of roster values that live only while a run is going on.

Normalizing and comparing names, emails and phones repeats the same values across a
roster, so the hot functions keep bounded LRU caches (``fold_key``, ``loose_name``, the
phone prefix and email domain facts...). Kept after the run, those caches would hold a
district's names and domains in a process that has finished with them (a service, a
notebook, a batch over many districts), and, because their entries were allocated among
the run's millions of objects, they would pin the allocator's memory: after a 1M-user
check whose result has been dropped, the resident set stayed at 801-835 MB with the
caches filled and fell to 314 MB once they were cleared.

So every such cache is registered here with :func:`run_cache` (or :func:`run_dict` for a
plain dict), and the heavy entry points
(reading a roster, matching, the existing-accounts check, comparing) run inside
:func:`roster_run`. When the last run of the process ends, the caches are emptied. Runs
may nest (a comparison matches, a match reads) or overlap in threads: the caches are
cleared only when none is left, so a run never loses its warm cache to another's end.
The functions are pure, so clearing changes what is remembered, never a result.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import _lru_cache_wrapper
from typing import Any, TypeVar

__all__ = ["clear_run_caches", "roster_run", "run_cache", "run_dict"]

_Cached = TypeVar("_Cached", bound="_lru_cache_wrapper[Any]")
_Dict = TypeVar("_Dict", bound=dict[Any, Any])

_CACHES: list[_lru_cache_wrapper[Any]] = []
_DICTS: list[dict[Any, Any]] = []
_LOCK = threading.Lock()
_active = 0


def run_cache(cached: _Cached) -> _Cached:
    """Register an ``lru_cache``-wrapped function as holding roster values (apply it
    above ``@lru_cache``); it is emptied when no run is left."""
    _CACHES.append(cached)
    return cached


def run_dict(cache: _Dict) -> _Dict:
    """Register a module-level dict used as a cache of roster objects; it is emptied
    when no run is left."""
    _DICTS.append(cache)
    return cache


def clear_run_caches() -> None:
    """Empty every registered cache now."""
    for cached in _CACHES:
        cached.cache_clear()
    for cache in _DICTS:
        cache.clear()


@contextmanager
def roster_run() -> Iterator[None]:
    """Run the body as a run: when it ends and no other run is going on, the registered
    caches are emptied (even when the body raised)."""
    global _active
    with _LOCK:
        _active += 1
    try:
        yield
    finally:
        with _LOCK:
            _active -= 1
            if _active == 0:
                clear_run_caches()
