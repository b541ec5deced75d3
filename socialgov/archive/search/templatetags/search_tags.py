from __future__ import annotations

from django import template

from socialgov.archive.search.selectors import record_url
from socialgov.archive.services.labels import current_label

register = template.Library()


@register.simple_tag
def record_href(agency_slug: str, record_id: int) -> str:
    """The record page's URL, or "" while there is none (the result then shows no link)."""
    return record_url(agency_slug, record_id) or ""


@register.simple_tag(takes_context=True)
def record_label_state(context, record) -> dict:
    """For ``search/_label_form.html``: the record's current confidential label and whether the user may change it."""
    user = context["request"].user
    return {"label": current_label(record), "can_label": user.has_perm("search.label_records", record.account)}
