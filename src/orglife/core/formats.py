"""How amounts and dates read to a person, the same on every page and in every export.

Loaded as a template builtin (settings ``TEMPLATES`` ``builtins``), so ``{{ x|money }}``
works in every template without ``{% load %}``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils import timezone

register = template.Library()

# Excel's number format for the same look: "1,500.00 元", the cell still a number.
MONEY_XLSX_FORMAT = '#,##0.00" 元"'


@register.filter
def money(value: Decimal | float | int | str | None) -> str:
    """``2000`` → ``"2,000.00 元"``; nothing → ``""``."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value)).quantize(Decimal("0.01"))
    return f"{amount:,.2f} 元"


def local_date(moment: datetime) -> date:
    """The calendar day of a stored moment where the users are (TIME_ZONE), not in UTC."""
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
