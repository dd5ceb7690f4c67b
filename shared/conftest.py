"""The harness's own tests run with shared/ as their project root.

Their fixture projects are named ``harness*``; every template database those projects
leave on the server is dropped when the session ends, so running the harness's tests
against a learner's own server (DATABASE_URL) leaves nothing behind.
"""

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def _drop_fixture_templates() -> Iterator[None]:
    yield
    import sqlalchemy as sa

    from journey import pg

    try:
        server = pg.server_url()
    except pg.DatabaseUnavailable:
        return
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    with engine.connect() as conn:
        names = conn.execute(
            sa.text("SELECT datname FROM pg_database WHERE datname LIKE 'jt\\_tpl\\_harness%'")
        ).scalars()
        for name in list(names):
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
