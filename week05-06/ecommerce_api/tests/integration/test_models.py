"""Day 36: the ORM models and their relationships, loaded explicitly (async never lazy-loads)."""

from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

pytestmark = [
    pytest.mark.day(36),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "Mapped[...] fields on each model; Product.categories uses secondary=product_categories; "
        "Order.items cascades; relationships lazy='raise' so a missing eager load fails loudly."
    ),
]


async def test_models_round_trip_with_their_relationships(async_db_session: AsyncSession) -> None:
    from app.models import Category, Order, OrderItem, Product, User, UserRole

    books, gifts = Category(name="Books"), Category(name="Gifts")
    product = Product(name="Atlas", price=Decimal("19.99"), stock=5, categories=[books, gifts])
    user = User(email="ada@example.com", name="Ada", token_hash="a" * 64)
    order = Order(
        user=user,
        total=Decimal("39.98"),
        items=[OrderItem(product=product, quantity=2, unit_price=Decimal("19.99"))],
    )
    async_db_session.add(order)
    await async_db_session.flush()
    async_db_session.expunge_all()

    loaded = (
        await async_db_session.execute(
            select(Order)
            .where(Order.id == order.id)
            .options(
                selectinload(Order.items)
                .selectinload(OrderItem.product)
                .selectinload(Product.categories),
                selectinload(Order.user),
            )
        )
    ).scalar_one()
    got = (
        loaded.user.email,
        loaded.user.role,
        loaded.status.value,
        loaded.total,
        [(i.quantity, i.unit_price) for i in loaded.items],
        sorted(c.name for c in loaded.items[0].product.categories),
    )
    expected = (
        "ada@example.com",
        UserRole.CUSTOMER,
        "pending",
        Decimal("39.98"),
        [(2, Decimal("19.99"))],
        ["Books", "Gifts"],
    )
    assert got == expected, (
        f"Called select(Order) with its relationships. Got {got}, expected {expected}"
    )


async def test_money_comes_back_as_decimal_never_float(async_db_session: AsyncSession) -> None:
    from app.models import Product

    async_db_session.add(Product(name="Pen", price=Decimal("0.10"), stock=1))
    await async_db_session.flush()
    price = (
        await async_db_session.execute(select(Product.price).where(Product.name == "Pen"))
    ).scalar_one()
    assert isinstance(price, Decimal) and price == Decimal("0.10"), (
        f"Called select(Product.price). Got {price!r}, expected Decimal('0.10')"
    )


async def test_a_category_lists_its_products(async_db_session: AsyncSession) -> None:
    from app.models import Category, Product

    toys = Category(name="Toys")
    async_db_session.add_all(
        [Product(name=n, price=Decimal("1.00"), categories=[toys]) for n in ("Ball", "Kite")]
    )
    await async_db_session.flush()
    async_db_session.expunge_all()
    found = (
        await async_db_session.execute(
            select(Category).where(Category.name == "Toys").options(selectinload(Category.products))
        )
    ).scalar_one()
    names = sorted(p.name for p in found.products)
    assert names == ["Ball", "Kite"], (
        f"Called Category.products. Got {names}, expected ['Ball', 'Kite']"
    )
