"""Corpus runs: throughput with 2 workers vs 1, the corpus path's overhead over calling
`analyze_work` directly, and (optionally) a worker's peak memory on one very long work.

    .venv/bin/python benchmarks/bench_corpus.py [--works 200] [--words 400] [--repeat 3]
        [--memory-words 500000] [--json OUT]

All measurements read the same generated original stories. Timings start after the workers
(or the direct process) have loaded the pipeline and the spaCy model, and stop when the last
work is analyzed (and, for the corpus, committed to the store and the DuckDB file rebuilt).
The direct measurements run in their own spawned process. Each measurement is repeated on the
same warm processes (each corpus repeat into a new store) and the median is reported.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
if SRC.is_dir() and str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))  # spawned children inherit sys.path

MIN_SPEEDUP = 1.8  # 2 workers vs 1, on a machine with at least 2 free cores
MAX_OVERHEAD = 0.10  # corpus path with 1 worker vs analyze_work in one process


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (10**6 bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6


def measure_direct(paths: list[str], outdir: str | None, repeat: int) -> dict[str, Any]:
    """Read and analyze every file in this one process, after warming up, `repeat` times; with
    `outdir`, do exactly what `ficlens analyze` does (write each work's JSON and HTML report)."""
    from ficlens.cli import analyze_file
    from ficlens.corpus.worker import warm_up
    from ficlens.pipeline import analyze_work
    from ficlens.read import read_input

    warm_up()
    runs, failed = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        failed = 0
        for path in paths:
            try:
                if outdir is None:
                    analyze_work(read_input(path))
                else:
                    analyze_file(path, Path(outdir), ["json", "html"], None)
            except Exception:  # noqa: BLE001 - counted, as the corpus run counts its errors
                failed += 1
        runs.append(time.perf_counter() - started)
    return {
        "seconds": statistics.median(runs),
        "runs": runs,
        "errors": failed,
        "peak_rss_mb": peak_rss_mb(),
    }


def run_direct(paths: list[str], repeat: int, outdir: Path | None = None) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(measure_direct, paths, outdir and str(outdir), repeat).result()


def run_on_cluster(paths: list[str], workers: int, store: Path, repeat: int) -> dict[str, Any]:
    """Time `run_corpus` on a warm local cluster of `workers` single-threaded processes."""
    from ficlens.corpus.engine import open_client, run_corpus
    from ficlens.corpus.worker import WarmUp

    with open_client(workers=workers) as client:
        client.wait_for_workers(workers)
        client.register_plugin(WarmUp())  # load spaCy on every worker before the clock
        runs = []
        for attempt in range(repeat):
            started = time.perf_counter()
            summary = run_corpus(paths, store / f"run-{attempt}", client=client)
            runs.append(time.perf_counter() - started)
        rss = client.run(peak_rss_mb)
    return {
        "workers": workers,
        "seconds": statistics.median(runs),
        "runs": runs,
        "stored": summary.stored,
        "errors": summary.errors,
        "batches": summary.batches,
        "worker_peak_rss_mb": max(rss.values()),
    }


def run_memory(words: int, folder: Path, limit: str) -> dict[str, Any]:
    """Peak RSS of one worker (memory limit `limit`) analyzing one generated long work."""
    from ficlens.corpus.engine import open_client, run_corpus
    from ficlens.corpus.synthetic import generate_story
    from ficlens.corpus.worker import WarmUp

    path = folder / "long-work.txt"
    path.write_text(generate_story(424242, words), encoding="utf-8")
    with open_client(workers=1, memory_limit=limit) as client:
        client.wait_for_workers(1)
        client.register_plugin(WarmUp())
        baseline = max(client.run(peak_rss_mb).values())
        started = time.perf_counter()
        summary = run_corpus([path], folder / "store-memory", client=client)
        seconds = time.perf_counter() - started
        peak = max(client.run(peak_rss_mb).values())
    return {
        "words": words,
        "memory_limit": limit,
        "seconds": seconds,
        "stored": summary.stored,
        "errors": summary.errors,
        "worker_rss_after_warm_up_mb": baseline,
        "worker_peak_rss_mb": peak,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--works", type=int, default=200, help="generated works (default 200)")
    parser.add_argument("--words", type=int, default=400, help="words per work (default 400)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument(
        "--memory-words", type=int, default=0, help="also measure a worker on one work this long"
    )
    parser.add_argument("--memory-limit", default="2GB", help="worker memory limit (2GB)")
    parser.add_argument("--json", type=Path, help="write the measurements here")
    args = parser.parse_args()

    from ficlens.corpus.synthetic import write_corpus

    report: dict[str, Any] = {
        "machine": f"{platform.platform()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
        "works": args.works,
        "words_per_work": args.words,
        "repeat": args.repeat,
    }
    with tempfile.TemporaryDirectory(prefix="ficlens-bench-corpus-") as tmp:
        folder = Path(tmp)
        paths = [str(p) for p in write_corpus(folder / "in", args.works, args.words, seed=1)]
        print(f"{args.works} generated works of ~{args.words} words in {folder / 'in'}", flush=True)
        report["direct"] = run_direct(paths, args.repeat)
        print(f"direct analyze_work, 1 process   {report['direct']['seconds']:8.2f} s", flush=True)
        report["analyze"] = run_direct(paths, args.repeat, folder / "out")
        print(f"ficlens analyze (json + html)    {report['analyze']['seconds']:8.2f} s", flush=True)
        report["one_worker"] = run_on_cluster(paths, 1, folder / "store-1", args.repeat)
        print(
            f"corpus run, 1 worker             {report['one_worker']['seconds']:8.2f} s", flush=True
        )
        report["two_workers"] = run_on_cluster(paths, 2, folder / "store-2", args.repeat)
        print(
            f"corpus run, 2 workers            {report['two_workers']['seconds']:8.2f} s",
            flush=True,
        )
        if args.memory_words:
            report["memory"] = run_memory(args.memory_words, folder, args.memory_limit)

    direct, one, two = report["direct"], report["one_worker"], report["two_workers"]
    analyze = report["analyze"]
    speedup = one["seconds"] / two["seconds"]
    overhead = one["seconds"] / analyze["seconds"] - 1.0
    report["speedup_2_vs_1"] = speedup
    report["overhead_vs_analyze"] = overhead
    report["overhead_vs_analyze_work"] = one["seconds"] / direct["seconds"] - 1.0
    rows = [
        ("direct analyze_work, 1 process", direct["seconds"], direct["peak_rss_mb"]),
        ("ficlens analyze (json + html)", analyze["seconds"], analyze["peak_rss_mb"]),
        ("corpus run, 1 worker", one["seconds"], one["worker_peak_rss_mb"]),
        ("corpus run, 2 workers", two["seconds"], two["worker_peak_rss_mb"]),
    ]
    print()
    print(f"{'measurement':<34}{'seconds':>9}{'works/s':>9}{'peak RSS':>11}")
    for label, seconds, rss in rows:
        print(f"{label:<34}{seconds:9.2f}{args.works / seconds:9.2f}{rss:8.0f} MB")
    print()
    ok_speed = speedup >= MIN_SPEEDUP
    ok_overhead = overhead <= MAX_OVERHEAD
    print(
        f"speedup 2 workers / 1 worker    {speedup:6.2f}   target >= {MIN_SPEEDUP:.2f}   "
        f"{'PASS' if ok_speed else 'FAIL'}"
    )
    print(
        f"overhead corpus / analyze       {overhead:+6.1%}   target <= {MAX_OVERHEAD:+.0%}   "
        f"{'PASS' if ok_overhead else 'FAIL'}"
    )
    print(f"(corpus / analyze_work alone    {report['overhead_vs_analyze_work']:+6.1%}, no target)")
    errors = direct["errors"] + analyze["errors"] + one["errors"] + two["errors"]
    if errors:
        print(f"warning: {errors} works failed to analyze; timings include the failures")
    if "memory" in report:
        memory = report["memory"]
        print(
            f"one {memory['words']:,}-word work: worker peak RSS "
            f"{memory['worker_peak_rss_mb']:.0f} MB "
            f"(after warm-up {memory['worker_rss_after_warm_up_mb']:.0f} MB; limit "
            f"{memory['memory_limit']}), {memory['seconds']:.1f} s, "
            f"{'stored' if memory['stored'] else 'NOT stored (see errors)'}"
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0 if ok_speed and ok_overhead else 1


if __name__ == "__main__":
    sys.exit(main())
