"""Days 53-56: the role x route matrix, kept as data in tests/access_matrix.csv, drives one
test per route: anonymous, customer, staff and admin each get exactly the status listed."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.access import ROLES, Row, rows
from tests.helpers import Shop

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize(
    "row", [pytest.param(r, id=r.operation, marks=pytest.mark.day(r.day)) for r in rows()]
)
@pytest.mark.hint("Each route declares Public, CurrentUser or RequirePermission('area:action').")
async def test_each_role_gets_the_status_the_matrix_lists(
    api: httpx.AsyncClient, shop: Shop, row: Row
) -> None:
    got = []
    for role in ROLES:
        headers = {} if role == "anonymous" else (await shop.user(role)).headers
        body = row.body.replace("{role}", role)
        if body.startswith("form:"):
            form = dict(pair.split("=", 1) for pair in body.removeprefix("form:").split("&"))
            response = await api.request(row.method, row.path, data=form, headers=headers)
        else:
            payload = json.loads(body) if body else None
            response = await api.request(row.method, row.path, json=payload, headers=headers)
        got.append(response.status_code)
    assert tuple(got) == row.expected, (
        f"Called {row.operation} as {', '.join(ROLES)}. Got {got}, expected {list(row.expected)}"
    )
