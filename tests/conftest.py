from __future__ import annotations

from pathlib import Path

import pytest

from oneroster_identity import Role, RoleAssignment, User

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "oneroster-fixtures"


@pytest.fixture
def fixtures_dir() -> Path:
    if not FIXTURES.is_dir():
        pytest.skip("shared OneRoster fixtures are not present beside the repository")
    return FIXTURES


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
