"""Import and export (issue 13): a 10,000-question bank through GIFT and Moodle XML.

The baseline is ``quizapp validate`` of the same bank in YAML, run as a process in the same
batch. Measured as processes, like a teacher runs them:

- ``quizapp import`` of a 10,000-question GIFT file (all three languages as Moodle multilang
  spans, written by our own export of the generated bank), writing a folder bank: target ≤ 2×.
  The import checks the bank it writes with the loader itself, so it does at least the work of
  one validate; the target leaves the other half for reading GIFT and writing YAML.
- ``quizapp export`` of the bank to Moodle XML (all languages): target ≤ 0.5×. An unchanged bank
  is read from the compiled bank cache (as the app reads it), so the cache is filled once before
  timing; the first export of a bank parses its YAML and is shown too, without a target.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

COUNT = 10_000


def _runner(argv: list[str], env: dict[str, str], cwd: Path) -> Callable[[], None]:
    def run() -> None:
        result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=env)
        if result.returncode not in (0,):
            raise RuntimeError(f"{' '.join(argv)} exited {result.returncode}: {result.stderr[-2000:]}")

    return run


def formats(ctx: Any) -> list[Any]:
    """Import of a 10k-question GIFT file and export to Moodle XML, against validate."""
    from generate import ensure
    from run import PROJECT, Row, process, timed

    from quizapp.core.loading import load_bank
    from quizapp.formats.exporting import Exporter, write

    root = Path(ctx.work) / f"bank-{COUNT}"
    ensure(COUNT, root)
    work = Path(ctx.work) / "formats"
    work.mkdir(parents=True, exist_ok=True)
    gift = work / f"bank-{COUNT}.gift"
    stamp = work / ".stamp"
    source_stamp = (root / ".stamp").read_text(encoding="utf-8")
    if not gift.is_file() or not stamp.is_file() or stamp.read_text(encoding="utf-8") != source_stamp:
        ctx.log(f"formats: exporting the {COUNT:,}-question bank to GIFT")
        gift.write_text(write("gift", Exporter(load_bank(root).bank, "all")), encoding="utf-8")
        stamp.write_text(source_stamp, encoding="utf-8")
    size = f"{COUNT:,} questions (GIFT {gift.stat().st_size / 1e6:.1f} MB)"
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-formats-") as scratch:
        scratch_dir = Path(scratch)
        warm_cache = scratch_dir / "cache"
        env = {**os.environ, "QUIZAPP_CACHE_DIR": str(warm_cache)}
        python = ctx.python
        validate = process([python, "-m", "quizapp", "validate", str(root)])
        importer = _runner(
            [
                python,
                "-m",
                "quizapp",
                "import",
                str(gift),
                "--from",
                "gift",
                "--lang",
                "tr",
                "--force",
                "-o",
                str(scratch_dir / "imported"),
            ],
            env,
            PROJECT,
        )
        xml = scratch_dir / "bank.xml"
        export_argv = [
            python,
            "-m",
            "quizapp",
            "export",
            str(root),
            "--to",
            "moodle-xml",
            "--lang",
            "all",
            "-o",
            str(xml),
        ]
        exporter = _runner(export_argv, env, PROJECT)
        cold_export = process(export_argv)
        ctx.log("formats: filling the bank cache for the export")
        exporter()
        ctx.log(f"formats: import, export and validate, {size}")
        import_s, export_s, cold_s, validate_s = timed(
            [importer, exporter, cold_export, validate], ctx.repeat
        )
        rows.append(
            Row(
                "formats",
                "`quizapp import` GIFT → folder bank (process)",
                size,
                import_s,
                "`quizapp validate` of the YAML bank (process)",
                validate_s,
                2.0,
            )
        )
        rows.append(
            Row(
                "formats",
                "`quizapp export` → Moodle XML, all languages (process)",
                size,
                export_s,
                "`quizapp validate` of the YAML bank (process)",
                validate_s,
                0.5,
                note="export reads an unchanged bank from the compiled bank cache, as the app does",
            )
        )
        rows.append(
            Row(
                "formats",
                "`quizapp export` → Moodle XML, first time (empty cache)",
                size,
                cold_s,
                "`quizapp validate` of the YAML bank (process)",
                validate_s,
            )
        )
    return rows
