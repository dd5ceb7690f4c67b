"""Day 31: money moves between accounts in one transaction, or not at all."""
