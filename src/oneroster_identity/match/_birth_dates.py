"""Birth dates that are no one's: the dates a run reads as no evidence, and its findings.

A birth date is strong evidence on students (the same name and birth date: one child
entered twice; another date: two children), so a date that only looks like one does
harm either way. Four kinds are read as none (the user keeps the value):

- a stand-in for an unknown date (January 1st, a year before 1950 or after 2099:
  :func:`~oneroster_identity.match._records.is_stand_in_birth_date`, in the facts);
- a day far more records hold than are born on one day, an SIS's fill-in
  (:func:`crowded_birth_dates`, since session 44);
- a day after the export, no one's (:func:`export_day`, since session 45);
- a day years from those of the roster's own records of its grade, another date typed
  into the field (:func:`forget_out_of_grade_birth_dates`, since session 45).

:func:`check_birth_dates` takes them out of a run's facts and says which and why
(:class:`BirthDateCheck`: its findings, and the words a student entered twice is told
when the record kept carries one). Split from ``_records`` and ``_findings`` in session
45 (one job each).
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence

import attrs

from oneroster_identity._moments import as_utc
from oneroster_identity.diagnostics import Severity
from oneroster_identity.match._findings import RELATED_SHOWN
from oneroster_identity.match._model import Finding
from oneroster_identity.match._records import RecordFacts, is_stand_in_birth_date
from oneroster_identity.models import RoleFamily, User, user_columns
from oneroster_identity.normalize._grades import grade_level
from oneroster_identity.policy import Policy

__all__ = [
    "GRADE_OLDER",
    "GRADE_SHARE",
    "GRADE_YOUNGER",
    "MOST_AHEAD",
    "MOST_LATE",
    "BirthDateCheck",
    "ExportDay",
    "GradeCohorts",
    "OutOfGrade",
    "UnrealBirthDates",
    "check_birth_dates",
    "crowded_birth_dates",
    "export_day",
    "far_from_grades",
    "forget_out_of_grade_birth_dates",
    "forget_unreal_birth_dates",
    "read_export_day",
]


@attrs.frozen
class BirthDateCheck:
    """What a run read of its birth dates (:func:`check_birth_dates`)."""

    unreal: UnrealBirthDates
    cohorts: GradeCohorts
    read_off: dt.date | None
    """The day read off the export (or given), before it was trusted."""
    given: bool
    """Whether the day is the policy's ``export_date``."""
    ahead: tuple[tuple[str, dt.date], ...] = ()
    """The records whose ``dateLastModified`` the day leaves out, a year or more after
    every other's (:attr:`ExportDay.ahead`)."""

    @property
    def day(self) -> dt.date | None:
        """The day birth dates were checked against (``MatchResult.export_date``)."""
        return self.unreal.day

    def dateless(self) -> dict[str, str]:
        """The records whose birth date the run read as none, with why in words (a
        student entered twice is told to give the record kept its real date)."""
        crowded = self.unreal.crowded
        out = dict.fromkeys(
            (sid for sids in crowded.values() for sid in sids),
            "a day on far more records than are born on one day",
        )
        out.update((sid, "a day after the export") for sid, _ in self.unreal.late)
        out.update(
            (o.sourced_id, "years from the birth dates of its grade")
            for o in self.cohorts.out_of_grade
        )
        return out

    def findings(self) -> Iterator[Finding]:
        """The findings: one per crowded day, one per late record (or one saying the
        export's day was not trusted), one per record far from its grade."""
        yield from crowded_birth_date_findings(self.unreal.crowded)
        if self.read_off is not None:
            yield from modified_ahead_findings(self.ahead, self.read_off)
        if self.unreal.day is not None:
            yield from births_after_export_findings(
                self.unreal.late, self.unreal.day, given=self.given, left_out=len(self.ahead)
            )
        elif self.unreal.untrusted and self.read_off is not None:
            yield untrusted_export_day_finding(self.unreal.untrusted, self.read_off)
        yield from map(out_of_grade_finding, self.cohorts.out_of_grade)


def check_birth_dates(
    facts: dict[str, RecordFacts], users: Sequence[User], policy: Policy
) -> BirthDateCheck:
    """Take every birth date that is no one's out of a run's ``facts`` (see the module
    doc) and say which and why."""
    read = read_export_day(users, policy)
    given = policy.export_date is not None
    unreal = forget_unreal_birth_dates(facts, read.day, given=given)
    days = {*unreal.crowded, *(born for _, born in unreal.late)}
    cohorts = forget_out_of_grade_birth_dates(facts, users, days)
    return BirthDateCheck(
        unreal=unreal, cohorts=cohorts, read_off=read.day, given=given, ahead=read.ahead
    )


@attrs.frozen
class ExportDay:
    """The day a roster's birth dates are checked against, as read (:func:`read_export_day`)."""

    day: dt.date | None
    """The policy's ``export_date``, else the newest ``dateLastModified`` but those
    ``ahead``, at the last time zone; ``None`` when no user has one."""
    ahead: tuple[tuple[str, dt.date], ...] = ()
    """The records whose ``dateLastModified`` is more than a year after every other
    record's (:data:`MOST_AHEAD`), with their day, by sourcedId: a slip of the year
    (``2062`` for ``2026``) or a stand-in, no day of the export (since session 47)."""


MOST_AHEAD = 10
"""At most this many records (and one in :data:`AHEAD_SHARE` of the dated ones) may be
left out of the export's newest ``dateLastModified`` for lying more than a year after
every other record's. A district's records are changed every year (a grade moves up), so
the newest dates sit days from the export; a few years beyond the rest are slips, and a
roster too small to say (under a thousand dated records) is read as it is."""
AHEAD_SHARE = 1000
_AHEAD_GAP = dt.timedelta(days=366)


def export_day(users: Sequence[User], policy: Policy) -> dt.date | None:
    """The day a roster's birth dates are checked against (``Policy.export_date``): the
    policy's, else the newest ``dateLastModified`` of ``users`` (the export was made that
    day or later, and no record is changed before its person is born) but a few a year
    or more ahead of all the others (:func:`read_export_day`), else ``None``."""
    return read_export_day(users, policy).day


def read_export_day(users: Sequence[User], policy: Policy) -> ExportDay:
    """:func:`export_day`, with the records whose ``dateLastModified`` it left out."""
    if policy.export_date is not None:
        return ExportDay(policy.export_date)
    # one C-level pass for the newest few (a real export's moments are as many as its
    # records); the records ahead are looked up only when there are some
    moments = [m for (m,) in user_columns(users, "date_last_modified") if m is not None]
    try:
        top = heapq.nlargest(MOST_AHEAD + 1, moments)
    except TypeError:  # naive and aware moments mixed (an API caller's users)
        moments = list(map(as_utc, moments))
        top = heapq.nlargest(MOST_AHEAD + 1, moments)
    if not top:
        return ExportDay(None)
    top = list(map(as_utc, top))
    ahead = 0  # the newest moments more than a year after all the others
    for i in range(min(MOST_AHEAD, len(top) - 1), 0, -1):
        if top[i - 1] - top[i] > _AHEAD_GAP and i * AHEAD_SHARE <= len(moments):
            ahead = i
            break
    day = _local_day(top[ahead])
    if not ahead:
        return ExportDay(day)
    cutoff = top[ahead]
    found = sorted(
        (sid, _local_day(as_utc(m)))
        for sid, m in user_columns(users, "sourced_id", "date_last_modified")
        if m is not None and as_utc(m) > cutoff + _AHEAD_GAP
    )
    return ExportDay(day, tuple(found))


def _local_day(moment: dt.datetime) -> dt.date:
    """The calendar day it already was somewhere at a UTC ``moment`` (UTC+14): a birth
    date is a local day."""
    return (moment + _LATEST_OFFSET).date()


_LATEST_OFFSET = dt.timedelta(hours=14)
"""The farthest any time zone is ahead of UTC (Kiribati's Line Islands)."""


def crowded_birth_dates(dates: Iterable[dt.date | None]) -> dict[dt.date, int]:
    """Birth dates held by far more records than are born on one day: date -> records.

    An SIS that fills an unknown birth date with a day of its own (the first day of
    school, the day of an import) puts it on tens or hundreds of students, and namesakes
    among them would look born the same day, "one child entered twice". January 1st and
    years before 1950 are caught by :func:`is_stand_in_birth_date`; any other day is only
    told apart by its count. A day's count is compared with the births per day around it:
    the month before it or the month after it, whichever holds more (a roster's dates end
    where its youngest and oldest cohorts do, so one side of a day near either end is
    empty; the day itself is left out). A day holding more than half again that rate
    and more than the rate plus six of its standard deviations (the Poisson tail past
    that is below one in a billion; weekdays and seasons swing real births by far less
    than half), and ten more, is crowded: twins and triplets, and a small roster's few
    records of one day (a test's, a class of twins), stay under that; a district's
    fill-in does not.

    >>> days = [dt.date(2015, 3, 1) + dt.timedelta(days=i % 300) for i in range(600)]
    >>> crowded_birth_dates(days + [dt.date(2015, 9, 1)] * 40)
    {datetime.date(2015, 9, 1): 42}
    >>> crowded_birth_dates(days + [dt.date(2015, 9, 1)] * 8)
    {}
    """
    return _crowded_days(Counter(d for d in dates if d is not None))


def _crowded_days(on_day: Mapping[dt.date, int]) -> dict[dt.date, int]:
    """:func:`crowded_birth_dates` of the records per day."""
    if not on_day:
        return {}
    days = sorted(on_day)
    ordinals = [d.toordinal() for d in days]
    running = [0]  # running[i]: the records of days[:i]
    for day in days:
        running.append(running[-1] + on_day[day])
    crowded: dict[dt.date, int] = {}
    for i, day in enumerate(days):
        count = on_day[day]
        if count < _MORE:  # under the least count that can be crowded: most days
            continue
        n = ordinals[i]
        before = running[i] - running[bisect_left(ordinals, n - _AROUND)]
        after = running[bisect_right(ordinals, n + _AROUND)] - running[i + 1]
        rate = max(before, after) / _AROUND
        if count >= max(1.5 * rate, rate + 6 * math.sqrt(rate)) + _MORE:
            crowded[day] = count
    return crowded


_AROUND = 30
"""The days on each side of a birth date whose births give the rate it is compared with."""
_MORE = 10
"""Records a crowded day holds beyond what the rate around it explains."""


@attrs.frozen
class UnrealBirthDates:
    """The birth dates a run reads as none (:func:`forget_unreal_birth_dates`)."""

    crowded: dict[dt.date, list[str]]
    """Each :func:`crowded_birth_dates` date with its records, by sourcedId."""
    late: list[tuple[str, dt.date]]
    """Each record whose date is after the day of the export, with the date, by sourcedId."""
    day: dt.date | None
    """The day checked against; ``None`` when none was (no day, or one not trusted)."""
    untrusted: int = 0
    """Records dated after a day read off the export that were too many to be slips
    (:data:`MOST_LATE`): the day, not their dates, is wrong, and ``day`` is ``None``."""


MOST_LATE = 100
"""Of the dated records, at most one in this many (and ten more) may be after a day read
off the export for the day to be trusted: slips are rare, while an export whose
``dateLastModified`` is no day of change (a creation date, a constant) puts whole
cohorts after it."""


def forget_unreal_birth_dates(
    facts: dict[str, RecordFacts], day: dt.date | None, *, given: bool = False
) -> UnrealBirthDates:
    """Take the birth dates that are no one's out of a run's ``facts`` (no evidence, as a
    stand-in date is not; the user keeps the date) and return them:

    - each :func:`crowded_birth_dates` date with its records;
    - each record whose date is after ``day`` (:func:`export_day`; nothing when ``None``):
      no one on the roster is born after the export, so the date is a slip (``2051`` for
      ``2015``) or another date typed into the field, and it says neither that two
      records are one child nor that they are two. A crowded day after ``day`` is
      listed as crowded. A ``day`` read off the export (not ``given`` by the policy) that
      more than one in :data:`MOST_LATE` of the dated records (and ten) are after is no
      day of the export: nothing is taken for it.

    One pass over the facts when no date is crowded or late (the days are told apart by
    their counts)."""
    on_day = Counter(b for f in facts.values() if (b := f.birth_date) is not None)
    crowded = _crowded_days(on_day)
    late = set() if day is None else {d for d in on_day if d > day and d not in crowded}
    after = sum(on_day[d] for d in late)
    untrusted = 0
    if not given and after > 10 + on_day.total() // MOST_LATE:
        late, untrusted, day = set(), after, None
    holders: dict[dt.date, list[str]] = {d: [] for d in crowded}
    born_late: list[tuple[str, dt.date]] = []
    if crowded or late:
        for sid, f in facts.items():
            born = f.birth_date
            if born in holders:
                holders[born].append(sid)
            elif born in late:
                born_late.append((sid, born))
            else:
                continue
            facts[sid] = attrs.evolve(f, birth_date=None)
    return UnrealBirthDates(
        crowded={d: sorted(sids) for d, sids in holders.items()},
        late=sorted(born_late),
        day=day,
        untrusted=untrusted,
    )


@attrs.frozen
class OutOfGrade:
    """A record whose birth date is far from those of its grade
    (:func:`forget_out_of_grade_birth_dates`)."""

    sourced_id: str
    birth_date: dt.date
    grade: int
    """The record's grade level (the lowest, for a record of several)."""
    middle: dt.date
    """The middle (median) birth date of the grade's other records."""


GRADE_OLDER = dt.timedelta(days=5 * 365)
"""How much earlier than the middle birth date of its grade's records a birth date may lie
before it is no evidence: a grade's children are born within about a year of its middle,
and a child held back twice, or a student of 21 in a twelfth grade, is within four years
of it; a guardian's date (a third grader of forty) is not."""
GRADE_YOUNGER = dt.timedelta(days=int(3.5 * 365))
"""How much later than its grade's middle birth date a birth date may lie: a child who
skipped two grades is within three years of it; the day a kindergartner entered school
typed as the birth date (a child of one or less) is not."""
GRADE_SHARE = 20
"""A grade whose student records lie that far from its middle more than one in this many
times (and ten) is read as no cohort (its code means something else there, adult
learners): none of its dates is taken out."""
_LEAST_COHORT = 20
"""Records of one grade level needed to tell its middle birth date."""


@attrs.frozen
class GradeCohorts:
    """The grades' birth dates a run read (:func:`forget_out_of_grade_birth_dates`)."""

    middles: dict[int, dt.date]
    """Each kindergarten-to-twelfth grade's middle (median) birth date, for a grade of at
    least twenty dated records of that one grade."""
    out_of_grade: list[OutOfGrade]
    """The student records whose date was taken out, by sourcedId."""


def far_from_grades(middles: Mapping[int, dt.date], born: dt.date, levels: Iterable[int]) -> bool:
    """Whether ``born`` lies more than :data:`GRADE_OLDER` before, or
    :data:`GRADE_YOUNGER` after, the middle birth date (``middles``: by grade level) of
    each of ``levels`` that has one, and one does (an old app account's grade is this
    year's or last year's: its date is checked against both)."""
    known = [m for m in (middles.get(level) for level in levels) if m is not None]
    return bool(known) and all(_outside(born, m, m) for m in known)


def _outside(born: dt.date, earliest: dt.date, latest: dt.date) -> bool:
    """Whether ``born`` is more than :data:`GRADE_OLDER` before ``earliest`` or more than
    :data:`GRADE_YOUNGER` after ``latest`` (a grade's middle birth date, or the earliest
    and latest of a record's grades' middles): the one test of a date out of its grade."""
    return born < earliest - GRADE_OLDER or born > latest + GRADE_YOUNGER


def forget_out_of_grade_birth_dates(
    facts: dict[str, RecordFacts], users: Sequence[User], unreal: Container[dt.date] = ()
) -> GradeCohorts:
    """Take out of a run's ``facts`` every birth date more than :data:`GRADE_OLDER` before
    or :data:`GRADE_YOUNGER` after the middle birth date of its grade (kindergarten to
    twelfth; a grade of at least twenty dated records, read off the roster itself, so a
    district's own entry ages and cut-off days set it) and return them, by sourcedId,
    with the grades' middles. Such a date is another one typed into the field (the day
    the child entered school, a guardian's birth date) or a slip of the year, and says
    neither that two records are one child nor that they are two. The user keeps the
    date. Only student records are taken out (a teacher's record may list the grades
    taught beside the teacher's own birth date). A record of several grades is compared
    with the middles of its lowest and highest; a record in no grade, or one of
    pre-school, is not compared. Stand-in dates and the days in ``unreal`` (crowded,
    after the export: already no evidence) are left out.

    One counting pass over the users' grade and birth-date columns, the rest per distinct
    pair of them, and one more pass when some date is taken out."""
    spans: dict[tuple[str, ...], tuple[int, int] | None] = {}
    dated: Counter[tuple[tuple[int, int], dt.date]] = Counter()
    for (grades, born), n in Counter(user_columns(users, "grades", "birth_date")).items():
        if not grades or born is None or is_stand_in_birth_date(born) or born in unreal:
            continue
        if grades not in spans:
            spans[grades] = _level_span(grades)
        span = spans[grades]
        if span is not None:
            dated[span, born] += n
    middles = _middle_birth_dates(dated)
    # each span's earliest and latest middle (a record of two grades: both grades')
    bounds: dict[tuple[int, int], tuple[dt.date, dt.date] | None] = {}
    for span in {span for span, _ in dated}:
        low, high = middles.get(span[0]), middles.get(span[1])
        bounds[span] = None if low is None or high is None else (min(low, high), max(low, high))
    far: dict[tuple[tuple[int, int], dt.date], dt.date] = {}
    of_level: Counter[int] = Counter()
    for (span, born), n in dated.items():
        of_level[span[0]] += n
        bound = bounds[span]
        if bound is not None and _outside(born, *bound):
            far[span, born] = bound[0] if born < bound[0] else bound[1]  # the nearer middle
    if not far:
        return GradeCohorts(middles=middles, out_of_grade=[])
    # The student records of those dates (a teacher's record may list the grades taught
    # beside the teacher's own birth date: no student's, no finding), counted per grade.
    found: list[OutOfGrade] = []
    for sid, grades, born in user_columns(users, "sourced_id", "grades", "birth_date"):
        span = spans.get(grades) if grades and born is not None else None
        middle = None if span is None else far.get((span, born))
        f = None if middle is None else facts.get(sid)
        if (
            f is not None
            and f.birth_date is not None
            and RoleFamily.STUDENT in f.families
            and span is not None
            and middle is not None
        ):
            found.append(OutOfGrade(sourced_id=sid, birth_date=born, grade=span[0], middle=middle))
    counted = Counter(o.grade for o in found)
    trusted = {level for level, n in counted.items() if n <= 10 + of_level[level] // GRADE_SHARE}
    out = [o for o in found if o.grade in trusted]
    for o in out:
        facts[o.sourced_id] = attrs.evolve(facts[o.sourced_id], birth_date=None)
    return GradeCohorts(middles=middles, out_of_grade=out)  # (out: the roster's order)


def _level_span(grades: tuple[str, ...]) -> tuple[int, int] | None:
    """The lowest and highest kindergarten-to-twelfth level of ``grades``, or ``None``."""
    levels = [v for v in map(grade_level, grades) if v is not None and 0 <= v <= 12]
    return (min(levels), max(levels)) if levels else None


def _middle_birth_dates(dated: Mapping[tuple[tuple[int, int], dt.date], int]) -> dict[int, dt.date]:
    """Each grade level's middle (median) birth date, of its records of that one level,
    for a level of at least :data:`_LEAST_COHORT` of them."""
    by_level: dict[int, list[tuple[dt.date, int]]] = {}
    for (span, born), n in dated.items():
        if span[0] == span[1]:
            by_level.setdefault(span[0], []).append((born, n))
    middles: dict[int, dt.date] = {}
    for level, days in by_level.items():
        total = sum(n for _, n in days)
        if total < _LEAST_COHORT:
            continue
        days.sort()
        seen = 0
        for born, n in days:
            seen += n
            if 2 * seen >= total:
                middles[level] = born
                break
    return middles


def crowded_birth_date_findings(holders: Mapping[dt.date, Sequence[str]]) -> Iterator[Finding]:
    """``birth-date-on-many-records``: one per birth date held by far more records than
    are born on one day (``holders``: date -> its records, by sourcedId;
    :func:`crowded_birth_dates`). The check reads the date as no birth date; the finding
    says why, so a district can enter the real ones."""
    for day, sids in sorted(holders.items()):
        shown = tuple(sids[:RELATED_SHOWN])
        listed = "" if len(sids) <= RELATED_SHOWN else f" (the first {RELATED_SHOWN} listed)"
        yield Finding(
            code="birth-date-on-many-records",
            severity=Severity.INFO,
            field="birthDate",
            value=day.isoformat(),
            related=shown,
            message=f"{len(sids)} records carry this birth date{listed}, far more than are "
            "born on one day: the SIS's fill-in for an unknown date, or a data error. The "
            "check reads it as no birth date, so two namesakes among them are not taken for "
            "one child entered twice; enter the real dates in the SIS",
        )


def modified_ahead_findings(
    ahead: Iterable[tuple[str, dt.date]], day: dt.date
) -> Iterator[Finding]:
    """``modified-after-export`` (info): one per record whose ``dateLastModified`` is
    more than a year after every other record's (:class:`ExportDay`), read as no day of
    the export: ``day``, the newest of the others, is read instead (and trusted or not as
    any day read off the export: ``export-date-unknown``)."""
    for sid, modified in ahead:
        yield Finding(
            code="modified-after-export",
            severity=Severity.INFO,
            sourced_id=sid,
            field="dateLastModified",
            value=modified.isoformat(),
            message="dateLastModified is more than a year after every other record's: a "
            "slip of the year or a stand-in, not the day of the export, which the check "
            f"reads off the other records (the newest: {day.isoformat()})",
        )


def births_after_export_findings(
    late: Iterable[tuple[str, dt.date]], day: dt.date, *, given: bool, left_out: int = 0
) -> Iterator[Finding]:
    """``birth-date-after-export``: one per record (``late``: sourcedId, birth date) whose
    birth date is after ``day``, the
    day the roster was exported (``given``: the policy's ``export_date``; else read off the
    export's newest ``dateLastModified``; see
    :func:`export_day`). The check reads the date as
    no birth date; the finding says why, so a district can enter the real one. The date
    itself is the finding's ``value``, not in its message (``--redact`` masks values)."""
    source = (
        "the export date the check was given"
        if given
        else "the newest dateLastModified in the export"
        + (f", leaving out {left_out} more than a year after all the others" if left_out else "")
    )
    for sid, born in late:
        yield Finding(
            code="birth-date-after-export",
            severity=Severity.WARNING,
            sourced_id=sid,
            field="birthDate",
            value=born.isoformat(),
            message=f"birth date is after {day.isoformat()} ({source}): no one on the roster "
            "is born then, so it is a typing slip or another date typed into the field. The "
            "check reads it as no birth date; enter the real one in the SIS",
        )


def untrusted_export_day_finding(records: int, day: dt.date) -> Finding:
    """``export-date-unknown``: ``records`` birth dates are after ``day``, the newest
    ``dateLastModified`` of the export, too many to be slips (:class:`UnrealBirthDates`):
    the export's ``dateLastModified`` is no day of change, so birth dates were not checked
    against a day, and the finding says how to give one."""
    return Finding(
        code="export-date-unknown",
        severity=Severity.INFO,
        field="dateLastModified",
        value=day.isoformat(),
        message=f"{records} birth dates are after the newest dateLastModified in the export, "
        "too many to be typing slips: the export's dateLastModified does not tell the day "
        "it was made, so no birth date was checked against one; give the day with "
        "--export-date (Policy.export_date)",
    )


def _how_far(found: OutOfGrade) -> str:
    """``more than 5 years before`` or ``more than 3.5 years after``."""
    if found.birth_date < found.middle:
        return f"more than {round(GRADE_OLDER.days / 365, 1):g} years before"
    return f"more than {round(GRADE_YOUNGER.days / 365, 1):g} years after"


def out_of_grade_finding(found: OutOfGrade) -> Finding:
    """``birth-date-outside-grade``: a record whose birth date is years from those of its
    grade's records (:func:`forget_out_of_grade_birth_dates`). The check reads it as no
    birth date; the finding says why. Only the year of the grade's middle date is in the
    message (a cohort's, no one's day)."""
    grade = "kindergarten" if found.grade == 0 else f"grade {found.grade}"
    return Finding(
        code="birth-date-outside-grade",
        severity=Severity.WARNING,
        sourced_id=found.sourced_id,
        field="birthDate",
        value=found.birth_date.isoformat(),
        message=f"birth date is {_how_far(found)} those of the roster's other "
        f"{grade} records (most born around {found.middle.year}): another date typed into "
        "the field (the day the child entered school, a guardian's birth date) or a slip of "
        "the year. The check reads it as no birth date; enter the real one in the SIS",
    )
