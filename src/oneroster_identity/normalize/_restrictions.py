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

__all__ = [
    "NOT_IN_USE_SPELLINGS",
    "Restriction",
    "restriction_in_name",
    "sorted_last",
    "split_mark",
]


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
_NOT_IN_USE_WORDS = (
    "dnu", "duplicate", "donotuse", "delete", "deleted", "obsolete", "inactive",
    "withdrawn", "graduated", "transferred", "duplicado", "duplicada", "borrar", "eliminar",
)  # fmt: skip
NOT_IN_USE_SPELLINGS = frozenset(
    spelled for word in _NOT_IN_USE_WORDS for spelled in (word, word.upper(), word.capitalize())
)
"""The marks of :data:`_NOT_IN_USE` that are one word, as an office types one alone in
a name field (``Duplicate``, ``INACTIVE``, ``dnu``: since session 61; the words were
read only beside others, ``Smith DUPLICATE``). Read as typed, not folded (a plain
alphabetic part is the fast path's, which tests these spellings only): ``DuPlicate``
is missed, as a role word spelled so is; no name is spelled as any of these (``Dup``,
a short name or a nickname alone, is read only beside a name)."""
_SORTED_LAST = re.compile(r"(?:z{2,}|x{2,})[\s\-_.*]*(?=[^\W\d_]{2})", re.IGNORECASE)
"""A ``zz`` or ``xx`` prefix before a name (``zzGarcia``, ``ZZ-Maria``, ``xx Ruiz``): an
office sorts a retired record to the end of its lists so; no name begins so."""
_SORT_PREFIXES = frozenset({"zz", "ZZ", "Zz", "zZ", "xx", "XX", "Xx", "xX"})


def sorted_last(part: str) -> bool:
    """Whether a name part begins with a ``zz`` or ``xx`` prefix that sorts a retired
    record last (``zzGarcia``): a test cheap enough for every clean name.

    >>> sorted_last("zzGarcia"), sorted_last("ZZ - Maria"), sorted_last("Zzyzx"), sorted_last("XX")
    (True, True, False, False)

    Since session 61 the prefix alone too: ``Zzz`` as a given or family name, typed so
    that a test or retired record sorts last (``XX`` is a stand-in, ``placeholder-name``).

    >>> sorted_last("Zzz"), sorted_last("ZZ"), sorted_last("Z"), sorted_last("Zza")
    (True, True, False, False)
    """
    if part[:2] not in _SORT_PREFIXES:
        return False
    if part[0] in "zZ" and not part.strip("zZ"):
        return True  # the mark alone (`Zzz`, `ZZ`: since session 61), no name after it
    if (found := _SORTED_LAST.match(part)) is None:
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

    Since session 61, a mark typed alone in a part (``Duplicate``, ``INACTIVE``), and one
    an export split at a space between the first two parts (given ``Do Not``, family
    ``Use``: a full name field's ``DO NOT USE``, cut before its last word).

    >>> restriction_in_name("Leo", "Inactive"), restriction_in_name("Do Not", "Use")
    (<Restriction.NOT_IN_USE: 'not-in-use'>, <Restriction.NOT_IN_USE: 'not-in-use'>)
    """
    found: Restriction | None = None
    for part in parts:
        if not part:
            continue
        if sorted_last(part):
            found = found or Restriction.NOT_IN_USE
        if part.isalpha():  # a plain name, told in C
            if part in NOT_IN_USE_SPELLINGS:
                found = found or Restriction.NOT_IN_USE
            continue
        if _NO_CONTACT.search(part):
            return Restriction.NO_CONTACT  # (the strongest: it decides what is suggested)
        if _DECEASED.search(part):
            found = Restriction.DECEASED
        elif found is None and _NOT_IN_USE.search(part):
            found = Restriction.NOT_IN_USE
    if found is None and len(parts) > 1 and split_mark(parts[0], parts[1]):
        found = Restriction.NOT_IN_USE
    return found


def split_mark(given: str, family: str, /) -> bool:
    """Whether a not-in-use mark runs across the given and family names (``Do Not`` /
    ``Use``) that neither holds alone. Read only where one of them is more than a plain
    word (two plain names are never joined into a mark: ``Old`` / ``Record``).

    >>> split_mark("Do Not", "Use"), split_mark("Ana", "Use"), split_mark("Old", "Record")
    (True, False, False)
    """
    if not given or not family or (given.isalpha() and family.isalpha()):
        return False
    return bool(_NOT_IN_USE.search(f"{given} {family}")) and not (
        _NOT_IN_USE.search(given) or _NOT_IN_USE.search(family)
    )
