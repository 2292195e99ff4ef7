"""Which value a count of copies types over another: real spellings and names a letter
apart, on a parent's per-child records.

A front office types a parent once per child, so one writing of the name is copied onto
two children's records and another writing reaches the third (a form filled in later at
another school). Each case is that roster: three guardian records of one person sharing
the family's email and SMS phone, each linked to one child, the name part written one way
twice and the other way once; both ways round. The script counts the cases whose advice
types one writing over the other (a fix of the given or family name), which is wrong
whenever the outnumbered writing is the family's own, as it is for every pair below
(all real spellings or real names, or two letters swapped, the one slip a count may
settle). Accents are rule 4's (the accented writing is kept) and are not counted.

``WRITTEN_WITH`` are the pairs the session 52 tables and rules were written with;
``HELD_OUT`` were written afterwards and changed nothing in the code, so they are the
fairer figure. Neither list is a sample of any district: read the counts as "how often
this roster shape gets a wrong fix", not as a rate.

    .venv/bin/python benchmarks/hand_copied_spellings.py
    PYTHONPATH=OTHER/src .venv/bin/python benchmarks/hand_copied_spellings.py
"""

from __future__ import annotations

from oneroster_identity import Role, RoleAssignment, Roster, User
from oneroster_identity.match import match


def _pairs(text: str) -> list[str]:
    """``"A/B C/D"`` as ``["A/B", "C/D"]``."""
    return text.split()


WRITTEN_WITH_GIVEN = _pairs(
    "Sara/Sarah Jon/John Katherine/Catherine Steven/Stephen Ann/Anne Geoffrey/Jeffrey "
    "Mohammed/Mohamed Aleksandr/Alexander Yesenia/Yessenia Jazmin/Jasmine Nicole/Nichole "
    "Erik/Eric Kaitlyn/Caitlin Brittany/Britney Lindsay/Lindsey Shaun/Shawn "
    "Marisol/Marisela Itzel/Itzell Abigail/Abigale Alexis/Alexus Andrea/Andria "
    "Angelina/Angelena Brianna/Breanna Chelsea/Chelsey Destiny/Destinee Kylie/Kylee "
    "Madeline/Madeleine Makayla/Mikayla Rachel/Rachael Taylor/Tayler Yasmin/Yazmin "
    "Xochitl/Xochilt Devin/Devon Tristan/Tristen Jeffery/Jeffrey Gerald/Jerald "
    "Kenneth/Kennith Brenda/Brinda Kelli/Kellie Tanya/Tonya Deja/Dejah Imani/Amani "
    "Jada/Jayda Maritza/Maritsa Yolanda/Yolonda Esmeralda/Ezmeralda Lizbeth/Lisbeth "
    "Daisy/Deisy Lesly/Leslye Kimberly/Kimberlee Edgar/Edgard Jose/Josue "
    "Osvaldo/Oswaldo Giovanni/Geovanni Bryan/Brayan Yahir/Yair Wilber/Wilmer Elmer/Elmar"
)
WRITTEN_WITH_FAMILY = _pairs(
    "Gonzalez/Gonzales Rodriguez/Rodrigues Hernandez/Hernandes Thompson/Thomson "
    "Sanchez/Sanches Gray/Grey Schmidt/Schmitt Fischer/Fisher Johnston/Johnstone "
    "Vasquez/Vazquez Juarez/Suarez Zamora/Samora Villalobos/Villalovos Vallejo/Vallejos "
    "Barrera/Barrero Contreras/Contrera Ibarra/Ybarra Pham/Phan Chen/Chan Wong/Wang "
    "Lin/Lim Park/Parks Cohen/Cohn Levine/Levin Miller/Millar Clark/Clarke Cook/Cooke "
    "Brown/Browne Green/Greene Wood/Woods Mcgee/Magee Tran/Trane"
)
HELD_OUT_GIVEN = _pairs(
    "Carly/Carlie Kristina/Christina Katrina/Catrina Jenifer/Jennifer Alisha/Alicia "
    "Cheyenne/Shyanne Jazlyn/Jazlynn Aryana/Ariana Nataly/Natalie Analy/Anali "
    "Ximena/Jimena Karla/Carla Erika/Erica Monika/Monica Veronika/Veronica "
    "Jaquelin/Jacqueline Jeniffer/Jennifer Stefany/Stephanie Mikael/Michael Jaylen/Jalen "
    "Jamal/Jamaal Dashawn/Deshawn Demetrius/Dimitrius Marquis/Markis Isaiah/Isiah "
    "Elijah/Elija Yaritza/Yaretzi Jocelyn/Joselin Arely/Areli Ashanti/Ashanty "
    "Emely/Emily Keyla/Kayla Yulissa/Julissa Jordyn/Jordan"
)
HELD_OUT_FAMILY = _pairs(
    "Ruiz/Ruis Ortiz/Ortis Cordova/Cordoba Hernandez/Fernandez Mejia/Mexia "
    "Nevarez/Nevares Jaramillo/Jaramiyo Sandoval/Sandobal Bustamante/Bustamente "
    "Lucero/Lusero Mckay/Mackay Reilly/Riley Carlsen/Carlson Haas/Hass Katz/Kats "
    "Lyons/Lyon Hanna/Hannah Simmons/Simons Moody/Mooney Nguyen/Nguyn Trujillo/Trujilo "
    "Delgado/Delgato Estrada/Estrda Morales/Moralez Rosales/Rosalez Chavez/Chaves "
    "Ochoa/Ochao Goldstein/Goldstien Schaefer/Schafer Meier/Maier Kelley/Kelly "
    "Doyle/Boyle Connor/Conner Hsu/Xu Yee/Yi Byrne/Burns"
)
"""``Ochoa``/``Ochao`` and ``Goldstein``/``Goldstien`` are two letters swapped: the one
slip a count still settles, so those cases are fixed by design (whichever writing the
two copies hold)."""

_KIDS = ("Leo", "Mia", "Bo")


def _guardian(sid: str, given: str, family: str, child: str) -> User:
    role = Role.PARENT
    return User(
        sourced_id=sid,
        given_name=given,
        family_name=family,
        email="ruiz.family@gmail.com",
        sms="617-555-7788",
        roles=(RoleAssignment(role=role, role_raw=role.value, org_sourced_id="s1"),),
        agent_sourced_ids=(child,),
    )


def _child(sid: str, given: str, guardian: str) -> User:
    role = Role.STUDENT
    return User(
        sourced_id=sid,
        given_name=given,
        family_name="Ruiz",
        roles=(RoleAssignment(role=role, role_raw=role.value, org_sourced_id="s1"),),
        agent_sourced_ids=(guardian,),
    )


def typed_over(twice: str, once: str, *, family: bool) -> list[str]:
    """The name fixes of the roster whose guardian's name part is ``twice`` on two
    records and ``once`` on the third (accents left out)."""
    users: list[User] = []
    for i, value in enumerate((twice, twice, once)):
        given, last = ("Maria", value) if family else (value, "Ruiz")
        users.append(_guardian(f"g{i}", given, last, f"k{i}"))
        users.append(_child(f"k{i}", _KIDS[i], f"g{i}"))
    result = match(Roster(users=users))
    return [
        f"{fix.current!r} -> {fix.suggested!r} ({fix.rule})"
        for item in result.near_misses
        for fix in item.fixes
        if fix.field in ("givenName", "familyName") and fix.rule != "diacritics"
    ]


def count(title: str, pairs: list[str], *, family: bool) -> tuple[int, int]:
    """Print each case typed over; return (cases typed over, cases)."""
    over = 0
    for pair in pairs:
        a, b = pair.split("/")
        for twice, once in ((a, b), (b, a)):
            fixes = typed_over(twice, once, family=family)
            if fixes:
                over += 1
                print(f"  {title}: {twice!r} twice / {once!r} once: {'; '.join(fixes)}")
    return over, 2 * len(pairs)


def main() -> None:
    total = [0, 0]
    for title, pairs, family in (
        ("written with, given", WRITTEN_WITH_GIVEN, False),
        ("written with, family", WRITTEN_WITH_FAMILY, True),
        ("held out, given", HELD_OUT_GIVEN, False),
        ("held out, family", HELD_OUT_FAMILY, True),
    ):
        over, cases = count(title, pairs, family=family)
        total[0] += over
        total[1] += cases
        print(f"{title}: {len(pairs)} pairs, typed over in {over} of {cases} cases")
    print(f"all: typed over in {total[0]} of {total[1]} cases")


if __name__ == "__main__":
    main()
