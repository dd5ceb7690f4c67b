"""Migrate the database and fill it with a demo shop; safe to run any number of times.

    DATABASE_URL=postgresql://... python seed_data.py

`alembic upgrade head` first, then only the demo rows not already there: the admin
(whose API token is ADMIN_TOKEN, `dev-admin-token` in development), four categories,
twelve products, and a demo customer with a few orders so the reports have data.
"""

import asyncio
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.database import make_engine
from app.models import Category, Order, OrderStatus, Product, User, UserRole
from app.services import catalog, orders, users
from app.services.catalog import NewProduct
from app.services.orders import OrderLine
from app.unit_of_work import SqlAlchemyUnitOfWork

PROJECT = Path(__file__).resolve().parent
ADMIN_EMAIL = "admin@shop.example"
DEMO_EMAIL = "grace@shop.example"

CATEGORIES = [
    ("Books", "Paper, ink and ideas."),
    ("Electronics", "Things with batteries."),
    ("Home", "For the kitchen and the desk."),
    ("Toys", "Serious fun."),
]

# name, price, stock, low-stock threshold, categories
PRODUCTS = [
    ("Mechanical keyboard", "89.00", 40, 5, ("Electronics",)),
    ("Wireless mouse", "24.50", 60, 10, ("Electronics",)),
    ("Noise-cancelling headphones", "199.99", 15, 3, ("Electronics",)),
    ("USB-C cable", "9.90", 200, 20, ("Electronics",)),
    ("The Pragmatic Programmer", "42.00", 25, 5, ("Books",)),
    ("Designing Data-Intensive Applications", "48.50", 20, 5, ("Books",)),
    ("Architecture Patterns with Python", "39.90", 18, 5, ("Books",)),
    ("Desk lamp", "34.00", 30, 5, ("Home", "Electronics")),
    ("Coffee grinder", "59.00", 12, 4, ("Home",)),
    ("Ceramic mug", "12.00", 4, 6, ("Home",)),
    ("Wooden puzzle", "18.75", 35, 5, ("Toys",)),
    ("Kite", "22.00", 8, 3, ("Toys",)),
]

# The demo customer's orders: lines by product name, and how far each one went.
DEMO_ORDERS = [
    ([("Mechanical keyboard", 1), ("USB-C cable", 2)], OrderStatus.DELIVERED),
    ([("The Pragmatic Programmer", 1)], OrderStatus.SHIPPED),
    ([("Ceramic mug", 2), ("Coffee grinder", 1)], OrderStatus.PAID),
    ([("Kite", 1)], OrderStatus.PENDING),
]


@dataclass
class SeedReport:
    """How many demo rows this run added."""

    users: int = 0
    categories: int = 0
    products: int = 0
    orders: int = 0


def migrate(settings: Settings) -> None:
    """`alembic upgrade head` on the settings' database."""
    from alembic import command
    from alembic.config import Config

    config = Config(str(PROJECT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", settings.database_url.replace("%", "%%"))
    command.upgrade(config, "head")


async def _user(session: AsyncSession, email: str) -> User | None:
    return (await session.execute(select(User).where(User.email == email))).scalar_one_or_none()


async def seed(session: AsyncSession, settings: Settings) -> SeedReport:
    """Add the demo rows that are missing, each through the service layer."""
    report = SeedReport()
    uow = SqlAlchemyUnitOfWork(session)
    admin_hash = users.hash_token(settings.admin_token.get_secret_value())
    if await _user(session, ADMIN_EMAIL) is None:
        admin = User(
            email=ADMIN_EMAIL, name="Shop Admin", role=UserRole.ADMIN, token_hash=admin_hash
        )
        async with uow:
            await uow.users.add(admin)
            await uow.commit()
        report.users += 1
    existing = set((await session.execute(select(Category.name))).scalars())
    for name, description in CATEGORIES:
        if name not in existing:
            await catalog.create_category(uow, name=name, description=description)
            report.categories += 1
    ids = {name: id_ for name, id_ in await session.execute(select(Category.name, Category.id))}
    products = set((await session.execute(select(Product.name))).scalars())
    for name, price, stock, threshold, categories in PRODUCTS:
        if name not in products:
            new = NewProduct(
                name=name,
                price=Decimal(price),
                stock=stock,
                low_stock_threshold=threshold,
                category_ids=[ids[c] for c in categories],
            )
            await catalog.create_product(uow, new)
            report.products += 1
    demo = await _user(session, DEMO_EMAIL)
    if demo is None:
        demo = (await users.sign_up(uow, email=DEMO_EMAIL, name="Grace Hopper")).user
        report.users += 1
        by_name = {n: i for n, i in await session.execute(select(Product.name, Product.id))}
        for lines, status in DEMO_ORDERS:
            order = await orders.place_order(
                uow, demo.id, [OrderLine(by_name[name], quantity) for name, quantity in lines]
            )
            await _advance(uow, order, status)
            report.orders += 1
    return report


async def _advance(uow: SqlAlchemyUnitOfWork, order: Order, status: OrderStatus) -> None:
    """Move a demo order along the workflow, as the admin would."""
    admin = await _user(uow.session, ADMIN_EMAIL)
    assert admin is not None
    path = [OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED]
    for step in path[: path.index(status) + 1] if status in path else []:
        await orders.change_status(uow, admin, order.id, step)


async def seed_database(settings: Settings) -> SeedReport:
    """Seed the settings' database (already migrated) in one session; close the engine."""
    engine = make_engine(settings)
    try:
        async with AsyncSession(engine, expire_on_commit=False) as session:
            return await seed(session, settings)
    finally:
        await engine.dispose()


def main() -> None:
    """Migrate, seed, and say what was added."""
    settings = Settings()
    migrate(settings)
    report = asyncio.run(seed_database(settings))
    print(
        f"Seeded: {report.users} users, {report.categories} categories, "
        f"{report.products} products, {report.orders} orders added "
        f"(admin token: ADMIN_TOKEN; {ADMIN_EMAIL})"
    )


if __name__ == "__main__":
    main()
