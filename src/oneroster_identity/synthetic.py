"""A labelled roster generator: realistic households with planted identity cases.

Names come from a Zipf-like pool with real concentration (``oneroster_identity._names``):
large same-name blocks at the head (Maria Garcia, Nguyen), a long tail of rare names.

Used by the tests, the benchmarks and the bundled sample roster. Each planted case
is recorded as a :class:`PlantedCase` so that near-miss precision and recall can
be measured. Generation is deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator, Sequence

import attrs

from oneroster_identity._data import data_words
from oneroster_identity._memo import one_run
from oneroster_identity._names import NamePool, name_pool
from oneroster_identity.models import Org, Role, RoleAssignment, Roster, User
from oneroster_identity.normalize._genders import name_gender
from oneroster_identity.normalize._nicknames import are_nicknames
from oneroster_identity.normalize._text import strip_diacritics, strip_punctuation

__all__ = ["GeneratedRoster", "PlantedCase", "generate_roster", "with_state_ids"]

GIVEN = (
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "William",
    "Elizabeth",
    "David",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Charles",
    "Karen",
    "Daniel",
    "Nancy",
    "Matthew",
    "Lisa",
    "Anthony",
    "Margaret",
    "Mark",
    "Sandra",
    "Steven",
    "Ashley",
    "Andrew",
    "Kimberly",
    "Joshua",
    "Emily",
    "Kenneth",
    "Donna",
    "Kevin",
    "Michelle",
    "Brian",
    "Carol",
    "José",
    "María",
    "Luis",
    "Ana",
    "Carlos",
    "Sofía",
    "Juan",
    "Lucía",
    "Miguel",
    "Carmen",
    "Nguyen",
    "Mei",
    "Wei",
    "Priya",
    "Arjun",
    "Fatima",
    "Omar",
    "Aisha",
    "Zoë",
    "Chloé",
    "Renée",
    "André",
    "Katherine",
    "Samuel",
    "Rebecca",
)
FAMILY = (
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "Müller",
    "O'Brien",
    "Núñez",
    "Peña",
    "Kowalski",
    "Okafor",
    "Haddad",
    "Patel",
    "Kim",
    "Chen",
    "Dubois",
    "Rossi",
)
NICKNAMES = (
    ("Robert", "Bob"),
    ("William", "Bill"),
    ("Elizabeth", "Liz"),
    ("Katherine", "Kate"),
    ("Margaret", "Peggy"),
    ("Michael", "Mike"),
    ("Richard", "Rick"),
    ("Joseph", "Joe"),
    ("Jennifer", "Jenny"),
    ("Thomas", "Tom"),
    ("Daniel", "Dan"),
    ("Samuel", "Sam"),
)
SPELLINGS = {
    "Steven": "Stephen",
    "Katherine": "Catherine",
    "Elizabeth": "Elisabeth",
    "Matthew": "Mathew",
    "Michelle": "Michele",
    "Jennifer": "Jenifer",
    "Sofia": "Sophia",
    "Camila": "Camilla",
    "Isabella": "Isabela",
    "Gabriela": "Gabriella",
    "Daniela": "Daniella",
    "Ana": "Anna",
    "Mark": "Marc",
    "Susan": "Suzan",
    "Karen": "Caren",
    "Anthony": "Antony",
    "Thomas": "Tomas",
    # spellings the matcher's consonant rule does not cover (an added vowel or silent
    # ending, X for J), planted so the benchmark shows what that costs, not only what the
    # rule catches. Since session 19 the bundled table of spellings (data/spellings.txt,
    # written from common US names, not from this list) holds most of them, so this
    # benchmark's spelling recall no longer measures what a table lacks.
    "Ashley": "Ashleigh",
    "Rebecca": "Rebekah",
    "Kimberly": "Kimberley",
    "Carol": "Carole",
    "Ximena": "Jimena",
    "Vy": "Vi",
    "Linda": "Lynda",
    "Barbara": "Barbra",
}
"""Another spelling of a given name (keyed by the name without accents): one person's name
written two ways on two forms (Sofia, Sophia)."""
TITLES = ("Mr.", "Mrs.", "Ms.", "Dr.", "Mrs", "Sra.")
"""Titles typed before a given name on a form (``Mrs. Ana``)."""
TITLES_BY_GENDER = {"m": ("Mr.", "Dr.", "Mr"), "f": ("Mrs.", "Ms.", "Dr.", "Mrs", "Sra.")}
"""The titles a person's own record carries, for a given name almost always a man's or a
woman's (``normalize.name_gender``; others draw from :data:`TITLES`): a front office types
the person's own title. A woman's title before a man's name is another person, his wife
named the formal way (``Mrs. John``), which the generator drew as one person's title until
session 35."""
OFFICE_LINE_SHARE = 0.01
"""The share of staff records carrying their school's office line as their SMS number."""
PROVIDERS = (
    "gmail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "icloud.com",
    "aol.com",
    "comcast.net",
)
DOMAIN_TYPOS = {
    "gmail.com": "gmial.com",
    "yahoo.com": "yaho.com",
    "hotmail.com": "hotmial.com",
    "outlook.com": "outlok.com",
    "icloud.com": "icloud.co",
    "aol.com": "aol.con",
    "comcast.net": "comcast.ner",
}
AREA_CODES = ("603", "617", "781", "978", "508")
GENDER_PAIRS = (
    ("Maria", "Mario"),
    ("Daniel", "Danielle"),
    ("Julian", "Julia"),
    ("Paul", "Paula"),
    ("Adrian", "Adriana"),
    ("Francisco", "Francisca"),
    ("Gabriel", "Gabrielle"),
    ("Eric", "Erica"),
)
"""Co-parents whose given names are a letter or two apart: two people, never one."""
DISTRICT_DOMAIN = "springfield.k12.example.us"
STUDENT_DOMAIN = f"students.{DISTRICT_DOMAIN}"
"""Where students' school accounts live (a subdomain of the district's)."""
SMS_GATEWAYS = ("vtext.com", "txt.att.net", "tmomail.net", "messaging.sprintpcs.com")
"""Carriers' email-to-SMS domains a parent may give as a "text me here" address."""
COUPLE_JOINERS = (" & ", " and ", " + ")
"""How one form names two guardians in one given-name field (``John & Mary``)."""
ROLE_WORDS = ("Mom", "Dad", "Parent", "Guardian", "Parent/Guardian")
"""What a form holds for a guardian whose name nobody typed."""
WIVES_TITLES = ("Mrs.", "Mrs", "Sra.")
"""Titles before a husband's given name on his wife's record (``Mrs. John``)."""
STAND_INS = (
    "{family} Family",
    "{child}'s Mom",
    "Mother of {child}",
    "Parent 1",
    "Guardian 2",
    "Aunt",
)
"""Other stand-ins for a guardian's unknown name (since session 35), filled with the
family's name or the child's given name."""
STAND_IN_BIRTH = dt.date(1900, 1, 1)
"""What an SIS types for an unknown birth date."""
Family = tuple[tuple[str, ...], tuple[str, ...], str]
"""A generated household: its guardians' and students' sourcedIds, and its school."""
ONE_NAMES = (
    *("Zainab", "Mariam", "Ahmad", "Farid", "Gulalai", "Nasrin", "Rahim", "Shabnam"),
    *("Wahid", "Fatima", "Khalid", "Parwin", "Sediqa", "Habibullah", "Nazanin", "Zarghona"),
    *("Sharifa", "Mohammad", "Najibullah", "Hamida", "Bibi", "Karima", "Rahmatullah"),
    *("Suharti", "Sutrisno", "Wati", "Sukarni", "Murugan", "Lakshmi", "Selvi", "Saranya"),
)
"""Names of adults who have one name only (Afghan, Indonesian, Tamil), since session 38."""
ONE_NAME_CHILDREN = (
    *("Ali", "Omid", "Sahar", "Hamid", "Laila", "Yusuf", "Ayesha", "Bilal", "Samira"),
    *("Arman", "Madina", "Hasina", "Ilham", "Dewi", "Kavya", "Mustafa", "Nilofar"),
)
"""Names of children who have one name only."""
ONE_NAME_FORMS = ("fnu", "lnu", "doubled", "given-only", "family-only")
"""How a record writes one name: ``FNU Zainab``, ``Zainab LNU``, ``Zainab Zainab``,
``Zainab`` with no family name, or the name in the family-name field alone."""
FAMILY_STAND_INS = ("N/A", "Unknown", "None", "n/a", "Not Provided")
"""What an export types for a two-name person's family name it was not given. (Not
``LNU``: papers write it for a person who has no family name, so a record of ``Mariam
LNU`` beside ``Mariam Rahimi`` leaves the choice to a person: the
``one-name-guardian-lnu-family-name`` case.)"""
EAST_ASIAN_NAMES = {
    "Chinese": (
        ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"),
        (
            *("Xiao", "Zi", "Yi", "Hao", "Jia", "Yu", "Wen", "Jun", "Xin", "Shu"),
            *("Hui", "Jing", "Tian", "Rui", "Zhi", "Chun", "Guo", "Hong"),
        ),
        (
            *("ming", "han", "fan", "ran", "yi", "xuan", "ting", "wei", "yu", "jie"),
            *("lin", "hao", "qing", "yang", "chen", "hua", "feng", "tao"),
        ),
        ("",),
    ),
    "Cantonese": (
        ("Chan", "Wong", "Lau", "Ng", "Cheung", "Leung"),
        ("Ka", "Wing", "Siu", "Kwok", "Chi", "Man", "Wai", "Yuk", "Kin", "Hoi", "Pui", "Sze"),
        ("Wai", "Yan", "Ming", "Wah", "Fai", "Kei", "Lam", "Ling", "Hung", "Ting", "Chun"),
        (" ",),
    ),
    "Korean": (
        ("Kim", "Park", "Choi", "Jung", "Kang", "Lee"),
        (
            *("Min", "Seo", "Ji", "Ha", "Do", "Su", "Ye", "Jun", "Hyun", "Yeon", "Eun"),
            *("Woo", "Jae", "Hye", "Sung", "Dong"),
        ),
        (
            *("jun", "yeon", "hoon", "woo", "eun", "hyun", "min", "bin", "jin", "ho"),
            *("won", "ah", "young", "seok"),
        ),
        ("-", " ", ""),
    ),
    "Vietnamese": (
        ("Nguyen", "Tran", "Pham", "Le"),
        ("Thi", "Van", "Ngoc", "Thanh", "Minh", "Hoang", "Duc", "Bao"),
        (
            *("Lan", "Anh", "Huong", "Nam", "Tuan", "Linh", "Trang", "Hung", "Phuong"),
            *("Quang", "Hieu", "Khanh"),
        ),
        (" ",),
    ),
}
"""(family names, first syllables, second syllables, joiners) by origin, for a
teacher-parent whose name one record writes family name first (since session 36): a
given name of two syllables, joined as the origin writes them (``Xiaoming``, ``Ka Wai``,
``Min-jun``, ``Ji Hoon``, ``Jiwoo``, ``Thi Lan``), as varied as real given names of these
origins (a short list of whole names made most plants namesakes of one another)."""


def _east_asian_name(rng: random.Random, origin: str | None = None) -> tuple[str, str]:
    """(given, family) of a Chinese, Cantonese, Korean or Vietnamese name
    (:data:`EAST_ASIAN_NAMES`), of ``origin`` when given."""
    origin = origin or rng.choice(sorted(EAST_ASIAN_NAMES))
    families, firsts, seconds, joiners = EAST_ASIAN_NAMES[origin]
    first, second, joiner = rng.choice(firsts), rng.choice(seconds), rng.choice(joiners)
    if joiner == " ":
        second = second.capitalize()
    return f"{first}{joiner}{second}", rng.choice(families)


@attrs.frozen(kw_only=True)
class PlantedCase:
    """One planted case: what it is and the records involved."""

    kind: str
    """``likely-same`` (should be a near-miss), ``shared-contact``, ``exact-merge``,
    ``stranger`` (must not be flagged) or a finding code."""
    variant: str
    sourced_ids: tuple[str, ...]


@attrs.frozen(kw_only=True)
class GeneratedRoster:
    """A generated roster and the cases planted in it."""

    roster: Roster
    cases: tuple[PlantedCase, ...]


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.users: list[User] = []
        self.position: dict[str, int] = {}
        self.cases: list[PlantedCase] = []
        self.counter = 0
        self.used_phones: set[str] = set()
        self.used_emails: set[str] = set()
        self.used_locals: set[str] = set()
        self.base_date = dt.datetime(2026, 8, 1, tzinfo=dt.UTC)

    def sid(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter:07d}"

    def phone(self) -> str:
        rng = self.rng
        while True:
            area = rng.choice(AREA_CODES)
            exchange = str(rng.randint(200, 999))
            line = f"{rng.randint(0, 9999):04d}"
            if exchange == "555":
                continue
            digits = area + exchange + line
            if digits not in self.used_phones and len(set(digits)) > 2:
                self.used_phones.add(digits)
                style = rng.random()
                if style < 0.6:
                    return f"{area}-{exchange}-{line}"
                if style < 0.85:
                    return f"({area}) {exchange}-{line}"
                return digits

    def email(self, given: str, family: str, domain: str | None = None) -> str:
        """A fresh address. Real people's local parts are their own: no two people drawn
        here share a local part, even written with other dots or at another domain (a
        shared ``maria.garcia82`` would be real evidence of one person)."""
        rng = self.rng
        g = strip_punctuation(strip_diacritics(given.casefold())).replace(" ", "")
        f = strip_punctuation(strip_diacritics(family.casefold())).replace(" ", "")
        domain = domain or rng.choice(PROVIDERS)
        for _ in range(100):
            pattern = rng.random()
            if pattern < 0.4:
                local = f"{g}.{f}{rng.randint(1, 999)}"
            elif pattern < 0.7:
                local = f"{g[0]}{f}{rng.randint(100, 9999)}"
            else:
                local = f"{g}{f}{rng.randint(10, 9999)}"
            person = local.replace(".", "")
            address = f"{local}@{domain}"
            if person not in self.used_locals and address not in self.used_emails:
                self.used_locals.add(person)
                self.used_emails.add(address)
                return address
        raise RuntimeError("could not draw a fresh email")

    def plant(self, kind: str, variant: str, *users: User) -> None:
        """Record a planted case over ``users``."""
        self.cases.append(
            PlantedCase(kind=kind, variant=variant, sourced_ids=tuple(u.sourced_id for u in users))
        )

    def birth_date(self, grade: int) -> dt.date:
        """A birth date that fits ``grade`` in the 2026-27 school year."""
        return dt.date(2026 - 6 - grade, 1, 1) + dt.timedelta(days=self.rng.randint(0, 364))

    def modified(self) -> dt.datetime:
        return self.base_date - dt.timedelta(days=self.rng.randint(0, 400))

    def add(self, role: Role, org: str, **fields: object) -> User:
        prefix = {"student": "stu", "parent": "par", "guardian": "gua", "relative": "rel"}.get(
            role.value, "stf"
        )
        user = User(
            sourced_id=str(fields.pop("sourced_id", None) or self.sid(prefix)),
            roles=(RoleAssignment(role=role, role_raw=role.value, org_sourced_id=org),),
            enabled_user=True,
            date_last_modified=self.modified(),
            username=str(fields.pop("username", "")),
            **fields,  # type: ignore[arg-type]
        )
        self.position[user.sourced_id] = len(self.users)
        self.users.append(user)
        return user

    def parent(self, school: str, given: str, family: str) -> User:
        """A parent record of ``given family`` at ``school`` with fresh contacts."""
        return self.add(
            Role.PARENT,
            school,
            given_name=given,
            family_name=family,
            email=self.email(given, family),
            sms=self.phone(),
        )

    def replace(self, user: User, **changes: object) -> User:
        index = self.position[user.sourced_id]
        new = attrs.evolve(user, **changes)  # type: ignore[arg-type]
        self.users[index] = new
        return new


def _variant_name(rng: random.Random, given: str, family: str) -> tuple[str, str, str]:
    """(given, family, variant) of a name another record of the same person might carry."""
    options: list[Callable[[], tuple[str, str, str]]] = []
    for full, short in NICKNAMES:
        if given == full:
            options.append(lambda s=short: (s, family, "nickname"))  # type: ignore[misc]
    if strip_diacritics(given) != given or strip_diacritics(family) != family:
        options.append(lambda: (strip_diacritics(given), strip_diacritics(family), "diacritics"))
    second = rng.choice([f for f in FAMILY if f != family])
    options.append(lambda: (given, f"{family}-{second}", "compound-surname"))
    options.append(
        lambda: (f"{given} {rng.choice(('Ann', 'Lee', 'Marie', 'James'))}", family, "middle-name")
    )
    options.append(lambda: (given[0] + ".", family, "initial"))
    spelled = SPELLINGS.get(strip_diacritics(given))
    if spelled is not None:
        options.append(lambda: (spelled, family, "spelling"))
    titles = TITLES_BY_GENDER.get(name_gender(strip_diacritics(given).casefold()), TITLES)
    options.append(lambda: (f"{rng.choice(titles)} {given}", family, "title"))
    if len(given) >= 4:
        i = rng.randint(1, len(given) - 2)
        typo = given[:i] + given[i + 1] + given[i] + given[i + 2 :]
        if typo != given:
            options.append(lambda t=typo: (t, family, "typo"))  # type: ignore[misc]
    options.append(lambda: (family, given, "swapped"))
    return rng.choice(options)()


@one_run
def generate_roster(
    *,
    households: int = 100,
    seed: int = 7,
    staff_share: float = 0.05,
    plant_share: float = 0.04,
    one_name_share: float | None = None,
    habits_share: float | None = None,
) -> GeneratedRoster:
    """A roster of ``households`` families (about 1.5 guardians and 2 students each),
    ``staff_share`` of staff, and a ``plant_share`` of households carrying a planted case.
    A ``one_name_share`` of the households no case touched (``plant_share / 8`` unless
    given) then carry a person of one name or a family-name stand-in
    (:func:`_one_name_families`), and half as many a Korean family name romanized two
    ways (:func:`_romanized_families`). A ``habits_share`` (``plant_share / 8`` unless
    given) then carry a guardian typed again under an export's or an office's habit
    (:func:`_habit_families`: a number or a relation typed into the name, an initial,
    typos of the address's domain, the old address noted).

    >>> gen = generate_roster(households=20, seed=1, plant_share=0.5)
    >>> len(gen.roster.users) > 60, any(c.kind == "likely-same" for c in gen.cases)
    (True, True)
    """
    b = _Builder(seed)
    rng = b.rng
    schools = ("sch-elm", "sch-oak", "sch-high")
    orgs = [Org(sourced_id="dist-1", name="Springfield Public Schools", type="district")]
    orgs += [
        Org(
            sourced_id=s,
            name=s.split("-")[1].title() + " School",
            type="school",
            parent_sourced_id="dist-1",
        )
        for s in schools
    ]
    names = name_pool(GIVEN, FAMILY)

    def given_apart(family: str, taken: Sequence[str], nicknames: bool = False) -> str:
        return _given_apart(rng, names, family, taken, nicknames=nicknames)

    guardians_all: list[User] = []
    families: list[Family] = []
    for h in range(households):
        family = names.family_name(rng)
        school = rng.choice(schools)
        n_guardians = 1 if rng.random() < 0.5 else 2
        guardians: list[User] = []
        for _ in range(n_guardians):
            # Co-guardians' names are drawn apart: a random Elizabeth beside a Lisa would be
            # a nickname pair that no one (person or matcher) can tell from one mother.
            given = given_apart(family, [g.given_name for g in guardians], nicknames=True)
            role = rng.choice((Role.PARENT, Role.PARENT, Role.PARENT, Role.GUARDIAN, Role.RELATIVE))
            guardians.append(
                b.add(
                    role,
                    school,
                    given_name=given,
                    family_name=family,
                    email=b.email(given, family),
                    sms=b.phone(),
                    phone=b.phone() if rng.random() < 0.3 else "",
                )
            )
        if n_guardians == 2 and rng.random() < plant_share / 4:
            near_a, near_b = rng.choice(GENDER_PAIRS)
            g0 = b.replace(guardians[0], given_name=near_a)
            g1 = b.replace(guardians[1], given_name=near_b)
            guardians = [g0, g1]
            b.plant("stranger", "co-parents-near-names", g0, g1)
        students: list[User] = []
        twins = rng.random() < plant_share / 4
        for n in range(2 if twins else rng.choice((1, 1, 2, 2, 3))):
            names_taken = {s.given_name for s in students}
            grade = rng.randint(1, 12)
            draw = rng.random()
            born: dt.date | None = (
                b.birth_date(grade) if draw < 0.8 else STAND_IN_BIRTH if draw < 0.83 else None
            )
            if twins and n == 1:
                grade, born = (
                    int(students[0].grades[0]),
                    students[0].birth_date or b.birth_date(int(students[0].grades[0])),
                )
                if students[0].birth_date is None:
                    students[0] = b.replace(students[0], birth_date=born)
            students.append(
                b.add(
                    Role.STUDENT,
                    school,
                    given_name=given_apart(family, sorted(names_taken)),
                    family_name=family,
                    grades=(str(grade),),
                    birth_date=born,
                    agent_sourced_ids=tuple(g.sourced_id for g in guardians),
                )
            )
        if twins:
            b.plant("stranger", "twins", *students)
        guardians_all.extend(guardians)
        if n_guardians == 2 and rng.random() < 0.05:
            shared = b.email(guardians[0].family_name, "family")
            g0 = b.replace(guardians[0], email=shared)
            g1 = b.replace(guardians[1], email=shared)
            if g0.given_name != g1.given_name:
                b.plant("shared-contact", "household-email", g0, g1)
            guardians = [g0, g1]
        if rng.random() < plant_share:
            _plant(b, guardians, students, school, h)
        families.append(
            (tuple(g.sourced_id for g in guardians), tuple(s.sourced_id for s in students), school)
        )
    staff_count = max(1, int(len(b.users) * staff_share))
    # Some HR records carry the school's office line as the staff member's SMS number:
    # different people on one number, which is not a copy-paste error to fix by person.
    # A real district has an office per school (hundreds of them at a million users); the
    # generator's three schools get one line per eight or so of the staff who carry one.
    lines = max(1, round(staff_count * OFFICE_LINE_SHARE / len(schools) / 8))
    offices = {s: [b.phone() for _ in range(lines)] for s in schools}
    on_office_line: dict[str, list[User]] = {n: [] for s in schools for n in offices[s]}
    for _ in range(staff_count):
        family = names.family_name(rng)
        given = names.given_name(rng, family)
        school = rng.choice(schools)
        draw = rng.random()
        office = rng.choice(offices[school]) if draw < OFFICE_LINE_SHARE else ""
        sms = office or (b.phone() if draw < 0.5 else "")
        staff = b.add(
            rng.choice((Role.TEACHER, Role.TEACHER, Role.AIDE, Role.PRINCIPAL)),
            school,
            given_name=given,
            family_name=family,
            email=b.email(given, family, DISTRICT_DOMAIN),
            sms=sms,
        )
        if office:
            on_office_line[office].append(staff)
    for holders in on_office_line.values():
        if len(holders) >= 3:
            b.plant("shared-contact", "office-line", *holders)
    # Strangers that must not be flagged: same common name, different contacts.
    for _ in range(max(1, households // 50)):
        given, family = "Maria", "Garcia"
        pair = [b.parent(schools[0], given, family) for _ in range(2)]
        b.plant("stranger", "common-name", *pair)
        for parent, kid in zip(pair, ("Lucia", "Sofia"), strict=True):
            b.add(
                Role.STUDENT,
                schools[0],
                given_name=kid,
                family_name=family,
                agent_sourced_ids=(parent.sourced_id,),
            )
    # Strangers: two children of one name, grade and stand-in birth date in two families
    # whose guardians have other names: nothing says one child (the stand-in date least).
    for _ in range(max(1, households // 100)):
        family = names.family_name(rng)
        kid_name = names.given_name(rng, family)
        kid_grade = str(rng.randint(1, 12))
        first = names.given_name(rng, family)
        kids = []
        for parent_name in (first, given_apart(family, [first], nicknames=True)):
            parent = b.parent(schools[1], parent_name, family)
            kids.append(
                b.add(
                    Role.STUDENT,
                    schools[1],
                    given_name=kid_name,
                    family_name=family,
                    grades=(kid_grade,),
                    birth_date=STAND_IN_BIRTH,
                    agent_sourced_ids=(parent.sourced_id,),
                )
            )
        b.plant("stranger", "stand-in-birth-date", *kids)
    share = plant_share / 8 if one_name_share is None else one_name_share
    _one_name_families(b, families, share, seed)
    _romanized_families(b, families, share / 2, seed)
    _habit_families(b, families, plant_share / 8 if habits_share is None else habits_share, seed)
    return GeneratedRoster(
        roster=Roster(users=b.users, orgs=orgs, version="1.2", source=f"generated(seed={seed})"),
        cases=tuple(b.cases),
    )


def _given_apart(
    rng: random.Random,
    names: NamePool,
    family: str,
    taken: Sequence[str],
    *,
    nicknames: bool = False,
) -> str:
    """A given name for the family, not one of ``taken`` (nor, with ``nicknames``, a
    nickname of one: co-guardians)."""
    folded = [strip_diacritics(t.casefold()) for t in taken]
    for _ in range(100):
        name = names.given_name(rng, family)
        low = strip_diacritics(name.casefold())
        if low not in folded and not (nicknames and any(are_nicknames(t, low) for t in folded)):
            return name
    raise RuntimeError("could not draw a distinct given name")


def _typed_again(b: _Builder, g: User, school: str) -> tuple[User, str]:
    """A guardian typed again on a child's form years later: the same name or a variant of
    it, and that year's email and phone. Returns the new record and the name variant."""
    if b.rng.random() < 0.5:
        given, family, variant = g.given_name, g.family_name, "identical"
    else:
        given, family, variant = _variant_name(b.rng, g.given_name, g.family_name)
    twin = b.add(
        Role.GUARDIAN,
        school,
        given_name=given,
        family_name=family,
        email=b.email(g.given_name, g.family_name),
        sms=b.phone(),
    )
    return twin, variant


def _plant(b: _Builder, guardians: list[User], students: list[User], school: str, h: int) -> None:
    rng = b.rng
    guardian = guardians[0]
    kind = rng.choice(
        (
            "guardian-twice",
            "guardian-twice",
            "guardian-per-sibling",
            "student-twice",
            "staff-also-guardian",
            "name-variant",
            "email-variant",
            "phone-variant",
            "exact-merge",
            "fragile",
            "per-child",
            "student-as-guardian",
            "lookalike-email",
            "data-quality",
            "entry-slip",
            "family-slip",
            "teacher-parent-apart",
        )
    )
    g = guardian
    if kind == "guardian-per-sibling" and (len(guardians) < 2 or len(students) < 2):
        kind = "guardian-twice"  # siblings are visible only through a second guardian
    if kind == "guardian-twice":
        twin, variant = _typed_again(b, g, school)
        kid = students[0]
        b.replace(kid, agent_sourced_ids=(*kid.agent_sourced_ids, twin.sourced_id))
        b.plant("likely-same", f"household-same-student-{variant}", g, twin)
    elif kind == "guardian-per-sibling":
        twin, variant = _typed_again(b, g, school)
        second = students[1]
        kept = tuple(a for a in second.agent_sourced_ids if a != g.sourced_id)
        b.replace(second, agent_sourced_ids=(*kept, twin.sourced_id))
        b.plant("likely-same", f"household-sibling-{variant}", g, twin)
    elif kind == "student-twice":
        kid = b.users[b.position[students[0].sourced_id]]
        moved = rng.choice([s for s in ("sch-elm", "sch-oak", "sch-high") if s != school])
        agents = kid.agent_sourced_ids
        # Only a known birth date (not the SIS's stand-in) lets anyone, person or matcher,
        # tell a child registered again from a namesake.
        known = kid.birth_date is not None and kid.birth_date != STAND_IN_BIRTH
        if known and rng.random() < 0.5:
            # Registered again at the new school: the parents are typed again too (new
            # records, same names, that year's contacts).
            agents = tuple(
                b.parent(moved, parent.given_name, parent.family_name).sourced_id
                for parent in (b.users[b.position[a]] for a in kid.agent_sourced_ids)
            )
        # The new school's form: the name as typed there (a middle name in the given-name
        # field, another spelling: one child only when both birth dates say so) and the
        # grade in its own format (04 for 4).
        given, variant = kid.given_name, "student-entered-twice"
        draw = rng.random()
        if known and draw < 0.3:
            spelled = SPELLINGS.get(strip_diacritics(given))
            if spelled is not None and draw < 0.15:
                given, variant = spelled, f"{variant}-spelling"
            else:
                given = f"{given} {rng.choice(('Ann', 'Lee', 'Marie', 'R.', 'J.'))}"
                variant = f"{variant}-middle-name"
        grades = kid.grades
        if rng.random() < 0.5:
            grades = tuple(f"{int(g):02d}" if g.isdigit() else g for g in grades)
            variant = f"{variant}-grade-format" if grades != kid.grades else variant
        again = b.add(
            Role.STUDENT,
            moved,
            given_name=given,
            family_name=kid.family_name,
            grades=grades,
            birth_date=kid.birth_date,
            agent_sourced_ids=agents,
        )
        b.plant("likely-same", variant, kid, again)
    elif kind == "exact-merge":
        twin = b.add(
            Role.GUARDIAN,
            school,
            given_name=g.given_name,
            family_name=g.family_name,
            email=g.email,
            sms=g.sms,
        )
        b.plant("exact-merge", "same-values", g, twin)
    elif kind == "fragile":
        twin = b.add(
            Role.TEACHER,
            school,
            given_name=g.given_name.upper(),
            family_name=g.family_name,
            email=g.email.upper(),
            sms="".join(ch for ch in g.sms if ch.isdigit()),
        )
        b.plant("exact-merge", "fragile", g, twin)
    elif kind == "staff-also-guardian":
        variant = rng.choice(("work-email", "same-phone"))
        if variant == "work-email":
            staff = b.add(
                Role.TEACHER,
                school,
                given_name=g.given_name,
                family_name=g.family_name,
                email=b.email(g.given_name, g.family_name, DISTRICT_DOMAIN),
                sms=g.sms,
            )
        else:
            # The label names the name variant (staff-guardian-same-phone-typo), so the
            # benchmarks can tell a corrupted copy (a typo, an initial) from a preference.
            given, family, name_variant = _variant_name(rng, g.given_name, g.family_name)
            variant = f"{variant}-{name_variant}"
            staff = b.add(
                Role.TEACHER, school, given_name=given, family_name=family, email=g.email, sms=g.sms
            )
        b.plant("likely-same", f"staff-guardian-{variant}", g, staff)
    elif kind == "name-variant":
        given, family, variant = _variant_name(rng, g.given_name, g.family_name)
        twin = b.add(
            Role.GUARDIAN,
            school,
            given_name=given,
            family_name=family,
            email=g.email,
            sms=g.sms if rng.random() < 0.7 else b.phone(),
            agent_sourced_ids=tuple(s.sourced_id for s in students[:1]),
        )
        b.plant("likely-same", f"name-{variant}", g, twin)
    elif kind == "email-variant":
        local, _, domain = g.email.partition("@")
        variant = rng.choice(("domain-typo", "same-mailbox", "other-domain"))
        if variant == "domain-typo":
            other = f"{local}@{DOMAIN_TYPOS.get(domain, domain + 'x')}"
        elif variant == "same-mailbox":
            other = f"{local}+school@gmail.com" if domain == "gmail.com" else f"{local}@{domain}"
            if domain != "gmail.com":
                letters = [i for i, ch in enumerate(local) if ch.isalpha()]
                i = letters[len(letters) // 2]
                other = (
                    f"{local.replace('.', '')}@{domain}"
                    if "." in local
                    else f"{local[: i + 1]}{local[i:]}@{domain}"  # a doubled letter
                )
                variant = "local-typo" if "." not in local else "other-local"
        else:
            other = f"{local}@{rng.choice([p for p in PROVIDERS if p != domain])}"
        twin = b.add(
            Role.GUARDIAN,
            school,
            given_name=g.given_name,
            family_name=g.family_name,
            email=other,
            sms=g.sms if rng.random() < 0.5 else "",
        )
        b.plant("likely-same", f"email-{variant}", g, twin)
    elif kind == "phone-variant":
        digits = [ch for ch in g.sms if ch.isdigit()]
        i = rng.randint(6, 9)
        digits[i] = str((int(digits[i]) + 1) % 10)
        twin = b.add(
            Role.GUARDIAN,
            school,
            given_name=g.given_name,
            family_name=g.family_name,
            email=g.email,
            sms="".join(digits),
        )
        b.plant("likely-same", "phone-typo", g, twin)
    elif kind == "per-child":
        if len(students) < 2:
            # A sibling of the first child, never of the first child's name (that would be
            # one child entered twice, which this case does not plant).
            pool = name_pool(GIVEN, FAMILY)
            sibling = _given_apart(rng, pool, g.family_name, [students[0].given_name])
            students.append(
                b.add(Role.STUDENT, school, given_name=sibling, family_name=g.family_name)
            )
        second = students[1]
        twin = b.add(
            Role.GUARDIAN,
            school,
            given_name=g.given_name,
            family_name=g.family_name,
            email=g.email,
            sms=b.phone(),
            agent_sourced_ids=(second.sourced_id,),
        )
        b.replace(second, agent_sourced_ids=())
        b.replace(g, agent_sourced_ids=(students[0].sourced_id,))
        b.plant("likely-same", "per-child-export", g, twin)
    elif kind == "student-as-guardian":
        kid = students[0]
        b.replace(kid, given_name=g.given_name, family_name=g.family_name, email=g.email, sms=g.sms)
        b.plant("student-merged-with-adult", "copied-contact", g, kid)
    elif kind == "entry-slip":
        # The guardian typed again with a slip of hand entry or copy and paste: the whole
        # name in one field, an address pasted from a mail program, a number that went
        # through a spreadsheet, the cell and home numbers in each other's columns.
        variant = rng.choice(
            (
                "whole-name-in-given",
                "family-comma-given",
                "email-display-name",
                "phone-spreadsheet",
                "sms-home-swapped",
                "email-in-sms",
                "sms-gateway",
            )
        )
        given, family, email, sms, phone = g.given_name, g.family_name, g.email, g.sms, ""
        if variant == "whole-name-in-given":
            given, family = f"{g.given_name} {g.family_name}", ""
        elif variant == "family-comma-given":
            given, family = f"{g.family_name}, {g.given_name}", ""
        elif variant == "email-display-name":
            email, sms = f"{g.given_name} {g.family_name} <{g.email}>", b.phone()
        elif variant == "phone-spreadsheet":
            email, sms = "", "".join(ch for ch in g.sms if ch.isdigit()) + ".0"
        elif variant == "email-in-sms":
            email, sms = "", g.email
        elif variant == "sms-gateway":
            number = "".join(ch for ch in g.sms if ch.isdigit())
            email, sms = "", f"{number}@{rng.choice(SMS_GATEWAYS)}"
        else:
            home = b.phone()
            b.replace(g, phone=home)
            email, sms, phone = "", home, g.sms
        linked = tuple(s.sourced_id for s in students[:1]) if rng.random() < 0.5 else ()
        twin = b.add(
            Role.GUARDIAN,
            school,
            given_name=given,
            family_name=family,
            email=email,
            sms=sms,
            phone=phone,
            agent_sourced_ids=linked,
        )
        b.plant("likely-same", f"entry-slip-{variant}", g, twin)
    elif kind == "family-slip":
        _family_slip(b, guardians, students, school)
    elif kind == "teacher-parent-apart":
        _teacher_parent_apart(b, g, school)
    elif kind == "lookalike-email":
        local, _, domain = g.email.partition("@")
        given = b.rng.choice([n for n in GIVEN if n[0] != g.given_name[0]])
        stranger = b.add(
            Role.PARENT,
            school,
            given_name=given,
            family_name=name_pool(GIVEN, FAMILY).family_name(rng),
            email=f"{local}x@{domain}",
            sms=b.phone(),
        )
        b.plant("stranger", "lookalike-email", g, stranger)
    else:
        variant = rng.choice(
            ("placeholder-email", "invalid-email", "placeholder-phone", "home-phone-only")
        )
        if variant == "placeholder-email":
            b.replace(g, email=rng.choice(("noemail@school.org", "N/A", "none@none.com")))
        elif variant == "invalid-email":
            b.replace(
                g,
                email=g.email.replace("@", "@@")
                if rng.random() < 0.5
                else g.email.replace("@", " at "),
            )
        elif variant == "placeholder-phone":
            b.replace(
                g,
                sms=rng.choice(
                    ("000-000-0000", "555-555-5555", "(999) 999-9999", "1234567890", "603-555-0123")
                ),
            )
        else:
            b.replace(g, email="", phone=g.sms, sms="")
        b.plant(variant, variant, g)


def _teacher_parent_apart(b: _Builder, g: User, school: str) -> None:
    """A guardian who also works for the district, on an HR record that shares nothing
    with the guardian record: the district's email, no cell number or a work one, and the
    name as HR keeps it (since session 36). Both records are one person's, whom the sync
    splits into a staff and a guardian account; only a warning can name the pair.

    The name forms (the case's variant): ``same-name``; ``nickname`` (``Elizabeth`` in HR,
    ``Liz`` on the form); ``diacritics`` (``José`` and ``Jose``); ``second-family-name``
    (both family names on one record, one on the other, either way round);
    ``family-name-first`` (a Chinese, Korean or Vietnamese name written family name first
    on one of the two records: the guardian is renamed for it, her children keep theirs).
    """
    rng = b.rng
    given, family = g.given_name, g.family_name
    forms = ["same-name", "second-family-name", "family-name-first"]
    if any(given == full for full, _ in NICKNAMES):
        forms.append("nickname")
    if strip_diacritics(given) != given or strip_diacritics(family) != family:
        forms.append("diacritics")
    form = rng.choice(forms)
    if form == "family-name-first":
        given, family = _east_asian_name(rng)
        g = b.replace(g, given_name=given, family_name=family, email=b.email(given, family))
    staff_given, staff_family = given, family
    if form == "nickname":
        g = b.replace(g, given_name=dict(NICKNAMES)[given])
    elif form == "diacritics":
        staff_given, staff_family = strip_diacritics(given), strip_diacritics(family)
    elif form == "second-family-name":
        second = rng.choice([f for f in FAMILY if f != family])
        if rng.random() < 0.5:
            staff_family = f"{family} {second}"
        else:
            g = b.replace(g, family_name=f"{family} {second}")
    elif form == "family-name-first":
        if rng.random() < 0.5:
            staff_given, staff_family = family, given
        else:
            g = b.replace(g, given_name=family, family_name=given)
    staff = _hr_record(b, school, (staff_given, staff_family), (given, family))
    b.plant("teacher-parent-apart", form, staff, g)


def _hr_record(b: _Builder, school: str, name: tuple[str, str], address: tuple[str, str]) -> User:
    """A teacher-parent's HR record: a staff role at ``school``, the ``name`` (given,
    family) as HR writes it, the district's address made of ``address`` (a name), and no
    cell number or a work one: nothing the guardian record holds."""
    return b.add(
        b.rng.choice((Role.TEACHER, Role.TEACHER, Role.AIDE)),
        school,
        given_name=name[0],
        family_name=name[1],
        email=b.email(*address, DISTRICT_DOMAIN),
        sms=b.phone() if b.rng.random() < 0.3 else "",
    )


def _family_slip(b: _Builder, guardians: list[User], students: list[User], school: str) -> None:
    """One family's records as a busy front office types them (the cases session 16 taught
    the matcher on hand-written rosters, planted so the benchmarks count them):

    - ``couple-record``: the guardian's record names both parents (``John & Mary``);
    - ``couple-beside-own``: a second record names both (either first), with John's own
      contacts, beside John's record (one person's split account whose fix is John's
      name alone);
    - ``role-word``: a record typed as ``Dad`` (or ``Parent``, ``Garcia Family``,
      ``Leo's Mom``, ``Parent 1``...) on the family address;
    - ``parent-address-in-child-sms``: the guardian's address in the child's SMS column;
    - ``wife-formal-name``: his wife's record named the formal way by his given name
      (``Mrs. John``) on the family address, with a number of her own (since session 35);
    - ``student-school-address``: the child's school address as the guardian's email.
    """
    rng = b.rng
    g = b.users[b.position[guardians[0].sourced_id]]
    kid = b.users[b.position[students[0].sourced_id]]
    variant = rng.choice(
        (
            "couple-record",
            "couple-beside-own",
            "role-word",
            "parent-address-in-child-sms",
            "student-school-address",
            "wife-formal-name",
        )
    )
    if (
        variant == "wife-formal-name"
        and name_gender(strip_diacritics(g.given_name).casefold()) != "m"
    ):
        variant = "role-word"  # (the guardian is no man a wife could be named after)
    if variant == "wife-formal-name":
        # His wife named the formal way (Mrs. John Smith) on the family address, with a
        # number of her own: another person, never his record with a title.
        wife = b.add(
            Role.PARENT,
            school,
            given_name=f"{rng.choice(WIVES_TITLES)} {g.given_name}",
            family_name=g.family_name,
            email=g.email,
            sms=b.phone(),
            agent_sourced_ids=(kid.sourced_id,),
        )
        b.replace(kid, agent_sourced_ids=(*kid.agent_sourced_ids, wife.sourced_id))
        b.plant("husband-name", variant, wife)
        b.plant("stranger", variant, g, wife)
        if g.email:
            b.plant("shared-contact", "wife-formal-name-family-address", g, wife)
    elif variant.startswith("couple"):
        partner = (
            guardians[1].given_name
            if len(guardians) > 1
            else rng.choice([n for n in GIVEN if n != g.given_name])
        )
        # Either spouse may be named first, whoever's contacts the record carries.
        first, second = (g.given_name, partner) if rng.random() < 0.5 else (partner, g.given_name)
        both = f"{first}{rng.choice(COUPLE_JOINERS)}{second}"
        if variant == "couple-record":
            couple = b.replace(g, given_name=both)
        else:
            couple = b.add(
                Role.PARENT,
                school,
                given_name=both,
                family_name=g.family_name,
                email=g.email,
                sms=g.sms,
            )
            b.replace(kid, agent_sourced_ids=(*kid.agent_sourced_ids, couple.sourced_id))
            b.plant("likely-same", "couple-beside-own", g, couple)
        b.plant("couple-in-name", variant, couple)
    elif variant == "role-word":
        stand_in = b.add(
            Role.GUARDIAN,
            school,
            given_name=rng.choice(ROLE_WORDS + STAND_INS).format(
                family=g.family_name, child=kid.given_name
            ),
            family_name=g.family_name,
            email=g.email,
            agent_sourced_ids=(kid.sourced_id,),
        )
        b.plant("placeholder-name", variant, stand_in)
        b.plant("shared-contact", "role-word-family-address", g, stand_in)
    elif variant == "parent-address-in-child-sms":
        kid = b.replace(kid, sms=g.email)
        b.plant("stranger", variant, g, kid)
    else:
        local = strip_punctuation(strip_diacritics(kid.given_name.casefold())).replace(" ", "")
        address = f"{local}.{b.counter}@{STUDENT_DOMAIN}"
        kid = b.replace(kid, email=address)
        g = b.replace(g, email=address)
        b.plant("shared-contact", variant, g, kid)


def _one_name_form(name: str, form: str) -> tuple[str, str]:
    """(given, family) of a one-name person's record written by ``form``
    (:data:`ONE_NAME_FORMS`)."""
    return {
        "fnu": ("FNU", name),
        "lnu": (name, "LNU"),
        "doubled": (name, name),
        "given-only": (name, ""),
        "family-only": ("", name),
    }[form]


def _untouched(
    b: _Builder, families: Sequence[Family], share: float
) -> Iterator[tuple[User, User, Family]]:
    """A ``share`` of the ``families`` no planted case touched (drawn from ``b.rng``):
    each one's first guardian and first student as they are now, and the family."""
    touched = {sid for case in b.cases for sid in case.sourced_ids}
    for family in families:
        guardian_ids, student_ids, _ = family
        if b.rng.random() >= share or touched.intersection(guardian_ids + student_ids):
            continue
        yield b.users[b.position[guardian_ids[0]]], b.users[b.position[student_ids[0]]], family


def _typed_again_for(
    b: _Builder, g: User, kid: User, school: str, given: str, family: str, sms: str
) -> User:
    """Guardian ``g`` typed again on ``kid``'s form as ``given family``, with ``g``'s
    email and ``sms``: a new guardian record linked to the child (and the child to it)."""
    twin = b.add(
        Role.GUARDIAN,
        school,
        given_name=given,
        family_name=family,
        email=g.email,
        sms=sms,
        agent_sourced_ids=(kid.sourced_id,),
    )
    b.replace(kid, agent_sourced_ids=(*kid.agent_sourced_ids, twin.sourced_id))
    return twin


def _registered_again(
    b: _Builder, kid: User, school: str, first: tuple[str, str], again: tuple[str, str]
) -> tuple[User, User]:
    """``kid``, renamed ``first`` (given, family) with a known birth date, registered again
    at another school as ``again``: the same birth date, grades and guardians. Returns
    both records."""
    born = kid.birth_date
    if born is None or born == STAND_IN_BIRTH:
        born = b.birth_date(int(kid.grades[0]))
    kid = b.replace(kid, given_name=first[0], family_name=first[1], birth_date=born)
    twice = b.add(
        Role.STUDENT,
        b.rng.choice([s for s in ("sch-elm", "sch-oak", "sch-high") if s != school]),
        given_name=again[0],
        family_name=again[1],
        grades=kid.grades,
        birth_date=born,
        agent_sourced_ids=kid.agent_sourced_ids,
    )
    return kid, twice


def _one_name_families(
    b: _Builder,
    families: Sequence[Family],
    share: float,
    seed: int,
) -> None:
    """Plant persons of one name and family-name stand-ins (since session 38) in a
    ``share`` of the ``families`` (guardian ids, student ids, school) no case touched.

    One office writes a one-name person's name one way and another office another way
    (:data:`ONE_NAME_FORMS`), so the person's two records split into two accounts:

    - ``one-name-guardian-<form>-<form>``: a guardian typed again on the child's form in
      another convention, with the same email (and mostly the same phone); in
      ``one-name-guardian-lnu-family-name`` the papers' ``Mariam LNU`` beside the child's
      family name on the form (``Mariam Rahimi``), which only a person can choose between;
    - ``staff-guardian-work-email-one-name-<form>-<form>``: a guardian who works for the
      district, whose HR record writes the name another way and shares the cell number;
    - ``student-entered-twice-one-name-<form>-<form>``: a child of one name registered
      again at another school (same birth date and guardians) in another convention;
    - ``family-stand-in``: a guardian typed again with a stand-in for the family name the
      form did not ask for (:data:`FAMILY_STAND_INS`: ``N/A``, ``Unknown``): the stand-in
      record's fix is the name;
    - ``fnu-other-parent``: the child's other parent, whose given name the papers lack
      (``FNU Noori``), on the family address: a stranger to the first guardian, and a
      shared contact. (One guardian typed again as ``FNU Noori`` is not planted: no one,
      person or matcher, can tell that record from the other parent's.)

    Two unrelated one-name guardians of one name in two households, who share nothing,
    are planted as ``one-name-namesakes`` strangers.

    The cases are drawn from a stream of their own, after the rest of the roster, so
    every other record and case is the one the generator made before them (the other
    cases' benchmark figures stay comparable), and their new records take the next ids.
    """
    b.rng = rng = random.Random(seed * 1_000_003 + 38)
    holders: dict[str, list[User]] = {}
    for g, kid, (guardian_ids, _, school) in _untouched(b, families, share):
        form, other = rng.sample(ONE_NAME_FORMS, 2)
        kind = rng.choice(
            ("guardian", "guardian", "staff-guardian", "student", "family-stand-in", "other-parent")
        )
        if kind == "other-parent" and len(guardian_ids) < 2:
            kind = "guardian"
        if kind in ("guardian", "staff-guardian"):
            name = rng.choice(ONE_NAMES)
            if kind == "guardian" and rng.random() < 0.2:
                # the papers' `Mariam LNU`, and the family's name on the child's form
                form, other = "lnu", "family-name"
            given, family = _one_name_form(name, form)
            g = b.replace(g, given_name=given, family_name=family, email=b.email(name, ""))
            holders.setdefault(name, []).append(g)
            given, family = (
                (name, kid.family_name) if other == "family-name" else _one_name_form(name, other)
            )
            if kind == "guardian":
                sms = g.sms if rng.random() < 0.7 else ""
                twin = _typed_again_for(b, g, kid, school, given, family, sms)
                b.plant("likely-same", f"one-name-guardian-{form}-{other}", g, twin)
            else:
                staff = b.add(
                    rng.choice((Role.TEACHER, Role.TEACHER, Role.AIDE)),
                    school,
                    given_name=given,
                    family_name=family,
                    email=b.email(name, "", DISTRICT_DOMAIN),
                    sms=g.sms,
                )
                variant = f"staff-guardian-work-email-one-name-{form}-{other}"
                b.plant("likely-same", variant, g, staff)
        elif kind == "student":
            name = rng.choice(ONE_NAME_CHILDREN)
            forms = _one_name_form(name, form), _one_name_form(name, other)
            kid, again = _registered_again(b, kid, school, *forms)
            b.plant("likely-same", f"student-entered-twice-one-name-{form}-{other}", kid, again)
        elif kind == "family-stand-in":
            stand_in = rng.choice(FAMILY_STAND_INS)
            twin = _typed_again_for(b, g, kid, school, g.given_name, stand_in, g.sms)
            b.plant("likely-same", "family-stand-in", g, twin)
        else:
            partner = b.users[b.position[guardian_ids[1]]]
            partner = b.replace(
                partner, given_name=rng.choice(("FNU", "Fnu", "F.N.U.")), email=g.email
            )
            b.plant("stranger", "fnu-other-parent", g, partner)
            b.plant("shared-contact", "fnu-other-parent-family-address", g, partner)
    for same in holders.values():
        if len(same) >= 2:
            b.plant("stranger", "one-name-namesakes", same[0], same[1])


def _romanized_families(
    b: _Builder,
    families: Sequence[Family],
    share: float,
    seed: int,
) -> None:
    """Plant Korean family names romanized two ways (since session 38) in a ``share`` of
    the ``families`` no case touched: the guardian (or the child) takes a Korean name, and
    a second record spells its family name as another paper does (``Lee`` and ``Yi``,
    ``Park`` and ``Bak``: two spellings of one line of ``data/family_romanizations.txt``).

    - ``name-romanized-family``: the guardian typed again on the child's form, with the
      same email (and mostly the same phone);
    - ``student-entered-twice-romanized-family``: the child registered again at another
      school, same birth date and guardians;
    - ``romanized-family`` (kind ``teacher-parent-apart``): the guardian's HR record, on
      the district's address and no shared phone, in the passport's spelling.

    Drawn from a stream of their own after the one-name cases, as those are."""
    b.rng = rng = random.Random(seed * 1_000_003 + 39)
    spellings = [words for words in data_words("family_romanizations.txt") if len(words) > 1]
    for g, kid, (_, _, school) in _untouched(b, families, share):
        first, second = (word.capitalize() for word in rng.sample(rng.choice(spellings), 2))
        given = _east_asian_name(rng, "Korean")[0]
        kind = rng.choice(("guardian", "guardian", "student", "teacher"))
        if kind == "student":
            kid, again = _registered_again(b, kid, school, (given, first), (given, second))
            b.plant("likely-same", "student-entered-twice-romanized-family", kid, again)
            continue
        g = b.replace(g, given_name=given, family_name=first, email=b.email(given, first))
        if kind == "guardian":
            sms = g.sms if rng.random() < 0.7 else ""
            twin = _typed_again_for(b, g, kid, school, given, second, sms)
            b.plant("likely-same", "name-romanized-family", g, twin)
        else:
            staff = _hr_record(b, school, (given, second), (given, second))
            b.plant("teacher-parent-apart", "romanized-family", staff, g)


def with_state_ids(
    generated: GeneratedRoster,
    *,
    seed: int = 0,
    copied_when_entered_twice: float = 0.8,
    copied_between_twins: float = 0.2,
    family_numbers: bool = False,
) -> GeneratedRoster:
    """The same roster with a state ID (``userMasterIdentifier``) on every student, as a
    OneRoster 1.2 district exports them; nothing else changes, so a roster with and one
    without IDs can be checked side by side.

    IDs are ten digits, some with leading zeros. A student entered twice (a planted
    ``student-entered-twice*`` case) keeps its ID on the second record at
    ``copied_when_entered_twice`` (written without its leading zeros half the time, as a
    spreadsheet leaves it; otherwise the SIS issued a new ID). A twin registered by
    copying the other's record keeps the copied ID at ``copied_between_twins``: planted
    as a ``shared-identifier`` case (two children, one ID: a finding, never one person).

    With ``family_numbers`` the column holds no person's ID but the family's number, the
    same on every student of one first guardian (a district that files siblings under
    their family): nothing is planted, and nothing in the column is evidence.

    >>> gen = with_state_ids(generate_roster(households=20, seed=1))
    >>> all(u.user_master_identifier for u in gen.roster.users if u.primary_family.value == "student")
    True
    """
    rng = random.Random(seed)
    ids: dict[str, str] = {}
    number_of: dict[str, str] = {}  # what an ID numbers (a student, or a family) -> the ID
    taken: set[str] = set()
    for u in generated.roster.users:
        if any(r.role is Role.STUDENT for r in u.roles):
            owner = u.sourced_id
            if family_numbers and u.agent_sourced_ids:
                owner = u.agent_sourced_ids[0]
            if owner not in number_of:
                while (drawn := f"{rng.randrange(1, 10**10):010d}") in taken:
                    pass
                taken.add(drawn)
                number_of[owner] = drawn
            ids[u.sourced_id] = number_of[owner]
    cases = list(generated.cases)
    for case in () if family_numbers else generated.cases:
        first, second = case.sourced_ids[0], case.sourced_ids[-1]
        twice = case.kind == "likely-same" and case.variant.startswith("student-entered-twice")
        twins = case.kind == "stranger" and case.variant == "twins"
        if twice and rng.random() < copied_when_entered_twice:
            copied = ids[first]
            ids[second] = copied.lstrip("0") if rng.random() < 0.5 else copied
        elif twins and rng.random() < copied_between_twins:
            ids[second] = ids[first]
            cases.append(
                PlantedCase(
                    kind="shared-identifier",
                    variant="twin-copied-id",
                    sourced_ids=(first, second),
                )
            )
    users = tuple(
        attrs.evolve(u, user_master_identifier=ids[u.sourced_id]) if u.sourced_id in ids else u
        for u in generated.roster.users
    )
    return GeneratedRoster(roster=attrs.evolve(generated.roster, users=users), cases=tuple(cases))


HABITS = ("numbered", "noted", "numbered-and-initial", "domain-typos", "old-address")
"""The habits :func:`_habit_families` plants, each the variant ``habit-<habit>``."""

HABIT_NOTES = (
    "(Parent)",
    "(Primary)",
    "(Primary Contact)",
    "[Emergency Contact]",
    "*Primary*",
    "(Custodial)",
)
"""The notes ``habit-noted`` types beside the given name: a relation, and (since session
64) the contact roles an SIS's contact screen flags, in brackets or between asterisks."""

_DOMAIN_TYPOS = {
    "gmail.com": ("gmial.com", "gmail.com.com"),
    "yahoo.com": ("yaho.com", "yahoo.com.com"),
    "hotmail.com": ("hotmial.com", "hotmail.com.com"),
    "outlook.com": ("outlok.com", "outlook.com.com"),
    "icloud.com": ("iclod.com", "icloud.com.com"),
    "aol.com": ("aol.con", "aol.com.com"),
}
"""Two typos of each provider's domain, as forms and offices type them."""


def _habit_families(
    b: _Builder,
    families: Sequence[Family],
    share: float,
    seed: int,
) -> None:
    """Plant a guardian typed again under an export's or an office's habit (since session
    63) in a ``share`` of the ``families`` no case touched: the guardian's first record
    keeps the right value, and each other record is linked to a child of the family with
    the guardian's email and SMS number (a parent typed once per child), and carries:

    - ``habit-numbered``: the given name with a number typed after it (``Maria 2``: a
      second record's mark);
    - ``habit-noted``: the given name with a relation or (since session 64) a contact
      role noted beside it (``Maria (Parent)``, ``Maria (Primary)``, ``Maria *Primary*``:
      :data:`HABIT_NOTES`);
    - ``habit-numbered-and-initial``: two more records, ``Maria 2`` and ``M.``;
    - ``habit-domain-typos``: two more records, the address with a typo of its domain
      on each (``gmial.com``, ``gmail.com.com``);
    - ``habit-old-address``: an older address of the person, noted ``(old)``.

    In each the right advice gives every record the first record's value
    (``benchmarks/bench_pipeline.py``'s ``habit_advice_right``). The cases are drawn from
    a stream of their own, after the rest of the roster, as :func:`_one_name_families`'
    are, so every other record and case is the one the generator made before them."""
    b.rng = rng = random.Random(seed * 1_000_003 + 63)
    for g, _, (_, student_ids, school) in _untouched(b, families, share):
        habit = rng.choice(HABITS)
        domain = g.email.rpartition("@")[2]
        if habit == "domain-typos" and domain not in _DOMAIN_TYPOS:
            habit = "numbered"
        given = g.given_name
        if habit == "numbered":
            forms = [(f"{given} 2", g.email)]
        elif habit == "noted":
            forms = [(f"{given} {rng.choice(HABIT_NOTES)}", g.email)]
        elif habit == "numbered-and-initial":
            forms = [(f"{given} 2", g.email), (f"{given[0]}.", g.email)]
        elif habit == "domain-typos":
            local = g.email.rpartition("@")[0]
            forms = [(given, f"{local}@{typo}") for typo in _DOMAIN_TYPOS[domain]]
        else:
            forms = [(given, b.email(given, g.family_name) + " (old)")]
        twins = []
        for n, (name, email) in enumerate(forms, start=1):
            # (read again: a child given an earlier twin holds its link)
            child = b.users[b.position[student_ids[n % len(student_ids)]]]
            twin = _typed_again_for(b, g, child, school, name, g.family_name, g.sms or "")
            twins.append(b.replace(twin, email=email))
        b.plant("likely-same", f"habit-{habit}", g, *twins)
