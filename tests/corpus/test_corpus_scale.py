"""A simulated scale test: three worker processes, one killed mid-run, one work that kills
every worker it lands on. Nothing is lost and nothing is stored twice."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import cloudpickle
import pytest
from corpus_cluster import start_cluster

from ficlens.corpus.engine import run_corpus
from ficlens.corpus.query import run_query
from ficlens.corpus.synthetic import write_corpus
from ficlens.corpus.worker import analyze_path

# Workers cannot import this test module: send its functions by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def crash_on_poison(path: str, work_id: str) -> dict:
    """The real task, except that a work named poison kills the worker process."""
    if "poison" in os.path.basename(path):
        os._exit(13)
    return analyze_path(path, work_id)


@pytest.fixture(scope="module")
def cluster():
    local, client = start_cluster(3)
    yield local, client
    client.close()
    local.close()


def test_a_worker_killed_mid_run_loses_nothing_and_stores_nothing_twice(
    cluster, tmp_path: Path
) -> None:
    _, client = cluster
    write_corpus(tmp_path / "in", 30, words=120, seed=500)
    store = tmp_path / "store"
    killed: list[int] = []

    def kill_a_busy_worker(summary) -> None:
        if killed or summary.stored < 4:
            return
        pids = client.run(os.getpid)
        busy = [address for address, keys in client.processing().items() if keys]
        if busy:
            killed.append(pids[busy[0]])
            os.kill(pids[busy[0]], signal.SIGKILL)

    summary = run_corpus(
        [tmp_path / "in"], store, client=client, batch_size=5, progress=kill_a_busy_worker
    )
    assert killed, "no worker was busy to be killed"
    assert (summary.stored, summary.errors, summary.skipped) == (30, 0, 0)
    per_work = run_query(store, "SELECT work_id, count(*) FROM works GROUP BY 1")[1]
    assert len(per_work) == 30 and {count for _, count in per_work} == {1}
    quotes = run_query(store, "SELECT count(DISTINCT work_id) FROM quotes")[1]
    assert quotes == [(30,)]


def test_a_work_that_kills_two_workers_is_recorded_as_an_error(cluster, tmp_path: Path) -> None:
    _, client = cluster
    write_corpus(tmp_path / "in", 4, words=100, seed=900)
    (tmp_path / "in" / "poison.txt").write_text('"Boom," said Ivo.\n')
    store = tmp_path / "store"
    summary = run_corpus([tmp_path / "in"], store, client=client, task=crash_on_poison)
    assert (summary.stored, summary.errors) == (4, 1)
    ((path, error_type, stage),) = run_query(store, "SELECT path, error_type, stage FROM errors")[1]
    assert path.endswith("poison.txt") and (error_type, stage) == ("KilledWorker", "worker")
