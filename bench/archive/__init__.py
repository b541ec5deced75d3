"""Archive benchmarks: ingest and search over generated, realistic records (``python -m bench.archive.run``)."""
