"""Pure domain models for OneRoster users, roles and orgs (1.1 and 1.2).

These classes do no I/O and no parsing: readers build them through named
constructors, so a 1.1 row with ``role``/``orgSourcedIds`` and a 1.2 row with a
``roles.csv`` entry produce equal :class:`User` objects for the same person.
"""

from __future__ import annotations

import abc
import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from operator import attrgetter
from types import MappingProxyType
from typing import Any, overload

import attrs

from oneroster_identity._memo import run_dict
from oneroster_identity._sequence import sequence_eq
from oneroster_identity._usage import describe
from oneroster_identity.diagnostics import Diagnostic
from oneroster_identity.errors import UsageError

__all__ = [
    "USER_COLUMNS",
    "Org",
    "Provenance",
    "Role",
    "RoleAssignment",
    "RoleChange",
    "RoleFamily",
    "RoleType",
    "Roster",
    "SortedUsers",
    "Status",
    "User",
    "UserId",
    "families_of",
    "is_multi_role",
    "user_columns",
]

USER_COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        "username": "username",
        "givenName": "given_name",
        "familyName": "family_name",
        "middleName": "middle_name",
        "preferredFirstName": "preferred_given_name",
        "preferredGivenName": "preferred_given_name",
        "preferredMiddleName": "preferred_middle_name",
        "preferredLastName": "preferred_family_name",
        "preferredFamilyName": "preferred_family_name",
        "pronouns": "pronouns",
        "identifier": "identifier",
        "email": "email",
        "sms": "sms",
        "phone": "phone",
        "userMasterIdentifier": "user_master_identifier",
    }
)
"""The OneRoster user columns that hold one string, and the :class:`User` attribute each
is read into (1.1's and 1.2's names for the preferred names): what the REST reader reads
and what :func:`~oneroster_identity.advice.apply_fixes` may set."""


class RoleFamily(enum.Enum):
    """How the messaging app treats a role: staff, guardian or student."""

    __hash__ = object.__hash__  # members are singletons; 2x faster than Enum's

    STAFF = "staff"
    GUARDIAN = "guardian"
    STUDENT = "student"
    UNKNOWN = "unknown"


def is_multi_role(families: frozenset[RoleFamily]) -> bool:
    """Whether a set of role families makes a multi-role person (a teacher who is also a
    parent): two or more known families. The one rule for persons, summaries and reports."""
    return len(families - {RoleFamily.UNKNOWN}) > 1


class Role(enum.Enum):
    """Every role value of OneRoster 1.1 and 1.2, with its :class:`RoleFamily`.

    1.1 has administrator, aide, guardian, parent, proctor, relative, student and
    teacher; 1.2 adds counselor, districtAdministrator, principal,
    siteAdministrator and systemAdministrator. The app processes parent, guardian
    and relative alike, and teacher, aide and proctor alike; administrators are staff.
    """

    __hash__ = object.__hash__  # members are singletons; 2x faster than Enum's

    ADMINISTRATOR = "administrator"
    AIDE = "aide"
    COUNSELOR = "counselor"
    DISTRICT_ADMINISTRATOR = "districtAdministrator"
    GUARDIAN = "guardian"
    PARENT = "parent"
    PRINCIPAL = "principal"
    PROCTOR = "proctor"
    RELATIVE = "relative"
    SITE_ADMINISTRATOR = "siteAdministrator"
    STUDENT = "student"
    SYSTEM_ADMINISTRATOR = "systemAdministrator"
    TEACHER = "teacher"

    @property
    def family(self) -> RoleFamily:
        """The family the app processes this role in."""
        if self in (Role.GUARDIAN, Role.PARENT, Role.RELATIVE):
            return RoleFamily.GUARDIAN
        if self is Role.STUDENT:
            return RoleFamily.STUDENT
        return RoleFamily.STAFF

    @classmethod
    def parse(cls, value: str) -> Role | None:
        """The role for a OneRoster value, case-insensitively; ``None`` when unknown."""
        return _ROLE_BY_FOLDED.get(value.strip().casefold())


_ROLE_BY_FOLDED: Mapping[str, Role] = MappingProxyType({r.value.casefold(): r for r in Role})


class RoleType(enum.Enum):
    """OneRoster 1.2 ``roleType``; 1.1 roles are all primary."""

    PRIMARY = "primary"
    SECONDARY = "secondary"


class Status(enum.Enum):
    """Record status. ``tobedeleted`` appears in delta files and retires a record;
    ``inactive`` (OneRoster 1.0) is read the same way."""

    ACTIVE = "active"
    TO_BE_DELETED = "tobedeleted"
    INACTIVE = "inactive"


@attrs.frozen(kw_only=True)
class Provenance:
    """The file and 1-based line (or JSON path) a record was read from."""

    file: str
    line: int | None = None
    path: str | None = None

    def format(self) -> str:
        """``users.csv:12`` or ``users.json $.users[4]``."""
        text = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{text} {self.path}" if self.path else text


@attrs.frozen(kw_only=True)
class UserId:
    """One entry of ``userIds``: an identifier in another system (``{LDAP:12}``)."""

    type: str
    identifier: str


def _known_role(value: Role | None) -> Role | None:
    """A :class:`Role` or ``None``; a string is refused here, when the assignment is made,
    since a user holding it could not tell its role's family."""
    if value is None or isinstance(value, Role):
        return value
    raise UsageError(
        f"RoleAssignment(role=...) takes a Role (Role('parent') reads the OneRoster word) "
        f"or None for a value outside the vocabulary, not {describe(value)}"
    )


@attrs.frozen(kw_only=True)
class RoleAssignment:
    """A role a user holds at an org.

    ``role`` is ``None`` when the file carried a value outside the OneRoster
    vocabulary; ``role_raw`` keeps what was written so it can be reported.
    """

    role: Role | None = attrs.field(converter=_known_role)
    role_raw: str
    org_sourced_id: str | None = None
    role_type: RoleType = RoleType.PRIMARY
    begin_date: dt.date | None = None
    end_date: dt.date | None = None
    user_profile: str | None = None

    @property
    def family(self) -> RoleFamily:
        """The role's family, ``UNKNOWN`` for values outside the vocabulary."""
        return RoleFamily.UNKNOWN if self.role is None else self.role.family


@attrs.frozen(kw_only=True)
class Org:
    """An org (district, school, department...) from orgs.csv or the REST API."""

    sourced_id: str
    name: str = ""
    type: str = ""
    identifier: str = ""
    parent_sourced_id: str | None = None
    status: Status = Status.ACTIVE
    provenance: Provenance | None = attrs.field(default=None, eq=False)


_FAMILY_SETS: dict[frozenset[RoleFamily], frozenset[RoleFamily]] = {}
"""One shared frozenset per combination of role families (a frozenset costs 216 bytes;
a roster has a million users). Bounded: there are at most 2**4 combinations."""


_MAX_ROLE_TUPLES = 1024
_FAMILIES_OF_ROLES: dict[int, tuple[tuple[RoleAssignment, ...], frozenset[RoleFamily]]] = run_dict(
    {}
)
"""The family set of a role tuple, by the tuple's identity: readers share one role tuple
between the users holding equal roles, so a million users have a few hundred tuples and
the set is computed once per tuple (0.8 us a user otherwise). The entry holds the tuple,
so its id cannot be reused while cached; bounded (cleared when full, and when the last
run ends: ``_memo``)."""


def _tuple(value: Iterable[str]) -> tuple[str, ...]:
    """``value`` as a tuple; one string is refused, since its letters are no list of
    sourcedIds or grades (``"g1"`` would link ``g`` and ``1``)."""
    if isinstance(value, str):
        raise UsageError(
            "a tuple of values was expected, not one str: ('g1',) for one, or "
            "tuple(text.split(',')) for a list written in one string"
        )
    return tuple(value)


def families_of(roles: tuple[RoleAssignment, ...]) -> frozenset[RoleFamily]:
    """The role families of a tuple of assignments (``User.families``): one shared
    frozenset per combination, computed once per shared role tuple."""
    hit = _FAMILIES_OF_ROLES.get(id(roles))
    if hit is not None and hit[0] is roles:
        return hit[1]
    try:
        key = frozenset([r.family for r in roles])
    except AttributeError:
        raise UsageError(
            f"User(roles=...) takes a tuple of RoleAssignment objects, not {describe(roles)}"
            + ("" if isinstance(roles, str) else " holding something else")
        ) from None
    found = _FAMILY_SETS.setdefault(key, key)
    if len(_FAMILIES_OF_ROLES) >= _MAX_ROLE_TUPLES:
        _FAMILIES_OF_ROLES.clear()
    _FAMILIES_OF_ROLES[id(roles)] = (roles, found)
    return found


@attrs.frozen(kw_only=True)
class User:
    """A OneRoster user with every 1.1 and 1.2 field except the password.

    The password column is read (so that a row with one is not an error) and
    dropped immediately: it is never kept, shown or written. ``provenance`` and
    ``extensions`` take no part in equality, so the same person read from a 1.1
    and a 1.2 file compares equal.
    """

    sourced_id: str
    given_name: str = ""
    family_name: str = ""
    middle_name: str = ""
    preferred_given_name: str = ""
    preferred_middle_name: str = ""
    preferred_family_name: str = ""
    pronouns: str = ""
    status: Status = Status.ACTIVE
    date_last_modified: dt.datetime | None = None
    enabled_user: bool | None = None
    roles: tuple[RoleAssignment, ...] = ()
    primary_org_sourced_id: str | None = None
    username: str = ""
    user_ids: tuple[UserId, ...] = ()
    identifier: str = ""
    email: str = ""
    sms: str = ""
    phone: str = ""
    agent_sourced_ids: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    grades: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    user_master_identifier: str = ""
    birth_date: dt.date | None = None
    """From demographics.csv (``birthDate``) when the export has it."""
    sex: str = ""
    """From demographics.csv (``sex``) when the export has it, as written."""
    provenance: Provenance | None = attrs.field(default=None, eq=False)
    extensions: tuple[tuple[str, str], ...] = attrs.field(default=(), eq=False)
    families: frozenset[RoleFamily] = attrs.field(init=False, eq=False, repr=False)
    """Every role family this user holds (computed from ``roles``)."""

    @families.default
    def _families(self) -> frozenset[RoleFamily]:
        return families_of(self.roles)

    @property
    def primary_family(self) -> RoleFamily:
        """The family used to describe the record: staff > guardian > student > unknown."""
        families = self.families
        for family in (RoleFamily.STAFF, RoleFamily.GUARDIAN, RoleFamily.STUDENT):
            if family in families:
                return family
        return RoleFamily.UNKNOWN

    @property
    def org_sourced_ids(self) -> tuple[str, ...]:
        """The orgs of the user's roles, in order, without repeats."""
        return tuple(dict.fromkeys(r.org_sourced_id for r in self.roles if r.org_sourced_id))

    @property
    def is_active(self) -> bool:
        """False for records marked ``tobedeleted`` (a delta file) or ``inactive`` (the
        OneRoster 1.0 value that 1.1 consumers treat as ``tobedeleted``)."""
        return self.status is Status.ACTIVE

    @property
    def display_name(self) -> str:
        """``Given Family`` as written in the roster."""
        return " ".join(p for p in (self.given_name, self.family_name) if p)


@attrs.frozen(kw_only=True)
class RoleChange:
    """One roles.csv row of a 1.2 delta: a role added to (or removed from) a user."""

    user_sourced_id: str
    assignment: RoleAssignment
    removed: bool = False
    """``tobedeleted``: the assignment is taken away from the user."""
    line: int | None = None


class SortedUsers(Sequence[User], abc.ABC):
    """Users already sorted by sourcedId, kept by :class:`Roster` as they are.

    A reader of a million-user export keeps its users as columns and builds a
    :class:`User` only when one is asked for (``roster.users[i]``, iterating), so that
    the roster holds no object per user; whole-roster passes read the columns through
    :func:`user_columns`. A sequence compares equal to any sequence of equal users.
    """

    __slots__ = ()

    @abc.abstractmethod
    def column(self, name: str) -> Iterable[Any]:
        """``User.<name>`` for every user, in order: a field (or ``families``) without
        building users; any other attribute (a property) from built users."""

    @abc.abstractmethod
    def index_of(self, sourced_id: str) -> int | None:
        """The position of the user with this sourcedId, or ``None``."""

    def by_id(self) -> Mapping[str, User]:
        """sourcedId -> user, found by :meth:`index_of` and built when read (no dict of a
        million users); ``in`` answers whether a sourcedId is a user's."""
        return _UsersById(self)

    @overload
    def __getitem__(self, index: int) -> User: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[User]: ...
    def __getitem__(self, index: int | slice) -> User | Sequence[User]:
        if isinstance(index, slice):
            return tuple(self.build(i) for i in range(*index.indices(len(self))))
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError("user index out of range")
        return self.build(index)

    @abc.abstractmethod
    def build(self, index: int) -> User:
        """The user at ``index`` (0 <= index < len), built from the columns."""

    @abc.abstractmethod
    def value(self, index: int, name: str) -> Any:
        """``User.<name>`` of the user at ``index``: a field without building the user."""

    def __eq__(self, other: object) -> bool:
        return sequence_eq(self, other)  # type: ignore[no-any-return]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {len(self)} users>"


def user_columns(users: Sequence[User], *names: str) -> Iterator[tuple[Any, ...]]:
    """``(user.<name>, ...)`` for every user, in order: read from the columns of a
    :class:`SortedUsers` without building its users, or from the objects of any other
    sequence. The one way whole-roster passes read users."""
    if isinstance(users, SortedUsers):
        return zip(*(users.column(n) for n in names), strict=True)
    if len(names) == 1:
        return ((v,) for v in map(attrgetter(names[0]), users))
    return map(attrgetter(*names), users)


def _freeze_users(users: Iterable[User]) -> Sequence[User]:
    """A reader's :class:`SortedUsers` as they are; users a program put together checked
    and sorted by sourcedId (:mod:`oneroster_identity._roster_checks`)."""
    if isinstance(users, SortedUsers):
        return users
    from oneroster_identity._roster_checks import checked_users  # (it imports this module)

    return checked_users(users)


def _freeze_orgs(orgs: Iterable[Org]) -> tuple[Org, ...]:
    from oneroster_identity._roster_checks import checked_orgs  # (it imports this module)

    return checked_orgs(orgs)


@attrs.frozen(kw_only=True, eq=False)
class Roster:
    """A whole roster: users and orgs sorted by sourcedId, links, version and diagnostics.

    Users are kept sorted by ``sourced_id`` so that everything computed from a
    roster is independent of the order rows came in.
    """

    users: Sequence[User] = attrs.field(converter=_freeze_users)
    """Sorted by sourcedId: a tuple, or for a CSV export a :class:`SortedUsers` sequence
    that builds each :class:`User` when asked for it."""
    orgs: tuple[Org, ...] = attrs.field(default=(), converter=_freeze_orgs)
    version: str = "1.1"
    source: str = ""
    diagnostics: tuple[Diagnostic, ...] = ()
    rejected_rows: int = 0
    repeated_rows: int = 0
    """Of :attr:`rejected_rows`, user rows that repeat an earlier row of their sourcedId
    with nothing of the user lost: word for word (files joined, a page fetched twice;
    since session 55), or in a CSV export but for ``agentSourcedIds``, whose links are read
    into the earlier row (one guardian listed once per child; since session 56)."""
    delta: bool = False
    """The export is a OneRoster *delta* (manifest ``file.users`` or ``file.roles`` is
    ``delta``): changed rows only, to apply to a base roster (``read_roster(delta,
    base=...)``), not a whole district."""
    role_changes: tuple[RoleChange, ...] = ()
    """A 1.2 delta's roles.csv rows, additions and deletions, applied to the base users'
    roles (roles are entities of their own in 1.2)."""
    enrollment_counts: Mapping[str, int] | None = None
    """Student sourcedId -> the class enrollments the export gives it (``enrollments.csv``
    rows, or REST ``{"enrollments": [...]}`` pages, of role ``student`` that are not
    ``tobedeleted``); students with none are absent. ``None`` when the export carries no
    enrollments (exports made for a messaging app often leave them out) or is a delta. Read
    only to say which record of a student entered twice the school uses; never evidence."""

    def __attrs_post_init__(self) -> None:
        # A reader reports broken links as it reads (its users are a SortedUsers); users
        # a program put together are checked here, so both rosters say the same. Link
        # diagnostics given with them (a reader's roster rebuilt with other users) are
        # recomputed, never kept stale or doubled.
        if isinstance(self.users, SortedUsers):
            return
        from oneroster_identity._roster_checks import LINK_CODES, link_diagnostics

        kept = [d for d in self.diagnostics if d.code not in LINK_CODES]
        found = link_diagnostics(self.users, self.users_by_id)
        if found or len(kept) != len(self.diagnostics):
            merged = tuple(sorted((*kept, *found), key=Diagnostic.sort_key))
            object.__setattr__(self, "diagnostics", merged)

    @cached_property
    def users_by_id(self) -> Mapping[str, User]:
        """Users keyed by sourcedId (for a :class:`SortedUsers` roster, a view that builds
        the user asked for)."""
        users = self.users
        if isinstance(users, SortedUsers):
            return users.by_id()
        return MappingProxyType({u.sourced_id: u for u in users})

    @cached_property
    def orgs_by_id(self) -> Mapping[str, Org]:
        """Orgs keyed by sourcedId."""
        return MappingProxyType({o.sourced_id: o for o in self.orgs})

    @cached_property
    def students_of(self) -> Mapping[str, tuple[str, ...]]:
        """Guardian sourcedId -> the students it is linked to, from either side's agents.

        OneRoster lets either side carry the link: a student lists its guardians in
        ``agentSourcedIds`` and a guardian may list its students. Both are merged.
        """
        return self._links[0]

    @cached_property
    def guardians_of(self) -> Mapping[str, tuple[str, ...]]:
        """Student sourcedId -> the guardians linked to it, from either side's agents."""
        return self._links[1]

    @property
    def same_kind_links(self) -> tuple[tuple[str, str], ...]:
        """``(user, agent)`` pairs, in roster order, whose two users are both students or
        both not (a student listing a student, a teacher listing a teacher; since session
        53). OneRoster's agents link a student and its guardians, so neither map above
        holds these, and the matcher reads no family from them; the finding
        ``agent-same-kind`` names each rather than dropping it unsaid. A user listed
        among its own agents is not here (the reader's ``agent-self`` says so), nor a
        link to or from a user with no role (``no-role``: neither a student nor an
        adult)."""
        return self._links[2]

    @cached_property
    def _links(
        self,
    ) -> tuple[
        Mapping[str, tuple[str, ...]],
        Mapping[str, tuple[str, ...]],
        tuple[tuple[str, str], ...],
    ]:
        # Only whether each user is a student matters here: one dict of that (None: no
        # such user) is lighter than users_by_id, which is built only when asked for.
        student = RoleFamily.STUDENT
        is_student_of = {
            sid: student in families
            for sid, families in user_columns(self.users, "sourced_id", "families")
        }
        students: dict[str, list[str]] = {}
        # A student's guardians start as its own agents tuple when every agent is a
        # guardian of the roster (the usual export): the frozen map keeps that tuple
        # rather than a copy of it, one tuple less per student.
        guardians: dict[str, list[str] | tuple[str, ...]] = {}
        same_kind: list[tuple[str, str]] = []
        for own_id, agents in user_columns(self.users, "sourced_id", "agent_sourced_ids"):
            if not agents:
                continue
            is_student = is_student_of[own_id]
            linked = 0
            for agent_id in agents:
                agent_is_student = is_student_of.get(agent_id)
                if agent_is_student is None:
                    continue
                if agent_is_student == is_student:
                    if agent_id != own_id:
                        same_kind.append((own_id, agent_id))
                    continue
                linked += 1
                if is_student:
                    students.setdefault(agent_id, []).append(own_id)
                else:
                    students.setdefault(own_id, []).append(agent_id)
                    _append(guardians, agent_id, own_id)
            if is_student and linked:
                have = guardians.get(own_id)
                if have is None and linked == len(agents):
                    guardians[own_id] = agents
                else:
                    for agent_id in agents:
                        agent_is_student = is_student_of.get(agent_id)
                        if agent_is_student is not None and not agent_is_student:
                            _append(guardians, own_id, agent_id)
        del is_student_of
        if same_kind:
            # A user with no role is no student to the links above; it is no adult either,
            # and its own warning (no-role) says what is wrong with it.
            by_id = self.users_by_id
            same_kind = [
                (own_id, agent_id)
                for own_id, agent_id in same_kind
                if by_id[own_id].families - _UNKNOWN_ONLY
                and by_id[agent_id].families - _UNKNOWN_ONLY
            ]

        def frozen(
            links: Mapping[str, list[str] | tuple[str, ...]],
        ) -> Mapping[str, tuple[str, ...]]:
            # Either side may list the link, so a pair can appear twice: dedupe, sort. The
            # keys keep the order of the (sorted) users that made them: deterministic
            # without sorting half a million ids again.
            return MappingProxyType({k: _sorted_unique(v) for k, v in links.items()})

        return frozen(students), frozen(guardians), tuple(same_kind)

    def __len__(self) -> int:
        return len(self.users)


_UNKNOWN_ONLY = frozenset({RoleFamily.UNKNOWN})


class _UsersById(Mapping[str, User]):
    """sourcedId -> user over a :class:`SortedUsers`, found by binary search."""

    __slots__ = ("_users",)

    def __init__(self, users: SortedUsers) -> None:
        self._users = users

    def __getitem__(self, sourced_id: str) -> User:
        index = self._users.index_of(sourced_id)
        if index is None:
            raise KeyError(sourced_id)
        return self._users.build(index)

    def __contains__(self, sourced_id: object) -> bool:
        return isinstance(sourced_id, str) and self._users.index_of(sourced_id) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._users.column("sourced_id"))

    def __len__(self) -> int:
        return len(self._users)


def _append(links: dict[str, list[str] | tuple[str, ...]], key: str, value: str) -> None:
    have = links.get(key)
    if have is None:
        links[key] = [value]
    elif isinstance(have, tuple):
        links[key] = [*have, value]
    else:
        have.append(value)


def _sorted_unique(ids: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """``ids`` sorted without repeats; a tuple already so is returned as it is."""
    if len(ids) == 1:
        return ids if isinstance(ids, tuple) else (ids[0],)
    out = tuple(sorted(set(ids)))
    return ids if isinstance(ids, tuple) and out == ids else out
