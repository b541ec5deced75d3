from __future__ import annotations

from django import forms

from socialgov.accounts.access.workflows import AccessState
from socialgov.agencies.models import Department


class AccessRequestForm(forms.Form):
    platforms = forms.CharField(max_length=300, label="Which social media sites or services",
                                help_text="For example: LinkedIn, YouTube.")
    purpose = forms.CharField(label="What for", widget=forms.Textarea(attrs={"rows": 4}),
                              help_text="Use must be work-related: say how it serves your work (DCFS-07).")
    working_hours = forms.BooleanField(required=False, label="I will use them during working hours")
    department_equipment = forms.BooleanField(required=False, label="I will use them on department equipment")


class DecisionForm(forms.Form):
    note = forms.CharField(required=False, label="Note", widget=forms.Textarea(attrs={"rows": 2}))


class DeclineForm(forms.Form):
    note = forms.CharField(label="Why the request is declined", widget=forms.Textarea(attrs={"rows": 2}))


class RevokeForm(forms.Form):
    reason = forms.CharField(label="Why access is revoked", widget=forms.Textarea(attrs={"rows": 2}))


class GrantFilterForm(forms.Form):
    department = forms.ModelChoiceField(queryset=Department.objects.none(), required=False, label="Department",
                                        empty_label="All")
    state = forms.ChoiceField(required=False, label="Status", choices=[("", "All"), *AccessState.choices])

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(agency=agency)
