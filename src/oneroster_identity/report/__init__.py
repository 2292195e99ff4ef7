"""Report formats: JSON (versioned schema), CSV fix list, terminal text, HTML, DataFrames."""

from __future__ import annotations

from oneroster_identity.report._document import SCHEMA_VERSION
from oneroster_identity.report._redact import (
    Redaction,
    RedactSetting,
    contact_hash,
    mask_birth_date,
    mask_email,
    mask_name,
    mask_phone,
)
from oneroster_identity.report._tables import ReportTable, report_tables
from oneroster_identity.report._writers import (
    REPORT_CSS,
    html_text,
    notebook_html,
    safe_cell,
    write_csv_fixes,
    write_html,
    write_json,
    write_text,
)

__all__ = [
    "REPORT_CSS",
    "SCHEMA_VERSION",
    "RedactSetting",
    "Redaction",
    "ReportTable",
    "contact_hash",
    "html_text",
    "mask_birth_date",
    "mask_email",
    "mask_name",
    "mask_phone",
    "notebook_html",
    "report_tables",
    "safe_cell",
    "write_csv_fixes",
    "write_html",
    "write_json",
    "write_text",
]
