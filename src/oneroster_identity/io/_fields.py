"""Parsers for OneRoster field values: booleans, dates, lists and ``{type:value}`` ids.

Each returns the parsed value and, when the text was not clean, a short problem
description; the caller turns that into a located diagnostic.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from functools import lru_cache

from oneroster_identity._memo import run_cache
from oneroster_identity.models import Role, RoleType, Status, UserId

MAX_FIELD_CHARS = 4096
"""Longest value a reader keeps (a name, email or phone is far shorter): a longer one is
reported as ``oversized-field`` and dropped, in CSV and REST alike."""

V12_MARKERS = frozenset({"primaryOrgSourcedId", "userMasterIdentifier", "preferredGivenName"})
"""Columns only a OneRoster 1.2 users file has (1.2 also moves ``role`` to roles.csv)."""

_TRUE = frozenset({"true"})
_FALSE = frozenset({"false"})
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_USER_ID = re.compile(r"\{([^{}:]*):([^{}]*)\}")


def parse_bool(text: str) -> tuple[bool | None, str | None]:
    """``TRUE``/``false`` in any case; anything else is a problem and gives ``None``."""
    folded = text.strip().casefold()
    if not folded:
        return None, None
    if folded in _TRUE:
        return True, None
    if folded in _FALSE:
        return False, None
    return None, "is not a boolean (expected true or false)"


@run_cache
@lru_cache(maxsize=4096)
def parse_datetime(text: str) -> tuple[dt.datetime | None, str | None, str | None]:
    """An ISO 8601 date or date-time as an aware UTC datetime.

    Returns ``(value, problem, note)``: ``problem`` when the text cannot be used,
    ``note`` when it was accepted but is not ISO 8601 (a day-first ``15/06/2023``,
    which has only one reading). Ambiguous slash dates such as ``1/05/2023`` are
    problems: guessing the month would be silent corruption.
    """
    text = text.strip()
    if not text:
        return None, None, None
    value = _from_iso(text)
    if value is not None:
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC), None, None
    match = _SLASH_DATE.match(text)
    if match:
        first, second, year = (int(g) for g in match.groups())
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            month, day = first, second
        else:
            return None, "is an ambiguous date (day/month or month/day); use YYYY-MM-DD", None
        try:
            value = dt.datetime(year, month, day, tzinfo=dt.UTC)
        except ValueError:
            return None, "is not a valid date", None
        return value, None, "is not ISO 8601 but has only one reading; accepted"
    if _SERIAL.fullmatch(text):
        # (since session 55: a date column that went through a spreadsheet as numbers)
        return (
            None,
            (
                "is a number, not a date: a spreadsheet's date serial number (a date cell "
                "formatted as a number)? Export the dates as YYYY-MM-DD"
            ),
            None,
        )
    return None, "is not an ISO 8601 date or date-time", None


_SERIAL = re.compile(r"[1-9]\d{4}(?:\.\d+)?")
"""A spreadsheet's date serial number of this century or the last (10000 is 1927 in
Excel's 1900 system, 99999 is 2173), a fraction of a day after it for a date-time."""


def parse_date(text: str) -> tuple[dt.date | None, str | None]:
    """A calendar date (birthDate, beginDate, endDate), from a date or date-time text: the
    day as written, whatever offset follows it. A birth date exported as a date-time
    (``2016-05-12T00:00:00+10:00``) is the 12th where it was written; read as a moment in
    UTC it was the 11th, another child's birth date (fixed in session 45).

    >>> parse_date("2016-05-12T00:00:00+10:00"), parse_date("2016-05-12T23:30:00-05:00")
    ((datetime.date(2016, 5, 12), None), (datetime.date(2016, 5, 12), None))
    """
    written = _from_iso(text.strip())
    if written is not None:
        return written.date(), None  # the day as written, before any move to UTC
    value, problem, _ = parse_datetime(text)  # a slash date (a day, no offset), or none
    return (value.date() if value else None), problem


def _from_iso(text: str) -> dt.datetime | None:
    """``text`` (stripped) as an ISO 8601 date or date-time, its offset kept as written (a
    final ``Z`` is UTC), or ``None`` when it is none."""
    try:
        return dt.datetime.fromisoformat(
            text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
        )
    except ValueError:
        return None


def parse_list(text: str) -> tuple[str, ...]:
    """A comma-separated multi-valued field, trimmed, empties dropped, order kept."""
    if not text:
        return ()
    if "," not in text:
        stripped = text.strip()
        return (stripped,) if stripped else ()
    return tuple(p for p in (part.strip() for part in text.split(",")) if p)


def parse_user_ids(text: str) -> tuple[tuple[UserId, ...], str | None]:
    """``{LDAP:12},{LTI:15}`` as user ids; a bare value becomes an id with an empty type."""
    text = text.strip()
    if not text:
        return (), None
    found = _USER_ID.findall(text)
    if found:
        leftover = _USER_ID.sub("", text).replace(",", "").strip()
        ids = tuple(UserId(type=t.strip(), identifier=v.strip()) for t, v in found)
        return ids, ("has text outside the {type:value} entries" if leftover else None)
    return (UserId(type="", identifier=text),), "is not in the {type:value} form; kept as one id"


def parse_status(text: str) -> tuple[Status, str | None, str | None]:
    """A record ``status`` as ``(status, problem, note)``, one reading for every reader.

    ``active`` and ``tobedeleted`` in any case; empty is active. ``inactive`` is the
    OneRoster 1.0 value that 1.1 consumers treat as ``tobedeleted``: it is kept as
    :attr:`Status.INACTIVE` (the record takes no part in matching) with a ``note``.
    Anything else is a ``problem`` and reads as active, so no record is lost.
    """
    folded = text.strip().casefold()
    if not folded or folded == "active":
        return Status.ACTIVE, None, None
    if folded == "tobedeleted":
        return Status.TO_BE_DELETED, None, None
    if folded == "inactive":
        return (
            Status.INACTIVE,
            None,
            "status 'inactive' is the OneRoster 1.0 value; read like tobedeleted "
            "(the record takes no part in the sync)",
        )
    return Status.ACTIVE, "status is not active or tobedeleted; read as active", None


def parse_role(text: str) -> tuple[Role | None, str | None, str | None]:
    """A role value as ``(role, problem, note)``: unknown values are a problem (kept with
    an unknown role), a known role in other case is a note."""
    role = Role.parse(text)
    if role is None:
        problem = (
            "role is not a OneRoster 1.1/1.2 role"
            + _role_hint(text)
            + "; the record is kept with an unknown role"
            if text
            else "role is empty; the record is kept with an unknown role"
        )
        return None, problem, None
    if role.value != text:
        return role, None, f"role read as '{role.value}'"
    return role, None, None


_ROLE_WORDS = (
    (
        frozenset({
            "parent", "parents", "guardian", "guardians", "mother", "father", "mom", "dad",
            "grandparent", "grandmother", "grandfather", "stepparent", "stepmother",
            "stepfather", "foster", "contact", "contacts", "family", "relative", "relatives",
            "caregiver",
        }),
        "a guardian's role in the export's own words: OneRoster writes guardian, parent or "
        "relative",
    ),
    (
        frozenset({
            "faculty", "staff", "employee", "employees", "instructor", "educator",
            "substitute", "sub", "admin", "administration", "secretary", "clerk",
            "paraprofessional", "para", "nurse", "librarian",
        }),
        "a staff member's role in the export's own words: OneRoster writes teacher, aide, "
        "administrator, counselor, principal, proctor or another of its staff roles",
    ),
    (
        frozenset({"learner", "learners", "pupil", "pupils", "students"}),
        "a student's role in the export's own words: OneRoster writes student",
    ),
)  # fmt: skip
"""Words an export's own vocabulary uses for OneRoster's role families."""


def _role_hint(text: str) -> str:
    """What an unknown role value reads like (``Parent/Guardian``, ``Faculty``), for the
    warning: the export maps its own vocabulary, and a sync classes a record by
    OneRoster's words only (since session 55). ``""`` when it reads like none, or like
    several families."""
    words = set(re.split(r"[^a-z]+", text.casefold())) - {""}
    found = [said for vocabulary, said in _ROLE_WORDS if words & vocabulary]
    if len(found) != 1:
        return ""
    return f" ({found[0]}, and a sync classes a record by those words only)"


def parse_role_type(text: str) -> tuple[RoleType, str | None]:
    """A 1.2 ``roleType``: primary (also when empty) or secondary; anything else is a
    problem and reads as primary."""
    folded = text.strip().casefold()
    if folded == "secondary":
        return RoleType.SECONDARY, None
    if folded in ("", "primary"):
        return RoleType.PRIMARY, None
    return RoleType.PRIMARY, "roleType is not primary or secondary; read as primary"


def detect_version(declared: str, columns: Collection[str]) -> str:
    """``1.1`` or ``1.2`` from a declared version (the manifest's), else from the user
    fields present, named as users.csv columns: 1.2 has no ``role`` column and has
    columns 1.1 lacks (:data:`V12_MARKERS`). The CSV and REST readers both use this."""
    if declared.startswith("1.2"):
        return "1.2"
    if declared.startswith(("1.1", "1.0")):
        return "1.1"
    if "role" not in columns or any(c in columns for c in V12_MARKERS):
        return "1.2"
    return "1.1"
