"""CSV export: one row per task, readable by spreadsheets and `csv.DictReader`."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from models import Task

CSV_COLUMNS = ("id", "title", "status", "priority", "tags", "due", "created_at")


def export_to_csv(tasks: Iterable[Task], stream: IO[str]) -> int:
    """Write a header and one row per task to `stream`; return how many rows were written.

    Tags are joined with ";" and a missing due date is an empty cell.
    """
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for task in tasks:
        row = task.to_dict()
        row["tags"] = ";".join(task.tags)
        row["due"] = row["due"] or ""
        writer.writerow(row)
        count += 1
    return count
