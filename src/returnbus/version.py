"""The installed version of returnbus, for plan.json, user agents and --version."""

from __future__ import annotations

from importlib.metadata import version as _version

__version__ = _version("returnbus")
