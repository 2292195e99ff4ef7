"""Identifiers a roster gives its people: what two values of OneRoster 1.2's
``userMasterIdentifier`` (a state student or educator ID) compare by.

An identifier names one person, so two records holding one are evidence of one person,
but only when the value is a real identifier: a stand-in typed for every unknown one
(``0``, ``N/A``, ``999999``) would make strangers one. A spreadsheet on the way drops an
all-digit identifier's leading zeros (``0012345`` becomes ``12345``), so those are not
part of the key.
"""

from __future__ import annotations

from oneroster_identity.normalize._spreadsheet import spreadsheet_text

__all__ = ["identifier_key"]

_STAND_INS = frozenset(
    {
        "na",
        "n/a",
        "none",
        "null",
        "nil",
        "unknown",
        "tbd",
        "pending",
        "temp",
        "new",
        "missing",
        "notassigned",
        "na-na",
    }
)
"""Words an SIS or a person types for an identifier not known (compared folded, spaces
and hyphens removed, except ``n/a``)."""

_RUNS = "0123456789012345678901234567890"
_DOWN = "9876543210987654321098765432109"


def identifier_key(value: str) -> str | None:
    """What two identifiers compare by, or ``None`` for a value that names no one: blank,
    a stand-in word, one character repeated (``000000``, ``XXXX``), a run of consecutive
    digits (``123456``), or under three characters (too few to tell a district's people
    apart). Case, spaces and hyphens are not part of it (one ID typed ``ab-123 45`` and
    ``AB12345``), nor an all-digit value's leading zeros, nor a spreadsheet's mark for
    text around it (``="00123"``, ``'00123``).

    >>> identifier_key(" 0048213 "), identifier_key("AB-123 45"), identifier_key("48213")
    ('48213', 'ab12345', '48213')
    >>> identifier_key("000000"), identifier_key("N/A"), identifier_key("123456")
    (None, None, None)
    """
    if value.isdigit() and value[0] != "0" and len(value) >= 3:
        # most state IDs: the value is its own key (no new string: a district's IDs are
        # about half its records, so a copy of each would cost tens of MB at a million)
        key = value
    else:
        # (an export meant for Excel writes ``="00123"`` to keep the zeros: the ID inside)
        folded = (spreadsheet_text(value) or value).strip().casefold()
        if folded in _STAND_INS:
            return None
        key = "".join(ch for ch in folded if not ch.isspace() and ch != "-")
        if key.isdigit():
            key = key.lstrip("0")
        if len(key) < 3 or key in _STAND_INS:
            return None
    if key.count(key[0]) == len(key):  # one character repeated
        return None
    if len(key) >= 4 and key.isdigit() and (key in _RUNS or key in _DOWN):
        return None
    return key
