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
    from journey import databases, pg

    try:
        server = pg.server_url()
    except pg.DatabaseUnavailable:
        return
    databases.drop_templates(server, (f"{databases.PREFIX}tpl_harness",))
