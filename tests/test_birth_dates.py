"""Birth dates that are no one's (``match._birth_dates``, since session 45): a day after the
export, a day years from the roster's own records of its grade; what the check says of
them and what a student entered twice is told. (The crowded fill-in day of session 44 is
tested in test_household.py, beside the weights it is calibrated with.)"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import likely_groups, rest_kid, rest_user, user

from oneroster_identity import Policy, read_rest_users
from oneroster_identity.diagnostics import Severity
from oneroster_identity.match import MatchResult, NearMissKind, match
from oneroster_identity.models import Roster

_user, _kid, _likely = rest_user, rest_kid, likely_groups


def _dated(users: list[dict[str, Any]], dates: dict[str, str], **policy: Any) -> MatchResult:
    demographics = [{"sourcedId": s, "birthDate": d} for s, d in dates.items()]
    roster = read_rest_users([{"users": users}, {"demographics": demographics}])
    return match(roster, Policy(**policy))


_MODIFIED = "2026-09-01T10:00:00Z"


def _twice_in_one_family() -> list[dict[str, Any]]:
    """A child entered twice under her mother (no other evidence than the family)."""
    org = [{"sourcedId": "sch1"}]
    return [
        _user("g1", "parent", "Rosa", "Garcia", email="rg@gmail.com", dateLastModified=_MODIFIED),
        _kid("s1", "Sofia", "Garcia", "g1", grades=["04"], orgs=org, dateLastModified=_MODIFIED),
        _kid("s2", "Sofia", "Garcia", "g1", grades=["04"], orgs=org, dateLastModified=_MODIFIED),
    ]


@pytest.mark.parametrize("late", ["2026-10-05", "2061-05-12", "2030-01-05"])
def test_a_birth_date_after_the_export_is_no_evidence_and_a_finding(late: str) -> None:
    """A child entered twice under one mother, one record's birth date a day after the
    export: no one is born then, yet the date read as another child's (-8: no item), or
    as a slip at best. It is now no birth date, the pair is the likely-same item the
    family alone makes, and a warning names the record and its date (since session 45)."""
    users = _twice_in_one_family()
    result = _dated(users, {"s1": "2016-05-12", "s2": late})
    undated = _dated(users, {"s1": "2016-05-12"})
    assert _likely(result) == _likely(undated) == [{"s1", "s2"}]
    assert result.export_date == dt.date(2026, 9, 2)  # the day it already was at UTC+14
    assert result.facts["s2"].birth_date is None
    assert result.facts["s2"].user.birth_date == dt.date.fromisoformat(late)  # kept
    assert result.facts["s1"].birth_date == dt.date(2016, 5, 12)
    [finding] = [f for f in result.findings if f.code == "birth-date-after-export"]
    assert (finding.sourced_id, finding.field, finding.value) == ("s2", "birthDate", late)
    assert finding.severity is Severity.WARNING
    assert "after 2026-09-02 (the newest dateLastModified in the export)" in finding.message
    assert late not in finding.message  # the value is the finding's, redactable


def test_the_export_day_is_the_newest_modification_read_at_the_last_time_zone() -> None:
    """The day checked against is the newest ``dateLastModified``, as a calendar day it
    already was somewhere (UTC+14): a birth date that day is kept, the next day's is not.
    Without any ``dateLastModified`` nothing is checked, unless the policy gives the day;
    a date past 2099 (``9999-12-31``) is a database's stand-in, no evidence and no
    warning, as ``1900-01-01`` is."""
    users = _twice_in_one_family()
    late = {"s1": "2026-09-02", "s2": "2026-09-03", "g1": "9999-12-31"}
    result = _dated(users, late)
    assert [f.sourced_id for f in result.findings if f.code == "birth-date-after-export"] == ["s2"]
    assert result.facts["g1"].birth_date is None
    for u in users:
        del u["dateLastModified"]
    undated = _dated(users, late)
    assert undated.export_date is None
    assert undated.facts["s2"].birth_date == dt.date(2026, 9, 3)
    assert not [f for f in undated.findings if f.code == "birth-date-after-export"]
    given = _dated(users, late, export_date="2026-09-01")
    assert given.export_date == dt.date(2026, 9, 1)
    found = [f for f in given.findings if f.code == "birth-date-after-export"]
    assert [f.sourced_id for f in found] == ["s1", "s2"]
    assert "(the export date the check was given)" in found[0].message


def _many_modified(
    records: int, ahead: dict[str, str], modified: str = _MODIFIED
) -> list[dict[str, Any]]:
    """A child entered twice under her mother, beside ``records`` staff records modified
    on ``modified``; each record of ``ahead`` (sourcedId: its ``dateLastModified``)
    among the staff."""
    users = _twice_in_one_family()
    for i in range(records):
        sid = f"t{i:05d}"
        users.append(
            _user(sid, "teacher", f"T{i}", "Lee", dateLastModified=ahead.get(sid, modified))
        )
    return users


def test_a_lone_modification_years_ahead_of_the_rest_is_no_export_day() -> None:
    """One record of 2,000 whose ``dateLastModified`` is a slip of the year (2062 for
    2026): its day was the export's, so a birth date typed 2031 for 2016 was before it
    and read as a real one, and nothing said so. Since session 47 a few records (at most
    10, one in 1,000 of the dated ones) more than a year after every other record's are
    left out, and an info finding names each; the slip of the birth date is found."""
    users = _many_modified(2_000, {"t00007": "2062-09-01T10:00:00Z"})
    result = _dated(users, {"s1": "2016-05-12", "s2": "2031-05-12"})
    assert result.export_date == dt.date(2026, 9, 2)
    [ahead] = [f for f in result.findings if f.code == "modified-after-export"]
    assert (ahead.sourced_id, ahead.field, ahead.value) == (
        "t00007",
        "dateLastModified",
        "2062-09-02",
    )
    assert ahead.severity is Severity.INFO
    assert "reads off the other records (the newest: 2026-09-02)" in ahead.message
    [late] = [f for f in result.findings if f.code == "birth-date-after-export"]
    assert late.sourced_id == "s2"
    assert "leaving out 1 more than a year after all the others" in late.message
    assert _likely(result) == [{"s1", "s2"}]


@pytest.mark.parametrize(
    ("records", "ahead"),
    [
        (990, {"t00007": "2062-09-01T10:00:00Z"}),  # too few records to tell
        (2_000, {"t00007": "2027-08-01T10:00:00Z"}),  # less than a year ahead
        (2_000, {"t00007": "2062-09-01T10:00:00Z", "t00008": "2062-09-01T10:00:00Z",
                 "t00009": "2062-09-01T10:00:00Z"}),  # more than one in 1,000
        (20_000, {f"t{i:05d}": "2062-09-01T10:00:00Z" for i in range(11)}),  # more than 10
    ],
)  # fmt: skip
def test_modifications_ahead_are_left_out_only_when_few_and_a_year_ahead(
    records: int, ahead: dict[str, str]
) -> None:
    """A roster too small to say, a date less than a year ahead (a record changed after
    a long quiet spell), or more than a few ahead (a stale roster, its new records
    ahead of old ones): the newest ``dateLastModified`` stays the export's day."""
    users = _many_modified(records, ahead)
    result = _dated(users, {"s1": "2016-05-12"})
    newest = max(dt.date.fromisoformat(d[:10]) for d in ahead.values())
    assert result.export_date == newest + dt.timedelta(days=1)  # 10:00 UTC + 14 h
    assert not [f for f in result.findings if f.code == "modified-after-export"]


def test_a_record_ahead_is_never_the_most_recently_modified_in_a_choice() -> None:
    """A mother typed twice (`Sofia`, `Sophia`) on one email and number, one record's
    ``dateLastModified`` a slip of the year: the choice of given name noted that record
    "most recently modified", pointing a person at it for its slip. A date the run reads
    as no day of change is no such note; the other record, changed on the export's day,
    is (since session 47)."""
    users = _many_modified(2_000, {})
    contact = {"email": "sreyes@gmail.com", "sms": "617-555-2368"}
    users += [
        _user("p1", "parent", "Sofia", "Reyes", dateLastModified=_MODIFIED, **contact),
        _user(
            "p2", "parent", "Sophia", "Reyes", dateLastModified="2062-09-01T10:00:00Z", **contact
        ),
    ]
    result = _dated(users, {})
    [item] = [n for n in result.near_misses if set(n.sourced_ids) == {"p1", "p2"}]
    [choice] = [c for c in item.choices if c.field == "givenName"]
    notes = {o.sourced_ids: o.note for o in choice.options}
    assert "most recently modified" in notes[("p1",)]
    assert "most recently modified" not in notes[("p2",)]


def test_a_record_ahead_is_named_when_the_others_newest_day_is_not_trusted_either() -> None:
    """A record years ahead beside an export whose ``dateLastModified`` is each record's
    creation day (whole cohorts born after it): the day read off the others is not
    trusted, as any such day; both findings say so, and no birth date is taken out."""
    users = _many_modified(2_000, {"t00007": "2062-09-01T10:00:00Z"})
    kids = [_kid(f"k{i:03d}", f"K{i}", "Lee", "g1", dateLastModified=_MODIFIED) for i in range(40)]
    dates = {f"k{i:03d}": f"2027-03-{i % 28 + 1:02d}" for i in range(40)}
    result = _dated(users + kids, dates)
    assert result.export_date is None
    codes = Counter(f.code for f in result.findings)
    assert codes["modified-after-export"] == 1 and codes["export-date-unknown"] == 1
    assert codes["birth-date-after-export"] == 0
    assert result.facts["k000"].birth_date == dt.date(2027, 3, 1)


def test_the_records_ahead_are_found_among_ten_on_a_large_roster() -> None:
    """Ten records ahead of 10,000, two of them on other days of the future: each is
    named, the export's day is the others' newest."""
    ahead = {f"t{i:05d}": "2062-09-01T10:00:00Z" for i in range(8)}
    ahead |= {"t09998": "2099-12-31T00:00:00Z", "t09999": "2030-01-01T00:00:00Z"}
    result = _dated(_many_modified(10_000, ahead), {})
    assert result.export_date == dt.date(2026, 9, 2)
    found = sorted(f.sourced_id for f in result.findings if f.code == "modified-after-export")
    assert found == sorted(ahead)


@pytest.mark.parametrize(
    ("late", "said"),
    [
        ("2026-10-05", "s2's is a day after the export"),
        ("1900-01-01", None),  # a stand-in says "unknown": no wrong value
        ("2016-01-01", None),  # a real New Year's birthday is possible: no word
    ],
)
def test_a_child_entered_twice_is_told_to_keep_a_real_birth_date(
    late: str, said: str | None
) -> None:
    """Keeping one record of a child entered twice keeps its birth date: when the roster
    cannot say which record to keep and one carries no real birth date, the advice asks
    for the child's real one on the record kept, saying whose date is no real one and
    why; it offers no value (the other record's date may be wrong too)."""
    result = _dated(_twice_in_one_family(), {"s1": "2016-05-12", "s2": late})
    [item] = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    asked = "with the child's real birth date on the record kept"
    if said is None:
        assert asked not in item.summary
    else:
        assert f"{asked} ({said}): records without" in item.summary
    assert late not in item.summary and "2016-05-12" not in item.summary


def test_the_record_kept_is_told_when_its_own_birth_date_is_no_real_one() -> None:
    from oneroster_identity.match._keep import Keeping
    from oneroster_identity.match._likely_items import _real_birth_date

    why = {"s2": "a day after the export"}
    for keep, told in (("s2", True), ("s1", False)):
        keeping = Keeping(enrolled=(), keep=keep, clause=f"keep {keep}")
        clause = _real_birth_date(keeping, ["s1", "s2"], why).clause
        assert clause == (
            "keep s2, with the child's real birth date on s2 (its own is a day after the export)"
            if told
            else "keep s1"
        )


def test_a_crowded_day_after_the_export_is_named_once_as_crowded() -> None:
    """A fill-in day after the export (a district dating every unknown birth the first
    day of next school year) is one ``birth-date-on-many-records`` finding, not one
    ``birth-date-after-export`` per record; other late dates are still each named, and
    facts of no such date are left as they were."""
    from oneroster_identity.match._birth_dates import forget_unreal_birth_dates

    fill, late = dt.date(2026, 8, 31), dt.date(2030, 1, 5)
    kids = [
        _kid(f"k{i:03d}", f"Kid{i:03d}", "Other", dateLastModified=_MODIFIED) for i in range(330)
    ]
    born = {f"k{i:03d}": str(dt.date(2014, 9, 1) + dt.timedelta(days=i)) for i in range(300)}
    born |= {f"k{i:03d}": str(fill) for i in range(300, 329)} | {"k329": str(late)}
    result = _dated(kids, born)
    codes = Counter(f.code for f in result.findings)
    assert (codes["birth-date-on-many-records"], codes["birth-date-after-export"]) == (1, 1)
    facts = dict(result.facts)
    kept = facts["k000"]
    again = forget_unreal_birth_dates(facts, dt.date(2026, 9, 2))
    assert (again.crowded, again.late) == ({}, [])  # the run took them out already
    assert facts["k000"] is kept
    from oneroster_identity.match._birth_dates import (
        BirthDateCheck,
        GradeCohorts,
        UnrealBirthDates,
    )

    unreal = UnrealBirthDates(crowded={fill: ["k300", "k301"]}, late=[("k329", late)], day=None)
    cohorts = GradeCohorts(middles={}, out_of_grade=[])
    said = BirthDateCheck(unreal=unreal, cohorts=cohorts, read_off=None, given=False).dateless()
    assert said == {
        "k300": "a day on far more records than are born on one day",
        "k301": "a day on far more records than are born on one day",
        "k329": "a day after the export",
    }


@pytest.mark.parametrize("late", [11, 12, 40])
def test_a_modification_date_older_than_whole_cohorts_is_no_export_day(late: int) -> None:
    """An export whose ``dateLastModified`` is each record's creation day (or one constant)
    puts whole cohorts born after its newest one: the day, not their dates, is wrong, so
    it is not used (no warning per record, no date taken out of the evidence) and an info
    finding ``export-date-unknown`` says so. Up to ten late records, and one in a hundred
    of the dated ones, are slips; a day the policy gives is trusted whatever it makes late."""
    stale = "2015-06-30T00:00:00Z"
    kids = [_kid(f"k{i:03d}", f"Kid{i:03d}", "Other", dateLastModified=stale) for i in range(200)]
    days = [dt.date(2010, 1, 2) + dt.timedelta(days=9 * i) for i in range(200)]
    # (no January 1st: a stand-in, which is no birth date to count)
    born = {
        f"k{i:03d}": str(d + dt.timedelta(days=d.timetuple().tm_yday == 1))
        for i, d in enumerate(days)
    }
    for i in range(late):  # the youngest cohort, born after the stale day
        born[f"k{i:03d}"] = str(dt.date(2015, 7, 2) + dt.timedelta(days=i))
    result = _dated(kids, born)
    after = sum(dt.date.fromisoformat(d) > dt.date(2015, 6, 30) for d in born.values())
    trusted = after <= 10 + 200 // 100
    codes = Counter(f.code for f in result.findings)
    assert codes["birth-date-after-export"] == (after if trusted else 0)
    assert codes["export-date-unknown"] == (0 if trusted else 1)
    assert (result.export_date is None) is not trusted
    assert (result.facts["k000"].birth_date is None) is trusted
    if not trusted:
        [info] = [f for f in result.findings if f.code == "export-date-unknown"]
        assert (info.field, info.value, info.severity) == (
            "dateLastModified",
            "2015-06-30",
            Severity.INFO,
        )
        assert info.message.startswith(f"{after} birth dates are after the newest")
    given = _dated(kids, born, export_date="2015-06-30")
    assert Counter(f.code for f in given.findings)["birth-date-after-export"] == after


def _fourth_graders(n: int = 40, first: int = 0) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """``n`` fourth graders of other names, born over 2016 (a grade of a 2026-27 roster)."""
    kids = [_kid(f"k{i:03d}", f"Kid{i:03d}", "Other", grades=["04"]) for i in range(first, n)]
    born = {
        f"k{i:03d}": str(dt.date(2016, 1, 2) + dt.timedelta(days=9 * i)) for i in range(first, n)
    }
    return kids, born


@pytest.mark.parametrize(
    ("typed", "far"),
    [
        ("2021-08-30", True),  # the day the child entered kindergarten
        ("1986-05-12", True),  # the mother's birth date
        ("2013-09-20", False),  # held back: three years older than most
        ("2016-05-21", False),  # another child's real date (a slip of the day)
    ],
)
def test_a_birth_date_years_from_its_grades_is_no_evidence(typed: str, far: bool) -> None:
    """A fourth grader entered twice under one mother, the second form's birth date the
    day the child entered school (or the mother's): it read as another child (-8.0: no
    item). A date more than five years before (3.5 after) the middle birth date of the
    roster's own fourth graders is now no birth date, the pair is the likely-same item the
    family makes, and a warning names the record; a child held back stays dated."""
    org = [{"sourcedId": "sch1"}]
    users = [
        _user("g1", "parent", "Rosa", "Garcia", email="rg@gmail.com"),
        _kid("s1", "Sofia", "Garcia", "g1", grades=["04"], orgs=org),
        _kid("s2", "Sofia", "Garcia", "g1", grades=["4"], orgs=org),
    ]
    kids, born = _fourth_graders()
    result = _dated(users + kids, {**born, "s1": "2016-05-12", "s2": typed})
    assert (result.facts["s2"].birth_date is None) is far
    found = [f for f in result.findings if f.code == "birth-date-outside-grade"]
    assert [(f.sourced_id, f.value) for f in found] == ([("s2", typed)] if far else [])
    if far:
        assert _likely(result) == [{"s1", "s2"}]
        assert "other grade 4 records (most born around 2016)" in found[0].message
        before = typed < "2016"
        assert ("more than 5 years before" in found[0].message) is before
        assert ("more than 3.5 years after" in found[0].message) is not before
        assert typed not in found[0].message and found[0].severity is Severity.WARNING
    elif typed.startswith("2013"):
        assert _likely(result) == []  # three years apart: two children
    alone = _dated(users, {"s1": "2016-05-12", "s2": typed})  # no grade to compare with
    assert alone.facts["s2"].birth_date == dt.date.fromisoformat(typed)


def test_a_grade_whose_dates_spread_widely_is_no_cohort() -> None:
    """When many records of a grade lie years from its middle (an export whose grade
    code means something else, adult learners in a twelfth grade), none is taken out;
    pre-school and ungraded records are never compared, and a record of two grades is
    compared with both (not at all when one of them has too few records to tell)."""
    kids, born = _fourth_graders()
    adults = [_kid(f"a{i:02d}", f"Adult{i:02d}", "Other", grades=["04"]) for i in range(15)]
    born |= {f"a{i:02d}": str(dt.date(1990, 3, 1) + dt.timedelta(days=i)) for i in range(15)}
    result = _dated(kids + adults, born)
    assert not [f for f in result.findings if f.code == "birth-date-outside-grade"]
    assert result.facts["a00"].birth_date == dt.date(1990, 3, 1)
    odd = [
        _kid("p1", "Pre", "Other", grades=["PK"]),
        _kid("u1", "Un", "Other", grades=["Ungraded"]),
        _kid("m1", "Multi", "Other", grades=["04", "05"]),
        _kid("m2", "Multi", "Another", grades=["03", "04"]),
    ]
    fifth = [_kid(f"f{i:03d}", f"Fifth{i:03d}", "Other", grades=["05"]) for i in range(30)]
    born = _fourth_graders()[1] | {
        f"f{i:03d}": str(dt.date(2015, 1, 3) + dt.timedelta(days=9 * i)) for i in range(30)
    }
    born |= {"p1": "1999-01-02", "u1": "1999-01-02", "m1": "2009-06-01", "m2": "2012-06-01"}
    result = _dated(kids + fifth + odd, born)
    found = {f.sourced_id for f in result.findings if f.code == "birth-date-outside-grade"}
    assert found == {"m1"}  # 2009 is years before the fourth and fifth graders' middles


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    students=st.integers(min_value=20, max_value=3000),
    held=st.floats(min_value=0.0, max_value=0.2),
)
def test_real_ages_for_grade_are_never_out_of_grade(seed: int, students: int, held: float) -> None:
    """Real cohorts: each grade's children born over one year, some held back one or two
    years, a year ahead or two grades skipped, and twelfth graders of up to 21 in a
    transition program: no date is far from its grade's."""
    import random

    from oneroster_identity.match import FactsBuilder
    from oneroster_identity.match._birth_dates import forget_out_of_grade_birth_dates

    rng = random.Random(seed)
    users = []
    for i in range(students):
        grade = rng.randrange(0, 13)
        year = 2026 - 6 - grade
        if rng.random() < held:
            year -= rng.choice((1, 2))
        elif rng.random() < 0.02:
            year += 1
        elif rng.random() < 0.01:
            year += 2  # two grades skipped
        if grade == 12 and rng.random() < 0.05:
            year = 2005  # 21
        day = dt.date(year, 1, 2) + dt.timedelta(days=rng.randrange(362))
        users.append(
            user(f"s{i:05d}", "student", "Kid", "Other", grades=(f"{grade:02d}",), birth_date=day)
        )
    roster = Roster(users=users)
    facts = FactsBuilder(Policy()).of_active(roster.users)
    assert forget_out_of_grade_birth_dates(facts, roster.users).out_of_grade == []


def test_the_command_line_sets_the_export_date(tmp_path: Path) -> None:
    import json

    from oneroster_identity.cli import main as cli_main

    users = _twice_in_one_family()
    born = [{"sourcedId": "s1", "birthDate": "2016-05-12"}]
    roster = tmp_path / "roster.json"
    roster.write_text(json.dumps([{"users": users}, {"demographics": born}]), encoding="utf-8")
    out = tmp_path / "report.json"
    for flags, late in (([], False), (["--export-date", "2016-05-11"], True)):
        cli_main(["check", str(roster), "--format", "json", "-o", str(out), *flags])
        document = json.loads(out.read_text(encoding="utf-8"))
        assert document["policy"]["export_date"] == ("2016-05-11" if late else None)
        codes = {f["code"] for f in document["findings"]}
        assert ("birth-date-after-export" in codes) is late
    assert cli_main(["check", str(roster), "--export-date", "2016-31-05"]) == 2


def test_a_teachers_own_birth_date_beside_the_grades_taught_is_no_students() -> None:
    """A roster whose demographics cover staff too, each teacher's record listing the
    grades taught: a teacher born in 1980 is not a fourth grader out of grade (no
    finding), and fifteen such teachers do not make the grade read as no cohort, so the
    child whose second record carries the day it entered school is still found."""
    kids, born = _fourth_graders()
    teachers = [
        _user(f"t{i:02d}", "teacher", f"Teach{i:02d}", "Other", grades=["04"]) for i in range(15)
    ]
    born |= {f"t{i:02d}": str(dt.date(1980, 3, 1) + dt.timedelta(days=40 * i)) for i in range(15)}
    users = [
        _user("g1", "parent", "Rosa", "Garcia", email="rg@gmail.com"),
        _kid("s1", "Sofia", "Garcia", "g1", grades=["04"]),
        _kid("s2", "Sofia", "Garcia", "g1", grades=["04"]),
    ]
    result = _dated(users + kids + teachers, {**born, "s1": "2016-05-12", "s2": "2021-08-30"})
    found = [f.sourced_id for f in result.findings if f.code == "birth-date-outside-grade"]
    assert found == ["s2"]
    assert result.facts["t00"].birth_date == dt.date(1980, 3, 1)
    assert _likely(result) == [{"s1", "s2"}]


@pytest.mark.parametrize(
    ("typed", "far"),
    [
        ("2025-08-27", True),  # the day the kindergartner entered school, a year ago
        ("2023-04-02", False),  # two years young for kindergarten (a slip of the year?) kept
    ],
)
def test_a_kindergartners_entry_date_is_out_of_grade(typed: str, far: bool) -> None:
    """The younger side is nearer (3.5 years): a kindergartner's entry date typed as the
    birth date is four and a half years after most kindergartners' and was kept by a
    five-year spread; a child two years young for the grade stays dated."""
    kinder = [_kid(f"k{i:03d}", f"Kid{i:03d}", "Other", grades=["KG"]) for i in range(40)]
    born = {f"k{i:03d}": str(dt.date(2020, 9, 2) + dt.timedelta(days=9 * i)) for i in range(40)}
    result = _dated([*kinder, _kid("s1", "Mateo", "Cruz", grades=["KG"])], {**born, "s1": typed})
    found = [f for f in result.findings if f.code == "birth-date-outside-grade"]
    assert [f.sourced_id for f in found] == (["s1"] if far else [])
    if far:
        assert "more than 3.5 years after those of the roster's other kindergarten" in (
            found[0].message
        )


def test_the_export_day_of_users_built_by_a_program_with_naive_and_aware_moments() -> None:
    """A program building users may give naive ``dateLastModified`` moments beside aware
    ones (a reader's are always UTC): a naive one is read as UTC, and the newest wins."""
    from oneroster_identity.match._birth_dates import export_day

    naive = user("a", "student", "Ana", "Ruiz", date_last_modified=dt.datetime(2026, 9, 1, 12))
    aware = user(
        "b",
        "student",
        "Leo",
        "Ruiz",
        date_last_modified=dt.datetime(2026, 8, 1, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    )
    assert export_day([naive, aware], Policy()) == dt.date(2026, 9, 2)  # 12:00 UTC + 14 h
    assert export_day([aware], Policy()) == dt.date(2026, 8, 1)  # 05:00 UTC + 14 h
    assert export_day([], Policy()) is None
    assert export_day([naive], Policy(export_date="2026-01-01")) == dt.date(2026, 1, 1)


def test_a_birth_date_given_as_a_datetime_is_the_day_it_names() -> None:
    """A program building users from a table may give a birth date as a ``datetime`` (a
    pandas ``Timestamp`` is one): beside another record's ``date`` it raised ``TypeError``
    out of ``match`` (session 46's code). It is read as the day it names (since session
    47): one child entered twice, born that day."""
    users = [
        user("s1", "student", "Leo", "Ruiz", birth_date=dt.datetime(2016, 5, 12, 10, 30)),
        user("s2", "student", "Leo", "Ruiz", birth_date=dt.date(2016, 5, 12)),
        user("s3", "student", "Ana", "Ruiz", birth_date=dt.datetime(1900, 1, 1)),  # stand-in
    ]
    result = match(Roster(users=users))
    assert result.facts["s1"].birth_date == dt.date(2016, 5, 12)
    assert type(result.facts["s1"].birth_date) is dt.date
    assert result.facts["s3"].birth_date is None
    assert _likely(result) == [{"s1", "s2"}]


def test_a_choice_among_records_with_naive_and_aware_moments_notes_the_newest() -> None:
    """The same program's users in a likely-same item with a choice: the note "most
    recently modified" compared the records' moments as they were, and a naive one beside
    an aware one raised ``TypeError`` out of ``match`` (session 46's code). A naive one is
    read as UTC, as for the export's day (since session 47)."""
    contact = ("sreyes@gmail.com", "617-555-2368")
    users = [
        user("p1", "parent", "Sofia", "Reyes", *contact,
             date_last_modified=dt.datetime(2026, 9, 1, 10)),
        user("p2", "parent", "Sophia", "Reyes", *contact,
             date_last_modified=dt.datetime(2026, 9, 2, 10, tzinfo=dt.UTC)),
        user("p3", "parent", "Sofya", "Reyes", *contact),
    ]  # fmt: skip
    [item] = match(Roster(users=users)).near_misses
    [choice] = [c for c in item.choices if c.field == "givenName"]
    assert {o.value: o.note for o in choice.options} == {
        "Sofia": "",
        "Sophia": "most recently modified",
        "Sofya": "",
    }


@pytest.mark.parametrize(
    ("typed", "kind"), [("2021-08-30", "missing"), ("2016-05-12", "identical")]
)
def test_an_old_accounts_birth_date_far_from_its_grade_rules_no_student_out(
    tmp_path: Path, typed: str, kind: str
) -> None:
    """Last year's app account of a third grader, its birth date the day the child entered
    school: it ruled out the roster's fourth grader of the real date. Against the
    roster's own fourth graders (the account's grade and the next), the date is no
    child's of those grades, so it says nothing (since session 45)."""
    from oneroster_identity import check_existing, read_existing_accounts

    kids, born = _fourth_graders()
    users = [*kids, _kid("s1", "Lia", "Ng", grades=["04"])]
    roster = read_rest_users(
        [
            {"users": users},
            {
                "demographics": [
                    {"sourcedId": sid, "birthDate": day}
                    for sid, day in {**born, "s1": "2016-05-12"}.items()
                ]
            },
        ]
    )
    result = match(roster)
    assert result.grade_birth_dates[4].year == 2016 and 3 not in result.grade_birth_dates
    assert result.birth_date_far_from_grades(dt.date(2021, 8, 30), (3, 4))
    assert not result.birth_date_far_from_grades(dt.date(2021, 8, 30), (3, 5))  # none known
    header = "account_id,first_name,last_name,email,phone,role,joined,grade,school,DOB\n"
    path = tmp_path / "accounts.csv"
    path.write_text(header + f"A1,Lia,Ng,,,student,,3,,{typed}\n", encoding="utf-8")
    check = check_existing(roster, result, read_existing_accounts(path))
    found = [c for c in check.student_candidates if c.account_id == "A1"]
    assert [c.sourced_id for c in found] == ["s1"]
    assert {e.field: e.kind for e in found[0].evidence}["birthDate"] == kind
