"""Masking of emails and phones for reports that leave the SIS team."""

from __future__ import annotations

__all__ = ["mask_email", "mask_phone", "mask_value"]


def mask_email(value: str) -> str:
    """``jane.doe@gmail.com`` -> ``j***@g***.com``; non-addresses become ``***``."""
    value = value.strip()
    if not value:
        return ""
    local, at, domain = value.rpartition("@")
    if not at or not local or not domain:
        return "***"
    head, dot, tld = domain.rpartition(".")
    masked_domain = f"{head[:1]}***.{tld}" if dot and head else "***"
    return f"{local[:1]}***@{masked_domain}"


def mask_phone(value: str) -> str:
    """``(603) 555-4567`` -> ``***-***-4567``: only the last four digits stay."""
    digits = [ch for ch in value if ch.isdigit()]
    if not digits:
        return "***" if value.strip() else ""
    return "***-***-" + "".join(digits[-4:]) if len(digits) > 4 else "***"


def mask_value(field: str | None, value: str) -> str:
    """Mask ``value`` according to the OneRoster field it came from."""
    if field == "email":
        return mask_email(value)
    if field in ("sms", "phone"):
        return mask_phone(value)
    return value
