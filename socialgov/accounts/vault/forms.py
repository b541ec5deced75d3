from __future__ import annotations

from django import forms

from socialgov.accounts.vault.models import SecretKind
from socialgov.accounts.vault.passwords import MAX_LENGTH

_NO_HELPERS = {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "off", "autocorrect": "off"}


def password_hint(min_length: int) -> str:
    """KY-03: the checks, said before anyone types (NIST SP 800-63B: no composition rules)."""
    return (f"At least {min_length} characters. Any letters, digits, spaces, symbols or other scripts; a few "
            "unrelated words make a long one easy to type. Refused: common or breached passwords, the names of "
            "the agency, platform or account, and repetitive or sequential strings. Nothing else is required.")


def _value_field(kind: str, min_length: int) -> forms.CharField:
    """The value exactly as typed: never stripped (spaces count), never shown back on an error."""
    if kind == SecretKind.RECOVERY_CODES:
        widget: forms.Widget = forms.Textarea(attrs={"rows": 6, **_NO_HELPERS})
        help_text = "Paste the codes as the platform gave them, one per line."
    elif kind == SecretKind.PASSWORD:
        widget = forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"})
        help_text = password_hint(min_length)
    else:
        widget = forms.PasswordInput(render_value=False, attrs=dict(_NO_HELPERS))
        help_text = "Paste the token exactly as the platform issued it."
    return forms.CharField(label=SecretKind(kind).label, strip=False, widget=widget, help_text=help_text,
                           max_length=MAX_LENGTH if kind == SecretKind.PASSWORD else None)


class SecretForm(forms.Form):
    """A new secret (with ``label``) or a new value for an existing one (without)."""

    label = forms.CharField(label="Name", max_length=100,
                            help_text="What this is, for example “Main sign-in” or “Scheduling tool token”.")
    note = forms.CharField(label="Why it is set or changed (optional)", max_length=300, required=False,
                           help_text="For example “scheduled change”, “Ari left the agency”, “new token”. "
                                     "Never the value itself.")

    def __init__(self, *args, kind: str, min_length: int, with_label: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_label:
            del self.fields["label"]
        self.fields["value"] = _value_field(kind, min_length)
        self.order_fields(["label", "value", "note"])


class RevealForm(forms.Form):
    reason = forms.CharField(label="Why do you need to see it?", max_length=500,
                             widget=forms.TextInput(attrs={"autocomplete": "off"}),
                             help_text="Recorded in the audit trail and sent to the other custodians.")


class CustodianAddForm(forms.Form):
    person = forms.ModelChoiceField(label="Person", queryset=None, empty_label="Choose a person",
                                    help_text="People of the agency with a working sign-in.")

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = candidates


class CustodianRemoveForm(forms.Form):
    reason = forms.CharField(label="Reason", max_length=500, help_text="For example “moved to another unit”.")
