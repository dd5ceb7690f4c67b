"""The products module's public interface: the catalog use cases and stock reservation."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.modules.products.exceptions import OutOfStock, ProductNotFound
from app.modules.products.models import Product
from app.modules.products.repository import ProductRepository
from app.modules.products.schemas import ProductCreate, ProductRead
from app.shared.utils import atomic


class ProductService:
    """Product use cases. It returns read models, so no caller ever holds a Product row."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.products = ProductRepository(session)

    def create(self, product_in: ProductCreate) -> ProductRead:
        """Add a product to the catalog (one commit)."""
        with atomic(self.session):
            product = Product(**product_in.model_dump())
            self.products.add(product)
        return ProductRead.model_validate(product)

    def get(self, product_id: int) -> ProductRead:
        """The product with this id; ProductNotFound."""
        product = self.products.get(product_id)
        if product is None:
            raise ProductNotFound(product_id)
        return ProductRead.model_validate(product)

    def list_products(self) -> list[ProductRead]:
        """The catalog, in id order."""
        return [ProductRead.model_validate(product) for product in self.products.list()]

    def reserve_stock(self, product_id: int, quantity: int) -> ProductRead:
        """Take `quantity` units off the stock; ProductNotFound or OutOfStock.

        It never commits: it runs inside the caller's transaction (an order being
        placed), which commits the reservation with the order or rolls both back.
        """
        product = self.products.take_stock(product_id, quantity)
        if product is None:
            current = self.get(product_id)  # raises ProductNotFound
            raise OutOfStock(product_id, available=current.stock, requested=quantity)
        return ProductRead.model_validate(product)
