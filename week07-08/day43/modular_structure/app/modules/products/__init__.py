"""Products: the catalog and its stock. Public interface: `service.ProductService`, `schemas`."""
