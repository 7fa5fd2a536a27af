"""The master's choice of trips."""

from __future__ import annotations

import pytest
from ortools.linear_solver import pywraplp

from returnbus.routing.master import Column, choose


def test_ctrl_c_is_left_to_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """SCIP must not catch Ctrl-C: by default it ended the solve early as if at
    a limit, and the run went on to record a plan the budget does not give
    (and printed "pressed CTRL-C 1 times" in English)."""
    said: list[str] = []
    original = pywraplp.Solver.SetSolverSpecificParametersAsString

    def spy(solver: pywraplp.Solver, text: str) -> bool:
        said.append(text)
        return bool(original(solver, text))

    monkeypatch.setattr(pywraplp.Solver, "SetSolverSpecificParametersAsString", spy)
    choice = choose([Column(points=(0,), bus=0, riders=1, cost=1.0)], [1])
    assert choice.columns == (0,)
    assert said and all("misc/catchctrlc = FALSE" in text for text in said)
