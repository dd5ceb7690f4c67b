"""Offset and keyset (cursor) pagination shared by every list query."""

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypedDict

from sqlalchemy import Connection, Select, tuple_
from sqlalchemy.engine import RowMapping
from sqlalchemy.orm import InstrumentedAttribute

from app.errors import InvalidInputError
from app.schemas.common import MAX_ID


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


class PageData(TypedDict):
    """The page envelope before serialisation (matches schemas.common.Page)."""

    items: list[dict[str, Any]]
    total: int | None
    limit: int
    skip: int
    next_cursor: str | None


def parse_datetime(value: Any) -> datetime:
    """Read a cursor's ISO 8601 timestamp; ValueError if it is not one."""
    return datetime.fromisoformat(str(value))


def parse_int(value: Any) -> int:
    """Read a cursor's id-sized integer (0 to MAX_ID); ValueError for anything else,
    bools and strings included."""
    if type(value) is not int or not 0 <= value <= MAX_ID:
        raise ValueError("not an id-sized integer")
    return value


def parse_str(value: Any) -> str:
    """Read a cursor's string; ValueError if it is not a string or holds a NUL byte."""
    if not isinstance(value, str) or "\x00" in value:
        raise ValueError("not a storable string")
    return value


def encode_cursor(key: SortKey, row: RowMapping) -> str:
    """A URL-safe token naming the last row of a page: the key's name and direction, the
    row's sort value (`row[key.name]`) and its id (`row["id"]`)."""
    value = row[key.name]
    payload = {
        "k": key.name,
        "d": key.descending,
        "v": value.isoformat() if isinstance(value, datetime) else value,
        "id": row["id"],
    }
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(key: SortKey, token: str) -> tuple[Any, int]:
    """Return (sort value, id) from a token that encode_cursor issued for this same key
    (name and direction); any other token raises InvalidInputError(("query", "cursor"), ...)."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(raw)
        if payload["k"] != key.name or payload["d"] is not key.descending:
            raise InvalidInputError(
                ("query", "cursor"), "cursor was issued for a different sort or order"
            )
        return key.parse(payload["v"]), parse_int(payload["id"])
    except (binascii.Error, ValueError, KeyError, TypeError) as error:
        raise InvalidInputError(("query", "cursor"), "cursor is not valid") from error


def fetch_page(
    db: Connection,
    rows: Select[*tuple[Any, ...]],
    count: Select[int],
    key: SortKey,
    page: PageRequest,
    to_item: Callable[[RowMapping], dict[str, Any]],
) -> PageData:
    """One page of `rows` in `key` order, ties broken by id, as `to_item` shapes each row.

    Offset page: `count` then the page (two statements whatever the page size). Cursor page:
    only the rows after the cursor's row, no COUNT (`total` None, `skip` 0). `next_cursor`
    names the page's last row when more rows follow, else None. A cursor together with a
    non-zero skip raises InvalidInputError(("query", "skip"), ...).
    """
    if page.cursor is not None and page.skip:
        raise InvalidInputError(("query", "skip"), "use either skip or cursor, not both")
    if key.descending:
        rows = rows.order_by(key.column.desc(), key.id_column.desc())
    else:
        rows = rows.order_by(key.column.asc(), key.id_column.asc())
    total: int | None = None
    if page.cursor is None:
        total = db.execute(count).scalar_one()
        rows = rows.offset(page.skip)
    else:
        value, last_id = decode_cursor(key, page.cursor)
        after = tuple_(key.column, key.id_column)
        rows = rows.where(after < (value, last_id) if key.descending else after > (value, last_id))
    # One extra row tells whether a next page exists without a second query.
    found = db.execute(rows.limit(page.limit + 1)).mappings().all()
    has_more = len(found) > page.limit
    found = found[: page.limit]
    return {
        "items": [to_item(row) for row in found],
        "total": total,
        "limit": page.limit,
        "skip": page.skip if page.cursor is None else 0,
        "next_cursor": encode_cursor(key, found[-1]) if has_more else None,
    }
