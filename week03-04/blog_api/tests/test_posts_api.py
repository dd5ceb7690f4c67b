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
    error = response.json()["errors"][0]
    assert (error["loc"], error["msg"]) == (["body", "author_id"], "User 999999 does not exist"), (
        f"Called POST /posts with author 999999. Got {response.json()}, expected loc "
        "author_id and 'User 999999 does not exist'"
    )
    response = client.post("/posts", json={**body, "author_id": make_user()["id"]})
    assert response.status_code == 201, (
        "Called POST /posts with the same body by an existing author. Got "
        f"{response.status_code} {response.text}, expected 201"
    )


def test_a_post_whose_author_is_deleted_before_the_flush_is_refused(
    database: RolledBackDatabase, make_user: UserFactory
) -> None:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import AsyncSession

    from app.crud import post as post_crud
    from app.errors import UnknownAuthor
    from app.models import Post, User

    author_id = make_user()["id"]

    async def post_too_late(session: AsyncSession) -> None:
        author = await session.get(User, author_id)
        # Another request deletes the author between the load and the flush.
        await session.execute(text("DELETE FROM users WHERE id = :id"), {"id": author_id})
        await post_crud.save(session, Post(author=author, title="Late", body="Too late."))

    with pytest.raises(UnknownAuthor) as refused:
        database.run(post_too_late)
    assert str(refused.value) == f"User {author_id} does not exist", (
        f"Called post_crud.save after the author was deleted. Got {refused.value!r}, "
        f"expected UnknownAuthor({author_id})"
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
    skipped = client.get("/posts", params={"limit": 2, "skip": 1}).json()
    got = (len(skipped["items"]), skipped["total"], skipped["limit"], skipped["skip"])
    assert got == (2, 3, 2, 1), (
        f"Called GET /posts?limit=2&skip=1 with 3 posts. Got (items, total, limit, skip) "
        f"{got}, expected (2, 3, 2, 1)"
    )


def test_an_empty_list_and_a_page_past_the_end_have_no_items_and_the_true_total(
    client: TestClient, make_post: PostFactory
) -> None:
    empty = client.get("/posts").json()
    author = make_post()["author"]["id"]
    for _ in range(2):
        make_post(author_id=author)
    make_post()
    past = client.get("/posts", params={"skip": 10}).json()
    past_filtered = client.get("/posts", params={"skip": 10, "author_id": author}).json()
    pages = (empty, past, past_filtered)
    got = [(page["items"], page["total"], page["next_cursor"]) for page in pages]
    expected: list[tuple[list[Any], int, None]] = [([], 0, None), ([], 4, None), ([], 3, None)]
    assert got == expected, (
        "Called GET /posts with no posts, then GET /posts?skip=10 with 4 posts, 3 of them by "
        f"one author, with and without author_id. Got (items, total, next_cursor) {got}, "
        f"expected {expected}"
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
    snake = make_post(title="snake_case")["id"]
    backslash = make_post(title="C:\\Users")["id"]
    found = {q: _ids(client, q=q) for q in ("_", "\\", "\\%", "e_c")}
    expected = {"_": [snake], "\\": [backslash], "\\%": [], "e_c": [snake]}
    assert found == expected, (
        f"Called GET /posts?q= with _, a backslash, a backslash and %, and e_c. Got {found}, "
        f"expected {expected}: each character matched literally"
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


def test_title_cursors_of_every_length_walk_every_post_once(
    client: TestClient, make_post: PostFactory
) -> None:
    # Titles of 1 to 20 characters: the cursors (base64 without padding) end in every way.
    for length in range(20, 0, -1):
        make_post(title="t" * length)
    expected = _ids(client, sort="title", order="asc", limit=100)
    walked: list[int] = []
    params: dict[str, Any] = {"sort": "title", "order": "asc", "limit": 1}
    for _ in range(25):
        response = client.get("/posts", params=params)
        assert response.status_code == 200, (
            f"Called GET /posts {params}. Got {response.status_code} {response.text}"
        )
        page = response.json()
        walked += [item["id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        params["cursor"] = page["next_cursor"]
    assert walked == expected, (
        f"Called GET /posts?sort=title&order=asc&limit=1 page by page. Got {walked}, "
        f"expected {expected}"
    )


@pytest.mark.parametrize(
    "cursor",
    [
        "eyJrIjoiaWQiLCJkIjpmYWxzZSwidiI6MCwiaWQiOjB9",  # v and id 0
        "eyJrIjoiaWQiLCJkIjpmYWxzZSwidiI6MjE0NzQ4MzY0NywiaWQiOjIxNDc0ODM2NDd9",  # MAX_ID
    ],
    ids=["zero", "max-id"],
)
def test_cursor_ids_from_zero_to_max_id_are_valid(
    client: TestClient, make_post: PostFactory, cursor: str
) -> None:
    make_post()
    params = {"sort": "id", "order": "asc", "cursor": cursor}
    response = client.get("/posts", params=params)
    assert response.status_code == 200, (
        f"Called GET /posts {params} (an id within 0..MAX_ID). Got {response.status_code} "
        f"{response.text}, expected 200"
    )


@pytest.mark.parametrize("descending", [False, True], ids=["asc", "desc"])
def test_fetch_page_walks_a_new_list_query_by_offset_and_by_cursor_in_key_order(
    client: TestClient, database: RolledBackDatabase, make_post: PostFactory, descending: bool
) -> None:
    from sqlalchemy import func, select
    from sqlalchemy.ext.asyncio import AsyncSession

    from app.crud.pagination import ListQuery, PageRequest, SortKey, fetch_page, parse_str
    from app.crud.post import POST_ROWS
    from app.models import Post

    posts = [make_post(title=title) for title in ["b", "a", "b", "c", "a"]]
    # An updated row moves to the end of the table: the two "b" now come in reverse id order,
    # the two "a" still in id order, so neither direction gets its ties right by chance.
    client.patch(f"/posts/{posts[0]['id']}", json={"body": "Edited."})
    # A ListQuery of its own: its statements are built here, not taken from the app's cache.
    key = SortKey("title", Post.title, Post.id, descending=descending, parse=parse_str)
    query = ListQuery(POST_ROWS, select(func.count()).select_from(Post), key)

    async def walk(session: AsyncSession) -> tuple[list[Any], list[Any]]:
        everything = await fetch_page(session, query, PageRequest(limit=100))
        by_cursor: list[Any] = []
        page = PageRequest(limit=2)
        for _ in range(5):
            result = await fetch_page(session, query, page)
            by_cursor += [(row.title, row.id) for row in result.items]
            if result.next_cursor is None:
                break
            page = PageRequest(limit=2, cursor=result.next_cursor)
        return [(row.title, row.id) for row in everything.items], by_cursor

    by_offset, by_cursor = database.run(walk)
    expected = sorted(by_offset, reverse=descending)
    assert (by_offset, by_cursor) == (expected, expected), (
        f"Called fetch_page on ListQuery(POST_ROWS, ..., SortKey('title', descending="
        f"{descending})) by offset and by cursor. Got {by_offset} and {by_cursor}, expected "
        f"{expected} (title, then id, in the same direction)"
    )


def test_cursor_page_omits_total_and_last_page_has_no_cursor(
    client: TestClient, make_post: PostFactory
) -> None:
    for _ in range(3):
        make_post()
    first = client.get("/posts", params={"limit": 2}).json()
    second = client.get("/posts", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    got = (second["total"], second["skip"], second["next_cursor"], len(second["items"]))
    assert got == (None, 0, None, 1), (
        f"Called GET /posts?cursor=... for the last page. Got (total, skip, next_cursor, "
        f"items) {got}, expected (None, 0, None, 1)"
    )
    full = client.get("/posts", params={"limit": 3}).json()
    assert (len(full["items"]), full["next_cursor"]) == (3, None), (
        f"Called GET /posts?limit=3 with exactly 3 posts. Got {len(full['items'])} items and "
        f"next_cursor={full['next_cursor']}, expected 3 and None (no next page)"
    )


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "garbage!"},
        {"cursor": "eyJrIjoidGl0bGUiLCJkIjp0cnVlLCJ2IjoxLCJpZCI6MX0"},  # issued for sort=title
        {"cursor": "eyJrIjoiaWQiLCJkIjp0cnVlLCJ2Ijo5OTk5OTk5OTk5OTksImlkIjoxfQ", "sort": "id"},
        # {"k": "id", "d": false, "v": 1, "id": 1}: issued for sort=id&order=asc
        {"cursor": "eyJrIjoiaWQiLCJkIjpmYWxzZSwidiI6MSwiaWQiOjF9", "sort": "id"},
    ],
    ids=["not-base64-json", "other-sort", "id-out-of-range", "other-order"],
)
def test_invalid_cursor_is_422(client: TestClient, params: dict[str, Any]) -> None:
    response = client.get("/posts", params=params)
    assert response.status_code == 422, (
        f"Called GET /posts {params}. Got {response.status_code} {response.text}, expected 422"
    )
    locations = [error["loc"] for error in response.json()["errors"]]
    assert locations == [["query", "cursor"]], (
        f"Called GET /posts {params}. Got errors at {locations}, expected ['query', 'cursor']"
    )


def test_cursor_together_with_skip_is_422(client: TestClient, make_post: PostFactory) -> None:
    for _ in range(2):
        make_post()
    cursor = client.get("/posts", params={"limit": 1}).json()["next_cursor"]
    response = client.get("/posts", params={"limit": 1, "skip": 1, "cursor": cursor})
    assert response.status_code == 422, (
        f"Called GET /posts with both skip and cursor. Got {response.status_code}, expected 422"
    )
    errors = [(error["loc"], error["msg"]) for error in response.json()["errors"]]
    assert errors == [(["query", "skip"], "use either skip or cursor, not both")], (
        f"Called GET /posts with both skip and cursor. Got errors {errors}, expected "
        "['query', 'skip']: 'use either skip or cursor, not both'"
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
