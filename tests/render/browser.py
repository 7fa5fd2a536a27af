"""Headless Chromium for the map tests, with the network off.

Without Chromium on a developer machine the tests skip, saying how to
install it; under CI (``CI=true``) a missing browser fails.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Dialog, Page, sync_playwright

_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Visit:
    """What a page did when opened: console errors, dialogs, requests, routes
    drawn, the legend's text, and each overlay of the layer control with the
    routes and stop markers that unticking it hides (``layers``), and the
    dormitory and depot or employer markers (``places``); and the lines of
    the first popup of each kind of marker (``popups``)."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    routes: int = 0
    legend: str = ""
    stops: list[str] = field(default_factory=list)
    layers: list[tuple[str, int, int]] = field(default_factory=list)
    places: list[tuple[str, int, int]] = field(default_factory=list)
    popups: dict[str, list[str]] = field(default_factory=dict)


def chromium() -> str:
    """The Chromium executable, or skip (fail under CI) with how to install it."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        message = "Chromium is needed for the map tests: apt-get install chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


@contextmanager
def _page(executable: str, size: tuple[int, int] = (1200, 800)) -> Iterator[Page]:
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, args=_FLAGS)
        try:
            context = browser.new_context(
                offline=True, viewport={"width": size[0], "height": size[1]}
            )
            yield context.new_page()
        finally:
            browser.close()


#: Each overlay's name, and how many of the elements each of two selectors
#: finds go when it is unticked.
_LAYERS = """(selectors) => {
  const drawn = () => selectors.map((s) => document.querySelectorAll(s).length);
  return Array.from(document.querySelectorAll(".leaflet-control-layers-overlays label"), (row) => {
    const box = row.querySelector("input"), shown = drawn();
    box.click();
    const hidden = drawn();
    box.click();
    return [row.textContent.trim(), shown[0] - hidden[0], shown[1] - hidden[1]];
  });
}"""
#: The lines of the first popup of each kind of marker (by its icon's class:
#: ``rb-dorm``, ``rb-site rb-depot``, ``rb-stop``), as the desk reads them.
_POPUPS = """() => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const said = {};
  map.eachLayer((layer) => {
    const icon = layer.options.icon && layer.options.icon.options.html;
    const kind = icon instanceof HTMLElement ? icon.className : null;
    if (!kind || kind in said || !layer.getPopup || !layer.getPopup()) return;
    layer.openPopup();
    const box = layer.getPopup().getElement().querySelector(".rb-popup");
    said[kind] = Array.from(box.childNodes, (line) => line.textContent);
    map.closePopup();
  });
  return said;
}"""
_ROUTES_AND_STOPS = ["path.rb-route", ".leaflet-marker-pane .rb-stop"]
_DORMS_AND_SITES = [".leaflet-marker-pane .rb-dorm", ".leaflet-marker-pane .rb-site"]


def evaluate(html: Path, script: str, size: tuple[int, int] = (1200, 800)) -> Any:
    """Open ``html`` offline in a window of ``size`` (width, height), wait for
    the map to be drawn, and give what ``script`` (a function, maybe async)
    returns; a console error fails."""
    return evaluate_resized(html, [(size, script)])[0]


#: Waits out a resize of the window: Leaflet sees it at the next frame.
_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 50)))"


def evaluate_resized(html: Path, steps: Sequence[tuple[tuple[int, int], str]]) -> list[Any]:
    """Open ``html`` offline in a window of the first step's size, wait for
    the map to be drawn, then at each step set the window to its size
    (width, height), as a desk docking the browser does, and give what its
    script (a function, maybe async) returns; a console error fails."""
    errors: list[str] = []
    results = []
    with _page(chromium(), steps[0][0]) as page:
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(html.resolve().as_uri())
        page.wait_for_function("window.returnbusReady === true", timeout=20_000)
        for size, script in steps:
            if page.viewport_size != {"width": size[0], "height": size[1]}:
                page.set_viewport_size({"width": size[0], "height": size[1]})
                page.evaluate(_FRAMES)
            results.append(page.evaluate(script))
    assert errors == [], errors
    return results


def visit(html: Path, screenshot: Path | None = None) -> Visit:
    """Open ``html`` offline, wait for the map to be drawn, and report."""
    seen = Visit()

    def dialog(opened: Dialog) -> None:
        seen.dialogs.append(opened.message)
        opened.dismiss()

    with _page(chromium()) as page:
        page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: seen.errors.append(str(e)))
        page.on("dialog", dialog)
        page.on("request", lambda r: seen.requests.append(r.url))
        page.goto(html.resolve().as_uri())
        page.wait_for_function("window.returnbusReady === true", timeout=20_000)
        seen.routes = page.evaluate("document.querySelectorAll('path.rb-route').length")
        seen.stops = page.evaluate(
            "Array.from(document.querySelectorAll('.rb-stop')).map(e => e.textContent)"
        )
        seen.legend = page.evaluate(
            "Array.from(document.querySelectorAll('.rb-legend')).map(e => e.innerText).join()"
        )
        seen.layers = [tuple(layer) for layer in page.evaluate(_LAYERS, _ROUTES_AND_STOPS)]
        seen.popups = page.evaluate(_POPUPS)
        seen.places = [tuple(layer) for layer in page.evaluate(_LAYERS, _DORMS_AND_SITES)]
        if screenshot is not None:
            page.screenshot(path=str(screenshot))
    return seen
