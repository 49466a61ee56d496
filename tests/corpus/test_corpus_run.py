"""Corpus runs on a Dask cluster: every work stored once, bad files logged, reruns resume;
SQL over the store, result files, the overview, and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from corpus_cluster import start_cluster
from typer.testing import CliRunner

from ficlens.cli import app
from ficlens.corpus.engine import run_corpus
from ficlens.corpus.query import corpus_stats, export_query, run_query
from ficlens.corpus.store import Store
from ficlens.corpus.synthetic import write_corpus
from ficlens.errors import FiclensError


@pytest.fixture(scope="module")
def client():
    """Two worker processes, started once for this module."""
    cluster, dask_client = start_cluster(2)
    yield dask_client
    dask_client.close()
    cluster.close()


@pytest.fixture
def stories(tmp_path: Path) -> Path:
    """A folder of six short generated stories in two subfolders."""
    folder = tmp_path / "archive"
    write_corpus(folder, 6, words=120, seed=100)
    return folder


def _per_work(store: Path) -> list[tuple]:
    return run_query(store, "SELECT work_id, count(*) FROM works GROUP BY 1")[1]


@pytest.fixture
def bad_files(stories: Path) -> Path:
    (stories / "scan.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02 binary")
    (stories / "blank.md").write_bytes(b"")
    return stories


def test_a_run_stores_every_work_once_and_logs_bad_files(
    client, bad_files: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    summary = run_corpus([bad_files, tmp_path / "missing.txt"], store, client=client, batch_size=4)
    assert (summary.total, summary.stored, summary.errors, summary.skipped) == (9, 6, 3, 0)
    per_work = _per_work(store)
    assert len(per_work) == 6 and all(count == 1 for _, count in per_work)
    errors = dict(run_query(store, "SELECT regexp_extract(path, '[^/]+$'), stage FROM errors")[1])
    assert errors == {"scan.txt": "read", "blank.md": "read", "missing.txt": "discover"}
    # Offsets and speakers are the same facts as the per-work JSON.
    (checked,) = run_query(
        store,
        """SELECT count(*) FILTER (WHERE substr(t.text, q.start + 1, 1) IN ('"', '''')) = count(*)
        FROM quotes q JOIN texts t USING (work_id)""",
    )[1]
    assert checked == (True,)
    assert (store / "ficlens.duckdb").is_file()
    # A second run skips everything stored and retries only the failures.
    again = run_corpus([bad_files], store, client=client)
    assert (again.stored, again.skipped, again.errors) == (0, 6, 2)
    assert len(_per_work(store)) == 6
    assert run_query(store, "SELECT count(*) FROM errors")[1] == [(3,)]


def test_an_interrupted_run_keeps_finished_works_and_resumes(
    client, stories: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"

    def interrupt(summary) -> None:
        if summary.stored >= 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_corpus([stories], store, client=client, batch_size=100, progress=interrupt)
    kept = len(_per_work(store))
    assert kept >= 2
    resumed = run_corpus([stories], store, client=client)
    assert resumed.skipped == kept and resumed.stored == 6 - kept
    per_work = _per_work(store)
    assert len(per_work) == 6 and all(count == 1 for _, count in per_work)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory, client) -> Path:
    from ficlens.corpus.synthetic import write_corpus

    root = tmp_path_factory.mktemp("analysed")
    write_corpus(root / "in", 4, words=150, seed=7)
    run_corpus([root / "in"], root / "store", client=client)
    return root / "store"


def test_query_results_are_written_as_csv_parquet_and_json(analysed: Path, tmp_path: Path) -> None:
    sql = "SELECT work_id, count(*) AS quotes FROM quotes GROUP BY 1 ORDER BY 1;"
    expected = run_query(analysed, sql)[1]
    assert export_query(analysed, sql, "csv", tmp_path / "q.csv") == len(expected) == 4
    lines = (tmp_path / "q.csv").read_text().splitlines()
    assert lines[0] == "work_id,quotes" and len(lines) == 5
    export_query(analysed, sql, "parquet", tmp_path / "q.parquet")
    back = duckdb.sql(f"SELECT * FROM read_parquet('{tmp_path / 'q.parquet'}') ORDER BY 1")
    assert back.fetchall() == expected
    export_query(analysed, sql, "json", tmp_path / "q.json")
    rows = json.loads((tmp_path / "q.json").read_text())
    assert [(r["work_id"], r["quotes"]) for r in rows] == expected
    assert not list(tmp_path.glob(".*.tmp"))


def test_bad_sql_is_one_clear_error(analysed: Path, tmp_path: Path) -> None:
    with pytest.raises(FiclensError, match="^SQL error: "):
        run_query(analysed, "SELEC * FROM quotes")
    with pytest.raises(FiclensError, match="no_such_table"):
        export_query(analysed, "SELECT * FROM no_such_table", "csv", tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()


def test_stats_counts_works_words_quotes_and_pairings(analysed: Path) -> None:
    sections = {s.title: s for s in corpus_stats(analysed)}
    totals = dict(sections["Corpus"].rows)
    assert totals["works"] == 4 and totals["words"] > 4 * 150
    assert totals["quotes"] == run_query(analysed, "SELECT count(*) FROM quotes")[1][0][0] > 0
    assert totals["errors"] == 0
    # Each generated story declares its two leads ("Ilsa/Tobias") in the author's note.
    declared = sections["Pairings declared (author's notes)"].rows
    assert sum(row[2] for row in declared) == totals["declared pairings"] == 4
    assert sections["Top characters by lines"].rows


def test_the_command_line(analysed: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(
        app, ["corpus", "query", str(analysed), "SELECT count(*) AS n FROM works"]
    )
    assert shown.exit_code == 0 and "4" in shown.output
    bad = runner.invoke(app, ["corpus", "query", str(analysed), "SELECT nope FROM works"])
    assert bad.exit_code == 1
    assert bad.output.startswith("error: SQL error:") and "Traceback" not in bad.output
    out = tmp_path / "works.csv"
    written = runner.invoke(
        app, ["corpus", "query", str(analysed), "SELECT * FROM works", "--csv", str(out)]
    )
    assert written.exit_code == 0 and len(out.read_text().splitlines()) == 5
    stats = runner.invoke(app, ["corpus", "stats", str(analysed)])
    assert stats.exit_code == 0 and "Top characters by lines" in stats.output
    missing = runner.invoke(app, ["corpus", "stats", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "no such corpus store" in missing.output


def test_the_store_database_file_has_the_views(analysed: Path) -> None:
    con = duckdb.connect(str(Store(analysed).database), read_only=True)
    try:
        names = {row[0] for row in con.execute("SELECT view_name FROM duckdb_views()").fetchall()}
        assert {"works", "quotes", "characters", "mentions", "errors", "chapters"} <= names
        assert con.execute("SELECT count(*) FROM works").fetchone() == (4,)
    finally:
        con.close()


def test_corpus_run_from_the_command_line_in_a_fresh_process(tmp_path: Path) -> None:
    """The real command, with its own local cluster (no client exists in the process before)."""
    import subprocess
    import sys

    write_corpus(tmp_path / "in", 2, words=80, seed=7)
    store = tmp_path / "store"
    command = [sys.executable, "-m", "ficlens", "corpus", "run", str(tmp_path / "in")]
    command += ["--store", str(store), "--workers", "1"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert "stored 2 works" in first.stdout + first.stderr
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "skipped 2" in again.stdout + again.stderr
    assert run_query(store, "SELECT count(*) FROM works")[1] == [(2,)]
