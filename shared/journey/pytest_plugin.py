"""The pytest plugin every project gets (entry point ``pytest11``).

Markers ``day(n)`` and ``task(n)``, the ``--day N`` filter, the result recorder that
the progress runner reads, and the PostgreSQL fixtures described in docs/harness.md.
Heavy imports (SQLAlchemy, FastAPI) happen inside fixtures, so a project that never
touches the database pays nothing for them.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from journey.recorder import ResultRecorder, day_of

if TYPE_CHECKING:
    import sqlalchemy as sa
    from fastapi.testclient import TestClient
    from sqlalchemy.engine import URL
    from sqlalchemy.orm import Session

    from journey.databases import Schema


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--day",
        type=int,
        default=None,
        metavar="N",
        help="run only the tests tagged @pytest.mark.day(N)",
    )


def pytest_configure(config: pytest.Config) -> None:
    # The async fixtures (async_engine, async_db_session, async_client) live in a
    # module of their own: pytest-asyncio's decorator must be applied where they are defined.
    if not config.pluginmanager.has_plugin("journey-async"):
        from journey import async_fixtures

        config.pluginmanager.register(async_fixtures, "journey-async")
    config.addinivalue_line("markers", "day(n): the journey day whose feature this test checks")
    config.addinivalue_line("markers", "task(n): the task within a day that this test checks")
    config.addinivalue_line("markers", "hint(text): what to look at when this test fails")
    recorder = ResultRecorder.from_environment(Path(config.rootpath))
    if recorder is not None:
        config.pluginmanager.register(recorder, "journey-recorder")


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    """A module that calls ``sys.exit()`` while it is imported fails its test file, by name.

    pytest lets SystemExit through collection and stops the whole session with an internal
    error ("no tests ran"), which names neither the file nor the call.
    """
    try:
        return (yield)
    except SystemExit as stopped:
        reason = (
            f"importing this file called sys.exit({stopped.code!r}): code that runs a program "
            'belongs under `if __name__ == "__main__":`'
        )
        return pytest.CollectReport(collector.nodeid, "failed", reason, [])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wanted = config.getoption("--day")
    if wanted is None:
        return
    selected = [item for item in items if day_of(item) == wanted]
    deselected = [item for item in items if day_of(item) != wanted]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


# --- PostgreSQL -------------------------------------------------------------------


@dataclass(frozen=True)
class _Template:
    server: URL
    name: str
    keep: bool
    project: str


_clone_counter = itertools.count(1)


@pytest.fixture(scope="session")
def journey_schema() -> Schema:
    """Override in a project's conftest: its ``MetaData``, or a ``(url) -> None`` builder."""
    return None


@pytest.fixture(scope="session")
def _journey_template(
    request: pytest.FixtureRequest, journey_schema: Schema
) -> Iterator[_Template]:
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from journey import databases, pg

    # The folder pytest was started in is the project (the runner starts it there);
    # the starter check names its copies apart so their templates never collide.
    project = os.environ.get("JOURNEY_PROJECT") or Path(request.config.invocation_params.dir).name
    try:
        server = pg.server_url()
    except pg.DatabaseUnavailable as error:
        pytest.exit(str(error), returncode=pg.UNAVAILABLE_EXIT_CODE)
    try:
        # Held until the run ends: tells every other run (on any machine sharing the
        # server) that this run's databases are alive.
        if not databases.can_create_databases(server):
            refusal = ProgrammingError("", None, Exception("permission denied to create database"))
            pytest.exit(pg.describe_refusal(server, refusal), returncode=pg.UNAVAILABLE_EXIT_CODE)
        claim = databases.claim_run(server, project)
        databases.drop_abandoned(server)
        name, keep = databases.ensure_template(server, project, journey_schema)
    except OperationalError as error:
        pytest.exit(pg.describe_failure(server, error), returncode=pg.UNAVAILABLE_EXIT_CODE)
    except ProgrammingError as error:  # e.g. permission denied to create database
        pytest.exit(pg.describe_refusal(server, error), returncode=pg.UNAVAILABLE_EXIT_CODE)
    template = _Template(server=server, name=name, keep=keep, project=project)
    try:
        yield template
        if not keep:
            databases.drop_database(server, name)
    finally:
        claim.close()


@contextmanager
def _fresh_database(template: _Template, label: str) -> Iterator[str]:
    from journey import databases

    name = databases.clone(template.server, template.name, template.project, label)
    try:
        yield template.server.set(database=name).render_as_string(hide_password=False)
    finally:
        databases.drop_database(template.server, name)


@pytest.fixture(scope="session")
def database_url(_journey_template: _Template) -> Iterator[str]:
    """This run's own database, holding the project's schema; dropped at the end."""
    with _fresh_database(_journey_template, "s") as url:
        yield url


@pytest.fixture(scope="session")
def async_database_url(database_url: str) -> str:
    """``database_url`` for the asyncpg driver."""
    from sqlalchemy.engine import make_url

    url = make_url(database_url).set(drivername="postgresql+asyncpg")
    return url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[sa.Engine]:
    """A SQLAlchemy engine on this run's database."""
    import sqlalchemy as sa

    created = sa.create_engine(database_url)
    yield created
    created.dispose()


@pytest.fixture
def db_session(engine: sa.Engine) -> Iterator[Session]:
    """A session whose work is rolled back after the test, commits included."""
    from sqlalchemy.orm import Session

    connection = engine.connect()
    outer = connection.begin()
    # commit() in the code under test releases a SAVEPOINT; the outer transaction
    # is rolled back below, so no test sees another test's rows.
    session = Session(bind=connection, join_transaction_mode="create_savepoint")
    try:
        yield session
    finally:
        session.close()
        if outer.is_active:
            outer.rollback()
        connection.close()


@pytest.fixture
def committed_database_url(_journey_template: _Template) -> Iterator[str]:
    """A database of this test's own where commits are real; dropped afterwards."""
    with _fresh_database(_journey_template, f"c{next(_clone_counter)}") as url:
        yield url


@pytest.fixture
def empty_database_url(_journey_template: _Template) -> Iterator[str]:
    """URL of an empty database of this test's own (Alembic upgrade/downgrade tests)."""
    from journey import databases

    server = _journey_template.server
    name = databases.create_empty(server, _journey_template.project, f"e{next(_clone_counter)}")
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        databases.drop_database(server, name)


@pytest.fixture(scope="session")
def journey_app() -> Any:
    """Override in a project's conftest: return the FastAPI app under test."""
    raise pytest.UsageError("this project's conftest.py must define a `journey_app` fixture")


@pytest.fixture(scope="session")
def journey_get_db() -> Callable[..., Any]:
    """Override in a project's conftest: return the dependency that yields a Session."""
    raise pytest.UsageError("this project's conftest.py must define a `journey_get_db` fixture")


@pytest.fixture
def client(
    journey_app: Any, journey_get_db: Callable[..., Any], db_session: Session
) -> Iterator[TestClient]:
    """A TestClient whose database dependency yields the test's rolled-back session."""
    from fastapi.testclient import TestClient

    def override() -> Iterator[Session]:
        yield db_session

    journey_app.dependency_overrides[journey_get_db] = override
    try:
        with TestClient(journey_app) as test_client:
            yield test_client
    finally:
        journey_app.dependency_overrides.pop(journey_get_db, None)


class QueryCounter:
    """Counts the SQL statements an engine executes inside a ``with`` block."""

    def __init__(self) -> None:
        self.count = 0
        self.statements: list[str] = []

    def __call__(self, *args: Any) -> None:
        self.count += 1
        self.statements.append(str(args[2]))


@pytest.fixture
def count_queries(engine: sa.Engine) -> Callable[..., Any]:
    """``with count_queries() as counter: ...`` then ``counter.count``."""
    from sqlalchemy import event

    @contextmanager
    def counting(target: sa.Engine | None = None) -> Iterator[QueryCounter]:
        watched = target if target is not None else engine
        counter = QueryCounter()
        event.listen(watched, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(watched, "before_cursor_execute", counter)

    return counting
