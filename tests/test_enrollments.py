"""Class enrollments: read per student (CSV and REST), never evidence, and the advice on
which record of a student entered twice to keep."""

from __future__ import annotations

import io
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.test_io_csv import MANIFEST_11, USERS_11, roster_dir

from oneroster_identity import Roster, Severity, read_rest_users, read_roster, read_sample
from oneroster_identity.existing import check_existing, read_existing_accounts
from oneroster_identity.match import NearMissKind, match
from oneroster_identity.report import write_json, write_text

SAMPLE_ACCOUNTS = files("oneroster_identity.data").joinpath("sample_existing_accounts.csv")

HEADER = (
    "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,"
    "primary,beginDate,endDate\n"
)


def _codes(roster: Roster) -> dict[str, Any]:
    return {d.code: d for d in roster.diagnostics}


# --- reading ------------------------------------------------------------------------


def test_counts_a_students_enrollments_and_nothing_else(tmp_path: Path) -> None:
    rows = (
        "e1,active,,c1,s1,st1,student,false,,\n"
        "e2,,,c2,s1,st1,student,,,\n"
        "e3,tobedeleted,,c3,s1,st1,student,,,\n"  # removed: not counted
        "e4,active,,c1,s1,t1,teacher,true,,\n"  # a teacher's: not a student's
        "e5,active,,c4,s1,st1,,,,\n"  # no role: counted (only students' counts are read)
        "e6,active,,c1,s1,g1,student,,,\n"  # a guardian's record: never a key
    )
    roster = read_roster(roster_dir(tmp_path, USERS_11, enrollments=HEADER + rows))
    assert roster.enrollment_counts == {"st1": 3}
    assert not [d for d in roster.diagnostics if "enrollment" in d.code]


@pytest.mark.parametrize(
    ("again", "row", "severity"),
    [
        (HEADER, "e2,active,,c2,s1,st1,student,,,\n", "warning"),
        (  # another export's order and width
            "userSourcedId,role,sourcedId,classSourcedId,status\n",
            "st1,student,e2,c2,active\n",
            "error",
        ),
    ],
)
def test_the_header_again_in_enrollments_is_no_row(
    tmp_path: Path, again: str, row: str, severity: str
) -> None:
    """Since session 55: two enrollments files joined one after the other left the header
    again, read as an enrollment of a user ``userSourcedId`` missing from the roster (a
    warning naming no one real); it is ``repeated-header``, and the rows after a header in
    another order are read by it."""
    text = HEADER + "e1,active,,c1,s1,st1,student,,,\n" + again + row
    roster = read_roster(roster_dir(tmp_path, USERS_11, enrollments=text))
    assert roster.enrollment_counts == {"st1": 2}
    codes = _codes(roster)
    assert "enrollment-for-missing-user" not in codes
    said = codes["repeated-header"]
    assert (said.severity.value, said.location.line) == (severity, 3)
    assert said.location.file.endswith("enrollments.csv")


def test_no_enrollments_file_is_none_not_zero(tmp_path: Path) -> None:
    roster = read_roster(roster_dir(tmp_path, USERS_11))
    assert roster.enrollment_counts is None
    empty = read_roster(roster_dir(tmp_path / "b", USERS_11, enrollments=HEADER))
    assert empty.enrollment_counts == {}


def test_rows_that_cannot_count_are_summed_in_one_warning_each(tmp_path: Path) -> None:
    rows = (
        "e1,active,,c1,s1,,student,,,\n"
        "e2,active,,c1,s1,,student,,,\n"
        "e3,active,,c1,s1,gone-2,student,,,\n"
        "e4,active,,c1,s1,gone-1,student,,,\n"
        "e5,active,,c2,s1,gone-1,student,,,\n"
        "e6,active,,c2,s1,st1,student,,,\n"
    )
    roster = read_roster(roster_dir(tmp_path, USERS_11, enrollments=HEADER + rows))
    assert roster.enrollment_counts == {"st1": 1}
    codes = _codes(roster)
    without = codes["enrollment-without-user"]
    assert without.severity is Severity.WARNING
    assert without.message.startswith("2 enrollment row(s)")
    assert (without.location.line, without.location.column) == (2, "userSourcedId")
    missing = codes["enrollment-for-missing-user"]
    assert "3 enrollment row(s) name 2 user(s)" in missing.message
    assert missing.value == "gone-1"  # the first by sourcedId, whatever the row order
    assert missing.location.file.endswith("enrollments.csv")


def test_a_quote_left_open_is_located_and_the_rows_it_swallowed_are_named(
    tmp_path: Path,
) -> None:
    """A quote opened in one row and never closed reads the rows after it into one cell.
    Until session 42 the enrollments reader took that cell for a user's sourcedId, and the
    lost rows showed up only inside "enrollment row(s) name user(s) not in the roster"."""
    rows = (
        "e1,active,,c1,s1,st1,student,,,\n"
        'e2,active,,"c2,s1,st1,student,,,\n'  # the quote is never closed
        "e3,active,,c3,s1,st1,student,,,\n"
        "e4,active,,c4,s1,st1,student,,,\n"
    )
    roster = read_roster(roster_dir(tmp_path, USERS_11, enrollments=HEADER + rows))
    codes = _codes(roster)
    assert "enrollment-for-missing-user" not in codes
    unclosed = codes["unclosed-quote"]
    assert unclosed.severity is Severity.WARNING
    assert unclosed.location.file.endswith("enrollments.csv")
    assert (unclosed.location.line, unclosed.location.column) == (3, "classSourcedId")
    assert "on line 3 runs on to line 5" in unclosed.message
    assert "2 of them looking like rows" in unclosed.message
    assert "the row was skipped" in unclosed.message
    assert unclosed.sourced_id == "e2"
    assert roster.enrollment_counts == {"st1": 1}  # e1: the rest are the unclosed row's
    # closed by a later row's quote: the rows after that are read again
    closed = rows.replace("e4,active,,c4,s1,st1", 'e4,active,,c4,s1,"st1') + (
        "e5,active,,c5,s1,st1,student,,,\n"
    )
    roster = read_roster(roster_dir(tmp_path / "c", USERS_11, enrollments=HEADER + closed))
    unclosed = _codes(roster)["unclosed-quote"]
    assert unclosed.location.line == 3 and "runs on to line 5" in unclosed.message
    assert roster.enrollment_counts == {"st1": 2}  # e1 and e5
    # a value typed over two lines, the quote closed, is no unclosed quote
    two_lines = 'e1,active,,"c1\nc1b",s1,st1,student,,,\ne2,active,,c2,s1,st1,student,,,\n'
    roster = read_roster(roster_dir(tmp_path / "b", USERS_11, enrollments=HEADER + two_lines))
    assert "unclosed-quote" not in _codes(roster)
    assert roster.enrollment_counts == {"st1": 2}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("sourcedId,classSourcedId,role\ne1,c1,student\n", "missing-column"),
        ("", "empty-file"),
    ],
)
def test_an_enrollments_file_that_cannot_be_used_is_a_warning(
    tmp_path: Path, text: str, code: str
) -> None:
    roster = read_roster(roster_dir(tmp_path, USERS_11, enrollments=text))
    assert roster.enrollment_counts is None
    d = _codes(roster)[code]
    assert d.severity is Severity.WARNING
    assert d.message.endswith("enrollments.csv was ignored")
    assert len(roster.users) == 3  # the users are read as ever


def test_an_undecodable_line_past_the_header_ignores_the_file(tmp_path: Path) -> None:
    folder = roster_dir(tmp_path, USERS_11)
    (folder / "enrollments.csv").write_bytes(
        HEADER.encode() + b"e1,,,c1,s1,st1,student,,,\n" + b"e2,,,c\xff,s1,st1,student,,,\n"
    )
    roster = read_roster(folder)
    assert roster.enrollment_counts is None
    d = _codes(roster)["decode-error"]
    assert (d.severity, d.location.line) == (Severity.WARNING, 3)


def test_a_deltas_enrollments_are_not_read_and_the_base_counts_stand(tmp_path: Path) -> None:
    base = roster_dir(
        tmp_path / "base", USERS_11, enrollments=HEADER + "e1,,,c1,s1,st1,student,,,\n"
    )
    delta_manifest = MANIFEST_11 + "file.users,delta\nfile.enrollments,delta\n"
    head = USERS_11.splitlines()[0]
    delta = roster_dir(
        tmp_path / "delta",
        head + "\nst2,active,2024-02-01,TRUE,s1,student,s2,,Di,Ng,,,,,,g1,03,\n",
        delta_manifest,
        enrollments=HEADER + "e9,active,,c1,s1,st2,student,,,\n",
    )
    alone = read_roster(delta)
    assert alone.enrollment_counts is None
    assert _codes(alone)["delta-enrollments-not-read"].severity is Severity.INFO
    merged = read_roster(delta, base=base)
    assert merged.enrollment_counts == {"st1": 1}


def test_rest_enrollments_pages_count_as_rows_do() -> None:
    users = [
        {"sourcedId": "st1", "role": "student", "givenName": "Cy", "familyName": "Ng"},
        {"sourcedId": "t1", "role": "teacher", "givenName": "Ana", "familyName": "Diaz"},
    ]
    page = {
        "enrollments": [
            {"sourcedId": "e1", "user": {"sourcedId": "st1"}, "role": "student"},
            {"sourcedId": "e2", "user": {"sourcedId": "st1"}, "role": "student"},
            {"sourcedId": "e3", "user": {"sourcedId": "st1"}, "status": "tobedeleted"},
            {"sourcedId": "e4", "user": {"sourcedId": "t1"}, "role": "teacher"},
            {"sourcedId": "e5", "user": {"sourcedId": "nobody"}, "role": "student"},
            {"sourcedId": "e6", "role": "student"},
            "not an object",
        ]
    }
    roster = read_rest_users([{"users": users}, page])
    assert len(roster.users) == 2  # the page is not a user
    assert roster.enrollment_counts == {"st1": 2}
    codes = _codes(roster)
    assert codes["enrollment-for-missing-user"].value == "nobody"
    assert codes["enrollment-without-user"].location.path == "$[page 1].enrollments[5].user"
    assert read_rest_users({"users": users}).enrollment_counts is None


def test_the_public_samples_enrollments(fixtures_dir: Path) -> None:
    full = read_roster(fixtures_dir / "moodle-enrol-oneroster/Test_full_data_set")
    # usr-222-987654 is a teacher in users.csv with enrollments of role student: a
    # student's count is read only for a student's record
    assert full.enrollment_counts == {"usr-222-1234561232": 2}
    oat = read_roster(fixtures_dir / "oat-oneroster-import/OneRosterv1p1BaseCSV")
    assert oat.enrollment_counts == {"user1": 2, "user2": 1}


# --- advice -------------------------------------------------------------------------


def _person(sid: str, role: str, given: str, school: str | None, **kw: Any) -> dict[str, Any]:
    orgs = {} if school is None else {"orgs": [{"sourcedId": school}]}
    return {
        "sourcedId": sid,
        "role": role,
        "givenName": given,
        "familyName": "Ibarra",
        **orgs,
        **kw,
    }


def _twice_result(
    enrolled: dict[str, int] | None,
    *,
    school_1: str | None = "sch-a",
    school_2: str | None = "sch-a",
    guardians_2: tuple[str, ...] = ("g1", "g2"),
) -> Any:
    """One child entered twice: st1 linked to g1, st2 to ``guardians_2``."""
    users = [
        _person("g1", "parent", "Tomas", "sch-a", email="tomas.ibarra@gmail.com"),
        _person("g2", "parent", "Lucia", "sch-a", email="lucia.ibarra@yahoo.com"),
        _person("g3", "parent", "Marta", "sch-b", email="marta.soler@outlook.com"),
        _person("st1", "student", "Sofia", school_1, agents=[{"sourcedId": "g1"}], grades=["2"]),
        _person(
            "st2",
            "student",
            "Sofia",
            school_2,
            agents=[{"sourcedId": g} for g in guardians_2],
            grades=["02"],
        ),
    ]
    born = {"demographics": [{"sourcedId": s, "birthDate": "2018-03-14"} for s in ("st1", "st2")]}
    docs: list[dict[str, Any]] = [{"users": users}, born]
    if enrolled is not None:
        docs.append(
            {
                "enrollments": [
                    {"sourcedId": f"e-{sid}-{k}", "user": {"sourcedId": sid}, "role": "student"}
                    for sid, n in enrolled.items()
                    for k in range(n)
                ]
            }
        )
    roster = read_rest_users(docs)
    return roster, match(roster)


def _twice(enrolled: dict[str, int] | None, **schools_and_guardians: Any) -> Any:
    """The likely-same item of :func:`_twice_result`'s child."""
    _, result = _twice_result(enrolled, **schools_and_guardians)
    [near] = [n for n in result.near_misses if "student-entered-twice" in n.tags]
    return near


def test_one_record_enrolled_at_one_school_is_the_one_to_keep() -> None:
    near = _twice({"st1": 5})
    assert near.enrollments == (("st1", 5), ("st2", 0))
    assert near.keep == "st1"
    assert (
        "keep st1 in the SIS (the record enrolled in classes: 5 enrollments; st2 none) and "
        "retire st2, after linking to st1 the guardian g2 (linked to st2 only)" in near.summary
    )
    assert near.fixes == () and near.choices == ()


def test_at_two_schools_the_enrolled_record_is_named_not_chosen() -> None:
    near = _twice({"st2": 4}, school_2="sch-b")
    assert near.enrollments == (("st1", 0), ("st2", 4))
    assert near.keep is None
    assert "keep st" not in near.summary
    assert "enrolled in classes: st1 none, st2 4" in near.summary
    assert "the records are at different schools" in near.summary
    assert "guardians linked to one record only: st2: g2" in near.summary


def test_records_naming_no_school_cannot_rule_out_a_move() -> None:
    near = _twice({"st1": 5}, school_1=None, school_2=None)
    assert "keep st" not in near.summary
    assert "some records name no school: keep the record of the school" in near.summary


def test_both_enrolled_or_neither_leaves_the_choice_and_says_so() -> None:
    both = _twice({"st1": 5, "st2": 2})
    assert both.keep is None
    assert "keep st" not in both.summary
    assert "enrolled in classes: st1 5, st2 2" in both.summary
    neither = _twice({})
    assert neither.enrollments == (("st1", 0), ("st2", 0))
    assert "no record is enrolled in a class" in neither.summary


def test_without_enrollments_the_advice_names_the_guardians_only() -> None:
    near = _twice(None)
    assert near.enrollments == ()
    assert "enrolled in" not in near.summary
    assert "guardians linked to one record only: st2: g2" in near.summary


def test_perhaps_two_children_are_still_checked_with_the_families_first() -> None:
    """Enrollments say which record the school uses, never whether the records are one
    child: records whose guardians share nothing still ask the families first."""
    near = _twice({"st1": 5}, guardians_2=("g3",))
    assert "guardians-apart" in near.tags
    assert near.keep == "st1"  # if they are one child
    assert near.summary.index("check with the families before either record is retired") < (
        near.summary.index("keep st1 in the SIS")
    )
    assert "if they are one child, keep st1" in near.summary


def test_the_json_report_carries_each_records_enrollments() -> None:
    out = io.StringIO()
    write_json(match(read_sample()), out)
    doc = json.loads(out.getvalue())
    items = {n["id"]: n for n in doc["near_misses"]}
    students = [n for n in items.values() if "student-entered-twice" in n["tags"]]
    assert students and all(set(n["enrollments"]) == set(n["sourced_ids"]) for n in students)
    [kept] = [n for n in students if "stu-reg-1" in n["sourced_ids"]]
    assert kept["enrollments"]["stu-reg-2"] == 0 and kept["enrollments"]["stu-reg-1"] > 0
    assert "keep stu-reg-1 in the SIS" in kept["summary"]
    assert kept["keep"] == "stu-reg-1"
    others = [n for n in items.values() if "student-entered-twice" not in n["tags"]]
    assert all(n["enrollments"] == {} for n in others)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_enrollments_are_never_evidence(data: st.DataObject) -> None:
    """Whatever the enrollments, the persons, the items and their tags are as without
    them: only the advice on which record to keep reads them."""
    roster = _SAMPLE
    students = sorted(roster.enrollment_counts or {})
    drawn = data.draw(
        st.dictionaries(st.sampled_from(students), st.integers(1, 9), max_size=len(students))
    )
    without = match(attrs.evolve(roster, enrollment_counts=None))
    with_drawn = match(attrs.evolve(roster, enrollment_counts=drawn))
    assert [p.sourced_ids for p in with_drawn.persons] == [p.sourced_ids for p in without.persons]

    def shape(result: Any) -> list[tuple[Any, ...]]:
        return [(n.id, n.kind, n.tags, n.confidence, n.fixes) for n in result.near_misses]

    assert shape(with_drawn) == shape(without)
    assert with_drawn.findings == without.findings
    for near in with_drawn.near_misses:
        if near.kind is NearMissKind.LIKELY_SAME and "student-entered-twice" in near.tags:
            assert dict(near.enrollments) == {s: drawn.get(s, 0) for s in near.sourced_ids}
        else:
            assert near.enrollments == ()


_SAMPLE = read_sample()


def test_the_near_misses_frame_carries_the_enrollments() -> None:
    pytest.importorskip("pandas")
    from oneroster_identity.frames import to_dataframes

    result = match(_SAMPLE)
    frame = to_dataframes(result)["near_misses"].set_index("id")
    for near in result.near_misses:
        assert frame.loc[near.id, "enrollments"] == dict(near.enrollments)


def test_a_district_listed_beside_the_school_is_no_other_school() -> None:
    """Exports often list a student's district beside its school: orgs.csv types it, and
    only the school tells whether the records are at one school."""
    import datetime as dt

    from oneroster_identity import Org, Role, RoleAssignment, User

    def kid(sid: str, orgs: tuple[str, ...], agents: tuple[str, ...]) -> User:
        return User(
            sourced_id=sid,
            given_name="Sofia",
            family_name="Ibarra",
            roles=tuple(
                RoleAssignment(role=Role.STUDENT, role_raw="student", org_sourced_id=o)
                for o in orgs
            ),
            agent_sourced_ids=agents,
            birth_date=dt.date(2018, 3, 14),
        )

    parent = User(
        sourced_id="g1",
        given_name="Tomas",
        family_name="Ibarra",
        email="tomas.ibarra@gmail.com",
        roles=(RoleAssignment(role=Role.PARENT, role_raw="parent", org_sourced_id="sch-a"),),
        agent_sourced_ids=("st1", "st2"),
    )
    users = [parent, kid("st1", ("dist-1", "sch-a"), ("g1",)), kid("st2", ("sch-a",), ("g1",))]
    orgs = [Org(sourced_id="dist-1", type="district"), Org(sourced_id="sch-a", type="school")]
    roster = Roster(users=users, orgs=orgs, enrollment_counts={"st1": 5})
    [near] = [n for n in match(roster).near_misses if "student-entered-twice" in n.tags]
    assert "keep st1 in the SIS" in near.summary
    untyped = Roster(users=users, enrollment_counts={"st1": 5})  # no orgs.csv: not told
    [near] = [n for n in match(untyped).near_misses if "student-entered-twice" in n.tags]
    assert "keep st1" not in near.summary and "different schools" in near.summary


def test_a_roster_with_enrollments_pickles() -> None:
    """Process pools (check-many, a notebook's own) send rosters between processes."""
    import pickle

    again = pickle.loads(pickle.dumps(_SAMPLE))
    assert again.enrollment_counts == _SAMPLE.enrollment_counts
    assert again.enrollment_counts


# --- the old student account of a child entered twice ------------------------------


def _old_account(tmp_path: Path, **twice: Any) -> list[Any]:
    """Last year's app account of the child (grade 1 at sch-a), checked against the
    roster of :func:`_twice_result`: its merge candidates."""
    roster, result = _twice_result(**twice)
    path = tmp_path / "accounts.csv"
    path.write_text(
        "account_id,first_name,last_name,email,phone,role,grade,school,birth_date\n"
        "A1,Sofia,Ibarra,,,student,1,sch-a,2018-03-14\n",
        encoding="utf-8",
    )
    check = check_existing(roster, result, read_existing_accounts(path))
    return sorted(check.student_candidates, key=lambda c: c.sourced_id)


def test_an_old_account_is_merged_into_the_record_kept(tmp_path: Path) -> None:
    first, second = _old_account(tmp_path, enrolled={"st1": 5})
    assert (first.sourced_id, second.sourced_id) == ("st1", "st2")
    assert first.entered_twice == second.entered_twice
    assert first.entered_twice is not None and first.entered_twice.startswith("NM-")
    assert first.merge_into == second.merge_into == "st1"
    assert "this is the record to keep" in first.note
    assert "st2 is to be retired; merge the old account into st1" in second.note


def test_without_a_record_to_keep_the_merge_follows_the_sis(tmp_path: Path) -> None:
    for candidate in _old_account(tmp_path, enrolled=None):
        assert candidate.merge_into is None
        assert "merge the old account into the record the SIS keeps" in candidate.note


def test_perhaps_two_children_name_no_record_to_merge_into(tmp_path: Path) -> None:
    candidates = _old_account(tmp_path, enrolled={"st1": 5}, guardians_2=("g3",))
    assert candidates
    for candidate in candidates:
        assert candidate.merge_into is None
        assert "ask the families first" in candidate.note
        assert "if one child, merge the old account into st1" in candidate.note


def test_the_reports_carry_the_note(tmp_path: Path) -> None:
    roster = read_sample()
    result = match(roster)
    existing = read_existing_accounts(str(SAMPLE_ACCOUNTS))
    check = check_existing(roster, result, existing)
    twice = [c for c in check.student_candidates if c.entered_twice]
    assert {c.sourced_id for c in twice} == {"stu-reg-1", "stu-reg-2"}
    assert {c.merge_into for c in twice} == {"stu-reg-1"}
    out = io.StringIO()
    write_json(result, out, existing=check)
    doc = json.loads(out.getvalue())
    rows = [c for c in doc["student_merge_candidates"] if c["entered_twice"]]
    assert {c["merge_into"] for c in rows} == {"stu-reg-1"}
    others = [c for c in doc["student_merge_candidates"] if not c["entered_twice"]]
    assert others and all(c["note"] == "" and c["merge_into"] is None for c in others)
    text = io.StringIO()
    write_text(result, text, existing=check)
    assert "stu-reg-2 is to be retired; merge the old account into stu-reg-1" in text.getvalue()


def test_the_header_again_in_enrollments_without_a_status_column_is_in_order(
    tmp_path: Path,
) -> None:
    """An enrollments file with no ``status`` column reads every row padded for it; the
    header again was tested padded too, so line 1's own header read as one "with other
    columns" (an error) and the rows after it as ragged. It is tested as read."""
    header = "sourcedId,classSourcedId,schoolSourcedId,userSourcedId,role\n"
    text = header + "e1,c1,s1,st1,student\n" + header + "e2,c2,s1,st1,student\n"
    roster = read_roster(roster_dir(tmp_path, USERS_11, enrollments=text))
    assert roster.enrollment_counts == {"st1": 2}
    said = _codes(roster)["repeated-header"]
    assert (said.severity.value, said.location.line) == ("warning", 3)
