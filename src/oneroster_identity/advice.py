"""Typing the advice: a roster as the SIS will export it once a check's fixes are typed.

A check's advice is meant to be typed into the SIS and checked again. Before anyone types
anything, a sync script or a notebook can ask what that next check would say: how many
accounts once the decided fixes are in, which items are left for a person (the choices),
and whether a typed value draws a finding of its own. :func:`decided_fixes` lists the
changes the fix list's ``set`` rows ask for (near-misses' fixes and findings' known
repairs), :func:`choice_fixes` the changes one pick of a choice makes, and
:func:`apply_fixes` types changes into a copy of a roster, refusing advice that no longer
fits it (the roster changed since the check, or two changes set one field to different
values) rather than typing over a value nobody was told about.

    >>> from oneroster_identity import Roster, User
    >>> from oneroster_identity.match import Fix
    >>> roster = Roster(users=[User(sourced_id="g1", given_name="Rosa 2")])
    >>> fix = Fix(sourced_id="g1", field="givenName", current="Rosa 2", suggested="Rosa")
    >>> apply_fixes(roster, [fix]).users[0].given_name
    'Rosa'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from oneroster_identity._usage import (
    RESULT_TAKES,
    describe,
    is_many,
    require,
    require_result_of,
    require_roster,
)
from oneroster_identity._user_table import UserColumns
from oneroster_identity.diagnostics import Severity
from oneroster_identity.errors import UsageError
from oneroster_identity.match import (
    ONE_OR_TWO_FINDINGS,
    Choice,
    ChoiceOption,
    Finding,
    Fix,
    MatchResult,
    NearMiss,
    NearMissKind,
    UnionFind,
    match,
)
from oneroster_identity.models import USER_COLUMNS, Roster, User
from oneroster_identity.normalize import NameDifference, PersonName, compare_names

__all__ = [
    "USER_COLUMNS",
    "FixListOutcome",
    "apply_fixes",
    "check_fix_list",
    "choice_fixes",
    "decided_fixes",
    "repair_findings",
]


def apply_fixes(roster: Roster, fixes: Iterable[Fix]) -> Roster:
    """``roster`` with each of ``fixes`` typed: what the SIS exports once a person has
    typed them, the records in their order, everything else as read.

    A fix applies to a record that still holds its :attr:`~Fix.current` value, or already
    holds its :attr:`~Fix.suggested` one (typed before, or asked for twice): applying the
    same fixes again changes nothing. Anything else raises :class:`UsageError` and types
    nothing, since advice that no longer fits would overwrite a value nobody was told
    about: a record the roster lacks, a column no fix sets, an app account's update (type
    those in the app), a record whose value changed since the check, and two fixes that
    set one field to different values. The messages name the record and the column,
    never a value (roster values are family data)."""
    # (deferred: the existing-accounts check types the fix list through this module)
    from oneroster_identity.existing import ACCOUNT_PREFIX

    require_roster(roster, "apply_fixes()")
    if not is_many(fixes):
        raise UsageError(f"apply_fixes(fixes=...) takes Fix objects, not {describe(fixes)}")
    by_id = roster.users_by_id  # (a CSV roster's users are built only when read)
    changes: dict[str, dict[str, Any]] = {}  # (Any: evolve's keywords are typed per field)
    set_by: dict[tuple[str, str], Fix] = {}
    for fix in fixes:
        where = _where(fix)
        attr = USER_COLUMNS.get(fix.field)
        if fix.sourced_id.startswith(ACCOUNT_PREFIX):
            raise UsageError(
                f"{where}: an update of the app account, not of the roster: type it in the "
                "app (the SIS records' updates are the ones apply_fixes takes)"
            )
        user = by_id.get(fix.sourced_id)
        if user is None:
            raise UsageError(f"{where}: the roster has no record of that sourcedId")
        if attr is None:
            columns = ", ".join(sorted(USER_COLUMNS))
            raise UsageError(f"{where}: a fix sets one of {columns}")
        earlier = set_by.get((fix.sourced_id, attr))
        if earlier is not None:
            if earlier.suggested != fix.suggested:
                raise UsageError(
                    f"{where}: two fixes set it to different values (rules "
                    f"{earlier.rule or 'none'} and {fix.rule or 'none'}): decide which to type"
                )
            continue
        if getattr(user, attr) not in (fix.current, fix.suggested):
            raise UsageError(
                f"{where}: the record no longer holds the value the fix was written for "
                "(the roster changed since the check): check the roster again"
            )
        set_by[(fix.sourced_id, attr)] = fix
        changes.setdefault(fix.sourced_id, {})[attr] = fix.suggested
    if not changes:
        return roster
    typed = {sid: attrs.evolve(by_id[sid], **values) for sid, values in changes.items()}
    users: Sequence[User]
    if isinstance(roster.users, UserColumns):
        # a delta's way: the typed users in place, the other users kept as columns
        users = roster.users.replaced(typed)
    else:
        users = tuple(typed.get(u.sourced_id, u) for u in roster.users)
    return attrs.evolve(roster, users=users)


def decided_fixes(result: MatchResult) -> tuple[Fix, ...]:
    """The changes the fix list's ``set`` rows ask for (``check --format csv``): every
    near-miss's fixes, then every finding's known repair that no fix already makes (see
    :func:`repair_findings`), each once, in the report's order. Choices are left out: they
    are a person's to make (see :func:`choice_fixes`). A finding's repair is a
    :class:`~oneroster_identity.match.Fix` whose ``rule`` is the finding's code."""
    require(result, MatchResult, "decided_fixes()", RESULT_TAKES)
    out: list[Fix] = []
    made: set[tuple[str, str, str]] = set()
    for near in result.near_misses:
        for fix in near.fixes:
            key = (fix.sourced_id, fix.field, fix.suggested)
            if key not in made:
                made.add(key)
                out.append(fix)
    for finding in repair_findings(result):
        out.append(
            Fix(
                sourced_id=finding.sourced_id or "",
                field=finding.field or "",
                current=finding.value or "",
                suggested=finding.suggested or "",
                reason=finding.message,
                rule=finding.code,
            )
        )
    return tuple(out)


def repair_findings(result: MatchResult) -> tuple[Finding, ...]:
    """The findings whose known repair is a ``set`` row of the fix list: each names a
    record, a field and the value to type, and no near-miss's fix (nor an earlier finding)
    already types that value into that field. A repair a fix makes is left out because
    ``match`` gives such a finding the fix's writing, and the row would be typed twice.
    The report's CSV fix list and :func:`decided_fixes` both read this, so the rows the
    SIS team types and the changes a script applies are the same ones."""
    require(result, MatchResult, "repair_findings()", RESULT_TAKES)
    made = {
        (fix.sourced_id, fix.field, fix.suggested)
        for near in result.near_misses
        for fix in near.fixes
    }
    out: list[Finding] = []
    for finding in result.findings:
        if finding.suggested is None or finding.sourced_id is None or finding.field is None:
            continue
        key = (finding.sourced_id, finding.field, finding.suggested)
        if key not in made:
            made.add(key)
            out.append(finding)
    return tuple(out)


def choice_fixes(
    roster: Roster,
    item: NearMiss,
    pick: Callable[[Choice], ChoiceOption | None],
) -> tuple[Fix, ...]:
    """The changes that following ``item``'s choices makes: for each choice, the option
    ``pick`` returns set on every record of the item (as the fix list's ``choose-one``
    rows say; ``None`` leaves that choice undecided). ``current`` is each record's value
    in ``roster``; a record already holding the picked value needs no change and gets
    none. Pass the result with the item's own fixes, ``[*item.fixes, *choice_fixes(...)]``,
    to :func:`apply_fixes`."""
    require_roster(roster, "choice_fixes()")
    require(
        item, NearMiss, "choice_fixes(item=...)", "a NearMiss, one of match(roster).near_misses"
    )
    by_id = roster.users_by_id  # (a CSV roster's users are built only when read)
    fixed = {(f.sourced_id, f.field): f.suggested for f in item.fixes}
    out: list[Fix] = []
    for choice in item.choices:
        option = pick(choice)
        if option is None:
            continue
        if option not in choice.options:
            raise UsageError(
                f"choice_fixes(pick=...) returned an option that is not one of the "
                f"{choice.field} choice's options"
            )
        for column, value in choice.assignments(option).items():
            attr = USER_COLUMNS[column]
            for sid in item.sourced_ids:
                user = by_id.get(sid)
                if user is None:
                    raise UsageError(
                        f"choice_fixes(): the roster has no record {sid!r} of item {item.id!r}"
                    )
                current = fixed.get((sid, column), getattr(user, attr))
                if current != value:
                    out.append(
                        Fix(
                            sourced_id=sid,
                            field=column,
                            current=current,
                            suggested=value,
                            reason=choice.reason,
                            rule="choose-one",
                        )
                    )
    return tuple(out)


def _where(fix: object) -> str:
    if not isinstance(fix, Fix):
        raise UsageError(f"apply_fixes(fixes=...) takes Fix objects, not {describe(fix)}")
    return f"fix of {fix.sourced_id!r} {fix.field}"


@attrs.frozen(kw_only=True)
class FixListOutcome:
    """What the next check says once the fix list's ``set`` rows are typed
    (:func:`check_fix_list`): the accounts the sync would create then, the likely-same
    items the typed rows make one account and those still left for a person, and any
    sign that the rows would do harm. Ids are the check's own (the items of its report),
    so a reader can find each item it names."""

    fixes: int
    """How many changes were typed (:func:`decided_fixes`); 0 when ``refused``."""
    refused: str = ""
    """Why the fix list could not be typed as one list (:func:`apply_fixes`' message:
    two rows setting one field to different values), else empty; nothing else is then
    measured."""
    accounts_before: int
    accounts_after: int
    """:attr:`MatchResult.accounts_created` of the check, and once the rows are typed."""
    split_before: int
    split_after: int
    """People who get more than one account (:meth:`MatchResult.split_accounts`)."""
    joined: tuple[str, ...] = ()
    """The likely-same items whose records the typed rows make one person."""
    left: tuple[str, ...] = ()
    """The likely-same items whose records stay apart: their choices are a person's to
    make, or their work has no value to type (a student record to retire, values the
    records lack)."""
    unexpected: tuple[tuple[str, ...], ...] = ()
    """Records the typed rows join into one person that the check kept as different
    people (each group's sourcedIds, sorted): of names that compare as different, and no
    likely-same item calling them one person. Rows
    that would merge people; empty unless something is wrong, and the report says so.
    (Records of one name whose contacts the rows repair join as the app joins them: a
    guardian whose only address is written `Rosa <rosag@gmail.com>` beside her records
    on `rosag@gmail.com`.)"""
    revealed: tuple[tuple[str, ...], ...] = ()
    """The next check's likely-same items among records no likely-same item of the check
    held together (each item's sourcedIds): pairs the typed values show (a parent's
    address typed `Rosa <rosag@gmail.com>`, repaired, now the address of her record that
    differs in more), which the check after typing will list. Not a fault: check again
    once the rows are typed."""
    flagged: tuple[Finding, ...] = ()
    """The next check's warnings and errors on a value the rows type (none expected;
    the questions whether two records are one person,
    :data:`~oneroster_identity.match.ONE_OR_TWO_FINDINGS`, aside: about the pair, not
    the value)."""


def check_fix_list(roster: Roster, result: MatchResult) -> FixListOutcome:
    """Type the fix list's ``set`` rows of ``result`` (a check of ``roster``) into a copy
    of the roster and check it again under the same policy, weights and reviewed
    decisions (the weights since session 68; before, a check run with refitted weights
    was checked again with the fitted ones, and what it called revealed or joined
    could be the weights' doing rather than the rows'): the
    payoff of the fix list, before anyone types it, and a guard against rows that would
    do harm (people merged that the check kept apart, a typed value flagged).

    Costs a second check of the roster. Choices stay undecided (they are a person's to
    make), so the items they belong to are counted as ``left``."""
    # (deferred: review imports the match result's module, as this one does)
    from oneroster_identity.review import apply_decisions

    require_roster(roster, "check_fix_list()")
    require(result, MatchResult, "check_fix_list(result=...)", RESULT_TAKES)
    require_result_of(roster, result, "check_fix_list()")
    split_before = result.split_accounts()[0]
    fixes = decided_fixes(result)
    try:
        typed = apply_fixes(roster, fixes)
    except UsageError as exc:
        return FixListOutcome(
            fixes=0,
            refused=str(exc),
            accounts_before=result.accounts_created,
            accounts_after=result.accounts_created,
            split_before=split_before,
            split_after=split_before,
        )
    after = match(typed, result.policy, weights=result.weights)
    if result.set_aside:
        after = apply_decisions(after, [aside.decision for aside in result.set_aside])
    before_of, after_of = _person_keys(result), _person_keys(after)
    likely = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    joined: list[str] = []
    left: list[str] = []
    for near in likely:
        one = len({after_of.get(sid, sid) for sid in near.sourced_ids}) == 1
        (joined if one else left).append(near.id)
    cluster = _clusters(likely, before_of)
    members: dict[str, list[str]] = {}
    for sid, key in after_of.items():
        members.setdefault(key, []).append(sid)
    unexpected = [
        tuple(sorted(sids)) for sids in members.values() if _joins_people(sids, cluster, result)
    ]
    revealed = [
        near.sourced_ids
        for near in after.near_misses
        if near.kind is NearMissKind.LIKELY_SAME
        and len({cluster(sid) for sid in near.sourced_ids}) > 1
    ]
    typed_fields = {(f.sourced_id, f.field) for f in fixes if f.suggested.strip()}
    flagged = tuple(
        f
        for f in after.findings
        if (f.sourced_id, f.field) in typed_fields
        and f.severity is not Severity.INFO
        and not f.related
        and f.code not in ONE_OR_TWO_FINDINGS  # (about the pair, not the value)
    )
    return FixListOutcome(
        fixes=len(fixes),
        accounts_before=result.accounts_created,
        accounts_after=after.accounts_created,
        split_before=split_before,
        split_after=after.split_accounts()[0],
        joined=tuple(joined),
        left=tuple(left),
        unexpected=tuple(sorted(unexpected)),
        revealed=tuple(sorted(revealed)),
        flagged=flagged,
    )


def _clusters(likely: Sequence[NearMiss], person_of: dict[str, str]) -> Callable[[str], str]:
    """sourcedId -> its cluster: the persons of the check (``person_of``, a record alone
    keyed by its sourcedId) that likely-same items call one person, joined item by item."""
    clusters: UnionFind[str] = UnionFind()
    for near in likely:
        first, *rest = (person_of.get(sid, sid) for sid in near.sourced_ids)
        for other in rest:
            clusters.union(first, other)
    return lambda sid: clusters.find(person_of.get(sid, sid))


def _joins_people(sids: Sequence[str], cluster: Callable[[str], str], result: MatchResult) -> bool:
    """Whether one person of the next check holds records of several clusters (persons
    a likely-same item calls one person) no two of whose names compare as one name
    written two ways (``normalize.compare_names``: anything but ``different``): people
    the check kept apart. Records of one name whose contacts the fix list repairs join
    as the app joins them."""
    if len({cluster(sid) for sid in sids}) < 2:
        return False  # (most: one person's records, or an item's)
    clusters: dict[str, list[PersonName]] = {}
    for sid in sids:
        facts = result.facts.get(sid)
        names = clusters.setdefault(cluster(sid), [])
        if facts is not None:
            names.append(facts.name)
    groups = list(clusters.values())
    linked = groups.pop()
    while groups:
        touching = [
            g
            for g in groups
            if any(
                compare_names(a, b, policy=result.policy).kind is not NameDifference.DIFFERENT
                for a in g
                for b in linked
            )
        ]
        if not touching:
            return True
        for g in touching:
            linked += g
            groups.remove(g)
    return False


def _person_keys(result: MatchResult) -> dict[str, str]:
    """sourcedId -> person id for the records of persons of two records or more (a
    record alone is its own person: absent here, keyed by its sourcedId)."""
    persons = result.persons
    out: dict[str, str] = {}
    for index in range(len(persons)):
        sids = persons.sourced_ids(index)
        if len(sids) > 1:
            pid = persons.person_id(index)
            for sid in sids:
                out[sid] = pid
    return out
