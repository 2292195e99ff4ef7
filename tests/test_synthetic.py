"""The roster generator plants what its labels say it planted."""

from __future__ import annotations

from collections import Counter

import attrs

from oneroster_identity.models import RoleFamily
from oneroster_identity.normalize import is_role_word_name, names_two_people
from oneroster_identity.normalize._names import couple_names
from oneroster_identity.synthetic import (
    HABIT_NOTES,
    SMS_GATEWAYS,
    STUDENT_DOMAIN,
    GeneratedRoster,
    generate_roster,
)

GEN = generate_roster(households=5000, seed=1, plant_share=0.5)
"""(5,000 households: a dozen or more of each family slip, so each test reads both
ways a slip is planted whatever the draws.)"""
BY_ID = {u.sourced_id: u for u in GEN.roster.users}


def _cases(variant: str, kind: str | None = None) -> list[tuple[str, ...]]:
    return [
        c.sourced_ids
        for c in GEN.cases
        if c.variant == variant and (kind is None or c.kind == kind)
    ]


def test_every_family_slip_is_planted() -> None:
    variants = Counter(c.variant for c in GEN.cases)
    for variant in (
        "couple-record",
        "couple-beside-own",
        "role-word",
        "parent-address-in-child-sms",
        "student-school-address",
        "entry-slip-sms-gateway",
    ):
        assert variants[variant] > 0, variant


def test_couples_name_two_people_and_keep_the_contacts() -> None:
    for (sid,) in _cases("couple-record", "couple-in-name"):
        assert names_two_people(BY_ID[sid].given_name)
    places = set()
    for own, couple in _cases("couple-beside-own", "likely-same"):
        a, b = BY_ID[own], BY_ID[couple]
        assert names_two_people(b.given_name) and a.given_name in couple_names(b.given_name)
        assert (a.family_name, a.email, a.sms) == (b.family_name, b.email, b.sms)
        places.add(couple_names(b.given_name).index(a.given_name))
    assert places == {0, 1}  # the contacts' owner named first and second


def test_role_word_records_share_the_family_address() -> None:
    for own, stand_in in _cases("role-word-family-address"):
        assert is_role_word_name(BY_ID[stand_in].given_name)
        assert BY_ID[stand_in].email == BY_ID[own].email != ""


def test_addresses_in_the_wrong_place() -> None:
    for guardian, kid in _cases("parent-address-in-child-sms"):
        assert BY_ID[kid].sms == BY_ID[guardian].email != ""
        assert RoleFamily.STUDENT in BY_ID[kid].families
    for guardian, kid in _cases("student-school-address"):
        assert BY_ID[kid].email == BY_ID[guardian].email
        assert BY_ID[kid].email.endswith("@" + STUDENT_DOMAIN)
    for own, twin in _cases("entry-slip-sms-gateway"):
        digits = "".join(ch for ch in BY_ID[own].sms if ch.isdigit())
        local, _, domain = BY_ID[twin].sms.partition("@")
        assert local == digits and domain in SMS_GATEWAYS and BY_ID[twin].email == ""


def test_the_same_seed_gives_the_same_roster() -> None:
    again = generate_roster(households=5000, seed=1, plant_share=0.5)
    assert again.roster.users == GEN.roster.users and again.cases == GEN.cases


def test_a_per_child_export_links_two_children_of_other_names() -> None:
    """The guardian typed once per child: each record on one child, and the children are
    siblings (other given names), not one child entered twice."""
    cases = _cases("per-child-export", "likely-same")
    assert cases
    for own, twin in cases:
        (first,) = BY_ID[own].agent_sourced_ids
        (second,) = BY_ID[twin].agent_sourced_ids
        assert BY_ID[first].given_name.casefold() != BY_ID[second].given_name.casefold()


def test_state_ids_leave_the_roster_otherwise_alone_and_plant_what_they_say() -> None:
    from oneroster_identity.match import NearMissKind, match
    from oneroster_identity.normalize import identifier_key
    from oneroster_identity.synthetic import with_state_ids

    with_ids = with_state_ids(GEN, seed=3)
    again = with_state_ids(GEN, seed=3)
    assert with_ids.roster.users == again.roster.users  # deterministic
    pairs = zip(GEN.roster.users, with_ids.roster.users, strict=True)
    for before, after in pairs:
        assert attrs.evolve(after, user_master_identifier="") == before
        assert bool(after.user_master_identifier) == (after.primary_family is RoleFamily.STUDENT)
    by_id = {u.sourced_id: u for u in with_ids.roster.users}
    keys = Counter(identifier_key(u.user_master_identifier) for u in by_id.values())
    twins = [c.sourced_ids for c in with_ids.cases if c.variant == "twin-copied-id"]
    twice = [
        c.sourced_ids
        for c in GEN.cases
        if c.kind == "likely-same" and c.variant.startswith("student-entered-twice")
    ]
    copied = [
        ids
        for ids in twice
        if identifier_key(by_id[ids[0]].user_master_identifier)
        == identifier_key(by_id[ids[-1]].user_master_identifier)
    ]
    assert twins and copied and len(copied) < len(twice)
    # only the planted copies share a key
    assert sum(n - 1 for k, n in keys.items() if k is not None and n > 1) == len(twins) + len(
        copied
    )
    result = match(with_ids.roster)
    likely = [set(n.sourced_ids) for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    named = [{f.sourced_id, *f.related} for f in result.findings if f.code == "shared-identifier"]
    for ids in twins:
        assert not any(set(ids) <= g for g in likely)
        # (a twin also entered twice: the finding names all three records)
        assert any(set(ids) <= found for found in named)
    for ids in copied:
        assert any(set(ids) <= g for g in likely)


def test_family_numbers_are_one_per_family() -> None:
    from oneroster_identity.synthetic import with_state_ids

    gen = with_state_ids(GEN, family_numbers=True)
    by_family: dict[str, set[str]] = {}
    for u in gen.roster.users:
        if u.primary_family is RoleFamily.STUDENT and u.agent_sourced_ids:
            by_family.setdefault(u.agent_sourced_ids[0], set()).add(u.user_master_identifier)
    assert all(len(ids) == 1 for ids in by_family.values())
    assert len({next(iter(ids)) for ids in by_family.values()}) == len(by_family)
    assert gen.cases == GEN.cases


def test_a_teacher_parent_apart_shares_nothing_and_writes_the_name_one_of_the_forms() -> None:
    """Since session 36: a guardian's HR record on the district's address, no shared email
    or SMS phone, the name as the case's variant says."""
    from oneroster_identity.normalize._nicknames import are_nicknames
    from oneroster_identity.normalize._text import strip_diacritics
    from oneroster_identity.synthetic import DISTRICT_DOMAIN

    forms = Counter()
    for case in GEN.cases:
        if case.kind != "teacher-parent-apart":
            continue
        staff, guardian = (BY_ID[sid] for sid in case.sourced_ids)
        forms[case.variant] += 1
        assert RoleFamily.STAFF in staff.families and RoleFamily.GUARDIAN in guardian.families
        assert staff.email.endswith("@" + DISTRICT_DOMAIN) and staff.email != guardian.email
        assert guardian.sms and staff.sms != guardian.sms
        s, g = (staff.given_name, staff.family_name), (guardian.given_name, guardian.family_name)
        if case.variant == "same-name":
            assert s == g
        elif case.variant == "nickname":
            assert are_nicknames(s[0].casefold(), g[0].casefold()) and s[1] == g[1]
        elif case.variant == "diacritics":
            assert s != g and s == tuple(map(strip_diacritics, g))
        elif case.variant == "second-family-name":
            short, long = sorted((s[1], g[1]), key=len)
            assert s[0] == g[0] and long.startswith(short + " ") and " " not in short
        elif case.variant == "romanized-family":  # (since session 38: see below)
            assert s[0] == g[0] and s[1] != g[1]
        else:
            assert case.variant == "family-name-first" and s == g[::-1]
    assert set(forms) >= {"same-name", "second-family-name", "family-name-first"}, forms


def _one_name_of(user: object) -> str:
    from oneroster_identity.normalize import name_key, one_name

    given, family = user.given_name, user.family_name  # type: ignore[attr-defined]
    return one_name(given, family, name_key(given), name_key(family))


def test_one_name_cases_write_one_name_two_ways() -> None:
    """Since session 38: a one-name person's two records write one name by two of the
    conventions (``FNU Zainab``, ``Zainab LNU``, ``Zainab Zainab``, a field left empty),
    and share the email (a guardian typed again), the cell number (HR's record) or the
    birth date and guardians (a child registered again)."""
    variants = Counter()
    for case in GEN.cases:
        if case.kind != "likely-same" or "one-name" not in case.variant:
            continue
        first, second = (BY_ID[sid] for sid in case.sourced_ids)
        role, _, forms = case.variant.partition("-one-name-")
        if case.variant.startswith("one-name-guardian-"):
            role, forms = "guardian", case.variant.removeprefix("one-name-guardian-")
        variants[role] += 1
        names = (first.given_name, first.family_name), (second.given_name, second.family_name)
        assert names[0] != names[1]
        name = _one_name_of(first)
        assert name
        if forms == "lnu-family-name":
            assert first.family_name == "LNU" and second.given_name == first.given_name
            assert second.family_name and not _one_name_of(second)
        else:
            assert _one_name_of(second) == name
        if role == "guardian":
            assert second.email == first.email and second.agent_sourced_ids
        elif role == "staff-guardian-work-email":
            assert RoleFamily.STAFF in second.families and second.sms == first.sms
        else:
            assert role == "student-entered-twice"
            assert second.birth_date == first.birth_date is not None
            assert second.agent_sourced_ids == first.agent_sourced_ids
    assert set(variants) == {"guardian", "staff-guardian-work-email", "student-entered-twice"}
    assert _cases("one-name-guardian-lnu-family-name")


def test_stand_ins_and_unnamed_other_parents() -> None:
    from oneroster_identity.normalize import is_unknown_name_mark
    from oneroster_identity.normalize._one_name import is_placeholder_family_name

    stand_ins = _cases("family-stand-in", "likely-same")
    assert stand_ins
    for own, twin in stand_ins:
        a, b = BY_ID[own], BY_ID[twin]
        assert is_placeholder_family_name(b.family_name) and not is_placeholder_family_name(
            a.family_name
        )
        assert (a.given_name, a.email, a.sms) == (b.given_name, b.email, b.sms)
    others = _cases("fnu-other-parent", "stranger")
    assert others and set(others) == set(_cases("fnu-other-parent-family-address"))
    for own, other in others:
        a, b = BY_ID[own], BY_ID[other]
        assert is_unknown_name_mark(b.given_name) and not is_unknown_name_mark(a.given_name)
        assert b.email == a.email and b.family_name == a.family_name
    namesakes = _cases("one-name-namesakes", "stranger")
    assert namesakes
    for a, b in namesakes:
        assert _one_name_of(BY_ID[a]) == _one_name_of(BY_ID[b])
        assert BY_ID[a].email != BY_ID[b].email and BY_ID[a].sms != BY_ID[b].sms


def _only_the_later_pass_differs(without: GeneratedRoster, *, own_records: bool) -> None:
    """:data:`GEN` against ``without``, the same roster drawn without a later pass: every
    case before it is the same, and every record but the children given a twin of the
    pass as a guardian (and, with ``own_records``, the records its cases rewrite)."""
    assert GEN.cases[: len(without.cases)] == without.cases
    touched = {sid for c in GEN.cases[len(without.cases) :] for sid in c.sourced_ids}
    assert touched
    for before in without.roster.users:
        after = BY_ID[before.sourced_id]
        if after == before or (own_records and before.sourced_id in touched):
            continue
        # a child given a case's twin as a guardian
        assert set(after.agent_sourced_ids) > set(before.agent_sourced_ids)
        assert set(after.agent_sourced_ids) - set(before.agent_sourced_ids) <= touched
    assert len(GEN.roster.users) > len(without.roster.users)


def test_the_one_name_pass_leaves_every_other_record_and_case_alone() -> None:
    """The one-name cases draw from a stream of their own after the rest of the roster:
    without them, the roster is the one before, record for record, so the other cases'
    benchmark figures stay comparable across the two generators."""
    without = generate_roster(
        households=5000, seed=1, plant_share=0.5, one_name_share=0.0, habits_share=0.0
    )
    assert not any("one-name" in c.variant for c in without.cases)
    _only_the_later_pass_differs(without, own_records=True)


def test_romanized_cases_spell_one_korean_family_name_two_ways() -> None:
    """Since session 38: the second record spells the family name as another paper does
    (two spellings of one line of the table), the given name the same."""
    from oneroster_identity.normalize._romanized import romanized_alike

    variants = Counter()
    for case in GEN.cases:
        if "romanized" not in case.variant:
            continue
        variants[case.variant] += 1
        first, second = (BY_ID[sid] for sid in case.sourced_ids)
        assert first.given_name == second.given_name
        assert romanized_alike(first.family_name.lower(), second.family_name.lower())
        if case.variant == "name-romanized-family":
            assert second.email == first.email and second.agent_sourced_ids
        elif case.variant == "romanized-family":
            assert case.kind == "teacher-parent-apart" and RoleFamily.STAFF in first.families
            assert first.email != second.email and first.sms != second.sms
        else:
            assert case.variant == "student-entered-twice-romanized-family"
            assert second.birth_date == first.birth_date is not None
    assert set(variants) == {
        "name-romanized-family",
        "student-entered-twice-romanized-family",
        "romanized-family",
    }


def test_habit_cases_type_a_guardian_again_under_what_they_say() -> None:
    """Since session 63: each other record of the guardian is linked to a child of the
    family, holds the first record's SMS number, and differs from it by the habit alone:
    a number or a relation typed into the given name, an initial, a typo of the address's
    domain, an older address noted ``(old)``."""
    variants: Counter[str] = Counter()
    for case in GEN.cases:
        if not case.variant.startswith("habit-"):
            continue
        variants[case.variant] += 1
        first, *again = (BY_ID[sid] for sid in case.sourced_ids)
        kids = {u.sourced_id for u in GEN.roster.users if first.sourced_id in u.agent_sourced_ids}
        assert case.kind == "likely-same" and again
        for twin in again:
            assert twin.sms == first.sms and twin.family_name == first.family_name
            assert any(twin.sourced_id in BY_ID[k].agent_sourced_ids for k in kids)
        given = first.given_name
        seen = [(t.given_name, t.email) for t in again]
        if case.variant == "habit-numbered":
            assert seen == [(f"{given} 2", first.email)]
        elif case.variant == "habit-noted":
            ((name, email),) = seen
            assert email == first.email
            assert any(name == f"{given} {note}" for note in HABIT_NOTES)
        elif case.variant == "habit-numbered-and-initial":
            assert seen == [(f"{given} 2", first.email), (f"{given[0]}.", first.email)]
        elif case.variant == "habit-domain-typos":
            local = first.email.rpartition("@")[0]
            assert [g for g, _ in seen] == [given, given]
            assert all(e.startswith(local + "@") and e != first.email for _, e in seen)
        else:
            assert case.variant == "habit-old-address"
            ((name, email),) = seen
            assert name == given and email.endswith(" (old)") and email != first.email
    assert set(variants) == {
        "habit-numbered",
        "habit-noted",
        "habit-numbered-and-initial",
        "habit-domain-typos",
        "habit-old-address",
    }


def test_the_habit_pass_leaves_every_other_record_and_case_alone() -> None:
    """The habit cases draw from a stream of their own after the rest of the roster, as
    the one-name cases do: without them the roster is the one before, record for record
    (the first record of each case too: its twins are new records)."""
    without = generate_roster(households=5000, seed=1, plant_share=0.5, habits_share=0.0)
    assert not any(c.variant.startswith("habit-") for c in without.cases)
    _only_the_later_pass_differs(without, own_records=False)
