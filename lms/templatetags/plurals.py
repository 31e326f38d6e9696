"""`|plural_number`: the counter for `{% blocktranslate count %}` when the count may be a
fraction, e.g. ``{% blocktranslate count n=hours|plural_number with hours=hours %}``."""

from django import template

from lms.plurals import plural_number as _plural_number

register = template.Library()


@register.filter
def plural_number(value):
    return _plural_number(value)
