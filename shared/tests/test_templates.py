"""Template databases: one name per schema, the same in every process."""

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sqlalchemy as sa
    from journey.databases import schema_fingerprint

    metadata = sa.MetaData()
    sa.Table(
        "posts", metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(50), index=True),
        sa.Column("author", sa.String(50), index=True),
        sa.Column("created", sa.DateTime, index=True),
        sa.Index("ix_title_author", "title", "author"),
    )
    print(schema_fingerprint(metadata))
    """
)


def test_a_schema_has_the_same_template_name_in_every_process() -> None:
    names = set()
    for seed in ("1", "2", "3", "4", "5"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
        )
        names.add(done.stdout.strip())
    assert len(names) == 1, (
        f"Called schema_fingerprint() under five hash seeds. Got {sorted(names)}, expected one "
        "name: concurrent runs would rebuild and drop each other's template"
    )
