"""Masking personal data before it is shown or shared."""

from __future__ import annotations

#: A mainland ID number's length, and how many of its characters each mask
#: shows: an ID of another length (Taiwan's A123456789, Hong Kong's
#: A123456(3), an old 15-digit one, a typing error) shows no larger share.
_MAINLAND = 18
_ENDS_SHOWN = 8  # `mask_id_number`: the first four and the last four
_TAIL_SHOWN = 4  # `mask_id_tail`: the last four


def mask_phone(phone: str) -> str:
    """``13812345678`` -> ``138****5678``: enough to recognise, not to call."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_id_number(number: str) -> str:
    """An ID number with all but its first and last four characters hidden
    (``5203**********123X``); one of another length shows as large a share
    at most, half in front and half behind (``A1******89``)."""
    if len(number) <= _ENDS_SHOWN:  # ends that would meet: hidden whole
        return "*" * len(number)
    shown = _shown(number, _ENDS_SHOWN)
    front, back = shown // 2, shown - shown // 2
    return number[:front] + "*" * (len(number) - shown) + (number[-back:] if back else "")


def mask_id_tail(number: str) -> str:
    """An ID number with only its last four characters shown, as on the
    registration form: ``**************1234``; one of another length
    shows as large a share at most (``********89``)."""
    shown = _shown(number, _TAIL_SHOWN)
    return "*" * (len(number) - shown) + (number[-shown:] if shown else "")


def _shown(number: str, of_mainland: int) -> int:
    """How many of ``number``'s characters a mask may show: ``of_mainland``
    of a mainland ID's 18, no larger a share of any other length."""
    return min(of_mainland, len(number) * of_mainland // _MAINLAND)
