"""Day 37: catalog and sign-up use cases on a fake unit of work."""

import hashlib
import re
from collections.abc import Awaitable, Callable
from decimal import Decimal

import pytest

from app.errors import Conflict, InvalidInput, NotAuthenticated, NotFound
from app.models import UserRole
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


async def test_a_new_product_keeps_every_field_given() -> None:
    uow = FakeUnitOfWork()
    new = NewProduct(
        name="Atlas", price=Decimal("20.00"), stock=7, low_stock_threshold=2, description="Maps"
    )
    product = await catalog.create_product(uow, new)
    got = (
        product.name,
        product.price,
        product.stock,
        product.low_stock_threshold,
        product.description,
    )
    expected = ("Atlas", Decimal("20.00"), 7, 2, "Maps")
    assert got == expected, f"Called create_product({new}). Got {got}, expected {expected}"


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


async def test_a_category_is_read_renamed_redescribed_and_deleted() -> None:
    uow = FakeUnitOfWork()
    created = await catalog.create_category(uow, name="Books", description="Paper")
    read = await catalog.get_category(uow, created.id)
    got = (read is created, read.description)
    assert got == (True, "Paper"), f"Called get_category after create. Got {got}"
    await catalog.update_category(uow, created.id, name="Maps")
    renamed = (created.name, created.description)
    assert renamed == ("Maps", "Paper"), f"Called update_category(name='Maps'). Got {renamed}"
    await catalog.update_category(uow, created.id, description="Atlases")
    redescribed = (created.name, created.description)
    assert redescribed == ("Maps", "Atlases"), (
        f"Called update_category(description='Atlases'). Got {redescribed}"
    )
    commits = uow.commits
    await catalog.delete_category(uow, created.id)
    assert (uow.commits - commits, created.id in uow.categories.rows) == (1, False), (
        "Called delete_category. Got the category still stored or no commit"
    )


async def test_unknown_category_and_product_ids_are_not_found() -> None:
    uow = FakeUnitOfWork()
    calls: dict[str, Callable[[], Awaitable[object]]] = {
        "get_category": lambda: catalog.get_category(uow, 404),
        "update_category": lambda: catalog.update_category(uow, 404, name="X"),
        "delete_category": lambda: catalog.delete_category(uow, 404),
        "get_product": lambda: catalog.get_product(uow, 404),
        "delete_product": lambda: catalog.delete_product(uow, 404),
    }
    for name, call in calls.items():
        with pytest.raises(NotFound):
            await call()
        assert uow.commits == 0, f"Called {name}(404). Got {uow.commits} commits, expected 0"


async def test_invalid_input_names_the_field_at_fault_and_an_equal_price_range_is_valid() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(InvalidInput) as unknown:
        await catalog.create_product(uow, NewProduct(name="X", price=Decimal(1), category_ids=[7]))
    with pytest.raises(InvalidInput) as upside_down:
        await catalog.list_products(
            uow, ProductFilter(min_price=Decimal(5), max_price=Decimal(1)), page=PageRequest()
        )
    fields = (unknown.value.field, upside_down.value.field)
    assert fields == ("category_ids", "min_price"), (
        f"Called create_product and list_products with bad input. Got fields {fields}, "
        "expected ('category_ids', 'min_price')"
    )
    await catalog.create_product(uow, NewProduct(name="Pen", price=Decimal(5)))
    page = await catalog.list_products(
        uow, ProductFilter(min_price=Decimal(5), max_price=Decimal(5)), page=PageRequest()
    )
    assert page.total == 1, f"Called list_products(min_price=5, max_price=5). Got {page}"


async def test_products_are_listed_in_ascending_order_unless_asked_otherwise() -> None:
    uow = FakeUnitOfWork()
    for name in ("Pen", "Ink"):
        await catalog.create_product(uow, NewProduct(name=name, price=Decimal(1)))
    ascending = await catalog.list_products(uow, ProductFilter(), page=PageRequest())
    descending = await catalog.list_products(
        uow, ProductFilter(), descending=True, page=PageRequest()
    )
    got = ([p.name for p in ascending.items], [p.name for p in descending.items])
    assert got == (["Pen", "Ink"], ["Ink", "Pen"]), (
        f"Called list_products without and with descending=True. Got {got}"
    )


async def test_sign_up_gives_the_role_asked_and_a_43_character_url_safe_token() -> None:
    uow = FakeUnitOfWork()
    signed = await users.sign_up(uow, email="root@example.com", name="Root", role=UserRole.ADMIN)
    customer = await users.sign_up(uow, email="c@example.com", name="C")
    got = (signed.user.role, customer.user.role, len(signed.token))
    assert got == (UserRole.ADMIN, UserRole.CUSTOMER, 43), (
        f"Called sign_up(role=admin) and sign_up(). Got (roles, token length) {got}, "
        "expected (admin, customer, 43)"
    )
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", users.new_token()), (
        "Called new_token. Got non-URL-safe"
    )
