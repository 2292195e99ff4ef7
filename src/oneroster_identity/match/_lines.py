"""Contact values that are lines, not a person's own: no evidence that two records are one.

A school office's number typed as the SMS phone of every family that gave none, or an
``office@`` address on every teacher's HR record, is held by many people who share
nothing else. Two of them with one name (two `Maria Garcia` of two families, among fifty
holders of the office number) agree on that value as every other holder does: it says
nothing of whether they are one person, though an identical phone is among the strongest
evidence the judge weighs. A value is a line when at least :data:`UNRELATED_HOLDERS` of
its holders are unrelated: each of another family name and of no household of the others.

A parent typed once per child holds one number on records of one family name; a family's
number on the mother's, the father's and a grandmother's records stays in one household:
neither is a line, and the value keeps its weight. Five, not the three from which a
shared contact is tagged ``many-unrelated`` (``match._shared_items``): a per-child export
listing the mother on one child, the father on another and a grandmother on a third, each
of another family name, is three unrelated holders of the family's number by these
counts, and the mother typed twice must still be found by it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:  # annotations only: the judge imports this module
    from oneroster_identity.match._findings import CredentialHolders
    from oneroster_identity.match._household import HouseholdIndex
    from oneroster_identity.match._persons import Persons
    from oneroster_identity.match._records import RecordFacts

__all__ = ["NO_LINES", "UNRELATED_HOLDERS", "Lines", "contact_lines"]

UNRELATED_HOLDERS = 5
"""Unrelated holders of a value from which it is a line (see the module doc)."""


@attrs.frozen
class Lines:
    """The email and identity-phone keys that are lines (see the module doc)."""

    email: frozenset[str] = frozenset()
    phone: frozenset[str] = frozenset()


NO_LINES = Lines()
"""No value is a line (a one-off comparison, or a caller that has read none)."""


def contact_lines(
    holders: CredentialHolders,
    persons: Persons,
    reps: Sequence[RecordFacts],
    households: HouseholdIndex,
) -> Lines:
    """The keys of ``holders`` (the persons holding each shared email and phone key) that
    are lines: held by :data:`UNRELATED_HOLDERS` persons or more, of whom that many are
    unrelated (counted greedily in person order: a holder counts when its family name is
    none counted before it and it shares no household with them)."""
    ids = persons.sourced_ids
    household = households.household

    def unrelated(members: list[int]) -> bool:
        if len(members) < UNRELATED_HOLDERS:
            return False
        families: set[str] = set()
        homes: set[str] = set()
        for i in members:
            family = reps[i].name_key[1]
            if not family or family in families:
                continue
            own = {h for sid in ids(i) if (h := household(sid)) is not None}
            if own & homes:
                continue
            families.add(family)
            homes |= own
            if len(families) >= UNRELATED_HOLDERS:
                return True
        return False

    return Lines(
        email=frozenset(k for k, members in holders.email.items() if unrelated(members)),
        phone=frozenset(k for k, members in holders.phone.items() if unrelated(members)),
    )
