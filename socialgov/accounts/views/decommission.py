"""NJ-19: the decommissioning page of an account, its direction and each later step."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from socialgov.accounts import selectors
from socialgov.accounts.models import Account
from socialgov.accounts.services import decommission as service
from socialgov.accounts.views._common import load_account, run
from socialgov.accounts.workflows import DecommissionStage
from socialgov.agencies.selectors import ROLE_LABELS
from socialgov.agencies.views import agency_view

D = DecommissionStage
NOTE = forms.Textarea(attrs={"rows": 3})


class DirectForm(forms.Form):
    reason = forms.CharField(required=False, widget=NOTE, label="Why is the account no longer needed?")


class StepForm(forms.Form):
    note = forms.CharField(required=False, widget=NOTE, label="Note",
                           help_text="What was done, and where the proof is.")


class CaptureForm(StepForm):
    accept_skipped = forms.BooleanField(
        required=False, label="As records officer, I accept each skipped reason listed above")
    acceptance_note = forms.CharField(required=False, widget=NOTE, label="Why the skipped items may be left out")


class DeactivationForm(StepForm):
    note = forms.CharField(required=False, widget=NOTE, label="How the account was deactivated and access blocked",
                           help_text="For example: the password was changed and the sessions ended, then the "
                                     "account was deactivated on the platform.")


class ContentForm(StepForm):
    outcome = forms.ChoiceField(required=False, widget=forms.RadioSelect, label="The content on the platform was",
                                choices=list(service.CONTENT_OUTCOMES.items()))


STEPS = {  # the URL's step -> (form, service, what the person is told)
    D.COPY_CONTENT: (CaptureForm, service.decommission_capture_confirm,
                     "The final capture is confirmed. The account may now be deactivated."),
    D.DEACTIVATION: (DeactivationForm, service.decommission_deactivate,
                     "Deactivation recorded. Next: confirm the content was deleted or flagged for deletion."),
    D.CONTENT_REMOVAL: (ContentForm, service.decommission_content_removed,
                        "Recorded. Next: send the CTO/CIO the final list of log-in credentials."),
    D.CREDENTIALS_REPORT: (StepForm, service.decommission_credentials_report,
                           "The final list of log-in credentials was sent. Next: the registry update."),
    D.REGISTRY_UPDATE: (StepForm, service.decommission_registry_update,
                        "The account is decommissioned and shown as such in the registries."),
}


def _plan(agency) -> list[dict]:
    return [{"title": D(p.name).label, "purpose": p.purpose, "who": ROLE_LABELS.get(p.role, p.role), "cite": p.cite}
            for p in service.decommission_plan(selectors.pack_of(agency))]


def page_context(request: HttpRequest, agency, account: Account, **forms_) -> dict:
    decommission = account.decommissions.first()
    context = {"agency": agency, "account": account, "decommission": decommission,
               "can_direct": request.user.has_perm("accounts.decommission_direct", account)
               and account.status in service.DIRECTABLE,
               "direct_form": forms_.get("direct_form") or DirectForm(),
               "posted_form": forms_.get("step_form"),
               "plan": _plan(agency) if decommission is None else []}
    if decommission is not None:
        context |= decommission.progress_view
        current = context["current"]
        if current is not None and request.user.has_perm("accounts.decommission_step", current.step):
            form_class = STEPS[current.step.name][0]
            posted = forms_.get("step_form")
            context["step_form"] = posted if posted is not None and forms_.get("step") == current.step.name \
                else form_class()
        if current is not None and current.step.name == D.COPY_CONTENT:
            context["capture_job"], context["capture_problem"], context["skipped"] = service.final_capture(
                decommission)
    return context


@agency_view("accounts.view_registry")
def decommission_page(request: HttpRequest, agency, pk: int) -> HttpResponse:
    account = load_account(request, agency, pk)
    return render(request, "accounts/decommission.html", page_context(request, agency, account))


@require_POST
@agency_view("accounts.view_registry")
def decommission_direct(request: HttpRequest, agency, pk: int) -> HttpResponse:
    account = load_account(request, agency, pk, "accounts.decommission_direct")
    form = DirectForm(request.POST)
    if run(request, form, lambda data: service.decommission_direct(actor=request.user, account=account, **data),
           "Decommissioning directed. The people the policy names have been told; the archive's final capture "
           "comes first."):
        return redirect("accounts-decommission", agency.slug, account.pk)
    account.refresh_from_db()
    return render(request, "accounts/decommission.html", page_context(request, agency, account, direct_form=form))


@require_POST
@agency_view("accounts.view_registry")
def decommission_step(request: HttpRequest, agency, pk: int, step: str) -> HttpResponse:
    account = load_account(request, agency, pk)
    decommission = account.decommissions.first()
    if decommission is None or step not in STEPS:
        raise Http404("This account has no such decommissioning step.")
    row = decommission.steps.get(name=step)
    if not request.user.has_perm("accounts.decommission_step", row):
        raise PermissionDenied
    form_class, call, success = STEPS[step]
    form = form_class(request.POST)
    if run(request, form, lambda data: call(actor=request.user, account=account, **data), success):
        return redirect("accounts-decommission", agency.slug, account.pk)
    account.refresh_from_db()
    return render(request, "accounts/decommission.html", page_context(request, agency, account, step_form=form,
                                                                        step=step))
