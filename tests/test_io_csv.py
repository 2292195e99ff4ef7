from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import write

from oneroster_identity import (
    Role,
    RoleFamily,
    Roster,
    RosterReadError,
    Severity,
    StrictModeError,
    UsageError,
    read_roster,
)
from oneroster_identity.cli import main
from oneroster_identity.io import find_rosters
from oneroster_identity.match import match
from oneroster_identity.report import write_text

MANIFEST_11 = "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\n"
MANIFEST_12 = "propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\n"
USERS_11 = (
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
    "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n"
    "t1,active,2024-01-02,TRUE,s1,teacher,tt,{LDAP:12},Ana,Diaz,,id1,ana@x.org,603-555-2368,,,,secret\n"
    "g1,active,2024-01-02,true,s1,parent,gg,,Bob,Ng,,,bob@y.org,6035552000,,st1,,\n"
    "st1,,,TRUE,s1,student,ss,,Cy,Ng,,,,,,g1,03,\n"
)
USERS_12 = (
    "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,"
    "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,"
    "preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns\n"
    "t1,active,2024-01-02,TRUE,tt,{LDAP:12},Ana,Diaz,,id1,ana@x.org,603-555-2368,,,,,,,,,,\n"
    "g1,active,2024-01-02,true,gg,,Bob,Ng,,,bob@y.org,6035552000,,st1,,,,,,,,\n"
    "st1,,,TRUE,ss,,Cy,Ng,,,,,,g1,03,,,,,,,\n"
)
ROLES_12 = (
    "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,"
    "userProfileSourcedId\n"
    "r1,,,t1,primary,teacher,,,s1,\nr2,,,g1,primary,parent,,,s1,\nr3,,,st1,primary,student,,,s1,\n"
)


def roster_dir(tmp_path: Path, users: str, manifest: str = MANIFEST_11, **files: str) -> Path:
    write(tmp_path / "manifest.csv", manifest)
    write(tmp_path / "users.csv", users)
    for name, text in files.items():
        write(tmp_path / f"{name}.csv", text)
    return tmp_path


def codes(roster) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.code for d in roster.diagnostics]


def test_reads_11_directory(tmp_path: Path) -> None:
    roster = read_roster(roster_dir(tmp_path, USERS_11))
    assert roster.version == "1.1"
    assert [u.sourced_id for u in roster.users] == ["g1", "st1", "t1"]
    teacher = roster.users_by_id["t1"]
    assert teacher.roles[0].role is Role.TEACHER
    assert teacher.families == {RoleFamily.STAFF}
    assert teacher.user_ids[0].type == "LDAP"
    assert teacher.provenance is not None and teacher.provenance.line == 2
    assert roster.students_of == {"g1": ("st1",)}
    assert roster.guardians_of == {"st1": ("g1",)}
    assert not [d for d in roster.diagnostics if d.severity is not Severity.INFO]


def test_11_and_12_give_equal_users(tmp_path: Path) -> None:
    r11 = read_roster(roster_dir(tmp_path / "a", USERS_11))
    r12 = read_roster(roster_dir(tmp_path / "b", USERS_12, MANIFEST_12, roles=ROLES_12))
    assert r12.version == "1.2"
    assert r11.users == r12.users


def test_12_roles_several_per_user_and_missing_users(tmp_path: Path) -> None:
    """roles.csv: a user with two rows gets both (in canonical order), a row naming no
    user in users.csv is reported at its own line, and a tobedeleted row of a bulk file is
    skipped."""
    roles = ROLES_12 + (
        "r4,,,g1,primary,relative,,,s2,\n"  # a second role for g1, line 5
        "r5,,,ghost,primary,parent,,,s1,\n"  # names no user: line 6
        "r6,,,ghost,secondary,guardian,,,s1,\n"  # and again: line 7
        "r7,tobedeleted,,t1,secondary,aide,,,s1,\n"  # skipped in a bulk export
    )
    roster = read_roster(roster_dir(tmp_path, USERS_12, MANIFEST_12, roles=roles))
    by_id = roster.users_by_id
    assert [r.role_raw for r in by_id["g1"].roles] == ["parent", "relative"]
    assert [r.role_raw for r in by_id["t1"].roles] == ["teacher"]
    missing = [d for d in roster.diagnostics if d.code == "role-for-missing-user"]
    assert [(d.location.line, d.value) for d in missing] == [(6, "ghost"), (7, "ghost")]


def test_one_assignment_is_one_shared_role_tuple(tmp_path: Path) -> None:
    users = USERS_12 + "g2,active,2024-01-02,true,g2,,Di,Lo,,,di@y.org,,,st1,,,,,,,,\n"
    roles = ROLES_12 + "r8,,,g2,primary,parent,,,s1,\n"
    roster = read_roster(roster_dir(tmp_path, users, MANIFEST_12, roles=roles))
    assert roster.users_by_id["g2"].roles is roster.users_by_id["g1"].roles


def test_siblings_listing_the_same_guardians_share_one_agents_tuple(tmp_path: Path) -> None:
    users = (
        USERS_11
        + "g2,active,,,s1,parent,,,Di,Ng,,,di@y.org,,,,,\n"
        + 'st2,active,,,s1,student,,,Ed,Ng,,,,,,"g1, g2",04,\n'
        + 'st3,active,,,s1,student,,,Flo,Ng,,,,,,"g1,g2",05,\n'
        + 'st4,active,,,s1,student,,,Gus,Ng,,,,,,"g1, g2",06,\n'
    )
    by_id = read_roster(roster_dir(tmp_path, users)).users_by_id
    assert by_id["st2"].agent_sourced_ids == ("g1", "g2")
    assert by_id["st2"].agent_sourced_ids is by_id["st4"].agent_sourced_ids
    assert by_id["st3"].agent_sourced_ids == ("g1", "g2")  # written differently: equal
    assert by_id["st2"].agent_sourced_ids[0] is by_id["g1"].sourced_id


def test_zip_is_read_in_memory_and_odd_members_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("export/manifest.csv", MANIFEST_11)
        zf.writestr("export/users.csv", USERS_11)
        zf.writestr("../evil.csv", "x")
    path = write(tmp_path / "roster.zip", buffer.getvalue())
    roster = read_roster(path)
    assert len(roster.users) == 3
    assert "zip-odd-member" in codes(roster)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.zip"]


def test_zip_that_is_not_a_roster(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(RosterReadError) as info:
        read_roster(write(tmp_path / "x.zip", buffer.getvalue()))
    assert info.value.diagnostic.code == "not-a-roster"


def _zipped(tmp_path: Path, *folders: str) -> Path:
    """A zip holding one export (manifest and users) in each of ``folders`` (``.`` is its
    top level)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for folder in folders:
            at = "" if folder == "." else f"{folder}/"
            zf.writestr(f"{at}manifest.csv", MANIFEST_11)
            zf.writestr(f"{at}users.csv", USERS_11)
    return write(tmp_path / "exports.zip", buffer.getvalue())


def test_a_zip_of_several_exports_is_several_rosters_not_the_first_by_name(
    tmp_path: Path,
) -> None:
    """A zip made of one export per school (or per year): which to check is the user's
    choice, as for a folder of exports. Before session 67 the first folder by name was
    read alone and the others' records were left out unsaid."""
    with pytest.raises(RosterReadError) as info:
        read_roster(_zipped(tmp_path, "north", "south/OneRoster"))
    diagnostic = info.value.diagnostic
    assert diagnostic.code == "several-rosters"
    assert "several folders, none at its top: north, south/OneRoster (2);" in diagnostic.message
    assert "check-many" in diagnostic.message
    assert diagnostic.location.file == str(tmp_path / "exports.zip")


@pytest.mark.parametrize(
    "folders",
    [
        ("export",),  # the usual zip of one export folder
        (".", "old"),  # a roster at the top, whatever lies below it
        ("export", "export/2025"),  # an old copy below the export
    ],
)
def test_a_zip_of_one_export_is_read_whatever_lies_below_it(
    tmp_path: Path, folders: tuple[str, ...]
) -> None:
    roster = read_roster(_zipped(tmp_path, *folders))
    assert len(roster.users) == 3
    assert not any(d.severity is Severity.ERROR for d in roster.diagnostics)


@pytest.mark.parametrize(
    ("users", "code", "line"),
    [
        (USERS_11 + "t1,,,,s1,teacher,,,Dup,Row,,,,,,,,\n", "duplicate-sourced-id", 5),
        (USERS_11 + ",,,,s1,teacher,,,No,Id,,,,,,,,\n", "missing-sourced-id", 5),
        (USERS_11 + "x1,,,,s1,wizard,,,Odd,Role,,,,,,,,\n", "unknown-role", 5),
        (USERS_11 + "x1,,,maybe,s1,parent,,,Bad,Bool,,,,,,,,\n", "bad-boolean", 5),
        (USERS_11 + "x1,,yesterday,,s1,parent,,,Bad,Date,,,,,,,,\n", "bad-date", 5),
        (USERS_11 + "x1,,,,s1,parent,,,Short\n", "ragged-row", 5),
        (USERS_11 + "x1,,,,s1,parent,,,Agent,Less,,,,,,nobody,,\n", "agent-missing-user", 5),
        (USERS_11 + "x1,,,,s1,student,,,Own,Agent,,,,,,x1,,\n", "agent-self", 5),
        (USERS_11 + "x1,,,,s1,parent,,,Big," + "A" * 5000 + ",,,,,,,,\n", "oversized-field", 5),
        (USERS_11.replace("t1,active", "t1,act\x00ive"), "nul-byte", 2),
        (
            "\n".join(
                line + ",9"
                for line in USERS_11.replace(",password\n", ",password,shoeSize\n")
                .rstrip("\n")
                .split("\n")
            ).replace(",shoeSize,9", ",shoeSize")
            + "\n",
            "unknown-column",
            1,
        ),
    ],
)
def test_bad_input_is_located(tmp_path: Path, users: str, code: str, line: int) -> None:
    roster = read_roster(roster_dir(tmp_path, users))
    found = [d for d in roster.diagnostics if d.code == code]
    assert found, codes(roster)
    assert found[0].location.line == line
    assert found[0].location.file == "users.csv"
    with pytest.raises(StrictModeError) if found[0].severity is not Severity.INFO else _nothing():
        read_roster(roster_dir(tmp_path, users), strict=True)


def test_a_link_to_an_id_a_spreadsheet_wrote_without_its_leading_zeros_says_so(
    tmp_path: Path,
) -> None:
    """The sourcedId column went through a spreadsheet as numbers (`000512` became
    `512`); the agent lists, text, kept the zeros. The links are broken and the warnings
    say why (since session 52)."""
    users = (
        "sourcedId,role,givenName,familyName,email,agentSourcedIds\n"
        "512,parent,Bob,Ng,bob@y.org,\n"
        "513,student,Cy,Ng,,000512\n"
    )
    roster = read_roster(roster_dir(tmp_path, users))
    (link,) = [d for d in roster.diagnostics if d.code == "agent-missing-user"]
    assert (link.location.file, link.location.line, link.value) == ("users.csv", 3, "000512")
    assert "differs from it only in leading zeros" in link.message


def test_roles_and_demographics_for_ids_a_spreadsheet_cut_say_so(tmp_path: Path) -> None:
    """users.csv went through a spreadsheet (`000512` became `512`); roles.csv,
    demographics.csv and enrollments.csv kept the zeros: their rows name no user, and
    since session 59 their warnings say why, as an agent's has since session 52."""
    users = (
        "sourcedId,status,dateLastModified,enabledUser,username,givenName,familyName,email\n"
        "512,active,,true,bob,Bob,Ng,bob@y.org\n"
        "513,active,,true,cy,Cy,Ng,\n"
    )
    roles = (
        "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,"
        "orgSourcedId,userProfileSourcedId\n"
        "r1,,,000512,primary,parent,,,s1,\n"
        "r2,,,000513,primary,student,,,s1,\n"
        "r3,,,ghost,primary,parent,,,s1,\n"
    )
    demographics = "sourcedId,status,dateLastModified,birthDate\n000513,,,2015-03-04\n"
    enrollments = (
        "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role\n"
        "e1,,,c1,s1,000513,student\n"
    )
    roster = read_roster(
        roster_dir(
            tmp_path,
            users,
            MANIFEST_12,
            roles=roles,
            demographics=demographics,
            enrollments=enrollments,
        )
    )
    said = {(d.code, d.value): d.message for d in roster.diagnostics}
    cut = "differs from it only in leading zeros"
    assert cut in said["role-for-missing-user", "000512"]
    assert cut in said["role-for-missing-user", "000513"]
    assert cut not in said["role-for-missing-user", "ghost"]
    assert cut in said["demographics-for-missing-user", "000513"]
    assert cut in said["enrollment-for-missing-user", "000513"]


@pytest.mark.parametrize(
    ("sid", "agent", "how"),
    [
        ("g1", "G1", "letter case"),
        ("0A1", "a1", "letter case and leading zeros"),
        ("g1\u200b", "g1", "an invisible character"),  # a zero-width space after the id
        ("g1", "\ufeffg1", "an invisible character"),  # a byte order mark before the link
        ("g1\u200b", "G1", "an invisible character (a zero-width space or a byte order mark, "
         "copied in with the value) and letter case"),
        ("g1", "g2", None),
    ],
)  # fmt: skip
def test_a_link_one_way_of_writing_from_a_user_says_how(
    tmp_path: Path, sid: str, agent: str, how: str | None
) -> None:
    """Since session 55 also an invisible character (a zero-width space, a byte order
    mark: copied in with a value from a web page or a document) in the id or the link:
    the link is broken all the same (ids are compared exactly, by a sync too)."""
    users = (
        "sourcedId,role,givenName,familyName,email,agentSourcedIds\n"
        f"{sid},parent,Bob,Ng,bob@y.org,\n"
        f"s1,student,Cy,Ng,,{agent}\n"
    )
    roster = read_roster(roster_dir(tmp_path, users))
    (link,) = [d for d in roster.diagnostics if d.code == "agent-missing-user"]
    if how is None:
        assert "differs from it" not in link.message
    else:
        assert f"differs from it only in {how}" in link.message


@pytest.mark.parametrize(
    ("agent", "words"),
    [
        ("100234", "the identifier of user g1"),
        ("BNG", "the username of user g1"),  # letter case aside
        ("bob@y.org", "the email of user g1"),
        ("CA-77", "the userMasterIdentifier of user g1"),
        ("100299", None),  # two users' identifier: no one to name
        ("zz9", None),
    ],
)
def test_a_link_written_with_another_column_of_the_user_says_so(
    tmp_path: Path, agent: str, words: str | None
) -> None:
    """A custom export that writes the SIS number, the login, the state ID or the email
    into agentSourcedIds: the link is broken and the warning names the user whose value
    it is (since session 53)."""
    users = (
        "sourcedId,role,givenName,familyName,email,username,identifier,"
        "userMasterIdentifier,agentSourcedIds\n"
        "g1,parent,Bob,Ng,bob@y.org,bng,100234,CA-77,\n"
        "g2,parent,Amy,Ng,amy@y.org,ang,100299,,\n"
        "g3,parent,Cal,Ng,cal@y.org,cng,100299,,\n"
        f"s1,student,Cy,Ng,,,,,{agent}\n"
    )
    roster = read_roster(roster_dir(tmp_path, users))
    (link,) = [d for d in roster.diagnostics if d.code == "agent-missing-user"]
    assert link.value == agent
    if words is None:
        assert "not its sourcedId" not in link.message
    else:
        assert f"; it is {words}, not its sourcedId" in link.message


@pytest.mark.parametrize(
    ("agents", "words"),
    [
        ('"g1;g2"', "2 users' sourcedIds joined by ';'"),
        ('"g1 ; g2"', "2 users' sourcedIds joined by ';'"),
        ('"g1|g2|g3"', "3 users' sourcedIds joined by '|'"),
        ('"g1 g2"', "2 users' sourcedIds joined by a space"),
        ('"g1/g2"', "2 users' sourcedIds joined by '/'"),
        ('"g1;g9"', None),  # g9 is no user: nothing to say of the separator
        ('"g1;"', None),
    ],
)
def test_a_link_list_joined_by_another_separator_than_a_comma_says_so(
    tmp_path: Path, agents: str, words: str | None
) -> None:
    """An export that writes its lists with semicolons, bars or spaces: the list reads as
    one id no user has. The links are broken (a sync splits at commas too) and the
    warning says why (since session 53)."""
    users = (
        "sourcedId,role,givenName,familyName,email,agentSourcedIds\n"
        "g1,parent,Bob,Ng,bob@y.org,\n"
        "g2,parent,Amy,Ng,amy@y.org,\n"
        "g3,parent,Cal,Ng,cal@y.org,\n"
        f"s1,student,Cy,Ng,,{agents}\n"
    )
    roster = read_roster(roster_dir(tmp_path, users))
    (link,) = [d for d in roster.diagnostics if d.code == "agent-missing-user"]
    assert (link.location.line, link.value) == (5, agents.strip('"'))
    if words is None:
        assert "joined" not in link.message
    else:
        assert words in link.message
        assert "OneRoster separates a list's values with commas" in link.message
    assert not roster.guardians_of


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return False


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fast_and_located_decoders_read_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, newline: str
) -> None:
    """A clean UTF-8 file is parsed straight from a C text decoder; every other file line
    by line. Both must give the same users, lines and diagnostics, quoted line breaks,
    ragged, oversized and broken rows included."""
    from oneroster_identity.io import _table
    from oneroster_identity.io._source import directory_source

    users = (
        USERS_11
        + 'q1,,,,s1,parent,,,"Line\nBreak",Ng,,,q@x.org,,,,,\n'
        + "x1,,,,s1,parent,,,Short\n"
        + "x2,,,,s1,parent,,,Big,"
        + "A" * 5000
        + ",,,,,,,,\n"
        + 'x3,,,,s1,parent,,,"Bad"Quote,Ng,,,,,,,,\n'
        + "x4,,,,s1,parent,,,Zoë,Nguyễn,,,zoe@x.org,,,,,\n"
    ).replace("\n", newline)
    path = roster_dir(tmp_path, users)
    assert _table.is_plain_utf8(directory_source(path), "users.csv", "utf-8")
    fast = read_roster(path)
    monkeypatch.setattr(_table, "is_plain_utf8", lambda *args: False)
    slow = read_roster(path)
    assert fast.users == slow.users
    assert [u.provenance for u in fast.users] == [u.provenance for u in slow.users]
    assert fast.diagnostics == slow.diagnostics
    assert fast.rejected_rows == slow.rejected_rows
    assert fast.users_by_id["q1"].given_name == f"Line{newline}Break"


@pytest.mark.parametrize(
    "data",
    [b"\xef\xbb\xbfa,b\n", b"a,b\x00\n", b"a,\xe9\n", b"a,\xc3", b"\xff\xfea\x00"],
    ids=["bom", "nul", "latin-1", "cut-sequence", "utf-16"],
)
def test_only_clean_utf8_takes_the_fast_path(tmp_path: Path, data: bytes) -> None:
    from oneroster_identity.io import _table
    from oneroster_identity.io._source import directory_source

    write(tmp_path / "users.csv", data)
    source = directory_source(tmp_path)
    assert not _table.is_plain_utf8(source, "users.csv", "utf-8")
    write(tmp_path / "users.csv", b"a,b\n")
    assert _table.is_plain_utf8(source, "users.csv", "utf-8")
    assert not _table.is_plain_utf8(source, "users.csv", "cp1252")


def test_every_row_is_accounted_for(tmp_path: Path) -> None:
    users = USERS_11 + "t1,,,,s1,teacher,,,Dup,Row,,,,,,,,\n" + ",,,,s1,teacher,,,No,Id,,,,,,,,\n"
    roster = read_roster(roster_dir(tmp_path, users))
    assert len(roster.users) + roster.rejected_rows == 5


def test_bom_is_skipped(tmp_path: Path) -> None:
    path = roster_dir(tmp_path, USERS_11)
    write(path / "users.csv", b"\xef\xbb\xbf" + USERS_11.encode())
    roster = read_roster(path)
    assert "utf8-bom" in codes(roster)
    assert roster.users_by_id["t1"].given_name == "Ana"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_as_utf16(tmp_path: Path, codec: str) -> None:
    """SQL Server's ``bcp -w`` and some Windows tools write UTF-16 with no mark: a NUL
    byte beside every ASCII letter. Read line by line as UTF-8 it lost every accented
    letter, or stopped on a byte that is no UTF-8 (with advice to read it as Latin-1)."""
    path = roster_dir(tmp_path, USERS_11)
    text = USERS_11.replace("Ana,Diaz", "Zoë,Nguyễn").replace("\n", "\r\n")
    write(path / "users.csv", text.encode(codec))
    roster = read_roster(path)
    note = next(d for d in roster.diagnostics if d.code == "utf16")
    assert "without a byte order mark" in note.message and note.severity is Severity.INFO
    assert note.location.file == "users.csv"
    assert (roster.users_by_id["t1"].given_name, roster.users_by_id["t1"].family_name) == (
        "Zoë",
        "Nguyễn",
    )
    assert len(roster.users) == 3 and "nul-byte" not in codes(roster)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16", "utf-32"])
def test_a_utf16_or_utf32_encoding_asked_for_reads_the_whole_bundle(
    tmp_path: Path, codec: str
) -> None:
    """An encoding of two- or four-byte line breaks, asked for, decodes each file whole:
    split on its one-byte line breaks it failed on the first line."""
    write(tmp_path / "manifest.csv", MANIFEST_11.encode(codec))
    write(tmp_path / "users.csv", USERS_11.replace("Diaz", "Díaz").encode(codec))
    roster = read_roster(tmp_path, encoding=codec)
    assert roster.users_by_id["t1"].family_name == "Díaz"
    assert len(roster.users) == 3


@pytest.mark.parametrize(("codec", "asked"), [("utf-16-be", "utf-16-le"), ("utf-16-le", "cp1252")])
def test_an_encoding_the_bytes_contradict_is_refused_naming_theirs(
    tmp_path: Path, codec: str, asked: str
) -> None:
    """A big-endian export read as little-endian decoded its header into CJK characters,
    refused as a missing header line; UTF-16 read as Windows-1252 kept a NUL beside every
    letter. The refusal now names the encoding the first bytes show."""
    write(tmp_path / "manifest.csv", MANIFEST_11.encode(codec))
    write(tmp_path / "users.csv", USERS_11.encode(codec))
    with pytest.raises(RosterReadError) as info:
        read_roster(tmp_path, encoding=asked)
    diagnostic = info.value.diagnostic
    assert diagnostic.code == "decode-error" and diagnostic.location.line == 1
    assert f"read it as {codec}" in diagnostic.message


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-32-le"])
def test_utf16_asked_for_takes_the_endianness_and_a_utf32_mark_is_utf32(
    tmp_path: Path, codec: str
) -> None:
    """``utf-16`` asked for on a big-endian file without a mark read it as little-endian
    (a missing header line); a UTF-32 file with its mark, under the default, was read as
    UTF-16 (the marks begin alike)."""
    mark = "\ufeff" if codec.startswith("utf-32") else ""
    write(tmp_path / "manifest.csv", (mark + MANIFEST_11).encode(codec))
    write(tmp_path / "users.csv", (mark + USERS_11.replace("Diaz", "Díaz")).encode(codec))
    roster = read_roster(tmp_path, encoding="utf-16" if codec == "utf-16-be" else "utf-8")
    assert roster.users_by_id["t1"].family_name == "Díaz" and len(roster.users) == 3


def test_a_nul_byte_in_a_utf8_header_is_not_read_as_utf16(tmp_path: Path) -> None:
    path = roster_dir(tmp_path, USERS_11)
    write(path / "users.csv", USERS_11.replace("givenName", "given\x00Name", 1).encode())
    roster = read_roster(path)
    assert "utf16" not in codes(roster) and "nul-byte" in codes(roster)
    assert roster.users_by_id["t1"].given_name == "Ana"


def test_a_missing_header_line_is_named_as_such(tmp_path: Path) -> None:
    """A users.csv that starts with a data row names no column at all: the refusal asks
    whether the header line is missing, rather than offering a data value as a close
    spelling of a column name."""
    path = roster_dir(tmp_path, USERS_11.split("\n", 1)[1])
    with pytest.raises(RosterReadError) as info:
        read_roster(path)
    message = str(info.value)
    assert "is the header line missing?" in message and "did you mean" not in message
    assert info.value.diagnostic.location.line == 1


@pytest.mark.parametrize("hint", ["sep=,", "SEP=;", "sep=\t"])
def test_a_spreadsheet_delimiter_hint_above_the_header_is_named(tmp_path: Path, hint: str) -> None:
    """Excel's ``sep=,`` line above the header is named as what it is, with the line to
    delete, not taken for a missing header."""
    path = roster_dir(tmp_path, hint + "\n" + USERS_11)
    with pytest.raises(RosterReadError) as info:
        read_roster(path)
    message = str(info.value)
    assert "delimiter hint" in message and "delete that line" in message
    assert "is the header line missing?" not in message
    assert info.value.diagnostic.location.line == 1


@pytest.mark.parametrize(
    ("again", "row", "severity", "said"),
    [
        (
            "sourcedId,role,givenName,familyName,email",
            "g2,parent,Bo,Ng,bo@gmail.com",
            "warning",
            "the header again (files",
        ),
        (  # a second file's byte order mark (files that each begin with one, joined)
            "\ufeffsourcedId,role,givenName,familyName,email",
            "g2,parent,Bo,Ng,bo@gmail.com",
            "warning",
            "the header again (files",
        ),
        (  # case, spacing and an alias forgiven
            "sourcedId, Role ,FirstName,familyName,email",
            "g2,parent,Bo,Ng,bo@gmail.com",
            "warning",
            "the header again (files",
        ),
        (
            "role,sourcedId,givenName,familyName,email",
            "parent,g2,Bo,Ng,bo@gmail.com",
            "error",
            "the header again with its columns in another order",
        ),
        (  # another export's version: a column more, one fewer, another width
            "sourcedId,role,givenName,preferredGivenName,familyName",
            "g2,parent,Bo,Bobby,Ng",
            "error",
            "the header again with preferredGivenName, which line 1's header lacks (not "
            "read here) and without email (read as empty)",
        ),
    ],
)
def test_the_header_again_is_skipped_and_said(
    tmp_path: Path, again: str, row: str, severity: str, said: str
) -> None:
    """Since session 54: two exports joined one after the other (``cat``, a spreadsheet's
    append) leave the header again mid-file, which was read as a user ``sourcedId`` named
    ``givenName familyName``. It is skipped, no record. Since session 55 the rows after a
    header in another order, or with other columns, are read by it (they were read in
    line 1's order: their roles in the sourcedId, or a ragged row of names under other
    columns); an error still, since a sync reads them by line 1's header."""
    path = roster_dir(
        tmp_path,
        "sourcedId,role,givenName,familyName,email\n"
        "g1,parent,Ana,Diaz,ana@gmail.com\n"
        f"{again}\n{row}\n",
    )
    roster = read_roster(path)
    by_id = {u.sourced_id: u for u in roster.users}
    assert sorted(by_id) == ["g1", "g2"]
    assert (by_id["g2"].given_name, by_id["g2"].family_name) == ("Bo", "Ng")
    assert by_id["g2"].roles[0].role is Role.PARENT
    assert by_id["g2"].email == ("bo@gmail.com" if "email" in again else "")
    assert roster.rejected_rows == 0
    (found,) = [d for d in roster.diagnostics if d.code == "repeated-header"]
    assert (found.severity.value, found.location.line) == (severity, 3)
    assert found.message.startswith(said)
    assert not [d for d in roster.diagnostics if d.code == "ragged-row"]


def test_rows_are_read_by_the_header_in_force(tmp_path: Path) -> None:
    """Three exports joined: the second in another order, the third in line 1's again.
    Each block of rows is read by the header above it; a row of the wrong width under the
    second header is ragged against that header, not line 1's."""
    path = roster_dir(
        tmp_path,
        "sourcedId,role,givenName,familyName,email\n"
        "g1,parent,Ana,Diaz,ana@gmail.com\n"
        "email,familyName,givenName,sourcedId,role\n"
        "bo@gmail.com,Ng,Bo,g2,parent\n"
        "cy@gmail.com,Lee,Cy,g3\n"
        "sourcedId,role,givenName,familyName,email\n"
        "g4,parent,Di,Roe,di@gmail.com\n",
    )
    roster = read_roster(path)
    by_id = {u.sourced_id: u for u in roster.users}
    assert sorted(by_id) == ["g1", "g2", "g3", "g4"]
    assert [by_id[i].email for i in ("g2", "g3", "g4")] == [
        "bo@gmail.com",
        "cy@gmail.com",
        "di@gmail.com",
    ]
    assert [by_id[i].given_name for i in ("g2", "g3", "g4")] == ["Bo", "Cy", "Di"]
    said = [
        (d.severity.value, d.location.line)
        for d in roster.diagnostics
        if d.code == "repeated-header"
    ]
    assert said == [("error", 3), ("warning", 6)]
    (ragged,) = [d for d in roster.diagnostics if d.code == "ragged-row"]
    assert (ragged.location.line, ragged.message) == (
        5,
        "row has 4 cells, the header has 5; missing cells read as empty",
    )


def test_a_user_whose_id_is_a_column_name_is_still_a_user(tmp_path: Path) -> None:
    path = roster_dir(
        tmp_path,
        "sourcedId,role,givenName,familyName,email\nemail,parent,Ana,Diaz,ana@gmail.com\n",
    )
    roster = read_roster(path)
    assert [u.sourced_id for u in roster.users] == ["email"]
    assert "repeated-header" not in codes(roster)


@pytest.mark.parametrize("text", ["\ufeff", "\n\n", "   \n", "\n" + "sourcedId,givenName\n"])
def test_a_blank_first_line_is_named(tmp_path: Path, text: str) -> None:
    """A byte-order mark alone or blank lines where the header belongs said only that the
    columns were missing, with nothing found; the error now says line 1 is blank."""
    path = roster_dir(tmp_path, text)
    with pytest.raises(RosterReadError) as info:
        read_roster(path)
    assert "line 1 is blank" in str(info.value)


@pytest.mark.parametrize(
    "page",
    [
        "<!DOCTYPE html>\n<html><head><title>Sign in</title></head></html>\n",
        '<?xml version="1.0"?>\n<error><message>Unauthorized</message></error>\n',
        "  <html lang=en><body>Session expired</body></html>\n",
    ],
)
def test_a_saved_html_or_xml_page_is_named(tmp_path: Path, page: str) -> None:
    """A sign-in or error page saved as users.csv is named as a page, not as a missing
    header with close spellings of its tags."""
    path = roster_dir(tmp_path, page)
    with pytest.raises(RosterReadError) as info:
        read_roster(path)
    message = str(info.value)
    assert "HTML or XML page" in message and "Download the export again" in message
    assert "did you mean" not in message and info.value.diagnostic.code == "missing-column"


@pytest.mark.parametrize(
    ("header", "hint"),
    [
        ("sourcedId,givenNmae,familyName", "did you mean 'givenNmae' for givenName?"),
        ("sourcedId|givenName|familyName", None),  # one cell holding names
        ("t1-role,Ana,Diaz", "is the header line missing?"),  # one word a column: chance
    ],
)
def test_a_misspelled_header_gets_close_spellings(
    tmp_path: Path, header: str, hint: str | None
) -> None:
    path = roster_dir(tmp_path, header + "\nt1,Ana,Diaz\n")
    with pytest.raises(RosterReadError) as info:
        read_roster(path)
    message = str(info.value)
    if hint is None:
        assert "is the header line missing?" not in message
    else:
        assert hint in message


@pytest.mark.parametrize(
    ("encoding", "reason"),
    [
        ("bogus", "unknown encoding"),
        ("base64", "unknown encoding"),  # a bytes codec, not a text encoding
        ("undefined", "reads no text"),
        ("punycode", "does not read plain ASCII"),
        ("cp500", "does not read plain ASCII"),  # EBCDIC
    ],
)
def test_an_encoding_no_roster_is_in_is_refused_first(
    tmp_path: Path, encoding: str, reason: str
) -> None:
    """An encoding that cannot read a CSV or JSON export is refused before any file is
    read (``undefined`` and ``punycode`` stopped with an internal error on the first line)."""
    from oneroster_identity import ExistingAccountsError, read_existing_accounts

    path = roster_dir(tmp_path, USERS_11)
    with pytest.raises(RosterReadError) as info:
        read_roster(path, encoding=encoding)
    assert info.value.diagnostic.code == "bad-encoding" and reason in str(info.value)
    with pytest.raises(ExistingAccountsError) as existing:
        read_existing_accounts(
            write(tmp_path / "a.csv", "first_name,last_name\n"), encoding=encoding
        )
    assert existing.value.diagnostic.code == "bad-encoding"


@pytest.mark.parametrize("encoding", ["utf-8", "UTF8", "latin-1", "cp1252", "utf-7", "utf-16-le"])
def test_the_encodings_rosters_come_in_are_accepted(encoding: str) -> None:
    from oneroster_identity.io import encoding_problem

    assert encoding_problem(encoding) is None


def test_latin1_bytes_name_offset_and_encoding_option(tmp_path: Path) -> None:
    data = USERS_11.replace("Ana,Diaz", "Ana,Díaz").encode("latin-1")
    path = roster_dir(tmp_path, USERS_11)
    write(path / "users.csv", data)
    with pytest.raises(RosterReadError) as info:
        read_roster(path)
    message = str(info.value)
    assert "byte 0xed at byte offset" in message
    # (the line reads as Windows-1252, Excel's CSV on Windows: that is suggested)
    assert "--encoding cp1252" in message
    assert info.value.diagnostic.location.line == 2
    roster = read_roster(path, encoding="cp1252")
    assert roster.users_by_id["t1"].family_name == "Díaz"


def test_a_fallback_encoding_reads_what_the_encoding_cannot_and_says_so(tmp_path: Path) -> None:
    """Since session 53: ``fallback_encoding="cp1252"`` reads a Windows-1252 users.csv
    whose bytes are not UTF-8, with an ``info`` diagnostic located where the first
    invalid byte is; a UTF-8 roster is read as before, with nothing said; a fallback
    Python does not know is refused; a delta's base falls back on its own."""
    path = roster_dir(tmp_path / "w", USERS_11)
    write(path / "users.csv", USERS_11.replace("Ana,Diaz", "Ana,Díaz").encode("cp1252"))
    roster = read_roster(path, fallback_encoding="cp1252")
    assert roster.users_by_id["t1"].family_name == "Díaz"
    (note,) = [d for d in roster.diagnostics if d.code == "encoding-fallback"]
    assert note.severity is Severity.INFO
    assert (note.location.file, note.location.line) == ("users.csv", 2)
    assert "not valid utf-8, so the roster was read as cp1252" in note.message
    plain = roster_dir(tmp_path / "u", USERS_11.replace("Ana,Diaz", "Ana,Díaz"))
    utf8 = read_roster(plain, fallback_encoding="cp1252")
    assert utf8.users_by_id["t1"].family_name == "Díaz"
    assert "encoding-fallback" not in codes(utf8)
    with pytest.raises(UsageError, match="fallback_encoding"):
        read_roster(plain, fallback_encoding="klingon")
    delta = read_roster(plain, base=path, fallback_encoding="cp1252")
    assert delta.users_by_id["t1"].family_name == "Díaz"
    with pytest.raises(RosterReadError) as info:
        read_roster(path, fallback_encoding="ascii")
    assert "read as ascii, the fallback encoding" in str(info.value)
    assert main(["check", str(path), "--fallback-encoding", "cp1252", "-q"]) in (0, 1)
    assert main(["check", str(path), "--fallback-encoding", "klingon"]) == 2
    assert main(["compare", str(plain), str(path), "-o", str(tmp_path / "c.txt")]) == 2
    compared = ["compare", str(plain), str(path), "--fallback-encoding", "cp1252"]
    assert main([*compared, "-o", str(tmp_path / "c.txt")]) in (0, 1)


@pytest.mark.parametrize(
    ("tail", "cut"),
    [
        ("g2,active,2024-01-02,true,s1,parent,g2,,Mar", True),  # stopped inside a row
        ("g2,active,2024-01-02,true,s1,parent,g2,,Mar\n", True),  # at a line's end
        ("", False),  # whole
    ],
)
def test_a_file_that_ends_inside_its_last_row_may_be_cut_short(
    tmp_path: Path, tail: str, cut: bool
) -> None:
    """Since session 53: a users.csv whose last line, and no other, is a row with cells
    missing is what an export or a copy that stopped leaves; beside the row's
    ``ragged-row``, ``file-cut-short`` says so (the root of every other file's rows that
    then name no user). A file whose rows all leave out trailing cells says nothing more."""
    path = roster_dir(tmp_path / "a", USERS_11 + tail)
    found = [d for d in read_roster(path).diagnostics if d.code == "file-cut-short"]
    assert bool(found) is cut
    if cut:
        (note,) = found
        assert (note.location.file, note.location.line, note.severity) == (
            "users.csv",
            5,
            Severity.WARNING,
        )
        # the cause first in the text report, before its effects; a list cut at the
        # limit ends with its count by code
        big = USERS_11 + "".join(f"x{i},,,,s1,student,,,K,Ng,,,,,,g{i}9,,\n" for i in range(20))
        lossy = read_roster(roster_dir(tmp_path / "c", big + tail))
        page = io.StringIO()
        write_text(match(lossy), page, limit=5)
        listed = page.getvalue().split("Roster diagnostics:\n")[1].splitlines()
        assert listed[0].startswith("  [warning] file-cut-short:")
        assert "(by code: agent-missing-user 20, file-cut-short 1, ragged-row 1)" in listed[5]
    header, *rows = USERS_11.splitlines()
    trimmed = "\n".join([header, *(row.rstrip(",") for row in rows)]) + "\n"
    assert "file-cut-short" not in codes(read_roster(roster_dir(tmp_path / "b", trimmed)))


def test_a_line_windows_1252_cannot_read_is_suggested_latin_1(tmp_path: Path) -> None:
    """Byte 0x81 is no Windows-1252 character: ISO-8859-1, which reads any byte, is the
    encoding to try; one with a typographic apostrophe (0x92) reads as Windows-1252,
    where ISO-8859-1 would read a control character into the name."""
    path = roster_dir(tmp_path, USERS_11)
    write(path / "users.csv", USERS_11.encode("utf-8").replace(b"Ana,Diaz", b"Ana,Di\x81az"))
    with pytest.raises(RosterReadError) as info:
        read_roster(path)
    assert "--encoding iso-8859-1" in str(info.value) and "cp1252" not in str(info.value)
    quoted = USERS_11.replace("Ana,Diaz", "Ana,O\u2019Diaz").encode("cp1252")
    write(path / "users.csv", quoted)
    with pytest.raises(RosterReadError) as info:
        read_roster(path)
    assert "--encoding cp1252" in str(info.value)
    assert read_roster(path, encoding="cp1252").users_by_id["t1"].family_name == "O\u2019Diaz"


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        (lambda p: write(p / "users.csv", ""), "empty-file"),
        (lambda p: write(p / "users.csv", "sourcedId,givenName\nx,y\n"), "missing-column"),
        (lambda p: write(p / "orgs.csv", "sourcedId\n"), "missing-file"),
    ],
)
def test_fatal_problems_raise_one_located_error(tmp_path: Path, setup, code: str) -> None:  # type: ignore[no-untyped-def]
    setup(tmp_path)
    with pytest.raises(RosterReadError) as info:
        read_roster(tmp_path)
    assert info.value.diagnostic.code == code


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(RosterReadError, match="no such file"):
        read_roster(tmp_path / "nope.zip")


def test_delta_tobedeleted_is_kept_with_status(tmp_path: Path) -> None:
    users = USERS_11 + "x1,tobedeleted,,,s1,parent,,,Gone,Away,,,,,,,,\n"
    roster = read_roster(roster_dir(tmp_path, users))
    assert not roster.users_by_id["x1"].is_active


def test_rows_keep_their_first_line_across_quoted_breaks_blank_and_ragged_rows(
    tmp_path: Path,
) -> None:
    text = (
        "sourcedId,givenName,familyName,\n"
        'u1,"Ana\nMaria",Diaz,\n'
        "\n"
        "u2,Bob,Ng\n"
        "u3,Cy,Ng,,extra\n"
        "u4,Di,Ng,oops\n"
    )
    write(tmp_path / "users.csv", text)
    roster = read_roster(tmp_path)
    lines = {u.sourced_id: u.provenance.line for u in roster.users if u.provenance}
    assert lines == {"u1": 2, "u2": 5, "u3": 6, "u4": 7}
    codes = sorted((d.code, d.location.line) for d in roster.diagnostics if d.location.line)
    assert ("ragged-row", 6) in codes
    assert ("unnamed-column-value", 7) in codes
    assert roster.users_by_id["u1"].given_name == "Ana\nMaria"


@pytest.mark.parametrize("delimiter", [",", ";"])
@pytest.mark.parametrize("closed", [False, True])
def test_a_quote_left_open_is_rejected_naming_the_lines_it_swallowed(
    tmp_path: Path, delimiter: str, closed: bool
) -> None:
    """A quote opened and never closed (or closed only by a later row's quote) reads the
    rows after it into one value: the row is rejected with its lines, not kept with
    other rows in its given name while those rows go unread."""
    rows = [
        "sourcedId,givenName,familyName,role,email",
        'u1,"Ana,Diaz,parent,a@x.org',
        "u2,Bo,Li,parent,b@x.org",
        'u3,Cy,"Bob" Lee,parent,c@x.org' if closed else "u3,Cy,Lee,parent,c@x.org",
        "u4,Di,Ng,parent,d@x.org",
    ]
    write(tmp_path / "users.csv", "".join(r.replace(",", delimiter) + "\n" for r in rows))
    roster = read_roster(tmp_path)
    assert roster.rejected_rows == 1
    assert [u.sourced_id for u in roster.users] == (["u4"] if closed else [])
    (error,) = [d for d in roster.diagnostics if d.code == "unclosed-quote"]
    assert (error.location.line, error.location.column) == (2, "givenName")
    assert error.sourced_id == "u1"
    assert f"runs on to line {4 if closed else 5}" in error.message


def test_a_value_typed_over_two_lines_is_no_unclosed_quote(tmp_path: Path) -> None:
    write(
        tmp_path / "users.csv",
        'sourcedId,givenName,familyName,role,email\nu1,"Ana\nMaria, Jr",Diaz,parent,\n'
        "u2,Bo,Li,parent,\n",
    )
    roster = read_roster(tmp_path)
    assert roster.rejected_rows == 0
    assert roster.users_by_id["u1"].given_name == "Ana\nMaria, Jr"
    assert not [d for d in roster.diagnostics if d.code == "unclosed-quote"]


def test_every_cell_is_stripped(tmp_path: Path) -> None:
    write(
        tmp_path / "users.csv",
        "sourcedId,givenName,familyName,email\nu1,,Ng,\nu2, Bob ,Ng ,\nu3,Cy,Ng,\t\n",
    )
    roster = read_roster(tmp_path)
    assert [(u.given_name, u.family_name, u.email) for u in roster.users] == [
        ("", "Ng", ""),
        ("Bob", "Ng", ""),
        ("Cy", "Ng", ""),
    ]


def test_unparseable_row_is_rejected_with_its_line_and_the_rest_read(tmp_path: Path) -> None:
    rows = "".join(f"u{i},N{i},Ng\n" for i in range(6))
    huge = '"' + "x" * 140_000 + '"'  # over the csv module's field limit
    text = "sourcedId,givenName,familyName\n" + rows + f"u9,{huge},Ng\nu7,N7,Ng\nu8,N8,Ng\n"
    write(tmp_path / "users.csv", text)
    roster = read_roster(tmp_path)
    (error,) = [d for d in roster.diagnostics if d.code == "csv-syntax"]
    assert error.location.line == 8
    assert roster.rejected_rows == 1
    assert [u.sourced_id for u in roster.users][-2:] == ["u7", "u8"]
    assert roster.users_by_id["u8"].provenance.line == 10  # type: ignore[union-attr]


def test_an_export_unzipped_into_its_own_folder_is_read_from_it(tmp_path: Path) -> None:
    """Unzipping ``export.zip`` often makes ``export/OneRoster/users.csv``: the roster in
    the one folder below is read, as a zip's one common folder is, and an info
    diagnostic names it. A roster at the top wins over any below it."""
    roster_dir(tmp_path / "export" / "OneRoster", USERS_11)
    write(tmp_path / "export" / ".hidden" / "users.csv", USERS_11)  # skipped
    write(tmp_path / "export" / "notes" / "readme.csv", "a\n1\n")
    roster = read_roster(tmp_path / "export")
    assert roster.users
    [note] = [d for d in roster.diagnostics if d.code == "roster-subfolder"]
    assert note.severity is Severity.INFO and "OneRoster" in note.message
    assert note.location.file == str(tmp_path / "export" / "OneRoster")
    # two levels of folders down at most (deep/a/b/users.csv would be read)
    roster_dir(tmp_path / "deep" / "a" / "b" / "c", USERS_11)
    with pytest.raises(RosterReadError) as info:
        read_roster(tmp_path / "deep")
    assert info.value.diagnostic.code == "missing-file"


def test_several_rosters_below_a_folder_are_named_not_guessed(tmp_path: Path) -> None:
    """A portfolio folder of district exports: which roster to check is the user's
    choice, so the error lists them (sorted) and points at check-many."""
    for name in ("north", "south", "east/OneRoster"):
        roster_dir(tmp_path / "portfolio" / name, USERS_11)
    with pytest.raises(RosterReadError) as info:
        read_roster(tmp_path / "portfolio")
    diagnostic = info.value.diagnostic
    assert diagnostic.code == "several-rosters"
    assert "below it: east/OneRoster, north, south (3);" in diagnostic.message
    assert "check-many" in diagnostic.message
    # zip exports dropped into the folder count too, and are listed (one alone is not
    # guessed at: it may be any archive)
    zipped = tmp_path / "drops"
    zipped.mkdir()
    with zipfile.ZipFile(zipped / "west.zip", "w") as archive:
        archive.writestr("users.csv", USERS_11)
    with pytest.raises(RosterReadError, match=r"below it: west\.zip \(1\)"):
        read_roster(zipped)
    assert find_rosters(zipped) == [zipped / "west.zip"]
    assert find_rosters(tmp_path / "portfolio") == [
        tmp_path / "portfolio" / name for name in ("east/OneRoster", "north", "south")
    ]
    # a roster at the top is read as it is, whatever lies below
    roster_dir(tmp_path / "portfolio", USERS_11)
    assert not any(
        d.code == "roster-subfolder" for d in read_roster(tmp_path / "portfolio").diagnostics
    )


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2016-05-12", "2016-05-12"),
        ("2016-05-12T00:00:00Z", "2016-05-12"),
        ("2016-05-12T00:00:00+10:00", "2016-05-12"),  # was the 11th: moved to UTC first
        ("2016-05-12T23:30:00-05:00", "2016-05-12"),  # was the 13th
        ("2016-05-12T00:00:00.000-05:00", "2016-05-12"),
        ("5/13/2016", "2016-05-13"),
    ],
)
def test_a_calendar_date_is_the_day_as_written(tmp_path: Path, text: str, day: str) -> None:
    """A birth date (or a class's begin and end date) exported as a date-time is the day
    written, whatever offset follows: read as a moment in UTC, a birth date written at
    midnight east of Greenwich was the day before, another child's (since session 45)."""
    import datetime as dt

    from oneroster_identity.io import parse_date

    assert parse_date(text) == (dt.date.fromisoformat(day), None)
    write(tmp_path / "users.csv", "sourcedId,givenName,familyName\ns1,Ana,Ruiz\n")
    write(
        tmp_path / "roles.csv",
        "sourcedId,userSourcedId,roleType,role,orgSourcedId\nr1,s1,primary,student,o1\n",
    )
    write(tmp_path / "demographics.csv", f"sourcedId,birthDate\ns1,{text}\n")
    assert read_roster(tmp_path).users[0].birth_date == dt.date.fromisoformat(day)


@pytest.mark.parametrize(
    ("again", "severity", "said"),
    [
        ("g1,active,2024-01-02,true,s1,parent,gg,,Bob,Ng,,,bob@y.org,6035552000,,st1,,", "warning",
         "with the same name, email, phones, role and links"),
        ("g1,active,2024-03-05,true,s2,parent,gg,,Bob,Ng,,,bob@y.org,6035552000,,st1,,", "warning",
         "nothing of the user is lost"),  # another school's file: orgs and dates aside
        ("g1,active,2024-01-02,true,s1,parent,gg,,Bob,Ng,,,bob@gmail.com,6035552000,,st1,,",
         "error", "with another email; this row was rejected"),
        ("g1,active,2024-01-02,true,s1,guardian,gg,,Bob,Ng,,,bob@y.org,6035550000,,,,",
         "error", "with another sms and agentSourcedIds and role"),
        # only another guardian's word for the same child (session 57: an error before)
        ("g1,active,2024-01-02,true,s1,guardian,gg,,Bob,Ng,,,bob@y.org,6035552000,,st1,,",
         "warning", "another guardian's role word (both kept"),
        # another child, but a staff role: no guardian's relation to a child (session 56)
        ("g1,active,2024-01-02,true,s1,teacher,gg,,Bob,Ng,,,bob@y.org,6035552000,,st9,,",
         "error", "with another agentSourcedIds and role"),
    ],
)  # fmt: skip
def test_a_row_written_twice_is_told_from_two_rows_of_one_sourced_id(
    tmp_path: Path, again: str, severity: str, said: str
) -> None:
    """Since session 54: a user row repeating a sourcedId was an error whatever it held.
    Word for word in what a sync reads (two schools' exports joined, a row written twice)
    it is a warning, nothing lost; with other values the error names the columns that
    differ, and which row is right only the SIS can say."""
    roster = read_roster(roster_dir(tmp_path, USERS_11 + again + "\n"))
    (found,) = [d for d in roster.diagnostics if d.code == "duplicate-sourced-id"]
    assert (found.severity.value, found.location.line) == (severity, 5)
    assert said in found.message
    assert roster.users_by_id["g1"].email == "bob@y.org" and roster.rejected_rows == 1
    # (since session 55 a repeat word for word is counted apart: nothing lost)
    assert roster.repeated_rows == (severity == "warning")


@pytest.mark.parametrize(
    ("again", "said"),
    [
        ("g1,active,2024-01-02,true,gg,,Bob,Ng,,,bob@y.org,6035552000,,st1,,,,Robert,,,,,",
         "with another preferredGivenName; this row was rejected"),
        ("g1,active,2024-01-02,true,gg,,Bob,Ng,,,bob@y.org,6035552000,,st1,,,,,,,,he/him",
         "with another pronouns; this row was rejected"),
        ("g1,tobedeleted,2024-01-02,true,gg,,Bob,Ng,,,bob@y.org,6035552000,,st1,,,,,,,,",
         "with another status; this row was rejected"),
        ("g1,active,2024-01-02,false,gg,,Bob,Ng,,,bob@y.org,6035552000,,st1,,,,,,,,",
         "with another enabledUser; this row was rejected"),
        ("g1,active,2024-01-02,true,gg,,Bob,Ng,,,bob@y.org,6035552000,,st1,05,,,,,,,",
         "with another grades; this row was rejected"),
    ],
)  # fmt: skip
def test_a_row_repeated_with_another_preferred_name_or_status_is_told(
    tmp_path: Path, again: str, said: str
) -> None:
    """Since session 57 the CSV reader compares a repeated row's preferred names,
    pronouns, status, enabledUser and grades, as the REST reader compares every string
    field: a second row with another preferred name, or `tobedeleted` beside `active`,
    was read as a repeat with nothing lost, the first row's kept, so what the check read
    (a name, whether the user is excluded) followed the row order. A dateLastModified
    that differs is two exports' own: still a repeat."""
    roster = read_roster(roster_dir(tmp_path, USERS_12 + again + "\n", MANIFEST_12, roles=ROLES_12))
    (found,) = [d for d in roster.diagnostics if d.code == "duplicate-sourced-id"]
    assert found.severity.value == "error" and said in found.message
    assert roster.repeated_rows == 0
    dated = "g1,active,2025-05-05,TRUE,gg,,Bob,Ng,,,bob@y.org,6035552000,,st1,,,,,,,,\n"
    repeat = read_roster(roster_dir(tmp_path / "d", USERS_12 + dated, MANIFEST_12, roles=ROLES_12))
    assert repeat.repeated_rows == 1  # another date, TRUE for true: nothing lost


@pytest.mark.parametrize("role", ["parent", "guardian", "Relative"])
def test_a_guardian_listed_once_per_child_is_one_user_linked_to_every_child(
    tmp_path: Path, role: str
) -> None:
    """Since session 56: one guardian row per child, the same sourcedId, name, contacts
    and role, each row with its child in agentSourcedIds (a per-child export). The
    second row was rejected with its link, so a child linked only from the guardian's
    side had no guardian in the check; now the user is linked to the children of every
    row, and a warning says a sync that keeps one row per sourcedId may keep one row's
    links. The row counts as repeated: nothing of the user is lost. In 1.1 the role
    word may name the relation to each child (a parent of one, a guardian of another):
    both are a guardian's, and both are kept (since session 57: the first row's alone
    before, so the report's role word followed the row order)."""
    users = (
        USERS_11
        + f"g1,active,2024-01-02,true,s1,{role},gg,,Bob,Ng,,,bob@y.org,6035552000,,st2,,\n"
        + "st2,,,TRUE,s1,student,s2,,Di,Ng,,,,,,,04,\n"
    )
    roster = read_roster(roster_dir(tmp_path, users))
    (found,) = [d for d in roster.diagnostics if d.code == "duplicate-sourced-id"]
    assert (found.severity.value, found.location.line) == ("warning", 5)
    assert "one guardian listed once per child" in found.message
    assert ("another guardian's role word" in found.message) == (role != "parent")
    words = sorted({"parent", role.casefold()})
    assert [r.role_raw for r in roster.users_by_id["g1"].roles] == words
    assert roster.users_by_id["g1"].agent_sourced_ids == ("st1", "st2")
    assert (roster.rejected_rows, roster.repeated_rows) == (1, 1)
    summary = match(roster).summary()
    assert summary["records_repeated"] == 1  # every row accounted for once:
    assert summary["records_read"] == 5 == summary["records_matched"] + summary["records_rejected"]
    # the same rows in the other order read the same links
    lines = users.splitlines(keepends=True)
    swapped = "".join([lines[0], lines[1], lines[4], lines[3], lines[2], lines[5]])
    other = read_roster(roster_dir(tmp_path / "swapped", swapped))
    assert other.users_by_id["g1"].agent_sourced_ids == ("st1", "st2")
    assert other.users_by_id["g1"].roles == roster.users_by_id["g1"].roles


@pytest.mark.parametrize("agents", ["st2", "st1"])
def test_a_11_users_row_repeated_at_another_school_keeps_both_schools(
    tmp_path: Path, agents: str
) -> None:
    """Since session 57: in 1.1 a user's orgs are on its users.csv row, so a parent
    listed once per child (``st2``) or a row repeated in another school's file (``st1``,
    the same links) may name another school. The second row's orgs were dropped, while the
    warning said nothing of the user was lost; now the user holds its role at the orgs of
    both rows, whichever came first."""
    second = f"g1,active,2024-01-02,true,s2,parent,gg,,Bob,Ng,,,bob@y.org,6035552000,,{agents},,\n"
    users = USERS_11 + second + "st2,,,TRUE,s2,student,s2,,Di,Ng,,,,,,,04,\n"
    roster = read_roster(roster_dir(tmp_path, users))
    g1 = roster.users_by_id["g1"]
    assert g1.org_sourced_ids == ("s1", "s2")
    assert [r.role_raw for r in g1.roles] == ["parent", "parent"]
    assert (roster.rejected_rows, roster.repeated_rows) == (1, 1)
    lines = users.splitlines(keepends=True)
    swapped = "".join([lines[0], lines[1], lines[4], lines[3], lines[2], lines[5]])
    assert read_roster(roster_dir(tmp_path / "swapped", swapped)).users_by_id["g1"].roles == (
        g1.roles
    )


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_rows_under_a_header_again_in_any_order_read_as_one_file(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """Since session 55: the sample's users.csv cut in two, the second part written under
    its header in any column order (a second export's), reads the same users as the
    file written whole; only where each was read (its line) moves."""
    import csv as csv_module

    import attrs

    sample = Path(__file__).resolve().parents[1] / "src" / "oneroster_identity" / "data" / "sample"
    with (sample / "users.csv").open(newline="", encoding="utf-8") as f:
        header, *rows = list(csv_module.reader(f))
    cut = data.draw(st.integers(1, len(rows) - 1), label="cut")
    order = data.draw(st.permutations(range(len(header))), label="order")
    folder = tmp_path_factory.mktemp("joined")
    for member in sample.iterdir():
        if member.name != "users.csv":
            (folder / member.name).write_bytes(member.read_bytes())
    with (folder / "users.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv_module.writer(f)
        writer.writerow(header)
        writer.writerows(rows[:cut])
        writer.writerow([header[i] for i in order])
        writer.writerows([row[i] for i in order] for row in rows[cut:])
    joined = read_roster(folder)

    def identity(roster: Roster) -> list[tuple[object, ...]]:
        return [attrs.astuple(attrs.evolve(u, provenance=None)) for u in roster.users]

    assert identity(joined) == identity(read_roster(sample))
    said = [d for d in joined.diagnostics if d.code == "repeated-header"]
    assert [d.location.line for d in said] == [cut + 2]
    in_order = list(order) == sorted(order)
    assert said[0].severity.value == ("warning" if in_order else "error")


def test_a_users_csv_named_in_its_export_folder_reads_the_export(tmp_path: Path) -> None:
    """Since session 55: ``check export/users.csv`` read that file alone: a 1.2 export's
    users had no roles (they are in roles.csv beside it), every account 'unknown', and a
    warning said the roster had no roles.csv. The folder is read, and an info says so; a
    users file of another name is still read on its own."""
    sample = Path(__file__).resolve().parents[1] / "src" / "oneroster_identity" / "data" / "sample"
    whole = read_roster(sample)
    named = read_roster(sample / "users.csv")
    assert [u.roles for u in named.users] == [u.roles for u in whole.users]
    assert named.enrollment_counts == whole.enrollment_counts
    (said,) = [d for d in named.diagnostics if d.code == "export-folder-read"]
    assert said.severity is Severity.INFO
    assert "beside manifest.csv, roles.csv, orgs.csv" in said.message
    alone = tmp_path / "staff.csv"
    alone.write_bytes((sample / "users.csv").read_bytes())
    (tmp_path / "roles.csv").write_bytes((sample / "roles.csv").read_bytes())
    on_its_own = read_roster(alone)
    assert "export-folder-read" not in {d.code for d in on_its_own.diagnostics}
    assert [u.roles for u in on_its_own.users] != [u.roles for u in whole.users]


@pytest.mark.parametrize(
    ("text", "serial"),
    [("42139", True), ("45123.5", True), ("2015", False), ("123456", False), ("0", False)],
)
def test_a_date_written_as_a_spreadsheets_serial_number_says_so(
    tmp_path: Path, text: str, serial: bool
) -> None:
    """Since session 55: a birth date column that went through a spreadsheet as numbers
    (``42139``) was "not an ISO 8601 date"; the warning names the serial number. No date
    is read from it (Excel's 1900 and 1904 systems read it four years apart)."""
    write(tmp_path / "users.csv", "sourcedId,givenName,familyName\ns1,Ana,Ruiz\n")
    write(tmp_path / "demographics.csv", f"sourcedId,birthDate\ns1,{text}\n")
    roster = read_roster(tmp_path)
    assert roster.users[0].birth_date is None
    (said,) = [d for d in roster.diagnostics if d.code == "bad-date"]
    assert ("date serial number" in said.message) is serial


@pytest.mark.parametrize(
    ("written", "family"),
    [
        ("Parent/Guardian", "a guardian's role"),
        ("Mother", "a guardian's role"),
        ("Emergency Contact", "a guardian's role"),
        ("Faculty", "a staff member's role"),
        ("Pupil", "a student's role"),
        ("Staff/Parent", None),  # two families: no hint
        ("xyz", None),
    ],
)
def test_an_unknown_role_in_the_exports_own_words_says_what_it_reads_like(
    tmp_path: Path, written: str, family: str | None
) -> None:
    """Since session 55: an export that maps its SIS's own vocabulary (``Parent/Guardian``,
    ``Faculty``) was "not a OneRoster role" and no more; the warning says which family the
    word reads like and OneRoster's words for it. The record stays of unknown role: a sync
    classes it by OneRoster's words only."""
    users = f"sourcedId,role,givenName,familyName,email\ng1,{written},Bob,Ng,bob@y.org\n"
    roster = read_roster(roster_dir(tmp_path, users))
    (said,) = [d for d in roster.diagnostics if d.code == "unknown-role"]
    problem = said.message
    if family is None:
        assert "(" not in problem
    else:
        assert f"({family} in the export's own words: OneRoster writes" in problem


@pytest.mark.parametrize("agents", ['["g1","g2"]', "{g1}", "('g1', 'g2')"])
def test_a_link_with_brackets_or_quotes_around_the_id_says_so(tmp_path: Path, agents: str) -> None:
    """Since session 55: agents written as a JSON list, a set or a tuple (a program that
    printed the list) split at the commas into ``["g1"`` and ``"g2"]``: each link is
    broken, and the warning names the user whose id it holds."""
    quoted = agents.replace('"', '""')
    users = (
        "sourcedId,role,givenName,familyName,email,agentSourcedIds\n"
        "g1,parent,Bob,Ng,bob@y.org,\n"
        "g2,parent,Ann,Ng,ann@y.org,\n"
        f's1,student,Cy,Ng,,"{quoted}"\n'
    )
    roster = read_roster(roster_dir(tmp_path, users))
    links = [d for d in roster.diagnostics if d.code == "agent-missing-user"]
    assert links
    assert all("with brackets or quotes around it" in d.message for d in links)


def _workbook(path: Path) -> Path:
    """A minimal .xlsx (a zip of XML parts) saved at ``path``."""
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook/>")
    return path


@pytest.mark.parametrize(
    ("first", "kind"),
    [
        (None, "a zip file (an Excel workbook, .xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "an old Excel workbook (.xls)"),
        (b"%PDF-1.7\n", "a PDF file"),
    ],
)
@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_workbook_or_pdf_saved_as_users_csv_is_named(
    tmp_path: Path, first: bytes | None, kind: str, encoding: str
) -> None:
    """Since session 55: a workbook saved under the export's name was "byte 0x86 ... is
    not valid utf-8; the file is likely Windows-1252: read it with encoding='cp1252'",
    advice that reads binary as names (and under cp1252 it did: a missing-column error
    quoting the binary). The error names what the file is."""
    users = tmp_path / "users.csv"
    if first is None:
        _workbook(users)
    else:
        users.write_bytes(first + b"rest of the file")
    with pytest.raises(RosterReadError) as info:
        read_roster(tmp_path, encoding=encoding)
    assert info.value.diagnostic.code == "not-csv"
    assert f"the file is {kind}" in info.value.diagnostic.message


def test_a_workbook_named_on_the_command_line_and_a_zip_cut_short_are_named(
    tmp_path: Path,
) -> None:
    """Since session 55: ``check users.csv`` of a workbook read it as a zip holding no CSV
    files; a zip whose download stopped was "File is not a zip file". Each says what it
    is and what to do."""
    with pytest.raises(RosterReadError) as info:
        read_roster(_workbook(tmp_path / "users.csv"))
    assert "is an Excel workbook (.xlsx)" in info.value.diagnostic.message
    whole = tmp_path / "export.zip"
    with zipfile.ZipFile(whole, "w") as archive:
        archive.writestr("users.csv", "sourcedId,givenName,familyName\n" + "s1,Ana,Ruiz\n" * 500)
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole.read_bytes()[:200])
    with pytest.raises(RosterReadError) as info:
        read_roster(cut)
    assert info.value.diagnostic.code == "bad-zip"
    assert "its end, which lists the files in it, is missing" in info.value.diagnostic.message


@pytest.mark.parametrize("name", ["users.tsv", "export.txt"])
def test_a_tab_delimited_users_file_named_tsv_or_txt_is_read(tmp_path: Path, name: str) -> None:
    """Since session 55: a users file an SIS wrote tab-delimited as ``.tsv`` or ``.txt``
    was "not a roster: expected ... a users.csv"; it is read as a users file (its tab
    delimiter found as in a ``.csv``)."""
    path = write(
        tmp_path / name,
        "sourcedId\trole\tgivenName\tfamilyName\temail\ng1\tparent\tAna\tDiaz\tana@gmail.com\n",
    )
    roster = read_roster(path)
    assert [(u.sourced_id, u.email) for u in roster.users] == [("g1", "ana@gmail.com")]
    assert "csv-delimiter" in {d.code for d in roster.diagnostics}


@pytest.mark.parametrize("header_too", [False, True])
def test_rows_quoted_whole_are_read_split_and_said(tmp_path: Path, header_too: bool) -> None:
    """Since session 55: a tool that quotes each line whole (``"g1,parent,Ana,..."``)
    made each row one value: users named by their whole line with no name, a ragged-row
    warning each; with the header quoted too, "did you mean 'sourcedId,role,...' for
    sourcedId?". The rows are read split, for the check, and one error says a sync reads
    each as one value."""
    header = "sourcedId,role,givenName,familyName,email"
    text = (f'"{header}"' if header_too else header) + "\n"
    text += '"g1,parent,Ana,Diaz,ana@gmail.com"\n"g2,parent,Bo,Ng,bo@gmail.com"\n'
    text += "g3,parent,Cy,Lee,cy@gmail.com\n"  # one row written plainly
    roster = read_roster(roster_dir(tmp_path, text))
    assert [(u.sourced_id, u.given_name, u.email) for u in roster.users] == [
        ("g1", "Ana", "ana@gmail.com"),
        ("g2", "Bo", "bo@gmail.com"),
        ("g3", "Cy", "cy@gmail.com"),
    ]
    said = [d for d in roster.diagnostics if d.code == "row-in-one-value"]
    assert [(d.severity.value, d.location.line) for d in said] == (
        [("error", 1), ("error", 2)] if header_too else [("error", 2)]
    )
    assert said[-1].message.startswith("2 row(s) are each one quoted value")
    assert "ragged-row" not in {d.code for d in roster.diagnostics}


@pytest.mark.parametrize(
    ("above", "said"),
    [
        ("Users export 2024-05-01\n", "line 2 is the header: delete the line(s) above it"),
        ("Springfield SD\nRun 2024-05-01 06:00\n", "line 3 is the header"),
        ("g0,parent,Zoe,Diaz,zoe@gmail.com\n" * 6, "is the header line missing?"),
    ],
)
def test_a_title_above_the_header_names_the_headers_line(
    tmp_path: Path, above: str, said: str
) -> None:
    """Since session 55: a report's title above the header (an SIS report export) asked
    whether the header line was missing; the error names the line the header is on."""
    text = above + "sourcedId,role,givenName,familyName,email\ng1,parent,Ana,Diaz,a@b.org\n"
    with pytest.raises(RosterReadError) as info:
        read_roster(roster_dir(tmp_path, text))
    assert info.value.diagnostic.code == "missing-column"
    assert said in info.value.diagnostic.message


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["g1", "g2"]),
            st.sampled_from(["parent", "guardian", "relative", "Parent"]),
            st.sampled_from(["s1", "s2", "s1,s2"]),
            st.sampled_from(["st1", "st2", "st3", "st1,st2"]),
        ),
        min_size=1,
        max_size=6,
    ),
    seed=st.integers(0, 2**16),
)
def test_a_11_guardian_listed_per_child_reads_alike_in_any_row_order(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[str, str, str, str]],
    seed: int,
) -> None:
    """Since session 57: the rows of a 1.1 guardian listed once per child (any guardian
    role word, orgs and children on each, the same name and contacts) read as the same
    users, and give the same report but for where each diagnostic was read, in any row
    order. The first row's
    role word was the user's before, so the report's roles followed the row order."""
    import json
    import random

    from oneroster_identity.report import write_json

    header, *fixed = USERS_11.splitlines(keepends=True)
    contacts = {"g1": "bob@y.org,6035552000", "g2": "eve@y.org,6035552001"}  # as each first
    guardians = [
        f'{g},active,2024-01-02,true,"{orgs}",{role},gg,,Bob,Ng,,,{contacts[g]},,"{kids}",,\n'
        for g, role, orgs, kids in rows
    ]
    students = [f"{s},,,TRUE,s1,student,ss,,Cy,Ng,,,,,,,03,\n" for s in ("st2", "st3")]
    body = fixed + guardians + students
    reports = []
    for n, order in enumerate((body, random.Random(seed).sample(body, len(body)))):
        roster = read_roster(
            roster_dir(tmp_path_factory.mktemp(f"order{n}"), header + "".join(order))
        )
        out = io.StringIO()
        write_json(match(roster), out)
        report = json.loads(out.getvalue())
        report.pop("diagnostics")
        reports.append(
            (report, sorted((u.sourced_id, u.roles, u.agent_sourced_ids) for u in roster.users))
        )
    assert reports[0] == reports[1]
