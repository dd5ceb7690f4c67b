"""Project root for day 1: pytest puts this folder on sys.path so tests can import setup_check."""
