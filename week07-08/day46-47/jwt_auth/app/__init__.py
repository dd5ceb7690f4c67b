"""Days 46-47: JWT authentication. Tokens on login, a checked Bearer token on protected routes."""
