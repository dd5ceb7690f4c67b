"""Day 44: configuration management. Every setting from the environment, checked at startup."""
