"""Day 21 project root: puts this folder on sys.path so the tests can import run_sql.

The database comes from the journey plugin: `committed_database_url` is an empty,
fresh PostgreSQL database per test (no schema fixture: the script creates its own tables).
"""
