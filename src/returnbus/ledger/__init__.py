"""The campaign's state across batches: who rode which bus and holds which bed, until when."""

from __future__ import annotations

from .store import (
    BatchRecord,
    Campaign,
    Ledger,
    LedgerBusy,
    LedgerUnlockable,
    Occupancy,
    OccupancyRun,
    VehicleDay,
    ledger_held,
    occupancy_runs,
    open_ledger,
    refuse_missing_ledger,
    undo_unfinished,
    vehicle_days,
)

__all__ = [
    "BatchRecord",
    "Campaign",
    "Ledger",
    "LedgerBusy",
    "LedgerUnlockable",
    "Occupancy",
    "OccupancyRun",
    "VehicleDay",
    "ledger_held",
    "occupancy_runs",
    "open_ledger",
    "refuse_missing_ledger",
    "undo_unfinished",
    "vehicle_days",
]
