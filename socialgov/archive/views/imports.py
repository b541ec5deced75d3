"""Import jobs on the web: the list, a job's page (polled while it runs), starting and resuming one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from socialgov.accounts.selectors import accounts_visible_to
from socialgov.agencies.views import agency_view
from socialgov.archive import selectors
from socialgov.archive.forms import ImportStartForm, importable_accounts
from socialgov.archive.services.jobs import import_job_resume, import_job_start, stale_after
from socialgov.archive.uploads import upload_limited, upload_refusal
from socialgov.archive.workflows import JobStatus
from socialgov.core.forms_util import add_service_errors


def _jobs(request: HttpRequest, agency):
    return selectors.import_jobs_visible_to(request.user).filter(account__agency=agency)


@agency_view("archive.view_records")
def import_list(request: HttpRequest, agency) -> HttpResponse:
    page = Paginator(_jobs(request, agency).order_by("-created_at", "-pk"), 25).get_page(request.GET.get("page"))
    return render(request, "archive/imports.html", {
        "agency": agency, "page_obj": page, "can_import": request.user.has_perm("archive.import_records", agency)})


@agency_view("archive.view_records")
def import_detail(request: HttpRequest, agency, pk: int) -> HttpResponse:
    job = get_object_or_404(_jobs(request, agency), pk=pk)
    return render(request, "archive/import_detail.html", {
        "agency": agency, "job": job, "here": f"Import #{job.pk}",
        "active": job.status in (JobStatus.QUEUED, JobStatus.RUNNING),
        "can_resume": job.status == JobStatus.FAILED and request.user.has_perm("archive.import_records", agency),
        "stale_after": stale_after(), "skipped_reasons": sorted(job.skipped_reasons.items(), key=lambda kv: -kv[1])})


@upload_limited
@agency_view("archive.import_records")
def import_start(request: HttpRequest, agency) -> HttpResponse:
    accounts = importable_accounts(accounts_visible_to(request.user).filter(agency=agency))
    form = ImportStartForm(request.POST or None, request.FILES or None, accounts=accounts,
                           refused_upload=upload_refusal(request))
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_start(actor=request.user, account=form.cleaned_data["account"],
                                   path_or_upload=form.cleaned_data["export_file"],
                                   format=form.cleaned_data["format"] or None)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Import of {job.source_name} started. This page follows its progress.")
            return redirect("archive-import", agency.slug, job.pk)
    return render(request, "archive/import_form.html", {"agency": agency, "form": form, "accounts": accounts})


@require_POST
@agency_view("archive.view_records")
def import_resume(request: HttpRequest, agency, pk: int) -> HttpResponse:
    job = get_object_or_404(_jobs(request, agency), pk=pk)
    if not request.user.has_perm("archive.import_records", agency):
        raise PermissionDenied
    try:
        import_job_resume(actor=request.user, job=job)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Import #{job.pk} resumes after item {job.position}.")
    return redirect("archive-import", agency.slug, job.pk)
