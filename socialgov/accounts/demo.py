"""Demo data: for each agency, official accounts on each platform with acknowledged administrators,
and requests in each state of the lifecycle up to suspension — all made through the services, by
the people the agency's pack names, so the audit trail reads like real use. Idempotent: an account
whose name already exists in the agency is left alone.

Decommissioning comes with the records archive (NJ-19 needs a final capture first), so the demo
has no decommissioning or decommissioned account yet.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from socialgov.accounts import platforms, policy, selectors, services
from socialgov.accounts.models import Account
from socialgov.agencies.models import Agency, Department
from socialgov.agencies.selectors import users_with_role

# (platform, department slug, name suffix, purpose, communication types)
OFFICIAL = [
    ("mastodon", "communications", "News", "News releases and announcements from the agency.",
     ["announcements", "interactive"]),
    ("bluesky", "communications", "Updates", "Short updates about services, closures and events.",
     ["announcements", "events"]),
    ("facebook", "programs", "Programs and Services", "Program information, events and answers to questions.",
     ["announcements", "interactive", "events", "photos"]),
    ("instagram", "youth-services", "Youth Services", "Photos and stories from youth programs.",
     ["photos", "video_audio"]),
    ("x", "executive-office", "Executive Office", "Statements from the executive director and emergency notices.",
     ["announcements", "emergency"]),
    ("youtube", "communications", "Video", "Recorded board meetings and explainer videos.", ["video_audio"]),
]
DEFAULT_STATEMENT = (
    "This is an official account of {agency}. We welcome your comments on the topics we post about. "
    "We may remove comments that are obscene, threatening, harassing or discriminatory, that reveal personal "
    "or confidential information, that are spam or clearly off topic, that promote products, services or "
    "political organizations, or that infringe copyrights or trademarks. Removed comments are kept as "
    "public records.")


def build(*, agency: Agency, pack, prefix: str) -> None:
    with transaction.atomic():
        for platform, dept, suffix, purpose, kinds in OFFICIAL:
            _official(agency, prefix, platform, dept, suffix, purpose, kinds)
        _requests(agency, prefix)


def _exists(agency: Agency, name: str) -> bool:
    return Account.objects.filter(agency=agency, name=name).exists()


def _first(agency: Agency, roles: list[str], department: Department | None = None):
    """The first sign-in holding one of ``roles`` (None: the system acts, as when no one holds them)."""
    for role in roles:
        user = users_with_role(agency, role, department).order_by("pk").first()
        if user is not None:
            return user
    return None


def _requester(agency: Agency):
    roles = policy.requested_by(selectors.pack_of(agency)) or ["employee"]
    return _first(agency, roles)


def _answers(agency: Agency, platform: str, dept: str, purpose: str, kinds: list[str]) -> dict:
    department = Department.objects.get(agency=agency, slug=dept)
    administrator = users_with_role(agency, "account_administrator").order_by("pk").first()
    return {
        "department": department, "platform": platform, "purpose": purpose, "communication_types": kinds,
        "justification": f"Reaches the public where they already are, in support of the mission of "
                         f"{department.name}.",
        "terms_of_service_url": platforms.get(platform).terms_url,
        "proposed_administrators": [administrator.person] if administrator else [],
    }


def _request(agency: Agency, name: str, platform: str, dept: str, purpose: str, kinds: list[str],
             existing_use: bool = False) -> Account:
    return services.account_request_create(
        actor=_requester(agency), agency=agency, name=name, existing_use=existing_use,
        **_answers(agency, platform, dept, purpose, kinds))


def _submit(account: Account) -> Account:
    return services.account_request_submit(actor=account.requested_by, account=account)


def _reviewer(account: Account):
    step = selectors.current_step(account)
    return selectors.step_reviewers(account, step).exclude(pk=account.requested_by_id).order_by("pk").first()


def _approve_all(account: Account) -> Account:
    account.refresh_from_db()
    while account.status in ("submitted", "under_review"):
        reviewer = _reviewer(account)
        if account.status == "submitted":
            services.review_begin(actor=reviewer, account=account)
        services.review_step_approve(actor=reviewer, account=account, comment="Aligned with the mission.")
        account.refresh_from_db()
    return account


def _handle(prefix: str, platform: str, suffix: str) -> str:
    word = "".join(ch for ch in suffix.title() if ch.isalnum())
    return {
        "mastodon": f"https://mastodon.social/@{prefix}{word}",
        "bluesky": f"https://bsky.app/profile/{prefix}-{word.lower()}.bsky.social",
        "facebook": f"https://www.facebook.com/{prefix.upper()}{word}",
        "instagram": f"https://www.instagram.com/{prefix}{word.lower()}",
        "x": f"https://x.com/{prefix.upper()}{word}",
        "youtube": f"https://www.youtube.com/@{prefix.upper()}{word}",
    }[platform]


def _activate(account: Account, prefix: str, suffix: str) -> Account:
    data = selectors.pack_of(account.agency)
    activator = _first(account.agency, policy.activation_roles(data), account.department)
    return services.account_activate(
        actor=activator, account=account, url=_handle(prefix, account.platform, suffix),
        platform_category=account.platform_category, official_branded=True, branding_logo=True,
        branding_look_and_feel=True, terms_url=account.terms_of_service_url, terms_version="2025-01",
        terms_reviewed_on=date(2025, 1, 15),
        moderation_statement=policy.text(data, "moderation_statement") or DEFAULT_STATEMENT.format(
            agency=account.agency.name),
        comment_notice=policy.text(data, "comment_notice"))


def _administer(account: Account) -> None:
    """NJ-09: the designator names the proposed administrator, who acknowledges."""
    designator = _first(account.agency, policy.administrator_designators(selectors.pack_of(account.agency)))
    for person in account.proposed_administrators.all():
        designation = services.administrator_designate(actor=designator, account=account, person=person)
        services.administrator_acknowledge(actor=person.user, designation=designation)


def _official(agency: Agency, prefix: str, platform: str, dept: str, suffix: str, purpose: str,
              kinds: list[str]) -> None:
    name = f"{suffix} on {platforms.get(platform).name.split(' (')[0]}"
    if _exists(agency, name):
        return
    account = _activate(_approve_all(_submit(_request(agency, name, platform, dept, purpose, kinds))), prefix,
                        suffix)
    _administer(account)


def _requests(agency: Agency, prefix: str) -> None:
    """One request in each state before and after activation, so every screen has something to show."""
    def make(name: str, platform: str = "youtube", **kwargs) -> Account | None:
        if _exists(agency, name):
            return None
        return _request(agency, name, platform, "youth-services", "Videos for families about youth programs.",
                        ["video_audio", "announcements"], **kwargs)

    make("Parent Tips (draft)")
    if (account := make("Family Resources (submitted)", "facebook")) is not None:
        _submit(account)
    if (account := make("Foster Care Recruitment (under review)", "instagram")) is not None:
        services.review_begin(actor=_reviewer(_submit(account)), account=account)
    if (account := make("Teen Council (approved)", "bluesky")) is not None:
        _approve_all(_submit(account))
    if (account := make("Staff Social Club (rejected)", "x")) is not None:
        _submit(account)
        services.review_begin(actor=_reviewer(account), account=account)
        services.review_step_reject(actor=_reviewer(account), account=account,
                                    reason="A social club is not an official agency communication.")
    if (account := make("Summer Programs (suspended)", "mastodon")) is not None:
        account = _activate(_approve_all(_submit(account)), prefix, "Summer")
        _administer(account)
        services.account_suspend(actor=_first(agency, ["agency_head"]), account=account,
                                 reason="Paused until the summer season; credentials are being rotated.")
    _terms_change(agency)
    if (account := make("Community Forum (in use before the policy)", "facebook", existing_use=True)) is not None:
        _submit(account)  # LAC-08: in use already, so its compliance deadline runs while it is reviewed


def _terms_change(agency: Agency) -> None:
    """KY-04: one platform changed its terms, so a review waits for the person with the final say."""
    account = Account.objects.filter(agency=agency, platform="youtube", status="activated").first()
    if account is None or account.terms.filter(version="2026-01").exists():
        return
    recorder = account.administrators.filter(acknowledged_at__isnull=False).first()
    services.terms_record(actor=recorder.person.user if recorder else None, account=account,
                          url=account.terms_of_service_url, version="2026-01", reviewed_on=date(2026, 1, 20),
                          note="The platform updated its terms of service.")
