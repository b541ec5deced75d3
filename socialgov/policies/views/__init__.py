from socialgov.policies.views.conduct import conduct, spokesperson_revoke, spokespersons
from socialgov.policies.views.documents import (
    document_create,
    document_detail,
    documents,
    version_create,
    version_detail,
    version_discard,
    version_file,
    version_publish,
)
from socialgov.policies.views.exceptions import (
    exception_approve,
    exception_create,
    exception_deny,
    exception_detail,
    exception_note,
    exception_resubmit,
    exception_return,
    exception_withdraw,
    exceptions,
)
from socialgov.policies.views.packs import policy_adopt, policy_view
from socialgov.policies.views.reports import (
    report_close,
    report_create,
    report_detail,
    report_finding,
    report_review,
    reports,
)
from socialgov.policies.views.reviews import reviews
from socialgov.policies.views.training import acknowledge, training, training_overview

__all__ = [
    "acknowledge",
    "conduct",
    "document_create",
    "document_detail",
    "documents",
    "exception_approve",
    "exception_create",
    "exception_deny",
    "exception_detail",
    "exception_note",
    "exception_resubmit",
    "exception_return",
    "exception_withdraw",
    "exceptions",
    "policy_adopt",
    "policy_view",
    "report_close",
    "report_create",
    "report_detail",
    "report_finding",
    "report_review",
    "reports",
    "reviews",
    "spokesperson_revoke",
    "spokespersons",
    "training",
    "training_overview",
    "version_create",
    "version_detail",
    "version_discard",
    "version_file",
    "version_publish",
]
