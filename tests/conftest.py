from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from oneroster_identity import Role, RoleAssignment, Roster, User
from oneroster_identity.advice import apply_fixes, choice_fixes
from oneroster_identity.match import Choice, ChoiceOption, MatchResult, NearMiss, NearMissKind

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "oneroster-fixtures"


@pytest.fixture
def fixtures_dir() -> Path:
    if not FIXTURES.is_dir():
        pytest.skip("shared OneRoster fixtures are not present beside the repository")
    return FIXTURES


def rest_user(sid: str, role: str, given: str, family: str, **kw: Any) -> dict[str, Any]:
    """A REST ``users`` item of one role, for hand-written rosters."""
    return {"sourcedId": sid, "role": role, "givenName": given, "familyName": family, **kw}


def rest_kid(sid: str, given: str, family: str, *guardians: str, **kw: Any) -> dict[str, Any]:
    """A REST student item linked to ``guardians``."""
    agents = [{"sourcedId": g} for g in guardians]
    return rest_user(sid, "student", given, family, agents=agents, **kw)


def likely_groups(result: MatchResult) -> list[set[str]]:
    """The records of each likely-same item of a result."""
    return [set(n.sourced_ids) for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def user(
    sid: str, role: str, given: str, family: str, email: str = "", sms: str = "", **kw: object
) -> User:
    """A user of one role at school ``s1``, for hand-written rosters."""
    r = Role(role)
    return User(
        sourced_id=sid,
        given_name=given,
        family_name=family,
        email=email,
        sms=sms,
        roles=(RoleAssignment(role=r, role_raw=r.value, org_sourced_id="s1"),),
        **kw,  # type: ignore[arg-type]
    )


_STAFF_ROLES = frozenset({"teacher", "aide", "administrator", "proctor"})


def per_child_records(
    records: Iterable[Mapping[str, str]], *, children: str = "Garcia"
) -> list[User]:
    """One person typed once per child, as a per-child export lists a parent: record ``n``
    (keys ``given``, ``family``, ``email``, ``sms`` and an optional ``role``, ``parent``
    by default) is ``g<n>``, linked to a child ``s<n>`` of family ``children`` of its own;
    a staff role's record is linked to no child."""
    users: list[User] = []
    for n, r in enumerate(records, start=1):
        role = r.get("role", "parent")
        names = (r["given"], r["family"], r["email"], r["sms"])
        if role in _STAFF_ROLES:
            users.append(user(f"g{n}", role, *names))
            continue
        users.append(user(f"g{n}", role, *names, agent_sourced_ids=(f"s{n}",)))
        users.append(user(f"s{n}", "student", f"Kid{n}", children, agent_sourced_ids=(f"g{n}",)))
    return users


def follow_advice(
    users: Iterable[User],
    items: Iterable[NearMiss],
    pick: Callable[[Choice], ChoiceOption] = lambda choice: choice.options[0],
) -> list[User]:
    """``users`` once a person has followed the items' advice in the SIS: each fix typed,
    and for each choice the option ``pick`` chooses set on every record of its item
    (through the library's :func:`~oneroster_identity.advice.apply_fixes`, which refuses
    two items' advice that sets one field to different values)."""
    roster = Roster(users=list(users))
    fixes = [fix for near in items for fix in (*near.fixes, *choice_fixes(roster, near, pick))]
    return list(apply_fixes(roster, fixes).users)


def guardians_per_child(*records: tuple[str, str]) -> list[dict[str, object]]:
    """REST users: a guardian per ``(given, family)`` record, all on the family's email and
    SMS phone, each linked to a child of its own (a parent typed once per child)."""
    users: list[dict[str, object]] = [
        {
            "sourcedId": f"g{i}",
            "role": "guardian",
            "givenName": given_name,
            "familyName": family,
            "email": "ruiz.family@gmail.com",
            "sms": "6032847142",
        }
        for i, (given_name, family) in enumerate(records, 1)
    ]
    users += [
        {
            "sourcedId": f"k{i}",
            "role": "student",
            "givenName": kid,
            "familyName": "Ruiz",
            "agents": [{"sourcedId": f"g{i}"}],
        }
        for i, kid in enumerate(("Eva", "Leo", "Ana")[: len(records)], 1)
    ]
    return users
