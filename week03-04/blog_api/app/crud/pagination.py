"""Offset and keyset (cursor) pagination shared by every list query.

A list's statements are built once per shape (ListQuery), with bind parameters for every
value: SQLAlchemy then reuses their compiled form instead of rebuilding and re-keying a
statement on each request (a fifth of a list request's CPU, measured)."""

import base64
import binascii
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import Any, Generic, TypeVar, TypeVarTuple, cast

from sqlalchemy import Row, Select, bindparam, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.errors import CursorWithSkip, InvalidCursor
from app.schemas.common import MAX_ID

T = TypeVar("T")
Ts = TypeVarTuple("Ts")


@dataclass(frozen=True)
class PageRequest:
    """What the client asked for: a page size and either an offset or a cursor."""

    limit: int
    skip: int = 0
    cursor: str | None = None


@dataclass(frozen=True)
class SortKey:
    """A sortable column, how to read its value back from a cursor, and the direction."""

    name: str
    column: InstrumentedAttribute[Any]
    id_column: InstrumentedAttribute[int]
    descending: bool
    parse: Callable[[Any], Any]


@dataclass(frozen=True)
class ListQuery(Generic[*Ts]):
    """The statements of one list shape: `rows` (filtered, values as bind parameters),
    `count` (same filters) and the sort `key`. The page statements are built on first use
    and kept: offset pages bind `offset` and `limit`, cursor pages `after_value`,
    `after_id` and `limit`."""

    rows: Select[*Ts]
    count: Select[int]
    key: SortKey

    def _ordered(self) -> Select[*Ts]:
        """`rows` in key order, ties broken by id."""
        key = self.key
        if key.descending:
            return self.rows.order_by(key.column.desc(), key.id_column.desc())
        return self.rows.order_by(key.column.asc(), key.id_column.asc())

    @cached_property
    def offset_page(self) -> Select[Any]:
        """A page by offset, the total riding along as a scalar subquery (one statement)."""
        total = self.count.scalar_subquery().label("total")
        query = self._ordered().add_columns(total).offset(bindparam("offset"))
        return query.limit(bindparam("limit"))

    @cached_property
    def cursor_page(self) -> Select[*Ts]:
        """The rows after the cursor's row (keyset condition on (sort value, id))."""
        key = self.key
        after = tuple_(key.column, key.id_column)
        last = tuple_(bindparam("after_value", type_=key.column.type), bindparam("after_id"))
        beyond = after < last if key.descending else after > last
        return self._ordered().where(beyond).limit(bindparam("limit"))


@dataclass(frozen=True)
class PageResult(Generic[T]):
    """One page of rows and its envelope; serialised as schemas.common.Page."""

    items: Sequence[T]
    total: int | None
    limit: int
    skip: int
    next_cursor: str | None


def parse_datetime(value: Any) -> datetime:
    """Read a cursor's timestamp: ISO 8601 with a UTC offset, within the years 1-9999 once
    moved to UTC; ValueError for anything else (a naive or out-of-range time cannot be sent
    to PostgreSQL)."""
    if not isinstance(value, str):
        raise ValueError("not an ISO 8601 string")  # pragma: no mutate (caught: InvalidCursor)
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("no UTC offset")  # pragma: no mutate (caught: InvalidCursor)
    try:
        return moment.astimezone(UTC)
    except OverflowError as error:
        raise ValueError("out of range") from error  # pragma: no mutate (caught: InvalidCursor)


def parse_int(value: Any) -> int:
    """Read a cursor's id-sized integer (0 to MAX_ID); ValueError for anything else,
    bools and strings included."""
    if type(value) is not int or not 0 <= value <= MAX_ID:
        raise ValueError("not an id-sized integer")  # pragma: no mutate (caught: InvalidCursor)
    return value


def parse_str(value: Any) -> str:
    """Read a cursor's string; ValueError if it is not a string PostgreSQL can store (a NUL
    byte or a lone surrogate)."""
    if not isinstance(value, str) or "\x00" in value:
        raise ValueError("not a storable string")  # pragma: no mutate (caught: InvalidCursor)
    value.encode("utf-8")  # UnicodeEncodeError (a ValueError) for a lone surrogate
    return value


def encode_cursor(key: SortKey, row: Any) -> str:
    """A URL-safe token naming the last row of a page: the key's name and direction, the
    row's sort value (its attribute `key.name`) and its id."""
    value = getattr(row, key.name)
    payload = {
        "k": key.name,
        "d": key.descending,
        "v": value.isoformat() if isinstance(value, datetime) else value,
        "id": row.id,
    }
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(key: SortKey, token: str) -> tuple[Any, int]:
    """Return (sort value, id) from a token that encode_cursor issued for this same key
    (name and direction); any other token raises InvalidCursor."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(raw)
        if payload["k"] != key.name or payload["d"] is not key.descending:
            raise InvalidCursor("cursor was issued for a different sort or order")
        return key.parse(payload["v"]), parse_int(payload["id"])
    except (binascii.Error, ValueError, KeyError, TypeError, RecursionError) as error:
        raise InvalidCursor("cursor is not valid") from error


async def fetch_page(
    session: AsyncSession,
    query: ListQuery[*Ts],
    page: PageRequest,
    values: Mapping[str, Any] | None = None,
) -> PageResult[Row[*Ts]]:
    """One page of `query`'s rows (its filters bound to `values`): one statement.

    Offset page: the total comes in the same statement and snapshot as the rows; only a
    page past the end runs `query.count` on its own. Cursor page: only the rows after the
    cursor's row, no COUNT (`total` None, `skip` 0). One row more than asked tells whether a
    next page exists; `next_cursor` then names the page's last row, else it is None. A cursor
    together with a non-zero skip raises CursorWithSkip.
    """
    if page.cursor is not None and page.skip:
        raise CursorWithSkip()
    params = {**(values or {}), "limit": page.limit + 1}
    total: int | None = None
    if page.cursor is None:
        params["offset"] = page.skip
        found = cast("list[Row[*Ts]]", (await session.execute(query.offset_page, params)).all())
        total = found[0].total if found else 0
        if not found and page.skip:
            total = (await session.execute(query.count, values)).scalar_one()
    else:
        params["after_value"], params["after_id"] = decode_cursor(query.key, page.cursor)
        found = list((await session.execute(query.cursor_page, params)).all())
    items = found[: page.limit]
    return PageResult(
        items=items,
        total=total,
        limit=page.limit,
        skip=page.skip if page.cursor is None else 0,
        next_cursor=encode_cursor(query.key, items[-1]) if len(found) > page.limit else None,
    )
