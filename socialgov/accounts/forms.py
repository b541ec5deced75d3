"""Forms for account requests, reviews, activation, administrators, terms and texts.

Forms check types only; what a complete request or a valid activation is, the services decide
(and their messages are shown on these forms field by field)."""

from __future__ import annotations

from django import forms

from socialgov.accounts import platforms, policy
from socialgov.accounts.models import AccountTextKind
from socialgov.accounts.workflows import AccountStatus
from socialgov.agencies.models import Agency, Department, Person

TEXTAREA = {"rows": 5}


def _people(agency: Agency):
    return Person.objects.filter(agency=agency, active=True).order_by("full_name")


class RequestForm(forms.Form):
    """NJ-05: the request; labels and help come from the pack's ``request_fields``."""

    name = forms.CharField(max_length=200, label="Name of the site/service",
                           help_text="How the agency will refer to it, for example “Youth Services on Instagram”.")
    department = forms.ModelChoiceField(queryset=Department.objects.none(), label="Sponsoring department")
    platform = forms.ChoiceField(choices=platforms.choices(), label="Platform")
    platform_category = forms.ChoiceField(required=False)
    purpose = forms.CharField(required=False, widget=forms.Textarea(attrs=TEXTAREA))
    communication_types = forms.MultipleChoiceField(
        required=False, choices=policy.COMMUNICATION_TYPES, widget=forms.CheckboxSelectMultiple,
        label="Types of communications")
    justification = forms.CharField(required=False, widget=forms.Textarea(attrs=TEXTAREA))
    terms_of_service_url = forms.URLField(required=False, max_length=500, assume_scheme="https")
    proposed_administrators = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(), required=False, widget=forms.SelectMultiple(attrs={"size": 6}))
    existing_use = forms.BooleanField(
        required=False, label="This site/service was already in use before the policy took effect")

    def __init__(self, *args, agency: Agency, pack: dict | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(agency=agency).order_by("name")
        self.fields["proposed_administrators"].queryset = _people(agency)
        self.fields["platform_category"].choices = [("", "Choose a type"), *policy.categories(pack).items()]
        self.specs = policy.request_fields(pack)
        for spec in self.specs:
            self._apply_spec(spec)
        deadline = policy.existing_use_deadline(pack)
        self.fields["existing_use"].help_text = (
            f"Existing accounts must comply with the policy by {deadline:%Y-%m-%d}." if deadline else
            "The policy sets no later deadline for existing accounts: they must comply at once.")

    def _apply_spec(self, spec: dict) -> None:
        name = {"platform_type": "platform_category"}.get(spec["key"], spec["key"])
        if spec["key"] == "agency":
            return
        if spec["key"] not in policy.KNOWN_FIELDS:
            name = f"extra_{spec['key']}"
            widget = forms.Textarea(attrs=TEXTAREA) if spec.get("type") == "long_text" else None
            self.fields[name] = forms.CharField(required=False, widget=widget)
        field = self.fields[name]
        field.label = spec.get("label", field.label)
        hint = spec.get("help", "")
        field.help_text = ("Required to submit. " if spec.get("required") else "") + hint
        if spec["key"] == "purpose" and spec.get("required"):
            self.fields["communication_types"].help_text = "Required to submit. Choose every type that applies."

    @property
    def extra_field_names(self) -> list[str]:
        return [name for name in self.fields if name.startswith("extra_")]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["extra"] = {name.removeprefix("extra_"): data.pop(name) for name in self.extra_field_names}
        return data


class ReviewDecisionForm(forms.Form):
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Comment (optional)")


class RejectForm(forms.Form):
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Reason for rejecting",
                             help_text="The requester and the people the policy names will read it.")


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=500, required=False, label="Reason")


class ActivationForm(forms.Form):
    """NJ-07: activation, with KY-01's confirmation, LCCS-05's checklist, KY-04's terms and the texts."""

    platform_category = forms.ChoiceField(required=False, label="Type of social media (technology category)")
    url = forms.CharField(max_length=500, required=False, label="Profile address (URL)")
    handle = forms.CharField(max_length=200, required=False, label="Handle")
    official_branded = forms.BooleanField(
        required=False, label="This is an official agency-branded account, not anyone's personal account")
    branding_logo = forms.BooleanField(required=False, label="It uses the agency's logo")
    branding_look_and_feel = forms.BooleanField(
        required=False, label="It has the agency's consistent look and feel (name, description, banner, colors)")
    terms_url = forms.URLField(max_length=500, required=False, label="Terms of service address",
                               assume_scheme="https")
    terms_version = forms.CharField(max_length=100, required=False, label="Terms of service version or date")
    terms_reviewed_on = forms.DateField(required=False, label="Terms of service reviewed on",
                                        widget=forms.DateInput(attrs={"type": "date"}))
    moderation_statement = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 10}),
                                           label="Moderation statement")
    comment_notice = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 8}),
                                     label="Notice posted before the comments section")

    def __init__(self, *args, account, pack: dict | None, **kwargs):
        super().__init__(*args, **kwargs)
        platform = platforms.get(account.platform)
        self.fields["platform_category"].choices = [("", "Choose a category"), *policy.categories(pack).items()]
        self.fields["platform_category"].initial = account.platform_category
        self.fields["url"].help_text = f"For example {platform.url_example}" if platform.url_example else ""
        self.fields["handle"].help_text = (f"For example {platform.handle_example}. Must be the same account."
                                           if platform.handle_example else "")
        self.fields["terms_url"].initial = account.terms_of_service_url
        self.fields["moderation_statement"].initial = policy.text(pack, "moderation_statement")
        self.fields["comment_notice"].initial = policy.text(pack, "comment_notice")
        self.fields["moderation_statement"].help_text = "Posted where the public can comment."
        self.fields["comment_notice"].help_text = (
            "Posted prominently before every comments section." if policy.text(pack, "comment_notice") else
            "Optional: your policy has no comment notice.")


class DesignateForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label="Administrator to designate")

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people(agency)


class TermsForm(forms.Form):
    url = forms.URLField(max_length=500, required=False, label="Terms of service address", assume_scheme="https")
    version = forms.CharField(max_length=100, required=False, label="Version or date of the terms")
    reviewed_on = forms.DateField(required=False, label="Reviewed on", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label="What changed (optional)")


class TermsReviewForm(forms.Form):
    outcome = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}), label="What the review found",
                              help_text="Can the account keep using the platform under the new terms?")


class TextForm(forms.Form):
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 12}), label="Text")


class RegistryFilterForm(forms.Form):
    department = forms.ModelChoiceField(queryset=Department.objects.none(), required=False,
                                        empty_label="All departments")
    platform = forms.ChoiceField(required=False, choices=[("", "All platforms"), *platforms.choices()])
    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *AccountStatus.choices])

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(agency=agency).order_by("name")


class LookupForm(forms.Form):
    q = forms.CharField(max_length=500, label="Account address or handle",
                        help_text="For example https://x.com/AgencyName, @AgencyName or name@mastodon.social")
    platform = forms.ChoiceField(required=False, label="Platform (if you know it)",
                                 choices=[("", "Any platform"), *platforms.choices()])


TEXT_KINDS = dict(AccountTextKind.choices)


class AcknowledgeForm(forms.Form):
    confirm = forms.BooleanField(
        label="I have read these responsibilities and accept them as an administrator of this account",
        error_messages={"required": "Tick the box to acknowledge the designation and its responsibilities."})
