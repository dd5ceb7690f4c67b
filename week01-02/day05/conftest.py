"""Project root for day 5: pytest puts this folder on sys.path so tests can import typed_models."""
