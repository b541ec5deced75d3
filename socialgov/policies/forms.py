from __future__ import annotations

from django import forms

from socialgov.agencies.models import Department, Person
from socialgov.agencies.roles import EmploymentType, Role
from socialgov.policies.models import DisciplinaryOutcome, ReviewOutcome
from socialgov.policies.models.documents import DEFAULT_DUE_DAYS
from socialgov.policies.packlib import shipped_packs
from socialgov.policies.services.documents import ALLOWED_FILES
from socialgov.policies.workflows import ExceptionState


class DateInput(forms.DateInput):
    """A browser date picker; its value is always ISO (YYYY-MM-DD)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


DATE = DateInput()


class AdoptPackForm(forms.Form):
    pack = forms.ChoiceField(label="Policy pack", choices=())
    confirm = forms.BooleanField(required=False, label="I have reviewed the differences and want this pack in force")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pack"].choices = [(name, name) for name in sorted(shipped_packs())]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# --- documents -----------------------------------------------------------------------------------

class DocumentForm(forms.Form):
    title = forms.CharField(max_length=300, label="Title")
    audience_roles = forms.MultipleChoiceField(
        choices=Role.choices, label="Who must acknowledge it", widget=forms.CheckboxSelectMultiple,
        help_text="“Employee” means every staff member; choose other roles to ask only their holders.")
    audience_employment_types = forms.MultipleChoiceField(
        choices=EmploymentType.choices, required=False, label="Employment types", widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked to include every employment type (employees, contractors, consultants, "
                  "temporaries and volunteers).")
    audience_description = forms.CharField(max_length=500, required=False, label="Audience, in the policy's words")
    before_access = forms.BooleanField(required=False, label="Acknowledged before access to social media is granted")
    training = forms.BooleanField(required=False, label="Training on roles and responsibilities goes with it")
    due_days = forms.IntegerField(min_value=0, max_value=365, initial=DEFAULT_DUE_DAYS, label="Days to acknowledge",
                                  help_text="After a new version is published, or after a person joins.")


class VersionForm(forms.Form):
    label = forms.CharField(max_length=100, required=False, label="Version label",
                            help_text="Optional, for example: 2026 revision.")
    body = forms.CharField(required=False, label="Text", widget=forms.Textarea(attrs={"rows": 10}))
    points = forms.CharField(required=False, label="Rules acknowledged, one per line",
                             widget=forms.Textarea(attrs={"rows": 6}))
    change_note = forms.CharField(max_length=500, required=False, label="What changed")

    def clean_points(self) -> list[str]:
        return _lines(self.cleaned_data["points"])


class NewVersionForm(VersionForm):
    upload = forms.FileField(required=False, label="File", help_text=(
        f"Optional: the document itself ({', '.join(sorted(ALLOWED_FILES))}; at most 10 MB)."))


class AcknowledgeForm(forms.Form):
    confirm = forms.BooleanField(label="I have read and understand it, and I will comply with it")

    def __init__(self, *args, training: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if training:
            self.fields["training_completed_on"] = forms.DateField(
                label="Date you completed the training on your roles and responsibilities", widget=DATE)


class OverviewFilterForm(forms.Form):
    department = forms.ModelChoiceField(queryset=Department.objects.none(), required=False, label="Department",
                                        empty_label="All")
    state = forms.ChoiceField(required=False, label="Status", choices=[
        ("", "All"), ("overdue", "Overdue"), ("due", "Due"), ("done", "Acknowledged")])

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


# --- conduct: spokespersons and violation reports ----------------------------------------------

class SpokespersonForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label="Employee")
    scope = forms.CharField(max_length=500, label="May speak for the agency about",
                            help_text="What they may speak about, and where: for example, media enquiries about "
                                      "adoption events.")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=2000, label="Reason", widget=forms.Textarea(attrs={"rows": 3}))


class ReportForm(forms.Form):
    who = forms.CharField(max_length=300, required=False, label="Who",
                          help_text="The person or account involved, as far as you know.")
    subject = forms.ModelChoiceField(queryset=Person.objects.none(), required=False, label="Who, if they work here",
                                     empty_label="— not chosen —")
    department = forms.ModelChoiceField(queryset=Department.objects.none(), required=False,
                                        label="Department concerned", empty_label="— not known —")
    what = forms.CharField(label="What happened", widget=forms.Textarea(attrs={"rows": 5}))
    where = forms.CharField(max_length=500, label="Where", help_text="The platform, page or link.")
    occurred_on = forms.DateField(label="When", widget=DATE, help_text="The date it happened.")
    evidence = forms.CharField(required=False, label="Evidence", widget=forms.Textarea(attrs={"rows": 5}),
                               help_text="Quote the post or message, and say where a copy can be found.")
    anonymous = forms.BooleanField(required=False, label="Keep my identity from the people who handle the report",
                                   help_text="Your identity is always withheld from everyone else.")

    def __init__(self, *args, agency, anonymous_allowed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = Person.objects.filter(agency=agency, active=True)
        self.fields["department"].queryset = Department.objects.filter(agency=agency)
        if not anonymous_allowed:
            del self.fields["anonymous"]


class StartReviewForm(forms.Form):
    note = forms.CharField(max_length=2000, required=False, label="Note", widget=forms.Textarea(attrs={"rows": 2}))


class FindingForm(forms.Form):
    substantiated = forms.TypedChoiceField(
        label="Finding", coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        choices=[("yes", "A violation was found: record the non-compliance"),
                 ("no", "No violation was found: close the report")])
    finding = forms.CharField(label="What the review found", widget=forms.Textarea(attrs={"rows": 4}))


class CloseReportForm(forms.Form):
    outcome = forms.ChoiceField(choices=[("", "— choose —"), *DisciplinaryOutcome.choices],
                                label="Disciplinary outcome")
    outcome_notes = forms.CharField(required=False, label="Notes", widget=forms.Textarea(attrs={"rows": 3}))


# --- exceptions ------------------------------------------------------------------------------------

class ExceptionForm(forms.Form):
    route = forms.ChoiceField(label="Kind of exception", choices=())
    department = forms.ModelChoiceField(queryset=Department.objects.none(), label="Requesting department")
    title = forms.CharField(max_length=200, label="Title")
    scope = forms.CharField(label="Scope of the exception", widget=forms.Textarea(attrs={"rows": 3}))
    justification = forms.CharField(label="Justification", widget=forms.Textarea(attrs={"rows": 3}))
    impacts = forms.CharField(required=False, label="Potential impacts", widget=forms.Textarea(attrs={"rows": 3}))
    risks = forms.CharField(required=False, label="Risks", widget=forms.Textarea(attrs={"rows": 3}))
    costs = forms.CharField(required=False, label="Costs of complying", widget=forms.Textarea(attrs={"rows": 2}))
    timeframes = forms.CharField(required=False, label="Timeframes for complying",
                                 widget=forms.Textarea(attrs={"rows": 2}))
    expires_on = forms.DateField(label="Ends on", widget=DATE, help_text="The date the exception would end.")

    def __init__(self, *args, agency=None, routes: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["route"].choices = [(key, r["description"][:120]) for key, r in (routes or {}).items()]
        self.fields["department"].queryset = Department.objects.filter(agency=agency)


class ResubmitForm(ExceptionForm):
    note = forms.CharField(required=False, label="What you changed", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["route"]
        del self.fields["department"]


class ApproveStepForm(forms.Form):
    note = forms.CharField(required=False, label="Note", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, last_step: bool = False, costs_question: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if last_step:
            self.fields["expires_on"] = forms.DateField(required=False, label="Ends on", widget=DATE,
                                                        help_text="Leave empty to keep the date requested.")
        if costs_question:
            self.fields["costs_passed_to_agency"] = forms.TypedChoiceField(
                label="Costs resulting from the exemption", coerce=lambda v: v == "yes", widget=forms.RadioSelect,
                choices=[("yes", "Passed to the agency"), ("no", "Not passed to the agency")])
            self.fields["cost_note"] = forms.CharField(max_length=500, required=False, label="Costs, and how charged")


class NoteForm(forms.Form):
    body = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 3}))


class RegisterFilterForm(forms.Form):
    state = forms.ChoiceField(required=False, label="Status", choices=[("", "All"), *ExceptionState.choices])
    expiry = forms.ChoiceField(required=False, label="Expiry", choices=[
        ("", "Any"), ("in_force", "In force"), ("expiring", "Expiring within 30 days"), ("expired", "Expired")])
    route = forms.ChoiceField(required=False, label="Kind", choices=())
    department = forms.ModelChoiceField(queryset=Department.objects.none(), required=False, label="Department",
                                        empty_label="All")
    q = forms.CharField(required=False, label="Search", max_length=100)

    def __init__(self, *args, agency, routes: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["route"].choices = [("", "All"), *[(k, k.replace("_", " ")) for k in routes]]
        self.fields["department"].queryset = Department.objects.filter(agency=agency)


# --- reviews --------------------------------------------------------------------------------------

class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(label="Reviewed on", widget=DATE)
    reviewers = forms.CharField(max_length=300, required=False, label="Reviewed by",
                                help_text="The people or organizations that took part.")
    outcome = forms.ChoiceField(choices=[("", "— choose —"), *ReviewOutcome.choices], label="Outcome")
    notes = forms.CharField(required=False, label="Notes", widget=forms.Textarea(attrs={"rows": 4}))
    next_due = forms.DateField(required=False, label="Next review due", widget=DATE,
                               help_text="Leave empty for the latest date the policy allows.")
