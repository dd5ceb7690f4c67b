"""In-memory stand-ins for the repositories and the unit of work: no database at all."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import TypeVar

from app.errors import Conflict
from app.models import (
    CartItem,
    Category,
    IdempotencyRecord,
    Order,
    OrderStatus,
    Product,
    Review,
    StockAlert,
    User,
    UserRole,
)
from app.repositories.cart import (
    AbstractCartRepository,
    AbstractIdempotencyRepository,
    CartEntry,
)
from app.repositories.catalog import (
    AbstractCategoryRepository,
    AbstractProductRepository,
    ProductFilter,
    ProductSort,
    ProductView,
)
from app.repositories.inventory import AbstractAlertRepository
from app.repositories.orders import AbstractOrderRepository
from app.repositories.pagination import Page, PageRequest
from app.repositories.reports import AbstractReportQueries, SalesTotals, Spending, TopSeller
from app.repositories.reviews import AbstractReviewRepository, RatingSummary
from app.repositories.users import AbstractUserRepository
from app.unit_of_work import AbstractUnitOfWork

T = TypeVar("T")


def _page(items: Sequence[T], page: PageRequest) -> Page[T]:
    window = list(items)[page.skip : page.skip + page.limit]
    return Page(items=window, total=len(items), limit=page.limit, skip=page.skip, next_cursor=None)


class FakeUsers(AbstractUserRepository):
    def __init__(self) -> None:
        self.rows: dict[int, User] = {}
        self._ids = itertools.count(1)

    async def add(self, user: User) -> None:
        if any(u.email == user.email for u in self.rows.values()):
            raise Conflict(f"Email {user.email} is already registered")
        user.id = next(self._ids)
        self.rows[user.id] = user

    async def get(self, user_id: int) -> User | None:
        return self.rows.get(user_id)

    async def get_by_token_hash(self, token_hash: str) -> User | None:
        return next((u for u in self.rows.values() if u.token_hash == token_hash), None)

    async def list(self, page: PageRequest) -> Page[User]:
        return _page(sorted(self.rows.values(), key=lambda u: u.id), page)


class FakeCategories(AbstractCategoryRepository):
    def __init__(self) -> None:
        self.rows: dict[int, Category] = {}
        self._ids = itertools.count(1)

    async def add(self, category: Category) -> None:
        await self.save(category)
        category.id = next(self._ids)
        self.rows[category.id] = category

    async def get(self, category_id: int) -> Category | None:
        return self.rows.get(category_id)

    async def get_many(self, category_ids: Sequence[int]) -> list[Category]:
        return [self.rows[i] for i in sorted(set(category_ids)) if i in self.rows]

    async def list(self, page: PageRequest) -> Page[Category]:
        return _page(sorted(self.rows.values(), key=lambda c: c.name), page)

    async def save(self, category: Category) -> None:
        if any(c.name == category.name and c is not category for c in self.rows.values()):
            raise Conflict(f"Category {category.name!r} already exists")

    async def delete(self, category: Category) -> None:
        del self.rows[category.id]


class FakeProducts(AbstractProductRepository):
    def __init__(self) -> None:
        self.rows: dict[int, Product] = {}
        self._ids = itertools.count(1)
        self.locked: list[list[int]] = []

    async def add(self, product: Product) -> None:
        product.id = next(self._ids)
        self.rows[product.id] = product

    async def get(self, product_id: int) -> Product | None:
        return self.rows.get(product_id)

    async def list(
        self, filters: ProductFilter, sort: ProductSort, descending: bool, page: PageRequest
    ) -> Page[ProductView]:
        views = [
            ProductView(
                p.id, p.name, p.description, p.price, p.stock, p.low_stock_threshold, p.created_at
            )
            for p in self.rows.values()
        ]
        return _page(sorted(views, key=lambda v: v.id, reverse=descending), page)

    async def lock(self, product_ids: Sequence[int]) -> Sequence[Product]:
        ids = sorted(set(product_ids))
        self.locked.append(ids)
        return [self.rows[i] for i in ids if i in self.rows]

    async def save(self, product: Product) -> None:
        pass

    async def delete(self, product: Product) -> None:
        del self.rows[product.id]

    async def list_low_stock(self, page: PageRequest) -> Page[Product]:
        low = [p for p in self.rows.values() if p.stock < p.low_stock_threshold]
        return _page(sorted(low, key=lambda p: (p.stock, p.id)), page)


class FakeOrders(AbstractOrderRepository):
    def __init__(self) -> None:
        self.rows: dict[int, Order] = {}
        self._ids = itertools.count(1)

    async def add(self, order: Order) -> None:
        order.id = next(self._ids)
        order.created_at = datetime.now(UTC)
        self.rows[order.id] = order

    async def get(self, order_id: int, *, for_update: bool = False) -> Order | None:
        return self.rows.get(order_id)

    async def list_for_user(self, user_id: int, page: PageRequest) -> Page[Order]:
        mine = [o for o in self.rows.values() if o.user_id == user_id]
        return _page(sorted(mine, key=lambda o: -o.id), page)


class FakeAlerts(AbstractAlertRepository):
    def __init__(self) -> None:
        self.rows: list[StockAlert] = []

    async def list(self, page: PageRequest, product_id: int | None = None) -> Page[StockAlert]:
        mine = [a for a in self.rows if product_id is None or a.product_id == product_id]
        return _page(mine, page)


class FakeReviews(AbstractReviewRepository):
    def __init__(self, orders: FakeOrders) -> None:
        self.rows: list[Review] = []
        self._orders = orders

    async def add(self, review: Review) -> None:
        if any(
            r.user_id == review.user_id and r.product_id == review.product_id for r in self.rows
        ):
            raise Conflict(f"You have already reviewed product {review.product_id}")
        review.id = len(self.rows) + 1
        self.rows.append(review)

    async def list_for_product(self, product_id: int, page: PageRequest) -> Page[Review]:
        return _page([r for r in self.rows if r.product_id == product_id], page)

    async def summary(self, product_id: int) -> RatingSummary:
        ratings = [r.rating for r in self.rows if r.product_id == product_id]
        if not ratings:
            return RatingSummary(None, 0)
        average = (Decimal(sum(ratings)) / len(ratings)).quantize(Decimal("0.01"))
        return RatingSummary(average, len(ratings))

    async def has_received(self, user_id: int, product_id: int) -> bool:
        return any(
            o.user_id == user_id
            and o.status is OrderStatus.DELIVERED
            and any(i.product_id == product_id for i in o.items)
            for o in self._orders.rows.values()
        )


class FakeCarts(AbstractCartRepository):
    def __init__(self, products: FakeProducts) -> None:
        self.rows: dict[tuple[int, int], CartItem] = {}
        self._products = products
        self.locked: list[int] = []

    async def entries(self, user_id: int, *, for_update: bool = False) -> Sequence[CartEntry]:
        if for_update:
            self.locked.append(user_id)
        mine = sorted(k for k in self.rows if k[0] == user_id)
        return [CartEntry(self._products.rows[p], self.rows[(u, p)].quantity) for u, p in mine]

    async def add(self, user_id: int, product_id: int, quantity: int) -> int:
        item = self.rows.setdefault(
            (user_id, product_id), CartItem(user_id=user_id, product_id=product_id, quantity=0)
        )
        item.quantity += quantity
        return item.quantity

    async def set_quantity(self, user_id: int, product_id: int, quantity: int) -> bool:
        item = self.rows.get((user_id, product_id))
        if item is None:
            return False
        item.quantity = quantity
        return True

    async def remove(self, user_id: int, product_id: int) -> bool:
        return self.rows.pop((user_id, product_id), None) is not None

    async def clear(self, user_id: int) -> None:
        for key in [k for k in self.rows if k[0] == user_id]:
            del self.rows[key]


class FakeIdempotency(AbstractIdempotencyRepository):
    def __init__(self) -> None:
        self.rows: dict[tuple[int, str], IdempotencyRecord] = {}
        self.held: set[tuple[int, str]] = set()

    async def try_lock(self, user_id: int, key: str) -> bool:
        return (user_id, key) not in self.held

    async def get(self, user_id: int, key: str) -> IdempotencyRecord | None:
        return self.rows.get((user_id, key))

    async def add(self, record: IdempotencyRecord) -> None:
        self.rows[(record.user_id, record.key)] = record


class FakeReports(AbstractReportQueries):
    """Answers the figures a test sets, and records the date ranges it was asked for."""

    def __init__(self) -> None:
        self.spent = Spending(0, Decimal("0.00"))
        self.totals = SalesTotals(0, 0, Decimal("0.00"), [])
        self.ranges: list[tuple[datetime, datetime]] = []

    async def top_selling(self, limit: int) -> list[TopSeller]:
        return []

    async def spending(self, user_id: int) -> Spending:
        return self.spent

    async def sales(self, start: datetime, end: datetime) -> SalesTotals:
        self.ranges.append((start, end))
        return self.totals


class FakeUnitOfWork(AbstractUnitOfWork):
    """Every repository in memory; counts commits so a test can tell a use case that
    committed from one that did not. Rolling back is not modelled: tests check that a
    refused use case did not commit."""

    users: FakeUsers
    categories: FakeCategories
    products: FakeProducts
    orders: FakeOrders
    alerts: FakeAlerts
    reviews: FakeReviews
    carts: FakeCarts
    idempotency: FakeIdempotency
    reports: FakeReports

    def __init__(self) -> None:
        self.users = FakeUsers()
        self.categories = FakeCategories()
        self.products = FakeProducts()
        self.orders = FakeOrders()
        self.alerts = FakeAlerts()
        self.reviews = FakeReviews(self.orders)
        self.carts = FakeCarts(self.products)
        self.idempotency = FakeIdempotency()
        self.reports = FakeReports()
        self.commits = 0

    async def commit(self) -> None:
        self.commits += 1

    async def rollback(self) -> None:
        pass


def customer(user_id: int = 1) -> User:
    """A stored-looking customer."""
    return User(
        id=user_id,
        email=f"c{user_id}@example.com",
        name="C",
        role=UserRole.CUSTOMER,
        token_hash="c" * 64,
    )


def admin(user_id: int = 99) -> User:
    """A stored-looking admin."""
    return User(
        id=user_id, email="admin@example.com", name="A", role=UserRole.ADMIN, token_hash="a" * 64
    )


async def add_product(
    uow: FakeUnitOfWork, price: str = "10.00", stock: int = 10, threshold: int = 0
) -> Product:
    """A product in the fake catalog."""
    product = Product(
        name="P", price=Decimal(price), stock=stock, low_stock_threshold=threshold, categories=[]
    )
    await uow.products.add(product)
    return product
