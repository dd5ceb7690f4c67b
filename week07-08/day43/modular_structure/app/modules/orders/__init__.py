"""Orders: a user buys products. Uses users and products only through their services."""
