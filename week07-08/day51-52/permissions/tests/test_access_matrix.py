"""Day 52: every caller gets exactly the status tests/access_matrix.toml gives, on every route."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import httpx2 as httpx  # what TestClient returns (Starlette 1.x prefers httpx2)
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from tests.helpers import CALLERS, World
from tests.routes import operations

pytestmark = pytest.mark.day(52)

MATRIX_FILE = Path(__file__).with_name("access_matrix.toml")
CASES: list[dict[str, Any]] = tomllib.loads(MATRIX_FILE.read_text())["case"]


def send(client: TestClient, case: dict[str, Any], caller: str, world: World) -> httpx.Response:
    """The case's request, as `caller`."""
    own = "other" if caller == "anonymous" else caller
    path = case["path"].format(
        own_post=world.posts[own], others_post=world.posts["other"], other_user=world.users["other"]
    )
    method = case["route"].split()[0]
    return client.request(
        method, path, headers=world.headers(caller), json=case.get("json"), data=case.get("form")
    )


def assert_the_matrix_names_every_route_of_the_app(journey_app: FastAPI) -> None:
    """A route missing from the matrix would go unchecked: the matrix must list them all."""
    in_app = {operation.key for operation in operations(journey_app)}
    in_matrix = {case["route"] for case in CASES}
    assert in_matrix == in_app, (
        f"Compared tests/access_matrix.toml with the app's routes. Missing from the matrix: "
        f"{sorted(in_app - in_matrix)}; not in the app: {sorted(in_matrix - in_app)}"
    )


@pytest.mark.hint("Find the cell in tests/access_matrix.toml; 401 = no valid token, 403 = refused.")
def test_every_caller_gets_the_status_the_matrix_gives(
    client: TestClient, journey_app: FastAPI, db_session: Session, world: World
) -> None:
    assert_the_matrix_names_every_route_of_the_app(journey_app)
    connection = db_session.get_bind()
    assert isinstance(connection, Connection)
    db_session.commit()  # end the session's own savepoint: each cell's savepoint nests outside it
    mismatches = []
    # A 500 is a mismatch like any other, reported with the rest instead of stopping the test.
    with TestClient(journey_app, raise_server_exceptions=False) as tolerant:
        for case in CASES:
            for caller in CALLERS:
                # Each cell on the same starting world: whatever it changes is rolled back.
                savepoint = connection.begin_nested()
                try:
                    got = send(tolerant, case, caller, world).status_code
                finally:
                    db_session.rollback()
                    savepoint.rollback()
                    db_session.expire_all()
                expected = case["expect"][caller]
                if got != expected:
                    request = f"{case['route'].split()[0]} {case['path']}"
                    mismatches.append(f"{request} as {caller}: {got}, expected {expected}")
    assert not mismatches, (
        f"Sent every request of tests/access_matrix.toml as every caller. {len(mismatches)} "
        "cells differ:\n  " + "\n  ".join(mismatches)
    )
