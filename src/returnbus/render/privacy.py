"""Masking personal data before it is shown or shared."""

from __future__ import annotations


def mask_phone(phone: str) -> str:
    """``13812345678`` -> ``138****5678``: enough to recognise, not to call."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_id_number(number: str) -> str:
    """An ID number with all but its first and last four characters hidden."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_id_tail(number: str) -> str:
    """An ID number with only its last four characters shown, as on the
    registration form: ``**************1234``."""
    return "*" * max(0, len(number) - 4) + number[-4:] if number else ""
