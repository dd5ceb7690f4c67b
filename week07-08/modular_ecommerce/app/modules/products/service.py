"""products' use cases, and the public functions orders calls inside its own transaction."""

from __future__ import annotations

from collections.abc import Mapping

from app.modules.auth.schemas import Principal
from app.modules.products.models import Category, Product, Review
from app.modules.products.ports import PurchaseCheck
from app.modules.products.repository import CatalogRepository, Duplicate
from app.modules.products.schemas import (
    CategoryIn,
    CategoryRead,
    ProductCreate,
    ProductFilter,
    ProductRead,
    ProductUpdate,
    Reserved,
    ReviewIn,
    ReviewPage,
    ReviewRead,
)
from app.shared.exceptions import (
    Conflict,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
)
from app.shared.pagination import Page, PageRequest
from app.shared.unit_of_work import UnitOfWork

MANAGE = "products:write"


def _may_see_archived(caller: Principal | None) -> bool:
    return caller is not None and caller.can(MANAGE)


async def list_categories(uow: UnitOfWork) -> list[CategoryRead]:
    """Every category, by name."""
    async with uow:
        rows = await CatalogRepository(uow.session).categories()
        return [CategoryRead.model_validate(c) for c in rows]


async def create_category(uow: UnitOfWork, data: CategoryIn) -> CategoryRead:
    """A new category; Conflict if the name is taken."""
    async with uow:
        category = Category(name=data.name)
        try:
            await CatalogRepository(uow.session).add(category)
        except Duplicate:
            raise Conflict(f"A category called {data.name!r} exists") from None
        read = CategoryRead.model_validate(category)
        await uow.commit()
    return read


async def delete_category(uow: UnitOfWork, category_id: int) -> None:
    """Delete a category; its products stay, without a category. NotFound."""
    async with uow:
        catalog = CatalogRepository(uow.session)
        category = await catalog.category(category_id)
        if category is None:
            raise NotFound(f"Category {category_id} not found")
        await catalog.delete_category(category)
        await uow.commit()


async def list_products(
    uow: UnitOfWork, where: ProductFilter, page: PageRequest, caller: Principal | None
) -> Page[ProductRead]:
    """A page of products matching the filters. Archived ones are for products:write
    holders only: NotAuthenticated without a token, PermissionDenied without the right."""
    if where.archived and not _may_see_archived(caller):
        if caller is None:
            raise NotAuthenticated("Sign in to see archived products")
        raise PermissionDenied(f"This needs the permission {MANAGE}")
    async with uow:
        rows, total = await CatalogRepository(uow.session).products(where, page)
        items = [ProductRead.model_validate(p) for p in rows]
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


async def _product(
    catalog: CatalogRepository, product_id: int, caller: Principal | None
) -> Product:
    product = await catalog.product(product_id)
    if product is None or (not product.is_active and not _may_see_archived(caller)):
        raise NotFound(f"Product {product_id} not found")
    return product


async def get_product(uow: UnitOfWork, product_id: int, caller: Principal | None) -> ProductRead:
    """The product; NotFound if it does not exist or is archived (unless you manage them)."""
    async with uow:
        return ProductRead.model_validate(
            await _product(CatalogRepository(uow.session), product_id, caller)
        )


async def _check_category(catalog: CatalogRepository, category_id: int | None) -> None:
    if category_id is not None and await catalog.category(category_id) is None:
        raise InvalidInput("category_id", f"Category {category_id} does not exist")


async def create_product(uow: UnitOfWork, data: ProductCreate) -> ProductRead:
    """A new product; InvalidInput for an unknown category."""
    async with uow:
        catalog = CatalogRepository(uow.session)
        await _check_category(catalog, data.category_id)
        product = Product(**data.model_dump())
        await catalog.add(product)
        await uow.session.refresh(product)  # created_at and is_active come from PostgreSQL
        read = ProductRead.model_validate(product)
        await uow.commit()
    return read


async def update_product(uow: UnitOfWork, product_id: int, data: ProductUpdate) -> ProductRead:
    """Change the fields sent; NotFound, InvalidInput for an unknown category."""
    async with uow:
        catalog = CatalogRepository(uow.session)
        product = await catalog.product(product_id, lock=True)
        if product is None:
            raise NotFound(f"Product {product_id} not found")
        changes = data.model_dump(exclude_unset=True)
        for field in ("name", "price", "stock"):  # these cannot be cleared
            if field in changes and changes[field] is None:
                raise InvalidInput(field, f"{field} cannot be null")
        await _check_category(catalog, changes.get("category_id"))
        for field, value in changes.items():
            setattr(product, field, value)
        await uow.session.flush()
        read = ProductRead.model_validate(product)
        await uow.commit()
    return read


async def archive_product(uow: UnitOfWork, product_id: int) -> None:
    """Stop selling the product (orders keep pointing at it); NotFound."""
    async with uow:
        product = await CatalogRepository(uow.session).product(product_id, lock=True)
        if product is None:
            raise NotFound(f"Product {product_id} not found")
        product.is_active = False
        await uow.commit()


async def restock(uow: UnitOfWork, product_id: int, quantity: int) -> ProductRead:
    """Add `quantity` units to the stock; NotFound."""
    async with uow:
        catalog = CatalogRepository(uow.session)
        if await catalog.product(product_id) is None:
            raise NotFound(f"Product {product_id} not found")
        await catalog.add_stock(product_id, quantity)
        product = await catalog.product(product_id)
        assert product is not None
        await uow.session.refresh(product)
        read = ProductRead.model_validate(product)
        await uow.commit()
    return read


async def list_reviews(uow: UnitOfWork, product_id: int, page: PageRequest) -> ReviewPage:
    """A page of the product's reviews, newest first, with its average rating; NotFound."""
    async with uow:
        catalog = CatalogRepository(uow.session)
        await _product(catalog, product_id, None)
        rows, total = await catalog.reviews(product_id, page)
        average = await catalog.average_rating(product_id)
        items = [ReviewRead.model_validate(r) for r in rows]
    return ReviewPage(
        items=items, total=total, limit=page.limit, offset=page.offset, average_rating=average
    )


async def add_review(
    uow: UnitOfWork, product_id: int, author: Principal, data: ReviewIn, received: PurchaseCheck
) -> ReviewRead:
    """Review a product you received (a delivered order holds it); once per product.

    NotFound; Conflict `purchase_required` without a delivered order; Conflict
    `already_reviewed` for a second review.
    """
    async with uow:
        catalog = CatalogRepository(uow.session)
        await _product(catalog, product_id, None)
        if not await received(uow, author.id, product_id):
            raise Conflict(
                "Only customers who received this product can review it", code="purchase_required"
            )
        review = Review(
            product_id=product_id, user_id=author.id, rating=data.rating, comment=data.comment
        )
        try:
            await catalog.add(review)
        except Duplicate:
            raise Conflict(
                "You have reviewed this product already", code="already_reviewed"
            ) from None
        await uow.session.refresh(review)
        read = ReviewRead.model_validate(review)
        await uow.commit()
    return read


# Public functions for other modules: each runs inside the caller's unit of work.


async def available_product(uow: UnitOfWork, product_id: int) -> ProductRead | None:
    """The product if it is for sale (inside the caller's unit of work)."""
    product = await CatalogRepository(uow.session).product(product_id)
    return ProductRead.model_validate(product) if product and product.is_active else None


async def products_by_id(uow: UnitOfWork, product_ids: list[int]) -> dict[int, ProductRead]:
    """These products, archived ones too, by id (inside the caller's unit of work)."""
    found = await CatalogRepository(uow.session).by_ids(product_ids)
    return {pid: ProductRead.model_validate(product) for pid, product in found.items()}


async def reserve_stock(uow: UnitOfWork, quantities: Mapping[int, int]) -> list[Reserved]:
    """Take stock for every product, or raise and take none (inside the caller's unit of
    work, whose rollback undoes the lines already taken).

    Rows are locked in product id order, so two orders never wait on each other in a
    cycle; each take is one conditional UPDATE, so stock never goes below zero however
    many buyers race. Conflict `unavailable` (unknown or archived), `out_of_stock`.
    """
    catalog = CatalogRepository(uow.session)
    reserved = []
    for product_id in sorted(quantities):
        quantity = quantities[product_id]
        product = await catalog.take_stock(product_id, quantity)
        if product is None:
            current = await catalog.product(product_id)
            if current is None or not current.is_active:
                raise Conflict(f"Product {product_id} is not for sale", code="unavailable")
            raise Conflict(
                f"Product {product_id} has {current.stock} in stock, {quantity} requested",
                code="out_of_stock",
            )
        reserved.append(Reserved(product_id, product.name, product.price, quantity))
    return reserved


async def release_stock(uow: UnitOfWork, quantities: Mapping[int, int]) -> None:
    """Put stock back, e.g. for a cancelled order (inside the caller's unit of work)."""
    catalog = CatalogRepository(uow.session)
    for product_id in sorted(quantities):
        await catalog.add_stock(product_id, quantities[product_id])


async def count_products(uow: UnitOfWork) -> int:
    """How many products are for sale (inside the caller's unit of work)."""
    return await CatalogRepository(uow.session).count()
