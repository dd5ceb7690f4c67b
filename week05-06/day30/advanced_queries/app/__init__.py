"""Day 30: filter, search, sort and date-range queries over posts, served by indexes."""
