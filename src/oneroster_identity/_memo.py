"""Caches of roster values that live only while a run is going on.

Normalizing and comparing names, emails and phones repeats the same values across a
roster, so the hot functions keep bounded caches (``fold_key``, ``loose_name``, the phone
prefix and email domain facts, the role families of a shared role tuple...). Kept after
the run, they would hold a district's names in a process that has finished with them (a
service, a notebook, a batch over many districts), and, because their entries were
allocated among the run's millions of objects, they would keep the allocator from giving
that memory back: after a 1M-user check whose result was dropped, the resident set
stayed at 782 MB with the caches filled, and is 217 MB now that they are emptied
(``benchmarks/measure_after_run.py``).

So every such cache is registered here, with :func:`run_cache` (an ``lru_cache``) or
:func:`run_dict` (a plain dict), and every public entry point that walks a roster or a
result (reading, matching, the existing-accounts check, comparing, the report writers,
the verdict, the data frames, writing a roster) is a run: its body runs inside
:func:`roster_run` (:func:`one_run` makes a function one). When the last run of the
process ends, the caches are emptied. Runs may nest (a comparison matches, a match
reads) or overlap in threads: the caches are emptied only when none is left, so a run
never loses its warm cache to another's end. The per-value normalizers called on their
own are not runs: their caches stay bounded and are emptied when the next run ends. The
cached functions are pure, so emptying changes what is remembered, never a result.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import _lru_cache_wrapper
from typing import Any, ParamSpec, TypeVar

__all__ = ["clear_run_caches", "one_run", "roster_run", "run_cache", "run_dict"]

_Cached = TypeVar("_Cached", bound="_lru_cache_wrapper[Any]")
_Dict = TypeVar("_Dict", bound=dict[Any, Any])
_P = ParamSpec("_P")
_R = TypeVar("_R")

_CACHES: list[_lru_cache_wrapper[Any]] = []
_DICTS: list[dict[Any, Any]] = []
_LOCK = threading.Lock()
_active = 0


def _new_lock_in_child() -> None:
    """A forked child gets a lock of its own: another thread of the parent may have held
    the parent's at the fork, and it would never be released in the child. The count of
    runs is kept (a run the forking thread was in still ends in the child)."""
    global _LOCK
    _LOCK = threading.Lock()


if hasattr(os, "register_at_fork"):  # not on Windows
    os.register_at_fork(after_in_child=_new_lock_in_child)


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


def one_run(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Make a public entry point a run (:func:`roster_run` around its whole body), for
    functions that return when their work is done (not generators)."""

    @functools.wraps(function)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with roster_run():
            return function(*args, **kwargs)

    return run
