"""A class arriving: ``quizapp serve`` with 20 sessions joining over 20 seconds.

Each session speaks textual-serve's websocket protocol as the browser page does (``/ws``; keys go
as ``["stdin", text]``, the screen comes back as terminal output), types a name at "Who is
studying?", starts the preset and answers its 5 questions at a person's typing pace. Measured:

- **first screen**: from opening the websocket to "Who is studying?" drawn, for every session
  (p95 and median), against a budget of 2 s, and against one session alone on an idle server;
- **memory per session**: the resident memory of the app processes while all 20 are on their
  last question, divided by 20, against a budget of 60 MiB;
- **answers lost**: the answers not found in the database afterwards (there must be none).

Machine load matters here (the 2 cores are shared by the server, 20 apps and this client), so
the figures are what a class would see on this machine, not ratios to something else.
"""

from __future__ import annotations

import asyncio
import os
import re
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

SESSIONS = 20
SPREAD_S = 20.0
QUESTIONS = 5
FIRST_SCREEN_BUDGET_S = 2.0
MEMORY_BUDGET_MIB = 60.0
#: How long a student looks at a question before typing (seconds).
READ_S = 0.5
WORDS = ("astana", "almaty", "shymkent", "aktobe", "taraz")
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def bank_text() -> str:
    """Five text questions, each answered by typing one word."""
    lines = [
        "format: 1",
        "bank:",
        "  id: class-bench",
        "  title: {tr: Sınıf, en: Class, kk: Сынып}",
        "  source_language: en",
        "  sources:",
        "    - id: doc",
        "      title: {tr: Belge, en: Document, kk: Құжат}",
        "      sections:",
        "        - id: one",
        "          title: {tr: Bir, en: One, kk: Бір}",
        "  topics:",
        "    - id: cities",
        "      name: {tr: Şehirler, en: Cities, kk: Қалалар}",
        "questions:",
    ]
    for index, word in enumerate(WORDS, start=1):
        lines += [
            f"  - id: q{index}",
            "    kind: text",
            "    topics: [cities]",
            "    difficulty: 1",
            f"    prompt: {{tr: '{word} yazın', en: 'Type {word}', kk: '{word} деп жазыңыз'}}",
            f"    answers: {{tr: [{word}], en: [{word}], kk: [{word}]}}",
            "    explanation: {tr: Tamam., en: Fine., kk: Жарайды.}",
            "    source: {document: doc, section: one}",
        ]
    return "\n".join(lines) + "\n"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(entry.name))
    return found


class Session:
    """One student's tab, over the websocket."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.screen = ""
        #: "Could not save your progress" notices seen (a save the app knows failed).
        self.save_errors = 0

    async def until(self, pattern: str, timeout: float = 60) -> re.Match[str]:
        """Read the screen until *pattern* shows; returns the match (and forgets what was read)."""
        import aiohttp

        deadline = time.monotonic() + timeout
        while not (found := re.search(pattern, text := _ANSI.sub("", self.screen))):
            if "Could not save" in text:
                self.save_errors += 1
                self.screen = self.screen.replace("Could not save", "")
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{pattern!r} did not show")
            message = await asyncio.wait_for(self.ws.receive(), timeout=left)
            if message.type == aiohttp.WSMsgType.BINARY:
                self.screen += message.data.decode("utf-8", "replace")
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                raise ConnectionError("the server closed the session")
        self.screen = ""
        return found

    async def type(self, text: str, pace: float = 0.04) -> None:
        """Send *text* a key at a time, at a person's typing pace."""
        for character in text:
            await self.ws.send_json(["stdin", character])
            await asyncio.sleep(pace)


async def _student(
    url: str, number: int, start_at: float, all_done: asyncio.Event, result: dict[str, Any]
) -> None:
    import aiohttp

    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    async with aiohttp.ClientSession() as client:
        opened = time.monotonic()
        async with client.ws_connect(f"{url}ws?width=100&height=30", max_msg_size=0) as ws:
            tab = Session(ws)
            result["answered"] = 0
            try:
                await tab.until("Who is studying")
                result["first_screen"] = time.monotonic() - opened
                await tab.type(f"Student {number:02d}\r")
                await tab.until(f"Student {number:02d}")
                await tab.type("\x13")  # ctrl+s: start the preset
                for index in range(1, QUESTIONS + 1):
                    # The question's own header first: a redraw of the last question must not
                    # pass for the next one.
                    asked = await tab.until(
                        rf"Question {index} of {QUESTIONS}[\s\S]*?Type ({'|'.join(WORDS)})\b"
                    )
                    await asyncio.sleep(READ_S)  # a person reads the question before typing
                    await tab.type(asked.group(1) + "\r")
                    verdict = await tab.until(r"Right!|Not right")
                    result["answered"] += 1
                    result["right"] = result.get("right", 0) + (verdict.group(0) == "Right!")
                    if index < QUESTIONS:
                        await tab.type("\x0e")  # ctrl+n: the next question
            except (TimeoutError, ConnectionError) as exc:
                result["error"] = f"{type(exc).__name__}: {exc}"
            result["save_errors"] = tab.save_errors
            result["done"] = True
            await all_done.wait()


async def _class(url: str, server_pid: int, log: Any) -> tuple[list[dict[str, Any]], float]:
    """Run the class; returns each session's result and the memory per session (MiB)."""
    all_done = asyncio.Event()
    results: list[dict[str, Any]] = [{} for _ in range(SESSIONS)]
    begin = time.monotonic() + 0.5
    tasks = [
        asyncio.create_task(_student(url, n + 1, begin + n * SPREAD_S / SESSIONS, all_done, results[n]))
        for n in range(SESSIONS)
    ]
    while not all(r.get("done") for r in results):
        if any(t.done() and t.exception() for t in tasks):
            break
        await asyncio.sleep(0.2)
    # Everybody is on their last question now (or failed): measure the apps' memory.
    apps = [pid for pid in _children(server_pid) if pid != os.getpid()]
    per_session = sum(_rss_mib(pid) for pid in apps) / max(1, len(apps))
    log(f"classroom: {len(apps)} app processes, {per_session:.1f} MiB each on average")
    all_done.set()
    for task in tasks:
        try:
            await task
        except Exception as exc:  # a crashed session counts as lost answers below
            log(f"classroom: a session failed: {exc!r}")
    return results, per_session


async def _alone(url: str) -> float:
    """First screen of one session on an idle server."""
    import aiohttp

    async with aiohttp.ClientSession() as client:
        opened = time.monotonic()
        async with client.ws_connect(f"{url}ws?width=100&height=30", max_msg_size=0) as ws:
            await Session(ws).until("Who is studying")
            return time.monotonic() - opened


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]


def classroom(ctx: Any) -> list[Any]:
    """20 sessions joining over 20 s: first screen, memory per session, answers lost."""
    from run import Row

    from quizapp.core.store import Store

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-class-") as scratch:
        work = Path(scratch)
        (work / "class.yaml").write_text(bank_text(), encoding="utf-8")
        (work / "exam.yaml").write_text(f"bank: class-bench\nmode: practice\ncount: {QUESTIONS}\nseed: 1\n")
        data = work / "data"
        port = _free_port()
        env = {
            **os.environ,
            "QUIZAPP_CONFIG_DIR": str(work / "config"),
            "QUIZAPP_CACHE_DIR": str(work / "cache"),
        }
        argv = [
            ctx.python,
            "-m",
            "quizapp",
            "serve",
            str(work / "class.yaml"),
            "--preset",
            str(work / "exam.yaml"),
        ]
        argv += ["--data-dir", str(data), "--port", str(port), "--lang", "en"]
        server = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("quizapp serve did not start")
                time.sleep(0.1)
            url = f"http://127.0.0.1:{port}/"
            ctx.log("classroom: one session alone")
            alone = statistics.median(asyncio.run(_alone(url)) for _ in range(3))
            ctx.log(f"classroom: {SESSIONS} sessions joining over {SPREAD_S:.0f} s")
            results, per_session = asyncio.run(_class(url, server.pid, ctx.log))
        finally:
            server.terminate()
            server.wait(30)
        store = Store.open_readonly(data)
        try:
            saved = {(r.profile, r.question_id) for r in store.export_rows() if r.answered}
        finally:
            store.close()
    firsts = [r["first_screen"] for r in results if "first_screen" in r]
    errors = [r["error"] for r in results if "error" in r]
    wrong = sum(r.get("answered", 0) - r.get("right", 0) for r in results)
    refused = sum(r.get("save_errors", 0) for r in results)
    if refused:
        errors.append(f"{refused} 'Could not save' notice(s)")
    if wrong:
        errors.append(f"{wrong} typed answer(s) graded wrong: keys were lost")
    given = sum(r.get("answered", 0) for r in results)
    expected = SESSIONS * QUESTIONS
    lost = expected - len(saved)
    size = f"{SESSIONS} sessions over {SPREAD_S:.0f} s, {QUESTIONS} answers each"
    p95 = _p95(firsts) if len(firsts) == SESSIONS else float("inf")
    note = f"{len(errors)} session(s) failed: {errors[0]}" if errors else ""
    rows.append(
        Row("classroom", "first screen (p95)", size, p95, "budget: 2 s", FIRST_SCREEN_BUDGET_S, 1.0, note)
    )
    rows.append(
        Row("classroom", "first screen (median)", size, statistics.median(firsts or [float("inf")]),
            "one session alone (median of 3)", alone)
    )  # fmt: skip
    rows.append(
        Row("classroom", "memory per session (RSS)", size, per_session, "budget: 60 MiB", MEMORY_BUDGET_MIB,
            1.0, unit="MiB")
    )  # fmt: skip
    rows.append(
        Row("classroom", "answers lost", f"{given} answered of {expected}", lost, "answers expected", expected,
            0.0, unit="answers")
    )  # fmt: skip
    return rows
