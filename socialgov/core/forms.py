from django import forms


class AuditFilterForm(forms.Form):
    action = forms.CharField(required=False, label="Action starts with",
                             help_text="For example agencies.designation")
    actor = forms.CharField(required=False, label="Actor")
    target = forms.CharField(required=False, label="Target")
    since = forms.DateField(required=False, label="From date", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="To date", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"] = forms.ModelChoiceField(queryset=agencies, required=False, label="Agency",
                                                           empty_label="All agencies")

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError("The 'from' date is after the 'to' date.")
        return data


class ApiTokenForm(forms.Form):
    name = forms.CharField(max_length=100, label="Token name",
                           help_text="What will use it, for example 'records export script'.")


