"""E-commerce API: catalog, orders, inventory, reviews, cart and analytics on PostgreSQL."""
