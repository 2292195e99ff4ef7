"""Hand cases of a staff member who is a parent, the two records sharing nothing but a name
that may be written two ways: does a staff-guardian warning name the pair?

Each case is a teacher on the district address with no cell number and a parent of one
child on a personal address and a cell, the family name rare (no one else holds it). The
one-person cases write the given (or family) name as front offices and HR do: a nickname,
a spelling, accents, a hyphen. The two-people cases are names one letter or one ending
apart that are two people's (a man's and a woman's name, or two names). The script
prints what the report says of each pair and the counts.

Since session 34 each pair is read a second way: as one staff member entered once per
school, two staff records at two schools, each on its own district alias
(``staff-name-forms``, or ``staff-same-name`` for equal names).

The cases were written with the rule they exercise, so the counts check the rule; they
are no recall or precision figure for a real district. Session 45 added two names with an
umlaut (or ``ø``) written out on one record (``Jürgen`` and ``Juergen``): found by no
warning before.

    .venv/bin/python benchmarks/hand_staff_forms.py
"""

from __future__ import annotations

from typing import Any

from oneroster_identity import read_rest_users
from oneroster_identity.match import match

ONE_PERSON = (
    (("Elizabeth", "Quintanilla"), ("Liz", "Quintanilla")),
    (("William", "Abernathy"), ("Bill", "Abernathy")),
    (("Margaret", "Oyelaran"), ("Peggy", "Oyelaran")),
    (("Jonathan", "Vaitkus"), ("Jon", "Vaitkus")),
    (("Robert James", "Okafor"), ("Bob", "Okafor")),
    (("Guadalupe", "Etxeberria"), ("Lupe", "Etxeberria")),
    (("Francisco", "Zubiri"), ("Paco", "Zubiri")),
    (("José", "Quintanilla"), ("Jose", "Quintanilla")),
    (("Ana", "Muñoz-Zabala"), ("Ana", "Munoz-Zabala")),
    # an umlaut written out on one record (since session 45)
    (("Jürgen", "Großmüller"), ("Juergen", "Grossmueller")),
    (("Søren", "Kjærgaard"), ("Soeren", "Kjaergaard")),
    (("Catherine", "Abernathy"), ("Katherine", "Abernathy")),
    (("Stephen", "Oyelaran"), ("Steven", "Oyelaran")),
    (("Sara", "Vaitkus"), ("Sarah", "Vaitkus")),
    (("Mary Ann", "Okafor"), ("Mary-Ann", "Okafor")),
    (("Siobhan", "O'Rourke"), ("Siobhan", "ORourke")),
    # a space written on one record only (since session 31)
    (("Rosa", "De La Cruz"), ("Rosa", "Delacruz")),
    (("Kevin", "Mc Donald"), ("Kevin", "McDonald")),
    (("Seo-yeon", "Okafor"), ("Seoyeon", "Okafor")),
    (("Maryann", "Abernathy"), ("Mary Ann", "Abernathy")),
    # abbreviated on one record, as older HR systems keep names (since session 31)
    (("Ana", "St. Onge"), ("Ana", "Saint Onge")),
    (("Wm.", "Vaitkus"), ("William", "Vaitkus")),
    (("Ma. Elena", "Zubiri"), ("María Elena", "Zubiri")),
    (("Xiomara", "Quintanilla"), ("Xiomara", "Quintanilla")),
    # a middle name as its initial on one record (since session 32)
    (("Mary Elizabeth", "Oyelaran"), ("Mary E.", "Oyelaran")),
    (("John F.", "Zubiri"), ("John Francis", "Zubiri")),
    # a Hawaiian ʻokina on HR, an apostrophe or nothing at school (since session 32)
    (("Keʻalohilani", "Kahale"), ("Kealohilani", "Kahale")),
    (("Kainoa", "Kaʻaihue"), ("Kainoa", "Ka'aihue")),
    # a credential after the HR record's family name (since session 33: named as one)
    (("Maria", "Quintanilla, Ed.D."), ("Maria", "Quintanilla")),
    (("Dale", "Oyelaran PhD"), ("Dale", "Oyelaran")),
    # the HR record's whole legal name beside one of its names
    (("Marisol", "Etxeberria Zubiri"), ("Marisol", "Etxeberria")),
    (("Mary Ann", "Abernathy"), ("Mary", "Abernathy")),
    (("Thi Lan", "Vaitkus"), ("Lan", "Vaitkus")),
    # the other way round: the guardian record's name the longer (since session 29)
    (("Marisol", "Etxeberria"), ("Marisol", "Etxeberria Zubiri")),
    (("Mary", "Abernathy"), ("Mary Ann", "Abernathy")),
    (("Lan", "Vaitkus"), ("Thi Lan", "Vaitkus")),
    # written family name first on one record's form (Vietnamese since session 34;
    # Chinese and Korean since session 35)
    (("Lan", "Nguyen"), ("Nguyen", "Lan")),
    (("Thi Lan", "Tran"), ("Tran", "Thi Lan")),
    (("Wei", "Zhang"), ("Zhang", "Wei")),
    (("Xiaoming", "Liu"), ("Liu", "Xiaoming")),
    (("Ka Wai", "Chan"), ("Chan", "Ka Wai")),
    (("Minjun", "Park"), ("Park", "Minjun")),
    (("Seo-yeon", "Kim"), ("Kim", "Seo-yeon")),
    (("Kevin", "Chen"), ("Chen", "Kevin")),  # an English given name beside a Chinese one
    # a person of one name: HR copies immigration papers' mark (FNU, LNU), the school's
    # form writes the name twice or beside another mark (since session 37)
    (("Zainab", "FNU"), ("Zainab", "Zainab")),
    (("FNU", "Mirwais"), ("Mirwais", "LNU")),
    (("Htoo Paw", "FNU"), ("Htoo Paw", "Htoo Paw")),
    # or with a field left empty (read since session 38)
    (("Fatima", ""), ("Fatima", "LNU")),
    # Muhammad as Bangladeshi and Malaysian records write it (since session 37)
    (("Md Rafiqul", "Chowdhury"), ("Muhammad Rafiqul", "Chowdhury")),
    # a Korean family name as the passport (HR) and the family (the school) romanize it
    # (since session 38)
    (("Ji-hoon", "Yi"), ("Ji-hoon", "Lee")),
    (("Seo-yeon", "Bak"), ("Seo-yeon", "Park")),
    (("Hye-jin", "Jeong"), ("Hye-jin", "Chung")),
    # the school's record garbled by an import or written as HTML (since session 49)
    (("Ramón", "Quintanilla"), ("Ram\u00c3\u00b3n", "Quintanilla")),
    (("Siobhán", "O'Brien"), ("Siobh&aacute;n", "O&#39;Brien")),
    # a generational suffix in another notation or typed in the other field (since
    # session 50)
    (("Carlos", "Quintanilla III"), ("Carlos", "Quintanilla 3rd")),
    (("Carlos", "Quintanilla III"), ("Carlos", "Quintanilla 3")),
    (("Carlos Jr.", "Quintanilla"), ("Carlos", "Quintanilla Jr.")),
    # letters a program could not write, `?` or `�` in their place, on either record
    # (since session 50)
    (("Ana", "Muñoz"), ("Ana", "Mu?oz")),
    (("José", "Quintanilla"), ("Jos\ufffd", "Quintanilla")),
    # the initials a person goes by on the school's record (since session 50)
    (("Jean-Pierre", "Quintanilla"), ("JP", "Quintanilla")),
    # the initials on HR's record, the name written out on the school's (since session 51)
    (("JP", "Quintanilla"), ("Jean-Pierre", "Quintanilla")),
    (("M.J.", "Quintanilla"), ("Mary Jane", "Quintanilla")),
    # the school's record in a second script too (since session 57)
    (("Wei", "Quintanilla"), ("Wei 伟", "Quintanilla")),
)
TWO_PEOPLE = (
    (("Andrew", "Quintanilla"), ("Andrea", "Quintanilla")),
    (("Daniel", "Abernathy"), ("Daniela", "Abernathy")),
    (("Mary", "Oyelaran"), ("Mark", "Oyelaran")),
    (("Christian", "Vaitkus"), ("Christine", "Vaitkus")),
    (("Julian", "Okafor"), ("Julia", "Okafor")),
    (("Maria", "Etxeberria"), ("Mario", "Etxeberria")),
    (("Elizabeth", "Zubiri"), ("Eliana", "Zubiri")),
    (("Marisol", "Etxeberria"), ("Marisela", "Etxeberria")),
    (("Ma.", "Okafor"), ("Mario", "Okafor")),  # María, abbreviated, and a man's name
    (("Mary Elizabeth", "Vaitkus"), ("Mary A.", "Vaitkus")),  # another middle initial
    # each word a given and a family name in the US: two people's names as often
    (("Scott", "James"), ("James", "Scott")),
    (("Scott", "Lee"), ("Lee", "Scott")),
    (("Kim", "Lee"), ("Lee", "Kim")),
    (("Mary Ann", "Park"), ("Park", "Mary Ann")),
    # two people of one name each, or a mark for an unknown given name beside a name
    (("Zainab", "FNU"), ("Zahra", "FNU")),
    (("FNU", "Abernathy"), ("Mary", "Abernathy")),
    # two Korean family names that share one romanization (Chun) but are two names
    (("Eun-ji", "Jeon"), ("Eun-ji", "Cheon")),
    # a father and a son; the second and the third of one name (since session 50)
    (("Carlos", "Quintanilla Sr."), ("Carlos", "Quintanilla Jr.")),
    (("Carlos", "Quintanilla II"), ("Carlos", "Quintanilla III")),
)


def _user(sid: str, role: str, name: tuple[str, str], **extra: Any) -> dict[str, Any]:
    return {
        "sourcedId": sid,
        "role": role,
        "givenName": name[0],
        "familyName": name[1],
        "orgs": [{"sourcedId": "sch1", "type": "org"}],
        **extra,
    }


def said(staff: tuple[str, str], guardian: tuple[str, str]) -> str:
    """The staff-guardian warning's code, ``likely same`` or ``nothing``."""
    roster = read_rest_users(
        {
            "users": [
                _user("t1", "teacher", staff, email="t1@district.k12.example.us"),
                _user("t2", "teacher", ("Dale", "Ng"), email="dng@district.k12.example.us"),
                _user(
                    "g1",
                    "parent",
                    guardian,
                    email="home.family1@gmail.com",
                    sms="617-283-4471",
                    agents=[{"sourcedId": "s1", "type": "user"}],
                ),
                _user(
                    "s1",
                    "student",
                    ("Leo", guardian[1]),
                    agents=[{"sourcedId": "g1", "type": "user"}],
                ),
            ]
        }
    )
    result = match(roster)
    codes = [f.code for f in result.findings if f.code.startswith("staff-guardian")]
    if codes:
        return codes[0]
    if result.near_misses:
        return "likely same"
    return "nothing"


def said_staff(first: tuple[str, str], second: tuple[str, str]) -> str:
    """The two-staff warning's code (``staff-name-forms``, ``staff-same-name``), ``likely
    same`` or ``nothing``, for one name's two staff records at two schools."""
    roster = read_rest_users(
        {
            "users": [
                _user("t1", "teacher", first, email="t1@district.k12.example.us"),
                _user("t2", "teacher", ("Dale", "Ng"), email="dng@district.k12.example.us"),
                {
                    **_user("t7", "aide", second, email="t7.alias@district.k12.example.us"),
                    "orgs": [{"sourcedId": "sch2", "type": "org"}],
                },
            ]
        }
    )
    result = match(roster)
    codes = [f.code for f in result.findings if f.code in ("staff-name-forms", "staff-same-name")]
    if codes:
        return codes[0]
    if result.near_misses:
        return "likely same"
    return "nothing"


def main() -> None:
    for label, judge in (("", said), ("staff entered twice: ", said_staff)):
        named = 0
        for staff, other in ONE_PERSON:
            what = judge(staff, other)
            named += what != "nothing"
            print(f"  {' '.join(staff)!r} / {' '.join(other)!r}: {what}")
        print(f"{label}one-person pairs named: {named} of {len(ONE_PERSON)}")
        quiet = 0
        for staff, other in TWO_PEOPLE:
            what = judge(staff, other)
            quiet += what == "nothing"
            print(f"  {' '.join(staff)!r} / {' '.join(other)!r}: {what}")
        print(f"{label}two-people pairs left alone: {quiet} of {len(TWO_PEOPLE)}")


if __name__ == "__main__":
    main()
