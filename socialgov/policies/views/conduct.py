"""Conduct: the standard disclaimer and the rules of personal use (DCFS-06, DCFS-05, DCFS-08,
LCCS-12), and the list of authorized spokespersons (DCFS-04)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from socialgov.agencies.models import Person
from socialgov.agencies.views import agency_view
from socialgov.policies import parameters, selectors, services
from socialgov.policies.forms import ReasonForm, SpokespersonForm
from socialgov.policies.views._helpers import posted, require_perm, run_service


@agency_view("policies.view_documents")
def conduct(request: HttpRequest, agency) -> HttpResponse:
    pack = selectors.pack_data(agency)
    current = selectors.current_versions(agency)
    rules = [(v.document, v) for v in sorted(current.values(), key=lambda v: v.document.title) if v.points]
    rule, cite = parameters.anti_retaliation(pack)
    return render(request, "policies/conduct.html", {
        "agency": agency, "disclaimer": parameters.disclaimer(pack), "rules": rules,
        "anti_retaliation": rule, "anti_retaliation_cite": cite, "has_pack": pack is not None})


def _authorizable(request: HttpRequest, agency):
    people = Person.objects.filter(agency=agency, active=True).select_related("department")
    return people.filter(pk__in=[p.pk for p in people if request.user.has_perm("policies.authorize_spokesperson", p)])


@agency_view("policies.view_spokespersons")
def spokespersons(request: HttpRequest, agency) -> HttpResponse:
    can_authorize = request.user.has_perm("policies.authorize_spokespersons", agency)
    form = SpokespersonForm(posted(request), people=_authorizable(request, agency) if can_authorize
                            else Person.objects.none())
    if request.method == "POST":
        require_perm(request, "policies.authorize_spokespersons", agency)
        if run_service(request, form, lambda data: services.spokesperson_authorize(actor=request.user, **data),
                       "Spokesperson authorized."):
            return redirect("policies-spokespersons", agency.slug)
    visible = selectors.spokespersons_visible_to(request.user).filter(agency=agency)
    current = list(visible.filter(revoked_at__isnull=True))
    pack = selectors.pack_data(agency)
    return render(request, "policies/spokespersons.html", {
        "agency": agency, "current": current, "revoked": visible.filter(revoked_at__isnull=False),
        "by_role": selectors.spokespersons_by_role(agency), "rule": parameters.spokesperson_rule(pack),
        "form": form, "can_authorize": can_authorize, "revoke_form": ReasonForm(),
        "revocable": {s.pk for s in current if request.user.has_perm("policies.authorize_spokesperson", s)}})


@require_POST
@agency_view("policies.view_spokespersons")
def spokesperson_revoke(request: HttpRequest, agency, pk: int) -> HttpResponse:
    grant = get_object_or_404(selectors.spokespersons_visible_to(request.user).filter(agency=agency), pk=pk)
    require_perm(request, "policies.authorize_spokesperson", grant)
    form = ReasonForm(request.POST)
    if run_service(request, form, lambda data: services.spokesperson_revoke(actor=request.user, spokesperson=grant,
                                                                            **data), "Authorization revoked."):
        return redirect("policies-spokespersons", agency.slug)
    return render(request, "policies/spokesperson_revoke.html", {"agency": agency, "grant": grant, "form": form},
                  status=400)
