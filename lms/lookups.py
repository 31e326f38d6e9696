"""``field__any=[ids]``: membership in a list passed as ONE parameter.

On PostgreSQL ``IN (%s, %s, …)`` with a supervisor's hundreds of enrollment ids cost
more than the query itself: psycopg parsed every placeholder and the planner every
literal, on every page. ``= ANY(%s)`` sends the list as a single array. Elsewhere
(SQLite) it is the usual ``IN``. Registered on every field in ``LmsConfig.ready()``.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db.models import Lookup


class AnyOf(Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def get_prep_lookup(self):
        field = self.lhs.output_field
        return [field.get_prep_value(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        if not self.rhs:
            raise EmptyResultSet
        placeholders = ", ".join(["%s"] * len(self.rhs))
        return f"{lhs} IN ({placeholders})", [*params, *self.rhs]

    def as_postgresql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*params, list(self.rhs)]
