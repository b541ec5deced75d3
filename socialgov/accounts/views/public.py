"""NJ-08, NJ-10, LCCS-10: the public registry (no sign-in): the list of official accounts, its
JSON feed, each account's comment policy page, and the lookup that answers "is this official?"."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from socialgov.accounts import platforms, policy, selectors
from socialgov.accounts.forms import LookupForm
from socialgov.accounts.models import Account, AccountTextKind
from socialgov.agencies.models import Agency


def _agency(slug: str) -> Agency:
    return get_object_or_404(Agency, slug=slug)


def _policy_url(request: HttpRequest, account: Account) -> str:
    return request.build_absolute_uri(reverse("accounts-public-account", args=[account.agency.slug, account.pk]))


def feed_entry(request: HttpRequest, account: Account, categories: dict[str, str]) -> dict:
    return {
        "name": account.name, "platform": account.platform, "platform_name": platforms.get(account.platform).name,
        "type_of_social_media": categories.get(account.platform_category, account.platform_category),
        "handle": account.handle, "url": account.url, "department": account.department.name,
        "purpose": account.purpose, "active_since": timezone.localdate(account.activated_at).isoformat(),
        "comment_policy_url": _policy_url(request, account),
    }


@require_GET
def public_registry(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency(slug)
    categories = policy.categories(selectors.pack_of(agency))
    return render(request, "accounts/public_registry.html", {
        "agency": agency, "accounts": selectors.public_registry(agency), "categories": categories,
        "form": LookupForm(), "decommissioned": selectors.public_decommissioned(agency)})


@require_GET
def public_feed(request: HttpRequest, slug: str) -> JsonResponse:
    agency = _agency(slug)
    categories = policy.categories(selectors.pack_of(agency))
    response = JsonResponse({
        "agency": agency.name,
        "registry": request.build_absolute_uri(reverse("accounts-public-registry", args=[agency.slug])),
        "accounts": [feed_entry(request, a, categories) for a in selectors.public_registry(agency)],
    })
    response["Access-Control-Allow-Origin"] = "*"  # public data, meant to be checked from anywhere
    return response


@require_GET
def public_account(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    agency = _agency(slug)
    account = selectors.public_account(agency, pk)
    if account is None:
        raise Http404("No official account with this number is in the registry.")
    return render(request, "accounts/public_account.html", {
        "agency": agency, "account": account, "platform": platforms.get(account.platform),
        "statement": selectors.current_text(account, AccountTextKind.MODERATION_STATEMENT),
        "notice": selectors.current_text(account, AccountTextKind.COMMENT_NOTICE)})


def _answer(agency: Agency, form: LookupForm):
    if not form.is_valid():
        return None
    try:
        return selectors.lookup(agency, form.cleaned_data["q"], form.cleaned_data["platform"])
    except platforms.NotRecognised as exc:
        form.add_error("q", str(exc))
        return None


@require_GET
def public_lookup(request: HttpRequest, slug: str) -> HttpResponse:
    agency = _agency(slug)
    form = LookupForm(request.GET or None)
    return render(request, "accounts/public_lookup.html", {
        "agency": agency, "form": form, "answer": _answer(agency, form) if form.is_bound else None})


@require_GET
def public_lookup_json(request: HttpRequest, slug: str) -> JsonResponse:
    agency = _agency(slug)
    form = LookupForm(request.GET)
    answer = _answer(agency, form)
    if answer is None:
        return JsonResponse({"errors": {k: [str(e) for e in v] for k, v in form.errors.items()}}, status=400)
    body = {"query": form.cleaned_data["q"], "agency": agency.name, "verdict": answer.verdict,
            "answer": answer.text, "matched_as": [i.lookup_key for i in answer.identities]}
    if answer.account is not None:
        categories = policy.categories(selectors.pack_of(agency))
        body["account"] = (feed_entry(request, answer.account, categories) if answer.verdict == "official"
                           else {"name": answer.account.name, "url": answer.account.url})
        body["decommissioned_on"] = answer.decommissioned_on and answer.decommissioned_on.isoformat()
    response = JsonResponse(body)
    response["Access-Control-Allow-Origin"] = "*"
    return response
