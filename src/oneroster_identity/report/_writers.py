"""Report writers: JSON (streamed), CSV fix list, terminal text and a self-contained HTML page."""

from __future__ import annotations

import csv
import html
import json
from collections import Counter
from collections.abc import Callable, Mapping
from typing import IO, Any

from oneroster_identity._memo import one_run
from oneroster_identity.advice import FixListOutcome, repair_findings
from oneroster_identity.errors import UsageError
from oneroster_identity.existing import AccountOutcome, ExistingCheck
from oneroster_identity.match import (
    ASKS_FIRST_TAGS,
    Finding,
    MatchResult,
    NearMiss,
    NearMissKind,
    RecordFacts,
    SetAside,
)
from oneroster_identity.normalize import visible
from oneroster_identity.policy import SharedCredentials
from oneroster_identity.report._document import (
    account_item,
    after_fixes_lines,
    diagnostic_item,
    finding_item,
    header,
    near_miss_item,
    person_item,
    require_report_args,
    review_row,
    sections,
    set_aside_item,
    student_candidate_item,
)
from oneroster_identity.report._redact import Redaction, RedactSetting, mask_value
from oneroster_identity.verdict import Verdict, verdict

__all__ = [
    "notebook_html",
    "safe_cell",
    "write_csv_fixes",
    "write_html",
    "write_json",
    "write_text",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "'")


def safe_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP CSV injection).

    >>> safe_cell("=HYPERLINK(\\"x\\")"), safe_cell("ana@x.org")
    ('\\'=HYPERLINK("x")', 'ana@x.org')

    A value that begins with an apostrophe gets one more: a spreadsheet takes the first
    as its mark for text and hides it, so ``'ana@x.org`` (itself a finding: the mark
    copied into the SIS) would show as the address it should be.

    >>> safe_cell("'ana@x.org")
    "''ana@x.org"
    """
    text = "" if value is None else str(value)
    if text and (text.startswith(_FORMULA_START) or ord(text[0]) < 32):
        return "'" + visible(text)
    return visible(text)


def _q(value: str) -> str:
    """A value quoted for the text report, invisible and look-alike characters escaped."""
    return "'" + visible(value).replace("'", "\\'") + "'"


def html_text(value: str) -> str:
    """HTML-escaped, with invisible and look-alike characters shown as escapes."""
    return html.escape(visible(value))


_e = html_text


@one_run
def write_json(
    result: MatchResult,
    out: IO[str],
    *,
    source: str = "",
    version: str = "",
    redact: RedactSetting = False,
    existing: ExistingCheck | None = None,
    after: FixListOutcome | None = None,
) -> None:
    """Write the JSON report, one list item at a time (never the whole document in memory).
    ``after`` (:func:`~oneroster_identity.advice.check_fix_list`) fills ``after_fixes``."""
    redact = require_report_args("write_json", result, existing, redact, after)
    head = header(
        result, source=source, version=version, existing=existing, after=after, redact=redact
    )
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    out.write("{\n")
    for key, value in head.items():
        out.write(f"  {json.dumps(key)}: {encode(value)},\n")
    parts = sections(result, redact=redact, encode=encode, existing=existing)
    for index, (name, encoded) in enumerate(parts):
        out.write(",\n" if index else "")
        out.write(f"  {json.dumps(name)}: [")
        first = True
        for text in encoded:
            out.write("\n    " if first else ",\n    ")
            out.write(text)
            first = False
        out.write("\n  ]" if not first else "]")
    out.write("\n")
    out.write("}\n")


FIX_COLUMNS = (
    "item_id",
    "confidence",
    "tags",
    "action",
    "sourced_id",
    "given_name",
    "family_name",
    "field",
    "current",
    "suggested",
    "reason",
    "rule",
    "decision",
    "note",
)
"""``action`` is ``set`` (type ``suggested`` into ``field`` of ``sourced_id``),
``choose-one`` (one row per option, ``sourced_id`` lists the records holding it: pick one
option per item and field, then set it on every record of the item) or ``review`` (a
likely-same item with no value to type: ``sourced_id`` lists its records and ``reason``
says what to do, as retiring a student record entered twice). ``item_id`` is a
near-miss id, ``account:<id>`` for an update that keeps an existing app account, or
``finding:<code>`` for a finding whose fix is known (a domain typo's corrected address).
``given_name`` and ``family_name`` are the record's, so the SIS team can find it.
``decision`` and ``note`` are left empty for a reviewer to fill in (``two-people`` or
``intended``): the file is then a decisions file for the next check's ``--decisions``
(docs/review.md)."""


@one_run
def write_csv_fixes(
    result: MatchResult,
    out: IO[str],
    *,
    redact: RedactSetting = False,
    existing: ExistingCheck | None = None,
) -> int:
    """The fix list for the SIS team: one row per field change or choose-one option (see
    :data:`FIX_COLUMNS`), from near-misses, findings and existing accounts. A finding's
    change that a near-miss's fix already makes has no row of its own. Returns the row
    count."""
    redact = require_report_args("write_csv_fixes", result, existing, redact)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIX_COLUMNS)
    facts = result.facts

    def names(sourced_id: str) -> tuple[str, str]:
        record = facts.get(sourced_id)
        if record is None:
            return "", ""
        return (
            mask_value("givenName", record.name.given, redact),
            mask_value("familyName", record.name.family, redact),
        )

    rows = 0

    def row(item_id: str, confidence: object, tags: str, action: str, sid: str, *rest: str) -> None:
        nonlocal rows
        given, family = names(sid.split(" ")[0])
        cells = (item_id, confidence, tags, action, sid, given, family, *rest, "", "")
        writer.writerow([safe_cell(v) for v in cells])
        rows += 1

    def item_rows(
        item_id: str,
        confidence: object,
        tags: str,
        fixes: list[dict[str, Any]],
        choices: list[dict[str, Any]],
    ) -> None:
        for fix in fixes:
            row(
                item_id,
                confidence,
                tags,
                "set",
                fix["sourced_id"],
                fix["field"],
                fix["current"],
                fix["suggested"],
                fix["reason"],
                fix["rule"],
            )
        for choice in choices:
            for option in choice["options"]:
                note = f" ({option['note']})" if option["note"] else ""
                row(
                    item_id,
                    confidence,
                    tags,
                    "choose-one",
                    " ".join(option["sourced_ids"]),
                    choice["field"],
                    option["value"],
                    option["value"],
                    choice["reason"] + note,
                    "choose-one",
                )

    for near in result.near_misses:
        item = near_miss_item(near, redact=redact)
        tags = " ".join(item["tags"])
        item_rows(item["id"], item["confidence"], tags, item["fixes"], item["choices"])
        review = review_row(item)
        if review is not None:
            # Work for the SIS team with no value to type (retire a student record
            # entered twice; ask a family whose record an initial is): one row saying so.
            row(
                review["item_id"],
                review["confidence"],
                tags,
                review["action"],
                review["sourced_id"],
                review["field"],
                review["current"],
                review["suggested"],
                review["reason"],
                review["rule"],
            )
    in_items = {
        sid
        for near in result.near_misses
        if near.kind is NearMissKind.LIKELY_SAME
        for sid in near.sourced_ids
    }
    # the findings whose repair is a row of its own: not one an item's row already asks
    # for (``match`` gives such a finding the fix's writing; a second row would be typed
    # twice), and of findings repairing one field alike only the first; ``decided_fixes``
    # types the same ones
    repairs = {id(finding) for finding in repair_findings(result)}
    for finding in result.findings:
        if finding.sourced_id is None:
            continue
        if finding.suggested is None:
            if _not_added(finding, facts) and finding.sourced_id not in in_items:
                # a guardian the sync will not add: work for the SIS team with no value
                # to type (an item holding the record gives its own rows)
                f = finding_item(finding, redact=redact)
                row(
                    f"finding:{f['code']}",
                    "",
                    f["severity"],
                    "review",
                    f["sourced_id"],
                    f["field"] or "",
                    f["value"] or "",
                    "",
                    f["message"],
                    finding.code,
                )
            continue
        if id(finding) not in repairs:
            continue
        f = finding_item(finding, redact=redact)
        row(
            f"finding:{f['code']}",
            "",
            f["severity"],
            "set",
            f["sourced_id"],
            f["field"] or "",
            f["value"] or "",
            f["suggested"] or "",
            f["message"],
            finding.code,
        )
    for check in existing.accounts if existing else ():
        acc = account_item(check, redact=redact)
        item_rows(
            f"account:{acc['account_id']}",
            acc["confidence"],
            "existing-account",
            acc["updates"],
            acc["choices"],
        )
    return rows


def _decided_as(aside: SetAside, row: Mapping[str, Any]) -> str:
    """`` (decided as NM-a and NM-b)`` for a joined shared contact that decisions on its
    old per-value ids set aside (since session 60), else nothing."""
    if aside.decision.item in aside.aliases:
        return f" (decided as {' and '.join(row['aliases'])})"
    return ""


_NO_CONTACT_CODES = frozenset({"no-contact", "home-phone-only"})


def _not_added(finding: Finding, facts: Mapping[str, RecordFacts]) -> bool:
    """Whether a finding says its guardian record has no email or SMS phone, so the sync
    does not add it (since session 46: the fix list's ``review`` row for it)."""
    record = facts.get(finding.sourced_id or "")
    return finding.code in _NO_CONTACT_CODES and record is not None and record.not_added


def _confidence(value: float | None, template: str = "  confidence {:.2f}") -> str:
    """A near-miss's confidence as text; nothing for a shared contact (``None``)."""
    return "" if value is None else template.format(value)


def _line(item: dict[str, Any]) -> str:
    where = item.get("sourced_id") or ""
    field = f".{item['field']}" if item.get("field") else ""
    # (a finding of the whole roster names no record: no empty brackets after it)
    at = f" ({where}{field})" if where or field else ""
    line = f"[{item['severity']}] {item['code']}: {item['message']}{at}"
    if item.get("suggested") is not None:
        line += f" -> {_q(item['suggested'])}"
    return line


def _text_existing(existing: ExistingCheck, w: Any, redact: bool | Redaction, limit: int) -> None:
    s = existing.summary()
    outcomes = s["outcomes"]
    assert isinstance(outcomes, dict)
    w(
        f"\nExisting app accounts ({existing.source}): {s['adult_accounts']} guardian/staff, "
        f"{s['student_accounts']} student\n"
    )
    w(
        f"  kept {outcomes['kept']}, new account unless updated "
        f"{outcomes['new-unless-updated']}, archived beside another kept account "
        f"{outcomes['another-account-kept']}, no match in the roster {outcomes['no-match']}\n"
    )
    wins = "the SIS value" if existing.allow_contact_updates else "the app's value"
    w(
        f"  contact details of joined accounts: {wins} wins "
        f"(allow contact updates {'on' if existing.allow_contact_updates else 'off'}); "
        "accounts not yet joined take the SIS value\n"
    )
    pending = [a for a in existing.accounts if a.outcome is AccountOutcome.NEW_UNLESS_UPDATED]
    for check in pending[:limit]:
        item = account_item(check, redact=redact)
        # The message says what the lists below cannot: that a new account is created
        # unless they are made, or why no update is listed (two relatives as likely, a
        # note restricting contact, a value the SIS calls another person's).
        w(f"  {item['account_id']} ({item['confidence']:.2f}): {item['message']}\n")
        for fix in item["updates"]:
            where = "app" if fix["sourced_id"].startswith("account:") else "SIS"
            w(
                f"      {where} {fix['sourced_id']}.{fix['field']}: {_q(fix['current'])} -> "
                f"{_q(fix['suggested'])}\n"
            )
        for choice in item["choices"]:
            w(f"      choose one {choice['field']} ({choice['reason']}):\n")
            for o in choice["options"]:
                w(f"        {_q(o['value'])}: {o['note'] or ', '.join(o['sourced_ids'])}\n")
    if len(pending) > limit:
        w(f"  ... and {len(pending) - limit} more (see --format json or html)\n")
    if s["students_with_merge_candidates"]:
        w(
            f"  old student accounts with merge candidates: {s['students_with_merge_candidates']}"
            " (merge after the sync; listed in the full report)\n"
        )
        twice = [c for c in existing.student_candidates if c.entered_twice]
        for cand in twice[:limit]:
            w(f"    {cand.account_id} -> {cand.sourced_id}: {cand.note}\n")
        if len(twice) > limit:
            w(f"    ... and {len(twice) - limit} more (see --format json or html)\n")


def _shared_allowed(result: MatchResult) -> bool:
    """Whether the check counted guardians without a credential of their own as created."""
    return result.policy.shared_credentials is SharedCredentials.ALLOWED


def _not_created_reasons(result: MatchResult) -> list[str]:
    """Why the persons not created are not: guardians with no email or SMS phone (no app
    version adds them), and, when unique credentials are required, guardians with none of
    their own."""
    reasons = []
    if result.guardians_without_contact:
        reasons.append(f"{result.guardians_without_contact} guardian(s) with no email or SMS phone")
    if result.without_unique_credential and not _shared_allowed(result):
        reasons.append(
            f"{result.without_unique_credential} with none of their own (unique credentials "
            "required)"
        )
    return reasons


@one_run
def write_text(
    result: MatchResult,
    out: IO[str],
    *,
    source: str = "",
    redact: RedactSetting = False,
    limit: int = 15,
    existing: ExistingCheck | None = None,
    after: FixListOutcome | None = None,
) -> None:
    """A short terminal report, the worst problems first (``limit`` items per section;
    0 lists none, only the counts); with ``after``
    (:func:`~oneroster_identity.advice.check_fix_list`), what typing the fix list does."""
    redact = require_report_args("write_text", result, existing, redact, after)
    _require_limit(limit)
    s = result.summary()
    w = out.write
    w(f"OneRoster identity check: {source}\n")
    banner = _delta_banner(result)
    if banner:
        w(f"\n  !! {banner}\n\n")
    w(
        f"  records read        {s['records_read']} (matched {s['records_matched']}, "
        f"excluded {s['records_excluded']}, rejected {s['records_rejected']}"
        + (
            f", of them {s['records_repeated']} repeating an earlier row, nothing lost"
            if s.get("records_repeated")
            else ""
        )
        + ")\n"
    )
    w(f"  accounts created    {s['accounts_created']}  {s['accounts_by_role_family']}\n")
    if s["accounts_not_created"]:
        why = "; ".join(_not_created_reasons(result))
        w(f"  NOT created         {s['accounts_not_created']} ({why})\n")
    w(
        f"  multi-role persons  {s['multi_role_persons']}   merged records {s['merged_records']}"
        f"   fragile merges {s['fragile_merges']}\n"
    )
    near = s["near_misses"]
    assert isinstance(near, dict)
    w(
        f"  near-misses         likely same person {near['likely-same-person']}, "
        f"shared contact {near['shared-contact']}\n"
    )
    if s["people_with_several_accounts"]:
        w(
            f"  split accounts      {s['people_with_several_accounts']} people will probably "
            f"get more than one account ({s['extra_accounts']} extra)\n"
        )
    if after is not None:
        first, *rest = after_fixes_lines(after)
        w(f"  after the fix list  {first}\n")
        for line in rest:
            w(f"  {line}\n")
    w(f"  findings            {s['findings_by_severity']}\n")
    if result.set_aside:
        w(f"  set aside           {len(result.set_aside)} reviewed (listed below, not counted)\n")
    w(f"  roster diagnostics  {s['diagnostics_by_severity']}\n")
    domains = result.policy.district_domains
    if domains:
        how = (
            "inferred from staff emails; --district-domain sets them"
            if result.district_domains_inferred
            else "set"
        )
        w(f"  district domains    {', '.join(domains)} ({how})\n")
    likely = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    if likely:
        w(
            "\nProbably one person, will split into several accounts (confirm, then fix in the SIS):\n"
        )
        for near_miss in likely[:limit]:
            item = near_miss_item(near_miss, redact=redact)
            tags = f" [{', '.join(item['tags'])}]" if item["tags"] else ""
            w(
                f"  {item['id']}{_confidence(item['confidence'])}{tags}: "
                f"{' + '.join(item['sourced_ids'])}\n"
            )
            if ASKS_FIRST_TAGS.intersection(item["tags"]):
                # perhaps two people: the doubt before the fixes (since session 68; the
                # text report listed them under "probably one person" with no word of
                # it, which the summary and each row's reason carry)
                w(f"      {item['summary']}\n")
            for e in item["evidence"]:
                # Both values empty (two student records without an email) shows nothing.
                if e["kind"] not in ("identical",) and any(e["values"]):
                    w(
                        f"      {e['field']:<11} {e['kind']:<18} {_q(e['values'][0])} vs {_q(e['values'][1])}\n"
                    )
            for fix in item["fixes"]:
                w(
                    f"      fix {fix['sourced_id']}.{fix['field']}: {_q(fix['current'])} -> "
                    f"{_q(fix['suggested'])} ({fix['rule']})\n"
                )
            for choice in item["choices"]:
                options = " | ".join(
                    f"{_q(o['value'])} ({', '.join(o['sourced_ids'])}"
                    + (f"; {o['note']}" if o["note"] else "")
                    + ")"
                    for o in choice["options"]
                )
                w(f"      choose one {choice['field']}: {options}\n")
            review = review_row(item)
            if review is not None:
                # Nothing to type (a student entered twice, records of two people the
                # data cannot tell apart): the summary says what to do instead.
                w(f"      {review['reason']}\n")
        if len(likely) > limit:
            w(
                f"  ... and {len(likely) - limit} more (raise --limit, or see --format json or html)\n"
            )
    worst = [f for f in result.findings if f.severity.value != "info"]
    if worst:
        w("\nFindings (worst first):\n")
        for finding in worst[:limit]:
            w("  " + _line(finding_item(finding, redact=redact)) + "\n")
        if len(worst) > limit:
            w(f"  ... and {len(worst) - limit} more\n")
    if existing is not None:
        _text_existing(existing, w, redact, limit)
    shared = [n for n in result.near_misses if n.kind is NearMissKind.SHARED_CONTACT]
    if shared:
        values_shared = result.shared_values()
        items = (
            f", in {len(shared)} item{'s' if len(shared) > 1 else ''}"
            if values_shared != len(shared)
            else ""
        )
        w(
            f"\nShared contacts: {values_shared} emails or phones used by several accounts"
            f"{items} (allowed by newer app versions, fatal in older ones):\n"
        )
        for near in shared[:limit]:
            item = near_miss_item(near, redact=redact)
            # (the email's, then the number's, of holders who share both)
            fields = dict.fromkeys(e["field"] for e in item["evidence"])
            values = [
                v
                for field in fields
                for v in sorted(
                    {v for e in item["evidence"] if e["field"] == field for v in e["values"]}
                )
            ]
            w(f"  {item['id']}: {item['summary']}: {', '.join(map(_q, values))} ")
            w(f"({', '.join(item['sourced_ids'])})\n")
        if len(shared) > limit:
            w(f"  ... and {len(shared) - limit} more (raise --limit)\n")
    fragile = [p for p in result.persons if p.fragile]
    if fragile:
        w(
            f"\nFragile merges: {len(fragile)} persons merge only after normalization "
            "(make these values identical in the SIS):\n"
        )
        for person in fragile[:limit]:
            item = person_item(person, redact=redact)
            for diff, raw in zip(item["fragile"], person.fragile, strict=True):
                shown = " | ".join(f"{_q(v['value'])} ({v['sourced_id']})" for v in diff["values"])
                w(f"  {item['id']} {diff['field']}: {shown}: {raw.how}\n")
        if len(fragile) > limit:
            w(f"  ... and {len(fragile) - limit} more (raise --limit)\n")
    if result.without_unique_credential and _shared_allowed(result):
        w(
            f"  {result.without_unique_credential} guardian(s) have no email or SMS phone of "
            "their own: app versions that require a unique credential would not create them "
            "(check with --shared-credentials unique-required)\n"
        )
    if result.set_aside:
        kinds = Counter(a.kind for a in result.set_aside)
        w(
            f"\nSet aside by reviewed decisions: {len(result.set_aside)} items ("
            + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items()))
            + "); not counted above\n"
        )
        for aside in result.set_aside[:limit]:
            row = set_aside_item(aside, redact=redact)
            note = f": {row['note']}" if row["note"] else ""
            field = f".{row['field']}" if row["field"] else ""
            was = _decided_as(aside, row)
            w(
                f"  {row['item']}{was} ({row['kind']}{field}: {', '.join(row['sourced_ids'])}) "
                f"{row['decision']} @ {row['where']}{note}\n"
            )
        if len(result.set_aside) > limit:
            w(f"  ... and {len(result.set_aside) - limit} more (raise --limit)\n")
    problems = [d for d in result.diagnostics if d.severity.value != "info"]
    if problems:
        w("\nRoster diagnostics:\n")
        # A file cut short is the cause of the many rows naming users past its end: it is
        # listed first, and a list cut at the limit ends with its count by code (since
        # session 53; before, the cause sat among hundreds of its effects).
        problems.sort(key=lambda d: d.code not in _CAUSES)  # stable: the order otherwise
        for d in problems[:limit]:
            item = diagnostic_item(d, redact=True)
            w(f"  [{item['severity']}] {item['code']}: {item['message']} @ {d.location.format()}\n")
        if len(problems) > limit:
            counts = Counter(d.code for d in problems)
            by_code = ", ".join(f"{code} {n}" for code, n in sorted(counts.items()))
            w(f"  ... and {len(problems) - limit} more (by code: {by_code})\n")
    outcome = verdict(result, existing)
    w(f"\nVerdict: {outcome.status.upper()}\n")
    for line in outcome.blocking:
        w(f"  blocks the sync: {line}\n")
    for line in outcome.warnings[:limit]:
        w(f"  warning: {line}\n")
    if len(outcome.warnings) > limit:
        w(f"  ... and {len(outcome.warnings) - limit} more warning(s) (raise --limit)\n")


_CAUSES = frozenset({"file-cut-short"})
"""Reader diagnostics that explain others, listed first in the text report."""


REPORT_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}.diff{background:#ffe08a;font-weight:600}
.error{color:#a00}.warning{color:#a60}.info{color:#555}.nm{margin-bottom:1.5rem}
.headline{font-size:1.1rem;line-height:1.6}.headline b{font-size:1.3rem}
#filters{background:#f7f7f7;padding:.5rem 1rem;margin:.5rem 0 1rem;border:1px solid #ddd}
#verdict{border-left:.4rem solid;padding:.25rem 1rem;margin:1rem 0}#verdict h2{margin:.25rem 0}
#verdict.verdict-blocked{border-color:#a00;background:#fdf0f0}
#verdict.verdict-warnings{border-color:#a60;background:#fdf7ec}
#verdict.verdict-ok{border-color:#282;background:#f0f8f0}
#filters label{margin-right:1rem}table.sub{margin:0}table.sub td,table.sub th{border:none;padding:0 .5rem 0 0}
"""

_FILTER_JS = """
(function(){
  var form=document.getElementById('filters');
  function apply(){
    var kind=form.kind.value,conf=parseFloat(form.confidence.value),fam=form.family.value,
        school=form.school.value,shown=0;
    document.querySelectorAll('.nm').forEach(function(d){
      var ok=(!kind||d.dataset.kind===kind)&&
        (d.dataset.confidence===''?conf===0:parseFloat(d.dataset.confidence)>=conf)&&
        (!fam||(' '+d.dataset.families+' ').indexOf(' '+fam+' ')>=0)&&
        (!school||(' '+d.dataset.schools+' ').indexOf(' '+school+' ')>=0);
      d.style.display=ok?'':'none'; if(ok){shown++;}
    });
    document.getElementById('nm-shown').textContent=shown;
  }
  var params=new URLSearchParams(location.hash.slice(1));
  ['kind','confidence','family','school'].forEach(function(k){
    if(params.has(k)){form[k].value=params.get(k);}
  });
  form.addEventListener('change',apply); apply();
})();
"""


def _delta_banner(result: MatchResult) -> str | None:
    """The warning of a delta checked without its base, shown first in text and HTML."""
    return next((d.message for d in result.diagnostics if d.code == "delta-without-base"), None)


_VERDICT_SAYS = {
    "blocked": "do not sync yet: what blocks it is listed below",
    "warnings": "nothing blocks the sync; look at the warnings first",
    "ok": "nothing blocks the sync and nothing needs a look",
}


def _html_verdict(outcome: Verdict, e: Callable[[str], str]) -> str:
    """The verdict first on the page, as an admin's first question is whether to press
    sync: what blocks it listed, the warnings folded under their count (the text report
    ends with the same lines)."""
    parts = [
        f"<section id='verdict' class='verdict-{outcome.status}'>"
        f"<h2>Verdict: {outcome.status.upper()}</h2><p>{_VERDICT_SAYS[outcome.status]}</p>"
    ]
    if outcome.blocking:
        parts.append("<ul class='blocking'>")
        parts.extend(f"<li>blocks the sync: {e(line)}</li>" for line in outcome.blocking)
        parts.append("</ul>")
    if outcome.warnings:
        parts.append(f"<details><summary>{len(outcome.warnings)} warning(s)</summary><ul>")
        parts.extend(f"<li>{e(line)}</li>" for line in outcome.warnings)
        parts.append("</ul></details>")
    parts.append("</section>")
    return "".join(parts)


def _cell_html(value: object, e: Callable[[str], str]) -> str:
    """A summary value as HTML: numbers as they are, mappings as a small table."""
    if isinstance(value, dict):
        if not value:
            return "none"
        rows = "".join(
            f"<tr><th>{e(str(k))}</th><td>{_cell_html(v, e)}</td></tr>" for k, v in value.items()
        )
        return f"<table class='sub'>{rows}</table>"
    return e(str(value))


def _impact(result: MatchResult) -> Callable[[NearMiss], tuple[bool, int, float, str]]:
    """The order of near-misses: likely-same first, then the most extra accounts, then the
    most confident."""

    def key(near: NearMiss) -> tuple[bool, int, float, str]:
        return (
            near.kind is not NearMissKind.LIKELY_SAME,
            -result.accounts_of(near),
            -(near.confidence or 0.0),
            near.id,
        )

    return key


_AGREEING = frozenset(
    {"identical", "same-student", "sibling-students", "same-guardian", "guardian-names",
     "same-identifier"}
)  # fmt: skip
"""Evidence kinds that say the records agree (a child, a guardian, a state ID in common):
not highlighted as a difference in the HTML report."""


@one_run
def write_html(
    result: MatchResult,
    out: IO[str],
    *,
    source: str = "",
    redact: RedactSetting = False,
    existing: ExistingCheck | None = None,
    after: FixListOutcome | None = None,
) -> None:
    """A single self-contained HTML page: summary, near-misses side by side, findings;
    with ``after`` (:func:`~oneroster_identity.advice.check_fix_list`), what typing the
    fix list does."""
    redact = require_report_args("write_html", result, existing, redact, after)
    e = _e
    s = result.summary()
    w = out.write
    w("<!doctype html><html lang='en'><head><meta charset='utf-8'>")
    w(f"<title>OneRoster identity check</title><style>{REPORT_CSS}</style></head><body>")
    w(f"<h1>OneRoster identity check</h1><p>Roster: {e(source)}</p>")
    banner = _delta_banner(result)
    if banner:
        w(f"<p id='delta-banner' class='error'><b>{e(banner)}</b></p>")
    w(_html_verdict(verdict(result, existing), e))
    split, extra = result.split_accounts()
    shared = result.shared_values()
    w("<h2 id='what-will-happen'>What the sync will do</h2><p class='headline'>")
    w(f"<b>{s['accounts_created']}</b> accounts will be created.<br>")
    w(
        f"<b>{split}</b> people will probably get more than one account "
        f"({extra} extra accounts) unless their records are fixed first.<br>"
    )
    reasons = _not_created_reasons(result)
    w(
        f"<b>{s['accounts_not_created']}</b> people will not be created"
        + (f" ({e('; '.join(reasons))})" if reasons else "")
        + (
            f"; {result.without_unique_credential} guardians have no email or phone of their "
            "own and would not be created by app versions that require one"
            if result.without_unique_credential and _shared_allowed(result)
            else ""
        )
        + ".<br>"
    )
    w(f"<b>{shared}</b> emails or phones are shared by several accounts.</p>")
    if after is not None:
        w("<h2 id='after-fixes'>Once the fix list is typed</h2>")
        for line in after_fixes_lines(after):
            cls = " class='error'" if line.startswith("!!") else ""
            w(f"<p{cls}>{e(line)}</p>")
    w("<h2 id='summary'>Summary</h2><table id='summary-table'>")
    for key, value in s.items():
        w(f"<tr><th>{e(key.replace('_', ' '))}</th><td>{_cell_html(value, e)}</td></tr>")
    w("</table>")
    facts = result.facts
    ordered = sorted(result.near_misses, key=_impact(result))
    schools = sorted(
        {
            o
            for n in ordered
            for sid in n.sourced_ids
            if sid in facts
            for o in facts[sid].user.org_sourced_ids
        }
    )
    w("<h2 id='near-misses'>Near-misses</h2>")
    w(
        "<form id='filters'><label>kind <select name='kind'><option value=''>all</option>"
        "<option value='likely-same-person'>likely same person</option>"
        "<option value='shared-contact'>shared contact</option></select></label>"
        "<label>confidence at least <select name='confidence'><option value='0'>any</option>"
        "<option value='0.5'>0.5</option><option value='0.8'>0.8</option>"
        "<option value='0.95'>0.95</option></select></label>"
        "<label>role family <select name='family'><option value=''>all</option>"
        "<option value='staff'>staff</option><option value='guardian'>guardian</option>"
        "<option value='student'>student</option></select></label>"
        "<label>school <select name='school'><option value=''>all</option>"
        + "".join(f"<option value='{e(o)}'>{e(o)}</option>" for o in schools)
        + f"</select></label> showing <span id='nm-shown'>{len(ordered)}</span> "
        f"of {len(ordered)}</form>"
    )
    for near in ordered:
        item = near_miss_item(near, redact=redact)
        records = [facts[sid] for sid in near.sourced_ids if sid in facts]
        families = sorted({fam.value for f in records for fam in f.families})
        orgs = sorted({o for f in records for o in f.user.org_sourced_ids})
        confidence = "" if item["confidence"] is None else f"{item['confidence']:.3f}"
        w(
            f"<div class='nm' id='{e(item['id'])}' data-kind='{e(item['kind'])}' "
            f"data-confidence='{confidence}' data-families='{e(' '.join(families))}' "
            f"data-schools='{e(' '.join(orgs))}'><h3>{e(item['id'])}: {e(item['kind'])}"
            f"{e(_confidence(item['confidence'], ' (confidence {:.2f})'))}</h3>"
            f"<p>{e(item['summary'])}</p>"
        )
        w(
            "<table class='near-miss'><tr><th>field</th><th>difference</th><th>record A</th>"
            "<th>record B</th></tr>"
        )
        for ev in item["evidence"]:
            cls = "" if ev["kind"] in _AGREEING else " class='diff'"
            a, b = ev["values"]
            sa, sb = ev["sourced_ids"]
            w(
                f"<tr><td>{e(ev['field'])}</td><td>{e(ev['kind'])}</td><td{cls}>{e(a)} "
                f"<small>({e(sa)})</small></td><td{cls}>{e(b)} <small>({e(sb)})</small></td></tr>"
            )
        w("</table>")
        if item["fixes"]:
            w(
                "<table class='fixes'><tr><th>record</th><th>field</th><th>current</th>"
                "<th>suggested</th></tr>"
            )
            for fix in item["fixes"]:
                w(
                    f"<tr><td>{e(fix['sourced_id'])}</td><td>{e(fix['field'])}</td>"
                    f"<td>{e(fix['current'])}</td><td class='diff'>{e(fix['suggested'])}</td></tr>"
                )
            w("</table>")
        if item["choices"]:
            w(
                "<table class='choices'><tr><th>field</th><th>choose one value "
                "(a person who knows them decides)</th></tr>"
            )
            for choice in item["choices"]:
                options = "<br>".join(
                    f"{e(o['value'])} <small>({e(', '.join(o['sourced_ids']))}"
                    + (f"; {e(o['note'])}" if o["note"] else "")
                    + ")</small>"
                    for o in choice["options"]
                )
                w(f"<tr><td>{e(choice['field'])}</td><td>{options}</td></tr>")
            w("</table>")
        w("</div>")
    _html_fixes_per_record(result, ordered, w, redact)
    if existing is not None:
        _html_existing(existing, w, redact)
    w(
        "<h2 id='findings'>Findings</h2><table id='findings-table'><tr><th>severity</th>"
        "<th>code</th><th>record</th><th>field</th><th>message</th></tr>"
    )
    for finding in result.findings:
        item = finding_item(finding, redact=redact)
        w(
            f"<tr class='{e(item['severity'])}'><td>{e(item['severity'])}</td><td>{e(item['code'])}"
            f"</td><td>{e(item['sourced_id'] or '')}</td><td>{e(item['field'] or '')}</td>"
            f"<td>{e(item['message'])}</td></tr>"
        )
    w("</table>")
    if result.set_aside:
        w(
            "<h2 id='set-aside'>Set aside by reviewed decisions</h2><table id='set-aside-table'>"
            "<tr><th>item</th><th>kind</th><th>records</th><th>decision</th><th>where</th>"
            "<th>note</th></tr>"
        )
        for aside in result.set_aside:
            row = set_aside_item(aside, redact=redact)
            field = f".{row['field']}" if row["field"] else ""
            was = _decided_as(aside, row)
            w(
                f"<tr><td>{e(row['item'] + was)}</td><td>{e(row['kind'] + field)}</td>"
                f"<td>{e(', '.join(row['sourced_ids']))}</td><td>{e(row['decision'])}</td>"
                f"<td>{e(row['where'])}</td><td>{e(row['note'])}</td></tr>"
            )
        w("</table>")
    w(
        "<h2 id='diagnostics'>Roster diagnostics</h2><table><tr><th>severity</th>"
        "<th>code</th><th>where</th><th>message</th></tr>"
    )
    for d in result.diagnostics:
        message = diagnostic_item(d, redact=redact)["message"]
        w(
            f"<tr class='{e(d.severity.value)}'><td>{e(d.severity.value)}</td><td>{e(d.code)}</td>"
            f"<td>{e(d.location.format())}</td><td>{e(message)}</td></tr>"
        )
    w(f"</table><script>{_FILTER_JS}</script></body></html>\n")


def _html_fixes_per_record(
    result: MatchResult, ordered: list[NearMiss], w: Any, redact: bool | Redaction
) -> None:
    """Every fix and choice grouped by the record to edit, the way an SIS team works. One
    change that several items or findings ask for (a near-miss's fix and the finding on
    the same value: ``match`` gives a finding's contact value the fix's writing) is one
    row naming every source, not one row per source to type twice."""
    e = _e
    rows: dict[str, dict[tuple[str, str], dict[tuple[str, str], None]]] = {}

    def add(sid: str, field: str, current: str, suggested: str, source: str, rule: str) -> None:
        change = f"{e(current)} &rarr; <span class='diff'>{e(suggested)}</span>"
        rows.setdefault(sid, {}).setdefault((field, change), {})[source, rule] = None

    for near in ordered:
        item = near_miss_item(near, redact=redact)
        for fix in item["fixes"]:
            field = fix["field"]
            add(fix["sourced_id"], field, fix["current"], fix["suggested"], item["id"], fix["rule"])
        for choice in item["choices"]:
            options = " | ".join(e(o["value"]) for o in choice["options"])
            for sid in near.sourced_ids:
                rows.setdefault(sid, {}).setdefault(
                    (choice["field"], f"choose one: {options}"), {}
                )[item["id"], "choose-one"] = None
    for finding in result.findings:
        if finding.suggested is not None and finding.sourced_id is not None:
            f = finding_item(finding, redact=redact)
            add(
                finding.sourced_id,
                f["field"] or "",
                f["value"] or "",
                f["suggested"] or "",
                f["code"],
                f["code"],
            )
    w(
        "<h2 id='fixes-per-record'>Fixes per record</h2><table id='fixes-per-record'><tr>"
        "<th>record</th><th>name</th><th>field</th><th>change</th><th>from</th><th>rule</th></tr>"
    )
    for sid in sorted(rows):
        record = result.facts.get(sid)
        name = (
            ""
            if record is None
            else " ".join(
                mask_value(k, v, redact)
                for k, v in (("givenName", record.name.given), ("familyName", record.name.family))
            )
        )
        changes = rows[sid]
        for n, ((field, change), sources) in enumerate(changes.items()):
            head = (
                f"<td rowspan='{len(changes)}'>{e(sid)}</td><td rowspan='{len(changes)}'>"
                f"{e(name)}</td>"
                if n == 0
                else ""
            )
            froms = ", ".join(dict.fromkeys(e(source) for source, _ in sources))
            rules = ", ".join(dict.fromkeys(e(rule) for _, rule in sources))
            w(
                f"<tr>{head}<td>{e(field)}</td><td>{change}</td><td>{froms}</td><td>{rules}</td></tr>"
            )
    w("</table>")


def _html_existing(existing: ExistingCheck, w: Any, redact: bool | Redaction) -> None:
    e = _e
    summary = existing.summary()
    w(f"<h2 id='existing-accounts'>Existing app accounts</h2><p>{e(existing.source)}: ")
    w(e(json.dumps(summary, sort_keys=True)) + "</p>")
    w(
        "<table id='existing-table'><tr><th>account</th><th>outcome</th><th>person</th>"
        "<th>confidence</th><th>updates that keep the account</th><th>contact values</th></tr>"
    )
    for check in existing.accounts:
        item = account_item(check, redact=redact)
        updates = "<br>".join(
            f"{e(f['sourced_id'])}.{e(f['field'])}: {e(f['current'])} &rarr; "
            f"<span class='diff'>{e(f['suggested'])}</span>"
            for f in item["updates"]
        )
        if item["choices"]:
            updates += "<br>" + "<br>".join(
                f"choose one {e(c['field'])}: "
                + " | ".join(
                    f"{e(o['value'])} <small>({e(o['note'])})</small>" for o in c["options"]
                )
                for c in item["choices"]
            )
        contacts = "<br>".join(
            f"{e(c['field'])}: app {e(c['app_value'])}, SIS {e(c['sis_value'])} "
            f"({e(c['winner'])} wins)"
            for c in item["contact_changes"]
        )
        conf = "" if item["confidence"] is None else f"{item['confidence']:.2f}"
        w(
            f"<tr><td>{e(item['account_id'])}</td><td>{e(item['outcome'])}</td>"
            f"<td>{e(item['person_id'] or '')}</td><td>{conf}</td><td>{updates}</td>"
            f"<td>{contacts}</td></tr>"
        )
    w(
        "</table><h3>Old students: merge candidates</h3><table id='student-candidates'>"
        "<tr><th>account</th><th>roster student</th><th>confidence</th><th>evidence</th>"
        "<th>note</th></tr>"
    )
    for cand in existing.student_candidates:
        item = student_candidate_item(cand, redact=redact)
        ev = "<br>".join(
            f"{e(x['field'])}: {e(x['kind'])} ({e(x['values'][0])} / {e(x['values'][1])})"
            for x in item["evidence"]
        )
        w(
            f"<tr><td>{e(item['account_id'])}</td><td>{e(item['sourced_id'])}</td>"
            f"<td>{item['confidence']:.2f}</td><td>{ev}</td><td>{e(item['note'])}</td></tr>"
        )
    w("</table>")


def _require_limit(limit: object) -> None:
    """Items per section: a negative number would slice all but the last few away."""
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
        raise UsageError(f"limit must be a whole number, 0 or more, not {limit!r}")


@one_run
def notebook_html(
    result: MatchResult,
    *,
    existing: ExistingCheck | None = None,
    redact: RedactSetting = True,
    limit: int = 10,
) -> str:
    """A compact HTML fragment for notebooks: the summary and the first near-misses.

    Emails and phones are masked by default, because notebooks are shared and
    saved with their outputs; pass ``redact=False`` to see the raw values.
    """
    redact = require_report_args("notebook_html", result, existing, redact)
    _require_limit(limit)
    e = _e
    outcome = verdict(result, existing)
    parts = [
        f"<div class='oneroster-identity'><p><b>Verdict: {outcome.status.upper()}</b>"
        + (f" ({len(outcome.blocking)} thing(s) block the sync)" if outcome.blocking else "")
        + "</p><table><tr><th colspan='2'>summary</th></tr>"
    ]
    for key, value in result.summary().items():
        shown = value if isinstance(value, int) else json.dumps(value, sort_keys=True)
        parts.append(f"<tr><td>{e(key.replace('_', ' '))}</td><td>{e(str(shown))}</td></tr>")
    if existing is not None:
        outcomes = existing.summary()["outcomes"]
        parts.append(
            f"<tr><td>existing accounts</td><td>{e(json.dumps(outcomes, sort_keys=True))}</td></tr>"
        )
    parts.append("</table>")
    if result.near_misses:
        parts.append(
            "<table><tr><th>near-miss</th><th>kind</th><th>confidence</th><th>records</th>"
            "<th>differences</th></tr>"
        )
        for near in result.near_misses[:limit]:
            item = near_miss_item(near, redact=redact)
            diffs = "; ".join(
                f"{ev['field']}: {ev['kind']} ({ev['values'][0]} / {ev['values'][1]})"
                for ev in item["evidence"]
                if ev["kind"] != "identical"
            )
            parts.append(
                f"<tr><td>{e(item['id'])}</td><td>{e(item['kind'])}</td>"
                f"<td>{_confidence(item['confidence'], '{:.2f}')}</td><td>{e(' '.join(item['sourced_ids']))}</td>"
                f"<td>{e(diffs)}</td></tr>"
            )
        parts.append("</table>")
        if len(result.near_misses) > limit:
            parts.append(f"<p>... and {len(result.near_misses) - limit} more near-misses</p>")
    parts.append("</div>")
    return "".join(parts)
