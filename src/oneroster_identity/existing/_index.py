"""Roster persons indexed for comparison with app accounts, and accounts as records."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from itertools import compress
from operator import attrgetter

from oneroster_identity.existing._model import ExistingAccount
from oneroster_identity.match import MatchResult, Person, RecordFacts, common_name_counts
from oneroster_identity.models import Role, RoleAssignment, RoleFamily, User
from oneroster_identity.policy import Policy

__all__ = ["ACCOUNT_PREFIX", "AccountValueHolders", "PersonIndex", "as_user", "credential_holders"]

ACCOUNT_PREFIX = "account:"
"""Prefix of the pseudo sourcedId under which an account is compared with records."""

_ROLE_FOR = {
    RoleFamily.GUARDIAN: Role.GUARDIAN,
    RoleFamily.STAFF: Role.TEACHER,
    RoleFamily.STUDENT: Role.STUDENT,
}


def as_user(account: ExistingAccount, policy: Policy) -> User:
    """The account as a OneRoster user, so the matcher's normalizers and judge apply."""
    field = policy.identity_phone_fields[0]
    return User(
        sourced_id=ACCOUNT_PREFIX + account.account_id,
        given_name=account.first_name,
        family_name=account.last_name,
        email=account.email,
        roles=(RoleAssignment(role=_ROLE_FOR[account.family], role_raw=account.role_raw),),
        grades=(account.grade,) if account.grade else (),
        sms=account.phone if field == "sms" else "",
        phone=account.phone if field == "phone" else "",
    )


_NAME_KEY = attrgetter("name_key")


class PersonIndex:
    """Roster persons indexed by identity and by the blocking keys the accounts use."""

    def __init__(
        self,
        result: MatchResult,
        wanted: Sequence[RecordFacts],
        keys: Iterable[tuple[str, Callable[[RecordFacts], object]]],
        keep: Callable[[frozenset[RoleFamily]], bool],
    ) -> None:
        # Persons chosen by their role families and built only when a match names them:
        # a million-record result holds most persons as facts (see ``Persons``).
        persons = result.persons
        self._persons = persons
        column = persons.families_column()
        kept = {families: keep(families) for families in set(column)}  # a few shared sets
        # Positions in 4 bytes each (an int object and its list slot take 36): the adults
        # of a million-person roster are about 480,000 positions, 1.9 MB instead of 18.
        self._at = array("I", compress(range(len(column)), map(kept.__getitem__, column)))
        del column
        every = persons.representatives(result.facts)
        self.reps = [every[i] for i in self._at]
        del every
        # Only identities some account has: the rest could never be looked up, and a
        # million-record roster would hold a tuple and a dict entry for each.
        # (as the app reads them: a made-up value is a credential like any other, since
        # session 70)
        asked = {f.identity for f in wanted} - {None}
        self.identity = (
            {
                identity: i
                for i, f in enumerate(self.reps)
                if (identity := f.identity) is not None and identity in asked
            }
            if asked  # old student accounts carry no contact: nothing to look up
            else {}
        )
        self._wanted_names = {f.name_key for f in wanted}
        self.blocks: list[tuple[Callable[[RecordFacts], object], dict[object, list[int]]]] = []
        for _, key_of in keys:
            want = {k for k in map(key_of, wanted) if k is not None}
            block: dict[object, list[int]] = {}
            if want:
                # Every person's key is tested, in a comprehension that keeps none of them
                # (some keys are new strings: a million of them held at once is 30 MB),
                # and only the persons holding a key some account has are bucketed.
                reps = self.reps
                for i in [i for i, k in enumerate(map(key_of, reps)) if k in want]:
                    block.setdefault(key_of(reps[i]), []).append(i)
            self.blocks.append((key_of, block))

    @cached_property
    def name_counts(self) -> Counter[tuple[str, str]]:
        """How many of the indexed persons hold each common name the accounts carry: the
        counts :func:`~oneroster_identity.match.judge` reads, which are of its first
        record's name, always the account's (counted when first asked, so an index of
        old students' merge candidates never counts). Counting only the accounts' names
        keeps the count to their few thousand keys, not a dict of every name of a
        million-record roster (about 50 MB while it lived)."""
        wanted = self._wanted_names
        return common_name_counts(k for k in map(_NAME_KEY, self.reps) if k in wanted)

    def person(self, index: int) -> Person:
        """The person at ``index`` of this index (positions of ``reps``)."""
        return self._persons[self._at[index]]

    def candidates(self, facts: RecordFacts, max_block: int) -> list[int]:
        found: set[int] = set()
        for key_of, block in self.blocks:
            k = key_of(facts)
            members = block.get(k, ()) if k is not None else ()
            if 0 < len(members) <= max_block:
                found.update(members)
        return sorted(found)


AccountValueHolders = Mapping[tuple[str, str], tuple[str, ...]]
"""``("email" | "phone", key)`` -> the sourcedIds of the roster records holding that
address or number as their email or identity phone, as written or as meant. Unlike the
matcher's own ``CredentialHolders`` (values several persons share, read off each person's
representative record and let go once the findings are made), it holds only the accounts'
values, read off every record, for the existing-accounts check."""


def credential_holders(
    facts: Mapping[str, RecordFacts], accounts: Sequence[RecordFacts]
) -> dict[tuple[str, str], tuple[str, ...]]:
    """Which roster records hold each email and phone some account uses.

    An update setting an account's value on a person's SIS records gives that person the
    value; when another person's record holds it too, the two then share it (a household
    credential: listed for admins by newer app versions, not counted as either's own by
    older ones), and the update says so. One pass over the roster's records, keeping only
    the accounts' few thousand values, not an index of a million."""
    emails = {k for f in accounts if (k := f.email.key) is not None}
    phones = {k for f in accounts if (k := f.phone.key) is not None}
    found: dict[tuple[str, str], list[str]] = {}
    if not emails and not phones:
        return {}
    # Written out for both fields: the loop body runs a million times, and a tuple of
    # (kind, value, wanted) built per record doubled its cost.
    for sid, f in facts.items():
        email = f.email
        key = email.key
        if key is None and (repair := email.repair) is not None:
            key = repair.key  # as meant: `ana@gmail.com.` holds ana@gmail.com
        if key in emails:
            found.setdefault(("email", key), []).append(sid)
        phone = f.phone
        key = phone.key
        if key is None and (repair := phone.repair) is not None:
            key = repair.key
        if key in phones:
            found.setdefault(("phone", key), []).append(sid)
    return {k: tuple(sorted(v)) for k, v in found.items()}
