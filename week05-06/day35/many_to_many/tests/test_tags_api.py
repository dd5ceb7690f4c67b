"""POST /tags and GET /tags: names are unique, stripped and lower case."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.helpers import create_tag

pytestmark = pytest.mark.day(35)


def test_post_tags_returns_201_with_the_normalised_name(client: TestClient) -> None:
    tag = create_tag(client, "  FastAPI ")
    assert set(tag) == {"id", "name"}, f"Called POST /tags. Got fields {sorted(tag)}"
    assert tag["name"] == "fastapi", f"Called POST /tags ' FastAPI '. Got {tag['name']!r}"


@pytest.mark.parametrize("again", ["python", "PYTHON", " Python"])
def test_a_taken_name_is_409_and_stores_nothing(
    client: TestClient, db_session: Session, again: str
) -> None:
    create_tag(client, "python")
    response = client.post("/tags", json={"name": again})
    rows = db_session.execute(text("SELECT count(*) FROM tags")).scalar_one()
    assert response.status_code == 409, (
        f"Called POST /tags {again!r} after 'python'. Got {response.status_code}, expected 409"
    )
    assert response.json() == {"detail": "Tag python already exists"}, f"Got {response.json()}"
    assert rows == 1, f"Called POST /tags twice with one name. Got {rows} tags stored, expected 1"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"name": ""},
        {"name": "   "},
        {"name": "two words"},
        {"name": "a,b"},
        {"name": "-leading-dash"},
        {"name": "x" * 51},
        {"name": "nul\x00"},
        {"name": 42},
    ],
)
def test_a_bad_tag_name_is_422(client: TestClient, body: dict[str, object]) -> None:
    response = client.post("/tags", json=body)
    assert response.status_code == 422, f"Called POST /tags {body}. Got {response.status_code}"


def test_get_tags_lists_every_tag_by_name(client: TestClient) -> None:
    for name in ["sql", "fastapi", "python"]:
        create_tag(client, name)
    got = [tag["name"] for tag in client.get("/tags").json()]
    expected = ["fastapi", "python", "sql"]
    assert got == expected, f"Called GET /tags. Got {got}, expected {expected}"
