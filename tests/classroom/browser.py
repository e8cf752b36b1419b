"""Driving ``quizapp serve`` in Debian's Chromium with Playwright, for tests and walkthroughs.

The terminal is drawn by xterm.js on a canvas, so there is no DOM text to read. textual-serve's
``textual.js`` is intercepted on its way to the page and one statement is added to xterm's
``Terminal`` constructor to keep each terminal in ``window.__quizTerminals``; the screen is then
read row by row from the terminal's buffer. The pattern must match exactly once, so an upgrade of
textual-serve that changes it fails loudly instead of silently reading nothing.

Nothing is downloaded: the browser is ``/usr/bin/chromium`` (never ``playwright install``), kept
on loopback with every other host unresolvable.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
]
_CONSTRUCTOR = "constructor(e){super(),this._core=this.register(new r.Terminal(e)),"
_HOOK = "constructor(e){super(),(window.__quizTerminals=window.__quizTerminals||[]).push(this),this._core=this.register(new r.Terminal(e)),"


def chromium_missing_reason() -> str | None:
    """Why the browser tests cannot run here (None: they can)."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install -y chromium; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


def free_port() -> int:
    """A TCP port free on loopback right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[Any], timeout: float = 60) -> None:
    """Wait until something listens on *port* (or the server died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"quizapp serve exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listened on port {port} within {timeout} s")


@contextmanager
def serving(
    argv: Sequence[str], env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Run ``quizapp serve ARGV`` on a free loopback port; yields the URL and the process."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "quizapp", "serve", "--port", str(port), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}/", process
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(20)


def hook_terminal(page: Any) -> None:
    """Make the page keep its xterm.js terminals in ``window.__quizTerminals``."""

    def patch(route: Any) -> None:
        response = route.fetch()
        body = response.text()
        count = body.count(_CONSTRUCTOR)
        if count != 1:
            raise AssertionError(
                f"textual.js: the Terminal constructor pattern matched {count} times, not once"
            )
        route.fulfill(response=response, body=body.replace(_CONSTRUCTOR, _HOOK))

    page.route(re.compile(r".*/static/js/textual\.js$"), patch)


def screen_text(page: Any) -> str:
    """The terminal's visible rows as text ('' before the terminal exists)."""
    return str(
        page.evaluate(
            """() => {
                const t = (window.__quizTerminals || [])[0];
                if (!t) return "";
                const b = t.buffer.active, rows = [];
                for (let i = 0; i < t.rows; i++) {
                    const line = b.getLine(b.viewportY + i);
                    rows.push(line ? line.translateToString(true) : "");
                }
                return rows.join("\\n");
            }"""
        )
    )


def wait_for_text(page: Any, pattern: str, timeout: float = 30) -> str:
    """Poll the screen until *pattern* (a regular expression) shows; returns the screen."""
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = screen_text(page)
        if re.search(pattern, text):
            return text
        page.wait_for_timeout(150)
    raise AssertionError(f"{pattern!r} did not show within {timeout} s; the screen was:\n{text}")


_KEY_NAMES = {
    "Enter", "Tab", "Escape", "Backspace", "Delete", "Space", "Home", "End", "PageUp", "PageDown",
    "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", *(f"F{n}" for n in range(1, 13)),
}  # fmt: skip


def type_keys(page: Any, *keys: str, delay: float = 0) -> None:
    """Send keys to the terminal: key names ("Enter", "Control+s") are pressed, the rest typed,
    *delay* milliseconds apart (0: as one burst)."""
    page.locator(".xterm-helper-textarea").focus()
    for key in keys:
        if key in _KEY_NAMES or ("+" in key and key.split("+")[-1] and key[0].isupper()):
            page.keyboard.press(key, delay=delay)
        else:
            page.keyboard.type(key, delay=delay)


@contextmanager
def browser() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    args = list(CHROMIUM_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=args)
        try:
            yield instance
        finally:
            instance.close()


def open_tab(instance: Any, url: str, width: int = 1000, height: int = 620) -> Any:
    """A new page on *url* with the terminal hooked; waits for the terminal to exist."""
    context = instance.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    page = context.new_page()
    hook_terminal(page)
    page.goto(url)
    page.wait_for_function("() => (window.__quizTerminals || []).length > 0", timeout=30_000)
    return page
