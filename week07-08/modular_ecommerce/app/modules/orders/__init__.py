"""orders: the cart, checkout (stock taken in the same transaction), order history and
status tracking, and the sales figures the admin reports on."""
