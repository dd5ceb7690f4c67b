"""Run a .sql script against PostgreSQL and save the rows of every SELECT to JSON.

Usage: python run_sql.py [DATABASE_URL] [--database NAME] [--sql FILE] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.engine.interfaces import DBAPICursor
from sqlalchemy.exc import ArgumentError

HERE = Path(__file__).resolve().parent
NAME_MARKER = "-- name:"


class RunError(Exception):
    """A problem the user can fix, reported in one line: bad URL, no server, SQL error."""


@dataclass(frozen=True)
class Statement:
    """One SQL statement, the line it starts on, and the name given to its result."""

    sql: str
    line: int
    name: str | None


def split_statements(script: str) -> list[Statement]:
    """Split a script at lines ending with ';' (enough for scripts without ';' in strings)."""
    statements: list[Statement] = []
    lines: list[str] = []
    start, name = 0, None
    for number, line in enumerate(script.splitlines(), start=1):
        stripped = line.strip()
        if not lines:
            if stripped.startswith(NAME_MARKER):
                name = stripped.removeprefix(NAME_MARKER).strip()
            if not stripped or stripped.startswith("--"):
                continue
            start = number
        lines.append(line)
        if stripped.endswith(";"):
            statements.append(Statement("\n".join(lines), start, name))
            lines, name = [], None
    if lines:
        statements.append(Statement("\n".join(lines), start, name))
    return statements


def parse_url(raw: str | None) -> URL:
    """Turn the argument (or, without one, DATABASE_URL) into a PostgreSQL URL.

    Raises RunError "no database URL ..." when there is neither, "not a database URL ..."
    when the text does not parse, "expected a postgresql:// URL ..." for another database.
    A bare postgresql:// URL comes back as postgresql+psycopg2://; other drivers are kept.
    """
    raw = raw or os.environ.get("DATABASE_URL")
    if not raw:
        example = "postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
        hint = "`make db-url` prints the journey's"
        raise RunError(f"no database URL: pass one ({example}) or set DATABASE_URL ({hint})")
    try:
        url = make_url(raw)
    except ArgumentError:
        raise RunError(f"not a database URL: {raw!r}") from None
    if url.get_backend_name() != "postgresql":
        raise RunError(f"expected a postgresql:// URL, got {url.drivername}://")
    # SQLAlchemy 2.1 maps a bare postgresql:// to psycopg 3; these days teach psycopg2.
    return url.set(drivername="postgresql+psycopg2") if url.drivername == "postgresql" else url


def first_line(error: object) -> str:
    """The first line of a driver's error message, which is the part that explains it."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def run_statements(
    cursor: DBAPICursor, statements: list[Statement], driver_error: type[Exception]
) -> dict[str, Any]:
    """Execute every statement and collect the columns and rows of those that return rows."""
    results: dict[str, Any] = {}
    for index, statement in enumerate(statements, start=1):
        try:
            # No parameters, so the driver sends the text as written ('%' included).
            cursor.execute(statement.sql)
        except driver_error as exc:
            where = f"statement {index} (line {statement.line})"
            raise RunError(f"SQL error in {where}: {first_line(exc)}") from exc
        if cursor.description is not None:
            results[statement.name or f"query_{index}"] = {
                "sql": statement.sql,
                "columns": [column[0] for column in cursor.description],
                "rows": [list(row) for row in cursor.fetchall()],
            }
    return results


def run_script(url: URL, statements: list[Statement]) -> dict[str, Any]:
    """Run the statements in one transaction: all of them are committed, or none."""
    engine = create_engine(url, connect_args={"connect_timeout": 5})
    # The driver's own base error (psycopg2.Error): raw connections raise it unwrapped.
    driver_error: type[Exception] = engine.dialect.loaded_dbapi.Error
    try:
        try:
            connection = engine.raw_connection()
        except driver_error as exc:
            where = url.render_as_string(hide_password=True)
            raise RunError(f"could not connect to {where}: {first_line(exc)}") from None
        try:
            results = run_statements(connection.cursor(), statements, driver_error)
            connection.commit()
            return results
        finally:
            # After a commit this is a no-op; after an error it undoes the whole script.
            connection.rollback()
            connection.close()
    finally:
        engine.dispose()


def to_json(value: object) -> object:
    """Encode the values json does not know: timestamps, dates, decimals."""
    return value.isoformat() if isinstance(value, date) else str(value)


def save_results(results: dict[str, Any], out: Path) -> None:
    """Write the results through a temporary file so a crash never leaves half a file."""
    temporary = out.with_name(out.name + ".tmp")
    temporary.write_text(json.dumps(results, indent=2, default=to_json) + "\n", encoding="utf-8")
    temporary.replace(out)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", help="database URL (default: $DATABASE_URL)")
    parser.add_argument("--database", help="the database to use instead of the URL's")
    parser.add_argument("--sql", type=Path, default=HERE / "practice.sql", help="script to run")
    parser.add_argument("--out", type=Path, default=HERE / "results.json", help="results file")
    args = parser.parse_args(argv)
    try:
        url = parse_url(args.url)
        if args.database:
            url = url.set(database=args.database)
        try:
            script = args.sql.read_text(encoding="utf-8")
        except OSError as exc:
            raise RunError(f"cannot read {args.sql}: {exc.strerror}") from None
        statements = split_statements(script)
        if not statements:
            raise RunError(f"no SQL statements in {args.sql}")
        results = run_script(url, statements)
        save_results(results, args.out)
    except RunError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Ran {len(statements)} statements; saved {len(results)} result sets to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
