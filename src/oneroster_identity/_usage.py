"""Checks of what a program passes to the public functions, so a wrong argument raises a
:class:`~oneroster_identity.errors.UsageError` saying what goes there, not an
``AttributeError`` from deep inside the matcher.

The messages describe a wrong value by its type only: the values are roster data (names,
emails, phones), which no message quotes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from oneroster_identity.errors import UsageError

__all__ = [
    "EXISTING_TAKES",
    "RESULT_TAKES",
    "Fields",
    "describe",
    "is_many",
    "is_missing_date",
    "is_numpy_bool",
    "require",
    "require_count",
    "require_fields",
    "require_path",
    "require_result_of",
    "require_roster",
]

EXISTING_TAKES = "an ExistingCheck, check_existing(roster, result, accounts), or None"
RESULT_TAKES = "a MatchResult, match(roster)"

Fields = tuple[tuple[str, type[Any] | tuple[type[Any], ...], str], ...]
"""(field name, the types it takes, what it takes in words) for :func:`require_fields`."""


_PANDAS_MISSING = {
    "NaTType": "NaT (what pandas holds for an empty date cell)",
    "NAType": "NA (what pandas holds for an empty cell)",
}
"""pandas' markers of a missing value, named by their type's name (pandas is no
dependency of this library, so it is never imported to tell them)."""


def is_numpy_bool(value: object) -> bool:
    """numpy's boolean scalar (``bool_``, named ``bool`` since numpy 2; a DataFrame's
    boolean cell), told by its type's module and name: numpy is no dependency, so it is
    never imported."""
    kind = type(value)
    return kind.__module__ == "numpy" and kind.__name__ in ("bool", "bool_")


def is_missing_date(value: object) -> bool:
    """Whether ``value`` is pandas' ``NaT``: an instance of ``datetime`` (so it passes a
    type check) that has no day, and fails the first date arithmetic done with it."""
    return type(value).__name__ == "NaTType"


def describe(value: object) -> str:
    """What ``value`` is, by its type alone: ``None``, ``NaN (...)``, ``a str``."""
    if value is None:
        return "None"
    if isinstance(value, float) and value != value:
        return "NaN (a float: what pandas holds for an empty cell)"
    name = type(value).__name__
    if name in _PANDAS_MISSING:
        return _PANDAS_MISSING[name]
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def require(
    value: object, kind: type[Any] | tuple[type[Any], ...], argument: str, takes: str
) -> None:
    """Raise :class:`UsageError` unless ``value`` is a ``kind``; the message says that
    ``argument`` takes ``takes``."""
    if not isinstance(value, kind):
        raise UsageError(f"{argument} takes {takes}, not {describe(value)}")


def require_roster(value: object, function: str) -> None:
    """Raise :class:`UsageError` unless ``value`` is a roster, naming the reader or
    constructor that makes one from what was passed."""
    from oneroster_identity.models import Roster

    if isinstance(value, Roster):
        return
    if isinstance(value, (str, os.PathLike)):
        how = "read the export first: read_roster(path)"
    elif isinstance(value, Mapping):
        how = "read a REST document with read_rest_users(document)"
    elif isinstance(value, (list, tuple)):
        how = "wrap users in one: Roster(users=users)"
    else:
        how = "read_roster(path), read_rest_users(document) or Roster(users=users) make one"
    raise UsageError(f"{function} takes a Roster, not {describe(value)}: {how}")


def require_path(value: object, argument: str) -> None:
    """Raise :class:`UsageError` unless ``value`` is a path (a ``str`` or an
    ``os.PathLike`` such as :class:`pathlib.Path`)."""
    if not isinstance(value, (str, os.PathLike)):
        raise UsageError(
            f"{argument} takes a path (a str or a pathlib.Path), not {describe(value)}"
        )


def require_fields(obj: object, fields: Fields, prefix: str) -> None:
    """Raise :class:`UsageError` for the first of ``fields`` whose value on ``obj`` is not
    of its types (or is pandas' ``NaT`` where a date goes): ``{prefix}{name} takes
    {takes}, not {describe(value)}``."""
    for name, kinds, takes in fields:
        value = getattr(obj, name)
        if not isinstance(value, kinds) or is_missing_date(value):
            raise UsageError(f"{prefix}{name} takes {takes}, not {describe(value)}")


def require_count(value: object, argument: str, least: int = 1) -> None:
    """Raise :class:`UsageError` unless ``value`` is a whole number of ``least`` or more
    (``jobs``: a number of processes)."""
    if not isinstance(value, int) or isinstance(value, bool) or value < least:
        raise UsageError(f"{argument} takes a whole number of {least} or more, not {value!r}")


def is_many(value: object) -> bool:
    """Whether ``value`` is a collection of items: iterable, and neither a string (whose
    letters are no items) nor a mapping (whose keys are not what was meant)."""
    return isinstance(value, Iterable) and not isinstance(value, (str, bytes, Mapping))


def require_result_of(roster: Any, result: Any, function: str) -> None:
    """Raise :class:`UsageError` unless ``result`` (a ``MatchResult``) is a check of
    ``roster``: as many records checked (matched or excluded) as the roster has users, and
    its first, middle and last users (sorted by sourcedId) among them. A notebook that
    read the roster again, or another district's, and passed an earlier result got
    figures of neither (since session 67): ``check_existing`` answered every account
    from the other roster's records, ``check_fix_list`` re-checked the other roster.
    Cheap at a million users; a roster whose values changed since the check passes (the
    fix list's rows each name the value they change, and refuse a changed one)."""
    users = roster.users
    checked = result.records_matched + len(result.excluded)
    if len(users) == checked:
        excluded = {e.sourced_id for e in result.excluded}
        ends = sorted({0, len(users) // 2, len(users) - 1}) if users else []
        if all(
            users[i].sourced_id in result.facts or users[i].sourced_id in excluded for i in ends
        ):
            return
    raise UsageError(
        f"{function} takes a roster and a check of it (match(roster)); this result checked "
        f"{checked:,} records and is not a check of this roster of {len(users):,} users: "
        "pass the roster it was made from, or check this roster again"
    )
