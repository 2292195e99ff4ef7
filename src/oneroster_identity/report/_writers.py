"""Report writers: JSON (streamed), CSV fix list, terminal text and a self-contained HTML page."""

from __future__ import annotations

import csv
import html
import json
from typing import IO, Any

from oneroster_identity.match import MatchResult, NearMissKind
from oneroster_identity.report._document import (
    diagnostic_item,
    finding_item,
    header,
    near_miss_item,
    sections,
)

__all__ = ["safe_cell", "write_csv_fixes", "write_html", "write_json", "write_text"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (OWASP CSV injection).

    >>> safe_cell("=HYPERLINK(\\"x\\")"), safe_cell("ana@x.org")
    ('\\'=HYPERLINK("x")', 'ana@x.org')
    """
    text = "" if value is None else str(value)
    if text and (text.startswith(_FORMULA_START) or ord(text[0]) < 32):
        return "'" + text
    return text


def write_json(
    result: MatchResult, out: IO[str], *, source: str = "", version: str = "", redact: bool = False
) -> None:
    """Write the JSON report, one list item at a time (never the whole document in memory)."""
    head = header(result, source=source, version=version)
    out.write("{\n")
    for key, value in head.items():
        out.write(
            f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False, sort_keys=True)},\n"
        )
    for index, (name, items) in enumerate(sections(result, redact=redact)):
        out.write(",\n" if index else "")
        out.write(f"  {json.dumps(name)}: [")
        first = True
        for item in items:
            out.write("\n    " if first else ",\n    ")
            out.write(json.dumps(item, ensure_ascii=False, sort_keys=True))
            first = False
        out.write("\n  ]" if not first else "]")
    out.write("\n")
    out.write("}\n")


FIX_COLUMNS = (
    "near_miss_id",
    "confidence",
    "tags",
    "sourced_id",
    "field",
    "current",
    "suggested",
    "reason",
)


def write_csv_fixes(result: MatchResult, out: IO[str], *, redact: bool = False) -> int:
    """The fix list for the SIS team: one row per field change. Returns the row count."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIX_COLUMNS)
    rows = 0
    for near in result.near_misses:
        item = near_miss_item(near, redact=redact)
        for fix in item["fixes"]:
            writer.writerow(
                [
                    safe_cell(v)
                    for v in (
                        item["id"],
                        item["confidence"],
                        " ".join(item["tags"]),
                        fix["sourced_id"],
                        fix["field"],
                        fix["current"],
                        fix["suggested"],
                        fix["reason"],
                    )
                ]
            )
            rows += 1
    return rows


def _line(item: dict[str, Any]) -> str:
    where = item.get("sourced_id") or ""
    field = f".{item['field']}" if item.get("field") else ""
    return f"[{item['severity']}] {item['code']}: {item['message']} ({where}{field})"


def write_text(
    result: MatchResult,
    out: IO[str],
    *,
    source: str = "",
    redact: bool = False,
    limit: int = 15,
) -> None:
    """A short terminal report, the worst problems first."""
    s = result.summary()
    w = out.write
    w(f"OneRoster identity check: {source}\n")
    w(
        f"  records read        {s['records_read']} (matched {s['records_matched']}, "
        f"excluded {s['records_excluded']}, rejected {s['records_rejected']})\n"
    )
    w(f"  accounts created    {s['accounts_created']}  {s['accounts_by_role_family']}\n")
    if s["accounts_not_created"]:
        w(f"  NOT created         {s['accounts_not_created']} (no unique credential)\n")
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
    w(f"  findings            {s['findings_by_severity']}\n")
    w(f"  roster diagnostics  {s['diagnostics_by_severity']}\n")
    likely = [n for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME]
    if likely:
        w(
            "\nProbably one person, will split into several accounts (confirm, then fix in the SIS):\n"
        )
        for near_miss in likely[:limit]:
            item = near_miss_item(near_miss, redact=redact)
            tags = f" [{', '.join(item['tags'])}]" if item["tags"] else ""
            w(
                f"  {item['id']}  confidence {item['confidence']:.2f}{tags}: "
                f"{' + '.join(item['sourced_ids'])}\n"
            )
            for e in item["evidence"]:
                if e["kind"] not in ("identical",):
                    w(
                        f"      {e['field']:<11} {e['kind']:<18} {e['values'][0]!r} vs {e['values'][1]!r}\n"
                    )
            for fix in item["fixes"]:
                w(
                    f"      fix {fix['sourced_id']}.{fix['field']}: {fix['current']!r} -> "
                    f"{fix['suggested']!r}\n"
                )
        if len(likely) > limit:
            w(f"  ... and {len(likely) - limit} more (see --format json or html)\n")
    worst = [f for f in result.findings if f.severity.value != "info"]
    if worst:
        w("\nFindings (worst first):\n")
        for finding in worst[:limit]:
            w("  " + _line(finding_item(finding, redact=redact)) + "\n")
        if len(worst) > limit:
            w(f"  ... and {len(worst) - limit} more\n")
    shared = [n for n in result.near_misses if n.kind is NearMissKind.SHARED_CONTACT]
    if shared:
        w(
            f"\nShared contacts: {len(shared)} emails or phones are used by several people "
            "(allowed by newer app versions; listed in the full report)\n"
        )
    problems = [d for d in result.diagnostics if d.severity.value != "info"]
    if problems:
        w("\nRoster diagnostics:\n")
        for d in problems[:limit]:
            item = diagnostic_item(d, redact=True)
            w(f"  [{item['severity']}] {item['code']}: {item['message']} @ {d.location.format()}\n")
        if len(problems) > limit:
            w(f"  ... and {len(problems) - limit} more\n")
    w("\nNothing to fix.\n" if not result.has_problems else "")


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;
text-align:left;vertical-align:top}th{background:#f3f3f3}.diff{background:#ffe08a;font-weight:600}
.error{color:#a00}.warning{color:#a60}.info{color:#555}.nm{margin-bottom:1.5rem}
"""


def write_html(
    result: MatchResult, out: IO[str], *, source: str = "", redact: bool = False
) -> None:
    """A single self-contained HTML page: summary, near-misses side by side, findings."""
    e = html.escape
    s = result.summary()
    w = out.write
    w("<!doctype html><html lang='en'><head><meta charset='utf-8'>")
    w(f"<title>OneRoster identity check</title><style>{_CSS}</style></head><body>")
    w(f"<h1>OneRoster identity check</h1><p>Roster: {e(source)}</p>")
    w("<h2 id='summary'>Summary</h2><table id='summary-table'>")
    for key, value in s.items():
        w(
            f"<tr><th>{e(key.replace('_', ' '))}</th><td>{e(json.dumps(value, sort_keys=True))}</td></tr>"
        )
    w("</table>")
    w("<h2 id='near-misses'>Near-misses</h2>")
    for near in result.near_misses:
        item = near_miss_item(near, redact=redact)
        w(
            f"<div class='nm' id='{e(item['id'])}'><h3>{e(item['id'])}: {e(item['kind'])} "
            f"(confidence {item['confidence']:.2f})</h3><p>{e(item['summary'])}</p>"
        )
        w(
            "<table class='near-miss'><tr><th>field</th><th>difference</th><th>record A</th>"
            "<th>record B</th></tr>"
        )
        for ev in item["evidence"]:
            cls = "" if ev["kind"] == "identical" else " class='diff'"
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
        w("</div>")
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
    w(
        "</table><h2 id='diagnostics'>Roster diagnostics</h2><table><tr><th>severity</th>"
        "<th>code</th><th>where</th><th>message</th></tr>"
    )
    for d in result.diagnostics:
        w(
            f"<tr class='{e(d.severity.value)}'><td>{e(d.severity.value)}</td><td>{e(d.code)}</td>"
            f"<td>{e(d.location.format())}</td><td>{e(d.message)}</td></tr>"
        )
    w("</table></body></html>\n")
