"""``{% org_options choices selected %}``: the <option>s of an organization drop-down.

Built in Python with ``format_html_join``: a template loop over a thousand organizations
cost more than the rest of a list page together."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

SELECTED = mark_safe(" selected")


@register.simple_tag
def org_options(choices: Iterable[tuple[int, str]], selected: Any = None) -> SafeString:
    """``selected`` is an organization, an id or the raw query value (``"12"``)."""
    chosen = str(getattr(selected, "pk", selected) or "")
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((pk, SELECTED if str(pk) == chosen else "", name) for pk, name in choices),
    )
