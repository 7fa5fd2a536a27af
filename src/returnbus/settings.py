"""Settings of a planning run, composed of each stage's own parameters.

Nothing is parsed here (the scenario file is read by `returnbus.io.scenario`)
and nothing is global: the pipeline passes each stage its part.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .cluster import ClusterParams
from .locate import PlacementRules
from .quarantine import QuarantineParams
from .routing.params import BusRules, ReplanRules, SolverSettings
from .screen import ScreeningPolicy
from .seating import SeatingPolicy
from .text import Lang
from .travel import TravelSettings

Basemap = Literal["none", "amap", "osm", "tianditu"]


@dataclass(frozen=True, slots=True, kw_only=True)
class OutputSettings:
    """How papers, lists and the map are written.

    ``lang``: ``zh`` (default) or ``en``.  ``basemap``: ``none`` (province
    and county outlines shipped with returnbus: works with no network),
    ``amap`` (高德 tiles, points shown in GCJ-02), ``osm``, or ``tianditu``
    (needs ``tianditu_key``); tiles load only when the map is opened online.
    ``police_export`` also writes the registration forms with full ID
    numbers, for the police only.  ``notify_minutes``: a pickup moved by less
    than this is not a change to call a rider about.  ``combined_pdf``:
    all papers in one ``papers.pdf`` as well as per bus (None: only up to
    `COMBINED_PDF_BUSES` buses, since a district's is too big to print).
    """

    lang: Lang = "zh"
    basemap: Basemap = "none"
    tianditu_key: str = ""
    police_export: bool = False
    notify_minutes: int = 10
    combined_pdf: bool | None = None

    def wants_combined_pdf(self, buses: int) -> bool:
        """Whether ``papers.pdf`` is written for a plan of ``buses`` buses."""
        return self.combined_pdf if self.combined_pdf is not None else buses <= COMBINED_PDF_BUSES


#: Up to this many buses, papers.pdf is written unless the settings say otherwise.
COMBINED_PDF_BUSES = 300


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
    output: OutputSettings = field(default_factory=OutputSettings)
