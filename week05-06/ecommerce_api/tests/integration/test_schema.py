"""Day 36: the migrated schema holds the shop's rules, checked with raw SQL."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tests.helpers import Shop

pytestmark = [
    pytest.mark.day(36),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "Write migrations/versions/0001_catalog_and_orders.py (alembic revision "
        "--autogenerate drafts it from your models), with the CHECK and foreign-key rules."
    ),
]

TABLES = {"users", "categories", "products", "product_categories", "orders", "order_items"}


async def _refused(db: AsyncSession, sql: str, **params: object) -> bool:
    """Whether PostgreSQL refuses the statement with an integrity error."""
    try:
        async with db.begin_nested():
            await db.execute(text(sql), params)
    except IntegrityError:
        return True
    return False


async def test_the_first_migration_creates_the_six_tables(async_db_session: AsyncSession) -> None:
    rows = await Shop(async_db_session).rows(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
    )
    found = {row[0] for row in rows}
    assert found >= TABLES, (
        f"Called alembic upgrade. Got tables {sorted(found)}, expected {sorted(TABLES)}"
    )


@pytest.mark.parametrize(
    ("table", "column"), [("products", "price"), ("orders", "total"), ("order_items", "unit_price")]
)
async def test_money_columns_are_numeric_12_2(
    async_db_session: AsyncSession, table: str, column: str
) -> None:
    rows = await Shop(async_db_session).rows(
        "SELECT data_type, numeric_precision, numeric_scale FROM information_schema.columns "
        "WHERE table_name = :t AND column_name = :c",
        t=table,
        c=column,
    )
    got = tuple(rows[0]) if rows else None
    assert got == ("numeric", 12, 2), (
        f"Called {table}.{column} type. Got {got}, expected NUMERIC(12,2)"
    )


async def test_stock_can_never_go_negative(async_db_session: AsyncSession) -> None:
    shop = Shop(async_db_session)
    product = await shop.product(stock=1)
    refused = await _refused(
        async_db_session, "UPDATE products SET stock = -1 WHERE id = :id", id=product
    )
    assert refused, (
        "Called UPDATE products SET stock = -1. Got it accepted, expected a CHECK violation"
    )


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO products (name, price, stock) VALUES ('p', -0.01, 1)",
        "INSERT INTO order_items (order_id, product_id, quantity, unit_price) "
        "VALUES (:o, :p, 0, 1)",
        "INSERT INTO order_items (order_id, product_id, quantity, unit_price) "
        "VALUES (:o, :p, 1, -1)",
    ],
)
async def test_negative_prices_and_empty_lines_are_refused(
    async_db_session: AsyncSession, sql: str
) -> None:
    shop = Shop(async_db_session)
    buyer = await shop.user()
    product = await shop.product()
    order = await shop.order(buyer.id, [(product, 1, "10.00")])
    refused = await _refused(async_db_session, sql, o=order, p=product)
    assert refused, f"Called {sql}. Got it accepted, expected a CHECK violation"


async def test_emails_are_unique(async_db_session: AsyncSession) -> None:
    shop = Shop(async_db_session)
    await shop.user()
    email = await shop.scalar("SELECT email FROM users LIMIT 1")
    refused = await _refused(
        async_db_session,
        "INSERT INTO users (email, name, token_hash) VALUES (:e, 'x', repeat('a', 64))",
        e=email,
    )
    assert refused, "Called INSERT of a second user with the same email. Got it accepted"


async def test_a_product_sits_in_many_categories_and_a_category_holds_many_products(
    async_db_session: AsyncSession,
) -> None:
    shop = Shop(async_db_session)
    books, gifts = await shop.category(), await shop.category()
    first = await shop.product(categories=(books, gifts))
    await shop.product(categories=(books,))
    in_books = await shop.scalar(
        "SELECT count(*) FROM product_categories WHERE category_id = :c", c=books
    )
    of_first = await shop.scalar(
        "SELECT count(*) FROM product_categories WHERE product_id = :p", p=first
    )
    assert (in_books, of_first) == (2, 2), (
        f"Called product_categories counts. Got {(in_books, of_first)}, expected (2, 2)"
    )
    duplicate = await _refused(
        async_db_session, "INSERT INTO product_categories VALUES (:p, :c)", p=first, c=books
    )
    assert duplicate, "Called INSERT of the same (product, category) twice. Got it accepted"


async def test_deleting_a_category_keeps_its_products(async_db_session: AsyncSession) -> None:
    shop = Shop(async_db_session)
    category = await shop.category()
    product = await shop.product(categories=(category,))
    await shop.execute("DELETE FROM categories WHERE id = :c", c=category)
    left = await shop.scalar("SELECT count(*) FROM products WHERE id = :p", p=product)
    links = await shop.scalar(
        "SELECT count(*) FROM product_categories WHERE product_id = :p", p=product
    )
    assert (left, links) == (1, 0), (
        f"Called DELETE category. Got (product, links) {(left, links)}, expected (1, 0)"
    )


async def test_an_ordered_product_cannot_be_deleted_but_a_users_orders_go_with_them(
    async_db_session: AsyncSession,
) -> None:
    shop = Shop(async_db_session)
    buyer = await shop.user()
    product = await shop.product()
    order = await shop.order(buyer.id, [(product, 2, "10.00")])
    refused = await _refused(async_db_session, "DELETE FROM products WHERE id = :p", p=product)
    assert refused, "Called DELETE of an ordered product. Got it accepted, expected RESTRICT"
    await shop.execute("DELETE FROM users WHERE id = :u", u=buyer.id)
    left = await shop.scalar(
        "SELECT (SELECT count(*) FROM orders WHERE id = :o) + "
        "(SELECT count(*) FROM order_items WHERE order_id = :o)",
        o=order,
    )
    assert left == 0, f"Called DELETE of the user. Got {left} order rows left, expected 0 (cascade)"


async def test_statuses_and_roles_are_enums_with_defaults(async_db_session: AsyncSession) -> None:
    shop = Shop(async_db_session)
    statuses = await shop.scalar("SELECT enum_range(NULL::order_status)::text")
    roles = await shop.scalar("SELECT enum_range(NULL::user_role)::text")
    assert statuses == "{pending,paid,shipped,delivered,cancelled}", (
        f"Called enum_range(order_status). Got {statuses}"
    )
    assert roles == "{customer,admin}", f"Called enum_range(user_role). Got {roles}"
    user_id = await shop.scalar(
        "INSERT INTO users (email, name, token_hash) "
        "VALUES ('d@example.com', 'D', repeat('b', 64)) "
        "RETURNING id"
    )
    order_id = await shop.scalar(
        "INSERT INTO orders (user_id, total) VALUES (:u, 0) RETURNING id", u=user_id
    )
    got = await shop.rows(
        "SELECT u.role::text, o.status::text, o.created_at IS NOT NULL FROM users u "
        "JOIN orders o ON o.user_id = u.id WHERE o.id = :o",
        o=order_id,
    )
    assert tuple(got[0]) == ("customer", "pending", True), (
        f"Called INSERT without role/status. Got {tuple(got[0])}, expected customer, pending"
    )
