"""The persons of one check, as a sequence that builds single-record persons when read.

Most persons are one record (about 99% of a generated district, most of any real one).
As objects, a million of them weigh about 170 MB (a ``Person`` and its one-id tuple
each) that a check holds only to count them and write them out. :class:`Persons` keeps
the record's :class:`RecordFacts` in their place, which the result holds anyway, and
builds the ``Person`` on access: equal to the one built eagerly, field for field. The
matcher's whole-roster passes read what they need (role families, counts) from the
facts directly, so a check builds each single-record person once, when it is reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

import attrs

from oneroster_identity._slots import slot_builder
from oneroster_identity.match._model import Person, stable_id
from oneroster_identity.match._records import RecordFacts
from oneroster_identity.models import RoleFamily

__all__ = ["Persons", "RoleNames", "as_persons", "single_person"]

Shape = tuple[frozenset[RoleFamily], bool, int, bool]
"""(role families, will be created, records, fragile): what a summary counts."""


class RoleNames:
    """Sorted role names per role tuple, for one run's persons (nothing outlives them).

    The reader shares role tuples between users, so the tuple's identity is the key
    (the facts keep the tuples alive as long as the cache); equal name tuples share one
    object.
    """

    __slots__ = ("_by_tuple", "_shared")

    def __init__(self) -> None:
        self._by_tuple: dict[int, tuple[str, ...]] = {}
        self._shared: dict[tuple[str, ...], tuple[str, ...]] = {}

    def __call__(self, f: RecordFacts) -> tuple[str, ...]:
        roles = f.user_value("roles")
        found = self._by_tuple.get(id(roles))
        if found is None:
            names = tuple(sorted({r.role_raw for r in roles}))
            found = self._by_tuple[id(roles)] = self._shared.setdefault(names, names)
        return found


_new_person = slot_builder(Person)
"""``Person`` built positionally (one per single-record person read; see ``_slots``)."""


def single_person(f: RecordFacts, role_names: Callable[[RecordFacts], tuple[str, ...]]) -> Person:
    """The person of one record (most persons): no counting, no fragile fields."""
    email, phone, name = f.email, f.phone, f.name
    # ``usable`` is ``key is not None``, read directly: a million calls a report.
    email_ok, phone_ok = email.key is not None, phone.key is not None
    # sourced_ids, families, roles, given_name, family_name, email, phone, has_contact,
    # fragile, will_be_created
    return _new_person(
        (f.sourced_id,),
        f.families,
        role_names(f),
        name.given,
        name.family,
        email.raw if email_ok else "",
        phone.raw if phone_ok else "",
        email_ok or phone_ok,
        (),
        True,
    )


class Persons(Sequence[Person]):
    """The persons of one check in order (by first sourcedId): an immutable sequence.

    Each item is a ``Person`` whenever read; a single-record person is held as its
    record's facts until then, so reading it twice gives two equal objects, not one.
    Compares equal to any ``Persons``, tuple or list holding equal persons in the same
    order.
    """

    __slots__ = ("__weakref__", "_items", "_roles")

    def __init__(self, items: Iterable[Person | RecordFacts] = ()) -> None:
        """``items``: a ``Person`` or, for a person of that one record, its facts."""
        self._items: list[Person | RecordFacts] = list(items)
        self._roles = RoleNames()

    def _build(self, item: Person | RecordFacts) -> Person:
        if isinstance(item, Person):
            return item
        return single_person(item, self._roles)

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Person: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Person, ...]: ...

    def __getitem__(self, index: int | slice) -> Person | tuple[Person, ...]:
        if isinstance(index, slice):
            return tuple(map(self._build, self._items[index]))
        return self._build(self._items[index])

    def __iter__(self) -> Iterator[Person]:
        return map(self._build, self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Persons):
            other = other._items
        elif not isinstance(other, (tuple, list)):
            return NotImplemented
        return len(self) == len(other) and all(map(_same, self._items, other))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Persons({list(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # The role-name cache is keyed by object ids, which a copy does not keep.
        return (Persons, (self._items,))

    def families(self, index: int) -> frozenset[RoleFamily]:
        """The role families of the person at ``index``, without building it."""
        return self._items[index].families

    def sourced_ids(self, index: int) -> tuple[str, ...]:
        """The sourcedIds of the person at ``index``, without building it."""
        item = self._items[index]
        return item.sourced_ids if isinstance(item, Person) else (item.sourced_id,)

    def person_id(self, index: int) -> str:
        """The id of the person at ``index`` (``Person.id``), without building it."""
        return stable_id("P", self.sourced_ids(index))

    def families_column(self) -> list[frozenset[RoleFamily]]:
        """The role families of every person, in order, without building them."""
        return [item.families for item in self._items]

    def representatives(self, facts: Mapping[str, RecordFacts]) -> list[RecordFacts]:
        """The facts of every person's first record, in order (``facts`` by sourcedId)."""
        return [
            facts[item.sourced_ids[0]] if isinstance(item, Person) else item for item in self._items
        ]

    def records(self) -> int:
        """Records in all the persons (every active record of the check)."""
        return sum(len(i.sourced_ids) if type(i) is Person else 1 for i in self._items)

    def shapes(self) -> Counter[Shape]:
        """How many persons have each (families, will be created, records, fragile)."""
        singles: Counter[frozenset[RoleFamily]] = Counter(
            item.families for item in self._items if type(item) is RecordFacts
        )
        out: Counter[Shape] = Counter(
            {(families, True, 1, False): n for families, n in singles.items()}
        )
        out.update(
            (p.families, p.will_be_created, len(p.sourced_ids), bool(p.fragile))
            for p in self._items
            if type(p) is Person
        )
        return out

    def select(self, keep: Callable[[frozenset[RoleFamily]], bool]) -> Iterator[Person]:
        """Every person held as an object (merged, fragile or changed) and every
        single-record person whose role families ``keep`` accepts, in order."""
        for item in self._items:
            if type(item) is not RecordFacts or keep(item.families):
                yield self._build(item)

    def not_created_ids(self) -> frozenset[str]:
        """The ids of the persons that will not be created, without building the others
        (a single-record person held as its facts is always created)."""
        return frozenset(p.id for p in self._items if type(p) is Person and not p.will_be_created)

    def not_created(self, indices: Iterable[int]) -> Persons:
        """A copy in which the persons at ``indices`` will not be created."""
        items = list(self._items)
        for i in indices:
            items[i] = attrs.evolve(self._build(items[i]), will_be_created=False)
        return Persons(items)


def as_persons(items: Iterable[Person | RecordFacts]) -> Persons:
    """``items`` as :class:`Persons` (itself when it already is)."""
    return items if isinstance(items, Persons) else Persons(items)


def _same(item: Person | RecordFacts, other: object) -> bool:
    if type(other) is RecordFacts:
        other = single_person(other, RoleNames())
    elif type(other) is not Person:
        return False
    if type(item) is RecordFacts:
        item = single_person(item, RoleNames())
    return item == other
