"""Day 37: catalog and sign-up use cases on a fake unit of work."""

import hashlib
from decimal import Decimal

import pytest

from app.errors import Conflict, InvalidInput, NotAuthenticated, NotFound
from app.repositories.catalog import ProductFilter
from app.repositories.pagination import PageRequest
from app.services import catalog, users
from app.services.catalog import NewProduct, ProductChanges
from tests.unit.fakes import FakeUnitOfWork

pytestmark = [pytest.mark.day(37), pytest.mark.asyncio]


async def test_a_product_is_created_in_its_categories() -> None:
    uow = FakeUnitOfWork()
    books = await catalog.create_category(uow, name="Books")
    gifts = await catalog.create_category(uow, name="Gifts")
    product = await catalog.create_product(
        uow, NewProduct(name="Atlas", price=Decimal("20.00"), category_ids=[gifts.id, books.id])
    )
    names = sorted(c.name for c in product.categories)
    assert (names, uow.commits) == (["Books", "Gifts"], 3), (
        f"Called create_product. Got {names} after {uow.commits} commits, expected both categories"
    )


async def test_an_unknown_category_is_invalid_input_and_nothing_is_committed() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(InvalidInput, match="Category 77"):
        await catalog.create_product(uow, NewProduct(name="X", price=Decimal(1), category_ids=[77]))
    assert uow.commits == 0, f"Called create_product with category 77. Got {uow.commits} commits"


async def test_a_taken_category_name_is_a_conflict() -> None:
    uow = FakeUnitOfWork()
    await catalog.create_category(uow, name="Books")
    with pytest.raises(Conflict):
        await catalog.create_category(uow, name="Books")


async def test_a_partial_update_changes_only_what_is_given() -> None:
    uow = FakeUnitOfWork()
    product = await catalog.create_product(
        uow, NewProduct(name="Pen", price=Decimal("1.00"), stock=3)
    )
    await catalog.update_product(uow, product.id, ProductChanges(price=Decimal("1.50")))
    got = (product.name, product.price, product.stock)
    assert got == ("Pen", Decimal("1.50"), 3), f"Called update_product(price=1.50). Got {got}"
    with pytest.raises(NotFound):
        await catalog.update_product(uow, 999, ProductChanges(price=Decimal(1)))


async def test_a_price_range_upside_down_is_invalid_input() -> None:
    with pytest.raises(InvalidInput):
        await catalog.list_products(
            FakeUnitOfWork(),
            ProductFilter(min_price=Decimal(5), max_price=Decimal(1)),
            page=PageRequest(),
        )


async def test_sign_up_stores_only_the_sha256_of_the_token_and_it_authenticates() -> None:
    uow = FakeUnitOfWork()
    signed = await users.sign_up(uow, email="Ada@Example.com", name="Ada")
    stored = uow.users.rows[signed.user.id]
    got = (stored.email, stored.token_hash, len(signed.token) >= 32)
    expected = ("ada@example.com", hashlib.sha256(signed.token.encode()).hexdigest(), True)
    assert got == expected, (
        f"Called sign_up. Got (email, token_hash, long token) {got}, expected {expected}"
    )
    assert await users.authenticate(uow, signed.token) is stored
    for token in (None, "", "not-a-token"):
        with pytest.raises(NotAuthenticated):
            await users.authenticate(uow, token)
