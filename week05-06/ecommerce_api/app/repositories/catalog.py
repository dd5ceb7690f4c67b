"""Categories and products: add, get, list (filtered, sorted, paged), lock for an order."""

import abc
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Integer,
    Select,
    String,
    bindparam,
    exists,
    func,
    literal_column,
    select,
    tuple_,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.database import Money
from app.errors import Conflict, InvalidInput
from app.models import Category, Product, product_categories
from app.repositories.base import SqlAlchemyRepository
from app.repositories.integrity import constraint_name, flush_or_conflict
from app.repositories.pagination import (
    Page,
    PageRequest,
    SortKey,
    decode_cursor,
    encode_cursor,
    fetch_page,
    parse_datetime,
    parse_decimal,
    parse_int,
    parse_str,
)


class ProductSort(StrEnum):
    """The orders GET /products can list in."""

    ID = "id"
    NAME = "name"
    PRICE = "price"
    CREATED_AT = "created_at"


@dataclass(frozen=True)
class CategoryView:
    """A category as a product lists it."""

    id: int
    name: str


@dataclass(frozen=True)
class ProductView:
    """A product as a list shows it: plain values read in one SELECT, no ORM object.

    Lists are the hot read path: building these costs a fraction of loading entities and
    their collections (see benchmark/README.md). Changes go through the Product entity.
    """

    id: int
    name: str
    description: str | None
    price: Decimal
    stock: int
    low_stock_threshold: int
    created_at: datetime
    categories: list[CategoryView] = field(default_factory=list)


@dataclass(frozen=True)
class ProductFilter:
    """Which products to list: name search, one category, a price range, in stock only."""

    q: str | None = None
    category_id: int | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    in_stock: bool | None = None


class AbstractCategoryRepository(abc.ABC):
    """The categories a use case can see."""

    @abc.abstractmethod
    async def add(self, category: Category) -> None:
        """Store a new category; Conflict if the name is taken."""
        raise NotImplementedError

    @abc.abstractmethod
    async def get(self, category_id: int) -> Category | None:
        """The category with this id, or None."""
        raise NotImplementedError

    @abc.abstractmethod
    async def get_many(self, category_ids: Sequence[int]) -> list[Category]:
        """The categories among these ids that exist (unknown ids are left out)."""
        raise NotImplementedError

    @abc.abstractmethod
    async def list(self, page: PageRequest) -> Page[Category]:
        """Categories in name order."""
        raise NotImplementedError

    @abc.abstractmethod
    async def save(self, category: Category) -> None:
        """Write a changed category now; Conflict if its new name is taken."""
        raise NotImplementedError

    @abc.abstractmethod
    async def delete(self, category: Category) -> None:
        """Remove a category (its products stay, without it)."""
        raise NotImplementedError


class AbstractProductRepository(abc.ABC):
    """The products a use case can see and lock."""

    @abc.abstractmethod
    async def add(self, product: Product) -> None:
        """Store a new product with its categories."""
        raise NotImplementedError

    @abc.abstractmethod
    async def get(self, product_id: int) -> Product | None:
        """The product with its categories loaded, or None."""
        raise NotImplementedError

    @abc.abstractmethod
    async def list(
        self, filters: ProductFilter, sort: ProductSort, descending: bool, page: PageRequest
    ) -> Page[ProductView]:
        """A page of matching products, with their categories."""
        raise NotImplementedError

    @abc.abstractmethod
    async def lock(self, product_ids: Sequence[int]) -> Sequence[Product]:
        """The existing products among these ids, locked until the transaction ends.

        Locks are taken in id order whatever order the ids come in, so two orders naming
        the same products in opposite orders wait for each other instead of deadlocking.
        """
        raise NotImplementedError

    @abc.abstractmethod
    async def save(self, product: Product) -> None:
        """Write a changed product now."""
        raise NotImplementedError

    @abc.abstractmethod
    async def delete(self, product: Product) -> None:
        """Remove a product; Conflict if an order holds it."""
        raise NotImplementedError

    @abc.abstractmethod
    async def list_low_stock(self, page: PageRequest) -> Page[Product]:
        """Products whose stock is below their threshold, lowest stock first."""
        raise NotImplementedError


CATEGORIES_BY_NAME = SortKey("name", Category.name, Category.id, descending=False, parse=parse_str)
_PARSERS = {
    ProductSort.ID: parse_int,
    ProductSort.NAME: parse_str,
    ProductSort.PRICE: parse_decimal,
    ProductSort.CREATED_AT: parse_datetime,
}


def escape_like(text: str) -> str:
    """Make % and _ in a search term match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def product_sort_key(sort: ProductSort, descending: bool) -> SortKey:
    """The SortKey of a ProductSort and direction."""
    column = getattr(Product, sort.value)
    return SortKey(sort.value, column, Product.id, descending=descending, parse=_PARSERS[sort])


CATEGORIES_JSON = (
    select(
        func.coalesce(
            func.json_agg(
                aggregate_order_by(
                    func.json_build_object("id", Category.id, "name", Category.name), Category.id
                )
            ),
            literal_column("'[]'::json"),
        )
    )
    .join(product_categories, product_categories.c.category_id == Category.id)
    .where(product_categories.c.product_id == Product.id)
    .scalar_subquery()
)
"""A product's categories as a JSON array [{"id", "name"}], built by PostgreSQL."""
PRODUCT_COLUMNS = select(
    Product.id,
    Product.name,
    Product.description,
    Product.price,
    Product.stock,
    Product.low_stock_threshold,
    Product.created_at,
    type_coerce(CATEGORIES_JSON, JSON).label("categories"),
)
"""The columns of a ProductView, in its field order, categories included."""


def product_view(row: Any) -> ProductView:
    """A row of PRODUCT_COLUMNS as a ProductView."""
    return ProductView(
        id=row.id,
        name=row.name,
        description=row.description,
        price=row.price,
        stock=row.stock,
        low_stock_threshold=row.low_stock_threshold,
        created_at=row.created_at,
        categories=[CategoryView(c["id"], c["name"]) for c in row.categories],
    )


@dataclass(frozen=True)
class ListShape:
    """Which filters a product list uses, how it sorts, and whether it resumes at a cursor:
    the parts of the statement that are not values."""

    q: bool
    category: bool
    min_price: bool
    max_price: bool
    in_stock: bool | None
    sort: ProductSort
    descending: bool
    cursor: bool


@lru_cache(maxsize=512)
def list_statements(shape: ListShape) -> tuple[Select[int], Select[*tuple[Any, ...]]]:
    """The COUNT and the page SELECT of one shape, with bound parameters for the values
    (`q`, `category_id`, `min_price`, `max_price`, `after_value`, `after_id`, `limit`,
    `offset`)."""
    conditions: list[ColumnElement[bool]] = []
    if shape.q:
        conditions.append(Product.name.ilike(bindparam("q", type_=String), escape="\\"))
    if shape.category:
        conditions.append(
            exists().where(
                product_categories.c.product_id == Product.id,
                product_categories.c.category_id == bindparam("category_id", type_=Integer),
            )
        )
    if shape.min_price:
        conditions.append(Product.price >= bindparam("min_price", type_=Money))
    if shape.max_price:
        conditions.append(Product.price <= bindparam("max_price", type_=Money))
    if shape.in_stock is True:
        conditions.append(Product.stock > 0)
    elif shape.in_stock is False:
        conditions.append(Product.stock == 0)
    count = select(func.count()).select_from(Product).where(*conditions)
    key = product_sort_key(shape.sort, shape.descending)
    rows = PRODUCT_COLUMNS.where(*conditions)
    if shape.cursor:
        after = tuple_(key.column, Product.id)
        bound = tuple_(
            bindparam("after_value", type_=key.column.type), bindparam("after_id", type_=Integer)
        )
        rows = rows.where(after < bound if shape.descending else after > bound)
    else:
        # The total rides along with the page: one statement instead of COUNT + page.
        rows = rows.add_columns(func.count().over().label("total"))
        rows = rows.offset(bindparam("offset", type_=Integer))
    order = (key.column.desc(), Product.id.desc()) if shape.descending else (key.column, Product.id)
    return count, rows.order_by(*order).limit(bindparam("limit", type_=Integer))


class SqlAlchemyCategoryRepository(SqlAlchemyRepository, AbstractCategoryRepository):
    """Categories in PostgreSQL."""

    async def add(self, category: Category) -> None:
        """INSERT now; a taken name is a Conflict."""
        self.session.add(category)
        await self.save(category)

    async def get(self, category_id: int) -> Category | None:
        """SELECT by primary key."""
        return await self.session.get(Category, category_id)

    async def get_many(self, category_ids: Sequence[int]) -> list[Category]:
        """One SELECT ... WHERE id IN (...)."""
        if not category_ids:
            return []
        found = await self.session.execute(
            select(Category).where(Category.id.in_(category_ids)).order_by(Category.id)
        )
        return list(found.scalars().all())

    async def list(self, page: PageRequest) -> Page[Category]:
        """A page of categories by name."""
        return await fetch_page(self.session, select(Category), CATEGORIES_BY_NAME, page)

    async def save(self, category: Category) -> None:
        """Flush; the unique name index decides, not a SELECT first."""
        message = f"Category {category.name!r} already exists"
        await flush_or_conflict(self.session, {"uq_categories_name": message})

    async def delete(self, category: Category) -> None:
        """DELETE; the association rows go with it (ON DELETE CASCADE)."""
        await self.session.delete(category)
        await self.session.flush()


class SqlAlchemyProductRepository(SqlAlchemyRepository, AbstractProductRepository):
    """Products in PostgreSQL."""

    async def add(self, product: Product) -> None:
        """INSERT the product and its category links."""
        self.session.add(product)
        await self.session.flush()

    async def get(self, product_id: int) -> Product | None:
        """SELECT by id, categories in a second statement."""
        found = await self.session.execute(
            select(Product)
            .where(Product.id == product_id)
            .options(selectinload(Product.categories))
        )
        return found.scalar_one_or_none()

    async def list(
        self, filters: ProductFilter, sort: ProductSort, descending: bool, page: PageRequest
    ) -> Page[ProductView]:
        """One statement: the page, each product's categories as JSON, and (offset pages)
        the total as a window count. A page past the end has no row to carry the total,
        so only then a COUNT follows.

        The statements are built once per shape of request (which filters, which sort, offset
        or cursor) and reused with new values: building and hashing a SELECT costs more
        than running it on a small table (see benchmark/README.md).
        """
        if page.cursor is not None and page.skip:
            raise InvalidInput("skip", "use either skip or cursor, not both")
        key = product_sort_key(sort, descending)
        shape = ListShape(
            q=filters.q is not None,
            category=filters.category_id is not None,
            min_price=filters.min_price is not None,
            max_price=filters.max_price is not None,
            in_stock=filters.in_stock,
            sort=sort,
            descending=descending,
            cursor=page.cursor is not None,
        )
        count, rows = list_statements(shape)
        params: dict[str, Any] = {
            "q": f"%{escape_like(filters.q)}%" if filters.q else None,
            "category_id": filters.category_id,
            "min_price": filters.min_price,
            "max_price": filters.max_price,
            "limit": page.limit + 1,
        }
        total: int | None = None
        if page.cursor is None:
            params["offset"] = page.skip
        else:
            params["after_value"], params["after_id"] = decode_cursor(key, page.cursor)
        found = (await self.session.execute(rows, params)).all()
        items = [product_view(row) for row in found[: page.limit]]
        if page.cursor is None:
            total = (
                found[0].total
                if found
                else (await self.session.execute(count, params)).scalar_one()
            )
        last = items[-1] if len(found) > page.limit else None
        return Page(
            items=items,
            total=total,
            limit=page.limit,
            skip=page.skip if page.cursor is None else 0,
            next_cursor=encode_cursor(key, getattr(last, sort.value), last.id) if last else None,
        )

    async def lock(self, product_ids: Sequence[int]) -> Sequence[Product]:
        """SELECT ... ORDER BY id FOR UPDATE: rows locked one after another in id order."""
        found = await self.session.execute(
            select(Product)
            .where(Product.id.in_(sorted(set(product_ids))))
            .order_by(Product.id)
            .with_for_update()
            # Re-read rows this session loaded earlier: the stock that counts is the locked one.
            .execution_options(populate_existing=True)
        )
        return found.scalars().all()

    async def save(self, product: Product) -> None:
        """Flush the product's changes."""
        await self.session.flush()

    async def delete(self, product: Product) -> None:
        """DELETE; an order line referencing it (ON DELETE RESTRICT) makes it a Conflict."""
        product_id = product.id  # read now: after a failed flush the object cannot be read
        await self.session.delete(product)
        try:
            await self.session.flush()
        except IntegrityError as error:
            if constraint_name(error) == "fk_order_items_product_id_products":
                raise Conflict(
                    f"Product {product_id} has been ordered and cannot be deleted; "
                    "set its stock to 0 instead"
                ) from None
            raise

    async def list_low_stock(self, page: PageRequest) -> Page[Product]:
        """Products with stock below threshold, lowest stock first, categories loaded."""
        rows = (
            select(Product)
            .where(Product.stock < Product.low_stock_threshold)
            .options(selectinload(Product.categories))
        )
        key = SortKey("stock", Product.stock, Product.id, descending=False, parse=parse_int)
        return await fetch_page(self.session, rows, key, page)
