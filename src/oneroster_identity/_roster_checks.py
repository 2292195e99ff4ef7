"""Checks of the users a program puts together into a :class:`~oneroster_identity.Roster`.

A reader checks every value as it reads and reports a bad one as a located diagnostic;
a roster a program builds from :class:`~oneroster_identity.User` objects has had no such
reader. :class:`~oneroster_identity.Roster` runs these checks on it when it is made: a
value the matcher cannot read raises :class:`~oneroster_identity.errors.UsageError`
naming the user and the field (never the value: roster values are PII), and broken
links become the same warnings a reader gives (:func:`link_diagnostics`, which the
readers share).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Container, Iterable, Mapping, Sequence
from itertools import chain
from operator import attrgetter
from typing import Any

import attrs

from oneroster_identity._usage import Fields, describe, is_many, is_numpy_bool, require_fields
from oneroster_identity.diagnostics import Diagnostic, Location, Severity
from oneroster_identity.errors import UsageError
from oneroster_identity.models import (
    Org,
    Provenance,
    Role,
    RoleAssignment,
    RoleType,
    Status,
    User,
    UserId,
    user_columns,
)
from oneroster_identity.normalize import strip_invisible

__all__ = ["LINK_CODES", "checked_orgs", "checked_users", "link_diagnostics"]

_NO = type(None)
_TEXT_FIELDS = (
    "given_name",
    "family_name",
    "middle_name",
    "preferred_given_name",
    "preferred_middle_name",
    "preferred_family_name",
    "pronouns",
    "username",
    "identifier",
    "email",
    "sms",
    "phone",
    "user_master_identifier",
    "sex",
)
_USER_FIELDS: Fields = (
    *((name, (str,), "a str ('' for no value)") for name in _TEXT_FIELDS),
    ("status", (Status,), "a Status (Status('active') reads the OneRoster word)"),
    ("date_last_modified", (dt.datetime, _NO), "a datetime or None"),
    ("birth_date", (dt.date, _NO), "a date or None"),
    ("enabled_user", (bool, _NO), "True, False or None"),
    ("primary_org_sourced_id", (str, _NO), "a str or None"),
    ("provenance", (Provenance, _NO), "a Provenance or None"),
)
_TUPLE_FIELDS: tuple[tuple[str, type[Any], str], ...] = (
    ("roles", RoleAssignment, "RoleAssignment objects"),
    ("user_ids", UserId, "UserId objects"),
    ("agent_sourced_ids", str, "sourcedIds (str)"),
    ("grades", str, "grades (str)"),
    ("extensions", tuple, "(column, value) pairs"),
)
_ROLE_FIELDS: Fields = (
    ("role", (Role, _NO), "a Role, or None for a value outside the vocabulary"),
    ("role_raw", (str,), "a str (the role as written)"),
    ("org_sourced_id", (str, _NO), "a str or None"),
    ("role_type", (RoleType,), "a RoleType"),
    ("begin_date", (dt.date, _NO), "a date or None"),
    ("end_date", (dt.date, _NO), "a date or None"),
    ("user_profile", (str, _NO), "a str or None"),
)


def _exact(values: Iterable[Any], kinds: type[Any] | tuple[type[Any], ...]) -> bool:
    """Whether every value's type is one of ``kinds`` exactly (a C-level pass; a subclass,
    a pandas ``Timestamp`` for a ``datetime``, fails here and is judged by ``isinstance``
    in :func:`_check_user`)."""
    return set(map(type, values)).issubset(kinds if isinstance(kinds, tuple) else (kinds,))


def _plainly_users(users: list[Any]) -> bool:
    """Whether every item is a :class:`User` whose fields all hold their exact types,
    checked one field at a time over all users: about 2.5 µs a user, a little more than
    building it costs (a user-by-user check took 3.8 µs). Only rosters a program builds
    pay it; a reader's columns are never checked again."""
    if not _exact(users, (User,)):
        return False
    sids = list(map(attrgetter("sourced_id"), users))
    if not (_exact(sids, (str,)) and all(map(str.strip, sids))):
        return False
    for name, kinds, _ in _USER_FIELDS:
        if not _exact(map(attrgetter(name), users), kinds):
            return False
    for name, kind, _ in _TUPLE_FIELDS:
        tuples = list(map(attrgetter(name), users))
        if not (_exact(tuples, (tuple,)) and _exact(chain.from_iterable(tuples), (kind,))):
            return False
    # roles are shared between users: each assignment object once
    assignments = {id(a): a for u in users for a in u.roles}.values()
    return all(_exact(map(attrgetter(name), assignments), kinds) for name, kinds, _ in _ROLE_FIELDS)


def _check_user(user: object, position: int) -> None:
    """Check that ``user``, the item at ``position`` of a roster a program built, holds in
    every field what the matcher reads there; anything else is a :class:`UsageError`
    naming the user and the field (never the value: roster values are PII). The readers
    never build a roster this way: they report bad values as located diagnostics."""
    if not isinstance(user, User):
        hint = (
            " (read_rest_users({'users': [...]}) reads OneRoster REST user objects)"
            if isinstance(user, Mapping)
            else ""
        )
        raise UsageError(f"a Roster holds User objects; item {position} is {describe(user)}{hint}")
    sid = user.sourced_id
    if not isinstance(sid, str) or not sid.strip():
        raise UsageError(
            f"user {position}: sourced_id takes a non-empty str, "
            f"not {'a blank str' if isinstance(sid, str) else describe(sid)}"
        )
    where = f"user {sid!r} (item {position})"
    require_fields(user, _USER_FIELDS, f"{where}: ")
    for name, kind, takes in _TUPLE_FIELDS:
        values = getattr(user, name)
        if not isinstance(values, tuple):
            raise UsageError(f"{where}: {name} takes a tuple of {takes}, not {describe(values)}")
        for value in values:
            if not isinstance(value, kind):
                raise UsageError(
                    f"{where}: {name} takes a tuple of {takes}; one is {describe(value)}"
                )
    for role in user.roles:
        require_fields(role, _ROLE_FIELDS, f"{where}: a role's ")


def checked_users(users: Iterable[object]) -> tuple[User, ...]:
    """The users a program put together, checked, sorted by sourcedId: a wrong value
    would otherwise fail deep inside the matcher or, worse, quietly count wrong (a
    ``"active"`` status string is no :class:`Status`, and a second user of one sourcedId
    would replace the first)."""
    if not is_many(users):
        raise UsageError(f"Roster(users=...) takes User objects, not {describe(users)}")
    listed: list[Any] = list(users)
    if not _plainly_users(listed):
        for position, user in enumerate(listed):
            if isinstance(user, User) and is_numpy_bool(user.enabled_user):
                # a DataFrame's boolean cell, taken as Python's (as a policy switch is)
                user = listed[position] = attrs.evolve(user, enabled_user=bool(user.enabled_user))
            _check_user(user, position)
    ids = [u.sourced_id for u in listed]
    if len(set(ids)) != len(ids):
        first: dict[str, int] = {}
        for position, sid in enumerate(ids):
            if sid in first:
                raise UsageError(
                    f"users {first[sid]} and {position} have one sourcedId, {sid!r}: a "
                    "sourcedId names one record (a reader keeps the first and reports the "
                    "second)"
                )
            first[sid] = position
    return tuple(sorted(listed, key=attrgetter("sourced_id")))


def checked_orgs(orgs: Iterable[object]) -> tuple[Org, ...]:
    """The orgs a roster is given, checked, sorted by sourcedId."""
    if not is_many(orgs):
        raise UsageError(f"Roster(orgs=...) takes Org objects, not {describe(orgs)}")
    listed: list[Any] = list(orgs)
    for i, org in enumerate(listed):
        if not isinstance(org, Org) or not isinstance(org.sourced_id, str):
            raise UsageError(
                f"a Roster's orgs are Org objects with a str sourcedId; item {i} is not"
            )
    return tuple(sorted(listed, key=lambda o: o.sourced_id))


LINK_CODES = frozenset({"agent-missing-user", "agent-self", "no-role"})
"""The codes of :func:`link_diagnostics`, recomputed whenever users are put together."""


def link_diagnostics(users: Sequence[User], known: Container[str]) -> list[Diagnostic]:
    """Agents that point at no user or at the user itself, and users with no role, in
    roster order. ``known`` answers whether a sourcedId is a user's. The readers add these
    to a roster's diagnostics, and :class:`Roster` to a roster's a program built, so both
    say the same.

    A user listed among its own agents (``agent-self``; an adult student who is their own
    contact, exported as a link to the student itself) links no family: the matcher reads
    no household from it, and the warning says so rather than dropping it unsaid."""
    found: list[Diagnostic] = []
    flagged: list[tuple[int, list[str]]] = []
    for index, (own, agents, roles) in enumerate(
        user_columns(users, "sourced_id", "agent_sourced_ids", "roles")
    ):
        unknown = [a for a in agents if a not in known]
        if unknown or not roles or own in agents:
            flagged.append((index, unknown))
    if not flagged:
        return found
    # What the broken links are near is looked up for those links only, in one pass (and
    # none when only roles are missing).
    near = near_id_words(users, {a for _, unknown in flagged for a in unknown}, known)
    for index, unknown in flagged:
        # The user and its location are built only for a user with a problem (a few in
        # a million).
        user = users[index]
        own, agents = user.sourced_id, user.agent_sourced_ids
        for agent in unknown:
            found.append(
                _link_warning(
                    user,
                    "agent-missing-user",
                    "agentSourcedIds names a user that is not in the roster" + near[agent],
                    "agentSourcedIds",
                    agent,
                )
            )
        if own in agents:
            found.append(
                _link_warning(
                    user,
                    "agent-self",
                    "agentSourcedIds names the user itself (an adult student listed as their "
                    "own contact?); a link to oneself is no family link, and none is read "
                    "from it",
                    "agentSourcedIds",
                    own,
                )
            )
        if not user.roles:
            found.append(
                _link_warning(
                    user,
                    "no-role",
                    "user has no role; it cannot be classed as staff, guardian or student",
                    "role",
                )
            )
    return found


def near_id_words(
    users: Sequence[User], ids: Collection[str], known: Container[str]
) -> dict[str, str]:
    """For sourcedIds another file names and no user holds (a role's, a demographics
    row's, an enrollment's user): what to add to the message about each, when one user's
    sourcedId is it but for letter case, leading zeros or an invisible character, or it is
    one user's identifier, username, state ID or email (the words
    ``agent-missing-user`` has since session 52, for these since session 59); "" where
    nothing is. One pass over the users' id columns, for the roster's missing ids only."""
    if not ids:
        return {}
    near = _NearIds.of(users, ids)
    return {i: _near_id_words(i, near, known) for i in ids}


def _loose_id(sourced_id: str) -> str:
    """A sourcedId without letter case, leading zeros and invisible characters: the ways
    an export's columns come to write one id differently (an SIS that upper-cases one
    file's ids; a spreadsheet that reads a column of numbers and drops their leading
    zeros; a zero-width space or a byte order mark copied in with a value, since session
    55)."""
    return _visible(sourced_id).casefold().lstrip("0")


def _visible(sourced_id: str) -> str:
    """A sourcedId without invisible format characters (category Cf) and the spaces
    around it."""
    return strip_invisible(sourced_id).strip()


_OTHER_ID_COLUMNS = (
    ("identifier", "identifier"),
    ("username", "username"),
    ("user_master_identifier", "userMasterIdentifier"),
    ("email", "email"),
)
"""The columns an export may write into agentSourcedIds in place of the sourcedId (a
custom export that maps the SIS number, the login or the state ID)."""


@attrs.frozen
class _NearIds:
    """For the broken links of a roster only: the sourcedIds each link's
    :func:`_loose_id` is, and the (column, sourcedId) pairs whose value of one of
    :data:`_OTHER_ID_COLUMNS` the link is (casefolded). Built in one pass over those
    columns, only for a roster with a broken link, and holding entries for its links
    alone (a map of every user's values would cost a 1M roster hundreds of MB)."""

    loose: dict[str, set[str]]
    other: dict[str, list[tuple[str, str]]]

    @classmethod
    def of(cls, users: Sequence[User], agents: Iterable[str]) -> _NearIds:
        written = [a.strip() for a in agents]
        wanted = {a.casefold() for a in written}
        wanted_loose = {_loose_id(a) for a in wanted}
        sizes = {len(a) for a in written} | {len(a) for a in wanted}
        loose: dict[str, set[str]] = {}
        for (sid,) in user_columns(users, "sourced_id"):
            key = _loose_id(sid)
            if key in wanted_loose:
                loose.setdefault(key, set()).add(sid)
        other: dict[str, list[tuple[str, str]]] = {}
        for attr, column in _OTHER_ID_COLUMNS:
            for sid, value in user_columns(users, "sourced_id", attr):
                # (the length test first: a million casefolds for a handful of links)
                if value and len(value.strip()) in sizes:
                    key = value.strip().casefold()
                    if key in wanted:
                        other.setdefault(key, []).append((column, sid))
        return cls(loose, other)


_OTHER_SEPARATORS = re.compile(r"\s*[;|/]\s*|\s+")
"""What an export may join a list's values with instead of OneRoster's comma."""


def _joined_ids(agent: str, known: Container[str]) -> tuple[str, int] | None:
    """The separator and the number of ids when ``agent`` is two or more of the roster's
    sourcedIds joined by something other than a comma (``g1;g2``, ``g1|g2``, ``g1 g2``:
    an export that writes lists its own way), else ``None``."""
    text = agent.strip()
    separator = _OTHER_SEPARATORS.search(text)
    if separator is None:
        return None
    parts = _OTHER_SEPARATORS.split(text)
    if not all(p in known for p in parts):
        return None
    return separator.group().strip() or "a space", len(parts)


_ID_MARKS = "[]{}()\"'"
"""Brackets and quotes a program may print around ids: a JSON list (``["g1","g2"]``),
a set or a tuple."""


def _near_id_words(agent: str, near: _NearIds, known: Container[str]) -> str:
    """What to add to an ``agent-missing-user`` message when one user's sourcedId is the
    link's but for letter case or leading zeros (since session 52), or the link is
    several users' ids joined by another separator than a comma, or one user's
    identifier, username, state ID or email in place of its sourcedId (since session
    53): the link is broken all the same (sourcedIds are compared exactly and lists split
    at commas, by this check and by a sync), but the fix is the export's, not a missing
    record. Several such users say nothing."""
    joined = _joined_ids(agent, known)
    if joined is not None:
        separator, count = joined
        shown = separator if separator == "a space" else f"'{separator}'"
        return (
            f"; it is {count} users' sourcedIds joined by {shown}: OneRoster separates a "
            "list's values with commas, so the links are lost until the export does"
        )
    bare = agent.strip().strip(_ID_MARKS).strip()
    if bare != agent.strip() and bare in known:
        # (since session 55: a list written as JSON, ["g1","g2"], split at its commas)
        return (
            f"; it is user {bare}'s sourcedId with brackets or quotes around it (a list "
            "written as JSON, or ids as a program printed them): OneRoster writes a list's "
            "ids bare, separated by commas, so the link is lost until the export does"
        )
    held = near.loose.get(_loose_id(agent), set())
    if len(held) != 1:
        return _other_column_words(agent, near)
    (other,) = held
    seen, wanted = _visible(other), _visible(agent)
    ways = []
    if (seen, wanted) != (other, agent.strip()):
        ways.append(
            "an invisible character (a zero-width space or a byte order mark, copied in "
            "with the value)"
        )
    if seen.lstrip("0") != wanted.lstrip("0"):
        ways.append("letter case")
    if seen.casefold() != wanted.casefold():
        ways.append("leading zeros (a spreadsheet drops them from a column of numbers)")
    return (
        f"; one user's sourcedId differs from it only in {' and '.join(ways)}: sourcedIds "
        "are compared exactly, so the link is lost until the export writes the ids alike"
    )


def _other_column_words(agent: str, near: _NearIds) -> str:
    """The words for an agent that is one user's value of another column; "" when no
    user's, or several users', is."""
    entries = near.other.get(agent.strip().casefold(), [])
    users = {sid for _, sid in entries}
    if len(users) != 1:
        return ""
    (sid,) = users
    columns = " and ".join(sorted({column for column, _ in entries}))
    return (
        f"; it is the {columns} of user {sid}, not its sourcedId: agents name users by "
        "sourcedId, so the link is lost until the export writes the sourcedId"
    )


def _link_warning(
    user: User, code: str, message: str, column: str, value: str | None = None
) -> Diagnostic:
    """A warning at ``user``'s ``column``, located where the user was read; a user a
    program built was read from no file, and the location names the user instead."""
    prov = user.provenance
    location = (
        Location(file=prov.file, line=prov.line, column=column, path=prov.path)
        if prov
        else Location(file=f"user {user.sourced_id}", column=column)
    )
    return Diagnostic(
        code=code,
        severity=Severity.WARNING,
        message=message,
        location=location,
        value=value,
        sourced_id=user.sourced_id,
    )
