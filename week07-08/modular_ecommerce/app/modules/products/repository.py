"""The only code that writes SQL for the catalog. It flushes, never commits."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.modules.products.models import Category, Product, Review
from app.modules.products.schemas import ProductFilter, ProductSort
from app.shared.pagination import PageRequest


def ordering(sort: ProductSort) -> tuple[ColumnElement[Any], ...]:
    """ORDER BY of a sort; the id last, so equal values page in a stable order."""
    orders: dict[ProductSort, tuple[ColumnElement[Any], ...]] = {
        ProductSort.NEWEST: (Product.created_at.desc(), Product.id.desc()),
        ProductSort.PRICE_ASC: (Product.price.asc(), Product.id.asc()),
        ProductSort.PRICE_DESC: (Product.price.desc(), Product.id.desc()),
        ProductSort.NAME: (Product.name.asc(), Product.id.asc()),
    }
    return orders[sort]


class Duplicate(Exception):
    """A unique constraint refused the row."""


def escape_like(text: str) -> str:
    """`text` for a LIKE pattern, its own % and _ matched literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def listed() -> Select[Any]:
    """A product's columns and the number of matching products: one page, one statement."""
    return select(*Product.__table__.columns, func.count().over().label("total"))


def filtered(where: ProductFilter, query: Select[Any] | None = None) -> Select[Any]:
    """`query` (default: listed()) limited to the products matching the search and
    filters (no order, no page)."""
    query = (listed() if query is None else query).where(Product.is_active.is_(not where.archived))
    if where.q:
        query = query.where(Product.name.ilike(f"%{escape_like(where.q)}%", escape="\\"))
    if where.category_id is not None:
        query = query.where(Product.category_id == where.category_id)
    if where.min_price is not None:
        query = query.where(Product.price >= where.min_price)
    if where.max_price is not None:
        query = query.where(Product.price <= where.max_price)
    if where.in_stock is not None:
        query = query.where(Product.stock > 0 if where.in_stock else Product.stock == 0)
    return query


class CatalogRepository:
    """Categories and products in PostgreSQL, through the use case's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _flush_unique(self) -> None:
        try:
            async with self.session.begin_nested():
                await self.session.flush()
        except IntegrityError as error:
            if "uq_" in str(error.orig):
                raise Duplicate(str(error.orig)) from None
            raise

    async def categories(self) -> list[Category]:
        """Every category, by name."""
        return list(await self.session.scalars(select(Category).order_by(Category.name)))

    async def category(self, category_id: int) -> Category | None:
        """The category, or None."""
        return await self.session.get(Category, category_id)

    async def add(self, row: Category | Product | Review) -> None:
        """INSERT the row now; Duplicate if a unique constraint refuses it."""
        self.session.add(row)
        await self._flush_unique()

    async def delete_category(self, category: Category) -> None:
        """DELETE the category; its products keep no category (ON DELETE SET NULL)."""
        await self.session.delete(category)
        await self.session.flush()

    async def product(self, product_id: int, *, lock: bool = False) -> Product | None:
        """The product, or None; `lock` takes its row for update."""
        query = select(Product).where(Product.id == product_id)
        if lock:
            query = query.with_for_update()
        return await self.session.scalar(query)

    async def products(self, where: ProductFilter, page: PageRequest) -> tuple[list[Any], int]:
        """One page of matching products (rows with a product's columns) in the chosen order,
        and how many match.

        One round trip: the total rides along as count(*) OVER (); only a page past the
        end (no row to carry it) needs a second statement. Plain rows, not ORM objects:
        a list only reads, and this is the shop's busiest query.
        """
        query = (
            filtered(where).order_by(*ordering(where.sort)).limit(page.limit).offset(page.offset)
        )
        rows = list((await self.session.execute(query)).all())
        if rows:
            return rows, rows[0].total
        if page.offset == 0:
            return [], 0
        count = filtered(where, select(func.count()).select_from(Product))
        return [], await self.session.scalar(count) or 0

    async def take_stock(self, product_id: int, quantity: int) -> Product | None:
        """Take `quantity` units if an active product has them (one conditional UPDATE that
        locks the row); None if it does not. Stock never goes below zero."""
        statement = (
            update(Product)
            .where(Product.id == product_id, Product.is_active, Product.stock >= quantity)
            .values(stock=Product.stock - quantity)
            .returning(Product)
        )
        return await self.session.scalar(statement, execution_options={"populate_existing": True})

    async def add_stock(self, product_id: int, quantity: int) -> None:
        """Put `quantity` units back (an order cancelled, a restock)."""
        await self.session.execute(
            update(Product).where(Product.id == product_id).values(stock=Product.stock + quantity)
        )

    async def by_ids(self, product_ids: list[int]) -> dict[int, Product]:
        """These products (archived ones too), by id."""
        rows = await self.session.scalars(select(Product).where(Product.id.in_(product_ids)))
        return {product.id: product for product in rows}

    async def count(self) -> int:
        """How many active products there are."""
        query = select(func.count()).select_from(Product).where(Product.is_active)
        return await self.session.scalar(query) or 0

    async def reviews(self, product_id: int, page: PageRequest) -> tuple[list[Review], int]:
        """One page of the product's reviews, newest first, and their number."""
        query = select(Review).where(Review.product_id == product_id)
        total = await self.session.scalar(
            select(func.count()).select_from(Review).where(Review.product_id == product_id)
        )
        rows = await self.session.scalars(
            query.order_by(Review.created_at.desc(), Review.id.desc())
            .limit(page.limit)
            .offset(page.offset)
        )
        return list(rows), total or 0

    async def average_rating(self, product_id: int) -> Decimal | None:
        """The mean rating, rounded to two decimals (None without reviews)."""
        query = select(func.round(func.avg(Review.rating), 2)).where(
            Review.product_id == product_id
        )
        return await self.session.scalar(query)
