"""Repositories: add, get and list rows of one aggregate; they never commit."""
