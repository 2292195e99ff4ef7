"""The repair of an invalid contact value: what a mechanical slip broke, and the fix."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from oneroster_identity.normalize._owner import Owner

__all__ = ["OPTED_OUT", "Repair", "Repairable"]

OPTED_OUT = (
    r"opt(?:ed)?\s*-?\s*out|unsubscribed?|do\s*n[o']?t\s+contact|no\s+contact(?:ar)?"
    r"|n[aã]o\s+contatar"
)
"""Words beside an email or a phone number saying the person opted out of messages or
asked not to be contacted (``opted out``, ``unsubscribed``, ``do not contact``, ``no
contactar``, ``não contatar``; since session 58): a pattern's alternatives, read between
word boundaries by the email and the phone repairs alike, so neither suggests the value
back."""


@attrs.frozen(kw_only=True)
class Repair:
    """What an invalid email or phone value most likely meant (``value``), or why no
    repair is possible (``value`` is ``None``: two addresses in one field, digits lost to
    a spreadsheet). One object per invalid value, none for valid ones, so a million
    normalized values pay one empty slot for it."""

    rule: str
    """``display-name``, ``mailto``, ``doubled-at``, ``spelled-out-at``, ``spaces-at-at``,
    ``domain-punctuation``, ``note-beside-address``, ``address-not-in-use``,
    ``surrounding-punctuation``, ``spreadsheet-mark``, ``accent-before-at``,
    ``repeated-address``, ``several-addresses``, ``garbled``,
    ``typographic-punctuation``, ``top-level-domain-missing``, ``link-copy``,
    ``invisible-characters`` (emails); ``spreadsheet-decimal``, ``label``,
    ``no-texts``, ``repeated-number``, ``several-numbers``, ``scientific-notation``,
    ``spreadsheet-exponent``, ``spreadsheet-thousands``, ``trailing-hash``,
    ``letter-for-digit``, ``desk-phone``, ``odd-separators``, ``email-address``, ``sms-gateway``, ``mexican-mobile``, ``country-code-without-plus``
    (phones); ``note-names-someone`` (either, set by the matcher: a note naming a person
    the record does not show it is)."""
    reason: str
    """What was wrong, in words, without quoting the value (reports may be redacted)."""
    value: str | None = None
    """The value to type into the SIS, or ``None`` when a person must decide."""
    key: str | None = None
    """The key of ``value`` (the address or number the app would see)."""
    owner: Owner | None = None
    """Who a note beside the value names (``dad's cell``: ``Owner("parent", "m")``; see
    ``normalize._owner``), or ``None``. The matcher keeps ``value`` only on a record the
    note fits."""
    noted_key: str | None = None
    """For ``note-names-someone`` only: the key of the value written beside the note, which
    the note says is another person's. Never blocked, compared or suggested on (``key`` is
    ``None``); the existing-accounts check reads it to tell an account holding that very
    value from one holding this person's own."""


class Repairable:
    """What a normalized email or phone says about usability and repair: one definition
    for both (``NormalizedEmail``, ``NormalizedPhone``), which hold ``key`` and ``repair``."""

    __slots__ = ()
    key: str | None
    repair: Repair | None

    @property
    def usable(self) -> bool:
        """Whether the value can log in and receive messages: valid and not a placeholder."""
        return self.key is not None

    @property
    def repaired(self) -> str | None:
        """The value an invalid one meant, when one repair fits."""
        return self.repair.value if self.repair is not None else None

    @property
    def repaired_key(self) -> str | None:
        """The key of :attr:`repaired` (the value the app would see)."""
        return self.repair.key if self.repair is not None else None

    @property
    def meant_key(self) -> str | None:
        """The key of the value as meant: its own when usable, else its repair's (``None``
        when it is empty, a placeholder or beyond repair). What blocking, comparison and
        the existing-accounts check read a repaired value as."""
        return self.key if self.key is not None else self.repaired_key
