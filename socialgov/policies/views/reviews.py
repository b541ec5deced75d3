"""Policy reviews (KY-13): the history, the status, and recording a review."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from socialgov.agencies.views import agency_view
from socialgov.policies import parameters, selectors, services
from socialgov.policies.forms import ReviewForm
from socialgov.policies.views._helpers import posted, require_perm, run_service


@agency_view("policies.view_reviews")
def reviews(request: HttpRequest, agency) -> HttpResponse:
    can_record = request.user.has_perm("policies.record_review", agency)
    form = ReviewForm(posted(request), initial={"reviewed_on": timezone.localdate()})
    if request.method == "POST":
        require_perm(request, "policies.record_review", agency)
        if run_service(request, form, lambda data: services.policy_review_record(
                actor=request.user, agency=agency, **data), "The review is recorded."):
            return redirect("policies-reviews", agency.slug)
    pack = selectors.pack_data(agency)
    return render(request, "policies/reviews.html", {
        "agency": agency, "status": selectors.review_status(agency), "reviews": selectors.policy_reviews(agency),
        "form": form, "can_record": can_record,
        "who": [parameters.role_label(pack, r) for r in parameters.review_roles(pack)]})
