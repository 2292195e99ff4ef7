"""Whole-pipeline benchmark on generated rosters: floor, read, match, report; and quality.

    python benchmarks/bench_pipeline.py 10000 100000 [1000000]
    python benchmarks/bench_pipeline.py --staff-guardian separate 100000

``--staff-guardian separate`` checks under that policy (a staff member's staff and
guardian records kept apart on purpose): the planted staff-guardian cases are then not
likely-same, and ``kept_apart_tagged`` is the share of them reported as a shared contact
tagged ``staff-guardian-separate`` (one person's two accounts, not a copy-paste error).

Each roster is generated once (cached, see ``_rosters.py``) and measured in its own process,
so peak memory (max RSS) is the pipeline's own. The floor is ``csv.DictReader`` iterating the
same users.csv in the same process (issue 15's target is stated against it);
``floor_all_s`` iterates every CSV file the check reads (users, roles, demographics, orgs,
manifest), for information: a 1.2 export puts a million role rows in roles.csv that the
users.csv floor never parses. The JSON report is written to /dev/null.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _rosters import labels, measure_sizes


def run_one(target: Path, staff_guardian: str = "merge") -> dict[str, float]:
    from oneroster_identity import read_roster
    from oneroster_identity.match import match
    from oneroster_identity.policy import Policy, StaffGuardianPolicy
    from oneroster_identity.report import write_json

    policy = Policy(staff_guardian=StaffGuardianPolicy(staff_guardian))

    out: dict[str, float] = {}
    start = time.perf_counter()
    with open(target / "users.csv", newline="", encoding="utf-8") as fh:
        out["users"] = sum(1 for _ in csv.DictReader(fh))
    out["floor_s"] = time.perf_counter() - start
    for name in ("roles.csv", "demographics.csv", "orgs.csv", "manifest.csv"):
        if (target / name).exists():
            with open(target / name, newline="", encoding="utf-8") as fh:
                for _ in csv.DictReader(fh):
                    pass
    out["floor_all_s"] = time.perf_counter() - start
    t0 = time.perf_counter()
    roster = read_roster(target)
    t1 = time.perf_counter()
    out["read_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = match(roster, policy)
    t2 = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        write_json(result, sink)
    t3 = time.perf_counter()
    out.update(read_s=t1 - t0, match_s=t2 - t1, report_s=t3 - t2, total_s=t3 - t0)
    out["rows_per_s"] = out["users"] / out["total_s"]
    out["ratio_to_floor"] = out["total_s"] / out["floor_s"]
    out["ratio_to_floor_all"] = out["total_s"] / out["floor_all_s"]
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The planted truth (29 MB at 1M) is loaded only now: it is the benchmark's, not
    # the check's, and until 2026-12-01 (session 10) it counted in the peak above.
    cases = labels(target)
    out.update(quality(result, cases))
    out["corrupting_fixes"] = corrupting_fixes(result, roster, cases)
    out["spelling_fixes"] = spelling_fixes(result, cases)
    out.update(family_slips(result, roster, cases))
    out.update(teacher_parents(result, roster, cases))
    out.update(one_names(result, roster, cases))
    out.update(habits(result, roster, cases))
    if policy.staff_guardian is StaffGuardianPolicy.SEPARATE:
        out.update(kept_apart(result, cases))
    out.update(household_cost(roster, result.policy))
    return out


VARIANT_PARTS = (
    "spelling",
    "title",
    "middle-name",
    "grade-format",
    "email-in-sms",
    "sms-gateway",
    "couple-beside-own",
    "lnu-family-name",
)
"""Planted variants reported apiece across kinds (``household-same-student-spelling``,
``name-spelling`` and ``staff-guardian-same-phone-spelling`` are all ``*spelling``)."""

HOUSEHOLD_TAGS = ("same-student", "sibling-students", "student-entered-twice")
"""Near-miss tags of the household kinds, whose precision is reported apiece."""


def _kind(variant: str) -> str:
    """The planted kind a variant belongs to (``household-same-student-nickname`` ->
    ``household-same-student``). The one-name cases (since session 38) are a kind of their
    own whatever their records' roles (``student-entered-twice-one-name-fnu-lnu`` ->
    ``one-name``), as are the Korean family names romanized two ways (``romanized``), so
    the older kinds' figures stay comparable; so are a guardian's records typed under an
    export's habit (``habit-numbered``: ``habit``, since session 63)."""
    if "one-name" in variant:
        return "one-name"
    if "romanized" in variant:
        return "romanized"
    if variant.startswith("habit-"):
        return "habit"
    if variant == "family-stand-in":
        return variant
    for kind in (
        "household-same-student",
        "household-sibling",
        "student-entered-twice",
        "entry-slip",
    ):
        if variant.startswith(kind):
            return kind
    return "other"


def quality(result: object, cases: list[dict[str, object]]) -> dict[str, float]:
    """Recall per planted kind, precision per household tag and overall, strangers flagged."""
    from oneroster_identity.match import NearMissKind

    out: dict[str, float] = {}
    near = result.near_misses  # type: ignore[attr-defined]
    likely_items = [n for n in near if n.kind is NearMissKind.LIKELY_SAME]
    likely = [set(n.sourced_ids) for n in likely_items]
    planted = [set(c["sourced_ids"]) for c in cases if c["kind"] == "likely-same"]  # type: ignore[arg-type]
    by_kind: dict[str, list[set[str]]] = {}
    for c in cases:
        if c["kind"] == "likely-same":
            by_kind.setdefault(_kind(str(c["variant"])), []).append(set(c["sourced_ids"]))  # type: ignore[arg-type]
    for kind, sets in sorted(by_kind.items()):
        out[f"recall[{kind}]"] = sum(any(p <= g for g in likely) for p in sets) / len(sets)
        out[f"planted[{kind}]"] = len(sets)
    for tag in HOUSEHOLD_TAGS:
        tagged = [set(n.sourced_ids) for n in likely_items if tag in n.tags]
        true = sum(any(p <= g for p in planted) for g in tagged)
        out[f"precision[{tag}]"] = true / len(tagged) if tagged else 1.0
        out[f"flagged[{tag}]"] = len(tagged)
    # A student cluster whose guardians share nothing is reported with advice to ask
    # first: how many of those are planted (one child) and how many are not (namesakes).
    asked = [set(n.sourced_ids) for n in likely_items if "guardians-apart" in n.tags]
    out["guardians_apart[planted]"] = sum(any(p <= g for p in planted) for g in asked)
    out["guardians_apart[unplanted]"] = len(asked) - out["guardians_apart[planted]"]
    for part in VARIANT_PARTS:
        sets = [
            set(c["sourced_ids"])  # type: ignore[arg-type]
            for c in cases
            if c["kind"] == "likely-same" and f"-{part}-" in f"-{c['variant']}-"
        ]
        if sets:
            out[f"recall[*{part}]"] = sum(any(p <= g for g in likely) for p in sets) / len(sets)
            out[f"planted[*{part}]"] = len(sets)
    found = sum(any(p <= g for g in likely) for p in planted)
    true_clusters = sum(any(p <= g for p in planted) for g in likely)
    out["likely_recall"] = found / len(planted) if planted else 1.0
    out["likely_precision"] = true_clusters / len(likely) if likely else 1.0
    shared = [
        set(n.sourced_ids) for n in result.near_misses if n.kind is NearMissKind.SHARED_CONTACT
    ]
    hh = [set(c["sourced_ids"]) for c in cases if c["kind"] == "shared-contact"]
    out["shared_recall"] = sum(any(p <= g for g in shared) for p in hh) / len(hh) if hh else 1.0
    offices = [set(c["sourced_ids"]) for c in cases if c["variant"] == "office-line"]
    if offices:
        tagged = [
            set(n.sourced_ids)
            for n in result.near_misses
            if n.kind is NearMissKind.SHARED_CONTACT and "many-unrelated" in n.tags
        ]
        out["office_lines_tagged"] = sum(any(p <= g for g in tagged) for p in offices) / len(
            offices
        )
    # A cluster tagged different-names says its records are of at least two people and
    # suggests nothing: strangers in one are not joined (counted apart, for information).
    one = [set(n.sourced_ids) for n in likely_items if "different-names" not in n.tags]
    apart = [set(n.sourced_ids) for n in likely_items if "different-names" in n.tags]
    strangers = [set(c["sourced_ids"]) for c in cases if c["kind"] == "stranger"]
    out["strangers_flagged"] = sum(any(len(s & g) >= 2 for g in one) for s in strangers)
    out["strangers_told_apart"] = sum(any(len(s & g) >= 2 for g in apart) for s in strangers)
    out["strangers"] = len(strangers)
    return out


CORRUPTED = ("initial", "typo", "diacritics", "domain-typo", "local-typo", "title")
"""Planted variants whose second record holds a corrupted copy of the first's value."""


def corrupting_fixes(result: object, roster: object, cases: list[dict[str, object]]) -> int:
    """Fixes that would write a planted corrupted value over the correct record: for each
    planted case whose second record carries an initial, a typo, folded diacritics or an
    email typo of the first's value, a fix on the first record suggesting the second's."""
    by_id = {u.sourced_id: u for u in roster.users}  # type: ignore[attr-defined]
    fixes = {
        (f.sourced_id, f.field, f.suggested)
        for n in result.near_misses  # type: ignore[attr-defined]
        for f in n.fixes
    }
    count = 0
    for c in cases:
        variant = str(c["variant"])
        if c["kind"] != "likely-same" or not variant.endswith(CORRUPTED):
            continue
        good, bad = (by_id[s] for s in list(c["sourced_ids"])[:2])  # type: ignore[call-overload]
        for field, attr in (
            ("givenName", "given_name"),
            ("familyName", "family_name"),
            ("email", "email"),
        ):
            value = getattr(bad, attr)
            if value != getattr(good, attr) and (good.sourced_id, field, value) in fixes:
                count += 1
    return count


def kept_apart(result: object, cases: list[dict[str, object]]) -> dict[str, float]:
    """Under ``staff_guardian="separate"``: of the planted staff-guardian cases, the share
    flagged likely-same (must be 0: kept apart on purpose) and the share reported as a
    shared contact tagged ``staff-guardian-separate`` (those sharing an email or phone)."""
    from oneroster_identity.match import NearMissKind

    planted = [
        set(c["sourced_ids"])  # type: ignore[arg-type]
        for c in cases
        if c["kind"] == "likely-same" and str(c["variant"]).startswith("staff-guardian")
    ]
    if not planted:
        return {}
    near = result.near_misses  # type: ignore[attr-defined]
    likely = [set(n.sourced_ids) for n in near if n.kind is NearMissKind.LIKELY_SAME]
    tagged = [
        set(n.sourced_ids)
        for n in near
        if n.kind is NearMissKind.SHARED_CONTACT and "staff-guardian-separate" in n.tags
    ]
    return {
        "staff_guardian_planted": len(planted),
        "staff_guardian_likely_same": sum(any(p <= g for g in likely) for p in planted)
        / len(planted),
        "kept_apart_tagged": sum(any(p <= g for g in tagged) for p in planted) / len(planted),
    }


def spelling_fixes(result: object, cases: list[dict[str, object]]) -> int:
    """Fixes that write one planted spelling of a given name over the other (Sofia over
    Sophia or back): the data cannot tell which the person uses, so it must be a choice."""
    pairs = [
        set(c["sourced_ids"])  # type: ignore[arg-type]
        for c in cases
        if c["kind"] == "likely-same" and "-spelling" in str(c["variant"])
    ]
    fixed = {
        f.sourced_id
        for n in result.near_misses  # type: ignore[attr-defined]
        for f in n.fixes
        if f.field == "givenName"
    }
    return sum(1 for p in pairs if p & fixed)


def _ids(case: dict[str, object]) -> list[str]:
    """A planted case's sourcedIds, in the order planted."""
    return [str(sid) for sid in case["sourced_ids"]]  # type: ignore[attr-defined]


FINDING_KINDS = (
    "placeholder-email",
    "invalid-email",
    "placeholder-phone",
    "home-phone-only",
    "couple-in-name",
    "placeholder-name",
    "husband-name",
)
"""Planted kinds that are a finding's code: the record planted must carry that finding."""


def family_slips(
    result: object, roster: object, cases: list[dict[str, object]]
) -> dict[str, float]:
    """What the report says of the planted data-quality values and family slips:

    - ``found[CODE]``: the share of records planted with a bad value (a placeholder, a
      couple or a role word in the given name...) that carry the finding ``CODE``;
    - ``couple_fix_right``: of the couple records beside one guardian's own record, the
      share whose near-miss fixes the couple record's given name (rule ``not-a-couple``)
      and leaves the guardian's own name alone;
    - ``placeholder_tagged``, ``school_address_tagged``: the share of the family address
      shared with a ``Dad`` record, and of a child's school address given as a guardian's
      email, reported as a shared contact with the tag that says so;
    - ``foreign_address_offered``: suggestions (fixes or findings) that would give a child
      the guardian's address typed into the child's SMS column (must be 0).
    """
    from oneroster_identity.match import NearMissKind

    near = result.near_misses  # type: ignore[attr-defined]
    findings = {(f.code, f.sourced_id) for f in result.findings}  # type: ignore[attr-defined]
    out: dict[str, float] = {}
    for code in FINDING_KINDS:
        planted = [c for c in cases if c["kind"] == code]
        if planted:
            hits = sum((code, _ids(c)[0]) in findings for c in planted)
            out[f"found[{code}]"] = hits / len(planted)
            out[f"planted[{code}]"] = len(planted)
    couples = [
        _ids(c) for c in cases if c["kind"] == "likely-same" and c["variant"] == "couple-beside-own"
    ]
    if couples:
        right = 0
        for own, couple in couples:
            fixes = [
                f
                for n in near
                if own in n.sourced_ids and couple in n.sourced_ids
                for f in n.fixes
                if f.field == "givenName"
            ]
            right += any(
                f.sourced_id == couple and f.rule == "not-a-couple" for f in fixes
            ) and not any(f.sourced_id == own for f in fixes)
        out["couple_fix_right"] = right / len(couples)
    for variant, tag, key in (
        ("role-word-family-address", "placeholder-name", "placeholder_tagged"),
        ("student-school-address", "student-school-address", "school_address_tagged"),
    ):
        planted_sets = [set(c["sourced_ids"]) for c in cases if c["variant"] == variant]  # type: ignore[arg-type]
        if planted_sets:
            tagged = [
                set(n.sourced_ids)
                for n in near
                if n.kind is NearMissKind.SHARED_CONTACT and tag in n.tags
            ]
            out[key] = sum(any(p <= g for g in tagged) for p in planted_sets) / len(planted_sets)
    by_id = {u.sourced_id: u for u in roster.users}  # type: ignore[attr-defined]
    moved = {
        _ids(c)[1]: by_id[_ids(c)[0]].email.casefold()
        for c in cases
        if c["variant"] == "parent-address-in-child-sms"
    }
    if moved:
        offered = [
            (f.sourced_id, f.suggested) for n in near for f in n.fixes if f.sourced_id in moved
        ] + [
            (f.sourced_id, f.suggested)
            for f in result.findings  # type: ignore[attr-defined]
            if f.sourced_id in moved and f.suggested
        ]
        out["foreign_address_offered"] = sum(
            1 for sid, value in offered if (value or "").casefold() == moved[sid]
        )
    return out


STAFF_GUARDIAN_WARNINGS = ("staff-guardian-same-name", "staff-guardian-name-forms")
"""The warnings that name a staff record and a guardian record sharing no email or phone."""


def teacher_parents(
    result: object, roster: object, cases: list[dict[str, object]]
) -> dict[str, float]:
    """What the report says of the planted teacher-parents whose staff and guardian records
    share no email or phone (``teacher-parent-apart``, one case per name form):

    - ``found[teacher-parent-apart]`` and ``found[teacher-parent-apart:FORM]``: the share
      whose two records one staff-guardian warning names together (or one likely-same
      item holds);
    - ``found_rare[teacher-parent-apart]``: the same share among the cases whose two
      written names (folded, without accents) no other record of the roster holds. The
      warnings stay silent by design where another person holds a form of the name (a
      district has many Maria Garcias: only the person can say which one works at the
      school), so the overall share measures the roster's names as much as the rule;
    - ``unplanted[CODE]``: the warnings naming no planted pair. The generator draws staff
      and guardians' names independently, so these are its namesakes: strangers in the
      roster, a teacher-parent as likely as not in a real district.
    """
    from oneroster_identity.match import NearMissKind
    from oneroster_identity.normalize._text import strip_diacritics

    planted = [c for c in cases if c["kind"] == "teacher-parent-apart"]
    if not planted:
        return {}
    named = {
        frozenset((f.sourced_id, *f.related))
        for f in result.findings  # type: ignore[attr-defined]
        if f.code in STAFF_GUARDIAN_WARNINGS
    }
    likely = [
        set(n.sourced_ids)
        for n in result.near_misses  # type: ignore[attr-defined]
        if n.kind is NearMissKind.LIKELY_SAME
    ]

    def folded(user: object) -> tuple[str, str]:
        return (
            strip_diacritics(user.given_name).casefold(),  # type: ignore[attr-defined]
            strip_diacritics(user.family_name).casefold(),  # type: ignore[attr-defined]
        )

    users = roster.users  # type: ignore[attr-defined]
    holders = Counter(map(folded, users))
    by_id = {u.sourced_id: u for u in users}
    out: dict[str, float] = {}
    hits: dict[str, list[bool]] = {}
    rare: list[bool] = []
    pairs = set()
    for c in planted:
        ids = _ids(c)
        pair = set(ids)
        pairs.add(frozenset(pair))
        hit = any(pair <= n for n in named) or any(pair <= g for g in likely)
        hits.setdefault("", []).append(hit)
        hits.setdefault(f":{c['variant']}", []).append(hit)
        names = [folded(by_id[sid]) for sid in ids]
        if all(holders[n] == names.count(n) for n in names):
            rare.append(hit)
    for form, found in sorted(hits.items()):
        out[f"found[teacher-parent-apart{form}]"] = sum(found) / len(found)
        out[f"planted[teacher-parent-apart{form}]"] = len(found)
    out["found_rare[teacher-parent-apart]"] = sum(rare) / len(rare) if rare else 1.0
    out["planted_rare[teacher-parent-apart]"] = len(rare)
    for code in STAFF_GUARDIAN_WARNINGS:
        out[f"unplanted[{code}]"] = sum(
            1
            for f in result.findings  # type: ignore[attr-defined]
            if f.code == code and not any(frozenset((f.sourced_id, *f.related)) >= p for p in pairs)
        )
    return out


def one_names(result: object, roster: object, cases: list[dict[str, object]]) -> dict[str, float]:
    """What the report advises for the planted one-name persons, family-name stand-ins and
    Korean family names romanized two ways (since session 38;
    ``synthetic._one_name_families``, ``synthetic._romanized_families``):

    - ``one_name_name_fixes`` (``romanized_name_fixes``): name fixes on a found one-name
      (romanized) case's records. Must be 0: which form of a one-name person's name the
      app shows is the district's convention, and which spelling of a family name the
      person's, which the data cannot tell, so the report offers a choice;
    - ``one_name_choice`` (``romanized_choice``): the share of the found cases of adults
      whose item offers that choice (a ``givenName/familyName`` choice, or a
      ``familyName`` one). A child entered twice gets no choice: the advice is to keep one
      of the two records;
    - ``stand_in_fix_right``: the share of the family-name stand-ins (``N/A``) whose record
      is told to take the family name its other record holds; ``stand_in_fix_wrong``: fixes
      writing a stand-in (or anything) over that family name (must be 0).
    """
    from oneroster_identity.match import NearMissKind

    likely = [
        n
        for n in result.near_misses  # type: ignore[attr-defined]
        if n.kind is NearMissKind.LIKELY_SAME
    ]
    by_id = {u.sourced_id: u for u in roster.users}  # type: ignore[attr-defined]
    out: dict[str, float] = {}
    fixes: Counter[str] = Counter()
    chosen: Counter[str] = Counter()
    adults: Counter[str] = Counter()
    right = wrong = stand_ins = 0
    for c in cases:
        variant = str(c["variant"])
        kind = _kind(variant)
        if c["kind"] != "likely-same" or kind not in ("one-name", "romanized", "family-stand-in"):
            continue
        ids = _ids(c)
        items = [n for n in likely if set(ids) <= set(n.sourced_ids)]
        name_fixes = [f for n in items for f in n.fixes if f.field in ("givenName", "familyName")]
        if kind != "family-stand-in":
            fixes[kind] += len(name_fixes)
            if items and not variant.startswith("student-entered-twice"):
                adults[kind] += 1
                chosen[kind] += any(
                    ch.field in ("givenName/familyName", "familyName")
                    for n in items
                    for ch in n.choices
                )
            continue
        stand_ins += 1
        good, bad = by_id[ids[0]], by_id[ids[1]]
        right += any(
            f.sourced_id == bad.sourced_id and f.suggested == good.family_name
            for f in name_fixes
            if f.field == "familyName"
        )
        wrong += any(f.sourced_id == good.sourced_id for f in name_fixes)
    planted = {_kind(str(c["variant"])) for c in cases}
    for kind, label in (("one-name", "one_name"), ("romanized", "romanized")):
        if kind in planted:
            out[f"{label}_name_fixes"] = fixes[kind]
            out[f"{label}_choice"] = chosen[kind] / adults[kind] if adults[kind] else 1.0
    if stand_ins:
        out["stand_in_fix_right"] = right / stand_ins
        out["stand_in_fix_wrong"] = wrong
    return out


def habits(result: object, roster: object, cases: list[dict[str, object]]) -> dict[str, float]:
    """Of the guardians typed again under an export's habit (``synthetic._habit_families``,
    since session 63: ``Maria 2``, ``Maria (Parent)``, ``M.``, two typos of the address's
    domain, the old address noted), the share whose likely-same item's fixes give every
    record the first record's value (``habit_advice_right``), and the records a fix tells
    to take any other value in that field (``habit_advice_wrong``: must be 0)."""
    from oneroster_identity.match import NearMissKind

    likely = [
        n
        for n in result.near_misses  # type: ignore[attr-defined]
        if n.kind is NearMissKind.LIKELY_SAME
    ]
    by_id = {u.sourced_id: u for u in roster.users}  # type: ignore[attr-defined]
    planted = right = wrong = 0
    for c in cases:
        variant = str(c["variant"])
        if c["kind"] != "likely-same" or not variant.startswith("habit-"):
            continue
        planted += 1
        ids = _ids(c)
        field, attr = (
            ("email", "email")
            if "address" in variant or "typos" in variant
            else ("givenName", "given_name")
        )
        good = getattr(by_id[ids[0]], attr)
        told = {
            f.sourced_id: f.suggested
            for n in likely
            if set(ids) <= set(n.sourced_ids)
            for f in n.fixes
            if f.field == field
        }
        ends = {told.get(sid, getattr(by_id[sid], attr)) for sid in ids}
        right += ends == {good}
        wrong += sum(value != good for value in told.values())
    if not planted:
        return {}
    return {"habit_advice_right": right / planted, "habit_advice_wrong": wrong}


def household_cost(roster: object, policy: object) -> dict[str, float]:
    """Candidate pairs per block type, the largest same-name block, and the seconds the
    household evidence adds (its index, its blocks, the relation of every judged pair and
    judging the pairs only household blocks find), measured after the timed run with the
    cyclic GC paused as ``match()`` pauses it."""
    from oneroster_identity._gc import paused_gc
    from oneroster_identity.match._blocking import _household_pairs, candidate_pairs
    from oneroster_identity.match._group import group_records
    from oneroster_identity.match._household import HouseholdIndex
    from oneroster_identity.match._pairs import judge
    from oneroster_identity.match._records import FactsBuilder
    from oneroster_identity.models import RoleFamily

    with paused_gc():
        facts = FactsBuilder(policy).of_active(roster.users)  # type: ignore[arg-type, attr-defined]
        persons = group_records(list(facts.values()))
        reps = persons.representatives(facts)
        out: dict[str, float] = {}
        names = Counter(f.name_key for f in reps)
        out["largest_name_block"] = max(names.values()) if names else 0
        t0 = time.perf_counter()
        homes = HouseholdIndex(roster, {sid: f.name_key for sid, f in facts.items()})  # type: ignore[arg-type]
        t1 = time.perf_counter()
        household = set(_household_pairs(reps, homes, policy))  # type: ignore[arg-type]
        t2 = time.perf_counter()
        counts: dict[str, int] = {}
        pairs = list(candidate_pairs(reps, policy, households=homes, counts=counts))  # type: ignore[arg-type]
        only = household - set(candidate_pairs(reps, policy))  # type: ignore[arg-type]
        students = frozenset({RoleFamily.STUDENT})
        t3 = time.perf_counter()
        for a, b in pairs:
            pa, pb = persons[a], persons[b]
            homes.relation(
                pa.sourced_ids,
                pb.sourced_ids,
                students=pa.families == students and pb.families == students,
            )
            homes.is_parent_and_child(pa.sourced_ids, pb.sourced_ids)
        t4 = time.perf_counter()
        for a, b in only:
            judge(
                a,
                b,
                reps[a],
                reps[b],
                name_counts=names,
                families=(persons[a].families, persons[b].families),
                policy=policy,  # type: ignore[arg-type]
            )
        t5 = time.perf_counter()
    out["household_s"] = (t1 - t0) + (t2 - t1) + (t4 - t3) + (t5 - t4)
    out["household_index_s"] = t1 - t0
    out["household_blocks_s"] = t2 - t1
    for block, n in sorted(counts.items()):
        out[f"pairs[{block}]"] = n
    return out


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one(Path(sys.argv[2]), *sys.argv[3:4])))
        return
    args = sys.argv[1:]
    extra: list[str] = []
    if args[:1] == ["--staff-guardian"]:
        extra, args = args[1:2], args[2:]
    measure_sizes(__file__, [int(a) for a in args] or [10000, 100000], 3, extra)


if __name__ == "__main__":
    main()
