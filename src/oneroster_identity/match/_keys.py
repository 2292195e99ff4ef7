"""Which positions share a key: the index behind blocking and credential holders."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import TypeVar

__all__ = ["shared_keys"]

K = TypeVar("K", bound=Hashable)


def shared_keys(keys: Iterable[K | None]) -> dict[K, list[int]]:
    """Key -> the ascending positions holding it, for keys held two or more times
    (``None`` is no key), in the order of each key's first position.

    Most keys of a roster are held once. They are counted in C (``Counter``, whose
    counts are small cached ints) and only the shared ones get a list, so a
    million-record index costs one count per distinct key and a Python step per
    record that only tests membership.

    >>> shared_keys(["a", "b", None, "a", "c", "a"])
    {'a': [0, 3, 5]}
    """
    column = keys if isinstance(keys, list) else list(keys)
    counts = Counter(column)
    shared: dict[K, list[int]] = {k: [] for k, n in counts.items() if n > 1 and k is not None}
    del counts
    if shared:
        get = shared.get
        for i, key in enumerate(column):
            holders = get(key)
            if holders is not None:
                holders.append(i)
    return shared
