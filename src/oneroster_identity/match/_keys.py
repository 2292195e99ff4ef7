"""Which positions share a key: the index behind blocking and credential holders."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

__all__ = ["shared_keys"]

K = TypeVar("K", bound=Hashable)


def shared_keys(keys: Iterable[K | None]) -> dict[K, list[int]]:
    """Key -> the ascending positions holding it, for keys held two or more times
    (``None`` is no key).

    Most keys of a roster are held once: those cost one dict entry holding an int, never
    a list, which keeps a million-record index small and quick to build.

    >>> shared_keys(["a", "b", None, "a", "c", "a"])
    {'a': [0, 3, 5]}
    """
    first: dict[K, int] = {}
    shared: dict[K, list[int]] = {}
    for i, key in enumerate(keys):
        if key is None:
            continue
        j = first.setdefault(key, i)
        if j != i:
            holders = shared.get(key)
            if holders is None:
                shared[key] = [j, i]
            else:
                holders.append(i)
    return shared
