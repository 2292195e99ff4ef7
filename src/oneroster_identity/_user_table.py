"""Users stored as columns: how a CSV reader keeps a million-user roster.

A :class:`~oneroster_identity.models.User` costs 256 bytes before its strings, its
``Provenance`` 64 more and the line number 32: about 350 bytes a user, 350 MB for a
million, most of it slots holding the same empty value. :class:`UserColumns` keeps one
list per field that varies, one value per field that does not, one- or two-byte codes
for fields of few distinct objects, and where each user was read in arrays (the line of
a CSV row; for REST JSON, a :class:`JsonPaths` entry): well under 100 bytes a user. It
builds a ``User`` only when one is asked for. Whole
roster passes (the matcher's facts, the family links, domain inference) read the columns
through :func:`~oneroster_identity.models.user_columns` instead.
"""

from __future__ import annotations

import operator
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice, repeat
from typing import Any, TypeAlias, cast

import attrs

from oneroster_identity._slots import slot_builder
from oneroster_identity.models import Provenance, SortedUsers, User, families_of

__all__ = ["FIELDS", "JsonPaths", "UserColumns"]

FIELDS: tuple[str, ...] = tuple(f.name for f in attrs.fields(User) if f.init)
"""``User``'s init fields in declaration order (the order ``slot_builder`` takes)."""
_PROVENANCE = FIELDS.index("provenance")
_new_user = slot_builder(User)
_new_provenance = slot_builder(Provenance)


_CODED_AT_MOST = 1 << 16
"""Distinct objects a column may hold to be kept as codes (one or two bytes a user)."""
_CODED = ("given_name", "family_name", "roles", "grades", "date_last_modified", "birth_date")
"""Columns whose values repeat (interned names, shared role and grade tuples, cached
dates): kept as codes into a table of their distinct objects when few enough."""


class _Coded:
    """A column of few distinct objects: a table of them and one small code per user
    (1M users: 1-2 MB against 8 MB for a list). Codes are by identity, so a value comes
    back as the very object that was read."""

    __slots__ = ("codes", "table")

    def __init__(self, codes: array[int], table: list[Any]) -> None:
        self.codes = codes
        self.table = table

    @classmethod
    def of(cls, values: list[Any]) -> _Coded | None:
        """The column coded, or ``None`` when it holds too many distinct objects."""
        # Every step is one C-level pass: about 0.1 s for a million values.
        by_id = dict(zip(map(id, values), values, strict=True))
        if len(by_id) > _CODED_AT_MOST:
            return None
        position = dict(zip(by_id, range(len(by_id)), strict=True))
        codes = array("B" if len(by_id) <= 256 else "H", map(position.__getitem__, map(id, values)))
        return cls(codes, list(by_id.values()))

    def __getitem__(self, index: int) -> Any:
        return self.table[self.codes[index]]

    def __iter__(self) -> Iterator[Any]:
        return map(self.table.__getitem__, self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def mapped(self, function: Any) -> Iterator[Any]:
        """``function(value)`` of every value, calling it once per distinct object."""
        return map([function(v) for v in self.table].__getitem__, self.codes)


def _all_same(values: list[Any]) -> bool:
    """Whether every value equals the first: a few positions are probed by identity
    first, so a column that varies is told apart without a pass over it (and without
    comparing role tuples field by field), and only a likely constant one is counted (in
    C, where the identity of repeated objects answers each comparison)."""
    first = values[0]
    size = len(values)
    if any(values[i] is not first for i in (size // 3, size // 2, size - 1)):
        return False
    return values.count(first) == size


class JsonPaths:
    """Where each user of a REST JSON read was found, as a JSON path per row: a table of
    the few distinct prefixes (``$[3].users``, one per page) and, per row, the prefix's
    code and the item's index in it (8 bytes a user instead of a path string), formatted
    when a provenance is asked for (``$[3].users[41]``; a negative index is the prefix
    itself, for a bare user object)."""

    __slots__ = ("codes", "items", "prefixes")

    def __init__(self, prefixes: list[str], codes: array[int], items: array[int]) -> None:
        self.prefixes = prefixes
        self.codes = codes
        self.items = items

    def __getitem__(self, row: int) -> str:
        item = self.items[row]
        prefix = self.prefixes[self.codes[row]]
        return prefix if item < 0 else f"{prefix}[{item}]"

    def __len__(self) -> int:
        return len(self.codes)

    def permuted(self, order: list[int]) -> JsonPaths:
        """The paths in ``order`` (row positions)."""
        return JsonPaths(self.prefixes, _taken(self.codes, order), _taken(self.items, order))

    def extended(self, count: int) -> JsonPaths:
        """These paths and ``count`` rows more whose provenance is kept elsewhere (the
        users a delta adds: see ``UserColumns``'s ``moved``)."""
        return JsonPaths(
            self.prefixes, _padded(self.codes, count, 0), _padded(self.items, count, -1)
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (JsonPaths, (self.prefixes, self.codes, self.items))


Locations: TypeAlias = "array[int] | JsonPaths"
"""Where each row of a :class:`UserColumns` was read: CSV lines, or REST JSON paths."""


def _taken(values: array[int], order: list[int]) -> array[int]:
    """A copy of ``values`` in ``order``."""
    return array(values.typecode, map(values.__getitem__, order))


def _padded(values: array[int], count: int, fill: int) -> array[int]:
    """A copy of ``values`` with ``count`` entries of ``fill`` after them."""
    copy = array(values.typecode, values)
    copy.extend(repeat(fill, count))
    return copy


def _permuted(where: Locations, order: list[int]) -> Locations:
    return where.permuted(order) if isinstance(where, JsonPaths) else _taken(where, order)


def _extended(where: Locations, count: int) -> Locations:
    return where.extended(count) if isinstance(where, JsonPaths) else _padded(where, count, 0)


_READ = object()
"""No entry in ``UserColumns._moved``: the user's provenance is the file and its line
(or JSON path)."""


class UserColumns(SortedUsers):
    """A sorted sequence of users kept as columns; each ``User`` is built on access.

    Built by :meth:`from_lists` (a reader) or :meth:`replaced` (a delta); immutable but
    for the lookup hint of :meth:`index_of`.
    """

    __slots__ = (
        "_columns",
        "_dense",
        "_file",
        "_ids",
        "_last",
        "_lines",
        "_moved",
        "_size",
        "_template",
    )

    def __init__(
        self,
        columns: Mapping[str, list[Any] | _Coded],
        constants: Mapping[str, Any],
        file: str,
        lines: Locations,
        moved: Mapping[str, Provenance | None] | None = None,
    ) -> None:
        """``columns`` and ``constants`` together name every field of ``FIELDS`` but
        ``provenance``; ``columns["sourced_id"]`` is sorted and unique. A user's
        provenance is ``file`` and its entry in ``lines`` (a CSV line, or a
        :class:`JsonPaths` path), or its entry in ``moved`` (by sourcedId: the users a
        delta replaced or added)."""
        self._ids = cast(list[str], columns["sourced_id"])  # never coded: one per user
        self._size = len(self._ids)
        self._file = file
        self._lines = lines
        self._moved: dict[str, Provenance | None] = dict(moved or {})
        self._last = -1
        self._columns: dict[str, list[Any] | _Coded] = dict(columns)
        template: list[Any] = [None] * len(FIELDS)
        dense: list[tuple[int, list[Any] | _Coded]] = []
        for position, name in enumerate(FIELDS):
            if name == "provenance":
                continue
            if name in columns:
                dense.append((position, columns[name]))
            else:
                template[position] = constants[name]
        self._template = tuple(template)
        self._dense = tuple(dense)

    @classmethod
    def from_lists(
        cls,
        lists: Mapping[str, list[Any]],
        defaults: Mapping[str, Any],
        file: str,
        lines: Locations,
        moved: Mapping[str, Provenance | None] | None = None,
    ) -> UserColumns:
        """Columns from per-field lists in read order (fields absent from ``lists`` take
        their value from ``defaults``): sorted by sourcedId, and a list whose values are
        all equal kept as one value. ``moved``: see the constructor."""
        ids = lists["sourced_id"]
        order: list[int] | None = None
        if not all(map(operator.lt, ids, islice(ids, 1, None))):
            order = sorted(range(len(ids)), key=ids.__getitem__)
        columns: dict[str, list[Any] | _Coded] = {}
        constants = dict(defaults)
        for name, values in lists.items():
            if name != "sourced_id" and values and _all_same(values):
                constants[name] = values[0]
                continue
            column = values if order is None else [values[i] for i in order]
            coded = _Coded.of(column) if name in _CODED else None
            columns[name] = column if coded is None else coded
        if order is not None:
            lines = _permuted(lines, order)
        return cls(columns, constants, file, lines, moved)

    def replaced(self, users: Mapping[str, User]) -> UserColumns:
        """These users with ``users`` (by sourcedId) in place of the ones they name, and
        beside them where they name none: a delta applied without building the roster's
        other users. Columns are copied, not changed."""
        if not users:
            return self
        rows = {sid: self.index_of(sid) for sid in users}
        added = [sid for sid, row in rows.items() if row is None]
        lists: dict[str, list[Any]] = {}
        defaults: dict[str, Any] = {}
        for position, name in enumerate(FIELDS):
            if name == "provenance":
                continue
            values = self._columns.get(name)
            if values is None:
                constant = self._template[position]
                if all(getattr(u, name) == constant for u in users.values()):
                    defaults[name] = constant
                    continue
                column = [constant] * self._size
            else:
                column = list(values)
            for sid, user in users.items():
                row = rows[sid]
                if row is not None:
                    column[row] = getattr(user, name)
            column.extend(getattr(users[sid], name) for sid in added)
            lists[name] = column
        lines = _extended(self._lines, len(added))  # their provenance is in ``moved``
        moved = {**self._moved, **{sid: user.provenance for sid, user in users.items()}}
        return UserColumns.from_lists(lists, defaults, self._file, lines, moved)

    def __len__(self) -> int:
        return self._size

    def build(self, index: int) -> User:
        """The user at ``index``."""
        args = list(self._template)
        for position, values in self._dense:
            args[position] = values[index]
        args[_PROVENANCE] = self._provenance(index)
        return _new_user(*args)

    def _provenance(self, index: int) -> Provenance | None:
        if self._moved:
            found = self._moved.get(self._ids[index], _READ)
            if found is not _READ:
                return cast(Provenance | None, found)
        where = self._lines
        if isinstance(where, JsonPaths):
            return _new_provenance(self._file, None, where[index])
        return _new_provenance(self._file, where[index], None)

    def _provenances(self) -> Iterable[Provenance | None]:
        if self._moved:
            return map(self._provenance, range(self._size))
        file, where = self._file, self._lines
        if isinstance(where, JsonPaths):
            return (_new_provenance(file, None, where[i]) for i in range(self._size))
        return (_new_provenance(file, line, None) for line in where)

    def __iter__(self) -> Iterator[User]:
        size = self._size
        columns: list[Iterable[Any]] = [repeat(v, size) for v in self._template]
        for position, values in self._dense:
            columns[position] = values
        columns[_PROVENANCE] = self._provenances()
        return map(_new_user, *columns)

    def column(self, name: str) -> Iterable[Any]:
        """``User.<name>`` of every user in order, read from the columns."""
        if name == "families":
            roles = self._columns.get("roles")
            if isinstance(roles, _Coded):
                return roles.mapped(families_of)
            return map(families_of, self.column("roles"))
        if name == "provenance":
            return self._provenances()
        values = self._columns.get(name)
        if values is not None:
            return values
        if name in FIELDS:
            return repeat(self._template[FIELDS.index(name)], self._size)
        return (getattr(user, name) for user in self)  # a property: built users

    def index_of(self, sourced_id: str) -> int | None:
        """Binary search of the sorted sourcedIds (0.3-0.5 µs at a million users). The
        row after the last one found is tried first, by identity (the run's facts hold the
        roster's own strings): a pass in sourcedId order (the report's persons) finds each
        row in one comparison, and a miss costs no string comparison. The hint is checked
        before it is used, so callers in several threads only lose its speed."""
        ids = self._ids
        index = self._last + 1
        if index < self._size and ids[index] is sourced_id:  # the facts hold these strings
            self._last = index
            return index
        index = bisect_left(ids, sourced_id)
        if index < self._size and ids[index] == sourced_id:
            self._last = index
            return index
        return None

    def value(self, index: int, name: str) -> Any:
        """``User.<name>`` of the user at ``index`` without building it."""
        values = self._columns.get(name)
        if values is not None:
            return values[index]
        if name == "families":
            return families_of(self.value(index, "roles"))
        if name == "provenance":
            return self._provenance(index)
        if name in FIELDS:
            return self._template[FIELDS.index(name)]
        return getattr(self.build(index), name)  # a property: display_name, org_sourced_ids

    def __reduce__(self) -> tuple[Any, ...]:
        constants = {
            name: self._template[p]
            for p, name in enumerate(FIELDS)
            if name not in self._columns and name != "provenance"
        }
        return (UserColumns, (self._columns, constants, self._file, self._lines, self._moved))
