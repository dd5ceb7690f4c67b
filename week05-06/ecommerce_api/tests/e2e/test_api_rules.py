"""Day 38: the API's rules: bounded input (never a 500), one error shape, no echoed input,
a body size limit, and a JSON 503 with Retry-After when the database is away."""

import httpx
import pytest

from tests.helpers import Person

pytestmark = [
    pytest.mark.day(38),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "app/http_errors.py maps every error to ErrorBody {code, detail, errors}; "
        "BodySizeLimit answers 413; database errors that mean 'busy or away' answer 503."
    ),
]


@pytest.mark.parametrize(
    "path",
    ["/products/2147483648", "/products/0", "/orders/99999999999999999999", "/categories/-1"],
)
async def test_ids_outside_postgresqls_integer_range_are_422(
    async_client: httpx.AsyncClient, customer: Person, path: str
) -> None:
    response = await async_client.get(path, headers=customer.headers)
    assert response.status_code == 422, (
        f"Called GET {path}. Got {response.status_code}, expected 422"
    )


@pytest.mark.parametrize(
    "content",
    [
        b'{"name": "X", "price": Infinity}',
        b'{"name": "X", "price": 1e400}',
        b'{"name": "\\ud800", "price": "1.00"}',
        b'{"name": "a\\u0000b", "price": "1.00"}',
        b'{"name": "X", "price": "1.00", "stock": 99999999999999999999}',
    ],
)
async def test_non_finite_numbers_lone_surrogates_and_huge_numbers_are_422(
    async_client: httpx.AsyncClient, admin: Person, content: bytes
) -> None:
    headers = {**admin.headers, "Content-Type": "application/json"}
    response = await async_client.post("/products", content=content, headers=headers)
    assert response.status_code == 422, (
        f"Called POST /products {content!r}. Got {response.status_code}"
    )


async def test_undecodable_json_is_400(async_client: httpx.AsyncClient, admin: Person) -> None:
    headers = {**admin.headers, "Content-Type": "application/json"}
    response = await async_client.post("/products", content=b'{"name": ', headers=headers)
    got = (response.status_code, response.json()["code"])
    assert got == (400, "bad_request"), f"Called POST /products with broken JSON. Got {got}"


async def test_every_error_has_one_shape_and_never_echoes_the_input(
    async_client: httpx.AsyncClient, customer: Person
) -> None:
    secret = "sk_live_" + "s" * 40
    answers = [
        await async_client.get("/products/999999"),
        await async_client.get("/users/me"),
        await async_client.post("/categories", json={"name": "x"}, headers=customer.headers),
        await async_client.post("/users", json={"email": secret, "name": secret * 100}),
        await async_client.get("/nowhere"),
    ]
    statuses = [a.status_code for a in answers]
    assert statuses == [404, 401, 403, 422, 404], f"Called five failing requests. Got {statuses}"
    for answer in answers:
        body = answer.json()
        assert set(body) == {"code", "detail", "errors"}, (
            f"Called a failing request. Got body {body}"
        )
        assert secret not in answer.text, (
            f"Called POST /users with a secret. Got it echoed: {answer.text[:200]}"
        )
    fields = [e["loc"] for e in answers[3].json()["errors"]]
    assert ["body", "email"] in fields, f"Called POST /users invalid. Got errors at {fields}"


async def test_a_body_over_the_limit_is_413(async_client: httpx.AsyncClient, admin: Person) -> None:
    big = {"name": "X", "price": "1.00", "description": "d" * 70_000}
    response = await async_client.post("/products", json=big, headers=admin.headers)
    got = (response.status_code, response.json()["code"])
    assert got == (413, "body_too_large"), f"Called POST /products with 70 kB. Got {got}"


async def test_an_unreachable_database_is_a_json_503_with_retry_after() -> None:
    from app.main import create_app
    from conftest import make_settings

    # Port 1 on this machine: nothing listens, the connection is refused at once.
    app = create_app(
        make_settings("postgresql+asyncpg://nobody:secret@127.0.0.1:1/none", db_pool_timeout=2)
    )
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://test") as client,
    ):
        answers = [await client.get("/health"), await client.get("/products")]
    got = [(a.status_code, a.headers.get("retry-after"), a.json()["code"]) for a in answers]
    assert got == [(503, "2", "database_unavailable")] * 2, (
        f"Called GET /health and /products. Got {got}"
    )
    assert "secret" not in answers[0].text, "Called GET /health. Got the database password echoed"
