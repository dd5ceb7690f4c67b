"""Queries per entity: async functions of an AsyncSession that load and write ORM objects,
flush (never commit: the request's unit of work does) and raise app.errors on failure."""
