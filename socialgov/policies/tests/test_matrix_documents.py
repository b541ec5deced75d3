"""Permission matrix: policy documents, versions, uploads, and the training pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from socialgov.core.testing import PERSONA_KEYS, Row, assert_matrix
from socialgov.policies import services
from socialgov.policies.tests.makers import make_document

MEMBERS = set(PERSONA_KEYS)
MANAGERS = {"agency_admin", "pio"}
OVERSEERS = {"agency_admin", "agency_head", "auditor", "department_head"}


def _doc(w, rest: str = "", **kwargs) -> str:
    version = make_document(w, **kwargs)
    return w.agency_url(f"policy/documents/{version.document.pk}/{rest}")


def _draft(w, rest: str = "") -> str:
    version = make_document(w, publish=False)
    return w.agency_url(f"policy/documents/{version.document.pk}/versions/{version.number}/{rest}")


def _with_file(w) -> str:
    document = make_document(w).document
    version = services.version_create(actor=None, document=document,
                                      upload=SimpleUploadedFile("rules.pdf", b"%PDF-1.4", "application/pdf"))
    return w.agency_url(f"policy/documents/{document.pk}/versions/{version.number}/file/")


def _ack(w, roles=("employee",)) -> str:
    return w.agency_url(f"training/{make_document(w, roles=roles).pk}/acknowledge/")


ROWS = [
    Row("policies-documents", lambda w: w.agency_url("policy/documents/"), MEMBERS, outsider=404),
    Row("policies-document-new", lambda w: w.agency_url("policy/documents/new/"), MANAGERS, outsider=404),
    Row("policies-document-new", lambda w: w.agency_url("policy/documents/new/"), MANAGERS, outsider=404,
        method="post", ok=302, data={"title": "Live video rules", "audience_roles": ["employee"], "due_days": 30}),
    Row("policies-document", _doc, MEMBERS, outsider=404),
    Row("policies-version-new", lambda w: _doc(w, "versions/new/"), MANAGERS, outsider=404),
    Row("policies-version-new", lambda w: _doc(w, "versions/new/"), MANAGERS, outsider=404, method="post", ok=302,
        data={"body": "Revised rules."}),
    Row("policies-version", lambda w: _doc(w, "versions/1/"), MEMBERS, outsider=404),
    # A draft is seen only by those who manage documents.
    Row("policies-version", _draft, MANAGERS, denied=404, outsider=404),
    Row("policies-version", _draft, MANAGERS, denied=404, outsider=404, method="post", ok=302,
        data={"body": "Edited draft."}),
    Row("policies-version-publish", lambda w: _draft(w, "publish/"), MANAGERS, outsider=404, method="post", ok=302),
    Row("policies-version-discard", lambda w: _draft(w, "discard/"), MANAGERS, outsider=404, method="post", ok=302),
    Row("policies-version-file", _with_file, MANAGERS, denied=404, outsider=404),  # a draft's file
    Row("policies-training", lambda w: w.agency_url("training/"), MEMBERS, outsider=404),
    Row("policies-training-acknowledge", _ack, MEMBERS, outsider=404),
    Row("policies-training-acknowledge", _ack, MEMBERS, outsider=404, method="post", ok=302, data={"confirm": "on"}),
    Row("policies-training-acknowledge", lambda w: _ack(w, roles=("pio",)), {"pio"}, outsider=404),
    Row("policies-training-overview", lambda w: w.agency_url("training/overview/"), OVERSEERS, outsider=404),
]

API = "/api/v1/"


def _ack_api(w) -> str:
    from socialgov.policies.services import acknowledgement_record

    ack = acknowledgement_record(actor=w.user("employee"), version=make_document(w))
    return f"{API}policy-acknowledgements/{ack.pk}/"


API_ROWS = [
    Row("api-policy-document-list", lambda w: f"{API}policy-documents/", MEMBERS | {"outsider"}, anonymous=401),
    Row("api-policy-document-detail", lambda w: f"{API}policy-documents/{make_document(w).document.pk}/", MEMBERS,
        outsider=404, anonymous=401),
    Row("api-policy-acknowledgement-list", lambda w: f"{API}policy-acknowledgements/", MEMBERS | {"outsider"},
        anonymous=401),
    # One's own; everyone's for the overseers; a department head's people's (the employee is in youth services).
    Row("api-policy-acknowledgement-detail", _ack_api, OVERSEERS | {"employee"}, denied=404, outsider=404,
        anonymous=401),
]


@pytest.mark.parametrize("row", ROWS + API_ROWS, ids=lambda r: f"{r.method}-{r.name}")
def test_permission_matrix(client, world, row):
    assert_matrix(client, world, [row])


def test_the_file_of_a_published_version_is_open_to_every_member(client, world):
    def published_file(w) -> str:
        url = _with_file(w)
        version = w.agency.policy_documents.get().versions.get(number=2)
        services.version_publish(actor=None, version=version)
        return url

    assert_matrix(client, world, [Row("policies-version-file", published_file, MEMBERS, outsider=404)])
