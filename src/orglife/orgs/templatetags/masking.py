"""``{{ value|mask:reveal }}``: the value masked, unless ``reveal`` (decided by the view)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template

from orglife.core.masking import mask as mask_value

register = template.Library()


@register.filter
def mask(value: Any, reveal: bool = False) -> str:
    if reveal:
        if isinstance(value, date):
            return value.isoformat()
        return "" if value is None else str(value)
    return mask_value(value)
