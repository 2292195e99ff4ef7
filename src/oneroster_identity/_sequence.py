"""Equality for the read-only sequence views that stand in for tuples."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def sequence_eq(view: Sequence[Any], other: object) -> Any:
    """``view == other`` as for a tuple: equal to any sequence of equal items in order
    (``NotImplemented`` for strings and non-sequences). A view such as the column roster
    or a snapshot's persons compares equal to the tuple it replaces."""
    if isinstance(other, (str, bytes)) or not isinstance(other, Sequence):
        return NotImplemented
    return len(view) == len(other) and all(a == b for a, b in zip(view, other, strict=True))
