from socialgov.policies.models.documents import Acknowledgement, DocumentSource, DocumentVersion, PolicyDocument
from socialgov.policies.models.exceptions import ExceptionNote, ExceptionRequest, ExceptionTransition
from socialgov.policies.models.governance import PolicyReview, ReviewOutcome, Spokesperson
from socialgov.policies.models.packs import PackAdoption
from socialgov.policies.models.reports import DisciplinaryOutcome, ReportTransition, ViolationReport

__all__ = [
    "Acknowledgement",
    "DisciplinaryOutcome",
    "DocumentSource",
    "DocumentVersion",
    "ExceptionNote",
    "ExceptionRequest",
    "ExceptionTransition",
    "PackAdoption",
    "PolicyDocument",
    "PolicyReview",
    "ReportTransition",
    "ReviewOutcome",
    "Spokesperson",
    "ViolationReport",
]
