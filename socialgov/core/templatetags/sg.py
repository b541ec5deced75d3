from django import template
from django.forms import BoundField

register = template.Library()

_WIDGET_CLASSES = {"select": "usa-select", "textarea": "usa-textarea", "checkbox": "usa-checkbox__input"}


@register.inclusion_tag("components/field.html")
def field(bound: BoundField) -> dict:
    """A form field in USWDS markup, with its hint and errors tied to it for screen readers."""
    widget = bound.field.widget
    kind = getattr(widget, "input_type", None) or ("textarea" if widget.__class__.__name__ == "Textarea" else "")
    css = _WIDGET_CLASSES.get(kind, "usa-input")
    if bound.errors:
        css += " usa-input--error"
    described = []
    if bound.help_text:
        described.append(f"{bound.auto_id}-hint")
    described += [f"{bound.auto_id}-error-{i}" for i in range(1, len(bound.errors) + 1)]
    widget.attrs["class"] = css
    if described:
        widget.attrs["aria-describedby"] = " ".join(described)
    return {"field": bound}


@register.simple_tag(takes_context=True)
def query_without(context, *names: str) -> str:
    """The current query string without ``names`` (for pagination links that keep filters)."""
    params = context["request"].GET.copy()
    for name in names:
        params.pop(name, None)
    encoded = params.urlencode()
    return f"{encoded}&" if encoded else ""
