from __future__ import annotations

from django import forms

from socialgov.agencies.models import Department, Person
from socialgov.agencies.roles import DesignationKind, EmploymentType, Role


class DepartmentForm(forms.Form):
    name = forms.CharField(max_length=200, label="Department name")
    parent = forms.ModelChoiceField(queryset=Department.objects.none(), required=False,
                                    label="Part of", empty_label="— top level —")

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Department.objects.filter(agency=agency)


class PersonForm(forms.Form):
    full_name = forms.CharField(max_length=200, label="Full name")
    email = forms.EmailField(label="Work e-mail")
    title = forms.CharField(max_length=200, required=False, label="Job title")
    employment_type = forms.ChoiceField(choices=EmploymentType.choices, label="Employment type",
                                        help_text="The policy applies to employees, contractors, consultants, "
                                                  "temporaries and volunteers alike.")
    department = forms.ModelChoiceField(queryset=Department.objects.none(), required=False,
                                        label="Home department", empty_label="— none —")
    supervisor = forms.ModelChoiceField(queryset=Person.objects.none(), required=False,
                                        label="Supervisor", empty_label="— none —")

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(agency=agency)
        self.fields["supervisor"].queryset = Person.objects.filter(agency=agency, active=True)


class NewPersonForm(PersonForm):
    username = forms.CharField(max_length=150, required=False, label="Sign-in name",
                               help_text="Leave empty for someone who does not sign in to socialgov.")
    password = forms.CharField(required=False, label="Initial password", strip=False,
                               widget=forms.PasswordInput(render_value=False),
                               help_text="At least 12 characters; not a common password.")

    def clean(self):
        data = super().clean()
        if data.get("password") and not data.get("username"):
            self.add_error("username", "Give a sign-in name to go with the password.")
        return data


class MembershipForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, label="Role")
    department = forms.ModelChoiceField(queryset=Department.objects.none(), required=False,
                                        label="In department", empty_label="— agency-wide —")

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(agency=agency)


class DesignationForm(forms.Form):
    kind = forms.ChoiceField(choices=DesignationKind.choices, label="Designation")
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label="Person")
    reason = forms.CharField(max_length=500, required=False, label="Note", help_text="Optional: why this person.")

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(agency=agency, active=True)


class DeactivateForm(forms.Form):
    reason = forms.CharField(max_length=500, label="Reason", help_text="For example: left the agency on 2026-11-20.")


class SetPasswordForm(forms.Form):
    password = forms.CharField(label="New password", strip=False, widget=forms.PasswordInput(render_value=False),
                               help_text="At least 12 characters; not a common password. Tell the person "
                                         "privately and ask them to change it after signing in.")


class AgencyForm(forms.Form):
    name = forms.CharField(max_length=200, label="Agency name")
    short_name = forms.CharField(max_length=40, required=False, label="Short name")
    website = forms.URLField(required=False, label="Website", assume_scheme="https")
