"""The reference: the same two read endpoints in bare Starlette + asyncpg, no ORM, no validation.

    DATABASE_URL=postgresql://... uvicorn benchmark.reference_app:app --port 8002

It answers GET /posts?limit=N (COUNT + page, author joined, newest first) and
GET /posts/{id} with the same JSON as the blog API, so the ratio measures the framework,
ORM and validation overhead, not a different amount of work.
"""

import json
import os
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

PAGE_SQL = """
SELECT p.id, p.title, p.body, p.created_at, p.updated_at, u.id AS author_id, u.username
FROM posts p JOIN users u ON u.id = p.author_id
ORDER BY p.created_at DESC, p.id DESC LIMIT $1 OFFSET $2
"""
ONE_SQL = """
SELECT p.id, p.title, p.body, p.created_at, p.updated_at, u.id AS author_id, u.username
FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = $1
"""


def _dsn() -> str:
    """asyncpg wants a plain postgresql:// URL."""
    url = os.environ["DATABASE_URL"]
    return url.replace("postgresql+psycopg2://", "postgresql://", 1)


def _post(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row as the blog API's PostRead JSON."""
    updated = row["updated_at"]
    return {
        "id": row["id"],
        "title": row["title"],
        "body": row["body"],
        "author": {"id": row["author_id"], "username": row["username"]},
        "created_at": row["created_at"].isoformat(),
        "updated_at": updated.isoformat() if updated else None,
    }


def _json(data: object, status: int = 200) -> Response:
    """Serialise once with the standard library."""
    return Response(json.dumps(data), status_code=status, media_type="application/json")


async def list_posts(request: Request) -> Response:
    """COUNT plus one page, like GET /posts?limit=N&skip=M on the blog API."""
    limit = min(max(int(request.query_params.get("limit", 10)), 1), 100)
    skip = max(int(request.query_params.get("skip", 0)), 0)
    async with request.app.state.pool.acquire() as conn:
        total = await conn.fetchval("SELECT count(*) FROM posts")
        rows = await conn.fetch(PAGE_SQL, limit + 1, skip)
    items = [_post(row) for row in rows[:limit]]
    return _json(
        {"items": items, "total": total, "limit": limit, "skip": skip, "next_cursor": None}
    )


async def get_post(request: Request) -> Response:
    """One post with its author, or 404."""
    post_id = int(request.path_params["post_id"])
    async with request.app.state.pool.acquire() as conn:
        row = await conn.fetchrow(ONE_SQL, post_id)
    if row is None:
        return _json({"detail": f"Post {post_id} not found"}, 404)
    return _json(_post(row))


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    """One asyncpg pool for the process."""
    app.state.pool = await asyncpg.create_pool(_dsn(), min_size=10, max_size=40)
    yield
    await app.state.pool.close()


app = Starlette(
    routes=[Route("/posts", list_posts), Route("/posts/{post_id:int}", get_post)],
    lifespan=lifespan,
)
