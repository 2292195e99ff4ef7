"""Notes in a name field that restrict contact with a person, say the person has died, or
mark the record as a duplicate not to be used.

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

__all__ = ["Restriction", "restriction_in_name", "sorted_last"]


class Restriction(enum.Enum):
    """What a note in a name field says of the person."""

    NO_CONTACT = "no-contact"
    """Contact is restricted: no contact, a restraining or protective order, no access."""
    DECEASED = "deceased"
    """The person has died."""
    NOT_IN_USE = "not-in-use"
    """The record is marked as a duplicate or not to be used (``DO NOT USE``,
    ``(duplicate)``, ``DUP``, a ``zz`` or ``xx`` prefix that sorts it last): the office's
    way of retiring a record it cannot delete (since session 58)."""


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


_NOT_IN_USE = re.compile(
    r"\bdo\s*n[o']?t\s+use\b(?!\s+(?:this\s+|the\s+)?(?:e-?mail|phone|cell|number|address|#))"
    r"|\bdonotuse\b|\bdnu\b|\bdup(?:licate)?\b"
    r"|\b(?:to\s+be\s+)?delete[ds]?\b|\bold\s+record\b|\bobsolete\b|\binactive\b"
    r"|\bwithdrawn\b|\bgraduated\b|\btransferred\b|\bmoved\s+away\b"
    r"|\bleft\s+(?:the\s+)?(?:district|school)\b|\bno\s+longer\s+(?:enrolled|attending)\b"
    # Spanish and Portuguese: duplicado, no usar, não usar, borrar, eliminar
    r"|\bduplicad[oa]\b|\bborrar\b|\beliminar\b"
    r"|\bn(?:o|[aã]o)\s+usar\b(?!\s+(?:e-?mail|correo|tel[eé]fono|telefone|celular|n[uú]mero))",
    re.IGNORECASE,
)
"""Words marking a record as a duplicate or not to be used (or its person as gone:
``inactive``, a student ``withdrawn``, ``graduated``, ``transferred``, ``moved away``,
``left the district``); ``do not use email`` (a note on one value) is not
such a mark."""
_SORTED_LAST = re.compile(r"(?:z{2,}|x{2,})[\s\-_.*]*(?=[^\W\d_]{2})", re.IGNORECASE)
"""A ``zz`` or ``xx`` prefix before a name (``zzGarcia``, ``ZZ-Maria``, ``xx Ruiz``): an
office sorts a retired record to the end of its lists so; no name begins so."""
_SORT_PREFIXES = frozenset({"zz", "ZZ", "Zz", "zZ", "xx", "XX", "Xx", "xX"})


def sorted_last(part: str) -> bool:
    """Whether a name part begins with a ``zz`` or ``xx`` prefix that sorts a retired
    record last (``zzGarcia``): a test cheap enough for every clean name.

    >>> sorted_last("zzGarcia"), sorted_last("ZZ - Maria"), sorted_last("Zzyzx"), sorted_last("XX")
    (True, True, False, False)
    """
    if part[:2] not in _SORT_PREFIXES or (found := _SORTED_LAST.match(part)) is None:
        return False
    prefix = found.group(0)
    # a capitalized word is a word (Zzyzx), not a mark before one
    return not (
        prefix.isalpha()
        and prefix[0].isupper()
        and prefix[1:].islower()
        and part[found.end()].islower()
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
    found: Restriction | None = None
    for part in parts:
        if not part:
            continue
        if sorted_last(part):
            found = found or Restriction.NOT_IN_USE
        if part.isalpha():  # a plain name, told in C
            continue
        if _NO_CONTACT.search(part):
            return Restriction.NO_CONTACT  # (the strongest: it decides what is suggested)
        if _DECEASED.search(part):
            found = Restriction.DECEASED
        elif found is None and _NOT_IN_USE.search(part):
            found = Restriction.NOT_IN_USE
    return found
