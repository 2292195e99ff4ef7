"""Reviewed decisions: reading them, setting items aside, and every way one does not apply."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import user

from oneroster_identity import (
    Decision,
    DecisionsError,
    Review,
    Roster,
    apply_decisions,
    read_decisions,
    read_sample,
    verdict,
    write_csv_roster,
)
from oneroster_identity.cli import main
from oneroster_identity.match import MatchResult, NearMissKind, match
from oneroster_identity.report import write_html, write_json, write_text

SCHEMA = Path(__file__).parents[1] / "src/oneroster_identity/data/report.schema.json"


def _roster() -> Roster:
    """Two guardians of one child, `María` and `Maria`, on one email and phone (a
    likely-same item), a family address of two parents (a shared contact) and a guardian
    linked to no student (a warning finding)."""
    return Roster(
        users=[
            user("g1", "parent", "Mar\u00eda", "Soto", "soto@gmail.com", "617-535-2201"),
            user("g2", "guardian", "Maria", "Soto", "soto@gmail.com", "617-535-2201"),
            user("s1", "student", "Elena", "Soto", agent_sourced_ids=("g1", "g2")),
            user("p1", "parent", "Wei", "Chen", "chen@gmail.com", "617-535-2211"),
            user("p2", "parent", "Lan", "Chen", "chen@gmail.com", "617-535-2212"),
            user("s2", "student", "Ming", "Chen", agent_sourced_ids=("p1", "p2")),
            user("o1", "guardian", "Omar", "Haddad", "omar@gmail.com", "617-535-2221"),
        ]
    )


def _items(result: MatchResult) -> tuple[str, str]:
    likely = next(n.id for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME)
    shared = next(n.id for n in result.near_misses if n.kind is NearMissKind.SHARED_CONTACT)
    return likely, shared


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "decisions.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_decisions_set_items_aside_and_the_verdict_follows(tmp_path: Path) -> None:
    result = match(_roster())
    likely, shared = _items(result)
    assert verdict(result).status == "blocked"
    path = _write(
        tmp_path,
        "\ufeffitem_id,decision,sourced_id,field,note\n"
        f"{likely},two-people,,,mother and grandmother (called 2026-11-30)\n"
        f"{likely},two-people,,,\n"  # the fix list has a row per fix: repeated, once
        f"{shared},intended,,,\n"
        "finding:guardian-without-student,intended,o1,,\n"
        f"{likely},,,,\n",  # not decided yet
    )
    decisions = read_decisions(path)
    assert [(d.item, d.review, d.where) for d in decisions] == [
        (likely, Review.TWO_PEOPLE, "decisions.csv:2"),
        (shared, Review.INTENDED, "decisions.csv:4"),
        ("finding:guardian-without-student", Review.INTENDED, "decisions.csv:5"),
    ]
    reviewed = apply_decisions(result, decisions)
    assert reviewed.near_misses == tuple(
        n for n in result.near_misses if n.id not in (likely, shared)
    )
    assert "guardian-without-student" not in {f.code for f in reviewed.findings}
    assert [(a.item, a.kind, a.sourced_ids) for a in reviewed.set_aside] == sorted(
        [
            (likely, "likely-same-person", ("g1", "g2")),
            (shared, "shared-contact", ("p1", "p2")),
            ("finding:guardian-without-student", "finding", ("o1",)),
        ]
    )
    assert reviewed.summary()["set_aside"] == 3
    assert verdict(reviewed).status == "ok" and reviewed.persons == result.persons
    again = apply_decisions(reviewed, decisions)  # applied twice: the same
    assert (again.near_misses, again.findings, again.set_aside) == (
        reviewed.near_misses,
        reviewed.findings,
        reviewed.set_aside,
    )
    assert apply_decisions(result, ()) is result


def test_a_decision_that_no_longer_matches_or_does_not_apply_is_reported() -> None:
    result = match(_roster())
    _, shared = _items(result)
    decisions = [
        Decision(item="NM-0000000000", review=Review.INTENDED, where="d.csv:2"),
        Decision(item=shared, review=Review.TWO_PEOPLE, where="d.csv:3"),
        Decision(item="finding:no-such-code", review=Review.INTENDED, where="d.csv:4"),
        Decision(item="finding:guardian-without-student", review=Review.TWO_PEOPLE),
    ]
    reviewed = apply_decisions(result, decisions)
    assert reviewed.set_aside == () and reviewed.near_misses == result.near_misses
    notes = [(f.code, f.value) for f in reviewed.findings if f.code.startswith("decision-")]
    assert sorted(notes) == sorted(
        [
            ("decision-does-not-apply", shared),
            ("decision-does-not-apply", "finding:guardian-without-student"),
            ("decision-matches-nothing", "NM-0000000000"),
            ("decision-matches-nothing", "finding:no-such-code"),
        ]
    )
    again = apply_decisions(reviewed, decisions)  # applied twice: said once
    assert again.findings == reviewed.findings
    said = {f.value: f.message for f in reviewed.findings if f.code.startswith("decision-")}
    assert "d.csv:2" in said["NM-0000000000"] and "review the item again" in said["NM-0000000000"]
    assert "already different people" in said[shared]


def test_an_error_is_never_set_aside() -> None:
    roster = Roster(users=[user("g1", "parent", "Ana", "Diaz", "ana@gmail.com", "603-111-2368")])
    result = match(roster)
    assert "invalid-phone" in {f.code for f in result.findings}
    reviewed = apply_decisions(
        result, [Decision(item="finding:invalid-phone", review=Review.INTENDED)]
    )
    assert "invalid-phone" in {f.code for f in reviewed.findings}
    (note,) = [f for f in reviewed.findings if f.code == "decision-does-not-apply"]
    assert "cannot be set aside" in note.message


def test_a_finding_decision_without_a_record_covers_every_record() -> None:
    roster = Roster(
        users=[
            user("o1", "guardian", "Omar", "Haddad", "omar@gmail.com", "617-535-2221"),
            user("o2", "guardian", "Lina", "Haddad", "lina@gmail.com", "617-535-2222"),
        ]
    )
    result = match(roster)
    reviewed = apply_decisions(
        result, [Decision(item="finding:guardian-without-student", review=Review.INTENDED)]
    )
    assert [a.sourced_ids for a in reviewed.set_aside] == [("o1",), ("o2",)]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("item,note\nNM-1,x\n", "decisions.csv:1.decision"),
        ("item,decision\nNM-1,maybe\n", "decisions.csv:2.decision"),
        ("item,decision\nP-1234,intended\n", "decisions.csv:2.item"),
        ("item,decision\naccount:A1001,intended\n", "decisions.csv:2.item"),
        ("item,decision\nNM-1,intended\nNM-1,two-people\n", "decisions.csv:3.decision"),
        ("", "decisions.csv:1"),
    ],
)
def test_an_unusable_decisions_file_is_one_located_error(
    tmp_path: Path, text: str, where: str
) -> None:
    with pytest.raises(DecisionsError) as raised:
        read_decisions(_write(tmp_path, text))
    assert raised.value.diagnostic.location.format().endswith(where)
    with pytest.raises(DecisionsError, match="cannot read"):
        read_decisions(tmp_path / "missing.csv")
    broken = tmp_path / "broken.csv"  # 0x81 is neither UTF-8 nor Windows-1252
    broken.write_bytes(b"item,decision,note\nNM-1,intended,Jos\x81\n")
    with pytest.raises(DecisionsError, match=r"not utf-8 text .* save the file as UTF-8"):
        read_decisions(broken)


@pytest.mark.parametrize(
    ("text", "where", "lost"),
    [
        ('item,decision,note\nNM-1,intended,"called mom\nNM-2,two-people,aunt\n', "2.note", 1),
        (
            'item,decision,note\nNM-1,intended,"called\nNM-2,two-people,\nfinding:x,intended,"\n',
            "2.note",
            2,
        ),
        ('item;decision;note\nNM-1;intended;"x\nNM-2;intended;y\n', "2.note", 1),
    ],
)
def test_a_quote_left_open_is_an_error_not_lost_decisions(
    tmp_path: Path, text: str, where: str, lost: int
) -> None:
    """A note's quote opened and never closed read the rows after it into the note: the
    decisions on them were lost without a word (session 41)."""
    with pytest.raises(DecisionsError) as raised:
        read_decisions(_write(tmp_path, text))
    diagnostic = raised.value.diagnostic
    assert diagnostic.code == "unclosed-quote"
    assert diagnostic.location.format().endswith(where)
    assert f"{lost} decision row(s)" in diagnostic.message


def test_a_note_over_two_lines_is_read_and_later_rows_keep_their_lines(tmp_path: Path) -> None:
    text = (
        'item,decision,note\nNM-1,intended,"called mom,\nshe agreed"\n'
        'NM-2,two-people,"same as\nNM-1, an aunt"\nNM-3,intended,\n'
    )
    first, second, third = read_decisions(_write(tmp_path, text))
    assert first.note == "called mom,\nshe agreed"
    assert second.note == "same as\nNM-1, an aunt"  # a line of a note, not a row
    assert [d.where for d in (first, second, third)] == [
        "decisions.csv:2",
        "decisions.csv:4",
        "decisions.csv:6",
    ]


@pytest.mark.parametrize(
    ("data", "note"),
    [
        ("item,decision,note\nNM-1,intended,José\n".encode("cp1252"), "José"),
        ("\ufeffitem,decision,note\r\nNM-1,intended,José\r\n".encode(), "José"),
        ("item;decision;note\r\nNM-1;intended;José\r\n".encode(), "José"),
        ("item\tdecision\tnote\r\nNM-1\tintended\tJosé\r\n".encode("utf-16"), "José"),
        ("item,decision,note\r\nNM-1,intended,José\r\n".encode("utf-16-be"), "José"),
    ],
    ids=["windows-1252", "utf-8-bom", "semicolons", "utf-16-tabs", "utf-16-no-mark"],
)
def test_a_decisions_file_saved_back_by_a_spreadsheet_is_read(
    tmp_path: Path, data: bytes, note: str
) -> None:
    """Excel saves CSV as Windows-1252 ("CSV (Comma delimited)"), UTF-8 with a byte order
    mark ("CSV UTF-8"), with the locale's list separator (a semicolon in much of Europe and
    Latin America) or as tab-separated UTF-16 ("Unicode text"); a script may write UTF-16
    without a mark. Only a byte order mark was read before session 30; the rest were
    refused (UTF-16 without a mark until session 31)."""
    path = tmp_path / "decisions.csv"
    path.write_bytes(data)
    (decision,) = read_decisions(path)
    assert (decision.item, decision.review, decision.note) == ("NM-1", Review.INTENDED, note)


def test_reports_list_what_was_set_aside_and_redaction_drops_notes() -> None:
    result = match(_roster())
    likely, _ = _items(result)
    reviewed = apply_decisions(
        result,
        [Decision(item=likely, review=Review.TWO_PEOPLE, note="called Maria", where="d.csv:2")],
    )
    for redact in (False, True):
        out = io.StringIO()
        write_json(reviewed, out, source="t", redact=redact)
        doc = json.loads(out.getvalue())
        jsonschema.validate(doc, json.loads(SCHEMA.read_text()))
        (item,) = doc["set_aside"]
        assert (item["item"], item["decision"], item["where"]) == (likely, "two-people", "d.csv:2")
        assert item["note"] == ("" if redact else "called Maria")
        assert doc["summary"]["set_aside"] == 1
    text = io.StringIO()
    write_text(reviewed, text)
    assert f"{likely} (likely-same-person: g1, g2) two-people @ d.csv:2" in text.getvalue()
    page = io.StringIO()
    write_html(reviewed, page, redact=True)
    assert f"<tr><td>{likely}</td><td>likely-same-person</td><td>g1, g2</td>" in page.getvalue()
    assert "called Maria" not in page.getvalue()


@given(st.randoms(use_true_random=False))
@settings(max_examples=20, deadline=None)
def test_the_order_of_decisions_changes_nothing(rnd: random.Random) -> None:
    result = match(read_sample())
    decisions = [
        Decision(item=n.id, review=Review.INTENDED, where=f"d.csv:{i}")
        for i, n in enumerate(result.near_misses[::3])
    ] + [
        # decisions that match nothing or do not apply: their findings in one order too
        Decision(item="NM-0000000000", review=Review.INTENDED, where="d.csv:90"),
        Decision(item="NM-0000000001", review=Review.TWO_PEOPLE, where="d.csv:91"),
        Decision(item="finding:invalid-phone", review=Review.INTENDED, where="d.csv:92"),
    ]
    shuffled = list(decisions)
    rnd.shuffle(shuffled)
    a, b = apply_decisions(result, decisions), apply_decisions(result, shuffled)
    assert a.set_aside == b.set_aside and a.near_misses == b.near_misses
    assert a.findings == b.findings
    kept = {n.id for n in a.near_misses} | {s.item for s in a.set_aside}
    assert kept == {n.id for n in result.near_misses}  # every item once, kept or set aside


def test_cli_check_and_compare_take_decisions(tmp_path: Path) -> None:
    roster = _roster()
    write_csv_roster(roster, tmp_path / "r")
    likely, shared = _items(match(roster))
    path = _write(
        tmp_path,
        f"item,decision\n{likely},two-people\n{shared},intended\n"
        "finding:guardian-without-student,intended\n",
    )
    report = tmp_path / "report.json"
    args = ["check", str(tmp_path / "r"), "-q", "--format", "json", "-o", str(report)]
    assert main(args) == 1
    assert main([*args, "--decisions", str(path)]) == 0
    assert [a["item"] for a in json.loads(report.read_text())["set_aside"]] == sorted(
        [likely, shared, "finding:guardian-without-student"]
    )
    compared = tmp_path / "c.json"
    cmp = ["compare", str(tmp_path / "r"), str(tmp_path / "r"), "--format", "json"]
    assert main([*cmp, "-o", str(compared), "--decisions", str(path)]) == 0
    assert main([*args, "--decisions", str(tmp_path / "nowhere.csv")]) == 2
    bad = _write(tmp_path, "item,decision\nNM-1,maybe\n")
    assert main([*args, "--decisions", str(bad)]) == 2


def test_the_fix_list_filled_in_is_a_decisions_file(tmp_path: Path) -> None:
    """The CSV fix list carries empty ``decision`` and ``note`` columns: filled in on the
    rows of one item, it is the next check's decisions file."""
    import csv

    from oneroster_identity.report import write_csv_fixes

    result = match(read_sample())
    path = tmp_path / "fixes.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        write_csv_fixes(result, out)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert all(r["decision"] == r["note"] == "" for r in rows)
    likely = next(n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME and n.fixes)
    for r in rows:
        if r["item_id"] == likely.id:
            r["decision"], r["note"] = "two-people", "checked with the school"
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (decision,) = read_decisions(path)
    assert (decision.item, decision.review, decision.sourced_id) == (
        likely.id,
        Review.TWO_PEOPLE,
        "",
    )
    reviewed = apply_decisions(result, [decision])
    assert [a.item for a in reviewed.set_aside] == [likely.id]


@pytest.mark.parametrize("sid", ["-1042", "'1042"])
def test_a_sourced_id_the_fix_list_guards_as_a_formula_reads_back(tmp_path: Path, sid: str) -> None:
    """The fix list writes a cell that starts like a formula, or with an apostrophe (which
    a spreadsheet would hide), behind an apostrophe (a sourcedId ``-1042``); read back as
    a decision, the apostrophe is not part of it."""
    import csv

    from oneroster_identity.report import write_csv_fixes

    result = match(Roster(users=[user(sid, "parent", "Ana", "Diaz", "ana@gmial.com")]))
    path = tmp_path / "fixes.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        write_csv_fixes(result, out)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    (row,) = [r for r in rows if r["item_id"] == "finding:email-domain-typo"]
    assert row["sourced_id"] == "'" + sid
    row["decision"] = "intended"
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (decision,) = read_decisions(path)
    assert decision.sourced_id == sid
    reviewed = apply_decisions(result, [decision])
    assert [a.item for a in reviewed.set_aside] == ["finding:email-domain-typo"]
    assert "decision-matches-nothing" not in {f.code for f in reviewed.findings}


@pytest.mark.parametrize("mark", ["", "\ufeff"])
def test_two_filled_in_fix_lists_joined_are_read_as_one(tmp_path: Path, mark: str) -> None:
    """Since session 54: the header again mid-file (two reviewers' fix lists joined one
    after the other) was refused as "'decision' is not a decision"; it is no decision,
    and the rows after it are read (since session 55 also after a second file's byte
    order mark)."""
    header = "item_id,sourced_id,field,decision,note\n"
    path = tmp_path / "decisions.csv"
    path.write_text(
        header
        + "NM-0b959f0460,g1,email,intended,\n"
        + mark
        + header
        + "NM-3b999afd36,p1,,two-people,\n",
        encoding="utf-8",
    )
    decided = read_decisions(path)
    assert [(d.item, d.review, d.where) for d in decided] == [
        ("NM-0b959f0460", Review.INTENDED, "decisions.csv:2"),
        ("NM-3b999afd36", Review.TWO_PEOPLE, "decisions.csv:4"),
    ]


def test_a_fix_list_saved_as_a_workbook_is_named(tmp_path: Path) -> None:
    """Since session 55: a fix list filled in and saved as an Excel workbook under its
    .csv name read as text with "no 'item' column"; the error names what the file is."""
    import zipfile

    path = tmp_path / "decisions.csv"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(DecisionsError, match=r"an Excel workbook, \.xlsx"):
        read_decisions(path)
