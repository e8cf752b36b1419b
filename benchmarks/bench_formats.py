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

import tempfile
from pathlib import Path
from typing import Any

from measure import Row, process, timed

COUNT = 10_000


def formats(ctx: Any) -> list[Any]:
    """Import of a 10k-question GIFT file and export to Moodle XML, against validate."""
    from generate import ensure

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
        warm_cache.mkdir()
        python = ctx.python
        validate = process([python, "-m", "quizapp", "validate", str(root)])
        imported = scratch_dir / "imported"
        import_argv = [python, "-m", "quizapp", "import", str(gift), "--from", "gift", "--lang", "tr"]
        importer = process([*import_argv, "--force", "-o", str(imported)], cache_dir=warm_cache)
        xml = scratch_dir / "bank.xml"
        export_argv = [python, "-m", "quizapp", "export", str(root), "--to", "moodle-xml", "--lang", "all"]
        export_argv += ["-o", str(xml)]
        exporter = process(export_argv, cache_dir=warm_cache)
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
