"""returnbus: plan buses, pickup points and quarantine beds to bring workers back."""

from __future__ import annotations

import logging
from importlib.metadata import version as _version

__version__ = _version("returnbus")

logging.getLogger("returnbus").addHandler(logging.NullHandler())
