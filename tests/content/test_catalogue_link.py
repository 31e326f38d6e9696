import pytest
from wagtail.models import Locale

from tests.factories import catalogue_page

pytestmark = pytest.mark.django_db


def test_navigation_catalogue_link_finds_the_catalogue_in_the_readers_language(client):
    catalogue = catalogue_page()
    response = client.get("/courses/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{catalogue.slug}/")
    assert 'href="/courses/"' in client.get("/").content.decode()

    # No Arabic catalogue yet: Arabic readers land on the original.
    assert client.get("/ar/courses/")["Location"].endswith(f"/{catalogue.slug}/")
    arabic = catalogue.copy_for_translation(Locale.objects.get_or_create(language_code="ar")[0],
                                            copy_parents=True)
    arabic.save_revision().publish()
    assert client.get("/ar/courses/")["Location"].startswith("/ar/")


def test_navigation_catalogue_link_is_404_without_a_catalogue(client):
    assert client.get("/courses/").status_code == 404
