"""Quarantine beds: a time-aware resource shared by the batches of a campaign.

`reserve_beds` (before routing) and `allocate_beds` (after it) give real
rooms and beds; an exact CP-SAT model (`model.py`, the one OR-Tools import)
decides how many of whom sleep where.
"""

from __future__ import annotations

from .allocate import Allocation, allocate_beds, reserve_beds
from .params import BedRequest, QuarantineParams

__all__ = ["Allocation", "BedRequest", "QuarantineParams", "allocate_beds", "reserve_beds"]
