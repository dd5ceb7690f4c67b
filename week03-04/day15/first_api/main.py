"""Day 15: a first FastAPI app with a path parameter and query parameters."""

from typing import Annotated

from fastapi import FastAPI, HTTPException, Path, Query
from pydantic import BaseModel

app = FastAPI(
    title="First API",
    version="1.0.0",
    description="Day 15 of the backend journey: routes, path and query parameters.",
)


class Item(BaseModel):
    """One item of the catalog."""

    id: int
    name: str
    price: float


class SearchResult(BaseModel):
    """The echo of the search parameters and the items that matched."""

    query: str | None
    max_price: float | None
    limit: int
    results: list[Item]


# A fixed catalog keeps day 15 about HTTP, not storage (storage arrives on day 17).
CATALOG: dict[int, Item] = {
    item.id: item
    for item in [
        Item(id=1, name="Mechanical keyboard", price=89.0),
        Item(id=2, name="Wireless mouse", price=25.5),
        Item(id=3, name="USB-C hub", price=39.9),
        Item(id=4, name="Keyboard wrist rest", price=15.0),
    ]
}


@app.get("/")
def read_root() -> dict[str, str]:
    """Say hello: answer {"message": "Hello, World"}."""
    return {"message": "Hello, World"}


@app.get("/items/{item_id}", responses={404: {"description": "No item has this id"}})
def read_item(item_id: Annotated[int, Path(ge=1, description="The item's id")]) -> Item:
    """Return the catalog's item with this id, or 404 "Item <id> not found"."""
    item = CATALOG.get(item_id)
    if item is None:
        raise HTTPException(status_code=404, detail=f"Item {item_id} not found")
    return item


@app.get("/search")
def search_items(
    q: Annotated[str | None, Query(min_length=1, max_length=50)] = None,
    max_price: Annotated[float | None, Query(gt=0)] = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> SearchResult:
    """Catalog items whose name contains q (any case) and price is at most max_price.

    Unset filters match everything; the matches keep catalog order, at most limit of them.
    """
    matches = [
        item
        for item in CATALOG.values()
        if (q is None or q.lower() in item.name.lower())
        and (max_price is None or item.price <= max_price)
    ]
    return SearchResult(query=q, max_price=max_price, limit=limit, results=matches[:limit])
