"""The reference: GET /products in bare Starlette + asyncpg, no ORM, no validation layer.

    DATABASE_URL=postgresql://... JWT_SECRET_KEY=... uvicorn benchmark.reference_app:app

It does the same work as the shop's GET /products: with a bearer token, it verifies the
JWT (python-jose, HS256, audience, issuer, exp) and loads the caller, the role and its
permissions in one statement, as the app does on every request; then COUNT and one page
of active products, newest first, answered in the same JSON. So the ratio measures the
framework, ORM, dependency injection and validation overhead, not a different amount of
work.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from jose import JWTError, jwt
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

PRINCIPAL_SQL = """
SELECT u.id, u.email, u.email_verified, r.name,
       (SELECT array_agg(p.name) FROM role_permissions rp JOIN permissions p
          ON p.id = rp.permission_id WHERE rp.role_id = u.role_id)
FROM users u JOIN roles r ON r.id = u.role_id JOIN auth_sessions s ON s.user_id = u.id
WHERE u.id = $1 AND u.banned_at IS NULL AND s.id = $2 AND s.revoked_at IS NULL
  AND s.expires_at > $3
"""
COUNT_SQL = "SELECT count(*) FROM products WHERE is_active"
PAGE_SQL = """
SELECT id, name, description, price, stock, category_id, is_active, created_at
FROM products WHERE is_active ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2
"""
OPTIONS = {"require_exp": True, "require_aud": True, "require_iss": True, "require_sub": True}
SECRET = os.environ.get("JWT_SECRET_KEY", "dev-only-jwt-secret-change-me-0123456789")
AUDIENCE, ISSUER = "modular-ecommerce-api", "modular-ecommerce"


def _dsn() -> str:
    """asyncpg wants a plain postgresql:// URL."""
    url = os.environ["DATABASE_URL"]
    for prefix in ("postgresql+asyncpg://", "postgresql+psycopg2://"):
        url = url.replace(prefix, "postgresql://", 1)
    return url


def _product(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "description": row["description"],
        "price": f"{row['price']:.2f}",
        "stock": row["stock"],
        "category_id": row["category_id"],
        "is_active": row["is_active"],
        "created_at": row["created_at"].isoformat().replace("+00:00", "Z"),
    }


def _json(data: object, status: int = 200) -> Response:
    return Response(json.dumps(data), status_code=status, media_type="application/json")


async def _caller(conn: Any, header: str) -> bool:
    """Whether the bearer token is valid and names a live, unbanned user (one query)."""
    try:
        claims = jwt.decode(
            header.removeprefix("Bearer "),
            SECRET,
            algorithms=["HS256"],
            audience=AUDIENCE,
            issuer=ISSUER,
            options=OPTIONS,
        )
        if claims.get("type") != "access":
            return False
        row = await conn.fetchrow(
            PRINCIPAL_SQL, int(claims["sub"]), uuid.UUID(claims["sid"]), datetime.now(UTC)
        )
    except (JWTError, KeyError, ValueError):
        return False
    return row is not None


async def list_products(request: Request) -> Response:
    """GET /products?limit=N&offset=M, optionally authenticated."""
    limit = min(max(int(request.query_params.get("limit", 20)), 1), 100)
    offset = max(int(request.query_params.get("offset", 0)), 0)
    header = request.headers.get("authorization")
    async with request.app.state.pool.acquire() as conn:
        if header and not await _caller(conn, header):
            return _json({"error": "invalid_token"}, 401)
        total = await conn.fetchval(COUNT_SQL)
        rows = await conn.fetch(PAGE_SQL, limit, offset)
    items = [_product(row) for row in rows]
    return _json({"items": items, "total": total, "limit": limit, "offset": offset})


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    """One asyncpg pool for the process."""
    app.state.pool = await asyncpg.create_pool(_dsn(), min_size=10, max_size=10)
    yield
    await app.state.pool.close()


app = Starlette(routes=[Route("/products", list_products)], lifespan=lifespan)
