"""Quarantine beds: a time-aware resource shared by the batches of a campaign.

`allocate_beds` gives real rooms and beds, before routing (a reservation)
and after it; an exact CP-SAT model (`model.py`, the one OR-Tools import)
decides how many of whom sleep where.
"""

from __future__ import annotations

from .allocate import Allocation, allocate_beds, who
from .params import BedRequest, QuarantineParams
from .rooms import unfree_beds

__all__ = ["Allocation", "BedRequest", "QuarantineParams", "allocate_beds", "unfree_beds", "who"]
