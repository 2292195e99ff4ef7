"""An account's advice beside the roster's fix list: one value per SIS field.

The report's fix list holds the roster's ``set`` rows (near-misses' fixes, findings'
repairs) and, after them, each existing account's updates. Both may set one field of
one SIS record: the roster's rule drops the comma of ``Robert,`` (``Robert``) while the
account's check, seeing the account's ``Róbert``, types the accented name; the roster's
item writes a number ``603-555-2368`` where the account's check writes the account's
``(603) 555-2368``; the roster mends ``rng@gmial.com`` to ``rng@gmail.com`` where the
account's check gave the record the account's other address. Typed top to bottom, the
second row undoes the first: the roster's records split again, or the account is still
not kept (session 65: typing both with ``advice.apply_fixes`` found such rows for 93 of
774 accounts advised on ``benchmarks/measure_existing_advice.py``'s draws). And an
account kept because it holds its record's ``Robert 2`` was lost once the roster's row
typed ``Robert``.

The check compares an account with its records as the fix list leaves them
(``existing._check``), and :func:`agreeing` makes the account's advice agree with that
list, which is typed first:

- the fix list's rows on the person's records are listed among the account's updates
  too (the same change, "type it once"), so the account's advice stays whole;
- an account that would still differ from a value the fix list types takes that value
  (rule ``fix-list``: the SIS is the source of truth);
- an update or a choice putting another value on a field the fix list sets, or records
  of the person the fix list sets apart, hold the field back with a sentence (type the
  fix list, then check the account again) rather than list a second value for it; a
  choice offering the fix list's value stays, its other options saying that picking
  them replaces the fix list's row;
- a field a roster item asks a person to choose is held back until it is chosen;
- an update or a choice's option changing the person's records changes the records of
  the person's likely-same item holding the same value too (picking a login choice's
  account value split them before).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import attrs

from oneroster_identity.existing._index import ACCOUNT_PREFIX
from oneroster_identity.existing._model import ExistingAccount
from oneroster_identity.match import Choice, Fix, rule_text
from oneroster_identity.normalize import name_key, normalize_email, normalize_phone
from oneroster_identity.policy import Policy

__all__ = ["FIX_LIST", "agreeing", "app_key"]

FIX_LIST = "fix-list"
"""The rule of an account update taking the value the roster's fix list types into the
SIS record (:func:`agreeing`)."""

_ACCOUNT_VALUE = (("givenName", "first_name"), ("familyName", "last_name"), ("email", "email"))
"""The SIS fields the app compares with an account's, and the account's attribute; the
identity phone's column (``sms``, or ``phone`` under that policy) is compared with the
account's ``phone``."""


def app_key(field: str, value: str, policy: Policy) -> str | None:
    """The key the app compares a value of ``field`` by: a name's key, an address's or a
    number's; ``None`` for an empty value, or a contact value the app cannot use."""
    if not value.strip():
        return None
    if field == "email":
        return normalize_email(value, policy=policy).key
    if field in ("sms", "phone"):
        return normalize_phone(value, policy=policy).key
    return name_key(value, policy=policy)


def _one_value(field: str, a: str, b: str, policy: Policy) -> bool:
    """Whether the app reads ``a`` and ``b`` as one value of ``field``: the account holding
    one is kept by records holding the other."""
    key = app_key(field, a, policy)
    return a == b or (key is not None and key == app_key(field, b, policy))


def _hold(field: str, sids: Sequence[str]) -> str:
    s = "s" if len(sids) > 1 else ""
    return (
        f"no update is listed for {field}: the roster's fix list already sets it on the "
        f"SIS record{s} {', '.join(sids)} to a value the account would still differ from; "
        "type the fix list first, then check the existing accounts again (two values typed "
        "into one field, one after the other, would undo the first)"
    )


def _item_hold(field: str, sids: Sequence[str], others: Sequence[str]) -> str:
    s = "s" if len(others) > 1 else ""
    return (
        f"no update is listed for {field}: the SIS record{s} {', '.join(others)} of this "
        f"person (the roster's likely-same item calls them one person) hold{'' if s else 's'} "
        f"another value, and the update would set {', '.join(sids)} apart from "
        f"{'them' if s else 'it'}; ask the family which is theirs, then type it into every "
        "record and the account"
    )


def _chosen_hold(field: str, sids: Sequence[str], items: Sequence[str]) -> str:
    s = "s" if len(sids) > 1 else ""
    return (
        f"no update is listed for {field}: the roster's likely-same item "
        f"{', '.join(items)} asks a person to choose the value of the SIS record{s} "
        f"{', '.join(sids)} (its choose-one rows); once it is chosen and typed, the account "
        "takes the same value: check the existing accounts again"
    )


def _along_the_item(
    field: str,
    updates: list[Fix],
    choices: list[Choice],
    sourced_ids: Sequence[str],
    others: Sequence[str],
    fix_list: Mapping[tuple[str, str], Fix],
    value_of: Callable[[str, str], str],
    policy: Policy,
) -> tuple[list[Fix], list[Choice], list[str]]:
    """``updates`` and ``choices`` of ``field`` changing the person's records
    ``sourced_ids``, extended to the item's ``others`` that hold the same value once the
    fix list is typed; and the others an update would set apart (they hold another value
    still), for which the field is held back instead."""

    def after(sid: str) -> str:
        row = fix_list.get((sid, field))
        return value_of(sid, field) if row is None else row.suggested

    def alike(sid: str) -> list[str]:
        return [r for r in others if _one_value(field, after(r), after(sid), policy)]

    set_on = {u.sourced_id for u in updates if u.field == field}
    out = list(updates)
    apart: set[str] = set()
    for u in updates:
        if u.field != field or u.sourced_id not in sourced_ids:
            continue
        # (and the item's records left with no value once the fix list is typed, a
        # made-up one emptied: the value the person's records take is theirs too, since
        # session 70; before, they kept none and stayed apart)
        same = alike(u.sourced_id)
        similar = same + [r for r in others if not after(r).strip() and r not in same]
        for r in similar:
            if r not in set_on and not _one_value(field, after(r), u.suggested, policy):
                set_on.add(r)
                out.append(attrs.evolve(u, sourced_id=r, current=value_of(r, field)))
        # a record of the item holding another value still: the update would set the
        # person's records apart (the roster's next round would undo it)
        apart.update(
            r
            for r in others
            if r not in similar
            and r not in set_on
            and after(r).strip()
            and not _one_value(field, after(r), u.suggested, policy)
        )
    if apart:
        return updates, choices, sorted(apart)
    kept: list[Choice] = []
    for c in choices:
        if c.field == field:
            options = []
            for option in c.options:
                mine = [s for s in option.sourced_ids if s in sourced_ids]
                more = sorted(
                    {r for s in mine for r in alike(s)}
                    - set(option.sourced_ids)
                    - {s for o in c.options for s in o.sourced_ids}
                )
                options.append(
                    attrs.evolve(option, sourced_ids=(*option.sourced_ids, *more))
                    if more
                    else option
                )
            c = attrs.evolve(c, options=tuple(options))
        kept.append(c)
    return out, kept, []


def _choices_beside(
    field: str, choices: list[Choice], value: str, sids: Sequence[str], policy: Policy
) -> tuple[list[Choice], bool]:
    """The account's ``choices`` of ``field`` beside the fix list's ``value`` for the SIS
    records ``sids``: a choice offering that value (as the app reads it) offers it in the
    fix list's writing, and its other options say that picking them replaces the fix
    list's row; whether a choice offers no such option (the field is held back)."""
    out: list[Choice] = []
    for c in choices:
        if c.field != field:
            out.append(c)
            continue
        if not any(_one_value(field, o.value, value, policy) for o in c.options):
            return choices, True
        replaces = f"picking it replaces the fix list's row for {field} of {', '.join(sids)}"
        options = tuple(
            attrs.evolve(o, value=value)
            if _one_value(field, o.value, value, policy)
            else attrs.evolve(o, note=f"{o.note}; {replaces}" if o.note else replaces)
            for o in c.options
        )
        out.append(attrs.evolve(c, options=options))
    return out, False


def _without(
    field: str, updates: list[Fix], choices: list[Choice]
) -> tuple[list[Fix], list[Choice]]:
    """``updates`` and ``choices`` without those of ``field``: the field is held back."""
    return [u for u in updates if u.field != field], [c for c in choices if c.field != field]


def agreeing(
    account: ExistingAccount,
    sourced_ids: Sequence[str],
    updates: Sequence[Fix],
    choices: Sequence[Choice],
    held: Sequence[str],
    fix_list: Mapping[tuple[str, str], Fix],
    policy: Policy,
    phone_field: str = "sms",
    chosen: Mapping[tuple[str, str], str] | None = None,
    others: Sequence[str] = (),
    value_of: Callable[[str, str], str] | None = None,
) -> tuple[tuple[Fix, ...], tuple[Choice, ...], tuple[str, ...]]:
    """An account's ``updates``, ``choices`` and held sentences made to agree with the
    roster's ``fix_list`` ((sourcedId, field) -> its ``set`` row) on the person's records
    ``sourced_ids``; the rows on the person's records are listed among the updates too
    (the same change: the account's advice stays whole); ``phone_field`` is the records'
    identity phone column. ``chosen`` ((sourcedId, field) -> the id of a likely-same item whose choice
    sets it) holds a field back whose SIS value a person has yet to choose.

    ``others``: the records of the person's likely-same item outside the person (the
    roster calls them one person); ``value_of(sourced_id, field)`` reads a record's value.
    They are held to the fix list too, and an update or a choice's option changing the
    person's records changes those holding the same value once the fix list is typed
    (since session 65: a login choice's SIS option was typed on the person's records
    alone, and split them from the item's others)."""
    out = list(updates)
    kept_choices = list(choices)
    sentences = list(held)
    group = (*sourced_ids, *others)
    for field, attr in (*_ACCOUNT_VALUE, (phone_field, "phone")):
        pending = {sid: item for sid in group if (item := (chosen or {}).get((sid, field)))}
        if pending:
            out, kept_choices = _without(field, out, kept_choices)
            sentences.append(_chosen_hold(field, sorted(pending), sorted(set(pending.values()))))
            continue
        if others and value_of is not None:
            out, kept_choices, apart_from = _along_the_item(
                field, out, kept_choices, sourced_ids, others, fix_list, value_of, policy
            )
            if apart_from:
                out, kept_choices = _without(field, out, kept_choices)
                sentences.append(_item_hold(field, sourced_ids, apart_from))
                continue
        rows = {sid: fix_list[(sid, field)] for sid in group if (sid, field) in fix_list}
        typed = {sid: row.suggested for sid, row in rows.items()}
        if not typed:
            continue
        own = next(
            (u for u in out if u.sourced_id.startswith(ACCOUNT_PREFIX) and u.field == field), None
        )
        account_value = own.suggested if own is not None else str(getattr(account, attr))
        apart = len({app_key(field, v, policy) or v for v in typed.values()}) > 1
        kept: list[Fix] = []
        for u in out:
            value = typed.get(u.sourced_id)
            if u.field != field or value is None:
                kept.append(u)
            elif not _one_value(field, u.suggested, value, policy):
                apart = True
                kept.append(u)
            # (else the fix list's row types it, in its writing: one row for the field)
        out = kept
        value = next(iter(typed.values()))
        if not apart:
            kept_choices, apart = _choices_beside(field, kept_choices, value, sorted(typed), policy)
        if apart:
            out, kept_choices = _without(field, out, kept_choices)
            sentences.append(_hold(field, sorted(typed)))
            continue
        out.extend(
            Fix(
                sourced_id=sid,
                field=field,
                current=row.current,
                suggested=row.suggested,
                reason="change in the SIS: the roster's fix list's row for this field "
                f"(rule {row.rule}), listed there too (type it once)",
                rule=row.rule,
            )
            for sid, row in sorted(rows.items())
            # (a choice of the field offers the row's value, and says that picking
            # another replaces the row: listing it too would type two values)
            if sid in sourced_ids and not any(c.field == field for c in kept_choices)
        )
        if _one_value(field, account_value, value, policy) or any(
            c.field == field for c in kept_choices
        ):
            # (a choice of the field, which offers the value, decides the account's)
            continue
        # the account would still differ from the value the fix list types into the SIS
        # (which is the source of truth): it takes that value, as it takes the SIS's
        taken = Fix(
            sourced_id=ACCOUNT_PREFIX + account.account_id,
            field=field,
            current=str(getattr(account, attr)),
            suggested=value,
            reason=f"{rule_text(FIX_LIST)}; SIS record(s) {', '.join(sorted(typed))}",
            rule=FIX_LIST,
        )
        out = [u for u in out if u is not own]
        out.append(taken)
    return tuple(out), tuple(kept_choices), tuple(sentences)
