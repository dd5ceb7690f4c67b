"""HTTP routes: parse the request, call one service, return a Read schema."""
