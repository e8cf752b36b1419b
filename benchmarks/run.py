"""quizapp benchmarks: ``make bench`` (or ``python benchmarks/run.py``).

Every figure is a ratio against a baseline measured in the same run on the same machine, so the
table means something on any computer. Results go to stdout and to ``benchmarks/RESULTS.md``.

Adding a section: write a function ``def my_section(ctx: Context) -> list[Row]`` and append it to
``BENCHMARKS``. Use :func:`timed` / :func:`timed_process` to measure (median of ``ctx.repeat`` runs,
measure and baseline interleaved so that machine noise hits both alike).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import platform
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate import ensure  # noqa: E402
from measure import PROJECT, Context, Row, process, timed  # noqa: E402  (sections used to import them from here)

# --- Sections ------------------------------------------------------------------------------

BARE_PARSE = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as f:\n"
    "        yaml.load(f.read(), Loader=yaml.CSafeLoader)\n"
)


def big_banks(ctx: Context) -> list[Row]:
    """Cold load and `quizapp validate` of generated banks, against a bare CSafeLoader parse."""
    from quizapp.core.loading import load_bank

    rows: list[Row] = []
    for count in ctx.sizes:
        root = ctx.work / f"bank-{count}"
        files = ensure(count, root)
        megabytes = sum(p.stat().st_size for p in files) / 1e6
        size = f"{count:,} questions ({len(files)} files, {megabytes:.1f} MB)"
        ctx.log(f"big banks: {size}")

        def bare_parse(files: Sequence[Path] = files) -> None:
            for path in files:
                yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        def cold_load(root: Path = root, count: int = count) -> None:
            loaded = load_bank(root, strict=True)
            assert len(loaded.bank.questions) == count and not loaded.warnings

        load_s, bare_s = timed([cold_load, bare_parse], ctx.repeat)
        rows.append(
            Row(
                "big banks",
                "cold `load_bank` (in process)",
                size,
                load_s,
                "bare CSafeLoader parse",
                bare_s,
                1.25,
            )
        )
        validate = process([ctx.python, "-m", "quizapp", "validate", "--strict", str(root)])
        bare = process([ctx.python, "-c", BARE_PARSE, *map(str, files)])
        validate_s, bare_s = timed([validate, bare], ctx.repeat)
        rows.append(
            Row(
                "big banks",
                "cold `quizapp validate` (process)",
                size,
                validate_s,
                "bare CSafeLoader parse (process)",
                bare_s,
                1.25,
            )
        )
    return rows


from bench_cache import cache  # noqa: E402
from bench_classroom import classroom  # noqa: E402
from bench_formats import formats  # noqa: E402
from bench_grading import grading  # noqa: E402
from bench_interaction import interaction  # noqa: E402
from bench_memory import memory  # noqa: E402
from bench_startup import startup  # noqa: E402

#: The sections, in the order they run and appear in the table (cache fills the warm cache).
BENCHMARKS: list[Callable[[Context], list[Row]]] = [
    big_banks,
    cache,
    startup,
    memory,
    interaction,
    grading,
    formats,
    classroom,
]


# --- Report --------------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    libyaml = "not available"
    try:
        from yaml import _yaml  # type: ignore[attr-defined]

        libyaml = _yaml.get_version_string()
    except ImportError:
        pass
    return [
        f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- platform: {platform.platform()}",
        f"- CPU: {cpu}, {os.cpu_count()} logical CPUs",
        f"- Python {platform.python_version()} ({platform.python_implementation()})",
        f"- PyYAML {yaml.__version__}, libyaml {libyaml}",
    ]


def table(rows: Sequence[Row]) -> list[str]:
    lines = [
        "| section | measure | size | time | baseline | baseline time | ratio | target | |",
        "|---|---|---|---:|---|---:|---:|---:|---|",
    ]
    for r in rows:
        target = f"≤ {r.target:.2f}×" if r.target is not None else ""
        lines.append(
            f"| {r.section} | {r.measure} | {r.size} | {r.seconds:.3f} {r.unit} | {r.baseline} | "
            f"{r.baseline_seconds:.3f} {r.unit} | {r.ratio:.2f}× | {target} | {r.verdict} |"
        )
    return lines


def report(rows: Sequence[Row], ctx: Context) -> str:
    return "\n".join(
        [
            "# quizapp benchmark results",
            "",
            "Written by `make bench` (`benchmarks/run.py`). Each time is the median of "
            f"{ctx.repeat} runs; measure and baseline run interleaved in the same session. "
            "Ratios matter, not absolute times.",
            "",
            "## Machine",
            "",
            *machine(),
            "",
            "## Results",
            "",
            *table(rows),
            "",
            *summary(rows),
        ]
    )


def summary(rows: Sequence[Row]) -> list[str]:
    targeted = [r for r in rows if r.target is not None]
    missed = [r for r in targeted if r.ratio > r.target]  # type: ignore[operator]
    lines = [f"Targets met: {len(targeted) - len(missed)} of {len(targeted)}.", ""]
    for r in missed:
        lines.append(f"- not met: {r.section}, {r.measure}, {r.size}: {r.ratio:.2f}× (target ≤ {r.target}×)")
    notes = [r for r in rows if r.note]
    lines += [f"- {r.section}, {r.measure}: {r.note}" for r in notes]
    return [*lines, ""] if missed or notes else lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the quizapp benchmarks.")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (median; default 3)")
    parser.add_argument(
        "--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[1000, 10000], help="bank sizes"
    )
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md", help="where to write the table")
    parser.add_argument("--only", help="run only the sections whose function name contains this")
    args = parser.parse_args(argv)
    # As an installed wheel has it (pip byte-compiles on install): otherwise, with
    # PYTHONDONTWRITEBYTECODE set, every timed process would compile quizapp from source.
    compileall.compile_dir(PROJECT / "quizapp", quiet=1)
    ctx = Context(repeat=args.repeat, sizes=args.sizes, work=HERE / ".generated")
    rows: list[Row] = []
    for benchmark in BENCHMARKS:
        if args.only and args.only not in benchmark.__name__:
            continue
        rows.extend(benchmark(ctx))
    text = report(rows, ctx)
    print("\n".join(table(rows)))
    args.output.write_text(text, encoding="utf-8")
    print(f"\nwritten to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
