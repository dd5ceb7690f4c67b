"""Project root for day 7: pytest puts this folder on sys.path to import persistent_bank."""
