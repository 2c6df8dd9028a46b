"""``{% org_options choices selected %}``: the <option>s of an organization drop-down.

Built in Python with the standard library's escape: a template loop (or ``format_html`` per
option) over a thousand organizations cost more than the rest of a list page together."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def org_options(choices: Iterable[tuple[int, str]], selected: Any = None) -> SafeString:
    """``selected`` is an organization, an id or the raw query value (``"12"``)."""
    chosen = str(getattr(selected, "pk", selected) or "")
    return mark_safe(  # every value below is an int or escaped
        "".join(
            f'<option value="{int(pk)}"{" selected" if str(pk) == chosen else ""}>'
            f"{html.escape(name)}</option>"
            for pk, name in choices
        )
    )
