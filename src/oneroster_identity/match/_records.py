"""Per-record facts the matcher needs: normalized name, email and identity phone."""

from __future__ import annotations

import attrs

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

__all__ = ["PHONE_COLUMNS", "RecordFacts", "facts_for"]

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


def facts_for(user: User, policy: Policy) -> RecordFacts:
    """Normalize one user's identity fields under ``policy``."""
    name = PersonName.from_user(user, policy=policy)
    phone_field = policy.identity_phone_fields[0]
    phone = normalize_phone(getattr(user, phone_field), policy=policy)
    for field in policy.identity_phone_fields[1:]:
        if phone.usable:
            break
        candidate = normalize_phone(getattr(user, field), policy=policy)
        if candidate.usable or (not phone.raw.strip() and candidate.raw.strip()):
            phone, phone_field = candidate, field
    home = phone if phone_field == "phone" else normalize_phone(user.phone, policy=policy)
    return RecordFacts(
        user=user,
        name=name,
        name_key=(name_key(name.given, policy=policy), name_key(name.family, policy=policy)),
        email=normalize_email(user.email, policy=policy),
        phone=phone,
        phone_field=phone_field,
        home_phone=home,
        families=user.families,
    )
