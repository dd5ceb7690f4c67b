"""Every model; importing this package registers every table on Base.metadata."""

from app.models.cart import CartItem, IdempotencyRecord
from app.models.catalog import Category, Product, product_categories
from app.models.inventory import StockAlert
from app.models.order import Order, OrderItem, OrderStatus
from app.models.review import Review
from app.models.user import User, UserRole

__all__ = [
    "CartItem",
    "Category",
    "IdempotencyRecord",
    "Order",
    "OrderItem",
    "OrderStatus",
    "Product",
    "Review",
    "StockAlert",
    "User",
    "UserRole",
    "product_categories",
]
