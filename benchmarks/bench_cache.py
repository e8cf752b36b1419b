"""The compiled bank cache: cold load (YAML, then the entry is written) against warm load.

Measured in this process with ``load_bank_cached``. "Cold" starts from an empty cache directory
each time, so it includes parsing and writing the entry; "warm" reads the entry (and hashes the
bank's files to prove they are unchanged). The warm load is also checked against its absolute
budget of 150 ms. The last cold run fills the cache that the start-up and memory sections use.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_startup import BIG, bench_sizes, shared_cache
from measure import Row, timed


def cache(ctx: Any) -> list[Any]:
    """Cold and warm loads of 1k/10k/50k-question banks through the cache."""
    from generate import ensure

    from quizapp.core.cache import entry_path, load_bank_cached

    rows: list[Row] = []
    cache_dir = shared_cache(ctx)
    for count in bench_sizes(ctx):
        root = Path(ctx.work) / f"bank-{count}"
        files = ensure(count, root)
        megabytes = sum(p.stat().st_size for p in files) / 1e6
        size = f"{count:,} questions ({megabytes:.1f} MB of YAML)"
        ctx.log(f"cache: {size}")
        repeat = 1 if count >= BIG else ctx.repeat

        # Cold: an empty cache each time; the last run fills the shared cache for the warm runs.
        entry = entry_path(root, cache_dir)
        cold_samples = []
        for run_number in range(repeat):
            with tempfile.TemporaryDirectory(prefix="quizapp-bench-cold-") as empty:
                target = cache_dir if run_number == repeat - 1 else Path(empty)
                entry.unlink(missing_ok=True)
                start = time.perf_counter()
                loaded = load_bank_cached(root, target)
                cold_samples.append(time.perf_counter() - start)
                assert len(loaded.bank.questions) == count
        cold_s = statistics.median(cold_samples)
        assert entry.is_file()

        def warm(root: Path = root, count: int = count) -> None:
            loaded = load_bank_cached(root, cache_dir)
            assert len(loaded.bank.questions) == count

        (warm_s,) = timed([warm], max(5, ctx.repeat * 3))
        entry_mb = entry.stat().st_size / 1e6
        rows.append(
            Row(
                "bank cache",
                "warm `load_bank_cached` (in process)",
                size,
                warm_s,
                "cold load (YAML + writing the entry)",
                cold_s,
                0.05 if count == 10_000 else None,
                note=f"entry {entry_mb:.1f} MB" if count == 10_000 else "",
            )
        )
        rows.append(
            Row(
                "bank cache",
                "warm `load_bank_cached` (in process)",
                size,
                warm_s,
                "budget: 150 ms",
                0.150,
                1.0 if count == 10_000 else None,
            )
        )
        # Showing a question decodes it on first use; report what that costs on this bank.
        loaded = load_bank_cached(root, cache_dir)
        sample = loaded.bank.questions[:: max(1, count // 200)]
        start = time.perf_counter()
        for question in sample:
            _ = question.prompt
        per_question = (time.perf_counter() - start) / len(sample)
        if count == 10_000:
            rows.append(
                Row(
                    "bank cache",
                    "first use of a cached question (decode)",
                    size,
                    per_question,
                    "one frame: 16 ms",
                    0.016,
                    None,
                )
            )
    return rows
