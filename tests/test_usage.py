"""A program calling the library with something it does not take gets a UsageError that
says what goes there, never an AttributeError from inside the matcher, never a quietly
wrong count, and never a roster value quoted in the message."""

from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import user

from oneroster_identity import (
    ExistingCheck,
    OneRosterIdentityError,
    Policy,
    Role,
    RoleAssignment,
    Roster,
    Status,
    UsageError,
    User,
    apply_decisions,
    check_existing,
    check_fix_list,
    read_existing_accounts,
    read_rest_users,
    read_sample,
    verdict,
    write_csv_roster,
)
from oneroster_identity.match import Decision, Review, match
from oneroster_identity.report import (
    Redaction,
    notebook_html,
    write_csv_fixes,
    write_html,
    write_json,
    write_text,
)

PARENT = (RoleAssignment(role=Role.PARENT, role_raw="parent", org_sourced_id="s1"),)
TEXT_FIELDS = tuple(
    f.name for f in attrs.fields(User) if f.type == "str" and f.name != "sourced_id"
)
"""Every field the model declares a plain ``str``: each must be checked."""


def ana(**kw: Any) -> User:
    fields: dict[str, Any] = {
        "sourced_id": "g1",
        "given_name": "Ana",
        "family_name": "Ruiz",
        "email": "ana.ruiz@gmail.com",
        "sms": "617-555-2368",
        "roles": PARENT,
    }
    fields.update(kw)
    return User(**fields)


def usage_error(build: Any) -> str:
    with pytest.raises(UsageError) as caught:
        build()
    return str(caught.value)


def test_usage_error_is_a_type_error_a_value_error_and_the_base_error() -> None:
    assert issubclass(UsageError, OneRosterIdentityError)
    assert issubclass(UsageError, TypeError)
    assert issubclass(UsageError, ValueError)


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ([ana()], "Roster(users=users)"),
        ((ana(),), "Roster(users=users)"),
        ("roster/users.csv", "read_roster(path)"),
        (Path("roster"), "read_roster(path)"),
        ({"users": []}, "read_rest_users(document)"),
        (None, "make one"),
    ],
)
def test_match_names_what_makes_a_roster_from_what_it_was_given(value: object, hint: str) -> None:
    message = usage_error(lambda: match(value))  # type: ignore[arg-type]
    assert message.startswith("match() takes a Roster, not ")
    assert hint in message


def test_match_refuses_a_policy_that_is_not_a_policy() -> None:
    roster = Roster(users=[ana()])
    for policy in ("unique-required", {"shared_credentials": "unique-required"}):
        message = usage_error(lambda p=policy: match(roster, p))  # type: ignore[misc]
        assert "match(policy=...) takes a Policy or None" in message
    assert "match(weights=...)" in usage_error(lambda: match(roster, weights=0.5))  # type: ignore[arg-type]
    result = match(roster, Policy(shared_credentials="unique-required"))
    assert result.policy.shared_credentials.value == "unique-required"


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize(
    ("value", "said"),
    [(None, "None"), (math.nan, "NaN"), (6175552368, "an int"), (b"Ana", "a bytes")],
)
def test_a_text_field_that_is_not_a_string_is_named_and_not_quoted(
    field: str, value: object, said: str
) -> None:
    users = [ana(sourced_id="g0"), ana(**{field: value})]
    message = usage_error(lambda: Roster(users=users))
    assert message.startswith(f"user 'g1' (item 1): {field} takes a str ('' for no value), not")
    assert said in message
    assert "6175552368" not in message and "Ana" not in message.replace("NaN", "")


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"status": "active"}, "status takes a Status (Status('active')"),
        ({"date_last_modified": "2026-11-30"}, "date_last_modified takes a datetime or None"),
        ({"date_last_modified": dt.date(2026, 11, 30)}, "date_last_modified takes a datetime"),
        ({"birth_date": "2015-03-02"}, "birth_date takes a date or None, not a str"),
        ({"enabled_user": "true"}, "enabled_user takes True, False or None"),
        ({"primary_org_sourced_id": 7}, "primary_org_sourced_id takes a str or None"),
        ({"roles": list(PARENT)}, "roles takes a tuple of RoleAssignment objects, not a list"),
        ({"agent_sourced_ids": ["g2", 3]}, "agent_sourced_ids takes a tuple of sourcedIds"),
        ({"grades": (5,)}, "grades takes a tuple of grades (str); one is an int"),
        ({"extensions": ("x",)}, "extensions takes a tuple of (column, value) pairs"),
    ],
)
def test_other_fields_are_checked_with_what_goes_there(fields: dict[str, Any], said: str) -> None:
    message = usage_error(lambda: Roster(users=[ana(**fields)]))
    assert message.startswith("user 'g1' (item 0): ")
    assert said in message


def test_a_status_string_no_longer_counts_the_user_out_quietly() -> None:
    # Before: "active" is no Status.ACTIVE, so the user read as inactive and no account
    # was counted, with no word said.
    with pytest.raises(UsageError):
        match(Roster(users=[ana(status="active")]))
    assert match(Roster(users=[ana(status=Status("active"))])).accounts_created == 1


def test_a_role_written_as_a_string_is_refused_where_the_assignment_is_made() -> None:
    message = usage_error(lambda: RoleAssignment(role="parent", role_raw="parent"))  # type: ignore[arg-type]
    assert "Role('parent')" in message
    assert RoleAssignment(role=None, role_raw="aide").family.value == "unknown"
    message = usage_error(lambda: ana(roles=("parent",)))
    assert message.startswith("User(roles=...) takes a tuple of RoleAssignment objects")
    assert "not a str" in usage_error(lambda: ana(roles="parent"))


def test_one_string_of_links_is_not_read_as_its_letters() -> None:
    # tuple("g12") would link the student to guardians "g", "1" and "2".
    message = usage_error(lambda: user("k1", "student", "Leo", "Ruiz", agent_sourced_ids="g12"))
    assert "('g1',)" in message and "split" in message
    assert user("k1", "student", "Leo", "Ruiz", agent_sourced_ids=["g12"]).agent_sourced_ids == (
        "g12",
    )


def test_two_users_of_one_sourced_id_are_refused_not_one_dropped() -> None:
    # Before: the second replaced the first, and 2 records read as 1.
    users = [ana(), ana(given_name="Jose", email="jose@gmail.com"), ana(sourced_id="g2")]
    message = usage_error(lambda: Roster(users=users))
    assert message.startswith("users 0 and 1 have one sourcedId, 'g1'")


@pytest.mark.parametrize("sid", ["", "  ", None, 12])
def test_a_user_needs_a_sourced_id(sid: object) -> None:
    message = usage_error(lambda: Roster(users=[ana(sourced_id=sid)]))
    assert message.startswith("user 0: sourced_id takes a non-empty str")


@pytest.mark.parametrize(
    ("users", "said"),
    [
        (None, "Roster(users=...) takes User objects, not None"),
        ("g1", "not a str"),
        ({"g1": 1}, "not a dict"),
        ([{"sourcedId": "g1"}], "item 0 is a dict (read_rest_users("),
        ([ana(), "g2"], "item 1 is a str"),
    ],
)
def test_a_roster_holds_users(users: object, said: str) -> None:
    assert said in usage_error(lambda: Roster(users=users))  # type: ignore[arg-type]


def test_a_roster_holds_orgs() -> None:
    assert "takes Org objects" in usage_error(lambda: Roster(users=[], orgs="s1"))  # type: ignore[arg-type]
    assert "item 0 is not" in usage_error(lambda: Roster(users=[], orgs=[{"sourcedId": "s1"}]))  # type: ignore[list-item]


def test_values_a_program_may_well_pass_are_taken() -> None:
    class Named(str):
        pass

    class Stamp(dt.datetime):  # as a pandas Timestamp is a datetime
        pass

    roster = Roster(
        users=[
            ana(
                given_name=Named("Ana"),
                birth_date=Stamp(1990, 5, 1),
                date_last_modified=dt.datetime(2026, 11, 30, 8, 0),
                enabled_user=True,
                agent_sourced_ids=["k1"],
            ),
            user("k1", "student", "Leo", "Ruiz", birth_date=dt.date(2015, 3, 2)),
        ]
    )
    assert [u.sourced_id for u in roster.users] == ["g1", "k1"]
    assert match(roster).accounts_created == 2


def test_numpys_boolean_for_enabled_user_is_taken_as_pythons() -> None:
    """A DataFrame's boolean column gives ``numpy.bool_`` (``numpy.bool`` in numpy 2):
    taken as Python's ``bool``, as a policy switch is (since session 49; it was refused
    as "not a bool"). Anything else there is still refused."""
    np = pytest.importorskip("numpy")
    roster = Roster(users=[ana(enabled_user=np.bool_(False))])
    (taken,) = roster.users
    assert taken.enabled_user is False
    assert "enabled_user takes True, False or None" in usage_error(
        lambda: Roster(users=[ana(enabled_user=np.int64(1))])
    )


def test_the_readers_rosters_are_not_checked_again_and_pass() -> None:
    roster = read_sample()
    assert match(roster).summary()["records_read"] == len(roster.users)


@pytest.fixture(scope="module")
def checked() -> tuple[Roster, Any]:
    roster = read_rest_users(
        {"users": [{"sourcedId": "g1", "role": "parent", "givenName": "Ana", "familyName": "Ruiz"}]}
    )
    return roster, match(roster)


def test_verdict_and_check_existing_say_what_they_take(checked: tuple[Roster, Any]) -> None:
    roster, result = checked
    assert usage_error(lambda: verdict(roster)).startswith(  # type: ignore[arg-type]
        "verdict() takes a MatchResult, match(roster), not a Roster"
    )
    assert "verdict(existing=...)" in usage_error(lambda: verdict(result, roster))  # type: ignore[arg-type]
    # the arguments swapped, as one easily writes them
    assert usage_error(lambda: check_existing(result, roster, None)).startswith(  # type: ignore[arg-type]
        "check_existing() takes a Roster, not a MatchResult"
    )
    message = usage_error(lambda: check_existing(roster, result, "accounts.csv"))  # type: ignore[arg-type]
    assert "read_existing_accounts(path)" in message


def test_check_existing_still_takes_what_it_should(
    checked: tuple[Roster, Any], tmp_path: Path
) -> None:
    roster, result = checked
    accounts = tmp_path / "accounts.csv"
    accounts.write_text("role,first_name,last_name,email,phone\nparent,Ana,Ruiz,,\n")
    check = check_existing(roster, result, read_existing_accounts(accounts))
    assert isinstance(check, ExistingCheck)
    assert verdict(result, check).status in {"ready", "warnings", "blocked"}


def test_a_result_of_another_roster_is_refused_not_answered(
    checked: tuple[Roster, Any], tmp_path: Path
) -> None:
    """A notebook that read the roster again (or another district's) and passed an earlier
    check: before session 67 ``check_existing`` answered every account from the other
    roster's records and ``check_fix_list`` checked the other roster, each with figures
    of neither. The message names no value of either roster."""
    roster, result = checked
    sample = read_sample()
    accounts = tmp_path / "accounts.csv"
    accounts.write_text("role,first_name,last_name,email,phone\nparent,Ana,Ruiz,,\n")
    existing = read_existing_accounts(accounts)
    half = Roster(users=sample.users[: len(sample.users) // 2])
    # as many users, other ones: the counts agree, the users do not
    same_count = Roster(
        users=[attrs.evolve(u, sourced_id=f"x-{u.sourced_id}") for u in sample.users]
    )
    sample_result = match(sample)
    for other, its in (
        (sample, result),
        (roster, sample_result),
        (half, sample_result),
        (same_count, sample_result),
    ):
        for call in (
            lambda other=other, its=its: check_existing(other, its, existing),
            lambda other=other, its=its: check_fix_list(other, its),
        ):
            message = usage_error(call)
            assert "takes a roster and a check of it (match(roster))" in message
            assert "is not a check of this roster" in message
            assert "Ruiz" not in message and "@" not in message
    # the roster the result was made from is taken, whichever way it was read
    assert isinstance(check_existing(sample, sample_result, existing), ExistingCheck)
    assert (
        check_fix_list(read_sample(), sample_result).accounts_before
        == sample_result.accounts_created
    )


def test_apply_decisions_takes_decisions_not_a_path(checked: tuple[Roster, Any]) -> None:
    roster, result = checked
    for wrong in ("decisions.csv", Path("decisions.csv")):
        message = usage_error(lambda w=wrong: apply_decisions(result, w))  # type: ignore[misc]
        assert "read_decisions(path)" in message
    message = usage_error(lambda: apply_decisions(result, [{"item": "NM-1"}]))  # type: ignore[list-item]
    assert "Decision objects, not a dict" in message
    assert "apply_decisions() takes a MatchResult" in usage_error(
        lambda: apply_decisions(roster, [])  # type: ignore[arg-type]
    )
    decision = Decision(item="NM-0000000000", review=Review.TWO_PEOPLE)
    assert apply_decisions(result, [decision]).findings[-1].code == "decision-matches-nothing"


@pytest.mark.parametrize(
    "write",
    [
        lambda r, **kw: write_json(r, io.StringIO(), **kw),
        lambda r, **kw: write_csv_fixes(r, io.StringIO(), **kw),
        lambda r, **kw: write_text(r, io.StringIO(), **kw),
        lambda r, **kw: write_html(r, io.StringIO(), **kw),
        lambda r, **kw: notebook_html(r, **kw),
    ],
)
def test_every_report_writer_says_what_it_takes_before_writing(
    write: Any, checked: tuple[Roster, Any]
) -> None:
    roster, result = checked
    assert "takes a MatchResult, match(roster), not a Roster" in usage_error(lambda: write(roster))
    assert "(existing=...) takes an ExistingCheck" in usage_error(
        lambda: write(result, existing=roster)
    )
    write(result)


def test_to_dataframes_says_what_it_takes(checked: tuple[Roster, Any]) -> None:
    pytest.importorskip("pandas")
    from oneroster_identity.frames import to_dataframes

    roster, _ = checked
    assert usage_error(lambda: to_dataframes(roster)).startswith("to_dataframes() takes")  # type: ignore[arg-type]


_NOT_TEXT = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.binary(min_size=1),
    st.lists(st.text(max_size=3), max_size=2),
    st.dates(),
)


_SAID = {int: "an int", float: "a float", bytes: "a bytes", list: "a list", dt.date: "a date"}


@given(
    field=st.sampled_from(TEXT_FIELDS),
    wrong=_NOT_TEXT,
    texts=st.fixed_dictionaries({f: st.text(max_size=8) for f in TEXT_FIELDS}),
)
def test_any_user_of_strings_is_taken_and_any_other_value_is_named_by_its_type(
    field: str, wrong: object, texts: dict[str, str]
) -> None:
    good = ana(**texts)
    assert Roster(users=[good]).users == (good,)
    with pytest.raises(UsageError) as caught:
        Roster(users=[attrs.evolve(good, sourced_id="g0"), attrs.evolve(good, **{field: wrong})])
    if wrong is None:
        said = "None"
    elif isinstance(wrong, float) and math.isnan(wrong):
        said = "NaN (a float: what pandas holds for an empty cell)"
    else:
        said = _SAID[type(wrong)]
    # the whole message is fixed by the field and the value's type: no value is quoted
    assert (
        str(caught.value)
        == f"user 'g1' (item 1): {field} takes a str ('' for no value), not {said}"
    )


@pytest.mark.parametrize("wrong", ['{"users": []}', b"[]", 5, None])
def test_read_rest_users_takes_parsed_json(wrong: object) -> None:
    message = usage_error(lambda: read_rest_users(wrong))  # type: ignore[arg-type]
    assert message.startswith("read_rest_users() takes parsed JSON")
    assert "json.loads(text)" in message


def test_the_roster_writers_take_a_roster_and_say_what_they_cannot_write(
    checked: tuple[Roster, Any], tmp_path: Path
) -> None:
    from oneroster_identity.io import write_rest_roster

    roster, result = checked
    assert usage_error(lambda: write_csv_roster(result, tmp_path)).startswith(
        "write_csv_roster() takes a Roster, not a MatchResult"
    )
    assert "write_rest_roster()" in usage_error(
        lambda: write_rest_roster(result, tmp_path / "r.json")  # type: ignore[arg-type]
    )
    # argument values that were a bare ValueError are now the library's own error
    assert "version must be" in usage_error(lambda: write_csv_roster(roster, tmp_path, version="2"))
    assert "page_size" in usage_error(
        lambda: write_rest_roster(roster, tmp_path / "r.json", page_size=0)
    )
    assert "0 or more" in usage_error(lambda: write_text(result, io.StringIO(), limit=-1))
    two_roles = Roster(
        users=[ana(roles=(*PARENT, RoleAssignment(role=Role.TEACHER, role_raw="teacher")))]
    )
    assert "several roles" in usage_error(
        lambda: write_csv_roster(two_roles, tmp_path, version="1.1")
    )


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"review": "nope"}, "review takes Review('two-people'), Review('intended'), not a str"),
        ({"review": "two-people"}, "not a str"),
        ({"item": None}, "item takes a near-miss id or finding:<code>, not None"),
        ({"item": " "}, "not a str"),
        ({"note": None}, "note takes a str ('' for none), not None"),
        ({"sourced_id": 5}, "sourced_id takes a str"),
    ],
)
def test_a_decision_a_program_builds_is_checked_before_it_sets_anything_aside(
    fields: dict[str, Any], said: str
) -> None:
    # Before: Decision(review="nope") set a likely-same item aside, unchecked, since only
    # Review.TWO_PEOPLE (not its string) was tested for the kind of item it applies to.
    roster = Roster(
        users=[
            ana(sourced_id="g1", given_name="Ana"),
            ana(sourced_id="g2", given_name="Anna"),
            user("k1", "student", "Leo", "Ruiz", agent_sourced_ids=("g1",)),
            user("k2", "student", "Mia", "Ruiz", agent_sourced_ids=("g2",)),
        ]
    )
    result = match(roster)
    item = result.near_misses[0].id
    decision = Decision(**{"item": item, "review": Review.TWO_PEOPLE, **fields})
    assert said in usage_error(lambda: apply_decisions(result, [decision]))
    assert apply_decisions(result, [Decision(item=item, review=Review("two-people"))]).set_aside


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"family": "guardian"}, "family takes a RoleFamily (RoleFamily('guardian')), not a str"),
        ({"email": None}, "email takes a str ('' for none), not None"),
        ({"joined": "yes"}, "joined takes True or False, not a str"),
        ({"birth_date": "2015-01-02"}, "birth_date takes a date or None"),
        ({"account_id": ""}, "account 0: account_id takes a non-empty str"),
    ],
)
def test_accounts_a_program_builds_are_checked(
    fields: dict[str, Any], said: str, checked: tuple[Roster, Any]
) -> None:
    from oneroster_identity import Provenance, RoleFamily
    from oneroster_identity.existing import ExistingAccount, ExistingAccounts

    roster, result = checked
    base: dict[str, Any] = {
        "account_id": "A1",
        "first_name": "Ana",
        "last_name": "Ruiz",
        "family": RoleFamily.GUARDIAN,
        "provenance": Provenance(file="app-api"),
    }
    good = ExistingAccount(**base)
    assert check_existing(roster, result, ExistingAccounts(accounts=(good,))).accounts
    bad = ExistingAccounts(accounts=(ExistingAccount(**{**base, **fields}),))
    assert said in usage_error(lambda: check_existing(roster, result, bad))
    message = usage_error(
        lambda: check_existing(roster, result, ExistingAccounts(accounts=("A1",)))
    )  # type: ignore[arg-type]
    assert "item 0 is a str" in message


def test_compare_and_the_batch_say_what_they_take(
    checked: tuple[Roster, Any], tmp_path: Path
) -> None:
    from oneroster_identity.batch import check_many
    from oneroster_identity.compare import compare, load_snapshots

    roster, result = checked
    assert usage_error(lambda: compare(roster, result)).startswith(  # type: ignore[arg-type]
        "compare(old=...) takes a Snapshot (load_snapshot(path)"
    )
    assert "compare(new=...)" in usage_error(lambda: compare(result, "last.json"))  # type: ignore[arg-type]
    assert compare(result, result).summary()["splits"] == 0
    sample = str(Path(__file__).parents[1] / "src/oneroster_identity/data/sample")
    # one path, where a list goes: before, each of its letters was a roster (error rows)
    message = usage_error(lambda: check_many(sample, tmp_path / "out"))
    assert "not one path" in message and "[path]" in message
    assert not (tmp_path / "out").exists()
    message = usage_error(lambda: check_many([sample], tmp_path, policy={"region": "US"}))  # type: ignore[arg-type]
    assert "Policy.from_dict(data)" in message
    for jobs in (0, "2", 1.5, True):
        message = usage_error(lambda j=jobs: check_many([sample], tmp_path, jobs=j))  # type: ignore[misc]
        assert "check_many(jobs=...) takes a whole number of 1 or more" in message
        message = usage_error(lambda j=jobs: load_snapshots(sample, sample, jobs=j))  # type: ignore[misc]
        assert "load_snapshots(jobs=...)" in message


def test_redact_all_masks_names_as_the_command_line_word_does(checked: tuple[Roster, Any]) -> None:
    # Before: any true value masked contacts only, so redact="all", the command line's
    # word, left every name in the report.
    _, result = checked
    out = io.StringIO()
    write_json(result, out, redact="all")
    assert "Ana" not in out.getvalue() and "Ruiz" not in out.getvalue()
    same = io.StringIO()
    write_json(result, same, redact=Redaction(names=True))
    assert same.getvalue() == out.getvalue()
    contacts, word = io.StringIO(), io.StringIO()
    write_json(result, contacts, redact=True)
    write_json(result, word, redact="contacts")
    assert contacts.getvalue() == word.getvalue() and "Ana" in word.getvalue()


@pytest.mark.parametrize("redact", ["names", "yes", None, 1, "ALL "])
def test_a_redact_value_that_is_none_of_the_settings_is_refused(
    redact: object, checked: tuple[Roster, Any]
) -> None:
    _, result = checked
    for write in (write_json, write_text, write_csv_fixes):
        message = usage_error(lambda w=write: w(result, io.StringIO(), redact=redact))  # type: ignore[misc]
        assert message.startswith("redact takes True or 'contacts' (contacts masked), 'all'")


def test_a_redaction_says_what_its_fields_take() -> None:
    assert "hash_key=...) takes bytes (key.encode()" in usage_error(
        lambda: Redaction(hash_key="secret")  # type: ignore[arg-type]
    )
    assert "Redaction(names=...) takes True or False" in usage_error(
        lambda: Redaction(names="all")  # type: ignore[arg-type]
    )
    assert Redaction(hash_key=b"k").contact_hash("ana@gmail.com").startswith("h:")


def test_a_program_built_roster_reports_broken_links_as_a_reader_does() -> None:
    # Before: a student linked to a guardian not in the roster, or a user with no role,
    # said nothing when a program built the roster (a reader reports both).
    roster = Roster(
        users=[
            ana(),
            user("k1", "student", "Leo", "Ruiz", agent_sourced_ids=("g1", "g9")),
            User(sourced_id="x1", given_name="Bo", family_name="Li"),
            user("k2", "student", "Mia", "Ruiz", agent_sourced_ids=("k2", "g1")),
        ]
    )
    found = [(d.code, d.sourced_id, d.value, d.location.format()) for d in roster.diagnostics]
    assert found == [
        ("agent-missing-user", "k1", "g9", "user k1.agentSourcedIds"),
        ("agent-self", "k2", "k2", "user k2.agentSourcedIds"),
        ("no-role", "x1", None, "user x1.role"),
    ]
    assert match(roster).summary()["diagnostics_by_severity"]["warning"] == 3
    # the self-link is dropped from the family links; the real one stays
    assert roster.guardians_of["k2"] == ("g1",)


@pytest.mark.parametrize(
    ("agent", "words"),
    [
        ("G1", "only in letter case"),
        ("000123", "only in leading zeros (a spreadsheet drops them"),
        ("0A7", "only in letter case and leading zeros"),
    ],
)
def test_a_broken_link_to_an_id_written_another_way_says_how(agent: str, words: str) -> None:
    """An agent whose id is a user's but for letter case or leading zeros (a spreadsheet
    dropped them from the sourcedId column) is still broken, and the warning says how
    (since session 52)."""
    roster = Roster(
        users=[
            ana(sourced_id="g1"),
            ana(sourced_id="123", given_name="Eva"),
            ana(sourced_id="a7", given_name="Luz"),
            user("k1", "student", "Leo", "Ruiz", agent_sourced_ids=(agent,)),
        ]
    )
    (link,) = [d for d in roster.diagnostics if d.code == "agent-missing-user"]
    assert link.message.startswith("agentSourcedIds names a user that is not in the roster; ")
    assert f"differs from it {words}" in link.message and link.value == agent
    assert roster.guardians_of == {}  # the link stays broken: ids are compared exactly


def test_a_broken_link_near_several_ids_says_nothing_more() -> None:
    roster = Roster(
        users=[
            ana(sourced_id="ab"),
            ana(sourced_id="AB", given_name="Eva"),
            user("k1", "student", "Leo", "Ruiz", agent_sourced_ids=("Ab", "nobody")),
        ]
    )
    links = [d.message for d in roster.diagnostics if d.code == "agent-missing-user"]
    assert links == ["agentSourcedIds names a user that is not in the roster"] * 2


def test_link_diagnostics_are_recomputed_not_doubled_when_users_are_put_together_again(
    tmp_path: Path,
) -> None:
    from oneroster_identity import read_roster

    folder = tmp_path / "roster"
    folder.mkdir()
    (folder / "users.csv").write_text(
        "sourcedId,role,givenName,familyName,email,agentSourcedIds\n"
        "g1,parent,Ana,Ruiz,ana@gmail.com,\n"
        'k1,student,Leo,Ruiz,,"g1,g9"\n'
    )
    read = read_roster(folder)
    links = [d for d in read.diagnostics if d.code == "agent-missing-user"]
    assert [d.value for d in links] == ["g9"]
    again = Roster(users=list(read.users), diagnostics=read.diagnostics)
    assert again.diagnostics == read.diagnostics
    assert attrs.evolve(read, users=tuple(read.users)).diagnostics == read.diagnostics
    # the guardian added: the link is no longer broken, and its diagnostic goes
    mended = Roster(
        users=[*read.users, ana(sourced_id="g9", given_name="Jose")],
        diagnostics=read.diagnostics,
    )
    assert not [d for d in mended.diagnostics if d.code == "agent-missing-user"]


@pytest.mark.parametrize("wrong", [None, 5, io.StringIO("users")])
def test_the_readers_take_a_path(wrong: object, tmp_path: Path) -> None:
    from oneroster_identity import read_decisions, read_roster

    for read, name in (
        (read_roster, "read_roster()"),
        (read_existing_accounts, "read_existing_accounts()"),
        (read_decisions, "read_decisions()"),
    ):
        message = usage_error(lambda r=read: r(wrong))  # type: ignore[misc]
        assert message.startswith(f"{name} takes a path (a str or a pathlib.Path), not ")
    sample = Path(__file__).parents[1] / "src/oneroster_identity/data/sample"
    if wrong is not None:  # (base=None: no base)
        assert "read_roster(base=...)" in usage_error(lambda: read_roster(sample, base=wrong))  # type: ignore[arg-type]
    assert "write_csv_roster(directory=...)" in usage_error(
        lambda: write_csv_roster(read_sample(), wrong)  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("limit", [-1, "5", 2.5, None])
def test_a_limit_is_a_whole_number_of_items(limit: object, checked: tuple[Roster, Any]) -> None:
    # Before: notebook_html(limit=-1) sliced the last item away without a word, and a
    # string limit raised a bare TypeError.
    _, result = checked
    for write in (
        lambda **kw: write_text(result, io.StringIO(), **kw),
        lambda **kw: notebook_html(result, **kw),
    ):
        assert "limit must be a whole number, 0 or more" in usage_error(
            lambda w=write: w(limit=limit)
        )  # type: ignore[misc]


def test_pandas_missing_values_are_named_where_a_program_passes_them() -> None:
    # A DataFrame's empty cells: NaN in a text column, NaT in a date column (an instance
    # of datetime, so it passed the type test and failed in the matcher's date
    # arithmetic: a bare ValueError), NA in a nullable column.
    pd = pytest.importorskip("pandas")
    from oneroster_identity import PolicyError

    said = {
        "birth_date": "birth_date takes a date or None, not NaT (what pandas holds for an empty date cell)",
        "date_last_modified": "date_last_modified takes a datetime or None, not NaT",
        "family_name": "family_name takes a str ('' for no value), not NA (what pandas holds",
    }
    for field, value in (
        ("birth_date", pd.NaT),
        ("date_last_modified", pd.NaT),
        ("family_name", pd.NA),
    ):
        assert said[field] in usage_error(lambda f=field, v=value: Roster(users=[ana(**{f: v})]))  # type: ignore[misc]
    with pytest.raises(PolicyError, match="export_date takes a date or None, not NaT"):
        Policy(export_date=pd.NaT)
    stamp = pd.Timestamp("2015-03-02")
    assert match(Roster(users=[ana(birth_date=stamp)])).accounts_created == 1


_SAMPLE_USERS = [
    *read_sample().users,
    user("zz-kid", "student", "Leo", "Ruiz", agent_sourced_ids=("zz-missing",)),
    User(sourced_id="zz-norole", given_name="Bo", family_name="Li"),
]
_SAMPLE = Roster(users=_SAMPLE_USERS)


@given(st.permutations(list(range(len(_SAMPLE_USERS)))))
def test_users_put_together_in_any_order_give_one_roster(order: list[int]) -> None:
    """Users a program puts together pass the checks in any order and give the same
    sorted users and the same diagnostics, the link warnings recomputed, not doubled."""
    assert [d.code for d in _SAMPLE.diagnostics] == ["agent-missing-user", "no-role"]
    shuffled = [_SAMPLE_USERS[i] for i in order]
    for again in (
        Roster(users=shuffled),
        Roster(users=shuffled, diagnostics=_SAMPLE.diagnostics),
        attrs.evolve(_SAMPLE, users=shuffled),
    ):
        assert again.users == _SAMPLE.users
        assert again.diagnostics == _SAMPLE.diagnostics


def test_compare_takes_its_hash_key_as_bytes(checked: tuple[Roster, Any]) -> None:
    # Before: a text key was taken, and failed in the HMAC when one side was hashed.
    from oneroster_identity.compare import compare

    _, result = checked
    message = usage_error(lambda: compare(result, result, hash_key="secret"))  # type: ignore[arg-type]
    assert message == (
        "compare(hash_key=...) takes bytes (key.encode() for a text key) or None, not a str"
    )
    assert compare(result, result, hash_key=b"secret").summary()["splits"] == 0
