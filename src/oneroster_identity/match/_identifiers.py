"""Records that share an identifier the roster gives its people (OneRoster 1.2's
``userMasterIdentifier``: a state student or educator ID).

An identifier names one person, so two records holding one are evidence that they are
one person: a child entered twice, once as ``Alejandro`` and once as ``Alex``, still
carries its state ID on both records. The evidence holds only while the value behaves
like an identifier:

- it is a real value (:func:`~oneroster_identity.normalize.identifier_key`: no blank,
  stand-in word, repeated character or run of digits);
- it is held by a few records only (:data:`MAX_HOLDERS`): one person's records. A value
  on more is a stand-in the district types for every unknown ID;
- it is not held by a student and an adult: a child's ID copied onto a parent's record
  says nothing about one person (and the app never merges a child into an adult);
- the column holds people's own IDs at all: where most groups sharing a value hold
  records of different names (siblings on a family number), or most records holding a
  value share it with more than :data:`MAX_HOLDERS` - 1 others (a school code), it is
  something else, and nothing in it is evidence (one info finding,
  ``identifier-not-personal``, says so instead of a warning per group).

Records that share an identifier and are not one person are a finding
(``shared-identifier``): one of them carries another person's identifier, or one
person was entered twice with other details, and the data cannot tell which. A guardian
record holding the ID of a student it is linked to is an export's convention (the
family's records filed under the child's ID) more often than a slip: those are counted in
one info finding (``guardian-holds-childs-identifier``), not warned of family by family.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import attrs

from oneroster_identity.diagnostics import Severity
from oneroster_identity.match._household import records_in_words
from oneroster_identity.match._model import Finding
from oneroster_identity.match._records import RecordFacts
from oneroster_identity.models import RoleFamily, User, user_columns
from oneroster_identity.normalize import NameDifference, compare_names, identifier_key
from oneroster_identity.policy import DEFAULT_POLICY, Policy

__all__ = [
    "CHILDS_IDENTIFIER",
    "IDENTIFIER_FIELD",
    "MAX_HOLDERS",
    "NOT_PERSONAL",
    "SHARED_IDENTIFIER",
    "IdentifierIndex",
]

IDENTIFIER_FIELD = "userMasterIdentifier"
SHARED_IDENTIFIER = "shared-identifier"
CHILDS_IDENTIFIER = "guardian-holds-childs-identifier"
NOT_PERSONAL = "identifier-not-personal"
NOT_PERSONAL_GROUPS = 3
"""Groups of different names from which a column may read as not a person's own ID..."""
NOT_PERSONAL_SAMPLE = 1000
"""...when they are more than half of the groups judged (at most this many, the first by
sourcedId: a family-number column at a million records has a hundred thousand groups)."""
MAX_HOLDERS = 3
"""Records that may hold one identifier for it to be evidence: a child entered twice, a
staff member listed once per school. A value on more is a stand-in, not an ID."""


def _mixes_student_and_adult(families: Iterable[frozenset[RoleFamily]]) -> bool:
    student = adult = False
    for f in families:
        if RoleFamily.STUDENT in f:
            student = True
        if f - {RoleFamily.STUDENT, RoleFamily.UNKNOWN}:
            adult = True
    return student and adult


def _names_apart(sids: Sequence[str], facts: Mapping[str, RecordFacts], policy: Policy) -> bool:
    """Whether two records of a group have different names (no nickname, typo or other
    form of one name) and are not known to be born the same day: siblings on a family
    number, or strangers. Twins, one registered by copying the other's record, share a
    birth date: a slip of one record, which says nothing about the column."""
    records = [facts[s] for s in sids]
    return any(
        compare_names(x.name, y.name, policy=policy).kind is NameDifference.DIFFERENT
        and not (x.birth_date is not None and x.birth_date == y.birth_date)
        for n, x in enumerate(records)
        for y in records[n + 1 :]
    )


@attrs.frozen
class IdentifierIndex:
    """The active records of one roster that share a ``userMasterIdentifier`` key."""

    groups: Mapping[str, tuple[str, ...]]
    """Identifier key -> the sourcedIds (sorted) of the two or more active records
    holding it; the key is never shown (it is the value, folded)."""
    evidence: frozenset[str]
    """The keys whose holders are evidence of one person (see the module docstring)."""
    not_personal: str = ""
    """Why the column does not read as people's own IDs (then nothing is evidence), in
    words; empty when it does."""

    @classmethod
    def of(
        cls,
        users: Sequence[User],
        facts: Mapping[str, RecordFacts],
        policy: Policy = DEFAULT_POLICY,
    ) -> IdentifierIndex:
        """The groups of ``users`` (the roster's) among the active records ``facts``."""
        # Only the first holder of each key is kept beside the key (a district's IDs are
        # about half its records), and a list only for the keys held twice or more.
        first: dict[str, str] = {}
        more: dict[str, list[str]] = {}
        for sid, value in user_columns(users, "sourced_id", "user_master_identifier"):
            if value and sid in facts:
                key = identifier_key(value)
                if key is not None:
                    held = first.setdefault(key, sid)
                    if held is not sid:
                        more.setdefault(key, [held]).append(sid)
        holders = len(first) + sum(len(v) - 1 for v in more.values())
        del first
        groups = {k: tuple(sorted(v)) for k, v in more.items()}
        evidence = frozenset(
            k
            for k, sids in groups.items()
            if len(sids) <= MAX_HOLDERS
            and not _mixes_student_and_adult(facts[s].families for s in sids)
        )
        crowded = [sids for sids in groups.values() if len(sids) > MAX_HOLDERS]
        if len(crowded) >= NOT_PERSONAL_GROUPS and 2 * sum(map(len, crowded)) > holders:
            first_group = min(crowded)
            return cls(
                groups,
                frozenset(),
                f"{sum(map(len, crowded))} of the {holders} records holding a "
                f"{IDENTIFIER_FIELD} share it with more than {MAX_HOLDERS - 1} others "
                f"({len(crowded)} values; the first held by "
                f"{records_in_words(first_group, shown=5)})",
            )
        judged = sorted(groups[k] for k in evidence)[:NOT_PERSONAL_SAMPLE]
        apart = [sids for sids in judged if _names_apart(sids, facts, policy)]
        if len(apart) >= NOT_PERSONAL_GROUPS and 2 * len(apart) > len(judged):
            return cls(
                groups,
                frozenset(),
                f"{len(apart)} of {len(judged)} groups of records sharing a "
                f"{IDENTIFIER_FIELD} hold different names (the first: "
                f"{records_in_words(apart[0], shown=5)})",
            )
        return cls(groups, evidence)

    @property
    def holders(self) -> frozenset[str]:
        """The sourcedIds of every record in a group."""
        return frozenset(sid for sids in self.groups.values() for sid in sids)

    def person_pairs(self, person_of: Callable[[str], int | None]) -> set[tuple[int, int]]:
        """Pairs (smaller index first) of the persons whose records share an evidence key;
        ``person_of`` gives a record's person index."""
        pairs: set[tuple[int, int]] = set()
        for key in self.evidence:
            found = sorted({i for s in self.groups[key] if (i := person_of(s)) is not None})
            pairs.update((x, y) for n, x in enumerate(found) for y in found[n + 1 :])
        return pairs

    def findings(
        self,
        unit_of: Callable[[str], str],
        value_of: Callable[[str], str],
        *,
        facts: Mapping[str, RecordFacts],
        guardians_of: Mapping[str, Sequence[str]],
    ) -> list[Finding]:
        """A ``shared-identifier`` finding for each group whose records are not one
        person: ``unit_of`` names what a record was found to be part of (its person, or
        the likely-same item that calls its records one person), ``value_of`` reads a
        record's identifier as written. Groups of one student and guardians linked to it
        (``guardians_of``: student -> its guardians) are counted in one info finding."""
        if self.not_personal:
            return [self._not_personal()]
        out: list[Finding] = []
        childs: list[str] = []  # guardians holding their own child's ID
        for key in sorted(self.groups, key=lambda k: self.groups[k]):
            sids = self.groups[key]
            if key in self.evidence and len({unit_of(s) for s in sids}) == 1:
                continue
            students = [s for s in sids if RoleFamily.STUDENT in facts[s].families]
            adults = [s for s in sids if s not in students]
            if (
                len(students) == 1
                and adults
                and all(a in guardians_of.get(students[0], ()) for a in adults)
            ):
                childs.extend(adults)
                continue
            n = len(sids)
            who = records_in_words(sids, shown=5)
            if n > MAX_HOLDERS:
                why = (
                    f"{n} records ({who}) hold one {IDENTIFIER_FIELD}: an identifier names one "
                    "person, so this is a stand-in value, not an identifier; it joins no "
                    "records (leave it blank where the ID is not known)"
                )
            elif key not in self.evidence:
                why = (
                    f"student and adult records ({who}) share one {IDENTIFIER_FIELD}: a child and "
                    "an adult are never one person, so some record carries another "
                    "person's identifier, and the data cannot tell which"
                )
            else:
                why = (
                    f"{who} share one {IDENTIFIER_FIELD} but are not "
                    + ("found to be one" if n == 2 else "all found to be one")
                    + " person (their names, birth dates or contacts differ): one carries "
                    "another person's identifier, or one person was entered twice with "
                    "other details; the data cannot tell which: check the records in the SIS"
                )
            out.append(
                Finding(
                    code=SHARED_IDENTIFIER,
                    severity=Severity.WARNING,
                    message=why,
                    sourced_id=sids[0],
                    field=IDENTIFIER_FIELD,
                    value=value_of(sids[0]),
                    related=sids[1:],
                )
            )
        if childs:
            childs.sort()
            shown = records_in_words(childs, shown=3)
            out.append(
                Finding(
                    code=CHILDS_IDENTIFIER,
                    severity=Severity.INFO,
                    message=(
                        f"{len(childs)} guardian record(s) ({shown}) hold the "
                        f"{IDENTIFIER_FIELD} of a student they are linked to: read as the "
                        "export filing the family under the child's ID, not as evidence "
                        "that anyone is one person"
                    ),
                    field=IDENTIFIER_FIELD,
                )
            )
        return out

    def _not_personal(self) -> Finding:
        """The one finding of a column that does not hold people's own IDs."""
        return Finding(
            code=NOT_PERSONAL,
            severity=Severity.INFO,
            message=(
                f"{self.not_personal}: the column reads as something other than each "
                "person's own ID (a family number, a school code), so it is not read as "
                "evidence of one person and no group is warned of"
            ),
            field=IDENTIFIER_FIELD,
        )
