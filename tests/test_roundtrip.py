"""Property test: a roster written as CSV and read back gives the same models."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneroster_identity import Role, RoleAssignment, Roster, User, read_roster, write_csv_roster

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")), max_size=20
).map(str.strip)
ids = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)


@st.composite
def users(draw: st.DrawFn) -> list[User]:
    sourced = draw(st.lists(ids, min_size=1, max_size=8, unique=True))
    out = []
    for sid in sourced:
        role = draw(st.sampled_from(list(Role)))
        out.append(
            User(
                sourced_id=sid,
                given_name=draw(text),
                family_name=draw(text),
                middle_name=draw(text),
                email=draw(text),
                sms=draw(text),
                roles=(RoleAssignment(role=role, role_raw=role.value, org_sourced_id="org-1"),),
                grades=tuple(
                    g for g in draw(st.lists(st.sampled_from(["KG", "01", "12"]), max_size=2))
                ),
            )
        )
    return out


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(users(), st.sampled_from(["1.1", "1.2"]))
def test_write_then_read_gives_equal_users(generated: list[User], version: str) -> None:
    roster = Roster(users=generated)
    with tempfile.TemporaryDirectory() as tmp:
        write_csv_roster(roster, Path(tmp), version=version)
        back = read_roster(tmp)
    assert back.users == roster.users
