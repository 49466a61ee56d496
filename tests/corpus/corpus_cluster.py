"""Start a small Dask cluster of worker processes on 127.0.0.1 for the corpus tests.

(Not a conftest.py: tests/conftest.py is imported as `conftest` by other test modules.)
"""

from __future__ import annotations

import logging


def start_cluster(workers: int):
    """A local cluster configured as `ficlens corpus run` configures its own."""
    import dask
    from distributed import Client, LocalCluster

    from ficlens.corpus.engine import ALLOWED_FAILURES

    settings = {
        "distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
        "distributed.scheduler.worker-saturation": 1.0,
    }
    with dask.config.set(settings):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            memory_limit="2GB",
            dashboard_address=":0",
            host="127.0.0.1",
            silence_logs=logging.CRITICAL,
        )
    return cluster, Client(cluster)
