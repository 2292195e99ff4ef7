"""Likely-same near-misses: one item per cluster of persons that are probably one person.

Each item carries the cluster's fixes and choices (:mod:`._fixes`), what the records
share and how they differ, and the doubts that make a person ask first: two parents
(``Terry`` beside ``Teresa``), two relatives of one name (``Maria (Mom)``, ``Maria
(Grandma)``), a parent and a child of one name (a ``Jr.`` on one record only), a
record another person of the family may be (a namesake guardian of the child, or the
holder of its own number whose name it fits: ``maybe-namesakes``). For a
student entered twice it says which record to keep (:mod:`._keep`) instead of fixing
fields. Summaries name records by sourcedId only: they are written as they are, redacted
report or not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet

import attrs

from oneroster_identity.match._clusters import ONE_MAILBOX, UnionFind
from oneroster_identity.match._findings import CredentialHolders
from oneroster_identity.match._fixes import (
    NAME_ORDER,
    WORK_OR_PERSONAL,
    cluster_fixes,
    people_by_family_name,
    people_by_given_name,
)
from oneroster_identity.match._household import (
    SAME_STUDENT,
    SIBLING_STUDENTS,
    HouseholdRelation,
    Links,
    guardians_apart,
    guardians_partly_apart,
    records_in_words,
)
from oneroster_identity.match._keep import NEVER_MERGE, Keeping, keep_one
from oneroster_identity.match._lines import NO_LINES, Lines
from oneroster_identity.match._model import Choice, Fix, NearMiss, NearMissKind, Person, stable_id
from oneroster_identity.match._pairs import PairVerdict, pair_evidence
from oneroster_identity.match._records import (
    GUARDIAN_ONLY,
    STUDENT_ONLY,
    RecordFacts,
    two_stated_sexes,
)
from oneroster_identity.match._staff_names import SHARED_PHONE
from oneroster_identity.match._weights import BIRTH_DATE_SLIP, SAME_IDENTIFIER, TYPO_TWO_NAMES
from oneroster_identity.models import RoleFamily, Roster
from oneroster_identity.normalize import (
    EmailDifference,
    NameDifference,
    PhoneDifference,
    Restriction,
    compare_names,
    contact_roles_differ,
    generation_suffixes,
    generations_differ,
    is_role_word_name,
    kinships_differ,
    name_gender,
    name_key,
    name_words,
    unisex_short_form,
)
from oneroster_identity.normalize._names import WRITTEN_OTHERWISE
from oneroster_identity.normalize._suffixes import unsuffixed_words
from oneroster_identity.normalize._symbols import number_in_name
from oneroster_identity.normalize._text import strip_diacritics
from oneroster_identity.policy import Policy

__all__ = ["all_retired", "likely_same_items", "restricted_records", "restriction_words"]


def _accounts(
    members: Sequence[int], persons: Sequence[Person], records: Sequence[RecordFacts]
) -> tuple[str, str]:
    """How many accounts an item's persons become, in words (one each the sync creates:
    :attr:`Person.will_be_created`), and what names the records that make none, or
    ``""``: a guardian with no email or SMS phone (since session 46: the sync adds none
    such, :attr:`RecordFacts.not_added`), or, under ``shared_credentials=
    "unique-required"``, one whose every credential another person also holds (since
    session 47)."""
    dropped = [f.sourced_id for f in records if f.not_added]
    left_out = [p for p in map(persons.__getitem__, members) if not p.will_be_created]
    count = len(members) - len(left_out)
    accounts = "no account" if count == 0 else "1 account" if count == 1 else f"{count} accounts"
    notes: list[str] = []
    if dropped:
        has = "has" if len(dropped) == 1 else "have"
        notes.append(
            f"{', '.join(dropped)} {has} no email or SMS phone, and the sync adds no "
            "guardian without one"
        )
    shared = sorted(sid for p in left_out for sid in p.sourced_ids if sid not in dropped)
    if shared:
        share = "shares" if len(shared) == 1 else "share"
        notes.append(
            f"{', '.join(shared)} {share} every email and SMS phone with another person, and "
            "under unique-required credentials the sync adds no guardian without one of "
            "their own"
        )
    return accounts, "; ".join(notes)


def likely_same_items(
    persons: Sequence[Person],
    reps: Sequence[RecordFacts],
    facts: Mapping[str, RecordFacts],
    edges: Sequence[PairVerdict],
    uf: UnionFind[int],
    roster: Roster,
    ambiguous: Mapping[int, tuple[int, int]] | None = None,
    *,
    policy: Policy,
    holders: CredentialHolders | None = None,
    lines: Lines = NO_LINES,
    links: Links | None = None,
    dateless: Mapping[str, str] | None = None,
    undated: AbstractSet[str] = frozenset(),
) -> list[NearMiss]:
    """The likely-same items of a run's clusters. ``links``: the family links the
    evidence read (:class:`~oneroster_identity.match._household.FamilyLinks`; the
    roster's own by default). ``dateless``: the records whose birth date the run read as
    none, with why in words (a day after the export, a day on many records); a student
    entered twice whose record kept carries one is told to give it the real date. An
    item's account count reads each person's ``will_be_created``. ``undated``: the
    records whose ``dateLastModified`` is no day of change (``ExportDay.ahead``), never
    noted as a choice's most recently modified. ``lines``: the email and phone keys many
    unrelated people hold (:func:`~oneroster_identity.match._lines.contact_lines`), whose
    holders say nothing of whose a record is."""
    family: Links = roster if links is None else links

    def children_families(sourced_id: str) -> Iterable[str]:
        """The family names of the students linked to a record (a name-order choice's
        note)."""
        for student in family.students_of.get(sourced_id, ()):
            record = facts.get(student)
            if record is not None:
                yield record.name.family

    clusters: dict[int, list[PairVerdict]] = {}
    for v in edges:
        clusters.setdefault(uf.find(v.a), []).append(v)
    # people of a given name, not slips beside their own correct records (rule 5)
    clustered = {sid for v in edges for i in (v.a, v.b) for sid in persons[i].sourced_ids}
    given_count = people_by_given_name(facts, clustered)
    family_count = people_by_family_name(facts, clustered)

    def part_key(part: str) -> str:
        """A name part's key under the run's policy."""
        return name_key(part, policy=policy)

    out: list[NearMiss] = []
    for root, cluster_edges in clusters.items():
        apart = (ambiguous or {}).get(root)
        members = sorted({i for v in cluster_edges for i in (v.a, v.b)})
        cluster_persons = [persons[i] for i in members]
        sourced = sorted(sid for p in cluster_persons for sid in p.sourced_ids)
        records = [facts[sid] for sid in sourced]
        duplicate_students = all(
            RoleFamily.STUDENT in f.families and f.identity is None for f in records
        )
        # Records with no usable contact never merge in the app, whatever their names:
        # a student entered twice is mended by keeping one record, not by editing fields.
        fixes, choices = (
            ((), ())
            if duplicate_students
            else cluster_fixes(
                records,
                children_families,
                given_count,
                part_key,
                None if holders is None else _outside(holders, members),
                undated,
                family_count,
                policy,
            )
        )
        if apart is not None:
            # Records of two different people the data cannot tell apart: no value is
            # written anywhere, and no choice either: a choice is one value set on every
            # record of the cluster, which would make the two people one.
            fixes, choices = (), ()
        evidence = tuple(e for v in cluster_edges for e in pair_evidence(v, reps[v.a], reps[v.b]))
        families = [p.families for p in cluster_persons]
        tags: list[str] = []
        if any(RoleFamily.STAFF in f for f in families) and any(
            RoleFamily.GUARDIAN in f for f in families
        ):
            tags.append("staff-guardian-split")
        if all(f == GUARDIAN_ONLY for f in families):
            tags.append("guardian-guardian")
            children = [set(family.students_of.get(sid, ())) for sid in sourced]
            if all(children) and sum(len(c) for c in children) == len(set().union(*children)):
                tags.append("per-child-export")
        if all(f == STUDENT_ONLY for f in families):
            tags.append("student-entered-twice")
        relations = sorted({v.household.kind for v in cluster_edges if v.household})
        tags.extend(relations)
        confidence = min(v.confidence for v in cluster_edges)
        kinds = sorted({v.name.kind.value for v in cluster_edges if not v.name.kind.is_equal})
        emails = sorted({v.email.value for v in cluster_edges if not v.email.is_equal})
        phones = sorted({v.phone.value for v in cluster_edges if not v.phone.is_equal})
        what = ", ".join(
            [
                *(f"name: {k}" for k in kinds),
                *(f"email: {k}" for k in emails),
                *(f"phone: {k}" for k in phones),
            ]
        )
        why = _relations(cluster_edges, reps, len(members))
        kin = guardians_apart(sourced, family.guardians_of, facts) if duplicate_students else None
        # a guardian in common and each record's others apart (cousins under one
        # grandmother, or one child registered by each parent): ask before retiring
        partly = (
            guardians_partly_apart(sourced, family.guardians_of, facts)
            if duplicate_students and kin is None
            else None
        )
        # one state ID on every pair: one child, whatever the families (two namesakes of
        # two families do not share one)
        one_id = duplicate_students and all(SAME_IDENTIFIER in v.levels for v in cluster_edges)
        keeping = (
            keep_one(
                sourced,
                facts,
                family.guardians_of,
                roster.enrollment_counts,
                roster.orgs_by_id,
                name_guardians=kin is None,
            )
            if duplicate_students
            else None
        )
        if keeping is not None:
            keeping = _real_birth_date(keeping, sourced, dateless or {})
        advice = (
            _advice(fixes, choices, left=_left_to_findings(records, fixes, choices))
            if keeping is None
            else _twice_advice(
                kin,
                keeping,
                one_id=one_id,
                slip=any(BIRTH_DATE_SLIP in v.levels for v in cluster_edges),
                partly=partly,
            )
        )
        if one_id:
            kin = partly = None
        if kin is not None:
            tags.append("guardians-apart")
        if partly is not None:
            tags.append("guardians-partly-apart")
        # (a student's two records are one child's or two children's, never a parent's
        # and a child's: guardians_apart above says when to ask)
        doubt = (
            None
            if apart is not None or duplicate_students
            else _doubt(cluster_edges, reps)
            or _maybe_other_sexes(records)
            or _maybe_namesakes(
                records, cluster_edges, reps, members, family, facts, policy, holders, lines
            )
        )
        if doubt is not None:
            tags.append(doubt.tag)
            advice = f"ask the family first: {doubt.detail}; {advice}"
            # the fix list's rows carry the doubt too, not only the item's summary
            fixes = tuple(
                attrs.evolve(f, reason=f"{doubt.first}; if one person: {f.reason}") for f in fixes
            )
            choices = tuple(
                attrs.evolve(c, reason=f"{doubt.first}; if one person: {c.reason}") for c in choices
            )
        accounts, not_added = _accounts(members, persons, records)
        if apart is not None:
            x, y = (persons[i] for i in apart)
            tags.append("different-names")
            others = [sid for sid in sourced if sid not in (*x.sourced_ids, *y.sourced_ids)]
            # sourcedIds only: summaries are written as they are, redacted report or not.
            advice = (
                f"{x.sourced_ids[0]} and {y.sourced_ids[0]} have different names, so they "
                "are different people, and the data cannot tell which of them "
                + (", ".join(others) or "the other records")
                + (" belongs to" if len(others) == 1 else " belong to")
                + ": ask the family, then make each such record match its person's own "
                "record (name, email and SMS); no value is suggested"
            )
            head = (
                f"{len(sourced)} records of at least two people, linked by near-identical "
                f"records, will become {accounts}"
            )
        else:
            likely = (
                "perhaps one child entered twice"
                if kin is not None or partly is not None
                else f"one person or perhaps {doubt.two}"
                if doubt is not None
                else "probably one person"
            )
            head = f"{len(sourced)} records, {likely}, will become {accounts}"
        noted = restricted_records(records)
        if noted and all_retired(noted):
            # a record the office retired by its name (DO NOT USE, zzGarcia): its values
            # may be old, and typing the others' into it keeps it alive
            fixes, choices = (), ()
            tags.append("marked-not-in-use")
            advice = (
                f"{restriction_words(noted)}: move its links (students, classes) to the record it "
                "repeats and retire it in the SIS (its status), rather than make the records "
                "match; no value is suggested on or from it"
            )
        elif noted:
            # nothing is copied onto or off a record whose name restricts contact with the
            # person (or says they died): the school decides, not a merge rule
            fixes, choices = (), ()
            tags.append("contact-restricted")
            advice = (
                f"{restriction_words(noted)}: no value is suggested on or from such a "
                "record, and the records must not be made to match until the school says how "
                "the sync treats this person"
            )
        summary = (
            head
            + (f" ({what})" if what else "")
            + (f"; {not_added}" if not_added else "")
            + (f"; {why}" if why else "")
            + f"; {advice}"
        )
        out.append(
            NearMiss(
                id=stable_id("NM", sourced),
                kind=NearMissKind.LIKELY_SAME,
                confidence=confidence,
                person_ids=tuple(sorted(p.id for p in cluster_persons)),
                sourced_ids=tuple(sourced),
                evidence=evidence,
                fixes=fixes,
                choices=choices,
                tags=tuple(tags),
                summary=summary,
                enrollments=() if keeping is None else keeping.enrolled,
                # (the advice of an item holding a restricted record names no record)
                keep=None if keeping is None or noted else keeping.keep,
            )
        )
    return out


_ANOTHER_NUMBER = frozenset({PhoneDifference.DIFFERENT, PhoneDifference.TYPO})
_NO_EMAIL_IN_COMMON = frozenset(
    {EmailDifference.MISSING, EmailDifference.DIFFERENT, EmailDifference.OTHER_DOMAIN}
)
"""Email levels that share no mailbox (an address on one record only, or two others)."""


@attrs.frozen
class _Doubt:
    """Why a likely-same item may be two people after all, in the words it is told with
    (sourcedIds only: summaries are written as they are, redacted report or not)."""

    tag: str
    two: str
    """Who the two people would be (``two parents``): the item's head says "one person or
    perhaps" them, and every fix's and choice's reason "these may be" them."""
    why: str
    """What raised the doubt, in a few words, for those reasons."""
    detail: str
    """What the item's advice says after "ask the family first: "."""

    @property
    def first(self) -> str:
        """What every fix's and choice's reason starts with."""
        return f"these may be {self.two} ({self.why}): ask the family first"


def _doubt(edges: Sequence[PairVerdict], reps: Sequence[RecordFacts]) -> _Doubt | None:
    """Why an item's records may be two people (:func:`_maybe_spouses`,
    :func:`_maybe_relatives`, :func:`_maybe_generations`, :func:`_maybe_numbered`,
    :func:`_maybe_unnamed`, in that order), or ``None``."""
    for maybe in (
        _maybe_spouses,
        _maybe_relatives,
        _maybe_generations,
        _maybe_numbered,
        _maybe_unnamed,
    ):
        doubt = maybe(edges, reps)
        if doubt is not None:
            return doubt
    return None


def _maybe_generations(edges: Sequence[PairVerdict], reps: Sequence[RecordFacts]) -> _Doubt | None:
    """The doubt of an item with a generational suffix on one record only, or ``None``.

    ``John Smith`` and ``John Smith Jr.`` on the family's email and phone: one man whose
    suffix one form left out, or a father and a son (the father's ``Sr.`` is as often
    left out). Choosing either name would make two people one account. sourcedIds only.
    """
    for v in edges:
        a, b = reps[v.a], reps[v.b]
        if generations_differ(a.name, b.name):
            marked, bare = (a, b) if generation_suffixes(a.name) else (b, a)
            return _Doubt(
                tag="maybe-generations",
                two="a parent and a child of one name",
                why="a generational suffix on one record only",
                detail=(
                    f"{marked.sourced_id}'s name carries a generational suffix (Jr., Sr., "
                    f"II, III) and {bare.sourced_id}'s does not, so these may be a parent and "
                    "a child of one name rather than one person; if two, leave their names "
                    "apart (older app versions also need each their own email)"
                ),
            )
    return None


def _maybe_numbered(edges: Sequence[PairVerdict], reps: Sequence[RecordFacts]) -> _Doubt | None:
    """The doubt of an item with a number typed into one record's name only (``Ana 2``
    beside ``Ana``: :attr:`~oneroster_identity.normalize.NameDifference.NUMBER`; beside
    another form of the name, ``Anna`` or ``Bob`` for ``Robert``, since session 50), or
    ``None`` (since session 42).

    An office marks a second record of one person so, and as often two people of one
    name (a mother and a grown daughter, both the child's guardians): dropping the number
    would make two people one account, as choosing one name would for ``Jr.`` beside no
    suffix. sourcedIds only.
    """
    number = NameDifference.NUMBER
    for v in edges:
        a, b = reps[v.a], reps[v.b]
        if (
            v.name.given is number
            or v.name.family is number
            # a number and another form of the name (`Ana 2` beside `Anna`, `Bob 2` beside
            # `Robert`; since session 50), never a suffix's digit (`Ruiz 3`, `Ruiz III`)
            or (
                _number_in(a) != _number_in(b)
                and NameDifference.SUFFIX not in (v.name.given, v.name.family)
            )
        ):
            marked, bare = (a, b) if _number_in(a) else (b, a)
            return _Doubt(
                tag="maybe-numbered",
                two="two people of one name",
                why="a number typed into one record's name only",
                detail=(
                    f"{marked.sourced_id}'s name carries a number and {bare.sourced_id}'s "
                    "does not: a second record of one person is often so marked, but so are "
                    "two people of one name; if two, leave their names apart and give each "
                    "an email of their own (and an SMS number of their own in older app "
                    "versions)"
                ),
            )
    return None


def _maybe_unnamed(edges: Sequence[PairVerdict], reps: Sequence[RecordFacts]) -> _Doubt | None:
    """The doubt of an item whose records' given names are both a stand-in, or ``None``
    (since session 49).

    ``Parent Garcia`` twice on one child, the family's email on both and a phone of each
    one's own (or ``#NAME?``, ``N/A``, ``Guardian``: a role, a stand-in, a spreadsheet's
    error value): one guardian typed twice, or the child's two parents entered without
    their names. An equal stand-in is no evidence of one person, and following a choice
    of phone would make two parents one account. A mark for a name the person lacks
    (``FNU``) or a blank given name beside the family name is the one name of a person
    who has one (``FNU / Saranya``, `` / Saranya``): the family field names the person,
    and no doubt is raised. sourcedIds only."""
    for v in edges:
        a, b = reps[v.a], reps[v.b]
        if (
            v.name.kind is not NameDifference.ONE_NAME
            and is_role_word_name(a.name.given)
            and is_role_word_name(b.name.given)
        ):
            return _Doubt(
                tag="maybe-unnamed",
                two="two people whose names the records do not hold",
                why="neither record's given name names anyone",
                detail=(
                    f"the given names of {a.sourced_id} and {b.sourced_id} name no one (a "
                    "role, a stand-in or a spreadsheet's error value), so nothing in the "
                    "names says one person rather than two, the child's two parents, say; "
                    "if two, type each one's given name (older app versions also need each "
                    "their own email)"
                ),
            )
    return None


def _maybe_other_sexes(records: Sequence[RecordFacts]) -> _Doubt | None:
    """The doubt of an item whose records' demographics state two sexes (``male`` and
    ``female``, ``M`` and ``F``), or ``None`` (since session 69).

    ``Chris Lee`` twice on one child, the family's number on both and the address with a
    typo in its domain on one: the check calls them one person and the fix list mends the
    address, which makes them one account. Demographics recording one as male and the
    other as female says a mother and a father as readily as a mistyped sex, and only
    the family can tell; typed as it stands, the fix would give two parents one account
    (records the app already merges say so in ``merged-records-disagree``). Other and
    unspecified values state nothing. Students are left to their own rules (two student
    records of another stated sex are one child only under one name). sourcedIds only."""
    sexes = two_stated_sexes(records)
    if sexes is None:
        return None
    return _Doubt(
        tag="maybe-other-sexes",
        two="two people of one name",
        why="demographics records a woman and a man",
        detail=(
            f"{sexes}, so these may be two people of one name (a child's mother and father "
            "both Chris) rather than one person with the sex mistyped on a record; if two, "
            "leave them apart and give each their own email and SMS phone in the SIS; if "
            "one, correct the demographics record"
        ),
    )


def _maybe_namesakes(
    records: Sequence[RecordFacts],
    edges: Sequence[PairVerdict],
    reps: Sequence[RecordFacts],
    members: Sequence[int],
    family: Links,
    facts: Mapping[str, RecordFacts],
    policy: Policy,
    holders: CredentialHolders | None,
    lines: Lines,
) -> _Doubt | None:
    """The doubt of an item one of whose records may be another person's of the family,
    when its records share no SMS phone, or ``None`` (since session 68).

    A mother and a grandmother both ``Maria Garcia``, a father and a grandfather both
    ``Jose Garcia`` (the ``Sr.`` left off): the check keeps the one whose contacts are
    their own apart, and joins the records that share only the family's address, or only
    the child, or a name written otherwise (``J. Garcia`` beside ``Jose`` / ``N/A``).
    Those records may be either namesake's, and typing one's values into them makes two
    people one account. The other person is

    - a guardian of one of the item's children holding the item's given name and family
      name (of any of its records) written otherwise at most: an initial or a left-out
      part on their record says nothing; or
    - a holder of a record's own email or SMS phone whose name the record's fits, as an
      initial or with a part left out too (``J.`` / ``Garcia`` on Josefina's number, she
      ``Josefina`` / ``N/A``, joined to Jose on the family's mailbox: the fix list typed
      her number into his record).

    An SMS number the item's records have in common tells whose they are (a family shares
    a mailbox more often than a mobile), and then no doubt is raised (not an office's
    number with an extension on a record: a desk phone, which takes no texts, tells the
    workplace, not the person); for a guardian of
    the children, so does a mailbox in common that no other guardian of the family holds.
    Found by the drawn households of ``benchmarks/measure_drawn_households.py``.
    sourcedIds only.
    """
    if any(v.phone in SHARED_PHONE for v in edges):
        return None
    if holders is not None:
        doubt = _held_by_another(records, members, reps, holders, lines, policy)
        if doubt is not None:
            return doubt
    inside = {f.sourced_id for f in records}
    kin = sorted(
        {
            (other, student)
            for r in records
            for student in family.students_of.get(r.sourced_id, ())
            for other in family.guardians_of.get(student, ())
            if other not in inside and other in facts
        }
    )
    # a mailbox in common is the family's only when a guardian outside the item holds it
    family_held = {facts[other].email.meant_mailbox_key for other, _ in kin} - {None}
    for v in edges:
        pair = {reps[v.a].email.meant_mailbox_key, reps[v.b].email.meant_mailbox_key}
        if v.email in ONE_MAILBOX and pair.isdisjoint(family_held):
            return None
    for other, student in kin:
        if _name_is_theirs(records, facts[other], policy):
            return _namesakes_doubt(
                f"{other} has the name too, and no contact of one person's in common",
                f"{other}, also a guardian of {student}, has their name written otherwise at "
                "most, and is another person by their contacts; these records share no SMS "
                "phone, and no email but one the family's others hold too, so they may be "
                "two people of one name in one family (a parent and a grandparent) rather "
                "than one person typed twice",
            )
    return None


def _held_by_another(
    records: Sequence[RecordFacts],
    members: Sequence[int],
    reps: Sequence[RecordFacts],
    holders: CredentialHolders,
    lines: Lines,
    policy: Policy,
) -> _Doubt | None:
    """The doubt of an item a record of which holds an email or SMS phone of a person
    outside it whose name the record's may be, and whose given name is another than the
    item's others' (``J.`` on Josefina's number, joined to Jose): the record's contacts
    point two ways, whatever the item's records share. A line's holders (an office's
    number: ``lines``) say nothing of whose a record is. ``None`` when none does."""
    for r in records:
        for what, key, held, line in (
            ("SMS phone", r.phone.key, holders.phone, lines.phone),
            ("email", r.email.key, holders.email, lines.email),
        ):
            if not key or key in line:
                continue
            for j in held.get(key, ()):
                if (
                    j not in members
                    and _name_may_be(r, reps[j], policy)
                    and _given_name_another(records, r, reps[j], policy)
                ):
                    other, mine = reps[j].sourced_id, r.sourced_id
                    return _namesakes_doubt(
                        f"{other} holds {mine}'s {what} and may be its person",
                        f"{other} holds {mine}'s {what} too, and {mine}'s name may be theirs "
                        "(written otherwise, an initial, or a part left out) while their given "
                        f"name is another than these records', so {mine} may be {other}'s "
                        "record rather than this person's",
                    )
    return None


def _namesakes_doubt(why: str, detail: str) -> _Doubt:
    """The ``maybe-namesakes`` doubt: ``why`` in a few words, ``detail`` in full."""
    return _Doubt(
        tag="maybe-namesakes",
        two="two people of one family",
        why=why,
        detail=f"{detail}; if two, leave each record's values as they are (older app versions "
        "also need each their own email)",
    )


def _given_name_another(
    records: Sequence[RecordFacts], r: RecordFacts, other: RecordFacts, policy: Policy
) -> bool:
    """Whether ``other``'s given name is another than that of one of ``records`` besides
    ``r`` (Josefina beside Jose: ``r``'s `J.` may be either, two people)."""
    return any(
        x is not r
        and compare_names(x.name, other.name, policy=policy).given is NameDifference.DIFFERENT
        for x in records
    )


_LOOSE = frozenset({NameDifference.INITIAL, NameDifference.MISSING})


def _name_may_be(r: RecordFacts, other: RecordFacts, policy: Policy) -> bool:
    """Whether ``r``'s name may be ``other``'s: each part written otherwise at most, an
    initial of the other's, or left out on one record."""
    compared = compare_names(r.name, other.name, policy=policy)
    return all(
        part in WRITTEN_OTHERWISE or part in _LOOSE for part in (compared.given, compared.family)
    )


def _name_is_theirs(records: Sequence[RecordFacts], other: RecordFacts, policy: Policy) -> bool:
    """Whether ``other``'s given name is one of ``records``' written otherwise at most, and
    its family name too (a generational suffix on one record only; two different
    suffixes tell two people apart)."""
    theirs = generation_suffixes(other.name)
    given = family = False
    for r in records:
        ours = generation_suffixes(r.name)
        if ours and theirs and ours != theirs:
            continue
        x, y = r.name, other.name
        if ours or theirs:
            x, y = (
                attrs.evolve(
                    n,
                    given=" ".join(unsuffixed_words(n.given)),
                    family=" ".join(unsuffixed_words(n.family)),
                )
                for n in (x, y)
            )
        compared = compare_names(x, y, policy=policy)
        given = given or compared.given in WRITTEN_OTHERWISE
        family = family or compared.family in WRITTEN_OTHERWISE
        if given and family:
            return True
    return False


def _number_in(f: RecordFacts) -> bool:
    return number_in_name(f.name.given) or number_in_name(f.name.family)


def _maybe_relatives(edges: Sequence[PairVerdict], reps: Sequence[RecordFacts]) -> _Doubt | None:
    """The doubt of an item whose names note two relatives, or ``None``.

    ``Maria (Mom)`` on one child's record and ``Maria (Grandma)`` on a sibling's, on the
    family's email and phone: a mother and a grandmother of one name, or one woman
    raising her child and her grandchild (on one child's records the pair is never
    judged one person: :func:`~oneroster_identity.normalize.kinships_differ`). Dropping
    both notes would make two people one account. sourcedIds only: summaries are
    written as they are, redacted report or not.
    """
    for v in edges:
        a, b = reps[v.a], reps[v.b]
        # (since session 63 also two contact roles an SIS's contact screen flags,
        # `Maria (Primary)` and `Maria (Secondary)`, which kinships_differ reads too:
        # asked apart only to word the doubt)
        if kinships_differ(a.name, b.name):
            roles = contact_roles_differ(a.name, b.name)
            what, whose = (
                (
                    "contact roles",
                    "two contacts' (a primary and a secondary or emergency contact, a "
                    "custodial and a non-custodial parent)",
                )
                if roles
                else ("relations", "two relatives' (another kind of kin)")
            )
            return _Doubt(
                tag="maybe-relatives",
                two=f"two {'contacts' if roles else 'relatives'} of one name",
                why=f"the {what} noted beside the names are not one person's",
                detail=(
                    f"the {what} noted beside the names of {a.sourced_id} and "
                    f"{b.sourced_id} are {whose}, so these may be two people of one name "
                    "rather than one person noted for each child; if two, once the notes "
                    "are dropped only an email of each one's own keeps them two accounts "
                    "(and an SMS number of each one's own in older app versions)"
                ),
            )
    return None


def _of_two_sexes(a: str, b: str) -> bool:
    """Whether two given names' first words are each almost always one sex's name, and
    of other sexes (``Elisa`` and ``Elias``; ``data/name_genders.txt``)."""
    first = [w[0] if (w := name_words(n)) else "" for n in (a, b)]
    sexes = [name_gender(strip_diacritics(w).casefold()) if w else "" for w in first]
    return bool(sexes[0]) and bool(sexes[1]) and sexes[0] != sexes[1]


def _maybe_spouses(edges: Sequence[PairVerdict], reps: Sequence[RecordFacts]) -> _Doubt | None:
    """The doubt of an item that may be two parents (or two people of one family), or
    ``None``.

    A short form that is a woman's and a man's name (``Terry``: Teresa or Terence; ``Sam``,
    ``Chris``) beside a full name it shortens, on two guardians of one family whose SMS
    phones differ (or are a digit apart), or an initial beside a full name (``A.``, any
    name's) with other phones or no email or SMS phone in common at all: one person
    typed twice with two numbers, or a couple, one of them called by the short form. The
    nickname table reads them as one person; following a choice of given name would make
    a couple one account. sourcedIds only: summaries are written as they are, redacted
    report or not.
    """
    for v in edges:
        # a number a digit off is another number here too: a family plan's are consecutive
        other_numbers = v.phone in _ANOTHER_NUMBER
        # an initial that shares no email or SMS phone with the full name, only the
        # household: the family's other parent's as much as this one's (since session 67:
        # `L.` with no contact beside `Luisa`, both guardians of one child, was typed
        # `Luisa`, her husband Luis made her account)
        alone = (
            v.name.given is NameDifference.INITIAL
            and v.phone is PhoneDifference.MISSING
            and v.email in _NO_EMAIL_IN_COMMON
        )
        if not (other_numbers or alone):
            continue
        if v.household is None or v.household.kind not in (SAME_STUDENT, SIBLING_STUDENTS):
            continue
        a, b = reps[v.a], reps[v.b]
        if other_numbers and TYPO_TWO_NAMES in v.levels:
            # Carolyn and Marilyn on the family's email: a slip, or two people of one family
            return _Doubt(
                tag="maybe-spouses",
                two="two people of one family",
                why="two given names a typo apart, other phones",
                detail=(
                    f"the given names of {a.sourced_id} and {b.sourced_id} are two names "
                    "(each a given name of its own, or two letters apart), more than a "
                    "typing slip changes, and their SMS phones differ, so these may be two "
                    "people of one family (two parents, a parent and a grandparent) rather "
                    "than one person typed twice; if two, leave their names apart (older "
                    "app versions also need each their own email)"
                ),
            )
        if (
            other_numbers
            and v.name.given is NameDifference.TYPO
            and _of_two_sexes(a.name.given, b.name.given)
        ):
            # Elisa and Elias, Carol and Carlo: two letters swapped, the commonest slip,
            # but each a name almost always of another sex, on the family's records with
            # other phones: the family is asked first (the choice of name stays)
            return _Doubt(
                tag="maybe-spouses",
                two="two parents",
                why="a woman's and a man's given name a slip apart, other phones",
                detail=(
                    f"the given names of {a.sourced_id} and {b.sourced_id} are a woman's "
                    "and a man's name (a typing slip apart, which one person's records "
                    "often carry), and their SMS phones differ, so these may be two parents "
                    "rather than one person typed twice; if two, leave their names apart "
                    "(older app versions also need each their own email)"
                ),
            )
        if other_numbers and v.name.family is NameDifference.INITIAL:
            # Maria R. beside Maria Ruiz: the initial may be another family name's (a
            # grandmother of one given name, a stepparent's name)
            short = _initialed(a, b, "family")
            full = b if short is a else a
            return _Doubt(
                tag="maybe-relatives",
                two="two people of one family",
                why="a family name's initial beside a family name, other phones",
                detail=(
                    f"the family name of {short.sourced_id} is an initial, which may stand "
                    "for another family name (a grandparent's, a stepparent's), and its SMS "
                    f"phone differs from {full.sourced_id}'s, so these may be two people of "
                    "one given name rather than one person typed twice; if two, leave their "
                    "names apart (older app versions also need each their own email)"
                ),
            )
        if v.name.given not in _SHORT_FORMS:
            continue
        if v.name.given is NameDifference.INITIAL:
            # an initial is any name's: the family's other parent's as well
            short = _initialed(a, b, "given")
            seen = "an initial"
            what = "an initial, which may stand for another name of the family's"
        else:
            found = [f for f in (a, b) if unisex_short_form(f.name.given)]
            if len(found) != 1:
                continue
            short = found[0]
            what = seen = "a woman's and a man's short form"
        full = b if short is a else a
        apart = (
            f"its SMS phone differs from {full.sourced_id}'s"
            if other_numbers
            else f"it shares no email or SMS phone with {full.sourced_id}, only the household"
        )
        return _Doubt(
            tag="maybe-spouses",
            two="two parents",
            why=f"{seen} beside the full name, "
            + ("other phones" if other_numbers else "no contact in common"),
            detail=(
                f"the given name of {short.sourced_id} is {what}, and {apart}, so these may "
                "be two parents rather than one person typed twice; if two, leave their "
                "names apart (older app versions also need each their own email)"
            ),
        )
    return None


def _initialed(a: RecordFacts, b: RecordFacts, part: str) -> RecordFacts:
    """Of two records whose name ``part`` (``given`` or ``family``) compares as
    ``initial``, the one whose part is the initial."""
    return a if len("".join(name_words(getattr(a.name, part)))) == 1 else b


_SHORT_FORMS = frozenset({NameDifference.NICKNAME, NameDifference.INITIAL})
"""Given-name differences where the shorter name may be another parent's."""


def _outside(holders: CredentialHolders, members: Sequence[int]) -> Callable[[str, str], int]:
    """How many persons other than ``members`` hold an email (``("email", key)``) or an
    SMS number (``("phone", key)``)."""
    inside = frozenset(members)

    def count(kind: str, key: str) -> int:
        held = (holders.email if kind == "email" else holders.phone).get(key, ())
        return sum(1 for j in held if j not in inside)

    return count


def _relations(edges: Sequence[PairVerdict], reps: Sequence[RecordFacts], persons: int) -> str:
    """The household relations of an item's pairs in words: of "both" records for a pair,
    else each relation naming the records it links (`g1, g2 and g3 are guardians of k1`);
    then the records that hold one ``userMasterIdentifier``."""
    linked: dict[HouseholdRelation, set[str]] = {}
    same_id: set[str] = set()
    for v in edges:
        if v.household is not None:
            linked.setdefault(v.household, set()).update(
                (reps[v.a].sourced_id, reps[v.b].sourced_id)
            )
        if SAME_IDENTIFIER in v.levels:
            same_id.update((reps[v.a].sourced_id, reps[v.b].sourced_id))
    said = [
        relation.describe(() if persons == 2 else sorted(records))
        for relation, records in linked.items()
    ]
    if same_id:
        who = "both" if persons == 2 else records_in_words(sorted(same_id), shown=5)
        said.append(f"{who} hold one userMasterIdentifier (a state ID names one person)")
    return "; ".join(said)


def _real_birth_date(
    keeping: Keeping,
    sourced: Sequence[str],
    dateless: Mapping[str, str],
) -> Keeping:
    """``keeping`` told to give the record kept the child's real birth date when the one
    it carries only looks like one (``dateless``: a day on many records, a day after the
    export); the record kept when the roster tells, else any of ``sourced`` (whichever is
    kept). A stand-in (``1900-01-01``) says the date is unknown, which is no wrong value:
    no word. The date itself is left out of the words (a report masks values, not its
    advice), and no other record's date is offered as the real one: the data cannot tell
    that it is."""
    candidates = sourced if keeping.keep is None else (keeping.keep,)
    said = [(sid, dateless[sid]) for sid in candidates if sid in dateless]
    if not said:
        return keeping
    if keeping.keep is not None:
        [(_, why)] = said
        on = f"{keeping.keep} (its own is {why})"
    else:
        each = "; ".join(sid + "'s is " + why for sid, why in said)
        on = f"the record kept ({each})"
    return attrs.evolve(
        keeping, clause=f"{keeping.clause}, with the child's real birth date on {on}"
    )


def _twice_advice(
    apart: Sequence[Sequence[str]] | None,
    keeping: Keeping,
    *,
    one_id: bool,
    slip: bool,
    partly: tuple[Sequence[str], Sequence[Sequence[str]]] | None = None,
) -> str:
    """What to do with one student's records (:func:`guardians_apart` of them given, and
    :func:`keep_one`'s clause on keeping one).

    Retiring a record is advice a person carries out in the SIS; when the records'
    guardians have nothing in common, two namesake children are as likely as one child
    entered twice, and the data cannot tell which, so the advice says so first. When the
    records hold one state ID (``one_id``), they are one child registered by two
    households: the record kept needs the other record's guardians too. When their birth
    dates are a typing slip apart (``slip``), the record kept needs the right one. When
    the records have a guardian in common but each has others who agree on nothing
    (``partly``: :func:`guardians_partly_apart`), two children of one extended family are
    as likely, and the advice says so first too.
    """
    keep = keeping.advice
    if slip:
        return (
            "their birth dates differ by what reads as one typing slip (a digit, or the day "
            "and the month swapped): confirm it is one child and which birth date is "
            f"right, then {keeping.clause}, with the right birth date on the record kept"
            f"{NEVER_MERGE}"
        )
    if apart is None and partly is not None and not one_id:
        common, own = partly
        return (
            "check with the families before either record is retired: the records have "
            f"the guardian(s) {', '.join(common)} in common, but each also has guardians "
            f"the other lacks ({'; '.join(', '.join(g) for g in own)}) who share no record, "
            "name, email or phone, so these may be two children of one name in one "
            "extended family (cousins under one grandparent), or one child registered by "
            f"each parent; if they are one child, {keep}"
        )
    if apart is None:
        return f"confirm, then {keep}"
    groups = "; ".join(", ".join(group) for group in apart)
    if one_id:
        return (
            f"the records' guardians ({groups}) share no record, name, email or phone, so "
            f"the child is probably registered by two households: confirm, then {keep}"
        )
    return (
        "check with the families before either record is retired: the records' guardians "
        f"({groups}) share no record, name, email or phone, so these may be two children "
        f"of one name and birth date in two families; if they are one child, {keep}"
    )


_LACK = "type the person's values the records lack (see their findings)"


def _left_to_findings(
    records: Sequence[RecordFacts], fixes: Sequence[Fix], choices: Sequence[Choice]
) -> bool:
    """Whether a field the records hold apart is one no fix or choice sets: a value held
    back (a number one record writes with a desk line's extension, so none of the
    records' numbers is told to take texts), which the records' findings ask about. The
    fixes typed alone leave such records apart (session 65: typing the advice, as
    ``advice.apply_fixes`` does, found it)."""
    touched = {f.field for f in fixes} | {part for c in choices for part in c.field.split("/")}
    apart = (
        ({"givenName"}, {r.name_key[0] for r in records}),
        ({"familyName"}, {r.name_key[1] for r in records}),
        ({"email"}, {r.email.key for r in records}),
        ({"sms", "phone"}, {r.phone.key for r in records}),
    )
    return any(len(keys) > 1 and not fields & touched for fields, keys in apart)


def _advice(fixes: Sequence[Fix], choices: Sequence[Choice], *, left: bool = False) -> str:
    """What to do with a likely-same cluster's fixes and choices, in words; ``left``: a
    field no fix or choice sets still holds the records apart (:func:`_left_to_findings`)."""
    if not choices and not fixes:
        # (every name a stand-in, N/A beside Unknown: the records' findings ask for it)
        return f"confirm, then {_LACK}"
    if not choices:
        return f"confirm, then apply the fixes{f' and {_LACK}' if left else ''}"
    fields = sum(2 if c.field == NAME_ORDER else 1 for c in choices)
    chosen = f"{fields} field(s) need a person to choose the right value"
    if any(c.reason == WORK_OR_PERSONAL for c in choices):
        chosen += (
            "; the staff and guardian records carry different emails, which is how a "
            "district keeps a staff member's two accounts apart on purpose"
        )
    lack = f"; {_LACK}" if left else ""
    return f"confirm, then apply the fixes; {chosen}{lack}" if fixes else f"confirm; {chosen}{lack}"


def restricted_records(records: Iterable[RecordFacts]) -> list[tuple[str, Restriction]]:
    """The records whose name carries a note restricting contact, saying the person died
    or marking the record not to be used
    (:func:`~oneroster_identity.normalize.restriction_in_name`), by sourcedId."""
    out = [(f.sourced_id, found) for f in records if (found := f.name.restriction()) is not None]
    return sorted(out, key=lambda pair: pair[0])


def all_retired(noted: Sequence[tuple[str, Restriction]]) -> bool:
    """Whether every note of ``noted`` marks a record retired (``Restriction.NOT_IN_USE``):
    the advice is then to retire it, where a restriction or a death leaves the decision to
    the school."""
    return all(kind is Restriction.NOT_IN_USE for _, kind in noted)


def restriction_words(noted: Sequence[tuple[str, Restriction]]) -> str:
    """``g1 carries a note in its name restricting contact with the person`` and the like."""
    parts = []
    for kind, words in (
        (Restriction.NO_CONTACT, "restricting contact with the person"),
        (Restriction.DECEASED, "saying the person has died"),
        (Restriction.NOT_IN_USE, "marking the record a duplicate or not to be used"),
    ):
        sids = [sid for sid, found in noted if found is kind]
        if sids:
            carry = "carries" if len(sids) == 1 else "carry"
            parts.append(f"{', '.join(sids)} {carry} a note in the name {words}")
    return "; ".join(parts)
