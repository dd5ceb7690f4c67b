"""Day 37: the SQLAlchemy repositories, each checked with raw SQL."""

from decimal import Decimal

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict
from tests.helpers import Shop

pytestmark = [
    pytest.mark.day(37),
    pytest.mark.asyncio,
    pytest.mark.hint("Repositories add (and flush), get and list; they never commit."),
]


async def test_product_repository_adds_a_product_with_its_category_links(
    async_db_session: AsyncSession,
) -> None:
    from app.models import Product
    from app.repositories.catalog import SqlAlchemyCategoryRepository, SqlAlchemyProductRepository

    shop = Shop(async_db_session)
    books = await shop.category("Books")
    categories = await SqlAlchemyCategoryRepository(async_db_session).get_many([books, 999])
    product = Product(name="Atlas", price=Decimal("12.50"), stock=3, categories=categories)
    await SqlAlchemyProductRepository(async_db_session).add(product)
    rows = await shop.rows(
        "SELECT p.name, p.price, pc.category_id FROM products p "
        "JOIN product_categories pc ON pc.product_id = p.id WHERE p.id = :id",
        id=product.id,
    )
    got = [tuple(r) for r in rows]
    assert got == [("Atlas", Decimal("12.50"), books)], (
        f"Called ProductRepository.add. Got rows {got}"
    )


async def test_product_repository_filters_by_category_price_and_name(
    async_db_session: AsyncSession,
) -> None:
    from app.repositories.catalog import ProductFilter, ProductSort, SqlAlchemyProductRepository
    from app.repositories.pagination import PageRequest

    shop = Shop(async_db_session)
    toys = await shop.category("Toys")
    kite = await shop.product("15.00", name="Red kite", categories=(toys,))
    await shop.product("50.00", name="Red kite deluxe", categories=(toys,))
    await shop.product("15.00", name="Red kite (other shelf)")
    await shop.product("15.00", name="100% kite")
    repo = SqlAlchemyProductRepository(async_db_session)
    found = await repo.list(
        ProductFilter(q="KITE", category_id=toys, max_price=Decimal("20")),
        ProductSort.PRICE,
        False,
        PageRequest(),
    )
    assert [p.id for p in found.items] == [kite], (
        f"Called list(q, category, max_price). Got {found.items}"
    )
    percent = await repo.list(ProductFilter(q="100%"), ProductSort.ID, False, PageRequest())
    assert [p.name for p in percent.items] == ["100% kite"], (
        f"Called list(q='100%'). Got {[p.name for p in percent.items]}, expected % taken literally"
    )


async def test_lock_returns_existing_products_in_id_order(async_db_session: AsyncSession) -> None:
    from app.repositories.catalog import SqlAlchemyProductRepository

    shop = Shop(async_db_session)
    first, second = await shop.product(), await shop.product()
    locked = await SqlAlchemyProductRepository(async_db_session).lock([second, 999_999, first])
    assert [p.id for p in locked] == [first, second], f"Called lock. Got {[p.id for p in locked]}"


async def test_order_repository_stores_lines_and_lists_a_users_orders_newest_first(
    async_db_session: AsyncSession,
) -> None:
    from app.models import Order, OrderItem
    from app.repositories.orders import SqlAlchemyOrderRepository
    from app.repositories.pagination import PageRequest

    shop = Shop(async_db_session)
    buyer = await shop.user()
    product = await shop.product("4.00")
    repo = SqlAlchemyOrderRepository(async_db_session)
    placed = []
    for quantity in (1, 2):
        order = Order(
            user_id=buyer.id,
            total=Decimal("4.00") * quantity,
            items=[OrderItem(product_id=product, quantity=quantity, unit_price=Decimal("4.00"))],
        )
        await repo.add(order)
        placed.append(order.id)
    rows = await shop.rows(
        "SELECT quantity, unit_price FROM order_items WHERE order_id = :o", o=placed[1]
    )
    assert [tuple(r) for r in rows] == [(2, Decimal("4.00"))], (
        f"Called OrderRepository.add. Got {rows}"
    )
    history = await repo.list_for_user(buyer.id, PageRequest())
    got = [(o.id, len(o.items)) for o in history.items]
    assert got == [(placed[1], 1), (placed[0], 1)], f"Called list_for_user. Got {got}, newest first"


async def test_user_and_category_repositories_turn_duplicates_into_conflicts(
    async_db_session: AsyncSession,
) -> None:
    from app.models import Category, User
    from app.repositories.catalog import SqlAlchemyCategoryRepository
    from app.repositories.users import SqlAlchemyUserRepository

    users = SqlAlchemyUserRepository(async_db_session)
    await users.add(User(email="a@example.com", name="A", token_hash="1" * 64))
    found = await users.get_by_token_hash("1" * 64)
    assert found is not None and found.email == "a@example.com", (
        "Called get_by_token_hash. Got None"
    )
    async with async_db_session.begin_nested():
        with pytest.raises(Conflict):
            await users.add(User(email="a@example.com", name="B", token_hash="2" * 64))
    categories = SqlAlchemyCategoryRepository(async_db_session)
    await categories.add(Category(name="Books"))
    async with async_db_session.begin_nested():
        with pytest.raises(Conflict):
            await categories.add(Category(name="Books"))
