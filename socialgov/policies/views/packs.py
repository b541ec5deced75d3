from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from socialgov.agencies.views import agency_view
from socialgov.policies import selectors, services
from socialgov.policies.forms import AdoptPackForm
from socialgov.policies.packlib import PackError, diff_data, dump_yaml, load_pack


@agency_view("policies.view_pack")
def policy_view(request: HttpRequest, agency) -> HttpResponse:
    adoption = selectors.pack_in_force(agency)
    return render(request, "policies/policy.html", {
        "agency": agency, "adoption": adoption,
        "yaml": dump_yaml(adoption.data) if adoption else "",
        "history": selectors.pack_history(agency),
        "can_adopt": request.user.has_perm("policies.adopt_pack", agency),
        "review": selectors.review_status(agency),
        "can_review": request.user.has_perm("policies.record_review", agency),
    })


@agency_view("policies.view_pack")
def policy_adopt(request: HttpRequest, agency) -> HttpResponse:
    if not request.user.has_perm("policies.adopt_pack", agency):
        raise PermissionDenied
    form = AdoptPackForm(request.POST or request.GET or None)
    current = selectors.pack_in_force(agency)
    changes, pack, error = None, None, None
    if form.is_bound and form.is_valid():
        try:
            pack = load_pack(form.cleaned_data["pack"])
        except PackError as exc:
            error = str(exc)
        else:
            changes = diff_data(current.data, pack.data) if current else None
            if request.method == "POST" and form.cleaned_data["confirm"]:
                services.pack_adopt(actor=request.user, agency=agency, pack=pack)
                messages.success(request, f"{pack.title} (version {pack.version}) is now in force.")
                return redirect("policy", agency.slug)
            if request.method == "POST":
                form.add_error("confirm", "Tick the box to confirm you reviewed the differences.")
    return render(request, "policies/adopt.html", {
        "agency": agency, "form": form, "current": current, "pack": pack, "changes": changes, "error": error})
