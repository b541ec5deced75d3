from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from socialgov.accounts.models import Account
from socialgov.classifiers import LABELS
from socialgov.moderation import policy
from socialgov.moderation.workflows import CaseStatus, DecisionKind, Severity


class QueueFilterForm(forms.Form):
    account = forms.ModelChoiceField(queryset=Account.objects.none(), required=False, empty_label="All accounts")
    severity = forms.ChoiceField(required=False, choices=[("", "Any severity"), *Severity.choices])
    label = forms.ChoiceField(required=False, label="Finding",
                              choices=[("", "Any finding"), *((k, v.title) for k, v in LABELS.items())])
    status = forms.ChoiceField(required=False, choices=[("", "Waiting (open or pending)"), *CaseStatus.choices])
    assigned_to = forms.ModelChoiceField(queryset=get_user_model().objects.none(), required=False,
                                         label="Assigned moderator", empty_label="Anyone")
    # Set by the queue's links (not shown as fields): show low-severity cases; only removals to approve.
    low = forms.BooleanField(required=False, label="Show low severity")
    to_approve = forms.BooleanField(required=False, label="Removals waiting for your approval")

    def __init__(self, *args, accounts, moderators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts
        self.fields["assigned_to"].queryset = moderators
        self.fields["assigned_to"].label_from_instance = lambda u: getattr(getattr(u, "person", None), "full_name",
                                                                            u.username)


class DecisionForm(forms.Form):
    """The decision itself is the button pressed (``kind``); the rest is what the record keeps."""

    kind = forms.ChoiceField(choices=DecisionKind.choices, widget=forms.HiddenInput,
                             error_messages={"required": "Choose a decision (press one of the decision buttons)."})
    category = forms.ChoiceField(required=False, label="Policy category", choices=policy.category_choices,
                                 help_text="The rule of the comment policy the comment breaks (hide and remove "
                                           "need one), with the requirement it comes from.")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Reason",
                             error_messages={"required": "Give the reason for this decision; it is kept with it."})
    notify_author = forms.BooleanField(required=False, label="Notify the author (the administrator sends the "
                                                             "notice below on the platform)")
    author_notice = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                    label="Notice to the author",
                                    help_text="From the pack's template; edit it as needed.")
    escalated_to = forms.CharField(required=False, max_length=500, label="Escalated to (who was told)",
                                   help_text="For an escalation: e.g. 'PIO Pat Park; hotline 419-213-2273'.")
    told_at = forms.DateTimeField(required=False, label="When they were told",
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                  help_text="For an escalation; leave empty for now.")
    referral_reference = forms.CharField(required=False, max_length=200, label="Referral reference",
                                         help_text="For an urgent case: the reference the hotline gave.")


class ApprovalForm(forms.Form):
    kind = forms.ChoiceField(choices=[(DecisionKind.APPROVE_REMOVAL, "Approve"),
                                      (DecisionKind.DECLINE_REMOVAL, "Decline")], widget=forms.HiddenInput)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Reason (second person)",
                             error_messages={"required": "Give the reason for approving or declining."})


class ReopenForm(forms.Form):
    prefix = "reopen"  # its reason field must not clash with the decision form's on the same page
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Reason for reopening",
                             error_messages={"required": "Give the reason for reopening the case; it is kept "
                                                         "with it."})


class TaskDoneForm(forms.Form):
    note = forms.CharField(required=False, max_length=1000, label="Note (optional)",
                           help_text="E.g. when it was done on the platform, or how the notice was sent.")


class ReportFilterForm(forms.Form):
    since = forms.DateField(required=False, label="From date", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="To date", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError("The 'from' date is after the 'to' date.")
        return data


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=get_user_model().objects.none(), required=False,
                                      label="Assigned moderator", empty_label="Nobody (unassigned)")

    def __init__(self, *args, moderators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = moderators
        self.fields["assignee"].label_from_instance = lambda u: getattr(getattr(u, "person", None), "full_name",
                                                                         u.username)
