"""Forms of the archive's pages: starting an import from an uploaded export file."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from socialgov.accounts.workflows import AccountStatus
from socialgov.archive.capture import available
from socialgov.archive.uploads import UploadRefusal

ALLOWED_SUFFIXES = (".zip", ".json", ".car", ".js")


class ImportStartForm(forms.Form):
    account = forms.ModelChoiceField(queryset=None, label="Account",
                                     help_text="The registered account whose export this is.")
    export_file = forms.FileField(label="Export file", help_text="The platform's export: a .zip (X, Facebook, "
                                  "Instagram, Mastodon archives), a .json or .js file, or a Bluesky .car repository.")
    format = forms.ChoiceField(label="Format", required=False,
                               help_text="Leave as detected unless the file is not recognized.")

    def __init__(self, *args, accounts, refused_upload: UploadRefusal | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # An upload stopped while it streamed in never reaches request.FILES: say why, not "required".
        self.refused_upload = refused_upload
        self.fields["export_file"].required = refused_upload is None
        self.fields["account"].queryset = accounts
        self.fields["format"].choices = [("", "Detect from the file"), *[(name, name) for name in available()]]
        limit = filesizeformat(settings.ARCHIVE_UPLOAD_MAX_BYTES)
        self.fields["export_file"].help_text += f" At most {limit}; larger exports: the import command."
        self.fields["export_file"].widget.attrs["accept"] = ",".join(ALLOWED_SUFFIXES)

    def clean_export_file(self):
        if (refused := self.refused_upload) is not None:
            size = filesizeformat(refused.size)
            raise forms.ValidationError(too_large(refused.file_name, f"about {size}" if refused.declared
                                                  else f"at least {size}"))
        upload = self.cleaned_data["export_file"]
        name = Path(upload.name or "").name
        if Path(name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(
                f'"{name}" is not an export file this page takes: choose a {", ".join(ALLOWED_SUFFIXES)} file.')
        if upload.size > settings.ARCHIVE_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(too_large(name, filesizeformat(upload.size)))
        return upload


def too_large(name: str, size: str) -> str:
    """The refusal of an export file over ARCHIVE_UPLOAD_MAX_BYTES, naming the limit and where to go instead."""
    limit = settings.ARCHIVE_UPLOAD_MAX_BYTES
    return (f'"{Path(name or "").name}" is {size}; the upload limit is {filesizeformat(limit)} ({limit} bytes, '
            "setting ARCHIVE_UPLOAD_MAX_BYTES). Import larger exports with `socialgov import --account ID PATH`.")


def importable_accounts(accounts):
    """Accounts an export may be imported into: those that publish or did (their records must be kept)."""
    return accounts.filter(status__in=[AccountStatus.ACTIVATED, AccountStatus.SUSPENDED,
                                       AccountStatus.DECOMMISSIONING, AccountStatus.DECOMMISSIONED]).order_by("name")
