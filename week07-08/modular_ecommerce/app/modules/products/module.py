"""products as the app factory sees it."""

from __future__ import annotations

from app.modules.products.router import router
from app.shared.modules import Module

MODULE = Module(
    name="products",
    description="The catalog: categories, products with search and filters, stock, reviews.",
    router=router,
)
