"""Class enrollments per student, from ``enrollments.csv`` or REST ``/enrollments`` pages.

The app never reads enrollments for accounts, and the matcher never weighs them: two
records of one child are one child whatever classes they sit in. They are read for one
piece of advice only. A student entered twice is mended by keeping one record and retiring
the other, and the record enrolled in classes is the one the school uses
(:mod:`oneroster_identity.match`). So only a count is kept per student: a million users'
export has several million enrollment rows, which are streamed and never held.

A row counts when its role is ``student`` (or empty) and its status is not
``tobedeleted``. Rows that cannot count (no ``userSourcedId``, a user not in the roster)
are summed in one warning each rather than one per row: an export filtered to some
schools names thousands of users it leaves out.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping, Sequence

from oneroster_identity._roster_checks import near_id_words
from oneroster_identity.diagnostics import Location, Severity
from oneroster_identity.errors import RosterReadError
from oneroster_identity.io._collect import DiagnosticCollector
from oneroster_identity.io._source import CsvSource
from oneroster_identity.io._table import Table
from oneroster_identity.models import RoleFamily, User, user_columns

__all__ = ["ENROLLMENTS_COLUMNS", "EnrollmentCounter", "read_enrollments"]

ENROLLMENTS_COLUMNS = (
    "sourcedId",
    "status",
    "dateLastModified",
    "classSourcedId",
    "schoolSourcedId",
    "userSourcedId",
    "role",
    "primary",
    "beginDate",
    "endDate",
)
"""enrollments.csv (1.1 and 1.2): only userSourcedId, role and status are read."""

_NOT_STUDENT = frozenset(
    {"teacher", "administrator", "proctor", "aide", "guardian", "parent", "relative"}
)
"""Enrollment roles that are not a student's (1.1 and 1.2 vocabularies)."""


def _counts(role: str, status: str) -> bool:
    """Whether an enrollment of this role and status is one of a student's classes."""
    return (
        status.strip().casefold() != "tobedeleted" and role.strip().casefold() not in _NOT_STUDENT
    )


_VERDICTS = 256
"""Distinct (role, status) pairs whose verdict a counter keeps: a file has a handful."""


class EnrollmentCounter:
    """Counts enrollments per student as rows arrive; :meth:`counts` joins them to the
    roster's users. ``where`` names the file (CSV) or document (REST) for diagnostics."""

    def __init__(self, where: str) -> None:
        self.where = where
        self._counts: dict[str, int] = {}
        self._without_user = 0
        self._first_without_user: tuple[int | None, str | None] = (None, None)

    def add_rows(
        self,
        rows: Iterable[tuple[str, ...]],
        where: Callable[[], tuple[int | None, str | None]],
    ) -> None:
        """``(userSourcedId, role, status)`` rows, as a CSV file or a REST page gives them;
        ``where()`` locates the current row, ``(line, None)`` or ``(None, JSON path)``, read
        only for a row without a user. Each (role, status) pair is judged once: a
        million-row file costs a dictionary update a row."""
        counts = self._counts
        verdicts: dict[tuple[str, str], bool] = {}
        for user_id, role, status in rows:
            key = (role, status)
            counting = verdicts.get(key)
            if counting is None:
                counting = _counts(role, status)
                if len(verdicts) < _VERDICTS:
                    verdicts[key] = counting
            user_id = user_id.strip()
            if not user_id:
                self._no_user(*where())
            elif counting:
                counts[user_id] = counts.get(user_id, 0) + 1

    def _no_user(self, line: int | None, path: str | None) -> None:
        if not self._without_user:
            self._first_without_user = (line, path)
        self._without_user += 1

    def counts(
        self, users: Sequence[User], known: Container[str], collector: DiagnosticCollector
    ) -> Mapping[str, int]:
        """Student sourcedId -> enrollments, in the order of ``users`` (the roster's, sorted
        by sourcedId; the mapping keeps their sourcedId strings, not a second copy of a
        million ids). ``known`` holds the roster's sourcedIds, for the rows naming others.
        Only students' records are keys: another record's count is never read."""
        if self._without_user:
            line, path = self._first_without_user
            collector.add(
                "enrollment-without-user",
                Severity.WARNING,
                f"{self._without_user} enrollment row(s) have no userSourcedId; ignored",
                Location(file=self.where, line=line, column="userSourcedId", path=path),
            )
        counts = self._counts
        unknown = sorted(uid for uid in counts if uid not in known)
        if unknown:
            # No line per user is kept (a million entries for this one message): the first
            # user by sourcedId names the rows to look for.
            first = unknown[0]
            collector.add(
                "enrollment-for-missing-user",
                Severity.WARNING,
                f"{sum(counts[uid] for uid in unknown)} enrollment row(s) name {len(unknown)} "
                "user(s) not in the roster (an export filtered to some schools, or rows left "
                f"behind), {first[:60]} first by sourcedId; ignored"
                + near_id_words(users, [first], known)[first],
                Location(file=self.where, column="userSourcedId"),
                value=first[:60],
                sourced_id=first[:60],
            )
        student = RoleFamily.STUDENT
        joined = {
            uid: n
            for uid, families in user_columns(users, "sourced_id", "families")
            if student in families and (n := counts.get(uid)) is not None
        }
        self._counts = {}
        # a plain dict: a Roster pickles (a mappingproxy does not), for process pools
        return joined


def read_enrollments(
    source: CsvSource, encoding: str, collector: DiagnosticCollector
) -> EnrollmentCounter | None:
    """The enrollments of ``enrollments.csv`` counted per user, or ``None`` when the export
    has none (or one that cannot be read, which is a warning: enrollments only refine
    advice, and never stop a read)."""
    if not source.has("enrollments.csv"):
        return None
    try:
        table = Table(
            source, "enrollments.csv", ENROLLMENTS_COLUMNS, ("userSourcedId",), encoding, collector
        )
    except RosterReadError as exc:
        collector.ignored(exc, "enrollments.csv")
        return None
    counter = EnrollmentCounter(table.file)
    try:
        counter.add_rows(
            table.picked("userSourcedId", "role", "status"), lambda: (table.line, None)
        )
    except RosterReadError as exc:  # a line that cannot be decoded, past the header
        collector.ignored(exc, "enrollments.csv")
        return None
    return counter
