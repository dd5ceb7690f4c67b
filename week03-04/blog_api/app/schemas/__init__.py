"""Pydantic request and response models; the response models never carry a password hash."""
