"""Notes in a name field that restrict contact with a person, or say the person has died.

An SIS that exports no custody fields leaves the front office one place to warn everyone
who opens a record: the name. ``John (NO CONTACT)``, ``Maria - restraining order``,
``Luis (deceased)``. The app reads the name as a name: it creates the account, sends the
child's messages to it, and merges it with any record holding the same values. Advice that
treats such a record as any other (copy the family's email onto it, drop the note from its
name) would hand a child's messages to a person the school must keep them from, or erase
the one mark that says so. So the matcher suggests no value on or from such a record, and
the findings say what the note says, leaving the decision to the school.

Only words that say so plainly count; ``no contact info`` (no contact details) does not.
"""

from __future__ import annotations

import enum
import re

__all__ = ["Restriction", "restriction_in_name"]


class Restriction(enum.Enum):
    """What a note in a name field says of the person."""

    NO_CONTACT = "no-contact"
    """Contact is restricted: no contact, a restraining or protective order, no access."""
    DECEASED = "deceased"
    """The person has died."""


_NO_CONTACT = re.compile(
    r"\bno[\s-]+contact\b(?!\s*(?:info|information|details|number|no\b|#|e-?mail|phone|on\s+file))"
    r"|\bdo\s*n[o']?t\s+contact\b"
    r"|\b(?:restraining|protective|protection|no[\s-]+contact|court)\s+order\b"
    r"|\bno\s+access\b|\bdo\s*n[o']?t\s+release\b|\bnot\s+allowed\b"
    # Spanish (since session 57): no contactar, sin contacto, orden de restricción,
    # de alejamiento or de protección, sin acceso
    r"|\bno\s+contactar\b|\bsin\s+contacto\b(?!\s+(?:info|informaci[oó]n|datos|n[uú]mero))"
    r"|\borden\s+de\s+(?:restricci[oó]n|alejamiento|protecci[oó]n)\b|\bsin\s+acceso\b"
    # Portuguese: não contatar, sem contato, medida protetiva
    r"|\bn[aã]o\s+contatar\b|\bsem\s+contato\b(?!\s+(?:info|informa[cç][aã]o|dados|n[uú]mero))"
    r"|\bmedida\s+protetiva\b",
    re.IGNORECASE,
)
_DECEASED = re.compile(
    r"\bdeceased\b|\bpassed\s+away\b|\bfallecid[oa]\b|\bdifunt[oa]\b|\bfalecid[oa]\b",
    re.IGNORECASE,
)


def restriction_in_name(*parts: str) -> Restriction | None:
    """What the name ``parts`` (given, family, middle...) say of the person, if anything.

    >>> restriction_in_name("John (NO CONTACT)", "Diaz")
    <Restriction.NO_CONTACT: 'no-contact'>
    >>> restriction_in_name("Luis", "Ortega - deceased")
    <Restriction.DECEASED: 'deceased'>
    >>> restriction_in_name("Ana (no contact info)", "Diaz") is None
    True
    """
    for part in parts:
        if not part or part.isalpha():  # a plain name, told in C
            continue
        if _NO_CONTACT.search(part):
            return Restriction.NO_CONTACT
        if _DECEASED.search(part):
            return Restriction.DECEASED
    return None
