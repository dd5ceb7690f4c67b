"""Day 26: /posts CRUD, filtering, search, sorting, offset and cursor pagination."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import PostFactory, RolledBackDatabase, UserFactory

pytestmark = [
    pytest.mark.day(26),
    pytest.mark.hint(
        "These tests make their authors with POST /users: pass tests/test_users_api.py first."
    ),
]


def _ids(client: TestClient, **params: Any) -> list[int]:
    response = client.get("/posts", params=params)
    assert response.status_code == 200, f"Called GET /posts {params}. Got {response.text}"
    return [item["id"] for item in response.json()["items"]]


def test_create_post_returns_201_with_its_author(
    client: TestClient, make_user: UserFactory
) -> None:
    ada = make_user(username="ada")
    body = {"author_id": ada["id"], "title": "  Engines  ", "body": "Looms and cards."}
    response = client.post("/posts", json=body)
    got = response.json()
    assert response.status_code == 201, f"Called POST /posts. Got {response.status_code}"
    assert got["title"] == "Engines" and got["author"] == {"id": ada["id"], "username": "ada"}, (
        f"Called POST /posts. Got {got}, expected trimmed title and author ada"
    )
    assert client.get(f"/posts/{got['id']}").json() == got, (
        "Called GET /posts/{id} after create. Got a different post, expected the same"
    )


def test_post_by_unknown_author_is_422_on_author_id(
    client: TestClient, make_user: UserFactory
) -> None:
    body = {"author_id": 999999, "title": "t", "body": "b"}
    response = client.post("/posts", json=body)
    assert response.status_code == 422, (
        f"Called POST /posts with author 999999. Got {response.status_code}, expected 422"
    )
    assert response.json()["errors"][0]["loc"] == ["body", "author_id"], (
        f"Called POST /posts with author 999999. Got {response.json()}, expected loc author_id"
    )
    response = client.post("/posts", json={**body, "author_id": make_user()["id"]})
    assert response.status_code == 201, (
        "Called POST /posts with the same body by an existing author. Got "
        f"{response.status_code} {response.text}, expected 201"
    )


@pytest.mark.parametrize(
    "body",
    [
        {"title": "", "body": "b"},
        {"title": "   ", "body": "b"},
        {"title": "t" * 201, "body": "b"},
        {"title": "t", "body": "b" * 20_001},
        {"title": "t", "body": "b", "published": True},
    ],
    ids=["empty-title", "blank-title", "long-title", "long-body", "unknown-field"],
)
def test_invalid_post_is_422(
    client: TestClient, make_user: UserFactory, body: dict[str, Any]
) -> None:
    response = client.post("/posts", json={"author_id": make_user()["id"], **body})
    assert response.status_code == 422, (
        f"Called POST /posts with {str(body)[:60]}. Got {response.status_code}, expected 422"
    )


def test_patch_post_changes_title_and_stamps_updated_at(
    client: TestClient, make_post: PostFactory
) -> None:
    post = make_post(title="Old", body="Same")
    got = client.patch(f"/posts/{post['id']}", json={"title": "New"}).json()
    assert (got["title"], got["body"]) == ("New", "Same") and got["updated_at"] is not None, (
        f"Called PATCH /posts/{{id}} title=New. Got {got}, expected new title, same body, "
        "updated_at set"
    )


def test_delete_post_is_204_then_404(client: TestClient, make_post: PostFactory) -> None:
    post = make_post()
    assert client.delete(f"/posts/{post['id']}").status_code == 204, (
        "Called DELETE /posts/{id}. Got a non-204 status, expected 204"
    )
    for method in ("GET", "PATCH", "DELETE"):
        status = client.request(method, f"/posts/{post['id']}", json={"title": "x"}).status_code
        assert status == 404, (
            f"Called {method} /posts/{{id}} after delete. Got {status}, expected 404"
        )


def test_list_returns_page_envelope_with_total(client: TestClient, make_post: PostFactory) -> None:
    for _ in range(3):
        make_post()
    page = client.get("/posts", params={"limit": 2}).json()
    assert set(page) == {"items", "total", "limit", "skip", "next_cursor"}, (
        f"Called GET /posts?limit=2. Got keys {sorted(page)}, expected the page envelope"
    )
    assert (len(page["items"]), page["total"], page["limit"]) == (2, 3, 2), (
        f"Called GET /posts?limit=2 with 3 posts. Got {len(page['items'])} items total "
        f"{page['total']}, expected 2 items total 3"
    )


def test_default_order_is_newest_first_and_skip_offsets(
    client: TestClient, make_post: PostFactory
) -> None:
    made = [make_post()["id"] for _ in range(4)]
    assert _ids(client) == made[::-1], (
        f"Called GET /posts. Got {_ids(client)}, expected newest first"
    )
    assert _ids(client, skip=1, limit=2) == made[::-1][1:3], (
        f"Called GET /posts?skip=1&limit=2. Got {_ids(client, skip=1, limit=2)}, "
        f"expected {made[::-1][1:3]}"
    )


def test_sort_by_title_breaks_ties_by_id(client: TestClient, make_post: PostFactory) -> None:
    b1 = make_post(title="b")["id"]
    a = make_post(title="a")["id"]
    b2 = make_post(title="b")["id"]
    assert _ids(client, sort="title", order="asc") == [a, b1, b2], (
        f"Called GET /posts?sort=title&order=asc. Got {_ids(client, sort='title', order='asc')}, "
        f"expected [{a}, {b1}, {b2}]"
    )
    assert _ids(client, sort="title", order="desc") == [b2, b1, a], (
        "Called GET /posts?sort=title&order=desc. Got "
        f"{_ids(client, sort='title', order='desc')}, expected [{b2}, {b1}, {a}]"
    )


def test_filter_by_author(
    client: TestClient, make_user: UserFactory, make_post: PostFactory
) -> None:
    ada = make_user()
    mine = make_post(author_id=ada["id"])["id"]
    make_post()
    assert _ids(client, author_id=ada["id"]) == [mine], (
        f"Called GET /posts?author_id={ada['id']}. Got {_ids(client, author_id=ada['id'])}, "
        f"expected [{mine}]"
    )


def test_search_matches_title_or_body_case_insensitively(
    client: TestClient, make_post: PostFactory
) -> None:
    in_title = make_post(title="FastAPI tips", body="x")["id"]
    in_body = make_post(title="Other", body="I like fastapi a lot")["id"]
    make_post(title="Django", body="nothing here")
    assert sorted(_ids(client, q="fastapi")) == sorted([in_title, in_body]), (
        f"Called GET /posts?q=fastapi. Got {_ids(client, q='fastapi')}, "
        f"expected [{in_title}, {in_body}]"
    )


def test_search_treats_percent_and_underscore_literally(
    client: TestClient, make_post: PostFactory
) -> None:
    literal = make_post(title="100% done")["id"]
    make_post(title="100 x done")
    assert _ids(client, q="100%") == [literal], (
        f"Called GET /posts?q=100%. Got {_ids(client, q='100%')}, expected only [{literal}]"
    )
    assert _ids(client, q="_") == [], (
        f"Called GET /posts?q=_. Got {_ids(client, q='_')}, expected []"
    )


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 101},
        {"skip": -1},
        {"skip": 10_001},
        {"sort": "password"},
        {"order": "sideways"},
        {"author_id": 0},
        {"q": ""},
        {"q": "x" * 101},
    ],
)
def test_out_of_range_list_parameters_are_422(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/posts", params=params)
    assert response.status_code == 422, (
        f"Called GET /posts {params}. Got {response.status_code}, expected 422"
    )
    response = client.get("/posts")
    assert response.status_code == 200, (
        f"Called GET /posts without {params}. Got {response.status_code}, expected 200"
    )


@pytest.mark.parametrize(
    ("sort", "order"), [("created_at", "desc"), ("title", "asc"), ("id", "desc")]
)
def test_cursor_pages_walk_every_post_once_in_offset_order(
    client: TestClient, make_post: PostFactory, sort: str, order: str
) -> None:
    for title in ["b", "a", "c", "a", "b", "d", "a"]:
        make_post(title=title)
    expected = _ids(client, sort=sort, order=order, limit=100)
    walked: list[int] = []
    params: dict[str, Any] = {"sort": sort, "order": order, "limit": 3}
    while True:
        page = client.get("/posts", params=params).json()
        walked += [item["id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert walked == expected, (
        f"Called GET /posts?sort={sort}&order={order} page by page with cursors. Got {walked}, "
        f"expected {expected}"
    )


def test_cursor_page_omits_total_and_last_page_has_no_cursor(
    client: TestClient, make_post: PostFactory
) -> None:
    for _ in range(3):
        make_post()
    first = client.get("/posts", params={"limit": 2}).json()
    second = client.get("/posts", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert (second["total"], second["next_cursor"], len(second["items"])) == (None, None, 1), (
        f"Called GET /posts?cursor=... for the last page. Got total={second['total']} "
        f"next_cursor={second['next_cursor']} items={len(second['items'])}, expected None None 1"
    )


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "garbage!"},
        {"cursor": "eyJrIjoidGl0bGUiLCJkIjp0cnVlLCJ2IjoxLCJpZCI6MX0"},  # issued for sort=title
        {"cursor": "eyJrIjoiaWQiLCJkIjp0cnVlLCJ2Ijo5OTk5OTk5OTk5OTksImlkIjoxfQ", "sort": "id"},
    ],
    ids=["not-base64-json", "other-sort", "id-out-of-range"],
)
def test_invalid_cursor_is_422(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/posts", params=params)
    assert response.status_code == 422, (
        f"Called GET /posts {params}. Got {response.status_code} {response.text}, expected 422"
    )


def test_cursor_together_with_skip_is_422(client: TestClient, make_post: PostFactory) -> None:
    for _ in range(2):
        make_post()
    cursor = client.get("/posts", params={"limit": 1}).json()["next_cursor"]
    response = client.get("/posts", params={"limit": 1, "skip": 1, "cursor": cursor})
    assert response.status_code == 422, (
        f"Called GET /posts with both skip and cursor. Got {response.status_code}, expected 422"
    )


def test_the_search_is_served_by_the_trigram_indexes(database: RolledBackDatabase) -> None:
    from sqlalchemy import select, text
    from sqlalchemy.ext.asyncio import AsyncSession

    from app.crud import post as post_crud
    from app.models import Post

    query = select(Post.id).where(post_crud.search(post_crud.like_pattern("analytical engine")))
    dialect = database.engine.dialect
    sql = str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))

    async def plan(session: AsyncSession) -> str:
        # On a few test rows a sequential scan is cheaper: ask whether an index CAN serve it.
        await session.execute(text("SET LOCAL enable_seqscan = off"))
        return "\n".join((await session.execute(text(f"EXPLAIN {sql}"))).scalars())

    found = database.run(plan)
    for index in ("ix_posts_title_trgm", "ix_posts_body_trgm"):
        assert index in found, (
            f"Called EXPLAIN on the search condition. Got the plan {found!r}, expected {index} "
            "to serve it (ILIKE '%term%' on the plain column)"
        )
