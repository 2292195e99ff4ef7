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

from oneroster_identity._usage import RESULT_TAKES, describe, is_many, require, require_roster
from oneroster_identity._user_table import UserColumns
from oneroster_identity.errors import UsageError
from oneroster_identity.match import Choice, ChoiceOption, Finding, Fix, MatchResult, NearMiss
from oneroster_identity.models import USER_COLUMNS, Roster, User

__all__ = ["USER_COLUMNS", "apply_fixes", "choice_fixes", "decided_fixes", "repair_findings"]


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
