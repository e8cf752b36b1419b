"""``quizapp serve``: the app in every student's browser, on textual-serve.

textual-serve answers each browser tab with a page that opens a websocket, and runs one app
process per tab (the command below, through ``/bin/sh``; ``exec`` so that the shell does not
stay around). Every process writes the one progress database, which the store is built for
(WAL, ``BEGIN IMMEDIATE``: RELIABILITY §3.2, §3.6).

Each tab runs the app in *classroom mode* (``--classroom``): it always starts at "Who is
studying?" and never on a remembered name, keeps no settings of one student for the next
(language, last choices), and, with a roster, takes names only from the roster with their PIN.

Everything that can be wrong with the roster or the preset is found here, before anything is
served, so a teacher sees ``path:line: error`` at once rather than students seeing a broken tab.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizapp.classroom.preset import Preset
from quizapp.classroom.roster import Roster

#: The browser tab's title.
TITLE = "quizapp"


@dataclass(frozen=True)
class ServePlan:
    """What to serve, checked: the command each tab runs and where to listen."""

    host: str
    port: int
    data_dir: Path
    banks: tuple[Path, ...]
    roster_path: Path | None
    roster: Roster | None
    preset_path: Path | None
    preset: Preset | None
    language: str | None

    def command(self, python: str = sys.executable) -> str:
        """The shell command that runs one tab's app."""
        parts = [python, "-m", "quizapp", "--classroom", "--data-dir", str(self.data_dir)]
        if self.roster_path is not None:
            parts += ["--roster", str(self.roster_path)]
        if self.preset_path is not None:
            parts += ["--preset", str(self.preset_path)]
        if self.language:
            parts += ["--lang", self.language]
        parts += [str(p) for p in self.banks]
        return "exec " + shlex.join(parts)

    @property
    def url(self) -> str:
        """Where students point their browsers (for a wildcard address: this machine's address
        on the network, as far as it can be told)."""
        host = self.host
        if host in ("0.0.0.0", "::", ""):
            host = network_address() or ("127.0.0.1" if host != "::" else "[::1]")
        elif ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/"


def network_address() -> str | None:
    """This machine's IPv4 address on its network (None if it has none but loopback).

    Connecting a UDP socket sends nothing; it only makes the system choose the outgoing address.
    """
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            address = str(probe.getsockname()[0])
    except OSError:
        return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def is_loopback(host: str) -> bool:
    """Whether *host* only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def open_warning(plan: ServePlan) -> str | None:
    """The warning for a server reachable from other machines without a roster."""
    if plan.roster is None and not is_loopback(plan.host):
        return (
            f"quizapp serve: warning: listening on {plan.host} without --roster: anyone who can reach "
            f"port {plan.port} can answer under any name. Give a roster (--roster students.csv) to have "
            "students prove who they are with a PIN."
        )
    return None


def make_server(plan: ServePlan) -> Any:
    """A textual-serve server for *plan* whose page works at whatever address students use."""
    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.server import Server, to_int

    class ClassroomServer(Server):
        """textual-serve's server, with the page's URLs taken from the request (a server on
        0.0.0.0 is reached at the teacher's machine's address, not at 0.0.0.0) and our own
        start-up message."""

        @aiohttp_jinja2.template("app_index.html")
        async def handle_index(self, request: web.Request) -> dict[str, Any]:
            base = f"{request.scheme}://{request.host}"
            socket_scheme = "wss" if request.scheme == "https" else "ws"
            return {
                "font_size": to_int(request.query.get("fontsize", "16"), 16),
                "app_websocket_url": f"{socket_scheme}://{request.host}/ws",
                "config": {"static": {"url": f"{base}/static/"}},
                "application": {"name": self.title},
            }

        async def on_startup(self, app: web.Application) -> None:
            print(f"quizapp serve: students open {plan.url} (Ctrl+C stops the server)", flush=True)
            print(f"quizapp serve: answers go to {plan.data_dir}", flush=True)

    return ClassroomServer(plan.command(), host=plan.host, port=plan.port, title=TITLE)
