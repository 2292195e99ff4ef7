"""Per-record facts the matcher needs: normalized name, email and identity phone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence, ValuesView
from functools import partial
from operator import attrgetter
from typing import Any

import attrs

from oneroster_identity._slots import slot_builder
from oneroster_identity.match._contacts import (
    email_in_phone_column,
    email_in_username,
    stand_in_email,
    whose,
)
from oneroster_identity.models import RoleFamily, SortedUsers, Status, User, user_columns
from oneroster_identity.normalize import (
    EmailFlag,
    NormalizedEmail,
    NormalizedPhone,
    PersonName,
    PhoneFlag,
    normalize_email,
    normalize_phone,
    stated_sex,
)
from oneroster_identity.normalize._encoding import garblings, has_lost_characters, ungarbled
from oneroster_identity.normalize._names import name_key
from oneroster_identity.policy import Policy

__all__ = [
    "GARBLED_THROUGHOUT",
    "GUARDIAN_ONLY",
    "PHONE_COLUMNS",
    "STAFF_ONLY",
    "STUDENT_ONLY",
    "FactsBuilder",
    "NameKeys",
    "RecordFacts",
    "facts_for",
    "is_stand_in_birth_date",
    "made_up_email",
    "made_up_key",
    "made_up_phone",
    "only_family",
    "read_back_keys",
    "two_stated_sexes",
]

PHONE_COLUMNS = {"sms": "sms", "phone": "phone"}


def _record_id(user: User | str) -> str:
    return user if isinstance(user, str) else user.sourced_id


def is_stand_in_birth_date(born: dt.date) -> bool:
    """Whether a birth date is what an SIS types for an unknown one (January 1st, a year
    before 1950: ``1900-01-01`` for every such student, or a year after 2099: a database's
    ``9999-12-31``). Equal stand-ins would make namesakes and siblings look born the same
    day, so they are no evidence; a real January 1st birthday loses its evidence too,
    about one student in 365.

    >>> is_stand_in_birth_date(dt.date(1900, 1, 1)), is_stand_in_birth_date(dt.date(2016, 3, 2))
    (True, False)
    >>> is_stand_in_birth_date(dt.date(9999, 12, 31))
    True
    """
    return born.year < 1950 or born.year > 2099 or (born.month == 1 and born.day == 1)


def _evidence_date(born: dt.date | None) -> dt.date | None:
    """A user's birth date as evidence: the day, or ``None`` for none or a stand-in. A
    program building users may give a ``datetime`` (a pandas ``Timestamp``), which is
    read as the day it names (since session 47: beside another record's ``date`` it
    raised ``TypeError`` out of ``match``)."""
    if born is None:
        return None
    if type(born) is not dt.date and isinstance(born, dt.datetime):
        born = born.date()
    return None if is_stand_in_birth_date(born) else born


def _birth_date(user: User | str) -> dt.date | None:
    return None if isinstance(user, str) else _evidence_date(user.birth_date)


@attrs.frozen(kw_only=True, weakref_slot=False)
class RecordFacts:
    """What the matcher knows about one active record.

    Facts a matching run builds over a column roster (``SortedUsers``) keep the record's
    sourcedId and the roster, not a ``User``: :attr:`user` builds it when asked for
    (a million users would otherwise all be built again here). Facts compare by the
    record's sourcedId and the normalized values.
    """

    _user: User | str = attrs.field(alias="user", eq=_record_id)
    name: PersonName
    name_key: tuple[str, str]
    email: NormalizedEmail
    phone: NormalizedPhone
    """The identity (SMS) phone under the policy."""
    phone_field: str
    """Which column the identity phone came from (``sms`` by default)."""
    home_phone: NormalizedPhone
    families: frozenset[RoleFamily]
    birth_date: dt.date | None = attrs.field(
        default=attrs.Factory(lambda self: _birth_date(self._user), takes_self=True)
    )
    """The user's birth date (``demographics.csv``): evidence on students, read in whole
    roster passes (by default the ``user``'s); ``None`` for a stand-in date
    (:func:`is_stand_in_birth_date`) and, in a matching run, for a date that only looks
    like one (on far more records than are born on one day, after the day of the export,
    or years from its grade's: :mod:`~oneroster_identity.match._birth_dates`), which the
    user keeps."""
    _users: SortedUsers | None = attrs.field(default=None, eq=False, repr=False, alias="_users")
    """The column roster a sourcedId-only record is read from."""

    @property
    def user(self) -> User:
        """The record's user (built from the roster's columns for a column roster)."""
        user = self._user
        if isinstance(user, str):
            users, index = self._row(user)
            return users.build(index)
        return user

    def user_value(self, name: str) -> Any:
        """``user.<name>``, read from a column roster without building the user (a binary
        search of its sourcedIds)."""
        user = self._user
        if isinstance(user, str):
            users, index = self._row(user)
            return users.value(index, name)
        return getattr(user, name)

    def _row(self, sourced_id: str) -> tuple[SortedUsers, int]:
        users = self._users
        index = None if users is None else users.index_of(sourced_id)
        if users is None or index is None:
            raise LookupError(f"record {sourced_id!r} is not in the roster its facts came from")
        return users, index

    @property
    def sourced_id(self) -> str:
        """The record's sourcedId."""
        user = self._user
        return user if isinstance(user, str) else user.sourced_id

    @property
    def identity(self) -> tuple[str, str, str | None, str | None] | None:
        """The app's identity tuple, or ``None`` when the record has no contact the app takes.

        A made-up value the app cannot tell from a real one (:func:`made_up_email`,
        :func:`made_up_phone`: ``noemail@school.org``, a fictional ``617-555-0123``) is no
        evidence anywhere in the check, but the app reads it as a credential like any other:
        records of one name on one such value make one account, and beside a record with
        none they make two (since session 69; before, it was read as no value, as an
        invalid one is, and two families' `Maria Garcia` on the district's `noemail@`
        address were two accounts where the app makes one)."""
        # (the app takes a made-up value as any other: equal ones merge records; the
        # flag is read first, since nearly every record's is not)
        email = self.email.key
        if email is None and EmailFlag.PLACEHOLDER in self.email.flags:
            email = made_up_key(self.email)
        phone = self.phone.key
        if phone is None and PhoneFlag.FICTIONAL in self.phone.flags:
            phone = made_up_key(self.phone)
        if email is None and phone is None:
            return None
        return (*self.name_key, email, phone)

    @property
    def usable_identity(self) -> tuple[str, str, str | None, str | None] | None:
        """:attr:`identity` with made-up values read as none, as it was before session 69:
        whether a record holds any credential the app can use to reach the person (the
        existing-accounts check asks the family when neither the account nor its records
        do, rather than empty a made-up value that is the account's only credential)."""
        if self.email.key is None and self.phone.key is None:
            return None
        return (*self.name_key, self.email.key, self.phone.key)

    @property
    def not_added(self) -> bool:
        """Whether the sync adds no account for the record (since session 46): a guardian
        and nothing else with no email or SMS phone the app can take. ClassTag Connect's SIS
        Sync FAQ: "Guardians that do not have at least one unique contact credential will
        NOT be added"; the newer app versions accept a shared one, none a missing one.

        A made-up value the app cannot tell from a real one (``noemail@school.org``, a
        fictional ``617-555-0123``) is a credential to the app, though no evidence here: its
        guardian is added (:attr:`identity` holds the value), and its finding says the
        messages reach no one. What the app does with a staff or student role held beside
        it, the FAQ does not say."""
        return self.families == GUARDIAN_ONLY and self.identity is None


def made_up_email(email: NormalizedEmail) -> bool:
    """Whether an address is a stand-in the validator parsed (``noemail@school.org``,
    ``none@none.com``): no one's, but a credential to the app."""
    return EmailFlag.PLACEHOLDER in email.flags and not _PARSED_EMAIL.isdisjoint(email.flags)


def made_up_phone(phone: NormalizedPhone) -> bool:
    """Whether a number is in the fictional 555-0100..0199 range: no one's, but a
    credential to the app."""
    return PhoneFlag.FICTIONAL in phone.flags


def two_stated_sexes(records: Sequence[RecordFacts]) -> str | None:
    """``demographics records g2 as female and g1 as male`` when ``records``' demographics
    state both sexes (:func:`~oneroster_identity.normalize.stated_sex`: other and
    unspecified values state nothing), else ``None``. sourcedIds only."""
    stated: dict[str, list[str]] = {}
    for f in records:
        sex = stated_sex(str(f.user_value("sex")))
        if sex:
            stated.setdefault(sex, []).append(f.sourced_id)
    if len(stated) < 2:
        return None
    return (
        f"demographics records {', '.join(stated['f'])} as female and "
        f"{', '.join(stated['m'])} as male"
    )


def made_up_key(value: NormalizedEmail | NormalizedPhone) -> str | None:
    """The key the app compares a made-up value by (:func:`made_up_email`,
    :func:`made_up_phone`; never equal to a usable value's key), else ``None``."""
    if isinstance(value, NormalizedEmail):
        if made_up_email(value):
            return f"made-up:{(value.normalized or value.raw).casefold()}"
        return None
    return f"made-up:{value.digits}" if made_up_phone(value) else None


_PARSED_EMAIL = frozenset({EmailFlag.PERSONAL, EmailFlag.DISTRICT})
"""Flags only an address the validator parsed carries (``N/A`` carries neither)."""


_new_facts = slot_builder(RecordFacts)
"""``RecordFacts`` built positionally (one per record of a run; see ``_slots``)."""


STAFF_ONLY = frozenset({RoleFamily.STAFF})
"""The role families of a record (or person) that is staff and nothing else."""
GUARDIAN_ONLY = frozenset({RoleFamily.GUARDIAN})
"""The role families of a record (or person) that is a guardian and nothing else."""
STUDENT_ONLY = frozenset({RoleFamily.STUDENT})
"""The role families of a record (or person) that is a student and nothing else."""


def only_family(families: frozenset[RoleFamily], family: RoleFamily) -> bool:
    """Whether a record's (or a person's) role families are ``family`` alone, roles of
    no known family aside: a student record, not a student who is also staff."""
    return family in families and not families - {family, RoleFamily.UNKNOWN}


GARBLED_THROUGHOUT = 3
"""The fewest garbled name parts, with none outside ASCII read right, that make a file
look garbled as a whole (:attr:`FactsBuilder.garbled_throughout`): one or two may be a
few records an import garbled."""


class FactsBuilder:
    """Builds :class:`RecordFacts` for one matching run, normalizing each distinct value once.

    The normalizers keep no cache of their own; plain dicts keyed by the raw value (the
    policy is fixed per builder) are the run's cache, freed with the run, so nothing
    outlives it. Equal names share one :class:`PersonName` and one key tuple.
    """

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._emails: dict[str, NormalizedEmail] = {}
        self._phones: dict[str, NormalizedPhone] = {}
        self._names: dict[tuple[str, ...], tuple[PersonName, tuple[str, str]]] = {}
        # Names with no middle or preferred parts (nearly all): given -> family -> value,
        # keyed by the user's own strings. A cache entry of its own (a key tuple and a
        # value pair per distinct name) is freed with the builder but leaves its memory
        # scattered among the facts that stay: about 100 MB at a million records.
        self._plain_names: dict[str, dict[str, PersonName]] = {}
        self._plain_keys: dict[str, dict[str, tuple[str, str]]] = {}
        self._parts: dict[str, str] = {}
        self.read_back: dict[str, str] = {}
        """The key of each name part a program garbled (``GarcÃ­a``) -> the key of
        the part read back (``García``: :func:`~oneroster_identity.normalize._encoding.
        ungarbled`), found as each distinct part is keyed: the loose-name blocks and the
        name-forms pass read a garbled name as the name it was typed as (a key, lowered and
        folded, cannot be read back itself). Empty for nearly every roster."""
        self.accented = 0
        """How many distinct name parts outside ASCII read right (not garbled): none beside
        mis-decoded ones says the file was garbled as a whole (:attr:`garbled_throughout`)."""
        self.mis_decoded = 0
        """How many distinct name parts a wrong decoding garbled, or whose letters outside
        ASCII a program could not write (``Mu?oz``): either, throughout, is the file's way
        here (HTML references are a form's or an export's way of writing a value, which
        says nothing of the file's encoding)."""
        self.moved: list[str] = []
        """sourcedIds of the records whose email was read from a phone column
        (``match._contacts.email_in_phone_column``), for ``settle_moved_addresses``."""

    def email(self, value: str) -> NormalizedEmail:
        """The normalized email, computed once per distinct value."""
        found = self._emails.get(value)
        if found is None:
            found = self._emails[value] = normalize_email(value, policy=self.policy)
        return found

    def phone(self, value: str) -> NormalizedPhone:
        """The normalized phone, computed once per distinct value."""
        found = self._phones.get(value)
        if found is None:
            found = self._phones[value] = normalize_phone(value, policy=self.policy)
        return found

    def name(self, user: User) -> tuple[PersonName, tuple[str, str]]:
        """The user's name and its (given, family) key, shared between equal names."""
        return self._name(
            user.given_name,
            user.family_name,
            user.middle_name,
            user.preferred_given_name,
            user.preferred_family_name,
        )

    def _name(
        self, given: str, family: str, middle: str, pgiven: str, pfamily: str
    ) -> tuple[PersonName, tuple[str, str]]:
        if not (middle or pgiven or pfamily):
            names = self._plain_names.get(given)
            if names is None:
                names = self._plain_names[given] = {}
                keys = self._plain_keys[given] = {}
            else:
                keys = self._plain_keys[given]
            plain = names.get(family)
            if plain is None:
                plain = names[family] = PersonName.from_parts(given, family, policy=self.policy)
                keys[family] = (self._part_key(plain.given), self._part_key(plain.family))
            return plain, keys[family]
        raw = (given, family, middle, pgiven, pfamily)
        found = self._names.get(raw)
        if found is None:
            name = PersonName.from_parts(*raw, policy=self.policy)
            key = (self._part_key(name.given), self._part_key(name.family))
            found = self._names[raw] = (name, key)
        return found

    def _part_key(self, part: str) -> str:
        # A roster has many more distinct full names than distinct given or family names
        # (690k full names in the generated 1M roster, drawn from about 45k parts): each
        # part is folded once.
        key = self._parts.get(part)
        if key is None:
            key = self._parts[part] = name_key(part, policy=self.policy)
            if not part.isascii() or "&" in part or "?" in part:
                repaired = ungarbled(part)
                if repaired is not None:
                    self.read_back[key] = name_key(repaired, policy=self.policy)
                    self.mis_decoded += "encoding" in garblings(part)
                elif has_lost_characters(part):
                    self.mis_decoded += 1
                else:
                    self.accented += not part.isascii()
        return key

    @property
    def garbled_throughout(self) -> int:
        """How many distinct name parts read mis-decoded or with letters lost when every
        name part outside ASCII does, at least :data:`GARBLED_THROUGHOUT` of them; 0
        otherwise. A file whose every accented name is garbled or lost, and none right,
        was likely garbled on its way here (an export, a spreadsheet saved back in another
        encoding, a system that cannot write them) rather than typed so into the system it
        came from; one garbled name among right ones is the record's."""
        garbled = self.mis_decoded
        return garbled if garbled >= GARBLED_THROUGHOUT and not self.accented else 0

    def __call__(self, user: User) -> RecordFacts:
        """Normalize one user's identity fields under the builder's policy."""
        return self._facts(user, None, *_FACT_VALUES(user))

    def of_active(self, users: Sequence[User]) -> dict[str, RecordFacts]:
        """Facts of every active user, by sourcedId in the users' order. Over a column
        roster (``SortedUsers``) the fields are read from the columns and no user is built:
        the facts keep the sourcedId and the roster (see :class:`RecordFacts`)."""
        if not isinstance(users, SortedUsers):
            return {u.sourced_id: self(u) for u in users if u.is_active}
        active = Status.ACTIVE
        facts = self._facts
        return {
            sid: facts(
                sid, users, given, family, middle, pgiven, pfamily, email, sms, phone, fam, born
            )
            for (
                sid,
                status,
                given,
                family,
                middle,
                pgiven,
                pfamily,
                email,
                sms,
                phone,
                fam,
                born,
            ) in user_columns(users, *_FACT_FIELDS)
            if status is active
        }

    @staticmethod
    def _text(user: User | str, users: SortedUsers | None, name: str) -> str:
        """``user.<name>`` (a text field), read from a column roster by sourcedId for the
        few records that need it."""
        if not isinstance(user, str):
            return str(getattr(user, name))
        index = None if users is None else users.index_of(user)
        if users is None or index is None:
            return ""
        return str(users.value(index, name))

    def _facts(
        self,
        user: User | str,
        users: SortedUsers | None,
        given: str,
        family: str,
        middle: str,
        pgiven: str,
        pfamily: str,
        email: str,
        sms: str,
        home: str,
        families: frozenset[RoleFamily],
        born: dt.date | None,
    ) -> RecordFacts:
        policy = self.policy
        name, key = self._name(given, family, middle, pgiven, pfamily)
        fields = policy.identity_phone_fields
        phone_field = fields[0]
        phone = self.phone(sms if phone_field == "sms" else home)
        for field in fields[1:]:
            if phone.usable:
                break
            candidate = self.phone(sms if field == "sms" else home)
            if candidate.usable or (not phone.raw.strip() and candidate.raw.strip()):
                phone, phone_field = candidate, field
        home_phone = phone if phone_field == "phone" else self.phone(home)
        email_value = self.email(email)
        if email_value.repair is not None:  # an invalid email, a few records in a hundred
            sex = partial(self._text, user, users, "sex")
            email_value = whose(email_value, name, families, "address", sex)
        if phone.repair is not None or home_phone.repair is not None:
            sex = partial(self._text, user, users, "sex")
            phone = whose(phone, name, families, "number", sex)
            home_phone = whose(home_phone, name, families, "number", sex)
            moved = email_in_phone_column(email_value, (phone, home_phone), policy)
            if moved is not email_value:
                email_value = moved
                self.moved.append(_record_id(user))
        if (
            email_value.repair is None
            and RoleFamily.STUDENT not in families
            and (not email_value.raw.strip() or stand_in_email(email_value))
        ):
            # an adult without an email (a few in a hundred), or with a stand-in for one:
            # its username, read only now
            found = email_in_username(
                email_value,
                self._text(user, users, "username"),
                policy,
                staff=RoleFamily.STAFF in families,
            )
            if found is not email_value:
                email_value = found
                self.moved.append(_record_id(user))
        # user, name, name_key, email, phone, phone_field, home_phone, families,
        # birth_date, users
        return _new_facts(
            user,
            name,
            key,
            email_value,
            phone,
            phone_field,
            home_phone,
            families,
            _evidence_date(born),
            users,
        )


_FACT_FIELDS = (
    "sourced_id",
    "status",
    "given_name",
    "family_name",
    "middle_name",
    "preferred_given_name",
    "preferred_family_name",
    "email",
    "sms",
    "phone",
    "families",
    "birth_date",
)
"""The user fields facts are built from, in ``FactsBuilder._facts``'s order after the
sourcedId and status that select the record."""
_FACT_VALUES = attrgetter(*_FACT_FIELDS[2:])


def facts_for(user: User, policy: Policy) -> RecordFacts:
    """Normalize one user's identity fields under ``policy`` (one-off; a matching run uses
    a :class:`FactsBuilder`)."""
    return FactsBuilder(policy)(user)


def read_back_keys(records: Iterable[RecordFacts], policy: Policy) -> dict[str, str]:
    """:attr:`FactsBuilder.read_back` of records built already, by a pass over every
    record's name parts through a builder's own keying (one rule for both): for passes
    given records without their builder (the benchmarks, the tests); a run takes its
    builder's, found as it keys the names."""
    builder = FactsBuilder(policy)
    for f in records:
        builder._part_key(f.name.given)
        builder._part_key(f.name.family)
    return builder.read_back


class NameKeys(Mapping[str, tuple[str, str]]):
    """sourcedId -> name key, read through a run's facts instead of copied: a million-record
    run would otherwise hold a second million-entry dict (about 40 MB) for the household
    index."""

    def __init__(self, facts: Mapping[str, RecordFacts]) -> None:
        self._facts = facts

    def __getitem__(self, sourced_id: str) -> tuple[str, str]:
        return self._facts[sourced_id].name_key

    def __contains__(self, sourced_id: object) -> bool:
        return sourced_id in self._facts

    def __iter__(self) -> Iterator[str]:
        return iter(self._facts)

    def __len__(self) -> int:
        return len(self._facts)

    def values(self) -> ValuesView[tuple[str, str]]:
        return _NameKeyValues(self)


class _NameKeyValues(ValuesView[tuple[str, str]]):
    def __iter__(self) -> Iterator[tuple[str, str]]:
        facts: Mapping[str, RecordFacts] = self._mapping._facts  # type: ignore[attr-defined]
        return (f.name_key for f in facts.values())
