"""Day 48: the OAuth2 password flow. POST /token as RFC 6749 says; Bearer tokens per RFC 6750."""
