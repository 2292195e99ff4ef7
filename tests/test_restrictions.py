"""Notes in a name that restrict contact with a person or say the person died: found, and
never a reason to copy a value onto or off the record."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from tests.conftest import user

from oneroster_identity import Roster, Severity
from oneroster_identity.match import NearMissKind, match
from oneroster_identity.normalize import Restriction, restriction_in_name


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("John (NO CONTACT)", Restriction.NO_CONTACT),
        ("John - no contact", Restriction.NO_CONTACT),
        ("Maria (do not contact)", Restriction.NO_CONTACT),
        ("John (restraining order)", Restriction.NO_CONTACT),
        ("John PROTECTIVE ORDER", Restriction.NO_CONTACT),
        ("John (no-contact order)", Restriction.NO_CONTACT),
        ("John (do not release)", Restriction.NO_CONTACT),
        ("Maria (deceased)", Restriction.DECEASED),
        ("Luis - passed away", Restriction.DECEASED),
        # Spanish (since session 57; fallecido/a since earlier)
        ("Ana (no contactar)", Restriction.NO_CONTACT),
        ("Luis - orden de restricción", Restriction.NO_CONTACT),
        ("Luis (orden de alejamiento)", Restriction.NO_CONTACT),
        ("Ana (sin contacto)", Restriction.NO_CONTACT),
        ("Ana (sin acceso)", Restriction.NO_CONTACT),
        ("Pedro (difunto)", Restriction.DECEASED),
        ("Pedro (fallecido)", Restriction.DECEASED),
        ("Ana (sin contacto información)", None),
        # Portuguese (since session 57)
        ("Ana (não contatar)", Restriction.NO_CONTACT),
        ("Ana (sem contato)", Restriction.NO_CONTACT),
        ("Luis - medida protetiva", Restriction.NO_CONTACT),
        ("Pedro (falecido)", Restriction.DECEASED),
        ("Ana (sem contato informação)", None),
        # a record the office retired by its name (since session 58)
        ("Garcia DO NOT USE", Restriction.NOT_IN_USE),
        ("Garcia (DONOTUSE)", Restriction.NOT_IN_USE),
        ("Garcia - DNU", Restriction.NOT_IN_USE),
        ("Garcia (duplicate)", Restriction.NOT_IN_USE),
        ("GARCIA-DUP", Restriction.NOT_IN_USE),
        ("Garcia (old record)", Restriction.NOT_IN_USE),
        ("Garcia (DELETE)", Restriction.NOT_IN_USE),
        ("Garcia (inactive)", Restriction.NOT_IN_USE),
        ("Leo (withdrawn)", Restriction.NOT_IN_USE),
        ("Leo - graduated", Restriction.NOT_IN_USE),
        ("Leo (transferred)", Restriction.NOT_IN_USE),
        ("Leo (moved away)", Restriction.NOT_IN_USE),
        ("Leo - left the district", Restriction.NOT_IN_USE),
        ("Leo (no longer enrolled)", Restriction.NOT_IN_USE),
        ("Leo (left handed)", None),
        ("Garcia - to be deleted", Restriction.NOT_IN_USE),
        ("Garcia (duplicado)", Restriction.NOT_IN_USE),
        ("Garcia - no usar", Restriction.NOT_IN_USE),
        ("Garcia (não usar)", Restriction.NOT_IN_USE),
        ("zzGarcia", Restriction.NOT_IN_USE),
        ("ZZ-Garcia", Restriction.NOT_IN_USE),
        ("xx Maria", Restriction.NOT_IN_USE),
        ("ZZGARCIA", Restriction.NOT_IN_USE),
        ("Maria (do not use email)", None),
        ("Maria - do not use this phone", None),
        ("Maria (no usar correo)", None),
        ("Dup", None),  # a bare word is a name
        # a mark typed alone in the field (since session 61: missed, a plain word)
        ("Duplicate", Restriction.NOT_IN_USE),
        ("INACTIVE", Restriction.NOT_IN_USE),
        ("dnu", Restriction.NOT_IN_USE),
        ("Deleted", Restriction.NOT_IN_USE),
        ("Withdrawn", Restriction.NOT_IN_USE),
        ("DUPLICADO", Restriction.NOT_IN_USE),
        # the zz prefix alone (since session 61), typed so a record sorts last
        ("Zzz", Restriction.NOT_IN_USE),
        ("ZZ", Restriction.NOT_IN_USE),
        ("zzzz", Restriction.NOT_IN_USE),
        ("Z", None),
        ("Zza", None),
        ("Inactivo", None),
        ("Dupont", None),
        ("Zzyzx", None),  # a capitalized word, not a mark before one
        ("Xxavier", None),
        ("XX", None),  # a stand-in, no mark before a name
        ("Ana (no contact info)", None),
        ("Ana - no contact number", None),
        ("Ana (no contact on file)", None),
        ("Maria (Grandmother)", None),
        ("Maria Jose", None),
        ("Contact", None),
        ("", None),
    ],
)
def test_restriction_in_name(name: str, found: Restriction | None) -> None:
    assert restriction_in_name(name) is found


def _family(given: str) -> Roster:
    """A guardian typed twice for one child, once with a note in the name."""
    return Roster(
        users=[
            user("g1", "parent", given, "Diaz", "", "617-555-2368", agent_sourced_ids=("s1",)),
            user(
                "g2",
                "parent",
                given.split(" ")[0],
                "Diaz",
                "diaz.family@gmail.com",
                "617-555-2368",
                agent_sourced_ids=("s1",),
            ),
            user("s1", "student", "Leo", "Diaz", agent_sourced_ids=("g1", "g2")),
        ]
    )


@pytest.mark.parametrize(
    ("given", "code", "severity"),
    [
        ("John (NO CONTACT)", "contact-restricted", Severity.ERROR),
        ("John - NO CONTACT", "contact-restricted", Severity.ERROR),
        ("Maria (deceased)", "deceased-in-name", Severity.WARNING),
    ],
)
def test_no_value_is_copied_onto_or_off_a_restricted_record(
    given: str, code: str, severity: Severity
) -> None:
    """Before session 25 the item copied the family's email onto g1 ("the only usable
    value"): its account would have merged with the family's."""
    result = match(_family(given))
    (near,) = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    assert "contact-restricted" in near.tags
    assert near.fixes == () and near.choices == ()
    assert "g1 carries a note in the name" in near.summary
    (finding,) = [f for f in result.findings if f.code == code]
    assert (finding.sourced_id, finding.field, finding.severity) == ("g1", "givenName", severity)
    assert finding.suggested is None


def test_a_restricted_record_sharing_the_familys_phone_is_said_in_the_shared_item() -> None:
    users = [
        user("g1", "parent", "Ana", "Diaz", "ana@gmail.com", "617-555-2368"),
        user("g2", "parent", "Luis (no contact)", "Ortega", "luis@gmail.com", "617-555-2368"),
    ]
    result = match(Roster(users=users))
    (shared,) = [n for n in result.near_misses if n.kind is NearMissKind.SHARED_CONTACT]
    assert "contact-restricted" in shared.tags
    assert "would give this person the others' login and messages" in shared.summary


def test_other_suggestions_on_a_restricted_record_are_held_back() -> None:
    """A domain typo on the record would otherwise be suggested: nothing is typed into a
    record the school has not decided about."""
    users = [user("g1", "parent", "John (NO CONTACT)", "Diaz", "john@gmial.com", "617-555-2368")]
    findings = match(Roster(users=users)).findings
    typo = [f for f in findings if f.code == "email-domain-typo"]
    assert typo and all(f.suggested is None for f in typo)


def test_a_name_that_only_resembles_a_note_changes_nothing() -> None:
    result = match(_family("Ana (no contact info)"))
    assert "contact-restricted" not in {t for n in result.near_misses for t in n.tags}
    assert not {"contact-restricted", "deceased-in-name"} & {f.code for f in result.findings}


def test_no_update_keeps_a_restricted_persons_old_app_account(tmp_path: Path) -> None:
    """Before session 25 the existing-accounts check listed "update the account's given
    name to 'John (NO CONTACT)'", which keeps the old account for him."""
    from oneroster_identity.existing import check_existing, read_existing_accounts

    roster = Roster(
        users=[
            user("g1", "parent", "John (NO CONTACT)", "Diaz", "jd@gmail.com", "617-555-2368"),
            user("s1", "student", "Leo", "Diaz", agent_sourced_ids=("g1",)),
        ]
    )
    export = tmp_path / "accounts.csv"
    export.write_text(
        "Account ID,First Name,Last Name,Email,Mobile,Role,Status\n"
        "A1,John,Diaz,jd@gmail.com,617-555-2368,parent,joined\n",
        encoding="utf-8",
    )
    (check,) = check_existing(roster, match(roster), read_existing_accounts(export)).accounts
    assert check.updates == () and check.choices == ()
    assert "g1 carries a note in the name restricting contact" in check.message


def test_on_a_students_record_the_note_is_about_who_may_not_reach_the_child() -> None:
    users = [
        user("g1", "parent", "Ana", "Diaz", "ana@gmail.com", "617-555-2368"),
        user("s1", "student", "Leo (DO NOT RELEASE)", "Diaz", agent_sourced_ids=("g1",)),
    ]
    (finding,) = [f for f in match(Roster(users=users)).findings if f.code == "contact-restricted"]
    assert finding.sourced_id == "s1" and finding.severity is Severity.ERROR
    assert "who may not reach the child" in finding.message


def test_the_strongest_note_of_a_name_decides() -> None:
    assert restriction_in_name("John (NO CONTACT)", "zzDiaz") is Restriction.NO_CONTACT
    assert restriction_in_name("zzLuis", "Ortega (deceased)") is Restriction.DECEASED
    assert restriction_in_name("zzLuis", "Ortega") is Restriction.NOT_IN_USE


def test_a_record_marked_not_to_be_used_is_retired_not_made_to_match() -> None:
    """Before session 58 ``Diaz DO NOT USE`` beside ``Diaz`` was a choice between the two
    family names (``compound-surname``), the marked one offered as a name to type."""
    roster = _family("Ana")
    users = [
        attrs.evolve(u, family_name="Diaz DO NOT USE") if u.sourced_id == "g1" else u
        for u in roster.users
    ]
    result = match(Roster(users=users))
    (near,) = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    assert "marked-not-in-use" in near.tags and "contact-restricted" not in near.tags
    assert near.fixes == () and near.choices == ()
    assert "retire it in the SIS" in near.summary
    (finding,) = [f for f in result.findings if f.code == "marked-not-in-use"]
    assert (finding.sourced_id, finding.field) == ("g1", "familyName")
    assert finding.severity is Severity.WARNING and "student links" in finding.message


def test_a_zz_record_sharing_the_familys_email_is_said_in_the_shared_item() -> None:
    users = [
        user("g1", "parent", "Ana", "Diaz", "ana@gmail.com", "617-555-2368"),
        user("g2", "parent", "zzAna", "Diaz", "ana@gmail.com", "617-555-2368"),
    ]
    result = match(Roster(users=users))
    shared = [n for n in result.near_misses if n.kind is NearMissKind.SHARED_CONTACT]
    assert shared and all("marked-not-in-use" in n.tags for n in shared)
    assert all("move its links (students, classes) to that record" in n.summary for n in shared)
    (finding,) = [f for f in result.findings if f.code == "marked-not-in-use"]
    assert (finding.sourced_id, finding.field) == ("g2", "givenName")


def test_a_students_retired_record_says_to_move_its_guardian_links() -> None:
    users = [user("s1", "student", "zzLeo", "Diaz")]
    (finding,) = [f for f in match(Roster(users=users)).findings if f.code == "marked-not-in-use"]
    assert "guardian links and classes" in finding.message


@pytest.mark.parametrize(
    ("role", "links"),
    [("teacher", "after moving its classes to"), ("parent", "after moving its student links to")],
)
def test_a_retired_records_finding_names_what_its_role_holds(role: str, links: str) -> None:
    users = [user("u1", role, "Ana", "Diaz DO NOT USE", "ana@gmail.com")]
    (finding,) = [f for f in match(Roster(users=users)).findings if f.code == "marked-not-in-use"]
    assert links in finding.message


@pytest.mark.parametrize(
    ("given", "family", "found"),
    [
        ("Do Not", "Use", Restriction.NOT_IN_USE),
        ("DO NOT", "USE", Restriction.NOT_IN_USE),
        ("Leo", "To Be Deleted", Restriction.NOT_IN_USE),
        ("Old", "Record", None),  # two plain words are never joined into a mark
        ("Ana Do", "Not", None),
        ("Ana", "Use", None),
        ("Ana Maria", "Lopez Garcia", None),
    ],
)
def test_a_mark_split_across_the_given_and_family_names(
    given: str, family: str, found: Restriction | None
) -> None:
    """An export splitting a full name field's `DO NOT USE` at its last space: before
    session 61 neither part alone was read as a mark."""
    assert restriction_in_name(given, family) is found


@pytest.mark.parametrize(
    ("given", "family", "field", "across"),
    [
        ("Duplicate", "Record", "givenName", False),
        ("Leo", "INACTIVE", "familyName", False),
        ("Zzz", "Test", "givenName", False),
        ("Ana", "Zzz", "familyName", False),
        ("Do Not", "Use", "givenName", True),
    ],
)
def test_a_record_retired_by_a_word_alone_is_found(
    given: str, family: str, field: str, across: bool
) -> None:
    """Since session 61 (none of these had a finding): the record is retired in the
    SIS, and nothing is suggested on it."""
    users = [
        user("g1", "parent", "Ana", "Diaz", "ana@gmail.com", "617-555-2368"),
        user("g2", "parent", given, family, "ana@gmail.com", "617-555-2368"),
    ]
    result = match(Roster(users=users))
    (finding,) = [f for f in result.findings if f.code == "marked-not-in-use"]
    assert (finding.sourced_id, finding.field) == ("g2", field)
    assert ("givenName and familyName together carry" in finding.message) is across
    assert all(f.suggested is None for f in result.findings if f.sourced_id == "g2")
    assert all(fix.sourced_id != "g2" for n in result.near_misses for fix in n.fixes)
