"""Per-record facts the matcher needs: normalized name, email and identity phone."""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence, ValuesView
from functools import partial
from operator import attrgetter
from typing import Any

import attrs

from oneroster_identity._slots import slot_builder
from oneroster_identity.match._contacts import email_in_phone_column, email_in_username, whose
from oneroster_identity.models import RoleFamily, SortedUsers, Status, User, user_columns
from oneroster_identity.normalize import (
    NormalizedEmail,
    NormalizedPhone,
    PersonName,
    normalize_email,
    normalize_phone,
)
from oneroster_identity.normalize._grades import grade_level
from oneroster_identity.normalize._names import name_key
from oneroster_identity.policy import Policy

__all__ = [
    "GUARDIAN_ONLY",
    "PHONE_COLUMNS",
    "STAFF_ONLY",
    "STUDENT_ONLY",
    "FactsBuilder",
    "NameKeys",
    "OutOfGrade",
    "RecordFacts",
    "UnrealBirthDates",
    "crowded_birth_dates",
    "export_day",
    "facts_for",
    "forget_out_of_grade_birth_dates",
    "forget_unreal_birth_dates",
    "is_stand_in_birth_date",
    "only_family",
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


def export_day(users: Sequence[User], policy: Policy) -> dt.date | None:
    """The day a roster's birth dates are checked against (``Policy.export_date``): the
    policy's, else the newest ``dateLastModified`` of ``users`` (the export was made that
    day or later, and no record is changed before its person is born), else ``None``."""
    if policy.export_date is not None:
        return policy.export_date
    days = {m for (m,) in user_columns(users, "date_last_modified") if m}  # few distinct
    if not days:
        return None
    newest = max(_as_utc(m) for m in days)
    # the calendar day it already was somewhere then (UTC+14): a birth date is a local day
    return (newest + _LATEST_OFFSET).date()


def _as_utc(moment: dt.datetime) -> dt.datetime:
    """An aware moment in UTC (a naive one, as an API caller may build, read as UTC)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


_LATEST_OFFSET = dt.timedelta(hours=14)
"""The farthest any time zone is ahead of UTC (Kiribati's Line Islands)."""


def crowded_birth_dates(dates: Iterable[dt.date | None]) -> dict[dt.date, int]:
    """Birth dates held by far more records than are born on one day: date -> records.

    An SIS that fills an unknown birth date with a day of its own (the first day of
    school, the day of an import) puts it on tens or hundreds of students, and namesakes
    among them would look born the same day, "one child entered twice". January 1st and
    years before 1950 are caught by :func:`is_stand_in_birth_date`; any other day is only
    told apart by its count. A day's count is compared with the births per day around it:
    the month before it or the month after it, whichever holds more (a roster's dates end
    where its youngest and oldest cohorts do, so one side of a day near either end is
    empty; the day itself is left out). A day holding more than half again that rate
    and more than the rate plus six of its standard deviations (the Poisson tail past
    that is below one in a billion; weekdays and seasons swing real births by far less
    than half), and ten more, is crowded: twins and triplets, and a small roster's few
    records of one day (a test's, a class of twins), stay under that; a district's
    fill-in does not.

    >>> days = [dt.date(2015, 3, 1) + dt.timedelta(days=i % 300) for i in range(600)]
    >>> crowded_birth_dates(days + [dt.date(2015, 9, 1)] * 40)
    {datetime.date(2015, 9, 1): 42}
    >>> crowded_birth_dates(days + [dt.date(2015, 9, 1)] * 8)
    {}
    """
    return _crowded_days(Counter(d for d in dates if d is not None))


def _crowded_days(on_day: Mapping[dt.date, int]) -> dict[dt.date, int]:
    """:func:`crowded_birth_dates` of the records per day."""
    if not on_day:
        return {}
    days = sorted(on_day)
    ordinals = [d.toordinal() for d in days]
    running = [0]  # running[i]: the records of days[:i]
    for day in days:
        running.append(running[-1] + on_day[day])
    crowded: dict[dt.date, int] = {}
    for i, day in enumerate(days):
        count = on_day[day]
        if count < _MORE:  # under the least count that can be crowded: most days
            continue
        n = ordinals[i]
        before = running[i] - running[bisect_left(ordinals, n - _AROUND)]
        after = running[bisect_right(ordinals, n + _AROUND)] - running[i + 1]
        rate = max(before, after) / _AROUND
        if count >= max(1.5 * rate, rate + 6 * math.sqrt(rate)) + _MORE:
            crowded[day] = count
    return crowded


_AROUND = 30
"""The days on each side of a birth date whose births give the rate it is compared with."""
_MORE = 10
"""Records a crowded day holds beyond what the rate around it explains."""


@attrs.frozen
class UnrealBirthDates:
    """The birth dates a run reads as none (:func:`forget_unreal_birth_dates`)."""

    crowded: dict[dt.date, list[str]]
    """Each :func:`crowded_birth_dates` date with its records, by sourcedId."""
    late: list[tuple[str, dt.date]]
    """Each record whose date is after the day of the export, with the date, by sourcedId."""
    day: dt.date | None
    """The day checked against; ``None`` when none was (no day, or one not trusted)."""
    untrusted: int = 0
    """Records dated after a day read off the export that were too many to be slips
    (:data:`MOST_LATE`): the day, not their dates, is wrong, and ``day`` is ``None``."""


MOST_LATE = 100
"""Of the dated records, at most one in this many (and ten more) may be after a day read
off the export for the day to be trusted: slips are rare, while an export whose
``dateLastModified`` is no day of change (a creation date, a constant) puts whole
cohorts after it."""


def forget_unreal_birth_dates(
    facts: dict[str, RecordFacts], day: dt.date | None, *, given: bool = False
) -> UnrealBirthDates:
    """Take the birth dates that are no one's out of a run's ``facts`` (no evidence, as a
    stand-in date is not; the user keeps the date) and return them:

    - each :func:`crowded_birth_dates` date with its records;
    - each record whose date is after ``day`` (:func:`export_day`; nothing when ``None``):
      no one on the roster is born after the export, so the date is a slip (``2051`` for
      ``2015``) or another date typed into the field, and it says neither that two
      records are one child nor that they are two. A crowded day after ``day`` is
      listed as crowded. A ``day`` read off the export (not ``given`` by the policy) that
      more than one in :data:`MOST_LATE` of the dated records (and ten) are after is no
      day of the export: nothing is taken for it.

    One pass over the facts when no date is crowded or late (the days are told apart by
    their counts)."""
    on_day = Counter(b for f in facts.values() if (b := f.birth_date) is not None)
    crowded = _crowded_days(on_day)
    late = set() if day is None else {d for d in on_day if d > day and d not in crowded}
    after = sum(on_day[d] for d in late)
    untrusted = 0
    if not given and after > 10 + on_day.total() // MOST_LATE:
        late, untrusted, day = set(), after, None
    holders: dict[dt.date, list[str]] = {d: [] for d in crowded}
    born_late: list[tuple[str, dt.date]] = []
    if crowded or late:
        for sid, f in facts.items():
            born = f.birth_date
            if born in holders:
                holders[born].append(sid)
            elif born in late:
                born_late.append((sid, born))
            else:
                continue
            facts[sid] = attrs.evolve(f, birth_date=None)
    return UnrealBirthDates(
        crowded={d: sorted(sids) for d, sids in holders.items()},
        late=sorted(born_late),
        day=day,
        untrusted=untrusted,
    )


@attrs.frozen
class OutOfGrade:
    """A record whose birth date is far from those of its grade
    (:func:`forget_out_of_grade_birth_dates`)."""

    sourced_id: str
    birth_date: dt.date
    grade: int
    """The record's grade level (the lowest, for a record of several)."""
    middle: dt.date
    """The middle (median) birth date of the grade's other records."""


GRADE_SPREAD = dt.timedelta(days=5 * 365)
"""How far a birth date may lie from the middle birth date of its grade's records before
it is no evidence: a grade's children are born within about two years, and a child held
back twice, or a student of 21 in a twelfth grade, is within four of its middle; an
entry date (a kindergartner of one), a guardian's date (a third grader of forty) are
not."""
GRADE_SHARE = 20
"""A grade whose records lie that far from its middle more than one in this many times
(and ten) is read as no cohort (its code means something else there): none of its dates
is taken out."""
_LEAST_COHORT = 20
"""Records of one grade level needed to tell its middle birth date."""


def forget_out_of_grade_birth_dates(
    facts: dict[str, RecordFacts], users: Sequence[User], unreal: Container[dt.date] = ()
) -> list[OutOfGrade]:
    """Take out of a run's ``facts`` every birth date more than :data:`GRADE_SPREAD` from
    the middle birth date of its grade (kindergarten to twelfth; a grade of at least
    twenty dated records, read off the roster itself, so a district's own entry ages and
    cut-off days set it) and return them, by sourcedId. Such a date is another one typed
    into the field (the day the child entered school, a guardian's birth date) or a slip
    of the year, and says neither that two records are one child nor that they are two.
    The user keeps the date. A record of several grades is compared with the middles of
    its lowest and highest; a record in no grade, or one of pre-school, is not compared.
    Stand-in dates and the days in ``unreal`` (crowded, after the export: already no
    evidence) are left out.

    One counting pass over the users' grade and birth-date columns, the rest per distinct
    pair of them, and one more pass when some date is taken out."""
    spans: dict[tuple[str, ...], tuple[int, int] | None] = {}
    dated: Counter[tuple[tuple[int, int], dt.date]] = Counter()
    for (grades, born), n in Counter(user_columns(users, "grades", "birth_date")).items():
        if not grades or born is None or is_stand_in_birth_date(born) or born in unreal:
            continue
        if grades not in spans:
            spans[grades] = _level_span(grades)
        span = spans[grades]
        if span is not None:
            dated[span, born] += n
    middles = _middle_birth_dates(dated)
    far: dict[tuple[tuple[int, int], dt.date], dt.date] = {}
    counted: Counter[int] = Counter()
    of_level: Counter[int] = Counter()
    for (span, born), n in dated.items():
        of_level[span[0]] += n
        low, high = middles.get(span[0]), middles.get(span[1])
        if low is None or high is None:
            continue
        if born < min(low, high) - GRADE_SPREAD or born > max(low, high) + GRADE_SPREAD:
            far[span, born] = min(low, high) if born < min(low, high) else max(low, high)
            counted[span[0]] += n
    trusted = {level for level, n in counted.items() if n <= 10 + of_level[level] // GRADE_SHARE}
    far = {key: middle for key, middle in far.items() if key[0][0] in trusted}
    if not far:
        return []
    out: list[OutOfGrade] = []
    for sid, grades, born in user_columns(users, "sourced_id", "grades", "birth_date"):
        span = spans.get(grades) if grades and born is not None else None
        middle = None if span is None else far.get((span, born))
        f = None if middle is None else facts.get(sid)
        if f is not None and f.birth_date is not None and span is not None and middle is not None:
            out.append(OutOfGrade(sourced_id=sid, birth_date=born, grade=span[0], middle=middle))
            facts[sid] = attrs.evolve(f, birth_date=None)
    return out  # (in sourcedId order: the roster's)


def _level_span(grades: tuple[str, ...]) -> tuple[int, int] | None:
    """The lowest and highest kindergarten-to-twelfth level of ``grades``, or ``None``."""
    levels = [v for v in map(grade_level, grades) if v is not None and 0 <= v <= 12]
    return (min(levels), max(levels)) if levels else None


def _middle_birth_dates(dated: Mapping[tuple[tuple[int, int], dt.date], int]) -> dict[int, dt.date]:
    """Each grade level's middle (median) birth date, of its records of that one level,
    for a level of at least :data:`_LEAST_COHORT` of them."""
    by_level: dict[int, list[tuple[dt.date, int]]] = {}
    for (span, born), n in dated.items():
        if span[0] == span[1]:
            by_level.setdefault(span[0], []).append((born, n))
    middles: dict[int, dt.date] = {}
    for level, days in by_level.items():
        total = sum(n for _, n in days)
        if total < _LEAST_COHORT:
            continue
        days.sort()
        seen = 0
        for born, n in days:
            seen += n
            if 2 * seen >= total:
                middles[level] = born
                break
    return middles


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
    (:func:`is_stand_in_birth_date`) and, in a matching run, for a date on far more
    records than are born on one day (:func:`crowded_birth_dates`) or after the day of the
    export (:func:`export_day`), which the user keeps."""
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
