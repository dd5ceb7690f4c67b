"""Code every module may use, and which knows no module: errors, transactions, events, paging."""
