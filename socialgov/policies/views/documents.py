"""Policy documents and their versions: the list, uploads of new versions, publishing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from socialgov.agencies.views import agency_view
from socialgov.policies import selectors, services
from socialgov.policies.forms import DocumentForm, NewVersionForm, VersionForm
from socialgov.policies.models import DocumentVersion, PolicyDocument
from socialgov.policies.views._helpers import posted, require_perm, run_action, run_service
from socialgov.policies.workflows import VersionState


def _document(request: HttpRequest, agency, pk: int) -> PolicyDocument:
    return get_object_or_404(selectors.documents_visible_to(request.user).filter(agency=agency), pk=pk)


def _version(request: HttpRequest, agency, pk: int, number: int) -> DocumentVersion:
    document = _document(request, agency, pk)
    return get_object_or_404(selectors.versions_visible_to(request.user, document), number=number)


@agency_view("policies.view_documents")
def documents(request: HttpRequest, agency) -> HttpResponse:
    current = selectors.current_versions(agency)
    rows = [(d, current.get(d.pk)) for d in selectors.documents_visible_to(request.user).filter(agency=agency)
            .order_by("-active", "title")]
    return render(request, "policies/documents.html", {
        "agency": agency, "rows": rows, "can_manage": request.user.has_perm("policies.manage_documents", agency)})


@agency_view("policies.manage_documents")
def document_create(request: HttpRequest, agency) -> HttpResponse:
    form = DocumentForm(posted(request))
    if request.method == "POST":
        document = run_service(request, form, lambda data: services.document_create(
            actor=request.user, agency=agency, **data), "Document added. Add its first version and publish it.")
        if document:
            return redirect("policies-version-new", agency.slug, document.pk)
    return render(request, "policies/document_form.html", {"agency": agency, "form": form})


@agency_view("policies.view_documents")
def document_detail(request: HttpRequest, agency, pk: int) -> HttpResponse:
    document = _document(request, agency, pk)
    return render(request, "policies/document_detail.html", {
        "agency": agency, "document": document,
        "versions": selectors.versions_visible_to(request.user, document),
        "can_manage": request.user.has_perm("policies.manage_documents", agency)})


@agency_view("policies.manage_documents")
def version_create(request: HttpRequest, agency, pk: int) -> HttpResponse:
    document = _document(request, agency, pk)
    form = NewVersionForm(posted(request), posted(request, files=True))
    if request.method == "POST":
        version = run_service(request, form, lambda data: services.version_create(
            actor=request.user, document=document, **data), "Draft saved. Check it, then publish it.")
        if version:
            return redirect("policies-version", agency.slug, document.pk, version.number)
    return render(request, "policies/version_form.html", {"agency": agency, "document": document, "form": form})


@agency_view("policies.view_documents")
def version_detail(request: HttpRequest, agency, pk: int, number: int) -> HttpResponse:
    version = _version(request, agency, pk, number)
    can_manage = request.user.has_perm("policies.manage_documents", agency)
    editable = can_manage and version.state == VersionState.DRAFT
    form = VersionForm(posted(request), initial={
        "label": version.label, "body": version.body, "points": "\n".join(version.points),
        "change_note": version.change_note})
    if request.method == "POST":
        require_perm(request, "policies.manage_documents", agency)
        if run_service(request, form, lambda data: services.version_update(actor=request.user, version=version, **data),
                       "Draft saved."):
            return redirect("policies-version", agency.slug, pk, number)
    return render(request, "policies/version_detail.html", {
        "agency": agency, "document": version.document, "version": version, "form": form, "editable": editable,
        "can_manage": can_manage,
        "can_acknowledge": request.user.has_perm("policies.acknowledge", version)})


@require_POST
@agency_view("policies.manage_documents")
def version_publish(request: HttpRequest, agency, pk: int, number: int) -> HttpResponse:
    version = _version(request, agency, pk, number)
    run_action(request, lambda: services.version_publish(actor=request.user, version=version),
               f"Version {number} is published: everyone it concerns is asked to acknowledge it.")
    return redirect("policies-version", agency.slug, pk, number)


@require_POST
@agency_view("policies.manage_documents")
def version_discard(request: HttpRequest, agency, pk: int, number: int) -> HttpResponse:
    version = _version(request, agency, pk, number)
    run_action(request, lambda: services.version_discard(actor=request.user, version=version),
               f"Draft version {number} discarded.")
    return redirect("policies-document", agency.slug, pk)


@agency_view("policies.view_documents")
def version_file(request: HttpRequest, agency, pk: int, number: int) -> HttpResponse:
    version = _version(request, agency, pk, number)
    data = DocumentVersion.objects.values_list("file_data", flat=True).get(pk=version.pk)
    if not version.has_file or data is None:
        return HttpResponse("This version has no file.", status=404, content_type="text/plain")
    response = HttpResponse(bytes(data), content_type=version.file_content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=version.file_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
