"""Generators for the README's ER diagram and the Postman collection."""
