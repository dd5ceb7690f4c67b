"""Migrate the database and fill it with a demo shop; safe to run any number of times.

    DATABASE_URL=postgresql://... python seed_data.py

`alembic upgrade head` first, then only the demo rows not already there: the admin
(ADMIN_EMAIL / ADMIN_PASSWORD: admin@example.com / admin-password-dev in development),
four categories and eight products with plenty of stock.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import text

from app.config import Settings, load_settings
from app.database import make_engine
from app.modules.auth.passwords import PasswordHasher

PROJECT = Path(__file__).resolve().parent
CATEGORIES = ("Keyboards", "Mice", "Cables", "Books")
# name, price, stock, category
PRODUCTS = [
    ("Mechanical keyboard", "89.90", 10_000, "Keyboards"),
    ("Compact keyboard", "59.00", 10_000, "Keyboards"),
    ("Wireless mouse", "24.50", 10_000, "Mice"),
    ("Vertical mouse", "39.00", 10_000, "Mice"),
    ("USB-C cable", "9.90", 10_000, "Cables"),
    ("HDMI cable", "12.00", 10_000, "Cables"),
    ("Architecture Patterns with Python", "39.90", 10_000, "Books"),
    ("Designing Data-Intensive Applications", "48.50", 10_000, "Books"),
]


@dataclass
class SeedReport:
    """How many demo rows this run added."""

    users: int = 0
    categories: int = 0
    products: int = 0


def migrate(settings: Settings) -> None:
    """`alembic upgrade head` on the settings' database."""
    from alembic import command
    from alembic.config import Config

    config = Config(str(PROJECT / "alembic.ini"))
    url = settings.database_url.get_secret_value().replace("%", "%%")
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, "head")


async def seed_database(settings: Settings) -> SeedReport:
    """Migrate, then add the demo rows that are missing (one transaction)."""
    migrate(settings)
    report = SeedReport()
    admin_hash = PasswordHasher(settings).hash(settings.admin_password.get_secret_value())
    engine = make_engine(settings)
    async with engine.begin() as conn:
        added = await conn.execute(
            text(
                "INSERT INTO users (email, password_hash, email_verified, role_id) "
                "SELECT :email, :hash, true, id FROM roles WHERE name = 'admin' "
                "ON CONFLICT (email) DO NOTHING"
            ),
            {"email": settings.admin_email.lower(), "hash": admin_hash},
        )
        report.users = added.rowcount
        for name in CATEGORIES:
            added = await conn.execute(
                text("INSERT INTO categories (name) VALUES (:n) ON CONFLICT (name) DO NOTHING"),
                {"n": name},
            )
            report.categories += added.rowcount
        for name, price, stock, category in PRODUCTS:
            added = await conn.execute(
                text(
                    "INSERT INTO products (name, price, stock, category_id) "
                    "SELECT CAST(:name AS varchar), :price, :stock, id FROM categories "
                    "WHERE name = :category "
                    "AND NOT EXISTS (SELECT 1 FROM products WHERE name = CAST(:name AS varchar))"
                ),
                {"name": name, "price": Decimal(price), "stock": stock, "category": category},
            )
            report.products += added.rowcount
    await engine.dispose()
    return report


if __name__ == "__main__":
    report = asyncio.run(seed_database(load_settings()))
    print(
        f"Seeded: {report.users} users, {report.categories} categories, "
        f"{report.products} products (rows already there were kept)"
    )
