from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse

from socialgov.core import context


class RequestContextMiddleware:
    """Gives each request an id (echoed as X-Request-ID) that logs and audit events carry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = uuid.uuid4().hex
        via = "api" if request.path.startswith("/api/") else "web"
        with context.acting(via=via, ip_address=request.META.get("REMOTE_ADDR"), request_id=request_id):
            request.request_id = request_id
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response
