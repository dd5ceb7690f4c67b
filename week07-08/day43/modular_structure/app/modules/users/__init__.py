"""Users: who may place orders. Public interface: `service.UserService` and `schemas`."""
