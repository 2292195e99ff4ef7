"""Shared-contact near-misses: different people who hold one email or SMS phone.

Newer app versions allow a household's shared address; older ones refuse it, and
between people with no family link a shared value is more often a typing or copy-paste
slip. Each item says which it reads as (one household, no family link, a line many
unrelated people hold, a student's school address on a guardian's record) and what may
make the holders one person after all (one given name and other family names). Persons
of one likely-same cluster, and one staff member's two accounts kept apart on purpose,
count once. People who share both an email and an SMS phone get one item for the two
(since session 60), which carries the per-value items' ids as its aliases.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise

import attrs

from oneroster_identity.match._clusters import UnionFind
from oneroster_identity.match._contacts import office_address
from oneroster_identity.match._findings import NO_NAME_GIVEN, CredentialHolders
from oneroster_identity.match._fixes import LINE_PEOPLE
from oneroster_identity.match._household import HouseholdIndex, records_in_words
from oneroster_identity.match._likely_items import (
    all_retired,
    restricted_records,
    restriction_words,
)
from oneroster_identity.match._model import (
    NOT_ONE_PERSON_TAGS,
    FieldEvidence,
    NearMiss,
    NearMissKind,
    Person,
    stable_id,
)
from oneroster_identity.match._records import STUDENT_ONLY, RecordFacts
from oneroster_identity.match._staff_forms import NAME_FORM_WORDS
from oneroster_identity.models import RoleFamily
from oneroster_identity.normalize import (
    EmailFlag,
    NameDifference,
    compare_names,
    couples_name,
    drop_relation_note,
    generation_suffixes,
    goes_by_initials,
    household_in_family,
    kinships_differ,
    loose_name,
    noted_kinships,
    without_title,
)
from oneroster_identity.normalize._romanize import read_alike
from oneroster_identity.normalize._text import letter_scripts, words_in_scripts
from oneroster_identity.policy import DEFAULT_POLICY, Policy

__all__ = ["joined_households", "joins_records", "shared_contact_items"]


def shared_contact_items(
    persons: Sequence[Person],
    reps: Sequence[RecordFacts],
    holders: CredentialHolders,
    same_cluster: UnionFind[int],
    households: HouseholdIndex,
    kept_apart: Sequence[tuple[int, int]] = (),
    joined_homes: Mapping[str, str] | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> list[NearMiss]:
    """Different people who share an email or SMS phone. People of one household (linked
    through their students, or joined by a likely-same item: ``joined_homes``,
    :func:`joined_households`) sharing it is a family address, which newer app versions
    allow; people with no family link sharing it is more often a typing or copy-paste
    error, and the summary says so (tags ``same-household`` / ``no-family-link``).

    People with one given name and different family names sharing a contact (Maria Lopez
    and Maria Garcia, one address and number) are often one person: a name change, or a
    mother registered under each child's surname. The summary says so instead of
    suggesting a typing error (tag ``same-given-name``); it carries no fix, since the data
    cannot tell which family name is right, nor whether they are two people. Likewise two
    people whose names are one name written two ways (Elizabeth and Liz Garcia; tag
    ``name-forms``, since session 51): the judge keeps such a pair apart when another
    contact differs (a mother and a grown daughter share a number as often), and the
    summary says both readings instead of calling a shared value a typing error.

    A staff and a guardian record that would be one person but that the policy keeps
    apart (``kept_apart``: ``staff_guardian="separate"``) count as one person. When they
    are the only holders (tag ``staff-guardian-separate``), the summary says what the
    app's guidance asks of such accounts instead of calling them different people: their
    own email each, and a shared phone only where the app allows shared credentials.

    The same people sharing an email and an SMS phone get one item saying both (since
    session 60; two before, each saying the same), its evidence the email's then the
    number's, its :attr:`NearMiss.aliases` the ids each value's item has alone, which
    reviewed decisions and compared snapshots of earlier versions name. Where the two read
    differently (other tags: a district address that is a student's school account, a
    staff member's accounts kept apart) they keep an item each."""
    apart: dict[int, list[int]] = {}
    for a, b in kept_apart:
        apart.setdefault(a, []).append(b)
        apart.setdefault(b, []).append(a)
    homes_joined = joined_homes or {}
    held: dict[str, dict[tuple[int, ...], tuple[str, NearMiss]]] = {"email": {}, "sms": {}}
    for field, by_key in (("email", holders.email), ("sms", holders.phone)):
        for key, members in by_key.items():
            if len(members) < 2 or len({same_cluster.find(i) for i in members}) < 2:
                continue
            words = _EMAIL if field == "email" else _sms_words(reps[members[0]].phone_field)
            tags, summary = _tags_and_summary(
                members, words, persons, reps, same_cluster, apart, households, homes_joined, policy
            )
            group = [persons[i] for i in members]
            held[field][tuple(sorted(members))] = (
                key,
                NearMiss(
                    id=stable_id("NM", [field, key]),
                    kind=NearMissKind.SHARED_CONTACT,
                    confidence=None,
                    person_ids=tuple(sorted(p.id for p in group)),
                    sourced_ids=tuple(sorted(sid for p in group for sid in p.sourced_ids)),
                    evidence=_evidence(group, field, words.shown),
                    tags=tuple(tags),
                    summary=summary,
                ),
            )
    joined: dict[tuple[int, ...], NearMiss] = {}
    out: list[NearMiss] = []
    for ids, (phone_key, phone_item) in held["sms"].items():
        both = held["email"].get(ids)
        if both is None or "staff-guardian-separate" in phone_item.tags:
            out.append(phone_item)
            continue
        email_key, email_item = both
        words = _both_words(reps[ids[0]].phone_field)
        tags, summary = _tags_and_summary(
            ids, words, persons, reps, same_cluster, apart, households, homes_joined, policy
        )
        # (one item only where both values read alike: a district address says more about
        # the email than the number can, and keeps an item of its own)
        if not tags == list(email_item.tags) == list(phone_item.tags):
            out.append(phone_item)
            continue
        joined[ids] = attrs.evolve(
            email_item,
            id=stable_id("NM", ["email", email_key, "sms", phone_key]),
            evidence=email_item.evidence + phone_item.evidence,
            summary=summary,
            aliases=tuple(sorted((email_item.id, phone_item.id))),
        )
    out += (joined.get(ids, near) for ids, (_, near) in held["email"].items())
    return out


@attrs.frozen
class _Held:
    """What several holders share, in a summary's words."""

    field: str
    """``email``, ``sms`` or ``both`` (an email and an SMS phone)."""
    shown: str
    """The column or columns: ``email``, ``sms`` (``phone`` when the roster's SMS values
    are read from it), ``email and sms``."""
    noun: str
    """``address``, ``number``, ``address and number``."""

    @property
    def one(self) -> str:
        """``one email``, ``one email and one sms``."""
        return "one " + self.shown.replace(" and ", " and one ")


_EMAIL = _Held("email", "email", "address")


def _sms_words(phone_field: str) -> _Held:
    return _Held("sms", phone_field, "number")


def _both_words(phone_field: str) -> _Held:
    return _Held("both", f"email and {phone_field}", "address and number")


def _evidence(group: Sequence[Person], field: str, shown: str) -> tuple[FieldEvidence, ...]:
    """The holders' shared value, pair by pair."""
    return tuple(
        FieldEvidence(
            field=shown,
            kind="identical",
            sourced_ids=(p.sourced_ids[0], q.sourced_ids[0]),
            values=(
                p.email if field == "email" else p.phone,
                q.email if field == "email" else q.phone,
            ),
        )
        for p, q in pairwise(group)
    )


def _tags_and_summary(
    members: Sequence[int],
    words: _Held,
    persons: Sequence[Person],
    reps: Sequence[RecordFacts],
    same_cluster: UnionFind[int],
    apart: Mapping[int, Sequence[int]],
    households: HouseholdIndex,
    joined_homes: Mapping[str, str],
    policy: Policy,
) -> tuple[list[str], str]:
    """The tags and summary of the item of holders ``members`` sharing what ``words``
    name."""
    group = [persons[i] for i in members]
    facts = [reps[i] for i in members]
    families = {fam for p in group for fam in p.families}
    student_adult = RoleFamily.STUDENT in families and len(families) > 1
    tags = ["student-adult"] if student_adult else []
    people, joined = _people(members, same_cluster, apart)
    if people == 1:  # one staff member's two accounts, kept apart on purpose
        tags = ["staff-guardian-separate"]
        summary = _kept_apart_summary(words)
    else:
        summary = _shared_summary(
            people,
            words,
            joined,
            group,
            facts,
            _homes(group, households, joined_homes),
            tags,
            student_adult=student_adult,
            own_name=_own_name_guardians(group, facts, households) if student_adult else [],
            named_as_child=[] if student_adult else _named_as_child(group, facts, households),
            policy=policy,
        )
    noted = restricted_records(facts)
    if noted and all_retired(noted):
        tags.append("marked-not-in-use")
        summary += (
            f"; {restriction_words(noted)}: if it repeats another record here, move its "
            "links (students, classes) to that record and retire it in the SIS (its status)"
        )
    elif noted:
        tags.append("contact-restricted")
        summary += (
            f"; {restriction_words(noted)}: a shared {words.shown} would give this person "
            "the others' login and messages; settle it with the school first"
        )
    return tags, summary


def _shared_summary(
    people: int,
    words: _Held,
    joined: Sequence[str],
    group: Sequence[Person],
    members: Sequence[RecordFacts],
    homes: Sequence[set[str]],
    tags: list[str],
    *,
    student_adult: bool,
    own_name: Sequence[str] = (),
    named_as_child: Sequence[tuple[str, str]] = (),
    policy: Policy = DEFAULT_POLICY,
) -> str:
    """The summary of different people sharing a contact (``homes``: each one's
    households, :func:`_homes`; ``own_name``: :func:`_own_name_guardians`;
    ``named_as_child``: :func:`_named_as_child`); appends its tags to ``tags``."""
    noun = words.noun
    # A student and an adult are never one person, whatever their names.
    one_given = not student_adult and _one_given_name(members)
    # Holders of one name the judge kept apart (a desk line with an extension on one
    # record is no SMS credential they share) are not called different people.
    one_name = not student_adult and _one_name(members)
    # Nor are holders of one given name and other family names (the summary says they
    # may be one person under a name change): "different people" would answer the
    # question the summary leaves open.
    generations = _generations(members)
    # Accounts are counted as the sync creates them (a likely-same item's records are
    # two accounts until fixed); people, with those records counted once.
    accounts = one_name or (one_given and not generations)
    relatives = _relatives_of_one_name(members)  # their notes say they are a family
    # Two holders no reading above tells apart, their names compared as names:
    pair = len(members) == 2 and not (
        student_adult or one_name or one_given or generations or relatives
    )
    # nor are two holders whose names are one name written two ways (Elizabeth and Liz),
    # unless notes say they are two relatives;
    # Of one given name, only family names one name written two ways (`Garcia` and
    # `García`, since session 66: "other family names", a name change, before).
    one_given_pair = one_given and len(members) == 2 and not generations and not relatives
    forms = _forms_words(members[0], members[1], policy) if pair or one_given_pair else None
    # nor two holders whose names are in different scripts (`Юлия Иванова` and `Yulia
    # Ivanova`), which this check cannot compare: one name typed in each, or two people.
    # Of one given name, only a family name the other's reads as (`Olga Иванова` beside
    # `Olga Ivanova`, since session 66: "other family names", a name change, before).
    scripts = (
        _scripts_words(members[0], members[1])
        if (pair or one_given_pair) and forms is None
        else None
    )
    if one_given and scripts is not None and scripts[1] == "different":
        scripts = None
    # Nor a student and a guardian of the student's own name (see _own_name_guardians),
    # nor adults one of whom holds the name of a student they are a guardian of (the
    # child's name typed into a parent's record: _named_as_child).
    accounts = (
        accounts
        or forms is not None
        or scripts is not None
        or bool(own_name)
        or bool(named_as_child)
    )
    # (a household's record, `The Garcia` / `Family`: the family's values, no slip)
    households = [f.sourced_id for f in members if household_in_family(f.name.family)]
    if one_name:
        summary = f"{len(group)} accounts of one name share {words.one}"
    elif forms is not None:
        summary = f"{len(group)} accounts of {forms} share {words.one}"
    elif scripts is not None:
        summary = f"{len(group)} accounts of {scripts[0]} share {words.one}"
    elif own_name or named_as_child:
        summary = f"{len(group)} accounts share {words.one}"
    elif accounts:
        summary = f"{len(group)} accounts of one given name share {words.one}"
    else:
        summary = f"{people} different people share {words.one}"
    # A district address that a student holds is the student's school account, not a
    # family address: on a guardian's record it sends the family's messages to the
    # student's school inbox (staff holders are the district's own and are left alone).
    district = (
        words.field == "email" and bool(members) and EmailFlag.DISTRICT in members[0].email.flags
    )
    school = district and student_adult and not any(RoleFamily.STAFF in p.families for p in group)
    # An office's or a role's mailbox at a district domain (`frontoffice@`): no one's own
    # address (see guardian-email-office-mailbox), on guardian records or on staff
    # records (since session 67: two staff members on the front office's address were
    # "different people ... check it is not a typing error", and a staff record beside a
    # guardian record on it was "that staff member's work account").
    office = district and office_address(members[0].email)
    staff_office = office and any(RoleFamily.STAFF in p.families for p in group)
    # Only students holding one: the district issues one address per student, so every
    # other record holds a copy (a record copied from a sibling's), never a family's.
    students_school = district and all(p.families == STUDENT_ONLY for p in group)
    # A district address a staff member holds, on the guardian record of another person
    # (a spouse listing the teacher's work address): the guardian's messages would reach
    # the staff member's work inbox.
    work = (
        district
        and not office
        and not student_adult
        and any(RoleFamily.STAFF in p.families for p in group)
        and any(RoleFamily.STAFF not in p.families for p in group)
    )
    if all(homes) and len(set().union(*homes)) == 1:
        tags.append("same-household")
        summary += (
            " (one household)"
            if school or students_school
            else f" (one household: a family {noun})"
        )
    elif not _linked(homes):
        tags.append("no-family-link")
        if staff_office and people < _MANY_UNRELATED:
            # (staff members on the office's address: each one's own district address is
            # the district's to give; a guardian among them needs their own)
            tags.append("office-address")
            summary += (
                "; they have no family link: the district's office or role mailbox (a front "
                "office, attendance), no one's own address: messages to it reach whoever "
                "reads that inbox, none of them personally: each staff member needs a "
                "district address of their own"
                + (
                    ", and each guardian their own email or SMS phone"
                    if any(RoleFamily.STAFF not in p.families for p in group)
                    else ""
                )
            )
        elif office and people < _MANY_UNRELATED:
            # (a few families given the school's office address: no slip to look for)
            tags.append("office-address")
            summary += (
                "; they have no family link: the district's office or role mailbox (a front "
                "office, attendance), probably typed for families that gave no address; messages to "
                "it reach none of them personally: the records need each guardian's own "
                "email or SMS phone"
            )
        elif people >= _MANY_UNRELATED:
            # One value typed for many unrelated people is a line, not a slip: the school
            # office's number on every staff record, an `office@` address for parents who
            # gave none, a district's stand-in value.
            tags.append("many-unrelated")
            summary += (
                f"; they have no family link: {words.one} held by so many unrelated people "
                f"is more likely an office {noun} or a stand-in value than a typing error, "
                "and messages to it reach none of them personally"
            )
        elif one_name:
            tags.append("same-name")
            summary += (
                "; they have no family link: one person entered twice, whose records need "
                "the same email and SMS phone to make one account, or two people of one "
                f"name, who each need their own {noun}"
            )
        elif (
            not one_given
            and not relatives
            and forms is None
            and scripts is None
            and not households
            and not named_as_child
        ):
            summary += "; they have no family link: check it is not a typing or copy-paste error"
    if school:
        tags.append("student-school-address")
        summary += (
            "; a district address a student holds is the student's school account: the "
            "guardian records need the guardian's own email or SMS number (the family's "
            "messages would reach the student's school inbox)"
        )
    if work:
        tags.append("staff-work-address")
        # (a summary that leaves open whether they are one person does not call the
        # other records other people's: since session 52)
        others = (
            "if the other records are other people's, they need"
            if accounts
            else "the other records, of other people, need"
        )
        summary += (
            "; a district address a staff record holds is that staff member's work "
            f"account: {others} their own email or SMS number (their messages would reach "
            "the staff member's work inbox)"
        )
    if students_school:
        tags.append("student-school-address")
        summary += (
            "; a district address is one student's school account: the other student "
            "records hold a copy (often of a sibling's record) and need their own address "
            "or none"
        )
    for tag, test, said in NO_NAME_GIVEN:
        held = [f.sourced_id for f in members if test(f.name.given)]
        if held:
            # sourcedIds only: summaries are written as they are, redacted report or not.
            tags.append(tag)
            summary += (
                f"; {', '.join(held)} has {said}: it may be one of the others or someone "
                "else, and the data cannot tell which"
            )
    if own_name:
        # (since session 52: an adult student's own contact, exported as a guardian)
        tags.append("student-own-name")
        summary += (
            f"; {', '.join(own_name)} {'has' if len(own_name) == 1 else 'have'} the whole "
            f"name of a student {'it is' if len(own_name) == 1 else 'they are'} a guardian "
            "of: a parent of the student's name (a son named for his father, with no "
            "Jr.), or the student listed as their own contact (an adult student; 'Self' in "
            "some SIS), which gives the student a second, guardian account; the data cannot "
            "tell which"
        )
    if named_as_child:
        # (since session 63: `Ana Garcia` on the guardian record of her daughter Ana Garcia,
        # on her mother Maria's email and phone; "different people" before)
        tags.append("guardian-named-as-child")
        said = ", ".join(f"{g} (of {s})" for g, s in named_as_child)
        summary += (
            f"; {said} {'has' if len(named_as_child) == 1 else 'have'} the whole name of a "
            f"student {'it is' if len(named_as_child) == 1 else 'they are'} a guardian of: "
            "the student's name typed into the guardian's record (if the guardian is one "
            "of the others here, that person's own name typed into it makes one account), "
            "or a parent of the student's name (a son named for his father, with no Jr.); "
            "the data cannot tell which"
        )
    if households:
        # (since session 51: `The Garcia` / `Family`, a household's record)
        tags.append("household-name")
        summary += (
            f"; {', '.join(households)} names a household, not a person (such as 'The "
            "Smith Family'): its email and phone are the family's, and the data cannot "
            "tell whose"
        )
    if joined:
        summary += f"; {' and '.join(joined)} {'are among them' if accounts else 'count as one'}"
    if relatives:
        tags.append("relatives-one-name")
        summary += (
            f"; {records_in_words(relatives, shown=5)} note two relatives beside one name "
            "(another sex or another kind of kin): once the notes are dropped, only an "
            "email of each one's own keeps them two accounts (and an SMS number of each "
            "one's own in older app versions)"
        )
    if generations:
        tags.append("generations")
        summary += (
            "; the names differ by a generational suffix (Jr., Sr., II, III): a parent and "
            "a child of one name, two people"
        )
    elif forms is not None:
        tags.append("name-forms")
        summary += (
            "; if one person, the records need one name and the same email and SMS phone "
            "to make one account (which form is the person's choice); if two people (two "
            f"relatives, say), each needs their own {noun}; the data cannot tell which"
        )
    elif scripts is not None:
        tags.append("other-scripts")
        if scripts[1] != "different":
            tags.append("scripts-read-alike")
        summary += (
            {
                "read-alike": "; the names read alike once romanized (a hint, not proof: "
                "no romanization is one-to-one)",
                "written-too": "; one record holds the other's name as written and the "
                "name in another script beside it",
                "different": "; this check does not compare names across scripts",
            }[scripts[1]]
            + ": if one person (the name typed in each, as on a form the family filled in), "
            "the records need the name in one script (the app compares the letters) and "
            "the same email and SMS phone to make one account; if two people, a shared "
            f"{noun} is fine only where the app allows shared credentials; the data cannot "
            "tell which"
        )
    elif one_given:
        tags.append("same-given-name")
        summary += (
            "; other family names: if one person (a name change, "
            "or each child's surname), the records need one family name (and the "
            "same contacts) to make one account; the data cannot tell which name"
        )
    return summary


_MANY_UNRELATED = LINE_PEOPLE
"""Unrelated people sharing one contact from which it reads as a shared line (an office
number, a stand-in address) rather than one person's value typed on another's record."""

_JOINED_BY_CLUSTER = "records that are probably one person, as their likely-same near-miss says,"
_JOINED_BY_POLICY = "a staff member's staff and guardian accounts, kept apart on purpose,"


def _people(
    members: Sequence[int], same_cluster: UnionFind[int], apart: Mapping[int, Sequence[int]]
) -> tuple[int, list[str]]:
    """How many people hold one contact, and what joined some holders into one: persons
    of one likely-same cluster, and kept-apart pairs (one staff member's staff and
    guardian accounts), count once."""
    root = {m: same_cluster.find(m) for m in members}
    joined = [_JOINED_BY_CLUSTER] if len(set(root.values())) < len(members) else []
    by_policy: UnionFind[int] = UnionFind()  # cluster roots, joined by kept-apart pairs
    for m in members:
        for other in apart.get(m, ()):
            if other in root:
                by_policy.union(root[m], root[other])
    people = len({by_policy.find(r) for r in root.values()})
    if people < len(set(root.values())):
        joined.append(_JOINED_BY_POLICY)
    return people, joined


def _own_name_guardians(
    group: Sequence[Person], members: Sequence[RecordFacts], households: HouseholdIndex
) -> list[str]:
    """The sourcedIds of the adult holders (one record each) who carry the whole name of a
    student holder they are linked to as a guardian.

    Such a record is a parent of the student's name (a son named for his father, with no
    generational suffix) or the student's own contact exported as a guardian (an adult
    student is their own contact, ``Self`` in some SIS): one human with a student and a
    guardian account. Two people or one, the data cannot tell, so the summary does not call
    them different people. Different suffixes (``Jr.``, ``Sr.``) are different name keys."""
    students = [(p, f) for p, f in zip(group, members, strict=True) if p.families == STUDENT_ONLY]
    found: list[str] = []
    for p, f in zip(group, members, strict=True):
        if RoleFamily.STUDENT in p.families or not all(f.name_key):
            continue
        if any(
            s.name_key == f.name_key
            and households.is_parent_and_child(p.sourced_ids, sp.sourced_ids)
            for sp, s in students
        ):
            found.append(f.sourced_id)
    return sorted(found)


def _named_as_child(
    group: Sequence[Person], members: Sequence[RecordFacts], households: HouseholdIndex
) -> list[tuple[str, str]]:
    """``(guardian, student)`` sourcedIds for each adult holder (one record each, no
    student among the holders) whose record carries the whole name of a student it is
    linked to as a guardian, the student no holder.

    A guardian record typed with the child's name (a form's student name copied into the
    contact's fields) makes the parent an account under the child's name, beside the
    account their other records make on the same contacts; or the parent carries the
    child's name (a son named for his father). The data cannot tell which, so the summary
    names both and does not call the holders different people. Not where another holder
    is a guardian of that child too (the child's two parents on the family's address,
    one of the child's name: 135 of the 136 items the generated 1M roster would have
    tagged, where the holders are the child's two parents or relatives).
    Different suffixes (``Jr.``, ``Sr.``) are different name keys."""
    names = households.names
    holders = {sid for p in group for sid in p.sourced_ids}
    found: list[tuple[str, str]] = []
    for p, f in zip(group, members, strict=True):
        if not all(f.name_key):
            continue
        others = holders.difference(p.sourced_ids)
        children = sorted(
            child
            for sid in p.sourced_ids
            for child in households.students_of.get(sid, ())
            if names.get(child) == f.name_key
            # (another holder a guardian of that child too: the child's two parents on
            # the family's address, one of them of the child's name, far more often than
            # one parent's second record under the child's name)
            and others.isdisjoint(households.guardians_of.get(child, ()))
        )
        if children:
            found.append((f.sourced_id, children[0]))
    return sorted(found)


def _kept_apart_summary(words: _Held) -> str:
    """What one staff member's two accounts sharing a contact mean, under the app's
    guidance for separate staff and guardian accounts."""
    shown = words.shown
    if words.field == "email":
        return (
            "probably one person's staff and guardian records share one email; the district "
            "keeps their accounts apart (staff-guardian policy: separate): the app's guidance "
            "asks for a different email on each role's record"
        )
    return (
        f"probably one person's staff and guardian records share one {shown}; their different "
        "emails keep the two accounts apart on purpose (staff-guardian policy: separate) and "
        f"both accounts will carry this {shown}: fine where the app allows shared "
        "credentials"
    )


def _generations(members: Sequence[RecordFacts]) -> bool:
    """Whether two of the people (one record each) carry different generational
    suffixes (``Robert Ng Sr.``, ``Robert Ng Jr.``): a parent and a child, whatever else
    their names share. A bare digit is the suffix another of them writes in letters
    (``Ruiz 3`` beside ``Ruiz III``: one suffix)."""
    letters = frozenset().union(*(generation_suffixes(f.name) for f in members))
    if not letters:
        return False
    marked = {generation_suffixes(f.name, numerals=letters) for f in members}
    marked.discard(frozenset())
    return len(marked) > 1


def _relatives_of_one_name(members: Sequence[RecordFacts]) -> list[str]:
    """The sourcedIds of people (one record each) whose names are one name once the
    relations noted beside them are dropped, and note two relatives (``Maria (Mom)``,
    ``Maria (Grandma)``: :func:`~oneroster_identity.normalize.kinships_differ`)."""
    noted = [(f, _without_notes(f)) for f in members if noted_kinships(f.name)]
    found: set[str] = set()
    for i, (a, name_a) in enumerate(noted):
        for b, name_b in noted[i + 1 :]:
            if name_a == name_b and kinships_differ(a.name, b.name):
                found.update((a.sourced_id, b.sourced_id))
    return sorted(found)


def _without_notes(facts: RecordFacts) -> tuple[str, str]:
    """A record's given and family name without relation notes, folded."""
    name = facts.name
    return (
        loose_name(drop_relation_note(name.given)),
        loose_name(drop_relation_note(name.family)),
    )


def _one_name(members: Sequence[RecordFacts]) -> bool:
    """Whether the people (one record each) hold one name, given and family (after the
    app's name folding), with neither part empty."""
    names = {f.name_key for f in members}
    return len(names) == 1 and all(next(iter(names)))


def _forms_words(a: RecordFacts, b: RecordFacts, policy: Policy) -> str | None:
    """The words for how two holders' names are one name written two ways
    (:data:`~oneroster_identity.match._staff_forms.NAME_FORM_WORDS`: a nickname, a
    spelling, accents...), or ``None``: two names, either without a given name or with a
    role word for one, or notes saying two relatives. A typo or an initial is no form here: two relatives sharing the
    family's address are as often `Linh` and `Minh`, or `Maria` and `M.` for Miguel."""
    if (
        not (a.name_key[0] and b.name_key[0])
        or _no_persons_name(a, b)
        # notes naming two relatives (`Elizabeth (Mom)`, `Liz (Grandma)`)
        or kinships_differ(a.name, b.name)
    ):
        return None
    kind = compare_names(a.name, b.name, policy=policy).kind
    if kind is NameDifference.NICKNAME and goes_by_initials(a.name, b.name):
        return "a name and the initials the person goes by"
    if kind is NameDifference.DIFFERENT and _later_given_name(a, b):
        return "a name and one of its later given names"
    return NAME_FORM_WORDS.get(kind)


def _no_persons_name(a: RecordFacts, b: RecordFacts) -> bool:
    """Whether a holder's name is no one person's: a stand-in or a mark for a given name
    (``Mom``, ``FNU``), a household's name or a couple's, which say nothing of who the
    other holder is."""
    return any(test(f.name.given) for f in (a, b) for _, test, _ in NO_NAME_GIVEN) or any(
        household_in_family(f.name.family) or couples_name(f.name) for f in (a, b)
    )


def _scripts_words(a: RecordFacts, b: RecordFacts) -> tuple[str, str] | None:
    """``(names in different scripts (Cyrillic, Latin), "different")`` when each holder's
    name is written in scripts the other's has none of (``Юлия Иванова`` and ``Ivan
    Petrov``, ``李伟`` and ``Wei Li``:
    :func:`~oneroster_identity.normalize._text.letter_scripts`), ``(one name in two
    scripts (...), "read-alike")`` when they also read alike once romanized (``Юлия
    Иванова`` and ``Yulia Ivanova``; Cyrillic, Greek and Hangul only:
    :func:`~oneroster_identity.normalize._romanize.read_alike`); for a name written in the
    other's script and a second one too, :func:`_second_script_words`; else ``None``;
    also ``None`` for a holder whose name is no one person's (:func:`_no_persons_name`)."""
    if _no_persons_name(a, b):
        return None
    sa, sb = (
        letter_scripts(" ".join((f.name.given, f.name.middle, f.name.family))) for f in (a, b)
    )
    if not sa or not sb or sa == sb:
        return None
    written = ", ".join(sorted(sa | sb))
    if sa & sb:
        return (
            _second_script_words(a, b, sb, written)
            if sb < sa
            else (_second_script_words(b, a, sa, written) if sa < sb else None)
        )
    if read_alike((a.name.given, a.name.family), (b.name.given, b.name.family)):
        return f"one name in two scripts ({written})", "read-alike"
    return f"names in different scripts ({written})", "different"


def _second_script_words(
    more: RecordFacts, other: RecordFacts, common: frozenset[str], written: str
) -> tuple[str, str] | None:
    """:func:`_scripts_words` for a holder (``more``) whose name is written in the
    other's script (``common``) and a second one too (``Юлия (Yulia)``, ``Иванова
    (Ivanova)``, ``Wei 伟``; since session 57 such names were "2 different people"):
    each part read in the common script where it holds words of it
    (:func:`~oneroster_identity.normalize._text.words_in_scripts`), as written where not.
    The name's words in the common script the same as the other's name: ``one name, on
    one record in a second script too``; read alike once romanized (``Юлия`` beside
    ``Yulia``): ``one name in two scripts``, the hint; else ``None``. ``written`` names
    the scripts of both (the caller's reading)."""
    parts = (more.name.given, more.name.middle, more.name.family)
    theirs = loose_name(" ".join((other.name.given, other.name.middle, other.name.family)))
    if sorted(loose_name(words_in_scripts(" ".join(parts), common)).split()) == sorted(
        theirs.split()
    ):
        return f"one name, on one record in a second script too ({written})", "written-too"
    read = [words_in_scripts(p, common) or p for p in parts]
    if read_alike((read[0], read[2]), (other.name.given, other.name.family)):
        return f"one name in two scripts ({written})", "read-alike"
    return None


def _later_given_name(a: RecordFacts, b: RecordFacts) -> bool:
    """Whether one holder's whole given name is a later word (or words) of the other's,
    of one family name: ``John Michael`` and ``Michael``, ``David Wei`` and ``Wei`` (an
    English name put before a Chinese one). The name comparison reads only a first name
    people are seldom called by (``Thi``, ``María``) as a middle name: beside any other,
    going by the second name is as likely as two relatives (a father ``John Michael``,
    a son ``Michael``), so only the shared-contact summary reads it, saying both (since
    session 52; it said "check it is not a typing or copy-paste error" before). An
    initial is no given name here (``J. Michael``: the name comparison's own), nor a
    title (``Mrs. Joseph`` names Joseph's wife)."""
    if loose_name(a.name.family) != loose_name(b.name.family):
        return False
    wa, wb = loose_name(a.name.given).split(), loose_name(b.name.given).split()
    longer, shorter = (wa, wb) if len(wa) > len(wb) else (wb, wa)
    if not shorter or len(longer) == len(shorter) or any(len(w) < 2 for w in shorter):
        return False
    if without_title(tuple(longer)) != tuple(longer):
        return False  # `Mrs. Joseph` beside `Joseph`: his wife, named by his name
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(1, len(longer) - n + 1))


def _one_given_name(members: Sequence[RecordFacts]) -> bool:
    """Whether the people (one record each) have one given name and different family
    names (after the app's name folding)."""
    givens = {f.name_key[0] for f in members}
    families = {f.name_key[1] for f in members}
    return len(givens) == 1 and "" not in givens and len(families) == len(members)


def joins_records(item: NearMiss) -> bool:
    """Whether a likely-same item joins its records as one person for the matcher's own
    bookkeeping (households, shared identifiers): every such item but those that do not
    call them one person (``NOT_ONE_PERSON_TAGS``). Items that ask the family first still
    join here; :attr:`NearMiss.calls_one_person` is the stricter reading."""
    return item.kind is NearMissKind.LIKELY_SAME and not NOT_ONE_PERSON_TAGS.intersection(item.tags)


def joined_households(near: Sequence[NearMiss], households: HouseholdIndex) -> dict[str, str]:
    """Household -> the household it is one with, for the households that likely-same
    items join: a child entered twice, each record linked to one parent, makes the two
    parents one household (their family email is a family address, not a slip between
    strangers), as does a guardian typed once per child. Items that do not call their
    records one person (``different-names``, ``guardians-apart``) join nothing."""
    parent: dict[str, str] = {}

    def find(h: str) -> str:
        while (up := parent.get(h, h)) != h:
            h = up
        return h

    for item in near:
        if not joins_records(item):
            continue
        found = {find(h) for sid in item.sourced_ids if (h := households.household(sid))}
        if len(found) > 1:
            root = min(found)
            for h in found:
                parent[h] = root
    return {h: find(h) for h in parent}


def _homes(
    group: Sequence[Person], households: HouseholdIndex, joined: Mapping[str, str]
) -> list[set[str]]:
    """The households each person's records belong to (empty for a person with no link),
    as :func:`joined_households` joins them."""
    out: list[set[str]] = []
    for person in group:
        found = {h for sid in person.sourced_ids if (h := households.household(sid))}
        out.append({joined.get(h, h) for h in found})
    return out


def _linked(homes: Sequence[set[str]]) -> bool:
    """Whether any two of the persons share a household (some of a larger group may)."""
    seen: set[str] = set()
    for found in homes:
        if seen & found:
            return True
        seen |= found
    return False
