"""Per-record facts the matcher needs: normalized name, email and identity phone."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, ValuesView
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar

import attrs

from oneroster_identity._slots import slot_builder
from oneroster_identity.models import RoleFamily, SortedUsers, Status, User, user_columns
from oneroster_identity.normalize import (
    EmailFlag,
    NameDifference,
    NormalizedEmail,
    NormalizedPhone,
    PersonName,
    Repair,
    compare_names,
    name_words,
    normalize_email,
    normalize_phone,
)
from oneroster_identity.normalize._names import name_key
from oneroster_identity.normalize._nicknames import known_given_name
from oneroster_identity.normalize._owner import owner_fits, unowned
from oneroster_identity.normalize._text import strip_diacritics
from oneroster_identity.policy import Policy

__all__ = [
    "IN_PHONE_COLUMN",
    "IN_USERNAME",
    "PHONE_COLUMNS",
    "FactsBuilder",
    "ForeignAddress",
    "NameKeys",
    "RecordFacts",
    "address_column",
    "email_in_phone_column",
    "email_in_username",
    "facts_for",
    "holds_address",
    "is_stand_in_birth_date",
    "moved_email_column",
    "settle_moved_addresses",
    "whose",
]

PHONE_COLUMNS = {"sms": "sms", "phone": "phone"}


IN_PHONE_COLUMN = "in-phone-column"
"""The :class:`Repair` rule of an empty email whose address was typed into a phone column."""


def email_in_phone_column(
    email: NormalizedEmail, phones: Sequence[NormalizedPhone], policy: Policy
) -> NormalizedEmail:
    """``email``, or, when it is empty and the first of ``phones`` (the identity phone,
    then the home phone) holding an email address holds a usable one, ``email`` with that
    address as its repair (rule :data:`IN_PHONE_COLUMN`): the record's own address in the
    wrong column. It blocks and compares as the value meant (``meant_key``), as a broken
    address does, so the record meets the record of the same person that holds it in
    the email column; its key stays ``None``, since the app sees no email there.

    >>> from oneroster_identity.normalize import normalize_phone
    >>> moved = email_in_phone_column(
    ...     normalize_email(""), [normalize_phone("ana.diaz@gmail.com")], Policy()
    ... )
    >>> moved.key, moved.repaired, moved.meant_key
    (None, 'ana.diaz@gmail.com', 'ana.diaz@gmail.com')
    """
    if email.raw.strip():
        return email
    for phone in phones:
        if holds_address(phone):
            return _found_elsewhere(
                email,
                normalize_email(phone.raw.strip(), policy=policy),
                IN_PHONE_COLUMN,
                "the email column is empty and a phone column holds an email address: it "
                "belongs in the email column",
            )
    return email


def _found_elsewhere(
    email: NormalizedEmail, address: NormalizedEmail, rule: str, reason: str
) -> NormalizedEmail:
    """``email`` (empty) with ``address``, found in another column, as its repair under
    ``rule``, when the address is usable; ``email`` as it is otherwise."""
    if address.key is None:
        return email
    repair = Repair(rule=rule, reason=reason, value=address.raw.strip(), key=address.key)
    return attrs.evolve(email, repair=repair)


IN_USERNAME = "in-username"
"""The :class:`Repair` rule of an empty email whose record's username is an email address."""


def email_in_username(
    email: NormalizedEmail, username: str, policy: Policy, *, staff: bool = True
) -> NormalizedEmail:
    """``email``, or, when it is empty and ``username`` is a usable email address, ``email``
    with that address as its repair (rule :data:`IN_USERNAME`). SIS exports that leave a
    staff member's or a parent's email column empty often log them in with their address;
    the app reads the email column only, so the record has no email to it. As an address
    in a phone column does (:func:`email_in_phone_column`), it blocks and compares as the
    value meant, so the record meets the record of the same person that holds it as email;
    its key stays ``None``. On a record that is not ``staff``, an address at a district
    domain is left alone: a guardian's is more likely a child's school account than the
    guardian's own mailbox.

    >>> found = email_in_username(normalize_email(""), "ana.diaz@k12.example.us", Policy())
    >>> found.key, found.repaired, found.meant_key
    (None, 'ana.diaz@k12.example.us', 'ana.diaz@k12.example.us')
    >>> email_in_username(normalize_email(""), "adiaz", Policy()).repaired is None
    True
    """
    if email.raw.strip() or email.repair is not None or "@" not in username:
        return email
    address = normalize_email(username.strip(), policy=policy)
    if not staff and EmailFlag.DISTRICT in address.flags:
        return email
    return _found_elsewhere(
        email,
        address,
        IN_USERNAME,
        "the email column is empty and the username is an email address",
    )


def holds_address(phone: NormalizedPhone) -> bool:
    """Whether a phone column holds an email address (its repair rule ``email-address``)."""
    return phone.repair is not None and phone.repair.rule == "email-address"


def address_column(f: RecordFacts) -> str | None:
    """The first phone column (the identity phone's, then ``phone``) holding an email
    address, the one :func:`email_in_phone_column` reads; ``None`` when none does."""
    if holds_address(f.phone):
        return f.phone_field
    if f.phone_field != "phone" and holds_address(f.home_phone):
        return "phone"
    return None


def moved_email_column(f: RecordFacts) -> str | None:
    """The phone column (``sms`` or ``phone``) whose email address the record's facts
    read as its email (:func:`email_in_phone_column`), or ``None``."""
    repair = f.email.repair
    if repair is None or repair.rule != IN_PHONE_COLUMN:
        return None
    return address_column(f)


_Contact = TypeVar("_Contact", NormalizedEmail, NormalizedPhone)


def whose(
    value: _Contact,
    name: PersonName,
    families: frozenset[RoleFamily],
    what: str,
    sex: str = "",
) -> _Contact:
    """``value``, or ``value`` with its repair taken back (:func:`unowned`) when the note
    beside it names a person this record does not show it is (``617-555-2368 (dad's
    cell)`` on a record whose name is a woman's, ``ana@gmail.com (mom)`` on a student's):
    the value may be another person's, and suggested alone it would give this record
    their credential. Nor does it block or compare as that value. ``what`` is ``number``
    or ``address``, for the reason's words; ``sex`` is the record's ``demographics.csv``
    value, as written (``""`` when none).

    >>> from oneroster_identity.normalize import normalize_phone
    >>> noted = normalize_phone("617-555-2368 (dad's cell)")
    >>> adult = frozenset({RoleFamily.GUARDIAN})
    >>> whose(noted, PersonName(given="Jose", family="Ruiz"), adult, "number").repaired
    '617-555-2368'
    >>> whose(noted, PersonName(given="Ana", family="Ruiz"), adult, "number").repaired is None
    True
    """
    repair = value.repair
    if repair is None or repair.owner is None:
        return value
    student = RoleFamily.STUDENT in families
    if owner_fits(repair.owner, name, student=student, sex=sex):
        return value
    taken = unowned(repair, what=what)
    return attrs.evolve(value, repair=taken, reason=taken.reason)


def _record_id(user: User | str) -> str:
    return user if isinstance(user, str) else user.sourced_id


def is_stand_in_birth_date(born: dt.date) -> bool:
    """Whether a birth date is what an SIS types for an unknown one (January 1st, or a
    year before 1950: ``1900-01-01`` for every such student). Equal stand-ins would make
    namesakes and siblings look born the same day, so they are no evidence; a real
    January 1st birthday loses its evidence too, about one student in 365.

    >>> is_stand_in_birth_date(dt.date(1900, 1, 1)), is_stand_in_birth_date(dt.date(2016, 3, 2))
    (True, False)
    """
    return born.year < 1950 or (born.month == 1 and born.day == 1)


def _evidence_date(born: dt.date | None) -> dt.date | None:
    return None if born is None or is_stand_in_birth_date(born) else born


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
    (:func:`is_stand_in_birth_date`), which the user keeps."""
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
        """The app's identity tuple, or ``None`` when the record has no usable contact."""
        if self.email.key is None and self.phone.key is None:
            return None
        return (*self.name_key, self.email.key, self.phone.key)


_new_facts = slot_builder(RecordFacts)
"""``RecordFacts`` built positionally (one per record of a run; see ``_slots``)."""


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
        self.moved: list[str] = []
        """sourcedIds of the records whose email was read from a phone column
        (:func:`email_in_phone_column`), for :func:`settle_moved_addresses`."""

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
        return key

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
        if email_value.repair is not None and email_value.repair.owner is not None:
            email_value = whose(
                email_value, name, families, "address", self._text(user, users, "sex")
            )
        if phone.repair is not None or home_phone.repair is not None:
            if (phone.repair is not None and phone.repair.owner is not None) or (
                home_phone.repair is not None and home_phone.repair.owner is not None
            ):
                sex = self._text(user, users, "sex")
                phone = whose(phone, name, families, "number", sex)
                home_phone = whose(home_phone, name, families, "number", sex)
            moved = email_in_phone_column(email_value, (phone, home_phone), policy)
            if moved is not email_value:
                email_value = moved
                self.moved.append(_record_id(user))
        if (
            email_value.repair is None
            and RoleFamily.STUDENT not in families
            and not email_value.raw.strip()
        ):
            # an adult without an email (a few in a hundred): its username, read only now
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


class ForeignAddress(NamedTuple):
    """Why an address read from a phone column or the username is another person's."""

    records: tuple[str, ...]
    """The records it is theirs by: holding it as their email, or named by it."""
    named: bool
    """Whether its local part spells their given name (else they hold it as their email)."""


def settle_moved_addresses(
    facts: dict[str, RecordFacts],
    moved: Sequence[str],
    policy: Policy,
    linked: Callable[[str], Iterable[str]] | None = None,
) -> dict[str, ForeignAddress]:
    """Take back an address read from a phone column or the username
    (:func:`email_in_phone_column`, :func:`email_in_username`) when it is another
    person's: other records hold it as their email, and every one of them has a different
    name (a parent's address typed into a child's SMS column); or, for an address in a
    phone column, its local part spells another given name than the record's: of a record
    it is linked to by ``linked`` (its guardians and students: ``ana.ruiz@...`` in Leo
    Ruiz's SMS column, Ana his mother), or a known given name (``jose.ruiz@...`` in Ana's).
    Those records' facts in ``facts`` lose the address, so it is neither evidence nor a
    value a fix could offer; returns, for each, the records it is theirs by.

    One pass over ``facts``, made only when ``moved`` (the builder's list) is not empty."""
    if not moved:
        return {}
    wanted: dict[str, list[str]] = {}
    for sid in moved:
        repair = facts[sid].email.repair
        if repair is not None and repair.key is not None:
            wanted.setdefault(repair.key, [])
    for sid, f in facts.items():
        key = f.email.key
        if key is not None and key in wanted:
            wanted[key].append(sid)
    foreign: dict[str, ForeignAddress] = {}
    for sid in moved:
        f = facts[sid]
        repair = f.email.repair
        if repair is None or repair.value is None:
            continue
        holders = wanted.get(repair.key or "", [])
        if holders and all(
            compare_names(f.name, facts[h].name, policy=policy).kind is NameDifference.DIFFERENT
            for h in holders
        ):
            found = ForeignAddress(tuple(holders), named=False)
        elif repair.rule == IN_PHONE_COLUMN:
            # (a username is the person's own login: its name is not read)
            named = _named_by(repair.value, f, facts, linked(sid) if linked else (), policy)
            if named is None:
                continue
            found = ForeignAddress(named, named=True)
        else:
            continue
        facts[sid] = attrs.evolve(f, email=attrs.evolve(f.email, repair=None))
        foreign[sid] = found
    return foreign


def _spells(letters: str, words: Sequence[str], given: str) -> bool:
    """Whether an address's local part (``letters``: its letters only; ``words``: its
    runs of letters) spells a given name (folded, three letters or more): as a word, at
    its start, or, four letters or more, anywhere in it (``anajose``)."""
    return len(given) >= 3 and (
        given in words or letters.startswith(given) or (len(given) >= 4 and given in letters)
    )


def _named_by(
    address: str,
    f: RecordFacts,
    facts: Mapping[str, RecordFacts],
    linked: Iterable[str],
    policy: Policy,
) -> tuple[str, ...] | None:
    """Whose given name an address's local part spells when it is not ``f``'s own: the
    records linked to ``f`` of the names it spells (``ana.ruiz@`` for Leo Ruiz, linked to
    Ana), or ``()`` for a known given name no linked record holds (``jose.ruiz@`` for Ana
    Ruiz); ``None`` when it spells ``f``'s own name (or a nickname of it), or none."""
    local = address.rpartition("@")[0].casefold()
    words = [strip_diacritics(w) for w in re.findall(r"[^\W\d_]+", local)]
    letters = "".join(words)
    own = name_words(f.name.given)
    if any(_spells(letters, words, w) for w in own):
        return None
    named: dict[str, list[str]] = {}
    for other in linked:
        g = facts.get(other)
        if g is None:
            continue
        first = name_words(g.name.given)[:1]
        if first and _spells(letters, words, first[0]):
            named.setdefault(first[0], []).append(other)
    if named:
        # (two family members' names, `anajose@`: a family address, theirs, not this one's)
        return tuple(sorted(sid for holders in named.values() for sid in holders))
    for word in words:
        if len(word) >= 3 and known_given_name(word):
            as_given = PersonName(given=word, family=f.name.family)
            if compare_names(as_given, f.name, policy=policy).given is NameDifference.DIFFERENT:
                return ()  # another person's given name (`jose.ruiz@` for Ana)
    return None


def facts_for(user: User, policy: Policy) -> RecordFacts:
    """Normalize one user's identity fields under ``policy`` (one-off; a matching run uses
    a :class:`FactsBuilder`)."""
    return FactsBuilder(policy)(user)


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
