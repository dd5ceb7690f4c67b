"""Project root for day 4: pytest puts this folder on sys.path to import bank_system_v2."""
