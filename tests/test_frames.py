"""DataFrames (pandas extra) and notebook reprs."""

from __future__ import annotations

import sys
from importlib.resources import files

import pytest

from oneroster_identity import read_roster
from oneroster_identity.existing import check_existing, read_existing_accounts
from oneroster_identity.frames import MissingExtraError, to_dataframes
from oneroster_identity.match import NearMissKind, match

DATA = files("oneroster_identity.data")


@pytest.fixture(scope="module")
def checked():  # type: ignore[no-untyped-def]
    roster = read_roster(str(DATA.joinpath("sample")))
    result = match(roster)
    existing = check_existing(
        roster, result, read_existing_accounts(str(DATA.joinpath("sample_existing_accounts.csv")))
    )
    return result, existing


def test_frames_mirror_the_report(checked) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pandas")
    result, existing = checked
    frames = to_dataframes(result, existing=existing)
    assert len(frames["persons"]) == len(result.persons)
    assert len(frames["near_misses"]) == len(result.near_misses)
    # one row per fix and option, and a review row per likely-same item with neither and
    # (since session 60) per shared contact
    review = [
        n
        for n in result.near_misses
        if n.kind is NearMissKind.SHARED_CONTACT or (not n.fixes and not n.choices)
    ]
    assert review  # the sample's students entered twice
    assert len(frames["fixes"]) == len(review) + sum(
        len(n.fixes) + sum(len(c.options) for c in n.choices) for n in result.near_misses
    )
    assert set(frames["fixes"]["action"]) == {"set", "choose-one", "review"}
    # one name per concept, lists kept as lists
    assert "item_id" in frames["fixes"] and "item_id" in frames["evidence"]
    assert all(isinstance(v, list) for v in frames["persons"]["sourced_ids"])
    assert len(frames["findings"]) == len(result.findings)
    assert len(frames["existing_accounts"]) == len(existing.accounts)
    assert set(frames["existing_accounts"]["outcome"]) == {
        "kept",
        "new-unless-updated",
        "another-account-kept",
        "no-match",
    }
    assert len(frames["student_merge_candidates"]) == len(existing.student_candidates)
    assert frames["student_merge_candidates"]["grades_kind"].eq("next-grade").any()
    # the sample's child entered twice: the record to keep, and the old account's merge
    candidates = frames["student_merge_candidates"]
    assert set(candidates.loc[candidates["entered_twice"].notna(), "merge_into"]) == {"stu-reg-1"}
    assert "stu-reg-1" in set(frames["near_misses"]["keep"].dropna())
    assert len(result.to_dataframes()) == 7
    assert frames["set_aside"].empty  # no decisions applied
    from oneroster_identity import Decision, Review, apply_decisions

    reviewed = apply_decisions(
        result, [Decision(item=result.near_misses[0].id, review=Review.INTENDED, where="d:2")]
    )
    (row,) = reviewed.to_dataframes()["set_aside"].to_dict("records")
    assert (row["item"], row["decision"], row["where"]) == (
        result.near_misses[0].id,
        "intended",
        "d:2",
    )


def test_redacted_frames_hide_emails(checked) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pandas")
    result, _ = checked
    frames = to_dataframes(result, redact=True)
    emails = frames["persons"]["email"]
    assert emails[emails != ""].str.contains(r"\*\*\*@").all()


def test_missing_pandas_is_a_clear_error(checked, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"oneroster-identity\[pandas\]"):
        to_dataframes(checked[0])


def test_notebook_repr_masks_contacts(checked) -> None:  # type: ignore[no-untyped-def]
    result, existing = checked
    page = result._repr_html_()
    assert "accounts created" in page and "NM-" in page
    raw = {f.user.email for f in result.facts.values() if "@" in f.user.email}
    assert not [e for e in raw if e in page]
    assert "new-unless-updated" in existing._repr_html_()


def test_list_cells_stay_lists(checked) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pandas")
    persons = to_dataframes(checked[0])["persons"]
    assert persons["sourced_ids"].map(type).eq(list).all()
    assert persons["role_families"].map(type).eq(list).all()
    assert len(persons.explode("sourced_ids")) == sum(len(v) for v in persons["sourced_ids"])


def test_report_tables_need_no_pandas(checked, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """``report.report_tables`` (since session 64) is what the frames are made of: the
    same sections, columns and rows, for any tabular tool, pandas or not."""
    from oneroster_identity.report import ReportTable, report_tables

    result, existing = checked
    with_pandas = sys.modules.get("pandas")
    monkeypatch.setitem(sys.modules, "pandas", None)
    tables = report_tables(result, existing=existing)
    assert all(isinstance(t, ReportTable) for t in tables.values())
    assert len(tables["persons"].rows) == len(result.persons)
    assert len(tables["findings"].rows) == len(result.findings)
    assert len(tables["existing_accounts"].rows) == len(existing.accounts)
    assert {row["action"] for row in tables["fixes"].rows} == {"set", "choose-one", "review"}
    assert all(set(row) <= set(t.columns) for t in tables.values() for row in t.rows)
    from oneroster_identity.errors import UsageError

    with pytest.raises(UsageError, match=r"^report_tables\(\) takes a MatchResult"):
        report_tables(existing)  # type: ignore[arg-type]
    if with_pandas is None:
        return
    monkeypatch.setitem(sys.modules, "pandas", with_pandas)
    frames = to_dataframes(result, existing=existing)
    assert set(frames) == set(tables)
    for name, table in tables.items():
        assert list(frames[name].columns) == list(table.columns)
        assert len(frames[name]) == len(table.rows)
