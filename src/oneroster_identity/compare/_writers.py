"""A comparison as JSON, text, spreadsheet-safe CSV and a self-contained HTML page."""

from __future__ import annotations

import json
from typing import IO, Any

import attrs

from oneroster_identity.compare._diff import Comparison
from oneroster_identity.report import REPORT_CSS, html_text, safe_cell

__all__ = [
    "COMPARE_SCHEMA_VERSION",
    "COMPARISON_CSV_COLUMNS",
    "comparison_document",
    "write_comparison_csv",
    "write_comparison_html",
    "write_comparison_json",
    "write_comparison_text",
]

COMPARE_SCHEMA_VERSION = "1.5"


def _as_json(value: Any) -> Any:
    if attrs.has(type(value)):
        return {k: _as_json(v) for k, v in attrs.asdict(value, recurse=False).items()}
    if isinstance(value, (tuple, list)):
        return [_as_json(v) for v in value]
    return value


def comparison_document(comparison: Comparison, *, old: str, new: str) -> dict[str, Any]:
    """The comparison as the JSON report's data (``schema_version`` first)."""
    from oneroster_identity import __version__

    return {
        "schema_version": COMPARE_SCHEMA_VERSION,
        "generator": {"name": "oneroster-identity", "version": __version__},
        "old": old,
        "new": new,
        "summary": comparison.summary(),
        "splits": _as_json(comparison.splits),
        "merges": _as_json(comparison.merges),
        "near_misses_new": _as_json(comparison.near_misses_new),
        "near_misses_resolved": _as_json(comparison.near_misses_resolved),
        "contact_changes": _as_json(comparison.contact_changes),
    }


def write_comparison_json(comparison: Comparison, out: IO[str], *, old: str, new: str) -> None:
    """The comparison as JSON (keys sorted, deterministic)."""
    json.dump(
        comparison_document(comparison, old=old, new=new),
        out,
        indent=2,
        sort_keys=True,
        ensure_ascii=False,
    )
    out.write("\n")


def write_comparison_text(
    comparison: Comparison, out: IO[str], *, old: str, new: str, limit: int = 15
) -> None:
    """A short terminal report of the comparison, what needs action first."""
    s = comparison.summary()
    w = out.write
    w(f"OneRoster identity: {old} -> {new}\n")
    w(f"  accounts            {s['accounts_before']} -> {s['accounts_after']}\n")
    w(
        f"  splits {s['splits']}, merges {s['merges']}, near-misses new {s['near_misses_new']}, "
        f"resolved {s['near_misses_resolved']}, contact changes "
        + (
            str(s["contact_changes"])
            if comparison.contacts_comparable
            else "unknown (redacted report)"
        )
        + "\n"
    )
    if comparison.caveat:
        w(f"  note: {comparison.caveat}\n")
    if comparison.splits:
        w("\nSplits (one person before, several accounts now):\n")
        for split in comparison.splits[:limit]:
            w(
                f"  {' + '.join(split.sourced_ids)} -> {' | '.join(' + '.join(p) for p in split.into)}\n"
            )
            for c in split.changes:
                w(f"      {c.sourced_id}.{c.field}: {c.old!r} -> {c.new!r}\n")
    for title, near in (
        ("New near-misses", comparison.near_misses_new),
        ("Resolved near-misses", comparison.near_misses_resolved),
    ):
        if near:
            w(f"\n{title}:\n")
            for n in near[:limit]:
                w(f"  {n.id} {n.kind}: {' + '.join(n.sourced_ids)}\n")
    if comparison.merges:
        w("\nNew merges:\n")
        for m in comparison.merges[:limit]:
            w(f"  {' + '.join(m.sourced_ids)}\n")
    if comparison.contact_changes:
        w("\nContact changes:\n")
        for cc in comparison.contact_changes[:limit]:
            how = "applied by the app" if cc.applied_by_app else "joined users keep the old value"
            w(f"  {cc.sourced_id}.{cc.field}: {cc.old!r} -> {cc.new!r} ({how})\n")


COMPARISON_CSV_COLUMNS = ("change", "item", "sourced_ids", "field", "old", "new", "note")
"""One row per change: ``split`` (one row per changed field, or one without a field),
``merge``, ``near-miss-new``, ``near-miss-resolved``, ``contact-change``; first, when the
two checks ran under other settings or versions, a ``settings-changed`` row per setting
(its name in ``field``) and a ``versions-differ`` row (the versions in ``old`` and
``new``; where they agree and the reports' schema versions differ, since session 56,
``report schema 1.11`` and ``report schema 1.12``); when a side was read with rows rejected or errors, a ``read-problems`` row per
such count (``records_rejected``, ``records_repeated`` (since session 55) or
``read_errors`` in ``field``, the two sides' counts in ``old`` and ``new``; since session
53)."""

_CAUSE = "some changes may come from it, not from the roster"


def _rows(comparison: Comparison) -> list[tuple[str, str, str, str, str, str, str]]:
    rows: list[tuple[str, str, str, str, str, str, str]] = []
    for setting in comparison.settings_changed:
        rows.append(
            ("settings-changed", "", "", setting, "", "", f"another value of the setting: {_CAUSE}")
        )
    if comparison.versions_differ:
        old, new = comparison.versions_shown
        rows.append(
            ("versions-differ", "", "", "", old, new, f"another version of the library: {_CAUSE}")
        )
    lost = (
        "records a check never saw read as accounts gone or changed: some changes may come "
        "from the export"
    )
    for field, counts, note in (
        ("records_rejected", comparison.records_rejected, lost),
        (
            "records_repeated",
            comparison.records_repeated,
            "of the rows rejected, those repeating an earlier row of their sourcedId: "
            "nothing of the user lost",
        ),
        ("read_errors", comparison.read_errors, lost),
    ):
        if any(counts):
            rows.append(("read-problems", "", "", field, str(counts[0]), str(counts[1]), note))
    for split in comparison.splits:
        into = " | ".join(" ".join(p) for p in split.into)
        if not split.changes:
            rows.append(("split", "", " ".join(split.sourced_ids), "", "", "", f"into {into}"))
        for c in split.changes:
            rows.append(
                (
                    "split",
                    c.sourced_id,
                    " ".join(split.sourced_ids),
                    c.field,
                    c.old,
                    c.new,
                    f"into {into}",
                )
            )
    for m in comparison.merges:
        rows.append(("merge", "", " ".join(m.sourced_ids), "", "", "", "records kept apart before"))
    for n in comparison.near_misses_new:
        rows.append(("near-miss-new", n.id, " ".join(n.sourced_ids), "", "", "", n.kind))
    for n in comparison.near_misses_resolved:
        rows.append(("near-miss-resolved", n.id, " ".join(n.sourced_ids), "", "", "", n.kind))
    for cc in comparison.contact_changes:
        how = "applied by the app" if cc.applied_by_app else "joined users keep the old value"
        rows.append(("contact-change", cc.sourced_id, cc.sourced_id, cc.field, cc.old, cc.new, how))
    return rows


def write_comparison_csv(comparison: Comparison, out: IO[str]) -> int:
    """The comparison as a spreadsheet-safe CSV, one row per change; returns the row count."""
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COMPARISON_CSV_COLUMNS)
    rows = _rows(comparison)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return len(rows)


def write_comparison_html(comparison: Comparison, out: IO[str], *, old: str, new: str) -> None:
    """The comparison as one self-contained HTML page (no network), the summary first."""
    s = comparison.summary()
    w = out.write
    w("<!doctype html><html lang='en'><head><meta charset='utf-8'>")
    w(f"<title>OneRoster identity: what changes</title><style>{REPORT_CSS}</style></head><body>")
    w(f"<h1>What changes: {html_text(old)} &rarr; {html_text(new)}</h1><table id='summary-table'>")
    for key, value in s.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        w(f"<tr><th>{html_text(key.replace('_', ' '))}</th><td>{html_text(shown)}</td></tr>")
    w("</table>")
    if comparison.caveat:
        w(f"<p class='note'>{html_text(comparison.caveat)}</p>")
    w("<h2>Changes</h2><table id='changes'><tr>")
    w("".join(f"<th>{html_text(c)}</th>" for c in COMPARISON_CSV_COLUMNS) + "</tr>")
    for row in _rows(comparison):
        w("<tr>" + "".join(f"<td>{html_text(v)}</td>" for v in row) + "</tr>")
    w("</table></body></html>\n")
