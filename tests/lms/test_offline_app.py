"""The installable app: the manifest in each language, the service worker's view and
version, and the header that tells the worker whose page it is."""

import json

import pytest

from lms import offline
from tests.factories import TraineeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("prefix", "lang", "direction", "start"), [
    ("", "en", "ltr", "/learn/"),
    ("/fr", "fr", "ltr", "/fr/learn/"),
    ("/ar", "ar", "rtl", "/ar/learn/"),
])
def test_the_manifest_speaks_the_language_of_its_address(client, prefix, lang, direction,
                                                         start):
    response = client.get(f"{prefix}/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    data = json.loads(response.content)
    assert data["lang"] == lang
    assert data["dir"] == direction
    assert data["start_url"] == start
    assert data["scope"] == "/"
    assert data["id"] == "/"
    assert data["theme_color"] == "#0b6e4f"
    assert data["background_color"] == "#ffffff"
    assert data["name"] and data["short_name"]


def test_the_manifest_names_png_icons_of_192_and_512_and_the_svg(client):
    icons = json.loads(client.get("/manifest.webmanifest").content)["icons"]
    sizes = {(icon["sizes"], icon["type"], icon["purpose"]) for icon in icons}
    assert ("192x192", "image/png", "any") in sizes
    assert ("512x512", "image/png", "any") in sizes
    assert ("512x512", "image/png", "maskable") in sizes
    assert ("any", "image/svg+xml", "any") in sizes
    from django.contrib.staticfiles import finders
    from PIL import Image

    for size in (192, 512):
        with Image.open(finders.find(f"img/icons/sanad-{size}.png")) as image:
            assert image.size == (size, size)


def test_every_page_links_the_manifest_of_its_language(client):
    assert '<link rel="manifest" href="/ar/manifest.webmanifest">' in client.get(
        "/ar/accounts/login/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in client.get(
        "/accounts/login/").content.decode()


def test_the_service_worker_is_served_from_the_root_with_its_headers(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    version = offline.worker_config()["version"]
    assert response["ETag"] == f'"{version}"'
    assert f'"version": "{version}"' in body
    # Never taken over under an open page.
    assert "skipWaiting()" not in body
    # Asked again with the ETag: nothing to download.
    again = client.get("/sw.js", headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_the_worker_keeps_the_static_files_and_the_fallback_in_every_language(client):
    config = offline.worker_config()
    assert "/static/css/sanad.css" in config["static"]
    assert "/static/js/offline.js" in config["static"]
    assert set(config["fallback"]) == {"en", "fr", "ar"}
    assert config["fallback"]["ar"]["dir"] == "rtl"
    assert config["fallback"]["ar"]["url"] == "/ar/learn/"


def test_a_change_to_a_static_file_gives_a_new_worker_version(tmp_path, settings):
    from django.contrib.staticfiles import finders

    before = offline.worker_config()["version"]
    assert offline.worker_config()["version"] == before  # stable while nothing changes
    # The same file found first in another folder, with other contents: a new deploy.
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "sanad.css").write_text("body { color: black; }")
    settings.STATICFILES_DIRS = [tmp_path, *settings.STATICFILES_DIRS]
    finders.get_finder.cache_clear()
    try:
        assert offline.worker_config()["version"] != before
    finally:
        settings.STATICFILES_DIRS = settings.STATICFILES_DIRS[1:]
        finders.get_finder.cache_clear()
    assert offline.worker_config()["version"] == before


def test_the_worker_imports_the_outbox_only_once_it_exists(monkeypatch):
    monkeypatch.setattr(offline, "_outbox_available", lambda: False)
    without = offline.worker_config()
    assert without["outbox"] == ""
    monkeypatch.setattr(offline, "_outbox_available", lambda: True)
    monkeypatch.setattr(offline, "_static_fingerprint", lambda name: name)
    with_outbox = offline.worker_config()
    assert with_outbox["outbox"].endswith("js/outbox.js")
    assert with_outbox["outbox"] in with_outbox["static"]
    assert with_outbox["version"] != without["version"]


def test_signed_in_pages_carry_the_offline_key_and_anonymous_ones_do_not(client):
    anonymous = client.get("/accounts/login/")
    assert offline.OFFLINE_KEY_HEADER not in anonymous
    assert b"sanad-offline-key" not in anonymous.content
    assert b"js/offline.js" not in anonymous.content
    trainee = TraineeFactory(email="layla@example.org")
    client.force_login(trainee)
    response = client.get("/learn/")
    key = offline.offline_key(trainee)
    assert response[offline.OFFLINE_KEY_HEADER] == key
    page = response.content.decode()
    assert f'<meta name="sanad-offline-key" content="{key}">' in page
    assert 'src="/static/js/offline.js" data-worker="/sw.js" defer' in page
    assert 'id="offline-banner"' in page


def test_offline_keys_are_opaque_and_one_per_person():
    first, second = TraineeFactory(email="one@example.org"), TraineeFactory(
        email="two@example.org")
    key = offline.offline_key(first)
    assert key == offline.offline_key(first)
    assert key != offline.offline_key(second)
    assert "one" not in key and str(first.pk) != key
    assert len(key) == 32


def test_json_and_files_are_not_marked(client):
    trainee = TraineeFactory()
    client.force_login(trainee)
    assert offline.OFFLINE_KEY_HEADER not in client.get("/manifest.webmanifest")
    assert offline.OFFLINE_KEY_HEADER not in client.get("/sw.js")
