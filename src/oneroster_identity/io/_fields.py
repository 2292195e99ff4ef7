"""Parsers for OneRoster field values: booleans, dates, lists and ``{type:value}`` ids.

Each returns the parsed value and, when the text was not clean, a short problem
description; the caller turns that into a located diagnostic.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from oneroster_identity.models import UserId

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
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        value = dt.datetime.fromisoformat(iso)
    except ValueError:
        pass
    else:
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
    return None, "is not an ISO 8601 date or date-time", None


def parse_date(text: str) -> tuple[dt.date | None, str | None]:
    """A calendar date (beginDate/endDate), from a date or date-time text."""
    value, problem, _ = parse_datetime(text)
    return (value.date() if value else None), problem


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
