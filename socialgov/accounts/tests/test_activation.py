"""NJ-07 activation by the IT/web liaison, with KY-01's official branding, LCCS-05's branding
checklist, KY-04's terms of service and the texts of NJ-10 and LCCS-10; later changes of terms
and texts."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from socialgov.accounts import services
from socialgov.accounts.models import AccountText, TermsReview
from socialgov.accounts.tests.conftest import activation, active, approved, recipients
from socialgov.accounts.workflows import AccountStatus as S
from socialgov.policies.packlib import load_pack


def activate(world, account, persona="account_administrator", **overrides):
    return services.account_activate(actor=world.user(persona), account=account, **activation(**overrides))


@pytest.mark.requirement("NJ-07")
def test_liaison_activates_and_confirms_to_web_team_cio_and_communications_director(world, nj):
    account = activate(world, approved(world))
    assert account.status == S.ACTIVATED and account.activated_by == world.user("account_administrator")
    assert recipients("accounts.account_activated") == {"t-web-content-team", "t-cio", "t-communications-director"}


@pytest.mark.requirement("NJ-07")
@pytest.mark.parametrize("persona", ["communications_director", "cio", "agency_head", "pio", "web_content_team"])
def test_only_the_liaison_named_by_the_pack_activates(world, nj, persona):
    with pytest.raises(PermissionDenied):
        activate(world, approved(world), persona)


@pytest.mark.requirement("NJ-07")
def test_an_unapproved_request_cannot_be_activated(world, nj):
    from socialgov.accounts.tests.conftest import submitted

    with pytest.raises(ValidationError, match="cannot become active"):
        activate(world, submitted(world))


@pytest.mark.requirement("KY-01")
def test_personal_account_is_never_registered_as_official(world, nj):
    account = approved(world)
    with pytest.raises(ValidationError) as refused:
        activate(world, account, official_branded=False)
    assert refused.value.message_dict["official_branded"] == [
        "Confirm this is an official, agency-branded account: personal accounts are never registered as official."]
    account.refresh_from_db()
    assert account.status == S.APPROVED and not account.url


@pytest.mark.requirement("LCCS-05")
@pytest.mark.parametrize("unchecked", ["branding_logo", "branding_look_and_feel"])
def test_branding_checklist_must_be_verified_before_activation(world, nj, unchecked):
    account = approved(world)
    with pytest.raises(ValidationError) as refused:
        activate(world, account, **{unchecked: False})
    assert set(refused.value.message_dict) == {unchecked}
    account.refresh_from_db()
    assert account.status == S.APPROVED


@pytest.mark.requirement("LCCS-05")
def test_who_verified_the_branding_and_when_is_recorded(world, nj):
    with time_machine.travel("2026-03-02 10:00Z", tick=False):
        account = activate(world, approved(world))
    assert account.branding_verified_by == world.user("account_administrator")
    assert account.branding_verified_at.date() == date(2026, 3, 2)


@pytest.mark.requirement("KY-04")
def test_activation_records_the_terms_of_service_the_account_is_bound_by(world, nj):
    account = activate(world, approved(world))
    terms = account.terms.get()
    assert (terms.url, terms.version, terms.reviewed_on) == ("https://mastodon.social/terms", "2024-03",
                                                             date(2025, 1, 15))
    with pytest.raises(ValidationError) as refused:
        activate(world, approved(world, name="Other"), terms_version="", terms_reviewed_on=None,
                 url="https://mastodon.social/@other", handle="")
    assert set(refused.value.message_dict) == {"terms_version", "terms_reviewed_on"}


@pytest.mark.requirement("KY-04")
def test_a_change_of_terms_opens_a_review_for_the_person_with_the_final_say(world, nj):
    with time_machine.travel("2026-05-01 09:00Z", tick=False):
        account = active(world)
        services.terms_record(actor=world.user("account_administrator"), account=account,
                              url="https://mastodon.social/terms", version="2026-04", reviewed_on=date(2026, 4, 30),
                              note="Adds AI training clause.")
    review = TermsReview.objects.get(account=account)
    # NJ: the communications director decided the account's use (NJ-06), so reviews the new terms.
    assert (review.assigned_role, review.assigned_to, review.due_on) == (
        "communications_director", world.person("communications_director"), date(2026, 5, 31))
    assert recipients("accounts.terms.review") == {"t-communications-director"}
    assert [t.version for t in account.terms.all()] == ["2026-04", "2024-03"]  # both kept
    with pytest.raises(PermissionDenied):
        services.terms_review_complete(actor=world.user("cio"), review=review, outcome="Fine.")
    services.terms_review_complete(actor=world.user("communications_director"), review=review,
                                   outcome="Acceptable; keep using the platform.")
    review.refresh_from_db()
    assert review.completed_by == world.user("communications_director")


@pytest.mark.requirement("KY-04")
def test_recording_the_same_terms_version_again_is_refused(world, nj):
    account = active(world)
    with pytest.raises(ValidationError, match="already recorded"):
        services.terms_record(actor=world.user("account_administrator"), account=account,
                              url="https://mastodon.social/terms", version="2024-03", reviewed_on=date(2025, 2, 1))


@pytest.mark.requirement("LCCS-10")
@pytest.mark.requirement("NJ-10")
def test_texts_start_from_the_pack_and_every_edit_is_a_new_version(world, lccs):
    from socialgov.accounts.tests.test_review import test_executive_director_has_the_final_say_on_a_new_platform

    pack = load_pack("lucas-county-cs")
    test_executive_director_has_the_final_say_on_a_new_platform(world, lccs)
    account = world.agency.accounts.get()
    services.account_activate(actor=world.user("pio"), account=account, **activation(
        moderation_statement=pack.get("texts.moderation_statement.text"),
        comment_notice=pack.get("texts.comment_notice.text")))
    notice = AccountText.objects.get(account=account, kind="comment_notice")
    assert "419-213-CARE (2273)" in notice.text and notice.source == "pack lucas-county-cs 1.0.0"
    services.account_text_update(actor=world.user("pio"), account=account, kind="comment_notice",
                                 text=notice.text + "\n\nEn español: llame al 419-213-2273.")
    versions = list(account.texts.filter(kind="comment_notice").values_list("version", "source"))
    assert versions == [(2, ""), (1, "pack lucas-county-cs 1.0.0")]


@pytest.mark.requirement("LCCS-10")
def test_comment_notice_is_required_when_the_pack_has_one(world, lccs):
    from socialgov.accounts.tests.test_review import test_executive_director_has_the_final_say_on_a_new_platform

    test_executive_director_has_the_final_say_on_a_new_platform(world, lccs)
    account = world.agency.accounts.get()
    with pytest.raises(ValidationError) as refused:
        services.account_activate(actor=world.user("pio"), account=account, **activation(comment_notice=""))
    assert set(refused.value.message_dict) == {"comment_notice"}


@pytest.mark.requirement("NJ-10")
def test_moderation_statement_is_required_at_activation(world, nj):
    with pytest.raises(ValidationError) as refused:
        activate(world, approved(world), moderation_statement=" ")
    assert set(refused.value.message_dict) == {"moderation_statement"}


def test_unchanged_text_is_not_a_new_version(world, nj):
    account = active(world)
    with pytest.raises(ValidationError, match="already in force"):
        services.account_text_update(actor=world.user("account_administrator"), account=account,
                                     kind="moderation_statement", text="We remove spam and personal attacks.")


@pytest.mark.requirement("NJ-02")
def test_account_is_classified_in_the_policys_technology_category(world, nj):
    account = activate(world, approved(world), platform_category="video_sharing")
    assert account.platform_category == "video_sharing"
    with pytest.raises(ValidationError) as refused:
        activate(world, approved(world, name="B"), platform_category="podcasts", url="https://mastodon.social/@b",
                 handle="")
    assert set(refused.value.message_dict) == {"platform_category"}


def test_handle_must_be_the_same_account_as_the_url(world, nj):
    with pytest.raises(ValidationError) as refused:
        activate(world, approved(world), handle="@someoneelse@mastodon.social")
    assert "is not the account at" in refused.value.message_dict["handle"][0]


def test_an_account_already_registered_cannot_be_registered_again(world, nj):
    active(world)
    with pytest.raises(ValidationError, match="already registered"):
        activate(world, approved(world, name="Copy"), url="https://MASTODON.social/@testcountyyouth/", handle="")


def test_suspension_needs_a_reason_and_the_access_party(world, nj):
    account = active(world)
    with pytest.raises(PermissionDenied):
        services.account_suspend(actor=world.user("pio"), account=account, reason="x")
    with pytest.raises(ValidationError):
        services.account_suspend(actor=world.user("diso"), account=account, reason="")
    services.account_suspend(actor=world.user("diso"), account=account, reason="Credentials compromised.")
    account.refresh_from_db()
    assert account.status == S.SUSPENDED
    services.account_reinstate(actor=world.user("agency_head"), account=account)
    account.refresh_from_db()
    assert account.status == S.ACTIVATED
