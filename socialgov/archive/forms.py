"""Forms of the archive's pages: starting an import from an uploaded export file."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from socialgov.accounts.workflows import AccountStatus
from socialgov.archive.capture import available

ALLOWED_SUFFIXES = (".zip", ".json", ".car", ".js")


class ImportStartForm(forms.Form):
    account = forms.ModelChoiceField(queryset=None, label="Account",
                                     help_text="The registered account whose export this is.")
    export_file = forms.FileField(label="Export file", help_text="The platform's export: a .zip (X, Facebook, "
                                  "Instagram, Mastodon archives), a .json or .js file, or a Bluesky .car repository.")
    format = forms.ChoiceField(label="Format", required=False,
                               help_text="Leave as detected unless the file is not recognized.")

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts
        self.fields["format"].choices = [("", "Detect from the file"), *[(name, name) for name in available()]]
        limit = filesizeformat(settings.ARCHIVE_UPLOAD_MAX_BYTES)
        self.fields["export_file"].help_text += f" At most {limit}; larger exports: the import command."
        self.fields["export_file"].widget.attrs["accept"] = ",".join(ALLOWED_SUFFIXES)

    def clean_export_file(self):
        upload = self.cleaned_data["export_file"]
        name = Path(upload.name or "").name
        if Path(name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(
                f'"{name}" is not an export file this page takes: choose a {", ".join(ALLOWED_SUFFIXES)} file.')
        limit = settings.ARCHIVE_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f'"{name}" is {filesizeformat(upload.size)}; the upload limit is {filesizeformat(limit)} '
                f"({limit} bytes, setting ARCHIVE_UPLOAD_MAX_BYTES). Import larger exports with "
                f"`socialgov import --account ID PATH`.")
        return upload


def importable_accounts(accounts):
    """Accounts an export may be imported into: those that publish or did (their records must be kept)."""
    return accounts.filter(status__in=[AccountStatus.ACTIVATED, AccountStatus.SUSPENDED,
                                       AccountStatus.DECOMMISSIONING, AccountStatus.DECOMMISSIONED]).order_by("name")
