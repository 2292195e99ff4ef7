"""Masking of emails and phones for reports that leave the SIS team."""

from __future__ import annotations

import hashlib
import hmac
from typing import Literal, TypeAlias

import attrs

from oneroster_identity._usage import describe
from oneroster_identity.errors import UsageError

__all__ = [
    "BIRTH_DATE_FIELDS",
    "CONTACT_FIELDS",
    "IDENTIFIER_FIELDS",
    "NAME_FIELDS",
    "RedactSetting",
    "Redaction",
    "as_redaction",
    "contact_hash",
    "mask_birth_date",
    "mask_email",
    "mask_identifier",
    "mask_name",
    "mask_phone",
    "mask_text",
    "mask_value",
]

NAME_FIELDS = frozenset({"givenName", "familyName", "middleName", "name"})
CONTACT_FIELDS = frozenset({"email", "sms", "phone"})
IDENTIFIER_FIELDS = frozenset({"userMasterIdentifier"})
BIRTH_DATE_FIELDS = frozenset({"birthDate", "birth_date"})
"""A roster's (``demographics.csv``) and an app export's names for a birth date."""


@attrs.frozen
class Redaction:
    """What a report masks: contact values (emails, phones), identifiers (a state ID
    in ``userMasterIdentifier``) and birth dates (all but the year, since session 44),
    and names too when asked.

    sourcedIds are never masked, so the SIS team can still act on every item.
    ``redact=True`` anywhere means ``Redaction()`` (contacts); ``Redaction(names=True)``
    also masks given, middle and family names (students' above all).
    """

    contacts: bool = True
    names: bool = False
    hash_key: bytes | None = attrs.field(default=None, repr=False)
    """With masked contacts, a secret key for keyed hashes of each person's email and
    phone in the JSON report (``contact_hashes``): a later ``compare`` can tell what
    changed without raw contacts. Keep it secret and the same from night to night."""

    def __attrs_post_init__(self) -> None:
        for name in ("contacts", "names"):
            value = getattr(self, name)
            if not isinstance(value, bool):
                raise UsageError(
                    f"Redaction({name}=...) takes True or False, not {describe(value)}"
                )
        if self.hash_key is not None and not isinstance(self.hash_key, bytes):
            raise UsageError(
                "Redaction(hash_key=...) takes bytes (key.encode() for a text key) or None, "
                f"not {describe(self.hash_key)}"
            )

    def __bool__(self) -> bool:
        return self.contacts or self.names

    def contact_hash(self, value: str) -> str:
        """``h:`` and 16 hex digits of HMAC-SHA256 of the value under :attr:`hash_key`
        (empty for an empty value)."""
        return contact_hash(value, self.hash_key or b"")


RedactSetting: TypeAlias = "bool | Redaction | Literal['contacts', 'all']"
"""What a report's ``redact`` takes: ``True`` or ``"contacts"`` masks contact values,
``"all"`` names too (as the command line's ``--redact`` and ``--redact all``), ``False``
nothing, and a :class:`Redaction` says exactly what."""

_CONTACTS = Redaction(contacts=True)
_NOTHING = Redaction(contacts=False)
_ALL = Redaction(contacts=True, names=True)


def as_redaction(redact: RedactSetting) -> Redaction:
    """``redact`` (:data:`RedactSetting`) as a :class:`Redaction`. Anything else raises
    :class:`~oneroster_identity.errors.UsageError`: before, any true value masked
    contacts only, so ``redact="all"``, the command line's word, left every name in
    the report."""
    if isinstance(redact, Redaction):
        return redact
    if redact is True or redact == "contacts":
        return _CONTACTS
    if redact is False:
        return _NOTHING
    if redact == "all":
        return _ALL
    raise UsageError(
        "redact takes True or 'contacts' (contacts masked), 'all' (names too), False, or a "
        f"Redaction, not {describe(redact) if not isinstance(redact, str) else repr(redact)}"
    )


def contact_hash(value: str, key: bytes) -> str:
    """A keyed hash of a contact value: equal values give equal hashes under one key, and
    without the key a hash cannot be checked against a list of known addresses."""
    if not value:
        return ""
    digest = hmac.new(key, value.strip().encode("utf-8"), hashlib.sha256).hexdigest()
    return f"h:{digest[:16]}"


def mask_name(value: str) -> str:
    """``Lucía`` -> ``L***``: the first letter stays, so a list can still be scanned."""
    value = value.strip()
    return f"{value[:1]}***" if value else ""


def mask_email(value: str) -> str:
    """``jane.doe@gmail.com`` -> ``j***@g***.com``; non-addresses become ``***``."""
    value = value.strip()
    if not value:
        return ""
    local, at, domain = value.rpartition("@")
    if not at or not local or not domain:
        return "***"
    head, dot, tld = domain.rpartition(".")
    masked_domain = f"{head[:1]}***.{tld}" if dot and head else "***"
    return f"{local[:1]}***@{masked_domain}"


def mask_phone(value: str) -> str:
    """``(603) 555-4567`` -> ``***-***-4567``: only the last four digits stay."""
    digits = [ch for ch in value if ch.isdigit()]
    if not digits:
        return "***" if value.strip() else ""
    return "***-***-" + "".join(digits[-4:]) if len(digits) > 4 else "***"


def mask_identifier(value: str) -> str:
    """``0048213`` -> ``***13``: the last two characters stay, so two masked values that
    differ can still be told apart in a list; short values become ``***``."""
    value = value.strip()
    if not value:
        return ""
    return f"***{value[-2:]}" if len(value) > 4 else "***"


def mask_birth_date(value: str) -> str:
    """``2015-08-31`` -> ``2015-**-**``: the year stays (a student's cohort, which the
    grade tells anyway), the day goes; anything else becomes ``***``."""
    value = value.strip()
    if not value:
        return ""
    year, dash, _ = value.partition("-")
    return f"{year}-**-**" if dash and len(year) == 4 and year.isdigit() else "***"


def mask_value(field: str | None, value: str, redact: RedactSetting = True) -> str:
    """Mask ``value`` according to the OneRoster field it came from and what ``redact``
    asks to mask (contacts by default)."""
    r = as_redaction(redact)
    if field == "email" and r.contacts:
        return mask_email(value)
    if field in ("sms", "phone") and r.contacts:
        return mask_phone(value)
    if field in IDENTIFIER_FIELDS and r.contacts:
        return mask_identifier(value)
    if field in BIRTH_DATE_FIELDS and r.contacts:
        return mask_birth_date(value)
    if field is not None and "/" in field and r.contacts and CONTACT_FIELDS & set(field.split("/")):
        # evidence across two columns (``sms/phone``: numbers swapped; ``email/sms``: an
        # address typed into the SMS column): a value is masked as what it is
        return mask_email(value) if "@" in value else mask_phone(value)
    if field in NAME_FIELDS and r.names:
        return mask_name(value)
    if field is not None and "/" in field and r.names and set(field.split("/")) <= NAME_FIELDS:
        # a name-order choice: ``given / family``, each part masked
        return " / ".join(mask_name(part) for part in value.split(" / "))
    return value


def _parts(field: str | None, value: str) -> list[str]:
    """The value and, for an email, its local part and domain: each can be quoted alone."""
    value = value.strip()
    parts = [value]
    if field == "email" and "@" in value:
        local, _, domain = value.rpartition("@")
        parts += [local, domain]
    return [p for p in parts if len(p) >= 3]


def mask_text(text: str, field: str | None, value: str | None, redact: RedactSetting = True) -> str:
    """``text`` with every appearance of ``value`` (and of an email's local part and
    domain) masked as :func:`mask_value` masks it.

    Messages are written without raw values, but some quote what a library said about a
    value (email-validator names the domain it rejects); redaction must cover those too.

    >>> mask_text("The domain name ana.example is not valid.", "email", "x@ana.example")
    'The domain name *** is not valid.'
    """
    r = as_redaction(redact)
    if not value:
        return text
    if field in NAME_FIELDS and r.names:
        from oneroster_identity.normalize import escape_invisible

        for shown in {escape_invisible(value), value}:
            text = text.replace(shown, mask_name(value))
        return text
    if field not in ("email", "sms", "phone") or not r.contacts:
        return text
    for part in sorted(_parts(field, value), key=len, reverse=True):
        if part in text:
            shown = mask_value(field, part) if part == value.strip() else "***"
            text = text.replace(part, shown)
    return text
