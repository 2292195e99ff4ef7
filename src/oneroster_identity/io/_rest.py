"""Reader for OneRoster REST JSON (1.1 and 1.2 user shapes).

Accepts a ``{"users": [...]}`` page, a ``{"user": {...}}`` envelope, a bare user
object or a list of either, from a file or from dicts a sync script already
fetched. Problems are located by JSON path (``$.users[3].email``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from oneroster_identity.diagnostics import Location, Severity
from oneroster_identity.io._collect import DiagnosticCollector
from oneroster_identity.io._csvbulk import check_links, role_sort_key
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
from oneroster_identity.models import (
    Org,
    Provenance,
    Role,
    RoleAssignment,
    Roster,
    User,
    UserId,
)

_STRING_FIELDS = {
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
    if isinstance(value, Mapping):
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
            if not isinstance(entry, Mapping):
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


def user_from_json(
    obj: Mapping[str, Any], *, file: str, path: str, collector: DiagnosticCollector
) -> User | None:
    """One REST user object as a :class:`User`; ``None`` (reported) when it has no sourcedId."""
    ctx = _JsonContext(collector, file)
    sourced_id = ctx.string(obj, "sourcedId", path)
    if not sourced_id:
        ctx.problem(
            "missing-sourced-id",
            Severity.ERROR,
            f"{path}.sourcedId",
            None,
            "user object has no sourcedId and was rejected",
        )
        return None
    ctx.sourced_id = sourced_id
    for key in sorted(set(obj) - _KNOWN):
        ctx.problem(
            "unknown-field",
            Severity.INFO,
            f"{path}.{key}",
            None,
            f"'{key}' is not a OneRoster user field; ignored",
        )
    status_raw = ctx.string(obj, "status", path)
    status, problem, note = parse_status(status_raw)
    if problem:
        ctx.problem("bad-status", Severity.WARNING, f"{path}.status", status_raw, problem)
    elif note:
        ctx.problem("status-inactive", Severity.INFO, f"{path}.status", status_raw, note)
    modified, problem, note = parse_datetime(ctx.string(obj, "dateLastModified", path))
    if problem or note:
        ctx.problem(
            "bad-date",
            Severity.WARNING if problem else Severity.INFO,
            f"{path}.dateLastModified",
            obj.get("dateLastModified"),
            f"dateLastModified {problem or note}",
        )
    enabled_value = obj.get("enabledUser")
    enabled: bool | None
    if isinstance(enabled_value, bool) or enabled_value is None:
        enabled = enabled_value
    else:
        enabled, problem = parse_bool(str(enabled_value))
        if problem:
            ctx.problem(
                "bad-boolean",
                Severity.WARNING,
                f"{path}.enabledUser",
                enabled_value,
                f"enabledUser {problem}; ignored",
            )
    strings: dict[str, str] = {
        attr: ctx.string(obj, key, path) for key, attr in _STRING_FIELDS.items() if key in obj
    }
    grades_value = obj.get("grades")
    grades = (
        tuple(str(g).strip() for g in grades_value if str(g).strip())
        if isinstance(grades_value, list)
        else parse_list(grades_value)
        if isinstance(grades_value, str)
        else ()
    )
    return User(
        sourced_id=sourced_id,
        status=status,
        date_last_modified=modified,
        enabled_user=enabled,
        roles=_roles(ctx, obj, path),
        primary_org_sourced_id=_guid(obj.get("primaryOrg")),
        user_ids=_user_ids(ctx, obj, path),
        agent_sourced_ids=_guid_list(ctx, obj, "agents", path),
        grades=grades,
        provenance=Provenance(file=file, path=path),
        **strings,  # type: ignore[arg-type]
    )


def _iter_user_objects(document: Any, path: str = "$") -> Iterable[tuple[str, Any]]:
    if isinstance(document, list):
        for i, item in enumerate(document):
            yield from _iter_user_objects(item, f"{path}[{i}]")
    elif isinstance(document, Mapping):
        if "demographics" in document and "users" not in document:
            return  # a demographics page: read by _demographics
        if "users" in document and isinstance(document["users"], list):
            for i, item in enumerate(document["users"]):
                yield f"{path}.users[{i}]", item
        elif "user" in document and isinstance(document["user"], Mapping):
            yield f"{path}.user", document["user"]
        else:
            yield path, document
    else:
        yield path, document


def _demographics(
    documents: Sequence[Any], file: str, collector: DiagnosticCollector
) -> dict[str, tuple[dt.date | None, str]]:
    """sourcedId -> (birth date, sex) from ``{"demographics": [...]}`` pages (the REST
    ``/demographics`` resource, whose sourcedId is the user's)."""
    out: dict[str, tuple[dt.date | None, str]] = {}
    for doc_index, document in enumerate(documents):
        pages = document if isinstance(document, list) else [document]
        for page in pages:
            if not isinstance(page, Mapping) or not isinstance(page.get("demographics"), list):
                continue
            for i, item in enumerate(page["demographics"]):
                path = f"$[page {doc_index}].demographics[{i}]"
                if not isinstance(item, Mapping):
                    continue
                ctx = _JsonContext(collector, file)
                sid = ctx.string(item, "sourcedId", path)
                if not sid:
                    continue
                ctx.sourced_id = sid
                born, problem = parse_date(ctx.string(item, "birthDate", path))
                if problem:
                    ctx.problem(
                        "bad-date",
                        Severity.WARNING,
                        f"{path}.birthDate",
                        item.get("birthDate"),
                        f"birthDate {problem}; ignored",
                    )
                out.setdefault(sid, (born, ctx.string(item, "sex", path)))
    return out


def read_rest_documents(
    documents: Iterable[Any],
    *,
    file: str,
    collector: DiagnosticCollector,
    orgs: Iterable[Org] = (),
) -> Roster:
    """Build a roster from parsed REST JSON documents (pages, envelopes or user objects)."""
    documents = list(documents)
    demographics = _demographics(documents, file, collector)
    users: dict[str, User] = {}
    columns: set[str] = set()  # the user fields seen, named as users.csv columns
    rejected = 0
    for doc_index, document in enumerate(documents):
        base = "$" if doc_index == 0 else f"$[page {doc_index}]"
        for path, obj in _iter_user_objects(document, base):
            if not isinstance(obj, Mapping):
                collector.add(
                    "bad-type",
                    Severity.ERROR,
                    "user entry is not a JSON object; rejected",
                    Location(file=file, path=path),
                    value=str(obj)[:200],
                )
                rejected += 1
                continue
            columns.update(_CSV_COLUMN.get(str(key), str(key)) for key in obj)
            user = user_from_json(obj, file=file, path=path, collector=collector)
            if user is None:
                rejected += 1
                continue
            if user.sourced_id in users:
                first = users[user.sourced_id].provenance
                collector.add(
                    "duplicate-sourced-id",
                    Severity.ERROR,
                    f"sourcedId already used at {first.format() if first else '?'}; rejected",
                    Location(file=file, path=f"{path}.sourcedId"),
                    value=user.sourced_id,
                    sourced_id=user.sourced_id,
                )
                rejected += 1
                continue
            if user.sourced_id in demographics:
                born, sex = demographics[user.sourced_id]
                user = attrs.evolve(user, birth_date=born, sex=sex)
            users[user.sourced_id] = user
    if not users and not rejected:
        raise collector.fatal(
            "not-a-roster", "the JSON holds no OneRoster user objects", Location(file=file)
        )
    user_list = list(users.values())
    check_links(user_list, collector, known=users)
    return Roster(
        users=user_list,
        orgs=tuple(orgs),
        version=detect_version("", columns),
        source=file,
        diagnostics=collector.finish(),
        rejected_rows=rejected,
    )


def read_rest_file(path: Path, *, encoding: str, collector: DiagnosticCollector) -> Roster:
    """A REST JSON file (one page, an envelope, or a list of pages)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise collector.fatal(
            "missing-file", f"cannot read the file: {exc.strerror}", Location(file=str(path))
        ) from None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise collector.fatal(
            "decode-error",
            f"byte 0x{raw[exc.start]:02x} at byte offset {exc.start} is not valid {encoding}",
            Location(file=str(path)),
        ) from None
    try:
        document = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise collector.fatal(
            "bad-json",
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            Location(file=str(path), line=exc.lineno),
        ) from None
    documents = (
        document
        if isinstance(document, list)
        and all(isinstance(d, Mapping) and "users" in d for d in document)
        and document
        else [document]
    )
    return read_rest_documents(documents, file=str(path), collector=collector)
