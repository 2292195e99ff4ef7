"""Last night's saved report as comparison input: damaged reports get a located
``SnapshotError`` (never a traceback), and the report is read after tonight's check."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneroster_identity import read_sample, write_csv_roster
from oneroster_identity.cli import main
from oneroster_identity.compare import Snapshot, SnapshotError, _load, compare, load_snapshots
from oneroster_identity.errors import RosterReadError
from oneroster_identity.match import match
from oneroster_identity.report import write_json


@pytest.fixture(scope="module")
def report_text() -> str:
    out = io.StringIO()
    write_json(match(read_sample()), out, source="last night")
    return out.getvalue()


def _person_line(lines: list[str]) -> int:
    """Index of the first person item's line."""
    return lines.index('  "persons": [') + 1


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "last.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        # cut inside the first string value (wherever the line's content puts it)
        (lambda line: line[: line.index('": "') + 5], "not JSON (Unterminated string"),
        (lambda line: '    {"id": "p"},', '"sourced_ids" is missing or not a list'),
        (lambda line: '    {"sourced_ids": 5},', '"sourced_ids" is missing or not a list'),
        (lambda line: '    {"sourced_ids": []},', '"sourced_ids" is missing or not a list'),
        (lambda line: "    [1, 2],", "the person is not a JSON object"),
        (
            lambda line: '    {"sourced_ids": ["a"], "contact_hashes": {"email": 1}},',
            '"email" is missing or not a string',
        ),
        (
            lambda line: '    {"sourced_ids": ["a"], "fragile": [{"field": "email"}]},',
            '"values" is missing or not a list',
        ),
        (lambda line: '    {"sourced_ids": ["a"], "fragile": 3},', '"fragile" is not a list'),
    ],
)
def test_a_damaged_person_line_is_located(
    tmp_path: Path,
    report_text: str,
    damage: Any,
    message: str,
) -> None:
    lines = report_text.split("\n")
    at = _person_line(lines) + 2
    lines[at] = damage(lines[at])
    path = _write(tmp_path, lines)
    with pytest.raises(SnapshotError) as info:
        Snapshot.from_report(path)
    assert str(info.value).startswith(f"{path}: line {at + 1}: ")
    assert message in str(info.value)


def test_messages_name_fields_never_roster_values(tmp_path: Path, report_text: str) -> None:
    lines = report_text.split("\n")
    at = _person_line(lines)
    item = json.loads(lines[at].rstrip(","))
    item["sourced_ids"] = [item["email"] or "someone@example.org"]  # a value, in the wrong place
    item["fragile"] = [{"field": "email", "values": [{"value": "secret@example.org"}]}]
    lines[at] = "    " + json.dumps(item) + ","
    with pytest.raises(SnapshotError) as info:
        Snapshot.from_report(_write(tmp_path, lines))
    assert "secret" not in str(info.value) and '"sourced_id"' in str(info.value)


def test_damaged_headers_and_near_misses_are_located(tmp_path: Path, report_text: str) -> None:
    lines = report_text.split("\n")
    summary = next(n for n, line in enumerate(lines) if line.startswith('  "summary": '))
    cut = [*lines[:summary], '  "summary": {"accounts_created": 3,', *lines[summary + 1 :]]
    with pytest.raises(SnapshotError, match=rf"line {summary + 1}: not JSON"):
        Snapshot.from_report(_write(tmp_path, cut))
    negative = [*lines[:summary], '  "summary": {"accounts_created": -1},', *lines[summary + 1 :]]
    with pytest.raises(SnapshotError, match="no count of accounts"):
        Snapshot.from_report(_write(tmp_path, negative))
    near = lines.index('  "near_misses": [') + 1
    broken = [*lines[:near], '    {"id": "n1", "kind": 4, "sourced_ids": ["a"]},', *lines[near:]]
    with pytest.raises(SnapshotError, match=rf"line {near + 1}: \"kind\" is missing"):
        Snapshot.from_report(_write(tmp_path, broken))


def test_a_report_that_is_not_utf8_is_located(tmp_path: Path, report_text: str) -> None:
    lines = report_text.split("\n")
    path = tmp_path / "last.json"
    at = _person_line(lines) + 1
    data = "\n".join(lines[:at]).encode() + b"\n    {\xff\xfe},\n" + "\n".join(lines[at:]).encode()
    path.write_bytes(data)
    with pytest.raises(SnapshotError, match="not UTF-8 text"):
        Snapshot.from_report(path)


def test_a_damaged_document_is_located_by_item(report_text: str) -> None:
    document = json.loads(report_text)
    document["persons"][3] = {"given_name": "x"}
    with pytest.raises(SnapshotError, match=r"^report: persons\[3\]: \"sourced_ids\""):
        Snapshot.from_report(document)
    document["persons"] = "everyone"
    with pytest.raises(SnapshotError, match=r"^report: persons: is not a list"):
        Snapshot.from_report(document)
    with pytest.raises(SnapshotError, match="line 1: not a JSON report"):
        Snapshot.from_report(io.StringIO("[1, 2"))
    with pytest.raises(SnapshotError, match="not a JSON report of"):
        Snapshot.from_report(io.StringIO("[1, 2]"))


def test_the_command_line_prints_one_located_line(
    tmp_path: Path, report_text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = report_text.split("\n")
    at = _person_line(lines)
    lines[at] = lines[at][:30]
    path = _write(tmp_path, lines)
    write_csv_roster(read_sample(), tmp_path / "tonight")
    assert main(["compare", str(path), str(tmp_path / "tonight")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}: line {at + 1}: not JSON") and "Traceback" not in err


def test_nesting_too_deep_is_located_not_a_crash(tmp_path: Path, report_text: str) -> None:
    """``json`` raises RecursionError on deep nesting: a report line (or a report
    written on one line) that nests so is a located ``SnapshotError``."""
    deep = "[" * 100_000 + "]" * 100_000
    lines = report_text.split("\n")
    at = _person_line(lines)
    lines[at] = "    " + deep + ","
    with pytest.raises(SnapshotError, match=rf"line {at + 1}: .*nested too deeply"):
        Snapshot.from_report(_write(tmp_path, lines))
    with pytest.raises(SnapshotError, match="nested too deeply"):
        Snapshot.from_report(io.StringIO('{"summary": ' + deep + "}"))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**32 - 1), cuts=st.integers(1, 6))
def test_a_mutated_report_gives_a_snapshot_or_a_snapshot_error(
    report_text: str, seed: int, cuts: int
) -> None:
    """Lines dropped, repeated, cut, swapped or with a character replaced: never another
    exception than ``SnapshotError``."""
    rng = random.Random(seed)
    lines = report_text.split("\n")
    for _ in range(cuts):
        n = rng.randrange(len(lines))
        action = rng.randrange(5)
        if action == 0:
            del lines[n]
        elif action == 1:
            lines.insert(n, lines[n])
        elif action == 2:
            lines[n] = lines[n][: rng.randrange(len(lines[n]) + 1)]
        elif action == 3:
            m = rng.randrange(len(lines))
            lines[n], lines[m] = lines[m], lines[n]
        elif lines[n]:
            i = rng.randrange(len(lines[n]))
            lines[n] = lines[n][:i] + rng.choice('{}[],:"0an\\ ') + lines[n][i + 1 :]
    try:
        snapshot = Snapshot.from_report(io.StringIO("\n".join(lines)))
    except SnapshotError:
        return
    compare(snapshot, snapshot)  # whatever was read compares without error


def test_a_saved_report_is_read_after_tonights_check(
    tmp_path: Path, report_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = _write(tmp_path, report_text.split("\n"))
    write_csv_roster(read_sample(), tmp_path / "tonight")
    order: list[str] = []
    real = _load.load_snapshot

    def recording(path: str | Path, **options: Any) -> Snapshot:
        order.append(Path(path).name)
        return real(path, **options)

    monkeypatch.setattr(_load, "load_snapshot", recording)
    old, new = load_snapshots(report, tmp_path / "tonight")
    assert order == ["tonight", "last.json"]
    assert old == Snapshot.from_report(report) and compare(old, new).splits == ()
    # OLD's error still comes first when both sides are bad
    lines = report_text.split("\n")
    lines[_person_line(lines)] = "    {"
    _write(tmp_path, lines)
    with pytest.raises(SnapshotError):
        load_snapshots(report, tmp_path / "nowhere")
    with pytest.raises(RosterReadError):
        load_snapshots(tmp_path / "nowhere", report)


def test_an_open_report_that_is_not_utf8_is_located(tmp_path: Path, report_text: str) -> None:
    """A report handed over as an open text file decodes as it is read, too."""
    path = tmp_path / "last.json"
    path.write_bytes(report_text.encode()[:2000] + b"\xff\xfe\n" + report_text.encode()[2000:])
    with path.open(encoding="utf-8") as fh, pytest.raises(SnapshotError, match="not UTF-8 text"):
        Snapshot.from_report(fh)


@pytest.mark.parametrize("keep", [0.08, 0.5, 0.97, 0.9999])
def test_a_report_cut_short_is_refused_not_read_as_far_as_it_goes(
    tmp_path: Path, report_text: str, keep: float
) -> None:
    """A report that stops partway (a copy or a disk that stopped): before session 53 its
    lines were read as far as they went, so a report cut before its persons or
    near-misses read as a night with none of them (every near-miss "resolved"). Cut at a
    line's end it is refused, located; cut inside a line, that line is."""
    lines = report_text.splitlines()
    cut = _write(tmp_path, lines[: max(2, int(len(lines) * keep))])
    with pytest.raises(SnapshotError, match=r"line \d+: the report stops"):
        Snapshot.from_report(cut)
    inside = tmp_path / "inside.json"
    inside.write_text(report_text[: int(len(report_text) * keep)], encoding="utf-8")
    with pytest.raises(SnapshotError, match=r"line \d+"):
        Snapshot.from_report(inside)


def test_a_report_without_persons_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "hand.json"
    path.write_text(
        '{\n  "schema_version": "1.10",\n  "generator": {"name": "oneroster-identity"},\n'
        '  "summary": {"accounts_created": 5}\n}\n',
        encoding="utf-8",
    )
    with pytest.raises(SnapshotError, match="no persons list"):
        Snapshot.from_report(path)
