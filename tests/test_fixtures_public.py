"""The public OneRoster samples in ../shared/oneroster-fixtures load with the diagnostics they deserve."""

from __future__ import annotations

from pathlib import Path

import pytest

from oneroster_identity import Severity, read_roster
from oneroster_identity.match import match

CASES = {
    "moodle-enrol-oneroster/Test_full_data_set": ("1.1", 6, set()),
    "moodle-enrol-oneroster/Test_minimal_data_set": ("1.1", 6, set()),
    # its manifest declares users and roles deltas: checked alone, it says so
    "moodle-enrol-oneroster/oneroster_test_data": ("1.2", 1, {"delta-without-base"}),
    "moodle-enrol-oneroster/v1p2_full_dataset": ("1.2", 6, {"bad-date"}),
    "oat-oneroster-import/OneRosterv1p1BaseCSV": ("1.1", 2, set()),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_public_fixture_loads(fixtures_dir: Path, name: str) -> None:
    version, count, warning_codes = CASES[name]
    roster = read_roster(fixtures_dir / name)
    assert roster.version == version
    assert len(roster.users) == count
    assert roster.rejected_rows == 0
    problems = {d.code for d in roster.diagnostics if d.severity is not Severity.INFO}
    assert problems == warning_codes
    result = match(roster)
    assert sorted(s for p in result.persons for s in p.sourced_ids) == sorted(
        u.sourced_id for u in roster.users
    )


@pytest.mark.parametrize("name", ["Test_full_data_set", "v1p2_full_dataset"])
def test_a_teacher_listing_a_teacher_is_named_not_dropped(fixtures_dir: Path, name: str) -> None:
    """The Moodle samples' teacher Jim Smith lists the teacher John Doe among his agents:
    no family link, and since session 53 a finding says so."""
    roster = read_roster(fixtures_dir / "moodle-enrol-oneroster" / name)
    assert roster.same_kind_links == (("usr-222-987654", "usr-222-123456"),)
    (found,) = [f for f in match(roster).findings if f.code == "agent-same-kind"]
    assert (found.sourced_id, found.value) == ("usr-222-987654", "usr-222-123456")
    assert "another adult record" in found.message


@pytest.mark.parametrize(
    ("name", "linked"),
    [
        (
            "Test_full_data_set",
            {
                "usr-222-123456": ("usr-222-1234561232", "usr-222-66778899"),
                "usr-222-987654": ("usr-222-567891",),
            },
        ),
        # the 1.2 set gives John Doe a guardian role (his links are a parent's), and
        # Thomas Jones, a parent in the 1.1 set, only the role siteAdministrator
        (
            "v1p2_full_dataset",
            {
                "usr-222-1234561": ("usr-222-66778899",),
                "usr-222-987654": ("usr-222-567891",),
            },
        ),
    ],
)
def test_students_linked_to_their_teachers_are_named(
    fixtures_dir: Path, name: str, linked: dict[str, tuple[str, ...]]
) -> None:
    """The Moodle samples list teachers among students' agents; a teacher with no
    guardian role so linked is a warning since session 53 (read as a guardian unsaid
    before)."""
    roster = read_roster(fixtures_dir / "moodle-enrol-oneroster" / name)
    found = {
        f.sourced_id: f.related
        for f in match(roster).findings
        if f.code == "staff-linked-to-students"
    }
    assert found == linked


def test_v1p2_quirks_are_reported_not_lost(fixtures_dir: Path) -> None:
    roster = read_roster(fixtures_dir / "moodle-enrol-oneroster/v1p2_full_dataset")
    codes = {d.code for d in roster.diagnostics}
    assert {"column-alias", "empty-header-cell", "bad-date"} <= codes
    ambiguous = [
        d for d in roster.diagnostics if d.code == "bad-date" and d.severity is Severity.WARNING
    ]
    assert all(d.value == "1/05/2023" for d in ambiguous)
    user = roster.users_by_id["usr-222-66778899"]
    assert user.preferred_given_name == "MJ"
    assert roster.users_by_id["usr-222-1234561"].roles[-1].role_raw == "siteAdministrator"


@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("moodle-enrol-oneroster/oneroster_test_data", "2023-10-02"),
        ("moodle-enrol-oneroster/Test_full_data_set", "2023-06-15"),
        ("moodle-enrol-oneroster/Test_minimal_data_set", None),  # no dateLastModified
    ],
)
def test_the_export_day_is_read_off_a_real_export(
    fixtures_dir: Path, name: str, day: str | None
) -> None:
    """A real export's newest ``dateLastModified`` is the day birth dates are checked
    against (since session 45); its student born 2010-04-17 keeps the date as evidence."""
    import datetime as dt

    roster = read_roster(fixtures_dir / name)
    result = match(roster)
    assert result.export_date == (None if day is None else dt.date.fromisoformat(day))
    codes = {f.code for f in result.findings}
    assert not codes & {"birth-date-after-export", "export-date-unknown"}
    for sid, facts in result.facts.items():
        assert facts.birth_date == roster.users_by_id[sid].birth_date


def test_full_data_set_phones_and_shared_number(fixtures_dir: Path) -> None:
    roster = read_roster(fixtures_dir / "moodle-enrol-oneroster/Test_full_data_set")
    result = match(roster)
    codes = {(f.code, f.sourced_id) for f in result.findings}
    assert ("invalid-phone", "usr-222-1234561232") in codes
    # 603-123-4567 is shared by a student and a teacher, but its exchange starts with 1:
    # not a valid NANP number, so it is reported on both records and is no identity.
    assert ("invalid-phone", "usr-222-66778899") in codes
    assert ("invalid-phone", "usr-222-987654") in codes
    assert not [n for n in result.near_misses if n.kind.value == "shared-contact"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_public_fixture_as_rest_pages_gives_the_same_users_and_result(
    fixtures_dir: Path, name: str, tmp_path: Path
) -> None:
    """Real exports written as REST pages (one user a page, so every path differs) read
    back as the same users and match alike: the REST reader is checked on data this
    project did not generate."""
    from oneroster_identity.io import write_rest_roster

    roster = read_roster(fixtures_dir / name)
    path = write_rest_roster(roster, tmp_path / "pages.json", version=roster.version, page_size=1)
    rest = read_roster(path)
    assert rest.users == roster.users
    expected, got = match(roster), match(rest)
    assert [p.sourced_ids for p in got.persons] == [p.sourced_ids for p in expected.persons]
    assert [(n.kind, n.sourced_ids) for n in got.near_misses] == [
        (n.kind, n.sourced_ids) for n in expected.near_misses
    ]
    assert [f.sort_key() for f in got.findings] == [f.sort_key() for f in expected.findings]
