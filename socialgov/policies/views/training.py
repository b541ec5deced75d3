"""Training and acknowledgements: what waits for me, acknowledging a version, and the overview
for agency administrators and department heads (DCFS-11, LCCS-12, LAC-06)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from socialgov.agencies.selectors import person_of
from socialgov.agencies.views import agency_view
from socialgov.policies import selectors, services
from socialgov.policies.forms import AcknowledgeForm, OverviewFilterForm
from socialgov.policies.models import DocumentVersion
from socialgov.policies.selectors.documents import departments_for_filter
from socialgov.policies.services.documents import acknowledgement_statement
from socialgov.policies.views._helpers import posted, require_perm, run_service
from socialgov.policies.workflows import VersionState


@agency_view("policies.view_documents")
def training(request: HttpRequest, agency) -> HttpResponse:
    person = person_of(request.user)
    items = selectors.obligations_of(person) if person else []
    return render(request, "policies/training.html", {
        "agency": agency, "outstanding": [o for o in items if o.state != selectors.DONE],
        "done": [o for o in items if o.state == selectors.DONE],
        "history": selectors.acknowledgement_history(person) if person else [],
        "can_overview": request.user.has_perm("policies.view_training_overview", agency)})


@agency_view("policies.view_documents")
def acknowledge(request: HttpRequest, agency, version_pk: int) -> HttpResponse:
    version = get_object_or_404(
        DocumentVersion.objects.select_related("document").defer("file_data").filter(
            document__agency=agency, state=VersionState.PUBLISHED), pk=version_pk)
    require_perm(request, "policies.acknowledge", version)
    form = AcknowledgeForm(posted(request), training=version.document.training)
    if request.method == "POST" and run_service(request, form, lambda data: services.acknowledgement_record(
            actor=request.user, version=version, training_completed_on=data.get("training_completed_on")),
            f"Thank you: your acknowledgement of “{version.document.title}” is recorded."):
        return redirect("policies-training", agency.slug)
    return render(request, "policies/acknowledge.html", {
        "agency": agency, "version": version, "document": version.document, "form": form,
        "statement": acknowledgement_statement(version),
        "earlier": version.acknowledgements.filter(person=person_of(request.user)).first()})


@agency_view("policies.view_training_overview")
def training_overview(request: HttpRequest, agency) -> HttpResponse:
    form = OverviewFilterForm(request.GET or None, departments=departments_for_filter(request.user, agency))
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = selectors.overview(request.user, agency, department=data.get("department"), state=data.get("state", ""))
    if form.is_bound and not form.is_valid():
        messages.error(request, "The filter was not understood; showing everything.")
    counts = {state: sum(1 for r in rows if r.state == state) for state in (selectors.OVERDUE, selectors.DUE)}
    return render(request, "policies/training_overview.html", {
        "agency": agency, "form": form, "page_obj": Paginator(rows, 50).get_page(request.GET.get("page")),
        "counts": counts})
