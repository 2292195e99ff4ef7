"""Exact grouping: the app's rule, records with equal name, email and phone merge."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from oneroster_identity.match._model import Person, RawDifference
from oneroster_identity.match._persons import Persons
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


def _unusable(column: str, members: Sequence[RecordFacts]) -> tuple[str, ...]:
    """The records holding a value in an email or phone ``column`` that the app cannot use
    (read as none, so they merge with records that have none)."""
    if column in ("givenName", "familyName"):
        return ()
    return tuple(
        f.sourced_id
        for f in members
        if (value := f.email if column == "email" else f.phone).raw.strip() and not value.usable
    )


def _most_common(values: Sequence[str]) -> str:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


def _person(members: list[RecordFacts]) -> Person:
    members.sort(key=lambda f: f.sourced_id)
    ids = tuple(f.sourced_id for f in members)
    families: set[RoleFamily] = set()
    roles: set[str] = set()
    for f in members:
        families |= f.families
        roles |= {r.role_raw for r in f.user_value("roles")}
    fragile: list[RawDifference] = []
    if len(members) > 1:
        fields = [*_FRAGILE_FIELDS]
        phone_fields = {f.phone_field for f in members}
        for column in sorted(phone_fields):
            fields.append((column, _phone))
        for column, getter in fields:
            values = tuple((f.sourced_id, getter(f)) for f in members)
            if len({v for _, v in values}) > 1:
                fragile.append(
                    RawDifference(field=column, values=values, unusable=_unusable(column, members))
                )
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


def group_records(facts: Sequence[RecordFacts]) -> Persons:
    """Persons from records, sorted by their first sourcedId.

    Records with no usable contact are never merged on a name alone: each is a
    person of its own. Placeholders and invalid values never act as identity,
    because their keys are ``None``. A person of one record is held as its facts
    until read (see :class:`Persons`).
    """
    first: dict[object, RecordFacts] = {}
    shared: dict[object, list[RecordFacts]] = {}
    persons: list[Person | RecordFacts] = []
    for f in facts:
        identity = f.identity
        if identity is None:
            persons.append(f)
            continue
        seen = first.setdefault(identity, f)
        if seen is not f:
            members = shared.get(identity)
            if members is None:
                shared[identity] = [seen, f]
            else:
                members.append(f)
    persons.extend(f for key, f in first.items() if key not in shared)
    persons.extend(_person(members) for members in shared.values())
    persons.sort(key=_first_id)
    return Persons(persons)


def _first_id(item: Person | RecordFacts) -> str:
    return item.sourced_ids[0] if isinstance(item, Person) else item.sourced_id
