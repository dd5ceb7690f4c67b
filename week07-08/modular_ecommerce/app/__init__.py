"""A modular monolith: one deployable app, five modules with enforced borders."""
