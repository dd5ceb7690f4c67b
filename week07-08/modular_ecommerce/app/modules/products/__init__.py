"""products: the catalog (categories, products, stock) and reviews from verified buyers.

Orders reserves and returns stock through `service`; whether a user received a product
is asked through the PURCHASE_CHECK port (ports.py), which orders provides.
"""
