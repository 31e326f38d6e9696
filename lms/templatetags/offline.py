"""Tags for the offline client (lms/offline.py, js/offline.js)."""

from django import template
from django.utils.html import json_script
from django.utils.translation import gettext as _

from lms.offline import offline_key as _offline_key

register = template.Library()


@register.simple_tag(takes_context=True)
def offline_key(context) -> str:
    """The signed-in person's offline key (empty for anonymous visitors)."""
    request = context.get("request")
    return _offline_key(getattr(request, "user", None))


@register.simple_tag
def offline_texts():
    """The sentences of the "Available offline" buttons, for the page's script: once per
    page that shows such a button. Words in braces are filled in by the script."""
    return json_script({
        "reading": _("Finding out how much this course takes…"),
        "size": _("Lessons, knowledge checks, images and documents: {size}."),
        "videos": _("Videos ({count}) are not saved: read their transcripts offline."),
        "media": _("Also save the audio ({size})"),
        "download": _("Download {size}"),
        "progress": _("Saving for offline: {done} of {total}."),
        "saved": _("Saved for offline ({size}). It opens from My learning without a "
                   "connection."),
        "saved_before": _("Saved for offline on this device."),
        "removed": _("Removed from this device."),
        "failed": _("Not saved: {count} files did not download. Check the connection "
                    "and try again."),
        "unreachable": _("Could not reach Sanad. Try again when you are online."),
    }, "sanad-offline-text")
