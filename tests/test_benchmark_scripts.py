"""Smoke tests of the benchmark scripts that reach into the matcher's internals.

``benchmarks/peak_by_stage.py`` finds a check's stages by wrapping private functions of
``match._engine`` and ``match._blocking`` by name; a renamed function must fail here, not
silently leave a stage unmeasured. The scripts run on the bundled sample instead of a
generated roster.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from importlib.resources import as_file, files
from pathlib import Path
from types import ModuleType

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str) -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location(f"_bench_{name}", BENCHMARKS / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.fixture
def sample_dir() -> Iterator[Path]:
    with as_file(files("oneroster_identity.data").joinpath("sample")) as path:
        yield path


@pytest.fixture
def restore_matcher() -> Iterator[None]:
    """The script patches the matcher's modules in place: put them back afterwards."""
    from oneroster_identity.match import _blocking, _engine, _records

    saved = (dict(vars(_engine)), dict(vars(_blocking)), _records.FactsBuilder.of_active)
    yield
    for module, names in ((_engine, saved[0]), (_blocking, saved[1])):
        for key, value in names.items():
            setattr(module, key, value)
    _records.FactsBuilder.of_active = saved[2]  # type: ignore[method-assign]


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc (Linux)")
def test_peak_by_stage_sees_every_stage(
    sample_dir: Path, restore_matcher: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = _load("peak_by_stage")
    monkeypatch.setattr(script, "roster_dir", lambda users: sample_dir)
    memory = script.run(500)
    stages = set(memory.at_end)
    assert {"read", "facts", "grouping", "household index", "blocking and judging"} <= stages
    assert {"clusters", "shared contacts", "report"} <= stages
    assert "  block keys: loose-name" in stages and "  block keys: email" in stages
    assert all(memory.highest[s] >= memory.at_end[s] > 0 for s in stages)


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc (Linux)")
def test_peak_by_stage_with_the_existing_accounts_check(
    sample_dir: Path, tmp_path: Path, restore_matcher: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from oneroster_identity.existing import _check

    roster = tmp_path / "roster"
    shutil.copytree(sample_dir, roster)
    monkeypatch.setattr(_check, "PersonIndex", _check.PersonIndex)  # restored afterwards
    script = _load("peak_by_stage")
    monkeypatch.setattr(script, "roster_dir", lambda users: roster)
    memory = script.run(500, existing=True)
    assert (roster / "existing_accounts_v2.csv").is_file()
    stages = set(memory.at_end)
    assert {"read accounts", "existing-accounts check", "report"} <= stages
    assert {"  index of 10 accounts", "  index of 5 accounts"} <= stages  # 2% and 1% of 500


def test_peak_by_stage_leaves_results_alone(
    sample_dir: Path, restore_matcher: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wrapped matcher gives the result the plain one gives."""
    from oneroster_identity import read_roster
    from oneroster_identity.match import match

    plain = match(read_roster(sample_dir))
    script = _load("peak_by_stage")
    memory = script.StageMemory()
    from oneroster_identity.match import _engine

    script._wrap(_engine, "HouseholdIndex", memory, "household index")
    script._wrap_generator(_engine, "judged_pairs", memory, "blocking and judging")
    script._block_keys(memory)
    wrapped = match(read_roster(sample_dir))
    assert [n.id for n in wrapped.near_misses] == [n.id for n in plain.near_misses]
    assert len(wrapped.persons) == len(plain.persons)
    assert "  block keys: name" in memory.at_end


def test_bench_growth_times_one_check(sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = _load("bench_growth")
    monkeypatch.setattr(script, "roster_dir", lambda users: sample_dir)
    figures = script.run_one(500)
    assert figures["users"] > 400 and figures["seconds"] > 0


def test_measure_row_keys_times_every_pass(
    sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = _load("measure_row_keys")
    monkeypatch.setattr(script, "roster_dir", lambda users: sample_dir)
    figures = script.run_one(500)
    assert figures["persons"] > 400
    assert all(figures[name] > 0 for name in script.PASSES)


def test_bench_rest_reads_both_forms_alike(sample_dir: Path, tmp_path: Path) -> None:
    script = _load("bench_rest")
    path = tmp_path / "sample-rest.json"
    assert script._make(sample_dir, path)["bytes"] == path.stat().st_size
    csv, rest = script.measure(sample_dir), script.measure(path)
    assert csv["users"] == rest["users"] > 400
    assert csv["result"] == rest["result"]


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads /proc (Linux)")
def test_measure_after_run_prints_each_run(
    sample_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    script = _load("measure_after_run")
    monkeypatch.setattr(script, "roster_dir", lambda users: sample_dir)
    monkeypatch.setattr(sys, "argv", ["measure_after_run.py", "500", "--runs", "2"])
    script.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("allocator: ")
    assert [line.split(":")[0] for line in lines[2:]] == ["run 1", "run 2"]
    assert all("MB after dropping it" in line for line in lines[2:])


@pytest.mark.parametrize("staff_guardian", ["merge", "separate"])
def test_bench_pipeline_measures_a_labelled_roster(tmp_path: Path, staff_guardian: str) -> None:
    """The pipeline benchmark on a small generated roster with its planted truth, under
    each staff-guardian policy: under ``separate`` no planted staff-guardian case is
    likely-same, and each is reported as one person's two accounts."""
    from oneroster_identity.synthetic import generate_roster

    gen = generate_roster(households=300, seed=3, plant_share=0.5)
    _load("_rosters").write_labelled(gen, tmp_path)
    out = _load("bench_pipeline").run_one(tmp_path, staff_guardian)
    assert out["users"] == len(gen.roster.users) and out["strangers"] > 0
    assert out["corrupting_fixes"] == 0 and out["spelling_fixes"] == 0
    if staff_guardian == "separate":
        assert out["staff_guardian_planted"] > 0
        assert out["staff_guardian_likely_same"] == 0.0
        assert out["kept_apart_tagged"] == 1.0
    else:
        assert "kept_apart_tagged" not in out and out["likely_recall"] >= 0.95


def test_bench_pipeline_counts_the_family_slips(tmp_path: Path) -> None:
    """The generator's family slips (a couple in one given name, a role word for a name,
    a guardian's address in the child's SMS column, the child's school address as the
    guardian's email, a carrier's email-to-SMS address) are each found and reported as
    what they are, and no suggestion gives the child the guardian's address."""
    from oneroster_identity.synthetic import generate_roster

    gen = generate_roster(households=1500, seed=1, plant_share=0.5)
    _load("_rosters").write_labelled(gen, tmp_path)
    out = _load("bench_pipeline").run_one(tmp_path)
    for code in ("couple-in-name", "placeholder-name", "placeholder-email", "placeholder-phone"):
        assert out[f"planted[{code}]"] > 0 and out[f"found[{code}]"] == 1.0, code
    assert out["recall[*sms-gateway]"] == 1.0 and out["recall[*couple-beside-own]"] == 1.0
    assert out["couple_fix_right"] == 1.0
    assert out["placeholder_tagged"] == 1.0 and out["school_address_tagged"] == 1.0
    assert out["foreign_address_offered"] == 0 and out["strangers_flagged"] == 0
    # (since session 63: a guardian typed again under an export's habit, `Maria 2`, `M.`)
    assert out["planted[habit]"] > 0 and out["recall[habit]"] == 1.0
    assert out["habit_advice_right"] == 1.0 and out["habit_advice_wrong"] == 0


def test_hand_name_forms_runs_and_every_case_holds(capsys: pytest.CaptureFixture[str]) -> None:
    """``benchmarks/hand_name_forms.py`` (the session 21 hand cases) runs on the public API,
    and on this code every same-person form is one person and every pair two people."""
    module = _load("hand_name_forms")
    module.main()
    out = capsys.readouterr().out
    same, two = len(module.SAME_PERSON), 2 * len(module.TWO_PEOPLE)
    assert f"found as one person: {same} of {same}" in out
    assert f"kept apart: {two} of {two}" in out
    copied = len(module.COPIED)
    assert f"right advice {copied} of {copied}; the copied value typed over the other 0" in out
    marked = len(module.MARKED)
    assert f"a parent's name under marks: right advice {marked} of {marked}" in out


def test_hand_contact_values_runs_and_no_suggestion_is_wrong(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``benchmarks/hand_contact_values.py`` (the session 26 hand cases) runs on the public
    API, and on this code every case holds: no value is suggested where none should be."""
    module = _load("hand_contact_values")
    module.main()
    out = capsys.readouterr().out
    should = sum(1 for case in module.CASES if case[4] is not None)
    assert f"values suggested rightly: {should} of {should} (0 missed)" in out
    assert f"wrong suggestions: 0 of {len(module.CASES)}" in out


def test_measure_typed_advice_runs_and_no_typed_advice_is_flagged(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``benchmarks/measure_typed_advice.py`` (session 62) on this code: no likely-same
    item's advice, once typed, leaves a value its finding flags."""
    module = _load("measure_typed_advice")
    module.main(["300"])
    out = capsys.readouterr().out
    advised = int(out.split("likely-same items advised: ")[1].split()[0])
    assert advised > 50
    assert f"leaves a flagged value: 0 of {advised}" in out


def test_measure_existing_advice_runs_and_no_typed_advice_fails(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``benchmarks/measure_existing_advice.py`` (session 64) on this code: no account's
    advice, once typed, leaves a field apart unsaid or types a value a finding flags."""
    module = _load("measure_existing_advice")
    module.main(["400"])
    out = capsys.readouterr().out
    advised = int(out.split("accounts advised: ")[1].split()[0])
    kept = int(out.split("kept once typed: ")[1].split()[0])
    assert advised > 50 and kept > advised // 3
    assert "incomplete (a field apart the advice left unsaid): 0" in out
    assert "a typed value draws a finding: 0" in out
    assert "an update sets a SIS field the fix list sets otherwise: 0" in out
    assert "lost once the roster's fix list is typed: 0" in out


def test_measure_fix_list_runs_and_the_typed_fix_list_keeps_its_promises(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sample_dir: Path
) -> None:
    """``benchmarks/measure_fix_list.py`` (session 65) on this code: the fix list typed
    whole is never refused, types no value a finding flags, and leaves no item advised
    with fixes alone apart; on a roster (the bundled sample here) the accounts fall."""
    module = _load("measure_fix_list")
    module.main(["200"])
    out = capsys.readouterr().out
    alone = int(out.split("items advised with fixes alone: ")[1].split(";")[0])
    assert alone > 10
    assert "refused (rows contradicting each other or stale): 0" in out
    assert "cases where a typed value draws a finding: 0" in out
    assert "left apart once typed: 0" in out
    monkeypatch.setattr(module, "roster_dir", lambda users: sample_dir)
    module.main(["--users", "500"])
    out = capsys.readouterr().out
    before, after = (
        int(n.replace(",", "")) for n in out.split("accounts created: ")[1].split()[::2][:2]
    )
    assert after < before
    assert "refused: 0" in out and "typed values that draw a finding: 0" in out
    assert "left apart once typed: 0" in out
    assert "records joined that the check kept as different people: 0" in out
    # the app accounts of bench_existing.py too, their rows typed with the fix list
    module.main(["--users", "1000", "--existing"])
    out = capsys.readouterr().out
    assert "accounts: 20 adult" in out and "top to bottom): 0" in out
    assert "kept -> new-unless-updated" not in out
    assert "not kept 0" in out


def test_bench_state_ids_compares_both_forms(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``benchmarks/bench_state_ids.py`` checks one roster without and with state IDs."""
    import json

    module = _load("bench_state_ids")
    monkeypatch.setattr(sys, "argv", ["bench_state_ids.py", "3000", "--seed", "5"])
    module.main()
    rows = json.loads(capsys.readouterr().out)
    without, with_ids = rows["without IDs"], rows["with state IDs"]
    assert without["twins_copied_id"] == 0 and without["shared_identifier_findings"] == 0
    assert with_ids["twins_copied_id_joined"] == 0
    assert with_ids["twins_copied_id_found"] == with_ids["twins_copied_id"]
    assert with_ids["strangers_flagged"] == 0
    family = rows["with family numbers"]
    assert family["identifier_not_personal"] == 1 and family["shared_identifier_findings"] == 0
    assert family["flagged[student-entered-twice]"] == without["flagged[student-entered-twice]"]


def test_profile_stages_mirrors_match_on_the_sample(
    sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``benchmarks/profile_stages.py`` mirrors ``match()`` step by step and exits when its
    persons, near-misses or findings differ from ``match()``'s: the sample holds moved
    addresses, shared state IDs and both staff-guardian warnings, so a step the mirror
    leaves out fails here."""
    script = _load("profile_stages")
    monkeypatch.setattr(script, "roster_dir", lambda users: sample_dir)
    figures = script.run_one(500)
    assert set(figures["times"]) == set(script.STAGES)


def test_hand_staff_forms_runs_and_every_case_holds(capsys: pytest.CaptureFixture[str]) -> None:
    """``benchmarks/hand_staff_forms.py`` (sessions 28 and 29) on this code: every
    one-person pair named, every two-people pair left alone."""
    module = _load("hand_staff_forms")
    module.main()
    out = capsys.readouterr().out
    one, two = len(module.ONE_PERSON), len(module.TWO_PEOPLE)
    assert f"one-person pairs named: {one} of {one}" in out
    assert f"two-people pairs left alone: {two} of {two}" in out
    # the same pairs as one staff member's two staff records (session 34)
    assert f"staff entered twice: one-person pairs named: {one} of {one}" in out
    assert f"staff entered twice: two-people pairs left alone: {two} of {two}" in out


def test_hand_student_forms_runs_and_every_case_holds(capsys: pytest.CaptureFixture[str]) -> None:
    """``benchmarks/hand_student_forms.py`` (session 34) on this code: every child entered
    twice found, every two children left apart."""
    module = _load("hand_student_forms")
    module.main()
    out = capsys.readouterr().out
    one, two = len(module.ONE_CHILD), len(module.TWO_CHILDREN)
    assert f"one-child pairs found: {one} of {one}" in out
    assert f"two-children pairs left apart: {two} of {two}" in out


def test_bench_shared_values_writes_and_checks_every_shape(
    capsys: pytest.CaptureFixture[str], restore_matcher: None
) -> None:
    """``benchmarks/bench_shared_values.py`` writes each shape of one value on many records,
    checks it and counts its candidate pairs (through ``match._engine.candidate_pairs``)."""
    module = _load("bench_shared_values")
    module.main(["300"])
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[1:]]
    assert [r[0] for r in rows] == list(module.SHAPES)
    by_shape = {r[0]: r for r in rows}
    assert all(r[1] == "300" for r in rows)
    # a swapped name on one address: two persons and one likely-same item of one pair
    swapped = by_shape["one-name-swapped-on-one-address"]
    assert (swapped[4], swapped[5], swapped[7]) == ("2", "1", "1")
    # one name, one address, four forms of the name: 75 records of each form (51
    # persons: the 555-01xx numbers are fictional, and those records merge) pair within
    # it (four items); 300 of each are past the block limit (200) and pair no one
    same = by_shape["one-name-on-one-address"]
    assert (same[5], same[6]) == ("4", "1") and int(same[7]) > 4 * 40 * 39 // 2
    module.main(["1200", "--shape", "one-name-on-one-address"])
    (same,) = [line.split() for line in capsys.readouterr().out.splitlines()[1:]]
    assert (same[5], same[6], same[7]) == ("0", "1", "0")


@pytest.mark.parametrize("linked", [[], ["--linked"]])
@pytest.mark.parametrize("pool", ["close", "generations", "blended", "staff"])
def test_measure_drawn_households_runs_and_the_fix_list_keeps_its_guards(
    capsys: pytest.CaptureFixture[str], linked: list[str], pool: str
) -> None:
    """``benchmarks/measure_drawn_households.py`` (session 67; its pools of generations
    and blended families since session 68) on this code: families of close names drawn
    with their truth, the fix list typed: nothing joined that the check kept apart, no
    typed value flagged, no list refused; the joins against the drawn truth are counted
    (a draw may point the data to the adult joined)."""
    module = _load("measure_drawn_households")
    module.main(["150", *linked, "--pool", pool])
    out = capsys.readouterr().out
    assert "families drawn: 150" in out
    assert "records joined apart by the fix list: 0" in out
    assert "typed values that draw a finding: 0" in out
    assert "fix lists refused: 0" in out
    assert "persons holding two drawn adults once typed: " in out
    first, again = (module.draw(7, linked=bool(linked), pool=pool) for _ in range(2))
    assert list(first.roster.users) == list(again.roster.users)  # (seeded)
    assert first.owner == again.owner
    assert set(first.owner) <= {u.sourced_id for u in first.roster.users}
    # with the adults' stated sexes: the family drawn without them, each record's sex
    # its adult's (or none, or now and then a slip)
    stated = module.draw(7, linked=bool(linked), pool=pool, demographics=True)
    assert [attrs.evolve(u, sex="") for u in stated.roster.users] == list(first.roster.users)
    assert stated.owner == first.owner
    # with the district's stand-ins: the family drawn without them, a stand-in only
    # where the value was empty
    filled = module.draw(7, linked=bool(linked), pool=pool, placeholders=True)
    assert filled.owner == first.owner
    for u, before in zip(filled.roster.users, first.roster.users, strict=True):
        assert u.email == before.email or (not before.email and u.email)
        assert u.sms == before.sms or (not before.sms and u.sms == "603-555-0100")
        assert attrs.evolve(u, email=before.email, sms=before.sms) == before


def test_measure_drawn_households_with_demographics_counts_the_same_guards(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--demographics`` (session 69) draws the same families with their adults'
    stated sexes: the guards hold, and the header says so."""
    module = _load("measure_drawn_households")
    module.main(["150", "--demographics"])
    out = capsys.readouterr().out
    assert "families drawn: 150 (seeds 67-216, pool close, with demographics)" in out
    assert "records joined apart by the fix list: 0" in out
    assert "typed values that draw a finding: 0" in out


def test_measure_drawn_households_with_stand_ins_counts_the_same_guards(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``--placeholders`` (session 70) draws the same families in a district that types a
    stand-in where a value is missing: the guards hold, and the header says so."""
    module = _load("measure_drawn_households")
    module.main(["150", "--linked", "--placeholders"])
    out = capsys.readouterr().out
    assert "pool close, adults linked to the children, with stand-ins for missing values" in out
    assert "records joined apart by the fix list: 0" in out
    assert "typed values that draw a finding: 0" in out
    assert "fix lists refused: 0" in out


_DRAWN = _load("measure_drawn_households")


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    linked=st.booleans(),
    pool=st.sampled_from(sorted(_DRAWN.POOLS)),
    demographics=st.booleans(),
    placeholders=st.booleans(),
)
def test_the_fix_list_of_any_drawn_household_keeps_its_guards(
    seed: int, linked: bool, pool: str, demographics: bool, placeholders: bool
) -> None:
    """Any family the drawn-households benchmark can draw (session 68: seeds beyond its
    fixed run, each pool, linked or not; session 69: with the adults' stated sexes or
    not; session 70: with the district's stand-ins for missing values or not): the fix
    list typed joins no records the check kept as different people, types no value a
    finding flags, and is never refused as contradicting itself."""
    from oneroster_identity import check_fix_list
    from oneroster_identity.match import match

    family = _DRAWN.draw(
        seed, linked=linked, pool=pool, demographics=demographics, placeholders=placeholders
    )
    outcome = check_fix_list(family.roster, match(family.roster, _DRAWN.DISTRICT))
    assert not outcome.refused
    assert outcome.unexpected == ()
    assert outcome.flagged == ()
