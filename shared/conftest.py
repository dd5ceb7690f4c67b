"""The harness's own tests run with shared/ as their project root."""
