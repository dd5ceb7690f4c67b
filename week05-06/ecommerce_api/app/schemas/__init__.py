"""Request and response bodies: XBase / XCreate / XUpdate / XRead per entity."""
