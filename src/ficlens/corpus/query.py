"""SQL over a corpus store, result files, and the corpus overview (`ficlens corpus stats`)."""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ficlens.corpus.store import Store
from ficlens.errors import FiclensError

OUTPUT_FORMATS = {
    "csv": "(FORMAT csv, HEADER true)",
    "parquet": "(FORMAT parquet)",
    "json": "(FORMAT json, ARRAY true)",
}


@dataclass
class Section:
    """One table of the overview: a title, column names and rows."""

    title: str
    columns: list[str]
    rows: list[tuple] = field(default_factory=list)
    note: str | None = None


def _sql_error(problem: Exception) -> FiclensError:
    first = str(problem).strip().splitlines()[0] if str(problem).strip() else type(problem).__name__
    return FiclensError(f"SQL error: {first}")


def _clean(sql: str) -> str:
    sql = sql.strip()
    while sql.endswith(";"):
        sql = sql[:-1].rstrip()
    if not sql:
        raise FiclensError("SQL error: the query is empty")
    return sql


def run_query(
    store: str | Path, sql: str, limit: int | None = None
) -> tuple[list[str], list[tuple], bool]:
    """Run SQL over the store's tables; return column names, rows and whether rows were cut."""
    import duckdb

    con = Store(store).connect()
    try:
        cursor = con.execute(_clean(sql))
        if cursor.description is None:
            return [], [], False
        columns = [d[0] for d in cursor.description]
        if limit is None:
            return columns, cursor.fetchall(), False
        rows = cursor.fetchmany(limit + 1)
        return columns, rows[:limit], len(rows) > limit
    except duckdb.Error as problem:
        raise _sql_error(problem) from None
    finally:
        con.close()


def export_query(store: str | Path, sql: str, fmt: str, target: str | Path) -> int:
    """Write the query's result to `target` as csv, parquet or json, atomically; return rows."""
    import duckdb

    if fmt not in OUTPUT_FORMATS:
        raise FiclensError(
            f"unknown output format {fmt!r}; choose from {', '.join(OUTPUT_FORMATS)}"
        )
    target = Path(target).expanduser().absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp"
    con = Store(store).connect()
    try:
        path = "'" + str(temporary).replace("'", "''") + "'"
        try:
            con.execute(f"COPY ({_clean(sql)}) TO {path} {OUTPUT_FORMATS[fmt]}")
            (rows,) = con.execute(f"SELECT count(*) FROM ({_clean(sql)})").fetchone()
        except duckdb.Error as problem:
            raise _sql_error(problem) from None
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        return int(rows)
    finally:
        con.close()
        with contextlib.suppress(OSError):
            temporary.unlink()


def _columns(con, table: str) -> set[str]:
    return {row[0] for row in con.execute(f'DESCRIBE "{table}"').fetchall()}


_NAMED_PAIRS = """
numbered AS (SELECT row_number() OVER () AS pid, work_id, kind, characters FROM pairings),
members AS (SELECT pid, work_id, kind, unnest(characters) AS cid FROM numbered),
named AS (
    SELECT m.pid, m.work_id, m.kind, coalesce(c.name, m.cid) AS name
    FROM members m LEFT JOIN characters c ON c.work_id = m.work_id AND c.id = m.cid
),
declared AS (
    SELECT any_value(work_id) AS work_id, any_value(kind) AS kind,
           string_agg(name, ' / ' ORDER BY name) AS pair
    FROM named GROUP BY pid HAVING count(*) = 2
)"""


def _observed_sql(con) -> str:
    """Pairs of characters who speak to each other (and, where the schema has it, share scenes)."""
    quotes = _columns(con, "quotes")
    parts = []
    if {"speaker", "addressees"} <= quotes:
        parts.append(
            """SELECT q.work_id, s.name AS a, t.name AS b, 1 AS lines
            FROM (SELECT work_id, speaker, unnest(addressees) AS addressee FROM quotes) q
            JOIN characters s ON s.work_id = q.work_id AND s.id = q.speaker
            JOIN characters t ON t.work_id = q.work_id AND t.id = q.addressee"""
        )
    relationships = _columns(con, "relationships")
    if "characters" in relationships and "co_present_scenes" in relationships:
        parts.append(
            """SELECT r.work_id, s.name AS a, t.name AS b, 0 AS lines
            FROM relationships r
            JOIN characters s ON s.work_id = r.work_id AND s.id = r.characters[1]
            JOIN characters t ON t.work_id = r.work_id AND t.id = r.characters[2]
            WHERE r.co_present_scenes > 0"""
        )
    if not parts:
        return (
            "observed AS (SELECT NULL::VARCHAR AS work_id, NULL::VARCHAR AS pair, 0 AS lines "
            "WHERE false)"
        )
    union = "\nUNION ALL\n".join(parts)
    return f"""observed AS (
        SELECT work_id, least(a, b) || ' / ' || greatest(a, b) AS pair, lines
        FROM ({union}) WHERE a <> b
    )"""


def corpus_stats(store: str | Path, top: int = 10) -> list[Section]:
    """The corpus overview: totals, top characters, pairings declared vs observed, errors."""
    import duckdb

    con = Store(store).connect()
    try:
        return _stats(con, top)
    except duckdb.Error as problem:
        raise _sql_error(problem) from None
    finally:
        con.close()


def _stats(con, top: int) -> list[Section]:
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    works, words = con.execute("SELECT count(*), coalesce(sum(words), 0) FROM works").fetchone()
    quote_cols = _columns(con, "quotes")
    speech = (
        one("SELECT count(*) FILTER (WHERE kind = 'speech') FROM quotes")
        if "kind" in quote_cols
        else None
    )
    attributed = one("SELECT count(*) FILTER (WHERE speaker IS NOT NULL) FROM quotes")
    totals = Section(
        "Corpus",
        ["measure", "value"],
        [
            ("works", works),
            ("words", int(words)),
            ("quotes", one("SELECT count(*) FROM quotes")),
            ("  speech", speech),
            ("  with a speaker", attributed),
            ("characters (per work)", one("SELECT count(*) FROM characters")),
            ("distinct character names", one("SELECT count(DISTINCT name) FROM characters")),
            ("mentions", one("SELECT count(*) FROM mentions")),
            ("declared pairings", one("SELECT count(*) FROM pairings")),
            ("errors", one("SELECT count(*) FROM errors")),
        ],
    )
    characters = Section(
        "Top characters by lines",
        ["character", "lines", "works"],
        con.execute(
            f"""SELECT c.name, count(*) AS lines, count(DISTINCT q.work_id) AS works
            FROM quotes q JOIN characters c ON c.work_id = q.work_id AND c.id = q.speaker
            GROUP BY c.name ORDER BY lines DESC, c.name LIMIT {int(top)}"""
        ).fetchall(),
    )
    observed = _observed_sql(con)
    declared_rows = con.execute(
        f"""WITH {_NAMED_PAIRS}, {observed}
        SELECT d.pair, d.kind, count(DISTINCT d.work_id) AS works,
               count(DISTINCT o.work_id) AS observed_in
        FROM declared d LEFT JOIN observed o ON o.work_id = d.work_id AND o.pair = d.pair
        GROUP BY d.pair, d.kind ORDER BY works DESC, d.pair LIMIT {int(top)}"""
    ).fetchall()
    observed_rows = con.execute(
        f"""WITH {_NAMED_PAIRS}, {observed}
        SELECT o.pair, count(DISTINCT o.work_id) AS works, sum(o.lines) AS lines,
               count(DISTINCT d.work_id) AS declared_in
        FROM observed o LEFT JOIN declared d ON d.work_id = o.work_id AND d.pair = o.pair
        GROUP BY o.pair ORDER BY works DESC, lines DESC, o.pair LIMIT {int(top)}"""
    ).fetchall()
    declared = Section(
        "Pairings declared (author's notes)",
        ["pairing", "kind", "works", "observed in"],
        declared_rows,
        note="observed in: works where the pair also speak to each other or share a scene",
    )
    seen = Section(
        "Pairs observed (speaking to each other, sharing scenes)",
        ["pair", "works", "lines", "declared in"],
        observed_rows,
    )
    errors = Section(
        "Errors",
        ["stage", "type", "count", "example"],
        con.execute(
            """SELECT stage, error_type, count(*) AS n, any_value(path || ': ' || reason)
            FROM errors GROUP BY stage, error_type ORDER BY n DESC, stage"""
        ).fetchall(),
    )
    return [totals, characters, declared, seen, errors]


def section_dicts(sections: list[Section]) -> list[dict[str, Any]]:
    """The overview as plain data (for JSON)."""
    return [
        {"title": s.title, "columns": s.columns, "rows": [list(r) for r in s.rows], "note": s.note}
        for s in sections
    ]
