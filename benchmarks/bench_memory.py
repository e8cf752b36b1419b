"""Peak memory: the start-up probe's peak RSS with each bank, against the bare Textual app.

The target is additive (50,000 questions ≤ bare Textual + 250 MiB); the table shows it as the
equivalent ratio for this run's bare figure. Banks are loaded warm from the shared cache (filled
by the bank-cache section); one cold start (empty cache, YAML parsed) is shown for 10,000.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from bench_startup import BIG, bench_sizes, probe_env, run_probe, shared_cache
from measure import Row

MIB = 1024 * 1024


def memory(ctx: Any) -> list[Any]:
    """Peak RSS of the app with each bank, against the bare Textual app."""
    from generate import ensure

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-memory-") as scratch:
        env = probe_env(shared_cache(ctx), Path(scratch))
        bare = run_probe(ctx.python, "bare", [], env)["rss_kib"] / 1024

        def row(what: str, mib: float, target_mib: float | None = None) -> Row:
            target = round((bare + target_mib) / bare, 2) if target_mib is not None else None
            return Row("memory", "peak RSS", what, mib, "bare Textual app", bare, target, unit="MiB")

        ctx.log("memory: bundled bank")
        rows.append(row("bundled bank", run_probe(ctx.python, "quiz", [], env)["rss_kib"] / 1024))
        for count in bench_sizes(ctx):
            root = Path(ctx.work) / f"bank-{count}"
            ensure(count, root)
            ctx.log(f"memory: {count:,} questions")
            mib = run_probe(ctx.python, "quiz", [root], env)["rss_kib"] / 1024
            rows.append(row(f"bundled + {count:,} questions (warm)", mib, 250 if count == BIG else None))
            if count == 10_000:
                with tempfile.TemporaryDirectory(prefix="quizapp-bench-nocache-") as empty:
                    cold_env = {**env, "QUIZAPP_CACHE_DIR": empty}
                    mib = run_probe(ctx.python, "quiz", [root], cold_env)["rss_kib"] / 1024
                rows.append(row(f"bundled + {count:,} questions (cold: YAML parsed)", mib))
    return rows
