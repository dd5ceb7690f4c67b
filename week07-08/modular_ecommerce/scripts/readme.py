"""Generate the README's diagrams and tables from the code, so they cannot drift from it.

    python -m scripts.readme           # rewrite every generated section of README.md
    python -m scripts.readme --check   # exit 1 if one is out of date (the tests do this)

Sections (between <!-- NAME:start --> and <!-- NAME:end --> markers):
- modules:   the module graph from the real imports (grimp), and the events between them;
- er:        the ER diagram from the SQLAlchemy metadata;
- endpoints: one table per module from the OpenAPI document, with each route's access rule;
- matrix:    the role x route matrix the tests run (tests/access_matrix.csv);
- benchmark: the figures of benchmark/results.md (written by benchmark/run_benchmark.py).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
README = PROJECT / "README.md"
MATRIX = PROJECT / "tests" / "access_matrix.csv"
RESULTS = PROJECT / "benchmark" / "results.md"
MODULES = ("auth", "users", "products", "orders", "admin")

if str(PROJECT) not in sys.path:  # run as a script: make `app` importable
    sys.path.insert(0, str(PROJECT))


def _app() -> Any:
    from app.config import Settings
    from app.main import create_app

    return create_app(Settings(_env_file=None, environment="test"))


def module_diagram() -> str:
    """Mermaid flowchart: which module imports which parts of which other module (solid),
    and which events travel between them (dotted)."""
    import grimp

    from app.main import REGISTRY

    graph = grimp.build_graph("app", cache_dir=None)
    uses: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for importer in sorted(graph.modules):
        parts = importer.split(".")
        if len(parts) < 3 or parts[1] != "modules":
            continue
        for imported in graph.find_modules_directly_imported_by(importer):
            target = imported.split(".")
            if len(target) >= 4 and target[1] == "modules" and target[2] != parts[2]:
                uses[(parts[2], target[2])].add(target[3])
    lines = ["```mermaid", "flowchart TB", '    main(["app.main: create_app"])']
    lines += [f"    main --> {name}" for name in MODULES]
    for (source, destination), imported_parts in sorted(uses.items()):
        names = ", ".join(sorted(imported_parts))
        lines.append(f'    {source} -- "{names}" --> {destination}')
    flows: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for name, module in REGISTRY.items():
        for subscription in module.subscriptions:
            origin = subscription.event.__module__.split(".")[2]
            if origin != name:
                flows[(origin, name)].append(subscription.event.__name__)
    for (origin, listener), events in sorted(flows.items()):
        lines.append(f'    {origin} -. "{", ".join(sorted(events))}" .-> {listener}')
    lines += [f"    {name}[{name}]" for name in MODULES]
    lines.append("```")
    return "\n".join(lines)


def er_diagram() -> str:
    """Mermaid erDiagram of every table: columns with PK/FK/UK, foreign keys as relations."""
    from sqlalchemy import Column

    from app.database import Base
    from app.modules.auth import models as _auth  # noqa: F401  (register the tables)
    from app.modules.orders import models as _orders  # noqa: F401
    from app.modules.products import models as _products  # noqa: F401
    from app.modules.users import models as _users  # noqa: F401

    def column_line(column: Column[Any]) -> str:
        keys = [
            k
            for k, on in (
                ("PK", column.primary_key),
                ("FK", column.foreign_keys),
                ("UK", column.unique),
            )
            if on
        ]
        kind = re.sub(r"\W+", "_", str(column.type).lower()).strip("_")
        suffix = f" {','.join(keys)}" if keys else ""
        nullable = ' "nullable"' if column.nullable and not column.primary_key else ""
        return f"        {kind} {column.name}{suffix}{nullable}"

    tables = sorted(Base.metadata.tables.values(), key=lambda t: t.name)
    lines = ["```mermaid", "erDiagram"]
    for table in tables:
        for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
            rule = (fk.ondelete or "no action").lower()
            label = f"{fk.parent.name} (on delete {rule})"
            lines.append(f'    {fk.column.table.name} ||--o{{ {table.name} : "{label}"')
    for table in tables:
        lines.append(f"    {table.name} {{")
        lines += [column_line(column) for column in table.columns]
        lines.append("    }")
    lines.append("```")
    return "\n".join(lines)


def endpoint_tables() -> str:
    """One table per module: method, path, who may call it, what it does."""
    document = _app().openapi()
    by_tag: defaultdict[str, list[str]] = defaultdict(list)
    for path, item in document["paths"].items():
        for method, operation in item.items():
            access, summary = operation["x-access"], operation["summary"]
            by_tag[operation["tags"][0]].append(
                f"| {method.upper()} | `{path}` | {access} | {summary} |"
            )
    blocks = []
    for tag in document.get("tags", []):
        title = f"**{tag['name']}**: {tag['description']}\n"
        header = ["| Method | Path | Access | What |", "|---|---|---|---|"]
        blocks.append("\n".join([title, *header, *by_tag[tag["name"]]]))
    return "\n\n".join(blocks)


def matrix_table() -> str:
    """The role x route matrix, as the tests run it."""
    with MATRIX.open(newline="") as file:
        rows = list(csv.DictReader(file))
    roles = ("anonymous", "customer", "staff", "admin")
    lines = ["| Request | " + " | ".join(roles) + " |", "|---|" + "---|" * len(roles)]
    for row in rows:
        lines.append(
            f"| {row['method']} `{row['path']}` | " + " | ".join(row[r] for r in roles) + " |"
        )
    return "\n".join(lines)


def benchmark_figures() -> str:
    """benchmark/results.md without its title."""
    return RESULTS.read_text().split("\n", 2)[2].strip()


SECTIONS: dict[str, Callable[[], str]] = {
    "modules": module_diagram,
    "er": er_diagram,
    "endpoints": endpoint_tables,
    "matrix": matrix_table,
    "benchmark": benchmark_figures,
}


def section(text: str, name: str) -> str | None:
    """The README's current text between the markers of `name`, or None without markers."""
    match = re.search(rf"<!-- {name}:start -->\n(.*?)\n<!-- {name}:end -->", text, re.S)
    return match.group(1) if match else None


def render(text: str) -> str:
    """`text` with every section regenerated."""
    for name, generate in SECTIONS.items():
        if section(text, name) is None:
            raise SystemExit(f"README.md lacks the <!-- {name}:start/end --> markers")
        start, end = f"<!-- {name}:start -->\n", f"\n<!-- {name}:end -->"
        head, rest = text.split(start, 1)
        tail = rest.split(end, 1)[1]
        text = f"{head}{start}{generate()}{end}{tail}"
    return text


def main() -> None:
    """Rewrite the README's generated sections, or with --check only compare them."""
    current = README.read_text()
    fresh = render(current)
    if "--check" in sys.argv[1:]:
        if fresh != current:
            raise SystemExit("README.md is out of date: run python -m scripts.readme")
        print("README.md is up to date")
        return
    README.write_text(fresh)
    print("Rewrote the generated sections of README.md")


if __name__ == "__main__":
    main()
