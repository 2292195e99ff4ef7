"""Command line: ``oneroster-identity check ROSTER`` - the pre-sync self-check.

Exit codes: 0 nothing to fix, 1 problems found, 2 bad input or usage, 3 an internal
error (a bug: one line says what to report; ``--debug`` shows the traceback). Bad input
prints one located message and no traceback. Raw values are never logged. When the
reader of the output goes away (``check ... | head``), the exit code is still the
check's own.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from importlib.resources import as_file, files
from pathlib import Path
from typing import IO

from oneroster_identity._malloc import limit_heap_retention
from oneroster_identity.advice import FixListOutcome, check_fix_list
from oneroster_identity.errors import (
    DecisionsError,
    ExistingAccountsError,
    OneRosterIdentityError,
    RosterReadError,
    StrictModeError,
)
from oneroster_identity.existing import ExistingCheck, check_existing, read_existing_accounts
from oneroster_identity.io import REST_SUFFIXES, find_rosters, read_roster
from oneroster_identity.match import Decision, MatchResult, match
from oneroster_identity.policy import Policy
from oneroster_identity.report import (
    Redaction,
    write_csv_fixes,
    write_html,
    write_json,
    write_text,
)
from oneroster_identity.review import apply_decisions, read_decisions
from oneroster_identity.verdict import verdict

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130


def _policy_options(command: argparse.ArgumentParser) -> None:
    """The policy options, the same for ``check`` and ``check-many``."""
    command.add_argument("--region", default="US", help="default phone region (default US)")
    command.add_argument(
        "--district-domain",
        action="append",
        default=[],
        metavar="DOMAIN",
        help="a district email domain (repeatable); without one, the domains most staff "
        "emails use are inferred and reported",
    )
    command.add_argument(
        "--no-domain-inference",
        dest="infer_district_domains",
        action="store_false",
        help="do not infer district email domains from the staff records",
    )
    command.add_argument(
        "--staff-guardian",
        choices=("merge", "separate"),
        default="merge",
        help="one account for a staff member who is a guardian, or two",
    )
    command.add_argument(
        "--shared-credentials",
        choices=("allowed", "unique-required"),
        default="allowed",
        help="app behaviour for shared emails/phones",
    )
    command.add_argument(
        "--identity-phone",
        default="sms",
        help="phone column(s) used as the login credential: sms, phone or sms,phone",
    )
    command.add_argument(
        "--strict-normalization", action="store_true", help="only byte-identical values are equal"
    )
    command.add_argument(
        "--max-students-per-guardian",
        type=int,
        default=12,
        metavar="N",
        help="a guardian linked to more students is no family (an office, a caseworker): "
        "its links are not family evidence, and a finding names it (default 12)",
    )
    command.add_argument(
        "--export-date",
        metavar="YYYY-MM-DD",
        help="the day the roster was exported: a birth date after it is no one's, no "
        "evidence, and a finding (default: the newest dateLastModified in the export)",
    )
    command.add_argument(
        "--no-identifier-evidence",
        dest="identifier_evidence",
        action="store_false",
        help="do not read a shared userMasterIdentifier (state ID) as evidence of one person",
    )


def _count(text: str) -> int:
    """A whole number of zero or more (``--limit``): argparse reports anything else."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    from oneroster_identity import __version__

    parser = argparse.ArgumentParser(
        prog="oneroster-identity",
        description="Predict the accounts a OneRoster sync will create, before you press sync.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="on an internal error, print the traceback (it may show roster values)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check a roster and report what the sync will do")
    check.add_argument(
        "roster",
        nargs="?",
        help="a CSV directory (or a folder holding one), a .zip, a REST .json file or a "
        "folder of REST .json pages",
    )
    check.add_argument("--sample", action="store_true", help="check the bundled sample roster")
    check.add_argument(
        "--base",
        metavar="ROSTER",
        help="ROSTER is a delta export: apply it to this full roster first",
    )
    check.add_argument(
        "--format",
        choices=("text", "json", "csv", "html"),
        default="text",
        help="report format (csv: the fix list for the SIS team)",
    )
    check.add_argument(
        "--existing",
        metavar="CSV",
        help="export of the accounts already in the app (with --sample: the bundled one)",
    )
    check.add_argument(
        "--allow-contact-updates",
        action="store_true",
        help="the app setting that lets the sync update contact details of joined users",
    )
    check.add_argument("--existing-encoding", default="utf-8", help="encoding of --existing")
    check.add_argument(
        "--decisions",
        metavar="CSV",
        help="reviewed decisions (item, decision: two-people or intended): the items they "
        "name are set aside and listed, not counted (see docs/review.md)",
    )
    check.add_argument(
        "--after-fixes",
        action="store_true",
        help="check again as if the fix list's set rows were typed, and report what they "
        "change (accounts, people split, items made one person) and any row that would "
        "merge people or type a flagged value; a second check: about twice the time",
    )
    check.add_argument("-o", "--output", help="write the report here instead of stdout")
    check.add_argument(
        "--redact",
        nargs="?",
        const="contacts",
        choices=("contacts", "all"),
        help="mask emails, phones and state IDs; --redact all also masks names (sourcedIds stay)",
    )
    _policy_options(check)
    check.add_argument(
        "--strict", action="store_true", help="stop on any reader warning (default: lenient)"
    )
    check.add_argument("--encoding", default="utf-8", help="roster encoding, e.g. iso-8859-1")
    check.add_argument(
        "--fallback-encoding",
        metavar="ENCODING",
        help="read a roster that is not valid in --encoding in this one instead (cp1252: "
        "Excel on Windows); the report says so",
    )
    check.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    check.add_argument(
        "--fail-on",
        choices=("warnings", "blocking"),
        default="warnings",
        help="exit 1 when the verdict has warnings or blockers (default), or only blockers",
    )
    cmp = sub.add_parser(
        "compare",
        help="what the next sync changes for identity: two snapshots compared",
        description="OLD and NEW are each a roster (directory, .zip or REST .json), a delta "
        "(with --old-base / --new-base), or a saved JSON report of an earlier check. Exit 0 "
        "when nothing new needs action, 1 when something does (a split, a new near-miss, "
        "more rows rejected or reading errors than OLD), 2 for bad input.",
    )
    cmp.add_argument("old", help="last night's roster or JSON report")
    cmp.add_argument("new", help="tonight's roster or JSON report")
    cmp.add_argument("--old-base", metavar="ROSTER", help="OLD is a delta applied to this roster")
    cmp.add_argument("--new-base", metavar="ROSTER", help="NEW is a delta applied to this roster")
    cmp.add_argument("--format", choices=("text", "json", "csv", "html"), default="text")
    cmp.add_argument("-o", "--output", help="write the report here instead of stdout")
    cmp.add_argument("--encoding", default="utf-8", help="roster encoding")
    cmp.add_argument(
        "--fallback-encoding",
        metavar="ENCODING",
        help="read a roster that is not valid in --encoding in this one instead (cp1252: "
        "Excel on Windows)",
    )
    cmp.add_argument(
        "--decisions",
        metavar="CSV",
        help="reviewed decisions, applied to each roster checked (a saved report has them "
        "applied already when its check had them)",
    )
    cmp.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="2: check OLD in a second process while NEW is checked (about one check's "
        "time on two cores, twice the memory); default 1",
    )
    cmp.add_argument(
        "--allow-contact-updates",
        action="store_true",
        help="the app setting that lets the sync update contact details of joined users",
    )
    _policy_options(cmp)
    many = sub.add_parser(
        "check-many",
        help="check many rosters (one district each) and write one summary",
        description="Check each roster independently with the same policy; write "
        "OUT/<name>.json per roster and OUT/summary.csv and summary.json. Exit 0 all ok, "
        "1 any problems, 2 any roster unreadable.",
    )
    many.add_argument(
        "rosters",
        nargs="+",
        metavar="ROSTER",
        help="CSV directories, .zip or REST .json files, .txt files listing them, or "
        "folders holding them",
    )
    many.add_argument("--output-dir", "-o", required=True, metavar="OUT", help="output folder")
    many.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    many.add_argument(
        "--decisions-dir",
        metavar="DIR",
        help="each district's reviewed decisions as DIR/<name>.csv (<name>: its report's name)",
    )
    many.add_argument(
        "--existing-dir",
        metavar="DIR",
        help="each district's export of the accounts already in the app as DIR/<name>.csv "
        "(checked as check --existing checks one)",
    )
    many.add_argument(
        "--allow-contact-updates",
        action="store_true",
        help="the app setting that lets the sync update contact details of joined users",
    )
    many.add_argument("--encoding", default="utf-8", help="the rosters' encoding (default utf-8)")
    many.add_argument(
        "--fallback-encoding",
        metavar="ENCODING",
        help="read a roster that is not valid in --encoding in this one instead (cp1252: "
        "Excel on Windows); the summary's encoding column says which was used",
    )
    many.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="a Dask scheduler address (tcp://host:8786); needs the dask extra",
    )
    many.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    _policy_options(many)
    check.add_argument(
        "--limit",
        type=_count,
        default=15,
        metavar="N",
        help="items listed per section of the text report (default 15)",
    )
    return parser


class _Progress:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.start = time.perf_counter()

    def __call__(self, message: str) -> None:
        if self.enabled:
            elapsed = time.perf_counter() - self.start
            print(f"[{elapsed:6.1f}s] {message}", file=sys.stderr, flush=True)


def _bad_input(exc: OneRosterIdentityError) -> int:
    """Print one located message (all of them in strict mode), no traceback; exit 2."""
    if isinstance(exc, RosterReadError | ExistingAccountsError | DecisionsError):
        print(exc.diagnostic.format(), file=sys.stderr)  # already "error[code] ... @ where"
    elif isinstance(exc, StrictModeError):
        print(str(exc), file=sys.stderr)
    else:
        print(f"error: {exc}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _policy(args: argparse.Namespace) -> Policy | None:
    """The policy the options ask for, or ``None`` after printing why it is not valid."""
    try:
        return Policy(
            region=args.region,
            district_domains=tuple(args.district_domain),
            infer_district_domains=args.infer_district_domains,
            staff_guardian=args.staff_guardian,
            shared_credentials=args.shared_credentials,
            identity_phone_fields=tuple(p.strip() for p in args.identity_phone.split(",")),
            strict_normalization=args.strict_normalization,
            identifier_evidence=args.identifier_evidence,
            max_students_per_guardian=args.max_students_per_guardian,
            export_date=args.export_date,
            allow_contact_updates=getattr(args, "allow_contact_updates", False),
        )
    except (OneRosterIdentityError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def _roster_paths(arguments: Sequence[str]) -> list[str]:
    """The rosters given: each argument, or for a ``.txt`` file the paths it lists (one a
    line, relative to the list's folder; blank lines and ``#`` comments skipped), or for
    a folder without ``users.csv`` the roster folders below it (:func:`find_rosters`)."""
    paths: list[str] = []
    folders: list[Path] = []
    for argument in arguments:
        listed = Path(argument)
        if listed.suffix.casefold() == ".txt" and listed.is_file():
            for line in listed.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    entry = Path(line)
                    paths.append(str(entry if entry.is_absolute() else listed.parent / entry))
        else:
            found = find_rosters(argument)
            paths.extend(str(roster) for roster in found)
            if found != [listed]:
                folders.append(listed)
    taken = {Path(path).resolve() for path in paths}
    for folder in folders:
        _note_json_left(folder, taken)
    return paths


def _note_json_left(folder: Path, taken: set[Path]) -> None:
    """Say which ``.json`` files directly in a portfolio folder were not taken as rosters
    (``taken``: the rosters given, resolved): a folder's JSON files may be saved reports
    (``check-many``'s own among them), so only a REST roster named as an argument is
    checked, and none is left out unsaid."""
    try:
        left = sorted(
            e.name
            for e in os.scandir(folder)
            if e.name.casefold().endswith(REST_SUFFIXES)
            and not e.name.startswith(".")
            and e.is_file()
            and Path(e.path).resolve() not in taken
        )
    except OSError:
        return
    if left:
        shown = ", ".join(left[:5]) + (f" and {len(left) - 5} more" if len(left) > 5 else "")
        print(
            f"note: {len(left)} .json file(s) in {folder} not checked: {shown} (a folder's "
            "JSON files may be saved reports; name a REST roster as its own argument to "
            "check it)",
            file=sys.stderr,
        )


def _jobs_given_well(jobs: int) -> bool:
    """Whether ``--jobs`` is a number of processes (1 or more); says so on stderr if not."""
    if jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return False
    return True


def _codecs_known(args: argparse.Namespace) -> bool:
    """Whether the fallback encoding and, for ``check-many``, the encoding are ones the
    readers can use (known to Python, reading ASCII as ASCII); says which is not. (``check``'s and ``compare``'s ``--encoding`` is the
    reader's to refuse, with the roster's location.)"""
    options = [("--fallback-encoding", args.fallback_encoding)]
    if args.command == "check-many":
        options.insert(0, ("--encoding", args.encoding))
    from oneroster_identity.io import encoding_problem

    for option, value in options:
        problem = None if value is None else encoding_problem(value)
        if problem is not None:
            print(f"error: {option}: {problem} (such as utf-8, cp1252)", file=sys.stderr)
            return False
    return True


def _district_folders_usable(args: argparse.Namespace, paths: Sequence[str]) -> bool:
    """``--decisions-dir`` and ``--existing-dir`` must be folders (a mistyped one checked
    every district without its file, unsaid, before session 53); a folder holding no
    file of any district's name gets a note, since that is likelier a naming slip than a
    portfolio with nothing to add."""
    from oneroster_identity.batch import roster_names

    names = roster_names(paths)
    for option, folder in (
        ("--decisions-dir", args.decisions_dir),
        ("--existing-dir", args.existing_dir),
    ):
        if folder is None:
            continue
        if not Path(folder).is_dir():
            print(f"error: {option}: {folder} is not a folder", file=sys.stderr)
            return False
        if not any((Path(folder) / f"{name}.csv").is_file() for name in names):
            shown = ", ".join(f"{name}.csv" for name in names[:3])
            more = ", ..." if len(names) > 3 else ""
            print(
                f"note: {option} {folder} holds no file named for a district "
                f"(expected {shown}{more}): every district is checked without one",
                file=sys.stderr,
            )
    return True


def _check_many(args: argparse.Namespace) -> int:
    from oneroster_identity.batch import check_many

    policy = _policy(args)
    if policy is None:
        return EXIT_BAD_INPUT
    if not _jobs_given_well(args.jobs):
        return EXIT_BAD_INPUT
    if not _codecs_known(args):
        return EXIT_BAD_INPUT
    paths = _roster_paths(args.rosters)
    if not paths:
        print("error: no roster given", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not _district_folders_usable(args, paths):
        return EXIT_BAD_INPUT
    try:
        Path(args.output_dir).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        # (a read-only place, or a file of that name: before session 53 an "internal error")
        print(
            f"error: cannot write the output folder {args.output_dir}: {exc.strerror}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    progress = _Progress(enabled=not args.quiet and sys.stderr.isatty())
    try:
        result = check_many(
            paths,
            args.output_dir,
            policy=policy,
            jobs=args.jobs,
            scheduler=args.scheduler,
            progress=lambda s: progress(f"{s.roster}: {s.verdict or s.status}"),
            decisions_dir=args.decisions_dir,
            existing_dir=args.existing_dir,
            encoding=args.encoding,
            fallback_encoding=args.fallback_encoding,
        )
    except OSError as exc:
        # The batch's own files (its summary) that a full disk or a share gone refuses:
        # one line, not an "internal error" (since session 56). A district's report that
        # cannot be written is that district's row.
        where = f" at {exc.filename}" if exc.filename else ""
        print(
            f"error: the batch stopped{where}: {exc.strerror or exc}; the rows of the "
            f"rosters checked so far are in {Path(args.output_dir) / 'summary.partial.jsonl'}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    counts = {
        k: sum(1 for s in result.summaries if s.status == k) for k in ("ok", "problems", "error")
    }
    blocked = sum(1 for s in result.summaries if s.verdict == "blocked")
    print(
        f"{len(result.summaries)} rosters: {counts['ok']} ok, {counts['problems']} with problems "
        f"({blocked} blocked), {counts['error']} not checked (unreadable, or a report that "
        f"could not be written); summary in {Path(args.output_dir) / 'summary.csv'}"
    )
    return result.exit_code


def _compare(args: argparse.Namespace) -> int:
    from oneroster_identity.compare import (
        SnapshotError,
        compare,
        load_snapshots,
        write_comparison_csv,
        write_comparison_html,
        write_comparison_json,
        write_comparison_text,
    )

    policy = _policy(args)
    if policy is None or not _codecs_known(args):
        return EXIT_BAD_INPUT
    if not _jobs_given_well(args.jobs):
        return EXIT_BAD_INPUT
    if args.jobs > 2:
        print(
            f"note: compare checks two snapshots, so --jobs {args.jobs} runs as --jobs 2",
            file=sys.stderr,
        )
    try:
        decisions = read_decisions(args.decisions) if args.decisions else ()
        old, new = load_snapshots(
            args.old,
            args.new,
            decisions=decisions,
            old_base=args.old_base,
            new_base=args.new_base,
            policy=policy,
            encoding=args.encoding,
            fallback_encoding=args.fallback_encoding,
            jobs=args.jobs,
        )
    except (StrictModeError, RosterReadError, SnapshotError, DecisionsError) as exc:
        return _bad_input(exc)
    comparison = compare(old, new, hash_key=_hash_key())
    status = EXIT_PROBLEMS if comparison.needs_action else EXIT_OK

    def write(out: IO[str]) -> None:
        if args.format == "json":
            write_comparison_json(comparison, out, old=args.old, new=args.new)
        elif args.format == "csv":
            write_comparison_csv(comparison, out)
        elif args.format == "html":
            write_comparison_html(comparison, out, old=args.old, new=args.new)
        else:
            write_comparison_text(comparison, out, old=args.old, new=args.new)

    return _emit(args.output, write, status)


def _check(args: argparse.Namespace) -> int:
    if bool(args.roster) == bool(args.sample):
        print("error: give a ROSTER path or --sample (not both)", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.after_fixes and args.format == "csv":
        print(
            "error: --after-fixes reports in the text, json and html formats (the csv "
            "format is the fix list itself)",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    policy = _policy(args)
    if policy is None or not _codecs_known(args):
        return EXIT_BAD_INPUT
    progress = _Progress(enabled=not args.quiet and sys.stderr.isatty())
    with ExitStack() as stack:
        data = files("oneroster_identity.data")
        existing_path: Path | None = Path(args.existing) if args.existing else None
        if args.sample:
            path = stack.enter_context(as_file(data.joinpath("sample")))
            source = "bundled sample roster"
            if existing_path is None:
                existing_path = stack.enter_context(
                    as_file(data.joinpath("sample_existing_accounts.csv"))
                )
        else:
            path = Path(args.roster)
            source = str(args.roster)
        progress(f"reading {source}")
        try:
            roster = read_roster(
                path,
                encoding=args.encoding,
                strict=args.strict,
                base=args.base,
                fallback_encoding=args.fallback_encoding,
            )
        except (StrictModeError, RosterReadError) as exc:
            return _bad_input(exc)
        decisions: tuple[Decision, ...] = ()
        if args.decisions:
            try:
                decisions = read_decisions(args.decisions)
            except DecisionsError as exc:
                return _bad_input(exc)
        progress(f"read {len(roster.users)} users; matching")
        result = apply_decisions(match(roster, policy), decisions)
        progress(f"{len(result.persons)} persons, {len(result.near_misses)} near-misses")
        existing: ExistingCheck | None = None
        if existing_path is not None:
            progress("checking existing app accounts")
            try:
                accounts = read_existing_accounts(
                    existing_path, encoding=args.existing_encoding, strict=args.strict
                )
            except (StrictModeError, ExistingAccountsError) as exc:
                return _bad_input(exc)
            existing = check_existing(roster, result, accounts)
        after: FixListOutcome | None = None
        if args.after_fixes:
            progress("checking the roster as the fix list leaves it")
            after = check_fix_list(roster, result)
        outcome = verdict(result, existing)
        failing = ("blocked",) if args.fail_on == "blocking" else ("blocked", "warnings")
        status = EXIT_PROBLEMS if outcome.status in failing else EXIT_OK
        progress("writing the report")
        written = _emit(
            args.output,
            lambda out: _write(
                args, result, existing, out, source=source, version=roster.version, after=after
            ),
            status,
        )
        if written == status:
            progress("done")
        return written


def _emit(path: str | None, write: Callable[[IO[str]], None], status: int) -> int:
    """Write a report with ``write`` to ``path`` (or stdout) and return ``status``.

    The reader of stdout going away (``| head``) cuts the report short, and the status
    still tells a script whether problems were found. A write that fails (a full disk, a
    network share gone; before session 56 an "internal error") is said in one line and
    returns ``EXIT_BAD_INPUT``; a file it cut short is removed, so that no half report
    is read back as last night's by ``compare`` (a symlink or a device is left alone)."""
    if not path:
        try:
            write(sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
        except OSError as exc:
            _silence_stdout()
            print(
                f"error: cannot write the report to standard output: {exc.strerror or exc}",
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
        return status
    opened = False
    try:
        with open(path, "w", encoding="utf-8", newline="") as out:
            opened = True
            write(out)
    except OSError as exc:
        said = f"error: cannot write {path}: {exc.strerror or exc}"
        if opened and os.path.isfile(path) and not os.path.islink(path):
            try:
                os.remove(path)
                said += " (the report was cut short there and is removed)"
            except OSError:
                said += " (the report there is cut short)"
        print(said, file=sys.stderr)
        return EXIT_BAD_INPUT
    return status


def _write(
    args: argparse.Namespace,
    result: MatchResult,
    existing: ExistingCheck | None,
    out: IO[str],
    *,
    source: str,
    version: str,
    after: FixListOutcome | None = None,
) -> None:
    if args.format == "json":
        write_json(
            result,
            out,
            source=source,
            version=version,
            redact=_redaction(args.redact),
            existing=existing,
            after=after,
        )
    elif args.format == "csv":
        write_csv_fixes(result, out, redact=_redaction(args.redact), existing=existing)
    elif args.format == "html":
        write_html(
            result,
            out,
            source=source,
            redact=_redaction(args.redact),
            existing=existing,
            after=after,
        )
    else:
        write_text(
            result,
            out,
            source=source,
            redact=_redaction(args.redact),
            existing=existing,
            limit=args.limit,
            after=after,
        )
    out.flush()


HASH_KEY_ENV = "ONEROSTER_IDENTITY_HASH_KEY"
"""Environment variable holding the secret key of contact hashes in redacted reports."""


def _hash_key() -> bytes | None:
    key = os.environ.get(HASH_KEY_ENV, "")
    return key.encode("utf-8") if key else None


def _redaction(choice: str | None) -> Redaction | bool:
    """``--redact`` -> contacts masked; ``--redact all`` -> names too; absent -> nothing.
    With ``$ONEROSTER_IDENTITY_HASH_KEY`` set, the JSON report keeps keyed contact hashes."""
    if choice is None:
        return False
    return Redaction(contacts=True, names=choice == "all", hash_key=_hash_key())


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush raises nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout without a descriptor
        pass


def _internal_error(exc: BaseException, debug: bool) -> int:
    """One line that says what happened and what to report; the traceback with --debug."""
    from oneroster_identity import __version__

    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    print(
        f"internal error: {type(exc).__name__} in oneroster-identity {__version__}. "
        "This is a bug, not a problem in the roster: please report it with the command "
        "you ran"
        + ("" if debug else " and the traceback that --debug prints (it may show roster values)"),
        file=sys.stderr,
    )
    return EXIT_INTERNAL


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``oneroster-identity`` command (exit codes: see the module).

    The command is its own process, so it lets glibc give large freed blocks back to the
    system (:mod:`oneroster_identity._malloc`: a 1M-user check peaks about 85 MB lower);
    the library never changes that setting on its own."""
    args = _parser().parse_args(argv)
    limit_heap_retention()
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "check-many":
            return _check_many(args)
        if args.command == "compare":
            return _compare(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OneRosterIdentityError as exc:
        return _bad_input(exc)
    except Exception as exc:
        return _internal_error(exc, args.debug)
    return EXIT_BAD_INPUT  # pragma: no cover - argparse enforces the subcommand


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
