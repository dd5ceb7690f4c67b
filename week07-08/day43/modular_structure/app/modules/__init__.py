"""The features. Each module owns its tables; others use it through its service and schemas."""
