"""Old student accounts: merge candidates among the roster's students (name, grade, school)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import attrs

from oneroster_identity.existing._index import PersonIndex
from oneroster_identity.existing._model import ExistingAccount, StudentMergeCandidate
from oneroster_identity.match import (
    FieldEvidence,
    NearMiss,
    NearMissKind,
    RecordFacts,
    Weights,
    birth_date_slip,
    compact_family,
    is_stand_in_birth_date,
    loose_part,
)
from oneroster_identity.normalize import NameComparison, NameDifference, compare_names, grade_level
from oneroster_identity.policy import Policy

__all__ = ["StudentWeights", "family_initial", "student_candidates", "with_entered_twice"]


class StudentWeights:
    """Log-odds weights of the old-student merge score (documented in docs/existing.md)."""

    prior = -3.0
    grade_equal = 1.5
    grade_next = 1.0
    """The account's grade is one below the roster's: last year's account, promoted."""
    grade_other = -1.5
    school_equal = 1.0
    school_other = -0.5
    birth_date_equal = 3.0
    """The account's birth date equals the student's (optional export column)."""
    max_candidates = 3


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _student_evidence(
    account: ExistingAccount,
    acct: RecordFacts,
    rep: RecordFacts,
    name: NameComparison,
    schools: Mapping[str, str],
    weights: Weights,
    threshold: float,
    dateless: bool = False,
) -> tuple[float, tuple[FieldEvidence, ...]] | None:
    """The confidence that ``rep`` is the old student ``account``, with its evidence, or
    ``None`` when they are not one child or the confidence is under ``threshold`` (the
    evidence, five objects, is built only for a candidate that is kept). An account
    whose birth date is no evidence (``dateless``: see :func:`student_candidates`) has
    none, as with a stand-in date."""
    if name.kind is NameDifference.DIFFERENT:
        return None
    w = StudentWeights
    score = w.prior + weights.name[name.kind]
    ids = (acct.sourced_id, rep.sourced_id)
    grades = rep.user_value("grades")  # one lookup of the roster row for both uses
    roster_grades = [g for g in (grade_level(x) for x in grades) if g is not None]
    old = grade_level(account.grade)
    if old is None or not roster_grades:
        grade_kind = "missing"
    elif old in roster_grades:
        grade_kind, score = "identical", score + w.grade_equal
    elif old + 1 in roster_grades:
        grade_kind, score = "next-grade", score + w.grade_next
    else:
        grade_kind, score = "different", score + w.grade_other
    org_ids = [r.org_sourced_id for r in rep.user_value("roles") if r.org_sourced_id]
    names = (
        {_fold(x) for o in org_ids for x in (o, schools.get(o, "")) if x}
        if account.school
        else set()
    )
    if not names:
        school_kind = "missing"
    elif _fold(account.school) in names:
        school_kind, score = "identical", score + w.school_equal
    else:
        school_kind, score = "different", score + w.school_other
    born = rep.birth_date  # a stand-in date is None in the facts: so on the account's side
    old_born = account.birth_date
    if old_born is None or born is None or is_stand_in_birth_date(old_born) or dateless:
        born_kind = "missing"
    elif old_born == born:
        born_kind, score = "identical", score + w.birth_date_equal
    elif birth_date_slip(old_born, born):
        # typed with a slip on one side (day and month swapped, a digit): says nothing
        # either way, and the evidence shows it for the person who merges
        born_kind = "slip"
    else:
        return None  # another child: a birth date does not change between school years
    confidence = round(_sigmoid(score), 3)
    if confidence < threshold:
        return None
    shown_school = ", ".join(sorted(schools.get(o, o) for o in org_ids))
    evidence = (
        FieldEvidence(
            field="givenName",
            kind=name.given.value,
            sourced_ids=ids,
            values=(acct.name.given, rep.name.given),
        ),
        FieldEvidence(
            field="familyName",
            kind=name.family.value,
            sourced_ids=ids,
            values=(acct.name.family, rep.name.family),
        ),
        FieldEvidence(
            field="grades",
            kind=grade_kind,
            sourced_ids=ids,
            values=(account.grade, ",".join(grades)),
        ),
        FieldEvidence(
            field="school", kind=school_kind, sourced_ids=ids, values=(account.school, shown_school)
        ),
        FieldEvidence(
            field="birthDate",
            kind=born_kind,
            sourced_ids=ids,
            values=(str(account.birth_date or ""), str(born or "")),
        ),
    )
    return confidence, evidence


def with_entered_twice(
    candidates: Sequence[StudentMergeCandidate], near_misses: Sequence[NearMiss]
) -> list[StudentMergeCandidate]:
    """``candidates``, each whose roster student is a record of a student entered twice
    (a likely-same item tagged ``student-entered-twice``) saying so, and which record to
    merge the old account into when the item names the one to keep. An old account
    merged into the record the SIS retires would lose its history with that record."""
    items = {
        sid: near
        for near in near_misses
        if near.kind is NearMissKind.LIKELY_SAME and "student-entered-twice" in near.tags
        for sid in near.sourced_ids
    }
    if not items:
        return list(candidates)
    out: list[StudentMergeCandidate] = []
    for c in candidates:
        near = items.get(c.sourced_id)
        if near is None:
            out.append(c)
            continue
        others = " and ".join(s for s in near.sourced_ids if s != c.sourced_id)
        keep = near.keep
        if not near.calls_one_person:
            into = f"{keep}, the record to keep" if keep else "the record the SIS keeps"
            note = (
                f"perhaps one child with {others}, entered twice ({near.id}: ask the "
                f"families first); if one child, merge the old account into {into}"
            )
            keep = None
        elif keep is None:
            note = (
                f"one child with {others}, entered twice ({near.id}): merge the old account "
                "into the record the SIS keeps, not one it retires"
            )
        elif keep == c.sourced_id:
            note = (
                f"one child with {others}, entered twice ({near.id}): this is the record to "
                "keep; merge the old account into it"
            )
        else:
            note = (
                f"one child with {others}, entered twice ({near.id}): {c.sourced_id} is to "
                f"be retired; merge the old account into {keep}, the record to keep"
            )
        out.append(attrs.evolve(c, entered_twice=near.id, merge_into=keep, note=note))
    return out


def family_initial(f: RecordFacts) -> object:
    """The old students' block key beside the name blocks: the family name without case,
    accents, punctuation or spaces and the given name's first letter, so an old account
    ``Mateo Delacruz`` or ``Mateo Garcia`` meets the roster's ``Mateo De La Cruz`` or
    ``Mateo García`` (the app's old student was often typed by a teacher, the roster's by
    the front office)."""
    given, family = f.name_key
    if not family:
        return None
    return (compact_family(loose_part(family)), loose_part(given)[:1])


def student_candidates(
    account: ExistingAccount,
    acct: RecordFacts,
    index: PersonIndex,
    schools: Mapping[str, str],
    policy: Policy,
    weights: Weights,
    dateless: bool = False,
) -> list[StudentMergeCandidate]:
    """The best roster students this old student account may be, at most
    :attr:`StudentWeights.max_candidates`, at or above the policy's threshold
    (``dateless``: the account's birth date is no evidence: on far more old accounts than
    are born on one day, :func:`~oneroster_identity.match.crowded_birth_dates`; after the
    roster's :attr:`~oneroster_identity.match.MatchResult.export_date`; or far from the
    roster's birth dates of its grade and the next,
    :meth:`~oneroster_identity.match.MatchResult.birth_date_far_from_grades`)."""
    found: list[StudentMergeCandidate] = []
    # The account's name is compared once per distinct roster name: equal names share one
    # PersonName in a run's facts, and an account's name blocks hold many students of one
    # name (10,000 student accounts against a generated 1M roster: 248,605 candidates,
    # 107,453 distinct names). Keyed by id: every name here is held by the result's facts.
    names: dict[int, NameComparison] = {}
    for i in index.candidates(acct, policy.max_block_size):
        rep = index.reps[i]
        name = names.get(id(rep.name))
        if name is None:
            name = names[id(rep.name)] = compare_names(acct.name, rep.name, policy=policy)
        scored = _student_evidence(
            account, acct, rep, name, schools, weights, policy.likely_same_threshold, dateless
        )
        if scored is None:
            continue
        confidence, evidence = scored
        found.append(
            StudentMergeCandidate(
                account_id=account.account_id,
                sourced_id=rep.sourced_id,
                person_id=index.person(i).id,
                confidence=confidence,
                evidence=evidence,
            )
        )
    found.sort(key=lambda c: (-c.confidence, c.sourced_id))
    return found[: StudentWeights.max_candidates]
