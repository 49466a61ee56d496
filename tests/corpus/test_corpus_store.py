"""The store: batches commit with their manifest, views see each work once, killed runs leave
nothing half-written, and only one run writes at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

import ficlens
from ficlens.corpus.flatten import flatten_analysis
from ficlens.corpus.store import Store
from ficlens.corpus.worker import error_result
from ficlens.errors import FiclensError
from ficlens.model import Analysis, Quote, Source


def _stored(work_id: str, quotes: int = 1) -> dict:
    analysis = Analysis(
        source=Source(path=f"{work_id}.txt"),
        text='"Hush," said Wren. ' * quotes,
        quotes=[
            Quote(id=f"q{i}", start=19 * i, end=19 * i + 7, kind="speech") for i in range(quotes)
        ],
    )
    tables = flatten_analysis(analysis, work_id, {"path": f"/in/{work_id}.txt"})
    return {"status": "stored", "work_id": work_id, "path": f"/in/{work_id}.txt", "tables": tables}


def _count(store: Store, sql: str):
    con = store.connect()
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_batch_writes_one_parquet_file_per_table_and_a_manifest(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    with store.writing():
        batch = store.write_batch([_stored("w1", 2), _stored("w2", 1)])
        store.build_database()
    assert (tmp_path / "store" / "quotes" / f"batch-{batch.id}.parquet").is_file()
    assert (tmp_path / "store" / "_batches" / f"batch-{batch.id}.json").is_file()
    assert _count(store, "SELECT work_id, count(*) FROM quotes GROUP BY 1 ORDER BY 1") == [
        ("w1", 2),
        ("w2", 1),
    ]
    # Empty tables are views with typed columns all the same.
    assert _count(store, "SELECT count(*) FROM chapters") == [(0,)]
    assert _count(store, "SELECT count(*) FROM relationships") == [(0,)]
    import duckdb

    con = duckdb.connect(str(store.database), read_only=True)
    assert con.execute("SELECT count(*) FROM works").fetchone() == (2,)
    con.close()


def test_files_of_a_batch_that_never_committed_are_invisible_and_cleaned(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    with store.writing():
        store.write_batch([_stored("w1")])
        batch = store.write_batch([_stored("w2")])
    # Simulate a run killed after writing the table files but before the manifest.
    (store.manifest_dir / f"batch-{batch.id}.json").unlink()
    half = tmp_path / "store" / "quotes" / ".batch-x.parquet.tmp"
    half.write_bytes(b"PAR1 torn")
    assert _count(store, "SELECT work_id FROM works") == [("w1",)]
    assert "w2" not in store.outcomes()
    with store.writing():  # the next run cleans up first
        pass
    assert not (tmp_path / "store" / "quotes" / f"batch-{batch.id}.parquet").exists()
    assert not half.exists()


def test_a_work_stored_again_or_failed_then_stored_is_seen_once(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    with store.writing():
        store.write_batch([error_result("w1", "/in/w1.txt", "worker", "died", "KilledWorker")])
        store.write_batch([error_result(None, "/in/gone.txt", "discover", "no such file")])
        store.write_batch([_stored("w1", 3), _stored("w2")])
        store.write_batch([_stored("w2", 2)])  # e.g. re-analysed by a newer ficlens
    assert _count(store, "SELECT work_id, count(*) FROM works GROUP BY 1 ORDER BY 1") == [
        ("w1", 1),
        ("w2", 1),
    ]
    assert _count(store, "SELECT work_id, count(*) FROM quotes GROUP BY 1 ORDER BY 1") == [
        ("w1", 3),
        ("w2", 2),
    ]
    assert _count(store, "SELECT path, stage FROM errors") == [("/in/gone.txt", "discover")]
    outcomes = store.outcomes()
    assert store.is_done(outcomes["w1"]) and store.is_done(outcomes["w2"])
    assert not store.is_done(outcomes["w1"], version=ficlens.__version__ + ".dev1")


def test_only_one_run_writes_to_a_store(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    with store.writing():
        with pytest.raises(FiclensError, match="another corpus run"):
            with Store(tmp_path / "store").writing():
                pass
