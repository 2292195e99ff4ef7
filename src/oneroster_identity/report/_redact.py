"""Masking of emails and phones for reports that leave the SIS team."""

from __future__ import annotations

__all__ = ["mask_email", "mask_phone", "mask_text", "mask_value"]


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


def _parts(field: str | None, value: str) -> list[str]:
    """The value and, for an email, its local part and domain: each can be quoted alone."""
    value = value.strip()
    parts = [value]
    if field == "email" and "@" in value:
        local, _, domain = value.rpartition("@")
        parts += [local, domain]
    return [p for p in parts if len(p) >= 3]


def mask_text(text: str, field: str | None, value: str | None) -> str:
    """``text`` with every appearance of ``value`` (and of an email's local part and
    domain) masked as :func:`mask_value` masks it.

    Messages are written without raw values, but some quote what a library said about a
    value (email-validator names the domain it rejects); redaction must cover those too.

    >>> mask_text("The domain name ana.example is not valid.", "email", "x@ana.example")
    'The domain name *** is not valid.'
    """
    if not value or field not in ("email", "sms", "phone"):
        return text
    for part in sorted(_parts(field, value), key=len, reverse=True):
        if part in text:
            shown = mask_value(field, part) if part == value.strip() else "***"
            text = text.replace(part, shown)
    return text
