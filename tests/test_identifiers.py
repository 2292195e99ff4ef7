"""A ``userMasterIdentifier`` (state ID) shared by records: evidence of one person when it
behaves like an identifier, a ``shared-identifier`` finding when the records are not one
person. Hand-written cases from K-12 practice (a child entered twice under a nickname, a
twin registered by copying the other's record, a stand-in typed for every unknown ID, a
teacher listed once per school); none is drawn from the generator."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.test_household import WEIGHTS

from oneroster_identity import Policy, read_rest_users
from oneroster_identity.cli import main as cli_main
from oneroster_identity.match import MatchResult, NearMissKind, Weights, match
from oneroster_identity.match._identifiers import MAX_HOLDERS, IdentifierIndex
from oneroster_identity.normalize import identifier_key
from oneroster_identity.report import write_html, write_json, write_text
from oneroster_identity.report._redact import mask_identifier


@pytest.fixture(params=sorted(WEIGHTS))
def weights(request: pytest.FixtureRequest) -> Weights:
    return WEIGHTS[request.param]


def _user(sid: str, role: str, given: str, family: str, state_id: str, **kw: Any) -> dict[str, Any]:
    return {
        "sourcedId": sid,
        "role": role,
        "givenName": given,
        "familyName": family,
        "userMasterIdentifier": state_id,
        **kw,
    }


def _kid(sid: str, given: str, family: str, state_id: str, **kw: Any) -> dict[str, Any]:
    return _user(sid, "student", given, family, state_id, **kw)


def _run(users: list[dict[str, Any]], weights: Weights | None = None) -> MatchResult:
    return match(read_rest_users({"users": users}), weights=weights)


def _likely(result: MatchResult) -> list[set[str]]:
    return [set(n.sourced_ids) for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]


def _shared(result: MatchResult) -> list[tuple[str, ...]]:
    return [
        (f.sourced_id or "", *f.related) for f in result.findings if f.code == "shared-identifier"
    ]


# --- the key -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("0048213", "48213"),  # a spreadsheet dropped the leading zeros
        ("AB-123 45", "ab12345"),
        (" 1029384756 ", "1029384756"),
    ],
)
def test_one_identifier_written_two_ways_has_one_key(one: str, other: str) -> None:
    assert identifier_key(one) is not None
    assert identifier_key(one) == identifier_key(other)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "  ",
        "0",
        "000000",
        "N/A",
        "none",
        "Unknown",
        "TBD",
        "999999",
        "XXXX",
        "123456",
        "987654",
        "12",
    ],
)
def test_stand_ins_name_no_one(value: str) -> None:
    assert identifier_key(value) is None


def test_different_identifiers_have_different_keys() -> None:
    assert identifier_key("48213") != identifier_key("48231")
    assert identifier_key("A48213") != identifier_key("48213")


@given(st.text(max_size=20))
def test_a_key_is_its_own_key(value: str) -> None:
    key = identifier_key(value)
    if key is not None:
        assert identifier_key(key) == key
        assert identifier_key(f" {key.upper()} ") == key


@given(st.from_regex(r"[1-9][0-9]{4,9}", fullmatch=True), st.integers(0, 4))
def test_leading_zeros_are_not_part_of_a_digit_key(digits: str, zeros: int) -> None:
    assert identifier_key("0" * zeros + digits) == identifier_key(digits)


# --- evidence --------------------------------------------------------------------------


def test_a_child_entered_twice_under_a_nickname_is_found_by_its_state_id(weights: Weights) -> None:
    users = [_kid("s1", "Alejandro", "Reyes", "0048213"), _kid("s2", "Alex", "Reyes", "48213")]
    result = _run(users, weights)
    assert _likely(result) == [{"s1", "s2"}]
    item = result.near_misses[0]
    assert "student-entered-twice" in item.tags and not item.fixes and not item.choices
    shown = [
        (e.field, e.kind, e.values) for e in item.evidence if e.field == "userMasterIdentifier"
    ]
    assert shown == [("userMasterIdentifier", "same-identifier", ("0048213", "48213"))]
    assert not _shared(result)
    # without the shared ID, a nickname alone is never one child (siblings, namesakes)
    for u in users:
        u["userMasterIdentifier"] = ""
    assert _likely(_run(users, weights)) == []


def test_a_state_id_does_not_outweigh_a_different_birth_date(weights: Weights) -> None:
    users = [_kid("s1", "Alejandro", "Reyes", "48213"), _kid("s2", "Alex", "Reyes", "48213")]
    roster = read_rest_users(
        [
            {"users": users},
            {
                "demographics": [
                    {"sourcedId": "s1", "birthDate": "2015-04-02"},
                    {"sourcedId": "s2", "birthDate": "2017-09-20"},
                ]
            },
        ]
    )
    result = match(roster, weights=weights)
    assert _likely(result) == []
    assert _shared(result) == [("s1", "s2")]


def test_a_twin_registered_by_copying_the_others_record_is_not_merged(weights: Weights) -> None:
    # Ana and Ava: another short given name a letter apart, one copied ID
    result = _run(
        [_kid("s1", "Ana", "Kim", "7788123"), _kid("s2", "Ava", "Kim", "7788123")], weights
    )
    assert _likely(result) == []
    assert _shared(result) == [("s1", "s2")]
    finding = next(f for f in result.findings if f.code == "shared-identifier")
    assert finding.suggested is None and "cannot tell which" in finding.message


def test_two_students_with_different_names_on_one_id_are_a_finding(weights: Weights) -> None:
    result = _run(
        [_kid("s1", "Maria", "Lopez", "5512377"), _kid("s2", "Jose", "Garcia", "5512377")], weights
    )
    assert _likely(result) == [] and _shared(result) == [("s1", "s2")]


def test_a_student_and_an_adult_sharing_an_id_are_never_one_person(weights: Weights) -> None:
    users = [
        _kid("s1", "Maria", "Lopez", "5512377"),
        _user("g1", "parent", "Maria", "Lopez", "5512377", email="ml@gmail.com"),
    ]
    result = _run(users, weights)
    assert _likely(result) == []
    [finding] = [f for f in result.findings if f.code == "shared-identifier"]
    assert "student and adult" in finding.message


def test_a_stand_in_on_many_records_joins_no_one(weights: Weights) -> None:
    names = ["Al", "Bo", "Cy", "Di"]
    assert len(names) > MAX_HOLDERS
    users = [_kid(f"s{i}", n, "Doe", "99999X") for i, n in enumerate(names)]
    result = _run(users, weights)
    assert _likely(result) == []
    [finding] = [f for f in result.findings if f.code == "shared-identifier"]
    assert "stand-in" in finding.message and finding.related == ("s1", "s2", "s3")


def test_a_teacher_listed_twice_with_two_emails_is_one_person(weights: Weights) -> None:
    users = [
        _user("t1", "teacher", "Robert", "Ng", "E-1234-99", email="rng@district.k12.us"),
        _user("t2", "teacher", "Bob", "Ng", "e123499", email="bob.ng@gmail.com"),
    ]
    result = _run(users, weights)
    assert _likely(result) == [{"t1", "t2"}]
    assert not _shared(result)
    for u in users:
        u["userMasterIdentifier"] = ""
    assert _likely(_run(users, weights)) == []


def test_records_already_one_account_raise_no_finding() -> None:
    users = [
        _user("t1", "teacher", "Ana", "Ruiz", "7712345", email="ana@gmail.com"),
        _user("g1", "parent", "Ana", "Ruiz", "7712345", email="ana@gmail.com"),
    ]
    result = _run(users)
    assert len(result.persons) == 1 and not _shared(result)


def test_the_index_keeps_only_active_records_and_real_ids() -> None:
    users = [
        _kid("s1", "Leo", "Diaz", "4455667"),
        _kid("s2", "Leo", "Diaz", "4455667", status="tobedeleted"),
        _kid("s3", "Mia", "Diaz", "000000"),
        _kid("s4", "Eva", "Diaz", "000000"),
    ]
    result = _run(users)
    roster = read_rest_users({"users": users})
    index = IdentifierIndex.of(roster.users, result.facts)
    assert index.groups == {} and not _shared(result)


_TWICE_AND_SHARED = (
    _kid("s1", "Alejandro", "Reyes", "0048213"),  # one child: a nickname and the ID
    _kid("s2", "Alex", "Reyes", "48213"),
    _kid("s3", "Maria", "Lopez", "5512377"),  # two children on one ID: the finding
    _kid("s4", "Jose", "Garcia", "5512377"),
)


def test_findings_do_not_depend_on_row_order() -> None:
    users = [
        *_TWICE_AND_SHARED,
        *[_kid(f"x{i}", n, "Doe", "99999X") for i, n in enumerate(["Al", "Bo", "Cy", "Di"])],
    ]
    forward, backward = _run(users), _run(users[::-1])
    assert forward.findings == backward.findings
    assert forward.near_misses == backward.near_misses


# --- reports ---------------------------------------------------------------------------


def test_a_redacted_report_masks_the_ids() -> None:
    result = _run(list(_TWICE_AND_SHARED))
    for redact in (False, True):
        for write in (write_json, write_text):
            out = io.StringIO()
            write(result, out, redact=redact)
            text = out.getvalue()
            # the text report quotes evidence values, the JSON findings' values too
            assert ("0048213" in text) is not redact, (write, redact)
            if write is write_json:
                assert ("5512377" in text) is not redact
    out = io.StringIO()
    write_json(result, out, redact=True)
    document = json.loads(out.getvalue())
    values = [f["value"] for f in document["findings"] if f["code"] == "shared-identifier"]
    assert values == [mask_identifier("5512377")] == ["***77"]


def test_one_state_id_settles_a_child_whose_records_name_other_families(weights: Weights) -> None:
    # each record lists its own parent, who share nothing: without the ID, one child or two
    # namesakes is a question for the families; with it, one child of two households
    users = [
        {
            "sourcedId": "g1",
            "role": "parent",
            "givenName": "Rosa",
            "familyName": "Reyes",
            "email": "rosa.reyes82@gmail.com",
            "sms": "617-830-9131",
        },
        {
            "sourcedId": "g2",
            "role": "parent",
            "givenName": "Luis",
            "familyName": "Reyes",
            "email": "lreyes@yahoo.com",
            "sms": "617-830-9145",
        },
        _kid("s1", "Camila", "Reyes", "0031415926", agents=[{"sourcedId": "g1"}]),
        _kid("s2", "Camila", "Reyes", "31415926", agents=[{"sourcedId": "g2"}]),
    ]
    born = [{"sourcedId": s, "birthDate": "2016-03-02"} for s in ("s1", "s2")]
    result = match(read_rest_users([{"users": users}, {"demographics": born}]), weights=weights)
    [item] = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    assert "guardians-apart" not in item.tags
    assert "probably one person" in item.summary
    assert "guardian links only the other has" in item.summary
    for u in users[2:]:
        u["userMasterIdentifier"] = ""
    result = match(read_rest_users([{"users": users}, {"demographics": born}]), weights=weights)
    [item] = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    assert "guardians-apart" in item.tags and "check with the families" in item.summary


def test_a_twin_entered_twice_beside_a_copied_id_is_one_child_and_a_finding() -> None:
    # Ana entered twice (one child), Ava registered by copying Ana's record: three records
    # on one ID, two of them one child
    users = [
        _kid("s1", "Ana", "Kim", "7788123"),
        _kid("s2", "Ava", "Kim", "7788123"),
        _kid("s3", "Ana", "Kim", "7788123"),
    ]
    born = [{"sourcedId": s, "birthDate": "2016-08-30"} for s in ("s1", "s2", "s3")]
    result = match(read_rest_users([{"users": users}, {"demographics": born}]))
    assert _likely(result) == [{"s1", "s3"}]
    [finding] = [f for f in result.findings if f.code == "shared-identifier"]
    assert (finding.sourced_id, *finding.related) == ("s1", "s2", "s3")
    assert "are not all found to be one person" in finding.message


def test_guardians_filed_under_their_childs_id_are_one_info_finding(weights: Weights) -> None:
    # an export that fills each guardian's ID with its child's: a convention, not a slip,
    # so no warning per family; an unlinked adult with a child's ID still is one
    users = [
        _kid("s1", "Leo", "Diaz", "4455667", agents=[{"sourcedId": "g1"}, {"sourcedId": "g2"}]),
        _user("g1", "parent", "Rosa", "Diaz", "4455667", email="rosa.diaz@gmail.com"),
        _user("g2", "parent", "Luis", "Diaz", "4455667", email="luis.diaz@gmail.com"),
        _kid("s2", "Mia", "Soto", "5566778", agents=[{"sourcedId": "g3"}]),
        _user("g3", "parent", "Ana", "Soto", "5566778", email="ana.soto@gmail.com"),
        _kid("s3", "Eva", "Ruiz", "6677889"),
        _user("g4", "parent", "Eva", "Ruiz", "6677889", email="eva.ruiz@gmail.com"),
    ]
    result = _run(users, weights)
    assert _likely(result) == []
    [info] = [f for f in result.findings if f.code == "guardian-holds-childs-identifier"]
    assert info.severity.value == "info" and "3 guardian record(s) (g1, g2 and g3)" in info.message
    assert _shared(result) == [("g4", "s3")]


def test_a_family_number_in_the_column_is_not_read_as_a_persons_id(weights: Weights) -> None:
    # siblings filed under their family's number: most groups hold different names, so the
    # column is something else; nothing is evidence and no family is warned of
    families = [("Diaz", "Leo", "Mia"), ("Soto", "Ana", "Eva"), ("Ruiz", "Ivan", "Olga")]
    users = [
        _kid(f"s{n}{i}", given, family, f"F-{n}0{n}7")
        for n, (family, *kids) in enumerate(families)
        for i, given in enumerate(kids)
    ]
    users += [_kid("t1", "Alejandro", "Reyes", "F-9097"), _kid("t2", "Alex", "Reyes", "F-9097")]
    result = _run(users, weights)
    assert _likely(result) == [] and _shared(result) == []
    [info] = [f for f in result.findings if f.code == "identifier-not-personal"]
    assert info.severity.value == "info" and "3 of 4 groups" in info.message
    # two such groups among real IDs do not make the column a family number
    result = _run([*users[2:], _kid("s00", "Leo", "Diaz", "8812345")], weights)
    assert not [f for f in result.findings if f.code == "identifier-not-personal"]


def test_identifier_evidence_can_be_turned_off() -> None:
    users = [*_TWICE_AND_SHARED]
    off = match(read_rest_users({"users": users}), Policy(identifier_evidence=False))
    assert _likely(off) == [] and _shared(off) == []
    assert _likely(_run(users)) == [{"s1", "s2"}]


def test_the_command_line_turns_identifier_evidence_off(tmp_path: Path) -> None:
    roster = tmp_path / "roster.json"
    roster.write_text(json.dumps({"users": list(_TWICE_AND_SHARED)}), encoding="utf-8")
    for flags, expected in (([], True), (["--no-identifier-evidence"], False)):
        out = tmp_path / "report.json"
        cli_main(["check", str(roster), "--format", "json", "-o", str(out), *flags])
        document = json.loads(out.read_text(encoding="utf-8"))
        assert document["policy"]["identifier_evidence"] is expected
        likely = [n for n in document["near_misses"] if n["kind"] == "likely-same-person"]
        assert bool(likely) is expected


def test_many_twins_with_copied_ids_leave_the_column_a_persons_id() -> None:
    # twins share a birth date: each copy is a slip of one record, warned of apiece
    pairs = [("Diaz", "Leo", "Mia"), ("Soto", "Ana", "Eva"), ("Ruiz", "Ivan", "Olga")]
    users = [
        _kid(f"s{n}{i}", given, family, f"77{n}1234")
        for n, (family, *twins) in enumerate(pairs)
        for i, given in enumerate(twins)
    ]
    born = [{"sourcedId": u["sourcedId"], "birthDate": "2016-08-30"} for u in users]
    result = match(read_rest_users([{"users": users}, {"demographics": born}]))
    assert not [f for f in result.findings if f.code == "identifier-not-personal"]
    assert len(_shared(result)) == 3


def test_a_school_code_in_the_column_is_not_read_as_a_persons_id() -> None:
    names = ["Al", "Bo", "Cy", "Di"]
    users = [
        _kid(f"s{n}{i}", given, f"Fam{n}{i}", f"SCH-{n}00")
        for n in range(3)
        for i, given in enumerate(names)
    ]
    users += [_kid("u1", "Leo", "Diaz", "4455667"), _kid("u2", "Mia", "Soto", "5566778")]
    result = _run(users)
    assert _shared(result) == []
    [info] = [f for f in result.findings if f.code == "identifier-not-personal"]
    assert "12 of the 14 records holding a userMasterIdentifier" in info.message


def test_the_html_report_does_not_highlight_a_shared_id_as_a_difference() -> None:
    out = io.StringIO()
    write_html(_run(list(_TWICE_AND_SHARED)), out)
    page = out.getvalue()
    assert "<td>userMasterIdentifier</td><td>same-identifier</td><td>0048213 " in page
    assert "<td>givenName</td><td>nickname</td><td class='diff'>Alejandro " in page
