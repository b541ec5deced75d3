"""Refusing an export upload over ARCHIVE_UPLOAD_MAX_BYTES while it streams in, before it fills the disk.

Django writes an upload to a temporary file before any view or form sees it, so a size check in the form
comes only after a 50 GB upload has filled the disk. ``UploadLimitHandler`` runs first in the request's
chain of upload handlers: it refuses a request whose declared Content-Length is over the limit before the
first byte of its file is read, and counts the file bytes as they arrive (a client whose Content-Length
lies), stopping the upload before the chunk that would pass the limit reaches the handlers that write.
The refusal is kept on the handler for the page to explain; nothing is stored.

The reverse proxy's own body limit (docs/deployment.md) is the first line of defence; this is the second.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect

# Room for the form's other fields and the multipart framing, so that a file of exactly the limit is
# not refused for the few hundred bytes around it; the bytes of the file itself are counted exactly.
FORM_OVERHEAD = 64 * 1024


@dataclass(frozen=True)
class UploadRefusal:
    """Why an upload was stopped: ``size`` bytes were declared for the whole request, or counted so far."""

    file_name: str
    size: int
    declared: bool


class UploadLimitHandler(FileUploadHandler):
    """Stops a multipart upload whose files would pass ``limit`` bytes; install it first in the chain."""

    def __init__(self, request: HttpRequest | None = None, *, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.declared_length = 0
        self.received = 0
        self.refusal: UploadRefusal | None = None

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None) -> None:
        self.declared_length = content_length
        return None  # the parser goes on; the refusal comes with the first file, after the CSRF token field

    def new_file(self, field_name, file_name, *args, **kwargs) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        if self.declared_length > self.limit + FORM_OVERHEAD:
            self._refuse(UploadRefusal(file_name, self.declared_length, declared=True))

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)  # across all files of the request: many small ones fill a disk too
        if self.received > self.limit:
            self._refuse(UploadRefusal(self.file_name, self.received, declared=False))
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the handlers after this one make the file

    def _refuse(self, refusal: UploadRefusal) -> None:
        self.refusal = refusal
        # The parser closes (so deletes) the temporary files of the handlers after this one and stops
        # reading the body; the connection is closed after the response rather than read to its end.
        raise StopUpload(connection_reset=True)


def upload_limited(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run ``view`` with an ``UploadLimitHandler`` (ARCHIVE_UPLOAD_MAX_BYTES) first among the upload handlers.

    The handlers must be set before the CSRF middleware reads the body, so the middleware's check is
    skipped (``csrf_exempt``) and the same check runs after the handler is installed (``csrf_protect``).
    """
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        request.upload_handlers.insert(0, UploadLimitHandler(request, limit=settings.ARCHIVE_UPLOAD_MAX_BYTES))
        return protected(request, *args, **kwargs)

    return wrapper


def upload_refusal(request: HttpRequest) -> UploadRefusal | None:
    """The refusal of this request's upload by an ``UploadLimitHandler``, if it was refused."""
    request.FILES  # noqa: B018 -- parse the body first: the refusal happens while it is read
    return next((h.refusal for h in request.upload_handlers if isinstance(h, UploadLimitHandler)), None)
