from __future__ import annotations

from django.utils import timezone
from rest_framework import authentication, exceptions

from socialgov.core.models import ApiToken
from socialgov.core.services import token_digest


class HashedTokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token sg_…``, looked up by its SHA-256 digest."""

    def authenticate_credentials(self, key: str):
        token = ApiToken.objects.select_related("user").filter(digest=token_digest(key)).first()
        if token is None or not token.is_active or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid, expired or revoked token.")
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token
