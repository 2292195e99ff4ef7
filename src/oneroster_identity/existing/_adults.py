"""Guardian and staff accounts: kept, new unless updated, or no match, and the updates."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import attrs

from oneroster_identity.advice import USER_COLUMNS
from oneroster_identity.existing._fix_list import agreeing, app_key
from oneroster_identity.existing._index import ACCOUNT_PREFIX, AccountValueHolders, PersonIndex
from oneroster_identity.existing._model import (
    AccountCheck,
    AccountOutcome,
    ContactChange,
    ContactSource,
    ExistingAccount,
)
from oneroster_identity.match import (
    Choice,
    ChoiceOption,
    Fix,
    GivenNameCount,
    MatchResult,
    PairVerdict,
    Person,
    RecordFacts,
    judge,
    made_up_key,
    name_as_typed,
    name_still_flagged,
    office_address,
    pair_evidence,
    quality_winner,
    rule_text,
    untextable_numbers,
    unused_addresses,
    why_no_texts,
)
from oneroster_identity.models import RoleFamily
from oneroster_identity.normalize import (
    NormalizedEmail,
    NormalizedPhone,
    PhoneFlag,
    couples_name,
    household_in_family,
    is_blank_name,
    is_placeholder_family_name,
    is_role_word_name,
    name_key,
    names_husband,
    takes_no_texts,
)
from oneroster_identity.policy import DEFAULT_POLICY, Policy, SharedCredentials

__all__ = ["adult_check", "one_account_per_person"]


def _winner(account: ExistingAccount, policy: Policy) -> ContactSource:
    if policy.allow_contact_updates or not account.joined:
        return ContactSource.SIS
    return ContactSource.APP


def _contact_changes(
    account: ExistingAccount, records: Sequence[RecordFacts], policy: Policy
) -> tuple[ContactChange, ...]:
    winner = _winner(account, policy)
    out: list[ContactChange] = []
    phone_field = records[0].phone_field if records else "sms"
    # An account without a value and an SIS value the app cannot use (invalid, a
    # placeholder) both mean no value to the app: not a change, and not "formatted
    # differently".
    for field, app_value, values in (
        ("email", account.email, [f.email for f in records]),
        (phone_field, account.phone, [f.phone for f in records]),
    ):
        unusable = {v.raw for v in values if not v.usable}
        for sis_value in sorted({v.raw for v in values}):
            if sis_value != app_value and not (not app_value and sis_value in unusable):
                out.append(
                    ContactChange(
                        field=field, app_value=app_value, sis_value=sis_value, winner=winner
                    )
                )
    return tuple(out)


_APP_UPDATE = "update the app account before the first sync (the SIS stays the source of truth)"
_APP_UPDATE_NAME = (
    f"{_APP_UPDATE}; no rule tells which writing is the person's: if it is the account's, "
    "correct the SIS records to it instead, or the sync writes the SIS value"
)
"""A name no rule decides (since session 53): the account takes the SIS value, which the
sync writes in any case, but the data cannot tell that the SIS writes the name right (a
typo may be on either side), and the advice says so."""
_SPELLED_APART = (
    "the SIS records write this value in ways the app reads as one (case, spacing or "
    "punctuation): pick one, set it on the app account and on every SIS record"
)


def _updates(
    account: ExistingAccount,
    acct: RecordFacts,
    records: Sequence[RecordFacts],
    given_count: GivenNameCount | None = None,
    shared: Callable[[str], str] | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> tuple[tuple[Fix, ...], tuple[Choice, ...], tuple[str, ...]]:
    """The changes that keep the account, following the app's guidance: update *the
    account's* details to the SIS values before the first sync (the SIS stays the source of
    truth). The SIS is changed only where value quality shows the account's value is the
    right one (the SIS has ``J.``, the account ``John``); never toward an account value that
    is a typo, an initial or carries a finding. A joined account's login email or phone
    that differs gets a choose-one: updating the account changes how the guardian logs in,
    changing the SIS keeps it.

    Two cases where the account's contact value would go onto SIS records need more:

    - A SIS value whose note says it is another person's (``617-555-2368 (dad's cell)``
      on the mother's record; ``normalize.unowned``) while the account holds that very
      value: the account and the SIS disagree on whose it is, so no update is listed for
      the field, and the third item returned, a sentence per such field for the message,
      says to ask the family (it reaches her too, or she needs her own).
    - ``shared(field)``: words saying which records the roster keeps apart from the
      person hold the account's value (``""`` when none); every update or option putting
      it on the SIS says so, as they would then share one credential.

    Since session 61 two more hold the field back, with a sentence: the account's value
    reaches no one as typed (an address with a typo in its domain, an office's mailbox on
    a guardian's account, an SMS number no text reaches), or a SIS record notes the
    account's value is out of use (``ana@gmail.com (bounced)``, ``617-555-2368 do not
    text``): the SIS took it before, copying a typo, an office's address or a value the
    family said is out of use.

    Since session 64 the SIS side is read the same way (:func:`_contact_settled`,
    :func:`_name_settled`): a SIS value that reaches no one is never given to the
    account, a SIS form the app cannot use is retyped when the account takes its value,
    a SIS name's marks are dropped before the names compete, an empty SIS name takes the
    account's, and every field left apart gets a sentence: typed, the updates keep the
    account or leave apart only what the message holds back."""
    app_id = ACCOUNT_PREFIX + account.account_id
    also = shared or _nobody
    fixes: list[Fix] = []
    marks: list[Fix] = []
    choices: list[Choice] = []
    held: list[str] = []
    phone_field = records[0].phone_field if records else "sms"
    fields: list[
        tuple[str, Callable[[RecordFacts], object], Callable[[RecordFacts], str], bool]
    ] = [
        ("givenName", lambda f: f.name_key[0], lambda f: f.name.given, True),
        ("familyName", lambda f: f.name_key[1], lambda f: f.name.family, True),
        ("email", lambda f: f.email.key, lambda f: f.email.raw.strip(), acct.email.usable),
        (phone_field, lambda f: f.phone.key, lambda f: f.phone.raw.strip(), acct.phone.usable),
    ]
    for field, key, raw, account_has_it in fields:
        contact = field in ("email", phone_field)
        # the value a SIS record offers: a contact value as the app can use it, a name as
        # a fix types it
        option = _contact_option(field) if contact else _name_option(field, raw)
        differing = [f for f in records if key(f) != key(acct)]
        if key(acct) is None and contact:
            # neither side's value usable as written, but the SIS's means one (both
            # `Ana <ana@gmail.com>`): the account takes it, and the SIS record is retyped
            # (since session 64: no advice, the message said "made to match")
            # (or the SIS writes its value beside a note naming another person: whose it
            # is, the family says)
            differing += [
                f
                for f in records
                if f not in differing and (option(f) or _noted_key(_contact(field, f)) is not None)
            ]
        if not differing:
            continue
        app_value = raw(acct)
        unfit: str | None = None
        # who else holds the account's value, in words: read once per field, for every
        # update or option below that puts that value on the SIS
        shared_by = also(field) if contact else ""
        if contact:
            differing, settled, sentences, unfit = _contact_settled(
                field, differing, acct, account, account_has_it, key, raw, shared_by, policy
            )
            fixes += settled
            held += sentences
            if not differing:
                continue
        else:
            rest, settled, dropped, sentences = _name_settled(
                field, differing, acct, app_id, key, raw, policy
            )
            fixes += settled
            marks += dropped
            held += sentences
            if rest is None:
                continue
            differing = rest
        sis_values = sorted({option(f) for f in differing if option(f)})
        if not account_has_it or len(sis_values) != 1:
            if not account_has_it and len(sis_values) == 1:
                fixes.append(
                    _account_takes(
                        app_id,
                        field,
                        app_value,
                        _spaced(field, sis_values[0], policy),
                        _APP_UPDATE,
                        "sis-is-source",
                    )
                )
                if contact:
                    fixes += _retyped(sis_values[0], field, differing, raw, "")
            if len(sis_values) > 1:
                # One person's records write the value in ways the app reads as one
                # (case, spacing, punctuation: a fragile merge); no rule says which the
                # account should carry.
                choices.append(
                    Choice(
                        field=field,
                        options=tuple(
                            ChoiceOption(
                                value=value,
                                sourced_ids=tuple(
                                    f.sourced_id for f in differing if option(f) == value
                                ),
                            )
                            for value in sis_values
                        ),
                        reason=_SPELLED_APART,
                    )
                )
            continue
        sis_value = sis_values[0]
        winner, rule = quality_winner(
            field,
            {app_value: [acct], sis_value: differing},
            [acct, *records],
            given_count=given_count,
            policy=policy,
        )
        login = contact and account.joined
        if winner is None and field in ("givenName", "familyName") and _stand_in(field, sis_value):
            # the SIS holds a stand-in (`N/A`, `Garcia Family`, `Mom`), and no rule finds
            # the account's value a name either (since session 62: the account was to
            # take the stand-in, or, before the household's name counted as none, the
            # SIS was to take `Ng Family`)
            held.append(_no_name_hold(field, differing, _stand_in(field, app_value)))
            continue
        if (
            winner is None
            and field in ("givenName", "familyName")
            and name_still_flagged(sis_value)
        ):
            # the SIS name, its marks dropped, is still no name the app can take as
            # written (`R?bert`, `Ng-`), and no rule prefers the account's: which name
            # it stands for, neither value says (since session 64: the account took it)
            held.append(_unread_name_hold(field, differing))
            continue
        # (a rule's name is typed with single spaces, since session 67: a side holding it
        # spaced otherwise, which the app reads as that name, `Robert  James`, is the
        # side it came from, and needs no retyping)
        app_side = winner is not None and winner in (app_value, _spaced(field, app_value, policy))
        sis_side = winner is not None and winner in (sis_value, _spaced(field, sis_value, policy))
        if winner is not None and not app_side and not sis_side:
            # a name read back from a garbled value (`JosÃ©` as `José`): neither side holds
            # it as written, so both take it (the garbled spelling is never typed)
            fixes += _sis_takes(
                winner, field, differing, raw, f"{rule_text(rule)}{shared_by}", rule
            )
            fixes.append(
                _account_takes(
                    app_id, field, app_value, winner, f"{_APP_UPDATE}: {rule_text(rule)}", rule
                )
            )
        elif app_side and winner is not None:
            fixes += _sis_takes(
                winner,
                field,
                differing,
                raw,
                f"{rule_text(rule)} is the account's{shared_by}",
                rule,
            )
        elif sis_side or not login or unfit is not None:
            if contact:
                fixes += _retyped(sis_value, field, differing, raw, "")
            else:
                # (a SIS record with no name part takes the name the account takes)
                fixes += _sis_takes(
                    _spaced(field, sis_value, policy),
                    field,
                    [f for f in differing if is_blank_name(option(f))],
                    raw,
                    "the SIS has no value: the name the account takes",
                    rule or "only-value",
                )
            if login and unfit is not None:
                # (a joined account's login the SIS cannot take, since session 64: a
                # choice offered it to the SIS)
                reason = (
                    f"{_APP_UPDATE}: {unfit}, so it is no value for the SIS (the guardian "
                    "logs in with the SIS value from the first sync on)"
                )
            elif winner is not None:
                reason = f"{_APP_UPDATE}: {rule_text(rule)}"
            elif field in ("givenName", "familyName"):
                reason = _APP_UPDATE_NAME
            else:
                reason = _APP_UPDATE
            taken = winner if sis_side and winner is not None else _spaced(field, sis_value, policy)
            fixes.append(
                _account_takes(app_id, field, app_value, taken, reason, rule or "sis-is-source")
            )
        else:
            choices.append(
                Choice(
                    field=field,
                    options=(
                        # Each option names the records that hold its value (as every
                        # ChoiceOption does); its note says what picking it changes.
                        ChoiceOption(
                            value=sis_value,
                            sourced_ids=tuple(f.sourced_id for f in differing),
                            note="the SIS value: pick it to update the app account (the "
                            "guardian logs in with it from the first sync on)"
                            + _retype_note(sis_value, differing, raw),
                        ),
                        ChoiceOption(
                            value=app_value,
                            sourced_ids=(app_id,),
                            note="the account's value: pick it to change the SIS records "
                            f"(the guardian keeps logging in as now){shared_by}",
                        ),
                    ),
                    reason="the account has joined and logs in with this value",
                )
            )
    if (
        acct.usable_identity is None
        and all(f.usable_identity is None for f in records)
        and not any(x.field in ("email", phone_field) for x in fixes)
        and not any(c.field in ("email", phone_field) for c in choices)
    ):
        # (since session 64: no advice, and the message said "made to match")
        held.append(
            f"no update is listed for email or {phone_field}: neither the SIS records nor "
            "the account hold an email address or an SMS number the app can use, and the "
            "app keeps an account only on one; ask the family for theirs and type it into "
            "the SIS and the account"
        )
    else:
        fixes += _made_up_emptied(account, acct, records, phone_field)
    # One fix per record and field: a record's fix dropping a mark gives way to a fix
    # setting another value (the account's, or one decided, which has no mark either).
    unique: dict[tuple[str, str], Fix] = {(x.sourced_id, x.field): x for x in fixes}
    for x in marks:
        unique.setdefault((x.sourced_id, x.field), x)
    return tuple(unique[k] for k in sorted(unique)), tuple(choices), tuple(held)


_MADE_UP = (
    "a made-up value (a stand-in address or a fictional number) reaches no one, and the "
    "app reads it as a credential"
)


def _made_up_emptied(
    account: ExistingAccount,
    acct: RecordFacts,
    records: Sequence[RecordFacts],
    phone_field: str,
) -> list[Fix]:
    """The fixes emptying a made-up email or SMS number (``noemail@school.org``, a
    fictional ``617-555-0123``; :func:`~oneroster_identity.match.made_up_key`) where the
    other side holds no value the app can use, or another made-up one (since session 70).

    The app reads a made-up value as a credential like any other, so an account on
    ``none@none.com`` beside SIS records with no address is a new account at the first
    sync, and so is an account with no address beside records on the district's
    ``noemail@``. The check read both as no value and called such accounts kept. Typing
    the made-up value onto the other side would match them, but it hands the person a
    value that reaches no one; emptying it loses no one's address or number, and the
    value's own finding asks for the person's. A field where either side holds a usable
    value is settled by :func:`_updates`' other rules (the side with none takes it), and
    one where neither side holds any credential the app can use is held back with a
    sentence asking the family, so this is called for neither."""
    app_id = ACCOUNT_PREFIX + account.account_id
    fixes: list[Fix] = []
    for field in ("email", phone_field):
        option = _contact_option(field)

        def value_of(f: RecordFacts, field: str = field) -> NormalizedEmail | NormalizedPhone:
            return _contact(field, f)

        def raw(f: RecordFacts, field: str = field) -> str:
            return _contact(field, f).raw.strip()

        if value_of(acct).key is not None or any(
            option(f) or _noted_key(value_of(f)) is not None for f in records
        ):
            # (a value the app can use, as written or repaired, or one a note says is
            # another person's: the rules above settle the field or hold it back)
            continue
        mine = made_up_key(value_of(acct))
        apart = [f for f in records if made_up_key(value_of(f)) != mine]
        if not apart:
            continue
        if mine is not None:
            login = (
                " (the guardian logs in with the account's other credential from the first sync on)"
                if account.joined
                else ""
            )
            fixes.append(
                _account_takes(
                    app_id,
                    field,
                    value_of(acct).raw.strip(),
                    "",
                    f"{_APP_UPDATE}: {_MADE_UP}; left empty, as on the SIS records, the "
                    f"account matches them{login}",
                    "no-made-up",
                )
            )
        fixes += _sis_takes(
            "",
            field,
            [f for f in apart if made_up_key(value_of(f)) is not None],
            raw,
            f"{_MADE_UP}; left empty, as on the account, the records match it (the value's "
            "finding asks for the person's own)",
            "no-made-up",
        )
    return fixes


def _contact_settled(
    field: str,
    differing: list[RecordFacts],
    acct: RecordFacts,
    account: ExistingAccount,
    account_has_it: bool,
    key: Callable[[RecordFacts], object],
    raw: Callable[[RecordFacts], str],
    shared_by: str,
    policy: Policy,
) -> tuple[list[RecordFacts], list[Fix], list[str], str | None]:
    """What a contact field's SIS values settle before the account's value and theirs
    compete: the records still apart, the fixes, the sentences holding values back, and
    why the account's value is unfit for the SIS (``None`` when it is fit or has none).
    ``key`` and ``raw`` read the field's key and value as :func:`_updates` does."""
    # A SIS value the app cannot use as written (empty, a placeholder, invalid) is
    # never offered to the account. When it is empty or means the account's own
    # value (`Ana Diaz <ana@gmail.com>`), the SIS record takes the account's
    # value; a repair to another value competes as that value.
    option = _contact_option(field)
    app_value = raw(acct)
    fixes: list[Fix] = []
    held: list[str] = []
    broken = [f for f in differing if _contact(field, f).meant_key in (None, key(acct))]
    # (the account's value as the app would take it once repaired, too: its
    # `6175552368.0` beside the SIS's `617-555-2368 (dad's cell)`, since session
    # 64; the field went unmentioned)
    own = _contact(field, acct).key if account_has_it else _contact(field, acct).meant_key
    noted = [f for f in broken if _noted_key(_contact(field, f)) == own] if own is not None else []
    if noted:
        held.append(_noted_hold(field, noted, shared_by))
    # a SIS value beside a note naming another person, and no account value at
    # all (since session 64: nothing said; once the record's name showed the
    # note is the person's own, the account was to take it)
    unowned = (
        [f for f in broken if _noted_key(_contact(field, f)) is not None] if own is None else []
    )
    if unowned:
        held.append(_unowned_hold(field, unowned))
    broken = [f for f in broken if f not in noted and f not in unowned]
    differing = [f for f in differing if f not in unowned]
    unfit = _unfit_for_sis(field, acct) if account_has_it else None
    out = [f for f in broken if account_has_it and _says_out_of_use(field, f, acct, policy)]
    kept_back: list[RecordFacts] = []
    if unfit is not None and broken:
        held.append(_unfit_hold(field, broken, unfit))
        kept_back = broken
    elif out:
        held.append(_out_of_use_hold(field, out))
        kept_back = out
    differing = [f for f in differing if f not in kept_back]
    broken = [f for f in broken if f not in kept_back]
    if account_has_it:
        for why, which in (
            ("the SIS has no value", [f for f in broken if not raw(f)]),
            ("the SIS value cannot be used as written", [f for f in broken if raw(f)]),
        ):
            fixes += _sis_takes(
                app_value,
                field,
                which,
                raw,
                f"{why} and the account's value is the only usable one{shared_by}",
                "only-value",
            )
    differing = [f for f in differing if f not in broken and f not in noted]
    # A SIS value written otherwise than the app can use it (`Ana <ana@gmail.com>`,
    # `6175552368.0`, a typo in its domain) that is the account's value once
    # mended: the SIS record is retyped (since session 64 its typo was given to
    # the account, or the record kept the unusable form)
    mended = (
        [f for f in differing if app_key(field, option(f), policy) == key(acct)]
        if key(acct) is not None
        else []
    )
    fixes += _retyped(app_value, field, mended, raw, shared_by)
    differing = [f for f in differing if f not in mended]
    # A SIS value that reaches no one as typed (a toll-free number, a desk line's
    # extension, a number written with letters, an office's mailbox on a
    # guardian's record) is never offered to the account (since session 64; it
    # was, as the SIS's value): the SIS takes the account's value where that is
    # fit, or the field is held back with a sentence.
    unreached = {
        f.sourced_id: reason
        for f in differing
        if (reason := _sis_unreached(field, f, account.family)) is not None
    }
    if unreached:
        gone = [f for f in differing if f.sourced_id in unreached]
        if account_has_it and unfit is None:
            for f in gone:
                fixes += _sis_takes(
                    app_value,
                    field,
                    [f],
                    raw,
                    f"the SIS record's {unreached[f.sourced_id]}, and the account's "
                    f"value is the only usable one{shared_by}",
                    "only-value",
                )
        else:
            held.append(_unreached_hold(field, gone, unreached, unfit))
        differing = [f for f in differing if f not in gone]
    return differing, fixes, held, unfit


def _name_settled(
    field: str,
    differing: list[RecordFacts],
    acct: RecordFacts,
    app_id: str,
    key: Callable[[RecordFacts], object],
    raw: Callable[[RecordFacts], str],
    policy: Policy,
) -> tuple[list[RecordFacts] | None, list[Fix], list[Fix], list[str]]:
    """What a name part's SIS values settle before the account's value and theirs
    compete: the records still apart (``None`` when the field is settled), the fixes, the
    fixes dropping a mark (which give way to any other fix of their record), and the
    sentences holding values back. ``key`` and ``raw`` read the part as :func:`_updates`
    does."""
    app_value = raw(acct)
    fixes: list[Fix] = []
    marks: list[Fix] = []
    held: list[str] = []
    # A mark typed into a SIS name (a title, a number, a note, a symbol, a
    # separator at its edge, an invisible or look-alike character, a garbling)
    # is dropped from the SIS record whatever else is decided, and never offered
    # to the account (a title since session 21; the others since session 64:
    # `Robert 2` went to the account where no rule decided).
    option = _name_option(field, raw)
    for f in differing:
        bare, mark = name_as_typed(field, raw(f))
        if mark:
            marks.append(
                Fix(
                    sourced_id=f.sourced_id,
                    field=field,
                    current=raw(f),
                    suggested=bare,
                    reason=rule_text(mark),
                    rule=mark,
                )
            )
    differing = [f for f in differing if name_key(option(f), policy=policy) != key(acct)]
    # A SIS record with no name part at all (since session 64: no advice, and the
    # message said "made to match"): it takes the account's, unless that is no
    # name either (a stand-in, a value its finding flags)
    empty = [f for f in differing if is_blank_name(option(f))]
    if empty and len(empty) == len(differing):
        bare, mark = name_as_typed(field, app_value)
        if is_blank_name(bare) or _stand_in(field, bare) or name_still_flagged(bare):
            held.append(_no_name_hold(field, empty, True, empty=True))
            return None, fixes, marks, held
        fixes += _sis_takes(
            _spaced(field, bare, policy),
            field,
            empty,
            raw,
            "the SIS has no value and the account's value is the only usable one",
            "only-value",
        )
        if mark:
            fixes.append(
                _account_takes(
                    app_id,
                    field,
                    app_value,
                    bare,
                    f"{_APP_UPDATE}: {rule_text(mark)}",
                    mark,
                )
            )
        return None, fixes, marks, held
    # A couple's name (`Mary & John`, or since session 51 `Maria` / `Garcia & Jose
    # Lopez`, a couple's names split at a space) is never a value for one person's
    # account: the SIS record takes the account's name, and the other guardian
    # needs a record of their own. (An account named for a couple already, from
    # an old couple record, is left to the rules below: making it match the SIS
    # adds no couple's name anywhere, and the `couple-in-name` finding on the
    # SIS record asks for two records.)
    couples = [] if couples_name(acct.name) else [f for f in differing if couples_name(f.name)]
    fixes += _sis_takes(
        _spaced(field, app_value, policy),
        field,
        couples,
        raw,
        rule_text("not-a-couple"),
        "not-a-couple",
    )
    differing = [f for f in differing if f not in couples]
    if not differing:
        return None, fixes, marks, held
    return differing, fixes, marks, held


def _stand_in(field: str, value: str) -> bool:
    """Whether a SIS name part is a stand-in for a name, not one: a role word for a given
    name (`Mom`, `Parent 1`), a stand-in or a household's name for a family name (`N/A`,
    `Garcia Family`)."""
    if field == "givenName":
        return is_role_word_name(value)
    return is_placeholder_family_name(value) or household_in_family(value)


def _no_name_hold(
    field: str, records: Sequence[RecordFacts], neither: bool, *, empty: bool = False
) -> str:
    """Why no update is listed for a name part the SIS holds a stand-in for, or none
    (``empty``) (``neither``: the account's value is no name either)."""
    part = "given name" if field == "givenName" else "family name"
    holds = f"no {part}" if empty else f"a stand-in, not a {part}"
    then = (
        f", and the account's value is none either; type the person's {part} into the "
        "SIS and the account"
        if neither
        else f" (never a value for the account); type the person's {part} into the SIS, "
        "and if it is the account's, the account is kept"
    )
    return (
        f"no update is listed for {field}: the SIS {_records_which(records, 'hold')} {holds}{then}"
    )


def _unread_name_hold(field: str, records: Sequence[RecordFacts]) -> str:
    """Why no update is listed for a name part the SIS holds in a form the app cannot
    take as written (letters lost, cut off after a hyphen) beside an account's value no
    rule prefers."""
    part = "given name" if field == "givenName" else "family name"
    return (
        f"no update is listed for {field}: the SIS {_records_which(records, 'hold')} a {part} "
        "its own finding flags "
        f"(letters a program could not write, or cut off after a joining mark), and no "
        f"rule tells whether the account's is the person's; type the person's {part} "
        "into the SIS, and into the account if it differs"
    )


def _name_option(field: str, raw: Callable[[RecordFacts], str]) -> Callable[[RecordFacts], str]:
    """A SIS record's name part (``raw``) as a fix types it
    (:func:`~oneroster_identity.match.name_as_typed`)."""

    def option(f: RecordFacts) -> str:
        return name_as_typed(field, raw(f).strip())[0]

    return option


def _retyped(
    value: str,
    field: str,
    records: Sequence[RecordFacts],
    raw: Callable[[RecordFacts], str],
    shared_by: str,
) -> list[Fix]:
    """Fixes retyping ``value`` into the SIS records that hold it in a form the app cannot
    use, or with a typo in its domain (the account takes ``value`` as written)."""
    fixes: list[Fix] = []
    for f in records:
        if raw(f) == value:
            continue
        rule = "domain-typo" if field == "email" and f.email.typo_mended else "usable-form"
        fixes += _sis_takes(value, field, [f], raw, f"{rule_text(rule)}{shared_by}", rule)
    return fixes


def _retype_note(
    value: str, records: Sequence[RecordFacts], raw: Callable[[RecordFacts], str]
) -> str:
    """What a choice's SIS option asks of the records holding ``value`` in another form."""
    apart = [f.sourced_id for f in records if raw(f) != value]
    if not apart:
        return ""
    return (
        f"; type it as written here on {', '.join(apart)} too (the SIS holds it in a form "
        "the app cannot use as written)"
    )


def _sis_unreached(field: str, f: RecordFacts, family: RoleFamily) -> str | None:
    """What keeps the SIS record ``f``'s usable contact value from reaching the person as
    typed, or ``None``; a typo in an address's domain is mended instead
    (:func:`_contact_option`)."""
    value = _contact(field, f)
    if not value.usable or (field == "email" and f.email.typo_mended):
        return None
    why = _unreached(field, value, guardian=family is RoleFamily.GUARDIAN)
    return None if why is None else f"{'address' if field == 'email' else 'number'} {why}"


def _unreached_hold(
    field: str, records: Sequence[RecordFacts], why: Mapping[str, str], unfit: str | None
) -> str:
    """Why no update is listed for ``field``: the SIS value reaches no one, and the
    account has no value fit to type into the SIS either (``unfit``: why not)."""
    sids = ", ".join(f.sourced_id for f in records)
    what = "address" if field == "email" else "number"
    reasons = "; ".join(sorted({why[f.sourced_id] for f in records}))
    account = unfit if unfit is not None else f"the account has no usable {what}"
    # (one record: "the SIS record g1's number takes no texts (...)"; several, since
    # session 64's last read: "the SIS records g1, g2 each hold a number that takes no
    # texts (...)", where the plural read "g1, g2's number")
    whose = (
        f"record {sids}'s {reasons}"
        if len(records) == 1
        else f"records {sids} each hold a{'n' if what == 'address' else ''} {what} that "
        + "; ".join(sorted({why[f.sourced_id].split(" ", 1)[1] for f in records}))
    )
    return (
        f"no update is listed for {field}: the SIS {whose}, so typing it into the account "
        f"would copy a value that reaches no one, and {account}; ask the family for their "
        f"{what} and type it into the SIS and the account"
    )


def _records_which(records: Sequence[RecordFacts], verb: str) -> str:
    """``record g1 holds`` or ``records g1, g2 hold``: the records' ids and the verb
    agreeing with them, for the sentences that hold a field back."""
    sids = ", ".join(f.sourced_id for f in records)
    if len(records) > 1:
        return f"records {sids} {verb}"
    return f"record {sids} {verb}s"


def _nobody(field: str) -> str:
    return ""


def _credential(field: str, acct: RecordFacts) -> tuple[str, str]:
    """The :data:`AccountValueHolders` key of the account's value of ``field``."""
    if field == "email":
        return ("email", acct.email.key or "")
    return ("phone", acct.phone.key or "")


_SHOWN = 5


def _shared_words(others: Sequence[str], policy: Policy) -> str:
    """Words for an update putting the account's value on a person's records while
    ``others``, records the roster keeps apart from the person (another person's, or
    one the check cannot tie to this one: a staff record sharing only the name), hold
    it too (``""`` when none do)."""
    if not others:
        return ""
    shown = ", ".join(others[:_SHOWN])
    if len(others) > _SHOWN:
        shown += f" and {len(others) - _SHOWN} more"
    after = (
        "the app's newer versions allow a household's shared value"
        if policy.shared_credentials is SharedCredentials.ALLOWED
        else "the app's older versions, this policy's, count a shared value as no one's own "
        "credential"
    )
    return (
        f"; records the roster keeps apart from this person's hold it too ({shown}): after "
        f"the change they share it ({after})"
    )


def _noted_key(value: NormalizedEmail | NormalizedPhone) -> str | None:
    """The key of a value whose note names another person (``None`` for any other value:
    only ``normalize.unowned`` sets a repair's ``noted_key``)."""
    repair = value.repair
    return repair.noted_key if repair is not None else None


def _unfit_for_sis(field: str, acct: RecordFacts) -> str | None:
    """Why the account's contact value is no value to type into the SIS (since session
    61), or ``None``: as typed it reaches no one."""
    why = _unreached(field, _contact(field, acct), guardian=True)
    return (
        None
        if why is None
        else f"the account's {'address' if field == 'email' else 'number'} {why}"
    )


def _unreached(
    field: str, value: NormalizedEmail | NormalizedPhone, *, guardian: bool
) -> str | None:
    """What keeps a usable contact value from reaching the person as typed, in words
    after "the address" or "the number", or ``None``: a typo in an address's domain, an
    office's or a role's mailbox at the district's domain (``guardian``: on a guardian's
    record or account), an SMS number no text reaches or one written with letters."""
    if isinstance(value, NormalizedEmail):
        if value.typo_mended is not None:
            return f"has a typo in its domain ('{value.suggested_domain}' meant)"
        if guardian and office_address(value):
            return "is an office's or a role's mailbox at the district's domain, not the family's"
        return None
    if field != "phone" and takes_no_texts(value):
        # (what the value shows, since session 63: every reason a number may take no
        # texts was listed)
        return f"takes no texts ({why_no_texts(value)})"
    if PhoneFlag.KEYPAD_LETTERS in value.flags:
        # (since session 62: given to the SIS record as the only usable value)
        return (
            "is written with letters (a vanity number, or a word beside a shorter number: "
            "the data cannot tell which)"
        )
    return None


def _says_out_of_use(field: str, f: RecordFacts, acct: RecordFacts, policy: Policy) -> bool:
    """Whether the SIS record ``f``'s value notes that the account's value is out of use
    (``ana@gmail.com (bounced)`` beside an account on ``ana@gmail.com``)."""
    if field == "email":
        return acct.email.key is not None and acct.email.key in unused_addresses([f], policy)
    return acct.phone.key is not None and acct.phone.key in untextable_numbers(field, [f], policy)


def _unfit_hold(field: str, records: Sequence[RecordFacts], why: str) -> str:
    """Why no update is listed for ``field``: the account's value reaches no one."""
    sids = ", ".join(f.sourced_id for f in records)
    return (
        f"no update is listed for {field}: {why}, so typing it into the SIS "
        f"(record{'s' if len(records) > 1 else ''} {sids}) would copy a value that reaches "
        "no one; correct it in the app account (ask the family for theirs) and type the "
        "same value into the SIS"
    )


def _out_of_use_hold(field: str, records: Sequence[RecordFacts]) -> str:
    """Why no update is listed for ``field``: a SIS record notes the account's value is
    out of use."""
    what, note = (
        ("address", "is out of use (old, bounced, do not email)")
        if field == "email"
        else (
            # (what the records' values show, since session 63: every reason a number
            # may take no texts was listed)
            "number",
            "takes no texts (" + "; ".join(sorted({why_no_texts(f.phone) for f in records})) + ")",
        )
    )
    return (
        f"no update is listed for {field}: the account uses the {what} that the SIS "
        f"{_records_which(records, 'note')} "
        f"{note}; ask the family for their current {what} and type it into the SIS and "
        "the account"
    )


def _noted_hold(field: str, noted: Sequence[RecordFacts], shared: str) -> str:
    """Why no update is listed for ``field``: the account holds the value the SIS records
    ``noted`` write beside a note naming another person, and whether it reaches this
    person too only the family knows."""
    sids = ", ".join(f.sourced_id for f in noted)
    what = "address" if field == "email" else "number"
    owners = {
        r.owner.kind
        for f in noted
        if (r := _contact(field, f).repair) is not None and r.owner is not None
    }
    beside = (
        "after another person's name (as a mail program writes it)"
        if owners == {"name"}
        else "beside a note naming another person (such as 'dad's cell')"
    )
    return (
        f"no update is listed for {field}: the account uses the {what} that the SIS "
        f"{_records_which(noted, 'write')} "
        f"{beside}; ask the family whether it is this person's own too (then type it alone "
        f"on {sids}{shared}) or not (then type this person's own {what} into the SIS and "
        "the account)"
    )


def _unowned_hold(field: str, records: Sequence[RecordFacts]) -> str:
    """Why no update is listed for ``field``: the SIS records write their value beside a
    note naming another person, and the account has none."""
    sids = ", ".join(f.sourced_id for f in records)
    what = "address" if field == "email" else "number"
    return (
        f"no update is listed for {field}: the SIS {_records_which(records, 'write')} the "
        f"{what} beside a note naming "
        f"another person (such as 'dad's cell'), and the account has none; ask the family "
        f"whether it is this person's own (then type it alone on {sids} and into the "
        f"account) or not (then type this person's own {what} into the SIS and the account)"
    )


def _spaced(field: str, value: str, policy: Policy) -> str:
    """A SIS name as an account takes it: with single spaces where the app reads that as
    the name (``Robert  James``: ``Robert James``; under ``strict_normalization`` the
    app compares as written, and the account takes it as the SIS holds it)."""
    if field not in ("givenName", "familyName"):
        return value
    spaced = " ".join(value.split())
    return spaced if app_key(field, spaced, policy) == app_key(field, value, policy) else value


def _account_takes(
    app_id: str, field: str, current: str, value: str, reason: str, rule: str
) -> Fix:
    """The fix setting the app account's ``field`` to ``value``."""
    return Fix(
        sourced_id=app_id, field=field, current=current, suggested=value, reason=reason, rule=rule
    )


def _sis_takes(
    value: str,
    field: str,
    records: Sequence[RecordFacts],
    raw: Callable[[RecordFacts], str],
    why: str,
    rule: str,
) -> list[Fix]:
    """Fixes that set ``field`` of each SIS record to the account's ``value``."""
    return [
        Fix(
            sourced_id=f.sourced_id,
            field=field,
            current=raw(f),
            suggested=value,
            reason=f"change in the SIS: {why}",
            rule=rule,
        )
        for f in records
    ]


def _contact(field: str, f: RecordFacts) -> NormalizedEmail | NormalizedPhone:
    return f.email if field == "email" else f.phone


def _contact_option(field: str) -> Callable[[RecordFacts], str]:
    """The value a record offers for an email or phone field: as written when usable (an
    address with a typo in its domain mended), else its repair (``""`` when it has
    none)."""

    def option(f: RecordFacts) -> str:
        value = _contact(field, f)
        if field == "email" and f.email.typo_mended:
            # (since session 64: the account was given the typo)
            return f.email.typo_mended
        return value.raw.strip() if value.usable else value.repaired or ""

    return option


AS_LIKELY = 1.0
"""How close (in log-odds) another person's score must come to the best one's for an
account to be as likely either's: within a likelihood ratio of about 2.7."""


def adult_check(
    account: ExistingAccount,
    acct: RecordFacts,
    index: PersonIndex,
    result: MatchResult,
    policy: Policy,
    given_count: GivenNameCount | None = None,
    item_of: Mapping[str, str] | None = None,
    *,
    holders: AccountValueHolders | None = None,
    item_records: Mapping[str, tuple[str, ...]] | None = None,
    fix_list: Mapping[tuple[str, str], Fix] | None = None,
    chosen: Mapping[tuple[str, str], str] | None = None,
    typed_facts: Mapping[str, RecordFacts] | None = None,
) -> AccountCheck:
    """What the first sync does to one adult account. ``given_count``
    (:func:`~oneroster_identity.match.people_by_given_name`) tells a name of its own from a
    slip of a known one when the account and the SIS spell a given name two ways.
    ``item_of`` maps a person id to its likely-same item's id, and ``item_records`` an
    item's id to its records: persons of one item are one person here. ``holders``
    (:func:`credential_holders`) names the records holding the account's email and phone,
    so that an update giving the account's value to a person says who else holds it.
    ``fix_list`` ((sourcedId, field) -> the roster's fix list's row there) and
    ``chosen`` (-> the item whose choice sets it) are what the updates agree with
    (:func:`~oneroster_identity.existing._fix_list.agreeing`); ``typed_facts``, the facts
    of the records the fix list types into as it leaves them, are what the account is
    compared with.

    When another person, not of the best one's item, resembles the account about as well
    (:data:`AS_LIKELY`: a mother and a grandmother of one name on the family's email and
    phone), the data cannot tell whose account it is: no update is listed, and the
    message names both and says to ask the family (an update to the wrong person's
    record hands one relative the other's account and history)."""
    identity = acct.identity
    if identity is not None and identity in index.identity:
        exact = index.person(index.identity[identity])
        return _exactly(
            account,
            exact,
            result,
            policy,
            fix_list=fix_list,
            chosen=chosen,
            others=_item_others(exact, item_of, item_records),
        )
    best: tuple[PairVerdict, int] | None = None
    likely: list[tuple[float, int]] = []
    sharing: set[str] = set()
    for i in index.candidates(acct, policy.max_block_size):
        rep = index.reps[i]
        person = index.person(i)
        if (acct.email.usable and rep.email.key == acct.email.key) or (
            acct.phone.usable and rep.phone.key == acct.phone.key
        ):
            sharing.add(person.id)
        verdict = judge(
            -1,
            i,
            acct,
            rep,
            name_counts=index.name_counts,
            families=(acct.families, person.families),
            policy=policy,
            weights=result.weights,
            # the roster's lines (an office number on many families) say no more of an
            # old account than of two roster records
            lines=result.lines,
        )
        if not verdict.likely_same:
            continue
        likely.append((verdict.score, i))
        if best is None or (verdict.score, person.id) > (
            best[0].score,
            index.person(best[1]).id,
        ):
            best = (verdict, i)
    if best is None:
        return AccountCheck(
            account_id=account.account_id,
            outcome=AccountOutcome.NO_MATCH,
            family=account.family,
            shares_contact_with=tuple(sorted(sharing)),
            message="no roster person is likely this account's person; it stays archived"
            + (
                f" (its email or phone is used by {_persons_shown(sharing)}, whom the "
                "check does not take for this account's person)"
                if sharing
                else ""
            )
            + (
                "; its given name is a woman's title before a man's name, the formal way of "
                "naming his wife ('Mrs. John Smith'): if it is the account of a woman who "
                "uses its email or phone, type her own given name into the account before "
                "the sync to keep it (the sync matches names exactly)"
                if sharing and names_husband(account.first_name, family=account.last_name)
                else ""
            ),
        )
    verdict, i = best
    person = index.person(i)
    sharing.discard(person.id)
    items = item_of or {}
    mine = items.get(person.id)
    rivals = sorted(
        {
            other.id
            for score, j in likely
            if verdict.score - score < AS_LIKELY
            and (other := index.person(j)).id != person.id
            and (mine is None or items.get(other.id) != mine)
        }
    )
    updates: tuple[Fix, ...] = ()
    choices: tuple[Choice, ...] = ()
    changes: tuple[ContactChange, ...] = ()
    if rivals:
        message = (
            f"as likely {', '.join(rivals)}'s as {person.id}'s (different people the roster "
            "keeps apart): the data cannot tell whose account it is, so no update is listed; "
            "ask the family, then make that person's records match the account, or leave it "
            "archived"
        )
    elif noted := [s for s in person.sourced_ids if result.facts[s].name.restriction()]:
        # an update would keep the person's old account (its history, its link to the
        # child) for someone the school must keep the child's messages from
        message = (
            f"probably {person.id}, whose record {', '.join(noted)} carries a note in the "
            "name restricting contact, saying the person died or marking the record not to "
            "be used: no update is listed; "
            "settle with the school whether this account stays archived before the first sync"
        )
    else:
        typed = typed_facts or {}
        records = [typed.get(s) or result.facts[s] for s in person.sourced_ids]
        own = {*person.sourced_ids, *(item_records or {}).get(mine or "", ())}
        updates, choices, held = _updates(
            account,
            acct,
            records,
            given_count,
            policy=policy,
            shared=lambda field: _shared_words(
                [
                    sid
                    for sid in (holders or {}).get(_credential(field, acct), ())
                    if sid not in own
                ],
                policy,
            ),
        )
        updates, choices, held = agreeing(
            account,
            person.sourced_ids,
            updates,
            choices,
            held,
            fix_list or {},
            policy,
            records[0].phone_field,
            chosen,
            others=_item_others(person, item_of, item_records),
            value_of=_values_of(result),
        )
        changes = _contact_changes(account, records, policy)
        message = f"probably {person.id}, but the sync will create a new account unless " + (
            " and ".join(
                part
                for part in (
                    f"{len(updates)} update(s) are made" if updates else "",
                    f"{len(choices)} choice(s) settled" if choices else "",
                )
                if part
            )
            or "the account and its SIS records are made to match (see the evidence)"
        )
        message += "".join(f"; {sentence}" for sentence in held)
    return AccountCheck(
        account_id=account.account_id,
        outcome=AccountOutcome.NEW_UNLESS_UPDATED,
        family=account.family,
        person_id=person.id,
        sourced_ids=person.sourced_ids,
        confidence=verdict.confidence,
        evidence=pair_evidence(verdict, acct, index.reps[i]),
        updates=updates,
        choices=choices,
        contact_changes=changes,
        shares_contact_with=tuple(sorted(sharing)),
        message=message,
    )


def _item_others(
    person: Person,
    item_of: Mapping[str, str] | None,
    item_records: Mapping[str, tuple[str, ...]] | None,
) -> list[str]:
    """The records of the person's likely-same item (one calling its records one person)
    outside the person."""
    item = (item_of or {}).get(person.id)
    mine = set(person.sourced_ids)
    return [s for s in (item_records or {}).get(item or "", ()) if s not in mine]


def _values_of(result: MatchResult) -> Callable[[str, str], str]:
    """A record's value of a OneRoster column, as read."""
    return lambda sid, field: str(result.facts[sid].user_value(USER_COLUMNS[field]))


def _exactly(
    account: ExistingAccount,
    person: Person,
    result: MatchResult,
    policy: Policy,
    *,
    fix_list: Mapping[tuple[str, str], Fix] | None,
    chosen: Mapping[tuple[str, str], str] | None,
    others: Sequence[str],
) -> AccountCheck:
    """An account a roster person holds exactly (name, email and phone): kept, unless the
    roster's fix list, typed, changes the very values that keep it (``Robert 2`` on both,
    typed ``Robert`` on the SIS: since session 65 the account takes them too, and is
    ``new-unless-updated`` until it does; it was called kept, and lost once the fix list
    was typed)."""
    records = [result.facts[s] for s in person.sourced_ids]
    changes = _contact_changes(account, records, policy)
    note = ""
    if changes:
        who = "the SIS" if changes[0].winner is ContactSource.SIS else "the app"
        note = f"; its contact values are formatted differently, the values of {who} stay"
    if not person.will_be_created:
        # (under unique-required: the person's email and phone are others' too, or none)
        note += (
            "; but the sync creates no account for this person, whose records hold no "
            "email or SMS phone of their own (which the app's versions that require a "
            "unique credential need: this policy), so it may not reach this account "
            "either until they get one"
        )
    phone_field = records[0].phone_field if records else "sms"
    compared = ("givenName", "familyName", "email", phone_field)
    kept = AccountCheck(
        account_id=account.account_id,
        outcome=AccountOutcome.KEPT,
        family=account.family,
        person_id=person.id,
        sourced_ids=person.sourced_ids,
        confidence=1.0,
        contact_changes=changes,
        message=f"kept: {person.id} has exactly its name, email and phone{note}",
    )
    after, _, held = agreeing(
        account,
        person.sourced_ids,
        (),
        (),
        (),
        fix_list or {},
        policy,
        phone_field,
        others=others,
        value_of=_values_of(result),
    )
    if held or any(u.sourced_id.startswith(ACCOUNT_PREFIX) for u in after):
        sis = sorted({u.sourced_id for u in after if not u.sourced_id.startswith(ACCOUNT_PREFIX)})
        records_words = (
            f"record{'s' if len(sis) > 1 else ''} {', '.join(sis)}" if sis else "records"
        )
        unless = (
            f"{len(after)} update(s) are made"
            if after
            else "the account and its SIS records are made to match"
        )
        return attrs.evolve(
            kept,
            outcome=AccountOutcome.NEW_UNLESS_UPDATED,
            updates=after,
            message=f"kept as the roster stands ({person.id} has exactly its name, email "
            f"and phone), but the roster's fix list changes its SIS {records_words}: once "
            f"that is typed, the sync creates a new account unless {unless}"
            + "".join(f"; {sentence}" for sentence in held)
            + note,
        )
    pending = sorted(
        {
            item
            for sid in person.sourced_ids
            for field in compared
            if (item := (chosen or {}).get((sid, field)))
        }
    )
    if pending:
        return attrs.evolve(
            kept,
            message=kept.message
            + f"; the roster's likely-same item {', '.join(pending)} asks a person to choose "
            "a value of its records: if another than the account's is chosen, the account "
            "takes it too before the sync",
        )
    return kept


SHARING_SHOWN = 20
"""The most persons a no-match message names as using the account's email or phone (an
office number's holders are hundreds; ``shares_contact_with`` lists every one found)."""


def _persons_shown(sharing: set[str]) -> str:
    """The first :data:`SHARING_SHOWN` of ``sharing`` by id, and how many more."""
    shown = sorted(sharing)
    more = len(shown) - SHARING_SHOWN
    head = ", ".join(shown[:SHARING_SHOWN])
    return head if more <= 0 else f"{head} and {more} other persons"


def one_account_per_person(checks: Sequence[AccountCheck]) -> list[AccountCheck]:
    """The checks of all guardian and staff accounts, read together: the app keeps one
    account per person, and each account was checked on its own.

    - An account whose person another account keeps (exactly equal) stays archived
      (``another-account-kept``): the updates that would make it match would undo the
      kept account's match, or make two archived accounts claim one person, so none is
      listed.
    - Several accounts kept for one person (exact duplicates in the app), or several
      that would each be kept once updated, say so in their message: only one of them
      can be the person's account.
    """
    kept: dict[str, list[str]] = {}
    pending: dict[str, list[str]] = {}
    for c in checks:
        if c.person_id is None:
            continue
        if c.outcome is AccountOutcome.KEPT:
            kept.setdefault(c.person_id, []).append(c.account_id)
        elif c.outcome is AccountOutcome.NEW_UNLESS_UPDATED:
            pending.setdefault(c.person_id, []).append(c.account_id)
    out: list[AccountCheck] = []
    for c in checks:
        person = c.person_id
        if person is None:
            out.append(c)
            continue
        holders = sorted(kept.get(person, ()))
        if c.outcome is AccountOutcome.NEW_UNLESS_UPDATED and holders:
            out.append(
                attrs.evolve(
                    c,
                    outcome=AccountOutcome.ANOTHER_ACCOUNT_KEPT,
                    updates=(),
                    choices=(),
                    contact_changes=(),
                    message=(
                        f"probably {person}, whose records already keep account "
                        f"{', '.join(holders)}: the app keeps one account per person, so this "
                        "one stays archived and nothing is to be updated (merge it into the "
                        "kept account in the app if its history matters)"
                    ),
                )
            )
            continue
        same = holders if c.outcome is AccountOutcome.KEPT else sorted(pending.get(person, ()))
        others = [a for a in same if a != c.account_id]
        if others and c.outcome in (AccountOutcome.KEPT, AccountOutcome.NEW_UNLESS_UPDATED):
            note = (
                f"; account(s) {', '.join(others)} match {person} exactly too: the app keeps "
                "one account per person, and the data cannot tell which"
                if c.outcome is AccountOutcome.KEPT
                else f"; account(s) {', '.join(others)} are probably {person} too: make the "
                "updates of the one account to keep only (the app keeps one per person)"
            )
            out.append(attrs.evolve(c, message=c.message + note))
            continue
        out.append(c)
    return out
