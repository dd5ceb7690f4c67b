"""The reference: GET /products in bare Starlette + asyncpg, no ORM, no validation.

    DATABASE_URL=postgresql://... uvicorn benchmark.reference_app:app --port 8002

It answers GET /products?category_id=&min_price=&max_price=&limit= (first page: COUNT,
the page by id, the page's categories) with the same JSON as the e-commerce API, so the
ratio measures the framework, ORM and validation overhead, not a different amount of work.
"""

import base64
import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

WHERE = """
FROM products p
WHERE EXISTS (SELECT 1 FROM product_categories pc
              WHERE pc.product_id = p.id AND pc.category_id = $1)
  AND p.price >= $2 AND p.price <= $3
"""
COUNT_SQL = "SELECT count(*) " + WHERE
PAGE_SQL = (
    "SELECT p.id, p.name, p.description, p.price, p.stock, p.low_stock_threshold, p.created_at "
    + WHERE
    + " ORDER BY p.id LIMIT $4"
)
CATEGORIES_SQL = """
SELECT pc.product_id, c.id, c.name FROM product_categories pc
JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = ANY($1::int[])
"""


def _dsn() -> str:
    url = os.environ["DATABASE_URL"]
    for prefix in ("postgresql+psycopg2://", "postgresql+asyncpg://"):
        url = url.replace(prefix, "postgresql://", 1)
    return url


def _cursor(last_id: int) -> str:
    payload = {"k": "id", "d": False, "v": last_id, "id": last_id}
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _product(row: Any, categories: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "description": row["description"],
        "price": f"{row['price']:.2f}",
        "stock": row["stock"],
        "low_stock_threshold": row["low_stock_threshold"],
        "categories": categories,
        "created_at": row["created_at"].isoformat().replace("+00:00", "Z"),
    }


async def list_products(request: Request) -> Response:
    """COUNT, one page by id, and the page's categories, like GET /products on the API."""
    query = request.query_params
    category = int(query["category_id"])
    low, high = Decimal(query.get("min_price", "0")), Decimal(query.get("max_price", "1e9"))
    limit = min(max(int(query.get("limit", 20)), 1), 100)
    async with request.app.state.pool.acquire() as conn:
        total = await conn.fetchval(COUNT_SQL, category, low, high)
        rows = await conn.fetch(PAGE_SQL, category, low, high, limit + 1)
        page = rows[:limit]
        links = await conn.fetch(CATEGORIES_SQL, [row["id"] for row in page])
    by_product: dict[int, list[dict[str, Any]]] = {}
    for link in sorted(links, key=lambda link: link["id"]):
        by_product.setdefault(link["product_id"], []).append(
            {"id": link["id"], "name": link["name"]}
        )
    body = {
        "items": [_product(row, by_product.get(row["id"], [])) for row in page],
        "total": total,
        "limit": limit,
        "skip": 0,
        "next_cursor": _cursor(page[-1]["id"]) if len(rows) > limit else None,
    }
    return Response(json.dumps(body), media_type="application/json")


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    """One asyncpg pool for the process, the size of the API's."""
    app.state.pool = await asyncpg.create_pool(_dsn(), min_size=10, max_size=10)
    yield
    await app.state.pool.close()


app = Starlette(routes=[Route("/products", list_products)], lifespan=lifespan)
