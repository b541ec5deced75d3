"""Who is acting, from where, in which request: set by middleware, read by the audit service."""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    ip_address: str | None = None
    via: str = "web"


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "socialgov_request", default=None
)


def current() -> RequestContext:
    return _current.get() or RequestContext(request_id="", via="system")


@contextmanager
def acting(*, via: str, ip_address: str | None = None, request_id: str | None = None) -> Iterator[RequestContext]:
    ctx = RequestContext(request_id=request_id or uuid.uuid4().hex, ip_address=ip_address, via=via)
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
