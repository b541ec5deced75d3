"""Account pages: the registry, requests, one account and its stewardship, and the public pages."""
