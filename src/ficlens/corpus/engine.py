"""Run the pipeline over many works on Dask and store the results as they arrive."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ficlens
from ficlens.corpus.inputs import Candidate, discover, work_id_of
from ficlens.corpus.store import Store
from ficlens.corpus.worker import WarmUp, analyze_path, error_result

DEFAULT_BATCH_SIZE = 256  # works per batch (one Parquet file per table per batch)
# Small works travel to a worker in groups, so the scheduler's cost per task is paid once for
# several of them: up to this many works, or this many bytes of source, per task.
CHUNK_WORKS = 8
CHUNK_BYTES = 16_000
DEFAULT_FLUSH_SECONDS = 30.0  # a slow corpus still commits a batch at least this often
DEFAULT_MEMORY_LIMIT = "2GB"  # per worker process; Dask restarts a worker that goes past it
ALLOWED_FAILURES = 1  # a work that kills a second worker is recorded as an error


@dataclass
class RunSummary:
    """What a corpus run did, updated as it goes."""

    store: Path
    total: int = 0  # candidate files found
    stored: int = 0
    skipped: int = 0  # already in the store (same content, same ficlens version) or duplicates
    errors: int = 0
    batches: int = 0
    workers: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    started: float = field(default_factory=time.perf_counter)
    error_lines: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:
        """Candidates dealt with so far (stored, skipped or failed)."""
        return self.stored + self.skipped + self.errors

    @property
    def rate(self) -> float:
        """Works analysed (stored or failed) per second so far."""
        elapsed = time.perf_counter() - self.started
        return (self.stored + self.errors) / elapsed if elapsed > 0 else 0.0


def default_workers() -> int:
    """One worker process per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def open_client(
    scheduler: str | None = None,
    workers: int | None = None,
    memory_limit: str | None = DEFAULT_MEMORY_LIMIT,
) -> Iterator[Any]:
    """A Dask client: on an existing scheduler, or on a new local cluster of processes."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler, timeout="30s") as client:
            yield client
        return
    settings = {
        "distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
        # Send a worker one work at a time, so a worker that dies takes only the work that
        # killed it under suspicion (this process keeps the queue, see `_dispatch`).
        "distributed.scheduler.worker-saturation": 1.0,
        # The worker's statistical profiler samples every thread's stack many times a second,
        # taking the GIL from the analysis; a corpus run never looks at those profiles.
        "distributed.worker.profile.enabled": False,
        # Housekeeping timers that every scheduler, nanny and worker runs: at their defaults
        # (a 20 ms event-loop tick, a 100 ms memory poll, 500 ms system stats) an idle local
        # cluster keeps a tenth of a core busy. The memory poll still enforces the limit 5x a
        # second; work stealing is moot when this process hands out the work a chunk at a time.
        "distributed.admin.tick.interval": "1s",
        "distributed.admin.system-monitor.interval": "2s",
        "distributed.worker.memory.monitor-interval": "200ms",
        "distributed.scheduler.work-stealing": False,
        # Dask makes glibc return freed memory at every 64 KiB, which costs the allocation-heavy
        # analysis about a tenth of its speed; 64 MiB still gives memory back between works.
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": str(64 * 2**20),
    }
    with dask.config.set(settings):
        cluster = LocalCluster(
            n_workers=workers or default_workers(),
            threads_per_worker=1,
            processes=True,
            memory_limit=memory_limit or 0,
            dashboard_address=":0",  # never the shared default port
            host="127.0.0.1",
            silence_logs=logging.CRITICAL,
        )
    try:
        with Client(cluster) as client:
            yield client
    finally:
        cluster.close()


Task = Callable[[str, str], dict[str, Any]]


def run_chunk(task: Task, items: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Run `task` on each (path, work_id) in turn, on one worker."""
    return [task(path, work_id) for path, work_id in items]


def run_corpus(
    inputs: Iterable[str | Path],
    store: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Any = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    flush_seconds: float = DEFAULT_FLUSH_SECONDS,
    memory_limit: str | None = DEFAULT_MEMORY_LIMIT,
    task: Task = analyze_path,
    progress: Callable[[RunSummary], None] | None = None,
    retries: int = 1,
) -> RunSummary:
    """Analyze every work under `inputs` into `store`, skipping works already stored there.

    Workers read and analyze (`task(path, work_id)` returns plain rows); this process writes
    the rows batch by batch. `client` (an open `distributed.Client`) wins over `scheduler`
    (an address), which wins over a new local cluster of `workers` processes.
    """
    corpus = Store(store)
    summary = RunSummary(store=corpus.root)
    with corpus.writing():
        latest = corpus.outcomes()
        candidates = list(discover(inputs))
        summary.total = len(candidates)
        buffer: list[dict[str, Any]] = []
        last_flush = time.perf_counter()

        def notify() -> None:
            summary.seconds = time.perf_counter() - summary.started
            if progress is not None:
                progress(summary)

        def flush() -> None:
            nonlocal last_flush
            if buffer:
                corpus.write_batch(buffer)
                summary.batches += 1
                buffer.clear()
            last_flush = time.perf_counter()

        def record(result: dict[str, Any]) -> None:
            buffer.append(result)
            if result["status"] == "stored":
                summary.stored += 1
            else:
                summary.errors += 1
                (row,) = result["tables"]["errors"]
                summary.error_lines.append(f"{row['path']}: {row['reason']}")
            if len(buffer) >= batch_size or time.perf_counter() - last_flush >= flush_seconds:
                flush()
            notify()

        notify()
        stack = contextlib.ExitStack()

        def get_client() -> Any:
            # Started on the first work to analyze: a rerun with nothing new starts nothing.
            nonlocal client
            if client is None:
                client = stack.enter_context(open_client(scheduler, workers, memory_limit))
            return client

        try:
            with stack:
                _dispatch(
                    get_client, candidates, corpus, latest, task, retries, record, summary, notify
                )
        except KeyboardInterrupt:
            summary.interrupted = True
            raise
        finally:
            flush()  # what finished before an interruption is kept
            corpus.build_database()
            notify()
    return summary


def _dispatch(get_client, candidates, corpus, latest, task, retries, record, summary, notify):
    """Submit works to the cluster, a bounded number of chunks at a time, and record each
    outcome. A chunk whose task fails is split: each of its works is tried again alone, so
    only a work that itself kills workers is recorded as an error."""
    from distributed import as_completed

    client = None
    remaining: Iterator[Candidate] = iter(candidates)
    left = len(candidates)  # candidates not yet taken from `remaining`
    alone: list[tuple[str, str]] = []  # works of a failed chunk, to try one by one
    in_flight: dict[Any, list[tuple[str, str]]] = {}
    seen: set[str] = set()
    completed = None  # made with the client: it needs the client's event loop
    window_checked, window = 0.0, 4

    def current_window() -> int:
        nonlocal window_checked, window
        if client is not None and time.perf_counter() - window_checked > 2.0:
            threads = sum(client.nthreads().values())
            summary.workers = len(client.nthreads())
            window = max(4, 2 * threads + 2)
            window_checked = time.perf_counter()
        return window

    def next_chunk() -> list[tuple[str, str]]:
        """The next works to analyze: one retried work, or new works up to the chunk limits."""
        if alone:
            return [alone.pop(0)]
        nonlocal left
        # Smaller chunks towards the end, so no worker is left with a long last chunk.
        most = max(1, min(CHUNK_WORKS, left // (2 * current_window())))
        chunk: list[tuple[str, str]] = []
        size = 0
        while len(chunk) < most and size < CHUNK_BYTES:
            candidate = next(remaining, None)
            if candidate is None:
                break
            left -= 1
            if candidate.problem:
                record(error_result(None, candidate.path, "discover", candidate.problem))
                continue
            try:
                with open(candidate.path, "rb") as handle:
                    data = handle.read()
            except OSError as problem:
                record(error_result(None, candidate.path, "read", problem))
                continue
            work_id = work_id_of(data)
            if work_id in seen or corpus.is_done(latest.get(work_id)):
                seen.add(work_id)
                summary.skipped += 1
                notify()
                continue
            seen.add(work_id)
            chunk.append((candidate.path, work_id))
            size += len(data)
        return chunk

    def submit_more() -> None:
        nonlocal client, window_checked, completed
        while len(in_flight) < current_window():
            chunk = next_chunk()
            if not chunk:
                return
            if client is None:
                client = get_client()
                client.register_plugin(WarmUp())  # also runs on workers that join later
                window_checked = 0.0
                completed = as_completed(loop=client.loop)
            first_id = chunk[0][1]
            future = client.submit(
                run_chunk,
                task,
                chunk,
                key=f"ficlens-analyze-{first_id}-{ficlens.__version__}-{time.time_ns()}",
                pure=False,
                retries=retries,
            )
            in_flight[future] = chunk
            completed.add(future)

    submit_more()
    for future in completed or ():
        chunk = in_flight.pop(future)
        try:
            results = future.result()
        except Exception as problem:  # noqa: BLE001 - KilledWorker, or a task that raised
            if len(chunk) > 1:
                alone.extend(chunk)
                results = []
            else:
                ((path, work_id),) = chunk
                results = [error_result(work_id, path, "worker", *_describe(problem))]
        finally:
            future.release()
        for result in results:
            record(result)
        submit_more()


def _describe(problem: BaseException) -> tuple[str, str]:
    """The reason and error type recorded for a work whose task failed on the cluster."""
    from distributed import KilledWorker

    if isinstance(problem, KilledWorker):
        return (
            "workers died while analyzing this work (a crash, or past the worker memory "
            "limit); it is retried on the next run",
            "KilledWorker",
        )
    return f"{type(problem).__name__}: {problem}", type(problem).__name__
