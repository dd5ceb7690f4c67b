"""Generate the README's Mermaid ER diagram from the SQLAlchemy models.

python scripts/er_diagram.py          # print the diagram
python scripts/er_diagram.py --write  # replace the diagram in README.md
"""

import re
import sys
from pathlib import Path

from sqlalchemy import Column, MetaData, Table

PROJECT = Path(__file__).resolve().parents[1]
README = PROJECT / "README.md"
START, END = "<!-- er-diagram:start -->", "<!-- er-diagram:end -->"

if str(PROJECT) not in sys.path:  # run as a script: make `app` importable
    sys.path.insert(0, str(PROJECT))


def _unique_by_index(table: Table) -> set[str]:
    """Columns made unique by a one-column unique index, e.g. one on lower(username)."""
    return {
        column.name
        for index in table.indexes
        if index.unique and len(index.columns) == 1
        for column in index.columns
    }


def _column_line(column: Column[object], unique: set[str]) -> str:
    """One attribute row: type, name, and PK/FK/UK keys (`unique`: UK by an index)."""
    keys = []
    if column.primary_key:
        keys.append("PK")
    if column.foreign_keys:
        keys.append("FK")
    if column.unique or column.name in unique:
        keys.append("UK")
    kind = re.sub(r"\W+", "_", str(column.type).lower()).strip("_")
    comment = "" if column.nullable is False or column.primary_key else ' "nullable"'
    suffix = f" {','.join(keys)}" if keys else ""
    return f"        {kind} {column.name}{suffix}{comment}"


def _relationship_lines(table: Table) -> list[str]:
    """One line per foreign key: parent ||--o{ child, labelled with the cascade rule."""
    lines = []
    for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
        rule = (fk.ondelete or "no action").lower()
        label = f"{fk.parent.name} (on delete {rule})"
        lines.append(f'    {fk.column.table.name} ||--o{{ {table.name} : "{label}"')
    return lines


def mermaid(metadata: MetaData) -> str:
    """The erDiagram block for every table in the metadata, in a stable order."""
    lines = ["```mermaid", "erDiagram"]
    tables = sorted(metadata.tables.values(), key=lambda t: t.name)
    for table in tables:
        lines += _relationship_lines(table)
    for table in tables:
        lines.append(f"    {table.name} {{")
        unique = _unique_by_index(table)
        lines += [_column_line(column, unique) for column in table.columns]
        lines.append("    }")
    lines.append("```")
    return "\n".join(lines)


def current_metadata() -> MetaData:
    """The application's metadata with every model registered."""
    import app.models  # noqa: F401  (registers the tables)
    from app.database import Base

    return Base.metadata


def readme_diagram(text: str) -> str:
    """The diagram currently between the README markers."""
    match = re.search(re.escape(START) + r"\n(.*?)\n" + re.escape(END), text, re.S)
    return match.group(1) if match else ""


def write_readme(diagram: str) -> None:
    """Replace the diagram between the README markers."""
    text = README.read_text()
    if START not in text or END not in text:
        raise SystemExit(f"README.md lacks the {START} / {END} markers")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{diagram}\n{END}{tail}")


def main() -> None:
    """Print the diagram, or write it into README.md with --write."""
    diagram = mermaid(current_metadata())
    if "--write" in sys.argv[1:]:
        write_readme(diagram)
        print(f"Updated the ER diagram in {README.name}")
    else:
        print(diagram)


if __name__ == "__main__":
    main()
