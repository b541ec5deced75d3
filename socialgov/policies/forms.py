from django import forms

from socialgov.policies.packlib import shipped_packs


class AdoptPackForm(forms.Form):
    pack = forms.ChoiceField(label="Policy pack", choices=())
    confirm = forms.BooleanField(required=False, label="I have reviewed the differences and want this pack in force")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pack"].choices = [(name, name) for name in sorted(shipped_packs())]
