"""Day 43: a modular monolith. One app, one database, three modules with guarded borders."""
