"""Writes a :class:`Roster` as a OneRoster CSV bulk export (1.1 or 1.2) or as REST JSON.

Used by the sample-roster and benchmark generators and by round-trip tests: a
roster written and read back gives equal users, whichever form it was written in.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

from oneroster_identity._memo import one_run
from oneroster_identity._usage import require_path, require_roster
from oneroster_identity.errors import UsageError
from oneroster_identity.io._csvbulk import (
    DEMOGRAPHICS_COLUMNS,
    ORGS_COLUMNS,
    ROLES_COLUMNS,
    USERS_COLUMNS,
)
from oneroster_identity.models import RoleAssignment, RoleType, Roster, User

_V11_USERS = tuple(
    c
    for c in USERS_COLUMNS
    if c
    not in (
        "userMasterIdentifier",
        "preferredGivenName",
        "preferredMiddleName",
        "preferredFamilyName",
        "primaryOrgSourcedId",
        "pronouns",
    )
)
_V12_USERS = tuple(c for c in USERS_COLUMNS if c not in ("role", "orgSourcedIds"))


def _when(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def _bool(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _user_row(user: User, version: str) -> dict[str, str]:
    row = {
        "sourcedId": user.sourced_id,
        "status": "" if user.status.value == "active" else user.status.value,
        "dateLastModified": _when(user.date_last_modified),
        "enabledUser": _bool(user.enabled_user),
        "username": user.username,
        "userIds": ",".join(f"{{{u.type}:{u.identifier}}}" for u in user.user_ids),
        "givenName": user.given_name,
        "familyName": user.family_name,
        "middleName": user.middle_name,
        "identifier": user.identifier,
        "email": user.email,
        "sms": user.sms,
        "phone": user.phone,
        "agentSourcedIds": ",".join(user.agent_sourced_ids),
        "grades": ",".join(user.grades),
        "password": "",
        "userMasterIdentifier": user.user_master_identifier,
        "preferredGivenName": user.preferred_given_name,
        "preferredMiddleName": user.preferred_middle_name,
        "preferredFamilyName": user.preferred_family_name,
        "primaryOrgSourcedId": user.primary_org_sourced_id or "",
        "pronouns": user.pronouns,
    }
    if version == "1.1":
        roles = {r.role_raw for r in user.roles}
        if len(roles) > 1:
            raise UsageError(
                f"user {user.sourced_id} holds several roles; OneRoster 1.1 users.csv has one"
            )
        row["role"] = next(iter(roles), "")
        row["orgSourcedIds"] = ",".join(user.org_sourced_ids)
    return row


def _role_row(user: User, index: int, role: RoleAssignment) -> dict[str, str]:
    return {
        "sourcedId": f"{user.sourced_id}-role-{index}",
        "status": "" if user.status.value == "active" else user.status.value,
        "dateLastModified": "",
        "userSourcedId": user.sourced_id,
        "roleType": role.role_type.value,
        "role": role.role_raw,
        "beginDate": _when(role.begin_date),
        "endDate": _when(role.end_date),
        "orgSourcedId": role.org_sourced_id or "",
        "userProfileSourcedId": role.user_profile or "",
    }


@one_run
def write_csv_roster(
    roster: Roster, directory: Path | str, *, version: str = "1.2", delta: bool = False
) -> Path:
    """Write ``roster`` as manifest.csv, users.csv, orgs.csv (and roles.csv for 1.2).

    Returns the directory. 1.1 cannot express secondary roles or several roles per
    user; such a roster raises :class:`~oneroster_identity.errors.UsageError` (a
    ``ValueError``) rather than losing them. With
    ``delta=True`` the manifest declares a delta (users and roles) and each user's status
    (``tobedeleted`` included) is written on its rows.
    """
    require_roster(roster, "write_csv_roster()")
    require_path(directory, "write_csv_roster(directory=...)")
    if version not in ("1.1", "1.2"):
        raise UsageError(f"version must be '1.1' or '1.2', not {version!r}")
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    with_demographics = [u for u in roster.users if u.birth_date or u.sex]
    mode = "delta" if delta else "bulk"
    files = {
        "users": mode,
        "orgs": "bulk",
        "roles": mode if version == "1.2" else "absent",
        "demographics": "bulk" if with_demographics else "absent",
    }
    with (out / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["propertyName", "value"])
        writer.writerow(["manifest.version", "1.0"])
        writer.writerow(["oneroster.version", version])
        for name, mode in files.items():
            writer.writerow([f"file.{name}", mode])
    columns = _V12_USERS if version == "1.2" else _V11_USERS
    with (out / "users.csv").open("w", newline="", encoding="utf-8") as fh:
        dict_writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        dict_writer.writeheader()
        for user in roster.users:
            if version == "1.1" and any(r.role_type is RoleType.SECONDARY for r in user.roles):
                raise UsageError(f"user {user.sourced_id} has a secondary role; 1.1 cannot hold it")
            dict_writer.writerow(_user_row(user, version))
    with (out / "orgs.csv").open("w", newline="", encoding="utf-8") as fh:
        dict_writer = csv.DictWriter(fh, fieldnames=ORGS_COLUMNS)
        dict_writer.writeheader()
        for org in roster.orgs:
            dict_writer.writerow(
                {
                    "sourcedId": org.sourced_id,
                    "status": "" if org.status.value == "active" else org.status.value,
                    "dateLastModified": "",
                    "name": org.name,
                    "type": org.type,
                    "identifier": org.identifier,
                    "parentSourcedId": org.parent_sourced_id or "",
                }
            )
    if with_demographics:
        with (out / "demographics.csv").open("w", newline="", encoding="utf-8") as fh:
            dict_writer = csv.DictWriter(fh, fieldnames=DEMOGRAPHICS_COLUMNS, restval="")
            dict_writer.writeheader()
            for user in with_demographics:
                dict_writer.writerow(
                    {
                        "sourcedId": user.sourced_id,
                        "birthDate": _when(user.birth_date),
                        "sex": user.sex,
                    }
                )
    if version == "1.2":
        with (out / "roles.csv").open("w", newline="", encoding="utf-8") as fh:
            dict_writer = csv.DictWriter(fh, fieldnames=ROLES_COLUMNS)
            dict_writer.writeheader()
            for user in roster.users:
                for index, role in enumerate(user.roles):
                    dict_writer.writerow(_role_row(user, index, role))
    return out


def rest_user(user: User, *, version: str = "1.2") -> dict[str, Any]:
    """``user`` as a OneRoster REST user object (1.1: ``role`` and ``orgs``; 1.2: ``roles``).

    >>> from oneroster_identity import Role, RoleAssignment
    >>> u = User(sourced_id="g1", given_name="Ana", roles=(RoleAssignment(
    ...     role=Role.PARENT, role_raw="parent", org_sourced_id="s1"),))
    >>> rest_user(u)["roles"]
    [{'roleType': 'primary', 'role': 'parent', 'org': {'sourcedId': 's1'}}]
    """
    if version not in ("1.1", "1.2"):
        raise UsageError(f"version must be '1.1' or '1.2', not {version!r}")
    row = _user_row(user, version)
    out: dict[str, Any] = {
        "sourcedId": user.sourced_id,
        "status": user.status.value,
        "dateLastModified": row["dateLastModified"] or None,
        "username": user.username,
        "givenName": user.given_name,
        "familyName": user.family_name,
        "middleName": user.middle_name,
        "identifier": user.identifier,
        "email": user.email,
        "sms": user.sms,
        "phone": user.phone,
        "agents": [{"sourcedId": a, "type": "user"} for a in user.agent_sourced_ids],
        "grades": list(user.grades),
        "userIds": [{"type": u.type, "identifier": u.identifier} for u in user.user_ids],
    }
    if user.enabled_user is not None:
        out["enabledUser"] = user.enabled_user
    if version == "1.1":
        out["role"] = row["role"]
        out["orgs"] = [{"sourcedId": o, "type": "org"} for o in user.org_sourced_ids]
        return out
    out["roles"] = [
        {
            "roleType": r.role_type.value,
            "role": r.role_raw,
            "org": {"sourcedId": r.org_sourced_id} if r.org_sourced_id else None,
            **({"beginDate": _when(r.begin_date)} if r.begin_date else {}),
            **({"endDate": _when(r.end_date)} if r.end_date else {}),
            **({"userProfile": {"sourcedId": r.user_profile}} if r.user_profile else {}),
        }
        for r in user.roles
    ]
    for key, value in (
        ("userMasterIdentifier", user.user_master_identifier),
        ("preferredFirstName", user.preferred_given_name),
        ("preferredMiddleName", user.preferred_middle_name),
        ("preferredLastName", user.preferred_family_name),
        ("pronouns", user.pronouns),
    ):
        if value:
            out[key] = value
    if user.primary_org_sourced_id:
        out["primaryOrg"] = {"sourcedId": user.primary_org_sourced_id, "type": "org"}
    return out


@one_run
def write_rest_roster(
    roster: Roster, path: Path | str, *, version: str = "1.2", page_size: int = 100
) -> Path:
    """Write ``roster``'s users as a JSON list of REST pages (``[{"users": [...]}, ...]``),
    then one ``{"demographics": [...]}`` page when any user has a birth date or sex: the
    shape a sync script saves after paging through ``GET /users``. Pages are written one
    at a time (a million users never exist as dicts at once). Returns the path."""
    require_roster(roster, "write_rest_roster()")
    require_path(path, "write_rest_roster(path=...)")
    if page_size < 1:
        raise UsageError("page_size must be at least 1")
    target = Path(path)
    users = roster.users
    with target.open("w", encoding="utf-8") as out:
        out.write("[")
        for start in range(0, len(users), page_size):
            page = [rest_user(u, version=version) for u in users[start : start + page_size]]
            out.write(", " if start else "")
            out.write(json.dumps({"users": page}, ensure_ascii=False))
        if not users:
            out.write(json.dumps({"users": []}))
        demographics = [
            {"sourcedId": u.sourced_id, "birthDate": _when(u.birth_date), "sex": u.sex}
            for u in users
            if u.birth_date or u.sex
        ]
        if demographics:
            out.write(", " + json.dumps({"demographics": demographics}, ensure_ascii=False))
        out.write("]")
    return target
