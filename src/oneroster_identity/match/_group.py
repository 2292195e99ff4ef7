"""Exact grouping: the app's rule, records with equal name, email and phone merge."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from oneroster_identity._slots import slot_builder
from oneroster_identity.match._model import Person, RawDifference
from oneroster_identity.match._records import RecordFacts
from oneroster_identity.models import RoleFamily

__all__ = ["group_records"]


def _given(f: RecordFacts) -> str:
    return f.name.given


def _family(f: RecordFacts) -> str:
    return f.name.family


def _email(f: RecordFacts) -> str:
    return f.email.raw


def _phone(f: RecordFacts) -> str:
    return f.phone.raw


_FRAGILE_FIELDS: tuple[tuple[str, Callable[[RecordFacts], str]], ...] = (
    ("givenName", _given),
    ("familyName", _family),
    ("email", _email),
)


def _most_common(values: Sequence[str]) -> str:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


class _RoleNames:
    """Sorted role names per role tuple, for one grouping run (nothing outlives it).

    The reader shares role tuples between users, so the tuple's identity is the key
    (the roster keeps the tuples alive for the run); equal name tuples share one object.
    """

    def __init__(self) -> None:
        self._by_tuple: dict[int, tuple[str, ...]] = {}
        self._shared: dict[tuple[str, ...], tuple[str, ...]] = {}

    def __call__(self, f: RecordFacts) -> tuple[str, ...]:
        roles = f.user.roles
        found = self._by_tuple.get(id(roles))
        if found is None:
            names = tuple(sorted({r.role_raw for r in roles}))
            found = self._by_tuple[id(roles)] = self._shared.setdefault(names, names)
        return found


def _single(f: RecordFacts, role_names: _RoleNames) -> Person:
    """The person of one record (most persons): no counting, no fragile fields."""
    email, phone = f.email, f.phone
    email_ok, phone_ok = email.usable, phone.usable
    # sourced_ids, families, roles, given_name, family_name, email, phone, has_contact,
    # fragile, will_be_created
    return _new_person(
        (f.user.sourced_id,),
        f.families,
        role_names(f),
        f.name.given,
        f.name.family,
        email.raw if email_ok else "",
        phone.raw if phone_ok else "",
        email_ok or phone_ok,
        (),
        True,
    )


_new_person = slot_builder(Person)
"""``Person`` built positionally (one per single-record person; see ``_slots``)."""


def _person(members: list[RecordFacts], role_names: _RoleNames) -> Person:
    if len(members) == 1:
        return _single(members[0], role_names)
    members.sort(key=lambda f: f.sourced_id)
    ids = tuple(f.sourced_id for f in members)
    families: set[RoleFamily] = set()
    roles: set[str] = set()
    for f in members:
        families |= f.families
        roles |= {r.role_raw for r in f.user.roles}
    fragile: list[RawDifference] = []
    if len(members) > 1:
        fields = [*_FRAGILE_FIELDS]
        phone_fields = {f.phone_field for f in members}
        for column in sorted(phone_fields):
            fields.append((column, _phone))
        for column, getter in fields:
            values = tuple((f.sourced_id, getter(f)) for f in members)
            if len({v for _, v in values}) > 1:
                fragile.append(RawDifference(field=column, values=values))
    first = members[0]
    return Person(
        sourced_ids=ids,
        families=frozenset(families),
        roles=tuple(sorted(roles)),
        given_name=_most_common([f.name.given for f in members]),
        family_name=_most_common([f.name.family for f in members]),
        email=_most_common([f.email.raw for f in members]) if first.email.usable else "",
        phone=_most_common([f.phone.raw for f in members]) if first.phone.usable else "",
        has_contact=first.identity is not None,
        fragile=tuple(fragile),
    )


def group_records(facts: Sequence[RecordFacts]) -> list[Person]:
    """Persons from records, sorted by their first sourcedId.

    Records with no usable contact are never merged on a name alone: each is a
    person of its own. Placeholders and invalid values never act as identity,
    because their keys are ``None``.
    """
    role_names = _RoleNames()
    first: dict[object, RecordFacts] = {}
    shared: dict[object, list[RecordFacts]] = {}
    persons: list[Person] = []
    for f in facts:
        identity = f.identity
        if identity is None:
            persons.append(_single(f, role_names))
            continue
        seen = first.setdefault(identity, f)
        if seen is not f:
            members = shared.get(identity)
            if members is None:
                shared[identity] = [seen, f]
            else:
                members.append(f)
    persons.extend(_single(f, role_names) for key, f in first.items() if key not in shared)
    persons.extend(_person(members, role_names) for members in shared.values())
    persons.sort(key=lambda p: p.sourced_ids[0])
    return persons
