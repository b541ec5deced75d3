"""Write services for the policies app: each checks permission and transition, saves, audits and
notifies in one transaction. ``actor=None`` is the system itself (demo data)."""

from socialgov.policies.services.documents import (
    acknowledgement_record,
    document_create,
    documents_sync_from_pack,
    version_create,
    version_discard,
    version_publish,
    version_update,
)
from socialgov.policies.services.exceptions import (
    exception_approve_step,
    exception_deny,
    exception_note_add,
    exception_request_submit,
    exception_resubmit,
    exception_return,
    exception_withdraw,
)
from socialgov.policies.services.governance import policy_review_record, spokesperson_authorize, spokesperson_revoke
from socialgov.policies.services.packs import pack_adopt
from socialgov.policies.services.reports import (
    violation_report_close,
    violation_report_record_finding,
    violation_report_start_review,
    violation_report_submit,
    violation_report_viewed,
    violation_reports_listed,
)

__all__ = [
    "acknowledgement_record",
    "document_create",
    "documents_sync_from_pack",
    "exception_approve_step",
    "exception_deny",
    "exception_note_add",
    "exception_request_submit",
    "exception_resubmit",
    "exception_return",
    "exception_withdraw",
    "pack_adopt",
    "policy_review_record",
    "spokesperson_authorize",
    "spokesperson_revoke",
    "version_create",
    "version_discard",
    "version_publish",
    "version_update",
    "violation_report_close",
    "violation_report_record_finding",
    "violation_report_start_review",
    "violation_report_submit",
    "violation_report_viewed",
    "violation_reports_listed",
]
