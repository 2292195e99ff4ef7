"""Regenerate the bundled sample roster: ``python benchmarks/make_sample.py``.

The sample is a generated roster (no real people) with every planted case, a
student with seven guardians, a guardian with no student, and a shared family
landline, written as a OneRoster 1.2 CSV export into the package data.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from oneroster_identity import Role, RoleAssignment, Roster, User, write_csv_roster
from oneroster_identity.synthetic import generate_roster

TARGET = Path(__file__).resolve().parent.parent / "src" / "oneroster_identity" / "data" / "sample"


def build() -> Roster:
    """The sample roster: generated households plus hand-placed special cases."""
    generated = generate_roster(households=110, seed=2026, plant_share=0.3)
    users = list(generated.roster.users)
    student = next(u for u in users if u.primary_family.value == "student")
    extra: list[User] = []
    for i in range(7):
        extra.append(
            User(
                sourced_id=f"rel-many-{i}",
                given_name=f"Relative{i}",
                family_name=student.family_name,
                roles=(
                    RoleAssignment(
                        role=Role.RELATIVE, role_raw="relative", org_sourced_id="sch-elm"
                    ),
                ),
                email=f"relative{i}.{student.family_name.lower()}@example.org",
                sms=f"603-72{i}-40{i}1",
            )
        )
    users = [
        attrs.evolve(u, agent_sourced_ids=(*u.agent_sourced_ids, *(e.sourced_id for e in extra)))
        if u is student
        else u
        for u in users
    ]
    users.append(
        User(
            sourced_id="gua-orphan",
            given_name="Dana",
            family_name="Orphan",
            roles=(
                RoleAssignment(role=Role.GUARDIAN, role_raw="guardian", org_sourced_id="sch-oak"),
            ),
            email="dana.orphan71@gmail.com",
            sms="781-664-2090",
        )
    )
    return Roster(users=users + extra, orgs=generated.roster.orgs, version="1.2")


if __name__ == "__main__":
    write_csv_roster(build(), TARGET, version="1.2")
    print(f"wrote {TARGET}")
