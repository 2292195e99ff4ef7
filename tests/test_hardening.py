"""Regression tests for the defects of issue 11: each failed before its fix."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import write

from oneroster_identity import Policy, read_rest_users, read_roster
from oneroster_identity.cli import EXIT_INTERNAL, main
from oneroster_identity.existing import check_existing, read_existing_accounts
from oneroster_identity.match import Weights, match
from oneroster_identity.match._blocking import name_only_ceiling
from oneroster_identity.models import Status
from oneroster_identity.normalize import (
    EmailDifference,
    NameDifference,
    PersonName,
    PhoneDifference,
    compare_emails,
    compare_names,
    compare_phones,
    normalize_email,
    normalize_phone,
)
from oneroster_identity.policy import CANONICAL_POLICIES, canonical_policy
from oneroster_identity.report import write_json
from oneroster_identity.report._document import person_item


def _users(*users: dict[str, object]) -> dict[str, object]:
    return {"users": list(users)}


def _parent(sid: str, given: str, family: str, email: str = "", sms: str = "") -> dict[str, object]:
    return {
        "sourcedId": sid,
        "role": "parent",
        "givenName": given,
        "familyName": family,
        "email": email,
        "sms": sms,
    }


# --- a crash on punctuation-only names --------------------------------------------------


@pytest.mark.parametrize("placeholder", ["'", "-", ".", "--", "'.-", "*", "\u2014"])
def test_punctuation_only_given_name_beside_a_shared_email(placeholder: str) -> None:
    roster = read_rest_users(
        _users(
            _parent("a", placeholder, "Ng", "ann.ng@gmail.com"),
            _parent("b", "Ann", "Ng", "ann.ng@gmail.com"),
        )
    )
    result = match(roster)  # raised IndexError before
    missing = [f for f in result.findings if f.code == "missing-name"]
    assert [(f.sourced_id, f.field) for f in missing] == [("a", "givenName")]
    # a placeholder is never suggested as the value to type over a real name
    for near in result.near_misses:
        assert all(fix.suggested != placeholder for fix in near.fixes)


def test_punctuation_only_name_compares_as_missing() -> None:
    a, b = PersonName(given="'", family="Ng"), PersonName(given="Ann", family="Ng")
    assert compare_names(a, b).given is NameDifference.MISSING


def test_cli_survives_the_crash_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(
        tmp_path / "users.json",
        json.dumps(
            _users(
                _parent("a", "'", "Ng", "ann.ng@gmail.com"),
                _parent("b", "Ann", "Ng", "ann.ng@gmail.com"),
            )
        ),
    )
    assert main(["check", str(path), "-q"]) == 1
    assert "missing-name" in capsys.readouterr().out


# --- state shared between runs -----------------------------------------------------------


def test_canonical_policies_are_bounded() -> None:
    for i in range(CANONICAL_POLICIES * 4):
        canonical_policy(Policy(likely_same_threshold=0.5 + i / 10_000))
    a, b = Policy(region="GB"), Policy(region="GB")
    assert canonical_policy(a) is canonical_policy(b)
    from oneroster_identity.policy import _first_equal

    assert _first_equal.cache_info().currsize <= CANONICAL_POLICIES


def test_person_items_do_not_share_mutable_lists() -> None:
    roster = read_rest_users(
        _users(_parent("a", "Ann", "Ng", "a@x.org"), _parent("b", "Bo", "Li", "b@x.org"))
    )
    first, second = (person_item(p, redact=False) for p in match(roster).persons)
    first["role_families"].append("staff")
    assert second["role_families"] == ["guardian"]
    assert person_item(match(roster).persons[0], redact=False)["role_families"] == ["guardian"]


def test_normalizers_keep_no_cache_of_their_own() -> None:
    assert not hasattr(normalize_email, "cache_info")
    assert not hasattr(normalize_phone, "cache_info")


# --- settings silently ignored -------------------------------------------------------------


def test_match_takes_weights_and_blocking_uses_them() -> None:
    roster = read_rest_users(
        _users(
            _parent("a", "Robert", "Ng", "rng@gmail.com", "603-555-2368"),
            _parent("b", "Bob", "Ng", "rng@gmail.com", "603-555-2368"),
        )
    )
    assert match(roster).near_misses
    sceptical = Weights.from_levels({"prior": -30.0})
    result = match(roster, weights=sceptical)
    assert result.weights is sceptical
    assert {n.kind.value for n in result.near_misses} == {"shared-contact"}
    # a name-only ceiling above the threshold turns narrowing off: it reads the weights
    trusting = Weights.from_levels({"common-name": 20.0})
    assert name_only_ceiling(trusting) > 0.5 > name_only_ceiling()


def test_old_student_check_reads_the_policy(tmp_path: Path) -> None:
    # 'Alexandra' / 'Aleksandar': OSA distance 3, so a typo only through the ratio threshold
    roster = read_rest_users(
        _users(
            {
                "sourcedId": "s1",
                "role": "student",
                "givenName": "Aleksandar",
                "familyName": "Novak",
                "grades": ["05"],
            }
        )
    )
    export = write(
        tmp_path / "accounts.csv",
        "account_id,role,first_name,last_name,email,phone,grade,school,joined\n"
        "A1,student,Alexandra,Novak,,,05,,no\n",
    )
    accounts = read_existing_accounts(export)
    strict = check_existing(roster, match(roster, Policy(name_similarity_threshold=99)), accounts)
    loose = check_existing(roster, match(roster, Policy(name_similarity_threshold=60)), accounts)
    assert not strict.student_candidates
    assert [c.sourced_id for c in loose.student_candidates] == ["s1"]


def test_strict_normalization_is_read_by_the_contact_comparisons() -> None:
    strict = Policy(strict_normalization=True)
    a, b = (
        normalize_phone("603-555-2368", policy=strict),
        normalize_phone("(603) 555-2368", policy=strict),
    )
    assert compare_phones(a, b, policy=strict) is PhoneDifference.FORMATTING
    assert compare_phones(normalize_phone("603-555-2368"), normalize_phone("(603) 555-2368")) is (
        PhoneDifference.BENIGN
    )
    x, y = normalize_email("Ana@X.org", policy=strict), normalize_email("ana@x.org", policy=strict)
    assert compare_emails(x, y, policy=strict) is EmailDifference.FORMATTING
    assert not EmailDifference.FORMATTING.is_equal and not PhoneDifference.FORMATTING.is_equal


# --- readers that disagree -------------------------------------------------------------------


def _codes(roster: object) -> list[str]:
    """Diagnostic codes, less the CSV-only note that there is no manifest.csv."""
    return sorted(
        d.code for d in roster.diagnostics if d.code not in ("missing-file", "missing-manifest")
    )  # type: ignore[attr-defined]


def _both_forms(tmp_path: Path, rows: list[dict[str, str]]) -> tuple[object, object]:
    header = ["sourcedId", "status", "role", "givenName", "familyName", "email", "sms"]
    lines = [",".join(header)] + [",".join(r.get(h, "") for h in header) for r in rows]
    csv_roster = read_roster(write(tmp_path / "csv" / "users.csv", "\n".join(lines) + "\n"))
    rest_roster = read_rest_users(_users(*rows))
    return csv_roster, rest_roster


def test_inactive_is_read_alike_and_excluded(tmp_path: Path) -> None:
    rows = [
        {
            "sourcedId": "a",
            "status": "inactive",
            "role": "parent",
            "givenName": "A",
            "familyName": "B",
            "email": "a@x.org",
        },
        {
            "sourcedId": "b",
            "status": "Active",
            "role": "parent",
            "givenName": "C",
            "familyName": "D",
            "email": "c@x.org",
        },
    ]
    for roster in _both_forms(tmp_path, rows):
        assert [u.status for u in roster.users] == [Status.INACTIVE, Status.ACTIVE]  # type: ignore[attr-defined]
        assert _codes(roster) == ["status-inactive"]
        result = match(roster)  # type: ignore[arg-type]
        assert [e.sourced_id for e in result.excluded] == ["a"]


def test_rest_has_the_csv_checks(tmp_path: Path) -> None:
    long_email = "x" * 5000 + "@x.org"
    rows = [
        {
            "sourcedId": "a",
            "role": "Parent",
            "givenName": "A",
            "familyName": "B",
            "email": long_email,
        },
    ]
    csv_roster, rest_roster = _both_forms(tmp_path, rows)
    for roster in (csv_roster, rest_roster):
        assert _codes(roster) == ["oversized-field", "role-case"]
        assert roster.users[0].email == ""  # type: ignore[attr-defined]
    typed = read_rest_users(
        _users({"sourcedId": "a", "roles": [{"role": "parent", "roleType": "tertiary"}]})
    )
    assert [d.code for d in typed.diagnostics] == ["bad-role-type"]


def test_version_is_detected_alike() -> None:
    v11 = read_rest_users(_users({"sourcedId": "a", "role": "parent", "orgs": []}))
    v12 = read_rest_users(_users({"sourcedId": "a", "roles": [{"role": "parent"}]}))
    assert (v11.version, v12.version) == ("1.1", "1.2")


# --- exit codes and redaction ------------------------------------------------------------------


def test_broken_pipe_keeps_the_exit_status() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "oneroster_identity.cli", "check", "--sample", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    proc.stdout.read(10)
    proc.stdout.close()  # the reader goes away, as `| head -c 10` does
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    assert b"Traceback" not in err


class _GoneReader(io.StringIO):
    """A stdout whose reader went away (``| head``): every write raises."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "html"])
def test_broken_pipe_keeps_compares_exit_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """``compare ... | head``: before session 53, an "internal error" (exit 3)."""
    sample = str(Path(__file__).resolve().parents[1] / "src/oneroster_identity/data/sample")
    monkeypatch.setattr(sys, "stdout", _GoneReader())
    assert main(["compare", sample, sample, "--format", fmt]) == 0
    assert "internal error" not in capsys.readouterr().err


def test_an_output_that_cannot_be_written_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report or an output folder the command cannot write (no such folder, a file of
    that name): exit 2 and one line, never an "internal error" (compare and check-many
    before session 53)."""
    sample = str(Path(__file__).resolve().parents[1] / "src/oneroster_identity/data/sample")
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["compare", sample, sample, "-o", str(tmp_path / "no" / "such" / "x")]) == 2
    assert main(["check-many", sample, "-o", str(blocker), "-q"]) == 2
    assert main(["check-many", sample, "-o", str(blocker / "below"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and "internal error" not in err


class _FullDisk(io.StringIO):
    """A stdout on a full disk: every write fails as a full disk fails."""

    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")


@pytest.mark.parametrize("command", ["check", "compare"])
def test_a_report_a_full_disk_cuts_short_is_said_and_removed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    """A write that fails halfway (a full disk, a network share gone) was an "internal
    error" (exit 3) that left half a report behind, which ``compare`` could read back as
    last night's (since session 56: exit 2, one line, the cut-short file removed); the
    same on stdout, and ``/dev/full`` where the machine has one."""
    import oneroster_identity.cli as cli
    import oneroster_identity.compare as compare_package

    sample = str(Path(__file__).resolve().parents[1] / "src/oneroster_identity/data/sample")
    args = ["check", "--sample", "-q"] if command == "check" else ["compare", sample, sample]
    module = cli if command == "check" else compare_package  # (compare's is imported late)
    target = "write_text" if command == "check" else "write_comparison_text"
    real = getattr(module, target)

    def half_then_full(*a: object, **k: object) -> None:
        out = a[1]
        out.write("half a report\n")  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, target, half_then_full)
    report = tmp_path / "report.txt"
    assert main([*args, "-o", str(report)]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and "No space left on device" in err
    assert "internal error" not in err and not report.exists()
    monkeypatch.setattr(module, target, real)
    monkeypatch.setattr(sys, "stdout", _FullDisk())
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "cannot write the report to standard output" in err and "internal" not in err
    if Path("/dev/full").exists():
        monkeypatch.undo()
        assert main([*args, "-o", "/dev/full"]) == 2
        assert Path("/dev/full").exists()  # a device is never removed


def test_internal_error_has_its_own_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import oneroster_identity.cli as cli

    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("secret@example.org")

    monkeypatch.setattr(cli, "match", boom)
    assert main(["check", "--sample", "-q"]) == EXIT_INTERNAL
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError" in err and "secret@" not in err
    assert main(["--debug", "check", "--sample", "-q"]) == EXIT_INTERNAL
    assert "Traceback" in capsys.readouterr().err


def test_redaction_covers_message_texts(tmp_path: Path) -> None:
    import io

    roster = read_rest_users(
        _users(
            _parent("a", "Ruth", "Okafor", "ruth.okafor@gmial.com"),
            _parent("b", "Ann", "Ng", "ann@averyunusualdomain"),
        )
    )
    out = io.StringIO()
    write_json(match(roster), out, source="t", version="1.1", redact=True)
    text = out.getvalue()
    for secret in ("gmial", "ruth.okafor", "averyunusualdomain", "ann@"):
        assert secret not in text, secret


def test_redacting_names_hides_every_name_and_keeps_sourced_ids() -> None:
    import io as _io

    from oneroster_identity.report import Redaction, write_csv_fixes, write_html, write_text
    from oneroster_identity.synthetic import generate_roster

    roster = generate_roster(households=60, seed=4, plant_share=0.5).roster
    result = match(roster)
    redact = Redaction(contacts=True, names=True)
    outputs = []
    for writer in (write_json, write_text, write_html):
        out = _io.StringIO()
        writer(result, out, source="t", redact=redact)  # type: ignore[operator]
        outputs.append(out.getvalue())
    out = _io.StringIO()
    write_csv_fixes(result, out, redact=redact)
    outputs.append(out.getvalue())
    text = "\n".join(outputs)
    names = {u.given_name for u in roster.users} | {u.family_name for u in roster.users}
    leaked = sorted(n for n in names if len(n) >= 3 and n in text)
    assert leaked == []
    assert all(u.sourced_id in outputs[0] for u in roster.users)
