"""Service layer: the use cases. Business rules live here, and nothing here knows HTTP.

A service takes plain values, works through a unit of work (its repositories and its
one commit), and raises domain errors that the web edge (app/main.py) maps to HTTP.
"""
