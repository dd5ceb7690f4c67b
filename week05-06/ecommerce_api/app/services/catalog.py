"""Catalog use cases: categories and products, with their many-to-many links."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from app.errors import InvalidInput, NotFound
from app.models import Category, Product
from app.repositories.catalog import ProductFilter, ProductSort, ProductView
from app.repositories.pagination import Page, PageRequest
from app.unit_of_work import AbstractUnitOfWork


@dataclass(frozen=True)
class NewProduct:
    """What it takes to list a product."""

    name: str
    price: Decimal
    stock: int = 0
    low_stock_threshold: int = 5
    description: str | None = None
    category_ids: Sequence[int] = field(default_factory=tuple)


@dataclass(frozen=True)
class ProductChanges:
    """A partial update: None leaves a field as it is."""

    name: str | None = None
    description: str | None = None
    price: Decimal | None = None
    stock: int | None = None
    low_stock_threshold: int | None = None
    category_ids: Sequence[int] | None = None


async def _categories(uow: AbstractUnitOfWork, category_ids: Sequence[int]) -> list[Category]:
    """The categories named, or InvalidInput naming the first unknown id."""
    wanted = sorted(set(category_ids))
    found = await uow.categories.get_many(wanted)
    known = {category.id for category in found}
    missing = [category_id for category_id in wanted if category_id not in known]
    if missing:
        raise InvalidInput("category_ids", f"Category {missing[0]} does not exist")
    return found


async def create_category(
    uow: AbstractUnitOfWork, *, name: str, description: str | None = None
) -> Category:
    """Add a category; Conflict if the name is taken."""
    async with uow:
        category = Category(name=name, description=description)
        await uow.categories.add(category)
        await uow.commit()
    return category


async def get_category(uow: AbstractUnitOfWork, category_id: int) -> Category:
    """A category, or NotFound."""
    async with uow:
        category = await uow.categories.get(category_id)
    if category is None:
        raise NotFound("Category", category_id)  # pragma: no mutate
    return category


async def list_categories(uow: AbstractUnitOfWork, page: PageRequest) -> Page[Category]:
    """A page of categories by name."""
    async with uow:
        return await uow.categories.list(page)


async def update_category(
    uow: AbstractUnitOfWork,
    category_id: int,
    *,
    name: str | None = None,
    description: str | None = None,
) -> Category:
    """Rename or redescribe a category; NotFound, or Conflict for a taken name."""
    async with uow:
        category = await uow.categories.get(category_id)
        if category is None:
            raise NotFound("Category", category_id)  # pragma: no mutate
        if name is not None:
            category.name = name
        if description is not None:
            category.description = description
        await uow.categories.save(category)
        await uow.commit()
    return category


async def delete_category(uow: AbstractUnitOfWork, category_id: int) -> None:
    """Delete a category; its products stay, without it."""
    async with uow:
        category = await uow.categories.get(category_id)
        if category is None:
            raise NotFound("Category", category_id)  # pragma: no mutate
        await uow.categories.delete(category)
        await uow.commit()


async def create_product(uow: AbstractUnitOfWork, new: NewProduct) -> Product:
    """List a product in the given categories; InvalidInput for an unknown category."""
    async with uow:
        product = Product(
            name=new.name,
            description=new.description,
            price=new.price,
            stock=new.stock,
            low_stock_threshold=new.low_stock_threshold,
            categories=await _categories(uow, new.category_ids),
        )
        await uow.products.add(product)
        await uow.commit()
    return product


async def get_product(uow: AbstractUnitOfWork, product_id: int) -> Product:
    """A product with its categories, or NotFound."""
    async with uow:
        product = await uow.products.get(product_id)
    if product is None:
        raise NotFound("Product", product_id)  # pragma: no mutate
    return product


async def list_products(
    uow: AbstractUnitOfWork,
    filters: ProductFilter,
    *,
    sort: ProductSort = ProductSort.ID,
    descending: bool = False,
    page: PageRequest,
) -> Page[ProductView]:
    """A page of products; InvalidInput when min_price is above max_price."""
    if (
        filters.min_price is not None
        and filters.max_price is not None
        and filters.min_price > filters.max_price
    ):
        raise InvalidInput("min_price", "min_price must not be above max_price")
    async with uow:
        return await uow.products.list(filters, sort, descending, page)


async def update_product(
    uow: AbstractUnitOfWork, product_id: int, changes: ProductChanges
) -> Product:
    """Apply a partial update; category_ids, when given, replaces the product's categories."""
    async with uow:
        product = await uow.products.get(product_id)
        if product is None:
            raise NotFound("Product", product_id)  # pragma: no mutate
        for name in ("name", "description", "price", "stock", "low_stock_threshold"):
            value = getattr(changes, name)
            if value is not None:
                setattr(product, name, value)
        if changes.category_ids is not None:
            product.categories = await _categories(uow, changes.category_ids)
        await uow.products.save(product)
        await uow.commit()
    return product


async def delete_product(uow: AbstractUnitOfWork, product_id: int) -> None:
    """Delete a product; Conflict if it was ever ordered."""
    async with uow:
        product = await uow.products.get(product_id)
        if product is None:
            raise NotFound("Product", product_id)  # pragma: no mutate
        await uow.products.delete(product)
        await uow.commit()
