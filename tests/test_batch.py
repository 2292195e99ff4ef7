"""Batch checks: the same summary and reports whatever the engine or the worker count."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from oneroster_identity.batch import check_many, roster_names
from oneroster_identity.cli import main
from oneroster_identity.existing import check_existing, read_existing_accounts
from oneroster_identity.io import read_roster, write_csv_roster, write_rest_roster
from oneroster_identity.match import match
from oneroster_identity.policy import Policy
from oneroster_identity.synthetic import generate_roster


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Four generated districts in three forms, and one broken export."""
    root = tmp_path_factory.mktemp("rosters")
    paths: list[str] = []
    for seed in range(4):
        roster = generate_roster(households=40, seed=seed, plant_share=0.4).roster
        if seed % 2:
            paths.append(str(write_rest_roster(roster, root / f"district-{seed}.json")))
        else:
            paths.append(str(write_csv_roster(roster, root / f"district-{seed}")))
    broken = root / "broken"
    broken.mkdir()
    (broken / "orgs.csv").write_text("sourcedId,name\no1,School\n")
    paths.insert(2, str(broken))
    return paths


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_sequential_and_process_pool_give_identical_output(
    batch: list[str], tmp_path: Path
) -> None:
    one = check_many(batch, tmp_path / "one", policy=Policy(district_domains=("x.k12.us",)))
    two = check_many(batch, tmp_path / "two", policy=Policy(district_domains=("x.k12.us",)), jobs=2)
    assert one.summaries == two.summaries
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    statuses = [s.status for s in one.summaries]
    assert statuses[2] == "error" and statuses.count("error") == 1
    assert "users.csv not found" in one.summaries[2].error
    assert one.exit_code == 2
    names = {f"{s.roster}.json" for s in one.summaries if s.status != "error"}
    assert names | {"summary.csv", "summary.json"} == set(_files(tmp_path / "one"))
    rows = list(csv.DictReader((tmp_path / "one" / "summary.csv").open()))
    assert [r["roster"] for r in rows] == [s.roster for s in one.summaries]
    data = json.loads((tmp_path / "one" / "summary.json").read_text())
    assert data["totals"] == {
        "rosters": 5,
        "ok": 0,
        "problems": 4,
        "error": 1,
        "verdicts": {"blocked": 4, "warnings": 0, "ok": 0},
    }
    assert [s.verdict for s in one.summaries] == ["blocked", "blocked", "", "blocked", "blocked"]


def test_dask_local_cluster_gives_identical_output(batch: list[str], tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    local = check_many(batch, tmp_path / "local")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = check_many(batch, tmp_path / "dask", client=client)
    assert on_dask.summaries == local.summaries
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")


def test_progress_sees_every_roster_once(batch: list[str], tmp_path: Path) -> None:
    seen: list[str] = []
    check_many(batch, tmp_path, jobs=2, progress=lambda s: seen.append(s.roster))
    assert sorted(seen) == sorted(roster_names(batch))


def test_cli_check_many_with_a_list_file(batch: list[str], tmp_path: Path) -> None:
    listing = tmp_path / "rosters.txt"
    listing.write_text("# districts\n" + "\n".join(batch[:2]) + "\n\n", encoding="utf-8")
    assert main(["check-many", str(listing), "-o", str(tmp_path / "out"), "-q"]) == 1
    assert (tmp_path / "out" / "summary.csv").exists()
    assert main(["check-many", *batch, "-o", str(tmp_path / "all"), "--jobs", "2", "-q"]) == 2
    assert main(["check-many", batch[0], "-o", str(tmp_path / "x"), "--jobs", "0"]) == 2


def test_cli_check_many_expands_a_portfolio_folder(batch: list[str], tmp_path: Path) -> None:
    """A folder of district exports (roster folders and zips, no users.csv of its own) is
    each roster below it, sorted, as a .txt list is each line."""
    import shutil
    import zipfile

    portfolio = tmp_path / "portfolio"
    shutil.copytree(batch[0], portfolio / "north")
    shutil.copytree(batch[3], portfolio / "south" / "OneRoster")
    with zipfile.ZipFile(portfolio / "east.zip", "w") as archive:
        for member in sorted(Path(batch[0]).iterdir()):
            archive.write(member, member.name)
    assert main(["check-many", str(portfolio), "-o", str(tmp_path / "out"), "-q"]) == 1
    rows = list(csv.DictReader((tmp_path / "out" / "summary.csv").open()))
    assert [(r["roster"], r["status"]) for r in rows] == [
        ("east", "problems"),
        ("north", "problems"),
        ("OneRoster", "problems"),
    ]
    assert rows[0]["users"] == rows[1]["users"]


def test_a_portfolio_folder_says_which_json_files_it_left_unchecked(
    batch: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder's .json files may be saved reports, so only a REST roster named as its own
    argument is checked; the ones left are named on stderr, never skipped unsaid."""
    import shutil

    portfolio = tmp_path / "portfolio"
    shutil.copytree(batch[0], portfolio / "north")
    shutil.copy(batch[1], portfolio / "west.json")  # a REST roster
    (portfolio / "last-night.json").write_text("{}")
    assert main(["check-many", str(portfolio), "-o", str(tmp_path / "a"), "-q"]) == 1
    err = capsys.readouterr().err
    assert "2 .json file(s)" in err and "last-night.json, west.json" in err
    west = str(portfolio / "west.json")
    assert main(["check-many", str(portfolio), west, "-o", str(tmp_path / "b"), "-q"]) == 1
    err = capsys.readouterr().err
    assert "1 .json file(s)" in err and "west.json" not in err
    rows = list(csv.DictReader((tmp_path / "b" / "summary.csv").open()))
    assert [r["roster"] for r in rows] == ["north", "west"]


def test_names_are_unique_and_safe() -> None:
    """A shared name takes each roster's parent folder (a portfolio of <district>/OneRoster
    folders reads east-OneRoster, west-OneRoster, not OneRoster, OneRoster-2); what still
    repeats is counted."""
    assert roster_names(["a/x y.zip", "b/x y", "c/x y.json"]) == ["a-x_y", "b-x_y", "c-x_y"]
    assert roster_names(["p/east/OneRoster", "q/east/OneRoster", "solo/d.zip"]) == [
        "east-OneRoster",
        "east-OneRoster-2",
        "d",
    ]
    assert roster_names(["x.zip", "x.json", "../x"]) == ["x", "x-2", "x-3"]


def test_rows_are_streamed_as_rosters_finish(batch: list[str], tmp_path: Path) -> None:
    """While the batch runs, each finished roster's row is already on disk."""
    seen: list[int] = []

    def look(_: object) -> None:
        partial = tmp_path / "summary.partial.jsonl"
        seen.append(len(partial.read_text().splitlines()))

    check_many(batch, tmp_path, progress=look)
    assert seen == list(range(1, len(batch) + 1))
    assert not (tmp_path / "summary.partial.jsonl").exists()


def test_each_district_gets_its_own_inferred_domain(batch: list[str], tmp_path: Path) -> None:
    """One policy for a portfolio cannot name every district's domain: each roster's own
    is read off its staff records and shown in the summary."""
    result = check_many(batch, tmp_path / "out")
    shown = {s.district_domains for s in result.summaries if s.status != "error"}
    assert shown == {"springfield.k12.example.us (inferred)"}
    configured = check_many(
        batch[:1], tmp_path / "set", policy=Policy(district_domains=("x.k12.us",))
    )
    assert configured.summaries[0].district_domains == "x.k12.us"
    rows = list(csv.DictReader((tmp_path / "out" / "summary.csv").open()))
    assert rows[0]["district_domains"] == "springfield.k12.example.us (inferred)"


def test_each_district_gets_its_own_decisions(batch: list[str], tmp_path: Path) -> None:
    """``decisions_dir/<name>.csv`` is the district's own file; an unusable one makes
    that district's row an error, and the others go on."""
    first = check_many(batch, tmp_path / "first")
    named = first.summaries[0]
    report = json.loads((tmp_path / "first" / named.report).read_text())
    item = report["near_misses"][0]["id"]
    decisions = tmp_path / "decisions"
    decisions.mkdir()
    (decisions / f"{named.roster}.csv").write_text(f"item,decision\n{item},intended\n")
    (decisions / f"{first.summaries[1].roster}.csv").write_text("item,decision\nNM-1,maybe\n")
    for jobs in (1, 2):
        out = tmp_path / f"reviewed-{jobs}"
        reviewed = check_many(batch, out, decisions_dir=decisions, jobs=jobs)
        row = reviewed.summaries[0]
        assert row.set_aside == 1
        assert (
            row.likely_same + row.shared_contacts == named.likely_same + named.shared_contacts - 1
        )
        assert reviewed.summaries[1].status == "error" and "maybe" in reviewed.summaries[1].error
        assert [s.set_aside for s in reviewed.summaries[3:]] == [0, 0]
        assert "set_aside" in (out / "summary.csv").read_text().splitlines()[0]
    assert (
        main(
            [
                "check-many",
                *batch,
                "-o",
                str(tmp_path / "cli"),
                "--decisions-dir",
                str(decisions),
                "-q",
            ]
        )
        == 2
    )


def test_each_district_gets_its_own_app_accounts(batch: list[str], tmp_path: Path) -> None:
    """``existing_dir/<name>.csv`` is checked against the district's own roster, as
    ``check --existing`` checks one; an unreadable export makes that district's row an
    error, and a district without one is checked without."""
    plain = check_many(batch, tmp_path / "plain")
    roster = read_roster(batch[0])
    guardians = sorted(
        (u for u in roster.users if u.primary_family.value == "guardian" and u.email and u.sms),
        key=lambda u: u.sourced_id,
    )
    kept, moved = guardians[0], guardians[1]
    student = next(u for u in roster.users if u.primary_family.value == "student")
    exports = tmp_path / "exports"
    exports.mkdir()
    header = "account_id,first_name,last_name,email,phone,role\n"
    (exports / f"{plain.summaries[0].roster}.csv").write_text(
        header
        + f"A1,{kept.given_name},{kept.family_name},{kept.email},{kept.sms},parent\n"
        + f"A2,{moved.given_name},{moved.family_name},{moved.email},617-555-0199,parent\n"
        + f"A3,{student.given_name},{student.family_name},,,student\n",
        encoding="utf-8",
    )
    (exports / f"{plain.summaries[1].roster}.csv").write_text("nothing,useful\n1,2\n")
    for jobs in (1, 2):
        out = tmp_path / f"existing-{jobs}"
        checked = check_many(batch, out, existing_dir=exports, jobs=jobs)
        row = checked.summaries[0]
        assert row.existing_accounts_read == 3
        assert row.existing_new_unless_updated == 1
        assert row.existing_students_with_candidates == 1
        report = json.loads((out / row.report).read_text())
        direct = check_existing(
            roster, match(roster), read_existing_accounts(exports / f"{row.roster}.csv")
        )
        assert report["existing_summary"]["outcomes"] == direct.summary()["outcomes"]
        assert [a["account_id"] for a in report["existing_accounts"]] == [
            a.account_id for a in direct.accounts
        ]
        assert checked.summaries[1].status == "error"
        assert "missing-column" in checked.summaries[1].error
        assert "the app-accounts export" in checked.summaries[1].error
        untouched = checked.summaries[3:]
        assert [s.existing_accounts_read for s in untouched] == [0, 0]
        assert untouched == plain.summaries[3:]
        header_row = (out / "summary.csv").read_text().splitlines()[0]
        assert "existing_new_unless_updated" in header_row
    code = main(
        ["check-many", *batch, "-o", str(tmp_path / "cli"), "--existing-dir", str(exports), "-q"]
    )
    assert code == 2


def _windows_district(root: Path) -> Path:
    """A small CSV roster saved as Excel on Windows saves it: Windows-1252, accents and
    all."""
    folder = root / "windows"
    folder.mkdir()
    (folder / "users.csv").write_bytes(
        (
            "sourcedId,role,givenName,familyName,email,sms,agentSourcedIds\n"
            "g1,parent,José,Peña,jose.pena@gmail.com,617-428-1937,\n"
            "s1,student,Ana,Peña,,,g1\n"
        ).encode("cp1252")
    )
    return folder


def test_a_windows_1252_district_is_read_in_the_fallback_encoding(
    batch: list[str], tmp_path: Path
) -> None:
    """Since session 53: without a fallback the Windows-1252 district is an error row (the
    batch had no encoding option before); with ``fallback_encoding="cp1252"`` it is read
    in it, its name intact, and the row says so, while the UTF-8 districts stay UTF-8."""
    windows = str(_windows_district(tmp_path))
    paths = [batch[0], windows]
    plain = check_many(paths, tmp_path / "plain")
    assert [s.status for s in plain.summaries] == ["problems", "error"]
    assert "decode-error" in plain.summaries[1].error and "Windows-1252" in plain.summaries[1].error
    assert plain.summaries[1].encoding == ""
    fallback = check_many(paths, tmp_path / "fallback", fallback_encoding="cp1252")
    assert [s.encoding for s in fallback.summaries] == ["utf-8", "cp1252"]
    assert fallback.summaries[1].users == 2
    report = json.loads((tmp_path / "fallback" / "windows.json").read_text(encoding="utf-8"))
    assert {p["family_name"] for p in report["persons"]} == {"Peña"}
    rows = list(csv.DictReader((tmp_path / "fallback" / "summary.csv").open(encoding="utf-8")))
    assert [r["encoding"] for r in rows] == ["utf-8", "cp1252"]
    # one encoding named for all reads every roster in it, with no fallback to say
    named = check_many([windows], tmp_path / "named", encoding="cp1252")
    assert [(s.status, s.encoding) for s in named.summaries] == [("ok", "cp1252")]


def test_a_fallback_that_cannot_read_the_roster_either_says_both(tmp_path: Path) -> None:
    windows = str(_windows_district(tmp_path))
    (summary,) = check_many(
        [windows], tmp_path / "out", encoding="ascii", fallback_encoding="ascii"
    ).summaries
    assert summary.status == "error"
    assert "read as ascii, the fallback" in summary.error
    assert summary.error.count("is not valid") >= 1


@pytest.mark.parametrize(
    ("option", "args"),
    [("encoding", ["--encoding", "klingon"]), ("fallback", ["--fallback-encoding", "nope"])],
)
def test_an_unknown_encoding_is_refused_before_any_roster(
    batch: list[str],
    tmp_path: Path,
    option: str,
    args: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check-many", batch[0], "-o", str(tmp_path / "out"), "-q", *args]) == 2
    assert "unknown encoding" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    from oneroster_identity import UsageError

    keyword = "fallback_encoding" if option == "fallback" else "encoding"
    with pytest.raises(UsageError, match="unknown encoding"):
        check_many([batch[0]], tmp_path / "api", **{keyword: args[1]})


def test_cli_check_many_reads_a_windows_district_with_the_fallback(tmp_path: Path) -> None:
    windows = str(_windows_district(tmp_path))
    out = tmp_path / "out"
    assert main(["check-many", windows, "-o", str(out), "-q", "--fallback-encoding", "cp1252"]) in (
        0,
        1,
    )
    (row,) = csv.DictReader((out / "summary.csv").open(encoding="utf-8"))
    assert (row["status"] != "error", row["encoding"]) == (True, "cp1252")


def test_a_district_folder_that_is_not_there_is_refused(
    batch: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Since session 53: a mistyped ``--decisions-dir`` or ``--existing-dir`` checked
    every district without its file, unsaid; now the folder must be there, and one that
    holds no file of any district's name gets a note."""
    from oneroster_identity import UsageError

    missing = tmp_path / "no-such-folder"
    with pytest.raises(UsageError, match="decisions_dir"):
        check_many(batch[:1], tmp_path / "api", decisions_dir=missing)
    with pytest.raises(UsageError, match="existing_dir"):
        check_many(batch[:1], tmp_path / "api", existing_dir=missing)
    assert not (tmp_path / "api").exists()  # refused before anything is written
    out = str(tmp_path / "out")
    assert main(["check-many", batch[0], "-o", out, "-q", "--decisions-dir", str(missing)]) == 2
    assert "--decisions-dir" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["check-many", batch[0], "-o", out, "-q", "--existing-dir", str(empty)]) == 1
    assert "holds no file named for a district" in capsys.readouterr().err


def test_a_district_whose_export_lost_rows_says_how_many(tmp_path: Path) -> None:
    """Since session 53 the summary counts each district's rejected rows and reading
    errors, so a portfolio shows which exports are broken in part."""
    folder = tmp_path / "lossy"
    folder.mkdir()
    (folder / "users.csv").write_text(
        "sourcedId,role,givenName,familyName,email\n"
        "g1,parent,Ana,Ng,ana@gmail.com\n"
        ",parent,Bo,Ng,bo@gmail.com\n"
        "g1,parent,Cy,Ng,cy@gmail.com\n",
        encoding="utf-8",
    )
    (summary,) = check_many([str(folder)], tmp_path / "out").summaries
    assert (summary.users, summary.records_rejected) == (1, 2)
    assert summary.read_errors >= 2
    (row,) = csv.DictReader((tmp_path / "out" / "summary.csv").open(encoding="utf-8"))
    assert (row["records_rejected"], row["status"]) == ("2", "problems")


def test_each_district_gets_the_verdict_its_report_says(tmp_path: Path) -> None:
    """Since session 54 the summary carries each district's verdict, so a portfolio shows
    which districts may sync now: one with a shared household address only warns, one
    with a person split blocks."""
    warns, blocks = tmp_path / "warns", tmp_path / "blocks"
    for folder in (warns, blocks):
        folder.mkdir()
    (warns / "users.csv").write_text(
        "sourcedId,role,givenName,familyName,email,agentSourcedIds\n"
        "g1,parent,Ana,Diaz,diaz@gmail.com,s1\n"
        "g2,parent,Luis,Diaz,diaz@gmail.com,s1\n"
        's1,student,Eva,Diaz,,"g1,g2"\n',
        encoding="utf-8",
    )
    (blocks / "users.csv").write_text(
        "sourcedId,role,givenName,familyName,email,sms\n"
        "g1,parent,Ana,Diaz,ana.diaz@gmail.com,617-555-2368\n"
        "g2,parent,Ana,Diaz,ana.diaz@gmial.com,617-555-2368\n",
        encoding="utf-8",
    )
    result = check_many([str(warns), str(blocks)], tmp_path / "out")
    by_name = {s.roster: s for s in result.summaries}
    assert by_name["warns"].verdict == "warnings" and by_name["blocks"].verdict == "blocked"
    for s in result.summaries:
        report = json.loads((tmp_path / "out" / s.report).read_text(encoding="utf-8"))
        assert report["verdict"]["status"] == s.verdict
    rows = {r["roster"]: r for r in csv.DictReader((tmp_path / "out" / "summary.csv").open())}
    assert (rows["warns"]["verdict"], rows["blocks"]["verdict"]) == ("warnings", "blocked")


def test_a_report_that_cannot_be_written_is_that_districts_row(
    batch: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A district's report a full disk cuts short ended the whole batch in an "internal
    error" and left its ``.json.part`` behind (since session 56: that district's row says
    so, status ``error``, and the batch goes on); the batch's own summary that cannot be
    written is one line, exit 2."""
    import oneroster_identity.batch as batch_module

    real = batch_module.write_json
    calls: list[str] = []

    def full_on_the_first(result: object, out: object, **kwargs: object) -> None:
        calls.append(str(kwargs.get("source")))
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        real(result, out, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch_module, "write_json", full_on_the_first)
    result = check_many(batch[:2], tmp_path / "out")
    first, second = result.summaries
    assert first.status == "error" and "No space left on device" in (first.error or "")
    assert second.status != "error"
    assert not list((tmp_path / "out").glob("*.part"))

    def no_summary(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device", str(tmp_path / "out2" / "summary.csv"))

    monkeypatch.setattr(batch_module, "write_json", real)
    monkeypatch.setattr(batch_module, "_write_summary", no_summary)
    assert main(["check-many", *batch[:1], "-o", str(tmp_path / "out2"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "the batch stopped at" in err and "internal error" not in err


def test_each_district_says_how_many_values_are_shared_as_its_report_does(
    tmp_path: Path,
) -> None:
    """`shared_contacts` counts items; holders sharing both an email and an SMS phone are
    one item and two values shared. The district's text report gives the values under
    "Shared contacts", so since session 69 the summary carries them too
    (`shared_values`), where an admin comparing the two read 1 beside 2."""
    district = tmp_path / "east"
    district.mkdir()
    (district / "users.csv").write_text(
        "sourcedId,role,givenName,familyName,email,sms,agentSourcedIds\n"
        "g1,parent,Ana,Diaz,diaz@gmail.com,617-555-2368,s1\n"
        "g2,parent,Luis,Diaz,diaz@gmail.com,617-555-2368,s1\n"
        "g3,parent,Eva,Ruiz,ruiz.home@gmail.com,,s2\n"
        "g4,parent,Tom,Ruiz,ruiz.home@gmail.com,,s2\n"
        's1,student,Eva,Diaz,,,"g1,g2"\n'
        's2,student,Leo,Ruiz,,,"g3,g4"\n',
        encoding="utf-8",
    )
    result = check_many([str(district)], tmp_path / "out")
    (row,) = result.summaries
    assert (row.shared_contacts, row.shared_values) == (2, 3)
    report = json.loads((tmp_path / "out" / row.report).read_text(encoding="utf-8"))
    assert report["summary"]["shared_values"] == 3
    assert report["summary"]["near_misses"]["shared-contact"] == 2
    (line,) = csv.DictReader((tmp_path / "out" / "summary.csv").open(encoding="utf-8"))
    assert (line["shared_contacts"], line["shared_values"]) == ("2", "3")
    text = tmp_path / "east.txt"
    # (exit 1: shared household values are warnings)
    assert main(["check", str(district), "--format", "text", "-q", "-o", str(text)]) == 1
    assert "Shared contacts: 3 emails or phones used by several accounts, in 2 items" in (
        text.read_text(encoding="utf-8")
    )
