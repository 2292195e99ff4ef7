"""A snapshot's records and persons kept compactly: what last night's check leaves behind.

A comparison holds last night's snapshot while tonight's roster is checked, so at a
million records the snapshot's own weight is added to a whole check's. As objects it was
about 300 bytes a record (a ``RecordValues``, a dict entry, a one-record person tuple,
an email and a phone string), about 430 MB in all. Here the sourcedIds and the contact
values of all records are one string per column with an array of offsets, names are
lists of the (shared) name strings, and a person is its first sourcedId, with the whole
tuple kept only for persons of two or more records: about 85 bytes a record (80 MB
traced for a 1M snapshot). Values and persons are built when read.
"""

from __future__ import annotations

import operator
from array import array
from bisect import bisect_left
from collections.abc import (
    Callable,
    ItemsView,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
    ValuesView,
)
from itertools import accumulate, islice
from typing import Any, overload

from oneroster_identity._sequence import sequence_eq
from oneroster_identity._slots import slot_builder

__all__ = ["PackedStrings", "PersonIds", "PersonIdsBuilder", "RecordColumns"]


class PackedStrings(Sequence[str]):
    """Strings kept as one string and the offset where each ends (an email costs its
    characters and 8 bytes, not a 70-byte object); each is sliced out when read."""

    __slots__ = ("_ends", "_text")

    def __init__(self, values: Sequence[str]) -> None:
        self._text = "".join(values)
        # 4-byte offsets while the text is shorter than 4 Gi characters (always, for a
        # district's values), 8-byte ones beyond.
        self._ends = array("I" if len(self._text) < 1 << 32 else "Q")
        self._ends.extend(accumulate(map(len, values)))

    @classmethod
    def _of_parts(cls, text: str, ends: array[int]) -> PackedStrings:
        packed = cls.__new__(cls)
        packed._text, packed._ends = text, ends
        return packed

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        ends = self._ends
        if index < 0:
            index += len(ends)
            if index < 0:
                raise IndexError("PackedStrings index out of range")
        start = ends[index - 1] if index > 0 else 0
        return self._text[start : ends[index]]

    def __iter__(self) -> Iterator[str]:
        text, start = self._text, 0
        for end in self._ends:
            yield text[start:end]
            start = end

    def __reduce__(self) -> tuple[Any, ...]:
        return (PackedStrings._of_parts, (self._text, self._ends))


class RecordColumns(Mapping[str, Any]):
    """sourcedId -> ``RecordValues`` (given, family, email, sms), kept as columns in
    sourcedId order and looked up by binary search; equal to a dict of the same items."""

    __slots__ = ("_email", "_family", "_given", "_ids", "_new", "_sms", "_value_class")

    def __init__(
        self,
        ids: PackedStrings,
        given: list[str],
        family: list[str],
        email: PackedStrings,
        sms: PackedStrings,
        value_class: type,
    ) -> None:
        """Columns of one length, ``ids`` sorted and unique (packed: the snapshot keeps
        no string of the roster it came from, so that roster's memory is all given back
        when it goes); values are built as
        ``value_class(given, family, email, sms)`` (positionally). Use :meth:`of` or
        :meth:`from_columns`."""
        self._ids, self._given, self._family = ids, given, family
        self._email, self._sms = email, sms
        self._value_class = value_class
        self._new: Callable[..., Any] = slot_builder(value_class)

    @classmethod
    def of(cls, rows: Iterable[tuple[str, str, str, str, str]], value_class: type) -> RecordColumns:
        """Columns of ``(sourcedId, given, family, email, sms)`` rows in any order (see
        :meth:`from_columns`); values are built as ``value_class``."""
        columns = [list(c) for c in zip(*rows, strict=True)] or [[] for _ in range(5)]
        ids, given, family, email, sms = columns
        del columns
        return cls.from_columns(ids, given, family, email, sms, value_class)

    @classmethod
    def from_columns(
        cls,
        ids: list[str],
        given: list[str],
        family: list[str],
        email: list[str],
        sms: list[str],
        value_class: type,
    ) -> RecordColumns:
        """Columns in any order (sorted here when they are not; a repeated sourcedId
        keeps its last row, as a dict would)."""
        if not all(map(operator.lt, ids, islice(ids, 1, None))):
            order = sorted(range(len(ids)), key=ids.__getitem__)  # stable: last row last
            keep = [
                i for i, j in zip(order, islice(order, 1, None), strict=False) if ids[i] != ids[j]
            ]
            keep.extend(order[-1:])
            order = keep
            ids, given, family, email, sms = (
                [column[i] for i in order] for column in (ids, given, family, email, sms)
            )
        return cls(
            PackedStrings(ids), given, family, PackedStrings(email), PackedStrings(sms), value_class
        )

    def _index(self, sourced_id: object) -> int:
        ids = self._ids
        if isinstance(sourced_id, str):
            index = bisect_left(ids, sourced_id)
            if index < len(ids) and ids[index] == sourced_id:
                return index
        raise KeyError(sourced_id)

    def __getitem__(self, sourced_id: str) -> Any:
        i = self._index(sourced_id)
        return self._new(self._given[i], self._family[i], self._email[i], self._sms[i])

    def __contains__(self, sourced_id: object) -> bool:
        try:
            self._index(sourced_id)
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def rows(self) -> Iterator[tuple[str, str, str, str, str]]:
        """``(sourcedId, given, family, email, sms)`` of every record, in sourcedId order."""
        return zip(self._ids, self._given, self._family, self._email, self._sms, strict=True)

    def contacts(self) -> Iterator[tuple[str, str, str]]:
        """``(sourcedId, email, sms)`` of every record, in sourcedId order."""
        return zip(self._ids, self._email, self._sms, strict=True)

    def contact(self, sourced_id: str) -> tuple[str, str] | None:
        """The record's (email, sms), or ``None`` when it is not here."""
        try:
            i = self._index(sourced_id)
        except KeyError:
            return None
        return self._email[i], self._sms[i]

    def items(self) -> ItemsView[str, Any]:
        """The records in sourcedId order, read in one pass over the columns (the
        default view would search for every key)."""
        return _RecordItems(self)

    def values(self) -> ValuesView[Any]:
        """The values in sourcedId order, read in one pass over the columns."""
        return _RecordValues(self)

    def _values(self) -> Iterator[Any]:
        return map(self._new, self._given, self._family, self._email, self._sms)

    def __reduce__(self) -> tuple[Any, ...]:
        # Columns of strings and two packed strings: cheap to pickle (pickle shares the
        # repeated name strings), unlike a million small objects.
        return (
            RecordColumns,
            (self._ids, self._given, self._family, self._email, self._sms, self._value_class),
        )


class _RecordItems(ItemsView[str, Any]):
    def __iter__(self) -> Iterator[tuple[str, Any]]:
        records: RecordColumns = self._mapping  # type: ignore[attr-defined]
        return zip(records._ids, records._values(), strict=True)


class _RecordValues(ValuesView[Any]):
    def __iter__(self) -> Iterator[Any]:
        records: RecordColumns = self._mapping  # type: ignore[attr-defined]
        return records._values()


class PersonIds(Sequence[tuple[str, ...]]):
    """The sourcedIds of each person, as a sequence of tuples: a person of one record
    (nearly all) is kept as its sourcedId and built as a one-element tuple when read."""

    __slots__ = ("_firsts", "_several")

    def __init__(self, persons: Iterable[tuple[str, ...]]) -> None:
        parts = PersonIdsBuilder()
        for person in persons:
            parts.append(person)
        self._firsts, self._several = PackedStrings(parts.firsts), parts.several

    def __len__(self) -> int:
        return len(self._firsts)

    @overload
    def __getitem__(self, index: int) -> tuple[str, ...]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[str, ...]]: ...
    def __getitem__(self, index: int | slice) -> tuple[str, ...] | Sequence[tuple[str, ...]]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self._firsts)
            if index < 0:
                raise IndexError("PersonIds index out of range")
        found = self._several.get(index)
        return found if found is not None else (self._firsts[index],)

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        several = self._several
        if not several:
            return ((sid,) for sid in self._firsts)
        return (
            (sid,) if (found := several.get(i)) is None else found
            for i, sid in enumerate(self._firsts)
        )

    def several(self) -> list[tuple[str, ...]]:
        """The persons of two or more records, in order (the only ones that can split
        or be a merge)."""
        return [self._several[i] for i in sorted(self._several)]

    def several_positions(self) -> list[int]:
        """The positions of the persons of :meth:`several`, in order."""
        return sorted(self._several)

    def __eq__(self, other: object) -> bool:
        return sequence_eq(self, other)  # type: ignore[no-any-return]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<PersonIds of {len(self)} persons>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (PersonIds._of_packed, (self._firsts, self._several))

    @classmethod
    def _of_packed(cls, firsts: PackedStrings, several: dict[int, tuple[str, ...]]) -> PersonIds:
        persons = cls.__new__(cls)
        persons._firsts, persons._several = firsts, several
        return persons


class PersonIdsBuilder:
    """:class:`PersonIds` a person at a time (a snapshot read from a report): each
    person's first sourcedId and, by position, the whole tuple of those of two or more
    records."""

    __slots__ = ("firsts", "several")

    def __init__(self) -> None:
        self.firsts: list[str] = []
        self.several: dict[int, tuple[str, ...]] = {}

    def append(self, person: tuple[str, ...]) -> None:
        """Add the next person."""
        if len(person) != 1:
            self.several[len(self.firsts)] = tuple(person)
        self.firsts.append(person[0] if person else "")

    def build(self) -> PersonIds:
        """The persons added, packed."""
        return PersonIds._of_packed(PackedStrings(self.firsts), dict(self.several))
