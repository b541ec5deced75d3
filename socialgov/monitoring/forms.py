"""Forms for monitoring: a check, coverage, the report's period, advertising incidents."""

from __future__ import annotations

from datetime import timedelta

from django import forms

from socialgov.monitoring import selectors
from socialgov.monitoring.workflows import CoverageKind, FollowUpAction

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CheckForm(forms.Form):
    note = forms.CharField(required=False, max_length=500, label="Note (optional)")


class CoverageForm(forms.Form):
    person = forms.ModelChoiceField(queryset=None, label="Who covers", required=True,
                                    error_messages={"required": "Choose the person who covers."})
    account = forms.ModelChoiceField(queryset=None, required=False, label="Account",
                                     empty_label="All of the agency's accounts")
    starts_on = forms.DateField(label="First day", widget=DATE,
                                error_messages={"required": "Give the first day of the coverage."})
    ends_on = forms.DateField(label="Last day", widget=DATE,
                              error_messages={"required": "Give the last day of the coverage."})
    reason = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "Say why the coverage is needed."})

    def __init__(self, *args, agency, kind: str, **kwargs):
        kwargs.setdefault("prefix", kind)
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["person"].queryset = selectors.people_for_coverage(agency)
        self.fields["account"].queryset = selectors.monitored_accounts(agency)
        if kind == CoverageKind.INTERIM:
            self.fields["person"].label = "Interim monitor"
            self.fields["reason"].help_text = "For example: the PIO is ill and cannot name a designee."
        else:
            self.fields["person"].label = "Designee"
            self.fields["reason"].help_text = "For example: vacation, leave."

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The last day must be on or after the first day.")
        return data


class PeriodForm(forms.Form):
    start = forms.DateField(label="From", widget=DATE)
    end = forms.DateField(label="To", widget=DATE)

    MAX_DAYS = 366

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "“To” must be on or after “From”.")
            elif (end - start) > timedelta(days=self.MAX_DAYS):
                self.add_error("end", f"Choose a period of at most {self.MAX_DAYS} days.")
        return data


class IncidentForm(forms.Form):
    account = forms.ModelChoiceField(queryset=None, label="Account",
                                     error_messages={"required": "Choose the account the advertisement appeared on."})
    seen_at = forms.DateTimeField(label="Seen at", widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"],
                                  error_messages={"required": "Say when the advertisement was seen.",
                                                  "invalid": "Enter the date and time it was seen."})
    where = forms.CharField(max_length=500, label="Where it appeared",
                            help_text="The page's address, or where on the page.",
                            error_messages={"required": "Say where the advertisement appeared."})
    ad_description = forms.CharField(label="The advertisement", widget=forms.Textarea(attrs={"rows": 4}),
                                     help_text="What it showed and why it is inappropriate next to agency content.",
                                     error_messages={"required": "Describe the advertisement."})
    screenshot = forms.FileField(required=False, label="Screenshot (optional)",
                                 help_text="A PNG, JPEG, GIF or WebP image, up to 5 MB.",
                                 widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/gif,"
                                                                                  "image/webp"}))

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = selectors.monitored_accounts(agency)


class FollowUpForm(forms.Form):
    action = forms.ChoiceField(choices=FollowUpAction.choices, label="What happened",
                               error_messages={"required": "Choose what happened."})
    at = forms.DateTimeField(required=False, label="When (leave empty for now)", widget=DATETIME,
                             input_formats=["%Y-%m-%dT%H:%M"])
    how = forms.CharField(required=False, max_length=200, label="How the provider was contacted",
                          help_text="Needed when reporting to the provider, e.g. the platform's ad report form.")
    reference = forms.CharField(required=False, max_length=200, label="Provider's reference (optional)")
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Details",
                           help_text="The provider's response, the outcome, or a note.")

    def __init__(self, *args, actions: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = actions
