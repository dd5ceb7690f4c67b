"""Pages of rows: offset pages with a total, or keyset (cursor) pages as cheap deep as shallow."""

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.errors import InvalidInput

T = TypeVar("T")
MAX_ID = 2**31 - 1


@dataclass(frozen=True)
class PageRequest:
    """What the client asked for: a page size and either an offset or a cursor."""

    limit: int = 20
    skip: int = 0
    cursor: str | None = None


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page: its items, the total (None on cursor pages) and the next page's cursor."""

    items: Sequence[T]
    total: int | None
    limit: int
    skip: int
    next_cursor: str | None


@dataclass(frozen=True)
class SortKey:
    """A sortable column, its name in cursors, its direction, and how to read it back."""

    name: str
    column: InstrumentedAttribute[Any]
    id_column: InstrumentedAttribute[int]
    descending: bool
    parse: Callable[[Any], Any]


def parse_datetime(value: Any) -> datetime:
    """A cursor's ISO 8601 timestamp; ValueError otherwise."""
    return datetime.fromisoformat(str(value))


def parse_int(value: Any) -> int:
    """A cursor's id-sized integer; ValueError for anything else (bools included)."""
    if type(value) is not int or not 0 <= value <= MAX_ID:
        raise ValueError("not an id-sized integer")
    return value


def parse_decimal(value: Any) -> Decimal:
    """A cursor's amount, written as a string; ValueError otherwise."""
    try:
        amount = Decimal(str(value))
    except InvalidOperation as error:
        raise ValueError("not an amount") from error
    if not amount.is_finite() or abs(amount) >= 10**10:
        raise ValueError("not an amount")
    return amount


def parse_str(value: Any) -> str:
    """A cursor's string; ValueError if it is not one or holds a NUL."""
    if not isinstance(value, str) or "\x00" in value or len(value) > 500:
        raise ValueError("not a storable string")
    return value


def _cursor_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def encode_cursor(key: SortKey, sort_value: Any, row_id: int) -> str:
    """A URL-safe token naming the last row of a page (sort value and id) for this key."""
    payload = {"k": key.name, "d": key.descending, "v": _cursor_value(sort_value), "id": row_id}
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(key: SortKey, token: str) -> tuple[Any, int]:
    """(sort value, id) from a token encode_cursor issued for this same key; InvalidInput
    on the field "cursor" for anything else."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(raw)
        if payload["k"] != key.name or payload["d"] is not key.descending:
            raise InvalidInput("cursor", "cursor was issued for a different sort or order")
        return key.parse(payload["v"]), parse_int(payload["id"])
    except (binascii.Error, ValueError, KeyError, TypeError) as error:
        raise InvalidInput("cursor", "cursor is not valid") from error


def first_column(row: Any) -> Any:
    """The entity of a one-entity SELECT's row."""
    return row[0]


async def fetch_page(
    session: AsyncSession,
    rows: Select[*tuple[Any, ...]],
    key: SortKey,
    page: PageRequest,
    to_item: Callable[[Any], T] = first_column,
) -> Page[T]:
    """One page of what `rows` selects, in `key` order with ties broken by id; `to_item`
    makes each row an item (the entity itself by default), whose attributes named like the
    key's column and `id` make the next cursor.

    Offset page: a COUNT, then the page. Cursor page: only the rows after the cursor's
    row, no COUNT (total None). One extra row fetched tells whether a next page exists.
    """
    if page.cursor is not None and page.skip:
        raise InvalidInput("skip", "use either skip or cursor, not both")
    total: int | None = None
    if page.cursor is None:
        count = select(func.count()).select_from(rows.order_by(None).subquery())
        total = (await session.execute(count)).scalar_one()
        rows = rows.offset(page.skip)
    else:
        value, last_id = decode_cursor(key, page.cursor)
        after = tuple_(key.column, key.id_column)
        rows = rows.where(after < (value, last_id) if key.descending else after > (value, last_id))
    if key.descending:
        rows = rows.order_by(key.column.desc(), key.id_column.desc())
    else:
        rows = rows.order_by(key.column.asc(), key.id_column.asc())
    found = (await session.execute(rows.limit(page.limit + 1))).all()
    items = [to_item(row) for row in found[: page.limit]]
    next_cursor = None
    if len(found) > page.limit:
        last = items[-1]
        next_cursor = encode_cursor(key, getattr(last, key.column.key), getattr(last, "id"))  # noqa: B009
    return Page(
        items=items,
        total=total,
        limit=page.limit,
        skip=page.skip if page.cursor is None else 0,
        next_cursor=next_cursor,
    )
