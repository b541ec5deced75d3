"""The records archive: captured records, their versions and tombstones, and the transparency log."""
