"""Project root for day 2: pytest puts this folder on sys.path so tests can import main, utils."""
