"""CSV export: one row per task, readable by spreadsheets and `csv.DictReader`."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from models import Task

CSV_COLUMNS = ("id", "title", "status", "priority", "tags", "due", "created_at")
# OWASP "CSV Injection": a spreadsheet runs a cell starting with one of these as a formula
# (=HYPERLINK(...), =cmd|...); a leading single quote makes it plain text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """`cell` with a single quote in front when it starts with a FORMULA_TRIGGERS character."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


def export_to_csv(tasks: Iterable[Task], stream: IO[str]) -> int:
    """Write a header and one row per task to `stream`; return how many rows were written.

    Tags are joined with ";" and a missing due date is an empty cell. Every text cell goes
    through `neutralise`, so a title like "=HYPERLINK(...)" is written as "'=HYPERLINK(...)".
    """
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for task in tasks:
        row = task.to_dict()
        row["tags"] = ";".join(task.tags)
        row["due"] = row["due"] or ""
        writer.writerow({key: neutralise(v) if isinstance(v, str) else v for key, v in row.items()})
        count += 1
    return count
