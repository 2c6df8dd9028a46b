"""Date arithmetic in SQL for the two databases orglife runs on (SQLite, PostgreSQL).

Django has no portable "date plus n days" where n is a column; derived dates that lists
filter and count on (a 长期坚持 item's next progress date) need one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import DateField, Func


class AddDays(Func):
    """``date + days`` as a date, where both may be columns or expressions."""

    arity = 2
    output_field = DateField()
    # PostgreSQL: date + integer is a date.
    template = "(%(expressions)s)"
    arg_joiner = " + "

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        # SQLite keeps dates as 'YYYY-MM-DD' text; date() adds an 'N days' modifier.
        return self.as_sql(
            compiler,
            connection,
            template="date(%(expressions)s || ' days')",
            arg_joiner=", ",
            **extra_context,
        )
