"""`{% outbox_person_key %}`: the opaque key of the signed-in person's offline outbox."""

from django import template

from lms.offline import offline_key

register = template.Library()


@register.simple_tag(takes_context=True)
def outbox_offline_key(context):
    user = context.get("user")
    return offline_key(user) if user is not None and user.is_authenticated else ""
