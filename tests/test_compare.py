"""Comparing two snapshots: planted splits, merges, new and resolved near-misses."""

from __future__ import annotations

import io
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneroster_identity import write_csv_roster
from oneroster_identity.cli import main
from oneroster_identity.compare import Snapshot, compare
from oneroster_identity.match import NearMissKind, match
from oneroster_identity.models import Role, RoleAssignment, Roster, User
from oneroster_identity.report import Redaction, write_json, write_text
from oneroster_identity.synthetic import generate_roster

ATTR = {"givenName": "given_name", "familyName": "family_name", "email": "email", "sms": "sms"}


def _night() -> tuple[Roster, Roster, dict[str, object]]:
    """OLD, NEW and what was planted between them."""
    old = generate_roster(households=150, seed=21, plant_share=0.5).roster
    result = match(old)
    users = {u.sourced_id: u for u in old.users}
    merged = next(p for p in result.persons if len(p.sourced_ids) == 2 and not p.fragile)
    # a split: one record of a merged person gets tonight's new email
    victim = merged.sourced_ids[1]
    users[victim] = attrs.evolve(users[victim], email="brand.new.address@gmail.com")
    # a merge: a near-miss whose fixes the SIS team applied (and no choices left)
    fixed = next(
        n
        for n in result.near_misses
        if n.kind is NearMissKind.LIKELY_SAME
        and n.fixes
        and not n.choices
        and not set(n.sourced_ids) & set(merged.sourced_ids)
    )
    for fix in fixed.fixes:
        users[fix.sourced_id] = attrs.evolve(
            users[fix.sourced_id], **{ATTR[fix.field]: fix.suggested}
        )
    # a new near-miss: a coach typed in with a nickname of an existing guardian
    guardian = next(
        u
        for u in old.users
        if u.primary_family.value == "guardian"
        and u.given_name == "Robert"
        and u.sourced_id not in merged.sourced_ids + fixed.sourced_ids
    )
    users["coach-1"] = User(
        sourced_id="coach-1",
        given_name="Bob",
        family_name=guardian.family_name,
        email=guardian.email,
        sms=guardian.sms,
        roles=(RoleAssignment(role=Role.AIDE, role_raw="aide", org_sourced_id="sch-elm"),),
    )
    new = Roster(users=list(users.values()), orgs=old.orgs, version=old.version)
    return (
        old,
        new,
        {"split": merged.sourced_ids, "fixed": fixed, "coach": ("coach-1", guardian.sourced_id)},
    )


def _check(comparison: object, planted: dict[str, object]) -> None:
    c = comparison
    assert [s.sourced_ids for s in c.splits] == [planted["split"]]  # type: ignore[attr-defined]
    fixed = planted["fixed"]
    assert fixed.id in {n.id for n in c.near_misses_resolved}  # type: ignore[attr-defined]
    assert any(set(fixed.sourced_ids) <= set(m.sourced_ids) for m in c.merges)  # type: ignore[attr-defined]
    assert any(set(planted["coach"]) <= set(n.sourced_ids) for n in c.near_misses_new)  # type: ignore[attr-defined, arg-type]
    assert c.needs_action  # type: ignore[attr-defined]


def test_compare_rosters_finds_what_was_planted() -> None:
    old, new, planted = _night()
    comparison = compare(match(old), match(new))
    _check(comparison, planted)
    (split,) = comparison.splits
    assert [(ch.sourced_id, ch.field, ch.new) for ch in split.changes] == [
        (planted["split"][1], "email", "brand.new.address@gmail.com")  # type: ignore[index]
    ]
    assert any(cc.field == "email" for cc in comparison.contact_changes)
    assert comparison.accounts_after != comparison.accounts_before
    assert not compare(match(old), match(old)).needs_action


def test_compare_against_last_nights_saved_report(tmp_path: Path) -> None:
    old, new, planted = _night()
    for redact in (False, Redaction()):
        out = io.StringIO()
        write_json(match(old), out, source="last night", redact=redact)
        snapshot = Snapshot.from_report(json.loads(out.getvalue()))
        comparison = compare(snapshot, match(new))
        _check(comparison, planted)
        assert comparison.contacts_comparable is (not redact)
        if redact:
            assert comparison.contact_changes == ()


def test_cli_compare_exit_codes_and_json(tmp_path: Path) -> None:
    old, new, _ = _night()
    write_csv_roster(old, tmp_path / "old")
    write_csv_roster(new, tmp_path / "new")
    assert (
        main(
            [
                "check",
                str(tmp_path / "old"),
                "--format",
                "json",
                "-o",
                str(tmp_path / "old.json"),
                "-q",
            ]
        )
        == 1
    )
    assert (
        main(
            [
                "compare",
                str(tmp_path / "old.json"),
                str(tmp_path / "new"),
                "--format",
                "json",
                "-o",
                str(tmp_path / "c.json"),
            ]
        )
        == 1
    )
    data = json.loads((tmp_path / "c.json").read_text())
    assert data["schema_version"] == "1.5" and data["summary"]["splits"] == 1
    assert data["summary"]["settings_changed"] == []  # one policy, one version
    assert (
        main(
            [
                "compare",
                str(tmp_path / "old"),
                str(tmp_path / "old"),
                "-o",
                str(tmp_path / "same.txt"),
            ]
        )
        == 0
    )
    assert main(["compare", str(tmp_path / "nowhere"), str(tmp_path / "old")]) == 2


def test_verdict_blocks_on_split_people_and_warns_on_shared_contacts() -> None:
    from oneroster_identity import Policy, read_rest_users, verdict

    household = {
        "users": [
            {
                "sourcedId": "g1",
                "role": "parent",
                "givenName": "Ana",
                "familyName": "Diaz",
                "email": "diaz@gmail.com",
            },
            {
                "sourcedId": "g2",
                "role": "parent",
                "givenName": "Luis",
                "familyName": "Diaz",
                "email": "diaz@gmail.com",
            },
            {
                "sourcedId": "s1",
                "role": "student",
                "givenName": "Eva",
                "familyName": "Diaz",
                "agents": [{"sourcedId": "g1"}, {"sourcedId": "g2"}],
            },
        ]
    }
    roster = read_rest_users(household)
    allowed = verdict(match(roster))
    assert allowed.status == "warnings" and allowed.may_sync
    assert any("shared" in line for line in allowed.warnings)
    strict = verdict(match(roster, Policy(shared_credentials="unique-required")))
    assert strict.status == "blocked" and not strict.may_sync


def test_fail_on_blocking_lets_warnings_pass(tmp_path: Path) -> None:
    (tmp_path / "users.csv").write_text(
        "sourcedId,role,givenName,familyName,email,agentSourcedIds\n"
        "g1,parent,Ana,Diaz,diaz@gmail.com,s1\n"
        "g2,parent,Luis,Diaz,diaz@gmail.com,s1\n"
        "s1,student,Eva,Diaz,,\n"
    )
    out = str(tmp_path / "r.txt")
    assert main(["check", str(tmp_path / "users.csv"), "-q", "-o", out]) == 1
    assert (
        main(["check", str(tmp_path / "users.csv"), "-q", "-o", out, "--fail-on", "blocking"]) == 0
    )
    assert "Verdict: WARNINGS" in Path(out).read_text()


def test_every_comparison_format(tmp_path: Path) -> None:
    import csv as _csv
    from importlib.resources import files

    import jsonschema

    from oneroster_identity.compare import (
        write_comparison_csv,
        write_comparison_html,
        write_comparison_json,
    )

    old, new, _ = _night()
    comparison = compare(match(old), match(new))
    out = io.StringIO()
    write_comparison_json(comparison, out, old="a", new="b")
    schema = json.loads(
        files("oneroster_identity.data").joinpath("compare.schema.json").read_text()
    )
    docs = Path(__file__).resolve().parents[1] / "docs" / "compare.schema.json"
    assert json.loads(docs.read_text()) == schema
    jsonschema.validate(json.loads(out.getvalue()), schema)
    table = io.StringIO()
    rows = write_comparison_csv(comparison, table)
    parsed = list(_csv.DictReader(io.StringIO(table.getvalue())))
    assert len(parsed) == rows and {r["change"] for r in parsed} >= {
        "split",
        "merge",
        "near-miss-new",
    }
    page = io.StringIO()
    write_comparison_html(comparison, page, old="a", new="b")
    assert "id='changes'" in page.getvalue() and "http" not in page.getvalue().split("<body>")[1]


def test_a_redacted_report_with_a_hash_key_still_shows_contact_changes() -> None:
    old, new, _ = _night()
    out = io.StringIO()
    write_json(match(old), out, source="last night", redact=Redaction(hash_key=b"district secret"))
    text = out.getvalue()
    assert "contact_hashes" in text
    assert not [u.email for u in old.users if u.email and "@" in u.email and u.email in text]
    snapshot = Snapshot.from_report(json.loads(text))
    assert snapshot.hashed
    keyed = compare(snapshot, match(new), hash_key=b"district secret")
    assert keyed.contacts_comparable and any(c.field == "email" for c in keyed.contact_changes)
    values = [v for c in keyed.contact_changes for v in (c.old, c.new)]
    assert values and all(v == "" or v.startswith("h:") for v in values)
    unkeyed = compare(snapshot, match(new))
    assert not unkeyed.contacts_comparable and unkeyed.contact_changes == ()
    wrong = compare(snapshot, match(new), hash_key=b"another key")
    assert len(wrong.contact_changes) > len(keyed.contact_changes)  # every value differs


def test_a_report_file_is_streamed_like_the_whole_document(tmp_path: Path) -> None:
    old, _, _ = _night()
    path = tmp_path / "last.json"
    with path.open("w", encoding="utf-8") as out:
        write_json(match(old), out, source="last night")
    streamed = Snapshot.from_report(path)
    whole = Snapshot.from_report(json.loads(path.read_text()))
    assert streamed == whole
    assert streamed.persons and streamed.records and streamed.near_misses


def test_old_checked_in_a_second_process_gives_the_same_comparison(tmp_path: Path) -> None:
    """``compare --jobs 2`` checks OLD in a worker process: the snapshots travel as
    columns of strings and must come back equal to the ones checked here."""
    from oneroster_identity.compare import load_snapshot, load_snapshots
    from oneroster_identity.errors import RosterReadError

    old, new, planted = _night()
    write_csv_roster(old, tmp_path / "old")
    write_csv_roster(new, tmp_path / "new")
    sequential = load_snapshots(tmp_path / "old", tmp_path / "new")
    parallel = load_snapshots(tmp_path / "old", tmp_path / "new", jobs=2)
    assert parallel == sequential
    assert sequential[0] == load_snapshot(tmp_path / "old")
    _check(compare(*parallel), planted)
    for missing in (("nowhere", "new"), ("old", "nowhere"), ("nowhere", "nowhere2")):
        with pytest.raises(RosterReadError) as info:  # raised in the worker or here
            load_snapshots(*(tmp_path / m for m in missing), jobs=2)
        assert info.value.diagnostic.code == "missing-file"
        assert info.value.diagnostic.location.file == str(tmp_path / "nowhere")
    out = tmp_path / "c.json"
    argv = ["compare", str(tmp_path / "old"), str(tmp_path / "new"), "--format", "json"]
    assert main([*argv, "-o", str(out), "--jobs", "2"]) == 1
    two = out.read_text()
    assert main([*argv, "-o", str(out)]) == 1
    assert out.read_text() == two


def test_compare_jobs_below_one_is_refused_and_above_two_said_to_run_as_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--jobs 0`` or ``-1`` was taken silently (``check-many`` refuses them), and
    ``--jobs 3`` ran as 2 without a word."""
    sample = str(Path(__file__).parents[1] / "src/oneroster_identity/data/sample")
    argv = ["compare", sample, sample, "--format", "json", "-o", str(tmp_path / "c.json")]
    for jobs in ("0", "-1"):
        assert main([*argv, "--jobs", jobs]) == 2
        assert "--jobs must be at least 1" in capsys.readouterr().err
    code = main([*argv, "--jobs", "3"])
    assert "--jobs 3 runs as --jobs 2" in capsys.readouterr().err
    three = (tmp_path / "c.json").read_text()
    assert main([*argv, "--jobs", "2"]) == code
    assert (tmp_path / "c.json").read_text() == three
    assert "runs as" not in capsys.readouterr().err


def _reference(a: Snapshot, b: Snapshot) -> tuple[list[object], list[object], list[object]]:
    """Splits, merges and contact changes the plain way: every record indexed."""
    in_new = {sid: p for p in b.persons for sid in p}
    in_old = {sid: p for p in a.persons for sid in p}
    splits = [
        (p, tuple(into))
        for p in a.persons
        if len(into := sorted({in_new[s] for s in p if s in in_new})) > 1
    ]
    merges = [
        (p, tuple(came))
        for p in b.persons
        if len(came := sorted({in_old[s] for s in p if s in in_old})) > 1
    ]
    contact = [
        (sid, field, getattr(a.records[sid], field), getattr(b.records[sid], field))
        for sid in sorted(set(a.records) & set(b.records))
        for field in ("email", "sms")
        if getattr(a.records[sid], field) != getattr(b.records[sid], field)
    ]
    return sorted(splits), sorted(merges), contact


def _partition(ids: list[str], cuts: list[bool]) -> tuple[tuple[str, ...], ...]:
    persons: list[list[str]] = []
    for sid, cut in zip(ids, cuts, strict=False):
        if cut or not persons:
            persons.append([sid])
        else:
            persons[-1].append(sid)
    return tuple(tuple(sorted(p)) for p in persons)


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(1, 14),
    data=st.data(),
    redacted=st.booleans(),
)
def test_compare_equals_indexing_every_record(n: int, data: st.DataObject, redacted: bool) -> None:
    """Property: looking up the other side only for persons of two or more records, and
    sorting only the contact changes, gives what indexing every record gives, for any
    partition of records into persons, records added or removed, and redacted reports
    (no record values)."""
    from oneroster_identity.compare._snapshot import RecordValues

    ids = [f"r{i:02d}" for i in range(n)]
    order_a = data.draw(st.permutations(ids))
    order_b = data.draw(st.permutations(ids))
    gone = set(data.draw(st.lists(st.sampled_from(ids), max_size=3)))
    cuts = st.lists(st.booleans(), min_size=n, max_size=n)
    persons_a = _partition(order_a, data.draw(cuts))
    persons_b = _partition([i for i in order_b if i not in gone], data.draw(cuts))
    value = st.sampled_from(["", "x@a.org", "y@a.org"])

    def records(persons: tuple[tuple[str, ...], ...]) -> dict[str, RecordValues]:
        return {
            sid: RecordValues(given="G", family="F", email=data.draw(value), sms=data.draw(value))
            for p in persons
            for sid in p
        }

    a = Snapshot(
        persons=tuple(sorted(persons_a)),
        records={} if redacted else records(persons_a),
        near_misses=(),
        accounts_created=len(persons_a),
        redacted=redacted,
    )
    b = Snapshot(
        persons=tuple(sorted(persons_b)),
        records=records(persons_b),
        near_misses=(),
        accounts_created=len(persons_b),
    )
    got = compare(a, b)
    splits, merges, contact = _reference(a, b)
    assert [(s.sourced_ids, s.into) for s in got.splits] == splits
    assert [(m.sourced_ids, m.from_persons) for m in got.merges] == merges
    assert [(c.sourced_id, c.field, c.old, c.new) for c in got.contact_changes] == (
        [] if redacted else contact
    )


@pytest.mark.parametrize("seed", [None, 3, 11])
def test_a_check_compared_with_its_own_saved_report_changes_nothing(seed: int | None) -> None:
    """The nightly path with nothing changed: last night's saved report against the same
    roster. A saved report gives an unusable contact (invalid, a placeholder) as "" on
    its person, so tonight's snapshot reads each record that way too (and a person whose
    records write a field differently keeps each record's own, as the report's fragile
    entries do). Before, the sample showed 16 contact changes ('' -> '123-45') and a
    generated 100k roster 93, every night, for values nobody had touched."""
    from oneroster_identity import read_sample

    roster = (
        read_sample()
        if seed is None
        else generate_roster(households=300, seed=seed, plant_share=0.6).roster
    )
    result = match(roster)
    for redact in (False, Redaction(hash_key=b"district secret")):
        out = io.StringIO()
        write_json(result, out, source="last night", redact=redact)
        saved = Snapshot.from_report(json.loads(out.getvalue()))
        key = b"district secret" if redact else None
        comparison = compare(saved, result, hash_key=key)
        assert comparison.contacts_comparable
        assert comparison.contact_changes == ()
        assert not comparison.needs_action
    tonight = Snapshot.from_result(result)
    saved = Snapshot.from_report(json.loads(_report(result)))
    assert {sid: (r.email, r.sms) for sid, r in saved.records.items()} == {
        sid: (r.email, r.sms) for sid, r in tonight.records.items()
    }


def _report(result: object) -> str:
    out = io.StringIO()
    write_json(result, out, source="last night")  # type: ignore[arg-type]
    return out.getvalue()


def test_a_comparison_says_when_the_checks_ran_under_other_settings_or_versions(
    tmp_path: Path,
) -> None:
    """Last night's report written under another placeholder list (or by another version
    of the library): the changes it shows may come from that, and every format says so
    (session 41; before, nothing told them from the roster's own changes)."""
    from oneroster_identity import Policy, read_sample
    from oneroster_identity.compare import (
        write_comparison_csv,
        write_comparison_html,
        write_comparison_json,
        write_comparison_text,
    )

    roster = read_sample()
    tonight = match(roster)
    same = compare(Snapshot.from_report(json.loads(_report(tonight))), tonight)
    assert same.settings_changed == () and not same.versions_differ and same.caveat == ""
    assert same.versions[0] == same.versions[1] != ""

    other = Policy(placeholder_values=("n/a",), district_domains=("elsewhere.example.org",))
    saved = json.loads(_report(match(roster, other)))
    saved["generator"]["version"] = "0.0.9"
    comparison = compare(Snapshot.from_report(saved), tonight)
    assert comparison.settings_changed == ("district_domains", "placeholder_values")
    assert comparison.versions == ("0.0.9", same.versions[1]) and comparison.versions_differ
    assert "district_domains, placeholder_values" in comparison.caveat
    assert "0.0.9" in comparison.caveat

    text = io.StringIO()
    write_comparison_text(comparison, text, old="a", new="b")
    assert f"note: {comparison.caveat}" in text.getvalue()
    document = io.StringIO()
    write_comparison_json(comparison, document, old="a", new="b")
    summary = json.loads(document.getvalue())["summary"]
    assert summary["settings_changed"] == ["district_domains", "placeholder_values"]
    assert summary["versions"] == ["0.0.9", same.versions[1]]
    table = io.StringIO()
    write_comparison_csv(comparison, table)
    first = table.getvalue().splitlines()[1:4]
    assert [row.split(",")[0] for row in first] == [
        "settings-changed",
        "settings-changed",
        "versions-differ",
    ]
    page = io.StringIO()
    write_comparison_html(comparison, page, old="a", new="b")
    assert "district_domains, placeholder_values" in page.getvalue()

    # a report written without settings or a version (an older one) says nothing of them
    del saved["policy"], saved["generator"]
    quiet = compare(Snapshot.from_report(saved), tonight)
    assert quiet.settings_changed == () and quiet.versions == ("", same.versions[1])
    assert quiet.caveat == ""


def test_a_report_of_another_schema_version_is_another_version_of_the_library(
    tmp_path: Path,
) -> None:
    """Last night's report of the previous report schema, its library version the same
    number (the version did not follow every change): the rules that read it may differ,
    and the caveat says so, from a report read whole or streamed from its file (since
    session 56; before, nothing was said)."""
    from oneroster_identity import read_sample
    from oneroster_identity.compare import write_comparison_csv
    from oneroster_identity.report import SCHEMA_VERSION

    tonight = match(read_sample())
    text = _report(tonight)
    older = f'"schema_version": "{SCHEMA_VERSION}"'
    assert text.count(older) == 1
    path = tmp_path / "last-night.json"  # streamed line by line, as the report writes it
    path.write_text(text.replace(older, '"schema_version": "1.11"'), encoding="utf-8")
    saved = json.loads(text)
    saved["schema_version"] = "1.11"
    for comparison in (
        compare(Snapshot.from_report(saved), tonight),
        compare(Snapshot.from_report(path), tonight),
    ):
        assert comparison.versions[0] == comparison.versions[1]
        assert comparison.report_schemas == ("1.11", SCHEMA_VERSION)
        assert comparison.versions_differ
        assert (
            f"other versions of oneroster-identity (report schema 1.11 and report schema "
            f"{SCHEMA_VERSION})" in comparison.caveat
        )
        assert comparison.summary()["report_schemas"] == ["1.11", SCHEMA_VERSION]
        table = io.StringIO()
        write_comparison_csv(comparison, table)
        (row,) = [r for r in table.getvalue().splitlines() if r.startswith("versions-differ")]
        assert ",report schema 1.11,report schema " in row
    same = compare(Snapshot.from_report(json.loads(_report(tonight))), tonight)
    assert not same.versions_differ and same.caveat == ""


def test_a_streamed_report_file_carries_its_settings_and_version(tmp_path: Path) -> None:
    from oneroster_identity import read_sample

    result = match(read_sample())
    path = tmp_path / "last-night.json"
    path.write_text(_report(result), encoding="utf-8")
    streamed = Snapshot.from_report(path)
    assert streamed.settings == result.policy.to_dict()
    assert streamed.made_by == Snapshot.from_result(result).made_by != ""


def _tonight_from_sample(tmp_path: Path) -> tuple[Path, Path]:
    """The bundled sample's folder and a copy of it as tonight's export, to break."""
    sample = Path(__file__).resolve().parents[1] / "src" / "oneroster_identity" / "data" / "sample"
    tonight = tmp_path / "tonight"
    tonight.mkdir()
    for f in sample.iterdir():
        (tonight / f.name).write_bytes(f.read_bytes())
    return sample, tonight


def _saved_report(roster: Path, path: Path) -> Path:
    """The JSON report of a check of ``roster``, saved at ``path``."""
    from oneroster_identity import read_roster

    with path.open("w", encoding="utf-8") as out:
        write_json(match(read_roster(roster)), out)
    return path


def test_rows_the_new_export_lost_are_said_and_need_action(tmp_path: Path) -> None:
    """Since session 53: tonight's users.csv with rows the reader rejects (a sourcedId
    blanked, one taken twice) read as accounts gone, with nothing saying the export was
    broken. The comparison now names the rejected rows and errors of each side, says the
    changes may come from the export, and needs action, from a roster or a saved report
    alike."""
    sample, broken = _tonight_from_sample(tmp_path)
    lines = (broken / "users.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = "," + lines[1].split(",", 1)[1]  # a sourcedId blanked
    lines[2] = lines[3]  # one row twice
    (broken / "users.csv").write_text("".join(lines), encoding="utf-8")
    from oneroster_identity.compare import load_snapshots

    old, new = load_snapshots(sample, broken)
    comparison = compare(old, new)
    assert comparison.records_rejected == (0, 2)
    # (the row written twice, word for word, is a warning since session 54: the blanked
    # sourcedId is the error; both rows are rejected, one of them lost nothing)
    assert comparison.records_repeated == (0, 1)
    assert comparison.read_errors[0] == 0 and comparison.read_errors[1] >= 1
    assert comparison.needs_action
    assert (
        "the new roster was read with 1 row(s) rejected (besides 1 repeating an earlier row, nothing lost)"
        in comparison.caveat
    )
    assert comparison.summary()["records_rejected"] == [0, 2]
    assert comparison.summary()["records_repeated"] == [0, 1]
    from oneroster_identity.compare import write_comparison_csv

    table = io.StringIO()
    write_comparison_csv(comparison, table)
    assert "read-problems,,,records_rejected,0,2," in table.getvalue()
    # the same from tonight's saved report
    report = _saved_report(broken, tmp_path / "tonight.json")
    saved = compare(old, Snapshot.from_report(report))
    assert (saved.records_rejected, saved.records_repeated, saved.read_errors) == (
        comparison.records_rejected,
        comparison.records_repeated,
        comparison.read_errors,
    )
    # a night read as cleanly as the last says nothing of reading
    assert "rejected" not in compare(old, old).caveat
    assert not compare(new, new).needs_action
    assert "the old roster was read with" in compare(new, new).caveat


def test_rows_repeated_word_for_word_lose_nothing_and_need_no_action(tmp_path: Path) -> None:
    """Since session 55: tonight's export joins two schools' files, a guardian of children
    at both written twice word for word. Nothing of the user is lost (a warning since
    session 54), yet the comparison counted the repeat as a rejected row and needed
    action. It is counted apart, says nothing of rows lost, and needs no action; a row
    lost beside it still does."""
    from oneroster_identity.compare import load_snapshots, write_comparison_csv

    sample, tonight = _tonight_from_sample(tmp_path)
    lines = (tonight / "users.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (tonight / "users.csv").write_text("".join([*lines, lines[3], lines[5]]), encoding="utf-8")
    old, new = load_snapshots(sample, tonight)
    comparison = compare(old, new)
    assert comparison.records_rejected == (0, 2)
    assert comparison.records_repeated == (0, 2)
    assert comparison.records_lost == (0, 0)
    assert not comparison.needs_action
    assert "rejected" not in comparison.caveat
    table = io.StringIO()
    write_comparison_csv(comparison, table)
    assert "read-problems,,,records_repeated,0,2," in table.getvalue()
    report = _saved_report(tonight, tmp_path / "tonight.json")
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["records_repeated"] == 2
    text = io.StringIO()
    from oneroster_identity import read_roster

    write_text(match(read_roster(tonight)), text)
    assert "rejected 2, of them 2 repeating an earlier row, nothing lost)" in text.getvalue()
    assert not compare(old, Snapshot.from_report(report)).needs_action
    # one row lost beside them needs action, and the note counts it alone
    lines[1] = "," + lines[1].split(",", 1)[1]
    (tonight / "users.csv").write_text("".join([*lines, lines[3], lines[5]]), encoding="utf-8")
    lost = compare(old, load_snapshots(sample, tonight)[1])
    assert lost.needs_action
    assert "1 row(s) rejected (besides 2 repeating an earlier row, nothing lost)" in lost.caveat


def test_a_page_the_export_failed_to_fetch_is_a_reading_error_that_needs_action(
    tmp_path: Path,
) -> None:
    """Since session 54: a REST export whose script saved the server's error body where
    a page of users belongs (a token that expired halfway through) lost that page's
    users; the comparison counts the body as a reading error and needs action, and a
    night whose file is only the error body is refused (exit 2), not compared against an
    empty roster."""
    from oneroster_identity import read_sample
    from oneroster_identity.compare import load_snapshots
    from oneroster_identity.io import write_rest_roster

    last = tmp_path / "last.json"
    write_rest_roster(read_sample(), last, page_size=50)
    pages = json.loads(last.read_text(encoding="utf-8"))
    lost = len(pages[1]["users"])
    pages[1] = {"imsx_codeMajor": "failure", "imsx_severity": "error"}
    tonight = tmp_path / "tonight.json"
    tonight.write_text(json.dumps(pages), encoding="utf-8")
    old, new = load_snapshots(last, tonight)
    comparison = compare(old, new)
    assert comparison.read_errors == (0, 1) and comparison.records_rejected == (0, 0)
    assert comparison.needs_action and "reading error" in comparison.caveat
    assert len(new.records) == len(old.records) - lost
    only_error = tmp_path / "error.json"
    only_error.write_text(json.dumps(pages[1]), encoding="utf-8")
    assert main(["compare", str(last), str(only_error)]) == 2
