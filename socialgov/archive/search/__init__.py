"""Full-text search over the records archive: one interface over SQLite FTS5 and PostgreSQL, saved searches."""
