"""The business modules. Each reaches another only through its public interface: its
`service` functions, `schemas`, `events` (and auth's `dependencies`), never its models or
repository; .importlinter holds the contracts and tests/test_architecture.py runs them."""
