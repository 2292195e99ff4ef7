"""Holders who share both an email and an SMS phone: one shared-contact item (session 60).

Earlier versions reported one item per shared value, so a couple on the family's address
and number was two items to review, each saying the same. One item now says both; it
carries the two per-value ids (:attr:`NearMiss.aliases`), which reviewed decisions and
compared snapshots of earlier versions name.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import attrs
from tests.conftest import rest_kid, rest_user

from oneroster_identity import (
    Decision,
    Policy,
    Review,
    apply_decisions,
    read_decisions,
    read_rest_users,
    verdict,
)
from oneroster_identity.compare import Snapshot, compare
from oneroster_identity.match import MatchResult, NearMiss, NearMissKind, match
from oneroster_identity.report import write_csv_fixes, write_json, write_text

FAMILY = {"email": "ruizfamily@gmail.com", "sms": "617-428-1901"}


def _roster(**second: str) -> list[dict[str, Any]]:
    """A couple on the family's address and number (``second``: the father's values
    instead), and two unrelated parents on one address only."""
    return [
        rest_user("g1", "parent", "Ana", "Ruiz", **FAMILY),
        rest_user("g2", "parent", "Jose", "Ruiz", **{**FAMILY, **second}),
        rest_kid("s1", "Mia", "Ruiz", "g1", "g2"),
        rest_user("g3", "parent", "Li", "Chen", email="chen@gmail.com", sms="617-428-1902"),
        rest_user("g4", "parent", "Wei", "Zhang", email="chen@gmail.com", sms="617-428-1903"),
        rest_kid("s2", "Max", "Zhang", "g3"),
        rest_kid("s3", "Amy", "Chen", "g4"),
    ]


def _run(users: list[dict[str, Any]]) -> MatchResult:
    return match(read_rest_users({"users": users}))


def _shared(result: MatchResult) -> dict[tuple[str, ...], NearMiss]:
    return {n.sourced_ids: n for n in result.near_misses if n.kind is NearMissKind.SHARED_CONTACT}


def test_a_couple_on_the_family_address_and_number_is_one_item() -> None:
    result = _run(_roster())
    shared = _shared(result)
    couple = shared[("g1", "g2")]
    assert couple.summary.startswith(
        "2 different people share one email and one sms (one household: a family address "
        "and number)"
    )
    assert couple.tags == ("same-household",)
    assert [e.field for e in couple.evidence] == ["email", "sms"]
    assert [e.values for e in couple.evidence] == [
        ("ruizfamily@gmail.com", "ruizfamily@gmail.com"),
        ("617-428-1901", "617-428-1901"),
    ]
    # the unrelated pair shares an address only: an item of one value, as before
    other = shared[("g3", "g4")]
    assert other.aliases == () and [e.field for e in other.evidence] == ["email"]
    assert len(shared) == 2
    # the values are counted, not the items
    assert result.shared_values() == 3
    (line,) = [w for w in verdict(result).warnings if "shared" in w]
    assert line.startswith("3 emails or phones are shared by several accounts")


def test_the_joined_item_carries_the_ids_each_value_had_alone() -> None:
    """The aliases are the ids the per-value items have (and had before session 60): the
    email's item when only the address is shared, the number's when only it is."""
    couple = _shared(_run(_roster()))[("g1", "g2")]
    email_only = _shared(_run(_roster(sms="617-428-1999")))[("g1", "g2")]
    sms_only = _shared(_run(_roster(email="jose.ruiz@gmail.com")))[("g1", "g2")]
    assert [e.field for e in email_only.evidence] == ["email"]
    assert [e.field for e in sms_only.evidence] == ["sms"]
    assert couple.aliases == tuple(sorted((email_only.id, sms_only.id)))
    assert couple.id not in couple.aliases
    # the same roster in another order: the same ids
    again = _shared(_run(list(reversed(_roster()))))[("g1", "g2")]
    assert (again.id, again.aliases, again.summary) == (couple.id, couple.aliases, couple.summary)


def test_values_that_read_differently_keep_an_item_each() -> None:
    """A guardian holding a student's district address and the family number: the
    address is the student's school account (its own advice), the number a family
    number. Holders of the address and of the number that differ: an item each."""
    users = [
        rest_user(
            "g1", "parent", "Ana", "Ruiz", email="mruiz@students.elm.k12.us", sms="617-428-1901"
        ),
        rest_kid("s1", "Mia", "Ruiz", "g1", email="mruiz@students.elm.k12.us", sms="617-428-1901"),
        rest_user("g2", "parent", "Li", "Chen", email="chen@gmail.com", sms="617-428-1902"),
        rest_user("g3", "parent", "Wei", "Chen", email="chen@gmail.com", sms="617-428-1902"),
        rest_user("g4", "parent", "Bo", "Chen", email="chen@gmail.com", sms="617-428-1909"),
        rest_kid("s2", "Max", "Chen", "g2", "g3", "g4"),
    ]
    result = match(read_rest_users({"users": users}), Policy(district_domains=("elm.k12.us",)))
    items = [n for n in result.near_misses if n.kind is NearMissKind.SHARED_CONTACT]
    by = {(n.sourced_ids, tuple(e.field for e in n.evidence[:1])): n for n in items}
    school = by[(("g1", "s1"), ("email",))]
    assert "student-school-address" in school.tags and school.aliases == ()
    assert "student-school-address" not in by[(("g1", "s1"), ("sms",))].tags
    # three on the address, two of them on the number: two items
    assert len(by[(("g2", "g3", "g4"), ("email",))].evidence) == 2
    assert by[(("g2", "g3"), ("sms",))].aliases == ()
    assert len(items) == 4 and result.shared_values() == 4


def test_the_text_report_counts_values_and_lists_the_email_first(tmp_path: Path) -> None:
    result = _run(_roster())
    out = tmp_path / "r.txt"
    with out.open("w", encoding="utf-8") as f:
        write_text(result, f, source="hand-made")
    text = out.read_text(encoding="utf-8")
    assert "Shared contacts: 3 emails or phones used by several accounts, in 2 items" in text
    assert "(one household: a family address and number): 'ruizfamily@gmail.com', " in text
    # the couple alone: one item
    with out.open("w", encoding="utf-8") as f:
        write_text(_run(_roster()[:3]), f, source="hand-made")
    text = out.read_text(encoding="utf-8")
    assert "2 emails or phones used by several accounts, in 1 item (allowed" in text


def test_decisions_on_both_old_ids_set_the_joined_item_aside() -> None:
    result = _run(_roster())
    couple = _shared(result)[("g1", "g2")]
    email_id, sms_id = couple.aliases
    both = [
        Decision(item=email_id, review=Review.INTENDED, where="decisions.csv:2"),
        Decision(item=sms_id, review=Review.INTENDED, where="decisions.csv:3"),
    ]
    reviewed = apply_decisions(result, both)
    assert couple.id not in {n.id for n in reviewed.near_misses}
    (aside,) = reviewed.set_aside
    assert (aside.item, aside.aliases, aside.decision.where) == (
        couple.id,
        couple.aliases,
        "decisions.csv:2",
    )
    assert not [f for f in reviewed.findings if f.code.startswith("decision-")]
    # applied again: nothing changes (the old ids name an item already set aside)
    again = apply_decisions(reviewed, both)
    assert (again.near_misses, again.findings, again.set_aside) == (
        reviewed.near_misses,
        reviewed.findings,
        reviewed.set_aside,
    )
    # the item's own id, as before
    own = apply_decisions(result, [Decision(item=couple.id, review=Review.INTENDED)])
    assert [a.item for a in own.set_aside] == [couple.id]


def test_a_decision_on_one_old_id_says_which_item_to_decide() -> None:
    """A district that decided only the shared email (the number went on being reported)
    is told the joined item's id, and the item stays: a decision on one value says
    nothing of the other."""
    result = _run(_roster())
    couple = _shared(result)[("g1", "g2")]
    email_id = couple.aliases[0]
    reviewed = apply_decisions(
        result, [Decision(item=email_id, review=Review.INTENDED, where="decisions.csv:2")]
    )
    assert couple in reviewed.near_misses and reviewed.set_aside == ()
    (note,) = [f for f in reviewed.findings if f.code == "decision-does-not-apply"]
    assert note.value == email_id and note.related == ("g1", "g2")
    assert f"now reported as one item, {couple.id}" in note.message
    assert f"decide {couple.id} (or both old ids)" in note.message
    # two-people on an old id of a shared contact does not apply, as on any shared contact
    wrong = apply_decisions(
        result,
        [
            Decision(item=couple.aliases[0], review=Review.TWO_PEOPLE),
            Decision(item=couple.aliases[1], review=Review.INTENDED),
        ],
    )
    messages = [f.message for f in wrong.findings if f.code == "decision-does-not-apply"]
    assert len(messages) == 2 and any("two-people applies to likely-same" in m for m in messages)
    assert couple in wrong.near_misses


def test_the_json_report_lists_the_aliases(tmp_path: Path) -> None:
    result = _run(_roster())
    out = tmp_path / "r.json"
    with out.open("w", encoding="utf-8") as f:
        write_json(result, f, source="hand-made")
    data = json.loads(out.read_text(encoding="utf-8"))
    by_ids = {tuple(n["sourced_ids"]): n for n in data["near_misses"]}
    assert by_ids[("g1", "g2")]["aliases"] == list(_shared(result)[("g1", "g2")].aliases)
    assert by_ids[("g3", "g4")]["aliases"] == []


def _as_earlier_version(snapshot: Snapshot) -> Snapshot:
    """The snapshot as a check before session 60 reported it: one item per shared value
    (the aliases' ids), no aliases."""
    items = []
    for n in snapshot.near_misses:
        if not n.aliases:
            items.append(n)
            continue
        for alias in n.aliases:
            items.append(type(n)(id=alias, kind=n.kind, sourced_ids=n.sourced_ids, summary=""))
    return attrs.evolve(snapshot, near_misses=tuple(items))


def test_compare_finds_the_joined_item_under_its_old_ids() -> None:
    now = Snapshot.from_result(_run(_roster()))
    before = _as_earlier_version(now)
    assert len(before.near_misses) == len(now.near_misses) + 1
    for old, new in ((before, now), (now, before)):
        changes = compare(old, new)
        assert changes.near_misses_new == () and changes.near_misses_resolved == ()
    # the father's number changed: the shared email is still reported, the number not
    later = Snapshot.from_result(_run(_roster(sms="617-428-1999")))
    changes = compare(now, later)
    couple = next(n for n in now.near_misses if n.aliases)
    assert [n.id for n in changes.near_misses_resolved] == [couple.id]
    assert changes.near_misses_new == ()
    # and back: the joined item is new (the number is shared again)
    changes = compare(later, now)
    assert [n.id for n in changes.near_misses_new] == [couple.id]
    assert changes.near_misses_resolved == ()


def test_the_fix_list_has_a_review_row_per_shared_contact_to_decide(tmp_path: Path) -> None:
    """Since session 60 the CSV fix list carries each shared-contact item as a ``review``
    row (its fields, the values shared, the summary as what to do): a district keeping
    its families' addresses fills in ``intended`` there, where it had to copy each id out
    of another report. The filled-in file sets them aside; redacted, the values are
    masked."""
    result = _run(_roster())
    fixes = tmp_path / "fixes.csv"
    with fixes.open("w", encoding="utf-8", newline="") as f:
        write_csv_fixes(result, f)
    rows = list(csv.DictReader(fixes.open(encoding="utf-8", newline="")))
    shared = {r["item_id"]: r for r in rows if r["item_id"].startswith("NM-")}
    couple = _shared(result)[("g1", "g2")]
    row = shared[couple.id]
    assert (row["action"], row["sourced_id"], row["field"]) == ("review", "g1 g2", "email sms")
    assert row["current"] == "ruizfamily@gmail.com | 617-428-1901"
    assert row["suggested"] == "" and row["reason"] == couple.summary
    assert row["tags"] == "same-household" and row["confidence"] == ""
    assert shared[_shared(result)[("g3", "g4")].id]["field"] == "email"
    # filled in, it is a decisions file
    for r in rows:
        r["decision"] = "intended" if r["item_id"] in shared else ""
    with fixes.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    reviewed = apply_decisions(result, read_decisions(fixes))
    assert not [n for n in reviewed.near_misses if n.kind is NearMissKind.SHARED_CONTACT]
    assert sorted(a.item for a in reviewed.set_aside) == sorted(shared)
    # redacted: the values masked, the ids and the summary as they are
    masked = tmp_path / "masked.csv"
    with masked.open("w", encoding="utf-8", newline="") as f:
        write_csv_fixes(result, f, redact=True)
    text = masked.read_text(encoding="utf-8")
    assert "ruizfamily@gmail.com" not in text and "428-1901" not in text
    assert couple.id in text


def test_a_joined_item_set_aside_names_the_old_ids_it_was_decided_by(tmp_path: Path) -> None:
    """The set-aside list says which old ids decided a joined item (text, HTML, JSON), so
    the item a reviewer knew by two ids is found; decided by its own id, it says nothing
    more. A file naming the new id and the old ones applies once, and again changes
    nothing."""
    result = _run(_roster())
    couple = _shared(result)[("g1", "g2")]
    by_old = apply_decisions(
        result, [Decision(item=a, review=Review.INTENDED, where="d.csv:2") for a in couple.aliases]
    )
    out = tmp_path / "r.txt"
    with out.open("w", encoding="utf-8") as f:
        write_text(by_old, f, source="hand-made")
    said = f"{couple.id} (decided as {couple.aliases[0]} and {couple.aliases[1]})"
    assert said in out.read_text(encoding="utf-8")
    with out.open("w", encoding="utf-8") as f:
        write_json(by_old, f, source="hand-made")
    (aside,) = json.loads(out.read_text(encoding="utf-8"))["set_aside"]
    assert aside["item"] == couple.id and aside["aliases"] == list(couple.aliases)
    all_three = [
        Decision(item=i, review=Review.INTENDED, where=f"d.csv:{n}")
        for n, i in enumerate((couple.id, *couple.aliases), start=2)
    ]
    by_own = apply_decisions(result, all_three)
    assert [a.item for a in by_own.set_aside] == [couple.id]
    assert not [f for f in by_own.findings if f.code.startswith("decision-")]
    again = apply_decisions(by_own, all_three)
    assert (again.findings, again.set_aside) == (by_own.findings, by_own.set_aside)
    with out.open("w", encoding="utf-8") as f:
        write_text(by_own, f, source="hand-made")
    assert "decided as" not in out.read_text(encoding="utf-8")
