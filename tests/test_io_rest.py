from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.conftest import write

from oneroster_identity import Provenance, Role, RosterReadError, read_rest_users, read_roster
from oneroster_identity.io._rest import _KNOWN, _envelope_key
from oneroster_identity.io._rest_pages import other_document
from oneroster_identity.models import SortedUsers

USER_11 = {
    "sourcedId": "g1",
    "status": "active",
    "dateLastModified": "2024-01-02T00:00:00Z",
    "enabledUser": "true",
    "orgs": [{"href": "x", "sourcedId": "s1", "type": "org"}],
    "role": "parent",
    "givenName": "Bob",
    "familyName": "Ng",
    "email": "bob@y.org",
    "sms": "6035552000",
    "agents": [{"sourcedId": "st1", "type": "user"}],
    "userIds": [{"type": "LDAP", "identifier": "12"}],
}
USER_12 = {
    "sourcedId": "g1",
    "status": "active",
    "dateLastModified": "2024-01-02T00:00:00Z",
    "enabledUser": True,
    "roles": [{"roleType": "primary", "role": "parent", "org": {"sourcedId": "s1", "type": "org"}}],
    "givenName": "Bob",
    "familyName": "Ng",
    "email": "bob@y.org",
    "sms": "6035552000",
    "agents": [{"sourcedId": "st1", "type": "user"}],
    "userIds": [{"type": "LDAP", "identifier": "12"}],
}
STUDENT = {"sourcedId": "st1", "role": "student", "givenName": "Cy", "familyName": "Ng"}


def test_11_and_12_rest_shapes_agree() -> None:
    a = read_rest_users({"users": [USER_11, STUDENT]})
    b = read_rest_users([{"users": [USER_12]}, {"users": [STUDENT]}])
    assert a.users_by_id["g1"] == b.users_by_id["g1"]
    assert a.users_by_id["g1"].roles[0].role is Role.PARENT
    assert a.students_of == {"g1": ("st1",)}


def test_single_user_envelope_and_file(tmp_path: Path) -> None:
    path = write(tmp_path / "user.json", json.dumps({"user": USER_12}))
    roster = read_roster(path)
    assert [u.sourced_id for u in roster.users] == ["g1"]
    assert {d.code for d in roster.diagnostics} == {"agent-missing-user"}


def test_a_user_listed_among_its_own_agents_is_a_located_warning() -> None:
    # An adult student exported as their own contact: a link to oneself, no family link.
    own = {**STUDENT, "agents": [{"sourcedId": "st1", "type": "user"}]}
    roster = read_rest_users({"users": [own]})
    found = [(d.code, d.value, d.location.column) for d in roster.diagnostics]
    assert found == [("agent-self", "st1", "agentSourcedIds")]
    assert roster.students_of == {} and roster.guardians_of == {}


@pytest.mark.parametrize(
    ("codec", "code"),
    [
        ("utf-16", "utf16"),
        ("utf-16-le", "utf16"),
        ("utf-16-be", "utf16"),
        ("utf-32", "utf32"),
    ],
)
def test_a_utf16_or_utf32_json_file_is_read_with_a_note(
    tmp_path: Path, codec: str, code: str
) -> None:
    """Windows PowerShell 5.1's ``Out-File`` writes UTF-16 with a byte order mark; JSON
    should be UTF-8, but its first two characters are ASCII, so the first bytes tell the
    encoding (the byte order mark, or NUL bytes beside them). It was refused as bad UTF-8."""
    page = {"users": [dict(USER_12, givenName="José", familyName="Díaz")]}
    path = write(tmp_path / "users.json", json.dumps(page, ensure_ascii=False).encode(codec))
    roster = read_roster(path)
    assert roster.users[0].given_name == "José" and roster.users[0].family_name == "Díaz"
    note = next(d for d in roster.diagnostics if d.code == code)
    assert note.severity.value == "info" and "read as UTF" in note.message


def test_an_encoding_the_bytes_contradict_is_refused_and_utf16_takes_theirs(
    tmp_path: Path,
) -> None:
    """UTF-16 asked for on a file with no byte order mark was refused by the codec
    ("does not start with BOM"; an internal error before session 30): it now takes the
    endianness the bytes show. The wrong endianness asked for is a located decode error
    naming the right one (it was a JSON syntax error at line 1, column 1)."""
    page = json.dumps({"users": [USER_12]}).encode("utf-16-le")
    path = write(tmp_path / "users.json", page)
    for asked in ("utf-16", "utf-16-le"):
        roster = read_roster(path, encoding=asked)
        assert [u.sourced_id for u in roster.users] == ["g1"]
        assert not {"utf16", "utf32"} & {d.code for d in roster.diagnostics}
    with pytest.raises(RosterReadError) as info:
        read_roster(path, encoding="utf-16-be")
    assert info.value.diagnostic.code == "decode-error"
    assert "users.json" in str(info.value) and "read it as utf-16-le" in str(info.value)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("users.json", '{"users": [\n{"sourcedId": }]}'),
        ("pages.jsonl", '{"users": []}\n{"users": [}\n'),  # a bad line of JSON Lines
    ],
)
def test_bad_json_is_located(tmp_path: Path, name: str, text: str) -> None:
    path = write(tmp_path / name, text)
    with pytest.raises(RosterReadError) as info:
        read_roster(path)
    assert info.value.diagnostic.code == "bad-json"
    assert info.value.diagnostic.location.line == 2


def test_objects_without_id_are_counted() -> None:
    roster = read_rest_users({"users": [USER_11, {"givenName": "x"}, "junk"]})
    assert roster.rejected_rows == 2
    paths = {d.location.path for d in roster.diagnostics if d.severity.value == "error"}
    assert paths == {"$.users[1].sourcedId", "$.users[2]"}


@pytest.mark.parametrize(
    ("document", "path"),
    [({"users": 5}, "$.users"), ({"users": "x"}, "$.users"), ({"user": 5}, "$.user")],
)
def test_a_users_value_that_is_no_user_is_rejected_where_it_is(
    document: dict[str, object], path: str
) -> None:
    """``users`` that is no array, or ``user`` that is no object, is named at its key; it
    was read as a user object (the whole document) missing its sourcedId."""
    roster = read_rest_users([document, {"users": [USER_11]}])
    assert roster.rejected_rows == 1 and len(roster.users) == 1
    (error,) = [d for d in roster.diagnostics if d.severity.value == "error"]
    assert (error.code, error.location.path) == ("bad-type", path)


def test_a_page_of_null_users_holds_none_and_one_object_is_one_user() -> None:
    roster = read_rest_users([{"users": None}, {"users": USER_11}])
    assert roster.rejected_rows == 0
    assert [u.sourced_id for u in roster.users] == [USER_11["sourcedId"]]


def _pages(users: list[dict[str, object]], size: int) -> list[dict[str, object]]:
    return [{"users": users[i : i + size]} for i in range(0, len(users), size)]


def test_pages_from_a_generator_are_read_one_at_a_time() -> None:
    """A sync script's generator is asked for the next page only after the previous one
    was read, and gives the roster a list of the same pages gives."""
    users = [dict(USER_12, sourcedId=f"g{i}", agents=[]) for i in range(10)] + [STUDENT]
    pages = _pages(users, 3)
    asked: list[int] = []

    def fetch() -> Iterator[dict[str, object]]:
        for number, page in enumerate(pages):
            asked.append(number)
            yield page

    roster = read_rest_users(fetch())
    assert asked == [0, 1, 2, 3]
    assert roster.users == read_rest_users(pages).users
    assert isinstance(roster.users, SortedUsers)  # columns, not a User per record
    assert roster.users_by_id["g4"].provenance == Provenance(
        file="<rest>", path="$[page 1].users[1]"
    )


def test_a_file_is_read_an_element_at_a_time_with_real_paths(tmp_path: Path) -> None:
    users = [dict(USER_12, sourcedId=f"g{i}", agents=[]) for i in range(5)]
    demographics = {"demographics": [{"sourcedId": "g3", "birthDate": "1990-02-03", "sex": "f"}]}
    # The demographics page comes first: birth dates are joined when the read ends.
    path = write(tmp_path / "pages.json", json.dumps([demographics, *_pages(users, 2)]))
    roster = read_roster(path)
    g3 = roster.users_by_id["g3"]
    assert g3.provenance == Provenance(file=str(path), path="$[2].users[1]")
    assert (g3.birth_date, g3.sex) == (dt.date(1990, 2, 3), "f")
    assert roster.users_by_id["g0"].birth_date is None


@pytest.mark.parametrize("name", ["pages.jsonl", "pages.ndjson", "pages.json"])
def test_json_lines_are_read_as_the_elements_of_an_array(tmp_path: Path, name: str) -> None:
    """A sync script that appends each page to a file as it fetches it writes JSON Lines
    (one value a line), whatever it names the file; each line is read as an array's
    element, with the same paths, and one info diagnostic says so. It was refused as
    "Extra data" (.json) or as an unknown format (.jsonl, .ndjson)."""
    users = [dict(USER_12, sourcedId=f"g{i}", agents=[]) for i in range(5)]
    demographics = {"demographics": [{"sourcedId": "g3", "birthDate": "1990-02-03", "sex": "f"}]}
    lines = [
        json.dumps(v) for v in (demographics, *_pages(users, 2), dict(USER_12, sourcedId="u9"))
    ]
    path = write(tmp_path / name, "\n".join(lines) + "\n")
    roster = read_roster(path)
    assert len(roster.users) == 6
    assert roster.users_by_id["g3"].provenance == Provenance(file=str(path), path="$[2].users[1]")
    assert roster.users_by_id["g3"].birth_date == dt.date(1990, 2, 3)
    assert [d.code for d in roster.diagnostics if d.code == "json-lines"] == ["json-lines"]
    # an array's own file reads as before, and one document has no note
    single = read_roster(write(tmp_path / "one.jsonl", json.dumps({"users": users})))
    assert not {d.code for d in single.diagnostics} & {"json-lines"}
    assert single.users_by_id["g0"].provenance.path == "$.users[0]"  # type: ignore[union-attr]


def test_a_duplicate_names_where_the_first_was_read() -> None:
    roster = read_rest_users([{"users": [USER_12]}, {"users": [dict(USER_12, givenName="Rob")]}])
    (duplicate,) = [d for d in roster.diagnostics if d.code == "duplicate-sourced-id"]
    assert duplicate.location.path == "$[page 1].users[0].sourcedId"
    assert "$.users[0]" in duplicate.message
    assert roster.users_by_id["g1"].given_name == "Bob"  # the first one is kept
    assert roster.rejected_rows == 1


def test_a_page_fetched_twice_loses_nothing_and_only_other_values_are_errors() -> None:
    """Since session 54: a script that retries a page appends it again; every user of it
    repeated word for word was an error that blocked the sync, though nothing was lost.
    It is a warning now; a repeat with other values stays an error naming its keys."""
    page = {"users": [USER_12, STUDENT]}
    roster = read_rest_users([page, page])
    repeated = [d for d in roster.diagnostics if d.code == "duplicate-sourced-id"]
    assert [d.severity.value for d in repeated] == ["warning", "warning"]
    assert all("nothing of the user is lost" in d.message for d in repeated)
    assert roster.rejected_rows == 2 and len(roster.users) == 2
    assert roster.repeated_rows == 2  # (since session 55)
    other = dict(USER_12, email="bob@gmail.com", agents=[])
    (said,) = [
        d
        for d in read_rest_users([page, {"users": [other]}]).diagnostics
        if d.code == "duplicate-sourced-id"
    ]
    assert said.severity.value == "error"
    assert "with another email and agents; rejected" in said.message
    assert read_rest_users([page, {"users": [other]}]).repeated_rows == 0
    renamed = dict(USER_11, roles=USER_12["roles"])  # 1.1's role beside 1.2's roles
    (said,) = [
        d
        for d in read_rest_users([{"users": [USER_11]}, {"users": [renamed]}]).diagnostics
        if d.code == "duplicate-sourced-id"
    ]
    # one guardian's same role written two ways (an error until session 57)
    assert said.severity.value == "warning" and "the same roles and the same agents" in said.message
    teacher = dict(USER_12, roles=[{"roleType": "primary", "role": "teacher", "org": "s1"}])
    (said,) = [
        d
        for d in read_rest_users([{"users": [teacher]}, {"users": [USER_12]}]).diagnostics
        if d.code == "duplicate-sourced-id"
    ]
    assert said.severity.value == "error" and "role" in said.message  # a staff role: no


@pytest.mark.parametrize(
    ("key", "value"),
    [("status", "tobedeleted"), ("enabledUser", False), ("grades", ["05"])],
)
def test_an_object_repeated_with_another_status_is_told(key: str, value: object) -> None:
    """Since session 57: an object repeating a sourcedId with another status,
    enabledUser or grades was a repeat with nothing lost, the first object's value kept
    (whether the user was excluded followed the page order); it is an error naming the
    key, in either order."""
    other = dict(USER_12, **{key: value})
    for pages in (
        [{"users": [USER_12]}, {"users": [other]}],
        [{"users": [other]}, {"users": [USER_12]}],
    ):
        (said,) = [
            d for d in read_rest_users(pages).diagnostics if d.code == "duplicate-sourced-id"
        ]
        assert said.severity.value == "error" and f"with another {key}; rejected" in said.message
    again = dict(USER_12, enabledUser="TRUE", dateLastModified="2025-05-05T00:00:00Z")
    assert read_rest_users([{"users": [USER_12]}, {"users": [again]}]).repeated_rows == 1


def test_a_guardian_listed_once_per_child_is_one_user_linked_to_every_child() -> None:
    """Since session 57 (the CSV reader's rule of session 56): a guardian's object
    repeated once per child, each with that child in its agents (a script that fetched
    each student's guardians), was an error with the second object rejected and its
    link lost; it is one user linked to both children, holding both objects' guardian
    roles, whichever object came first."""
    second = dict(
        USER_12,
        agents=[{"sourcedId": "st2", "type": "user"}],
        roles=[{"roleType": "primary", "role": "guardian", "org": {"sourcedId": "s2"}}],
    )
    st2 = dict(STUDENT, sourcedId="st2")
    users = [USER_12, STUDENT, second, st2]
    roster = read_rest_users({"users": users})
    (said,) = [d for d in roster.diagnostics if d.code == "duplicate-sourced-id"]
    assert said.severity.value == "warning" and "one guardian listed once per child" in said.message
    g1 = roster.users_by_id["g1"]
    assert g1.agent_sourced_ids == ("st1", "st2")
    assert [(r.role_raw, r.org_sourced_id) for r in g1.roles] == [
        ("guardian", "s2"),
        ("parent", "s1"),
    ]
    assert (roster.rejected_rows, roster.repeated_rows) == (1, 1)
    other = read_rest_users({"users": [second, st2, USER_12, STUDENT]}).users_by_id["g1"]
    assert (other.agent_sourced_ids, other.roles) == (g1.agent_sourced_ids, g1.roles)


def test_a_role_problem_is_reported_for_every_user_that_has_it() -> None:
    """Role readings are shared between users, but not ones that reported a problem."""
    odd = {"roles": [{"roleType": "primary", "role": "Parnet", "org": {"sourcedId": "s1"}}]}
    users = [dict(USER_12, sourcedId=f"g{i}", agents=[], **odd) for i in range(3)]
    roster = read_rest_users({"users": users})
    unknown = [d.sourced_id for d in roster.diagnostics if d.code == "unknown-role"]
    assert sorted(unknown) == ["g0", "g1", "g2"]
    assert roster.users[0].roles is roster.users[2].roles  # still one shared tuple


def test_equal_role_readings_share_and_different_ones_do_not() -> None:
    a = dict(USER_11, sourcedId="a", agents=[])
    b = dict(USER_11, sourcedId="b", agents=[], orgs=[{"sourcedId": "s2"}])
    c = dict(USER_11, sourcedId="c", agents=[], orgs="s2")
    roster = read_rest_users({"users": [a, b, c]})
    roles = {u.sourced_id: u.roles for u in roster.users}
    assert roles["a"][0].org_sourced_id == "s1"
    assert roles["b"][0].org_sourced_id == roles["c"][0].org_sourced_id == "s2"
    assert roles["b"] is roles["c"]  # equal readings: one tuple


IMSX_FAILURE = {
    "imsx_codeMajor": "failure",
    "imsx_severity": "error",
    "imsx_description": "Token expired for jane@district.org",
    "imsx_CodeMinor": {
        "imsx_codeMinorField": [
            {
                "imsx_codeMinorFieldName": "TargetEndSystem",
                "imsx_codeMinorFieldValue": "unauthorisedrequest",
            }
        ]
    },
}


@pytest.mark.parametrize(
    ("document", "said"),
    [
        (IMSX_FAILURE, "$ is an API error response (imsx_codeMajor 'failure'"),
        ({"statusInfoSet": [IMSX_FAILURE]}, "imsx_codeMinorFieldValue 'unauthorisedrequest'"),
        ({"error": "invalid_token", "error_description": "expired"}, "(error 'invalid_token')"),
        ([{"message": "Internal server error", "statusCode": 500}], "$[0] is an API error"),
        ({"orgs": [{"sourcedId": "s1", "name": "Elm", "type": "school"}]}, "$ is an orgs page"),
        ({"class": {"sourcedId": "c1", "title": "Math"}}, "$ is a class envelope"),
        ({"a": 1}, "$ is an object with none of a user's fields (its keys: a)"),
    ],
)
def test_a_document_that_is_no_user_is_named_not_read_as_a_user(
    tmp_path: Path, document: object, said: str
) -> None:
    """A saved error body or another endpoint's page was one "user object with no
    sourcedId"; a file of nothing else is no roster, and the message says what it is."""
    path = write(tmp_path / "users.json", json.dumps(document))
    with pytest.raises(RosterReadError) as info:
        read_roster(path)
    diagnostic = info.value.diagnostic
    assert diagnostic.code == "not-a-roster"
    assert said in diagnostic.message
    assert "jane@" not in diagnostic.message  # an error's free text is no code


def test_an_error_body_among_pages_blocks_and_other_pages_are_skipped() -> None:
    """A token that expired halfway through the export: the users of the failed request
    are missing, which is an error where the body stands; another endpoint's page is an
    info; neither is a user record, rejected or read."""
    roster = read_rest_users(
        [
            {"users": [USER_11]},
            {"orgs": [{"sourcedId": "s1", "name": "Elm", "type": "school"}]},
            IMSX_FAILURE,
            {},
            {"users": [STUDENT]},
        ]
    )
    assert sorted(u.sourced_id for u in roster.users) == ["g1", "st1"]
    assert roster.rejected_rows == 0
    found = {(d.code, d.severity.value, d.location.path) for d in roster.diagnostics}
    assert {
        ("not-users", "info", "$[page 1]"),
        ("api-error-response", "error", "$[page 2]"),
        ("not-users", "warning", "$[page 3]"),
    } <= found
    (error,) = [d for d in roster.diagnostics if d.code == "api-error-response"]
    assert error.value is not None and "Token expired" in error.value  # redactable value


def test_a_status_body_saying_success_is_no_error() -> None:
    """An empty result some servers send as a status body (``imsx_codeMajor`` success,
    no users) lost nothing: an info, not an error that blocks."""
    body = {"imsx_codeMajor": "success", "imsx_severity": "status", "imsx_description": "0"}
    roster = read_rest_users([{"users": [USER_11]}, body])
    (said,) = [d for d in roster.diagnostics if d.location.path == "$[page 1]"]
    assert (said.code, said.severity.value) == ("not-users", "info")
    assert "an API status response (imsx_codeMajor 'success'" in said.message


@pytest.mark.parametrize(
    "obj",
    [
        {"givenName": "x"},  # a user missing its sourcedId: rejected where it is
        {"orgs": [{"sourcedId": "s1", "type": "org"}], "email": "a@b.org"},
        {"status": "active", "identifier": "7"},
    ],
)
def test_an_object_with_a_users_field_is_still_read_as_a_user(obj: dict[str, object]) -> None:
    roster = read_rest_users([obj, {"users": [USER_11]}])
    assert roster.rejected_rows == 1
    assert "missing-sourced-id" in {d.code for d in roster.diagnostics}


def test_a_saved_html_page_is_named(tmp_path: Path) -> None:
    path = write(tmp_path / "users.json", "<!DOCTYPE html>\n<html><body>Sign in</body></html>")
    with pytest.raises(RosterReadError) as info:
        read_roster(path)
    assert "HTML or XML page" in info.value.diagnostic.message


_KEYS = st.sampled_from(
    ["imsx_codeMajor", "imsx_description", "error", "message", "statusCode", "orgs", "class",
     "users", "user", "demographics", "enrollments", "sourcedId", "givenName", "status", "a",
     "data"]
)  # fmt: skip
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=10,
)


@given(st.lists(_JSON, max_size=5))
@example(docs=[{"statusCode": "\u00b9"}])  # a digit int() cannot read (session 60: a crash)
def test_any_document_beside_a_users_page_is_read_named_or_rejected(docs: list[object]) -> None:
    """Whatever a file holds beside a page of users (error bodies, other pages, objects of
    any shape, values of any type), the users are read, nothing raises, and each document
    that cannot be a user is named once at its own path, or (since session 55) is a
    client's envelope whose key is named once."""
    roster = read_rest_users([{"users": [USER_11]}, *docs])
    assert "g1" in roster.users_by_id
    named = [d.location.path for d in roster.diagnostics if d.code in _NAMED]
    assert len(named) == len(set(named))
    envelopes = [d.message for d in roster.diagnostics if d.code == "api-envelope"]
    assert len(envelopes) == len(set(envelopes))
    for index, doc in enumerate(docs, start=1):
        if (
            isinstance(doc, dict)
            and not ({"users", "user", "demographics", "enrollments"} & doc.keys())
            and other_document(doc, _KNOWN) is not None
        ):
            key = _envelope_key(doc)
            assert f"$[page {index}]" in named or (
                key is not None and any(f"inside '{key}'" in m for m in envelopes)
            )


_NAMED = frozenset({"api-error-response", "not-users"})


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ({"data": {"users": [USER_12, STUDENT]}}, "$"),  # an HTTP library's envelope
        ({"body": [USER_12, STUDENT], "statusCode": 200}, "$"),  # a workflow tool's
        ([{"data": {"users": [USER_12]}}, {"data": {"users": [STUDENT]}}], "$"),  # pages
        ({"response": {"data": {"users": [USER_12, STUDENT]}}}, "$"),  # envelopes nested
    ],
)
def test_users_inside_a_clients_envelope_are_read_and_the_envelope_named(
    document: object, where: str
) -> None:
    """Since session 55: a script that saved what its HTTP client returned (``{"data":
    {...}}``) held the users one level down; the file was refused as "an object with
    none of a user's fields (its keys: data)". The users are read, and the envelope is
    named once per key (info)."""
    roster = read_rest_users(document)
    assert sorted(u.sourced_id for u in roster.users) == sorted(
        [USER_12["sourcedId"], STUDENT["sourcedId"]]
    )
    assert roster.rejected_rows == 0
    said = [d for d in roster.diagnostics if d.code == "api-envelope"]
    assert [d.severity.value for d in said][:1] == ["info"]
    assert said[0].location.path == where
    assert "not-users" not in {d.code for d in roster.diagnostics}


def test_an_object_whose_two_keys_hold_users_is_no_envelope() -> None:
    """Which of two keys holding users is the response, nothing says: neither is read,
    and the object is named as before."""
    document = {"a": {"users": [USER_12]}, "b": {"users": [STUDENT]}}
    with pytest.raises(RosterReadError, match="its keys: a, b"):
        read_rest_users(document)


@pytest.mark.parametrize(
    "body",
    [
        {"statusCode": 500, "data": {"users": []}},  # a failed response in its envelope
        {"error": "invalid_token", "data": {"users": [STUDENT]}},
        {"imsx_codeMajor": {"users": None}},
    ],
)
def test_an_error_body_is_no_envelope(body: dict[str, object]) -> None:
    """An envelope is read only when its status says success (or it has none): an
    error body holding a users key stays an API error response."""
    roster = read_rest_users([{"users": [USER_12]}, body])
    codes = {d.code for d in roster.diagnostics}
    assert "api-error-response" in codes and "api-envelope" not in codes
    assert [u.sourced_id for u in roster.users] == [USER_12["sourcedId"]]


@pytest.mark.parametrize("lines", [False, True])
def test_a_rest_file_cut_short_reads_what_came_before_the_cut(tmp_path: Path, lines: bool) -> None:
    """Since session 55: a list of pages (or JSON Lines) whose script stopped while
    writing, or whose copy stopped, was refused whole ("not valid JSON"), as a CSV file
    cut short is not. The pages before the cut are read and an error says the rest is
    missing (the verdict blocks); a file cut before any whole value is refused as before,
    and a syntax error before the end is still ``bad-json``."""
    from oneroster_identity import read_sample
    from oneroster_identity.io import write_rest_roster

    whole = tmp_path / "whole.json"
    write_rest_roster(read_sample(), whole, page_size=100)
    pages = json.loads(whole.read_text(encoding="utf-8"))
    text = "".join(json.dumps(p) + "\n" for p in pages) if lines else json.dumps(pages, indent=1)
    first_page = len(json.dumps(pages[0])) if lines else text.index('\n {\n  "users"', 10)
    cut = tmp_path / "cut.json"
    cut.write_text(text[: first_page + 400], encoding="utf-8")
    roster = read_roster(cut)
    assert sorted(u.sourced_id for u in roster.users) == sorted(
        u["sourcedId"] for u in pages[0]["users"]
    )
    (said,) = [d for d in roster.diagnostics if d.code == "json-cut-short"]
    assert said.severity.value == "error" and said.location.line is not None
    assert "what came before the cut was read" in said.message
    inside = tmp_path / "inside.json"
    inside.write_text(text[:300], encoding="utf-8")
    with pytest.raises(RosterReadError) as info:
        read_roster(inside)
    assert info.value.diagnostic.code == "json-cut-short"
    broken = tmp_path / "broken.json"
    at = text.index("{") + 1
    broken.write_text(text[:at] + "}}}" + text[at:], encoding="utf-8")
    with pytest.raises(RosterReadError) as info:
        read_roster(broken)
    assert info.value.diagnostic.code == "bad-json"


def test_a_folder_of_pages_saved_one_file_each_reads_as_one_roster(tmp_path: Path) -> None:
    """Since session 55: a sync script that saves each page it fetches to a file of its
    own left a folder "users.csv not found"; its JSON files are read as one roster's
    pages, in the order of their names (``users_2`` before ``users_10``), each user
    located in its own file; a file that cannot be read stops the read naming it, and a
    last file cut short keeps what came before the cut."""
    from oneroster_identity import read_sample
    from oneroster_identity.io import write_rest_roster
    from oneroster_identity.match import match

    whole = tmp_path / "whole.json"
    write_rest_roster(read_sample(), whole, page_size=50)
    pages = json.loads(whole.read_text(encoding="utf-8"))
    assert len(pages) > 10
    folder = tmp_path / "pages"
    folder.mkdir()
    for number, page in enumerate(pages, start=1):
        (folder / f"users_{number}.json").write_text(json.dumps(page), encoding="utf-8")
    roster = read_roster(folder)
    plain = {k: v for k, v in match(read_roster(whole)).summary().items() if "diagn" not in k}
    assert {k: v for k, v in match(roster).summary().items() if "diagn" not in k} == plain
    assert "json-folder" in {d.code for d in roster.diagnostics}
    first_of_page_10 = pages[9]["users"][0]["sourcedId"]
    assert roster.users_by_id[first_of_page_10].provenance.path == "users_10.json $.users[0]"
    (folder / "users_3.json").write_text("{oops", encoding="utf-8")
    with pytest.raises(RosterReadError) as info:
        read_roster(folder)
    assert info.value.diagnostic.location.file.endswith("users_3.json")
    (folder / "users_3.json").write_text(json.dumps(pages[2]), encoding="utf-8")
    last = folder / f"users_{len(pages)}.json"
    last.write_text(json.dumps(pages[-1])[:-40], encoding="utf-8")
    (folder / "users_99.json").write_text(json.dumps(pages[-1])[:40], encoding="utf-8")
    cut = read_roster(folder)
    said = [d for d in cut.diagnostics if d.code == "json-cut-short"]
    assert said and all(d.location.file.endswith(".json") for d in said)


def test_json_files_of_several_exports_are_several_rosters(tmp_path: Path) -> None:
    """Since session 55 a folder of one export's pages reads as one roster; JSON files of
    other names (``district-a.json``, ``district-b.json``: a portfolio) are not pages of
    one export, and ``check`` says so rather than reading them as one district.
    ``check-many`` still takes no JSON file it is not given (a folder's JSON files may be
    saved reports)."""
    from oneroster_identity.io import find_rosters

    page = json.dumps({"users": [USER_12, STUDENT]})
    portfolio = tmp_path / "portfolio"
    portfolio.mkdir()
    for name in ("district-a.json", "district-b.json"):
        (portfolio / name).write_text(page, encoding="utf-8")
    with pytest.raises(RosterReadError) as info:
        read_roster(portfolio)
    assert info.value.diagnostic.code == "several-rosters"
    assert "district-a.json, district-b.json" in info.value.diagnostic.message
    assert find_rosters(portfolio) == [portfolio]
    pages = tmp_path / "pages"
    pages.mkdir()
    for number in (1, 2):
        (pages / f"users_{number}.json").write_text(page, encoding="utf-8")
    assert len(read_roster(pages).users) == 2  # (the second page repeats the first)


def test_page_files_named_with_a_superscript_digit_are_sorted_not_a_crash(
    tmp_path: Path,
) -> None:
    """Since session 60: a file name holding a digit ``int`` cannot read between two
    numbers (``users_1¹2.json``: ``¹`` alone, which ``str.isdigit`` counts) crashed the
    folder's sort; it sorts as text."""
    from oneroster_identity.io import json_files

    for name in ("users_1\u00b92.json", "users_10.json", "users_2.json", "users_\u0661.json"):
        write(tmp_path / name, "{}")
    # (an Arabic-Indic one is a decimal digit, read as 1)
    assert json_files(tmp_path) == [
        "users_\u0661.json",
        "users_1\u00b92.json",
        "users_2.json",
        "users_10.json",
    ]
