"""The campaign's state across batches: who rode which bus and holds which bed, until when."""

from __future__ import annotations

from .store import (
    BatchRecord,
    Ledger,
    Occupancy,
    OccupancyRun,
    VehicleDay,
    occupancy_runs,
    open_ledger,
)

__all__ = [
    "BatchRecord",
    "Ledger",
    "Occupancy",
    "OccupancyRun",
    "VehicleDay",
    "occupancy_runs",
    "open_ledger",
]
