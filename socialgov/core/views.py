from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from socialgov.agencies.selectors import agencies_visible_to, person_of
from socialgov.core import dashboard, selectors, services
from socialgov.core.audit import verify_chain
from socialgov.core.forms import ApiTokenForm, AuditFilterForm
from socialgov.core.forms_util import add_service_errors


@login_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    return render(request, "core/dashboard.html", {
        "person": person,
        "roles": person.memberships.current().select_related("department") if person else [],
        "panels": dashboard.panels_for(request.user),
    })


@login_required
def notifications_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_of(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page_obj": page})


@require_POST
@login_required
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(selectors.notifications_of(request.user), pk=pk)
    services.notification_mark_read(user=request.user, notification=note)
    return redirect(note.url or "notifications")


@require_POST
@login_required
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=request.user)
    messages.success(request, f"Marked {count} notification(s) as read.")
    return redirect("notifications")


def _require_audit_reader(request: HttpRequest) -> None:
    if not request.user.has_perm("core.read_audit_trail"):
        raise PermissionDenied("Only auditors and agency administrators can read the audit trail.")


@login_required
def audit_view(request: HttpRequest) -> HttpResponse:
    _require_audit_reader(request)
    agencies = agencies_visible_to(request.user) if request.user.is_superuser else None
    form = AuditFilterForm(request.GET or None, agencies=agencies)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    events = selectors.audit_events_filtered(request.user, data)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit.html", {"form": form, "page_obj": page})


@require_POST
@login_required
def audit_verify(request: HttpRequest) -> HttpResponse:
    _require_audit_reader(request)
    report = verify_chain()
    return render(request, "core/audit_verify.html", {"report": report})


@login_required
def api_tokens_view(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, created = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            form = ApiTokenForm()
    response = render(request, "core/api_tokens.html", {
        "form": form, "created": created, "tokens": selectors.api_tokens_of(request.user)})
    response["Cache-Control"] = "no-store"  # the page may hold a new token
    return response


@require_POST
@login_required
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(selectors.api_tokens_of(request.user), pk=pk)
    services.api_token_revoke(user=request.user, token=token)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("api-tokens")


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for a load balancer: answers when the app and its database are up."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
