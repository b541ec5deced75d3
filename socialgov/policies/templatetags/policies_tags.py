from django import template

register = template.Library()


@register.simple_tag
def trail(*pairs: str) -> list[tuple[str, str]]:
    """Breadcrumb links from label, url, label, url...: ``{% trail "Policy" url as crumbs %}``."""
    return list(zip(pairs[::2], pairs[1::2], strict=True))


@register.filter
def role_list(labels) -> str:
    items = list(labels)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
