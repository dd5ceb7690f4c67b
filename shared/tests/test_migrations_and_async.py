"""Projects migrated by Alembic and async projects get the same isolation as the rest."""

import shutil
import textwrap
from pathlib import Path

import pytest

from journey import REPO_ROOT, databases
from journey.runner import run_projects

ALEMBIC_INI = """
[alembic]
script_location = migrations
"""

ENV_PY = """
from alembic import context
from sqlalchemy import create_engine

url = context.config.get_main_option("sqlalchemy.url")
with create_engine(url).connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
"""

FIRST_REVISION = """
revision = "0001"
down_revision = None


def upgrade() -> None:
    from alembic import op
    import sqlalchemy as sa

    op.create_table(
        "notes", sa.Column("id", sa.Integer, primary_key=True), sa.Column("body", sa.Text)
    )


def downgrade() -> None:
    from alembic import op

    op.drop_table("notes")
"""

CONFTEST = """
from pathlib import Path

import pytest
from fastapi import Depends, FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from journey.databases import Migrations


async def get_db():  # replaced by the plugin's async_client
    raise RuntimeError("not overridden")


app = FastAPI()


@app.post("/notes")
async def add_note(body: str, db: AsyncSession = Depends(get_db)) -> dict[str, int]:
    await db.execute(text("INSERT INTO notes (body) VALUES (:b)"), {"b": body})
    await db.commit()
    count = (await db.execute(text("SELECT count(*) FROM notes"))).scalar_one()
    return {"count": count}


@pytest.fixture(scope="session")
def journey_schema() -> Migrations:
    return Migrations(Path(__file__).parent)


@pytest.fixture(scope="session")
def journey_app() -> FastAPI:
    return app


@pytest.fixture(scope="session")
def journey_get_db():
    return get_db
"""

TESTS = """
import pytest
from sqlalchemy import text

pytestmark = [pytest.mark.day(1), pytest.mark.asyncio]


async def test_the_migrated_table_exists_and_a_commit_stays_inside_the_test(async_db_session):
    await async_db_session.execute(text("INSERT INTO notes (body) VALUES ('a')"))
    await async_db_session.commit()
    count = (await async_db_session.execute(text("SELECT count(*) FROM notes"))).scalar_one()
    assert count == 1


async def test_the_next_test_starts_empty(async_db_session):
    count = (await async_db_session.execute(text("SELECT count(*) FROM notes"))).scalar_one()
    assert count == 0, f"Counted notes. Got {count}, expected 0: the last test's commit leaked"


async def test_the_async_client_uses_the_rolled_back_session(async_client):
    for expected in (1, 2):
        response = await async_client.post("/notes", params={"body": "x"})
        assert response.json() == {"count": expected}, response.text


async def test_and_leaves_nothing_behind(async_db_session):
    count = (await async_db_session.execute(text("SELECT count(*) FROM notes"))).scalar_one()
    assert count == 0
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip())


@pytest.fixture
def migrated_project(tmp_path: Path) -> Path:
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    project = tmp_path / "w" / "harness_notes"
    write(project / "alembic.ini", ALEMBIC_INI)
    write(project / "migrations" / "env.py", ENV_PY)
    write(project / "migrations" / "versions" / "0001_notes.py", FIRST_REVISION)
    write(project / "conftest.py", CONFTEST)
    write(project / "tests" / "test_notes.py", TESTS)
    return project


def test_async_fixtures_on_a_migrated_schema_isolate_every_test(migrated_project: Path) -> None:
    root = migrated_project.parents[1]
    runs = run_projects(root, ["w/harness_notes"], None, remember=False)
    outcomes = {r["nodeid"].split("::")[-1]: r["outcome"] for r in runs["w/harness_notes"].results}
    assert outcomes and set(outcomes.values()) == {"passed"}, (
        f"Ran the migrated async project. Got {outcomes}; log: {runs['w/harness_notes'].log}"
    )


def test_the_template_key_follows_the_migrations(migrated_project: Path) -> None:
    migrations = databases.Migrations(migrated_project)
    before = migrations.fingerprint()
    assert migrations.fingerprint() == before, "The same migrations gave two keys"
    revision = migrated_project / "migrations" / "versions" / "0001_notes.py"
    revision.write_text(revision.read_text().replace("sa.Text", "sa.String(200)"))
    after = migrations.fingerprint()
    assert after != before, "Changed a migration. Got the same template key: it would be reused"
