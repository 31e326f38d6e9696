from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import get_language
from wagtail.models import Locale

from .models import CatalogueIndexPage


def catalogue(request):
    """Send the reader to the live catalogue in their language (or the original one).

    The navigation links here rather than to a fixed path, so trainers may move or
    rename the catalogue page without breaking every page's menu.
    """
    catalogues = CatalogueIndexPage.objects.live()
    page = catalogues.filter(locale=Locale.get_active()).first() if get_language() else None
    page = page or catalogues.order_by("id").first()
    if page is None:
        raise Http404
    return redirect(page.get_url(request))
