"""A spreadsheet's error value where a roster value belongs is no value
(``normalize._spreadsheet``), and two records whose given names name no one may be two
people (``maybe-unnamed``); a spreadsheet's mark for text around a value is no part of it
(since session 54)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import user

from oneroster_identity import Roster, read_rest_users
from oneroster_identity.match import match
from oneroster_identity.normalize import (
    EmailFlag,
    PhoneFlag,
    identifier_key,
    is_role_word_name,
    marked_name,
    normalize_email,
    normalize_phone,
    spreadsheet_text,
)
from oneroster_identity.normalize._one_name import is_placeholder_family_name
from oneroster_identity.normalize._spreadsheet import spreadsheet_error


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("#N/A", "#N/A"),
        ("#n/a", "#N/A"),
        (" #NAME? ", "#NAME?"),
        ("#VALUE!", "#VALUE!"),
        ("#REF!", "#REF!"),
        ("#DIV/0!", "#DIV/0!"),
        ("#¿NOMBRE?", "#¿NOMBRE?"),
        ("#¡VALOR!", "#¡VALOR!"),
        ("Err:502", "ERR:502"),
        ("N/A", None),
        ("#2", None),
        ("Ruiz #2", None),
        ("#", None),
        ("Ana", None),
        ("ana@gmail.com", None),
        ("Note: none", None),
    ],
)
def test_a_spreadsheets_error_values_are_told(value: str, error: str | None) -> None:
    assert spreadsheet_error(value) == error


def test_an_error_value_in_a_contact_column_is_a_placeholder_saying_so() -> None:
    email = normalize_email("#N/A")
    assert email.key is None and EmailFlag.PLACEHOLDER in email.flags
    assert email.reason is not None and "spreadsheet's error value, #N/A" in email.reason
    phone = normalize_phone("#VALUE!")
    assert phone.key is None and PhoneFlag.PLACEHOLDER in phone.flags
    assert phone.reason is not None and "#VALUE!" in phone.reason


def test_an_error_value_for_a_name_is_a_stand_in_with_a_finding_of_its_own() -> None:
    """Not a name with symbols typed into it (``digits-or-symbols-in-name``), nor the
    generic ``placeholder-name``: one ``spreadsheet-error`` per part, nothing
    suggested."""
    assert is_role_word_name("#NAME?") and is_placeholder_family_name("#N/A")
    result = match(
        Roster(users=[user("g1", "parent", "#NAME?", "#N/A", "ana@gmail.com", "603-284-7142")])
    )
    named = sorted(
        (f.code, f.field, f.suggested)
        for f in result.findings
        if f.field in ("givenName", "familyName")
    )
    assert named == [
        ("spreadsheet-error", "familyName", None),
        ("spreadsheet-error", "givenName", None),
    ]


@pytest.mark.parametrize("stand_in", ["Parent", "#NAME?", "N/A", "Guardian"])
def test_two_guardians_of_one_child_whose_names_name_no_one_may_be_two(stand_in: str) -> None:
    """One child's two guardian records on the family's email, each its own phone, their
    given names a stand-in: one guardian typed twice, or the child's two parents. The
    likely-same item asks the family first and calls them one person no more (before,
    its choice of phone made two parents one account)."""
    family = {"agent_sourced_ids": ("k1",)}
    users = [
        user("g1", "parent", stand_in, "Garcia", "garciafam@gmail.com", "603-284-7142", **family),
        user("g2", "parent", stand_in, "Garcia", "garciafam@gmail.com", "603-284-7199", **family),
        user("k1", "student", "Leo", "Garcia", agent_sourced_ids=("g1", "g2")),
    ]
    (near,) = match(Roster(users=users)).near_misses
    assert "maybe-unnamed" in near.tags and not near.calls_one_person
    assert "ask the family first" in near.summary
    assert all(c.reason.startswith("these may be two people") for c in near.choices)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (("Maria", "Garcia"), ("Maria", "Garcia")),
        # the one name of a person who has one, by two conventions: the family field
        # names the person
        (("FNU", "Saranya"), ("", "Saranya")),
        (("FNU", "Saranya"), ("FNU", "Saranya")),
    ],
)
def test_a_name_or_a_one_name_persons_name_raises_no_such_doubt(
    one: tuple[str, str], other: tuple[str, str]
) -> None:
    family = {"agent_sourced_ids": ("k1",)}
    users = [
        user("g1", "parent", *one, "garciafam@gmail.com", "603-284-7142", **family),
        user("g2", "parent", *other, "garciafam@gmail.com", "603-284-7199", **family),
        user("k1", "student", "Leo", "Garcia", agent_sourced_ids=("g1", "g2")),
    ]
    (near,) = match(Roster(users=users)).near_misses
    assert "maybe-unnamed" not in near.tags


def test_a_roster_file_carrying_every_mangled_value_reads_and_reports_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """End to end through the CSV reader and the command line: the values reach the
    matcher as written (no reader step mends them), and the JSON report carries each
    finding, the fixes reading names back, and no garbled or lost spelling as a
    suggestion."""
    import json

    from oneroster_identity.cli import main

    header = "sourcedId,status,role,givenName,familyName,email,sms,agentSourcedIds\n"
    rows = [
        "g1,active,parent,José,García,jg@gmail.com,603-284-7142,k1",
        "g2,active,parent,JosÃ©,GarcÃ­a,jg@gmail.com,603-284-7142,k2",
        "g3,active,parent,Siobhán,O'Brien,sob@gmail.com,603-284-7150,k3",
        "g4,active,parent,Siobh&aacute;n,O&#39;Brien,sob@gmail.com,603-284-7150,k4",
        "g5,active,parent,María,Muñoz,mm@gmail.com,603-284-7160,k5",
        "g6,active,parent,Mar?a,Mu?oz,mm@gmail.com,603-284-7160,k6",
        "g7,active,parent,Ana,#N/A,#N/A,#VALUE!,k7",
        "k1,active,student,Leo,García,,,g1",
        "k2,active,student,Bo,García,,,g2",
        "k3,active,student,Liam,O'Brien,,,g3",
        "k4,active,student,Aoife,O'Brien,,,g4",
        "k5,active,student,Eva,Muñoz,,,g5",
        "k6,active,student,Luz,Muñoz,,,g6",
        "k7,active,student,Al,Ruiz,,,g7",
    ]
    (tmp_path / "users.csv").write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "report.json"
    main(["check", str(tmp_path), "--format", "json", "--quiet", "--output", str(out)])
    capsys.readouterr()
    report = json.loads(out.read_text(encoding="utf-8"))
    fixes = sorted(
        (fix["sourced_id"], fix["field"], fix["suggested"], fix["rule"])
        for near in report["near_misses"]
        for fix in near["fixes"]
    )
    assert fixes == [
        ("g2", "familyName", "García", "ungarbled"),
        ("g2", "givenName", "José", "ungarbled"),
        ("g4", "familyName", "O'Brien", "ungarbled"),
        ("g4", "givenName", "Siobhán", "ungarbled"),
        ("g6", "familyName", "Muñoz", "lost-letters"),
        ("g6", "givenName", "María", "lost-letters"),
    ]
    found = sorted(
        (f["sourced_id"], f["field"], f["code"])
        for f in report["findings"]
        if f["code"] in ("garbled-characters", "lost-characters", "spreadsheet-error")
        or f["code"].startswith("placeholder-")
    )
    assert found == [
        ("g2", "familyName", "garbled-characters"),
        ("g2", "givenName", "garbled-characters"),
        ("g4", "familyName", "garbled-characters"),
        ("g4", "givenName", "garbled-characters"),
        ("g6", "familyName", "lost-characters"),
        ("g6", "givenName", "lost-characters"),
        ("g7", "email", "placeholder-email"),
        ("g7", "familyName", "spreadsheet-error"),
        ("g7", "sms", "placeholder-phone"),
    ]
    suggested = {f.get("suggested") for f in report["findings"]}
    assert not any(s and ("Ã" in s or "&#" in s or "?" in s) for s in suggested)


# -- a spreadsheet's mark for text (``="..."``, a leading apostrophe; since session 54) --


@pytest.mark.parametrize(
    ("value", "inner", "name"),
    [
        ('="6174281937"', "6174281937", None),  # no letter: no name inside
        ('= "Rosa" ', "Rosa", "Rosa"),
        ("'617-428-1937", "617-428-1937", None),
        ("'Iolani", "Iolani", None),  # an apostrophe may begin a name (an ʻokina)
        ('=""', "", None),
        ("Rosa", None, None),
        ("O'Brien", None, None),
        ('="Rosa" Diaz', None, None),  # text after the formula: no mark around a value
        ("=Rosa", None, None),  # a formula that is no text
    ],
)
def test_a_spreadsheets_mark_for_text_is_told(
    value: str, inner: str | None, name: str | None
) -> None:
    assert spreadsheet_text(value) == inner
    assert marked_name(value) == name


@given(st.text(alphabet=st.characters(blacklist_characters='"'), max_size=20))
def test_a_text_formula_gives_back_what_it_wraps(text: str) -> None:
    assert spreadsheet_text(f'="{text}"') == text.strip()
    assert spreadsheet_text(f'="{text}"', apostrophe=False) == text.strip()


def _guardians(sms: str, given: str = "Ana") -> list[dict[str, str]]:
    return [
        {"sourcedId": "g1", "role": "parent", "givenName": given, "familyName": "Diaz",
         "email": "ana@gmail.com", "sms": sms},
        {"sourcedId": "g2", "role": "guardian", "givenName": "Ana", "familyName": "Diaz",
         "email": "ana@gmail.com", "sms": "617-428-1937"},
    ]  # fmt: skip


@pytest.mark.parametrize("sms", ['="6174281937"', "'617-428-1937", '= "617-428-1937"'])
def test_a_marked_number_is_read_and_named_and_the_fragile_merge_says_so(sms: str) -> None:
    """The number reads as itself (the records merge, as the parser sees it), but the
    value as a sync takes it is not the number alone: a warning suggesting the number,
    and the fragile merge names the mark rather than "formatting"."""
    phone = normalize_phone(sms)
    assert PhoneFlag.SPREADSHEET_MARK in phone.flags and phone.key == "+16174281937"
    result = match(read_rest_users({"users": _guardians(sms)}))
    (person,) = [p for p in result.persons if "g1" in p.sourced_ids]
    assert person.sourced_ids == ("g1", "g2")
    (diff,) = person.fragile
    assert diff.how.startswith("a spreadsheet's mark for text around the number on g1")
    (found,) = [f for f in result.findings if f.code == "sms-spreadsheet-mark"]
    assert (found.sourced_id, found.suggested) == ("g1", sms.lstrip("=' ").strip('"'))
    assert "sms-label" not in {f.code for f in result.findings}


def test_a_plain_or_apostrophe_number_carries_no_mark() -> None:
    for value in ("617-428-1937", "(617) 428-1937", "cell 617-428-1937"):
        assert PhoneFlag.SPREADSHEET_MARK not in normalize_phone(value).flags


def test_a_name_in_a_text_formula_is_a_finding_and_the_fix_drops_the_marks() -> None:
    """``="Rosa"`` beside ``Rosa``: the marks are no part of the name, so the fix goes
    one way (``no-spreadsheet-mark``), where it was a choice between ``"Rosa"`` and
    ``Rosa``."""
    users = _guardians("617-428-1937", given='="Rosa"')
    users[1]["givenName"] = "Rosa"
    result = match(read_rest_users({"users": users}))
    (found,) = [f for f in result.findings if f.code == "name-spreadsheet-mark"]
    assert (found.sourced_id, found.field, found.suggested) == ("g1", "givenName", "Rosa")
    assert "digits-or-symbols-in-name" not in {f.code for f in result.findings}
    (near,) = result.near_misses
    fixes = {(x.sourced_id, x.field, x.suggested, x.rule) for x in near.fixes}
    assert ("g1", "givenName", "Rosa", "no-spreadsheet-mark") in fixes
    assert not near.choices


@pytest.mark.parametrize("given", ['="N/A"', '="Unknown"', '="Mom"'])
def test_a_stand_in_inside_the_marks_is_not_suggested_nor_two_people(given: str) -> None:
    """``="N/A"``: the value inside is a stand-in, no name to type (session 59: suggested
    as the name), and its slash is no couple's (read on the marks, ``="N`` and ``A"``
    were two people)."""
    result = match(read_rest_users({"users": _guardians("617-428-1937", given=given)}))
    codes = {f.code for f in result.findings if f.sourced_id == "g1"}
    (found,) = [f for f in result.findings if f.code == "name-spreadsheet-mark"]
    assert found.suggested is None and "stand-in" in found.message
    assert "couple-in-name" not in codes and "placeholder-name" in codes


def test_a_name_beginning_with_an_apostrophe_is_no_mark() -> None:
    result = match(read_rest_users({"users": _guardians("617-428-1937", given="'Iolani")}))
    assert "name-spreadsheet-mark" not in {f.code for f in result.findings}


def test_an_identifier_in_a_text_formula_is_the_identifier() -> None:
    assert identifier_key('="00123"') == identifier_key("00123") == "123"
    assert identifier_key("'AB-1234") == identifier_key("ab1234")


# --- a whole export written for Excel (since session 55) ---------------------------------

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "oneroster_identity" / "data" / "sample"


def _wrapped_copy(target: Path, *, header: bool) -> Path:
    """The sample export with every value (and, if ``header``, every header cell) in a
    text formula, as a report meant for Excel writes it; the manifest left as it was."""
    import csv

    target.mkdir()
    for source in SAMPLE.iterdir():
        if source.name == "manifest.csv":
            (target / source.name).write_bytes(source.read_bytes())
            continue
        with source.open(newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        with (target / source.name).open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            for number, row in enumerate(rows):
                wrap = header or number > 0
                writer.writerow(
                    [f'="{c.replace(chr(34), chr(34) * 2)}"' if wrap and c else c for c in row]
                )
    return target


@pytest.mark.parametrize("header", [False, True])
def test_an_export_written_for_excel_reads_as_the_plain_export(
    tmp_path: Path, header: bool
) -> None:
    """Since session 55: a report meant for Excel writes every value as ``="..."``. Each
    value was read with its marks: every name a ``name-spreadsheet-mark`` finding, every
    email invalid, every link and role pointing at no one (``="g1"`` is no ``g1``). The
    marks are read off the whole file, said once per file (``spreadsheet-formulas``),
    and the check is the plain export's."""
    from oneroster_identity import read_roster

    plain = read_roster(SAMPLE)
    wrapped = read_roster(_wrapped_copy(tmp_path / "excel", header=header))
    said = [d for d in wrapped.diagnostics if d.code == "spreadsheet-formulas"]
    files = sorted(Path(d.location.file).name for d in said)
    assert files == ["demographics.csv", "enrollments.csv", "orgs.csv", "roles.csv", "users.csv"]
    assert {d.location.line for d in said} == {1 if header else 2}
    assert [attrs_of(u) for u in wrapped.users] == [attrs_of(u) for u in plain.users]
    assert wrapped.enrollment_counts == plain.enrollment_counts
    others = sorted(
        (d.code, d.severity, d.location.line, d.location.column)
        for d in wrapped.diagnostics
        if d.code != "spreadsheet-formulas"
    )
    assert others == sorted(
        (d.code, d.severity, d.location.line, d.location.column) for d in plain.diagnostics
    )
    checked, expected = match(wrapped), match(plain)
    assert checked.summary()["diagnostics_by_severity"]["warning"] == 5
    assert {k: v for k, v in checked.summary().items() if k != "diagnostics_by_severity"} == {
        k: v for k, v in expected.summary().items() if k != "diagnostics_by_severity"
    }
    assert checked.findings == expected.findings
    assert [n.id for n in checked.near_misses] == [n.id for n in expected.near_misses]


def attrs_of(u: object) -> tuple[object, ...]:
    import attrs

    return attrs.astuple(u, recurse=False)  # type: ignore[arg-type]


def test_identifiers_alone_in_formulas_are_no_export_written_for_excel(tmp_path: Path) -> None:
    """A file that wraps only its IDs (``="00123"``, for the leading zeros) is read as
    written: each such value is its own case (``identifier_key`` reads inside the mark)."""
    from oneroster_identity import read_roster

    (tmp_path / "users.csv").write_text(
        "sourcedId,role,givenName,familyName,email\n"
        '"=""00123""",parent,Ana,Diaz,ana@gmail.com\n'
        '"=""00124""",parent,Bo,Ng,bo@gmail.com\n',
        encoding="utf-8",
    )
    roster = read_roster(tmp_path)
    assert [u.sourced_id for u in roster.users] == ['="00123"', '="00124"']
    assert "spreadsheet-formulas" not in {d.code for d in roster.diagnostics}


def test_two_exports_written_for_excel_joined_read_as_one(tmp_path: Path) -> None:
    """The header again in a file written for Excel is wrapped too: told as the header
    once its marks are read off (``repeated-header``), not read as a user."""
    from oneroster_identity import read_roster

    header = '"=""sourcedId""","=""role""","=""givenName""","=""familyName""","=""email"""\n'
    rows = [
        '"=""g1""","=""parent""","=""Ana""","=""Diaz""","=""ana@gmail.com"""\n',
        '"=""g2""","=""parent""","=""Bo""","=""Ng""","=""bo@gmail.com"""\n',
    ]
    (tmp_path / "users.csv").write_text(header + rows[0] + header + rows[1], encoding="utf-8")
    roster = read_roster(tmp_path)
    assert [(u.sourced_id, u.email) for u in roster.users] == [
        ("g1", "ana@gmail.com"),
        ("g2", "bo@gmail.com"),
    ]
    codes = [d.code for d in roster.diagnostics]
    assert codes.count("repeated-header") == 1 and codes.count("spreadsheet-formulas") == 1
