"""Headless Chromium through Playwright, using the system's browser.

Playwright's own browser download does not work offline, so Debian's /usr/bin/chromium (or
$GEO_CHROMIUM) is launched by path. Every failure becomes a SnapshotError that says what to do.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

from geo.errors import SnapshotError

__all__ = ["CHROMIUM_FLAGS", "INSTALL_HINT", "Browser", "find_chromium", "launch"]

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
INSTALL_HINT = "install one with `apt-get install chromium` (Debian/Ubuntu) or set GEO_CHROMIUM to a Chromium binary"
LAUNCH_TIMEOUT_S = 30.0
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
KNOWN_PATHS = ("/usr/bin/chromium", "/usr/lib/chromium/chromium")


def find_chromium() -> Path:
    """The Chromium binary to drive: $GEO_CHROMIUM, else the first chromium on PATH or in /usr/bin."""
    wanted = os.environ.get("GEO_CHROMIUM")
    if wanted:
        if not Path(wanted).is_file():
            raise SnapshotError(f"GEO_CHROMIUM points to no file: {wanted!r}")
        return Path(wanted)
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    for path in KNOWN_PATHS:
        if Path(path).is_file():
            return Path(path)
    raise SnapshotError(f"no Chromium browser found to render snapshots: {INSTALL_HINT}")


_local = threading.local()


def _acquire_playwright():
    """This thread's Playwright driver: the sync API allows one per thread, so browsers share it."""
    if getattr(_local, "playwright", None) is None:
        from playwright.sync_api import sync_playwright

        _local.playwright = sync_playwright().start()
        _local.users = 0
    _local.users += 1
    return _local.playwright


def _release_playwright() -> None:
    _local.users -= 1
    if _local.users <= 0 and _local.playwright is not None:
        playwright, _local.playwright = _local.playwright, None
        try:
            playwright.stop()
        except Exception:
            pass


class Browser:
    """A running headless Chromium; close() (or the context manager) stops it."""

    def __init__(self, browser):
        self.browser = browser
        self._closed = False
        self._pages: dict[tuple, object] = {}

    def new_page(self, width: int, height: int, scale: float = 1.0, *, offline: bool = True):
        """A page of the given viewport; with `offline`, every request but file: and data: fails."""
        try:
            context = self.browser.new_context(
                viewport={"width": width, "height": height}, device_scale_factor=scale
            )
            if offline:
                context.route(
                    "**/*",
                    lambda route: route.continue_()
                    if route.request.url.startswith(("file:", "data:", "about:"))
                    else route.abort(),
                )
            return context.new_page()
        except Exception as exc:  # playwright raises its own Error for a dead browser
            raise SnapshotError(f"the browser failed to open a page: {exc}") from exc

    def cached_page(self, width: int, height: int, scale: float = 1.0, *, offline: bool = True):
        """A page kept open for pictures of this size: a new browser context costs 0.3-2 s on a busy
        machine, most of a warm snapshot. Its script errors collect in `page.cem_errors`."""
        key = (width, height, float(scale), offline)
        page = self._pages.get(key)
        if page is None or page.is_closed():
            page = self.new_page(width, height, scale, offline=offline)
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.cem_errors = errors
            self._pages[key] = page
        return page

    def drop_page(self, page) -> None:
        """Forget a kept page that failed (a hung script would hang the next picture too)."""
        for key, kept in list(self._pages.items()):
            if kept is page:
                del self._pages[key]
        try:
            page.context.close()
        except Exception:
            pass

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for page in self._pages.values():
            try:
                page.context.close()
            except Exception:
                pass
        self._pages.clear()
        try:
            self.browser.close()
        except Exception:
            pass
        _release_playwright()

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def launch(timeout_s: float = LAUNCH_TIMEOUT_S) -> Browser:
    """Start headless Chromium; a SnapshotError if it is missing, crashes or does not start in time."""
    executable = find_chromium()
    try:
        playwright = _acquire_playwright()
    except ImportError as exc:
        raise SnapshotError(f"the playwright package is missing: pip install playwright ({exc})") from exc
    except Exception as exc:  # e.g. called from a thread running an asyncio loop
        raise SnapshotError(f"cannot start Playwright here: {exc}") from exc
    try:
        browser = playwright.chromium.launch(
            executable_path=str(executable),
            args=list(CHROMIUM_FLAGS),
            timeout=timeout_s * 1000,
        )
    except Exception as exc:
        _release_playwright()
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SnapshotError(f"Chromium at {str(executable)!r} did not start: {first_line}") from exc
    return Browser(browser)
