"""The corpus store: Parquet tables per batch, a manifest per batch, DuckDB views over them.

Layout of STORE/::

    _batches/batch-<id>.json        one manifest per committed batch (written last)
    <table>/batch-<id>.parquet      one file per table per batch (works, quotes, errors, ...)
    ficlens.duckdb                  views over the committed files, for any DuckDB client

A batch counts only once its manifest exists: its table files are written to temporary names
and renamed into place first, then the manifest is written atomically. Files without a
manifest (a run killed mid-batch) are invisible to the views and deleted by the next run.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ficlens
from ficlens.corpus.flatten import NAMED_TABLES, table_schemas
from ficlens.errors import FiclensError
from ficlens.write.atomic import write_atomic

MANIFESTS = "_batches"
SCRATCH = "_tmp"
DATABASE = "ficlens.duckdb"


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def outcome_key(work_id: str | None, path: str) -> str:
    """What identifies an outcome: the content hash, or the path when the bytes were unreadable."""
    return work_id if work_id else f"path:{path}"


@dataclass
class Outcome:
    """The latest thing a store knows about one work."""

    batch: str
    version: str
    status: str  # "stored" | "error"
    stage: str | None
    path: str


@dataclass
class Batch:
    """One committed batch, as its manifest describes it."""

    id: str
    version: str
    tables: dict[str, dict[str, Any]]
    outcomes: list[dict[str, Any]] = field(default_factory=list)


def encode_rows(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """One table's rows as newline-delimited JSON, with their count and column names.

    Workers encode their rows this way, so the process that writes the store only joins bytes.
    """
    return {
        "rows": len(rows),
        "columns": list(dict.fromkeys(key for row in rows for key in row)),
        "ndjson": "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode(),
    }


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Store:
    """A folder of Parquet tables written batch by batch, with DuckDB views over them."""

    def __init__(self, root: str | Path):
        self.root = Path(root).expanduser().absolute()
        self.manifest_dir = self.root / MANIFESTS
        self.database = self.root / DATABASE

    # ------------------------------------------------------------------ committed state

    def batches(self) -> list[Batch]:
        """Committed batches, oldest first."""
        if not self.manifest_dir.is_dir():
            return []
        found = []
        for manifest in sorted(self.manifest_dir.glob("batch-*.json")):
            try:
                data = json.loads(manifest.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # a manifest is written atomically; anything unreadable is not ours
            found.append(
                Batch(data["batch"], data["ficlens_version"], data["tables"], data["outcomes"])
            )
        return found

    def outcomes(self, batches: list[Batch] | None = None) -> dict[str, Outcome]:
        """The latest outcome of every work (by content hash, or path) the store has seen."""
        latest: dict[str, Outcome] = {}
        for batch in self.batches() if batches is None else batches:
            for item in batch.outcomes:
                latest[item["key"]] = Outcome(
                    batch.id, batch.version, item["status"], item.get("stage"), item["path"]
                )
        return latest

    def is_done(self, outcome: Outcome | None, version: str = ficlens.__version__) -> bool:
        """Whether a rerun skips this work: stored by this ficlens version (errors are retried)."""
        return outcome is not None and outcome.version == version and outcome.status == "stored"

    # ------------------------------------------------------------------ writing

    @contextlib.contextmanager
    def writing(self) -> Iterator[Store]:
        """Hold the store's lock for a run and clean up what a killed run left behind."""
        self.root.mkdir(parents=True, exist_ok=True)
        lock_path = self.root / ".lock"
        with open(lock_path, "a+") as lock:
            try:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise FiclensError(f"{self.root}: another corpus run is writing to it") from None
            try:
                self.recover()
                yield self
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    def recover(self) -> list[Path]:
        """Delete table files of batches that never committed and leftover temporary files."""
        committed = {batch.id for batch in self.batches()}
        removed = []
        for table_dir in self.root.iterdir():
            if not table_dir.is_dir() or table_dir.name == MANIFESTS:
                continue
            for entry in table_dir.iterdir():
                name = entry.name
                orphan = (
                    name.startswith("batch-")
                    and name.endswith(".parquet")
                    and (name[len("batch-") : -len(".parquet")] not in committed)
                )
                if orphan or name.endswith(".tmp") or table_dir.name == SCRATCH:
                    with contextlib.suppress(OSError):
                        entry.unlink()
                        removed.append(entry)
        leftovers = list(self.root.glob(".*.tmp"))
        if self.manifest_dir.is_dir():
            leftovers += self.manifest_dir.glob(".*.tmp")
        for leftover in leftovers:
            with contextlib.suppress(OSError):
                leftover.unlink()
        return removed

    def write_batch(self, results: Iterable[dict[str, Any]]) -> Batch | None:
        """Write one batch of work outcomes (each with its table rows) and commit it."""
        import duckdb

        results = list(results)
        if not results:
            return None
        batch_id = f"{time.time_ns():020d}-{secrets.token_hex(3)}"
        merged: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for result in results:
            for table, rows in result["tables"].items():
                merged[table].append(rows if isinstance(rows, dict) else encode_rows(rows))
        schemas = table_schemas()
        scratch = self.root / SCRATCH
        scratch.mkdir(parents=True, exist_ok=True)
        tables: dict[str, dict[str, Any]] = {}
        con = duckdb.connect(config={"threads": 1})  # the cores belong to the workers
        try:
            for table, parts in merged.items():
                count = sum(part["rows"] for part in parts)
                if not count:
                    continue
                columns = dict(schemas.get(table, {"work_id": "VARCHAR"}))
                for part in parts:
                    for key in part["columns"]:
                        if key not in columns:
                            columns[key] = "JSON"  # a field the schema does not name: keep it
                target = self.root / table / f"batch-{batch_id}.parquet"
                self._write_table(con, scratch, target, columns, [p["ndjson"] for p in parts])
                tables[table] = {"file": f"{table}/{target.name}", "rows": count}
        finally:
            con.close()
        outcomes = [
            {
                "key": outcome_key(r.get("work_id"), r["path"]),
                "work_id": r.get("work_id"),
                "path": r["path"],
                "status": r["status"],
                "stage": r.get("stage"),
            }
            for r in results
        ]
        manifest = {
            "batch": batch_id,
            "ficlens_version": ficlens.__version__,
            "committed_at": time.time(),
            "tables": tables,
            "outcomes": outcomes,
        }
        write_atomic(
            self.manifest_dir / f"batch-{batch_id}.json", json.dumps(manifest, indent=1) + "\n"
        )
        return Batch(batch_id, ficlens.__version__, tables, outcomes)

    @staticmethod
    def _write_table(con, scratch: Path, target: Path, columns: dict[str, str], ndjson) -> None:
        """Write NDJSON rows to `target` as Parquet through DuckDB: temp file, fsync, rename."""
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = scratch / f"{target.parent.name}-{target.stem}.ndjson"
        with open(staging, "wb") as handle:
            handle.writelines(ndjson)
        temporary = target.parent / f".{target.name}.tmp"
        struct = (
            "{" + ", ".join(f"{_quote_str(c)}: {_quote_str(t)}" for c, t in columns.items()) + "}"
        )
        select = ", ".join(_quote_ident(c) for c in columns)
        try:
            con.execute(
                f"COPY (SELECT {select} FROM read_json({_quote_str(str(staging))}, "
                f"format='newline_delimited', columns={struct}, maximum_object_size=1073741824)) "
                f"TO {_quote_str(str(temporary))} (FORMAT parquet, COMPRESSION zstd)"
            )
            _fsync_file(temporary)
            os.replace(temporary, target)
        finally:
            with contextlib.suppress(OSError):
                staging.unlink()
            with contextlib.suppress(OSError):
                temporary.unlink()

    # ------------------------------------------------------------------ reading

    def view_sql(self, batches: list[Batch] | None = None) -> dict[str, str]:
        """SELECT statements for every table: the committed files, latest outcome per work."""
        batches = self.batches() if batches is None else batches
        latest = self.outcomes(batches)
        latest_by_path: dict[str, str] = {}
        for batch in batches:
            for item in batch.outcomes:
                latest_by_path[item["path"]] = batch.id
        schemas = table_schemas()
        names = list(schemas)
        for batch in batches:
            names += [t for t in batch.tables if t not in names]
        views = {}
        for table in names:
            clean, partial = [], []
            for batch in batches:
                entry = batch.tables.get(table)
                if entry is None:
                    continue
                stale = []
                for item in batch.outcomes:
                    key = item["key"]
                    superseded = latest[key].batch != batch.id or (
                        key.startswith("path:") and latest_by_path[item["path"]] != batch.id
                    )
                    if superseded:
                        stale.append(key)
                file = _quote_str(str(self.root / entry["file"]))
                if not stale:
                    clean.append(file)
                elif len(stale) < len(batch.outcomes):
                    partial.append((file, stale))
            key_expr = "coalesce(work_id, 'path:' || path)" if table == "errors" else "work_id"
            parts = []
            if table in schemas:
                typed = ", ".join(
                    f"CAST(NULL AS {t}) AS {_quote_ident(c)}" for c, t in schemas[table].items()
                )
                parts.append(f"SELECT {typed} WHERE false")
            if clean:
                parts.append(
                    f"SELECT * FROM read_parquet([{', '.join(clean)}], union_by_name=true)"
                )
            for file, stale in partial:
                keys = ", ".join(_quote_str(k) for k in stale)
                parts.append(f"SELECT * FROM read_parquet({file}) WHERE {key_expr} NOT IN ({keys})")
            if not parts:
                parts.append("SELECT CAST(NULL AS VARCHAR) AS work_id WHERE false")
            views[table] = "\nUNION ALL BY NAME\n".join(parts)
        return views

    def _create_views(self, con, views: dict[str, str]) -> None:
        for table, sql in views.items():
            try:
                con.execute(f"CREATE OR REPLACE VIEW {_quote_ident(table)} AS {sql}")
                con.execute(f"DESCRIBE {_quote_ident(table)}")
            except Exception:  # noqa: BLE001 - a column changed type across versions
                without_schema = sql.split("\nUNION ALL BY NAME\n", 1)[-1]
                con.execute(f"CREATE OR REPLACE VIEW {_quote_ident(table)} AS {without_schema}")

    def connect(self):
        """An in-memory DuckDB connection with a view per table of this store."""
        import duckdb

        if not self.root.is_dir():
            raise FiclensError(f"{self.root}: no such corpus store")
        con = duckdb.connect()
        self._create_views(con, self.view_sql())
        return con

    def build_database(self) -> Path:
        """(Re)write STORE/ficlens.duckdb with the views, atomically."""
        import duckdb

        temporary = self.root / f".{DATABASE}.{secrets.token_hex(4)}.tmp"
        try:
            con = duckdb.connect(str(temporary))
            try:
                self._create_views(con, self.view_sql())
            finally:
                con.close()
            _fsync_file(temporary)
            os.replace(temporary, self.database)
        finally:
            for leftover in (temporary, Path(str(temporary) + ".wal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        return self.database


__all__ = ["Store", "Outcome", "Batch", "NAMED_TABLES", "outcome_key"]
