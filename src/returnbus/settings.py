"""Settings of a planning run, composed of each stage's own parameters.

Nothing is parsed here (the scenario file is read by `returnbus.io.scenario`)
and nothing is global: the pipeline passes each stage its part.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .cluster import ClusterParams
from .locate import PlacementRules
from .quarantine import QuarantineParams
from .routing.params import BusRules, ReplanRules, SolverSettings
from .screen import ScreeningPolicy
from .seating import SeatingPolicy
from .travel import TravelSettings


@dataclass(frozen=True, slots=True, kw_only=True)
class IntakeSettings:
    """How a roster is screened and placed, once, when a batch is prepared."""

    screening: ScreeningPolicy = field(default_factory=ScreeningPolicy)
    placement: PlacementRules = field(default_factory=PlacementRules)


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """How a prepared batch is planned: one field per stage."""

    cluster: ClusterParams = field(default_factory=ClusterParams)
    seating: SeatingPolicy = field(default_factory=SeatingPolicy)
    rules: BusRules = field(default_factory=BusRules)
    travel: TravelSettings = field(default_factory=TravelSettings)
    solver: SolverSettings = field(default_factory=SolverSettings)
    quarantine: QuarantineParams = field(default_factory=QuarantineParams)
    replan: ReplanRules = field(default_factory=ReplanRules)
