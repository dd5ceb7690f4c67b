"""Days 51-52: a permission system: roles hold permissions, routes require them."""
