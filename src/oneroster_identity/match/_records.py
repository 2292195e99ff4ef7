"""Per-record facts the matcher needs: normalized name, email and identity phone."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, ValuesView

import attrs

from oneroster_identity._slots import slot_builder
from oneroster_identity.models import RoleFamily, User
from oneroster_identity.normalize import (
    NormalizedEmail,
    NormalizedPhone,
    PersonName,
    normalize_email,
    normalize_phone,
)
from oneroster_identity.normalize._names import name_key
from oneroster_identity.policy import Policy

__all__ = ["PHONE_COLUMNS", "FactsBuilder", "NameKeys", "RecordFacts", "facts_for"]

PHONE_COLUMNS = {"sms": "sms", "phone": "phone"}


@attrs.frozen(kw_only=True)
class RecordFacts:
    """What the matcher knows about one active record."""

    user: User
    name: PersonName
    name_key: tuple[str, str]
    email: NormalizedEmail
    phone: NormalizedPhone
    """The identity (SMS) phone under the policy."""
    phone_field: str
    """Which column the identity phone came from (``sms`` by default)."""
    home_phone: NormalizedPhone
    families: frozenset[RoleFamily]

    @property
    def sourced_id(self) -> str:
        """The record's sourcedId."""
        return self.user.sourced_id

    @property
    def identity(self) -> tuple[str, str, str | None, str | None] | None:
        """The app's identity tuple, or ``None`` when the record has no usable contact."""
        if self.email.key is None and self.phone.key is None:
            return None
        return (*self.name_key, self.email.key, self.phone.key)


_new_facts = slot_builder(RecordFacts)
"""``RecordFacts`` built positionally (one per record of a run; see ``_slots``)."""


class FactsBuilder:
    """Builds :class:`RecordFacts` for one matching run, normalizing each distinct value once.

    The normalizers keep no cache of their own; plain dicts keyed by the raw value (the
    policy is fixed per builder) are the run's cache, freed with the run, so nothing
    outlives it. Equal names share one :class:`PersonName` and one key tuple.
    """

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._emails: dict[str, NormalizedEmail] = {}
        self._phones: dict[str, NormalizedPhone] = {}
        self._names: dict[tuple[str, ...], tuple[PersonName, tuple[str, str]]] = {}
        # Names with no middle or preferred parts (nearly all): given -> family -> value,
        # keyed by the user's own strings. A cache entry of its own (a key tuple and a
        # value pair per distinct name) is freed with the builder but leaves its memory
        # scattered among the facts that stay: about 100 MB at a million records.
        self._plain_names: dict[str, dict[str, PersonName]] = {}
        self._plain_keys: dict[str, dict[str, tuple[str, str]]] = {}
        self._parts: dict[str, str] = {}

    def email(self, value: str) -> NormalizedEmail:
        """The normalized email, computed once per distinct value."""
        found = self._emails.get(value)
        if found is None:
            found = self._emails[value] = normalize_email(value, policy=self.policy)
        return found

    def phone(self, value: str) -> NormalizedPhone:
        """The normalized phone, computed once per distinct value."""
        found = self._phones.get(value)
        if found is None:
            found = self._phones[value] = normalize_phone(value, policy=self.policy)
        return found

    def name(self, user: User) -> tuple[PersonName, tuple[str, str]]:
        """The user's name and its (given, family) key, shared between equal names."""
        if not (user.middle_name or user.preferred_given_name or user.preferred_family_name):
            given, family = user.given_name, user.family_name
            names = self._plain_names.get(given)
            if names is None:
                names = self._plain_names[given] = {}
                keys = self._plain_keys[given] = {}
            else:
                keys = self._plain_keys[given]
            plain = names.get(family)
            if plain is None:
                plain = names[family] = PersonName.from_user(user, policy=self.policy)
                keys[family] = (self._part_key(plain.given), self._part_key(plain.family))
            return plain, keys[family]
        raw = (
            user.given_name,
            user.family_name,
            user.middle_name,
            user.preferred_given_name,
            user.preferred_family_name,
        )
        found = self._names.get(raw)
        if found is None:
            name = PersonName.from_user(user, policy=self.policy)
            key = (self._part_key(name.given), self._part_key(name.family))
            found = self._names[raw] = (name, key)
        return found

    def _part_key(self, part: str) -> str:
        # A roster has many more distinct full names than distinct given or family names
        # (690k full names in the generated 1M roster, drawn from about 45k parts): each
        # part is folded once.
        key = self._parts.get(part)
        if key is None:
            key = self._parts[part] = name_key(part, policy=self.policy)
        return key

    def __call__(self, user: User) -> RecordFacts:
        """Normalize one user's identity fields under the builder's policy."""
        policy = self.policy
        name, key = self.name(user)
        phone_field = policy.identity_phone_fields[0]
        phone = self.phone(getattr(user, phone_field))
        for field in policy.identity_phone_fields[1:]:
            if phone.usable:
                break
            candidate = self.phone(getattr(user, field))
            if candidate.usable or (not phone.raw.strip() and candidate.raw.strip()):
                phone, phone_field = candidate, field
        home = phone if phone_field == "phone" else self.phone(user.phone)
        # user, name, name_key, email, phone, phone_field, home_phone, families
        return _new_facts(
            user, name, key, self.email(user.email), phone, phone_field, home, user.families
        )


def facts_for(user: User, policy: Policy) -> RecordFacts:
    """Normalize one user's identity fields under ``policy`` (one-off; a matching run uses
    a :class:`FactsBuilder`)."""
    return FactsBuilder(policy)(user)


class NameKeys(Mapping[str, tuple[str, str]]):
    """sourcedId -> name key, read through a run's facts instead of copied: a million-record
    run would otherwise hold a second million-entry dict (about 40 MB) for the household
    index."""

    def __init__(self, facts: Mapping[str, RecordFacts]) -> None:
        self._facts = facts

    def __getitem__(self, sourced_id: str) -> tuple[str, str]:
        return self._facts[sourced_id].name_key

    def __contains__(self, sourced_id: object) -> bool:
        return sourced_id in self._facts

    def __iter__(self) -> Iterator[str]:
        return iter(self._facts)

    def __len__(self) -> int:
        return len(self._facts)

    def values(self) -> ValuesView[tuple[str, str]]:
        return _NameKeyValues(self)


class _NameKeyValues(ValuesView[tuple[str, str]]):
    def __iter__(self) -> Iterator[tuple[str, str]]:
        facts: Mapping[str, RecordFacts] = self._mapping._facts  # type: ignore[attr-defined]
        return (f.name_key for f in facts.values())
