"""What a REST JSON object holds when it is no user: another endpoint's page, an
API error response saved in place of a page, or an object with none of a user's fields.

A sync script that pages through ``/users`` saves what each request returned. When a
token expires halfway through a large district, or the server refuses a page, the file
holds the server's error body where a page of users belongs; a script that pulls every
endpoint into one file holds ``orgs`` and ``classes`` pages beside the users. Read as
users, each was one "user object with no sourcedId", and the users the failed request
would have returned were missing unsaid. This module tells these objects apart so the
reader can say what each is (``io._rest``).
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Mapping
from typing import Any

import attrs

_BASE_FIELDS = frozenset({"status", "dateLastModified", "metadata"})
"""Fields every OneRoster object has: they say nothing about being a user."""

_OTHER_COLLECTIONS = {
    "orgs": "an orgs page",
    "org": "an org envelope",
    "academicSessions": "an academicSessions page",
    "academicSession": "an academicSession envelope",
    "classes": "a classes page",
    "class": "a class envelope",
    "courses": "a courses page",
    "course": "a course envelope",
    "enrollment": "an enrollment envelope",
    "demographic": "a demographic envelope",
    "lineItems": "a lineItems page",
    "lineItem": "a lineItem envelope",
    "results": "a results page",
    "result": "a result envelope",
    "categories": "a categories page",
    "category": "a category envelope",
    "resources": "a resources page",
    "resource": "a resource envelope",
    "scoreScales": "a scoreScales page",
    "scoreScale": "a scoreScale envelope",
}
"""The collections and envelopes of the other OneRoster REST endpoints."""

_ERROR_KEYS = frozenset(
    {
        "imsx_codemajor",
        "imsx_severity",
        "imsx_description",
        "imsx_codeminor",
        "imsx_statusinfo",
        "statusinfoset",
        "error",
        "errors",
        "error_description",
        "fault",
        "message",
        "statuscode",
    }
)
"""Keys (case-folded) of an error body: OneRoster's ``imsx_`` status fields, OAuth 2's
``error`` / ``error_description``, and the ``message`` / ``errors`` / ``fault`` bodies
of API gateways."""

_DETAIL_KEYS = (
    "imsx_codemajor",
    "imsx_severity",
    "imsx_codeminorfieldvalue",
    "statuscode",
    "status",
    "error",
    "code",
)
"""The error body's short codes, named in the diagnostic, in this order."""

_CODE = re.compile(r"[A-Za-z0-9_.\-]+(?: [A-Za-z0-9_.\-]+){0,2}")
"""A value short and plain enough to be a status code, quoted in a message (a free-text
description, which may echo an account or a name, stays in the diagnostic's value)."""


class Nature(enum.Enum):
    """What kind of thing a document that is no user is, which decides what is said."""

    ERROR = "error"
    """A server's error body: the users its request would have returned are missing."""
    STATUS = "status"
    """A OneRoster status body saying the request succeeded (``imsx_codeMajor`` success),
    with no users: nothing is missing."""
    PAGE = "page"
    """Another endpoint's page or envelope (orgs, classes...)."""
    UNKNOWN = "unknown"
    """An object with none of a user's fields, of no shape known here."""


@attrs.frozen
class OtherDocument:
    """A document-level JSON object that is no user, and what it is.

    ``kind`` reads in a sentence ("an orgs page", "an API error response");
    ``nature`` says which kind of thing it is (:class:`Nature`);
    ``codes`` are a status body's short codes (``imsx_codeMajor 'failure'``);
    ``detail`` is its text, for the diagnostic's (redactable) value."""

    kind: str
    nature: Nature = Nature.UNKNOWN
    codes: str = ""
    detail: str = ""

    @property
    def error(self) -> bool:
        """Whether it is a server's error body (the users of its request are missing)."""
        return self.nature is Nature.ERROR


def other_document(obj: Mapping[str, Any], user_fields: frozenset[str]) -> OtherDocument | None:
    """What ``obj`` is when it cannot be a user, else ``None`` (read it as a user).

    An object is a user when it has a ``sourcedId`` or any field only a user has
    (``user_fields`` less the fields every OneRoster object has, and less ``orgs`` and
    ``resources``, which name another endpoint's page as well as a user's references):
    a user object missing half its fields is still read as a user and its problems
    located there."""
    if "sourcedId" in obj:  # (first: a file of bare users asks this of every user)
        return None
    if not _own_fields(user_fields).isdisjoint(obj):
        return None
    keys = [str(key) for key in obj]
    for key in keys:
        kind = _OTHER_COLLECTIONS.get(key)
        if kind is not None:
            return OtherDocument(kind, Nature.PAGE)
    folded = {key.casefold() for key in keys}
    if any(key.startswith("imsx_") for key in folded) or not _ERROR_KEYS.isdisjoint(folded):
        found: dict[str, tuple[str, str]] = {}
        for folded_key, named in _scalars(obj):
            found.setdefault(folded_key, named)  # the first of each key
        codes = "; ".join(
            f"{name} '{found[key][1]}'"
            for key in _DETAIL_KEYS
            if key in found
            for name in (found[key][0],)
            if _CODE.fullmatch(found[key][1])
        )
        detail = "; ".join(f"{name}: {value}" for name, value in found.values())[:200]
        major = found.get("imsx_codemajor", ("", ""))[1].casefold()
        if major == "success":  # a status body with no users: an empty result, no failure
            return OtherDocument("an API status response", Nature.STATUS, codes, detail)
        return OtherDocument("an API error response", Nature.ERROR, codes, detail)
    if not keys:
        return OtherDocument("an empty object")
    listed = ", ".join(sorted(keys)[:8]) + (", ..." if len(keys) > 8 else "")
    return OtherDocument(f"an object with none of a user's fields (its keys: {listed})")


@functools.cache
def _own_fields(user_fields: frozenset[str]) -> frozenset[str]:
    """The fields only a user has, of the reader's ``user_fields``."""
    return user_fields - _BASE_FIELDS - _OTHER_COLLECTIONS.keys()


def _scalars(body: Mapping[str, Any]) -> list[tuple[str, tuple[str, str]]]:
    """``(folded key, (key, text))`` for the plain values of an error body in document
    order, six levels deep at most (``imsx_codeMinor.imsx_codeMinorField[0]
    .imsx_codeMinorFieldValue``), five elements of a list at most."""
    found: list[tuple[str, tuple[str, str]]] = []

    def walk(item: Any, level: int) -> None:
        if level > 6:
            return
        if isinstance(item, Mapping):
            for key, inner in item.items():
                if isinstance(inner, (str, int)) and not isinstance(inner, bool):
                    text = str(inner).strip()
                    if text:
                        found.append((str(key).casefold(), (str(key), text[:80])))
                else:
                    walk(inner, level + 1)
        elif isinstance(item, list):
            for inner in item[:5]:
                walk(inner, level + 1)

    walk(body, 0)
    return found
