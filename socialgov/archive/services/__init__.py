"""The archive's write layer: ingest, blobs, the transparency log, import jobs, verification."""

from socialgov.archive.services.ingest import IngestSummary, ingest_snapshots
from socialgov.archive.services.jobs import import_job_resumable, import_job_run, import_job_start, source_sha256
from socialgov.archive.services.log import tree_head_sign
from socialgov.archive.services.verify import ArchiveReport, Problem, archive_verify

__all__ = ["ArchiveReport", "IngestSummary", "Problem", "archive_verify", "import_job_resumable", "import_job_run",
           "import_job_start", "ingest_snapshots", "source_sha256", "tree_head_sign"]
