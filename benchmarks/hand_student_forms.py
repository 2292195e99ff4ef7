"""Hand cases of a child entered twice: is the pair one item, and are two children left apart?

Each case is two student records born the same day (unless the case says otherwise), as
a second school entered the child again: its form took the name another way, and the
guardians were typed again there, so no household link joins the records (``linked``
cases put both under one guardian instead). The one-child cases write the name as school
forms do: both family names or one, the second given name alone, the name the child goes
by, the whole name in one field, family name first, a record left at last year's grade.
The two-children cases are what a district has by chance or by birth: twins, namesakes
of other birth dates, a compound given name beside its second word, a boy's and a girl's
records. The script prints what the report says of each pair and the counts.

Session 44 added a grade written out (`KG` and `Kindergarten`: two grades before) and
two namesakes among forty students the SIS dated the first day of school (one child
before: a day on far more students than are born on one day is no evidence now).
Session 45 added a second form dated after the export (the next school year's first
day: two children before; no one is born after the export, so it is no evidence now),
and a second form dated the day the child entered school (two children before; a date
years from those of the roster's own grade is no evidence now).

The cases were written with the rules they exercise (sessions 21, 31 and 34), so the
counts check the rules; they are no recall or precision figure for a real district. Run
it against another checkout's code to compare
(``PYTHONPATH=OTHER/src python benchmarks/hand_student_forms.py``):

    .venv/bin/python benchmarks/hand_student_forms.py
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from oneroster_identity import read_rest_users
from oneroster_identity.match import NearMissKind, match

BORN = "2015-03-04"


class Case(NamedTuple):
    """Two student records: each ``(given, family)``, and what else the case sets."""

    first: tuple[str, str]
    second: tuple[str, str]
    what: str
    born: tuple[str | None, str | None] = (BORN, BORN)
    grades: tuple[str, str] = ("03", "03")
    sexes: tuple[str | None, str | None] = (None, None)
    goes_by: str = ""
    """The second record's ``preferredGivenName``."""
    linked: bool = False
    """Both records under one guardian (a household link)."""
    crowd: int = 0
    """Other students of other names born on the first record's day (an SIS's fill-in for
    unknown birth dates when they are many)."""
    modified: str = ""
    """Every record's ``dateLastModified`` (the export's day, as the records show it)."""
    classmates: int = 0
    """Other students of other names in the first record's grade, born over the year
    before ``BORN`` and after it (the grade's birth dates the roster itself shows)."""


ONE_CHILD = (
    Case(("Mateo", "Cruz"), ("Mateo", "Cruz"), "the very name"),
    Case(("Mateo", "Cruz"), ("MATEO", "CRUZ"), "in capitals"),
    Case(("Mateo", "De La Cruz"), ("Mateo", "Delacruz"), "a family name spaced otherwise"),
    Case(("Mateo", "St. Pierre"), ("Mateo", "Saint-Pierre"), "an abbreviation written out"),
    Case(("José", "Cruz"), ("Jose", "Cruz"), "with and without an accent"),
    Case(("Jürgen", "Müller"), ("Juergen", "Mueller"), "umlauts written out"),
    Case(("Camila", "Rojas"), ("Camila R.", "Rojas"), "a middle initial in the given field"),
    Case(("Sofia", "Rojas"), ("Sophia", "Rojas"), "one name spelled two ways"),
    Case(("Camila", "Rojas"), ('Camila "Cami"', "Rojas"), "a note beside the name"),
    Case(("Mateo", "Cruz"), ("Mateo", "Cruz Lopez"), "both family names on one record"),
    Case(("Mateo", "Cruz"), ("Mateo", "Cruz-Lopez"), "both family names, hyphenated"),
    Case(("Lan", "Nguyen"), ("Thi Lan", "Nguyen"), "the second given name alone"),
    Case(("Camila", "Rojas"), ("Maria Camila", "Rojas"), "the second given name alone"),
    Case(("Liam", "Quispe"), ("William", "Quispe"), "the name the child goes by", goes_by="Liam"),
    Case(("Alex", "Quispe"), ("Alexander", "Quispe"), "so, one first letter", goes_by="Alex"),
    Case(("Lan", "Nguyen"), ("Lan Nguyen", ""), "the whole name in the given field"),
    Case(("Lan", "Nguyen"), ("Nguyen Lan", ""), "so, family name first"),
    Case(("Lan", "Nguyen"), ("Nguyen", "Lan"), "given and family swapped"),
    Case(("Lan", "Nguyen"), ("Nguyen", "Lan"), "so, under one guardian", linked=True),
    Case(("Mateo", "Quispe"), ("Mateo", "Quispe"), "last year's grade", grades=("03", "04")),
    Case(
        ("Mateo", "Quispe"),
        ("Mateo", "Quispe"),
        "the grade written out",
        (None, None),
        grades=("KG", "Kindergarten"),
        linked=True,
    ),
    Case(
        ("Mateo", "Cruz"),
        ("Mateo", "Cruz"),
        "no birth dates, one guardian",
        (None, None),
        linked=True,
    ),
    Case(
        ("Mateo", "Cruz"),
        ("Mateo", "Cruz"),
        "one guardian, the second form dated after the export",
        (BORN, "2026-10-05"),
        linked=True,
        modified="2026-09-01T10:00:00Z",
    ),
    Case(
        ("Mateo", "Cruz"),
        ("Mateo", "Cruz"),
        "one guardian, the second form dated the day the child entered school",
        (BORN, "2020-08-31"),
        linked=True,
        classmates=40,
    ),
    # a suffix in another notation, a letter a program lost (since session 50: two
    # children before, the family names keyed apart)
    Case(("Mateo", "Cruz III"), ("Mateo", "Cruz 3"), "a suffix as a bare digit"),
    Case(("Mateo", "Cruz III"), ("Mateo", "Cruz 3rd"), "a suffix in another notation"),
    Case(("Mateo", "Muñoz"), ("Mateo", "Mu?oz"), "a letter a program could not write"),
    # the name in a second script too (since session 57: two children before)
    Case(("Yuki 由紀", "Tanaka"), ("Yuki", "Tanaka"), "a second script too", linked=True),
)
TWO_CHILDREN = (
    Case(("Ana", "Rojas"), ("Ava", "Rojas"), "twins", linked=True),
    Case(
        ("Mateo", "Cruz"), ("Mateo", "Cruz"), "namesakes of other birth dates", (BORN, "2014-09-21")
    ),
    Case(
        ("Mateo", "Cruz"),
        ("Mateo", "Cruz Lopez"),
        "so, both family names on one",
        (BORN, "2014-09-21"),
    ),
    Case(("Jose", "Rojas"), ("Maria Jose", "Rojas"), "a compound given name, twins", linked=True),
    Case(("Juan Carlos", "Rojas"), ("Carlos", "Rojas"), "a compound given name"),
    Case(
        ("Lan", "Nguyen"),
        ("Thi Lan", "Nguyen"),
        "a boy's and a girl's records",
        sexes=("male", "female"),
    ),
    Case(
        ("Liam", "Quispe"), ("William", "Quispe"), "a name the records do not say the child goes by"
    ),
    Case(
        ("Mateo", "Cruz"),
        ("Mateo", "Cruz"),
        "a grade apart, no birth dates",
        (None, None),
        grades=("03", "04"),
    ),
    Case(("Lucas", "Cruz"), ("Mateo", "Cruz Lopez"), "another given name"),
    Case(
        ("Sofia", "Garcia"),
        ("Sofia", "Garcia"),
        "namesakes among forty students dated the first day of school",
        ("2019-08-26", "2019-08-26"),
        crowd=40,
    ),
)


def _student(sid: str, name: tuple[str, str], grade: str, **extra: Any) -> dict[str, Any]:
    return {
        "sourcedId": sid,
        "role": "student",
        "givenName": name[0],
        "familyName": name[1],
        "grades": [grade],
        "orgs": [{"sourcedId": "sch1", "type": "org"}],
        **extra,
    }


def said(case: Case) -> str:
    """``one child`` (a likely-same item of the two records), or ``two children``."""
    agents = {"agents": [{"sourcedId": "g1", "type": "user"}]} if case.linked else {}
    second = _student("s2", case.second, case.grades[1], **agents)
    if case.goes_by:
        second["preferredGivenName"] = case.goes_by
    users = [_student("s1", case.first, case.grades[0], **agents), second]
    if case.linked:
        users.append(
            {
                "sourcedId": "g1",
                "role": "parent",
                "givenName": "Rosa",
                "familyName": "Cruz",
                "email": "rosa.cruz@gmail.com",
            }
        )
    demographics = [
        {
            "sourcedId": sid,
            **({"birthDate": born} if born else {}),
            **({"sex": sex} if sex else {}),
        }
        for sid, born, sex in zip(("s1", "s2"), case.born, case.sexes, strict=True)
        if born or sex
    ]
    for n in range(case.crowd):
        users.append(_student(f"c{n}", (f"Kid{n}", "Other"), case.grades[0]))
        demographics.append({"sourcedId": f"c{n}", "birthDate": case.born[0]})
    for n in range(case.classmates):
        users.append(_student(f"m{n}", (f"Mate{n}", "Other"), case.grades[0]))
        day = dt.date.fromisoformat(BORN) + dt.timedelta(days=9 * n - 180)
        demographics.append({"sourcedId": f"m{n}", "birthDate": str(day)})
    if case.modified:
        for u in users:
            u["dateLastModified"] = case.modified
    result = match(read_rest_users([{"users": users}, {"demographics": demographics}]))
    pairs = [
        set(n.sourced_ids)
        for n in result.near_misses
        if n.kind is NearMissKind.LIKELY_SAME and {"s1", "s2"} <= set(n.sourced_ids)
    ]
    merged = result.person_of["s1"].id == result.person_of["s2"].id
    return "one child" if pairs or merged else "two children"


def _shown(case: Case) -> str:
    return f"{' / '.join(case.first)!r} and {' / '.join(case.second)!r} ({case.what})"


def main() -> None:
    found = 0
    for case in ONE_CHILD:
        what = said(case)
        found += what == "one child"
        print(f"  {_shown(case)}: {what}")
    print(f"one-child pairs found: {found} of {len(ONE_CHILD)}")
    apart = 0
    for case in TWO_CHILDREN:
        what = said(case)
        apart += what == "two children"
        print(f"  {_shown(case)}: {what}")
    print(f"two-children pairs left apart: {apart} of {len(TWO_CHILDREN)}")


if __name__ == "__main__":
    main()
