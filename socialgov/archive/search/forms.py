from __future__ import annotations

from django import forms

from socialgov.accounts.platforms import choices as platform_choices
from socialgov.archive.capture import ItemKind
from socialgov.archive.search.services import SearchError, SearchQuery, check_query

KIND_LABELS = {ItemKind.POST: "Posts", ItemKind.COMMENT: "Comments", ItemKind.REPLY: "Replies",
               ItemKind.REPOST: "Reposts", ItemKind.MESSAGE: "Messages", ItemKind.MEDIA: "Media"}
_TRISTATE = {
    "deleted": ("Deleted on the platform", [("include", "Include"), ("exclude", "Leave out"), ("only", "Only these")]),
    "edited": ("Edited (more than one version)", [("include", "Include"), ("exclude", "Leave out"),
                                                  ("only", "Only these")]),
    "hidden": ("Hidden or removed", [("include", "Include"), ("exclude", "Leave out"), ("only", "Only these")]),
}


class SearchForm(forms.Form):
    """The search page's GET form; the API reads the same parameters through it."""

    q = forms.CharField(required=False, max_length=500, label="Words to find",
                        help_text='Every word must appear. Put a phrase between " marks, e.g. "summer camp".')
    account = forms.TypedMultipleChoiceField(required=False, coerce=int, label="Accounts",
                                             widget=forms.CheckboxSelectMultiple)
    platform = forms.MultipleChoiceField(required=False, label="Platforms", widget=forms.CheckboxSelectMultiple)
    author = forms.CharField(required=False, max_length=300, label="Author",
                             help_text="A handle (with or without @), a name or part of it, or a platform id.")
    kind = forms.MultipleChoiceField(required=False, label="Kinds", widget=forms.CheckboxSelectMultiple,
                                     choices=[(k.value, KIND_LABELS[k]) for k in ItemKind])
    date_from = forms.DateField(required=False, label="From (created on or after)",
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label="To (created on or before)",
                              widget=forms.DateInput(attrs={"type": "date"}))
    versions = forms.ChoiceField(required=False, label="Versions", initial="current", widget=forms.RadioSelect,
                                 choices=[("current", "Current versions only"),
                                          ("all", "Earlier versions too")])
    deleted = forms.ChoiceField(required=False, label=_TRISTATE["deleted"][0], choices=_TRISTATE["deleted"][1],
                                initial="include", widget=forms.RadioSelect)
    edited = forms.ChoiceField(required=False, label=_TRISTATE["edited"][0], choices=_TRISTATE["edited"][1],
                               initial="include", widget=forms.RadioSelect)
    hidden = forms.ChoiceField(required=False, label=_TRISTATE["hidden"][0], choices=_TRISTATE["hidden"][1],
                               initial="include", widget=forms.RadioSelect)
    order = forms.ChoiceField(required=False, label="Order", initial="newest", widget=forms.RadioSelect,
                              choices=[("newest", "Newest first"), ("relevance", "Best match first")])

    FIELD_OF = {"text": "q", "account_ids": "account", "platforms": "platform", "kinds": "kind"}

    def __init__(self, data=None, *args, accounts=(), platforms=(), **kwargs):
        if data is not None:  # a choice left out of the URL is its default, and the page shows it chosen
            data = data.copy()
            for name, field in self.base_fields.items():
                if field.initial is not None and not data.get(name):
                    data[name] = field.initial
        super().__init__(data, *args, **kwargs)
        self.fields["account"].choices = [(a.pk, a.name) for a in accounts]
        names = dict(platform_choices())
        self.fields["platform"].choices = [(p, names.get(p, p)) for p in platforms]
        self.query: SearchQuery | None = None
        for bound in self.fields.values():
            if isinstance(bound.widget, forms.CheckboxSelectMultiple):
                bound.widget.attrs["class"] = "usa-checkbox__input"
            elif isinstance(bound.widget, forms.RadioSelect):
                bound.widget.attrs["class"] = "usa-radio__input"

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        query = SearchQuery(
            text=data.get("q") or "", account_ids=tuple(data.get("account") or ()),
            platforms=tuple(data.get("platform") or ()), author=data.get("author") or "",
            kinds=tuple(data.get("kind") or ()), date_from=data.get("date_from"), date_to=data.get("date_to"),
            versions=data.get("versions") or "current", deleted=data.get("deleted") or "include",
            edited=data.get("edited") or "include", hidden=data.get("hidden") or "include")
        try:
            check_query(query)
        except SearchError as exc:
            self.add_error(self.FIELD_OF.get(exc.field, exc.field), exc.message)
        else:
            self.query = query
        return data


class SaveSearchForm(forms.Form):
    name = forms.CharField(max_length=200, label="Name of the saved search",
                           help_text="E.g. the records request it answers: “OPRA 2026-014, pool closures”.")


class LabelForm(forms.Form):
    reason = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="E.g. the record reveals case-specific information.")
