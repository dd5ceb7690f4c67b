"""Project root for day 3: pytest puts this folder on sys.path so tests can import bank_system."""
