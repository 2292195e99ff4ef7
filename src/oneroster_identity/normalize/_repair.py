"""The repair of an invalid contact value: what a mechanical slip broke, and the fix."""

from __future__ import annotations

import attrs

__all__ = ["Repair"]


@attrs.frozen(kw_only=True)
class Repair:
    """What an invalid email or phone value most likely meant (``value``), or why no
    repair is possible (``value`` is ``None``: two addresses in one field, digits lost to
    a spreadsheet). One object per invalid value, none for valid ones, so a million
    normalized values pay one empty slot for it."""

    rule: str
    """``display-name``, ``mailto``, ``doubled-at``, ``spelled-out-at``, ``spaces-at-at``,
    ``surrounding-punctuation``, ``repeated-address``, ``several-addresses`` (emails);
    ``spreadsheet-decimal``, ``label``, ``repeated-number``, ``several-numbers``,
    ``scientific-notation`` (phones)."""
    reason: str
    """What was wrong, in words, without quoting the value (reports may be redacted)."""
    value: str | None = None
    """The value to type into the SIS, or ``None`` when a person must decide."""
    key: str | None = None
    """The key of ``value`` (the address or number the app would see)."""
