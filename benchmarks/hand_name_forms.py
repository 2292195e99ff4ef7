"""What the matcher says about name forms real rosters carry and the generator never plants.

Each case is two guardians of one family sharing an email and an SMS phone, each listed
on one child's record (a per-child export), and, for the two-people pairs, also a teacher
on a district address beside a guardian on one phone; the relatives noted beside one name
are also put on one child's records. The script prints, per case, "two people" or the
likely-same item's advice (fixes or choices, and the doubts it asks the family about
first), and the counts.

The cases were written together with the rules they exercise, so the counts check that
the rules hold; they are no recall figure. Run it against another checkout's code to
compare (``PYTHONPATH=OTHER/src python benchmarks/hand_name_forms.py``):

    .venv/bin/python benchmarks/hand_name_forms.py
"""

from __future__ import annotations

from typing import Any

from oneroster_identity import Policy, read_rest_users
from oneroster_identity.match import NearMissKind, match

SAME_PERSON = (
    # a note beside the name: a relation, or the name the person goes by
    ("Maria (Grandmother)", "Maria"),
    ("Maria (Primary)", "Maria"),  # a contact role an SIS flags (since session 63)
    ("Maria *Primary*", "Maria"),  # between asterisks, as plain text stresses it (64)
    ("Jn.", "John"),  # a paper form's abbreviation (since session 64)
    ("Richd.", "Richard"),
    ('Robert "Bob"', "Robert"),
    ("Robert (Bob)", "Bob"),
    ("Maria (Ana)", "Ana"),
    ("D'Andre 'DJ'", "DJ"),
    ("(Bob)", "Bob"),
    ("Ana [Aunt]", "Ana"),
    # pronouns typed beside the name (since session 55: their slash was read as a couple)
    ("Alex (they/them)", "Alex"),
    ("Sam he/him", "Sam"),
    # transliterations from Cyrillic and Arabic script
    ("Yuliya", "Julia"),
    ("Aleksandr", "Alexander"),
    ("Yusuf", "Youssef"),
    ("Aisha", "Ayesha"),
    ("Omar", "Umar"),
    ("Dmitri", "Dmitry"),
    ("Fatima", "Fatimah"),
    ("Layla", "Leila"),
    # a real name two swapped letters from a better-known one: a choice, not a fix
    ("Jhon", "John"),
    ("Micheal", "Michael"),
    # the short form of a Spanish compound given name (since session 43)
    ("Majo", "María José"),
    ("Chema", "José María"),
    # Russian short forms
    ("Sasha", "Aleksandr"),
    ("Natasha", "Natalia"),
    ("Misha", "Mikhail"),
    ("Katya", "Yekaterina"),
    # one name under two titles or two relation notes
    ("Mrs. Ana", "Ms. Ana"),
    ("Maria (Mom)", "Maria (Mother)"),
    # two relatives noted, or a suffix on one record only: one person or two, so the
    # item asks the family first (on one child's records, two relatives are two people)
    ("Maria (Mom)", "Maria (Grandma)"),
    ("Ana (Aunt)", "Ana (Mom)"),
    ("John Jr.", "John"),
    ("John Jr", "John Junior"),  # one suffix in two notations: a choice (since session 50)
    # a number typed in and another spelling (since session 50; two people before): a
    # choice of the names without the number, asking first (maybe-numbered)
    ("Ana 2", "Anna"),
    # the initials a person goes by (since session 50; two people before): a choice
    ("JP", "Jean-Pierre"),
    ("M.J.", "Mary Jane"),
    # an abbreviation without its dot beside the name written out (since session 50; two
    # people before): a choice
    ("Ma Elena", "María Elena"),
    ("Fco Javier", "Francisco Javier"),
    # a middle name as its initial, and the Hawaiian ʻokina left out (since session 32)
    ("Mary E.", "Mary Elizabeth"),
    # a given name cut short with a period (since session 40: written-out), and one cut
    # where a man's name and a woman's both begin (her husband's, maybe: a choice)
    ("Eliz.", "Elizabeth"),
    ("Chris.", "Christina"),
    ("Ke\u02bbalohilani", "Kealohilani"),
    # the first name as its initial, a person going by the middle name (since session 33)
    ("M. Elizabeth", "Mary Elizabeth"),
    ("J. Robert", "John Robert"),
    # a list's comma left on the name, or a dot before it (since session 39: a fix, where
    # it was a choice)
    ("Maria,", "Maria"),
    (".Ana", "Ana"),
    # since session 41: a symbol no name has (a flag, a question): the name without it
    ("*Ana", "Ana"),
    # since session 49: characters a program garbled (a wrong decoding, HTML), read back
    ("Jos\u00c3\u00a9", "José"),
    ("Siobh&aacute;n", "Siobhán"),
    ("Jos\u00c3\u00a9", "Pepe"),  # the name read back and a nickname: a choice
    ("Mar?a", "María"),  # a letter a program could not write: lost-letters
    # since session 57: the name in a second script too (a middle name, before)
    ("Wei 伟", "Wei"),
    ("Юлия (Yulia)", "Yulia"),
)
TWO_PEOPLE = (
    ("Javier", "Mrs. Javier"),  # his wife, named the formal way (since session 63)
    ("Mary", "Mark"),
    ("Erin", "Eric"),
    ("Jane", "Jake"),
    ("Brenda", "Brendan"),
    ("Christine", "Christian"),
    ("Ellen", "Allen"),
    ("Andrea", "Andres"),  # since session 43
    # a woman's relation and a man's beside one name: a mother and a father
    ("Chris (Mom)", "Chris (Dad)"),
    # one first name, two middle initials (since session 33; before, a typo)
    ("Mary A.", "Mary E."),
    ("Mario 2", "Maria"),  # a number and a man's name beside a woman's (since session 50)
    ("Wei 伟", "Wei 薇"),  # one Latin name, two Han names: two people (since session 57)
)
FAMILY_SAME = (
    # family names (given name `Maria` on both records), since session 39
    ("Ruiz,", "Ruiz"),  # a list's comma left on the name: no-stray-mark
    ('"Ruiz"', "Ruiz"),  # quoted twice by an export (since session 59: a choice)
    ("R.", "Ruiz"),  # the family name as its initial: full-name
    ("Garcia-", "Garcia-Lopez"),  # cut off after the hyphen: clean-value
    ("Nguy\u1ec5n", "Nguyen"),  # accents: diacritics
    ("De La Cruz", "Delacruz"),  # spacing: a choice
    ("Garcia Lopez", "Garcia"),  # a second family name: a choice
    ("St. John", "Saint John"),  # the saint abbreviated, as often the family's own: a choice
    ("Lee", "Yi"),  # a Korean family name romanized two ways: a choice
    # since session 40
    ("Ruiz.", "Ruiz"),  # a period typed after the name: no-stray-mark
    ("Gonz.", "Gonzalez"),  # cut short to fit a field, or another person: a choice at most
    # since session 41
    ("Ruiz/Garcia", "Ruiz"),  # two family names joined by a slash: a choice
    # since session 42
    ("Ruiz 3rd", "Ruiz"),  # a generation in digits, as `III`: a choice, asking first
    ("Ruiz 2", "Ruiz"),  # a second record's number: no-number, asking first (maybe-numbered)
    ("Ruiz III", "Ruiz 3rd"),  # one generation in two notations: a choice
    # since session 43
    ("Müller", "Mueller"),  # the umlaut written out: a choice (many families write Mueller)
    # since session 49: garbled by a wrong decoding, or written as HTML: ungarbled
    ("Pe\u00c3\u00b1a", "Peña"),
    ("O&#39;Brien", "O'Brien"),
    ("Mu\ufffdoz", "Muñoz"),  # a letter lost as the replacement character: lost-letters
    # since session 50: a bare digit for the suffix the other writes in letters:
    # suffix-in-letters (two people sharing the family's contacts before)
    ("Ruiz 3", "Ruiz III"),
    ("Ruiz IV", "Ruiz 4"),
    # a family name spelled two ways, each another family's too: a choice (since session
    # 50; a typo before, which a count of records could settle)
    ("Gonzales", "Gonzalez"),
    ("Smyth", "Smith"),
)
FAMILY_TWO = (
    ("Ruiz Sr.", "Ruiz Jr."),  # a father and a son
    ("Ruiz 2", "Ruiz III"),  # a number, or the second of the name: not the third
    ("R.", "S."),  # two initials
    ("Jeon", "Cheon"),  # two Korean family names, though one spelling (Chun) is each's
)
RELATIVES = (
    ("Maria (Mom)", "Maria (Grandma)"),
    ("Chris (Mom)", "Chris (Dad)"),
    ("Maria (Bio Mom)", "Maria (Step Mom)"),  # since session 42
    ("Maria (Mom)", "Maria (Nana)"),  # since session 42
    ("Lan (mẹ)", "Lan (bà)"),  # Vietnamese mother and grandmother, since session 42
    ("Maria (Primary)", "Maria (Secondary)"),  # two contacts of one name, since session 63
)
"""Two relatives noted beside one name on one child's records: two people."""
COPIED = (
    # (the value two children's records hold, the third's, family name?, the right
    # advice: a fix to this value, or None for a choice), since session 50: a parent typed
    # once per child copies one entry onto every child's record, so the count of records
    # says which value was copied, not which is the family's
    ("Gonzales", "Gonzalez", True, None),
    ("Smyth", "Smith", True, None),
    ("Delacruz", "De La Cruz", True, None),
    ("Garcia Lopez", "Garcia-Lopez", True, None),
    ("OBrien", "O'Brien", True, "O'Brien"),  # an apostrophe a system dropped
    ("Ruiz 3", "Ruiz III", True, "Ruiz III"),
    ("Ma Guadalupe", "Maria Guadalupe", False, None),
    ("Jhon", "John", False, None),
    ("Jaime", "Jamie", False, None),
    ("Mraia", "Maria", False, "Maria"),  # a slip of a name, copied
    # since session 51: common names the bundled tables lacked, beside a listed one
    ("Kristen", "Kirsten", False, None),
    ("Elsie", "Elise", False, None),
    ("Niel", "Neil", False, None),
    ("Kelvin", "Kevin", False, None),
    ("Tracy", "Tracey", False, None),
)
MARKED = (
    # (a parent's given name on three children's records, one or two of them under a mark
    # the name's finding drops, and the right advice: the value every record is to hold,
    # or None for a choice), since session 63: the names as a choice offers them decide
    (("Maria", "Maria 2", "M."), "Maria"),
    (("Maria 2", "Maria (Mom)", "M."), "Maria"),
    (("Mrs. Maria", "Maria", "M."), "Maria"),
    (("Jose 2", "José", "Jose"), "José"),
    (("Gonzalo", "Gonz.", "Gonz. #2"), "Gonzalo"),
    (("Ana", "Ana 2", "Anna"), None),  # two spellings: the family's
    (("Bob", "Bob (Dad)", "Robert"), None),  # a nickname and the formal name
    (("Lucia (Mom)", "Lucía", "L."), None),  # the accent beside a note: the family's
)
_POLICY = Policy(district_domains=("district.org",))


def _user(sid: str, role: str, name: str, *, family: bool = False, **extra: Any) -> dict[str, Any]:
    given, family_name = ("Maria", name) if family else (name, "Ruiz")
    return {"sourcedId": sid, "role": role, "givenName": given, "familyName": family_name, **extra}


def verdict(
    a: str, b: str, *, teacher: bool = False, one_child: bool = False, family: bool = False
) -> str:
    """``two people``, or the likely-same item's fixes and choices, for given names ``a``,
    ``b`` (family names with ``family``, the given name ``Maria`` on both)."""
    first = (
        _user("g1", "teacher", a, email="ruiz@district.org", sms="6032847142")
        if teacher
        else _user("g1", "guardian", a, family=family, email="ruiz@gmail.com", sms="6032847142")
    )
    users = [
        first,
        _user("g2", "guardian", b, family=family, email="ruiz@gmail.com", sms="6032847142"),
        _user(
            "k1",
            "student",
            "Eva",
            agents=[{"sourcedId": "g2"}, {"sourcedId": "g1"}][: 1 + one_child],
        ),
    ]
    if not teacher and not one_child:
        users.append(_user("k2", "student", "Leo", agents=[{"sourcedId": "g1"}]))
    result = match(read_rest_users({"users": users}), _POLICY)
    likely = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    if not likely:
        return "two people"
    fixes = ", ".join(
        f"{f.sourced_id}.{f.field} = {f.suggested!r} ({f.rule})" for f in likely[0].fixes
    )
    choices = "; ".join(
        f"{c.field}: " + " | ".join(repr(o.value) for o in c.options) for c in likely[0].choices
    )
    doubts = [t for t in likely[0].tags if t.startswith("maybe-")]
    asks = f" [asks first: {', '.join(doubts)}]" if doubts else ""
    return f"one person{asks}: " + " ".join(
        part
        for part in (f"fix {fixes}" if fixes else "", f"choose {choices}" if choices else "")
        if part
    )


def copied(two: str, one: str, *, family: bool) -> str | None:
    """``choice``, or the value the item's fixes type into every record, for a parent
    whose name is ``two`` on two children's records and ``one`` on a third's."""
    return per_child((two, two, one), family=family)


def per_child(names: tuple[str, ...], *, family: bool = False) -> str | None:
    """``choice``, or the value the item's fixes leave on every record, for a parent whose
    name is each of ``names`` on one child's record; ``two people`` without an item, and
    ``several values`` where the fixes leave more than one."""
    users = [
        _user(f"g{i}", "guardian", name, family=family, email="ruiz@gmail.com", sms="6032847142")
        for i, name in enumerate(names, 1)
    ]
    users += [
        _user(f"k{i}", "student", kid, agents=[{"sourcedId": f"g{i}"}])
        for i, kid in enumerate(("Eva", "Leo", "Ana", "Max")[: len(names)], 1)
    ]
    result = match(read_rest_users({"users": users}), _POLICY)
    likely = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    if not likely:
        return "two people"
    if likely[0].choices:
        return "choice"
    field = "familyName" if family else "givenName"
    held = {u["sourcedId"]: u[field] for u in users if u["role"] == "guardian"}
    held.update((f.sourced_id, f.suggested) for f in likely[0].fixes if f.field == field)
    ends = set(held.values())
    return ends.pop() if len(ends) == 1 else "several values"


def main() -> None:
    found = 0
    fixed = 0
    for a, b in SAME_PERSON:
        said = verdict(a, b)
        found += said != "two people"
        fixed += "fix " in said and "choose" not in said
        print(f"  {a!r} / {b!r}: {said}")
    print(
        f"same-person forms found as one person: {found} of {len(SAME_PERSON)} ({fixed} with fixes only)"
    )
    found = fixed = 0
    for a, b in FAMILY_SAME:
        said = verdict(a, b, family=True)
        found += said != "two people"
        fixed += "fix " in said and "choose" not in said
        print(f"  Maria {a!r} / Maria {b!r}: {said}")
    print(
        f"same-person family-name forms found as one person: {found} of {len(FAMILY_SAME)} "
        f"({fixed} with fixes only)"
    )
    apart = sum(verdict(a, b, family=True) == "two people" for a, b in FAMILY_TWO)
    for a, b in FAMILY_TWO:
        print(f"  Maria {a!r} / Maria {b!r}: {verdict(a, b, family=True)}")
    print(f"two-people family names kept apart: {apart} of {len(FAMILY_TWO)}")
    for a, b in RELATIVES:
        print(f"  one child's {a!r} / {b!r}: {verdict(a, b, one_child=True)}")
    apart = 0
    for a, b in TWO_PEOPLE:
        guardians, staff = verdict(a, b), verdict(a, b, teacher=True)
        apart += (guardians == "two people") + (staff == "two people")
        print(f"  {a!r} / {b!r}: guardians {guardians}; teacher and guardian {staff}")
    print(f"two-people pairs kept apart: {apart} of {2 * len(TWO_PEOPLE)}")
    right = over = 0
    for two, one, family, expected in COPIED:
        said = copied(two, one, family=family)
        right += said == (expected or "choice")
        over += said == two and expected != two
        print(f"  {two!r} twice / {one!r} once: {said}")
    print(
        f"a parent's copied name: right advice {right} of {len(COPIED)}; "
        f"the copied value typed over the other {over}"
    )
    right = 0
    for names, expected in MARKED:
        said = per_child(names)
        right += said == (expected or "choice")
        print(f"  {' / '.join(map(repr, names))}: {said}")
    print(f"a parent's name under marks: right advice {right} of {len(MARKED)}")


if __name__ == "__main__":
    main()
