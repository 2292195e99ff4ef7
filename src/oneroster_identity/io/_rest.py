"""Reader for OneRoster REST JSON (1.1 and 1.2 user shapes).

Accepts a ``{"users": [...]}`` page, a ``{"user": {...}}`` envelope, a bare user
object or a list of either, from a file or from dicts a sync script already
fetched. Problems are located by JSON path (``$.users[3].email``). Users are kept as
columns and read a page at a time (see :class:`_UserTable`); a file that is a list is
parsed an element at a time (``io._jsonstream``).
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain, repeat
from pathlib import Path
from typing import Any

from oneroster_identity._user_table import JsonPaths, UserColumns
from oneroster_identity.diagnostics import Location, Severity
from oneroster_identity.io._collect import DiagnosticCollector
from oneroster_identity.io._csvbulk import both_rows_roles, check_links, role_sort_key
from oneroster_identity.io._enrollments import EnrollmentCounter
from oneroster_identity.io._fields import (
    MAX_FIELD_CHARS,
    detect_version,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_list,
    parse_role,
    parse_role_type,
    parse_status,
)
from oneroster_identity.io._jsonstream import CUT_SHORT, JsonStreamError, JsonText
from oneroster_identity.io._rest_pages import Nature, OtherDocument, other_document
from oneroster_identity.models import (
    USER_COLUMNS,
    Org,
    Role,
    RoleAssignment,
    RoleFamily,
    Roster,
    UserId,
)

_STRING_FIELDS = USER_COLUMNS
_KNOWN = frozenset(
    {
        *_STRING_FIELDS,
        "sourcedId",
        "status",
        "dateLastModified",
        "enabledUser",
        "orgs",
        "role",
        "roles",
        "userIds",
        "agents",
        "grades",
        "password",
        "primaryOrg",
        "metadata",
        "userProfiles",
        "resources",
    }
)


_CSV_COLUMN = {
    "primaryOrg": "primaryOrgSourcedId",
    "preferredFirstName": "preferredGivenName",
    "orgs": "orgSourcedIds",
    "agents": "agentSourcedIds",
}
"""REST user keys under their users.csv column names, for :func:`detect_version`."""


def _is_object(value: Any) -> bool:
    """A JSON object: a dict from ``json`` (checked first: an ABC check costs a call), or
    any mapping a caller passed."""
    return type(value) is dict or isinstance(value, Mapping)


class _JsonContext:
    def __init__(self, collector: DiagnosticCollector, file: str) -> None:
        self.collector = collector
        self.file = file
        self.sourced_id: str | None = None

    def problem(
        self, code: str, severity: Severity, path: str, value: object, message: str
    ) -> None:
        self.collector.add(
            code,
            severity,
            message,
            Location(file=self.file, path=path),
            value=None if value is None else str(value)[:200],
            sourced_id=self.sourced_id,
        )

    def string(self, obj: Mapping[str, Any], key: str, path: str) -> str:
        value = obj.get(key)
        if value is None:
            return ""
        if isinstance(value, str):
            text = value.strip()
            if len(text) > MAX_FIELD_CHARS:
                self.problem(
                    "oversized-field",
                    Severity.ERROR,
                    f"{path}.{key}",
                    text[:60],
                    f"value is {len(text)} characters long (limit {MAX_FIELD_CHARS}); "
                    "it was dropped",
                )
                return ""
            return text
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.problem(
                "bad-type",
                Severity.INFO,
                f"{path}.{key}",
                value,
                f"{key} is a number, read as text",
            )
            return str(value)
        self.problem(
            "bad-type", Severity.WARNING, f"{path}.{key}", value, f"{key} is not a string; ignored"
        )
        return ""


def _guid(value: Any) -> str | None:
    """The sourcedId of a GUIDRef object, or a plain string id."""
    if _is_object(value):
        sid = value.get("sourcedId")
        return str(sid).strip() if sid is not None else None
    if isinstance(value, str):
        return value.strip() or None
    return None


def _guid_list(ctx: _JsonContext, obj: Mapping[str, Any], key: str, path: str) -> tuple[str, ...]:
    value = obj.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return parse_list(value)
    if not isinstance(value, list):
        ctx.problem(
            "bad-type", Severity.WARNING, f"{path}.{key}", value, f"{key} is not a list; ignored"
        )
        return ()
    out = []
    for i, item in enumerate(value):
        sid = _guid(item)
        if sid:
            out.append(sid)
        else:
            ctx.problem(
                "bad-guid-ref",
                Severity.WARNING,
                f"{path}.{key}[{i}]",
                item,
                "GUIDRef has no sourcedId; ignored",
            )
    return tuple(out)


def _role(ctx: _JsonContext, raw: str, path: str) -> tuple[Role | None, str]:
    """The role and the text to keep for it (canonical spelling when known)."""
    role, problem, note = parse_role(raw)
    if problem:
        ctx.problem("unknown-role", Severity.WARNING, path, raw, problem)
    elif note:
        ctx.problem("role-case", Severity.INFO, path, raw, note)
    return role, raw if role is None else role.value


def _roles(ctx: _JsonContext, obj: Mapping[str, Any], path: str) -> tuple[RoleAssignment, ...]:
    out: list[RoleAssignment] = []
    roles = obj.get("roles")
    if isinstance(roles, list):
        for i, entry in enumerate(roles):
            here = f"{path}.roles[{i}]"
            if not _is_object(entry):
                ctx.problem(
                    "bad-type", Severity.WARNING, here, entry, "role entry is not an object"
                )
                continue
            raw = ctx.string(entry, "role", here)
            role, role_raw = _role(ctx, raw, f"{here}.role")
            role_type_raw = ctx.string(entry, "roleType", here)
            role_type, problem = parse_role_type(role_type_raw)
            if problem:
                ctx.problem(
                    "bad-role-type", Severity.WARNING, f"{here}.roleType", role_type_raw, problem
                )
            begin, p1 = parse_date(ctx.string(entry, "beginDate", here))
            end, p2 = parse_date(ctx.string(entry, "endDate", here))
            for key, problem in (("beginDate", p1), ("endDate", p2)):
                if problem:
                    ctx.problem(
                        "bad-date",
                        Severity.WARNING,
                        f"{here}.{key}",
                        entry.get(key),
                        f"{key} {problem}; ignored",
                    )
            out.append(
                RoleAssignment(
                    role=role,
                    role_raw=role_raw,
                    org_sourced_id=_guid(entry.get("org")),
                    role_type=role_type,
                    begin_date=begin,
                    end_date=end,
                    user_profile=_guid(entry.get("userProfile")),
                )
            )
    elif "role" in obj:
        raw = ctx.string(obj, "role", path)
        role, role_raw = _role(ctx, raw, f"{path}.role")
        orgs = _guid_list(ctx, obj, "orgs", path) or (None,)
        out = [RoleAssignment(role=role, role_raw=role_raw, org_sourced_id=org) for org in orgs]
    return tuple(sorted(out, key=role_sort_key))


def _user_ids(ctx: _JsonContext, obj: Mapping[str, Any], path: str) -> tuple[UserId, ...]:
    value = obj.get("userIds")
    if not isinstance(value, list):
        return ()
    out = []
    for i, item in enumerate(value):
        if isinstance(item, Mapping):
            out.append(
                UserId(
                    type=str(item.get("type", "")).strip(),
                    identifier=str(item.get("identifier", "")).strip(),
                )
            )
        else:
            ctx.problem(
                "bad-user-ids",
                Severity.INFO,
                f"{path}.userIds[{i}]",
                item,
                "userIds entry is not an object",
            )
    return tuple(out)


_NO_DEMOGRAPHICS: tuple[dt.date | None, str] = (None, "")
_STRING_COLUMNS = tuple(dict.fromkeys(_STRING_FIELDS.values()))
"""The user fields read from REST strings, each once (two REST keys name the preferred
given name)."""
_KEY_OF = {attr: key for key, attr in reversed(list(_STRING_FIELDS.items()))}
"""Each user field's REST key (the first of two that name one field)."""
_INTERNED = frozenset({"given_name", "family_name"})


_WHOLE = -1
"""The index of a user whose path is its prefix (a bare user, a ``{"user": ...}``)."""
_DEMOGRAPHICS = -2
"""The index :func:`_walk` gives a demographics page."""
_ENROLLMENTS = -3
"""The index :func:`_walk` gives an enrollments page."""
_OTHER = -4
"""The index :func:`_walk` gives an object that is no user (``io._rest_pages``)."""
_ENVELOPE = -5
"""The index :func:`_walk` gives the key of a client's envelope whose value it reads."""


_PAGE_KEYS = frozenset({"users", "user", "demographics", "enrollments"})
"""The keys of what a OneRoster users request returns (:func:`_holds_users`)."""


def _holds_users(value: Any, depth: int = 3) -> bool:
    """Whether ``value`` looks like what a OneRoster users request returns: a page
    (``users``, ``user``, ``demographics``, ``enrollments``), a list of such pages or of
    objects with a sourcedId, or an envelope around one (``depth`` envelopes deep)."""
    if _is_object(value):
        return any(
            _is_object(value.get(key)) or isinstance(value.get(key), list) for key in _PAGE_KEYS
        ) or (depth > 0 and _envelope_key(value, depth - 1) is not None)
    if isinstance(value, list) and value and _is_object(value[0]):
        return "sourcedId" in value[0] or not _PAGE_KEYS.isdisjoint(value[0])
    return False


def _http_success(code: str) -> bool:
    """Whether a status code is an HTTP success (2xx): ASCII digits only, so a digit
    ``int`` cannot read (``'¹'``, which ``isdigit`` counts: since session 60, a crash)
    is none."""
    return code.isascii() and code.isdigit() and 200 <= int(code) < 300


def _says_success(document: Mapping[str, Any]) -> bool:
    """Whether an object's status keys (``statusCode``, ``status``) all say an HTTP
    success (2xx), and no key names an error: an envelope saved with its response's
    status, not an error body."""
    codes = [
        value
        for key, value in document.items()
        if str(key).casefold() in ("statuscode", "status_code", "status")
    ]
    return (
        bool(codes)
        and all(_http_success(str(code).strip()) for code in codes)
        and not any(str(key).casefold().startswith(("error", "imsx_", "fault")) for key in document)
    )


def _envelope_key(document: Mapping[str, Any], depth: int = 3) -> str | None:
    """The one key of an object of no known shape whose value holds users
    (:func:`_holds_users`): a client's envelope around the API's response, as an HTTP
    library or a workflow tool saves it (``{"data": {"users": [...]}}``, ``{"body":
    [...]}``). ``None`` when no key, or more than one, holds them."""
    found = [key for key, value in document.items() if _holds_users(value, depth)]
    return str(found[0]) if len(found) == 1 else None


_ABSENT: Any = object()
"""A key's value when the document lacks the key."""


def _walk(document: Any, path: str) -> Iterator[tuple[str, int, Any]]:
    """``(prefix, index, object)`` for every user object of a document, every
    demographics page (index ``_DEMOGRAPHICS``) and enrollments page (``_ENROLLMENTS``),
    and every object that cannot be a user (``_OTHER``: another endpoint's page, an API
    error response); a client's envelope around a response (``_ENVELOPE``, its key) is
    named and read inside (since session 55). A user's path is ``prefix[index]``, or
    ``prefix`` itself for index ``_WHOLE``."""
    if isinstance(document, list):
        for i, item in enumerate(document):
            yield from _walk(item, f"{path}[{i}]")
    elif _is_object(document):
        if isinstance(document.get("demographics"), list):
            yield path, _DEMOGRAPHICS, document
        if isinstance(document.get("enrollments"), list):
            yield path, _ENROLLMENTS, document
        if ("demographics" in document or "enrollments" in document) and "users" not in document:
            return  # a demographics or enrollments page, not a user
        users = document.get("users", _ABSENT)
        if isinstance(users, list):
            prefix = f"{path}.users"
            for i, item in enumerate(users):
                yield prefix, i, item
        elif users is None:
            return  # a page without users (`"users": null`)
        elif users is not _ABSENT:
            # not a page: one object read as a user; anything else is rejected where it is
            yield f"{path}.users", _WHOLE, users
        elif "user" in document and (_is_object(document["user"]) or "sourcedId" not in document):
            yield f"{path}.user", _WHOLE, document["user"]
        elif (other := other_document(document, _KNOWN)) is not None:
            # (an envelope may carry its response's status: statusCode 200)
            envelope = other.nature is Nature.UNKNOWN or (
                other.nature is Nature.ERROR and _says_success(document)
            )
            key = _envelope_key(document) if envelope else None
            if key is None:
                yield path, _OTHER, other
            else:
                yield path, _ENVELOPE, key
                yield from _walk(document[key], f"{path}.{key}")
        else:
            yield path, _WHOLE, document
    else:
        yield path, _WHOLE, document


class _UserTable:
    """REST user objects read into columns (see ``_user_table``), one object at a time.

    The pages are read as they come (a sync script may pass a generator that fetches
    them) and nothing keeps them: equal names, role tuples, agent and grade lists are
    one object each, and each user's JSON path is two array entries. Demographics pages
    may come before or after the users they describe: birth dates and sexes are joined
    when the read ends.
    """

    def __init__(self, file: str, collector: DiagnosticCollector) -> None:
        self.file = file
        self.collector = collector
        self.ctx = _JsonContext(collector, file)
        self.rows: dict[str, int] = {}
        self.ids: list[str] = []
        self.lists: dict[str, list[Any]] = {
            name: []
            for name in (
                *_STRING_COLUMNS,
                "status",
                "date_last_modified",
                "enabled_user",
                "roles",
                "primary_org_sourced_id",
                "user_ids",
                "agent_sourced_ids",
                "grades",
            )
        }
        self._strings = [(name, self.lists[name].append) for name in _STRING_COLUMNS]
        self.paths = JsonPaths([], array("I"), array("i"))  # where each user was read
        self._prefix_codes: dict[str, int] = {}
        self.demographics: dict[str, tuple[dt.date | None, str]] = {}
        self.enrollments: EnrollmentCounter | None = None
        self.columns: set[str] = set()  # the user fields seen, as users.csv columns
        self._shapes: set[tuple[Any, ...]] = set()
        self._shared: dict[Any, Any] = {}
        self._role_readings: dict[tuple[Any, ...], tuple[RoleAssignment, ...]] = {}
        self.rejected = 0
        self.repeated = 0
        self.others: list[tuple[str, OtherDocument]] = []

    def read(self, document: Any, path: str) -> None:
        """Every user object and demographics page of one document."""
        for prefix, index, obj in _walk(document, path):
            if index == _DEMOGRAPHICS:
                self._demographics(obj, prefix)
            elif index == _ENROLLMENTS:
                self._enrollments(obj, prefix)
            elif index == _OTHER:
                self._other(obj, prefix)
            elif index == _ENVELOPE:
                self.collector.add_once(
                    "api-envelope",
                    Severity.INFO,
                    f"users read from inside '{obj}': a client's envelope around the API's "
                    "response (a OneRoster response holds its users at the top)",
                    Location(file=self.file, path=prefix),
                    key=str(obj),
                )
            else:
                self._user(prefix, index, obj)

    def _other(self, other: OtherDocument, path: str) -> None:
        """An object that is no user: said where it is, and not counted as a user record.
        An API error response is an error (the users its request would have returned are
        missing); another endpoint's page, or a status body saying the request succeeded
        with no users, an info; an object of no shape known here a warning."""
        self.others.append((path, other))
        where = Location(file=self.file, path=path)
        codes = f" ({other.codes})" if other.codes else ""
        if other.error:
            self.collector.add(
                "api-error-response",
                Severity.ERROR,
                f"{other.kind}{codes} where users belong: a request of the export failed "
                "(an expired token, a refused or failed page), so the users it would have "
                "returned are missing from this roster; fetch the export again",
                where,
                value=other.detail or None,
            )
        elif other.nature is Nature.UNKNOWN:
            self.collector.add(
                "not-users",
                Severity.WARNING,
                f"{other.kind} and no sourcedId: not read as a user; skipped",
                where,
            )
        else:
            self.collector.add(
                "not-users",
                Severity.INFO,
                f"{other.kind}{codes}, not users; skipped (users are read from the users, "
                "students, teachers and guardians endpoints' pages)",
                where,
                value=other.detail or None,
            )

    def _demographics(self, page: Mapping[str, Any], path: str) -> None:
        """sourcedId -> (birth date, sex) from a ``{"demographics": [...]}`` page (the
        REST ``/demographics`` resource, whose sourcedId is the user's); the first
        entry of a sourcedId counts."""
        ctx = self.ctx
        for i, item in enumerate(page["demographics"]):
            here = f"{path}.demographics[{i}]"
            if not _is_object(item):
                continue
            ctx.sourced_id = None
            sid = ctx.string(item, "sourcedId", here)
            if not sid:
                continue
            ctx.sourced_id = sid
            born, problem = parse_date(ctx.string(item, "birthDate", here))
            if problem:
                ctx.problem(
                    "bad-date",
                    Severity.WARNING,
                    f"{here}.birthDate",
                    item.get("birthDate"),
                    f"birthDate {problem}; ignored",
                )
            self.demographics.setdefault(sid, (born, ctx.string(item, "sex", here)))

    def _enrollments(self, page: Mapping[str, Any], path: str) -> None:
        """Each student's enrollments from an ``{"enrollments": [...]}`` page (the REST
        ``/enrollments`` resource; ``user`` is a reference to the user), counted as
        ``io._enrollments`` counts enrollments.csv rows."""
        if self.enrollments is None:
            self.enrollments = EnrollmentCounter(self.file)
        items = page["enrollments"]
        current = [0]  # the index of the item being counted, for the locator

        def rows() -> Iterator[tuple[str, str, str]]:
            for i, item in enumerate(items):
                current[0] = i
                if _is_object(item):
                    role, status = item.get("role"), item.get("status")
                    yield (
                        _guid(item.get("user")) or "",
                        role if isinstance(role, str) else "",
                        status if isinstance(status, str) else "",
                    )

        self.enrollments.add_rows(rows(), lambda: (None, f"{path}.enrollments[{current[0]}].user"))

    def _user(self, prefix: str, index: int, obj: Any) -> None:
        path = prefix if index < 0 else f"{prefix}[{index}]"
        if not _is_object(obj):
            self.collector.add(
                "bad-type",
                Severity.ERROR,
                "user entry is not a JSON object; rejected",
                Location(file=self.file, path=path),
                value=str(obj)[:200],
            )
            self.rejected += 1
            return
        shape = tuple(obj)  # most objects of an export have the same keys
        if shape not in self._shapes:
            self._shapes.add(shape)
            self.columns.update(_CSV_COLUMN.get(str(key), str(key)) for key in shape)
        ctx = self.ctx
        ctx.sourced_id = None
        sourced_id = ctx.string(obj, "sourcedId", path)
        if not sourced_id:
            ctx.problem(
                "missing-sourced-id",
                Severity.ERROR,
                f"{path}.sourcedId",
                None,
                "user object has no sourcedId and was rejected",
            )
            self.rejected += 1
            return
        ctx.sourced_id = sourced_id
        first = self.rows.get(sourced_id)
        if first is not None:
            differ = self._differing_keys(obj, first)
            if differ and self._one_guardian_per_child(obj, differ, first, path):
                return
            ctx.problem(
                "duplicate-sourced-id",
                Severity.ERROR if differ else Severity.WARNING,
                f"{path}.sourcedId",
                sourced_id,
                f"sourcedId already used at {self.file} {self.paths[first]}"
                + (
                    f", with another {' and '.join(differ)}; rejected (the SIS holds one "
                    "record per sourcedId: which is right, only it can say)"
                    if differ
                    else ", with the same name, email, phones, roles and agents (a page "
                    "fetched twice, as a script that retries a page appends it again); not "
                    "read again, and nothing of the user is lost"
                ),
            )
            self.rejected += 1
            self.repeated += not differ
            return
        if not _KNOWN.issuperset(obj):
            for key in sorted({str(k) for k in obj} - _KNOWN):
                ctx.problem(
                    "unknown-field",
                    Severity.INFO,
                    f"{path}.{key}",
                    None,
                    f"'{key}' is not a OneRoster user field; ignored",
                )
        share = self._shared.setdefault
        lists = self.lists
        values: dict[str, str] = {}
        for key, attr in _STRING_FIELDS.items():
            if key in obj:
                values[attr] = ctx.string(obj, key, path)
        for name, add in self._strings:
            value = values.get(name, "")
            add(share(value, value) if name in _INTERNED else value)
        status_raw = ctx.string(obj, "status", path)
        status, problem, note = parse_status(status_raw)
        if problem:
            ctx.problem("bad-status", Severity.WARNING, f"{path}.status", status_raw, problem)
        elif note:
            ctx.problem("status-inactive", Severity.INFO, f"{path}.status", status_raw, note)
        lists["status"].append(status)
        modified, problem, note = parse_datetime(ctx.string(obj, "dateLastModified", path))
        if problem or note:
            ctx.problem(
                "bad-date",
                Severity.WARNING if problem else Severity.INFO,
                f"{path}.dateLastModified",
                obj.get("dateLastModified"),
                f"dateLastModified {problem or note}",
            )
        lists["date_last_modified"].append(modified)
        lists["enabled_user"].append(self._enabled(obj, path))
        lists["roles"].append(self._roles(obj, path))
        primary = _guid(obj.get("primaryOrg"))
        lists["primary_org_sourced_id"].append(
            primary if primary is None else share(primary, primary)
        )
        user_ids = _user_ids(ctx, obj, path)
        lists["user_ids"].append(share(user_ids, user_ids))
        # An agent already read as a user shares that user's sourcedId string.
        get, ids = self.rows.get, self.ids
        agents = tuple(
            a if (i := get(a)) is None else ids[i] for a in _guid_list(ctx, obj, "agents", path)
        )
        lists["agent_sourced_ids"].append(share(agents, agents))
        grades = _grades(obj.get("grades"))
        lists["grades"].append(share(grades, grades))
        self.rows[sourced_id] = len(self.ids)
        self.ids.append(sourced_id)
        paths = self.paths
        code = self._prefix_codes.get(prefix)
        if code is None:
            code = self._prefix_codes[prefix] = len(paths.prefixes)
            paths.prefixes.append(prefix)
        paths.codes.append(code)
        paths.items.append(index)

    def _one_guardian_per_child(
        self, obj: Mapping[str, Any], differ: Sequence[str], first: int, path: str
    ) -> bool:
        """Read a user object repeating a sourcedId into the first when it is one guardian
        listed once per child (since session 57; the CSV reader's rule of session 56): it
        differs only in its agents and, at most, in roles that are all a guardian's as the
        first's are (a script that fetched each student's guardians and wrote one object
        per child). The user is linked to the agents of both, and holds the roles of both;
        the object counts as repeated, with a warning. ``False`` (nothing read) otherwise."""
        if not set(differ) <= {"agents", "roles", "role"}:
            return False
        lists = self.lists
        kept: tuple[RoleAssignment, ...] = lists["roles"][first]
        other_roles = False
        if "roles" in differ or "role" in differ:
            roles = self._roles(obj, path)
            if not (kept and roles) or any(
                r.family is not RoleFamily.GUARDIAN for r in (*kept, *roles)
            ):
                return False
            both = both_rows_roles(kept, roles)
            # (the same assignments written another way, 1.1's `role` beside 1.2's
            # `roles`, are no other roles)
            other_roles = set(both) != set(kept)
            if other_roles:
                lists["roles"][first] = both
        if "agents" in differ:
            links = lists["agent_sourced_ids"]
            links[first] = tuple(sorted({*links[first], *_agent_ids(obj)}))
        said = (
            "other guardian roles (both kept: the app classes both as a guardian)"
            if other_roles
            else "the same roles"
        ) + (
            " and other agents (one guardian listed once per child): read as one user "
            "linked to the students of both; a sync that keeps one object per sourcedId may "
            "keep only one's links (the students' own agents keep theirs)"
            if "agents" in differ
            else " and the same agents: read as one user holding the roles of both; nothing "
            "of the user is lost"
        )
        self.ctx.problem(
            "duplicate-sourced-id",
            Severity.WARNING,
            f"{path}.sourcedId",
            self.ctx.sourced_id,
            f"sourcedId already used at {self.file} {self.paths[first]}, with the same "
            f"name, email and phones, {said}",
        )
        self.rejected += 1
        self.repeated += 1
        return True

    def _differing_keys(self, obj: Mapping[str, Any], first: int) -> list[str]:
        """The keys in which a user object repeating a sourcedId differs from the one read
        first (row ``first``): its identity strings, its roles and its agents, read as the
        first was but without diagnostics of their own. Empty for one object written
        twice."""
        lists = self.lists
        values: dict[str, str] = {}
        for key, attr in _STRING_FIELDS.items():
            if key in obj:  # (as _user reads them: the last of two keys of one field)
                value = obj[key]
                values[attr] = (
                    value.strip()
                    if isinstance(value, str)
                    else str(value)
                    if isinstance(value, (int, float)) and not isinstance(value, bool)
                    else ""
                )
        differ = [
            _KEY_OF[attr] for attr in _STRING_COLUMNS if values.get(attr, "") != lists[attr][first]
        ]
        if _agent_ids(obj) != tuple(lists["agent_sourced_ids"][first]):
            differ.append("agents")
        # read values, read again without diagnostics (since session 57: an `active` and a
        # `tobedeleted` object of one user were a repeat, the first one's status kept)
        status = obj.get("status")
        raw = status.strip() if isinstance(status, str) else ""
        if parse_status(raw)[0] is not lists["status"][first]:
            differ.append("status")
        enabled = obj.get("enabledUser")
        if not (isinstance(enabled, bool) or enabled is None):
            enabled = parse_bool(str(enabled))[0]
        if enabled != lists["enabled_user"][first]:
            differ.append("enabledUser")
        if _grades(obj.get("grades")) != tuple(lists["grades"][first]):
            differ.append("grades")
        roles_key = _roles_key(obj)
        read = None if roles_key is None else self._role_readings.get(roles_key)
        if read is None or read is not lists["roles"][first]:
            differ.append("roles" if "roles" in obj else "role")
        return differ

    def _roles(self, obj: Mapping[str, Any], path: str) -> tuple[RoleAssignment, ...]:
        """The user's role assignments, one shared tuple per distinct reading: most users
        of a district hold one of a few hundred (a role at a school), so each is read
        once. A reading that reported a problem is not cached, so every user with the
        problem gets its diagnostic."""
        key = _roles_key(obj)
        if key is not None:
            found = self._role_readings.get(key)
            if found is not None:
                return found
        before = len(self.collector.items)
        read = _roles(self.ctx, obj, path)
        roles: tuple[RoleAssignment, ...] = self._shared.setdefault(read, read)
        if key is not None and len(self.collector.items) == before:
            self._role_readings[key] = roles
        return roles

    def _enabled(self, obj: Mapping[str, Any], path: str) -> bool | None:
        value = obj.get("enabledUser")
        if isinstance(value, bool) or value is None:
            return value
        enabled, problem = parse_bool(str(value))
        if problem:
            self.ctx.problem(
                "bad-boolean",
                Severity.WARNING,
                f"{path}.enabledUser",
                value,
                f"enabledUser {problem}; ignored",
            )
        return enabled

    def roster(self, orgs: Iterable[Org]) -> Roster:
        """The users read, as a roster; links checked, demographics joined."""
        if not self.ids and not self.rejected:
            said = ""
            if self.others:
                path, other = min(self.others, key=lambda found: not found[1].error)
                codes = f" ({other.codes})" if other.codes else ""
                said = f": {path} is {other.kind}{codes}"
                if len(self.others) > 1:
                    said += f", and {len(self.others) - 1} more object(s) are no users"
            raise self.collector.fatal(
                "not-a-roster",
                f"the JSON holds no OneRoster user objects{said}",
                Location(file=self.file),
            )
        lists: dict[str, list[Any]] = {"sourced_id": self.ids, **self.lists}
        found = list(map(self.demographics.get, self.ids, repeat(_NO_DEMOGRAPHICS)))
        lists["birth_date"] = [born for born, _ in found]
        lists["sex"] = [sex for _, sex in found]
        del found
        defaults = {"extensions": ()}
        users = UserColumns.from_lists(lists, defaults, self.file, self.paths)
        check_links(users, self.collector, known=self.rows)
        counts = (
            None
            if self.enrollments is None
            else self.enrollments.counts(users, self.rows, self.collector)
        )
        return Roster(
            users=users,
            orgs=tuple(orgs),
            version=detect_version("", self.columns),
            source=self.file,
            diagnostics=self.collector.finish(),
            rejected_rows=self.rejected,
            repeated_rows=self.repeated,
            enrollment_counts=counts,
        )


def _roles_key(obj: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """What :func:`_roles` reads of a user object, as a hashable key (the raw values, the
    org references' sourcedIds), or ``None`` when some part is not a plain value."""
    roles = obj.get("roles")
    try:
        if isinstance(roles, list):
            key: tuple[Any, ...] = tuple(
                (
                    e.get("role"),
                    e.get("roleType"),
                    _guid(e.get("org")),
                    e.get("beginDate"),
                    e.get("endDate"),
                    _guid(e.get("userProfile")),
                )
                if type(e) is dict
                else e  # not an object: reported by _roles, so never cached
                for e in roles
            )
            hash(key)
            return ("roles", key)
        if "role" not in obj:
            return ("none",)
        orgs = obj.get("orgs")
        if isinstance(orgs, list):
            orgs = tuple(_guid(o) if type(o) is dict else o for o in orgs)
        key = ("role", obj["role"], orgs)
        hash(key)
        return key
    except TypeError:  # an unhashable value where a string belongs
        return None


def _agent_ids(obj: Mapping[str, Any]) -> tuple[str, ...]:
    """A user object's agents' sourcedIds, read again without diagnostics (a repeated
    object is compared with, or read into, the first)."""
    agents = obj.get("agents")
    if isinstance(agents, list):
        return tuple(sid for item in agents if (sid := _guid(item)))
    return parse_list(agents) if isinstance(agents, str) else ()


def _grades(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(g).strip() for g in value if str(g).strip())
    if isinstance(value, str):
        return parse_list(value)
    return ()


def read_rest_documents(
    documents: Iterable[Any],
    *,
    file: str,
    collector: DiagnosticCollector,
    orgs: Iterable[Org] = (),
) -> Roster:
    """Build a roster from parsed REST JSON documents (pages, envelopes or user objects),
    reading each document as the iteration reaches it: a generator of pages is never
    held whole. The first document's paths start at ``$``, the others' at ``$[page N]``."""
    table = _UserTable(file, collector)
    for doc_index, document in enumerate(documents):
        table.read(document, "$" if doc_index == 0 else f"$[page {doc_index}]")
    return table.roster(orgs)


_NO_VALUE = object()


def _read_values(
    text: JsonText, table: _UserTable, collector: DiagnosticCollector, root: str, file: str
) -> None:
    """One document (``root``, ``$``), or several one after another, as a sync script
    appends pages to a file (JSON Lines), each read as an array's element would be
    (``$[0]``, ``$[1]``...) with an info diagnostic saying so."""
    values = text.values()
    document = next(values)
    try:
        second = next(values, _NO_VALUE)
    except JsonStreamError as exc:
        if exc.code != CUT_SHORT:
            raise
        table.read(document, f"{root}[0]")  # several values, the second one cut short
        raise
    if second is _NO_VALUE:
        table.read(document, root)
        return
    collector.add(
        "json-lines",
        Severity.INFO,
        "file holds several JSON values one after another (JSON Lines); each was read as a "
        "page, an envelope or a user, located as $[n] as in an array",
        Location(file=file),
    )
    for index, value in enumerate(chain((document, second), values)):
        table.read(value, f"{root}[{index}]")


def read_rest_file(path: Path, *, encoding: str, collector: DiagnosticCollector) -> Roster:
    """A REST JSON file (one page, an envelope, a bare user, or a list of any of them; or
    several of them one after another, JSON Lines).

    A list is read an element at a time (see ``_jsonstream``): a million users saved as a
    list of pages never exist as dicts all at once. Paths are the elements' own
    (``$[3].users[41]``)."""
    table = _UserTable(str(path), collector)
    _read_into(table, path, "$", encoding=encoding, collector=collector)
    return table.roster(())


def read_rest_folder(
    folder: Path, names: Sequence[str], *, encoding: str, collector: DiagnosticCollector
) -> Roster:
    """The REST JSON files ``names`` of ``folder`` read as the pages of one roster, in
    that order (since session 55): a sync script that saves each page it fetches to a
    file of its own (``users_1.json``, ``users_2.json``...). A user's path names its file
    (``users_2.json $.users[41]``); a file that cannot be read stops the read, naming it,
    but one cut short keeps what came before the cut."""
    table = _UserTable(str(folder), collector)
    collector.add(
        "json-folder",
        Severity.INFO,
        f"the folder holds no users.csv and {len(names)} JSON file(s): read as one roster's "
        "pages, in the order of their names (numbers by value)",
        Location(file=str(folder)),
    )
    for name in names:
        _read_into(table, folder / name, f"{name} $", encoding=encoding, collector=collector)
    return table.roster(())


def _read_into(
    table: _UserTable, path: Path, root: str, *, encoding: str, collector: DiagnosticCollector
) -> None:
    """Every document of the JSON file ``path`` read into ``table``, its paths under
    ``root``; a file that cannot be read is a fatal error naming it, but one cut short
    keeps what came before the cut (``json-cut-short``; in this file or the ones read
    before it)."""
    file = str(path)
    first = ""
    try:
        with path.open("rb") as stream:
            text = JsonText(stream, encoding)
            first = text.first()
            if first == "[":
                for index, element in enumerate(text.elements()):
                    table.read(element, f"{root}[{index}]")
            elif not first:
                table.read(text.whole(), root)  # an empty file: the parser's own error
            else:
                _read_values(text, table, collector, root, file)
    except OSError as exc:
        raise collector.fatal(
            "missing-file", f"cannot read the file: {exc.strerror}", Location(file=file)
        ) from None
    except JsonStreamError as exc:
        message = exc.message
        if exc.code == CUT_SHORT and (table.ids or table.rejected or table.others):
            # (since session 55) what was read before the cut stands, as a CSV file's rows
            # before its last, cut, line do; the users after it are missing
            collector.add(
                CUT_SHORT,
                Severity.ERROR,
                f"{message}: the file was cut short (a script stopped while writing it, a "
                "copy that stopped); what came before the cut was read, and what came after it "
                "(users, or their birth dates and enrollments) is missing from this roster; "
                "fetch or copy the export again",
                Location(file=file, line=exc.line),
            )
        else:
            if first == "<":
                message += (
                    "; the file starts with '<': an HTML or XML page (a sign-in or error "
                    "page saved in place of the export?), not JSON"
                )
            raise collector.fatal(exc.code, message, Location(file=file, line=exc.line)) from None
    if text.detected is not None:
        collector.add(
            text.detected.family,
            Severity.INFO,
            f"{text.detected.note}; JSON files should be UTF-8 (UTF-16 is a Windows "
            "tool's default: PowerShell 5.1's Out-File)",
            Location(file=file),
        )
